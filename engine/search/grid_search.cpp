#include "engine/search/grid_search.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <fstream>
#include <sstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "engine/common/error.h"
#include "engine/dataset/dataset_loader.h"
#include "engine/common/json.h"
#include "engine/store/datasets.h"
#include "engine/store/meta.h"
#include "engine/store/project.h"
#include "engine/store/runs.h"
#include "engine/store/searches.h"
#include "engine/train/run_store.h"

namespace flowcnn::search {

std::string_view mode_name(Mode m) { return m == Mode::Exhaustive ? "exhaustive" : "halving"; }
std::string_view selection_name(Selection s) { return s == Selection::Val ? "val" : "train"; }
std::optional<Mode> parse_mode(std::string_view s) {
    if (s == "exhaustive" || s == "grid" || s == "full") return Mode::Exhaustive;
    if (s == "halving" || s == "successive-halving" || s == "sh") return Mode::Halving;
    return std::nullopt;
}
std::optional<Selection> parse_selection(std::string_view s) {
    if (s == "val" || s == "validation") return Selection::Val;
    if (s == "train" || s == "training") return Selection::Train;
    return std::nullopt;
}

std::vector<Rung> plan_rungs(Mode mode, std::size_t n, int epochs, const HalvingParams& h) {
    if (n == 0) throw ConfigError("the grid is empty");
    if (epochs < 1) throw ConfigError("epochs must be >= 1");
    if (mode == Mode::Exhaustive) return {Rung{0, n, epochs}};
    const int max_epochs = h.max_epochs > 0 ? h.max_epochs : epochs;
    if (h.min_epochs < 1) throw ConfigError("halving: min epochs must be >= 1");
    if (h.eta < 2) throw ConfigError("halving: eta must be >= 2");
    if (max_epochs < h.min_epochs)
        throw ConfigError("halving: max epochs (" + std::to_string(max_epochs) +
                          ") must be >= min epochs (" + std::to_string(h.min_epochs) + ")");
    std::vector<Rung> rungs;
    std::size_t count = n;
    int budget = n == 1 ? max_epochs : h.min_epochs;
    for (int r = 0;; ++r) {
        rungs.push_back(Rung{r, count, budget});
        if (budget >= max_epochs || count == 1) break;
        const auto eta = static_cast<std::size_t>(h.eta);
        count = (count + eta - 1) / eta;
        const long long next = static_cast<long long>(budget) * h.eta;
        budget = count == 1 ? max_epochs : static_cast<int>(std::min<long long>(next, max_epochs));
    }
    return rungs;
}

void SearchSpec::validate() const {
    if (dataset_id <= 0) throw ConfigError("no dataset given");
    grid.validate();
    options.validate();
    if (shards < 1 || shard < 0 || shard >= shards)
        throw ConfigError("shard must be i/N with 1 <= i <= N");
    if (shards > 1 && mode != Mode::Exhaustive)
        throw ConfigError("only exhaustive searches can be sharded (halving ranks the whole grid)");
    if (static_cast<std::size_t>(shards) > grid.size())
        throw ConfigError("more shards (" + std::to_string(shards) + ") than combinations (" +
                          std::to_string(grid.size()) + ")");
    plan_rungs(mode, grid_indices().size(), options.epochs, halving);
}

std::vector<std::size_t> SearchSpec::grid_indices() const {
    std::vector<std::size_t> out;
    const auto n = grid.size();
    const auto count = static_cast<std::size_t>(std::max(1, shards));
    for (std::size_t i = static_cast<std::size_t>(std::max(0, shard)); i < n; i += count)
        out.push_back(i);
    return out;
}

std::string SearchSpec::params_json() const {
    using model::Json;
    Json j = Json::object();
    j["options"] = Json::parse(options.to_json());
    Json h = Json::object();
    h["min_epochs"] = halving.min_epochs;
    h["eta"] = halving.eta;
    h["max_epochs"] = halving.max_epochs;
    j["halving"] = h;
    if (shards > 1) {
        Json sh = Json::object();
        sh["index"] = shard;
        sh["count"] = shards;
        j["shard"] = sh;
    }
    return j.dump();
}

namespace {

using Clock = std::chrono::steady_clock;

void validate_execution(const Execution& e) {
    if (e.workers < 1 || e.workers > 256) throw ConfigError("workers must be 1..256");
    if (e.threads_per_worker < 0 || e.threads_per_worker > 1024)
        throw ConfigError("threads per worker must be >= 0 (0 = cores / workers)");
}

double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// What ranks a finished trial: higher rung first, then the selection metric, then the other
// accuracy, then grid order.
struct Score {
    int rung = 0;
    double sel = -1;
    double other = -1;
    std::size_t index = 0;
};
bool better(const Score& a, const Score& b) {
    if (a.rung != b.rung) return a.rung > b.rung;
    if (a.sel != b.sel) return a.sel > b.sel;
    if (a.other != b.other) return a.other > b.other;
    return a.index < b.index;
}

// A trial's runs row with what scheduling derives from it.
struct ScheduledRun : store::RunSummary {
    std::size_t index = 0;  // of the trial's configuration in configs_
    int budget = 0;         // epochs planned (train_json)
};

using store::finished_status;

struct Job {
    std::int64_t run_id = 0;
    std::size_t index = 0;
    model::HyperParams hparams;
    int rung = 0;
    train::TrainOptions options;
};

struct Event {
    enum Kind { Epoch, Done, Lost } kind = Epoch;  // Lost: the backend lost the slot
    std::int64_t run_id = 0;
    train::EpochMetrics metrics;
    train::TrainResult result;
    std::string error;  // Done with an exception
};

class Runner {
  public:
    Runner(store::Project& project, std::int64_t search_id, SearchSpec spec, const Execution& exec,
           const SearchCallbacks& cb, const CancelToken* cancel)
        : db_(project.db()),
          search_id_(search_id),
          spec_(std::move(spec)),
          exec_(exec),
          cb_(cb),
          cancel_(cancel) {
        grid_pos_ = spec_.grid_indices();
        for (auto g : grid_pos_) configs_.push_back(spec_.grid.at(g));
        for (std::size_t i = 0; i < configs_.size(); ++i) key_index_[configs_[i].key()] = i;
        rungs_ = plan_rungs(spec_.mode, configs_.size(), spec_.options.epochs, spec_.halving);
        for (auto& r : rungs_) {
            total_trials_ += r.trials;
            total_epochs_ += static_cast<double>(r.trials) * r.epochs;
        }
        if (exec_.backend) {
            exec_.workers = exec_.backend->slot_count();
            if (exec_.workers < 1) throw ConfigError("the trial backend has no workers");
        }
        validate_execution(exec_);
        live_slots_ = exec_.workers;
        threads_ = exec_.threads_per_worker;
        if (threads_ == 0) {
            const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
            threads_ = exec_.backend ? cores : std::max(1, cores / exec_.workers);
        }
    }

    ~Runner() {
        stop_.cancel();  // on an exception: workers stop at their next batch
        stop_workers();
        if (claimed_) {
            try {
                store::delete_meta(db_, owner_key());
            } catch (...) {
            }
        }
    }

    SearchResult run() {
        start_ = Clock::now();
        SearchResult res;
        res.search_id = search_id_;
        res.trials_total = total_trials_;

        // Trials left behind by a killed or cancelled call start again from scratch.
        {
            store::Transaction tx(db_);
            claim();
            store::delete_unfinished_trials(db_, search_id_);
            store::reopen_search(db_, search_id_);
            tx.commit();
        }
        load_rows();

        bool stopped = false;
        for (const auto& rung : rungs_) {
            current_rung_ = rung.rung;
            const auto survivors = survivors_of(rung.rung);
            std::vector<std::size_t> todo;
            for (auto i : survivors)
                if (!rows_by_trial_.count({i, rung.rung})) todo.push_back(i);
            if (!todo.empty()) {
                prepare();
                run_trials(todo, rung);
                if (aborted()) {
                    stopped = true;
                    break;
                }
            }
            // Every trial of the rung has finished: prune the ones not promoted.
            if (static_cast<std::size_t>(rung.rung) + 1 < rungs_.size()) prune(rung.rung);
        }
        stop_workers();

        res.trials_run = started_;
        res.trials_finished = finished_count();
        res.seconds = since(start_);
        auto best = best_row();
        std::string status;
        if (stopped) {
            res.status = cancel_ && cancel_->cancelled() ? "cancelled" : "stopped";
            status = "cancelled";
        } else {
            res.status = "complete";
            status = "complete";
        }
        store::Transaction tx(db_);
        store::set_search_status(db_, search_id_, status,
                                 best ? std::optional<std::int64_t>(best->id) : std::nullopt);
        tx.commit();
        if (best) {
            res.best_run_id = best->id;
            res.best_key = configs_[best->index].key();
            res.best_metric = sel(*best);
        }
        return res;
    }

  private:
    // --- one process per search ---

    std::string owner_key() const { return "search_owner:" + std::to_string(search_id_); }
    static std::string host_name() {
        char buf[256] = {};
        if (gethostname(buf, sizeof buf - 1) != 0) return "?";
        return buf;
    }

    // A process's start time (clock ticks since boot, /proc/PID/stat field 22): with the PID it
    // names one process even after the PID is reused. "" when unknown or the process is a zombie.
    static std::string start_time(long pid) {
        std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
        std::string stat((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
        const auto close = stat.rfind(')');  // the command name may hold spaces and parentheses
        if (close == std::string::npos) return {};
        std::istringstream rest(stat.substr(close + 1));
        std::string field, state;
        rest >> state;
        for (int i = 0; i < 19 && rest >> field; ++i) {
        }
        return state == "Z" || !rest ? std::string() : field;
    }

    // Records this process as the search's runner (meta 'search_owner:ID' = "HOST PID START"),
    // refusing when that process still runs on this host. An owner that died, a zombie, a PID
    // now used by another process (different start time), or an owner on another host (e.g. a
    // copied file) is taken over. Values without START (older files) check the PID alone. Runs
    // inside the caller's transaction.
    void claim() {
        const std::string host = host_name();
        const long me = static_cast<long>(getpid());
        const std::string my_start = start_time(me);  // "": no /proc here, the PID alone decides
        if (const auto owner = store::read_meta(db_, owner_key())) {
            std::istringstream v(*owner);
            std::string owner_host, start;
            long pid = 0;
            v >> owner_host >> pid >> start;
            if (owner_host == host && pid > 0 && pid != me &&
                (kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM)) {
                const std::string now = start_time(pid);
                const bool same = my_start.empty() || (start.empty() ? !now.empty() : now == start);
                if (same)
                    throw ConfigError("search " + std::to_string(search_id_) + " is being run by process " +
                                      std::to_string(pid));
            }
        }
        store::write_meta(db_, owner_key(), host + " " + std::to_string(me) + " " + my_start);
        claimed_ = true;
    }

    // --- state from the project ---

    void load_rows() {
        rows_.clear();
        rows_by_trial_.clear();
        for (auto& run : store::search_runs(db_, search_id_)) {
            auto it = key_index_.find(run.trial_key);
            if (it == key_index_.end()) continue;  // not of this grid (edited file): ignore
            const int budget = train::TrainOptions::from_json(run.train_json).epochs;
            add_row(ScheduledRun{std::move(run), it->second, budget});
        }
        update_best_score();
    }

    // The score of the best usable run, for the worker threads' want_model checks.
    void update_best_score() {
        auto b = best_row();
        std::lock_guard lock(best_mu_);
        if (b) best_score_ = score(*b);
    }
    // Whether a result could become the search's best (the best only ever improves).
    bool candidate_best(const Job& job, const train::TrainResult& res) const {
        if (!exec_.save_best_model || res.cancelled || res.epochs.empty()) return false;
        const auto& m = res.best_epoch > 0 ? res.best_metrics : res.final_metrics;
        const double val = m.has_val ? m.val_acc : -1;
        const bool by_val = spec_.selection == Selection::Val;
        const Score s{job.rung, by_val ? val : m.train_acc, by_val ? m.train_acc : val, job.index};
        std::lock_guard lock(best_mu_);
        return !best_score_ || better(s, *best_score_);
    }

    void add_row(const ScheduledRun& r) {
        rows_by_trial_[{r.index, r.rung}] = r.id;
        rows_[r.id] = r;
    }

    double sel(const ScheduledRun& r) const {
        auto v = spec_.selection == Selection::Val ? r.val_acc : r.train_acc;
        return v ? *v : -1;
    }
    double other(const ScheduledRun& r) const {
        auto v = spec_.selection == Selection::Val ? r.train_acc : r.val_acc;
        return v ? *v : -1;
    }
    Score score(const ScheduledRun& r) const { return Score{r.rung, sel(r), other(r), r.index}; }
    static bool usable(const ScheduledRun& r) { return r.status == "complete" || r.status == "pruned"; }

    std::optional<ScheduledRun> best_row() const {
        std::optional<ScheduledRun> best;
        for (auto& [id, r] : rows_)
            if (usable(r) && (!best || better(score(r), score(*best)))) best = r;
        return best;
    }

    std::size_t finished_count() const {
        std::size_t n = 0;
        for (auto& [id, r] : rows_)
            if (finished_status(r.status)) ++n;
        return n;
    }

    // Configurations trained at `rung`: all at rung 0; the best of the previous rung after that.
    std::vector<std::size_t> survivors_of(int rung) const {
        std::vector<std::size_t> out;
        if (rung == 0) {
            for (std::size_t i = 0; i < configs_.size(); ++i) out.push_back(i);
            return out;
        }
        std::vector<ScheduledRun> prev;
        for (auto& [id, r] : rows_)
            if (r.rung == rung - 1 && usable(r)) prev.push_back(r);
        std::sort(prev.begin(), prev.end(),
                  [&](const ScheduledRun& a, const ScheduledRun& b) { return better(score(a), score(b)); });
        const auto keep = std::min(prev.size(), rungs_[static_cast<std::size_t>(rung)].trials);
        for (std::size_t i = 0; i < keep; ++i) out.push_back(prev[i].index);
        std::sort(out.begin(), out.end());
        return out;
    }

    void prune(int rung) {
        const auto next = survivors_of(rung + 1);
        const std::set<std::size_t> kept(next.begin(), next.end());
        std::vector<std::int64_t> ids;
        for (auto& [id, r] : rows_)
            if (r.rung == rung && r.status == "complete" && !kept.count(r.index)) ids.push_back(id);
        std::size_t pruned_total = 0;
        for (auto& [id, r] : rows_)
            if (r.rung == rung && r.status == "pruned") ++pruned_total;
        if (!ids.empty()) {
            store::Transaction tx(db_);
            for (auto id : ids) store::set_run_status(db_, id, "pruned");
            tx.commit();
            for (auto id : ids) rows_[id].status = "pruned";
        }
        if (cb_.on_rung_finished && !ids.empty())
            cb_.on_rung_finished(rung, kept.size(), pruned_total + ids.size());
    }

    // Loads the splits (once, shared read-only by the workers) and starts the workers.
    void prepare() {
        if (!workers_.empty()) return;
        train_ = dataset::load_split(db_, spec_.dataset_id, "train");
        val_ = dataset::load_split(db_, spec_.dataset_id, "val");
        // The trials' model files record how these images were made (fill, payload bytes).
        spec_.options = train::with_dataset_preprocessing(db_, spec_.dataset_id, spec_.options);
        if (train_.size() == 0)
            throw ConfigError("dataset " + std::to_string(spec_.dataset_id) +
                              " has no training images");
        if (spec_.selection == Selection::Val && val_.size() == 0)
            throw ConfigError(
                "selection by validation accuracy needs a validation split; dataset " +
                std::to_string(spec_.dataset_id) + " has none (use selection 'train')");
        if (exec_.backend) exec_.backend->prepare(train_, val_);
        start_workers();
    }

    // --- workers ---

    void start_workers() {
        closing_ = false;
        for (int w = 0; w < exec_.workers; ++w) workers_.emplace_back([this, w] { worker(w); });
    }

    void stop_workers() {
        {
            std::lock_guard lock(job_mu_);
            closing_ = true;
        }
        job_cv_.notify_all();
        for (auto& t : workers_) t.join();
        workers_.clear();
    }

    void worker(int slot) {
        while (true) {
            Job job;
            {
                std::unique_lock lock(job_mu_);
                job_cv_.wait(lock, [&] { return closing_ || !jobs_.empty(); });
                if (jobs_.empty()) return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            Event done;
            done.kind = Event::Done;
            done.run_id = job.run_id;
            try {
                train::TrainCallbacks cbs;
                cbs.on_epoch = [&](const train::EpochMetrics& m) {
                    Event e;
                    e.kind = Event::Epoch;
                    e.run_id = job.run_id;
                    e.metrics = m;
                    post(std::move(e));
                };
                const dataset::ImageSet* val = val_.size() ? &val_ : nullptr;
                if (exec_.backend) {
                    auto want = [&](const train::TrainResult& r) { return candidate_best(job, r); };
                    done.result =
                        exec_.backend->train(slot, job.hparams, job.options, cbs, want, &stop_);
                } else {
                    done.result =
                        train::train_model(train_, val, job.hparams, job.options, cbs, &stop_);
                }
            } catch (const TrialBackend::SlotLost& e) {
                done.kind = Event::Lost;
                done.error = e.what();
                post(std::move(done));
                return;  // this slot is gone
            } catch (const std::exception& e) {
                done.error = e.what();
                if (done.error.empty()) done.error = "training failed";
            } catch (...) {
                done.error = "training failed";
            }
            post(std::move(done));
        }
    }

    void post(Event e) {
        {
            std::lock_guard lock(ev_mu_);
            events_.push_back(std::move(e));
        }
        ev_cv_.notify_one();
    }

    bool aborted() const { return stop_.cancelled() || limit_reached_; }

    // --- the coordinator ---

    struct InFlight {
        Trial trial;
        Clock::time_point started;
        std::size_t config = 0;  // index into configs_
        int epochs_seen = 0;
    };

    void run_trials(std::vector<std::size_t> todo, const Rung& rung) {
        std::size_t next = 0;
        std::map<std::int64_t, InFlight> flying;
        while (true) {
            if (cancel_ && cancel_->cancelled()) stop_.cancel();
            if (exec_.limit && started_ >= exec_.limit && next < todo.size()) limit_reached_ = true;
            while (!aborted() && flying.size() < static_cast<std::size_t>(live_slots_) &&
                   next < todo.size()) {
                auto f = start_trial(todo[next++], rung);
                const auto id = f.trial.run_id;
                flying.emplace(id, std::move(f));
                if (exec_.limit && started_ >= exec_.limit && next < todo.size())
                    limit_reached_ = true;
            }
            if (flying.empty()) return;
            std::deque<Event> batch;
            {
                std::unique_lock lock(ev_mu_);
                ev_cv_.wait_for(lock, std::chrono::milliseconds(100),
                                [&] { return !events_.empty(); });
                batch.swap(events_);
            }
            for (auto& e : batch) {
                auto it = flying.find(e.run_id);
                if (it == flying.end()) continue;
                if (e.kind == Event::Epoch) {
                    on_epoch(it->second, e.metrics);
                } else if (e.kind == Event::Lost) {
                    // Only this trial is lost: it starts again from scratch on another slot.
                    forget(it->second);
                    todo.push_back(it->second.config);
                    flying.erase(it);
                    if (--live_slots_ < 1)
                        throw Error("every search worker was lost (last: " + e.error + ")");
                } else {
                    on_done(it->second, e);
                    flying.erase(it);
                }
            }
        }
    }

    // Removes a lost trial's run (and its epochs) as if it had never started.
    void forget(const InFlight& f) {
        store::Transaction tx(db_);
        store::delete_run(db_, f.trial.run_id);
        tx.commit();
        rows_by_trial_.erase({f.config, f.trial.rung});
        rows_.erase(f.trial.run_id);
        --started_;
        inflight_epochs_ = std::max(0.0, inflight_epochs_ - f.epochs_seen);
    }

    InFlight start_trial(std::size_t index, const Rung& rung) {
        InFlight f;
        f.config = index;
        f.started = Clock::now();
        Trial& t = f.trial;
        t.index = grid_pos_[index];
        t.hparams = configs_[index];
        t.key = t.hparams.key();
        t.rung = rung.rung;
        t.epochs = rung.epochs;
        t.status = "running";
        train::TrainOptions opts = spec_.options;
        opts.epochs = rung.epochs;
        opts.threads = threads_;
        std::string name = spec_.name + " " + t.key;
        if (spec_.mode == Mode::Halving) name += " r" + std::to_string(rung.rung);
        {
            store::Transaction tx(db_);
            t.run_id = store::insert_run(db_, {.dataset_id = spec_.dataset_id,
                                               .search_id = search_id_,
                                               .trial_key = t.key,
                                               .rung = rung.rung,
                                               .name = name,
                                               .hparams_json = t.hparams.to_json(),
                                               .train_json = opts.to_json()});
            tx.commit();
        }
        ScheduledRun r;
        r.id = t.run_id;
        r.index = index;
        r.rung = rung.rung;
        r.status = "running";
        r.budget = rung.epochs;
        add_row(r);
        ++started_;
        if (cb_.on_trial_started) cb_.on_trial_started(t);
        {
            std::lock_guard lock(job_mu_);
            jobs_.push_back(Job{t.run_id, index, t.hparams, rung.rung, opts});
        }
        job_cv_.notify_one();
        return f;
    }

    void on_epoch(InFlight& f, const train::EpochMetrics& m) {
        {
            store::Transaction tx(db_);
            store::put_epoch(db_, f.trial.run_id, train::stored_epoch(m));
            // Live values for the leaderboard; the final ones replace them at the end.
            store::set_run_progress(db_, f.trial.run_id, train::run_metrics(m, m.epoch), since(f.started));
            tx.commit();
        }
        ++epochs_this_call_;
        ++inflight_epochs_;
        ++f.epochs_seen;
        f.trial.seconds = since(f.started);
        f.trial.train_acc = m.train_acc;
        if (m.has_val) f.trial.val_acc = m.val_acc;
        if (cb_.on_trial_epoch) cb_.on_trial_epoch(f.trial, m);
    }

    void on_done(InFlight& f, const Event& e) {
        Trial& t = f.trial;
        t.seconds = since(f.started);
        const auto& res = e.result;
        const bool has_metrics = e.error.empty() && !res.epochs.empty();
        if (!e.error.empty()) {
            t.status = "failed";
            t.error = e.error;
        } else if (res.cancelled) {
            t.status = "cancelled";
        } else {
            t.status = "complete";
        }
        std::optional<train::EpochMetrics> m;
        if (has_metrics) m = res.best_epoch > 0 ? res.best_metrics : res.final_metrics;
        if (m) {
            t.train_acc = m->train_acc;
            t.val_acc = m->has_val ? std::optional<double>(m->val_acc) : std::nullopt;
        }
        {
            store::Transaction tx(db_);
            const int epochs_done = has_metrics ? static_cast<int>(res.epochs.size()) : 0;
            store::RunMetrics metrics;  // none: a failed trial
            metrics.epochs_done = epochs_done;
            if (m) metrics = train::run_metrics(*m, epochs_done);
            store::finish_run(db_, t.run_id, t.status, metrics, t.seconds, t.error);
            tx.commit();
        }
        auto& row = rows_[t.run_id];
        row.status = t.status;
        row.train_acc = t.train_acc;
        row.val_acc = t.val_acc;
        inflight_epochs_ -= has_metrics ? static_cast<double>(res.epochs.size()) : 0.0;
        if (inflight_epochs_ < 0) inflight_epochs_ = 0;

        update_best_score();
        // A new best: keep its model (one per search).
        if (t.status == "complete") {
            auto best = best_row();
            if (best && best->id == t.run_id && exec_.save_best_model && !res.model_file.empty())
                save_model(t, res.model_file);
        }

        SearchProgress p = progress();
        if (cb_.on_trial_finished) cb_.on_trial_finished(t, p);
        if (cb_.progress) {
            Progress pr;
            pr.stage = "search";
            pr.done = p.finished;
            pr.total = p.total;
            pr.message = t.key + " " + t.status;
            cb_.progress(pr);
        }
    }

    void save_model(const Trial& t, const std::vector<std::uint8_t>& bytes) {
        store::Transaction tx(db_);
        store::delete_search_models(db_, search_id_);
        store::insert_model(db_, t.run_id, spec_.name + " best " + t.key, bytes);
        store::set_search_best_run(db_, search_id_, t.run_id);
        tx.commit();
    }

    SearchProgress progress() const {
        SearchProgress p;
        p.total = total_trials_;
        p.rung = current_rung_;
        p.rungs = rungs_.size();
        double done_epochs = 0;
        for (auto& [id, r] : rows_) {
            if (finished_status(r.status)) {
                ++p.finished;
                done_epochs += r.budget;
            }
        }
        if (auto b = best_row()) {
            p.best_run_id = b->id;
            p.best_key = configs_[b->index].key();
            p.best_metric = sel(*b);
            p.best_rung = b->rung;
        }
        p.elapsed_s = since(start_);
        if (epochs_this_call_ > 0) {
            const double left = std::max(0.0, total_epochs_ - done_epochs - inflight_epochs_);
            p.remaining_s = p.elapsed_s / static_cast<double>(epochs_this_call_) * left;
        }
        return p;
    }

    store::Database& db_;
    std::int64_t search_id_;
    SearchSpec spec_;
    Execution exec_;
    const SearchCallbacks& cb_;
    const CancelToken* cancel_;
    int threads_ = 1;
    int live_slots_ = 1;  // worker slots not lost
    mutable std::mutex best_mu_;
    std::optional<Score> best_score_;

    std::vector<model::HyperParams> configs_;  // the combinations this search trains
    std::vector<std::size_t> grid_pos_;        // their indices in the grid
    std::unordered_map<std::string, std::size_t> key_index_;
    std::vector<Rung> rungs_;
    std::size_t total_trials_ = 0;
    double total_epochs_ = 0;
    int current_rung_ = 0;

    std::map<std::int64_t, ScheduledRun> rows_;
    std::map<std::pair<std::size_t, int>, std::int64_t> rows_by_trial_;

    dataset::ImageSet train_, val_;

    Clock::time_point start_;
    std::size_t started_ = 0;
    std::size_t epochs_this_call_ = 0;
    double inflight_epochs_ = 0;
    bool limit_reached_ = false;
    bool claimed_ = false;
    CancelToken stop_;  // what the workers see: the caller's token, mirrored, or an abort

    std::vector<std::thread> workers_;
    std::mutex job_mu_;
    std::condition_variable job_cv_;
    std::deque<Job> jobs_;
    bool closing_ = false;

    std::mutex ev_mu_;
    std::condition_variable ev_cv_;
    std::deque<Event> events_;
};

}  // namespace

SearchSpec read_search_spec(store::Database& db, std::int64_t search_id) {
    const store::StoredSearch stored = store::get_search(db, search_id);
    SearchSpec s;
    s.dataset_id = stored.dataset_id;
    s.name = stored.name;
    auto mode = parse_mode(stored.mode);
    auto selection = parse_selection(stored.selection);
    if (!mode || !selection)
        throw FormatError("search " + std::to_string(search_id) +
                          " has an unknown mode or selection");
    s.mode = *mode;
    s.selection = *selection;
    s.grid = Grid::from_json(stored.grid_json);
    auto p = model::Json::parse(stored.params_json);
    if (p.contains("options")) s.options = train::TrainOptions::from_json(p.at("options").dump());
    if (p.contains("halving")) {
        const auto& h = p.at("halving");
        s.halving.min_epochs = static_cast<int>(h.get_int("min_epochs", s.halving.min_epochs));
        s.halving.eta = static_cast<int>(h.get_int("eta", s.halving.eta));
        s.halving.max_epochs = static_cast<int>(h.get_int("max_epochs", s.halving.max_epochs));
    }
    if (p.contains("shard")) {
        const auto& sh = p.at("shard");
        s.shard = static_cast<int>(sh.get_int("index", 0));
        s.shards = static_cast<int>(sh.get_int("count", 1));
    }
    return s;
}

namespace {

// Runs `search_id` with its spec; stops the workers and rethrows on errors.
SearchResult execute(store::Project& project, std::int64_t search_id, const SearchSpec& spec,
                     const Execution& exec, const SearchCallbacks& cb, const CancelToken* cancel) {
    Runner runner(project, search_id, spec, exec, cb, cancel);
    return runner.run();
}

}  // namespace

SearchResult run_search(const std::string& project_path, const SearchSpec& spec_in,
                        const Execution& exec, const SearchCallbacks& callbacks,
                        const CancelToken* cancel) {
    SearchSpec spec = spec_in;
    spec.validate();
    validate_execution(exec);
    auto project = store::Project::open(project_path);
    auto& db = project.db();
    if (!store::dataset_exists(db, spec.dataset_id))
        throw ConfigError("no dataset with id " + std::to_string(spec.dataset_id));
    if (spec.name.empty()) spec.name = "search " + store::utc_now_iso();
    if (spec.shards > 1)
        spec.name +=
            " (shard " + std::to_string(spec.shard + 1) + "/" + std::to_string(spec.shards) + ")";
    std::int64_t id = 0;
    {
        store::Transaction tx(db);
        store::StoredSearch row;
        row.dataset_id = spec.dataset_id;
        row.name = spec.name;
        row.mode = mode_name(spec.mode);
        row.selection = selection_name(spec.selection);
        row.grid_json = spec.grid.to_json();
        row.params_json = spec.params_json();
        row.status = "running";
        id = store::insert_search(db, row);
        tx.commit();
    }
    return execute(project, id, spec, exec, callbacks, cancel);
}

SearchResult resume_search(const std::string& project_path, std::int64_t search_id,
                           const Execution& exec, const SearchCallbacks& callbacks,
                           const CancelToken* cancel) {
    auto project = store::Project::open(project_path);
    const SearchSpec spec = read_search_spec(project.db(), search_id);
    return execute(project, search_id, spec, exec, callbacks, cancel);
}

SearchSpec load_search_spec(const std::string& project_path, std::int64_t search_id) {
    auto project = store::Project::open(project_path, true);
    return read_search_spec(project.db(), search_id);
}

}  // namespace flowcnn::search
