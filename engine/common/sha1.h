#pragma once
// SHA-1 (FIPS 180-4), our own small implementation: image hashes, duplicate detection and the
// comparison with the reference datasets' first784_sha1. Not for security.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace flowcnn {

using Sha1Digest = std::array<std::uint8_t, 20>;

// Compresses `blocks` 64-byte blocks into the state. Two implementations: portable C++, and the
// x86 SHA extensions (SHA-NI, about 3-4x faster), chosen once at run time from cpuid.
using Sha1BlocksFn = void (*)(std::uint32_t state[5], const std::uint8_t* data, std::size_t blocks) noexcept;
Sha1BlocksFn sha1_portable_blocks() noexcept;
Sha1BlocksFn sha1_hardware_blocks() noexcept;  // nullptr when the CPU (or the build target) has none
Sha1BlocksFn sha1_best_blocks() noexcept;      // what Sha1 uses by default

class Sha1 {
public:
    Sha1() noexcept : blocks_(sha1_best_blocks()) { reset(); }
    explicit Sha1(Sha1BlocksFn blocks) noexcept : blocks_(blocks) { reset(); }
    void reset() noexcept;
    void update(std::span<const std::uint8_t> data) noexcept;
    // Returns the digest; the object is reset afterwards and can hash a new message.
    Sha1Digest finish() noexcept;

private:
    Sha1BlocksFn blocks_;
    std::uint32_t h_[5];
    std::uint8_t buf_[64];
    std::size_t buf_len_ = 0;
    std::uint64_t total_ = 0;  // bytes
};

Sha1Digest sha1(std::span<const std::uint8_t> data) noexcept;
// Lower-case hex of any byte string (40 characters for a SHA-1 digest).
std::string to_hex(std::span<const std::uint8_t> bytes);
std::string sha1_hex(std::span<const std::uint8_t> data);

}  // namespace flowcnn
