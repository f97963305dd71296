#pragma once
// A FlowCNN project: one SQLite file (schema in schema.cpp) holding imported captures, their flows
// with payload heads, labels, datasets and the model engine's results. Project owns the Database
// connection and offers a plain-data API for the GUI, the CLI and the model engine.
//
// Opening is careful: a file that is not SQLite, a SQLite file that is not ours, or a project from
// a newer schema version is refused with a FormatError and left untouched. Pending migrations of
// an older project are applied in one transaction. Projects use WAL journaling (readers never block
// the importer; a killed import loses at most its last uncommitted batch).
//
// A Project is not thread-safe; use one per thread (SQLite allows several connections to one file).
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/flow/flow.h"
#include "engine/image/payload_image.h"
#include "engine/store/database.h"

namespace flowcnn::store {

// One imported capture file (or live session): a row of `captures`.
struct CaptureInfo {
    std::int64_t id = 0;
    std::string path;           // as given at import
    std::string name;           // file name without folders
    std::string format;         // pcap | pcapng | netmon | live
    int linktype = 0;
    std::optional<std::string> label;  // label given to every flow of the file, if any
    std::string direction = "both";    // both | client | server
    std::string fill_mode = "repeat";  // repeat | zero
    double idle_timeout_s = 0, active_timeout_s = 0;
    std::string imported_at;           // ISO 8601 UTC
    std::string status;                // importing | complete | partial | cancelled | failed
    std::int64_t frames = 0, packets = 0, flows = 0;
    std::string skipped_json = "{}";   // {"reason": count, ...}
    std::string error;                 // why reading stopped early; empty when it did not
};

// One flow: every column of `flows`. `head` is filled only when asked for (see Project::flows) or
// by Project::flow(); image_sha1, sni, http_host, label and label_source are empty when NULL.
struct FlowRow {
    std::int64_t id = 0;
    std::int64_t capture_id = 0;
    std::int64_t idx = 0;  // order within the capture
    int l4proto = 0;       // 6 tcp, 17 udp
    int vlan = 0;
    std::string client_ip;
    int client_port = 0;
    std::string server_ip;
    int server_port = 0;
    std::int64_t first_ns = 0, last_ns = 0;
    std::int64_t packets_c2s = 0, packets_s2c = 0;
    std::int64_t bytes_c2s = 0, bytes_s2c = 0;
    std::int64_t payload_len = 0;
    std::vector<std::uint8_t> head;
    std::vector<flow::PacketShape> shape;  // read with the head; empty for flows stored before shapes
    std::string image_sha1;
    std::string sni, http_host;
    std::string end_reason;
    std::string label, label_source;

    bool has_image() const { return !image_sha1.empty(); }
};

// Which flows a listing shows (the CLI's options); compiled through store::FlowQuery
// (flow_query.h), as the GUI's display filter is. Empty/zero fields do not filter.
struct FlowFilter {
    std::string text{};      // substring of client/server address, SNI, HTTP host or label
                             // (case-insensitive for ASCII)
    int l4proto = 0;         // 6 or 17; 0: any
    int port = 0;            // client or server port; 0: any
    std::optional<std::string> label{};  // label, case-insensitive for ASCII; "" selects unlabelled
                                         // flows (no label or an empty one)
    std::int64_t capture_id = 0;       // 0: all captures
    bool with_image_only = false;      // only flows with payload (an image)
};

// Sort keys of a flow listing (a GUI table's columns). Ties are broken by flow id.
enum class FlowColumn {
    Id, Capture, Index, Proto, Client, ClientPort, Server, ServerPort, First, Last, Packets,
    Bytes, PayloadLen, Sni, HttpHost, EndReason, Label
};
std::string_view flow_column_name(FlowColumn c);              // "id", "client_port", ...
bool parse_flow_column(std::string_view s, FlowColumn& out);  // inverse of flow_column_name

struct LabelCount {
    std::string label;  // empty: unlabelled flows
    std::int64_t flows = 0;
    std::int64_t with_image = 0;  // flows that have an image (usable for datasets)
};

// A row of `datasets` with its split sizes and classes.
struct DatasetInfo {
    std::int64_t id = 0;
    std::string name;
    std::string created_at;
    std::string fill_mode;
    std::string params_json;
    std::string audit_json;
    std::vector<std::string> classes;  // by class index
    std::int64_t train = 0, val = 0, test = 0;
};

// A flow as joins with other tools' per-flow records see it (Project::for_each_flow_endpoints).
struct FlowEndpoints {
    std::int64_t id = 0;
    std::int64_t capture_id = 0;
    int l4proto = 0;
    std::string client_ip;
    int client_port = 0;
    std::string server_ip;
    int server_port = 0;
    std::string label;  // empty when unlabelled
};

// One flow's new label (Project::set_flow_labels); `label` must outlive the call.
struct LabelAssignment {
    std::int64_t flow_id = 0;
    std::string_view label;
};

class Project {
public:
    // Creates a new project file. Throws IoError when `path` already exists or cannot be written.
    static Project create(const std::string& path);
    // Opens an existing project. Throws IoError when the file is missing or unreadable and
    // FormatError when it is not a SQLite file, not a FlowCNN project, damaged, or from a newer
    // schema version; in all these cases the file is left as it was. Read-write opens apply
    // pending migrations; a read-only open of an out-of-date project is refused (FormatError).
    static Project open(const std::string& path, bool read_only = false);
    // The schema version this build writes (number of migrations).
    static int known_schema_version();

    Project(Project&&) noexcept = default;
    Project& operator=(Project&&) noexcept = default;
    ~Project();

    Database& db() { return *db_; }
    const std::string& path() const { return path_; }
    bool read_only() const { return read_only_; }
    int schema_version();

    // meta table (key/value). get_meta returns nullopt when the key is absent.
    std::optional<std::string> get_meta(std::string_view key);
    void set_meta(std::string_view key, std::string_view value);
    // Writes a compact, consistent copy of the project to `path` (File > Save Project As); the
    // file must not exist.
    void save_copy(const std::string& path);
    // Drops what only resuming a finished run needed (store::drop_finished_checkpoints) and
    // rewrites the file without its free pages (VACUUM). Returns the checkpoints dropped. Needs
    // no other connection writing; takes a while on a big project (a job in the GUI).
    std::int64_t compact();

    // --- captures ---
    std::vector<CaptureInfo> captures();                    // by id
    std::optional<CaptureInfo> capture(std::int64_t id);
    void delete_capture(std::int64_t id);                   // with its flows (cascade)

    // --- flows ---
    std::int64_t count_flows(const FlowFilter& filter);
    // One page of a listing: rows offset..offset+limit-1 in the given order. `with_head` also
    // reads the payload heads (up to 784 bytes each); leave it off when paging through a table.
    std::vector<FlowRow> flows(const FlowFilter& filter, std::int64_t offset, std::int64_t limit,
                               FlowColumn order = FlowColumn::Id, bool ascending = true,
                               bool with_head = false);
    std::vector<std::int64_t> flow_ids(const FlowFilter& filter);  // all matching ids, by id
    std::optional<FlowRow> flow(std::int64_t id);                  // with head
    // The flow's 28x28 image, filled with `fill` (default: the capture's fill mode). All zeros for
    // a flow without payload. Throws ConfigError when there is no such flow.
    image::PayloadImage image(std::int64_t flow_id, std::optional<flow::FillMode> fill = {});

    // --- labels ---
    // Sets (or, with nullopt, clears) the label of the given flows; `source` is one of capture,
    // folder, rule, manual. Returns the number of flows changed. One transaction.
    std::int64_t set_labels(std::span<const std::int64_t> ids, const std::optional<std::string>& label,
                            std::string_view source = "manual");
    // Labels every flow of a capture and records the label on the capture. Returns flows changed.
    std::int64_t set_capture_label(std::int64_t capture_id, const std::optional<std::string>& label,
                                   std::string_view source = "capture");
    std::vector<LabelCount> label_counts();  // by label, unlabelled ("") first

    // --- datasets ---
    std::vector<DatasetInfo> datasets();  // by id
    std::optional<DatasetInfo> dataset(std::int64_t id);
    std::optional<std::int64_t> find_dataset(std::string_view name);
    // Finds a dataset by name, or by id when `name_or_id` is a number. Throws ConfigError if none.
    std::int64_t resolve_dataset(std::string_view name_or_id);
    void delete_dataset(std::int64_t id);

    // --- joins with other tools' per-flow records (labels from a CSV) ---
    // Calls fn for every flow, by id, reading only its endpoints and label (streamed: no listing in
    // memory). fn must not use the project.
    void for_each_flow_endpoints(const std::function<void(const FlowEndpoints&)>& fn);
    // Sets each given flow's label, with label_source `source` (capture, folder, rule or manual),
    // in one transaction. Returns the number of flows changed.
    std::int64_t set_flow_labels(std::span<const LabelAssignment> labels, std::string_view source);

private:
    Project(std::unique_ptr<Database> db, std::string path, bool read_only);
    std::unique_ptr<Database> db_;
    std::string path_;
    bool read_only_ = false;
};

// Brings `db` from its PRAGMA user_version to migrations.size() by running the pending migrations
// (migration i takes version i to i+1) in one transaction: on any error nothing changes. Returns
// the new version. Throws FormatError when the database is newer than the list. Project uses it
// with schema_migrations(); exposed for tests of the mechanism.
int migrate(Database& db, std::span<const std::string_view> migrations);

// Current UTC time as ISO 8601 ("2026-11-30T12:00:00Z"), for the *_at columns.
std::string utc_now_iso();

}  // namespace flowcnn::store
