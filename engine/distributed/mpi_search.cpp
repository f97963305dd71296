#include "engine/distributed/mpi_search.h"

#include <mpi.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "engine/common/error.h"
#include "engine/train/trainer.h"

namespace flowcnn::distributed {

namespace {

using Clock = std::chrono::steady_clock;
using Bytes = std::vector<std::uint8_t>;

// Message tags (rank 0 -> worker: Data, Trial, ModelRequest, Cancel, Stop;
// worker -> rank 0: Epoch, Heartbeat, Done, Model).
enum Tag : int {
    kData = 1,
    kTrial,
    kEpoch,
    kHeartbeat,
    kDone,
    kModelRequest,
    kModel,
    kCancel,
    kStop,
};

static_assert(std::is_trivially_copyable_v<train::EpochMetrics>);

class Writer {
  public:
    template <class T>
    void put(const T& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        const auto* p = reinterpret_cast<const std::uint8_t*>(&v);
        buf.insert(buf.end(), p, p + sizeof(T));
    }
    void put_string(const std::string& s) {
        put<std::uint64_t>(s.size());
        buf.insert(buf.end(), s.begin(), s.end());
    }
    Bytes buf;
};

class Reader {
  public:
    explicit Reader(const Bytes& b) : b_(b) {}
    template <class T>
    T get() {
        static_assert(std::is_trivially_copyable_v<T>);
        need(sizeof(T));
        T v;
        std::memcpy(&v, b_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return v;
    }
    std::string get_string() {
        const auto n = get<std::uint64_t>();
        need(n);
        std::string s(reinterpret_cast<const char*>(b_.data() + pos_), n);
        pos_ += n;
        return s;
    }

  private:
    void need(std::size_t n) const {
        if (b_.size() - pos_ < n) throw FormatError("mpi: truncated message");
    }
    const Bytes& b_;
    std::size_t pos_ = 0;
};

std::string mpi_error(int code) {
    char msg[MPI_MAX_ERROR_STRING] = {};
    int len = 0;
    MPI_Error_string(code, msg, &len);
    return std::string(msg, static_cast<std::size_t>(std::max(0, len)));
}

// A failed MPI call (ends a worker; on rank 0 it loses the slot).
struct MpiFailure : Error {
    using Error::Error;
};

void check(int rc, const char* what) {
    if (rc != MPI_SUCCESS) throw MpiFailure(std::string("mpi: ") + what + ": " + mpi_error(rc));
}

// Broadcasts a buffer in pieces of at most 1 GiB (MPI counts are ints).
void bcast_bytes(void* data, std::size_t n) {
    auto* p = static_cast<char*>(data);
    constexpr std::size_t kChunk = std::size_t{1} << 30;
    for (std::size_t off = 0; off < n; off += kChunk) {
        const auto len = static_cast<int>(std::min(kChunk, n - off));
        check(MPI_Bcast(p + off, len, MPI_BYTE, 0, MPI_COMM_WORLD), "broadcast");
    }
}

Bytes result_message(const train::TrainResult& r, const std::string& error) {
    Writer w;
    w.put<std::uint8_t>(error.empty() ? 0 : 1);
    w.put_string(error);
    w.put<std::uint8_t>(r.cancelled ? 1 : 0);
    w.put<std::uint8_t>(r.early_stopped ? 1 : 0);
    w.put<std::int32_t>(r.best_epoch);
    w.put<std::uint64_t>(r.epochs.size());
    for (const auto& e : r.epochs) w.put(e);
    w.put(r.final_metrics);
    w.put(r.best_metrics);
    w.put(r.seconds);
    w.put(r.seed);
    return std::move(w.buf);
}

}  // namespace

bool launched_by_mpi() {
    for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
        if (std::getenv(v)) return true;
    return false;
}

struct MpiSearch::Impl final : search::TrialBackend {
    int rank = 0;
    int size = 1;
    double timeout_s = 120;
    std::mutex mu;  // every MPI call on rank 0 (the slots' threads share the library)
    std::vector<std::atomic<bool>> dead;
    std::atomic<std::uint64_t> bcast{0}, sent{0}, received{0}, model{0}, trials{0}, lost{0};
    // MPI_Finalize waits for every rank, a dead one too: after a loss, every rank skips it
    // (rank 0 tells the workers in its stop message).
    bool skip_finalize = false;

    // --- rank 0 ---

    int slot_count() const override { return size - 1; }

    int send(int to, int tag, const Bytes& b) {
        std::lock_guard lock(mu);
        const int rc = MPI_Send(b.data(), static_cast<int>(b.size()), MPI_BYTE, to, tag,
                                MPI_COMM_WORLD);
        if (rc == MPI_SUCCESS) sent += b.size();
        return rc;
    }

    void prepare(const dataset::ImageSet& train, const dataset::ImageSet& val) override {
        std::lock_guard lock(mu);
        for (int r = 1; r < size; ++r)
            check(MPI_Send(nullptr, 0, MPI_BYTE, r, kData, MPI_COMM_WORLD), "data notice");
        std::string names;
        for (const auto& c : train.classes) names += c + '\n';
        std::uint64_t head[5] = {train.size(), val.size(), train.classes.size(), names.size(),
                                 val.classes.size()};
        bcast_bytes(head, sizeof head);
        bcast_bytes(const_cast<std::uint8_t*>(train.pixels.data()), train.pixels.size());
        bcast_bytes(const_cast<std::int32_t*>(train.labels.data()), train.labels.size() * 4);
        bcast_bytes(const_cast<std::uint8_t*>(val.pixels.data()), val.pixels.size());
        bcast_bytes(const_cast<std::int32_t*>(val.labels.data()), val.labels.size() * 4);
        bcast_bytes(names.data(), names.size());
        bcast += sizeof head + train.pixels.size() + train.labels.size() * 4 + val.pixels.size() +
                 val.labels.size() * 4 + names.size();
    }

    [[noreturn]] void lose(int slot, const std::string& why) {
        if (!dead[static_cast<std::size_t>(slot)].exchange(true)) ++lost;
        throw SlotLost("worker rank " + std::to_string(slot + 1) + ": " + why);
    }

    // Waits for the next message from `from` (any tag) while watching the heartbeat and the
    // cancel token. Throws SlotLost on failure or silence.
    int next_message(int slot, Bytes& out, const CancelToken* cancel, bool& cancel_sent) {
        const int from = slot + 1;
        auto heard = Clock::now();
        while (true) {
            MPI_Status st{};
            int flag = 0;
            {
                std::lock_guard lock(mu);
                int rc = MPI_Iprobe(from, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
                if (rc != MPI_SUCCESS) lose(slot, "probe failed: " + mpi_error(rc));
                if (flag) {
                    int count = 0;
                    MPI_Get_count(&st, MPI_BYTE, &count);
                    out.assign(static_cast<std::size_t>(std::max(0, count)), 0);
                    rc = MPI_Recv(out.data(), count, MPI_BYTE, from, st.MPI_TAG, MPI_COMM_WORLD,
                                  MPI_STATUS_IGNORE);
                    if (rc != MPI_SUCCESS) lose(slot, "receive failed: " + mpi_error(rc));
                    received += out.size();
                    return st.MPI_TAG;
                }
            }
            if (cancel && cancel->cancelled() && !cancel_sent) {
                cancel_sent = true;
                if (send(from, kCancel, {}) != MPI_SUCCESS) lose(slot, "cancel failed");
            }
            const double silent = std::chrono::duration<double>(Clock::now() - heard).count();
            if (silent > timeout_s)
                lose(slot, "no message for " + std::to_string(static_cast<int>(silent)) + " s");
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }

    train::TrainResult train(int slot, const model::HyperParams& hparams,
                             const train::TrainOptions& options,
                             const train::TrainCallbacks& callbacks,
                             const std::function<bool(const train::TrainResult&)>& want_model,
                             const CancelToken* cancel) override {
        if (dead[static_cast<std::size_t>(slot)]) throw SlotLost("worker lost");
        const int to = slot + 1;
        Writer w;
        w.put_string(hparams.to_json());
        w.put_string(options.to_json());
        if (int rc = send(to, kTrial, w.buf); rc != MPI_SUCCESS)
            lose(slot, "send failed: " + mpi_error(rc));
        ++trials;
        bool cancel_sent = false;
        Bytes msg;
        while (true) {
            const int tag = next_message(slot, msg, cancel, cancel_sent);
            if (tag == kHeartbeat) continue;
            if (tag == kEpoch) {
                Reader r(msg);
                const auto m = r.get<train::EpochMetrics>();
                if (callbacks.on_epoch) callbacks.on_epoch(m);
                continue;
            }
            if (tag != kDone) lose(slot, "unexpected message " + std::to_string(tag));
            Reader r(msg);
            train::TrainResult res;
            const bool failed = r.get<std::uint8_t>() != 0;
            const std::string error = r.get_string();
            res.cancelled = r.get<std::uint8_t>() != 0;
            res.early_stopped = r.get<std::uint8_t>() != 0;
            res.best_epoch = r.get<std::int32_t>();
            const auto n = r.get<std::uint64_t>();
            for (std::uint64_t i = 0; i < n; ++i) res.epochs.push_back(r.get<train::EpochMetrics>());
            res.final_metrics = r.get<train::EpochMetrics>();
            res.best_metrics = r.get<train::EpochMetrics>();
            res.seconds = r.get<double>();
            res.seed = r.get<std::uint64_t>();
            if (failed) throw Error(error);  // the trial failed on the worker
            const bool want = want_model && want_model(res);
            if (int rc = send(to, kModelRequest, Bytes{static_cast<std::uint8_t>(want ? 1 : 0)});
                rc != MPI_SUCCESS)
                lose(slot, "send failed: " + mpi_error(rc));
            if (want) {
                const int t = next_message(slot, msg, nullptr, cancel_sent);
                if (t != kModel) lose(slot, "expected a model file, got message " + std::to_string(t));
                model += msg.size();
                res.model_file = std::move(msg);
            }
            return res;
        }
    }

    void stop_workers() {
        skip_finalize = lost > 0;
        const Bytes stop{static_cast<std::uint8_t>(skip_finalize ? 1 : 0)};
        for (int r = 1; r < size; ++r)
            if (!dead[static_cast<std::size_t>(r - 1)]) send(r, kStop, stop);
    }

    // Receives the message `st` describes from rank 0 (worker side).
    Bytes receive(const MPI_Status& st) {
        int count = 0;
        MPI_Get_count(&st, MPI_BYTE, &count);
        Bytes b(static_cast<std::size_t>(std::max(0, count)));
        check(MPI_Recv(b.data(), count, MPI_BYTE, 0, st.MPI_TAG, MPI_COMM_WORLD,
                       MPI_STATUS_IGNORE),
              "receive");
        if (st.MPI_TAG == kStop && !b.empty() && b[0]) skip_finalize = true;
        return b;
    }

    // --- workers ---

    void serve(const WorkerOptions& opt) {
        MPI_Status st{};
        // Wait for the data (or a stop when rank 0 failed before it had any).
        check(MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &st), "probe");
        receive(st);
        if (st.MPI_TAG != kData) return;
        std::uint64_t head[5] = {};
        bcast_bytes(head, sizeof head);
        dataset::ImageSet train, val;
        train.pixels.resize(head[0] * flow::kImageBytes);
        train.labels.resize(head[0]);
        val.pixels.resize(head[1] * flow::kImageBytes);
        val.labels.resize(head[1]);
        std::string names(head[3], '\0');
        bcast_bytes(train.pixels.data(), train.pixels.size());
        bcast_bytes(train.labels.data(), train.labels.size() * 4);
        bcast_bytes(val.pixels.data(), val.pixels.size());
        bcast_bytes(val.labels.data(), val.labels.size() * 4);
        bcast_bytes(names.data(), names.size());
        for (std::size_t p = 0, q; (q = names.find('\n', p)) != std::string::npos; p = q + 1)
            train.classes.push_back(names.substr(p, q - p));
        if (train.classes.size() != head[2]) throw FormatError("mpi: bad class names");
        if (head[4]) val.classes = train.classes;

        int finished = 0;
        Bytes msg;
        while (true) {
            check(MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &st), "probe");
            msg = receive(st);
            if (st.MPI_TAG == kStop) return;
            if (st.MPI_TAG != kTrial) continue;  // a late cancel of a finished trial
            if (opt.before_trial) opt.before_trial(finished);
            if (!run_trial(msg, train, val, opt)) return;  // stopped while training
            ++finished;
        }
    }

    // Trains one trial and reports it; false when rank 0 said stop meanwhile.
    bool run_trial(const Bytes& msg, const dataset::ImageSet& train,
                   const dataset::ImageSet& val, const WorkerOptions& opt) {
        Reader r(msg);
        const auto hparams = model::HyperParams::from_json(r.get_string());
        auto options = train::TrainOptions::from_json(r.get_string());
        if (opt.threads > 0) options.threads = opt.threads;
        CancelToken cancel;
        bool stop = false;
        auto last = Clock::now();
        // Looks for a cancel or stop from rank 0 (between batches), and keeps rank 0 informed.
        auto poll = [&] {
            int flag = 0;
            MPI_Status st{};
            for (int tag : {kCancel, kStop}) {
                MPI_Iprobe(0, tag, MPI_COMM_WORLD, &flag, &st);
                if (!flag) continue;
                receive(st);
                cancel.cancel();
                if (tag == kStop) stop = true;
            }
            if (std::chrono::duration<double>(Clock::now() - last).count() >= 1.0) {
                MPI_Send(nullptr, 0, MPI_BYTE, 0, kHeartbeat, MPI_COMM_WORLD);
                last = Clock::now();
            }
        };
        train::TrainCallbacks cbs;
        cbs.on_batch = [&](const train::BatchMetrics&) { poll(); };
        cbs.on_epoch = [&](const train::EpochMetrics& m) {
            check(MPI_Send(&m, sizeof m, MPI_BYTE, 0, kEpoch, MPI_COMM_WORLD), "send");
            last = Clock::now();
        };
        train::TrainResult res;
        std::string error;
        try {
            const dataset::ImageSet* v = val.size() ? &val : nullptr;
            res = train::train_model(train, v, hparams, options, cbs, &cancel);
        } catch (const MpiFailure&) {
            throw;  // MPI failures end the worker
        } catch (const std::exception& e) {
            error = e.what();
            if (error.empty()) error = "training failed";
        }
        if (error.empty() && res.epochs.empty()) error = "training produced no epoch";
        const Bytes done = result_message(res, error);
        check(MPI_Send(done.data(), static_cast<int>(done.size()), MPI_BYTE, 0, kDone,
                       MPI_COMM_WORLD),
              "send");
        if (!error.empty()) return !stop;
        // Rank 0 answers whether it wants the model file (skipping a stray cancel or stop).
        while (true) {
            MPI_Status st{};
            check(MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &st), "probe");
            std::uint8_t want = 0;
            const Bytes b = receive(st);
            if (st.MPI_TAG == kStop) return false;
            if (st.MPI_TAG != kModelRequest) continue;
            want = b.empty() ? 0 : b[0];
            if (want)
                check(MPI_Send(res.model_file.data(), static_cast<int>(res.model_file.size()),
                               MPI_BYTE, 0, kModel, MPI_COMM_WORLD),
                      "send");
            return !stop;
        }
    }
};

MpiSearch::MpiSearch() : impl_(std::make_unique<Impl>()) {
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (initialized) throw Error("mpi: already initialised");
    int provided = 0;
    if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_MULTIPLE, &provided) != MPI_SUCCESS)
        throw Error("mpi: MPI_Init_thread failed");
    if (provided < MPI_THREAD_SERIALIZED) {
        MPI_Finalize();
        throw Error("mpi: the MPI library does not allow calls from several threads");
    }
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, &impl_->rank);
    MPI_Comm_size(MPI_COMM_WORLD, &impl_->size);
    impl_->dead = std::vector<std::atomic<bool>>(static_cast<std::size_t>(impl_->size));
}

MpiSearch::~MpiSearch() {
    if (impl_->rank == 0) impl_->stop_workers();
    if (!impl_->skip_finalize) MPI_Finalize();
}

int MpiSearch::rank() const { return impl_->rank; }
int MpiSearch::size() const { return impl_->size; }

void MpiSearch::serve(const WorkerOptions& options) {
    if (impl_->rank == 0) throw ConfigError("mpi: rank 0 runs the search, it does not serve");
    impl_->serve(options);
}

search::TrialBackend& MpiSearch::backend(double heartbeat_timeout_s) {
    if (impl_->rank != 0) throw ConfigError("mpi: only rank 0 runs the search");
    impl_->timeout_s = heartbeat_timeout_s;
    return *impl_;
}

Traffic MpiSearch::traffic() const {
    Traffic t;
    t.broadcast_bytes = impl_->bcast;
    t.sent_bytes = impl_->sent;
    t.received_bytes = impl_->received;
    t.model_bytes = impl_->model;
    t.trials = impl_->trials;
    t.lost_workers = impl_->lost;
    return t;
}

}  // namespace flowcnn::distributed
