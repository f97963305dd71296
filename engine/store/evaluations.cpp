#include "engine/store/evaluations.h"

#include "engine/common/error.h"
#include "engine/store/project.h"

namespace flowcnn::store {
namespace {

constexpr const char* kEvaluationColumns =
    "SELECT id, run_id, split, accuracy, macro_f1, per_class_json, confusion_json, created_at "
    "FROM evaluations ";

StoredEvaluation read_evaluation(const Statement& q) {
    StoredEvaluation e;
    e.id = q.int64(0);
    e.run_id = q.int64(1);
    e.split = q.text(2);
    e.accuracy = q.real(3);
    e.macro_f1 = q.real(4);
    e.metrics = eval::metrics_from_json(q.text(5), q.text(6));
    e.created_at = q.text(7);
    return e;
}

}  // namespace

std::vector<StoredEvaluation> list_evaluations(Database& db, std::int64_t run_id) {
    auto q = db.prepare(std::string(kEvaluationColumns) + "WHERE run_id = ? ORDER BY id DESC");
    q.bind(1, run_id);
    std::vector<StoredEvaluation> out;
    while (q.step()) out.push_back(read_evaluation(q));
    return out;
}

StoredEvaluation get_evaluation(Database& db, std::int64_t evaluation_id) {
    auto q = db.prepare(std::string(kEvaluationColumns) + "WHERE id = ?");
    q.bind(1, evaluation_id);
    if (!q.step()) throw ConfigError("no evaluation " + std::to_string(evaluation_id));
    return read_evaluation(q);
}

std::int64_t insert_evaluation(Database& db, const NewEvaluation& e) {
    Transaction tx(db);
    auto ins = db.prepare(
        "INSERT INTO evaluations(run_id, split, accuracy, macro_f1, per_class_json, confusion_json, "
        "created_at) VALUES(?,?,?,?,?,?,?)");
    ins.bind(1, e.run_id)
        .bind(2, e.split)
        .bind(3, e.metrics->accuracy)
        .bind(4, e.metrics->macro_f1)
        .bind(5, eval::per_class_json(*e.metrics))
        .bind(6, eval::confusion_json(*e.metrics))
        .bind(7, utc_now_iso());
    ins.run();
    const std::int64_t id = db.last_insert_id();
    if (!e.flow_ids.empty()) {
        auto p = db.prepare(
            "INSERT OR REPLACE INTO predictions(evaluation_id, flow_id, true_index, predicted_index, "
            "confidence) VALUES(?,?,?,?,?)");
        for (std::size_t i = 0; i < e.flow_ids.size() && i < e.truth.size(); ++i) {
            p.bind(1, id)
                .bind(2, e.flow_ids[i])
                .bind(3, static_cast<std::int64_t>(e.truth[i]))
                .bind(4, static_cast<std::int64_t>(e.predicted[i]))
                .bind(5, static_cast<double>(e.confidence[i]));
            p.run();
        }
    }
    tx.commit();
    return id;
}

std::vector<StoredPrediction> evaluation_predictions(Database& db, std::int64_t evaluation_id,
                                                     const PredictionFilter& f) {
    std::string sql =
        "SELECT flow_id, true_index, predicted_index, confidence FROM predictions WHERE evaluation_id = ?1";
    if (f.mistakes_only) sql += " AND true_index <> predicted_index";
    if (f.true_index) sql += " AND true_index = ?2";
    if (f.predicted_index) sql += " AND predicted_index = ?3";
    sql += " ORDER BY confidence DESC, flow_id";
    if (f.limit > 0) sql += " LIMIT ?4";
    auto q = db.prepare(sql);
    q.bind(1, evaluation_id);
    if (f.true_index) q.bind(2, static_cast<std::int64_t>(*f.true_index));
    if (f.predicted_index) q.bind(3, static_cast<std::int64_t>(*f.predicted_index));
    if (f.limit > 0) q.bind(4, f.limit);
    std::vector<StoredPrediction> out;
    while (q.step())
        out.push_back({q.int64(0), static_cast<std::int32_t>(q.int64(1)), static_cast<std::int32_t>(q.int64(2)),
                       q.real(3)});
    return out;
}

}  // namespace flowcnn::store
