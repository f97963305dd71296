#include "engine/pipeline/extract.h"

#include <exception>

#include "engine/common/error.h"
#include "engine/flow/flow_assembler.h"

namespace flowcnn::pipeline {
namespace {
constexpr std::uint64_t kProgressEvery = 65536;  // frames
constexpr std::uint64_t kCancelEvery = 4096;     // frames
}  // namespace

ExtractStats extract_flows(capture::CaptureReader& reader, const flow::FlowOptions& options,
                           const FlowSink& sink, const ProgressFn& progress, const CancelToken* cancel,
                           const PacketObserver& observe) {
    ExtractStats stats;
    stats.format = reader.format();
    stats.linktype = reader.linktype();
    flow::FlowAssembler assembler(options, [&](flow::FlowRecord&& rec) {
        ++stats.flows;
        if (rec.has_image()) ++stats.flows_with_image;
        if (sink) sink(std::move(rec));
    });
    auto report = [&](std::string msg) {
        if (progress) progress(Progress{"extract", reader.position(), reader.size(), std::move(msg)});
    };
    report({});

    capture::RawPacket raw;
    packet::ParsedPacket pkt;
    packet::SkipReason why = packet::SkipReason::Count;
    for (;;) {
        if (cancel && stats.frames % kCancelEvery == 0 && cancel->cancelled()) {
            stats.cancelled = true;
            break;
        }
        bool more = false;
        try {
            more = reader.next(raw);
        } catch (const Error& e) {  // a reader that throws mid-file: keep what we have
            stats.error = e.what();
            break;
        }
        if (!more) break;
        ++stats.frames;
        if (packet::parse_packet(raw.linktype, raw.data, pkt, why)) {
            pkt.ts_ns = raw.ts_ns;
            ++stats.packets;
            const std::uint64_t flow_index = assembler.add(pkt);
            if (observe) observe(pkt, flow_index);
        } else {
            stats.skipped.add(why);
        }
        if (stats.frames % kProgressEvery == 0) report({});
    }
    if (stats.error.empty()) stats.error = reader.error();
    stats.non_packet_frames = reader.non_packet_frames();
    assembler.finish();
    report(stats.cancelled ? "cancelled" : "done");
    return stats;
}

}  // namespace flowcnn::pipeline
