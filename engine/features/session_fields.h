#pragma once
// Shortcut fields (issue 14): bytes of a flow's first messages that identify one session rather
// than the application: a model that learns them scores well inside one capture campaign and
// fails on any other. blank_session_fields() zeroes them in a copy of the payload head before it
// becomes an image, so a dataset built with the option (and every model trained on it, which
// records it) never sees them:
//   TLS     ClientHello/ServerHello random (with its gmt_unix_time) and session id, key-share and
//           key-exchange public values (ClientKeyExchange, ServerKeyExchange), session tickets
//           (extension 35, NewSessionTicket), pre-shared-key identities and binders (41), the
//           encrypted ClientHello (ECH, 0xfe0d);
//   HTTP/1  the values of Cookie, Set-Cookie, Date, Expires, Last-Modified, If-Modified-Since,
//           ETag, If-None-Match, Age, Authorization and X-Request-Id;
//   DNS     the transaction id of each UDP message;
//   QUIC    the connection ids of long-header packets.
// What names the application (SNI, ALPN, cipher and extension lists, HTTP method, host, paths)
// stays. Every read is bounded: the head comes from a capture and may be cut anywhere.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/flow/flow.h"
#include "engine/image/payload_image.h"

namespace flowcnn::features {

// Bytes zeroed, by kind (for the audit and the tests).
struct BlankedBytes {
    std::size_t tls_random = 0, tls_session_id = 0, tls_key_exchange = 0, tls_ticket_psk = 0;
    std::size_t http_values = 0, dns_id = 0, quic_cid = 0;
    std::size_t total() const {
        return tls_random + tls_session_id + tls_key_exchange + tls_ticket_psk + http_values + dns_id + quic_cid;
    }
};

// Zeroes the session fields of `head` in place. `shape` cuts the head into messages (see
// messages.h); without it (flows stored before shapes were kept) the head is read as one client
// message. For UDP (`l4proto` 17) each datagram is read as QUIC, and as DNS when `server_port` is
// 53, 5353 or 5355.
BlankedBytes blank_session_fields(std::span<std::uint8_t> head, std::span<const flow::PacketShape> shape,
                                  std::uint8_t l4proto, std::uint16_t server_port);

// The image a dataset or model makes of a flow: its head (blanked when `blank`), its first
// `payload_bytes` bytes, filled. One function for the loaders, classify and explain.
image::PayloadImage flow_image(std::span<const std::uint8_t> head, std::span<const flow::PacketShape> shape,
                               std::uint8_t l4proto, std::uint16_t server_port, flow::FillMode fill,
                               std::size_t payload_bytes, bool blank);

// A flow's head as a dataset or model with the option reads it: the stored head itself, or with
// `blank` a blanked copy held in `buf` (reused across calls).
std::span<const std::uint8_t> head_for_model(std::span<const std::uint8_t> head,
                                             std::span<const flow::PacketShape> shape, std::uint8_t l4proto,
                                             std::uint16_t server_port, bool blank, std::vector<std::uint8_t>& buf);

}  // namespace flowcnn::features
