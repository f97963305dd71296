#include "engine/features/flow_features.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string_view>

#include "engine/common/ascii.h"
#include "engine/common/byte_reader.h"
#include "engine/features/messages.h"
#include "engine/packet/packet.h"

namespace flowcnn::features {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

constexpr std::size_t kPayloadPackets = 16;  // pkt{N}_*
constexpr std::size_t kMessageLens = 8;      // msg{N}_signed_len
constexpr std::size_t kMessageBytes = 16;    // c2s_byte{N}, s2c_byte{N}
constexpr std::size_t kChCiphers = 8, kChExts = 16, kShExts = 6;
constexpr std::size_t kSrvRecords = 4, kSrvHandshakes = 4;
constexpr std::size_t kReqHeaders = 8, kRespHeaders = 6;
constexpr std::size_t kStatsBytes = 64;  // printable ratio and entropy look at this many first bytes

// Feature positions. One flat enumeration so that extraction and feature_names() name the same
// slots: build_names() sets every name by these indices and checks that none is left unnamed.
enum Index : std::size_t {
    kL4proto,
    kServerPort,
    kClientPortIsEphemeral,
    kPacketsC2s,
    kPacketsS2c,
    kBytesC2s,
    kBytesS2c,
    kLogDurationUs,
    kBytesRatioC2s,
    kShapePacketCount,
    kShapePayloadPacketsC2s,
    kShapePayloadPacketsS2c,
    kTtlC2s,
    kTtlS2c,
    kSynWindowC2s,
    kSynWindowS2c,
    kFirstWindowC2s,
    kFirstWindowS2c,
    kHandshakeRttLogUs,
    kPkt0,  // (signed_len, log_gap_us) per payload packet
    kMsg0 = kPkt0 + 2 * kPayloadPackets,
    kMessageCount = kMsg0 + kMessageLens,
    kC2sByte0,
    kS2cByte0 = kC2sByte0 + kMessageBytes,
    kTlsCh = kS2cByte0 + kMessageBytes,
    kTlsRecordVersion,
    kTlsChVersion,
    kTlsChSessionIdLen,
    kTlsChCipherCount,
    kTlsChCipher0,
    kTlsChCompressionCount = kTlsChCipher0 + kChCiphers,
    kTlsChExtCount,
    kTlsChExt0,
    kTlsChExtLenTotal = kTlsChExt0 + kChExts,
    kTlsChHasGrease,
    kTlsChAlpnFirst,
    kTlsChAlpnCount,
    kTlsChSupportedVersionsMax,
    kTlsChSniLen,
    kTlsChGroupsCount,
    kTlsChGroup0,
    kTlsChGroup1,
    kTlsChSigAlgsCount,
    kTlsChKeyShareCount,
    kTlsChPsk,
    kTlsChLen,
    kTlsSh,
    kTlsShVersion,
    kTlsShCipher,
    kTlsShExtCount,
    kTlsShExt0,
    kTlsShSelectedVersion = kTlsShExt0 + kShExts,
    kTlsShSessionIdLen,
    kTlsSrvRecType0,
    kTlsSrvRecLen0 = kTlsSrvRecType0 + kSrvRecords,
    kTlsSrvHandshake0 = kTlsSrvRecLen0 + kSrvRecords,
    kHttpReq = kTlsSrvHandshake0 + kSrvHandshakes,
    kHttpMethod,
    kHttpVersion,
    kHttpPathDepth,
    kHttpPathLen,
    kHttpQueryLen,
    kHttpHeaderCount,
    kHttpHdr0,
    kHttpUaLen = kHttpHdr0 + kReqHeaders,
    kHttpHasCookie,
    kHttpResp,
    kHttpStatus,
    kHttpRespHeaderCount,
    kHttpRespHdr0,
    kDnsLike = kHttpRespHdr0 + kRespHeaders,
    kDnsQtype,
    kPrintableC2s,
    kPrintableS2c,
    kEntropyC2s,
    kEntropyS2c,
    kCount
};

using Features = std::array<float, kCount>;

void name_series(std::vector<std::string>& n, std::size_t base, std::size_t count, std::string_view prefix,
                 std::string_view suffix) {
    for (std::size_t i = 0; i < count; ++i)
        n[base + i] = std::string(prefix) + std::to_string(i) + std::string(suffix);
}

void name_flow_and_stream(std::vector<std::string>& n) {
    n[kL4proto] = "l4proto";
    n[kServerPort] = "server_port";
    n[kClientPortIsEphemeral] = "client_port_is_ephemeral";
    n[kPacketsC2s] = "packets_c2s";
    n[kPacketsS2c] = "packets_s2c";
    n[kBytesC2s] = "bytes_c2s";
    n[kBytesS2c] = "bytes_s2c";
    n[kLogDurationUs] = "log_duration_us";
    n[kBytesRatioC2s] = "bytes_ratio_c2s";
    n[kShapePacketCount] = "shape_packets";
    n[kShapePayloadPacketsC2s] = "shape_payload_packets_c2s";
    n[kShapePayloadPacketsS2c] = "shape_payload_packets_s2c";
    n[kTtlC2s] = "ttl_c2s";
    n[kTtlS2c] = "ttl_s2c";
    n[kSynWindowC2s] = "syn_window_c2s";
    n[kSynWindowS2c] = "syn_window_s2c";
    n[kFirstWindowC2s] = "first_window_c2s";
    n[kFirstWindowS2c] = "first_window_s2c";
    n[kHandshakeRttLogUs] = "handshake_rtt_log_us";
    for (std::size_t i = 0; i < kPayloadPackets; ++i) {
        n[kPkt0 + 2 * i] = "pkt" + std::to_string(i) + "_signed_len";
        n[kPkt0 + 2 * i + 1] = "pkt" + std::to_string(i) + "_log_gap_us";
    }
    name_series(n, kMsg0, kMessageLens, "msg", "_signed_len");
    n[kMessageCount] = "messages";
    name_series(n, kC2sByte0, kMessageBytes, "c2s_byte", "");
    name_series(n, kS2cByte0, kMessageBytes, "s2c_byte", "");
}

void name_tls(std::vector<std::string>& n) {
    n[kTlsCh] = "tls_ch";
    n[kTlsRecordVersion] = "tls_record_version";
    n[kTlsChVersion] = "tls_ch_version";
    n[kTlsChSessionIdLen] = "tls_ch_session_id_len";
    n[kTlsChCipherCount] = "tls_ch_cipher_count";
    name_series(n, kTlsChCipher0, kChCiphers, "tls_ch_cipher", "");
    n[kTlsChCompressionCount] = "tls_ch_compression_count";
    n[kTlsChExtCount] = "tls_ch_ext_count";
    name_series(n, kTlsChExt0, kChExts, "tls_ch_ext", "");
    n[kTlsChExtLenTotal] = "tls_ch_ext_len_total";
    n[kTlsChHasGrease] = "tls_ch_has_grease";
    n[kTlsChAlpnFirst] = "tls_ch_alpn_first";
    n[kTlsChAlpnCount] = "tls_ch_alpn_count";
    n[kTlsChSupportedVersionsMax] = "tls_ch_supported_versions_max";
    n[kTlsChSniLen] = "tls_ch_sni_len";
    n[kTlsChGroupsCount] = "tls_ch_groups_count";
    n[kTlsChGroup0] = "tls_ch_group0";
    n[kTlsChGroup1] = "tls_ch_group1";
    n[kTlsChSigAlgsCount] = "tls_ch_sig_algs_count";
    n[kTlsChKeyShareCount] = "tls_ch_key_share_count";
    n[kTlsChPsk] = "tls_ch_psk";
    n[kTlsChLen] = "tls_ch_len";
    n[kTlsSh] = "tls_sh";
    n[kTlsShVersion] = "tls_sh_version";
    n[kTlsShCipher] = "tls_sh_cipher";
    n[kTlsShExtCount] = "tls_sh_ext_count";
    name_series(n, kTlsShExt0, kShExts, "tls_sh_ext", "");
    n[kTlsShSelectedVersion] = "tls_sh_selected_version";
    n[kTlsShSessionIdLen] = "tls_sh_session_id_len";
    name_series(n, kTlsSrvRecType0, kSrvRecords, "tls_srv_rec", "_type");
    name_series(n, kTlsSrvRecLen0, kSrvRecords, "tls_srv_rec", "_len");
    name_series(n, kTlsSrvHandshake0, kSrvHandshakes, "tls_srv_handshake", "");
}

void name_http_and_other(std::vector<std::string>& n) {
    n[kHttpReq] = "http_req";
    n[kHttpMethod] = "http_method";
    n[kHttpVersion] = "http_version";
    n[kHttpPathDepth] = "http_path_depth";
    n[kHttpPathLen] = "http_path_len";
    n[kHttpQueryLen] = "http_query_len";
    n[kHttpHeaderCount] = "http_header_count";
    name_series(n, kHttpHdr0, kReqHeaders, "http_hdr", "");
    n[kHttpUaLen] = "http_ua_len";
    n[kHttpHasCookie] = "http_has_cookie";
    n[kHttpResp] = "http_resp";
    n[kHttpStatus] = "http_status";
    n[kHttpRespHeaderCount] = "http_resp_header_count";
    name_series(n, kHttpRespHdr0, kRespHeaders, "http_resp_hdr", "");
    n[kDnsLike] = "dns_like";
    n[kDnsQtype] = "dns_qtype";
    n[kPrintableC2s] = "first_msg_printable_ratio_c2s";
    n[kPrintableS2c] = "first_msg_printable_ratio_s2c";
    n[kEntropyC2s] = "first_msg_entropy_c2s";
    n[kEntropyS2c] = "first_msg_entropy_s2c";
}

std::vector<std::string> build_names() {
    std::vector<std::string> n(kCount);
    name_flow_and_stream(n);
    name_tls(n);
    name_http_and_other(n);
    // A slot without a name means two names were given one index: a layout bug, not an input.
    for (auto& s : n)
        if (s.empty()) s = "unnamed_feature_" + std::to_string(&s - n.data());
    return n;
}

float log1p_us(std::uint64_t us) { return static_cast<float>(std::log1p(static_cast<double>(us))); }

// ---- Flow level and shape ------------------------------------------------------------------------

constexpr std::uint8_t kSyn = packet::tcp_flag::kSyn, kAck = packet::tcp_flag::kAck;

bool is_client_syn(const flow::PacketShape& p) { return !p.from_server && (p.tcp_flags & (kSyn | kAck)) == kSyn; }
bool is_server_synack(const flow::PacketShape& p) {
    return p.from_server && (p.tcp_flags & (kSyn | kAck)) == (kSyn | kAck);
}

// Client SYN to the first server SYN+ACK after it: the sum of the gaps of the packets in between.
void handshake_rtt(std::span<const flow::PacketShape> shape, Features& f) {
    std::size_t i = 0;
    while (i < shape.size() && !is_client_syn(shape[i])) ++i;
    std::uint64_t gap = 0;
    for (++i; i < shape.size(); ++i) {
        gap += shape[i].gap_us;
        if (is_server_synack(shape[i])) {
            f[kHandshakeRttLogUs] = log1p_us(gap);
            return;
        }
    }
}

void shape_features(const FlowView& v, Features& f) {
    const bool tcp = v.l4proto == packet::kProtoTcp;  // windows do not apply to UDP (always 0 there)
    std::array<std::size_t, 2> payload_packets{0, 0};
    std::array<bool, 2> seen{false, false}, syn_seen{false, false};
    for (const auto& p : v.shape) {
        const int d = p.from_server ? 1 : 0;
        if (p.payload_len > 0) ++payload_packets[d];
        if (!seen[d]) {
            seen[d] = true;
            f[kTtlC2s + d] = p.ttl;
            if (tcp) f[kFirstWindowC2s + d] = p.tcp_window;
        }
        if (tcp && !syn_seen[d] && (p.tcp_flags & kSyn)) {
            syn_seen[d] = true;
            f[kSynWindowC2s + d] = p.tcp_window;
        }
    }
    f[kShapePacketCount] = static_cast<float>(v.shape.size());
    f[kShapePayloadPacketsC2s] = static_cast<float>(payload_packets[0]);
    f[kShapePayloadPacketsS2c] = static_cast<float>(payload_packets[1]);
    if (tcp) handshake_rtt(v.shape, f);
}

void flow_features(const FlowView& v, Features& f) {
    f[kL4proto] = v.l4proto;
    f[kServerPort] = v.server_port;
    f[kClientPortIsEphemeral] = v.client_port >= 1024 ? 1.0f : 0.0f;
    f[kPacketsC2s] = static_cast<float>(v.packets_c2s);
    f[kPacketsS2c] = static_cast<float>(v.packets_s2c);
    f[kBytesC2s] = static_cast<float>(v.bytes_c2s);
    f[kBytesS2c] = static_cast<float>(v.bytes_s2c);
    f[kLogDurationUs] = log1p_us(v.duration_ns > 0 ? static_cast<std::uint64_t>(v.duration_ns) / 1000 : 0);
    const double total = static_cast<double>(v.bytes_c2s) + static_cast<double>(v.bytes_s2c);
    if (total > 0) f[kBytesRatioC2s] = static_cast<float>(static_cast<double>(v.bytes_c2s) / total);
    shape_features(v, f);
}

// Sizes, directions and gaps of the first payload packets; a gap spans the packets without payload.
void payload_packet_features(const FlowView& v, Features& f) {
    std::size_t n = 0;
    std::uint64_t gap = 0;
    for (const auto& p : v.shape) {
        gap += p.gap_us;
        if (p.payload_len == 0) continue;
        if (n >= kPayloadPackets) return;
        f[kPkt0 + 2 * n] = p.from_server ? -static_cast<float>(p.payload_len) : static_cast<float>(p.payload_len);
        f[kPkt0 + 2 * n + 1] = n == 0 ? 0.0f : log1p_us(gap);
        gap = 0;
        ++n;
    }
}

// The first message of each direction, as head bytes (empty when absent or not in the head).
struct FirstMessages {
    std::array<std::span<const std::uint8_t>, 2> bytes;
};

// The messages' signed lengths and count, and the first message of each direction.
FirstMessages message_features(const FlowView& v, Features& f) {
    FirstMessages first;
    f[kMessageCount] = 0;
    if (v.shape.empty()) {  // flows stored before shapes: the head is all we know, the client's
        first.bytes[0] = v.head;
        return first;
    }
    std::array<bool, 2> have{false, false};
    std::size_t count = 0;
    for_each_message(v.head.size(), v.shape, [&](const MessageRange& m) {
        const auto len = static_cast<float>(m.payload_len);
        if (count < kMessageLens) f[kMsg0 + count] = m.from_server ? -len : len;
        const int dir = m.from_server ? 1 : 0;
        if (!have[dir]) first.bytes[dir] = v.head.subspan(m.begin, m.end - m.begin);
        have[dir] = true;
        ++count;
    });
    f[kMessageCount] = static_cast<float>(count);
    return first;
}

void message_byte_features(const FirstMessages& m, Features& f) {
    for (int d = 0; d < 2; ++d) {
        const auto bytes = m.bytes[d];
        const std::size_t base = d == 0 ? kC2sByte0 : kS2cByte0;
        for (std::size_t i = 0; i < kMessageBytes && i < bytes.size(); ++i) f[base + i] = bytes[i];
    }
}

// ---- TLS -----------------------------------------------------------------------------------------

constexpr std::uint8_t kContentChangeCipherSpec = 20, kContentHeartbeat = 24, kContentHandshake = 22;
constexpr std::uint8_t kClientHello = 1, kServerHello = 2;
constexpr std::uint16_t kExtServerName = 0, kExtGroups = 10, kExtSigAlgs = 13, kExtAlpn = 16, kExtPsk = 41,
                        kExtSupportedVersions = 43, kExtKeyShare = 51;
constexpr std::uint16_t kGrease = 0x0a0a;
// Handshake bytes gathered from the first records; the head holds 784 bytes, this leaves room.
constexpr std::size_t kGatherBytes = 4096;

// GREASE (RFC 8701): 0x?a?a with equal bytes. All are folded to one code so that the random
// choice of a browser does not split one client into sixteen.
bool is_grease(std::uint16_t v) { return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff); }
float fold_grease(std::uint16_t v) { return is_grease(v) ? kGrease : v; }

struct RecordHeader {
    std::uint8_t type = 0;
    std::uint16_t version = 0, length = 0;
};

// A record header that looks like TLS: a known content type and version 3.0 to 3.4.
bool read_record_header(ByteReader& r, RecordHeader& h) {
    auto type = r.u8();
    auto version = r.u16be();
    auto length = r.u16be();
    if (!type || !version || !length) return false;
    if (*type < kContentChangeCipherSpec || *type > kContentHeartbeat) return false;
    if ((*version >> 8) != 3 || (*version & 0xff) > 4) return false;
    h = {*type, *version, *length};
    return true;
}

std::optional<std::uint32_t> u24be(ByteReader& r) {
    auto hi = r.u8();
    auto lo = r.u16be();
    if (!hi || !lo) return std::nullopt;
    return (std::uint32_t{*hi} << 16) | *lo;
}

// The bytes up to `declared`, or as many as there are.
std::span<const std::uint8_t> take_up_to(ByteReader& r, std::size_t declared) {
    const auto s = r.rest().first(std::min(declared, r.remaining()));
    r.skip(s.size());
    return s;
}

// Joins the fragments of the handshake records at the start of `msg` (a handshake message may
// span records), up to the end of the bytes or the first record of another type.
std::span<const std::uint8_t> gather_handshake(std::span<const std::uint8_t> msg,
                                               std::array<std::uint8_t, kGatherBytes>& buf) {
    ByteReader r(msg);
    std::size_t n = 0;
    RecordHeader h;
    while (n < buf.size() && read_record_header(r, h) && h.type == kContentHandshake) {
        const auto frag = take_up_to(r, h.length);
        const std::size_t take = std::min(frag.size(), buf.size() - n);
        std::copy_n(frag.begin(), take, buf.begin() + static_cast<std::ptrdiff_t>(n));
        n += take;
        if (frag.size() < h.length) break;  // the record goes on past the bytes we have
    }
    return std::span<const std::uint8_t>(buf).first(n);
}

// A handshake message of `type` at the start of `hs`: its declared length and its body (cut where
// the bytes end). `complete` tells whether the whole body is there.
struct Handshake {
    std::optional<std::uint32_t> length;  // absent when the bytes end inside the header
    std::span<const std::uint8_t> body;
    bool complete = false;
};
std::optional<Handshake> open_handshake(std::span<const std::uint8_t> hs, std::uint8_t type) {
    ByteReader r(hs);
    auto t = r.u8();
    if (!t || *t != type) return std::nullopt;
    Handshake h;
    h.length = u24be(r);
    if (h.length) {
        h.complete = r.remaining() >= *h.length;
        h.body = take_up_to(r, *h.length);
    }
    return h;
}

// Reads the u16 entries of a list of `list_bytes` bytes, as far as the bytes go; returns how many.
template <typename Fn>
std::size_t read_u16_list(ByteReader& r, std::size_t list_bytes, Fn&& fn) {
    std::size_t n = 0;
    for (; n < list_bytes / 2; ++n) {
        auto v = r.u16be();
        if (!v) break;
        fn(n, *v);
    }
    return n;
}

int alpn_code(std::string_view p) {
    if (p == "h2") return 1;
    if (p == "http/1.1") return 2;
    if (p == "h3" || p.starts_with("h3-")) return 3;
    if (p.starts_with("spdy/")) return 4;
    return 5;
}

void ch_server_name(ByteReader r, Features& f) {
    auto list_len = r.u16be();
    auto name_type = r.u8();
    auto name_len = r.u16be();
    if (list_len && name_type && name_len && *name_type == 0) f[kTlsChSniLen] = *name_len;  // host_name
}

void ch_alpn(ByteReader r, Features& f) {
    auto list_len = r.u16be();
    if (!list_len) return;
    ByteReader l(take_up_to(r, *list_len));
    std::size_t n = 0;
    while (auto len = l.u8()) {
        auto name = l.bytes(*len);
        if (!name) {
            if (n == 0) f[kTlsChAlpnFirst] = kNaN;  // ALPN present, its first name cut off
            break;
        }
        if (n == 0) f[kTlsChAlpnFirst] = static_cast<float>(alpn_code(
                        std::string_view(reinterpret_cast<const char*>(name->data()), name->size())));
        ++n;
    }
    f[kTlsChAlpnCount] = static_cast<float>(n);
}

void ch_supported_versions(ByteReader r, Features& f) {
    auto list_len = r.u8();
    if (!list_len) return;
    int best = -1;
    read_u16_list(r, *list_len, [&](std::size_t, std::uint16_t v) {
        if (is_grease(v)) f[kTlsChHasGrease] = 1;
        else best = std::max(best, int{v});
    });
    if (best >= 0) f[kTlsChSupportedVersionsMax] = static_cast<float>(best);
}

void ch_groups(ByteReader r, Features& f) {
    auto list_len = r.u16be();
    if (!list_len) return;
    const std::size_t n = read_u16_list(r, *list_len, [&](std::size_t i, std::uint16_t v) {
        if (is_grease(v)) f[kTlsChHasGrease] = 1;
        if (i < 2) f[kTlsChGroup0 + i] = fold_grease(v);
    });
    f[kTlsChGroupsCount] = static_cast<float>(n);
}

void ch_sig_algs(ByteReader r, Features& f) {
    auto list_len = r.u16be();
    if (!list_len) return;
    f[kTlsChSigAlgsCount] = static_cast<float>(read_u16_list(r, *list_len, [](std::size_t, std::uint16_t) {}));
}

// key_share entries are (group, key length, key): an entry counts once its group and length are seen.
void ch_key_share(ByteReader r, Features& f) {
    auto list_len = r.u16be();
    if (!list_len) return;
    ByteReader l(take_up_to(r, *list_len));
    std::size_t n = 0;
    for (;;) {
        auto group = l.u16be();
        auto key_len = l.u16be();
        if (!group || !key_len) break;
        if (is_grease(*group)) f[kTlsChHasGrease] = 1;
        ++n;
        if (!l.skip(*key_len)) break;
    }
    f[kTlsChKeyShareCount] = static_cast<float>(n);
}

void ch_extension(std::uint16_t type, std::span<const std::uint8_t> data, Features& f) {
    ByteReader r(data);
    switch (type) {
        case kExtServerName: ch_server_name(r, f); break;
        case kExtGroups: ch_groups(r, f); break;
        case kExtSigAlgs: ch_sig_algs(r, f); break;
        case kExtAlpn: ch_alpn(r, f); break;
        case kExtPsk: f[kTlsChPsk] = 1; break;
        case kExtSupportedVersions: ch_supported_versions(r, f); break;
        case kExtKeyShare: ch_key_share(r, f); break;
        default: break;
    }
}

// The extension block; the presence features start at 0 once it is reached (or known absent).
void ch_extensions(ByteReader& r, bool complete, Features& f) {
    if (r.remaining() == 0 && !complete) return;  // cut before the extensions: unknown
    f[kTlsChExtCount] = 0;
    f[kTlsChAlpnFirst] = 0;
    f[kTlsChAlpnCount] = 0;
    f[kTlsChPsk] = 0;
    if (r.remaining() == 0) {
        f[kTlsChExtLenTotal] = 0;  // a ClientHello without extensions (TLS 1.0 era)
        return;
    }
    auto total = r.u16be();
    if (!total) return;
    f[kTlsChExtLenTotal] = *total;
    ByteReader e(take_up_to(r, *total));
    std::size_t n = 0;
    for (;;) {
        auto type = e.u16be();
        auto len = e.u16be();
        if (!type || !len) break;
        if (is_grease(*type)) f[kTlsChHasGrease] = 1;
        if (n < kChExts) f[kTlsChExt0 + n] = fold_grease(*type);
        ++n;
        ch_extension(*type, take_up_to(e, *len), f);
    }
    f[kTlsChExtCount] = static_cast<float>(n);
}

// Version, session id, cipher suites and compression methods; false where the bytes end first.
bool ch_fixed_part(ByteReader& r, Features& f) {
    auto version = r.u16be();
    if (!version) return false;
    f[kTlsChVersion] = *version;
    auto sid_len = (r.skip(32) ? r.u8() : std::nullopt);  // the random is not a feature
    if (!sid_len) return false;
    f[kTlsChSessionIdLen] = *sid_len;
    auto cs_len = (r.skip(*sid_len) ? r.u16be() : std::nullopt);
    if (!cs_len) return false;
    f[kTlsChHasGrease] = 0;
    const std::size_t ciphers = read_u16_list(r, *cs_len, [&](std::size_t i, std::uint16_t v) {
        if (is_grease(v)) f[kTlsChHasGrease] = 1;
        if (i < kChCiphers) f[kTlsChCipher0 + i] = fold_grease(v);
    });
    f[kTlsChCipherCount] = static_cast<float>(ciphers);
    if (ciphers < *cs_len / 2u || !r.skip(*cs_len % 2u)) return false;
    auto comp_len = r.u8();
    if (!comp_len) return false;
    f[kTlsChCompressionCount] = static_cast<float>(std::min<std::size_t>(*comp_len, r.remaining()));
    return r.skip(*comp_len);
}

// The ClientHello of the first client message, parsed as far as its bytes go.
void tls_client_features(std::span<const std::uint8_t> msg, Features& f) {
    if (msg.empty()) return;
    f[kTlsCh] = 0;
    ByteReader r(msg);
    RecordHeader h;
    if (!read_record_header(r, h) || h.type != kContentHandshake) return;
    f[kTlsRecordVersion] = h.version;
    std::array<std::uint8_t, kGatherBytes> buf;
    const auto hello = open_handshake(gather_handshake(msg, buf), kClientHello);
    if (!hello) return;
    f[kTlsCh] = 1;
    if (!hello->length) return;
    f[kTlsChLen] = static_cast<float>(*hello->length);
    ByteReader b(hello->body);
    if (ch_fixed_part(b, f)) ch_extensions(b, hello->complete, f);
}

// Content types and lengths of the first records, as long as they look like TLS records.
void server_record_features(std::span<const std::uint8_t> msg, Features& f) {
    ByteReader r(msg);
    RecordHeader h;
    for (std::size_t i = 0; i < kSrvRecords && read_record_header(r, h); ++i) {
        f[kTlsSrvRecType0 + i] = h.type;
        f[kTlsSrvRecLen0 + i] = h.length;
        if (!r.skip(h.length)) break;  // the record continues past the message or the head
    }
}

// Types of the handshake messages in the first handshake record(s) (ServerHello, Certificate...).
void server_handshake_types(std::span<const std::uint8_t> hs, Features& f) {
    ByteReader r(hs);
    for (std::size_t i = 0; i < kSrvHandshakes; ++i) {
        auto type = r.u8();
        auto len = u24be(r);
        if (!type || !len) return;
        f[kTlsSrvHandshake0 + i] = *type;
        if (!r.skip(*len)) return;
    }
}

void sh_extensions(ByteReader& r, bool complete, Features& f) {
    if (r.remaining() == 0) {
        if (complete) f[kTlsShExtCount] = 0;  // a TLS 1.2 ServerHello may have none
        return;
    }
    auto total = r.u16be();
    if (!total) return;
    ByteReader e(take_up_to(r, *total));
    std::size_t n = 0;
    for (;;) {
        auto type = e.u16be();
        auto len = e.u16be();
        if (!type || !len) break;
        if (n < kShExts) f[kTlsShExt0 + n] = fold_grease(*type);
        ++n;
        ByteReader data(take_up_to(e, *len));
        if (*type == kExtSupportedVersions)
            if (auto v = data.u16be()) f[kTlsShSelectedVersion] = *v;
    }
    f[kTlsShExtCount] = static_cast<float>(n);
}

void server_hello(const Handshake& hello, Features& f) {
    ByteReader r(hello.body);
    auto version = r.u16be();
    if (!version) return;
    f[kTlsShVersion] = *version;
    auto sid_len = (r.skip(32) ? r.u8() : std::nullopt);
    if (!sid_len) return;
    f[kTlsShSessionIdLen] = *sid_len;
    auto cipher = (r.skip(*sid_len) ? r.u16be() : std::nullopt);
    if (!cipher) return;
    f[kTlsShCipher] = *cipher;
    if (r.skip(1)) sh_extensions(r, hello.complete, f);  // past the compression method
}

void tls_server_features(std::span<const std::uint8_t> msg, Features& f) {
    if (msg.empty()) return;
    f[kTlsSh] = 0;
    server_record_features(msg, f);
    std::array<std::uint8_t, kGatherBytes> buf;
    const auto hs = gather_handshake(msg, buf);
    server_handshake_types(hs, f);
    const auto hello = open_handshake(hs, kServerHello);
    if (!hello) return;
    f[kTlsSh] = 1;
    server_hello(*hello, f);
}

// ---- HTTP ----------------------------------------------------------------------------------------

std::string_view as_text(std::span<const std::uint8_t> b) {
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// A small stable code per header name, shared by requests and responses. Codes are positions
// in the model's columns: append, never renumber (or bump kFeatureVersion).
int header_code(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, int>, 30> kNames = {{
        {"host", 1}, {"user-agent", 2}, {"accept", 3}, {"accept-encoding", 4}, {"accept-language", 5},
        {"connection", 6}, {"cookie", 7}, {"content-type", 8}, {"content-length", 9}, {"referer", 10},
        {"origin", 11}, {"cache-control", 12}, {"x-requested-with", 13}, {"upgrade-insecure-requests", 14},
        {"authorization", 15}, {"range", 16}, {"if-modified-since", 17}, {"if-none-match", 18}, {"pragma", 19},
        {"dnt", 20}, {"server", 24}, {"date", 25}, {"content-encoding", 26}, {"transfer-encoding", 27},
        {"set-cookie", 28}, {"etag", 29}, {"last-modified", 30}, {"expires", 31}, {"vary", 32},
        {"location", 33},
    }};
    for (const auto& [n, code] : kNames)
        if (iequals(name, n)) return code;
    if (istarts_with(name, "sec-")) return 21;
    if (istarts_with(name, "x-")) return 22;
    return 23;
}
constexpr int kHeaderUserAgent = 2, kHeaderCookie = 7;

struct HeaderScan {
    std::size_t count = 0;
    bool cookie = false;
    std::optional<std::size_t> ua_len;
};

// Header lines from `pos` to the blank line or the end of the bytes (the head may cut the last
// line: a header counts once its name and colon are seen). Writes the first codes to `codes`.
HeaderScan scan_headers(std::string_view s, std::size_t pos, float* codes, std::size_t max_codes) {
    HeaderScan scan;
    while (pos < s.size()) {
        const std::size_t eol = s.find('\n', pos);
        std::string_view line = s.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) break;  // end of the headers (or of the bytes)
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos) {
            const int code = header_code(trim_header_space(line.substr(0, colon)));
            if (scan.count < max_codes) codes[scan.count] = static_cast<float>(code);
            ++scan.count;
            if (code == kHeaderCookie) scan.cookie = true;
            if (code == kHeaderUserAgent) scan.ua_len = trim_header_space(line.substr(colon + 1)).size();
        }
        if (eol == std::string_view::npos) break;
        pos = eol + 1;
    }
    return scan;
}

// The request target (path and query) and version of a request line, after the method.
void request_line(std::string_view rest, Features& f) {
    const std::size_t sp = rest.find(' ');
    const std::string_view target = rest.substr(0, sp);
    const std::size_t q = target.find('?');
    const std::string_view path = target.substr(0, q);
    f[kHttpPathLen] = static_cast<float>(path.size());
    f[kHttpPathDepth] = static_cast<float>(std::count(path.begin(), path.end(), '/'));
    f[kHttpQueryLen] = q == std::string_view::npos ? 0.0f : static_cast<float>(target.size() - q - 1);
    if (sp == std::string_view::npos) return;
    const std::string_view version = trim_header_space(rest.substr(sp + 1));
    if (version == "HTTP/1.0") f[kHttpVersion] = 10;
    if (version == "HTTP/1.1") f[kHttpVersion] = 11;
}

void http_request_features(std::span<const std::uint8_t> msg, Features& f) {
    static constexpr std::array<std::string_view, 9> kMethods = {"GET",     "POST",    "HEAD",  "PUT",  "DELETE",
                                                                 "OPTIONS", "CONNECT", "PATCH", "TRACE"};
    if (msg.empty()) return;
    f[kHttpReq] = 0;
    const std::string_view s = as_text(msg);
    auto starts_with_method = [&](std::string_view m) {
        return s.size() > m.size() && s.starts_with(m) && s[m.size()] == ' ';
    };
    std::size_t method = 0;
    while (method < kMethods.size() && !starts_with_method(kMethods[method])) ++method;
    if (method == kMethods.size()) return;
    f[kHttpReq] = 1;
    f[kHttpMethod] = static_cast<float>(method + 1);
    const std::size_t eol = s.find('\n');
    std::string_view line = s.substr(0, eol);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    request_line(line.substr(std::min(line.size(), kMethods[method].size() + 1)), f);
    if (eol == std::string_view::npos) return;  // the headers are past the head
    const HeaderScan scan = scan_headers(s, eol + 1, &f[kHttpHdr0], kReqHeaders);
    f[kHttpHeaderCount] = static_cast<float>(scan.count);
    f[kHttpHasCookie] = scan.cookie ? 1.0f : 0.0f;
    if (scan.ua_len) f[kHttpUaLen] = static_cast<float>(*scan.ua_len);
}

void http_response_features(std::span<const std::uint8_t> msg, Features& f) {
    if (msg.empty()) return;
    const std::string_view s = as_text(msg);
    f[kHttpResp] = s.starts_with("HTTP/1.") ? 1.0f : 0.0f;
    if (!s.starts_with("HTTP/1.")) return;
    auto digit = [&](std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
    if (s.size() > 8 && s[8] == ' ' && digit(9) && digit(10) && digit(11))
        f[kHttpStatus] = static_cast<float>((s[9] - '0') * 100 + (s[10] - '0') * 10 + (s[11] - '0'));
    const std::size_t eol = s.find('\n');
    if (eol == std::string_view::npos) return;
    const HeaderScan scan = scan_headers(s, eol + 1, &f[kHttpRespHdr0], kRespHeaders);
    f[kHttpRespHeaderCount] = static_cast<float>(scan.count);
}

// ---- DNS and byte statistics ---------------------------------------------------------------------

void dns_features(const FlowView& v, std::span<const std::uint8_t> msg, Features& f) {
    if (msg.empty()) return;
    f[kDnsLike] = 0;
    if (v.l4proto != packet::kProtoUdp || msg.size() < 12) return;
    ByteReader r(msg);
    r.skip(2);  // id
    const auto flags = r.u16be();
    const auto qdcount = r.u16be();
    if ((*flags & 0x8000) || *qdcount < 1 || *qdcount > 4) return;  // a response, or no question
    f[kDnsLike] = 1;
    r.skip(6);  // answer, authority, additional counts
    for (;;) {  // the question name: labels up to the root, or a compression pointer
        auto len = r.u8();
        if (!len) return;
        if (*len == 0) break;
        if ((*len & 0xc0) == 0xc0) {
            if (!r.skip(1)) return;
            break;
        }
        if (*len > 63 || !r.skip(*len)) return;
    }
    if (auto qtype = r.u16be()) f[kDnsQtype] = *qtype;
}

void byte_stat_features(const FirstMessages& m, Features& f) {
    for (int d = 0; d < 2; ++d) {
        const auto bytes = m.bytes[d].first(std::min(m.bytes[d].size(), kStatsBytes));
        if (bytes.empty()) continue;
        std::array<std::uint16_t, 256> counts{};
        std::size_t printable = 0;
        for (std::uint8_t b : bytes) {
            ++counts[b];
            if ((b >= 0x20 && b <= 0x7e) || b == '\r' || b == '\n' || b == '\t') ++printable;
        }
        const double n = static_cast<double>(bytes.size());
        double entropy = 0;
        for (auto c : counts)
            if (c) entropy -= (c / n) * std::log2(c / n);
        f[kPrintableC2s + d] = static_cast<float>(printable / n);
        f[kEntropyC2s + d] = static_cast<float>(entropy);
    }
}

void extract_all(const FlowView& v, Features& f) {
    flow_features(v, f);
    payload_packet_features(v, f);
    const FirstMessages m = message_features(v, f);
    message_byte_features(m, f);
    tls_client_features(m.bytes[0], f);
    tls_server_features(m.bytes[1], f);
    http_request_features(m.bytes[0], f);
    http_response_features(m.bytes[1], f);
    dns_features(v, m.bytes[0], f);
    byte_stat_features(m, f);
}

}  // namespace

FlowView view_of(const flow::FlowRecord& r) {
    FlowView v;
    v.l4proto = r.key.l4proto;
    v.client_port = r.key.client_port;
    v.server_port = r.key.server_port;
    v.packets_c2s = r.packets_c2s;
    v.packets_s2c = r.packets_s2c;
    v.bytes_c2s = r.bytes_c2s;
    v.bytes_s2c = r.bytes_s2c;
    v.duration_ns = r.last_ns - r.first_ns;
    v.head = r.head;
    v.shape = r.shape;
    return v;
}

std::size_t feature_count() { return kCount; }

const std::vector<std::string>& feature_names() {
    static const std::vector<std::string> names = build_names();
    return names;
}

void extract(const FlowView& flow, std::span<float> out) {
    Features f;
    f.fill(kNaN);
    try {
        extract_all(flow, f);
    } catch (...) {
        f.fill(kNaN);  // nothing here should throw; if it ever does, no half-read values
    }
    std::copy_n(f.begin(), std::min(out.size(), f.size()), out.begin());
}

}  // namespace flowcnn::features
