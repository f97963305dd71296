// Session-field blanking (issue 14): the bytes that identify one session are zeroed, the bytes that
// describe the application stay, and random heads and shapes are read within bounds.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "engine/features/session_fields.h"
#include "tests/engine/flow_builders.h"

namespace {

using namespace flowcnn;
using namespace flowcnn::test;

std::size_t count(const Bytes& b, std::uint8_t v) { return static_cast<std::size_t>(std::count(b.begin(), b.end(), v)); }

features::BlankedBytes blank(TestFlow& t) {
    return features::blank_session_fields(t.head, t.shape, t.l4proto, t.server_port);
}

// A TLS 1.3 handshake: the ClientHello over two segments, then the server's flight.
TestFlow tls13_flow() {
    TestFlow t;
    const Bytes ch = records(22, client_hello_message());
    t.packet(false, kSyn, {});
    t.packet(true, kSyn | kAck, {});
    t.packet(false, kAck | kPsh, Bytes(ch.begin(), ch.begin() + 100));
    t.packet(false, kAck | kPsh, Bytes(ch.begin() + 100, ch.end()));
    Bytes sh = records(22, server_hello_message(), 16384, 0x0303);
    append(sh, records(20, {0x01}, 16384, 0x0303));
    append(sh, records(23, Bytes(40, 0x55), 16384, 0x0303));
    t.packet(true, kAck | kPsh, sh);
    return t;
}

TEST(SessionFields, Tls13HellosLoseRandomSessionIdAndKeys) {
    TestFlow t = tls13_flow();
    const Bytes before = t.head;
    const auto b = blank(t);
    EXPECT_EQ(b.tls_random, 64u);       // client's and server's
    EXPECT_EQ(b.tls_session_id, 64u);   // echoed by the server
    EXPECT_EQ(b.tls_key_exchange, 1u + 32u + 32u);  // GREASE share's byte, x25519 both ways
    EXPECT_EQ(b.total(), b.tls_random + b.tls_session_id + b.tls_key_exchange);
    EXPECT_EQ(count(t.head, 0x11), 0u);  // client random
    EXPECT_EQ(count(t.head, 0x22), 0u);  // session id
    EXPECT_EQ(count(t.head, 0x33), 2u);  // server random gone; left: key_share's type 0x0033 in each hello
    EXPECT_EQ(count(t.head, 0x44), 0u);  // server key share
    EXPECT_EQ(count(t.head, 0x77), 0u);  // client key share
    EXPECT_EQ(count(t.head, 0x55), 40u); // application data: not a session field, left alone
    // What names the application stays: the SNI, ALPN and every byte outside the fields.
    const std::string head(t.head.begin(), t.head.end());
    EXPECT_NE(head.find("example.com"), std::string::npos);
    EXPECT_NE(head.find("http/1.1"), std::string::npos);
    std::size_t changed = 0;
    for (std::size_t i = 0; i < before.size(); ++i) changed += before[i] != t.head[i];
    EXPECT_EQ(changed, b.total() - 1);  // the GREASE share's key byte was already 0
    // Blanking is idempotent: a blanked head has nothing left to change.
    const Bytes once = t.head;
    blank(t);
    EXPECT_EQ(t.head, once);
}

TEST(SessionFields, ClientHelloAcrossRecordsAndTicketsAndPsk) {
    Bytes body;
    put16(body, 0x0303);
    body.insert(body.end(), 32, 0x11);
    put8(body, 0);  // no session id
    append(body, u16_list({0x1301}));
    put8(body, 1);
    put8(body, 0);
    Bytes ext = extension(35, Bytes(24, 0x66));    // session ticket
    append(ext, extension(41, Bytes(40, 0x67)));   // pre-shared key
    put16(body, ext.size());
    append(body, ext);
    TestFlow t;
    t.packet(false, kAck | kPsh, records(22, handshake(1, body), 30));  // records of 30 bytes
    const auto b = blank(t);
    EXPECT_EQ(b.tls_random, 32u);
    EXPECT_EQ(b.tls_session_id, 0u);
    EXPECT_EQ(b.tls_ticket_psk, 64u);
    EXPECT_EQ(count(t.head, 0x11) + count(t.head, 0x66) + count(t.head, 0x67), 0u);
    EXPECT_EQ(t.head[0], 22);  // record headers stay
}

TEST(SessionFields, Tls12KeyExchangesAndTicket) {
    Bytes ske{0x03, 0x00, 0x1d, 32};  // named curve x25519, then the public key and signature
    ske.insert(ske.end(), 32, 0x88);
    ske.insert(ske.end(), 20, 0x89);
    Bytes server = records(22, handshake(12, ske), 16384, 0x0303);
    append(server, records(22, handshake(14, {}), 16384, 0x0303));
    Bytes client = records(22, handshake(16, Bytes(33, 0x99)), 16384, 0x0303);
    append(client, records(20, {0x01}, 16384, 0x0303));
    append(client, records(22, Bytes(40, 0x9a), 16384, 0x0303));  // encrypted Finished
    TestFlow t;
    t.packet(true, kAck | kPsh, server);
    t.packet(false, kAck | kPsh, client);
    t.packet(true, kAck | kPsh, records(22, handshake(4, Bytes(50, 0xab)), 16384, 0x0303));
    const auto b = blank(t);
    EXPECT_EQ(b.tls_key_exchange, 1u + 32u + 20u + 33u);
    EXPECT_EQ(b.tls_ticket_psk, 50u);
    EXPECT_EQ(count(t.head, 0x88) + count(t.head, 0x89) + count(t.head, 0x99) + count(t.head, 0xab), 0u);
    EXPECT_EQ(count(t.head, 0x9a), 40u);  // after ChangeCipherSpec nothing is read
    const std::size_t curve = 5 + 4 + 1;  // record, handshake header, curve type
    EXPECT_EQ(t.head[curve], 0x00);
    EXPECT_EQ(t.head[curve + 1], 0x1d);
}

TEST(SessionFields, HttpSessionHeaderValues) {
    TestFlow t;
    t.server_port = 80;
    t.packet(false, kAck | kPsh,
             text("GET /a?b=1 HTTP/1.1\r\nHost: example.com\r\nCookie: sid=12345\r\nUser-Agent: x\r\n"
                  "if-none-match: \"abc\"\r\n\r\nCookie: body"));
    t.packet(true, kAck | kPsh,
             text("HTTP/1.1 200 OK\r\nDate: Fri, 04 Dec 2026 20:00:00 GMT\r\nSet-Cookie: a=b\r\nServer: s\r\n\r\n"));
    const auto b = blank(t);
    EXPECT_EQ(b.http_values, 9u + 5u + 29u + 3u);
    const std::string head(t.head.begin(), t.head.end());
    EXPECT_NE(head.find("Host: example.com\r\n"), std::string::npos);
    EXPECT_NE(head.find(std::string("Cookie: ") + std::string(9, '\0') + "\r\n"), std::string::npos);
    EXPECT_NE(head.find("Cookie: body"), std::string::npos);  // the body is not a header
    EXPECT_NE(head.find("Server: s"), std::string::npos);
    EXPECT_EQ(head.find("GMT"), std::string::npos);
    EXPECT_EQ(head.find("sid="), std::string::npos);
}

TEST(SessionFields, DnsIdsAndQuicConnectionIds) {
    TestFlow dns;
    dns.l4proto = 17;
    dns.server_port = 53;
    Bytes q{0xbe, 0xef, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 3, 'w', 'w', 'w', 0, 0, 1, 0, 1};
    dns.packet(false, 0, q);
    dns.packet(true, 0, q);
    EXPECT_EQ(blank(dns).dns_id, 4u);
    EXPECT_EQ(dns.head[0], 0);
    EXPECT_EQ(dns.head[q.size()], 0);
    EXPECT_EQ(dns.head[2], 0x01);

    TestFlow quic;
    quic.l4proto = 17;
    Bytes initial{0xc3, 0, 0, 0, 1, 8};
    initial.insert(initial.end(), 8, 0xd1);
    initial.push_back(4);
    initial.insert(initial.end(), 4, 0xd2);
    initial.insert(initial.end(), 30, 0xd3);  // the protected payload: left as it is
    quic.packet(false, 0, initial);
    EXPECT_EQ(blank(quic).quic_cid, 12u);
    EXPECT_EQ(count(quic.head, 0xd1) + count(quic.head, 0xd2), 0u);
    EXPECT_EQ(count(quic.head, 0xd3), 30u);
}

TEST(SessionFields, WithoutShapeTheHeadIsReadAsOneStream) {
    TestFlow t = tls13_flow();  // flows stored before shapes were kept have no message bounds
    t.shape.clear();
    const auto b = blank(t);
    EXPECT_EQ(b.tls_random, 64u);  // the records follow each other, so both hellos are found
    EXPECT_EQ(count(t.head, 0x11) + count(t.head, 0x33), 2u);  // key_share's type 0x0033 stays
}

TEST(SessionFields, RandomHeadsAndShapesStayInBounds) {
    std::mt19937 rng(7);
    const Bytes seeds[] = {records(22, client_hello_message()), records(22, server_hello_message()),
                           text("GET / HTTP/1.1\r\nCookie: x\r\n\r\n")};
    for (int i = 0; i < 3000; ++i) {
        TestFlow t;
        t.l4proto = i % 5 == 0 ? 17 : 6;
        t.server_port = i % 10 == 0 ? 53 : 443;
        Bytes b = seeds[static_cast<std::size_t>(i) % 3];
        b.resize(rng() % (b.size() + 1));
        for (int k = 0; k < 4 && !b.empty(); ++k) b[rng() % b.size()] = static_cast<std::uint8_t>(rng());
        const std::size_t cut = b.empty() ? 0 : rng() % b.size();
        t.packet(false, kPsh, Bytes(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(cut)));
        t.packet(rng() % 2 == 1, kPsh, Bytes(b.begin() + static_cast<std::ptrdiff_t>(cut), b.end()));
        if (rng() % 3 == 0) t.shape.back().stream_len = static_cast<std::uint16_t>(rng());  // lies
        const auto blanked = blank(t);
        // Each byte is zeroed at most once as TLS and once as HTTP.
        EXPECT_LE(blanked.total(), 2 * t.head.size());
    }
}

}  // namespace
