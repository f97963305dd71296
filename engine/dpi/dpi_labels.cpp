#include "engine/dpi/dpi_labels.h"

#include <algorithm>
#include <deque>
#include <filesystem>

#include "engine/common/error.h"
#include "engine/dpi/ndpi_labeler.h"

namespace flowcnn::dpi {
namespace {

constexpr std::int64_t kPage = 20000;  // flows read per listing page

flow::FlowOptions options_of(const store::CaptureInfo& c) {
    flow::FlowOptions o;
    o.idle_timeout_s = c.idle_timeout_s;
    o.active_timeout_s = c.active_timeout_s;
    flow::parse_direction(c.direction, o.direction);
    flow::parse_fill_mode(c.fill_mode, o.fill);
    return o;
}

bool same_endpoints(const store::FlowRow& f, const flow::FlowKey& k) {
    return f.l4proto == k.l4proto && f.client_port == k.client_port && f.server_port == k.server_port &&
           f.client_ip == k.client.to_string() && f.server_ip == k.server.to_string();
}

// The project's flows of one capture (index order) matched with the verdicts; labels to write go
// to `out`, the label texts living in `verdicts`.
void match_capture(store::Project& project, const store::CaptureInfo& c, const std::vector<DpiVerdict>& verdicts,
                   const DpiLabelOptions& options, DpiCaptureResult& cr, DpiLabelResult& r,
                   std::vector<store::LabelAssignment>& out) {
    store::FlowFilter filter;
    filter.capture_id = c.id;
    for (std::int64_t offset = 0;; offset += kPage) {
        const auto page = project.flows(filter, offset, kPage, store::FlowColumn::Index);
        for (const auto& f : page) {
            ++cr.flows;
            const auto it = std::lower_bound(verdicts.begin(), verdicts.end(), f.idx,
                                             [](const DpiVerdict& v, std::int64_t i) {
                                                 return v.flow_index < static_cast<std::uint64_t>(i);
                                             });
            if (it == verdicts.end() || it->flow_index != static_cast<std::uint64_t>(f.idx) ||
                !same_endpoints(f, it->key)) {
                ++cr.mismatched;
                continue;
            }
            ++r.confidences[it->confidence];
            if (it->label.empty()) continue;
            ++cr.verdicts;
            if (options.payload_only && !it->from_payload()) continue;
            if (options.only_unlabelled && !f.label.empty()) {
                ++r.kept;
                continue;
            }
            out.push_back({f.id, it->label});
            ++cr.labelled;
            ++r.labels[it->label];
        }
        if (static_cast<std::int64_t>(page.size()) < kPage) break;
    }
}

// The capture's file: its path as given at import, or that path beside the project file (an
// import from the project's folder with a relative path); empty when neither exists or the
// capture was live.
std::string capture_file(const store::Project& project, const store::CaptureInfo& c) {
    namespace fs = std::filesystem;
    if (c.format == "live") return {};
    std::error_code ec;
    if (fs::is_regular_file(c.path, ec)) return c.path;
    const fs::path beside = fs::path(project.path()).parent_path() / c.path;
    if (fs::path(c.path).is_relative() && fs::is_regular_file(beside, ec)) return beside.string();
    return {};
}

}  // namespace

DpiLabelResult apply_ndpi_labels(store::Project& project, const DpiLabelOptions& options,
                                 const ProgressFn& progress, const CancelToken* cancel) {
    if (ndpi_version().empty()) throw ConfigError("this build has no nDPI (install libndpi-dev and build again)");
    DpiLabelResult r;
    std::deque<std::vector<DpiVerdict>> kept_verdicts;  // hold the label texts the assignments view
    std::vector<store::LabelAssignment> assignments;
    const auto captures = project.captures();
    for (const auto& c : captures) {
        if (!options.capture_ids.empty() &&
            std::find(options.capture_ids.begin(), options.capture_ids.end(), c.id) == options.capture_ids.end())
            continue;
        DpiCaptureResult cr;
        cr.capture_id = c.id;
        cr.name = c.name;
        const auto path = capture_file(project, c);
        if (path.empty()) {
            cr.error = "capture file " + c.path + " is not there any more";
        } else {
            try {
                auto result = ndpi_verdicts(path, options_of(c), progress, cancel);
                if (result.stats.cancelled) throw CancelledError();
                cr.error = result.stats.error;
                kept_verdicts.push_back(std::move(result.verdicts));
                match_capture(project, c, kept_verdicts.back(), options, cr, r, assignments);
            } catch (const CancelledError&) {
                throw;
            } catch (const Error& e) {
                cr.error = e.what();
            }
        }
        r.labelled += cr.labelled;
        r.captures.push_back(std::move(cr));
    }
    if (cancel && cancel->cancelled()) throw CancelledError();
    r.changed = project.set_flow_labels(assignments, kDpiLabelSource);
    return r;
}

}  // namespace flowcnn::dpi
