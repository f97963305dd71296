#pragma once
// Capture -> flows: reads frames, parses packets, assembles flows and hands each finished flow to
// a sink as soon as it ends (so memory stays bounded on big captures).
#include <cstdint>
#include <functional>
#include <string>

#include "engine/capture/capture_reader.h"
#include "engine/common/progress.h"
#include "engine/flow/flow.h"
#include "engine/packet/packet.h"

namespace flowcnn::pipeline {

struct ExtractStats {
    capture::CaptureFormat format = capture::CaptureFormat::Pcap;
    int linktype = 0;
    std::uint64_t frames = 0;             // frames read from the capture
    std::uint64_t packets = 0;            // TCP/UDP packets that reached the flow table
    std::uint64_t non_packet_frames = 0;  // NetMon records etc.
    packet::SkipCounts skipped;           // per reason
    std::uint64_t flows = 0;
    std::uint64_t flows_with_image = 0;
    std::string error;  // non-empty when the capture ended early (corrupt/truncated): partial result
    bool cancelled = false;
};

using FlowSink = std::function<void(flow::FlowRecord&&)>;
// Sees every packet that reached the flow table, with the index of the flow it joined
// (FlowRecord::index), before that flow can end. The packet's spans are valid during the call.
using PacketObserver = std::function<void(const packet::ParsedPacket&, std::uint64_t flow_index)>;

// Runs the whole capture through the flow table. Flows reach `sink` in the order they end; at the
// end every open flow is flushed (EndReason::EndOfCapture). Never throws on corrupt input: the
// reason goes into stats.error. On cancel, open flows are flushed and stats.cancelled is set.
ExtractStats extract_flows(capture::CaptureReader& reader, const flow::FlowOptions& options,
                           const FlowSink& sink, const ProgressFn& progress = {},
                           const CancelToken* cancel = nullptr, const PacketObserver& observe = {});

}  // namespace flowcnn::pipeline
