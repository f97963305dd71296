// flowcnn search: grid search (exhaustive or successive halving) over the paper's CNN family.
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <thread>
#include <string>
#include <string_view>
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

// What `flowcnn search` was asked for.
struct SearchRequest {
    std::vector<std::string> pos;
    search::SearchSpec spec;
    search::Execution exec;
    std::string grid = "paper";
    std::optional<std::int64_t> resume;
    bool quiet = false;
    bool training_options = false;  // given options that a resumed search cannot change
    double mpi_timeout = 120;
};

// One row per option: the command line is read from this table alone.
struct SearchOption {
    std::string_view name, alias;  // alias: empty when none
    bool training;                 // a resumed search cannot change it
    bool flag;                     // takes no value
    void (*set)(SearchRequest& r, const std::string& opt, const std::string& value);
};

using R = SearchRequest;
using S = const std::string&;
const SearchOption kOptions[] = {
    {"--grid", "", true, false, [](R& r, S, S v) { r.grid = v; }},
    {"--mode", "", true, false,
     [](R& r, S, S v) {
         auto m = search::parse_mode(v);
         if (!m) throw ConfigError("--mode: expected exhaustive or halving");
         r.spec.mode = *m;
     }},
    {"--select", "--selection", true, false,
     [](R& r, S, S v) {
         auto s = search::parse_selection(v);
         if (!s) throw ConfigError("--select: expected val or train");
         r.spec.selection = *s;
     }},
    {"--epochs", "", true, false,
     [](R& r, S a, S v) { r.spec.options.epochs = static_cast<int>(to_int(a, v, 1, 100000)); }},
    {"--min-epochs", "", true, false,
     [](R& r, S a, S v) { r.spec.halving.min_epochs = static_cast<int>(to_int(a, v, 1, 100000)); }},
    {"--max-epochs", "", true, false,
     [](R& r, S a, S v) { r.spec.halving.max_epochs = static_cast<int>(to_int(a, v, 1, 100000)); }},
    {"--eta", "", true, false, [](R& r, S a, S v) { r.spec.halving.eta = static_cast<int>(to_int(a, v, 2, 1000)); }},
    {"--batch", "", true, false,
     [](R& r, S a, S v) { r.spec.options.batch = static_cast<int>(to_int(a, v, 1, 1 << 20)); }},
    {"--lr", "", true, false, [](R& r, S a, S v) { r.spec.options.lr = to_double(a, v); }},
    {"--optimizer", "", true, false,
     [](R& r, S, S v) {
         auto o = train::parse_optimizer(v);
         if (!o) throw ConfigError("--optimizer: expected adam or sgd");
         r.spec.options.optimizer = *o;
     }},
    {"--seed", "", true, false,
     [](R& r, S a, S v) { r.spec.options.seed = static_cast<std::uint64_t>(to_int(a, v, 0, (1LL << 62))); }},
    {"--workers", "", false, false, [](R& r, S a, S v) { r.exec.workers = static_cast<int>(to_int(a, v, 1, 256)); }},
    {"--threads-per-worker", "--threads", false, false,
     [](R& r, S a, S v) { r.exec.threads_per_worker = static_cast<int>(to_int(a, v, 0, 1024)); }},
    {"--limit", "", false, false,
     [](R& r, S a, S v) { r.exec.limit = static_cast<std::size_t>(to_int(a, v, 1, 1LL << 40)); }},
    {"--shard", "", true, false,
     [](R& r, S a, S v) {
         const auto slash = v.find('/');
         if (slash == std::string::npos) throw ConfigError("--shard: expected I/N, e.g. 2/4");
         const auto n = to_int(a, v.substr(slash + 1), 1, 100000);
         const auto idx = to_int(a, v.substr(0, slash), 1, n);
         r.spec.shard = static_cast<int>(idx - 1);
         r.spec.shards = static_cast<int>(n);
     }},
    {"--name", "", false, false, [](R& r, S, S v) { r.spec.name = v; }},
    {"--resume", "", false, false, [](R& r, S a, S v) { r.resume = to_int(a, v, 1, 1LL << 62); }},
    {"--no-model", "", false, true, [](R& r, S, S) { r.exec.save_best_model = false; }},
    {"--mpi-timeout", "", false, false,
     [](R& r, S a, S v) { r.mpi_timeout = static_cast<double>(to_int(a, v, 1, 1 << 30)); }},
    {"--quiet", "-q", false, true, [](R& r, S, S) { r.quiet = true; }},
};

const SearchOption* find_option(const std::string& a) {
    for (const auto& o : kOptions)
        if (a == o.name || (!o.alias.empty() && a == o.alias)) return &o;
    return nullptr;
}

void check_positional(const SearchRequest& r) {
    if (r.resume) {
        if (r.pos.size() != 1) throw ConfigError("expected PROJECT --resume SEARCH_ID (see --help)");
        if (r.training_options)
            throw ConfigError(
                "a resumed search keeps its grid and training options; only --workers, "
                "--threads-per-worker and --limit apply");
    } else if (r.pos.size() != 2) {
        throw ConfigError("expected PROJECT and DATASET (see flowcnn search --help)");
    }
}

SearchRequest read_request(const std::vector<std::string>& args) {
    SearchRequest r;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const SearchOption* o = find_option(a);
        if (!o) {
            if (a.size() > 1 && a[0] == '-') throw ConfigError("unknown option " + a + " (see flowcnn search --help)");
            r.pos.push_back(a);
            continue;
        }
        std::string value;
        if (!o->flag) {
            if (i + 1 >= args.size()) throw ConfigError(a + " needs a value");
            value = args[++i];
        }
        o->set(r, a, value);
        if (o->training) r.training_options = true;
    }
    check_positional(r);
    return r;
}

#ifdef FLOWCNN_HAVE_MPI
// Under mpirun with several ranks: ranks > 0 only train what rank 0 sends (they never open
// the project); rank 0 runs the search with them as its workers. True on a worker rank, done.
bool start_mpi(SearchRequest& r, std::unique_ptr<distributed::MpiSearch>& mpi) {
    if (!distributed::launched_by_mpi()) return false;
    mpi = std::make_unique<distributed::MpiSearch>();
    if (mpi->size() > 1 && mpi->rank() > 0) {
        distributed::WorkerOptions wo;
        wo.threads = r.exec.threads_per_worker;
        if (const char* die = std::getenv("FLOWCNN_MPI_TEST_DIE_AFTER"); die && mpi->rank() == 2) {
            const int after = std::atoi(die);
            wo.before_trial = [after](int finished) {
                if (finished >= after) std::abort();  // test hook: a worker dying mid-run
            };
        }
        mpi->serve(wo);
        return true;
    }
    if (mpi->size() > 1) {
        r.exec.backend = &mpi->backend(r.mpi_timeout);
        if (r.exec.threads_per_worker == 0)
            r.exec.threads_per_worker = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    }
    return false;
}

void print_mpi_traffic(const search::Execution& exec, const distributed::MpiSearch& mpi) {
    const auto t = mpi.traffic();
    const double n = t.trials ? static_cast<double>(t.trials) : 1.0;
    std::printf(
        "mpi: %d worker ranks, %llu trials handed out, %llu lost ranks; broadcast %llu bytes "
        "once; per trial %.0f bytes sent, %.0f bytes received (+ %llu model bytes in all)\n",
        exec.backend->slot_count(), static_cast<unsigned long long>(t.trials),
        static_cast<unsigned long long>(t.lost_workers), static_cast<unsigned long long>(t.broadcast_bytes),
        t.sent_bytes / n, (t.received_bytes - t.model_bytes) / n, static_cast<unsigned long long>(t.model_bytes));
}
#endif

// The search as it will run: the stored one when resumed, else the new spec, checked.
search::SearchSpec prepare_spec(SearchRequest& r) {
    if (r.resume) return search::load_search_spec(r.pos[0], *r.resume);
    {
        auto project = store::Project::open(r.pos[0], true);
        r.spec.dataset_id = project.resolve_dataset(r.pos[1]);
    }
    r.spec.grid = search::Grid::parse(r.grid == "paper" ? "" : r.grid);
    r.spec.validate();
    return r.spec;
}

void print_plan(const search::SearchSpec& shown, const search::Execution& exec,
                const std::vector<search::Rung>& rungs) {
    std::printf("%s search of %zu combinations on dataset %lld, selection by %s accuracy",
                std::string(search::mode_name(shown.mode)).c_str(), shown.grid.size(),
                static_cast<long long>(shown.dataset_id), std::string(search::selection_name(shown.selection)).c_str());
    if (shown.shards > 1)
        std::printf(", shard %d/%d (%zu combinations)", shown.shard + 1, shown.shards, shown.grid_indices().size());
    if (exec.backend)
        std::printf(", on %d MPI worker ranks x %d threads", exec.backend->slot_count(), exec.threads_per_worker);
    std::printf("\n");
    for (auto& rung : rungs) std::printf("  rung %d: %zu trials x %d epochs\n", rung.rung, rung.trials, rung.epochs);
    std::fflush(stdout);
}

void print_trial(const search::Trial& t, const search::SearchProgress& p) {
    std::printf("[%zu/%zu] %s r%d %s  train %s  val %s  %s", p.finished, p.total, t.key.c_str(), t.rung,
                t.status.c_str(), pct(t.train_acc).c_str(), pct(t.val_acc).c_str(), duration(t.seconds).c_str());
    if (p.best_run_id)
        std::printf("  | best %s %.2f%% (run %lld)", p.best_key.c_str(), p.best_metric * 100,
                    static_cast<long long>(*p.best_run_id));
    std::printf("  | %s elapsed, ~%s left\n", duration(p.elapsed_s).c_str(), duration(p.remaining_s).c_str());
    if (!t.error.empty()) std::printf("    error: %s\n", t.error.c_str());
    std::fflush(stdout);
}

search::SearchCallbacks progress_callbacks(bool quiet) {
    search::SearchCallbacks cb;
    if (quiet) return cb;
    cb.on_trial_finished = print_trial;
    cb.on_rung_finished = [](int rung, std::size_t kept, std::size_t pruned) {
        std::printf("rung %d done: %zu promoted, %zu pruned\n", rung, kept, pruned);
        std::fflush(stdout);
    };
    return cb;
}

void print_result(const search::SearchResult& res, const search::SearchSpec& shown) {
    std::printf("search %lld %s: %zu of %zu trials finished (%zu run now) in %s\n",
                static_cast<long long>(res.search_id), res.status.c_str(), res.trials_finished, res.trials_total,
                res.trials_run, duration(res.seconds).c_str());
    if (res.best_run_id)
        std::printf("best: run %lld %s, %s accuracy %.2f%%\n", static_cast<long long>(*res.best_run_id),
                    res.best_key.c_str(), std::string(search::selection_name(shown.selection)).c_str(),
                    res.best_metric * 100);
}

int run(const std::vector<std::string>& args) {
    SearchRequest r = read_request(args);
    const std::string project_path = r.pos[0];
#ifdef FLOWCNN_HAVE_MPI
    std::unique_ptr<distributed::MpiSearch> mpi;
    if (start_mpi(r, mpi)) return 0;
#endif  // without MPI, --mpi-timeout is accepted and ignored
    const search::SearchSpec shown = prepare_spec(r);
    const auto rungs =
        search::plan_rungs(shown.mode, shown.grid_indices().size(), shown.options.epochs, shown.halving);
    if (!r.quiet) print_plan(shown, r.exec, rungs);

    CancelToken cancel;
    const search::SearchCallbacks cb = progress_callbacks(r.quiet);
    search::SearchResult res;
    {
        CancelOnSigint on_ctrl_c(cancel);  // Ctrl-C: finish cleanly, resumable
        res = r.resume ? search::resume_search(project_path, *r.resume, r.exec, cb, &cancel)
                       : search::run_search(project_path, r.spec, r.exec, cb, &cancel);
    }
    print_result(res, shown);
#ifdef FLOWCNN_HAVE_MPI
    if (r.exec.backend) print_mpi_traffic(r.exec, *mpi);
#endif
    if (res.status != "complete")
        std::printf("continue with: flowcnn search %s --resume %lld\n", project_path.c_str(),
                    static_cast<long long>(res.search_id));
    return res.status == "cancelled" ? 130 : 0;
}

const CommandRegistrar reg{
    Command{"search", "grid search of CNN hyper-parameters (exhaustive or successive halving)",
            kUsage, run}};

}  // namespace
}  // namespace flowcnn::cli
