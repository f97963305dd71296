// Fuzzes our pcapng block reader (PcapngReader) and everything after it; inputs are forced to pcapng's magic.
#include "tests/fuzz/capture_fuzz_body.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::uint8_t kMagic[4] = {0x0a, 0x0d, 0x0d, 0x0a};
    return flowcnn::fuzz::run_capture_input(kMagic, 4, data, size);
}
