#pragma once
// Capture -> project: reads a capture file through pipeline::extract_flows and stores its flows.
//
// Durability: the captures row is committed first (status 'importing'); flows are inserted in
// batches, each batch one transaction committed every `batch_flows` flows and at least every
// `batch_seconds`, so a killed import loses at most its last batch and the file stays consistent.
// At the end the row gets its counts and status:
//   complete   the whole file was read
//   partial    the reader stopped early (corrupt or truncated file): `error` says why
//   cancelled  the CancelToken was set (flows read so far are kept)
//   failed     storing failed (e.g. disk full): the exception is rethrown after marking the row
// A file that cannot be opened or is not a capture throws IoError/FormatError before any row is
// written.
//
// Labels: ImportOptions::label labels every flow (label_source 'capture', or 'folder' for
// import_folder); then the first matching rule, if rules are given, overrides it (source 'rule';
// a "label=-" rule removes the label).
// Images: image_sha1 is the SHA-1 (hex) of the 784-byte image filled with the capture's fill mode;
// flows without payload have head and image_sha1 NULL.
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/common/progress.h"
#include "engine/flow/flow.h"
#include "engine/pipeline/extract.h"
#include "engine/store/project.h"

namespace flowcnn::store {

// What labelling rules say of one flow: whether a rule matched, and its label (nullptr: the rule
// says "no label"). dataset::import_rules makes one from a rules file; the store knows no rules.
struct RuleMatch {
    bool matched = false;
    const std::string* label = nullptr;  // valid while the rules live
};
using ImportRules = std::function<RuleMatch(const flow::FlowRecord&, std::string_view capture_name)>;

struct ImportOptions {
    std::optional<std::string> label;      // label for every flow of the capture
    std::string label_source = "capture";  // recorded with `label`
    flow::FlowOptions flow;                // direction, fill, timeouts, retransmissions
    ImportRules rules;                     // applied to every flow, overriding `label`; empty: none
    std::size_t batch_flows = 16384;       // commit after this many flows ...
    double batch_seconds = 0.5;            // ... or after this long, whichever comes first
};

struct ImportResult {
    std::int64_t capture_id = 0;
    std::string path;
    std::string status;                // complete | partial | cancelled
    pipeline::ExtractStats stats;      // frames, packets, skip counts, error
    std::int64_t flows_labelled = 0;   // flows stored with a label
    std::int64_t flows_by_rule = 0;    // of which a rule decided the label
    double seconds = 0;
};

// Stores flows of one capture as they come: the building block of import_capture, also for
// sources that are not files (live capture). The constructor commits the captures row (status
// 'importing'); add() inserts flows in batched transactions (see the file comment); finish() commits
// the last batch and records counts and status. Destroying an unfinished writer rolls back the open
// batch and marks the row 'failed'. Not copyable.
class CaptureWriter {
public:
    CaptureWriter(Project& project, const std::string& path, std::string_view format, int linktype,
                  const ImportOptions& options);
    ~CaptureWriter();
    CaptureWriter(const CaptureWriter&) = delete;
    CaptureWriter& operator=(const CaptureWriter&) = delete;

    std::int64_t capture_id() const { return capture_id_; }
    void add(const flow::FlowRecord& record);
    // As add(), with the SHA-1 of the record's filled image already computed by the caller
    // (image_sha1_hex(): 40 hex characters; not read for a flow without payload).
    void add_hashed(const flow::FlowRecord& record, const char* sha1_hex);
    // As add_hashed(), with the endpoint addresses already formatted (IpAddress::to_string()).
    void add_prepared(const flow::FlowRecord& record, const char* sha1_hex, std::string_view client,
                      std::string_view server);
    void maybe_commit();  // commits when the open batch is older than options.batch_seconds
    void commit();        // commits the open batch, if any
    // Commits and writes counts, skipped_json, error and `status` to the captures row.
    void finish(const pipeline::ExtractStats& stats, std::string_view status);
    // Marks the row 'failed' with `error` after rolling back the open batch (never throws).
    void fail(const std::string& error) noexcept;

    std::int64_t written() const { return written_; }
    std::int64_t labelled() const { return labelled_; }
    std::int64_t by_rule() const { return by_rule_; }

private:
    void begin();
    void check(int rc);
    void bind_opt_text(int i, const std::string& v);

    Database& db_;
    ImportOptions opt_;
    std::int64_t capture_id_ = 0;
    std::string name_;
    std::optional<Statement> insert_, progress_;
    bool open_ = false, finished_ = false;
    std::chrono::steady_clock::time_point began_{};
    std::size_t pending_ = 0;
    std::int64_t written_ = 0, labelled_ = 0, by_rule_ = 0;
    std::vector<std::uint8_t> shape_buf_;  // the flow being written's encoded shape (reused)
};

// Lower-case hex SHA-1 of the flow's image (its head filled to 784 bytes with `fill`), written to
// out[0..39] (no terminating NUL).
void image_sha1_hex(std::span<const std::uint8_t> head, flow::FillMode fill, char out[40]) noexcept;

// Imports one capture file into the project. See the file comment for statuses and errors.
// Reading and flow assembly, image hashing, and database inserts run as a three-stage pipeline
// (the caller's thread and two workers); callbacks run on the caller's thread.
// A capture that may add about as many flows as the project holds (file size / 1 KiB >= flows)
// is imported without the flows(image_sha1) index, which is built again at the end, also after
// a failure or cancellation: its random-order inserts touch most of its pages in every batch.
// While the index is missing, queries by image are slower but correct.
// Progress: stage "import", done/total in bytes of the file.
ImportResult import_capture(Project& project, const std::string& path, const ImportOptions& options,
                            const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

// The capture files of a folder-per-class tree: dir/<label>/*.{pcap,pcapng,cap} (also .pcap.gz is
// not read: decompress first). Returns (label, path) pairs sorted by label, then path. Throws
// IoError when `dir` is not a readable folder and ConfigError when it holds no capture files.
std::vector<std::pair<std::string, std::string>> folder_captures(const std::string& dir);

// Imports every capture of a folder-per-class tree, each labelled with its folder name (source
// 'folder'; options.label is ignored). Stops after the file being read when cancelled.
// Progress: stage "import", done/total in thousandths of files (file i at fraction f reports
// i*1000 + f*1000 of files*1000), message "label/file".
std::vector<ImportResult> import_folder(Project& project, const std::string& dir, const ImportOptions& options,
                                        const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

// {"reason": count, ...} of the non-zero skip counts (plus "non_packet_frames" when non-zero).
std::string skipped_json(const packet::SkipCounts& skipped, std::uint64_t non_packet_frames);

}  // namespace flowcnn::store
