#pragma once
// Shared body of the capture-file fuzz targets: force the format's magic, then run the whole
// capture -> flows -> images path over the input in memory (fmemopen: no file system per run).
#include <cstdint>
#include <cstring>
#include <vector>

#include "engine/capture/capture_reader.h"
#include "engine/common/error.h"
#include "engine/image/payload_image.h"
#include "engine/pipeline/extract.h"

namespace flowcnn::fuzz {

inline int run_capture_input(const std::uint8_t* magic, std::size_t magic_len, const std::uint8_t* data,
                             std::size_t size) {
    std::vector<std::uint8_t> bytes(data, data + size);
    if (bytes.size() < magic_len) bytes.resize(magic_len);
    std::memcpy(bytes.data(), magic, magic_len);
    try {
        auto reader = capture::open_capture_memory(bytes, "fuzz input");
        flow::FlowOptions options;
        std::uint64_t flows = 0;
        auto stats = pipeline::extract_flows(*reader, options, [&](flow::FlowRecord&& f) {
            if (f.head.size() > flow::kImageBytes) __builtin_trap();
            auto img = image::make_image(f.head, options.fill);
            (void)img;
            ++flows;
        });
        if (stats.flows != flows) __builtin_trap();
    } catch (const flowcnn::Error&) {
        // A clear, typed refusal is the expected outcome for most inputs.
    }
    return 0;
}

}  // namespace flowcnn::fuzz
