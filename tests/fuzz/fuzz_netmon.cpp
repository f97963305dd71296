// Fuzzes our NetMon 2.x reader and everything after it; inputs are forced to the "GMBU" magic.
#include "tests/fuzz/capture_fuzz_body.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::uint8_t kMagic[4] = {'G', 'M', 'B', 'U'};
    return flowcnn::fuzz::run_capture_input(kMagic, 4, data, size);
}
