// Fuzzes the packet parser: the first byte picks the link type, the rest is the frame.
#include <array>
#include <cstdint>
#include <span>

#include "engine/packet/packet.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace flowcnn::packet;
    static constexpr std::array<int, 9> kLinkTypes{dlt::kNull,  dlt::kEthernet, dlt::kRaw,
                                                   dlt::kRawAlt, dlt::kLoop,   dlt::kLinuxSll,
                                                   dlt::kIpv4,  dlt::kIpv6,    dlt::kLinuxSll2};
    if (size < 1) return 0;
    int linktype = kLinkTypes[data[0] % kLinkTypes.size()];
    std::span<const std::uint8_t> frame(data + 1, size - 1);
    ParsedPacket p;
    SkipReason why{};
    if (parse_packet(linktype, frame, p, why)) {
        // The payload must lie inside the frame.
        if (!p.payload.empty() &&
            (p.payload.data() < frame.data() || p.payload.data() + p.payload.size() > frame.data() + frame.size()))
            __builtin_trap();
    } else if (static_cast<std::size_t>(why) >= kSkipReasonCount) {
        __builtin_trap();
    }
    return 0;
}
