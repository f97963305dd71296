// Fuzzes the pcap reader (libpcap) and everything after it; inputs are forced to a pcap magic.
#include "tests/fuzz/capture_fuzz_body.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Keep the input's own choice among the four pcap magics (byte order x micro/nano).
    static const std::uint8_t kMagics[4][4] = {
        {0xd4, 0xc3, 0xb2, 0xa1}, {0xa1, 0xb2, 0xc3, 0xd4}, {0x4d, 0x3c, 0xb2, 0xa1}, {0xa1, 0xb2, 0x3c, 0x4d}};
    int which = size > 0 ? data[0] & 3 : 0;
    return flowcnn::fuzz::run_capture_input(kMagics[which], 4, data, size);
}
