// Malformed input, generated here: every fault gives a clear message or skip reason, keeps the
// frames read before it, and never crashes, hangs or allocates without bound.
#include <gtest/gtest.h>

#include <random>

#include "engine/capture/capture_reader.h"
#include "engine/capture/netmon_reader.h"
#include "engine/common/error.h"
#include "engine/packet/packet.h"
#include "packet_builders.h"

using namespace flowcnn;
using namespace flowcnn::testutil;
using capture::RawPacket;
using packet::ParsedPacket;
using packet::SkipReason;

namespace {

bool parse(int lt, const Bytes& f, SkipReason& why, ParsedPacket* out = nullptr) {
    ParsedPacket p;
    bool ok = packet::parse_packet(lt, f, p, why);
    if (ok) {
        EXPECT_GE(p.payload.data(), f.data());
        EXPECT_LE(p.payload.data() + p.payload.size(), f.data() + f.size());
    }
    if (out) *out = p;
    return ok;
}
SkipReason why_of(int lt, const Bytes& f) {
    SkipReason why = SkipReason::Count;
    EXPECT_FALSE(parse(lt, f, why));
    return why;
}

Bytes good_frame(int i) {
    return eth(0x0800, ipv4(kA4, kB4, 6, tcp(1000, 80, static_cast<std::uint32_t>(i), 0x18,
                                          text("payload " + std::to_string(i)))));
}

struct ReadResult {
    std::vector<Bytes> frames;
    std::string error;
};
ReadResult read_all(const std::string& path) {
    ReadResult r;
    auto reader = capture::open_capture(path);
    RawPacket p;
    std::size_t guard = 0;
    while (reader->next(p) && ++guard < 100000) {
        EXPECT_EQ(p.caplen, p.data.size());
        EXPECT_GE(p.wire_len, p.caplen);
        r.frames.emplace_back(p.data.begin(), p.data.end());
    }
    r.error = reader->error();
    EXPECT_FALSE(reader->next(p));  // the end is sticky
    return r;
}

std::vector<PcapRecord> good_records(int n) {
    std::vector<PcapRecord> recs;
    for (int i = 0; i < n; ++i) recs.push_back({static_cast<std::uint32_t>(1000 + i), 0, good_frame(i)});
    return recs;
}

}  // namespace

// --- Packets ---------------------------------------------------------------------------------

TEST(MalformedPacket, Ipv4HeaderLengthBelowFive) {
    for (int ihl = 0; ihl < 5; ++ihl) {
        auto f = eth(0x0800, ipv4(kA4, kB4, 6, tcp(1, 2, 3, 0, text("x"))));
        f[14] = static_cast<std::uint8_t>(0x40 | ihl);
        EXPECT_EQ(why_of(1, f), SkipReason::MalformedIp) << ihl;
    }
}

TEST(MalformedPacket, Ipv4HeaderPastCapturedBytesOrLength) {
    Ip4Opts o;
    o.ihl = 15;  // 60 bytes of header, but only 24 captured
    auto f = eth(0x0800, ipv4(kA4, kB4, 6, {}, o));
    f.resize(14 + 24);
    EXPECT_EQ(why_of(1, f), SkipReason::TruncatedIp);
    Ip4Opts small;
    small.total_length = 12;  // shorter than its own header
    EXPECT_EQ(why_of(1, eth(0x0800, ipv4(kA4, kB4, 6, tcp(1, 2, 3, 0, {}), small))), SkipReason::TruncatedIp);
    EXPECT_EQ(why_of(1, eth(0x0800, Bytes{0x45, 0, 0})), SkipReason::TruncatedIp);
    auto v = eth(0x0800, ipv4(kA4, kB4, 6, tcp(1, 2, 3, 0, {})));
    v[14] = 0x65;  // version 6 in an IPv4 ethertype
    EXPECT_EQ(why_of(1, v), SkipReason::MalformedIp);
}

TEST(MalformedPacket, TcpDataOffsetOutOfRange) {
    for (int doff : {0, 1, 4}) {
        auto seg = tcp(1, 2, 3, 0x18, text("data"));
        seg[12] = static_cast<std::uint8_t>(doff << 4);
        EXPECT_EQ(why_of(1, eth(0x0800, ipv4(kA4, kB4, 6, seg))), SkipReason::MalformedTransport) << doff;
    }
    // Data offset past the segment the IP header declares.
    auto seg = tcp(1, 2, 3, 0x18, text("data"));
    seg[12] = 0xf0;  // 60 bytes, the segment has 24
    EXPECT_EQ(why_of(1, eth(0x0800, ipv4(kA4, kB4, 6, seg))), SkipReason::MalformedTransport);
    // Data offset within the declared segment but past what was captured (snaplen): truncated.
    auto big = eth(0x0800, ipv4(kA4, kB4, 6, tcp(1, 2, 3, 0x18, Bytes(100, 'z'), 15)));
    big.resize(14 + 20 + 40);
    EXPECT_EQ(why_of(1, big), SkipReason::TruncatedTransport);
}

TEST(MalformedPacket, TransportHeaderCut) {
    auto t = eth(0x0800, ipv4(kA4, kB4, 6, tcp(1, 2, 3, 0x18, text("abc"))));
    t.resize(14 + 20 + 10);
    EXPECT_EQ(why_of(1, t), SkipReason::TruncatedTransport);
    auto u = eth(0x0800, ipv4(kA4, kB4, 17, udp(1, 2, text("abc"))));
    u.resize(14 + 20 + 5);
    EXPECT_EQ(why_of(1, u), SkipReason::TruncatedTransport);
    // The IP header itself says the segment is shorter than a TCP/UDP header.
    Ip4Opts o;
    o.total_length = 20 + 6;
    EXPECT_EQ(why_of(1, eth(0x0800, ipv4(kA4, kB4, 6, tcp(1, 2, 3, 0, {}), o))), SkipReason::MalformedTransport);
    EXPECT_EQ(why_of(1, eth(0x0800, ipv4(kA4, kB4, 17, udp(1, 2, {}), o))), SkipReason::MalformedTransport);
}

TEST(MalformedPacket, Ipv6ExtensionHeaderLoopIsBounded) {
    // 40 hop-by-hop headers, each naming another: a "loop" that must stop.
    Bytes chain;
    for (int i = 0; i < 40; ++i) append(chain, ext6(0, 0));
    EXPECT_EQ(why_of(1, eth(0x86dd, ipv6(kA6, kB6, 0, chain))), SkipReason::MalformedIp);
    // 16 headers are allowed, then TCP.
    Bytes ok;
    for (int i = 0; i < 15; ++i) append(ok, ext6(60, 0));
    append(ok, ext6(6, 0));
    append(ok, tcp(1, 2, 3, 0x10, text("deep")));
    SkipReason why;
    ParsedPacket p;
    ASSERT_TRUE(parse(1, eth(0x86dd, ipv6(kA6, kB6, 60, ok)), why, &p));
    EXPECT_EQ(p.payload.size(), 4u);
}

TEST(MalformedPacket, Ipv6ExtensionHeaderPastPayload) {
    // Header length past the declared payload length: malformed.
    auto f = eth(0x86dd, ipv6(kA6, kB6, 0, cat({ext6(6, 200), tcp(1, 2, 3, 0, {})}), 24));
    EXPECT_EQ(why_of(1, f), SkipReason::MalformedIp);
    // Declared payload is fine but the capture was cut inside the extension header: truncated.
    auto g = eth(0x86dd, ipv6(kA6, kB6, 0, cat({ext6(6, 3), tcp(1, 2, 3, 0, {})})));
    g.resize(14 + 40 + 12);
    EXPECT_EQ(why_of(1, g), SkipReason::TruncatedIp);
    auto h = eth(0x86dd, ipv6(kA6, kB6, 6, tcp(1, 2, 3, 0, {})));
    h.resize(14 + 30);
    EXPECT_EQ(why_of(1, h), SkipReason::TruncatedIp);
}

TEST(MalformedPacket, EveryPrefixOfValidFramesIsSafe) {
    std::vector<std::pair<int, Bytes>> frames = {
        {1, eth(0x0800, ipv4(kA4, kB4, 6, tcp(1, 2, 3, 0x18, text("abcdef"), 7)), {{0x88a8, 1}, {0x8100, 2}})},
        {1, eth(0x86dd, ipv6(kA6, kB6, 0, cat({ext6(44, 1), frag6(51, 0, true), ah6(17, 2), udp(1, 2, text("v6"))})))},
        {113, cat({Bytes(14, 0), Bytes{0x08, 0x00}, ipv4(kA4, kB4, 17, udp(5, 6, text("sll")))})},
        {276, cat({Bytes{0x86, 0xdd}, Bytes(18, 0), ipv6(kA6, kB6, 6, tcp(1, 2, 3, 0, text("sll2")))})},
        {0, cat({Bytes{2, 0, 0, 0}, ipv4(kA4, kB4, 41, ipv6(kA6, kB6, 17, udp(1, 2, text("6in4"))))})},
        {108, cat({Bytes{0, 0, 0, 30}, ipv6(kA6, kB6, 17, udp(1, 2, text("loop")))})},
    };
    for (const auto& [lt, full] : frames) {
        SkipReason why;
        ASSERT_TRUE(parse(lt, full, why)) << lt;
        for (std::size_t n = 0; n < full.size(); ++n) {
            Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
            bool ok = parse(lt, cut, why);
            if (!ok) {
                EXPECT_TRUE(why == SkipReason::TruncatedLink || why == SkipReason::TruncatedIp ||
                            why == SkipReason::TruncatedTransport)
                    << "link " << lt << " cut at " << n << ": " << packet::skip_reason_name(why);
            }
        }
    }
}

TEST(MalformedPacket, RandomMutationsNeverReadOutOfBounds) {
    std::mt19937 rng(12345);
    std::vector<std::pair<int, Bytes>> seeds = {
        {1, good_frame(1)},
        {1, eth(0x86dd, ipv6(kA6, kB6, 0, cat({ext6(43, 0), ext6(60, 0), udp(1, 2, text("x"))})), {{0x8100, 3}})},
        {101, ipv4(kA4, kB4, 4, ipv4(kA4, kB4, 17, udp(1, 2, text("inner"))))},
        {0, cat({Bytes{0, 0, 0, 24}, ipv6(kA6, kB6, 44, cat({frag6(6, 0, true), tcp(1, 2, 3, 0, text("f"))}))})},
    };
    std::size_t ok = 0, total = 0;
    for (int round = 0; round < 20000; ++round) {
        auto [lt, f] = seeds[static_cast<std::size_t>(round) % seeds.size()];
        int flips = 1 + static_cast<int>(rng() % 4);
        for (int k = 0; k < flips; ++k) f[rng() % f.size()] = static_cast<std::uint8_t>(rng());
        if (rng() % 3 == 0) f.resize(rng() % (f.size() + 1));
        SkipReason why = SkipReason::Count;
        bool parsed = parse(lt, f, why);
        ok += parsed;
        ++total;
        if (!parsed) {
            EXPECT_LT(static_cast<std::size_t>(why), packet::kSkipReasonCount);
        }
    }
    EXPECT_GT(ok, 0u);
    EXPECT_LT(ok, total);
}

// --- pcap files ------------------------------------------------------------------------------

TEST(MalformedPcap, TruncatedInsideFileHeader) {
    TempDir dir;
    auto b = pcap_file(false, false, 1, {});
    b.resize(10);
    write_file(dir.file("h.pcap"), b);
    EXPECT_THROW(capture::open_capture(dir.file("h.pcap")), FormatError);
}

TEST(MalformedPcap, UnsupportedVersion) {
    TempDir dir;
    auto b = pcap_file(false, false, 1, good_records(1));
    b[4] = 9;
    write_file(dir.file("v.pcap"), b);
    try {
        capture::open_capture(dir.file("v.pcap"));
        FAIL() << "expected FormatError";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("v.pcap"), std::string::npos) << e.what();
    }
}

TEST(MalformedPcap, TruncatedInsideRecordHeaderAndInsideData) {
    TempDir dir;
    auto full = pcap_file(false, false, 1, good_records(4));
    std::size_t rec = 16 + good_frame(0).size();
    // Cut 7 bytes into the 4th record's header, then 20 bytes into its data.
    for (std::size_t extra : {std::size_t{7}, std::size_t{16 + 20}}) {
        Bytes b(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(24 + 3 * rec + extra));
        auto path = dir.file("t" + std::to_string(extra) + ".pcap");
        write_file(path, b);
        auto r = read_all(path);
        ASSERT_EQ(r.frames.size(), 3u) << extra;
        EXPECT_EQ(r.frames[2], good_frame(2));
        EXPECT_FALSE(r.error.empty());
        EXPECT_NE(r.error.find("frame 4"), std::string::npos) << r.error;
        EXPECT_NE(r.error.find(path), std::string::npos) << r.error;
    }
}

TEST(MalformedPcap, AbsurdCaptureLength) {
    TempDir dir;
    auto recs = good_records(3);
    recs.push_back({5, 0, good_frame(3), 0x7ffffff0, 0x7ffffff0});
    recs.push_back({6, 0, good_frame(4)});
    auto path = dir.file("absurd.pcap");
    write_file(path, pcap_file(true, false, 1, recs));
    auto r = read_all(path);
    EXPECT_EQ(r.frames.size(), 3u);
    EXPECT_FALSE(r.error.empty());
    EXPECT_NE(r.error.find("frame 4"), std::string::npos) << r.error;
}

TEST(MalformedPcap, CaplenAboveSnaplenAndAboveWireLength) {
    TempDir dir;
    auto recs = good_records(2);
    PcapRecord over;
    over.data = Bytes(300, 0x55);  // snaplen below is 100
    recs.push_back(over);
    PcapRecord longer = {7, 0, good_frame(7)};
    longer.len = 20;  // wire length below the captured length
    recs.push_back(longer);
    recs.push_back({8, 0, good_frame(8)});
    auto path = dir.file("snap.pcap");
    write_file(path, pcap_file(false, false, 1, recs, 100));
    auto r = read_all(path);  // read_all checks wire_len >= caplen on every frame
    // libpcap accepts frames above the snaplen (1.10 cuts them to it); all frames are kept and
    // the ones after stay in step.
    ASSERT_EQ(r.frames.size(), 5u) << r.error;
    EXPECT_GE(r.frames[2].size(), 100u);
    EXPECT_LE(r.frames[2].size(), 300u);
    EXPECT_EQ(r.frames[4], good_frame(8));
    EXPECT_EQ(r.frames[3], good_frame(7));
    EXPECT_TRUE(r.error.empty()) << r.error;
}

TEST(MalformedPcap, ZeroLengthPackets) {
    TempDir dir;
    auto recs = good_records(1);
    recs.push_back({2, 0, {}});
    recs.push_back({3, 0, {}});
    recs.push_back({4, 0, good_frame(4)});
    auto path = dir.file("zero.pcap");
    write_file(path, pcap_file(false, true, 1, recs));
    auto r = read_all(path);
    ASSERT_EQ(r.frames.size(), 4u);
    EXPECT_TRUE(r.frames[1].empty());
    EXPECT_EQ(r.frames[3], good_frame(4));
    EXPECT_EQ(why_of(1, r.frames[1]), SkipReason::TruncatedLink);
    EXPECT_EQ(why_of(0, {}), SkipReason::TruncatedLink);
    EXPECT_EQ(why_of(101, {}), SkipReason::TruncatedIp);
}

TEST(MalformedPcap, RandomCorruptionIsSafe) {
    TempDir dir;
    std::mt19937 rng(777);
    auto full = pcap_file(false, false, 1, good_records(20));
    for (int round = 0; round < 200; ++round) {
        Bytes b = full;
        for (int k = 0; k < 6; ++k) b[24 + rng() % (b.size() - 24)] = static_cast<std::uint8_t>(rng());
        if (round % 2) b.resize(24 + rng() % (b.size() - 24));
        auto path = dir.file("r" + std::to_string(round) + ".pcap");
        write_file(path, b);
        auto r = read_all(path);
        EXPECT_LE(r.frames.size(), 20u + 40u);
    }
}

// --- pcapng files ----------------------------------------------------------------------------

TEST(MalformedPcapNg, BadBlockLengths) {
    TempDir dir;
    auto head = cat({pcapng_shb(), pcapng_idb(1), pcapng_epb(0, 1, good_frame(0)), pcapng_epb(0, 2, good_frame(1))});
    struct Case {
        const char* name;
        Bytes tail;
    };
    Bytes huge = pcapng_block(6, Bytes(32, 0), 0x7ffffff0);
    Bytes tiny = pcapng_block(0x0BAD, Bytes(8, 0), 8);
    Bytes odd = pcapng_block(0x0BAD, Bytes(8, 0), 21);
    Bytes cut = pcapng_epb(0, 3, good_frame(2));
    cut.resize(cut.size() / 2);
    Bytes bad_iface = pcapng_epb(7, 3, good_frame(2));
    for (const auto& c : std::vector<Case>{{"huge", huge}, {"tiny", tiny}, {"odd", odd}, {"cut", cut}, {"iface", bad_iface}}) {
        auto path = dir.file(std::string(c.name) + ".pcapng");
        write_file(path, cat({head, c.tail, pcapng_epb(0, 9, good_frame(9))}));
        auto r = read_all(path);
        ASSERT_EQ(r.frames.size(), 2u) << c.name << ": " << r.error;
        EXPECT_EQ(r.frames[1], good_frame(1));
        EXPECT_FALSE(r.error.empty()) << c.name;
        EXPECT_NE(r.error.find("frame 3"), std::string::npos) << r.error;
    }
}

TEST(MalformedPcapNg, InterfacesWithDifferentLinkTypes) {
    // libpcap 1.10 gives one link type per file: a second interface of another type is an error
    // at that point; the frames before it are kept.
    TempDir dir;
    auto path = dir.file("mixed.pcapng");
    write_file(path, cat({pcapng_shb(), pcapng_idb(1), pcapng_epb(0, 1, good_frame(0)), pcapng_idb(101),
                          pcapng_epb(1, 2, ipv4(kA4, kB4, 17, udp(1, 2, text("raw"))))}));
    auto r = read_all(path);
    ASSERT_GE(r.frames.size(), 1u);
    EXPECT_EQ(r.frames[0], good_frame(0));
    if (r.frames.size() == 1) {
        EXPECT_FALSE(r.error.empty());
        EXPECT_NE(r.error.find("frame 2"), std::string::npos) << r.error;
    }
}

TEST(MalformedPcapNg, BadSectionHeader) {
    TempDir dir;
    Bytes shb = pcapng_shb();
    shb[8] = 0x12;  // byte-order magic broken
    write_file(dir.file("shb.pcapng"), cat({shb, pcapng_idb(1)}));
    EXPECT_THROW(capture::open_capture(dir.file("shb.pcapng")), FormatError);
    write_file(dir.file("short.pcapng"), Bytes{0x0a, 0x0d, 0x0d, 0x0a, 28, 0});
    EXPECT_THROW(capture::open_capture(dir.file("short.pcapng")), FormatError);
}

// --- NetMon files ----------------------------------------------------------------------------

namespace {
std::vector<NetmonFrame> netmon_frames(int n) {
    std::vector<NetmonFrame> f;
    for (int i = 0; i < n; ++i) f.push_back({static_cast<std::uint64_t>(i), 1, good_frame(i), 0});
    return f;
}
void set_le32(Bytes& b, std::size_t at, std::uint32_t v) {
    for (int k = 0; k < 4; ++k) b[at + static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(v >> (8 * k));
}
}  // namespace

TEST(MalformedNetMon, FrameTableOutsideTheFile) {
    TempDir dir;
    auto nf = netmon_file(2, 1, netmon_frames(3));
    set_le32(nf.bytes, 24, 0x7ffffff0);  // frame table offset
    auto path = dir.file("table.cap");
    write_file(path, nf.bytes);
    auto r = read_all(path);
    EXPECT_TRUE(r.frames.empty());
    EXPECT_NE(r.error.find("frame table"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("table.cap"), std::string::npos) << r.error;
}

TEST(MalformedNetMon, FrameTableRunsPastTheEnd) {
    TempDir dir;
    auto nf = netmon_file(2, 1, netmon_frames(3));
    set_le32(nf.bytes, 28, 4000000);  // frame table length: a million entries
    auto path = dir.file("long.cap");
    write_file(path, nf.bytes);
    auto r = read_all(path);
    ASSERT_EQ(r.frames.size(), 3u);  // the entries that are there
    EXPECT_EQ(r.frames[2], good_frame(2));
    EXPECT_NE(r.error.find("frame table"), std::string::npos) << r.error;
}

TEST(MalformedNetMon, FrameTableLengthNotMultipleOfFour) {
    TempDir dir;
    auto nf = netmon_file(3, 1, netmon_frames(3));
    set_le32(nf.bytes, 28, 3 * 4 - 2);
    auto path = dir.file("odd.cap");
    write_file(path, nf.bytes);
    auto r = read_all(path);
    EXPECT_EQ(r.frames.size(), 2u);
    EXPECT_NE(r.error.find("multiple of 4"), std::string::npos) << r.error;
}

TEST(MalformedNetMon, FrameOffsetOrLengthOutsideTheFile) {
    TempDir dir;
    {
        auto nf = netmon_file(3, 1, netmon_frames(4));
        set_le32(nf.bytes, nf.table_offset + 8, 0x7ffffff0);  // 3rd frame's offset
        write_file(dir.file("off.cap"), nf.bytes);
        auto r = read_all(dir.file("off.cap"));
        ASSERT_EQ(r.frames.size(), 2u);
        EXPECT_NE(r.error.find("frame 3"), std::string::npos) << r.error;
    }
    {
        auto nf = netmon_file(3, 1, netmon_frames(4));
        set_le32(nf.bytes, nf.offsets[2] + 12, 0xfffffff0);  // 3rd frame's captured length
        write_file(dir.file("len.cap"), nf.bytes);
        auto r = read_all(dir.file("len.cap"));
        ASSERT_EQ(r.frames.size(), 2u);
        EXPECT_NE(r.error.find("frame 3"), std::string::npos) << r.error;
    }
    {
        auto nf = netmon_file(3, 1, netmon_frames(4));
        set_le32(nf.bytes, nf.offsets[2] + 12, 5000);  // past the end, below the maximum
        write_file(dir.file("len2.cap"), nf.bytes);
        auto r = read_all(dir.file("len2.cap"));
        ASSERT_EQ(r.frames.size(), 2u);
        EXPECT_NE(r.error.find("past the end"), std::string::npos) << r.error;
    }
}

TEST(MalformedNetMon, BadHeaders) {
    TempDir dir;
    auto nf = netmon_file(3, 1, netmon_frames(1));
    Bytes short_header(nf.bytes.begin(), nf.bytes.begin() + 40);
    write_file(dir.file("short.cap"), short_header);
    EXPECT_THROW(capture::open_capture(dir.file("short.cap")), FormatError);
    Bytes v3 = nf.bytes;
    v3[5] = 3;
    write_file(dir.file("v3.cap"), v3);
    EXPECT_THROW(capture::open_capture(dir.file("v3.cap")), FormatError);
    Bytes empty_table = nf.bytes;
    set_le32(empty_table, 28, 0);
    write_file(dir.file("none.cap"), empty_table);
    auto r = read_all(dir.file("none.cap"));
    EXPECT_TRUE(r.frames.empty());
    EXPECT_TRUE(r.error.empty());
}

TEST(MalformedNetMon, RandomCorruptionIsSafe) {
    TempDir dir;
    std::mt19937 rng(4242);
    auto full = netmon_file(3, 1, netmon_frames(12)).bytes;
    for (int round = 0; round < 300; ++round) {
        Bytes b = full;
        for (int k = 0; k < 6; ++k) b[4 + rng() % (b.size() - 4)] = static_cast<std::uint8_t>(rng());
        if (round % 3 == 0) b.resize(4 + rng() % (b.size() - 4));
        auto path = dir.file("r" + std::to_string(round) + ".cap");
        write_file(path, b);
        try {
            auto r = read_all(path);
            EXPECT_LE(r.frames.size(), 12u + 4u);
        } catch (const FormatError&) {
            // a corrupted header is rejected at open: fine
        }
    }
}
