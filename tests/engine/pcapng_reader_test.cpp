// Our pcapng block reader: byte orders, sections, per-interface link types and time resolutions,
// simple and obsolete packet blocks, skipped blocks, corrupt input (stops with an error, keeps the
// frames before it), random bytes, and the same frames from a file, from memory and from a pipe.
#include <gtest/gtest.h>
#include <pcap/dlt.h>
#include <sys/stat.h>

#include <csignal>
#include <random>
#include <set>
#include <thread>

#include "engine/capture/capture_reader.h"
#include "engine/capture/pcapng_reader.h"
#include "engine/common/error.h"
#include "engine/packet/packet.h"
#include "tests/engine/packet_builders.h"
#include "tests/engine/pcapng_builder.h"

namespace {

using namespace flowcnn;
using namespace flowcnn::testutil;
using capture::PcapngReader;
using capture::RawPacket;

constexpr std::uint16_t kLinktypeRaw = 101;  // LINKTYPE_RAW in the file; DLT_RAW once read
constexpr std::int64_t kSec = 1'000'000'000;

Bytes eth_frame(int i) {
    return eth(0x0800, ipv4(kA4, kB4, 6, tcp(1000, 80, static_cast<std::uint32_t>(i), 0x18,
                                          text("payload " + std::to_string(i)))));
}
Bytes raw_frame(int i) { return ipv4(kB4, kA4, 17, udp(53, 5353, text("raw ip " + std::to_string(i)))); }

struct Frame {
    std::int64_t ts_ns;
    std::uint32_t caplen, wire_len;
    int linktype;
    Bytes data;
};
struct Read {
    std::vector<Frame> frames;
    std::string error;
};
Read read_all(capture::CaptureReader& r) {
    Read out;
    RawPacket p;
    while (r.next(p)) {
        EXPECT_EQ(p.caplen, p.data.size());
        EXPECT_GE(p.wire_len, p.caplen);
        out.frames.push_back({p.ts_ns, p.caplen, p.wire_len, p.linktype, Bytes(p.data.begin(), p.data.end())});
        if (out.frames.size() > 100000) break;
    }
    out.error = r.error();
    EXPECT_FALSE(r.next(p));  // the end is sticky
    return out;
}
Read read_memory(const Bytes& b) {
    auto r = capture::open_capture_memory(b, "mem.pcapng");
    return read_all(*r);
}

TEST(PcapngReader, LinktypeMapping) {
    EXPECT_EQ(capture::pcapng::linktype_to_dlt(1), packet::dlt::kEthernet);
    EXPECT_EQ(capture::pcapng::linktype_to_dlt(101), DLT_RAW);  // 12 on Linux
    EXPECT_EQ(capture::pcapng::linktype_to_dlt(113), packet::dlt::kLinuxSll);
    EXPECT_EQ(capture::pcapng::linktype_to_dlt(228), packet::dlt::kIpv4);
    EXPECT_EQ(capture::pcapng::linktype_to_dlt(0), packet::dlt::kNull);
}

// Ethernet and raw IPv4 interfaces in one section, in both byte orders; each frame keeps its own
// link type, and the parser decodes both.
TEST(PcapngReader, MixedLinkTypesBothByteOrders) {
    for (bool be : {false, true}) {
        SCOPED_TRACE(be ? "big-endian" : "little-endian");
        PcapngBuilder b;
        b.section(be)
            .interface(1)
            .interface(kLinktypeRaw, 65535, 9)
            .packet(0, 1'600'000'000'000'001ull, eth_frame(0))
            .packet(1, 1'600'000'000'123'456'789ull, raw_frame(1))
            .packet(0, 1'600'000'000'000'002ull, eth_frame(2), 1500);  // original length above caplen
        TempDir dir;
        write_file(dir.file("m.pcapng"), b.bytes());
        auto r = capture::open_capture(dir.file("m.pcapng"));
        EXPECT_EQ(r->format(), capture::CaptureFormat::PcapNg);
        EXPECT_EQ(r->linktype(), 1);
        auto got = read_all(*r);
        EXPECT_EQ(got.error, "");
        ASSERT_EQ(got.frames.size(), 3u);
        EXPECT_EQ(got.frames[0].ts_ns, 1'600'000'000'000'001'000LL);
        EXPECT_EQ(got.frames[0].linktype, 1);
        EXPECT_EQ(got.frames[0].data, eth_frame(0));
        EXPECT_EQ(got.frames[1].ts_ns, 1'600'000'000'123'456'789LL);
        EXPECT_EQ(got.frames[1].linktype, DLT_RAW);
        EXPECT_EQ(got.frames[1].data, raw_frame(1));
        EXPECT_EQ(got.frames[2].wire_len, 1500u);
        EXPECT_EQ(got.frames[2].caplen, eth_frame(2).size());
        EXPECT_EQ(r->position(), r->size());
        for (const auto& f : got.frames) {
            packet::ParsedPacket pp;
            packet::SkipReason why;
            EXPECT_TRUE(packet::parse_packet(f.linktype, f.data, pp, why));
        }
    }
}

// Each section has its own interfaces (interface 0 of the second section is raw IP), and may use
// the other byte order.
TEST(PcapngReader, SectionsResetInterfaces) {
    PcapngBuilder b;
    b.section(false).interface(1).packet(0, 1, eth_frame(0));
    b.section(true).interface(kLinktypeRaw).packet(0, 2, raw_frame(1));
    b.section(false).interface(228).interface(1).packet(1, 3, eth_frame(2)).packet(0, 4, raw_frame(3));
    const auto bytes = b.bytes();
    PcapngReader r(bytes, "sections");
    auto got = read_all(r);
    EXPECT_EQ(got.error, "");
    ASSERT_EQ(got.frames.size(), 4u);
    EXPECT_EQ(got.frames[0].linktype, 1);
    EXPECT_EQ(got.frames[1].linktype, DLT_RAW);
    EXPECT_EQ(got.frames[1].ts_ns, 2'000);
    EXPECT_EQ(got.frames[2].linktype, 1);
    EXPECT_EQ(got.frames[3].linktype, packet::dlt::kIpv4);
    EXPECT_EQ(r.sections(), 3u);
    EXPECT_EQ(r.interfaces_seen(), 4u);
    EXPECT_EQ(r.linktype(), 1);

    // Interface 1 of the first section is not there any more in the second.
    PcapngBuilder c;
    c.section().interface(1).interface(1).packet(1, 1, eth_frame(0));
    c.section().interface(1).packet(0, 2, eth_frame(1)).packet(1, 3, eth_frame(2)).packet(0, 4, eth_frame(3));
    auto bad = read_memory(c.bytes());
    ASSERT_EQ(bad.frames.size(), 2u);
    EXPECT_NE(bad.error.find("frame 3"), std::string::npos) << bad.error;
    EXPECT_NE(bad.error.find("interface 1"), std::string::npos) << bad.error;
}

TEST(PcapngReader, TimestampResolutionsAndOffsets) {
    PcapngBuilder b;
    b.section()
        .interface(1, 65535, 9)                 // 0: nanoseconds
        .interface(1, 65535, 0x80 | 10)         // 1: 2^-10 s
        .interface(1, 65535, 3, 100)            // 2: milliseconds, +100 s
        .interface(1, 65535, {}, -1'000)        // 3: microseconds (default), -1000 s
        .interface(1, 65535, 0)                 // 4: seconds
        .interface(1, 65535, 0x80 | 30)         // 5: 2^-30 s
        .packet(0, 1'700'000'000'987'654'321ull, eth_frame(0))
        .packet(1, 1'700'000'000ull * 1024 + 512, eth_frame(1))   // + 1/2 s
        .packet(1, 3ull * 1024 + 1, eth_frame(2))                 // 1/1024 s = 976562.5 ns
        .packet(2, 1'700'000'000'123ull, eth_frame(3))
        .packet(3, 1'700'000'000'000'001ull, eth_frame(4))
        .packet(4, 1ull << 62, eth_frame(5))                      // seconds beyond int64 ns: saturated
        .packet(5, (5ull << 30) | (1ull << 29), eth_frame(6));    // 5.5 s
    auto got = read_memory(b.bytes());
    EXPECT_EQ(got.error, "");
    ASSERT_EQ(got.frames.size(), 7u);
    EXPECT_EQ(got.frames[0].ts_ns, 1'700'000'000'987'654'321LL);
    EXPECT_EQ(got.frames[1].ts_ns, 1'700'000'000 * kSec + 500'000'000);
    EXPECT_EQ(got.frames[2].ts_ns, 3 * kSec + 976'562);  // truncated, as libpcap does
    EXPECT_EQ(got.frames[3].ts_ns, (1'700'000'000 + 100) * kSec + 123'000'000);
    EXPECT_EQ(got.frames[4].ts_ns, (1'700'000'000 - 1'000) * kSec + 1'000);
    EXPECT_EQ(got.frames[5].ts_ns, INT64_MAX);
    EXPECT_EQ(got.frames[6].ts_ns, 5 * kSec + 500'000'000);
}

// A Simple Packet Block belongs to the first interface: caplen = min(original length, snaplen,
// what the block holds); it has no timestamp (0, plus the interface's offset).
TEST(PcapngReader, SimplePacketBlocks) {
    const Bytes f = eth_frame(0);
    Bytes big = f;
    big.resize(100, 0xAB);
    PcapngBuilder b;
    b.section().interface(1, 64, {}, 7).interface(kLinktypeRaw);
    b.simple_packet(100, big)                                       // snaplen cuts it to 64
        .simple_packet(static_cast<std::uint32_t>(f.size()), f)     // whole (the block is padded)
        .simple_packet(1000, f);                                    // the block holds less
    auto got = read_memory(b.bytes());
    EXPECT_EQ(got.error, "");
    ASSERT_EQ(got.frames.size(), 3u);
    EXPECT_EQ(got.frames[0].caplen, 64u);
    EXPECT_EQ(got.frames[0].wire_len, 100u);
    EXPECT_EQ(got.frames[0].data, Bytes(big.begin(), big.begin() + 64));
    EXPECT_EQ(got.frames[0].ts_ns, 7 * kSec);
    EXPECT_EQ(got.frames[0].linktype, 1);
    EXPECT_EQ(got.frames[1].data, f);
    EXPECT_EQ(got.frames[1].wire_len, f.size());
    const std::size_t padded = (f.size() + 3) / 4 * 4;
    EXPECT_EQ(got.frames[2].caplen, padded);
    EXPECT_EQ(got.frames[2].wire_len, 1000u);
    EXPECT_EQ(Bytes(got.frames[2].data.begin(), got.frames[2].data.begin() + static_cast<std::ptrdiff_t>(f.size())), f);

    // No interface yet in this section: an error, not a guess.
    PcapngBuilder c;
    c.section().interface(1).packet(0, 1, f).section().simple_packet(10, f);
    auto bad = read_memory(c.bytes());
    EXPECT_EQ(bad.frames.size(), 1u);
    EXPECT_NE(bad.error.find("no interface"), std::string::npos) << bad.error;
}

TEST(PcapngReader, ObsoletePacketBlockAndSkippedBlocks) {
    PcapngBuilder b;
    b.section().interface(1).interface(kLinktypeRaw, 65535, 6);
    b.block(4, Bytes{0, 0, 0, 0});                          // name resolution block
    b.old_packet(1, 1'600'000'000'000'000ull, raw_frame(0));
    b.block(5, Bytes(12, 0));                               // interface statistics block
    b.block(0x0A, Bytes(16, 7));                            // decryption secrets block
    b.block(0x00000BAD, text("custom, copyable"));
    b.block(0x40000BAD, text("custom, not copyable"));
    b.block(0x12345678, Bytes(40, 1));                      // a type we never heard of
    b.packet(0, 1'600'000'000'000'001ull, eth_frame(1));
    const auto bytes = b.bytes();
    PcapngReader r(bytes, "skips");
    auto got = read_all(r);
    EXPECT_EQ(got.error, "");
    ASSERT_EQ(got.frames.size(), 2u);
    EXPECT_EQ(got.frames[0].linktype, DLT_RAW);
    EXPECT_EQ(got.frames[0].data, raw_frame(0));
    EXPECT_EQ(got.frames[0].ts_ns, 1'600'000'000'000'000'000LL);
    EXPECT_EQ(got.frames[1].data, eth_frame(1));
    EXPECT_EQ(r.skipped_blocks(), 6u);
    EXPECT_EQ(r.position(), bytes.size());
}

// Every kind of damage after two good frames: reading stops there with an error naming frame 3,
// the two frames are kept, and the good frame after the damage is not read. File and memory agree.
TEST(PcapngReader, CorruptBlocksStopWithAnError) {
    struct Case {
        const char* name;
        Bytes tail;
        const char* says;
    };
    auto tail = [](auto&& build) {
        PcapngBuilder t;
        build(t);
        return t.bytes();
    };
    Bytes bad_magic = PcapngBuilder().section().bytes();
    bad_magic[8] = 0x99;
    Bytes cut = tail([](PcapngBuilder& t) { t.packet(0, 3, eth_frame(2)); });
    cut.resize(cut.size() - 9);
    Bytes trailer = tail([](PcapngBuilder& t) { t.packet(0, 3, eth_frame(2)); });
    trailer[trailer.size() - 4] ^= 4;
    std::vector<Case> cases = {
        {"header", Bytes{6, 0, 0, 0, 40}, "truncated block header"},
        {"tiny", tail([](PcapngBuilder& t) { t.block(0xBAD, Bytes(8, 0), 8); }), "< 12"},
        {"odd", tail([](PcapngBuilder& t) { t.block(0xBAD, Bytes(8, 0), 22); }), "multiple of 4"},
        {"huge", tail([](PcapngBuilder& t) { t.block(6, Bytes(32, 0), 0x7ffffff0); }), "maximum"},
        {"past_eof", tail([](PcapngBuilder& t) { t.block(6, Bytes(32, 0), 4096); }), "past the end of the file"},
        {"cut", cut, "past the end of the file"},
        {"trailer", trailer, "trailing length"},
        {"epb_short", tail([](PcapngBuilder& t) { t.block(6, Bytes(12, 0)); }), "too short"},
        {"spb_short", tail([](PcapngBuilder& t) { t.block(3, {}); }), "too short"},
        {"caplen", tail([](PcapngBuilder& t) {
             Bytes body;
             t.u32(body, 0);
             t.u64(body, 3);
             t.u32(body, 5000);  // caplen far beyond the block
             t.u32(body, 5000);
             body.resize(body.size() + 40, 0);
             t.block(6, body);
         }),
         "past the end of its"},
        {"iface", tail([](PcapngBuilder& t) { t.packet(7, 3, eth_frame(2)); }), "interface 7"},
        {"shb_magic", bad_magic, "byte-order magic"},
        {"shb_version", tail([](PcapngBuilder& t) { t.section(false, 2, 0); }), "major version 2"},
        {"shb_short", tail([](PcapngBuilder& t) { t.block(0x0A0D0D0A, Bytes{0x4d, 0x3c, 0x2b, 0x1a}); }), "too short"},
        {"idb_short", tail([](PcapngBuilder& t) { t.block(1, Bytes{1, 0}); }), "too short"},
        {"tsresol_len", tail([](PcapngBuilder& t) { t.block(1, Bytes{1, 0, 0, 0, 0, 0, 1, 0, 9, 0, 2, 0, 6, 6, 0, 0}); }),
         "if_tsresol"},
        {"tsresol_fine", tail([](PcapngBuilder& t) { t.interface(1, 65535, 20); }), "too fine"},
        {"tsresol_fine2", tail([](PcapngBuilder& t) { t.interface(1, 65535, 0x80 | 64); }), "too fine"},
        {"tsoffset_len", tail([](PcapngBuilder& t) { t.block(1, Bytes{1, 0, 0, 0, 0, 0, 1, 0, 14, 0, 4, 0, 0, 0, 0, 0}); }),
         "if_tsoffset"},
        {"option_past", tail([](PcapngBuilder& t) { t.block(1, Bytes{1, 0, 0, 0, 0, 0, 1, 0, 2, 0, 40, 0}); }),
         "runs past the end of its block"},
    };
    TempDir dir;
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        PcapngBuilder b;
        b.section().interface(1).packet(0, 1, eth_frame(0)).packet(0, 2, eth_frame(1)).raw(c.tail);
        if (std::string(c.name) != "header" && std::string(c.name) != "cut") b.packet(0, 9, eth_frame(9));
        const auto path = dir.file(std::string(c.name) + ".pcapng");
        write_file(path, b.bytes());
        auto from_file = capture::open_capture(path);
        auto f = read_all(*from_file);
        ASSERT_EQ(f.frames.size(), 2u) << f.error;
        EXPECT_EQ(f.frames[1].data, eth_frame(1));
        EXPECT_NE(f.error.find("frame 3"), std::string::npos) << f.error;
        EXPECT_NE(f.error.find(c.says), std::string::npos) << f.error;
        EXPECT_NE(f.error.find("the 2 frames before it were read"), std::string::npos) << f.error;
        auto from_mem = capture::open_capture_memory(b.bytes(), path);
        auto m = read_all(*from_mem);
        EXPECT_EQ(m.frames.size(), 2u);
        EXPECT_EQ(m.error, f.error);
    }
}

// What libpcap refuses at open is refused here too (FormatError), with the reason.
TEST(PcapngReader, RefusedAtOpen) {
    auto refused = [](const Bytes& b, const std::string& says) {
        try {
            PcapngReader r(b, "x.pcapng");
            ADD_FAILURE() << "expected FormatError: " << says;
        } catch (const FormatError& e) {
            EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
        }
    };
    refused(PcapngBuilder().section().bytes(), "no interface description block");
    refused(PcapngBuilder().section().block(4, Bytes(4, 0)).packet(0, 1, eth_frame(0)).interface(1).bytes(),
            "before any interface description block");
    refused(PcapngBuilder().section(false, 1, 1).interface(1).bytes(), "version 1.1");
    refused(PcapngBuilder().section(true, 2, 0).interface(1).bytes(), "version 2.0");
    refused(PcapngBuilder().interface(1).bytes(), "does not start with a section header");
    refused(Bytes{0x0a, 0x0d, 0x0d, 0x0a, 28, 0}, "truncated");
    refused(PcapngBuilder().section().interface(1, 65535, 30).bytes(), "too fine");
    refused({}, "empty");
    // The second section may be any 1.x version, as libpcap takes it.
    auto ok = read_memory(PcapngBuilder().section().interface(1).section(false, 1, 5).interface(1).packet(0, 1, eth_frame(0)).bytes());
    EXPECT_EQ(ok.frames.size(), 1u);
    EXPECT_EQ(ok.error, "");
}

// A file read through a pipe (no mapping) yields what the mapped file yields.
TEST(PcapngReader, StreamMatchesMappedFile) {
    PcapngBuilder b;
    b.section().interface(1).interface(kLinktypeRaw, 65535, 9);
    for (int i = 0; i < 200; ++i) b.packet(static_cast<std::uint32_t>(i % 2), 1000ull * i, i % 2 ? raw_frame(i) : eth_frame(i));
    b.section(true).interface(kLinktypeRaw).simple_packet(30, raw_frame(1)).block(5, Bytes(12, 0));
    b.packet(0, 5, raw_frame(2));
    Bytes whole = b.bytes();
    TempDir dir;
    for (std::size_t cut : {whole.size(), whole.size() - 10}) {
        SCOPED_TRACE(cut);
        Bytes part(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(cut));
        write_file(dir.file("f.pcapng"), part);
        PcapngReader mapped(dir.file("f.pcapng"));
        auto want = read_all(mapped);
        const std::string fifo = dir.file("p.pcapng");
        ::unlink(fifo.c_str());
        ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
        std::signal(SIGPIPE, SIG_IGN);  // a reader that stops early must not kill the writer
        std::thread writer([&] { write_file(fifo, part); });
        Read got;
        {
            PcapngReader streamed(fifo);
            EXPECT_EQ(streamed.size(), 0u);
            got = read_all(streamed);
        }
        writer.join();
        ASSERT_EQ(got.frames.size(), want.frames.size());
        for (std::size_t i = 0; i < got.frames.size(); ++i) {
            EXPECT_EQ(got.frames[i].data, want.frames[i].data);
            EXPECT_EQ(got.frames[i].ts_ns, want.frames[i].ts_ns);
            EXPECT_EQ(got.frames[i].linktype, want.frames[i].linktype);
        }
        EXPECT_EQ(got.error.empty(), cut == whole.size()) << got.error;
        auto why = [](const std::string& e) {  // the message without the file name
            const auto k = e.find(": cannot");
            return k == std::string::npos ? e : e.substr(k);
        };
        EXPECT_EQ(why(got.error), why(want.error));
    }
}

// Random damage and random bytes: never a crash, every frame inside the input, a bounded count.
TEST(PcapngReader, RandomBytesStayInBounds) {
    PcapngBuilder b;
    b.section().interface(1).interface(kLinktypeRaw, 128, 0x80 | 10, -5);
    for (int i = 0; i < 30; ++i) {
        if (i % 7 == 3) b.simple_packet(60, eth_frame(i));
        else if (i % 5 == 4) b.old_packet(1, 77ull * i, raw_frame(i));
        else b.packet(static_cast<std::uint32_t>(i % 2), 1000ull * i, i % 2 ? raw_frame(i) : eth_frame(i));
        if (i == 15) b.section(true).interface(kLinktypeRaw).interface(1, 0, 9);
    }
    const Bytes good = b.bytes();
    std::mt19937 rng(16);
    auto check = [](const Bytes& in) {
        try {
            PcapngReader r(in, "fuzz");
            RawPacket p;
            std::size_t n = 0;
            while (r.next(p)) {
                ASSERT_LT(n++, in.size() / 12 + 1);
                ASSERT_EQ(p.caplen, p.data.size());
                ASSERT_GE(p.data.data(), in.data());
                ASSERT_LE(p.data.data() + p.data.size(), in.data() + in.size());
                ASSERT_GE(p.wire_len, p.caplen);
            }
            ASSERT_LE(r.position(), in.size());
        } catch (const FormatError&) {
        }
    };
    for (int round = 0; round < 3000; ++round) {
        Bytes in = good;
        const int flips = 1 + static_cast<int>(rng() % 8);
        for (int k = 0; k < flips; ++k) in[rng() % in.size()] = static_cast<std::uint8_t>(rng());
        if (round % 3 == 0) in.resize(rng() % in.size());
        check(in);
    }
    for (int round = 0; round < 2000; ++round) {
        Bytes in(rng() % 512);
        for (auto& x : in) x = static_cast<std::uint8_t>(rng());
        if (in.size() >= 4) in[0] = 0x0a, in[1] = 0x0d, in[2] = 0x0d, in[3] = 0x0a;
        if (in.size() >= 12 && round % 2) in[8] = 0x4d, in[9] = 0x3c, in[10] = 0x2b, in[11] = 0x1a;
        check(in);
    }
}

// PcapPlusPlus' pcapng-example.pcapng mixes Ethernet and Linux cooked interfaces: libpcap 1.10
// stopped at frame 60; every frame is read now. Skipped when the shared datasets are absent.
TEST(PcapngReader, SharedPcapngExampleReadsEveryFrame) {
    const std::string path = std::string(FLOWCNN_SHARED_DIR) +
                             "/datasets/pcapplusplus/pcap/Tests__Pcap++Test__PcapExamples__pcapng-example.pcapng";
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) GTEST_SKIP() << "no " << path << " (optional)";
    auto r = capture::open_capture(path);
    auto got = read_all(*r);
    EXPECT_EQ(got.error, "");
    EXPECT_EQ(got.frames.size(), 159u);
    std::set<int> linktypes;
    for (const auto& f : got.frames) linktypes.insert(f.linktype);
    EXPECT_GE(linktypes.size(), 2u);
}

}  // namespace
