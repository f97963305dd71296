// Capture readers: pcap (both byte orders, micro/nano), pcapng, NetMon 2.x, live capture.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "engine/capture/capture_reader.h"
#include "engine/capture/live_capture.h"
#include "engine/capture/netmon_reader.h"
#include "engine/capture/pcap_writer.h"
#include "engine/common/error.h"
#include "engine/packet/packet.h"
#include "packet_builders.h"

using namespace flowcnn;
using namespace flowcnn::testutil;
using capture::CaptureFormat;
using capture::RawPacket;

namespace {

Bytes frame(int i) {
    return eth(0x0800, ipv4(kA4, kB4, 6, tcp(1000, 80, static_cast<std::uint32_t>(i), 0x18,
                                          text("frame" + std::to_string(i)))));
}

std::vector<RawPacket> read_all(capture::CaptureReader& r, std::vector<Bytes>* data = nullptr) {
    std::vector<RawPacket> out;
    RawPacket p;
    while (r.next(p)) {
        out.push_back(p);
        if (data) data->emplace_back(p.data.begin(), p.data.end());
    }
    return out;
}

}  // namespace

TEST(Capture, FormatNames) {
    EXPECT_EQ(capture::format_name(CaptureFormat::Pcap), "pcap");
    EXPECT_EQ(capture::format_name(CaptureFormat::PcapNg), "pcapng");
    EXPECT_EQ(capture::format_name(CaptureFormat::NetMon), "netmon");
    EXPECT_EQ(capture::format_name(CaptureFormat::Live), "live");
}

TEST(Capture, PcapWriterRoundTripMicroAndNano) {
    TempDir dir;
    for (bool nano : {false, true}) {
        auto path = dir.file(nano ? "n.pcap" : "u.pcap");
        const std::int64_t t0 = 1'700'000'000'123'456'789;
        {
            capture::PcapWriter w(path, 1, nano);
            for (int i = 0; i < 3; ++i) w.write(t0 + i * 1'000'001, frame(i));
            w.write(t0 + 5, frame(9), 1500);  // wire length larger than captured
            w.close();
            EXPECT_EQ(w.frames(), 4u);
        }
        auto r = capture::open_capture(path);
        EXPECT_EQ(r->format(), CaptureFormat::Pcap);
        EXPECT_EQ(r->linktype(), 1);
        EXPECT_EQ(r->position(), 24u);
        std::vector<Bytes> data;
        auto pk = read_all(*r, &data);
        EXPECT_TRUE(r->error().empty()) << r->error();
        ASSERT_EQ(pk.size(), 4u);
        for (int i = 0; i < 3; ++i) {
            std::int64_t want = t0 + i * 1'000'001;
            if (!nano) want = want / 1000 * 1000;  // microsecond files keep microseconds
            EXPECT_EQ(pk[i].ts_ns, want) << nano << " " << i;
            EXPECT_EQ(data[i], frame(i));
            EXPECT_EQ(pk[i].caplen, frame(i).size());
            EXPECT_EQ(pk[i].wire_len, frame(i).size());
            EXPECT_EQ(pk[i].linktype, 1);
        }
        EXPECT_EQ(pk[3].wire_len, 1500u);
        EXPECT_EQ(r->position(), r->size());
        EXPECT_EQ(r->non_packet_frames(), 0u);
        RawPacket p;
        EXPECT_FALSE(r->next(p));  // stays at the end
    }
}

TEST(Capture, PcapBothByteOrders) {
    TempDir dir;
    for (bool big : {false, true}) {
        for (bool nano : {false, true}) {
            std::vector<PcapRecord> recs;
            for (int i = 0; i < 5; ++i)
                recs.push_back({static_cast<std::uint32_t>(1600000000 + i),
                                static_cast<std::uint32_t>(nano ? 999'999'999 - i : 999'999 - i), frame(i)});
            auto path = dir.file(std::string(big ? "be" : "le") + (nano ? "n" : "u") + ".pcap");
            write_file(path, pcap_file(big, nano, 1, recs));
            auto r = capture::open_capture(path);
            std::vector<Bytes> data;
            auto pk = read_all(*r, &data);
            EXPECT_TRUE(r->error().empty()) << r->error();
            ASSERT_EQ(pk.size(), 5u) << big << nano;
            for (int i = 0; i < 5; ++i) {
                std::int64_t frac = nano ? 999'999'999 - i : (999'999 - i) * 1000LL;
                EXPECT_EQ(pk[i].ts_ns, (1600000000LL + i) * 1'000'000'000 + frac);
                EXPECT_EQ(data[i], frame(i));
            }
            // The packets parse: the bytes are the frame's, in order.
            packet::ParsedPacket pp;
            packet::SkipReason why;
            EXPECT_TRUE(packet::parse_packet(r->linktype(), data[2], pp, why));
            EXPECT_EQ(pp.tcp_seq, 2u);
        }
    }
}

TEST(Capture, PcapOtherLinkTypes) {
    TempDir dir;
    auto path = dir.file("raw.pcap");
    write_file(path, pcap_file(false, false, 101, {{1, 0, ipv4(kA4, kB4, 17, udp(1, 2, text("raw")))}}));
    auto r = capture::open_capture(path);
    // libpcap hands LINKTYPE_RAW (101) back as the platform's DLT_RAW (12 on Linux).
    EXPECT_TRUE(r->linktype() == packet::dlt::kRaw || r->linktype() == packet::dlt::kRawAlt);
    RawPacket p;
    ASSERT_TRUE(r->next(p));
    EXPECT_EQ(p.linktype, r->linktype());
    packet::ParsedPacket pp;
    packet::SkipReason why;
    ASSERT_TRUE(packet::parse_packet(p.linktype, p.data, pp, why));
    EXPECT_EQ(pp.payload.size(), 3u);
}

TEST(Capture, PcapNgWithUnknownBlocks) {
    TempDir dir;
    auto path = dir.file("x.pcapng");
    Bytes unknown = pcapng_block(0x0BAD0001, text("custom block the reader must skip"));
    Bytes nrb = pcapng_block(4, Bytes{0, 0, 0, 0});  // name resolution block, end of records
    Bytes isb;  // interface statistics block
    le32(isb, 0);
    le64(isb, 0);
    write_file(path, cat({pcapng_shb(), pcapng_idb(1), unknown, pcapng_epb(0, 1'600'000'000'000'001ull, frame(0)),
                          nrb, pcapng_block(5, isb), unknown, pcapng_epb(0, 1'600'000'000'500'000ull, frame(1))}));
    auto r = capture::open_capture(path);
    EXPECT_EQ(r->format(), CaptureFormat::PcapNg);
    EXPECT_EQ(r->linktype(), 1);
    std::vector<Bytes> data;
    auto pk = read_all(*r, &data);
    EXPECT_TRUE(r->error().empty()) << r->error();
    ASSERT_EQ(pk.size(), 2u);
    EXPECT_EQ(pk[0].ts_ns, 1'600'000'000'000'001'000LL);  // default resolution: microseconds
    EXPECT_EQ(pk[1].ts_ns, 1'600'000'000'500'000'000LL);
    EXPECT_EQ(data[0], frame(0));
    EXPECT_EQ(data[1], frame(1));
    EXPECT_EQ(r->position(), r->size());
}

TEST(Capture, PcapNgNanosecondResolutionAndTwoInterfaces) {
    TempDir dir;
    auto path = dir.file("ns.pcapng");
    write_file(path, cat({pcapng_shb(), pcapng_idb(1, 65535, 9), pcapng_idb(1, 65535, 6),
                          pcapng_epb(0, 1'600'000'000'123'456'789ull, frame(0)),
                          pcapng_epb(1, 1'600'000'000'123'456ull, frame(1))}));
    auto r = capture::open_capture(path);
    auto pk = read_all(*r);
    EXPECT_TRUE(r->error().empty()) << r->error();
    ASSERT_EQ(pk.size(), 2u);
    EXPECT_EQ(pk[0].ts_ns, 1'600'000'000'123'456'789LL);
    EXPECT_EQ(pk[1].ts_ns, 1'600'000'000'123'456'000LL);
}

TEST(Capture, OpenErrors) {
    TempDir dir;
    EXPECT_THROW(capture::open_capture(dir.file("missing.pcap")), IoError);
    EXPECT_THROW(capture::open_capture(dir.file("")), IoError);  // a directory
    write_file(dir.file("empty.pcap"), {});
    EXPECT_THROW(capture::open_capture(dir.file("empty.pcap")), FormatError);
    write_file(dir.file("text.pcap"), text("this is not a capture file at all"));
    try {
        capture::open_capture(dir.file("text.pcap"));
        FAIL() << "expected FormatError";
    } catch (const FormatError& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("text.pcap"), std::string::npos) << m;
        EXPECT_NE(m.find("not a pcap"), std::string::npos) << m;
    }
    Bytes rtss = text("RTSS");
    rtss.resize(200, 0);
    write_file(dir.file("old.cap"), rtss);
    EXPECT_THROW(capture::open_capture(dir.file("old.cap")), FormatError);
    write_file(dir.file("gz.pcap"), Bytes{0x1f, 0x8b, 8, 0, 0, 0});
    EXPECT_THROW(capture::open_capture(dir.file("gz.pcap")), FormatError);
}

// --- Network Monitor 2.x ---------------------------------------------------------------------

namespace {
constexpr std::uint64_t kFiletime2020 = 132275808000000000ull;  // 2020-03-02 00:00:00 UTC
}

// The in-memory path (used by the fuzz targets) reads exactly what the file path reads, and the
// same truncation is reported the same way.
TEST(Capture, FromMemoryMatchesFile) {
    TempDir dir;
    std::vector<Bytes> files = {
        pcap_file(false, true, 1, {{1, 2, frame(0)}, {3, 4, frame(1)}}),
        cat({pcapng_shb(), pcapng_idb(1), pcapng_epb(0, 1'600'000'000'000'001ull, frame(0)),
             pcapng_epb(0, 1'600'000'000'000'002ull, frame(1))}),
        netmon_file(3, 1, {{10, 1, frame(0), kFiletime2020}, {20, 0xFFFD, text("record"), kFiletime2020},
                           {30, 1, frame(1), kFiletime2020 + 30}}).bytes,
    };
    for (const Bytes& whole : files) {
        for (std::size_t cut : {whole.size(), whole.size() - 7}) {
            Bytes b(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(cut));
            auto path = dir.file("m.cap");
            write_file(path, b);
            auto from_file = capture::open_capture(path);
            auto from_mem = capture::open_capture_memory(b, path);
            EXPECT_EQ(from_mem->format(), from_file->format());
            EXPECT_EQ(from_mem->linktype(), from_file->linktype());
            EXPECT_EQ(from_mem->size(), b.size());
            std::vector<Bytes> df, dm;
            auto pf = read_all(*from_file, &df);
            auto pm = read_all(*from_mem, &dm);
            EXPECT_EQ(dm, df);
            ASSERT_EQ(pm.size(), pf.size());
            for (std::size_t i = 0; i < pm.size(); ++i) EXPECT_EQ(pm[i].ts_ns, pf[i].ts_ns);
            EXPECT_EQ(from_mem->error(), from_file->error());
            EXPECT_EQ(from_mem->non_packet_frames(), from_file->non_packet_frames());
            EXPECT_EQ(cut == whole.size(), from_mem->error().empty()) << from_mem->error();
        }
    }
    EXPECT_THROW(capture::open_capture_memory(Bytes{0xd4, 0xc3}, "short"), FormatError);
    EXPECT_THROW(capture::open_capture_memory(text("not a capture"), "text"), FormatError);
    EXPECT_THROW(capture::open_capture_memory(Bytes{0xd4, 0xc3, 0xb2, 0xa1, 2, 0}, "header"), FormatError);
}

TEST(NetMon, Version23PacketsWrappedFramesAndRecords) {
    TempDir dir;
    auto raw = ipv4(kA4, kB4, 17, udp(53, 1053, text("raw ip")));
    std::vector<NetmonFrame> frames = {
        {0, 0xFFFD, text("network info record"), kFiletime2020},          // record: skipped
        {10, 1, frame(0), kFiletime2020 + 10},                            // Ethernet
        {20, 0xFFE0, text("ETW event record"), kFiletime2020 + 20},       // NetEvent: skipped
        {30, 0xE001, frame(1), kFiletime2020 + 30},                       // pcap-wrapped Ethernet
        {40, 0xE000 | 101, raw, kFiletime2020 + 40},                      // pcap-wrapped raw IP
        {50, 0xFFFC, cat({text("payload header"), frame(2)}), kFiletime2020 + 50},  // skipped
        {60, 9, raw, kFiletime2020 + 60},                                 // NetMon "raw IP frames"
        {70, 6, text("802.11 with NetMon metadata"), kFiletime2020 + 70}, // not decoded
    };
    auto nf = netmon_file(3, 1, frames);
    auto path = dir.file("a.cap");
    write_file(path, nf.bytes);
    auto r = capture::open_capture(path);
    EXPECT_EQ(r->format(), CaptureFormat::NetMon);
    EXPECT_EQ(r->linktype(), 1);
    std::vector<Bytes> data;
    auto pk = read_all(*r, &data);
    EXPECT_TRUE(r->error().empty()) << r->error();
    ASSERT_EQ(pk.size(), 5u);
    EXPECT_EQ(r->non_packet_frames(), 3u);
    EXPECT_EQ(pk[0].linktype, 1);
    EXPECT_EQ(data[0], frame(0));
    EXPECT_EQ(pk[1].linktype, 1);
    EXPECT_EQ(data[1], frame(1));
    EXPECT_EQ(pk[2].linktype, packet::dlt::kRaw);
    EXPECT_EQ(data[2], raw);
    EXPECT_EQ(pk[3].linktype, packet::dlt::kRaw);
    EXPECT_EQ(pk[4].linktype, capture::netmon::kUnknownDlt);
    // 2.3 frames carry a UTC FILETIME: 100 ns units since 1601.
    const std::int64_t base = 1583107200LL * 1'000'000'000;  // 2020-03-02 00:00:00 UTC
    EXPECT_EQ(pk[0].ts_ns, base + 10 * 100);
    EXPECT_EQ(pk[3].ts_ns, base + 60 * 100);
    for (std::size_t i = 0; i < 4; ++i) {
        packet::ParsedPacket pp;
        packet::SkipReason why;
        EXPECT_TRUE(packet::parse_packet(pk[i].linktype, data[i], pp, why)) << i;
    }
    packet::ParsedPacket pp;
    packet::SkipReason why;
    EXPECT_FALSE(packet::parse_packet(pk[4].linktype, data[4], pp, why));
    EXPECT_EQ(why, packet::SkipReason::UnknownLinkType);
    EXPECT_GT(r->position(), 128u);
    EXPECT_LE(r->position(), r->size());
}

TEST(NetMon, Version20UsesStartTimePlusOffset) {
    TempDir dir;
    auto nf = netmon_file(0, 1, {{0, 0, frame(0), 0}, {1'500'000, 0, frame(1), 0}});
    auto path = dir.file("v20.cap");
    write_file(path, nf.bytes);
    capture::NetmonReader r(path);
    EXPECT_EQ(r.version_major(), 2);
    EXPECT_EQ(r.version_minor(), 0);
    EXPECT_EQ(r.frame_count(), 2u);
    // Header start: 2020-03-04 05:06:07.089, taken as UTC.
    const std::int64_t start = (1583298367LL) * 1'000'000'000 + 89'000'000;
    EXPECT_EQ(r.start_ns(), start);
    std::vector<Bytes> data;
    auto pk = read_all(r, &data);
    ASSERT_EQ(pk.size(), 2u);
    EXPECT_EQ(pk[0].ts_ns, start);
    EXPECT_EQ(pk[1].ts_ns, start + 1'500'000'000);
    EXPECT_EQ(data[1], frame(1));
    EXPECT_EQ(pk[1].linktype, 1);
}

TEST(NetMon, Version21And22Trailers) {
    TempDir dir;
    for (int minor : {1, 2}) {
        auto nf = netmon_file(minor, 1, {{5, 1, frame(0), 0}, {6, 0xFFFF, text("filter"), 0}, {7, 1, frame(1), 0}});
        auto path = dir.file("v2" + std::to_string(minor) + ".cap");
        write_file(path, nf.bytes);
        auto r = capture::open_capture(path);
        std::vector<Bytes> data;
        auto pk = read_all(*r, &data);
        EXPECT_TRUE(r->error().empty()) << r->error();
        ASSERT_EQ(pk.size(), 2u);
        EXPECT_EQ(r->non_packet_frames(), 1u);
        EXPECT_EQ(data[1], frame(1));
    }
}

TEST(NetMon, FramesInTableOrderNotFileOrder) {
    TempDir dir;
    auto nf = netmon_file(3, 1, {{1, 1, frame(0), kFiletime2020}, {2, 1, frame(1), kFiletime2020}});
    // Swap the two table entries: frames must come back in table order.
    auto& b = nf.bytes;
    std::swap_ranges(b.begin() + nf.table_offset, b.begin() + nf.table_offset + 4,
                     b.begin() + nf.table_offset + 4);
    auto path = dir.file("order.cap");
    write_file(path, b);
    auto r = capture::open_capture(path);
    std::vector<Bytes> data;
    read_all(*r, &data);
    ASSERT_EQ(data.size(), 2u);
    EXPECT_EQ(data[0], frame(1));
    EXPECT_EQ(data[1], frame(0));
}

TEST(NetMon, MediaTypeMapping) {
    using namespace capture::netmon;
    EXPECT_EQ(media_type_to_dlt(0), 1);
    EXPECT_EQ(media_type_to_dlt(1), 1);
    EXPECT_EQ(media_type_to_dlt(7), packet::dlt::kRaw);
    EXPECT_EQ(media_type_to_dlt(0xE000 | 113), packet::dlt::kLinuxSll);
    EXPECT_EQ(media_type_to_dlt(0xE080), kUnknownDlt);
    EXPECT_EQ(media_type_to_dlt(4), kUnknownDlt);
    for (std::uint16_t m : {kNetEvent, kNetworkInfoEx, kPayloadHeader, kNetworkInfo, kDnsCache, kFilter})
        EXPECT_TRUE(is_record_media_type(m)) << m;
    EXPECT_FALSE(is_record_media_type(1));
    EXPECT_FALSE(is_record_media_type(0xE001));
}

// Optional check against the real NetMon captures, when the shared datasets are present.
TEST(NetMon, SharedCapturesReadCompletely) {
    std::string dir = std::string(FLOWCNN_SHARED_DIR) + "/datasets/netmon/cap";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) GTEST_SKIP() << "no shared datasets";
    int files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.path().extension() != ".cap") continue;
        ++files;
        auto r = capture::open_capture(e.path().string());
        capture::NetmonReader* nm = dynamic_cast<capture::NetmonReader*>(r.get());
        ASSERT_NE(nm, nullptr);
        std::size_t n = 0, parsed = 0;
        RawPacket p;
        packet::ParsedPacket pp;
        packet::SkipReason why;
        while (r->next(p)) {
            ++n;
            parsed += packet::parse_packet(p.linktype, p.data, pp, why);
        }
        EXPECT_TRUE(r->error().empty()) << r->error();
        EXPECT_EQ(n + r->non_packet_frames(), nm->frame_count()) << e.path();
        EXPECT_GT(parsed, n * 9 / 10) << e.path();
    }
    EXPECT_EQ(files, 12);
}

// --- Live capture ----------------------------------------------------------------------------

TEST(Live, ListInterfaces) {
    std::vector<capture::InterfaceInfo> ifs;
    try {
        ifs = capture::list_interfaces();
    } catch (const IoError& e) {
        GTEST_SKIP() << e.what();
    }
    for (const auto& i : ifs) EXPECT_FALSE(i.name.empty());
}

TEST(Live, LoopbackStopsFromAnotherThreadWithinASecond) {
    std::unique_ptr<capture::LiveCapture> cap;
    try {
        cap = std::make_unique<capture::LiveCapture>("lo", "udp port 9");
    } catch (const Error& e) {
        GTEST_SKIP() << "cannot capture on lo here: " << e.what();
    }
    EXPECT_EQ(cap->format(), CaptureFormat::Live);
    EXPECT_EQ(cap->size(), 0u);
    std::atomic<bool> returned{false};
    auto t0 = std::chrono::steady_clock::now();
    std::thread reader([&] {
        RawPacket p;
        while (cap->next(p)) {
        }
        returned = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    auto stop_at = std::chrono::steady_clock::now();
    cap->stop();
    reader.join();
    auto waited = std::chrono::steady_clock::now() - stop_at;
    EXPECT_TRUE(returned.load());
    EXPECT_TRUE(cap->stopped());
    EXPECT_LT(waited, std::chrono::seconds(1));
    EXPECT_TRUE(cap->error().empty()) << cap->error();
    RawPacket p;
    EXPECT_FALSE(cap->next(p));  // stays stopped
    (void)t0;
}

TEST(Live, LoopbackSeesUdpDatagramsThroughTheFilter) {
    const std::uint16_t port = 47000 + static_cast<std::uint16_t>(::getpid() % 1000);
    std::unique_ptr<capture::LiveCapture> cap;
    try {
        cap = std::make_unique<capture::LiveCapture>("lo", "udp dst port " + std::to_string(port));
    } catch (const Error& e) {
        GTEST_SKIP() << "cannot capture on lo here: " << e.what();
    }
    std::atomic<bool> done{false};
    std::thread sender([&] {
        int s = ::socket(AF_INET, SOCK_DGRAM, 0);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(port);
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        const char msg[] = "flowcnn live test";
        for (int i = 0; i < 40 && !done; ++i) {  // until seen, at most ~2 s
            ::sendto(s, msg, sizeof msg - 1, 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ::close(s);
        cap->stop();  // ends the wait below if nothing arrived
    });
    RawPacket p;
    bool got = cap->next(p);
    done = true;
    sender.join();
    ASSERT_TRUE(got) << cap->error();
    packet::ParsedPacket pp;
    packet::SkipReason why;
    ASSERT_TRUE(packet::parse_packet(p.linktype, p.data, pp, why)) << packet::skip_reason_name(why);
    EXPECT_EQ(pp.dst_port, port);
    EXPECT_EQ(pp.l4proto, packet::kProtoUdp);
    EXPECT_EQ(std::string(pp.payload.begin(), pp.payload.end()), "flowcnn live test");
    EXPECT_GT(p.ts_ns, 1'500'000'000LL * 1'000'000'000);
    EXPECT_GE(cap->frames(), 1u);
}

TEST(Live, BadFilterIsConfigError) {
    try {
        capture::LiveCapture probe("lo", "");
    } catch (const Error& e) {
        GTEST_SKIP() << "cannot capture on lo here: " << e.what();
    }
    try {
        capture::LiveCapture cap("lo", "this is not ( a filter");
        FAIL() << "expected ConfigError";
    } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("filter"), std::string::npos) << e.what();
    }
}

TEST(Live, UnknownInterfaceThrows) {
    EXPECT_THROW(capture::LiveCapture("no-such-interface-xyz", ""), Error);
}
