#include "engine/store/datasets.h"

#include "engine/store/project.h"

namespace flowcnn::store {
namespace {

std::string opt_text(const Statement& st, int c) { return st.is_null(c) ? std::string() : st.text(c); }

// The flow columns both training loaders read, after their id and class/label columns (0, 1):
// head (2), server name (3, as flow::server_name), then the counts and shape the features need
// (4..12).
constexpr const char* kTrainingColumns =
    "f.head, COALESCE(NULLIF(f.sni, ''), f.http_host, ''), "
    "f.l4proto, f.client_port, f.server_port, f.packets_c2s, f.packets_s2c, f.bytes_c2s, f.bytes_s2c, "
    "f.last_ns - f.first_ns, f.shape";

// Columns 2..12 of a training row (kTrainingColumns).
void read_training_columns(const Statement& row, TrainingFlowView& v) {
    v.id = row.int64(0);
    v.head = row.blob_view(2);
    v.server_name = row.text(3);
    v.l4proto = static_cast<int>(row.int64(4));
    v.client_port = static_cast<int>(row.int64(5));
    v.server_port = static_cast<int>(row.int64(6));
    v.packets_c2s = row.int64(7);
    v.packets_s2c = row.int64(8);
    v.bytes_c2s = row.int64(9);
    v.bytes_s2c = row.int64(10);
    v.duration_ns = row.int64(11);
    v.shape = row.blob_view(12);
}

std::vector<std::string> read_texts(Statement& st) {
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    return out;
}

}  // namespace

std::optional<DatasetPreprocessingColumns> dataset_preprocessing_columns(Database& db, std::int64_t dataset_id) {
    auto ds = db.prepare(
        "SELECT fill_mode, CASE WHEN json_valid(params_json) THEN json_extract(params_json, '$.payload_bytes') END, "
        "CASE WHEN json_valid(params_json) THEN json_extract(params_json, '$.blank_session_fields') END "
        "FROM datasets WHERE id = ?");
    ds.bind(1, dataset_id);
    if (!ds.step()) return std::nullopt;
    DatasetPreprocessingColumns c;
    c.fill_mode = ds.text(0);
    if (!ds.is_null(1)) c.payload_bytes = ds.int64(1);
    c.blank_session_fields = !ds.is_null(2) && ds.int64(2) != 0;
    return c;
}

std::optional<std::string> dataset_name(Database& db, std::int64_t dataset_id, std::string_view schema) {
    auto st = db.prepare("SELECT name FROM " + std::string(schema) + ".datasets WHERE id = ?");
    st.bind(1, dataset_id);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

std::vector<std::string> dataset_class_labels(Database& db, std::int64_t dataset_id, std::string_view schema) {
    auto st = db.prepare("SELECT label FROM " + std::string(schema) +
                         ".dataset_classes WHERE dataset_id = ? ORDER BY class_index");
    st.bind(1, dataset_id);
    return read_texts(st);
}

bool dataset_exists(Database& db, std::int64_t dataset_id) {
    auto st = db.prepare("SELECT 1 FROM datasets WHERE id = ?");
    st.bind(1, dataset_id);
    return st.step();
}

std::vector<std::string> dataset_capture_directions(Database& db, std::int64_t dataset_id, int limit) {
    auto st = db.prepare(
        "SELECT DISTINCT c.direction FROM captures c WHERE c.id IN (SELECT f.capture_id FROM "
        "dataset_flows df JOIN flows f ON f.id = df.flow_id WHERE df.dataset_id = ?) LIMIT ?");
    st.bind(1, dataset_id).bind(2, limit);
    return read_texts(st);
}

std::int64_t count_dataset_flows(Database& db, std::int64_t dataset_id, std::string_view split) {
    auto count = db.prepare("SELECT count(*) FROM dataset_flows WHERE dataset_id = ? AND split = ?");
    count.bind(1, dataset_id).bind(2, split);
    count.step();
    return count.int64(0);
}

void set_dataset_audit_json(Database& db, std::int64_t dataset_id, std::string_view json) {
    auto up = db.prepare("UPDATE datasets SET audit_json = ? WHERE id = ?");
    up.bind(1, json).bind(2, dataset_id).run();
}

void for_each_dataset_flow(Database& db, std::int64_t dataset_id, std::string_view split, const TrainingFlowFn& fn) {
    auto rows = db.prepare(std::string("SELECT df.flow_id, df.class_index, ") + kTrainingColumns +
                           " FROM dataset_flows df JOIN flows f ON f.id = df.flow_id "
                           "WHERE df.dataset_id = ? AND df.split = ? ORDER BY df.flow_id");
    rows.bind(1, dataset_id).bind(2, split);
    TrainingFlowView v;
    while (rows.step()) {
        read_training_columns(rows, v);
        v.class_index = rows.int64(1);
        fn(v);
    }
}

void for_each_labelled_flow_with_payload(Database& db, const TrainingFlowFn& fn) {
    auto rows = db.prepare(std::string("SELECT f.id, f.label, ") + kTrainingColumns +
                           ", COALESCE(f.image_sha1, '') FROM flows f "
                           "WHERE f.label IS NOT NULL AND f.head IS NOT NULL ORDER BY f.id");
    TrainingFlowView v;
    std::string label;
    while (rows.step()) {
        read_training_columns(rows, v);
        label = rows.text(1);
        v.label = label;
        v.image_sha1 = rows.text(13);
        fn(v);
    }
}

std::vector<std::string> labels_of_flows_with_payload(Database& db) {
    auto st = db.prepare("SELECT DISTINCT label FROM flows WHERE label IS NOT NULL AND head IS NOT NULL ORDER BY label");
    return read_texts(st);
}

std::vector<std::string> distinct_image_hashes(Database& db) {
    auto st = db.prepare("SELECT DISTINCT image_sha1 FROM flows WHERE image_sha1 IS NOT NULL ORDER BY image_sha1");
    return read_texts(st);
}

void for_each_dataset_flow_for_audit(Database& db, std::int64_t dataset_id,
                                     const std::function<void(const DatasetFlowAuditView&)>& fn) {
    auto st = db.prepare(
        "SELECT df.split, df.class_index, f.image_sha1, f.capture_id, c.name, "
        "(f.sni IS NOT NULL OR f.http_host IS NOT NULL) FROM dataset_flows df "
        "JOIN flows f ON f.id = df.flow_id JOIN captures c ON c.id = f.capture_id WHERE df.dataset_id = ?");
    st.bind(1, dataset_id);
    DatasetFlowAuditView v;
    while (st.step()) {
        v.split = st.text(0);
        v.class_index = st.int64(1);
        v.image_sha1 = opt_text(st, 2);
        v.capture_id = st.int64(3);
        v.capture_name = st.text(4);
        v.has_server_name = st.int64(5) != 0;
        fn(v);
    }
}

void for_each_split_candidate(Database& db, const std::function<void(const SplitCandidateView&)>& fn) {
    auto st = db.prepare(
        "SELECT id, label, image_sha1, capture_id FROM flows "
        "WHERE label IS NOT NULL AND image_sha1 IS NOT NULL ORDER BY id");
    SplitCandidateView v;
    while (st.step()) {
        v.id = st.int64(0);
        v.label = st.text(1);
        v.image_sha1 = st.text(2);
        v.capture_id = st.int64(3);
        fn(v);
    }
}

std::int64_t insert_dataset(Database& db, std::string_view name, std::string_view fill_mode,
                            std::string_view params_json, std::span<const std::string> classes,
                            std::span<const DatasetMember> members) {
    auto ins = db.prepare("INSERT INTO datasets(name, created_at, fill_mode, params_json) VALUES (?, ?, ?, ?)");
    ins.bind(1, name).bind(2, utc_now_iso()).bind(3, fill_mode).bind(4, params_json).run();
    const std::int64_t id = db.last_insert_id();
    auto cls = db.prepare("INSERT INTO dataset_classes(dataset_id, class_index, label) VALUES (?, ?, ?)");
    for (std::size_t k = 0; k < classes.size(); ++k)
        cls.bind(1, id).bind(2, static_cast<std::int64_t>(k)).bind(3, classes[k]).run();
    auto fl = db.prepare("INSERT INTO dataset_flows(dataset_id, flow_id, split, class_index) VALUES (?, ?, ?, ?)");
    for (const auto& m : members) fl.bind(1, id).bind(2, m.flow_id).bind(3, m.split).bind(4, m.class_index).run();
    return id;
}

}  // namespace flowcnn::store
