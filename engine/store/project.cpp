#include "engine/store/project.h"

#include "engine/store/meta.h"
#include "engine/store/runs.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>

#include "engine/common/error.h"
#include "engine/store/flow_query.h"
#include "engine/store/schema.h"

namespace flowcnn::store {
namespace {

bool file_exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

// Checks the 16-byte SQLite header without opening the file through SQLite (which would accept an
// empty file as an empty database).
void require_sqlite_header(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IoError("cannot open project '" + path + "': cannot read the file");
    unsigned char h[100] = {};
    in.read(reinterpret_cast<char*>(h), sizeof h);
    const auto got = in.gcount();
    static constexpr char kMagic[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f',
                                        'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
    if (got < 16 || std::memcmp(h, kMagic, 16) != 0)
        throw FormatError("'" + path + "' is not a FlowCNN project (not an SQLite file)");
    if (got < 100) throw FormatError("project '" + path + "' is truncated (incomplete SQLite header)");
    // A truncated copy: the header's page count (valid when its version-valid-for number matches
    // the change counter) says the file should be longer than it is.
    auto be32 = [&](int o) {
        return (std::uint32_t{h[o]} << 24) | (std::uint32_t{h[o + 1]} << 16) | (std::uint32_t{h[o + 2]} << 8) | h[o + 3];
    };
    const std::uint32_t raw_page = (std::uint32_t{h[16]} << 8) | h[17];
    const std::uint64_t page = raw_page == 1 ? 65536 : raw_page;
    const std::uint32_t pages = be32(28);
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    // A process killed during a WAL checkpoint can leave page 1 (with the new page count) written
    // before the file was extended; the -wal file beside it still holds every page, and SQLite
    // recovers from it on open. Only a file without a WAL is judged by its size.
    std::error_code wal_ec;
    const auto wal_size = std::filesystem::file_size(path + "-wal", wal_ec);
    const bool has_wal = !wal_ec && wal_size > 0;
    if (!ec && !has_wal && page >= 512 && pages > 0 && be32(24) == be32(92) && size < page * pages)
        throw FormatError("project '" + path + "' is truncated (" + std::to_string(size) + " bytes, " +
                          std::to_string(page * pages) + " expected)");
}

int user_version(Database& db) {
    auto st = db.prepare("PRAGMA user_version");
    st.step();
    return static_cast<int>(st.int64(0));
}

constexpr const char* kFlowColumns =
    "id, capture_id, idx, l4proto, vlan, client_ip, client_port, server_ip, server_port, first_ns, "
    "last_ns, packets_c2s, packets_s2c, bytes_c2s, bytes_s2c, payload_len, image_sha1, sni, "
    "http_host, end_reason, label, label_source";

std::string opt_text(const Statement& st, int c) { return st.is_null(c) ? std::string() : st.text(c); }

FlowRow read_flow(const Statement& st, bool with_head) {
    FlowRow r;
    r.id = st.int64(0);
    r.capture_id = st.int64(1);
    r.idx = st.int64(2);
    r.l4proto = static_cast<int>(st.int64(3));
    r.vlan = static_cast<int>(st.int64(4));
    r.client_ip = st.text(5);
    r.client_port = static_cast<int>(st.int64(6));
    r.server_ip = st.text(7);
    r.server_port = static_cast<int>(st.int64(8));
    r.first_ns = st.int64(9);
    r.last_ns = st.int64(10);
    r.packets_c2s = st.int64(11);
    r.packets_s2c = st.int64(12);
    r.bytes_c2s = st.int64(13);
    r.bytes_s2c = st.int64(14);
    r.payload_len = st.int64(15);
    r.image_sha1 = opt_text(st, 16);
    r.sni = opt_text(st, 17);
    r.http_host = opt_text(st, 18);
    r.end_reason = st.text(19);
    r.label = opt_text(st, 20);
    r.label_source = opt_text(st, 21);
    if (with_head) {
        r.head = st.blob(22);
        r.shape = flow::decode_shape(st.blob_view(23));
    }
    return r;
}

// The CLI options' filter as the one flow query description.
FlowQuery to_flow_query(const FlowFilter& f) {
    FlowQuery q;
    if (!f.text.empty()) q.and_term({.kind = FlowTermKind::Text, .text = f.text});
    if (f.l4proto != 0) q.and_term({.kind = FlowTermKind::Protocol, .number = f.l4proto});
    if (f.port != 0) q.and_term({.kind = FlowTermKind::Port, .number = f.port});
    if (f.label) {
        if (f.label->empty()) q.and_term({.kind = FlowTermKind::Unlabelled});
        else q.and_term({.kind = FlowTermKind::Label, .text = *f.label});
    }
    if (f.capture_id != 0) q.and_term({.kind = FlowTermKind::Capture, .number = f.capture_id});
    if (f.with_image_only) q.and_term({.kind = FlowTermKind::HasImage});
    return q;
}

struct ColumnName {
    FlowColumn col;
    std::string_view name;
    std::string_view sql;
};
constexpr ColumnName kColumns[] = {
    {FlowColumn::Id, "id", "id"},
    {FlowColumn::Capture, "capture", "capture_id"},
    {FlowColumn::Index, "index", "idx"},
    {FlowColumn::Proto, "proto", "l4proto"},
    {FlowColumn::Client, "client", "client_ip"},
    {FlowColumn::ClientPort, "client_port", "client_port"},
    {FlowColumn::Server, "server", "server_ip"},
    {FlowColumn::ServerPort, "server_port", "server_port"},
    {FlowColumn::First, "first", "first_ns"},
    {FlowColumn::Last, "last", "last_ns"},
    {FlowColumn::Packets, "packets", "(packets_c2s + packets_s2c)"},
    {FlowColumn::Bytes, "bytes", "(bytes_c2s + bytes_s2c)"},
    {FlowColumn::PayloadLen, "payload_len", "payload_len"},
    {FlowColumn::Sni, "sni", "sni"},
    {FlowColumn::HttpHost, "http_host", "http_host"},
    {FlowColumn::EndReason, "end_reason", "end_reason"},
    {FlowColumn::Label, "label", "label"},
};

std::string_view column_sql(FlowColumn c) {
    for (auto& k : kColumns)
        if (k.col == c) return k.sql;
    return "id";
}

CaptureInfo read_capture(const Statement& st) {
    CaptureInfo c;
    c.id = st.int64(0);
    c.path = st.text(1);
    c.name = st.text(2);
    c.format = st.text(3);
    c.linktype = st.is_null(4) ? 0 : static_cast<int>(st.int64(4));
    if (!st.is_null(5)) c.label = st.text(5);
    c.direction = st.text(6);
    c.fill_mode = st.text(7);
    c.idle_timeout_s = st.is_null(8) ? 0.0 : st.real(8);
    c.active_timeout_s = st.is_null(9) ? 0.0 : st.real(9);
    c.imported_at = st.text(10);
    c.status = st.text(11);
    c.frames = st.int64(12);
    c.packets = st.int64(13);
    c.flows = st.int64(14);
    c.skipped_json = st.text(15);
    c.error = opt_text(st, 16);
    return c;
}
constexpr const char* kCaptureColumns =
    "id, path, name, format, linktype, label, direction, fill_mode, idle_timeout_s, "
    "active_timeout_s, imported_at, status, frames, packets, flows, skipped_json, error";

}  // namespace

int migrate(Database& db, std::span<const std::string_view> migrations) {
    Transaction tx(db);
    const int from = user_version(db);
    const int known = static_cast<int>(migrations.size());
    if (from > known)
        throw FormatError("project '" + db.path() + "' has schema version " + std::to_string(from) +
                          ", newer than this program's " + std::to_string(known));
    for (int i = from; i < known; ++i) {
        db.exec(migrations[static_cast<std::size_t>(i)]);
        db.exec("PRAGMA user_version = " + std::to_string(i + 1));
    }
    tx.commit();
    return known;
}

std::string utc_now_iso() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string_view flow_column_name(FlowColumn c) {
    for (auto& k : kColumns)
        if (k.col == c) return k.name;
    return "id";
}

bool parse_flow_column(std::string_view s, FlowColumn& out) {
    for (auto& k : kColumns) {
        if (k.name == s) {
            out = k.col;
            return true;
        }
    }
    return false;
}

Project::Project(std::unique_ptr<Database> db, std::string path, bool read_only)
    : db_(std::move(db)), path_(std::move(path)), read_only_(read_only) {}

Project::~Project() = default;

int Project::known_schema_version() { return static_cast<int>(schema_migrations().size()); }

Project Project::create(const std::string& path) {
    if (file_exists(path)) throw IoError("cannot create project '" + path + "': the file already exists");
    auto db = std::make_unique<Database>(path, Database::Mode::Create);
    try {
        // 16 KiB pages: a flow row with its 784-byte head packs well, and bulk imports need a
        // quarter of the page writes. Must precede the first table and WAL mode.
        db->exec("PRAGMA page_size = 16384");
        db->exec("PRAGMA journal_mode = WAL");
        db->exec("PRAGMA synchronous = NORMAL");
        db->exec("PRAGMA cache_size = -32768");
        migrate(*db, schema_migrations());
        Transaction tx(*db);
        auto put = db->prepare("INSERT INTO meta(key, value) VALUES (?, ?)");
        put.bind(1, "application").bind(2, kApplicationId).run();
        put.bind(1, "created_at").bind(2, utc_now_iso()).run();
        put.bind(1, "created_by").bind(2, "flowcnn 0.1.0").run();
        tx.commit();
    } catch (...) {
        db.reset();
        std::remove(path.c_str());
        std::remove((path + "-wal").c_str());
        std::remove((path + "-shm").c_str());
        throw;
    }
    return Project(std::move(db), path, false);
}

Project Project::open(const std::string& path, bool read_only) {
    if (!file_exists(path)) throw IoError("cannot open project '" + path + "': no such file");
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw IoError("cannot open project '" + path + "': it is a folder");
    require_sqlite_header(path);
    // Read-only opens use a read-write connection with query_only set when the file allows it, so
    // that closing the last connection still checkpoints and removes the -wal/-shm files.
    auto db = std::make_unique<Database>(path, Database::Mode::ReadWrite);
    if (read_only) db->exec("PRAGMA query_only = ON");
    // Everything up to the version check only reads, so a refused file stays as it was.
    {
        auto st = db->prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
        st.step();
        if (st.int64(0) == 0)
            throw FormatError("'" + path + "' is an SQLite file but not a FlowCNN project (no meta table)");
        auto app = db->prepare("SELECT value FROM meta WHERE key = 'application'");
        if (!app.step() || app.text(0) != kApplicationId)
            throw FormatError("'" + path + "' is an SQLite file but not a FlowCNN project (application is not '" +
                              std::string(kApplicationId) + "')");
    }
    const int version = user_version(*db);
    const int known = known_schema_version();
    if (version > known)
        throw FormatError("project '" + path + "' has schema version " + std::to_string(version) +
                          ", newer than this program's " + std::to_string(known) +
                          "; open it with a newer FlowCNN Workbench");
    if (version < 1) throw FormatError("project '" + path + "' has no schema version; it is damaged");
    if (read_only) {
        if (version < known)
            throw FormatError("project '" + path + "' has schema version " + std::to_string(version) +
                              " and needs an upgrade to " + std::to_string(known) +
                              "; open it read-write once");
    } else {
        db->exec("PRAGMA journal_mode = WAL");
        db->exec("PRAGMA synchronous = NORMAL");
        db->exec("PRAGMA cache_size = -32768");  // 32 MiB
        if (version < known) migrate(*db, schema_migrations());
        db->exec(kFlowsImageIndexSql);  // after an import killed while the index was dropped
    }
    return Project(std::move(db), path, read_only);
}

int Project::schema_version() { return user_version(*db_); }

std::optional<std::string> Project::get_meta(std::string_view key) { return read_meta(*db_, key); }

void Project::set_meta(std::string_view key, std::string_view value) { write_meta(*db_, key, value); }

std::int64_t Project::compact() {
    const auto dropped = drop_finished_checkpoints(*db_);
    db_->exec("VACUUM");
    return dropped;
}

void Project::save_copy(const std::string& path) {
    // VACUUM INTO writes a consistent, compact copy (what the WAL holds included).
    db_->prepare("VACUUM INTO ?").bind(1, path).run();
}

std::vector<CaptureInfo> Project::captures() {
    auto st = db_->prepare(std::string("SELECT ") + kCaptureColumns + " FROM captures ORDER BY id");
    std::vector<CaptureInfo> out;
    while (st.step()) out.push_back(read_capture(st));
    return out;
}

std::optional<CaptureInfo> Project::capture(std::int64_t id) {
    auto st = db_->prepare(std::string("SELECT ") + kCaptureColumns + " FROM captures WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_capture(st);
}

void Project::delete_capture(std::int64_t id) {
    auto st = db_->prepare("DELETE FROM captures WHERE id = ?");
    st.bind(1, id).run();
}

std::int64_t Project::count_flows(const FlowFilter& filter) {
    const FlowWhere w = compile_flow_query(to_flow_query(filter));
    auto st = db_->prepare("SELECT count(*) FROM flows f" + w.clause());
    w.bind(st);
    st.step();
    return st.int64(0);
}

std::vector<FlowRow> Project::flows(const FlowFilter& filter, std::int64_t offset, std::int64_t limit,
                                    FlowColumn order, bool ascending, bool with_head) {
    const FlowWhere w = compile_flow_query(to_flow_query(filter));
    const char* dir = ascending ? " ASC" : " DESC";
    std::string sql = std::string("SELECT ") + kFlowColumns + (with_head ? ", head, shape" : "") + " FROM flows f" +
                      w.clause() + " ORDER BY " + std::string(column_sql(order)) + dir;
    if (order != FlowColumn::Id) sql += std::string(", id") + dir;
    sql += " LIMIT ? OFFSET ?";
    auto st = db_->prepare(sql);
    const int next = w.bind(st);
    st.bind(next, limit < 0 ? std::int64_t{-1} : limit);
    st.bind(next + 1, offset < 0 ? std::int64_t{0} : offset);
    std::vector<FlowRow> out;
    if (limit > 0) out.reserve(static_cast<std::size_t>(std::min<std::int64_t>(limit, 100000)));
    while (st.step()) out.push_back(read_flow(st, with_head));
    return out;
}

std::vector<std::int64_t> Project::flow_ids(const FlowFilter& filter) {
    const FlowWhere w = compile_flow_query(to_flow_query(filter));
    auto st = db_->prepare("SELECT id FROM flows f" + w.clause() + " ORDER BY id");
    w.bind(st);
    std::vector<std::int64_t> out;
    while (st.step()) out.push_back(st.int64(0));
    return out;
}

std::optional<FlowRow> Project::flow(std::int64_t id) {
    auto st = db_->prepare(std::string("SELECT ") + kFlowColumns + ", head, shape FROM flows WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_flow(st, true);
}

image::PayloadImage Project::image(std::int64_t flow_id, std::optional<flow::FillMode> fill) {
    auto st = db_->prepare("SELECT f.head, c.fill_mode FROM flows f JOIN captures c ON c.id = f.capture_id "
                           "WHERE f.id = ?");
    st.bind(1, flow_id);
    if (!st.step()) throw ConfigError("no flow with id " + std::to_string(flow_id));
    flow::FillMode mode = flow::FillMode::Repeat;
    if (fill) mode = *fill;
    else flow::parse_fill_mode(st.text(1), mode);
    return image::make_image(st.blob_view(0), mode);
}

namespace {

// Sets the label and source of `n` flows in one transaction; `bind_row(i, st)` binds flow i's
// ?1 label, ?2 source and ?3 id. Returns the flows whose label or source changed.
std::int64_t update_flow_labels(Database& db, std::size_t n, const std::function<void(std::size_t, Statement&)>& bind_row) {
    Transaction tx(db);
    auto st = db.prepare(
        "UPDATE flows SET label = ?1, label_source = ?2 WHERE id = ?3 AND "
        "(label IS NOT ?1 OR label_source IS NOT ?2)");
    std::int64_t changed = 0;
    for (std::size_t i = 0; i < n; ++i) {
        bind_row(i, st);
        st.run();
        changed += db.changes();
    }
    tx.commit();
    return changed;
}

}  // namespace

std::int64_t Project::set_labels(std::span<const std::int64_t> ids, const std::optional<std::string>& label,
                                 std::string_view source) {
    return update_flow_labels(*db_, ids.size(), [&](std::size_t i, Statement& st) {
        if (label) st.bind(1, *label).bind(2, source);
        else st.bind_null(1).bind_null(2);
        st.bind(3, ids[i]);
    });
}

std::int64_t Project::set_capture_label(std::int64_t capture_id, const std::optional<std::string>& label,
                                        std::string_view source) {
    Transaction tx(*db_);
    auto cap = db_->prepare("UPDATE captures SET label = ? WHERE id = ?");
    cap.bind(1, label).bind(2, capture_id).run();
    auto st = db_->prepare("UPDATE flows SET label = ?, label_source = ? WHERE capture_id = ?");
    st.bind(1, label);
    if (label) st.bind(2, source);
    else st.bind_null(2);
    st.bind(3, capture_id).run();
    const std::int64_t changed = db_->changes();
    tx.commit();
    return changed;
}

std::vector<LabelCount> Project::label_counts() {
    auto st = db_->prepare(
        "SELECT label, count(*), count(image_sha1) FROM flows GROUP BY label ORDER BY label IS NOT NULL, label");
    std::vector<LabelCount> out;
    while (st.step()) out.push_back({opt_text(st, 0), st.int64(1), st.int64(2)});
    return out;
}

std::vector<DatasetInfo> Project::datasets() {
    std::vector<DatasetInfo> out;
    std::vector<std::int64_t> ids;
    {
        auto st = db_->prepare("SELECT id FROM datasets ORDER BY id");
        while (st.step()) ids.push_back(st.int64(0));
    }
    for (auto id : ids)
        if (auto d = dataset(id)) out.push_back(std::move(*d));
    return out;
}

std::optional<DatasetInfo> Project::dataset(std::int64_t id) {
    auto st = db_->prepare(
        "SELECT id, name, created_at, fill_mode, params_json, audit_json FROM datasets WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    DatasetInfo d;
    d.id = st.int64(0);
    d.name = st.text(1);
    d.created_at = st.text(2);
    d.fill_mode = st.text(3);
    d.params_json = st.text(4);
    d.audit_json = st.text(5);
    auto cls = db_->prepare("SELECT label FROM dataset_classes WHERE dataset_id = ? ORDER BY class_index");
    cls.bind(1, id);
    while (cls.step()) d.classes.push_back(cls.text(0));
    auto sizes = db_->prepare("SELECT split, count(*) FROM dataset_flows WHERE dataset_id = ? GROUP BY split");
    sizes.bind(1, id);
    while (sizes.step()) {
        const auto split = sizes.text(0);
        const auto n = sizes.int64(1);
        if (split == "train") d.train = n;
        else if (split == "val") d.val = n;
        else if (split == "test") d.test = n;
    }
    return d;
}

std::optional<std::int64_t> Project::find_dataset(std::string_view name) {
    auto st = db_->prepare("SELECT id FROM datasets WHERE name = ?");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return st.int64(0);
}

std::int64_t Project::resolve_dataset(std::string_view name_or_id) {
    if (auto id = find_dataset(name_or_id)) return *id;
    bool digits = !name_or_id.empty();
    for (char c : name_or_id) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (digits) {
        const auto id = std::stoll(std::string(name_or_id));
        auto st = db_->prepare("SELECT id FROM datasets WHERE id = ?");
        st.bind(1, static_cast<std::int64_t>(id));
        if (st.step()) return st.int64(0);
    }
    throw ConfigError("no dataset named '" + std::string(name_or_id) + "' in '" + path_ + "'");
}

void Project::delete_dataset(std::int64_t id) {
    auto st = db_->prepare("DELETE FROM datasets WHERE id = ?");
    st.bind(1, id).run();
}

void Project::for_each_flow_endpoints(const std::function<void(const FlowEndpoints&)>& fn) {
    auto st = db_->prepare(
        "SELECT id, capture_id, l4proto, client_ip, client_port, server_ip, server_port, label FROM flows "
        "ORDER BY id");
    FlowEndpoints f;
    while (st.step()) {
        f.id = st.int64(0);
        f.capture_id = st.int64(1);
        f.l4proto = static_cast<int>(st.int64(2));
        f.client_ip = st.text(3);
        f.client_port = static_cast<int>(st.int64(4));
        f.server_ip = st.text(5);
        f.server_port = static_cast<int>(st.int64(6));
        f.label = opt_text(st, 7);
        fn(f);
    }
}

std::int64_t Project::set_flow_labels(std::span<const LabelAssignment> labels, std::string_view source) {
    return update_flow_labels(*db_, labels.size(), [&](std::size_t i, Statement& st) {
        st.bind(1, labels[i].label).bind(2, source).bind(3, labels[i].flow_id);
    });
}

}  // namespace flowcnn::store
