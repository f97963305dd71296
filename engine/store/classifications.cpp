#include "engine/store/classifications.h"

#include "engine/store/project.h"

namespace flowcnn::store {
namespace {

constexpr const char* kClassificationColumns =
    "SELECT c.id, c.model_id, c.capture_id, cap.name, cap.path, m.name, c.threshold, c.created_at, "
    "(SELECT COUNT(*) FROM classified_flows f WHERE f.classification_id = c.id) "
    "FROM classifications c LEFT JOIN captures cap ON cap.id = c.capture_id "
    "LEFT JOIN models m ON m.id = c.model_id ";

std::string opt_text(const Statement& q, int c) { return q.is_null(c) ? std::string() : q.text(c); }
std::optional<std::int64_t> opt_int(const Statement& q, int c) {
    return q.is_null(c) ? std::nullopt : std::optional<std::int64_t>(q.int64(c));
}

ClassificationSummary read_classification(const Statement& q) {
    ClassificationSummary c;
    c.id = q.int64(0);
    c.model_id = opt_int(q, 1);
    c.capture_id = opt_int(q, 2);
    c.capture_name = opt_text(q, 3);
    c.capture_path = opt_text(q, 4);
    c.model_name = opt_text(q, 5);
    c.threshold = q.real(6);
    c.created_at = opt_text(q, 7);
    c.flows = q.int64(8);
    return c;
}

std::vector<std::pair<std::string, std::int64_t>> read_counts(Statement& q) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (q.step()) out.emplace_back(q.text(0), q.int64(1));
    return out;
}

}  // namespace

std::vector<ClassificationSummary> list_classifications(Database& db) {
    auto q = db.prepare(std::string(kClassificationColumns) + "ORDER BY c.id DESC");
    std::vector<ClassificationSummary> out;
    while (q.step()) out.push_back(read_classification(q));
    return out;
}

std::optional<ClassificationSummary> find_classification(Database& db, std::int64_t id) {
    auto q = db.prepare(std::string(kClassificationColumns) + "WHERE c.id = ?");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return read_classification(q);
}

std::vector<std::int64_t> classification_ids(Database& db) {
    auto q = db.prepare("SELECT id FROM classifications ORDER BY id DESC");
    std::vector<std::int64_t> out;
    while (q.step()) out.push_back(q.int64(0));
    return out;
}

std::vector<std::pair<std::string, std::int64_t>> classification_label_counts(Database& db, std::int64_t id) {
    auto q = db.prepare(
        "SELECT label, COUNT(*) AS n FROM classified_flows WHERE classification_id = ? "
        "GROUP BY label ORDER BY n DESC, label");
    q.bind(1, id);
    return read_counts(q);
}

std::vector<std::pair<std::string, std::int64_t>> classification_label_counts_at(Database& db, std::int64_t id,
                                                                                 double threshold) {
    auto q = db.prepare(
        "SELECT CASE WHEN confidence >= ?2 THEN COALESCE(json_extract(top3_json, '$[0][0]'), label) ELSE ?3 END AS l, "
        "COUNT(*) AS n FROM classified_flows WHERE classification_id = ?1 GROUP BY l ORDER BY n DESC, l");
    q.bind(1, id).bind(2, threshold).bind(3, kUnknownPrediction);
    return read_counts(q);
}

std::vector<std::pair<std::string, std::int64_t>> latest_prediction_counts(Database& db) {
    // SQLite takes the bare column `label` from the row holding MAX(): each flow's latest prediction.
    auto q = db.prepare(
        "SELECT label, COUNT(*) FROM (SELECT flow_id, label, MAX(classification_id) FROM classified_flows "
        "GROUP BY flow_id) GROUP BY label ORDER BY 2 DESC");
    return read_counts(q);
}

std::vector<ClassifiedFlowRow> classified_flows(Database& db, std::int64_t id) {
    auto q = db.prepare(
        "SELECT f.id, f.client_ip, f.client_port, f.server_ip, f.server_port, "
        "COALESCE(f.sni, f.http_host, ''), COALESCE(f.label, ''), cf.label, cf.confidence, cf.top3_json "
        "FROM classified_flows cf JOIN flows f ON f.id = cf.flow_id WHERE cf.classification_id = ? "
        "ORDER BY f.id");
    q.bind(1, id);
    std::vector<ClassifiedFlowRow> out;
    while (q.step())
        out.push_back({q.int64(0), q.text(1), q.int64(2), q.text(3), q.int64(4), q.text(5), q.text(6), q.text(7),
                       q.real(8), q.text(9)});
    return out;
}

std::int64_t insert_classification(Database& db, std::optional<std::int64_t> model_id, std::int64_t capture_id,
                                   double threshold, std::span<const NewClassifiedFlow> flows) {
    Transaction tx(db);
    auto q = db.prepare("INSERT INTO classifications(model_id, capture_id, threshold, created_at) VALUES(?,?,?,?)");
    q.bind(1, model_id).bind(2, capture_id).bind(3, threshold).bind(4, utc_now_iso());
    q.run();
    const std::int64_t id = db.last_insert_id();
    auto ins = db.prepare(
        "INSERT OR REPLACE INTO classified_flows(classification_id, flow_id, label, confidence, top3_json) "
        "VALUES(?,?,?,?,?)");
    for (const auto& f : flows) {
        ins.bind(1, id).bind(2, f.flow_id).bind(3, f.label).bind(4, f.confidence).bind(5, f.top3_json);
        ins.run();
    }
    tx.commit();
    return id;
}

}  // namespace flowcnn::store
