#include "engine/eval/evaluate.h"

#include <algorithm>
#include <chrono>

#include "engine/common/error.h"
#include "engine/store/project.h"

namespace flowcnn::eval {

void predict_set(const model::Classifier& clf, const dataset::ImageSet& set, const CancelToken* cancel,
                 const std::function<void(std::size_t, const Answer&)>& on_answer) {
    const std::size_t chunk = 1024;
    // The model's server-name rules need the flows' names (sets loaded from a project carry them).
    const auto& rules = clf.info().name_rules;
    const bool use_rules = !rules.empty() && set.names.size() == set.size();
    const std::size_t c = clf.num_classes();
    for (std::size_t i = 0; i < set.size(); i += chunk) {
        if (cancel && cancel->cancelled()) throw CancelledError();
        const std::size_t n = std::min(chunk, set.size() - i);
        auto p = clf.predict_proba(set, i, n);
        for (std::size_t k = 0; k < n; ++k) {
            float* row = p.data() + k * c;
            Answer a;
            if (use_rules) {
                if (const auto* rule = rules.match(set.names[i + k])) {
                    baseline::NameRules::mix(*rule, row, c);
                    a.by_name_rule = true;
                }
            }
            a.index = static_cast<std::int32_t>(std::max_element(row, row + c) - row);
            a.confidence = row[a.index];
            on_answer(i + k, a);
        }
    }
}

EvaluationResult evaluate(const model::Classifier& clf, const dataset::ImageSet& set,
                          std::string split, const CancelToken* cancel) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto& classes = clf.info().classes;
    if (!set.classes.empty() && set.classes != classes)
        throw ConfigError("the model's classes differ from the data set's classes");
    if (set.pixels.size() != set.size() * flow::kImageBytes)
        throw ConfigError("image set: pixel data does not match the label count");
    EvaluationResult r;
    r.split = std::move(split);
    r.flow_ids = set.flow_ids;
    r.truth = set.labels;
    r.predicted.resize(set.size());
    r.confidence.resize(set.size());
    predict_set(clf, set, cancel, [&](std::size_t i, const Answer& a) {
        r.predicted[i] = a.index;
        r.confidence[i] = a.confidence;
        r.decided_by_name_rules += a.by_name_rule;
    });
    for (auto l : set.labels)
        if (l < 0 || static_cast<std::size_t>(l) >= classes.size())
            throw ConfigError("image set: label outside the model's classes");
    r.metrics = compute_metrics(r.truth, r.predicted, classes);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.images_per_s = r.seconds > 0 ? static_cast<double>(set.size()) / r.seconds : 0;
    return r;
}

EvaluationResult evaluate(std::span<const std::uint8_t> model_file, const dataset::ImageSet& set,
                          std::string split, int threads, const CancelToken* cancel) {
    model::Classifier clf(model_file, threads);
    return evaluate(clf, set, std::move(split), cancel);
}

std::int64_t store_evaluation(store::Database& db, std::int64_t run_id, const EvaluationResult& r) {
    store::Transaction tx(db);
    auto ins = db.prepare(
        "INSERT INTO evaluations(run_id, split, accuracy, macro_f1, per_class_json, confusion_json, "
        "created_at) VALUES(?,?,?,?,?,?,?)");
    ins.bind(1, run_id)
        .bind(2, r.split)
        .bind(3, r.metrics.accuracy)
        .bind(4, r.metrics.macro_f1)
        .bind(5, per_class_json(r.metrics))
        .bind(6, confusion_json(r.metrics))
        .bind(7, store::utc_now_iso());
    ins.run();
    const std::int64_t id = db.last_insert_id();
    if (!r.flow_ids.empty()) {
        auto p = db.prepare(
            "INSERT OR REPLACE INTO predictions(evaluation_id, flow_id, true_index, predicted_index, "
            "confidence) VALUES(?,?,?,?,?)");
        for (std::size_t i = 0; i < r.flow_ids.size() && i < r.truth.size(); ++i) {
            p.bind(1, id)
                .bind(2, r.flow_ids[i])
                .bind(3, static_cast<std::int64_t>(r.truth[i]))
                .bind(4, static_cast<std::int64_t>(r.predicted[i]))
                .bind(5, static_cast<double>(r.confidence[i]));
            p.run();
        }
    }
    tx.commit();
    return id;
}

namespace {
StoredEvaluation read_row(store::Statement& q) {
    StoredEvaluation e;
    e.id = q.int64(0);
    e.run_id = q.int64(1);
    e.split = q.text(2);
    e.accuracy = q.real(3);
    e.macro_f1 = q.real(4);
    e.metrics = metrics_from_json(q.text(5), q.text(6));
    e.created_at = q.text(7);
    return e;
}
constexpr const char* kCols =
    "SELECT id, run_id, split, accuracy, macro_f1, per_class_json, confusion_json, created_at "
    "FROM evaluations ";
}  // namespace

std::vector<StoredEvaluation> list_evaluations(store::Database& db, std::int64_t run_id) {
    auto q = db.prepare(std::string(kCols) + "WHERE run_id = ? ORDER BY id DESC");
    q.bind(1, run_id);
    std::vector<StoredEvaluation> out;
    while (q.step()) out.push_back(read_row(q));
    return out;
}

StoredEvaluation get_evaluation(store::Database& db, std::int64_t evaluation_id) {
    auto q = db.prepare(std::string(kCols) + "WHERE id = ?");
    q.bind(1, evaluation_id);
    if (!q.step()) throw ConfigError("no evaluation " + std::to_string(evaluation_id));
    return read_row(q);
}

std::vector<Misclassified> misclassified(store::Database& db, std::int64_t evaluation_id,
                                         std::int64_t limit, std::optional<std::int32_t> true_index,
                                         std::optional<std::int32_t> predicted_index) {
    auto ev = get_evaluation(db, evaluation_id);
    std::string sql =
        "SELECT flow_id, true_index, predicted_index, confidence FROM predictions "
        "WHERE evaluation_id = ?1 AND true_index <> predicted_index";
    if (true_index) sql += " AND true_index = ?2";
    if (predicted_index) sql += " AND predicted_index = ?3";
    sql += " ORDER BY confidence DESC, flow_id";
    if (limit > 0) sql += " LIMIT ?4";
    auto q = db.prepare(sql);
    q.bind(1, evaluation_id);
    if (true_index) q.bind(2, static_cast<std::int64_t>(*true_index));
    if (predicted_index) q.bind(3, static_cast<std::int64_t>(*predicted_index));
    if (limit > 0) q.bind(4, limit);
    auto label = [&](std::int32_t i) {
        return i >= 0 && static_cast<std::size_t>(i) < ev.metrics.per_class.size()
                   ? ev.metrics.per_class[static_cast<std::size_t>(i)].label
                   : std::to_string(i);
    };
    std::vector<Misclassified> out;
    while (q.step()) {
        Misclassified m;
        m.flow_id = q.int64(0);
        m.true_index = static_cast<std::int32_t>(q.int64(1));
        m.predicted_index = static_cast<std::int32_t>(q.int64(2));
        m.confidence = q.real(3);
        m.true_label = label(m.true_index);
        m.predicted_label = label(m.predicted_index);
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace flowcnn::eval
