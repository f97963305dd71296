#pragma once
// Classifications of captures by a model, in a project file: the `classifications` and
// `classified_flows` tables. The one place that speaks SQL for them (engine/classify writes them;
// the GUI's lists, charts and reports read them). Torch-free.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/store/database.h"

namespace flowcnn::store {

// A `classifications` row with its capture's and model's names and its number of flows.
struct ClassificationSummary {
    std::int64_t id = 0;
    std::optional<std::int64_t> model_id;    // nullopt: a model file, or a deleted model
    std::optional<std::int64_t> capture_id;
    std::string capture_name, capture_path;  // empty without a capture
    std::string model_name;                  // empty without a model row
    double threshold = 0;
    std::string created_at;
    std::int64_t flows = 0;
};
std::vector<ClassificationSummary> list_classifications(Database& db);  // newest first
std::optional<ClassificationSummary> find_classification(Database& db, std::int64_t id);
std::vector<std::int64_t> classification_ids(Database& db);             // newest first

// (predicted label, flows) of one classification, by descending count, then label.
std::vector<std::pair<std::string, std::int64_t>> classification_label_counts(Database& db,
                                                                              std::int64_t id);
// The label of a flow whose top class is less probable than the threshold (classify's).
inline constexpr const char* kUnknownPrediction = "unknown";

// The same counts as if the classification had used `threshold`: a flow whose top class has a
// confidence below it is kUnknownPrediction, any other its top class (from top3_json), so a user
// can see what another threshold would call unknown without classifying again.
std::vector<std::pair<std::string, std::int64_t>> classification_label_counts_at(Database& db, std::int64_t id,
                                                                                 double threshold);
// (predicted label, flows) over every classified flow's latest prediction, by descending count.
std::vector<std::pair<std::string, std::int64_t>> latest_prediction_counts(Database& db);

// One classified flow with the flow's endpoints, server name (SNI, else HTTP host) and label.
struct ClassifiedFlowRow {
    std::int64_t flow_id = 0;
    std::string client_ip;
    std::int64_t client_port = 0;
    std::string server_ip;
    std::int64_t server_port = 0;
    std::string server_name, label;  // empty when none
    std::string predicted;
    double confidence = 0;
    std::string top3_json;  // [["label", p], ...]
};
std::vector<ClassifiedFlowRow> classified_flows(Database& db, std::int64_t id);  // by flow id

struct NewClassifiedFlow {
    std::int64_t flow_id = 0;
    std::string label;  // predicted, or "unknown" below the threshold
    double confidence = 0;
    std::string top3_json;
};
// Writes the classification, created now, and its flows in one transaction. Returns its id.
std::int64_t insert_classification(Database& db, std::optional<std::int64_t> model_id, std::int64_t capture_id,
                                   double threshold, std::span<const NewClassifiedFlow> flows);

}  // namespace flowcnn::store
