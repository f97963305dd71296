#pragma once
// Classifying the flows of a capture file (or a live capture) with a model: flows are extracted
// with exactly the model's preprocessing (fill mode, direction), predicted in batches, and each
// flow gets a label, its confidence and the top 3 classes; below the threshold the label is
// "unknown". Results go to CSV/JSON files or into a project (classifications, classified_flows).
// Torch-free API.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/capture/capture_reader.h"
#include "engine/common/progress.h"
#include "engine/flow/flow.h"
#include "engine/model/classifier.h"
#include "engine/pipeline/extract.h"
#include "engine/store/classifications.h"

namespace flowcnn::store {
class Project;
}

namespace flowcnn::classify {

constexpr const char* kUnknownLabel = store::kUnknownPrediction;

struct ClassifyOptions {
    double threshold = 0.5;   // below this confidence the label is "unknown"
    std::size_t batch = 256;  // flows per prediction batch
    int threads = 0;          // 0 = all cores
    // Flow assembly; direction and fill are overridden by the model's preprocessing.
    flow::FlowOptions flow;
};

struct ClassifiedFlow {
    flow::FlowRecord record;     // the flow (head kept: the image's source bytes)
    std::int64_t flow_id = 0;    // project flow id (project classification), else 0
    std::string label;           // predicted class, or "unknown"
    int predicted_index = -1;    // argmax class (even when below the threshold)
    float confidence = 0;        // probability of the argmax class
    std::vector<std::pair<std::string, float>> top3;  // best classes, most probable first
    bool by_name_rule = false;   // the model's server-name rule for the flow's SNI/Host decided
};

struct ClassifyResult {
    std::vector<ClassifiedFlow> flows;         // flows with an image, in the order they ended
    std::uint64_t flows_without_image = 0;     // no payload: nothing to classify
    pipeline::ExtractStats stats;
    std::map<std::string, std::int64_t> counts;  // flows per label (including "unknown")
    double seconds = 0;
    bool cancelled = false;
};

// Classifies every flow of the capture file. `on_flow` (optional) sees each flow as soon as its
// batch is predicted (for live displays). Throws IoError/FormatError when the file cannot be read.
ClassifyResult classify_capture(const model::Classifier& clf, const std::string& capture_path,
                                const ClassifyOptions& options, const ProgressFn& progress = {},
                                const CancelToken* cancel = nullptr,
                                const std::function<void(const ClassifiedFlow&)>& on_flow = {});
// The same over any capture source (e.g. a live interface reader); flows are predicted as they
// end, in batches (and at the end). Stops when the reader ends or `cancel` is set.
ClassifyResult classify_reader(const model::Classifier& clf, capture::CaptureReader& reader,
                               const ClassifyOptions& options, const ProgressFn& progress = {},
                               const CancelToken* cancel = nullptr,
                               const std::function<void(const ClassifiedFlow&)>& on_flow = {});

// Fills label/confidence/top3 of flows whose record.head is set (batched prediction).
void predict_flows(const model::Classifier& clf, std::vector<ClassifiedFlow>& flows, double threshold,
                   std::size_t batch = 256);

// CSV (RFC 4180): flow index, protocol, client/server address and port, first/last time, packets,
// bytes, SNI, HTTP host, label, confidence, top-3. JSON: {"model":..,"threshold":..,"counts":..,
// "flows":[...]}. Throw IoError.
void write_csv(const ClassifyResult& r, const std::string& path);
void write_json(const ClassifyResult& r, const model::ModelInfo& model, double threshold,
                const std::string& path);

struct ProjectClassification {
    std::int64_t classification_id = 0;
    std::int64_t capture_id = 0;
    ClassifyResult result;
};

// Imports the capture into the project with the model's preprocessing (store::import_capture),
// then classifies its flows and records a classifications row with one classified_flows row per
// flow. `model_id` (models.id) is recorded when given.
ProjectClassification classify_into_project(store::Project& project, const model::Classifier& clf,
                                            std::optional<std::int64_t> model_id,
                                            const std::string& capture_path,
                                            const ClassifyOptions& options,
                                            const ProgressFn& progress = {},
                                            const CancelToken* cancel = nullptr);
// Classifies flows already in the project (e.g. an imported capture): one classification row.
ProjectClassification classify_project_capture(store::Project& project, const model::Classifier& clf,
                                               std::optional<std::int64_t> model_id,
                                               std::int64_t capture_id, double threshold,
                                               const CancelToken* cancel = nullptr);

}  // namespace flowcnn::classify
