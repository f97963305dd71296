// Grid search: the grid, successive-halving schedules, exhaustive and halving searches on a tiny
// synthetic dataset in a temporary project, resume after cancel/limit, and the leaderboard.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/common/error.h"
#include "engine/hparams/hparams.h"
#include "engine/search/grid.h"
#include "engine/search/grid_search.h"
#include "engine/search/leaderboard.h"
#include "engine/search/merge.h"
#include "engine/model/model_file.h"
#include "engine/store/project.h"
#include "engine/store/searches.h"
#include "engine/train/run_store.h"

namespace fs = std::filesystem;
using namespace flowcnn;
using search::Grid;

namespace {

class TempDir {
  public:
    TempDir() {
        std::string t = (fs::temp_directory_path() / "flowcnn-search-XXXXXX").string();
        if (!mkdtemp(t.data())) throw std::runtime_error("mkdtemp failed");
        path_ = t;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (path_ / name).string(); }

  private:
    fs::path path_;
};

// A project with one dataset of `classes` classes: `train` and `val` flows per class whose
// payloads carry a class-specific byte pattern (learnable in one epoch) plus noise.
std::int64_t make_project(const std::string& path, int classes = 3, int train = 24, int val = 8) {
    auto project = store::Project::create(path);
    auto& db = project.db();
    store::Transaction tx(db);
    db.exec(
        "INSERT INTO captures(id, path, name, format, imported_at, status) "
        "VALUES(1, 'synthetic', 'synthetic', 'pcap', '2026-01-01T00:00:00Z', 'complete')");
    db.exec(
        "INSERT INTO datasets(id, name, created_at, fill_mode) "
        "VALUES(1, 'tiny', '2026-01-01T00:00:00Z', 'repeat')");
    auto cls =
        db.prepare("INSERT INTO dataset_classes(dataset_id, class_index, label) VALUES(1,?,?)");
    for (int c = 0; c < classes; ++c) cls.bind(1, c).bind(2, "app" + std::to_string(c)).run();
    auto flow = db.prepare(
        "INSERT INTO flows(capture_id, idx, l4proto, client_ip, client_port, server_ip, "
        "server_port, first_ns, last_ns, packets_c2s, packets_s2c, bytes_c2s, bytes_s2c, "
        "payload_len, head, end_reason, label) "
        "VALUES(1, ?, 6, '10.0.0.1', ?, '10.0.0.2', 443, 0, 1, 1, 1, 64, 64, ?, ?, 'fin', ?)");
    auto member = db.prepare(
        "INSERT INTO dataset_flows(dataset_id, flow_id, split, class_index) VALUES(1,?,?,?)");
    std::uint32_t rng = 12345;
    auto next = [&] {
        rng = rng * 1664525u + 1013904223u;
        return rng >> 24;
    };
    int idx = 0;
    for (int c = 0; c < classes; ++c) {
        for (int i = 0; i < train + val; ++i) {
            std::vector<std::uint8_t> head(200);
            for (std::size_t j = 0; j < head.size(); ++j) {
                const bool mark =
                    (j / 28 + static_cast<std::size_t>(c)) % static_cast<std::size_t>(classes) == 0;
                head[j] = static_cast<std::uint8_t>((mark ? 200 : 30) + next() % 40);
            }
            flow.bind(1, idx).bind(2, 1000 + idx).bind(3, static_cast<std::int64_t>(head.size()));
            flow.bind_blob(4, head).bind(5, "app" + std::to_string(c)).run();
            const auto id = db.last_insert_id();
            member.bind(1, id).bind(2, i < train ? "train" : "val").bind(3, c).run();
            ++idx;
        }
    }
    tx.commit();
    return 1;
}

// Four small configurations (two activations x two kernels), cheap to train.
Grid tiny_grid() {
    return Grid::parse(
        "conv=relu,tanh fc_act=relu kernel=3,5 pool=max padding=none fc=16 filters=4");
}

search::SearchSpec tiny_spec(std::int64_t dataset_id) {
    search::SearchSpec s;
    s.dataset_id = dataset_id;
    s.name = "tiny";
    s.grid = tiny_grid();
    s.options.epochs = 1;
    s.options.batch = 16;
    s.options.lr = 5e-3;
    s.options.seed = 7;
    return s;
}

search::Execution two_workers() {
    search::Execution e;
    e.workers = 2;
    e.threads_per_worker = 1;
    return e;
}

struct RunInfo {
    std::int64_t id;
    std::string key;
    int rung;
    std::string status;
};

std::vector<RunInfo> runs_of(const std::string& path, std::int64_t search_id) {
    auto p = store::Project::open(path, true);
    auto q = p.db().prepare(
        "SELECT id, trial_key, rung, status FROM runs WHERE search_id = ? ORDER BY id");
    q.bind(1, search_id);
    std::vector<RunInfo> out;
    while (q.step())
        out.push_back({q.int64(0), q.text(1), static_cast<int>(q.int64(2)), q.text(3)});
    return out;
}

std::int64_t scalar(const std::string& path, const std::string& sql) {
    auto p = store::Project::open(path, true);
    auto q = p.db().prepare(sql);
    EXPECT_TRUE(q.step());
    return q.int64(0);
}

}  // namespace

// ---- grid ----

TEST(SearchGrid, PaperGridHas1440CombinationsInTheModelOrder) {
    const Grid g = Grid::paper();
    EXPECT_EQ(g.size(), 1440u);
    const auto all = g.enumerate();
    ASSERT_EQ(all.size(), 1440u);
    EXPECT_EQ(all, model::default_grid());
    std::set<std::string> keys;
    for (auto& h : all) keys.insert(h.key());
    EXPECT_EQ(keys.size(), 1440u);
    EXPECT_EQ(g.at(1439), all.back());
    EXPECT_THROW(g.at(1440), ConfigError);
    // Model 5 of the paper is in the grid.
    EXPECT_NE(std::find(all.begin(), all.end(), model::paper_model(5)), all.end());
    EXPECT_EQ(Grid::parse("paper"), g);
    EXPECT_EQ(Grid::parse(""), g);
}

TEST(SearchGrid, ParsesTheCompactSpec) {
    const Grid g = Grid::parse(
        "conv=relu,leaky_relu kernel=5,7 pool=max padding=both,conv-only fc=1024 "
        "fc_act=leaky_relu");
    EXPECT_EQ(g.size(), 8u);
    EXPECT_EQ(g.conv_acts, (std::vector{model::Activation::ReLU, model::Activation::LeakyReLU}));
    EXPECT_EQ(g.kernels, (std::vector{5, 7}));
    EXPECT_EQ(g.paddings, (std::vector{model::Padding::Both, model::Padding::ConvOnly}));
    EXPECT_EQ(g.filters, (std::vector{32}));
    for (auto& h : g.enumerate()) {
        EXPECT_EQ(h.fc, 1024);
        EXPECT_EQ(h.fc_act, model::Activation::LeakyReLU);
        EXPECT_EQ(h.pool, model::Pooling::Max);
    }
    // Names not given keep the paper's values.
    EXPECT_EQ(Grid::parse("kernel=3").size(), 480u);
    EXPECT_EQ(Grid::parse("kernel=7x7 fc=256,512").size(), 320u);
    // Round trips through JSON (searches.grid_json) and the text form.
    EXPECT_EQ(Grid::from_json(g.to_json()), g);
    EXPECT_EQ(Grid::parse(g.to_json()), g);
    EXPECT_EQ(Grid::parse(g.to_spec()), g);
    EXPECT_EQ(Grid::parse(R"({"conv":["relu"],"kernel":[3,5]})").size(), 1u * 4 * 2 * 2 * 4 * 3);
}

TEST(SearchGrid, RejectsBadSpecs) {
    EXPECT_THROW(Grid::parse("colour=red"), ConfigError);
    EXPECT_THROW(Grid::parse("conv=swish"), ConfigError);
    EXPECT_THROW(Grid::parse("kernel=4"), ConfigError);    // even kernel
    EXPECT_THROW(Grid::parse("kernel=29"), ConfigError);   // does not fit
    EXPECT_THROW(Grid::parse("kernel=3,3"), ConfigError);  // duplicate
    EXPECT_THROW(Grid::parse("kernel=3 kernel=5"), ConfigError);
    EXPECT_THROW(Grid::parse("kernel="), ConfigError);
    EXPECT_THROW(Grid::parse("pool=median"), ConfigError);
    EXPECT_THROW(Grid::parse("padding=some"), ConfigError);
    EXPECT_THROW(Grid::parse("fc"), ConfigError);
    EXPECT_THROW(Grid::parse("{\"kernel\": [3,"), FormatError);
}

TEST(SearchPlan, SuccessiveHalvingSchedules) {
    search::HalvingParams h;
    h.min_epochs = 1;
    h.eta = 3;
    h.max_epochs = 10;
    auto r = search::plan_rungs(search::Mode::Halving, 1440, 10, h);
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[0].trials, 1440u);
    EXPECT_EQ(r[0].epochs, 1);
    EXPECT_EQ(r[1].trials, 480u);
    EXPECT_EQ(r[1].epochs, 3);
    EXPECT_EQ(r[2].trials, 160u);
    EXPECT_EQ(r[2].epochs, 9);
    EXPECT_EQ(r[3].trials, 54u);
    EXPECT_EQ(r[3].epochs, 10);

    h.eta = 2;
    h.max_epochs = 0;  // = the search's epochs
    r = search::plan_rungs(search::Mode::Halving, 4, 4, h);
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0].trials, 4u);
    EXPECT_EQ(r[1].trials, 2u);
    EXPECT_EQ(r[1].epochs, 2);
    EXPECT_EQ(r[2].trials, 1u);
    EXPECT_EQ(r[2].epochs, 4);

    // A single survivor goes straight to the full budget.
    h.eta = 4;
    r = search::plan_rungs(search::Mode::Halving, 4, 8, h);
    ASSERT_EQ(r.size(), 2u);
    EXPECT_EQ(r[1].trials, 1u);
    EXPECT_EQ(r[1].epochs, 8);

    r = search::plan_rungs(search::Mode::Exhaustive, 1440, 5, h);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].trials, 1440u);
    EXPECT_EQ(r[0].epochs, 5);

    h.eta = 1;
    EXPECT_THROW(search::plan_rungs(search::Mode::Halving, 4, 4, h), ConfigError);
    h.eta = 2;
    h.min_epochs = 5;
    EXPECT_THROW(search::plan_rungs(search::Mode::Halving, 4, 4, h), ConfigError);
}

// ---- searches ----

TEST(GridSearch, ExhaustiveRunsEveryTrialOnceAndRanksThem) {
    TempDir dir;
    const auto path = dir.file("p.flowcnn");
    const auto ds = make_project(path);

    std::vector<std::string> started, finished;
    std::size_t epochs_seen = 0, last_total = 0, last_finished = 0;
    search::SearchCallbacks cb;
    cb.on_trial_started = [&](const search::Trial& t) {
        started.push_back(t.key);
        EXPECT_GT(t.run_id, 0);
    };
    cb.on_trial_epoch = [&](const search::Trial&, const train::EpochMetrics& m) {
        EXPECT_EQ(m.epoch, 1);
        ++epochs_seen;
    };
    cb.on_trial_finished = [&](const search::Trial& t, const search::SearchProgress& p) {
        finished.push_back(t.key);
        EXPECT_EQ(t.status, "complete") << t.error;
        EXPECT_TRUE(t.val_acc.has_value());
        EXPECT_TRUE(p.best_run_id.has_value());
        last_total = p.total;
        last_finished = p.finished;
    };
    auto res = search::run_search(path, tiny_spec(ds), two_workers(), cb);
    EXPECT_EQ(res.status, "complete");
    EXPECT_EQ(res.trials_run, 4u);
    EXPECT_EQ(res.trials_total, 4u);
    EXPECT_EQ(res.trials_finished, 4u);
    EXPECT_EQ(started.size(), 4u);
    EXPECT_EQ(finished.size(), 4u);
    EXPECT_EQ(epochs_seen, 4u);
    EXPECT_EQ(last_total, 4u);
    EXPECT_EQ(last_finished, 4u);

    const auto runs = runs_of(path, res.search_id);
    ASSERT_EQ(runs.size(), 4u);
    std::set<std::string> keys;
    for (auto& r : runs) {
        keys.insert(r.key);
        EXPECT_EQ(r.status, "complete");
        EXPECT_EQ(r.rung, 0);
    }
    std::set<std::string> grid_keys;
    for (auto& h : tiny_grid().enumerate()) grid_keys.insert(h.key());
    EXPECT_EQ(keys, grid_keys);
    EXPECT_EQ(
        scalar(path,
               "SELECT count(*) FROM epochs e JOIN runs r ON r.id = e.run_id WHERE r.search_id = " +
                   std::to_string(res.search_id)),
        4);
    EXPECT_EQ(scalar(path, "SELECT count(*) FROM models"), 1);
    ASSERT_TRUE(res.best_run_id.has_value());
    EXPECT_EQ(scalar(path, "SELECT run_id FROM models"), *res.best_run_id);
    EXPECT_EQ(scalar(path, "SELECT best_run_id FROM searches WHERE id = " +
                               std::to_string(res.search_id)),
              *res.best_run_id);

    // The leaderboard ranks by val accuracy, best first, and the best is the search's best run.
    auto project = store::Project::open(path, true);
    auto board = search::leaderboard(project.db(), res.search_id);
    EXPECT_EQ(board.status, "complete");
    EXPECT_EQ(board.selection, "val");
    EXPECT_EQ(board.grid_size, 4u);
    ASSERT_EQ(board.rows.size(), 4u);
    EXPECT_EQ(board.rows[0].run_id, *res.best_run_id);
    EXPECT_NEAR(*board.rows[0].val_acc, res.best_metric, 1e-12);
    for (std::size_t i = 0; i < board.rows.size(); ++i) {
        EXPECT_EQ(board.rows[i].rank, static_cast<int>(i) + 1);
        EXPECT_EQ(board.rows[i].epochs, 1);
        EXPECT_EQ(board.rows[i].budget, 1);
        if (i) EXPECT_GE(*board.rows[i - 1].val_acc, *board.rows[i].val_acc);
    }

    // Sorting by a column, and back.
    auto rows = board.rows;
    search::sort_rows(rows, search::Column::Kernel);
    EXPECT_EQ(rows[0].hparams.kernel, 3);
    EXPECT_EQ(rows[3].hparams.kernel, 5);
    search::sort_rows(rows, search::Column::ConvAct, true);
    EXPECT_EQ(rows[0].hparams.conv_act, model::Activation::Tanh);
    search::sort_rows(rows, search::Column::Rank);
    for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(rows[i].run_id, board.rows[i].run_id);
    EXPECT_EQ(search::parse_column("val"), search::Column::ValAcc);
    EXPECT_FALSE(search::parse_column("colour").has_value());

    const auto table = search::format_table(board);
    EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 5);
    EXPECT_NE(table.find("rank"), std::string::npos);
    EXPECT_NE(table.find("complete *"), std::string::npos);
    const auto csv = search::to_csv(board);
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 5);
    EXPECT_EQ(csv.rfind("rank,run_id,trial_key,", 0), 0u);

    // Resuming a complete search does nothing.
    project = store::Project::open(path, true);
    auto again = search::resume_search(path, res.search_id, two_workers());
    EXPECT_EQ(again.status, "complete");
    EXPECT_EQ(again.trials_run, 0u);
    EXPECT_EQ(runs_of(path, res.search_id).size(), 4u);
}

TEST(GridSearch, SameSeedGivesTheSameResultsWithAnyNumberOfWorkers) {
    TempDir dir;
    const auto path = dir.file("p.flowcnn");
    const auto ds = make_project(path);
    const auto spec = tiny_spec(ds);
    search::Execution one;
    one.workers = 1;
    one.threads_per_worker = 1;
    auto a = search::run_search(path, spec, one);
    auto b = search::run_search(path, spec, two_workers());
    auto project = store::Project::open(path, true);
    auto by_key = [&](std::int64_t id) {
        std::map<std::string, std::pair<double, double>> out;
        for (auto& r : search::leaderboard(project.db(), id).rows)
            out[r.key] = {r.val_acc.value_or(-1), r.train_loss.value_or(-1)};
        return out;
    };
    const auto ma = by_key(a.search_id), mb = by_key(b.search_id);
    ASSERT_EQ(ma.size(), 4u);
    EXPECT_EQ(ma, mb);
    EXPECT_EQ(a.best_key, b.best_key);
}

TEST(GridSearch, SuccessiveHalvingPrunesAndPromotesTheBest) {
    TempDir dir;
    const auto path = dir.file("p.flowcnn");
    const auto ds = make_project(path);
    auto spec = tiny_spec(ds);
    spec.mode = search::Mode::Halving;
    spec.options.epochs = 4;
    spec.halving.min_epochs = 1;
    spec.halving.eta = 2;
    // Rungs: 4 configs x 1 epoch, 2 x 2, 1 x 4.
    std::vector<std::pair<int, std::size_t>> rungs_done;
    search::SearchCallbacks cb;
    cb.on_rung_finished = [&](int rung, std::size_t kept, std::size_t) {
        rungs_done.push_back({rung, kept});
    };
    auto res = search::run_search(path, spec, two_workers(), cb);
    EXPECT_EQ(res.status, "complete");
    EXPECT_EQ(res.trials_total, 7u);
    EXPECT_EQ(res.trials_run, 7u);
    ASSERT_EQ(rungs_done.size(), 2u);
    EXPECT_EQ(rungs_done[0], (std::pair<int, std::size_t>{0, 2}));
    EXPECT_EQ(rungs_done[1], (std::pair<int, std::size_t>{1, 1}));

    const auto runs = runs_of(path, res.search_id);
    ASSERT_EQ(runs.size(), 7u);
    std::map<int, int> per_rung, pruned_per_rung;
    for (auto& r : runs) {
        ++per_rung[r.rung];
        if (r.status == "pruned")
            ++pruned_per_rung[r.rung];
        else
            EXPECT_EQ(r.status, "complete");
    }
    EXPECT_EQ(per_rung[0], 4);
    EXPECT_EQ(per_rung[1], 2);
    EXPECT_EQ(per_rung[2], 1);
    EXPECT_EQ(pruned_per_rung[0], 2);
    EXPECT_EQ(pruned_per_rung[1], 1);
    EXPECT_EQ(pruned_per_rung[2], 0);

    // The winner is the rung-2 trial; it was among the top two of rung 0 and the top of rung 1.
    auto project = store::Project::open(path, true);
    auto board = search::leaderboard(project.db(), res.search_id);
    ASSERT_TRUE(res.best_run_id.has_value());
    EXPECT_EQ(board.rows[0].run_id, *res.best_run_id);
    EXPECT_EQ(board.rows[0].rung, 2);
    EXPECT_EQ(board.rows[0].epochs, 4);
    const std::string winner = board.rows[0].key;
    std::vector<search::LeaderboardRow> r0, r1;
    for (auto& r : board.rows) {
        if (r.rung == 0) r0.push_back(r);
        if (r.rung == 1) r1.push_back(r);
    }
    ASSERT_EQ(r0.size(), 4u);
    ASSERT_EQ(r1.size(), 2u);
    EXPECT_TRUE(r0[0].key == winner || r0[1].key == winner);
    EXPECT_EQ(r1[0].key, winner);
    EXPECT_EQ(r1[0].status, "complete");
    EXPECT_EQ(r1[1].status, "pruned");
    // Promoted configs are the two best of rung 0, which stay 'complete'.
    std::set<std::string> promoted{r1[0].key, r1[1].key};
    EXPECT_EQ(promoted, (std::set<std::string>{r0[0].key, r0[1].key}));
    EXPECT_EQ(r0[0].status, "complete");
    EXPECT_EQ(r0[2].status, "pruned");
}

TEST(GridSearch, CancelledSearchResumesWithoutRepeatingTrials) {
    TempDir dir;
    const auto path = dir.file("p.flowcnn");
    const auto ds = make_project(path);
    auto spec = tiny_spec(ds);
    search::Execution one;
    one.workers = 1;
    one.threads_per_worker = 1;

    CancelToken cancel;
    search::SearchCallbacks cb;
    cb.on_trial_finished = [&](const search::Trial&, const search::SearchProgress& p) {
        if (p.finished == 2) cancel.cancel();
    };
    auto first = search::run_search(path, spec, one, cb, &cancel);
    EXPECT_EQ(first.status, "cancelled");
    EXPECT_EQ(first.trials_finished, 2u);
    const auto before = runs_of(path, first.search_id);
    ASSERT_EQ(before.size(), 2u);
    EXPECT_EQ(scalar(path, "SELECT count(*) FROM searches WHERE status = 'cancelled'"), 1);

    // The spec comes back from the project.
    auto stored = search::load_search_spec(path, first.search_id);
    EXPECT_EQ(stored.grid, spec.grid);
    EXPECT_EQ(stored.options.epochs, 1);
    EXPECT_EQ(stored.options.seed, 7u);

    std::vector<std::string> started;
    search::SearchCallbacks cb2;
    cb2.on_trial_started = [&](const search::Trial& t) { started.push_back(t.key); };
    auto second = search::resume_search(path, first.search_id, two_workers(), cb2);
    EXPECT_EQ(second.status, "complete");
    EXPECT_EQ(second.trials_run, 2u);
    EXPECT_EQ(second.trials_finished, 4u);
    const auto after = runs_of(path, first.search_id);
    ASSERT_EQ(after.size(), 4u);
    // The first two trials were kept, not run again.
    EXPECT_EQ(after[0].id, before[0].id);
    EXPECT_EQ(after[1].id, before[1].id);
    for (auto& k : started) {
        EXPECT_NE(k, before[0].key);
        EXPECT_NE(k, before[1].key);
    }
    std::set<std::string> keys;
    for (auto& r : after) {
        keys.insert(r.key);
        EXPECT_EQ(r.status, "complete");
    }
    EXPECT_EQ(keys.size(), 4u);
}

TEST(GridSearch, LimitStopsAndAKilledTrialIsRestarted) {
    TempDir dir;
    const auto path = dir.file("p.flowcnn");
    const auto ds = make_project(path);
    auto spec = tiny_spec(ds);
    spec.mode = search::Mode::Halving;
    spec.options.epochs = 2;
    spec.halving.eta = 2;  // rungs: 4 x 1 epoch, 2 x 2 epochs
    auto exec = two_workers();
    exec.limit = 3;
    auto first = search::run_search(path, spec, exec);
    EXPECT_EQ(first.status, "stopped");
    EXPECT_EQ(first.trials_run, 3u);
    EXPECT_EQ(runs_of(path, first.search_id).size(), 3u);

    // Simulate a process killed during a trial: a row left 'running'.
    {
        auto p = store::Project::open(path);
        auto missing = tiny_grid().at(3);
        p.db()
            .prepare(
                "INSERT INTO runs(dataset_id, search_id, trial_key, rung, hparams_json, "
                "train_json, "
                "status, started_at) VALUES(?,?,?,0,?,'{}','running','2026-01-01T00:00:00Z')")
            .bind(1, ds)
            .bind(2, first.search_id)
            .bind(3, missing.key())
            .bind(4, missing.to_json())
            .run();
    }
    auto second = search::resume_search(path, first.search_id, two_workers());
    EXPECT_EQ(second.status, "complete");
    EXPECT_EQ(second.trials_run, 3u);  // the killed trial and both trials of rung 1
    const auto runs = runs_of(path, first.search_id);
    ASSERT_EQ(runs.size(), 6u);
    std::set<std::pair<std::string, int>> trials;
    for (auto& r : runs) {
        EXPECT_NE(r.status, "running");
        trials.insert({r.key, r.rung});
    }
    EXPECT_EQ(trials.size(), 6u);
}

TEST(GridSearch, RejectsBadRequests) {
    TempDir dir;
    const auto path = dir.file("p.flowcnn");
    const auto ds = make_project(path);
    auto spec = tiny_spec(ds);
    spec.dataset_id = 99;
    EXPECT_THROW(search::run_search(path, spec), ConfigError);
    EXPECT_THROW(search::resume_search(path, 42), ConfigError);
    spec = tiny_spec(ds);
    spec.mode = search::Mode::Halving;
    spec.halving.eta = 1;
    EXPECT_THROW(search::run_search(path, spec), ConfigError);
    auto exec = two_workers();
    exec.workers = 0;
    EXPECT_THROW(search::run_search(path, tiny_spec(ds), exec), ConfigError);
    auto project = store::Project::open(path, true);
    EXPECT_THROW(search::leaderboard(project.db(), 42), ConfigError);
}

TEST(GridSearch, RefusesASearchThatAnotherLiveProcessRuns) {
    TempDir dir;
    const auto path = dir.file("p.flowcnn");
    const auto ds = make_project(path);
    auto exec = two_workers();
    exec.limit = 1;
    auto first = search::run_search(path, tiny_spec(ds), exec);
    ASSERT_EQ(first.status, "stopped");
    char host[256] = {};
    ASSERT_EQ(gethostname(host, sizeof host - 1), 0);
    const std::string key = "search_owner:" + std::to_string(first.search_id);
    auto set_owner = [&](const std::string& pid) {
        auto p = store::Project::open(path);
        p.set_meta(key, std::string(host) + " " + pid);
    };
    set_owner("1");  // init: alive
    EXPECT_THROW(search::resume_search(path, first.search_id, two_workers()), ConfigError);
    set_owner("2147483646");  // no such process: a dead owner is taken over
    auto again = search::resume_search(path, first.search_id, exec);
    ASSERT_EQ(again.status, "stopped");
    // The owner is recorded with its start time: init's own start time is alive, ...
    std::ifstream stat("/proc/1/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    std::istringstream fields(text.substr(text.rfind(')') + 1));
    std::string field;
    for (int i = 0; i < 20; ++i) fields >> field;  // state, then fields 4..22: starttime last
    ASSERT_FALSE(field.empty());
    set_owner("1 " + field);
    EXPECT_THROW(search::resume_search(path, first.search_id, two_workers()), ConfigError);
    // ... while the same PID with another start time is a reused PID: the dead owner is taken over.
    set_owner("1 " + field + "0");
    auto second = search::resume_search(path, first.search_id, two_workers());
    EXPECT_EQ(second.status, "complete");
    auto p = store::Project::open(path, true);
    EXPECT_FALSE(p.get_meta(key).has_value());  // released at the end
}

TEST(GridSearch, ShardsMergeIntoOneSearch) {
    TempDir dir;
    const auto target = dir.file("main.flowcnn");
    const auto ds = make_project(target);
    const auto shard1 = dir.file("shard1.flowcnn"), shard2 = dir.file("shard2.flowcnn");
    fs::copy_file(target, shard1);
    fs::copy_file(target, shard2);

    auto spec = tiny_spec(ds);
    spec.name = "sharded";
    spec.shards = 2;
    spec.shard = 0;
    EXPECT_EQ(spec.grid_indices(), (std::vector<std::size_t>{0, 2}));
    auto a = search::run_search(shard1, spec, two_workers());
    EXPECT_EQ(a.status, "complete");
    EXPECT_EQ(a.trials_total, 2u);
    spec.shard = 1;
    auto b = search::run_search(shard2, spec, two_workers());
    EXPECT_EQ(b.trials_total, 2u);
    EXPECT_EQ(search::load_search_spec(shard2, b.search_id).shard, 1);

    // Only the first shard: the merged search is incomplete, and resuming it in the target runs
    // the other half.
    const auto partial = dir.file("partial.flowcnn");
    fs::copy_file(target, partial);
    auto rp = search::merge_projects(partial, {shard1});
    ASSERT_EQ(rp.searches.size(), 1u);
    EXPECT_EQ(rp.searches[0].status, "cancelled");
    EXPECT_EQ(rp.searches[0].runs_added, 2u);
    EXPECT_EQ(rp.searches[0].name, "sharded");
    auto resumed = search::resume_search(partial, rp.searches[0].search_id, two_workers());
    EXPECT_EQ(resumed.status, "complete");
    EXPECT_EQ(resumed.trials_run, 2u);
    EXPECT_EQ(runs_of(partial, rp.searches[0].search_id).size(), 4u);

    // Both shards: complete, every combination once, one model (the best's).
    auto r = search::merge_projects(target, {shard1, shard2});
    ASSERT_EQ(r.searches.size(), 1u);
    const auto& m = r.searches[0];
    EXPECT_TRUE(m.created);
    EXPECT_EQ(m.runs_added, 4u);
    EXPECT_EQ(m.trials_finished, 4u);
    EXPECT_EQ(m.grid_size, 4u);
    EXPECT_EQ(m.status, "complete");
    ASSERT_TRUE(m.best_run_id.has_value());
    const auto runs = runs_of(target, m.search_id);
    ASSERT_EQ(runs.size(), 4u);
    std::set<std::string> keys;
    for (auto& run : runs) keys.insert(run.key);
    EXPECT_EQ(keys.size(), 4u);
    EXPECT_EQ(scalar(target, "SELECT count(*) FROM models"), 1);
    EXPECT_EQ(scalar(target, "SELECT run_id FROM models"), *m.best_run_id);
    EXPECT_EQ(scalar(target, "SELECT count(*) FROM epochs"), 4);
    {
        auto p = store::Project::open(target, true);
        auto board = search::leaderboard(p.db(), m.search_id);
        EXPECT_EQ(board.rows[0].run_id, *m.best_run_id);
        EXPECT_EQ(board.name, "sharded");
        // The merged best is the better of the two shards' bests.
        const double best_a = a.best_metric, best_b = b.best_metric;
        EXPECT_DOUBLE_EQ(*board.rows[0].val_acc, std::max(best_a, best_b));
    }

    // Merging again adds nothing.
    auto again = search::merge_projects(target, {shard1, shard2});
    ASSERT_EQ(again.searches.size(), 1u);
    EXPECT_EQ(again.searches[0].runs_added, 0u);
    EXPECT_EQ(again.searches[0].runs_skipped, 4u);
    EXPECT_EQ(runs_of(target, m.search_id).size(), 4u);

    EXPECT_THROW(search::merge_projects(target, {target}), ConfigError);
    spec.mode = search::Mode::Halving;
    EXPECT_THROW(spec.validate(), ConfigError);
    spec.mode = search::Mode::Exhaustive;
    spec.shard = 2;
    EXPECT_THROW(spec.validate(), ConfigError);
}

TEST(GridSearch, ListsSearches) {
    TempDir dir;
    const auto path = dir.file("p.flowcnn");
    const auto ds = make_project(path);
    auto spec = tiny_spec(ds);
    spec.grid = Grid::parse("conv=relu fc_act=relu kernel=3 pool=max padding=none fc=16 filters=4");
    spec.selection = search::Selection::Train;
    auto res = search::run_search(path, spec, two_workers());
    auto p = store::Project::open(path, true);
    auto all = store::list_searches(p.db());
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].id, res.search_id);
    EXPECT_EQ(all[0].name, "tiny");
    EXPECT_EQ(all[0].selection, "train");
    EXPECT_EQ(all[0].status, "complete");
    EXPECT_EQ(all[0].trials, 1u);
    EXPECT_EQ(all[0].finished, 1u);
    EXPECT_EQ(all[0].best_run_id, res.best_run_id);
    ASSERT_TRUE(all[0].best_train_acc.has_value());
    EXPECT_DOUBLE_EQ(*all[0].best_train_acc, res.best_metric);
}

// The trials' model files record the dataset's preprocessing (fill mode, payload bytes), so the
// search's best model classifies captures with the images it was trained on.
TEST(GridSearch, ModelsRecordTheDatasetsPreprocessing) {
    TempDir dir;
    const auto path = dir.file("p.flowcnn");
    const auto ds = make_project(path);
    {
        auto p = store::Project::open(path);
        p.db().exec("UPDATE datasets SET fill_mode = 'zero', params_json = '{\"payload_bytes\":64}'");
    }
    auto spec = tiny_spec(ds);
    auto res = search::run_search(path, spec, two_workers(), {});
    EXPECT_EQ(res.status, "complete");
    ASSERT_TRUE(res.best_run_id.has_value());
    auto project = store::Project::open(path, true);
    const auto file = model::decode_model_file(store::run_model_bytes(project.db(), *res.best_run_id));
    EXPECT_EQ(file.info.preprocessing.fill, flow::FillMode::Zero);
    EXPECT_EQ(file.info.preprocessing.payload_bytes, 64);
}
