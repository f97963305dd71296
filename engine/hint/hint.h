#pragma once
// Application hints from the first client payload bytes of a flow: the TLS ClientHello
// server_name (SNI) and the HTTP/1.x request Host header. Parsing is bounded: every length is
// checked against the bytes at hand, nothing is read past them, and malformed input gives
// NotFound (never a crash); safe on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace flowcnn::hint {

enum class HintStatus : std::uint8_t {
    Found,     // value holds the name
    NeedMore,  // looks like the right protocol but the message continues past the bytes given
    NotFound,  // not this protocol, malformed, or complete without the field
};

struct HintResult {
    HintStatus status = HintStatus::NotFound;
    std::string value;
};

// Most client bytes a caller should collect before giving up (a ClientHello split over TCP
// segments, long HTTP request headers).
constexpr std::size_t kMaxHintBytes = 16384;
constexpr std::size_t kMaxNameLength = 255;

// `data` is the client's byte stream from its first payload byte: TLS records (content type 22,
// handshake) carrying a ClientHello, possibly over several records.
HintResult tls_sni(std::span<const std::uint8_t> data);
// `data` is the client's byte stream from its first byte: an HTTP/1.x request line and headers.
HintResult http_host(std::span<const std::uint8_t> data);

// Both in one: which hint was found goes into sni or http_host. Returns NeedMore while either
// parser needs more bytes (and the input is below kMaxHintBytes).
HintStatus find_hints(std::span<const std::uint8_t> data, std::string& sni, std::string& http_host);

}  // namespace flowcnn::hint
