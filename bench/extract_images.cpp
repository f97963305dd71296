// flowcnn-extract-bench CAPTURE OUT.bin [--direction both|client|server] [--fill repeat|zero]
//                       [--keep-retransmissions]
// Capture -> flows -> 784-byte payload images, written raw to OUT.bin (one image per flow with
// payload, in the order flows end). Prints one JSON line with counts and the elapsed time.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "engine/capture/capture_reader.h"
#include "engine/common/error.h"
#include "engine/image/payload_image.h"
#include "engine/pipeline/extract.h"

int main(int argc, char** argv) {
    using namespace flowcnn;
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s CAPTURE OUT.bin [--direction D] [--fill F] [--keep-retransmissions]\n",
                     argv[0]);
        return 2;
    }
    flow::FlowOptions opt;
    for (int i = 3; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--direction" && i + 1 < argc) {
            if (!flow::parse_direction(argv[++i], opt.direction)) return 2;
        } else if (a == "--fill" && i + 1 < argc) {
            if (!flow::parse_fill_mode(argv[++i], opt.fill)) return 2;
        } else if (a == "--keep-retransmissions") {
            opt.drop_tcp_retransmissions = false;
        } else {
            std::fprintf(stderr, "unknown argument: %s\n", a.c_str());
            return 2;
        }
    }
    try {
        const auto t0 = std::chrono::steady_clock::now();
        std::FILE* out = std::fopen(argv[2], "wb");
        if (!out) throw IoError(std::string("cannot create ") + argv[2]);
        std::vector<char> buf(1 << 20);
        std::setvbuf(out, buf.data(), _IOFBF, buf.size());
        auto reader = capture::open_capture(argv[1]);
        std::uint64_t images = 0;
        auto st = pipeline::extract_flows(*reader, opt, [&](flow::FlowRecord&& r) {
            if (!r.has_image()) return;
            const auto img = image::make_image(r.head, opt.fill);
            std::fwrite(img.data(), 1, img.size(), out);
            ++images;
        });
        if (std::fclose(out) != 0) throw IoError(std::string("cannot write ") + argv[2]);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("{\"tool\": \"flowcnn\", \"frames\": %llu, \"packets\": %llu, \"flows\": %llu, \"images\": %llu, "
                    "\"seconds\": %.3f, \"packets_per_s\": %.0f%s%s%s}\n",
                    static_cast<unsigned long long>(st.frames), static_cast<unsigned long long>(st.packets),
                    static_cast<unsigned long long>(st.flows), static_cast<unsigned long long>(images), s,
                    s > 0 ? static_cast<double>(st.packets) / s : 0.0, st.error.empty() ? "" : ", \"error\": \"",
                    st.error.c_str(), st.error.empty() ? "" : "\"");
        return 0;
    } catch (const Error& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
