#pragma once
// A bounded reader over captured bytes (in the manner of libtins' memory_helpers): every read is
// checked against what was captured and returns nullopt instead of reading past the end.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace flowcnn {

class ByteReader {
public:
    explicit ByteReader(std::span<const std::uint8_t> data) : data_(data) {}

    std::size_t remaining() const noexcept { return data_.size() - pos_; }
    std::size_t position() const noexcept { return pos_; }
    bool can_read(std::size_t n) const noexcept { return n <= remaining(); }
    std::span<const std::uint8_t> rest() const noexcept { return data_.subspan(pos_); }

    bool skip(std::size_t n) noexcept {
        if (!can_read(n)) return false;
        pos_ += n;
        return true;
    }
    std::optional<std::uint8_t> u8() noexcept {
        if (!can_read(1)) return std::nullopt;
        return data_[pos_++];
    }
    std::optional<std::uint16_t> u16be() noexcept {
        if (!can_read(2)) return std::nullopt;
        auto v = static_cast<std::uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
        pos_ += 2;
        return v;
    }
    std::optional<std::uint16_t> u16le() noexcept {
        if (!can_read(2)) return std::nullopt;
        auto v = static_cast<std::uint16_t>(data_[pos_] | (data_[pos_ + 1] << 8));
        pos_ += 2;
        return v;
    }
    std::optional<std::uint32_t> u32be() noexcept {
        if (!can_read(4)) return std::nullopt;
        std::uint32_t v = (std::uint32_t{data_[pos_]} << 24) | (std::uint32_t{data_[pos_ + 1]} << 16) |
                          (std::uint32_t{data_[pos_ + 2]} << 8) | data_[pos_ + 3];
        pos_ += 4;
        return v;
    }
    std::optional<std::uint32_t> u32le() noexcept {
        if (!can_read(4)) return std::nullopt;
        std::uint32_t v = (std::uint32_t{data_[pos_ + 3]} << 24) | (std::uint32_t{data_[pos_ + 2]} << 16) |
                          (std::uint32_t{data_[pos_ + 1]} << 8) | data_[pos_];
        pos_ += 4;
        return v;
    }
    std::optional<std::uint64_t> u64le() noexcept {
        auto lo = u32le();
        if (!lo) return std::nullopt;
        auto hi = u32le();
        if (!hi) return std::nullopt;
        return (std::uint64_t{*hi} << 32) | *lo;
    }
    std::optional<std::span<const std::uint8_t>> bytes(std::size_t n) noexcept {
        if (!can_read(n)) return std::nullopt;
        auto s = data_.subspan(pos_, n);
        pos_ += n;
        return s;
    }

private:
    std::span<const std::uint8_t> data_;
    std::size_t pos_ = 0;
};

}  // namespace flowcnn
