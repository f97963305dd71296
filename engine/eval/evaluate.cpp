#include "engine/eval/evaluate.h"

#include <algorithm>
#include <chrono>

#include "engine/common/error.h"
#include "engine/store/evaluations.h"
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
    return store::insert_evaluation(db, {.run_id = run_id,
                                         .split = r.split,
                                         .metrics = &r.metrics,
                                         .flow_ids = r.flow_ids,
                                         .truth = r.truth,
                                         .predicted = r.predicted,
                                         .confidence = r.confidence});
}

std::vector<Misclassified> misclassified(store::Database& db, std::int64_t evaluation_id,
                                         std::int64_t limit, std::optional<std::int32_t> true_index,
                                         std::optional<std::int32_t> predicted_index) {
    const auto ev = store::get_evaluation(db, evaluation_id);
    const auto predictions = store::evaluation_predictions(
        db, evaluation_id,
        {.mistakes_only = true, .true_index = true_index, .predicted_index = predicted_index, .limit = limit});
    auto label = [&](std::int32_t i) {
        return i >= 0 && static_cast<std::size_t>(i) < ev.metrics.per_class.size()
                   ? ev.metrics.per_class[static_cast<std::size_t>(i)].label
                   : std::to_string(i);
    };
    std::vector<Misclassified> out;
    for (const auto& p : predictions) {
        Misclassified m;
        m.flow_id = p.flow_id;
        m.true_index = p.true_index;
        m.predicted_index = p.predicted_index;
        m.confidence = p.confidence;
        m.true_label = label(m.true_index);
        m.predicted_label = label(m.predicted_index);
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace flowcnn::eval
