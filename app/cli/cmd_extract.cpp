// flowcnn extract: capture -> payload images, without a project (for benchmarks and pipelines).
#include <chrono>
#include <cstdio>
#include <fstream>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/capture/capture_reader.h"
#include "engine/common/error.h"
#include "engine/export/idx.h"
#include "engine/image/payload_image.h"
#include "engine/pipeline/extract.h"
#include "engine/store/json_text.h"

namespace flowcnn::cli {
namespace {

const char* kUsage =
    "usage: flowcnn extract CAPTURE (--idx IMAGES | --raw FILE) [options]\n"
    "\n"
    "Reads a capture, assembles flows and writes one 784-byte image per flow with payload, in the\n"
    "order flows end. Prints one JSON line with counts and timing.\n"
    "  --idx IMAGES       an IDX image file (N x 28 x 28; .gz: compressed)\n"
    "  --labels FILE      also an IDX label file, every image labelled --label-index\n"
    "  --label-index N    the label written to --labels (default 0)\n"
    "  --raw FILE         the images as raw bytes, 784 per flow\n"
    "  --direction both|client|server, --fill repeat|zero, --idle-timeout S, --active-timeout S\n"
    "                     as for import";

int run_extract(const std::vector<std::string>& argv) {
    Args args(argv, {"idx", "labels", "label-index", "raw", "direction", "fill", "idle-timeout", "active-timeout"},
              {});
    args.expect_positional(1, 1, "CAPTURE");
    if (!args.has("idx") && !args.has("raw")) throw ConfigError("give --idx IMAGES or --raw FILE");
    if (args.has("labels") && !args.has("idx")) throw ConfigError("--labels needs --idx");
    flow::FlowOptions opt;
    if (auto d = args.get("direction"); d && !flow::parse_direction(*d, opt.direction))
        throw ConfigError("--direction: expected both, client or server, got '" + *d + "'");
    if (auto f = args.get("fill"); f && !flow::parse_fill_mode(*f, opt.fill))
        throw ConfigError("--fill: expected repeat or zero, got '" + *f + "'");
    opt.idle_timeout_s = args.get_double("idle-timeout", opt.idle_timeout_s, 1e-3, 1e9);
    opt.active_timeout_s = args.get_double("active-timeout", opt.active_timeout_s, 1e-3, 1e9);
    const auto label_index = static_cast<std::int32_t>(args.get_int("label-index", 0, 0, 255));

    const auto t0 = std::chrono::steady_clock::now();
    auto reader = capture::open_capture(args.positional()[0]);
    std::vector<std::uint8_t> pixels;
    std::size_t images = 0;
    const auto stats = pipeline::extract_flows(*reader, opt, [&](flow::FlowRecord&& r) {
        if (!r.has_image()) return;
        const auto img = image::make_image(r.head, opt.fill);
        pixels.insert(pixels.end(), img.begin(), img.end());
        ++images;
    });
    const double extract_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (auto path = args.get("idx")) {
        exporter::write_idx_images(*path, pixels.data(), images);
        if (auto labels = args.get("labels"))
            exporter::write_idx_labels(*labels, std::vector<std::int32_t>(images, label_index));
    }
    if (auto path = args.get("raw")) {
        std::ofstream out(*path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(pixels.data()), static_cast<std::streamsize>(pixels.size()));
        if (!out.flush()) throw IoError("cannot write '" + *path + "'");
    }
    const double total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    store::JsonWriter j;
    j.begin_object();
    j.key("capture").value(args.positional()[0]);
    j.key("format").value(capture::format_name(stats.format));
    j.key("frames").value(stats.frames).key("packets").value(stats.packets);
    j.key("skipped").value(stats.skipped.total());
    j.key("flows").value(stats.flows).key("images").value(static_cast<std::uint64_t>(images));
    j.key("extract_s").value(extract_s).key("total_s").value(total_s);
    if (!stats.error.empty()) j.key("error").value(stats.error);
    j.end_object();
    std::printf("%s\n", j.str().c_str());
    return 0;
}

CommandRegistrar reg({"extract", "capture -> payload images (IDX or raw), without a project", kUsage, run_extract});

}  // namespace
}  // namespace flowcnn::cli
