#pragma once
// Labels from a per-flow CSV (nDPI's labels.csv, Zeek's conn.log saved as CSV, a spreadsheet): each
// row names a flow by its capture file, transport protocol and endpoints, and carries a label. Rows
// are joined to a project's flows on the capture's file name, the protocol and the unordered
// endpoint pair (the CSV's direction may differ from the flow's client/server), with addresses
// normalised ("2001:DB8:0::1" and "2001:db8::1" are the same).
//
// Which rows count (as scripts/label_from_csv.py did): the label, stripped of surrounding
// whitespace, must be non-empty and not "Unknown"; the confidence column must start with the
// given prefix (an empty prefix: every row); the protocol must be TCP, UDP (any case), 6 or 17.
// A key that carries different labels in one capture labels none of its flows. A row whose capture
// field is empty (or a CSV without a capture column) matches flows of every capture; a flow matched
// both by such rows and by rows of its own capture is labelled only when they all agree.
#include <cstdint>
#include <istream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/progress.h"

namespace flowcnn::store {
class Project;
}

namespace flowcnn::dataset {

// The CSV's column names (header line). An empty capture column: the CSV has none, every row
// matches every capture. An empty confidence prefix: no confidence filter (the column need not
// exist).
struct CsvLabelOptions {
    std::string label_column = "label_recommended";
    std::string confidence_column = "confidence";
    std::string confidence_prefix = "DPI";
    std::string capture_column = "pcap";
    std::string src_column = "src_ip", sport_column = "src_port";
    std::string dst_column = "dst_ip", dport_column = "dst_port";
    std::string proto_column = "l4proto";
};

// What a CSV row and a flow are joined on. The endpoints are in a canonical order: (a_ip, a_port)
// <= (b_ip, b_port).
struct FlowJoinKey {
    std::string capture;  // the capture's file name; "" matches every capture
    int l4proto = 0;
    std::string a_ip;
    int a_port = 0;
    std::string b_ip;
    int b_port = 0;
    auto operator<=>(const FlowJoinKey&) const = default;
};

// An address in its canonical text (inet_ntop: lower case, shortest IPv6 form); text that is not an
// address comes back trimmed and in lower case.
std::string normalise_address(std::string_view text);
FlowJoinKey make_join_key(std::string capture, int l4proto, std::string_view ip1, int port1, std::string_view ip2,
                          int port2);
// "TCP", "tcp", "6" -> 6; "UDP", "udp", "17" -> 17; anything else -> 0.
int parse_csv_l4proto(std::string_view text);

struct CsvLabels {
    std::int64_t rows = 0;    // data rows (the header line and empty lines not counted)
    std::int64_t usable = 0;  // rows that passed the filters above
    // Per key, its distinct labels in the order first seen (more than one: conflicting).
    std::map<FlowJoinKey, std::vector<std::string>> labels;
    std::int64_t conflicting() const;  // keys with more than one label
};

// Reads a labels CSV. `source` names it in error messages. Throws ConfigError when a named column
// is not in the header line (the message names the source and the column), FormatError when the
// input is empty, a quoted field is not closed or a usable row's port is not a number 0-65535
// (naming the line), IoError when the file cannot be read. CancelledError when `cancel` is set.
CsvLabels read_csv_labels(std::istream& in, const CsvLabelOptions& options, const std::string& source,
                          const CancelToken* cancel = nullptr);
CsvLabels read_csv_labels(const std::string& path, const CsvLabelOptions& options,
                          const CancelToken* cancel = nullptr);

struct ApplyCsvLabelsResult {
    std::int64_t flows = 0;        // flows in the project
    std::int64_t labelled = 0;     // flows given the CSV's label (written even when already equal)
    std::int64_t changed = 0;      // of them, flows whose label or label source changed
    std::int64_t conflicting = 0;  // flows matched only by conflicting labels: left as they were
    std::int64_t kept = 0;         // with only_unlabelled: matched flows left with their own label
};

// Labels the project's flows from `labels`, every matched flow (overwriting its label) or, with
// `only_unlabelled`, only flows without a label. `source` is the label_source written: capture,
// folder, rule or manual (anything else: ConfigError). One transaction for the writes; a cancelled
// run (CancelledError) changes nothing.
ApplyCsvLabelsResult apply_csv_labels(store::Project& project, const CsvLabels& labels, bool only_unlabelled,
                                      std::string_view source = "manual", const CancelToken* cancel = nullptr);

}  // namespace flowcnn::dataset
