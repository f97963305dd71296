// flowcnn extract: capture -> payload images, without a project (for benchmarks and pipelines).
#include <chrono>
#include <cstdio>
#include <cerrno>
#include <cstring>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/capture/capture_reader.h"
#include "engine/common/error.h"
#include "engine/export/idx.h"
#include "engine/image/payload_image.h"
#include "engine/pipeline/extract.h"
#include "engine/common/json_text.h"

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

// A buffered output file that throws IoError on any failure (disk full included).
class StreamFile {
public:
    StreamFile() = default;
    StreamFile(const StreamFile&) = delete;
    StreamFile& operator=(const StreamFile&) = delete;
    ~StreamFile() {
        if (f_) std::fclose(f_);
    }
    void open(const std::string& path) {
        path_ = path;
        f_ = std::fopen(path.c_str(), "wb");
        if (!f_) throw IoError("cannot create '" + path + "': " + std::strerror(errno));
        std::setvbuf(f_, nullptr, _IOFBF, 1 << 20);
    }
    void write(const std::uint8_t* data, std::size_t n) {
        if (f_ && std::fwrite(data, 1, n, f_) != n) fail();
    }
    void patch(long offset, const std::uint8_t* data, std::size_t n) {
        if (!f_) return;
        if (std::fflush(f_) != 0 || std::fseek(f_, offset, SEEK_SET) != 0) fail();
        write(data, n);
    }
    void close() {
        if (!f_) return;
        const bool ok = std::fflush(f_) == 0;
        const bool closed = std::fclose(f_) == 0;
        f_ = nullptr;
        if (!ok || !closed) throw IoError("cannot write '" + path_ + "': " + std::strerror(errno));
    }

private:
    [[noreturn]] void fail() { throw IoError("cannot write '" + path_ + "': " + std::strerror(errno)); }
    std::FILE* f_ = nullptr;
    std::string path_;
};

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
    // Images stream to their files as flows end, so memory stays bounded by the open flows, not
    // by the capture. A plain IDX file gets its image count patched into the header at the end;
    // a .gz one is compressed from memory by the exporter.
    const auto idx_path = args.get("idx");
    const bool idx_gz = idx_path && idx_path->size() > 3 && idx_path->ends_with(".gz");
    StreamFile idx_out, raw_out;
    if (idx_path && !idx_gz) {
        idx_out.open(*idx_path);
        const std::uint8_t header[16] = {0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28};
        idx_out.write(header, sizeof header);
    }
    if (auto raw = args.get("raw")) raw_out.open(*raw);
    std::vector<std::uint8_t> gz_pixels;
    std::size_t images = 0;
    const auto stats = pipeline::extract_flows(*reader, opt, [&](flow::FlowRecord&& r) {
        if (!r.has_image()) return;
        const auto img = image::make_image(r.head, opt.fill);
        if (idx_gz) gz_pixels.insert(gz_pixels.end(), img.begin(), img.end());
        idx_out.write(img.data(), img.size());
        raw_out.write(img.data(), img.size());
        ++images;
    });
    const double extract_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (idx_path) {
        if (idx_gz) {
            exporter::write_idx_images(*idx_path, gz_pixels.data(), images);
        } else {
            const auto n = static_cast<std::uint32_t>(images);
            const std::uint8_t count[4] = {static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16),
                                           static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)};
            idx_out.patch(4, count, sizeof count);
            idx_out.close();
        }
        if (auto labels = args.get("labels"))
            exporter::write_idx_labels(*labels, std::vector<std::int32_t>(images, label_index));
    }
    raw_out.close();
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
