#pragma once
// The datasets, dataset_classes and dataset_flows tables as engine/dataset and the baselines read
// and write them: a dataset's preprocessing and classes, its flows streamed for the loaders and the
// audit, the candidates a split is drawn from, and writing a new dataset.
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/store/database.h"

namespace flowcnn::store {

// A dataset's stored preprocessing: datasets.fill_mode and params_json's "payload_bytes" (nullopt
// when absent or when params_json is not JSON). nullopt for an unknown dataset.
struct DatasetPreprocessingColumns {
    std::string fill_mode;
    std::optional<std::int64_t> payload_bytes;
    bool blank_session_fields = false;
};
std::optional<DatasetPreprocessingColumns> dataset_preprocessing_columns(Database& db, std::int64_t dataset_id);
// `schema` names an attached project ("src", see AttachedDatabase) instead of the main one.
std::optional<std::string> dataset_name(Database& db, std::int64_t dataset_id, std::string_view schema = "main");
std::vector<std::string> dataset_class_labels(Database& db, std::int64_t dataset_id,
                                              std::string_view schema = "main");  // by class index
bool dataset_exists(Database& db, std::int64_t dataset_id);
// The distinct capture directions of the dataset's flows, at most `limit` of them.
std::vector<std::string> dataset_capture_directions(Database& db, std::int64_t dataset_id, int limit);
std::int64_t count_dataset_flows(Database& db, std::int64_t dataset_id, std::string_view split);
void set_dataset_audit_json(Database& db, std::int64_t dataset_id, std::string_view json);

// A flow as the training loaders read it. The views (head, shape, label) are valid during the
// callback only: the loaders copy what they keep, and nothing is read twice.
struct TrainingFlowView {
    std::int64_t id = 0;
    std::int64_t class_index = 0;  // for_each_dataset_flow: the dataset's class index
    std::string_view label;        // for_each_labelled_flow_with_payload: the flow's label
    std::span<const std::uint8_t> head;
    std::string server_name;  // as flow::server_name: SNI, else HTTP Host, else empty
    int l4proto = 0, client_port = 0, server_port = 0;
    std::int64_t packets_c2s = 0, packets_s2c = 0, bytes_c2s = 0, bytes_s2c = 0, duration_ns = 0;
    std::span<const std::uint8_t> shape;
    std::string image_sha1;  // for_each_labelled_flow_with_payload only; empty when NULL
};
using TrainingFlowFn = std::function<void(const TrainingFlowView&)>;
// The flows of one split of a dataset, by flow id.
void for_each_dataset_flow(Database& db, std::int64_t dataset_id, std::string_view split, const TrainingFlowFn& fn);
// Every labelled flow with payload, by id, and their distinct labels in name order.
void for_each_labelled_flow_with_payload(Database& db, const TrainingFlowFn& fn);
std::vector<std::string> labels_of_flows_with_payload(Database& db);
// The stored image hashes of every flow with payload, sorted and unique.
std::vector<std::string> distinct_image_hashes(Database& db);

// What the audit reads of each flow of a dataset (in no particular order).
struct DatasetFlowAuditView {
    std::string split;
    std::int64_t class_index = 0;
    std::string image_sha1;  // empty when NULL
    std::int64_t capture_id = 0;
    std::string capture_name;
    bool has_server_name = false;  // SNI or HTTP Host present
};
void for_each_dataset_flow_for_audit(Database& db, std::int64_t dataset_id,
                                     const std::function<void(const DatasetFlowAuditView&)>& fn);

// The flows a split is drawn from: labelled and with an image, by id.
struct SplitCandidateView {
    std::int64_t id = 0;
    std::string label, image_sha1;
    std::int64_t capture_id = 0;
};
void for_each_split_candidate(Database& db, const std::function<void(const SplitCandidateView&)>& fn);

// Writes a dataset with its classes (by class index) and flows; the caller holds the transaction.
// Returns the new dataset's id.
struct DatasetMember {
    std::int64_t flow_id = 0;
    std::string_view split;  // train | val | test
    std::int64_t class_index = 0;
};
std::int64_t insert_dataset(Database& db, std::string_view name, std::string_view fill_mode,
                            std::string_view params_json, std::span<const std::string> classes,
                            std::span<const DatasetMember> members);

}  // namespace flowcnn::store
