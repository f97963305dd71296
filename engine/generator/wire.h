#pragma once
// Internal helpers of the traffic generator: a deterministic random source and big-endian byte
// building with length-prefixed blocks. Not part of the engine's public API.
#include <cmath>
#include <cstdint>
#include <random>
#include <string_view>
#include <vector>

namespace flowcnn::generator::detail {

using Bytes = std::vector<std::uint8_t>;

inline std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// FNV-1a over the lower-cased text: stable across platforms and runs.
inline std::uint64_t fnv1a(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

// Deterministic on every platform: only the raw mt19937_64 stream is used (the standard
// distributions differ between library implementations).
class Rand {
public:
    explicit Rand(std::uint64_t seed) : g_(seed) {}
    std::uint64_t next() { return g_(); }
    // Uniform in [lo, hi].
    int range(int lo, int hi) {
        return lo + static_cast<int>(g_() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    double real() { return static_cast<double>(g_() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return real() < p; }
    // Log-uniform in [lo, hi]: many small values, a few large ones.
    int log_range(int lo, int hi) {
        double v = std::exp(std::log(lo) + real() * (std::log(hi) - std::log(lo)));
        return static_cast<int>(v);
    }
    double exponential(double mean) { return -mean * std::log(1.0 - real()); }
    template <class T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(g_() % v.size())];
    }
    void fill(Bytes& out, std::size_t n) {
        while (n >= 8) {
            std::uint64_t v = g_();
            for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
            n -= 8;
        }
        if (n) {
            std::uint64_t v = g_();
            for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
        }
    }

private:
    std::mt19937_64 g_;
};

inline void put8(Bytes& b, unsigned v) { b.push_back(static_cast<std::uint8_t>(v)); }
inline void put16(Bytes& b, unsigned v) {
    put8(b, v >> 8);
    put8(b, v);
}
inline void put24(Bytes& b, unsigned v) {
    put8(b, v >> 16);
    put16(b, v);
}
inline void put32(Bytes& b, std::uint32_t v) {
    put16(b, v >> 16);
    put16(b, v);
}
inline void put_str(Bytes& b, std::string_view s) { b.insert(b.end(), s.begin(), s.end()); }
inline void put_bytes(Bytes& b, const Bytes& s) { b.insert(b.end(), s.begin(), s.end()); }
inline void set16(Bytes& b, std::size_t at, std::size_t v) {
    b[at] = static_cast<std::uint8_t>(v >> 8);
    b[at + 1] = static_cast<std::uint8_t>(v);
}
inline void set24(Bytes& b, std::size_t at, std::size_t v) {
    b[at] = static_cast<std::uint8_t>(v >> 16);
    set16(b, at + 1, v);
}

// Length-prefixed blocks: open() writes a placeholder and returns its position, close() patches
// in the number of bytes written since.
inline std::size_t open8(Bytes& b) {
    put8(b, 0);
    return b.size() - 1;
}
inline void close8(Bytes& b, std::size_t at) { b[at] = static_cast<std::uint8_t>(b.size() - at - 1); }
inline std::size_t open16(Bytes& b) {
    put16(b, 0);
    return b.size() - 2;
}
inline void close16(Bytes& b, std::size_t at) { set16(b, at, b.size() - at - 2); }
inline std::size_t open24(Bytes& b) {
    put24(b, 0);
    return b.size() - 3;
}
inline void close24(Bytes& b, std::size_t at) { set24(b, at, b.size() - at - 3); }

// Internet checksum pieces (RFC 1071).
inline std::uint32_t sum16(const std::uint8_t* p, std::size_t n, std::uint32_t acc = 0) {
    std::size_t i = 0;
    for (; i + 1 < n; i += 2) acc += static_cast<std::uint32_t>((p[i] << 8) | p[i + 1]);
    if (i < n) acc += static_cast<std::uint32_t>(p[i] << 8);
    return acc;
}
inline std::uint16_t fold16(std::uint32_t acc) {
    while (acc >> 16) acc = (acc & 0xffffu) + (acc >> 16);
    return static_cast<std::uint16_t>(~acc & 0xffffu);
}

}  // namespace flowcnn::generator::detail
