// flowcnn search: grid search (exhaustive or successive halving) over the paper's CNN family.
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <thread>
#include <string>
#include <vector>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/common/error.h"
#include "engine/common/progress.h"
#include "engine/search/grid_search.h"
#include "engine/store/project.h"
#ifdef FLOWCNN_HAVE_MPI
#include "engine/distributed/mpi_search.h"
#endif

namespace flowcnn::cli {
namespace {

const char* kUsage =
    "usage: flowcnn search PROJECT DATASET [options]\n"
    "       flowcnn search PROJECT --resume SEARCH_ID [--workers N] [--threads-per-worker N] "
    "[--limit N]\n"
    "\n"
    "Trains every combination of a hyper-parameter grid on DATASET (name or id) and records each\n"
    "trial as a run of the search; `flowcnn leaderboard PROJECT SEARCH_ID` shows the results.\n"
    "A search stopped by Ctrl-C, --limit or a crash continues with --resume: finished trials are\n"
    "never run again.\n"
    "\n"
    "options:\n"
    "  --grid SPEC|paper       hyper-parameter grid (default: paper, 1440 combinations), e.g.\n"
    "                          \"conv=relu,leaky_relu kernel=5,7 pool=max padding=both,conv-only\n"
    "                          fc=1024 fc_act=leaky_relu\"; names not given keep the paper's "
    "values\n"
    "                          (conv, fc_act, kernel, pool, padding, fc, filters); or a JSON "
    "object\n"
    "  --mode exhaustive|halving   every trial for --epochs, or successive halving (default "
    "exhaustive)\n"
    "  --select val|train      selection accuracy (default val; the paper used train)\n"
    "  --epochs N              epochs per trial; halving: the largest budget (default 10)\n"
    "  --min-epochs N          halving: budget of the first rung (default 1)\n"
    "                          (too small a first budget can prune slow starters: on the\n"
    "                          generated data, 1 epoch pruned the 6-epoch winner, 2 kept it)\n"
    "  --max-epochs N          halving: budget of the last rung (default --epochs)\n"
    "  --eta N                 halving: keep the best 1/N of each rung (default 3)\n"
    "  --batch N               batch size (default 64)\n"
    "  --lr X                  Adam learning rate (default 0.001)\n"
    "  --optimizer adam|sgd    optimizer (default adam)\n"
    "  --seed N                seed of every trial (default 1)\n"
    "  --workers N             trials trained in parallel (default 1)\n"
    "  --threads-per-worker N  intra-op threads of each worker (default cores / workers)\n"
    "  --limit N               start at most N trials, then stop (resumable)\n"
    "  --name NAME             name of the search\n"
    "  --shard I/N             train only combination I, I+N, I+2N, ... (1 <= I <= N) of the "
    "grid:\n"
    "                          run each shard in its own copy of the project (e.g. on N "
    "machines),\n"
    "                          then fold them together with `flowcnn merge` (exhaustive only)\n"
    "  --no-model              do not keep the best trial's model in the project\n"
    "  --quiet                 only the final summary\n"
#ifdef FLOWCNN_HAVE_MPI
    "  --mpi-timeout S         MPI: a worker rank silent for S seconds is lost (default 120)\n"
    "\n"
    "Distributed (built with MPI): `mpirun -np N flowcnn search ...` (with Open MPI 4 add\n"
    "--enable-recovery so that a dying rank does not end the job). Rank 0 reads and writes the\n"
    "project and hands trials to ranks 1..N-1, --threads-per-worker threads each (default: all\n"
    "cores); a lost rank's trial goes back to the queue. See docs/distributed-search.md.\n"
    "Test hook: FLOWCNN_MPI_TEST_DIE_AFTER=K makes rank 2 abort when given its (K+1)th trial."
#else
    "\n(built without MPI: no distributed search)"
#endif
    ;

long long to_int(const std::string& opt, const std::string& v, long long lo, long long hi) {
    long long out = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (ec != std::errc() || p != v.data() + v.size() || out < lo || out > hi)
        throw ConfigError(opt + ": expected an integer from " + std::to_string(lo) + " to " +
                          std::to_string(hi) + ", got '" + v + "'");
    return out;
}

double to_double(const std::string& opt, const std::string& v) {
    try {
        std::size_t n = 0;
        double d = std::stod(v, &n);
        if (n != v.size()) throw std::invalid_argument(v);
        return d;
    } catch (const std::exception&) {
        throw ConfigError(opt + ": expected a number, got '" + v + "'");
    }
}

std::string duration(double s) {
    if (s < 0) return "?";
    char buf[32];
    const auto t = static_cast<long long>(s + 0.5);
    if (t < 60)
        std::snprintf(buf, sizeof buf, "%llds", t);
    else if (t < 3600)
        std::snprintf(buf, sizeof buf, "%lldm%02llds", t / 60, t % 60);
    else
        std::snprintf(buf, sizeof buf, "%lldh%02lldm", t / 3600, (t % 3600) / 60);
    return buf;
}

std::string pct(const std::optional<double>& v) {
    if (!v) return "-";
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f%%", *v * 100);
    return buf;
}

int run(const std::vector<std::string>& args) {
    std::vector<std::string> pos;
    search::SearchSpec spec;
    search::Execution exec;
    std::string grid = "paper";
    std::optional<std::int64_t> resume;
    bool quiet = false;
    bool training_options = false;  // given options that a resumed search cannot change
    double mpi_timeout = 120;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw ConfigError(a + " needs a value");
            return args[++i];
        };
        if (a == "--grid")
            grid = value(), training_options = true;
        else if (a == "--mode") {
            auto m = search::parse_mode(value());
            if (!m) throw ConfigError("--mode: expected exhaustive or halving");
            spec.mode = *m;
            training_options = true;
        } else if (a == "--select" || a == "--selection") {
            auto s = search::parse_selection(value());
            if (!s) throw ConfigError("--select: expected val or train");
            spec.selection = *s;
            training_options = true;
        } else if (a == "--epochs") {
            spec.options.epochs = static_cast<int>(to_int(a, value(), 1, 100000));
            training_options = true;
        } else if (a == "--min-epochs") {
            spec.halving.min_epochs = static_cast<int>(to_int(a, value(), 1, 100000));
            training_options = true;
        } else if (a == "--max-epochs") {
            spec.halving.max_epochs = static_cast<int>(to_int(a, value(), 1, 100000));
            training_options = true;
        } else if (a == "--eta") {
            spec.halving.eta = static_cast<int>(to_int(a, value(), 2, 1000));
            training_options = true;
        } else if (a == "--batch") {
            spec.options.batch = static_cast<int>(to_int(a, value(), 1, 1 << 20));
            training_options = true;
        } else if (a == "--lr") {
            spec.options.lr = to_double(a, value());
            training_options = true;
        } else if (a == "--optimizer") {
            auto o = train::parse_optimizer(value());
            if (!o) throw ConfigError("--optimizer: expected adam or sgd");
            spec.options.optimizer = *o;
            training_options = true;
        } else if (a == "--seed") {
            spec.options.seed = static_cast<std::uint64_t>(to_int(a, value(), 0, (1LL << 62)));
            training_options = true;
        } else if (a == "--workers") {
            exec.workers = static_cast<int>(to_int(a, value(), 1, 256));
        } else if (a == "--threads-per-worker" || a == "--threads") {
            exec.threads_per_worker = static_cast<int>(to_int(a, value(), 0, 1024));
        } else if (a == "--limit") {
            exec.limit = static_cast<std::size_t>(to_int(a, value(), 1, 1LL << 40));
        } else if (a == "--shard") {
            const std::string v = value();
            const auto slash = v.find('/');
            if (slash == std::string::npos) throw ConfigError("--shard: expected I/N, e.g. 2/4");
            const auto n = to_int(a, v.substr(slash + 1), 1, 100000);
            const auto idx = to_int(a, v.substr(0, slash), 1, n);
            spec.shard = static_cast<int>(idx - 1);
            spec.shards = static_cast<int>(n);
            training_options = true;
        } else if (a == "--name") {
            spec.name = value();
        } else if (a == "--resume") {
            resume = to_int(a, value(), 1, 1LL << 62);
        } else if (a == "--no-model") {
            exec.save_best_model = false;
        } else if (a == "--mpi-timeout") {
            mpi_timeout = static_cast<double>(to_int(a, value(), 1, 1 << 30));
        } else if (a == "--quiet" || a == "-q") {
            quiet = true;
        } else if (a.size() > 1 && a[0] == '-') {
            throw ConfigError("unknown option " + a + " (see flowcnn search --help)");
        } else {
            pos.push_back(a);
        }
    }
    if (resume) {
        if (pos.size() != 1) throw ConfigError("expected PROJECT --resume SEARCH_ID (see --help)");
        if (training_options)
            throw ConfigError(
                "a resumed search keeps its grid and training options; only --workers, "
                "--threads-per-worker and --limit apply");
    } else if (pos.size() != 2) {
        throw ConfigError("expected PROJECT and DATASET (see flowcnn search --help)");
    }
    const std::string project_path = pos[0];

#ifdef FLOWCNN_HAVE_MPI
    // Under mpirun with several ranks: ranks > 0 only train what rank 0 sends (they never open
    // the project); rank 0 runs the search below with them as its workers.
    std::unique_ptr<distributed::MpiSearch> mpi;
    if (distributed::launched_by_mpi()) {
        mpi = std::make_unique<distributed::MpiSearch>();
        if (mpi->size() > 1 && mpi->rank() > 0) {
            distributed::WorkerOptions wo;
            wo.threads = exec.threads_per_worker;
            if (const char* die = std::getenv("FLOWCNN_MPI_TEST_DIE_AFTER"); die && mpi->rank() == 2) {
                const int after = std::atoi(die);
                wo.before_trial = [after](int finished) {
                    if (finished >= after) std::abort();  // test hook: a worker dying mid-run
                };
            }
            mpi->serve(wo);
            return 0;
        }
        if (mpi->size() > 1) {
            exec.backend = &mpi->backend(mpi_timeout);
            if (exec.threads_per_worker == 0)
                exec.threads_per_worker =
                    static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        }
    }
#else
    (void)mpi_timeout;  // --mpi-timeout is accepted and ignored without MPI
#endif

    search::SearchSpec shown = spec;
    if (resume) {
        shown = search::load_search_spec(project_path, *resume);
    } else {
        {
            auto project = store::Project::open(project_path, true);
            spec.dataset_id = project.resolve_dataset(pos[1]);
        }
        spec.grid = search::Grid::parse(grid == "paper" ? "" : grid);
        spec.validate();
        shown = spec;
    }
    const auto rungs = search::plan_rungs(shown.mode, shown.grid_indices().size(),
                                          shown.options.epochs, shown.halving);
    if (!quiet) {
        std::printf("%s search of %zu combinations on dataset %lld, selection by %s accuracy",
                    std::string(search::mode_name(shown.mode)).c_str(), shown.grid.size(),
                    static_cast<long long>(shown.dataset_id),
                    std::string(search::selection_name(shown.selection)).c_str());
        if (shown.shards > 1)
            std::printf(", shard %d/%d (%zu combinations)", shown.shard + 1, shown.shards,
                        shown.grid_indices().size());
        if (exec.backend)
            std::printf(", on %d MPI worker ranks x %d threads", exec.backend->slot_count(),
                        exec.threads_per_worker);
        std::printf("\n");
        for (auto& r : rungs)
            std::printf("  rung %d: %zu trials x %d epochs\n", r.rung, r.trials, r.epochs);
        std::fflush(stdout);
    }

    CancelToken cancel;
    search::SearchCallbacks cb;
    std::int64_t search_id = resume.value_or(0);
    if (!quiet) {
        cb.on_trial_finished = [&](const search::Trial& t, const search::SearchProgress& p) {
            std::printf("[%zu/%zu] %s r%d %s  train %s  val %s  %s", p.finished, p.total,
                        t.key.c_str(), t.rung, t.status.c_str(), pct(t.train_acc).c_str(),
                        pct(t.val_acc).c_str(), duration(t.seconds).c_str());
            if (p.best_run_id)
                std::printf("  | best %s %.2f%% (run %lld)", p.best_key.c_str(),
                            p.best_metric * 100, static_cast<long long>(*p.best_run_id));
            std::printf("  | %s elapsed, ~%s left\n", duration(p.elapsed_s).c_str(),
                        duration(p.remaining_s).c_str());
            if (!t.error.empty()) std::printf("    error: %s\n", t.error.c_str());
            std::fflush(stdout);
        };
        cb.on_rung_finished = [&](int rung, std::size_t kept, std::size_t pruned) {
            std::printf("rung %d done: %zu promoted, %zu pruned\n", rung, kept, pruned);
            std::fflush(stdout);
        };
    }
    search::SearchResult res;
    {
        CancelOnSigint on_ctrl_c(cancel);  // Ctrl-C: finish cleanly, resumable
        res = resume ? search::resume_search(project_path, *resume, exec, cb, &cancel)
                     : search::run_search(project_path, spec, exec, cb, &cancel);
    }
    search_id = res.search_id;

    std::printf("search %lld %s: %zu of %zu trials finished (%zu run now) in %s\n",
                static_cast<long long>(search_id), res.status.c_str(), res.trials_finished,
                res.trials_total, res.trials_run, duration(res.seconds).c_str());
    if (res.best_run_id)
        std::printf("best: run %lld %s, %s accuracy %.2f%%\n",
                    static_cast<long long>(*res.best_run_id), res.best_key.c_str(),
                    std::string(search::selection_name(shown.selection)).c_str(),
                    res.best_metric * 100);
#ifdef FLOWCNN_HAVE_MPI
    if (exec.backend) {
        const auto t = mpi->traffic();
        const double n = t.trials ? static_cast<double>(t.trials) : 1.0;
        std::printf(
            "mpi: %d worker ranks, %llu trials handed out, %llu lost ranks; broadcast %llu bytes "
            "once; per trial %.0f bytes sent, %.0f bytes received (+ %llu model bytes in all)\n",
            exec.backend->slot_count(), static_cast<unsigned long long>(t.trials),
            static_cast<unsigned long long>(t.lost_workers),
            static_cast<unsigned long long>(t.broadcast_bytes), t.sent_bytes / n,
            (t.received_bytes - t.model_bytes) / n,
            static_cast<unsigned long long>(t.model_bytes));
    }
#endif
    if (res.status != "complete")
        std::printf("continue with: flowcnn search %s --resume %lld\n", project_path.c_str(),
                    static_cast<long long>(search_id));
    return res.status == "cancelled" ? 130 : 0;
}

const CommandRegistrar reg{
    Command{"search", "grid search of CNN hyper-parameters (exhaustive or successive halving)",
            kUsage, run}};

}  // namespace
}  // namespace flowcnn::cli
