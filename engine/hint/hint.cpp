#include "engine/hint/hint.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "engine/common/ascii.h"
#include "engine/common/byte_reader.h"

namespace flowcnn::hint {
namespace {

constexpr std::uint8_t kContentHandshake = 22;
constexpr std::uint8_t kHandshakeClientHello = 1;
constexpr std::size_t kRecordHeader = 5;
constexpr std::size_t kMaxRecordLength = 16384 + 2048;  // TLSCiphertext bound

bool valid_name_char(std::uint8_t c) { return c > 0x20 && c < 0x7f; }

HintResult not_found() { return {HintStatus::NotFound, {}}; }

// Parses a complete ClientHello body (after the 4-byte handshake header).
HintResult parse_client_hello(std::span<const std::uint8_t> body) {
    ByteReader r(body);
    if (!r.skip(2 + 32)) return not_found();  // legacy_version, random
    auto sid_len = r.u8();
    if (!sid_len || !r.skip(*sid_len)) return not_found();
    auto cs_len = r.u16be();
    if (!cs_len || !r.skip(*cs_len)) return not_found();
    auto comp_len = r.u8();
    if (!comp_len || !r.skip(*comp_len)) return not_found();
    if (r.remaining() == 0) return not_found();  // no extensions
    auto ext_total = r.u16be();
    if (!ext_total) return not_found();
    auto ext_bytes = r.bytes(std::min<std::size_t>(*ext_total, r.remaining()));
    ByteReader e(*ext_bytes);
    while (e.remaining() >= 4) {
        auto type = e.u16be();
        auto len = e.u16be();
        auto data = e.bytes(*len);
        if (!data) return not_found();
        if (*type != 0) continue;  // server_name
        ByteReader s(*data);
        auto list_len = s.u16be();
        if (!list_len) return not_found();
        auto list = s.bytes(std::min<std::size_t>(*list_len, s.remaining()));
        ByteReader l(*list);
        while (l.remaining() >= 3) {
            auto name_type = l.u8();
            auto name_len = l.u16be();
            auto name = l.bytes(*name_len);
            if (!name) return not_found();
            if (*name_type != 0) continue;  // host_name
            if (name->empty() || name->size() > kMaxNameLength) return not_found();
            if (!std::all_of(name->begin(), name->end(), valid_name_char)) return not_found();
            return {HintStatus::Found, std::string(name->begin(), name->end())};
        }
        return not_found();
    }
    return not_found();
}

}  // namespace

HintResult tls_sni(std::span<const std::uint8_t> data) {
    // Fast path: the whole ClientHello inside the first record, parsed in place.
    ByteReader r(data);
    auto type = r.u8();
    if (!type) return {HintStatus::NeedMore, {}};
    if (*type != kContentHandshake) return not_found();
    auto major = r.u8();
    if (!major) return {HintStatus::NeedMore, {}};
    if (*major != 3) return not_found();
    if (!r.skip(1)) return {HintStatus::NeedMore, {}};
    auto rec_len = r.u16be();
    if (!rec_len) return {HintStatus::NeedMore, {}};
    if (*rec_len == 0 || *rec_len > kMaxRecordLength) return not_found();
    // Handshake header: type and 24-bit length; the message may continue in later records.
    auto first = r.bytes(std::min<std::size_t>(*rec_len, r.remaining()));
    if (first->empty()) return {HintStatus::NeedMore, {}};
    if ((*first)[0] != kHandshakeClientHello) return not_found();
    if (first->size() < 4) {
        if (*rec_len < 4) return not_found();  // we do not reassemble a split handshake header
        return {HintStatus::NeedMore, {}};
    }
    const std::size_t msg_len = (std::size_t{(*first)[1]} << 16) | (std::size_t{(*first)[2]} << 8) | (*first)[3];
    if (msg_len < 2 + 32 + 1 + 2 + 1 || msg_len > kMaxHintBytes) return not_found();
    if (first->size() >= 4 + msg_len) return parse_client_hello(first->subspan(4, msg_len));
    if (first->size() < *rec_len) return {HintStatus::NeedMore, {}};
    // The message spans records: gather the handshake fragments (bounded by msg_len).
    std::vector<std::uint8_t> msg(first->begin() + 4, first->end());
    while (msg.size() < msg_len) {
        auto t = r.u8();
        auto maj = r.u8();
        bool minor = r.skip(1);
        auto len = r.u16be();
        if (!t || !maj || !minor || !len) return {HintStatus::NeedMore, {}};
        if (*t != kContentHandshake || *maj != 3 || *len == 0 || *len > kMaxRecordLength)
            return not_found();
        auto frag = r.bytes(std::min<std::size_t>(*len, r.remaining()));
        const std::size_t take = std::min(frag->size(), msg_len - msg.size());
        msg.insert(msg.end(), frag->begin(), frag->begin() + static_cast<std::ptrdiff_t>(take));
        if (frag->size() < *len && msg.size() < msg_len) return {HintStatus::NeedMore, {}};
    }
    return parse_client_hello(msg);
}

HintResult http_host(std::span<const std::uint8_t> data) {
    static constexpr std::array<std::string_view, 9> kMethods = {
        "GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "CONNECT ", "PATCH ", "TRACE "};
    std::string_view s(reinterpret_cast<const char*>(data.data()), data.size());
    bool method = false;
    bool partial = false;
    for (auto m : kMethods) {
        if (s.size() >= m.size() ? s.substr(0, m.size()) == m : m.substr(0, s.size()) == s) {
            method = s.size() >= m.size();
            partial = !method;
            if (method) break;
        }
    }
    if (partial) return {HintStatus::NeedMore, {}};
    if (!method) return not_found();
    std::size_t pos = s.find('\n');
    if (pos == std::string_view::npos) return {HintStatus::NeedMore, {}};
    ++pos;  // past the request line
    while (pos < s.size()) {
        const std::size_t eol = s.find('\n', pos);
        if (eol == std::string_view::npos) return {HintStatus::NeedMore, {}};
        std::string_view line = s.substr(pos, eol - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) return not_found();  // end of headers
        if (istarts_with(line, "host:")) {
            std::string_view v = trim_header_space(line.substr(5));
            if (v.empty() || v.size() > kMaxNameLength) return not_found();
            if (!std::all_of(v.begin(), v.end(), [](char c) { return valid_name_char(static_cast<std::uint8_t>(c)); }))
                return not_found();
            return {HintStatus::Found, std::string(v)};
        }
        pos = eol + 1;
    }
    return {HintStatus::NeedMore, {}};
}

HintStatus find_hints(std::span<const std::uint8_t> data, std::string& sni, std::string& host) {
    if (data.empty()) return HintStatus::NeedMore;
    const bool can_grow = data.size() < kMaxHintBytes;
    if (data[0] == kContentHandshake) {
        auto t = tls_sni(data);
        if (t.status == HintStatus::Found) sni = std::move(t.value);
        if (t.status == HintStatus::NeedMore && can_grow) return HintStatus::NeedMore;
        return t.status == HintStatus::Found ? HintStatus::Found : HintStatus::NotFound;
    }
    auto h = http_host(data);
    if (h.status == HintStatus::Found) host = std::move(h.value);
    if (h.status == HintStatus::NeedMore && can_grow) return HintStatus::NeedMore;
    return h.status == HintStatus::Found ? HintStatus::Found : HintStatus::NotFound;
}

}  // namespace flowcnn::hint
