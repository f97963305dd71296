#pragma once
// Labels from deep packet inspection (issue 16): nDPI (Debian's libndpi-dev 4.2) reads the packets
// of a capture's flows, cut exactly as the project's flow table cut them at import (the same
// pipeline::extract_flows with the capture's recorded options), so each verdict belongs to one
// project flow by its index. A user can bootstrap a training set from their own traffic this way,
// and compare a model's predictions with nDPI's.
//
// The label follows the convention of the shared datasets' labels (nDPI's own expected results):
// the application part of nDPI's Master.App (TLS.YouTube -> YouTube), except that DNS, MDNS and
// LLMNR lookups keep the lookup protocol (DNS.Google -> DNS). The confidence is nDPI's ("DPI",
// "DPI (partial)", "Match by port", ...); only "DPI..." verdicts are read from the payload.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/common/progress.h"
#include "engine/flow/flow.h"
#include "engine/pipeline/extract.h"

namespace flowcnn::dpi {

struct DpiVerdict {
    std::uint64_t flow_index = 0;     // FlowRecord::index within the capture
    flow::FlowKey key;                // as the flow table saw it (to check the match)
    std::string label;                // empty when nDPI found nothing
    std::string protocol;             // nDPI's Master.App name, e.g. "TLS.YouTube"
    std::string confidence;           // nDPI's confidence name
    bool from_payload() const { return confidence.rfind("DPI", 0) == 0; }
};

struct DpiResult {
    std::vector<DpiVerdict> verdicts;  // by flow index
    pipeline::ExtractStats stats;      // of reading the capture again (error: why it stopped)
};

// Whether this build has nDPI, and its version ("4.2.0"); empty when not.
std::string ndpi_version();

// Reads `capture_path` and gives every flow nDPI's verdict. `options` must be the capture's
// import options (timeouts, direction) so that the flows are the project's. Throws IoError /
// FormatError when the capture cannot be opened, ConfigError when the build has no nDPI.
DpiResult ndpi_verdicts(const std::string& capture_path, const flow::FlowOptions& options,
                        const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

}  // namespace flowcnn::dpi
