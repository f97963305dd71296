// TLS SNI and HTTP Host hints: well-formed messages, split messages, and bounded handling of
// truncated and mutated input.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/hint/hint.h"

namespace {

using namespace flowcnn;
using hint::HintStatus;
using Bytes = std::vector<std::uint8_t>;

void put16(Bytes& b, std::size_t v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}

// A TLS 1.2-style ClientHello with a server_name extension (and a padding extension before it),
// cut into records of at most `record_max` bytes.
Bytes client_hello(const std::string& name, std::size_t record_max = 16384, std::size_t pad = 0) {
    Bytes body;
    put16(body, 0x0303);
    body.insert(body.end(), 32, 0x11);  // random
    body.push_back(0);                  // session id
    put16(body, 4);
    put16(body, 0x1301);
    put16(body, 0x002f);
    body.push_back(1);
    body.push_back(0);  // compression: null
    Bytes ext;
    put16(ext, 0x0015);  // padding
    put16(ext, pad);
    ext.insert(ext.end(), pad, 0);
    put16(ext, 0x0000);  // server_name
    put16(ext, name.size() + 5);
    put16(ext, name.size() + 3);
    ext.push_back(0);
    put16(ext, name.size());
    ext.insert(ext.end(), name.begin(), name.end());
    put16(body, ext.size());
    body.insert(body.end(), ext.begin(), ext.end());
    Bytes hs = {1, 0, static_cast<std::uint8_t>(body.size() >> 8), static_cast<std::uint8_t>(body.size())};
    hs.insert(hs.end(), body.begin(), body.end());
    Bytes out;
    for (std::size_t off = 0; off < hs.size(); off += record_max) {
        const std::size_t n = std::min(record_max, hs.size() - off);
        out.push_back(22);
        put16(out, 0x0301);
        put16(out, n);
        out.insert(out.end(), hs.begin() + static_cast<std::ptrdiff_t>(off),
                   hs.begin() + static_cast<std::ptrdiff_t>(off + n));
    }
    return out;
}

Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }

TEST(TlsSni, FindsTheServerName) {
    auto r = hint::tls_sni(client_hello("www.example.com"));
    EXPECT_EQ(r.status, HintStatus::Found);
    EXPECT_EQ(r.value, "www.example.com");
}

TEST(TlsSni, ClientHelloOverSeveralRecords) {
    auto msg = client_hello("split.example", 40, 100);
    auto r = hint::tls_sni(msg);
    EXPECT_EQ(r.status, HintStatus::Found);
    EXPECT_EQ(r.value, "split.example");
}

TEST(TlsSni, EveryPrefixNeedsMoreAndNeverFindsGarbage) {
    for (std::size_t rec : {16384u, 50u}) {
        auto msg = client_hello("prefix.example", rec, 30);
        for (std::size_t n = 0; n < msg.size(); ++n) {
            auto r = hint::tls_sni(std::span(msg).subspan(0, n));
            ASSERT_EQ(r.status, HintStatus::NeedMore) << "prefix " << n;
        }
    }
}

TEST(TlsSni, RejectsOtherData) {
    EXPECT_EQ(hint::tls_sni(text("GET / HTTP/1.1\r\n")).status, HintStatus::NotFound);
    Bytes server_hello = client_hello("x.example");
    server_hello[5] = 2;  // handshake type ServerHello
    EXPECT_EQ(hint::tls_sni(server_hello).status, HintStatus::NotFound);
    Bytes bad_len = client_hello("x.example");
    bad_len[3] = 0xff;  // record length over the TLS limit
    EXPECT_EQ(hint::tls_sni(bad_len).status, HintStatus::NotFound);
}

TEST(HttpHost, FindsTheHostHeader) {
    auto r = hint::http_host(text("GET /a HTTP/1.1\r\nAccept: */*\r\nhOsT:  media.example:8080 \r\n\r\n"));
    EXPECT_EQ(r.status, HintStatus::Found);
    EXPECT_EQ(r.value, "media.example:8080");
    EXPECT_EQ(hint::http_host(text("POST /x HTTP/1.0\nHost: a.b\n\n")).value, "a.b");
}

TEST(HttpHost, IncompleteAndAbsent) {
    EXPECT_EQ(hint::http_host(text("GE")).status, HintStatus::NeedMore);
    EXPECT_EQ(hint::http_host(text("GET / HTTP/1.1\r\nAccept: x\r\n")).status, HintStatus::NeedMore);
    EXPECT_EQ(hint::http_host(text("GET / HTTP/1.1\r\nAccept: x\r\n\r\nHost: late\r\n")).status,
              HintStatus::NotFound);
    EXPECT_EQ(hint::http_host(text("HTTP/1.1 200 OK\r\nHost: x\r\n\r\n")).status, HintStatus::NotFound);
    EXPECT_EQ(hint::http_host(text("SSH-2.0-OpenSSH\r\n")).status, HintStatus::NotFound);
}

TEST(FindHints, DispatchesAndStopsAtTheBound) {
    std::string sni, host;
    EXPECT_EQ(hint::find_hints(client_hello("both.example"), sni, host), HintStatus::Found);
    EXPECT_EQ(sni, "both.example");
    EXPECT_EQ(hint::find_hints(text("GET / HTTP/1.1\r\nHost: h.example\r\n\r\n"), sni, host), HintStatus::Found);
    EXPECT_EQ(host, "h.example");
    std::string long_req = "GET / HTTP/1.1\r\nX: " + std::string(hint::kMaxHintBytes, 'a');
    EXPECT_EQ(hint::find_hints(text(long_req), sni, host), HintStatus::NotFound);
}

TEST(Hints, MutatedInputIsSafe) {
    // Random mutations of valid messages: must never crash or read out of bounds (run under
    // ASan in the sanitizer build), and a found name is always printable.
    std::mt19937 rng(42);
    const Bytes seeds[] = {client_hello("fuzz.example", 16384, 7), client_hello("f.example", 33),
                           text("GET / HTTP/1.1\r\nHost: fuzz\r\n\r\n")};
    for (int i = 0; i < 20000; ++i) {
        Bytes m = seeds[static_cast<std::size_t>(i) % 3];
        const int flips = 1 + static_cast<int>(rng() % 4);
        for (int k = 0; k < flips; ++k) m[rng() % m.size()] = static_cast<std::uint8_t>(rng());
        m.resize(rng() % (m.size() + 1));
        std::string sni, host;
        hint::find_hints(m, sni, host);
        for (char c : sni + host) ASSERT_TRUE(c > 0x20 && c < 0x7f);
    }
}

}  // namespace
