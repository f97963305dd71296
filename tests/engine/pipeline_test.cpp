// extract_flows: statistics, skip counts, progress, cancellation and partial results, over an
// in-memory reader (frames built by hand) and over the committed golden captures.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "engine/capture/capture_reader.h"
#include "engine/common/error.h"
#include "engine/pipeline/extract.h"

namespace {

using namespace flowcnn;
namespace fs = std::filesystem;
using Bytes = std::vector<std::uint8_t>;

// Ethernet + IPv4 + UDP from 10.0.0.1:sport to 10.0.0.2:53.
Bytes udp_frame(std::uint16_t sport, const std::string& payload) {
    Bytes f = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00};
    const std::size_t ip_len = 20 + 8 + payload.size();
    Bytes ip = {0x45, 0, static_cast<std::uint8_t>(ip_len >> 8), static_cast<std::uint8_t>(ip_len), 0, 0, 0x40, 0,
                64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2};
    f.insert(f.end(), ip.begin(), ip.end());
    const std::size_t ul = 8 + payload.size();
    Bytes udp = {static_cast<std::uint8_t>(sport >> 8), static_cast<std::uint8_t>(sport), 0, 53,
                 static_cast<std::uint8_t>(ul >> 8), static_cast<std::uint8_t>(ul), 0, 0};
    f.insert(f.end(), udp.begin(), udp.end());
    f.insert(f.end(), payload.begin(), payload.end());
    return f;
}

class MemoryReader : public capture::CaptureReader {
public:
    std::vector<Bytes> frames;
    std::string err;
    std::uint64_t non_packet = 0;
    bool throw_at_end = false;
    std::size_t pos = 0;

    bool next(capture::RawPacket& out) override {
        if (pos == frames.size()) {
            if (throw_at_end) throw FormatError("broken frame header");
            return false;
        }
        const Bytes& f = frames[pos];
        out.ts_ns = static_cast<std::int64_t>(pos) * 1000;
        out.caplen = out.wire_len = static_cast<std::uint32_t>(f.size());
        out.linktype = packet::dlt::kEthernet;
        out.data = f;
        ++pos;
        return true;
    }
    capture::CaptureFormat format() const override { return capture::CaptureFormat::NetMon; }
    const std::string& error() const override { return err; }
    std::uint64_t position() const override { return pos; }
    std::uint64_t size() const override { return frames.size(); }
    std::uint64_t non_packet_frames() const override { return non_packet; }
    int linktype() const override { return packet::dlt::kEthernet; }
};

TEST(Extract, CountsFramesPacketsSkipsAndFlows) {
    MemoryReader r;
    r.frames.push_back(udp_frame(1000, "a"));
    r.frames.push_back(udp_frame(1001, ""));
    r.frames.push_back(udp_frame(1000, "b"));
    Bytes arp = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1, 0x08, 0x06};
    arp.resize(42);
    r.frames.push_back(arp);
    r.frames.push_back(Bytes(6, 0));  // cut inside the Ethernet header
    r.non_packet = 3;
    r.err = "frame table damaged after frame 5";
    std::vector<flow::FlowRecord> flows;
    auto st = pipeline::extract_flows(r, {}, [&](flow::FlowRecord&& f) { flows.push_back(std::move(f)); });
    EXPECT_EQ(st.format, capture::CaptureFormat::NetMon);
    EXPECT_EQ(st.frames, 5u);
    EXPECT_EQ(st.packets, 3u);
    EXPECT_EQ(st.non_packet_frames, 3u);
    EXPECT_EQ(st.skipped.total(), 2u);
    EXPECT_EQ(st.skipped.by_reason[static_cast<std::size_t>(packet::SkipReason::NotIp)], 1u);
    EXPECT_EQ(st.skipped.by_reason[static_cast<std::size_t>(packet::SkipReason::TruncatedLink)], 1u);
    EXPECT_EQ(st.flows, 2u);
    EXPECT_EQ(st.flows_with_image, 1u);
    EXPECT_EQ(st.error, r.err) << "partial result keeps the reader's reason";
    EXPECT_FALSE(st.cancelled);
    ASSERT_EQ(flows.size(), 2u);
}

TEST(Extract, ReaderExceptionBecomesErrorWithPartialResult) {
    MemoryReader r;
    r.frames.push_back(udp_frame(1000, "abc"));
    r.throw_at_end = true;
    std::vector<flow::FlowRecord> flows;
    pipeline::ExtractStats st;
    ASSERT_NO_THROW(st = pipeline::extract_flows(r, {}, [&](flow::FlowRecord&& f) { flows.push_back(std::move(f)); }));
    EXPECT_EQ(st.error, "broken frame header");
    ASSERT_EQ(flows.size(), 1u);
    EXPECT_EQ(flows[0].payload_bytes, 3u);
}

TEST(Extract, ProgressAndCancel) {
    MemoryReader r;
    for (int i = 0; i < 140000; ++i) r.frames.push_back(udp_frame(static_cast<std::uint16_t>(i % 5000), "x"));
    std::vector<Progress> seen;
    auto st = pipeline::extract_flows(r, {}, {}, [&](const Progress& p) { seen.push_back(p); });
    ASSERT_GE(seen.size(), 4u);  // start, every 65536 frames, end
    EXPECT_EQ(seen.front().done, 0u);
    EXPECT_EQ(seen.back().done, seen.back().total);
    EXPECT_EQ(seen.back().total, 140000u);
    EXPECT_EQ(st.flows, 5000u);

    MemoryReader r2;
    r2.frames = std::move(r.frames);
    CancelToken cancel;
    std::uint64_t flushed = 0;
    auto st2 = pipeline::extract_flows(
        r2, {}, [&](flow::FlowRecord&&) { ++flushed; },
        [&](const Progress& p) {
            if (p.done >= 65536) cancel.cancel();
        },
        &cancel);
    EXPECT_TRUE(st2.cancelled);
    EXPECT_LT(st2.frames, 140000u);
    EXPECT_EQ(flushed, st2.flows) << "open flows are flushed on cancel";
    EXPECT_GT(flushed, 0u);
}

TEST(Extract, TruncatedCaptureFileKeepsPartialResult) {
    const fs::path src = fs::path(FLOWCNN_GOLDEN_DIR) / "tls_vlan.pcap";
    ASSERT_TRUE(fs::exists(src));
    const fs::path cut = fs::temp_directory_path() / ("flowcnn_cut_" + std::to_string(::getpid()) + ".pcap");
    {
        std::ifstream in(src, std::ios::binary);
        std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ofstream(cut, std::ios::binary) << all.substr(0, all.size() - 50);
    }
    auto reader = capture::open_capture(cut.string());
    std::uint64_t n = 0;
    auto st = pipeline::extract_flows(*reader, {}, [&](flow::FlowRecord&&) { ++n; });
    fs::remove(cut);
    EXPECT_EQ(st.frames, 14u);
    EXPECT_FALSE(st.error.empty()) << "a cut last frame is reported";
    EXPECT_EQ(n, 2u);
}

}  // namespace
