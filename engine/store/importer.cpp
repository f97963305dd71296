#include "engine/store/importer.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

#include "engine/capture/capture_reader.h"
#include "engine/common/error.h"
#include "engine/common/sha1.h"
#include "engine/image/payload_image.h"
#include "engine/common/json_text.h"
#include "engine/store/schema.h"

namespace flowcnn::store {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

void validate(const ImportOptions& o) {
    if (!(o.flow.idle_timeout_s > 0)) throw ConfigError("the idle timeout must be positive");
    if (!(o.flow.active_timeout_s > 0)) throw ConfigError("the active timeout must be positive");
    if (o.label && o.label->empty()) throw ConfigError("the label must not be empty");
    if (o.batch_flows == 0) throw ConfigError("batch_flows must be positive");
}

// A bounded queue between pipeline stages. close(): no more items, the rest are still popped;
// abort(): everything is dropped and both ends return at once.
template <class T>
class Channel {
public:
    explicit Channel(std::size_t capacity) : cap_(capacity) {}
    bool push(T&& v) {
        std::unique_lock lk(m_);
        not_full_.wait(lk, [&] { return q_.size() < cap_ || closed_; });
        if (closed_) return false;
        q_.push_back(std::move(v));
        not_empty_.notify_one();
        return true;
    }
    enum class Pop { Item, Timeout, Closed };
    Pop pop(T& out, std::chrono::milliseconds timeout) {
        std::unique_lock lk(m_);
        if (!not_empty_.wait_for(lk, timeout, [&] { return !q_.empty() || closed_; })) return Pop::Timeout;
        if (q_.empty()) return Pop::Closed;
        out = std::move(q_.front());
        q_.pop_front();
        not_full_.notify_one();
        return Pop::Item;
    }
    void close() {
        std::lock_guard lk(m_);
        closed_ = true;
        not_empty_.notify_all();
        not_full_.notify_all();
    }
    void abort() {
        std::lock_guard lk(m_);
        closed_ = true;
        q_.clear();
        not_empty_.notify_all();
        not_full_.notify_all();
    }

private:
    std::mutex m_;
    std::condition_variable not_empty_, not_full_;
    std::deque<T> q_;
    std::size_t cap_;
    bool closed_ = false;
};

// Per record, what the hashing stage prepares so that the insert stage (the pace-setter) only
// binds and inserts: the image's SHA-1 (unused for flows without payload) and both addresses as
// text.
struct FlowBatch {
    std::vector<flow::FlowRecord> records;
    std::vector<std::array<char, 40>> sha1;
    std::vector<std::string> client, server;
};

// Thrown out of the flow sink to stop reading when the store stage failed.
struct StoreStageFailed {};

bool is_capture_file(const fs::path& p) {
    auto ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".pcap" || ext == ".pcapng" || ext == ".cap";
}

}  // namespace

CaptureWriter::CaptureWriter(Project& project, const std::string& path, std::string_view format, int linktype,
                             const ImportOptions& options)
    : db_(project.db()), opt_(options), name_(fs::path(path).filename().string()) {
    validate(opt_);
    if (project.read_only()) throw ConfigError("the project is open read-only");
    auto ins = db_.prepare(
        "INSERT INTO captures(path, name, format, linktype, label, direction, fill_mode, idle_timeout_s, "
        "active_timeout_s, imported_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'importing')");
    ins.bind(1, path).bind(2, name_).bind(3, format).bind(4, linktype).bind(5, opt_.label);
    ins.bind(6, flow::direction_name(opt_.flow.direction)).bind(7, flow::fill_mode_name(opt_.flow.fill));
    ins.bind(8, opt_.flow.idle_timeout_s).bind(9, opt_.flow.active_timeout_s).bind(10, utc_now_iso());
    ins.run();
    capture_id_ = db_.last_insert_id();
    insert_.emplace(db_,
                    "INSERT INTO flows(capture_id, idx, l4proto, vlan, client_ip, client_port, server_ip, "
                    "server_port, first_ns, last_ns, packets_c2s, packets_s2c, bytes_c2s, bytes_s2c, "
                    "payload_len, head, image_sha1, sni, http_host, end_reason, label, label_source, shape) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                    "?18, ?19, ?20, ?21, ?22, ?23)");
    progress_.emplace(db_, "UPDATE captures SET flows = ? WHERE id = ?");
}

CaptureWriter::~CaptureWriter() {
    if (!finished_) fail("import did not finish");
}

void CaptureWriter::fail(const std::string& error) noexcept {
    if (finished_) return;
    finished_ = true;
    try {
        if (open_) {
            open_ = false;
            db_.exec("ROLLBACK");
        }
        auto up = db_.prepare("UPDATE captures SET status = 'failed', error = ?, flows = "
                              "(SELECT count(*) FROM flows WHERE capture_id = ?) WHERE id = ?");
        up.bind(1, error).bind(2, capture_id_).bind(3, capture_id_).run();
    } catch (...) {
    }
}

void CaptureWriter::begin() {
    db_.exec("BEGIN IMMEDIATE");
    open_ = true;
    began_ = Clock::now();
}

void CaptureWriter::check(int rc) {
    if (rc != SQLITE_OK) db_.fail(rc, "bind flow");
}

void CaptureWriter::bind_opt_text(int i, const std::string& v) {
    sqlite3_stmt* s = insert_->handle();
    if (v.empty()) check(sqlite3_bind_null(s, i));
    else check(sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC));
}

void image_sha1_hex(std::span<const std::uint8_t> head, flow::FillMode fill, char out[40]) noexcept {
    const auto img = image::make_image(head.first(std::min(head.size(), flow::kImageBytes)), fill);
    const auto digest = sha1(img);
    static constexpr char kHex[] = "0123456789abcdef";
    for (std::size_t i = 0; i < digest.size(); ++i) {
        out[2 * i] = kHex[digest[i] >> 4];
        out[2 * i + 1] = kHex[digest[i] & 15];
    }
}

void CaptureWriter::add(const flow::FlowRecord& r) {
    char hex[40];
    if (r.has_image()) image_sha1_hex(r.head, opt_.flow.fill, hex);
    add_hashed(r, hex);
}

void CaptureWriter::add_hashed(const flow::FlowRecord& r, const char* sha1_hex) {
    add_prepared(r, sha1_hex, r.key.client.to_string(), r.key.server.to_string());
}

void CaptureWriter::add_prepared(const flow::FlowRecord& r, const char* sha1_hex, std::string_view client,
                                 std::string_view server) {
    if (!open_) begin();
    sqlite3_stmt* s = insert_->handle();
    check(sqlite3_bind_int64(s, 1, capture_id_));
    check(sqlite3_bind_int64(s, 2, static_cast<sqlite3_int64>(r.index)));
    check(sqlite3_bind_int(s, 3, r.key.l4proto));
    check(sqlite3_bind_int(s, 4, r.key.vlan));
    check(sqlite3_bind_text(s, 5, client.data(), static_cast<int>(client.size()), SQLITE_STATIC));
    check(sqlite3_bind_int(s, 6, r.key.client_port));
    check(sqlite3_bind_text(s, 7, server.data(), static_cast<int>(server.size()), SQLITE_STATIC));
    check(sqlite3_bind_int(s, 8, r.key.server_port));
    check(sqlite3_bind_int64(s, 9, r.first_ns));
    check(sqlite3_bind_int64(s, 10, r.last_ns));
    check(sqlite3_bind_int64(s, 11, static_cast<sqlite3_int64>(r.packets_c2s)));
    check(sqlite3_bind_int64(s, 12, static_cast<sqlite3_int64>(r.packets_s2c)));
    check(sqlite3_bind_int64(s, 13, static_cast<sqlite3_int64>(r.bytes_c2s)));
    check(sqlite3_bind_int64(s, 14, static_cast<sqlite3_int64>(r.bytes_s2c)));
    check(sqlite3_bind_int64(s, 15, static_cast<sqlite3_int64>(r.payload_bytes)));
    if (r.has_image()) {
        const std::size_t n = std::min(r.head.size(), flow::kImageBytes);
        check(sqlite3_bind_blob(s, 16, r.head.data(), static_cast<int>(n), SQLITE_STATIC));
        check(sqlite3_bind_text(s, 17, sha1_hex, 40, SQLITE_STATIC));
    } else {
        check(sqlite3_bind_null(s, 16));
        check(sqlite3_bind_null(s, 17));
    }
    bind_opt_text(18, r.sni);
    bind_opt_text(19, r.http_host);
    const auto end = flow::end_reason_name(r.end);
    check(sqlite3_bind_text(s, 20, end.data(), static_cast<int>(end.size()), SQLITE_STATIC));

    const std::string* label = opt_.label ? &*opt_.label : nullptr;
    std::string_view source = opt_.label_source;
    if (opt_.rules) {
        if (const RuleMatch m = opt_.rules(r, name_); m.matched) {
            label = m.label;
            source = "rule";
            if (label) ++by_rule_;
        }
    }
    if (label) {
        check(sqlite3_bind_text(s, 21, label->data(), static_cast<int>(label->size()), SQLITE_STATIC));
        check(sqlite3_bind_text(s, 22, source.data(), static_cast<int>(source.size()), SQLITE_STATIC));
        ++labelled_;
    } else {
        check(sqlite3_bind_null(s, 21));
        check(sqlite3_bind_null(s, 22));
    }
    flow::encode_shape(r.shape, shape_buf_);
    if (shape_buf_.empty()) check(sqlite3_bind_null(s, 23));
    else check(sqlite3_bind_blob(s, 23, shape_buf_.data(), static_cast<int>(shape_buf_.size()), SQLITE_STATIC));
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) db_.fail(rc, "insert flow");
    ++written_;
    if (++pending_ >= opt_.batch_flows) commit();
    else if ((pending_ & 63) == 0) maybe_commit();
}

void CaptureWriter::maybe_commit() {
    if (open_ && Clock::now() - began_ >= std::chrono::duration<double>(opt_.batch_seconds)) commit();
}

void CaptureWriter::commit() {
    if (!open_) return;
    progress_->bind(1, written_).bind(2, capture_id_).run();
    db_.exec("COMMIT");
    open_ = false;
    pending_ = 0;
}

void CaptureWriter::finish(const pipeline::ExtractStats& stats, std::string_view status) {
    if (!open_) begin();
    auto up = db_.prepare(
        "UPDATE captures SET status = ?, frames = ?, packets = ?, flows = ?, skipped_json = ?, error = ? "
        "WHERE id = ?");
    up.bind(1, status).bind(2, stats.frames).bind(3, stats.packets).bind(4, written_);
    up.bind(5, skipped_json(stats.skipped, stats.non_packet_frames));
    if (stats.error.empty()) up.bind_null(6);
    else up.bind(6, stats.error);
    up.bind(7, capture_id_).run();
    progress_->bind(1, written_).bind(2, capture_id_).run();
    db_.exec("COMMIT");
    open_ = false;
    pending_ = 0;
    finished_ = true;
}

std::string skipped_json(const packet::SkipCounts& skipped, std::uint64_t non_packet_frames) {
    JsonWriter j;
    j.begin_object();
    for (std::size_t i = 0; i < packet::kSkipReasonCount; ++i) {
        if (skipped.by_reason[i] == 0) continue;
        j.key(packet::skip_reason_name(static_cast<packet::SkipReason>(i))).value(skipped.by_reason[i]);
    }
    if (non_packet_frames) j.key("non_packet_frames").value(non_packet_frames);
    j.end_object();
    return j.str();
}

namespace {

// Whether the project is small next to the capture (flows so far against one per KiB of the file,
// a cheap estimate): then the image index is built once at the end rather than row by row.
bool small_for(Database& db, std::uint64_t capture_bytes) {
    auto st = db.prepare("SELECT coalesce(sum(flows), 0) FROM captures");
    st.step();
    return st.int64(0) <= static_cast<std::int64_t>(capture_bytes / 1024);
}

// Builds the image index again on every way out of an import that dropped it, also when an
// exception leaves; disarmed once the import has built it itself.
struct IndexRestorer {
    Database& db;
    bool armed;
    ~IndexRestorer() {
        if (!armed) return;
        try {
            db.exec(kFlowsImageIndexSql);
        } catch (...) {  // a full disk: the next read-write open builds it
        }
    }
};

// Stage 2: the images' SHA-1 and the addresses as text, batch by batch, until `in` closes or
// `out` refuses; then closes `out` so that the insert stage ends.
void hash_batches(Channel<FlowBatch>& in, Channel<FlowBatch>& out, flow::FillMode fill) {
    FlowBatch b;
    while (in.pop(b, std::chrono::hours(1)) == Channel<FlowBatch>::Pop::Item) {
        const std::size_t n = b.records.size();
        b.sha1.resize(n);
        b.client.resize(n);
        b.server.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const auto& r = b.records[i];
            if (r.has_image()) image_sha1_hex(r.head, fill, b.sha1[i].data());
            b.client[i] = r.key.client.to_string();
            b.server[i] = r.key.server.to_string();
        }
        if (!out.push(std::move(b))) break;
    }
    out.close();
}

// Stage 3: inserts each batch, committing on the writer's clock (the 100 ms wait lets a slow
// stream still commit on time). On an error it keeps the exception for the caller, raises
// `failed` for the reading stage and aborts both channels so that the other stages stop.
void store_batches(Channel<FlowBatch>& to_hash, Channel<FlowBatch>& to_store, CaptureWriter& writer,
                   std::exception_ptr& error, std::atomic<bool>& failed) {
    try {
        FlowBatch b;
        for (;;) {
            const auto got = to_store.pop(b, std::chrono::milliseconds(100));
            if (got == Channel<FlowBatch>::Pop::Closed) break;
            if (got == Channel<FlowBatch>::Pop::Item)
                for (std::size_t i = 0; i < b.records.size(); ++i)
                    writer.add_prepared(b.records[i], b.sha1[i].data(), b.client[i], b.server[i]);
            writer.maybe_commit();
        }
    } catch (...) {
        error = std::current_exception();
        failed = true;
        to_hash.abort();
        to_store.abort();
    }
}

}  // namespace

ImportResult import_capture(Project& project, const std::string& path, const ImportOptions& options,
                            const ProgressFn& progress, const CancelToken* cancel) {
    validate(options);
    if (project.read_only()) throw ConfigError("the project is open read-only");
    const auto started = Clock::now();
    auto reader = capture::open_capture(path);  // IoError / FormatError before any row is written

    ImportResult res;
    res.path = path;
    // Bulk import into a small project: build the image index once at the end instead of
    // updating it row by row (measured on the 821k-frame bench capture: 0.1 s less CPU).
    const bool defer_index = small_for(project.db(), reader->size());
    if (defer_index) project.db().exec("DROP INDEX IF EXISTS flows_image");
    IndexRestorer restore_index{project.db(), defer_index};
    CaptureWriter writer(project, path, capture::format_name(reader->format()), reader->linktype(), options);
    res.capture_id = writer.capture_id();
    const std::string name = fs::path(path).filename().string();

    // Stage 1 (this thread): read and assemble, batching finished flows. Stage 2: fill and hash
    // images. Stage 3: insert (the only stage that touches the database until it is joined).
    constexpr std::size_t kBatch = 256;
    Channel<FlowBatch> to_hash(16), to_store(16);
    std::atomic<bool> store_failed{false};
    std::exception_ptr store_error;
    const auto fill = options.flow.fill;
    std::thread hasher([&] { hash_batches(to_hash, to_store, fill); });
    std::thread storer([&] { store_batches(to_hash, to_store, writer, store_error, store_failed); });
    auto stop_workers = [&](bool abort) {
        if (abort) {
            to_hash.abort();
            to_store.abort();
        } else {
            to_hash.close();
        }
        hasher.join();
        storer.join();
    };

    FlowBatch batch;
    batch.records.reserve(kBatch);
    try {
        auto sink = [&](flow::FlowRecord&& r) {
            if (store_failed.load(std::memory_order_relaxed)) throw StoreStageFailed{};
            batch.records.push_back(std::move(r));
            if (batch.records.size() == kBatch) {
                if (!to_hash.push(std::move(batch))) throw StoreStageFailed{};
                batch = FlowBatch{};
                batch.records.reserve(kBatch);
            }
        };
        auto on_progress = [&](const Progress& p) {
            if (progress) progress(Progress{"import", p.done, p.total, p.message.empty() ? name : p.message});
        };
        res.stats = pipeline::extract_flows(*reader, options.flow, sink, on_progress, cancel);
        if (!batch.records.empty()) to_hash.push(std::move(batch));
        stop_workers(false);
    } catch (const StoreStageFailed&) {
        stop_workers(true);
    } catch (...) {
        stop_workers(true);
        std::string why = "import stopped by an unknown error";
        try {
            throw;
        } catch (const std::exception& e) {
            why = e.what();
        } catch (...) {
        }
        writer.fail(why);
        throw;
    }
    try {
        if (store_error) std::rethrow_exception(store_error);
        res.status = res.stats.cancelled ? "cancelled" : !res.stats.error.empty() ? "partial" : "complete";
        writer.finish(res.stats, res.status);
    } catch (const std::exception& e) {
        writer.fail(e.what());
        throw;
    }
    if (defer_index) {
        restore_index.armed = false;
        project.db().exec(kFlowsImageIndexSql);  // errors here are the caller's to see
    }
    res.flows_labelled = writer.labelled();
    res.flows_by_rule = writer.by_rule();
    res.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return res;
}

std::vector<std::pair<std::string, std::string>> folder_captures(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw IoError("'" + dir + "' is not a readable folder");
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& sub : fs::directory_iterator(dir, ec)) {
        if (!sub.is_directory()) continue;
        const std::string label = sub.path().filename().string();
        if (label.empty() || label[0] == '.') continue;
        for (const auto& f : fs::directory_iterator(sub.path(), ec)) {
            if (f.is_regular_file() && is_capture_file(f.path())) out.emplace_back(label, f.path().string());
        }
    }
    if (ec) throw IoError("cannot list '" + dir + "': " + ec.message());
    if (out.empty())
        throw ConfigError("'" + dir + "' holds no capture files in per-class folders (expected DIR/<label>/*.pcap)");
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<ImportResult> import_folder(Project& project, const std::string& dir, const ImportOptions& options,
                                        const ProgressFn& progress, const CancelToken* cancel) {
    const auto files = folder_captures(dir);
    std::vector<ImportResult> results;
    ImportOptions opt = options;
    opt.label_source = "folder";
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (cancel && cancel->cancelled()) break;
        const auto& [label, path] = files[i];
        opt.label = label;
        const std::string shown = label + "/" + fs::path(path).filename().string();
        ProgressFn inner;
        if (progress) {
            // done/total in thousandths of files, so that a bar moves within big files too.
            inner = [&, i](const Progress& p) {
                const std::uint64_t part = p.total ? std::min<std::uint64_t>(999, p.done * 1000 / p.total) : 0;
                progress(Progress{"import", i * 1000 + part, files.size() * 1000, shown});
            };
            inner(Progress{"import", 0, 0, shown});
        }
        results.push_back(import_capture(project, path, opt, inner, cancel));
        if (results.back().status == "cancelled") break;
    }
    if (progress) progress(Progress{"import", results.size() * 1000, files.size() * 1000, "done"});
    return results;
}

}  // namespace flowcnn::store
