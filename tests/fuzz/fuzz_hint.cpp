// Fuzzes the TLS SNI and HTTP Host parsers over arbitrary client bytes.
#include <span>
#include <string>

#include "engine/hint/hint.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace flowcnn::hint;
    std::span<const std::uint8_t> bytes(data, size);
    auto a = tls_sni(bytes);
    auto b = http_host(bytes);
    if (a.value.size() > kMaxNameLength || b.value.size() > kMaxNameLength) __builtin_trap();
    std::string sni, host;
    find_hints(bytes, sni, host);
    return 0;
}
