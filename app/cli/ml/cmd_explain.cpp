// flowcnn explain: which payload bytes a trained model's prediction for one flow rests on.
#include <algorithm>
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/common/error.h"
#include "engine/explain/saliency.h"
#include "engine/export/png.h"
#include "engine/features/session_fields.h"
#include "engine/image/payload_image.h"
#include "engine/model/model_file.h"
#include "engine/store/project.h"
#include "engine/train/run_store.h"

namespace flowcnn::cli::ml {
namespace {

const char* kUsage =
    "usage: flowcnn explain PROJECT (--model-run RUN | --model-file FILE) --flow ID\n"
    "                       [--method gradient|occlusion] [--top N] [--png OUT.png]\n"
    "\n"
    "Explains the model's prediction for flow ID: its image is made from the flow's stored head with\n"
    "the model's fill mode, and every byte gets a saliency in [0,1] for the predicted class:\n"
    "  gradient   |d logit / d byte| (default for a CNN)\n"
    "  occlusion  mean drop of the predicted probability when a blank 4x4 patch covers the byte\n"
    "             (any model; the default for a k-NN model)\n"
    "Prints the prediction and the N most salient bytes (offset, row/column, value, ASCII, saliency).\n"
    "  --top N        bytes to list (default 20)\n"
    "  --png FILE     writes the image (left) and the saliency map (right, white = 1), x10";

int run_explain(const std::vector<std::string>& argv) {
    Args a(argv, {"model-run", "model-file", "flow", "method", "top", "png"});
    a.expect_positional(1, 1, "PROJECT");
    if (a.has("model-run") == a.has("model-file")) throw ConfigError("give one of --model-run RUN or --model-file FILE");
    if (!a.has("flow")) throw ConfigError("--flow ID is required");
    explain::Method method = explain::Method::Gradient;
    if (auto m = a.get("method"); m && !explain::parse_method(*m, method))
        throw ConfigError("--method: expected gradient or occlusion, got '" + *m + "'");
    const auto top_n = static_cast<std::size_t>(a.get_int("top", 20, 0, 784));
    const auto flow_id = parse_int("--flow", *a.get("flow"), 1, INT64_MAX);

    auto project = store::Project::open(a.positional()[0], true);
    std::vector<std::uint8_t> bytes =
        a.has("model-run") ? store::run_model_bytes(project.db(), parse_int("--model-run", *a.get("model-run"), 1, INT64_MAX))
                           : model::read_file_bytes(*a.get("model-file"));
    const auto info = model::decode_model_file(bytes).info;
    auto flow = project.flow(flow_id);
    if (!flow) throw ConfigError("no flow with id " + std::to_string(flow_id));
    if (flow->head.empty()) throw ConfigError("flow " + std::to_string(flow_id) + " has no payload (no image)");
    const auto img = features::flow_image(flow->head, flow->shape, static_cast<std::uint8_t>(flow->l4proto),
                                          static_cast<std::uint16_t>(flow->server_port), info.preprocessing.fill,
                                          static_cast<std::size_t>(info.preprocessing.payload_bytes),
                                          info.preprocessing.blank_session_fields);

    // A k-NN model has no gradients: occlusion unless gradients were asked for by name.
    if (info.kind == model::ModelKind::Knn && !a.has("method")) method = explain::Method::Occlusion;
    const auto s = explain::saliency(bytes, img, method);
    std::printf("flow %lld  %s:%d -> %s:%d  label %s  sni %s  host %s\n", static_cast<long long>(flow_id),
                flow->client_ip.c_str(), flow->client_port, flow->server_ip.c_str(), flow->server_port,
                flow->label.empty() ? "-" : flow->label.c_str(), flow->sni.empty() ? "-" : flow->sni.c_str(),
                flow->http_host.empty() ? "-" : flow->http_host.c_str());
    std::printf("predicted %s (%.4f), %s saliency, fill %s, %zu head bytes\n", s.predicted_label.c_str(),
                static_cast<double>(s.confidence), std::string(explain::method_name(method)).c_str(),
                std::string(flow::fill_mode_name(info.preprocessing.fill)).c_str(), flow->head.size());
    if (std::all_of(s.map.begin(), s.map.end(), [](float v) { return v == 0.0f; }))
        std::printf("no single %s lowers the confidence: every saliency is 0\n",
                    method == explain::Method::Occlusion ? "4x4 patch of blank bytes" : "byte's gradient");
    if (top_n > 0) {
        std::printf("\n%6s  %7s  %5s  %5s  %9s\n", "offset", "row,col", "value", "ascii", "saliency");
        for (auto& b : explain::top_bytes(s.map, img, top_n)) {
            char ascii[8];
            if (b.value >= 0x20 && b.value < 0x7f) std::snprintf(ascii, sizeof ascii, "'%c'", b.value);
            else std::snprintf(ascii, sizeof ascii, ".");
            const bool fill_byte = static_cast<std::size_t>(b.offset) >= flow->head.size();
            std::printf("%6d  %3d,%-3d  %5u  %5s  %9.4f%s\n", b.offset, b.offset / 28, b.offset % 28,
                        static_cast<unsigned>(b.value), ascii, static_cast<double>(b.saliency),
                        fill_byte ? "  (fill)" : "");
        }
    }
    if (info.kind == model::ModelKind::Knn) {
        // What a k-NN answer rests on: its nearest training flows (with project ids for a run).
        std::vector<std::int64_t> ids;
        if (auto r = a.get("model-run"))
            ids = train::run_train_flow_ids(project.db(), parse_int("--model-run", *r, 1, INT64_MAX));
        std::printf("\nnearest training flows (%s):\n%10s  %-20s %8s\n",
                    info.knn.distance == baseline::Distance::Hamming ? "bytes that differ" : "L1 distance", "flow",
                    "label", "distance");
        for (const auto& n : explain::nearest_training_flows(bytes, img, std::max(3, info.knn.k), ids))
            std::printf("%10s  %-20s %8u\n", n.flow_id ? std::to_string(n.flow_id).c_str() : "-", n.label.c_str(),
                        n.distance);
    }
    if (auto png = a.get("png")) {
        int w = 0, h = 0;
        auto px = explain::overlay_gray(img, s.map, 10, 10, w, h);
        exporter::write_png_gray(*png, px.data(), w, h, 1);
        std::printf("\nwrote %s (%dx%d: image left, saliency right)\n", png->c_str(), w, h);
    }
    return 0;
}

CommandRegistrar reg({"explain", "show which payload bytes a model's prediction for a flow rests on", kUsage,
                      run_explain});

}  // namespace
}  // namespace flowcnn::cli::ml
