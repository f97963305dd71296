#include "engine/common/sha1.h"

#include <algorithm>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#define FLOWCNN_SHA1_X86 1
#include <cpuid.h>
#include <immintrin.h>
#else
#define FLOWCNN_SHA1_X86 0
#endif

namespace flowcnn {
namespace {
inline std::uint32_t rol(std::uint32_t x, int n) noexcept { return (x << n) | (x >> (32 - n)); }
inline std::uint32_t load_be32(const std::uint8_t* p) noexcept {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
}  // namespace

void Sha1::reset() noexcept {
    h_[0] = 0x67452301u;
    h_[1] = 0xEFCDAB89u;
    h_[2] = 0x98BADCFEu;
    h_[3] = 0x10325476u;
    h_[4] = 0xC3D2E1F0u;
    buf_len_ = 0;
    total_ = 0;
}

namespace {
void blocks_portable(std::uint32_t h[5], const std::uint8_t* p, std::size_t n) noexcept {
    for (; n > 0; --n, p += 64) {
        std::uint32_t w[80];
        for (int i = 0; i < 16; ++i) w[i] = load_be32(p + 4 * i);
        for (int i = 16; i < 80; ++i) w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        auto step = [&](std::uint32_t f, std::uint32_t k, std::uint32_t wi) {
            std::uint32_t t = rol(a, 5) + f + e + k + wi;
            e = d;
            d = c;
            c = rol(b, 30);
            b = a;
            a = t;
        };
        for (int i = 0; i < 20; ++i) step((b & c) | (~b & d), 0x5A827999u, w[i]);
        for (int i = 20; i < 40; ++i) step(b ^ c ^ d, 0x6ED9EBA1u, w[i]);
        for (int i = 40; i < 60; ++i) step((b & c) | (b & d) | (c & d), 0x8F1BBCDCu, w[i]);
        for (int i = 60; i < 80; ++i) step(b ^ c ^ d, 0xCA62C1D6u, w[i]);
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }
}

#if FLOWCNN_SHA1_X86
// The SHA-NI compression (Intel's reference sequence): each sha1rnds4 does four rounds; the
// message schedule is sha1msg1 / xor / sha1msg2 over four rolling registers m[0..3]. Compiled for
// the SHA target only; called only after cpuid said the CPU has it.
__attribute__((target("sha,sse4.1,ssse3"))) void blocks_sha_ni(std::uint32_t h[5], const std::uint8_t* p,
                                                               std::size_t n) noexcept {
    const __m128i kBswap = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
    __m128i abcd = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(h)), 0x1B);
    __m128i e0 = _mm_set_epi32(static_cast<int>(h[4]), 0, 0, 0);
    for (; n > 0; --n, p += 64) {
        const __m128i abcd_save = abcd, e_save = e0;
        __m128i m[4], e1;
        for (int i = 0; i < 4; ++i)
            m[i] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i)), kBswap);
        // Rounds 0-3.
        e0 = _mm_add_epi32(e0, m[0]);
        e1 = abcd;
        abcd = _mm_sha1rnds4_epu32(abcd, e0, 0);
// Rounds 4g..4g+3 for g = 1..19; F is the round function (0..3, one per 20 rounds). The message
// word of group g is m[g % 4]; groups 1..18 also extend the schedule for groups g+1..g+3.
#define FLOWCNN_SHA1_GROUP(g, F, EA, EB)                                                    \
    EA = _mm_sha1nexte_epu32(EA, m[(g) % 4]);                                               \
    EB = abcd;                                                                              \
    if ((g) >= 3 && (g) <= 18) m[((g) + 1) % 4] = _mm_sha1msg2_epu32(m[((g) + 1) % 4], m[(g) % 4]); \
    abcd = _mm_sha1rnds4_epu32(abcd, EA, F);                                                \
    if ((g) >= 1 && (g) <= 16) m[((g) + 3) % 4] = _mm_sha1msg1_epu32(m[((g) + 3) % 4], m[(g) % 4]); \
    if ((g) >= 2 && (g) <= 17) m[((g) + 2) % 4] = _mm_xor_si128(m[((g) + 2) % 4], m[(g) % 4]);
        FLOWCNN_SHA1_GROUP(1, 0, e1, e0)
        FLOWCNN_SHA1_GROUP(2, 0, e0, e1)
        FLOWCNN_SHA1_GROUP(3, 0, e1, e0)
        FLOWCNN_SHA1_GROUP(4, 0, e0, e1)
        FLOWCNN_SHA1_GROUP(5, 1, e1, e0)
        FLOWCNN_SHA1_GROUP(6, 1, e0, e1)
        FLOWCNN_SHA1_GROUP(7, 1, e1, e0)
        FLOWCNN_SHA1_GROUP(8, 1, e0, e1)
        FLOWCNN_SHA1_GROUP(9, 1, e1, e0)
        FLOWCNN_SHA1_GROUP(10, 2, e0, e1)
        FLOWCNN_SHA1_GROUP(11, 2, e1, e0)
        FLOWCNN_SHA1_GROUP(12, 2, e0, e1)
        FLOWCNN_SHA1_GROUP(13, 2, e1, e0)
        FLOWCNN_SHA1_GROUP(14, 2, e0, e1)
        FLOWCNN_SHA1_GROUP(15, 3, e1, e0)
        FLOWCNN_SHA1_GROUP(16, 3, e0, e1)
        FLOWCNN_SHA1_GROUP(17, 3, e1, e0)
        FLOWCNN_SHA1_GROUP(18, 3, e0, e1)
        FLOWCNN_SHA1_GROUP(19, 3, e1, e0)
#undef FLOWCNN_SHA1_GROUP
        e0 = _mm_sha1nexte_epu32(e0, e_save);
        abcd = _mm_add_epi32(abcd, abcd_save);
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(h), _mm_shuffle_epi32(abcd, 0x1B));
    h[4] = static_cast<std::uint32_t>(_mm_extract_epi32(e0, 3));
}

bool cpu_has_sha_ni() noexcept {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
    const bool ssse3 = c & (1u << 9), sse41 = c & (1u << 19);
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
    return ssse3 && sse41 && (b & (1u << 29));  // CPUID.(7,0).EBX[29]: SHA
}
#endif
}  // namespace

Sha1BlocksFn sha1_portable_blocks() noexcept { return blocks_portable; }

Sha1BlocksFn sha1_hardware_blocks() noexcept {
#if FLOWCNN_SHA1_X86
    static const bool has = cpu_has_sha_ni();
    return has ? blocks_sha_ni : nullptr;
#else
    return nullptr;
#endif
}

Sha1BlocksFn sha1_best_blocks() noexcept {
    static const Sha1BlocksFn best = sha1_hardware_blocks() ? sha1_hardware_blocks() : blocks_portable;
    return best;
}

void Sha1::update(std::span<const std::uint8_t> data) noexcept {
    const std::uint8_t* p = data.data();
    std::size_t n = data.size();
    total_ += n;
    if (buf_len_ > 0) {
        std::size_t take = std::min(n, sizeof buf_ - buf_len_);
        std::memcpy(buf_ + buf_len_, p, take);
        buf_len_ += take;
        p += take;
        n -= take;
        if (buf_len_ < sizeof buf_) return;
        blocks_(h_, buf_, 1);
        buf_len_ = 0;
    }
    if (n >= 64) {
        blocks_(h_, p, n / 64);
        p += n / 64 * 64;
        n %= 64;
    }
    if (n > 0) {
        std::memcpy(buf_, p, n);
        buf_len_ = n;
    }
}

Sha1Digest Sha1::finish() noexcept {
    const std::uint64_t bits = total_ * 8;
    std::uint8_t pad[72] = {0x80};
    std::size_t pad_len = (buf_len_ < 56) ? 56 - buf_len_ : 120 - buf_len_;
    for (int i = 0; i < 8; ++i) pad[pad_len + i] = static_cast<std::uint8_t>(bits >> (56 - 8 * i));
    update({pad, pad_len + 8});
    Sha1Digest out;
    for (int i = 0; i < 5; ++i) {
        out[4 * i] = static_cast<std::uint8_t>(h_[i] >> 24);
        out[4 * i + 1] = static_cast<std::uint8_t>(h_[i] >> 16);
        out[4 * i + 2] = static_cast<std::uint8_t>(h_[i] >> 8);
        out[4 * i + 3] = static_cast<std::uint8_t>(h_[i]);
    }
    reset();
    return out;
}

Sha1Digest sha1(std::span<const std::uint8_t> data) noexcept {
    Sha1 s;
    s.update(data);
    return s.finish();
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string s(bytes.size() * 2, '0');
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        s[2 * i] = kDigits[bytes[i] >> 4];
        s[2 * i + 1] = kDigits[bytes[i] & 15];
    }
    return s;
}

std::string sha1_hex(std::span<const std::uint8_t> data) {
    auto d = sha1(data);
    return to_hex(d);
}

}  // namespace flowcnn
