#pragma once
// The flow table's reads and writes (widgets/flow_table_model): the ordered ids of a query, rows
// read by id with their capture name and latest prediction, manual labels and payload images.
// The GUI's table keeps its own connection, so these take a Database rather than a Project.
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/image/payload_image.h"
#include "engine/store/database.h"
#include "engine/store/flow_query.h"

namespace flowcnn::store {

// Sort keys of the flow table; ties are broken by flow id.
enum class FlowTableOrder {
    Id, Capture, Protocol, Client, Server, FirstTime, Duration, Packets, Bytes, PayloadLength,
    ServerName, Label, Prediction, Confidence
};

// Every matching flow id in order, with what the table shows beside them.
struct FlowIdListing {
    std::int64_t total = 0;                       // flows in the project, matching or not
    std::vector<std::int64_t> classification_ids;  // newest first: whose predictions are "latest"
    std::vector<std::int64_t> ids;
};
FlowIdListing list_flow_ids(Database& db, const FlowQuery& query, FlowTableOrder order, bool ascending);

// One row of the flow table; `present` is false when the flow was deleted since its id was read.
struct FlowTableRow {
    std::int64_t id = 0;
    bool present = false;
    std::int64_t capture_id = 0;
    std::string capture_name;
    int l4proto = 0;
    std::string client_ip, server_ip;
    int client_port = 0, server_port = 0;
    std::int64_t first_ns = 0, last_ns = 0;
    std::int64_t packets_c2s = 0, packets_s2c = 0, bytes_c2s = 0, bytes_s2c = 0, payload_len = 0;
    std::string sni, http_host, label;
    std::string prediction;              // latest prediction among classification_ids; empty: none
    std::optional<double> confidence;
};
// The rows of `ids`, in the order given; `classification_ids` as listed by list_flow_ids.
std::vector<FlowTableRow> read_flow_table_rows(Database& db, std::span<const std::int64_t> ids,
                                               std::span<const std::int64_t> classification_ids);

// Sets (nullopt: clears) the label of each flow, label_source "manual", in one transaction.
// Returns the number of flows written.
std::int64_t set_manual_labels(Database& db, std::span<const std::int64_t> ids,
                               std::optional<std::string_view> label);

// The flow's 28x28 image with its capture's fill mode; nullopt when there is no such flow or it
// has no payload.
std::optional<image::PayloadImage> flow_payload_image(Database& db, std::int64_t flow_id);

// Flows per label ("" for unlabelled), most flows first (charts; the latest predictions' counts
// are classifications.h's latest_prediction_counts).
struct ClassCount {
    std::string label;
    std::int64_t flows = 0;
};
std::vector<ClassCount> flow_counts_by_label(Database& db);

// Up to `per_label` images of each label (flows with payload, lowest ids first), by label then id;
// each filled with its capture's fill mode (the gallery).
struct LabelledImage {
    std::string label;
    std::int64_t flow_id = 0;
    image::PayloadImage image{};
};
std::vector<LabelledImage> sample_images_per_label(Database& db, int per_label);

// What lookups of given flows by id read: no listing, one indexed read per flow.
struct FlowDetail {
    std::int64_t capture_id = 0;
    std::string image_sha1, sni, http_host;  // empty when NULL
    std::vector<std::uint8_t> head;          // only when asked for; empty: no payload
};
// Calls fn(i, detail of ids[i]) for each id in order. Throws ConfigError for an unknown id.
void for_each_flow_by_id(Database& db, std::span<const std::int64_t> ids, bool with_head,
                         const std::function<void(std::size_t, const FlowDetail&)>& fn);

// What label rules match on, per flow (only the unlabelled ones when asked), by id; texts are
// empty when NULL.
struct RuleFlowView {
    std::int64_t id = 0;
    int l4proto = 0, vlan = 0;
    std::string client_ip, server_ip;
    int client_port = 0, server_port = 0;
    std::string sni, http_host, capture_name;
    std::optional<std::string> label;
    std::string label_source;
};
std::int64_t count_flows_for_rules(Database& db, bool only_unlabelled);
void for_each_flow_for_rules(Database& db, bool only_unlabelled, const std::function<void(const RuleFlowView&)>& fn);

// Sets each flow's label with `source` (a nullopt label clears label and source). The caller
// holds the transaction (rules write inside the one that read the flows).
struct FlowLabelWrite {
    std::int64_t flow_id = 0;
    std::optional<std::string_view> label;
};
void write_flow_labels(Database& db, std::span<const FlowLabelWrite> writes, std::string_view source);

// Stops a query running on another thread's connection (sqlite3_interrupt) and remembers that it
// was asked to, for the query started after the request. Thread-safe.
class QueryInterrupt {
public:
    void attach(Database* db);  // the connection queries run on; nullptr when done
    void interrupt();
    bool cancelled();

private:
    std::mutex mutex_;
    Database* db_ = nullptr;
    bool cancelled_ = false;
};

}  // namespace flowcnn::store
