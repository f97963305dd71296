#pragma once
// Test helper: builds pcapng files block by block, each section in either byte order, with the
// interface options the reader interprets (if_tsresol, if_tsoffset).
#include <cstdint>
#include <optional>
#include <vector>

namespace flowcnn::testutil {

class PcapngBuilder {
public:
    using Bytes = std::vector<std::uint8_t>;

    // Starts a new section (Section Header Block) in the given byte order; later blocks use it.
    PcapngBuilder& section(bool big_endian = false, std::uint16_t major = 1, std::uint16_t minor = 0) {
        be_ = big_endian;
        Bytes b;
        u32(b, 0x1A2B3C4D);
        u16(b, major);
        u16(b, minor);
        u64(b, ~0ull);  // section length unknown
        return block(0x0A0D0D0A, b);
    }
    // Interface Description Block. tsresol: the raw if_tsresol byte (0x80 | n for 2^-n).
    PcapngBuilder& interface(std::uint16_t linktype, std::uint32_t snaplen = 65535,
                             std::optional<std::uint8_t> tsresol = {}, std::optional<std::int64_t> tsoffset = {}) {
        Bytes b;
        u16(b, linktype);
        u16(b, 0);
        u32(b, snaplen);
        if (tsresol) {
            u16(b, 9);
            u16(b, 1);
            b.insert(b.end(), {*tsresol, 0, 0, 0});
        }
        if (tsoffset) {
            u16(b, 14);
            u16(b, 8);
            u64(b, static_cast<std::uint64_t>(*tsoffset));
        }
        if (tsresol || tsoffset) {
            u16(b, 0);  // opt_endofopt
            u16(b, 0);
        }
        return block(1, b);
    }
    // Enhanced Packet Block; orig_len defaults to the data size.
    PcapngBuilder& packet(std::uint32_t iface, std::uint64_t ts_units, const Bytes& data,
                          std::optional<std::uint32_t> orig_len = {}) {
        Bytes b;
        u32(b, iface);
        u32(b, static_cast<std::uint32_t>(ts_units >> 32));
        u32(b, static_cast<std::uint32_t>(ts_units));
        u32(b, static_cast<std::uint32_t>(data.size()));
        u32(b, orig_len.value_or(static_cast<std::uint32_t>(data.size())));
        b.insert(b.end(), data.begin(), data.end());
        return block(6, b);
    }
    // Simple Packet Block: the original length, then the bytes the block holds.
    PcapngBuilder& simple_packet(std::uint32_t orig_len, const Bytes& data) {
        Bytes b;
        u32(b, orig_len);
        b.insert(b.end(), data.begin(), data.end());
        return block(3, b);
    }
    // Obsolete Packet Block (type 2).
    PcapngBuilder& old_packet(std::uint16_t iface, std::uint64_t ts_units, const Bytes& data) {
        Bytes b;
        u16(b, iface);
        u16(b, 0);  // drops count
        u32(b, static_cast<std::uint32_t>(ts_units >> 32));
        u32(b, static_cast<std::uint32_t>(ts_units));
        u32(b, static_cast<std::uint32_t>(data.size()));
        u32(b, static_cast<std::uint32_t>(data.size()));
        b.insert(b.end(), data.begin(), data.end());
        return block(2, b);
    }
    // Any block: the body is padded to 4 bytes; total_override replaces both length fields.
    PcapngBuilder& block(std::uint32_t type, const Bytes& body, std::optional<std::uint32_t> total_override = {}) {
        Bytes padded = body;
        while (padded.size() % 4) padded.push_back(0);
        const std::uint32_t total = total_override.value_or(static_cast<std::uint32_t>(12 + padded.size()));
        u32(out_, type);
        u32(out_, total);
        out_.insert(out_.end(), padded.begin(), padded.end());
        u32(out_, total);
        return *this;
    }
    PcapngBuilder& raw(const Bytes& bytes) {
        out_.insert(out_.end(), bytes.begin(), bytes.end());
        return *this;
    }

    const Bytes& bytes() const { return out_; }
    std::size_t size() const { return out_.size(); }
    bool big_endian() const { return be_; }

    void u16(Bytes& b, std::uint16_t v) const {
        if (be_) b.insert(b.end(), {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)});
        else b.insert(b.end(), {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8)});
    }
    void u32(Bytes& b, std::uint32_t v) const {
        if (be_) {
            u16(b, static_cast<std::uint16_t>(v >> 16));
            u16(b, static_cast<std::uint16_t>(v));
        } else {
            u16(b, static_cast<std::uint16_t>(v));
            u16(b, static_cast<std::uint16_t>(v >> 16));
        }
    }
    void u64(Bytes& b, std::uint64_t v) const {
        if (be_) {
            u32(b, static_cast<std::uint32_t>(v >> 32));
            u32(b, static_cast<std::uint32_t>(v));
        } else {
            u32(b, static_cast<std::uint32_t>(v));
            u32(b, static_cast<std::uint32_t>(v >> 32));
        }
    }

private:
    Bytes out_;
    bool be_ = false;
};

}  // namespace flowcnn::testutil
