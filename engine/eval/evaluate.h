#pragma once
// Evaluation of a model on an image set, stored in a project (evaluations + predictions, through
// engine/store/evaluations.h, which also lists them), and the misclassified flows with their
// labels. Torch-free API.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/common/progress.h"
#include "engine/dataset/image_set.h"
#include "engine/metrics/metrics.h"
#include "engine/model/classifier.h"
#include "engine/store/database.h"

namespace flowcnn::eval {

struct EvaluationResult {
    std::string split;  // "val", "train", "test" or free text
    Metrics metrics;
    std::vector<std::int64_t> flow_ids;     // per image; empty for IDX sets
    std::vector<std::int32_t> truth;        // per image
    std::vector<std::int32_t> predicted;    // per image
    std::vector<float> confidence;          // per image: probability of the predicted class
    double seconds = 0;
    double images_per_s = 0;
    std::size_t decided_by_name_rules = 0;  // images whose class came from the model's name rules
};

// One flow's answer: the most probable class after the model's server-name rules, its probability.
struct Answer {
    std::int32_t index = 0;
    float confidence = 0;
    bool by_name_rule = false;  // a name rule decided (the set's names matched one)
};
// Predicts every flow of `set` in chunks, the model's name rules mixed in where the set carries
// names, and calls `on_answer(i, answer)` for flow i in order. Throws CancelledError when
// cancelled; ConfigError as the Classifier does (e.g. a feature model on a set without features).
void predict_set(const model::Classifier& clf, const dataset::ImageSet& set, const CancelToken* cancel,
                 const std::function<void(std::size_t, const Answer&)>& on_answer);

// Predicts every image of `set`. The model's classes must equal the set's (same names in the same
// order; a set without names must have as many classes): else ConfigError. Throws CancelledError
// when cancelled.
EvaluationResult evaluate(const model::Classifier& clf, const dataset::ImageSet& set,
                          std::string split = {}, const CancelToken* cancel = nullptr);
EvaluationResult evaluate(std::span<const std::uint8_t> model_file, const dataset::ImageSet& set,
                          std::string split = {}, int threads = 0,
                          const CancelToken* cancel = nullptr);

// Writes an evaluations row and its predictions (images with flow ids) in one transaction.
// Returns the evaluation id.
std::int64_t store_evaluation(store::Database& db, std::int64_t run_id, const EvaluationResult& r);

struct Misclassified {
    std::int64_t flow_id = 0;
    std::int32_t true_index = 0, predicted_index = 0;
    std::string true_label, predicted_label;
    double confidence = 0;
};
// Misclassified flows of an evaluation, most confident mistakes first; `limit` 0 = all.
// Optionally only those of one true class and/or one predicted class (a confusion-matrix cell).
std::vector<Misclassified> misclassified(store::Database& db, std::int64_t evaluation_id,
                                         std::int64_t limit = 0,
                                         std::optional<std::int32_t> true_index = std::nullopt,
                                         std::optional<std::int32_t> predicted_index = std::nullopt);

}  // namespace flowcnn::eval
