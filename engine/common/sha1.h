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

class Sha1 {
public:
    Sha1() noexcept { reset(); }
    void reset() noexcept;
    void update(std::span<const std::uint8_t> data) noexcept;
    // Returns the digest; the object is reset afterwards and can hash a new message.
    Sha1Digest finish() noexcept;

private:
    void block(const std::uint8_t* p) noexcept;
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
