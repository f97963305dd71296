#pragma once
// Bidirectional flow assembly: packets in, finished FlowRecords out (to a sink, as soon as each
// flow ends, so memory stays bounded by the flows open at one time).
//
// Rules (our choices where the paper is silent; see also docs):
// - Key: l4proto + outermost VLAN id + the unordered endpoint pair (address, port) x 2.
// - Client: the sender of the flow's first packet, except that TCP handshake packets decide when
//   seen: the sender of a SYN without ACK is the client, the sender of a SYN+ACK the server. The
//   first such packet fixes the roles even if a stray packet came first (roles are swapped then;
//   in the one-direction modes the stream bytes gathered before the swap are dropped).
// - End: TCP FIN seen from both sides -> EndReason::Fin; RST -> Rst. Any flow: no packet for
//   idle_timeout_s -> IdleTimeout; a packet more than active_timeout_s after the flow's first packet
//   -> ActiveTimeout (that packet starts a new flow). Times are capture timestamps; a timestamp
//   earlier than the flow's last one never times it out.
// - Closing state: a TCP flow ended by FIN/FIN or RST stays in a closing state: late packets of the
//   same tuple (the final ACK, retransmitted FINs, data in flight, a repeated SYN with the flow's own
//   ISN) still join it; a SYN without ACK carrying a new ISN, or the linger's expiry (by default the
//   idle timeout; closing_linger_s can shorten it), emits it with its Fin/Rst reason, and the packet
//   starts a new flow. The first packet of a reused tuple seen after that starts a new flow.
// - Payload stream: the transport payload of each packet in capture order, both directions
//   interleaved (or one direction, FlowOptions::direction); only the first 784 bytes are kept in
//   FlowRecord::head, payload_bytes counts the whole stream.
// - TCP retransmissions (drop_tcp_retransmissions): per direction the next expected sequence
//   number (serial arithmetic) is tracked; bytes before it are not added again (an overlapping
//   segment adds its new tail only). A segment beyond the expected number (out of order, or after
//   a segment lost from the capture) is appended in arrival order and its range is remembered
//   (up to 4 ranges per direction, adjacent ones merged), so that a later segment filling the hole
//   is added and a repeat of the out-of-order one is not. With drop_tcp_retransmissions=false
//   every payload is appended as captured.
// - Hints: the client's first payload bytes (deduplicated stream, both settings) are searched for
//   a TLS ClientHello SNI or an HTTP Host header (engine/hint), gathering up to 16 KiB when a
//   message spans segments.
// - Idle flows are swept from least-recently-used lists (O(expired) per sweep), at most once per
//   second of capture time; memory is released when a flow is emitted.
#include <cstdint>
#include <functional>
#include <memory>

#include "engine/flow/flow.h"
#include "engine/packet/packet.h"

namespace flowcnn::flow {

class FlowAssembler {
public:
    using Sink = std::function<void(FlowRecord&&)>;
    static constexpr double kDefaultClosingLingerS = 1e18;  // capped by the idle timeout

    // Throws ConfigError when a timeout is not positive.
    FlowAssembler(const FlowOptions& options, Sink sink, double closing_linger_s = kDefaultClosingLingerS);
    ~FlowAssembler();
    FlowAssembler(const FlowAssembler&) = delete;
    FlowAssembler& operator=(const FlowAssembler&) = delete;

    static constexpr std::uint64_t kNoFlow = ~std::uint64_t{0};
    // Adds one TCP or UDP packet (others are ignored: kNoFlow). The payload span is only read
    // during the call. Returns the index (FlowRecord::index) of the flow the packet joined.
    std::uint64_t add(const packet::ParsedPacket& p);
    // Emits every open flow (EndOfCapture; flows in the closing state keep Fin/Rst). The assembler
    // can be used again afterwards; flow indices continue.
    void finish();

    std::size_t open_flows() const noexcept;
    std::uint64_t flows_started() const noexcept;
    std::uint64_t flows_emitted() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace flowcnn::flow
