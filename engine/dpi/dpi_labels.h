#pragma once
// `flowcnn label --ndpi` and the workbench's "Label with nDPI": every capture of a project is read
// again from its file and nDPI's verdict (ndpi_labeler.h) labels its flows, matched by their index
// in the capture and checked against the stored endpoints.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/common/progress.h"
#include "engine/store/project.h"

namespace flowcnn::dpi {

struct DpiLabelOptions {
    bool only_unlabelled = false;  // keep the labels flows already have
    bool payload_only = true;      // only verdicts read from the payload (confidence "DPI...")
    std::vector<std::int64_t> capture_ids;  // empty: every capture
};

struct DpiCaptureResult {
    std::int64_t capture_id = 0;
    std::string name;
    std::int64_t flows = 0;      // project flows of the capture
    std::int64_t verdicts = 0;   // flows nDPI named (any confidence)
    std::int64_t labelled = 0;   // flows given nDPI's label
    std::int64_t mismatched = 0; // flows whose endpoints differ from the re-read capture's: skipped
    std::string error;           // why the capture was skipped or stopped early (file gone, ...)
};

struct DpiLabelResult {
    std::vector<DpiCaptureResult> captures;
    std::map<std::string, std::int64_t> labels;       // label -> flows labelled
    std::map<std::string, std::int64_t> confidences;  // nDPI confidence -> flows (labelled or not)
    std::int64_t labelled = 0, changed = 0, kept = 0;  // kept: already labelled (only_unlabelled)
};

// Label source written to the flows.
inline constexpr const char* kDpiLabelSource = "dpi";

// Runs nDPI over the project's captures and labels their flows in one transaction at the end (a
// cancelled run, CancelledError, changes nothing). Captures whose file is gone or unreadable are
// reported in their result's error and skipped. Throws ConfigError when the build has no nDPI.
DpiLabelResult apply_ndpi_labels(store::Project& project, const DpiLabelOptions& options,
                                 const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

}  // namespace flowcnn::dpi
