#include "engine/store/flows.h"

#include <sqlite3.h>

#include <unordered_map>

#include "engine/common/error.h"
#include "engine/flow/flow.h"
#include "engine/store/classifications.h"

namespace flowcnn::store {
namespace {

std::string join_ids(std::span<const std::int64_t> ids) {
    std::string out;
    for (auto id : ids) {
        if (!out.empty()) out += ',';
        out += std::to_string(id);
    }
    return out;
}

// The latest prediction of each flow: classified_flows' key is (classification_id, flow_id), so a
// lookup per known classification id (newest first) is an index search.
std::string prediction_join(std::span<const std::int64_t> classification_ids) {
    if (classification_ids.empty()) return " LEFT JOIN classified_flows cf ON 0";
    return " LEFT JOIN classified_flows cf ON cf.flow_id = f.id AND cf.classification_id = "
           "(SELECT x.classification_id FROM classified_flows x WHERE x.flow_id = f.id AND "
           "x.classification_id IN (" +
           join_ids(classification_ids) + ") ORDER BY x.classification_id DESC LIMIT 1)";
}

// Sort keys of a column, never NULL so that ties behave; ties are broken by f.id.
std::vector<std::string_view> order_keys(FlowTableOrder order) {
    switch (order) {
        case FlowTableOrder::Capture: return {"f.capture_id", "f.idx"};
        case FlowTableOrder::Protocol: return {"f.l4proto"};
        case FlowTableOrder::Client: return {"f.client_ip", "f.client_port"};
        case FlowTableOrder::Server: return {"f.server_ip", "f.server_port"};
        case FlowTableOrder::FirstTime: return {"f.first_ns"};
        case FlowTableOrder::Duration: return {"(f.last_ns - f.first_ns)"};
        case FlowTableOrder::Packets: return {"(f.packets_c2s + f.packets_s2c)"};
        case FlowTableOrder::Bytes: return {"(f.bytes_c2s + f.bytes_s2c)"};
        case FlowTableOrder::PayloadLength: return {"f.payload_len"};
        case FlowTableOrder::ServerName: return {"lower(coalesce(nullif(f.sni, ''), f.http_host, ''))"};
        case FlowTableOrder::Label: return {"lower(coalesce(f.label, ''))"};
        case FlowTableOrder::Prediction: return {"lower(coalesce(cf.label, ''))"};
        case FlowTableOrder::Confidence: return {"coalesce(cf.confidence, -1)"};
        case FlowTableOrder::Id: break;
    }
    return {};
}

std::string opt_text(const Statement& st, int c) { return st.is_null(c) ? std::string() : st.text(c); }

void read_table_row(const Statement& st, FlowTableRow& r) {
    r.present = true;
    r.capture_id = st.int64(1);
    r.capture_name = opt_text(st, 2);
    r.l4proto = static_cast<int>(st.int64(3));
    r.client_ip = opt_text(st, 4);
    r.client_port = static_cast<int>(st.int64(5));
    r.server_ip = opt_text(st, 6);
    r.server_port = static_cast<int>(st.int64(7));
    r.first_ns = st.int64(8);
    r.last_ns = st.int64(9);
    r.packets_c2s = st.int64(10);
    r.packets_s2c = st.int64(11);
    r.bytes_c2s = st.int64(12);
    r.bytes_s2c = st.int64(13);
    r.payload_len = st.int64(14);
    r.sni = opt_text(st, 15);
    r.http_host = opt_text(st, 16);
    r.label = opt_text(st, 17);
    r.prediction = opt_text(st, 18);
    if (!st.is_null(19)) r.confidence = st.real(19);
}

}  // namespace

FlowIdListing list_flow_ids(Database& db, const FlowQuery& query, FlowTableOrder order, bool ascending) {
    FlowIdListing out;
    {
        auto st = db.prepare("SELECT COUNT(*) FROM flows");
        if (st.step()) out.total = st.int64(0);
    }
    out.classification_ids = classification_ids(db);
    const bool needs_prediction = query.uses_prediction() || order == FlowTableOrder::Prediction ||
                                  order == FlowTableOrder::Confidence;
    const FlowWhere where = compile_flow_query(query);
    const std::string dir = ascending ? " ASC" : " DESC";
    std::string sql = "SELECT f.id FROM flows f";
    if (needs_prediction) sql += prediction_join(out.classification_ids);
    sql += where.clause() + " ORDER BY ";
    for (std::string_view key : order_keys(order)) sql += std::string(key) + dir + ", ";
    sql += "f.id" + dir;
    auto st = db.prepare(sql);
    where.bind(st);
    while (st.step()) out.ids.push_back(st.int64(0));
    return out;
}

std::vector<FlowTableRow> read_flow_table_rows(Database& db, std::span<const std::int64_t> ids,
                                               std::span<const std::int64_t> classification_ids) {
    std::vector<FlowTableRow> rows(ids.size());
    std::unordered_map<std::int64_t, std::size_t> where;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        rows[i].id = ids[i];
        where.emplace(ids[i], i);
    }
    if (ids.empty()) return rows;
    const std::string sql =
        "SELECT f.id, f.capture_id, c.name, f.l4proto, f.client_ip, f.client_port, f.server_ip, "
        "f.server_port, f.first_ns, f.last_ns, f.packets_c2s, f.packets_s2c, f.bytes_c2s, "
        "f.bytes_s2c, f.payload_len, f.sni, f.http_host, f.label, cf.label, cf.confidence "
        "FROM flows f LEFT JOIN captures c ON c.id = f.capture_id" +
        prediction_join(classification_ids) + " WHERE f.id IN (" + join_ids(ids) + ")";
    auto st = db.prepare(sql);
    while (st.step()) read_table_row(st, rows[where.at(st.int64(0))]);
    return rows;
}

std::int64_t set_manual_labels(Database& db, std::span<const std::int64_t> ids,
                               std::optional<std::string_view> label) {
    Transaction tx(db);
    auto st = db.prepare("UPDATE flows SET label = ?, label_source = 'manual' WHERE id = ?");
    std::int64_t written = 0;
    for (auto id : ids) {
        if (label) st.bind(1, *label);
        else st.bind_null(1);
        st.bind(2, id);
        st.run();
        written += db.changes();
    }
    tx.commit();
    return written;
}

std::optional<image::PayloadImage> flow_payload_image(Database& db, std::int64_t flow_id) {
    auto st = db.prepare(
        "SELECT f.head, c.fill_mode FROM flows f JOIN captures c ON c.id = f.capture_id WHERE f.id = ?");
    st.bind(1, flow_id);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    flow::FillMode fill = flow::FillMode::Repeat;
    flow::parse_fill_mode(st.text(1), fill);
    const auto head = st.blob_view(0);
    if (head.empty()) return std::nullopt;
    return image::make_image(head, fill);
}

namespace {
std::vector<ClassCount> read_counts(Statement& st) {
    std::vector<ClassCount> out;
    while (st.step()) out.push_back({st.text(0), st.int64(1)});
    return out;
}
}  // namespace

std::vector<ClassCount> flow_counts_by_label(Database& db) {
    auto st = db.prepare("SELECT coalesce(label, ''), COUNT(*) FROM flows GROUP BY coalesce(label, '') ORDER BY 2 DESC");
    return read_counts(st);
}

std::vector<LabelledImage> sample_images_per_label(Database& db, int per_label) {
    // A window per label keeps this one pass over the labelled flows.
    auto st = db.prepare(
        "SELECT label, id, head, fill_mode FROM (SELECT f.label, f.id, f.head, c.fill_mode, "
        "row_number() OVER (PARTITION BY f.label ORDER BY f.id) AS n FROM flows f "
        "JOIN captures c ON c.id = f.capture_id WHERE f.label IS NOT NULL AND f.label <> '' "
        "AND f.head IS NOT NULL) WHERE n <= ? ORDER BY label, id");
    st.bind(1, per_label);
    std::vector<LabelledImage> out;
    while (st.step()) {
        flow::FillMode fill = flow::FillMode::Repeat;
        flow::parse_fill_mode(st.text(3), fill);
        out.push_back({st.text(0), st.int64(1), image::make_image(st.blob_view(2), fill)});
    }
    return out;
}

void for_each_flow_by_id(Database& db, std::span<const std::int64_t> ids, bool with_head,
                         const std::function<void(std::size_t, const FlowDetail&)>& fn) {
    auto q = db.prepare(with_head ? "SELECT capture_id, image_sha1, sni, http_host, head FROM flows WHERE id = ?"
                                  : "SELECT capture_id, image_sha1, sni, http_host FROM flows WHERE id = ?");
    FlowDetail d;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        q.reset();
        q.bind(1, ids[i]);
        if (!q.step()) throw ConfigError("no flow with id " + std::to_string(ids[i]));
        d.capture_id = q.int64(0);
        d.image_sha1 = opt_text(q, 1);
        d.sni = opt_text(q, 2);
        d.http_host = opt_text(q, 3);
        if (with_head) d.head = q.is_null(4) ? std::vector<std::uint8_t>() : q.blob(4);
        fn(i, d);
    }
}

std::int64_t count_flows_for_rules(Database& db, bool only_unlabelled) {
    auto count = db.prepare(only_unlabelled ? "SELECT count(*) FROM flows WHERE label IS NULL"
                                            : "SELECT count(*) FROM flows");
    count.step();
    return count.int64(0);
}

void for_each_flow_for_rules(Database& db, bool only_unlabelled, const std::function<void(const RuleFlowView&)>& fn) {
    auto sel = db.prepare(std::string(
        "SELECT f.id, f.l4proto, f.vlan, f.client_ip, f.client_port, f.server_ip, f.server_port, "
        "f.sni, f.http_host, c.name, f.label, f.label_source FROM flows f JOIN captures c ON c.id = f.capture_id") +
        (only_unlabelled ? " WHERE f.label IS NULL" : "") + " ORDER BY f.id");
    RuleFlowView v;
    while (sel.step()) {
        v.id = sel.int64(0);
        v.l4proto = static_cast<int>(sel.int64(1));
        v.vlan = static_cast<int>(sel.int64(2));
        v.client_ip = sel.text(3);
        v.client_port = static_cast<int>(sel.int64(4));
        v.server_ip = sel.text(5);
        v.server_port = static_cast<int>(sel.int64(6));
        v.sni = sel.text(7);
        v.http_host = sel.text(8);
        v.capture_name = sel.text(9);
        if (sel.is_null(10)) v.label.reset();
        else v.label = sel.text(10);
        v.label_source = sel.text(11);
        fn(v);
    }
}

void write_flow_labels(Database& db, std::span<const FlowLabelWrite> writes, std::string_view source) {
    auto upd = db.prepare("UPDATE flows SET label = ?, label_source = ? WHERE id = ?");
    for (const auto& w : writes) {
        if (w.label) upd.bind(1, *w.label).bind(2, source);
        else upd.bind_null(1).bind_null(2);
        upd.bind(3, w.flow_id).run();
    }
}

void QueryInterrupt::attach(Database* db) {
    std::lock_guard lock(mutex_);
    db_ = db;
}

void QueryInterrupt::interrupt() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    if (db_) sqlite3_interrupt(db_->handle());
}

bool QueryInterrupt::cancelled() {
    std::lock_guard lock(mutex_);
    return cancelled_;
}

}  // namespace flowcnn::store
