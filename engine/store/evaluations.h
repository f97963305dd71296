#pragma once
// Evaluations of runs' models in a project file: the `evaluations` and `predictions` tables. The
// one place that speaks SQL for them (engine/eval computes evaluations; the CLI and GUI list them).
// Torch-free.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/metrics/metrics.h"
#include "engine/store/database.h"

namespace flowcnn::store {

struct StoredEvaluation {
    std::int64_t id = 0;
    std::int64_t run_id = 0;
    std::string split;
    double accuracy = 0, macro_f1 = 0;
    std::string created_at;
    eval::Metrics metrics;  // parsed from the stored JSON (per class + confusion)
};
// Evaluations of a run, newest first.
std::vector<StoredEvaluation> list_evaluations(Database& db, std::int64_t run_id);
// Throws ConfigError when there is no such evaluation.
StoredEvaluation get_evaluation(Database& db, std::int64_t evaluation_id);

// One image's prediction (images with a project flow id only).
struct StoredPrediction {
    std::int64_t flow_id = 0;
    std::int32_t true_index = 0, predicted_index = 0;
    double confidence = 0;  // probability of the predicted class
};
// Writes an evaluations row with its metrics and the predictions in one transaction; the spans are
// per image, `flow_ids` may be shorter (none for IDX sets). Returns the evaluation id.
struct NewEvaluation {
    std::int64_t run_id = 0;
    std::string_view split;
    const eval::Metrics* metrics = nullptr;
    std::span<const std::int64_t> flow_ids;
    std::span<const std::int32_t> truth, predicted;
    std::span<const float> confidence;
};
std::int64_t insert_evaluation(Database& db, const NewEvaluation& e);

// Which predictions of an evaluation to read; unset fields do not filter.
struct PredictionFilter {
    bool mistakes_only = false;  // true class != predicted class
    std::optional<std::int32_t> true_index, predicted_index;  // a confusion-matrix cell
    std::int64_t limit = 0;                                   // 0: all
};
// Most confident first, then by flow id.
std::vector<StoredPrediction> evaluation_predictions(Database& db, std::int64_t evaluation_id,
                                                     const PredictionFilter& filter = {});

}  // namespace flowcnn::store
