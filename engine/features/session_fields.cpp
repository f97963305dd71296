#include "engine/features/session_fields.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "engine/common/ascii.h"
#include "engine/features/messages.h"

namespace flowcnn::features {
namespace {

constexpr std::uint8_t kUdp = 17;
constexpr std::uint8_t kRecordChangeCipherSpec = 20, kRecordHandshake = 22;
constexpr std::uint8_t kClientHello = 1, kServerHello = 2, kNewSessionTicket = 4;
constexpr std::uint8_t kServerKeyExchange = 12, kClientKeyExchange = 16;
constexpr std::uint16_t kExtSessionTicket = 35, kExtPreSharedKey = 41, kExtKeyShare = 51;
constexpr std::uint16_t kExtEncryptedClientHello = 0xfe0d;
constexpr std::size_t kRandomBytes = 32;

// The handshake bytes of a message's records, joined across record boundaries, with where each
// byte lives in the head, so that a field found in the joined bytes is zeroed in the head.
class HandshakeBytes {
public:
    HandshakeBytes(std::span<std::uint8_t> msg) {
        std::size_t pos = 0;
        while (pos + 5 <= msg.size()) {
            const std::uint8_t type = msg[pos];
            const std::uint16_t version = static_cast<std::uint16_t>(msg[pos + 1] << 8 | msg[pos + 2]);
            const std::size_t length = static_cast<std::size_t>(msg[pos + 3] << 8 | msg[pos + 4]);
            if (type < kRecordChangeCipherSpec || type > 24 || (version >> 8) != 3) return;
            // After ChangeCipherSpec the handshake is encrypted: nothing to read there.
            if (type != kRecordHandshake) return;
            pos += 5;
            const std::size_t end = std::min(pos + length, msg.size());
            for (; pos < end; ++pos) {
                bytes_.push_back(msg[pos]);
                where_.push_back(&msg[pos]);
            }
        }
    }
    std::size_t size() const { return bytes_.size(); }
    std::uint8_t at(std::size_t i) const { return i < bytes_.size() ? bytes_[i] : 0; }
    std::size_t u16(std::size_t i) const { return std::size_t{at(i)} << 8 | at(i + 1); }
    std::size_t u24(std::size_t i) const { return std::size_t{at(i)} << 16 | u16(i + 1); }
    // Zeroes up to n bytes from i (as many as there are); returns how many.
    std::size_t zero(std::size_t i, std::size_t n) {
        std::size_t done = 0;
        for (; i < bytes_.size() && done < n; ++i, ++done) *where_[i] = 0;
        return done;
    }

private:
    std::vector<std::uint8_t> bytes_;
    std::vector<std::uint8_t*> where_;
};

// A key_share extension's public values: the client's list (group, length, key)... or the
// server's one entry. A HelloRetryRequest's entry is a group alone and has no key.
std::size_t zero_key_shares(HandshakeBytes& hs, std::size_t at, std::size_t end, bool client) {
    std::size_t done = 0;
    if (client) {
        end = std::min(end, at + 2 + hs.u16(at));
        at += 2;
    }
    while (at + 4 <= end) {
        const std::size_t len = hs.u16(at + 2);
        done += hs.zero(at + 4, std::min(len, end - (at + 4)));
        at += 4 + len;
    }
    return done;
}

void zero_extensions(HandshakeBytes& hs, std::size_t at, std::size_t end, bool client, BlankedBytes& out) {
    end = std::min(end, at + 2 + hs.u16(at));
    at += 2;
    while (at + 4 <= end && at + 4 <= hs.size()) {
        const std::size_t type = hs.u16(at), len = hs.u16(at + 2);
        const std::size_t data = at + 4, data_end = std::min(data + len, end);
        if (type == kExtKeyShare) out.tls_key_exchange += zero_key_shares(hs, data, data_end, client);
        else if (type == kExtSessionTicket || type == kExtPreSharedKey || type == kExtEncryptedClientHello)
            out.tls_ticket_psk += hs.zero(data, data_end - data);
        at = data + len;
    }
}

// A ClientHello or ServerHello body at `at`: version, random, session id, then (client) ciphers
// and compressions or (server) one cipher and compression, then the extensions.
void zero_hello(HandshakeBytes& hs, std::size_t at, std::size_t end, bool client, BlankedBytes& out) {
    out.tls_random += hs.zero(at + 2, kRandomBytes);
    std::size_t p = at + 2 + kRandomBytes;
    const std::size_t sid = hs.at(p);
    out.tls_session_id += hs.zero(p + 1, std::min<std::size_t>(sid, 32));
    p += 1 + sid;
    if (client) {
        p += 2 + hs.u16(p);
        p += 1 + hs.at(p);
    } else {
        p += 3;
    }
    if (p + 2 <= end) zero_extensions(hs, p, end, client, out);
}

void blank_tls(std::span<std::uint8_t> msg, BlankedBytes& out) {
    HandshakeBytes hs(msg);
    std::size_t at = 0;
    while (at + 4 <= hs.size()) {
        const std::uint8_t type = hs.at(at);
        const std::size_t body = at + 4, end = body + hs.u24(at + 1);
        switch (type) {
        case kClientHello: zero_hello(hs, body, end, true, out); break;
        case kServerHello: zero_hello(hs, body, end, false, out); break;
        case kNewSessionTicket: out.tls_ticket_psk += hs.zero(body, end - body); break;
        // Keep the curve type and named curve (3 bytes): they describe the server's choice.
        case kServerKeyExchange: out.tls_key_exchange += hs.zero(body + 3, end - std::min(end, body + 3)); break;
        case kClientKeyExchange: out.tls_key_exchange += hs.zero(body, end - body); break;
        default: break;
        }
        at = end;
    }
}

constexpr std::array<std::string_view, 11> kSessionHeaders = {
    "cookie", "set-cookie", "date", "expires", "last-modified", "if-modified-since",
    "etag", "if-none-match", "age", "authorization", "x-request-id"};
constexpr std::array<std::string_view, 9> kHttpStarts = {
    "GET ", "POST ", "PUT ", "HEAD ", "DELETE ", "OPTIONS ", "PATCH ", "CONNECT ", "HTTP/1."};

std::string_view as_text(std::span<const std::uint8_t> b) {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// The header block of an HTTP/1 request or response: each session header's value is zeroed
// (the name and the line structure stay).
void blank_http(std::span<std::uint8_t> msg, BlankedBytes& out) {
    const std::string_view text = as_text(msg);
    if (std::none_of(kHttpStarts.begin(), kHttpStarts.end(), [&](auto s) { return text.starts_with(s); })) return;
    std::size_t line = text.find("\r\n");
    while (line != std::string_view::npos && line + 2 < text.size()) {
        const std::size_t begin = line + 2;
        const std::size_t next = text.find("\r\n", begin);
        const std::size_t end = next == std::string_view::npos ? text.size() : next;
        if (end == begin) return;  // the blank line: the body follows
        const std::string_view header = text.substr(begin, end - begin);
        const std::size_t colon = header.find(':');
        if (colon != std::string_view::npos &&
            std::any_of(kSessionHeaders.begin(), kSessionHeaders.end(),
                        [&](auto h) { return iequals(trim_header_space(header.substr(0, colon)), h); })) {
            std::size_t v = begin + colon + 1;
            while (v < end && msg[v] == ' ') ++v;
            std::fill(msg.begin() + static_cast<std::ptrdiff_t>(v), msg.begin() + static_cast<std::ptrdiff_t>(end), 0);
            out.http_values += end - v;
        }
        line = next;
    }
}

// A QUIC long-header packet (RFC 9000 17.2): flags, version, then the destination and source
// connection ids, each after its length byte.
bool blank_quic(std::span<std::uint8_t> dgram, BlankedBytes& out) {
    if (dgram.size() < 7 || (dgram[0] & 0xc0) != 0xc0) return false;
    std::size_t p = 5;
    for (int id = 0; id < 2 && p < dgram.size(); ++id) {
        const std::size_t len = dgram[p];
        if (len > 20) return false;
        const std::size_t n = std::min(len, dgram.size() - (p + 1));
        std::fill_n(dgram.begin() + static_cast<std::ptrdiff_t>(p + 1), n, 0);
        out.quic_cid += n;
        p += 1 + len;
    }
    return true;
}

void blank_datagrams(std::span<std::uint8_t> head, std::span<const flow::PacketShape> shape, bool dns,
                     BlankedBytes& out) {
    std::size_t offset = 0;
    for (const auto& p : shape) {
        const std::size_t begin = std::min(offset, head.size());
        offset += p.stream_len;
        auto dgram = head.subspan(begin, std::min(offset, head.size()) - begin);
        if (blank_quic(dgram, out) || !dns || dgram.size() < 12) continue;
        dgram[0] = dgram[1] = 0;
        out.dns_id += 2;
    }
}

bool is_dns_port(std::uint16_t port) { return port == 53 || port == 5353 || port == 5355; }

}  // namespace

BlankedBytes blank_session_fields(std::span<std::uint8_t> head, std::span<const flow::PacketShape> shape,
                                  std::uint8_t l4proto, std::uint16_t server_port) {
    BlankedBytes out;
    if (l4proto == kUdp) {
        if (shape.empty()) {
            const flow::PacketShape whole{.stream_len = static_cast<std::uint16_t>(std::min<std::size_t>(head.size(), 65535))};
            blank_datagrams(head, std::span(&whole, 1), is_dns_port(server_port), out);
        } else {
            blank_datagrams(head, shape, is_dns_port(server_port), out);
        }
        return out;
    }
    auto blank_message = [&](std::span<std::uint8_t> msg) {
        blank_tls(msg, out);
        blank_http(msg, out);
    };
    if (shape.empty()) {
        blank_message(head);
        return out;
    }
    for_each_message(head.size(), shape, [&](const MessageRange& m) { blank_message(head.subspan(m.begin, m.end - m.begin)); });
    return out;
}

image::PayloadImage flow_image(std::span<const std::uint8_t> head, std::span<const flow::PacketShape> shape,
                               std::uint8_t l4proto, std::uint16_t server_port, flow::FillMode fill,
                               std::size_t payload_bytes, bool blank) {
    thread_local std::vector<std::uint8_t> buf;
    return image::make_image(head_for_model(head, shape, l4proto, server_port, blank, buf), fill, payload_bytes);
}

std::span<const std::uint8_t> head_for_model(std::span<const std::uint8_t> head,
                                             std::span<const flow::PacketShape> shape, std::uint8_t l4proto,
                                             std::uint16_t server_port, bool blank, std::vector<std::uint8_t>& buf) {
    if (!blank) return head;
    buf.assign(head.begin(), head.end());
    blank_session_fields(buf, shape, l4proto, server_port);
    return buf;
}

}  // namespace flowcnn::features
