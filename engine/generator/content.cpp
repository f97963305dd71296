#include "engine/generator/content.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "engine/common/error.h"

namespace flowcnn::generator::detail {
namespace {

constexpr std::string_view kHexLower = "0123456789abcdef";
constexpr std::string_view kHexUpper = "0123456789ABCDEF";
constexpr std::string_view kAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view kB64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kDigits = "0123456789";
constexpr std::int64_t kMs = 1'000'000;
// Bodies are capped so that the default data set (13,000 flows) stays near 100 MB: only the first
// 784 payload bytes of a flow make its image, the rest is there for realistic flow statistics.
constexpr int kMaxBody = 24000;

bool unreserved(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

std::string percent_encode(std::string_view s) {
    std::string o;
    for (unsigned char c : s) {
        if (unreserved(c)) {
            o += static_cast<char>(c);
        } else if (c == ' ') {
            o += '+';
        } else {
            o += '%';
            o += kHexUpper[c >> 4];
            o += kHexUpper[c & 15];
        }
    }
    return o;
}

template <class T>
const T& pick_weighted(Rand& r, const std::vector<T>& v) {
    int total = 0;
    for (const auto& e : v) total += e.weight;
    int x = r.range(0, total - 1);
    for (const auto& e : v) {
        if (x < e.weight) return e;
        x -= e.weight;
    }
    return v.back();
}

bool contains(const std::vector<std::uint16_t>& v, std::uint16_t x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

// ---------------------------------------------------------------- TLS

std::uint16_t grease(Rand& r) {
    unsigned g = (static_cast<unsigned>(r.range(0, 15)) << 4) | 0x0a;
    return static_cast<std::uint16_t>((g << 8) | g);
}

Bytes handshake(std::uint8_t type, const Bytes& body) {
    Bytes h;
    put8(h, type);
    put24(h, static_cast<unsigned>(body.size()));
    put_bytes(h, body);
    return h;
}

void record(Bytes& out, std::uint8_t type, std::uint16_t version, const Bytes& body) {
    put8(out, type);
    put16(out, version);
    put16(out, static_cast<unsigned>(body.size()));
    put_bytes(out, body);
}

void change_cipher_spec(Bytes& out) {
    const std::uint8_t ccs[] = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01};
    out.insert(out.end(), std::begin(ccs), std::end(ccs));
}

// Encrypted records: random bytes behind correct record headers. `plain` bytes of content, split
// at the 16 KiB record limit; the AEAD overhead is 8+16 (TLS 1.2 GCM) or 1+16 (TLS 1.3).
void encrypted(Bytes& out, Rand& r, std::size_t plain, bool tls13, std::uint8_t type = 0x17) {
    do {
        std::size_t n = std::min<std::size_t>(plain, 16384);
        std::size_t len = n + (tls13 ? 17 : 24);
        put8(out, tls13 ? 0x17 : type);
        put16(out, 0x0303);
        put16(out, static_cast<unsigned>(len));
        r.fill(out, len);
        plain -= n;
    } while (plain > 0);
}

struct Hello {
    Bytes record;
    Bytes session_id;
};

// A session ticket as servers issue them (RFC 5077's recommended layout, used by OpenSSL and
// nginx): the 16-byte name of the server's current ticket key, a random IV, the encrypted session
// state (a fixed size for one server stack) and an HMAC. The key name is the same in every ticket
// an application's servers issue until they rotate the key.
Bytes session_ticket(Rand& r, const AppSpec& app) {
    Rand key(splitmix64(fnv1a(app.cert_cn) ^ 0x7469636b65746b6eULL));
    Bytes t;
    key.fill(t, 16);
    const std::size_t state = 112 + (fnv1a(app.name) % 6) * 16;
    r.fill(t, 16 + state + 32);
    return t;
}

// key_share: a GREASE share first when the client greases, then one share per group.
void put_key_shares(Bytes& b, Rand& r, const ClientSpec& c) {
    auto l = open16(b);
    if (c.grease) {
        put16(b, grease(r));
        put16(b, 1);
        put8(b, 0);
    }
    for (auto g : c.key_shares) {
        put16(b, g);
        if (g == 0x001d) {
            put16(b, 32);
            r.fill(b, 32);
        } else {
            put16(b, 65);
            put8(b, 4);
            r.fill(b, 64);
        }
    }
    close16(b, l);
}

// The body of the lists that a hello carries: server name, groups, algorithms, ALPN, versions.
// False for an extension that is not one of them.
bool put_list_extension(Bytes& b, Rand& r, const ClientSpec& c, std::uint16_t e, const std::string& sni) {
    switch (e) {
    case 0x0000: {  // server_name
        auto list = open16(b);
        put8(b, 0);
        put16(b, static_cast<unsigned>(sni.size()));
        put_str(b, sni);
        close16(b, list);
        return true;
    }
    case 0x000a: {  // supported_groups
        auto l = open16(b);
        if (c.grease) put16(b, grease(r));
        for (auto g : c.groups) put16(b, g);
        close16(b, l);
        return true;
    }
    case 0x000d: {  // signature_algorithms
        auto l = open16(b);
        for (auto s : c.sigalgs) put16(b, s);
        close16(b, l);
        return true;
    }
    case 0x0010: {  // ALPN
        auto l = open16(b);
        for (const auto& p : c.alpn) {
            put8(b, static_cast<unsigned>(p.size()));
            put_str(b, p);
        }
        close16(b, l);
        return true;
    }
    case 0x002b: {  // supported_versions
        auto l = open8(b);
        if (c.grease) put16(b, grease(r));
        for (auto v : c.versions) put16(b, v);
        close8(b, l);
        return true;
    }
    case 0x0033:  // key_share
        put_key_shares(b, r, c);
        return true;
    default: return false;
    }
}

// The body of extension `e` (its type and length are written around it).
void put_extension(Bytes& b, Rand& r, const ClientSpec& c, std::uint16_t e, const std::string& sni,
                   const Bytes* ticket) {
    if (put_list_extension(b, r, c, e, sni)) return;
    switch (e) {
    case 0x0005:  // status_request (OCSP)
        put8(b, 1);
        put32(b, 0);
        break;
    case 0x000b:  // ec_point_formats
        put8(b, 1);
        put8(b, 0);
        break;
    case 0x001b:  // compress_certificate: brotli
        put8(b, 2);
        put16(b, 2);
        break;
    case 0x001c:  // record_size_limit
        put16(b, 0x4001);
        break;
    case 0x0022: {  // delegated_credentials
        auto l = open16(b);
        for (std::uint16_t s : {0x0403, 0x0503, 0x0603, 0x0203}) put16(b, s);
        close16(b, l);
        break;
    }
    case 0x0023:  // session_ticket: a ticket when resuming
        if (ticket) put_bytes(b, *ticket);
        break;
    case 0x002d:  // psk_key_exchange_modes: psk_dhe_ke
        put8(b, 1);
        put8(b, 1);
        break;
    case 0x4469: {  // application_settings (ALPS): h2
        auto l = open16(b);
        put8(b, 2);
        put_str(b, "h2");
        close16(b, l);
        break;
    }
    case 0xff01:  // renegotiation_info
        put8(b, 0);
        break;
    case 0x000f:  // heartbeat: peer_allowed_to_send
        put8(b, 1);
        break;
    default:  // extended_master_secret, SCT, encrypt_then_mac, ...: empty
        break;
    }
}

// BoringSSL pads hellos of 256..511 bytes to 512; Firefox adds an empty padding extension.
void put_padding(Bytes& b, const ClientSpec& c) {
    std::size_t len = b.size() + 4;
    if (c.pad_to_512 && len > 0xff && len < 0x200) {
        std::size_t pad = 0x200 - len;
        pad = pad >= 5 ? pad - 4 : 1;
        put16(b, 0x0015);
        put16(b, static_cast<unsigned>(pad));
        b.insert(b.end(), pad, 0);
    } else if (!c.pad_to_512) {
        put16(b, 0x0015);
        put16(b, 0);
    }
}

Hello client_hello(Rand& r, const ClientSpec& c, const std::string& sni, const Bytes* ticket) {
    Hello h;
    Bytes b;
    put16(b, 0x0303);
    r.fill(b, 32);
    if (c.session_id) r.fill(h.session_id, 32);
    put8(b, static_cast<unsigned>(h.session_id.size()));
    put_bytes(b, h.session_id);
    auto at = open16(b);
    if (c.grease) put16(b, grease(r));
    for (auto s : c.suites) put16(b, s);
    close16(b, at);
    put8(b, 1);
    put8(b, 0);
    auto ext = open16(b);
    bool first_grease = true;
    for (auto e : c.extensions) {
        if (e == 0x0015) continue;  // padding: last, sized below
        if (e == kGreaseExt) {
            put16(b, grease(r));
            if (first_grease) {
                put16(b, 0);
            } else {
                put16(b, 1);
                put8(b, 0);
            }
            first_grease = false;
            continue;
        }
        put16(b, e);
        auto body = open16(b);
        put_extension(b, r, c, e, sni, ticket);
        close16(b, body);
    }
    if (contains(c.extensions, 0x0015)) put_padding(b, c);
    close16(b, ext);
    record(h.record, 0x16, c.record_version, handshake(1, b));
    return h;
}

Bytes server_hello(Rand& r, const Bytes& session_id, std::uint16_t suite, bool tls13, bool ems,
                   const std::string& alpn, bool ticket, bool versions_first = false) {
    Bytes b;
    put16(b, 0x0303);
    r.fill(b, 32);
    put8(b, static_cast<unsigned>(session_id.size()));
    put_bytes(b, session_id);
    put16(b, suite);
    put8(b, 0);
    auto ext = open16(b);
    if (tls13) {
        // Server stacks differ in extension order (OpenSSL: supported_versions first; BoringSSL:
        // key_share first).
        if (!versions_first) {
            put16(b, 0x0033);
            put16(b, 36);
            put16(b, 0x001d);
            put16(b, 32);
            r.fill(b, 32);
        }
        put16(b, 0x002b);
        put16(b, 2);
        put16(b, 0x0304);
        if (versions_first) {
            put16(b, 0x0033);
            put16(b, 36);
            put16(b, 0x001d);
            put16(b, 32);
            r.fill(b, 32);
        }
    } else {
        put16(b, 0xff01);
        put16(b, 1);
        put8(b, 0);
        if (ems) {
            put16(b, 0x0017);
            put16(b, 0);
        }
        put16(b, 0x000b);
        put16(b, 4);
        put8(b, 3);
        put8(b, 0);
        put8(b, 1);
        put8(b, 2);
        if (ticket) {
            put16(b, 0x0023);
            put16(b, 0);
        }
        if (!alpn.empty()) {
            put16(b, 0x0010);
            auto a = open16(b);
            auto l = open16(b);
            put8(b, static_cast<unsigned>(alpn.size()));
            put_str(b, alpn);
            close16(b, l);
            close16(b, a);
        }
    }
    close16(b, ext);
    return handshake(2, b);
}

// --- a little DER, enough for certificates that parse as X.509 structures
Bytes der(std::uint8_t tag, const Bytes& content) {
    Bytes b;
    put8(b, tag);
    std::size_t n = content.size();
    if (n < 0x80) {
        put8(b, static_cast<unsigned>(n));
    } else if (n < 0x100) {
        put8(b, 0x81);
        put8(b, static_cast<unsigned>(n));
    } else {
        put8(b, 0x82);
        put16(b, static_cast<unsigned>(n));
    }
    put_bytes(b, content);
    return b;
}
Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes b;
    for (const auto& p : parts) put_bytes(b, p);
    return b;
}
Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }
Bytes oid(std::initializer_list<std::uint8_t> encoded) { return der(0x06, Bytes(encoded)); }

Bytes der_name(const std::string& country, const std::string& org, const std::string& cn) {
    auto rdn = [](std::uint8_t attr, std::uint8_t str_tag, const std::string& v) {
        return der(0x31, der(0x30, cat({oid({0x55, 0x04, attr}), der(str_tag, text(v))})));
    };
    return der(0x30, cat({rdn(0x06, 0x13, country), rdn(0x0a, 0x0c, org), rdn(0x03, 0x0c, cn)}));
}

Bytes certificate(Rand& r, const std::string& subject_cn, const std::string& subject_org,
                  const std::string& issuer_cn, const std::string& issuer_org,
                  const std::vector<std::string>& sans) {
    Bytes sha256_rsa = der(0x30, cat({oid({0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b}), der(0x05, {})}));
    Bytes serial{0x0c};
    r.fill(serial, 15);
    Bytes validity = der(0x30, cat({der(0x17, text("190115000000Z")), der(0x17, text("200215120000Z"))}));
    Bytes modulus{0x00, 0xc3};
    r.fill(modulus, 255);
    Bytes rsa_key = der(0x30, cat({der(0x02, modulus), der(0x02, Bytes{0x01, 0x00, 0x01})}));
    Bytes bitkey{0x00};
    put_bytes(bitkey, rsa_key);
    Bytes spki = der(0x30, cat({der(0x30, cat({oid({0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01}),
                                               der(0x05, {})})),
                                der(0x03, bitkey)}));
    Bytes names;
    for (const auto& s : sans) put_bytes(names, der(0x82, text(s)));
    Bytes exts;
    if (!sans.empty())
        exts = der(0xa3, der(0x30, der(0x30, cat({oid({0x55, 0x1d, 0x11}), der(0x04, der(0x30, names))}))));
    Bytes tbs = der(0x30, cat({der(0xa0, der(0x02, Bytes{0x02})), der(0x02, serial), sha256_rsa,
                               der_name("US", issuer_org, issuer_cn), validity,
                               der_name(subject_org == issuer_org ? "US" : "KR", subject_org, subject_cn), spki,
                               exts}));
    Bytes sig{0x00};
    r.fill(sig, 256);
    return der(0x30, cat({tbs, sha256_rsa, der(0x03, sig)}));
}

// A server sends the same chain on every connection: the serial, key and signature bytes come
// from the certificate's names, not from the flow (random bytes here made every TLS 1.2 flow's
// certificate look different, unlike any real capture).
Bytes certificate_message(const AppSpec& app) {
    Bytes list;
    auto add = [&](const Bytes& cert) {
        put24(list, static_cast<unsigned>(cert.size()));
        put_bytes(list, cert);
    };
    Rand leaf(splitmix64(fnv1a(app.cert_cn) ^ fnv1a(app.issuer_cn)));
    Rand intermediate(splitmix64(fnv1a(app.issuer_cn) ^ fnv1a(app.root_cn)));
    add(certificate(leaf, app.cert_cn, app.name + " Corp.", app.issuer_cn, app.issuer_org, app.cert_sans));
    add(certificate(intermediate, app.issuer_cn, app.issuer_org, app.root_cn, app.issuer_org, {}));
    Bytes body;
    put24(body, static_cast<unsigned>(list.size()));
    put_bytes(body, list);
    return handshake(11, body);
}

enum class KeyExchange { Ecdhe, Dhe, Rsa };
KeyExchange key_exchange(std::uint16_t suite) {
    if ((suite >> 8) == 0xc0 || (suite >> 8) == 0xcc) return KeyExchange::Ecdhe;
    if (suite == 0x009e || suite == 0x009f || suite == 0x0033 || suite == 0x0039) return KeyExchange::Dhe;
    return KeyExchange::Rsa;
}

Bytes server_key_exchange(Rand& r, KeyExchange kx) {
    Bytes b;
    if (kx == KeyExchange::Ecdhe) {
        put8(b, 3);
        put16(b, 0x001d);
        put8(b, 32);
        r.fill(b, 32);
    } else {
        put16(b, 256);  // p
        put8(b, 0xff);
        r.fill(b, 255);
        put16(b, 1);  // g
        put8(b, 2);
        put16(b, 256);  // Ys
        r.fill(b, 256);
    }
    put16(b, 0x0401);
    put16(b, 256);
    r.fill(b, 256);
    return handshake(12, b);
}

Bytes client_key_exchange(Rand& r, KeyExchange kx) {
    Bytes b;
    if (kx == KeyExchange::Ecdhe) {
        put8(b, 32);
        r.fill(b, 32);
    } else {
        put16(b, 256);
        r.fill(b, 256);
    }
    return handshake(16, b);
}

Bytes new_session_ticket(Rand& r, const AppSpec& app) {
    Bytes b;
    put32(b, 100800);
    Bytes t = session_ticket(r, app);
    put16(b, static_cast<unsigned>(t.size()));
    put_bytes(b, t);
    return handshake(4, b);
}

// ---------------------------------------------------------------- HTTP

std::string http_date(std::int64_t unix_s) {
    static const char* const kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::int64_t days = unix_s / 86400, secs = unix_s % 86400;
    // civil_from_days (H. Hinnant)
    std::int64_t z = days + 719468;
    std::int64_t era = z / 146097;
    std::int64_t doe = z - era * 146097;
    std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = yoe + era * 400;
    std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    std::int64_t mp = (5 * doy + 2) / 153;
    std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[days % 7], static_cast<int>(d),
                  kMonths[m - 1], static_cast<int>(y), static_cast<int>(secs / 3600),
                  static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    return buf;
}

std::string words(Rand& r, const AppSpec& app, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) {
        if (i) s += ' ';
        s += app.words.empty() ? std::string("item") : r.pick(app.words);
    }
    return s;
}

std::string html_body(Rand& r, const AppSpec& app, std::size_t size, std::int64_t ns) {
    std::string s = "<!DOCTYPE html>\n<html lang=\"" + app.html_lang + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    if (r.chance(0.5)) s += "<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\">\n";
    s += "<title>" + app.title + "</title>\n";
    s += "<link rel=\"stylesheet\" type=\"text/css\" href=\"" + expand(app.static_base, r, app, ns) + "/css/" +
         expand("{word}.{hex8}", r, app, ns) + ".css\">\n";
    s += "<script type=\"text/javascript\" src=\"" + expand(app.static_base, r, app, ns) + "/js/" +
         expand("{hex8}", r, app, ns) + ".js\"></script>\n</head>\n<body>\n";
    while (s.size() < size) {
        switch (r.range(0, 3)) {
        case 0:
            s += "<div class=\"" + expand("{word}", r, app, ns) + "\"><a href=\"/" + expand("{alnum8}", r, app, ns) +
                 "\" class=\"link_" + expand("{num2}", r, app, ns) + "\">" + words(r, app, r.range(1, 6)) +
                 "</a></div>\n";
            break;
        case 1:
            s += "<li><span class=\"" + expand("{word}", r, app, ns) + "\">" + words(r, app, r.range(2, 9)) +
                 "</span></li>\n";
            break;
        case 2:
            s += "<img src=\"" + expand(app.static_base, r, app, ns) + "/img/" + expand("{hex16}", r, app, ns) +
                 ".png\" width=\"" + std::to_string(r.range(16, 320)) + "\" alt=\"" + words(r, app, 1) + "\">\n";
            break;
        default:
            s += "<p>" + words(r, app, r.range(5, 20)) + "</p>\n";
        }
    }
    s += "</body>\n</html>\n";
    return s;
}

std::string json_body(Rand& r, const AppSpec& app, std::size_t size, std::int64_t ns) {
    std::string s = expand(app.json_head, r, app, ns);
    bool first = true;
    do {
        if (!first) s += ',';
        first = false;
        s += expand(app.json_item, r, app, ns);
    } while (s.size() < size);
    s += expand(app.json_tail, r, app, ns);
    return s;
}

std::string script_body(Rand& r, const AppSpec& app, std::size_t size, std::int64_t ns) {
    std::string s = "!function(e,t){\"use strict\";";
    while (s.size() < size) {
        s += "var " + expand("{alnum2}", r, app, ns) + "=function(" + expand("{alnum1},{alnum1}", r, app, ns) +
             "){return " + expand("{alnum1}", r, app, ns) + ".getElementById(\"" + expand("{word}", r, app, ns) +
             "\")||" + expand("{num3}", r, app, ns) + "};";
    }
    s += "}(window,document);\n";
    return s;
}

std::string css_body(Rand& r, const AppSpec& app, std::size_t size, std::int64_t ns) {
    std::string s;
    while (s.size() < size)
        s += expand(".{word} .{alnum6}{margin:0;padding:{num1}px {num2}px;color:#{hex6};font-size:1{num1}px}\n", r,
                    app, ns);
    return s;
}

Bytes image_body(Rand& r, const std::string& content_type, std::size_t size) {
    Bytes b;
    if (content_type == "image/png") {
        const std::uint8_t sig[] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        b.insert(b.end(), std::begin(sig), std::end(sig));
        put32(b, static_cast<std::uint32_t>(r.range(16, 640)));
        put32(b, static_cast<std::uint32_t>(r.range(16, 480)));
        put8(b, 8);
        put8(b, 6);
        put16(b, 0);
        put8(b, 0);
        r.fill(b, 4);
        put32(b, static_cast<std::uint32_t>(size));
        put_str(b, "IDAT");
    } else if (content_type == "image/gif") {
        put_str(b, "GIF89a");
        put8(b, static_cast<unsigned>(r.range(1, 255)));
        put8(b, 0);
        put8(b, static_cast<unsigned>(r.range(1, 255)));
        put8(b, 0);
        put8(b, 0xf7);
        put16(b, 0);
    } else {
        const std::uint8_t jfif[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01,
                                     0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xdb, 0x00, 0x43, 0x00};
        b.insert(b.end(), std::begin(jfif), std::end(jfif));
        int q = r.range(2, 12);
        for (int i = 0; i < 64; ++i) put8(b, static_cast<unsigned>(std::min(255, q + i * q / 8)));
        const std::uint8_t sof[] = {0xff, 0xc0, 0x00, 0x11, 0x08};
        b.insert(b.end(), std::begin(sof), std::end(sof));
        put16(b, static_cast<unsigned>(r.range(60, 720)));
        put16(b, static_cast<unsigned>(r.range(60, 1280)));
        const std::uint8_t comps[] = {0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01};
        b.insert(b.end(), std::begin(comps), std::end(comps));
    }
    if (b.size() < size) r.fill(b, size - b.size());
    return b;
}

Bytes gzip(const std::string& in) {
    z_stream zs{};
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw Error("zlib: deflateInit2 failed");
    Bytes out(deflateBound(&zs, static_cast<uLong>(in.size())) + 32);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw Error("zlib: deflate did not finish");
    return out;
}

std::string image_type(const std::string& path, Rand& r) {
    if (path.find(".png") != std::string::npos) return "image/png";
    if (path.find(".gif") != std::string::npos) return "image/gif";
    if (path.find(".jpg") != std::string::npos || path.find(".JPEG") != std::string::npos) return "image/jpeg";
    return r.chance(0.7) ? "image/jpeg" : "image/webp";
}

std::string accept_for(HeaderStyle style, Kind kind) {
    if (style == HeaderStyle::WebView) style = HeaderStyle::Chrome;  // the same Chromium defaults
    switch (kind) {
    case Kind::Document:
        switch (style) {
        case HeaderStyle::Chrome:
            return "text/html,application/xhtml+xml,application/xml;q=0.9,image/webp,image/apng,*/*;q=0.8";
        case HeaderStyle::InternetExplorer: return "text/html, application/xhtml+xml, image/jxr, */*";
        default: return "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        }
    case Kind::Image:
        switch (style) {
        case HeaderStyle::Chrome: return "image/webp,image/apng,image/*,*/*;q=0.8";
        case HeaderStyle::Firefox: return "image/webp,*/*";
        case HeaderStyle::InternetExplorer: return "image/png, image/svg+xml, image/jxr, image/*;q=0.8, */*;q=0.5";
        case HeaderStyle::Safari: return "image/png,image/svg+xml,image/*;q=0.8,video/*;q=0.8,*/*;q=0.5";
        default: return "*/*";
        }
    case Kind::Css: return style == HeaderStyle::InternetExplorer ? "text/css, */*" : "text/css,*/*;q=0.1";
    case Kind::Json:
        return style == HeaderStyle::OkHttp ? "application/json" : "application/json, text/javascript, */*; q=0.01";
    default: return "*/*";
    }
}

using Headers = std::vector<std::pair<std::string, std::string>>;

// The request's header lines for one client stack, in the order it writes them.
struct RequestFields {
    const std::string &host, &ua, &accept, &referer, &lang, &cookie;
    std::string length;  // of the body, when posting
    bool post, doc;
    Kind kind;
};

Headers client_headers(HeaderStyle style, const RequestFields& f) {
    Headers h;
    auto add = [&h](std::string name, std::string value) {
        if (!value.empty()) h.emplace_back(std::move(name), std::move(value));
    };
    const auto& [host, ua, accept, referer, lang, cookie, length, post, doc, kind] = f;
    switch (style) {
    case HeaderStyle::WebView:  // Android's WebView sends Chrome's header order
    case HeaderStyle::Chrome:
        add("Host", host);
        add("Connection", "keep-alive");
        if (post) add("Content-Length", length);
        if (doc) add("Upgrade-Insecure-Requests", "1");
        add("User-Agent", ua);
        if (post) add("Content-Type", "application/x-www-form-urlencoded");
        add("Accept", accept);
        add("Referer", referer);
        add("Accept-Encoding", "gzip, deflate");
        add("Accept-Language", lang);
        add("Cookie", cookie);
        break;
    case HeaderStyle::Firefox:
        add("Host", host);
        add("User-Agent", ua);
        add("Accept", accept);
        add("Accept-Language", lang);
        add("Accept-Encoding", "gzip, deflate");
        add("Referer", referer);
        if (post) add("Content-Type", "application/x-www-form-urlencoded");
        if (post) add("Content-Length", length);
        add("Connection", "keep-alive");
        add("Cookie", cookie);
        if (doc) add("Upgrade-Insecure-Requests", "1");
        break;
    case HeaderStyle::InternetExplorer:
        add("Accept", accept);
        add("Referer", referer);
        add("Accept-Language", lang);
        add("User-Agent", ua);
        if (post) add("Content-Type", "application/x-www-form-urlencoded");
        add("Accept-Encoding", "gzip, deflate");
        add("Host", host);
        if (post) add("Content-Length", length);
        add("Connection", "Keep-Alive");
        add("Cookie", cookie);
        break;
    case HeaderStyle::Safari:
        add("Host", host);
        if (post) add("Content-Type", "application/x-www-form-urlencoded");
        add("Cookie", cookie);
        add("Connection", "keep-alive");
        add("Accept", accept);
        add("User-Agent", ua);
        add("Accept-Language", lang);
        add("Referer", referer);
        add("Accept-Encoding", "gzip, deflate");
        if (post) add("Content-Length", length);
        break;
    case HeaderStyle::Cronet:
        add("Host", host);
        add("Connection", "keep-alive");
        if (post) add("Content-Length", length);
        if (post) add("Content-Type", "application/x-www-form-urlencoded");
        add("User-Agent", ua);
        add("Accept-Encoding", "gzip, deflate, br");
        add("Accept-Language", lang);
        add("Cookie", cookie);
        break;
    case HeaderStyle::OkHttp:
        if (post) add("Content-Type", "application/x-www-form-urlencoded");
        if (post) add("Content-Length", length);
        add("Host", host);
        add("Connection", "Keep-Alive");
        add("Accept-Encoding", "gzip");
        add("Cookie", cookie);
        add("User-Agent", ua);
        if (kind == Kind::Json) add("Accept", accept);
        if (kind == Kind::Json) add("Accept-Language", lang);
        break;
    }
    return h;
}

std::string request(Rand& r, const ClientSpec& client, const AppSpec& app, const std::string& host,
                    const std::string& path, Kind kind, const std::string& ua, const std::string& lang,
                    const std::string& cookie, const std::string& referer, const Headers& app_headers,
                    std::int64_t ns) {
    const bool post = kind == Kind::Beacon && r.chance(0.3);
    std::string body;
    if (post) body = expand("v=1&_v=j73&t=event&ec={word}&ea=click&el={alnum8}&cid={num9}.{ts10}", r, app, ns);
    std::string line = std::string(post ? "POST " : "GET ") + path + " HTTP/1.1\r\n";
    const std::string accept = accept_for(client.style, kind);
    const bool doc = kind == Kind::Document;
    Headers h = client_headers(client.style, {host, ua, accept, referer, lang, cookie, std::to_string(body.size()),
                                              post, doc, kind});
    // OkHttp writes the application's own headers before the ones it adds itself; WebView puts
    // X-Requested-With after Accept; browsers and Cronet send theirs after the User-Agent.
    auto at = h.begin();
    if (client.style != HeaderStyle::OkHttp) {
        const char* anchor = client.style == HeaderStyle::WebView ? "Accept" : "User-Agent";
        at = std::find_if(h.begin(), h.end(), [&](const auto& kv) { return kv.first == anchor; });
        if (at != h.end()) ++at;
    }
    h.insert(at, app_headers.begin(), app_headers.end());
    std::string s = line;
    for (const auto& [k, v] : h) s += k + ": " + v + "\r\n";
    s += "\r\n" + body;
    return s;
}

int response_status(Rand& r, Kind kind) {
    int status = 200;
    if (kind == Kind::Document && r.chance(0.06)) status = 302;
    if ((kind == Kind::Image || kind == Kind::Css || kind == Kind::Script) && r.chance(0.08)) status = 304;
    if (kind == Kind::Beacon && r.chance(0.5)) status = 204;
    return status;
}

struct ResponseBody {
    std::string type;
    Bytes body;
    bool gz = false;
};

// The body of a 200 response of this kind, gzipped when the client accepts it (and the server likes).
ResponseBody response_body(Rand& r, const AppSpec& app, const std::string& path, Kind kind, bool gzip_ok,
                           std::int64_t ns) {
    ResponseBody out;
    const auto cap = [&](int lo, int hi) {
        hi = std::max(lo + 1, std::min(hi, kMaxBody));
        return static_cast<std::size_t>(r.log_range(lo, hi));
    };
    std::string textual;
    switch (kind) {
    case Kind::Document:
        out.type = r.chance(0.5) ? "text/html; charset=utf-8" : "text/html;charset=UTF-8";
        textual = html_body(r, app, cap(std::max(app.response_lo, 1500), app.response_hi), ns);
        break;
    case Kind::Json:
        out.type = app.json_head.rfind("jQuery", 0) == 0 ? "text/javascript; charset=utf-8"
                                                          : "application/json; charset=utf-8";
        textual = json_body(r, app, cap(150, 6000), ns);
        break;
    case Kind::Script:
        out.type = r.chance(0.5) ? "application/javascript" : "text/javascript; charset=utf-8";
        textual = script_body(r, app, cap(1500, app.response_hi), ns);
        break;
    case Kind::Css:
        out.type = "text/css";
        textual = css_body(r, app, cap(800, 20000), ns);
        break;
    case Kind::Image:
        out.type = image_type(path, r);
        out.body = image_body(r, out.type, cap(600, app.response_hi));
        break;
    case Kind::Beacon:
        out.type = "image/gif";
        out.body = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0, 0xff, 0xff, 0xff, 0, 0, 0, 0x21, 0xf9,
                    4, 1, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b};
        break;
    }
    if (!textual.empty()) {
        out.gz = gzip_ok && r.chance(0.7);
        if (out.gz)
            out.body = gzip(textual);
        else
            out.body.assign(textual.begin(), textual.end());
    }
    return out;
}

// The header lines each server stack writes, in its order (IIS, Google's front ends, the rest).
Headers server_headers(Rand& r, const AppSpec& app, const std::string& server, int status, bool chunked,
                       Kind kind, const ResponseBody& rb, std::int64_t ns) {
    const std::string date = http_date(ns / 1'000'000'000);
    Headers h;
    auto add = [&h](std::string name, std::string value) { h.emplace_back(std::move(name), std::move(value)); };
    auto length = [&] {
        if (status == 304 || status == 204) return;
        if (chunked)
            add("Transfer-Encoding", "chunked");
        else
            add("Content-Length", std::to_string(rb.body.size()));
    };
    const bool iis = server.rfind("Microsoft", 0) == 0;
    const bool google = server == "gws" || server == "sffe" || server == "ESF" || server == "GSE" ||
                        server == "gvs 1.0" || server == "Golfe2" || server.rfind("YouTube", 0) == 0;
    if (iis) {
        add("Cache-Control", "private");
        length();
        if (!rb.type.empty()) add("Content-Type", rb.type);
        if (rb.gz) add("Content-Encoding", "gzip");
        add("Vary", "Accept-Encoding");
        add("Server", server);
        add("Date", date);
    } else if (google) {
        add("Date", date);
        add("Expires", "-1");
        add("Cache-Control", "private, max-age=0");
        if (!rb.type.empty()) add("Content-Type", rb.type);
        if (rb.gz) add("Content-Encoding", "gzip");
        add("Server", server);
        length();
    } else {
        add("Server", server);
        add("Date", date);
        if (!rb.type.empty()) add("Content-Type", rb.type);
        length();
        add("Connection", "keep-alive");
        if (rb.gz) add("Content-Encoding", "gzip");
        if (kind == Kind::Image) add("Last-Modified", http_date(ns / 1'000'000'000 - r.range(3600, 9'000'000)));
        if (kind == Kind::Image || kind == Kind::Css) add("ETag", expand("\"{hex8}-{hex4}\"", r, app, ns));
    }
    return h;
}

// One to three of the app's header lines, each at most once.
void add_app_headers(Headers& h, Rand& r, Rand& host_cfg, const AppSpec& app, std::int64_t ns) {
    if (app.extra_headers.empty()) return;
    std::vector<std::size_t> order(app.extra_headers.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    int n = host_cfg.range(1, static_cast<int>(std::min<std::size_t>(3, app.extra_headers.size())));
    for (int i = 0; i < n; ++i) {
        std::swap(order[static_cast<std::size_t>(i)],
                  order[static_cast<std::size_t>(host_cfg.range(i, static_cast<int>(order.size()) - 1))]);
        std::string line = expand(app.extra_headers[order[static_cast<std::size_t>(i)]], r, app, ns);
        auto colon = line.find(": ");
        if (colon != std::string::npos) h.emplace_back(line.substr(0, colon), line.substr(colon + 2));
    }
}

// The status line, the headers and the body, in chunks of 2000..8192 bytes when chunked.
Bytes encode_response(Rand& r, int status, const Headers& h, const Bytes& body, bool chunked) {
    const char* reason = status == 200 ? "OK" : status == 302 ? "Found" : status == 304 ? "Not Modified"
                                                                                        : "No Content";
    std::string head = "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n";
    for (const auto& [k, v] : h) head += k + ": " + v + "\r\n";
    head += "\r\n";
    Bytes out(head.begin(), head.end());
    if (!chunked) {
        put_bytes(out, body);
        return out;
    }
    std::size_t off = 0;
    while (off < body.size()) {
        std::size_t n = std::min<std::size_t>(body.size() - off, static_cast<std::size_t>(r.range(2000, 8192)));
        char hex[16];
        std::snprintf(hex, sizeof hex, "%zx\r\n", n);
        put_str(out, hex);
        out.insert(out.end(), body.begin() + static_cast<std::ptrdiff_t>(off),
                   body.begin() + static_cast<std::ptrdiff_t>(off + n));
        put_str(out, "\r\n");
        off += n;
    }
    put_str(out, "0\r\n\r\n");
    return out;
}

Bytes response(Rand& r, const AppSpec& app, const std::string& host, const std::string& path, Kind kind,
               bool gzip_ok, std::int64_t ns) {
    const int status = response_status(r, kind);
    ResponseBody rb;
    if (status == 200) rb = response_body(r, app, path, kind, gzip_ok, ns);

    // Each host is served by one server stack with one configuration: its Server header and its
    // extra header lines are the same on every response (only dates, lengths and ids change).
    Rand host_cfg(splitmix64(fnv1a(host) ^ fnv1a(app.name)));
    const std::string server = host_cfg.pick(app.servers);
    const bool chunked = status == 200 && kind == Kind::Document && r.chance(0.3);
    Headers h = server_headers(r, app, server, status, chunked, kind, rb, ns);
    if (status == 302)
        h.emplace_back("Location", "http://" + host + "/" + expand("{alnum8}?from={word}", r, app, ns));
    add_app_headers(h, r, host_cfg, app, ns);
    if (!app.set_cookies.empty() && r.chance(0.35))
        h.emplace_back("Set-Cookie", expand(r.pick(app.set_cookies), r, app, ns));
    return encode_response(r, status, h, rb.body, chunked);
}

}  // namespace

std::string expand(const std::string& t, Rand& r, const AppSpec& app, std::int64_t unix_ns) {
    struct Alphabet {
        std::string_view prefix, chars;
    };
    static constexpr Alphabet kAlphabets[] = {
        {"alnum", kAlnum}, {"hex", kHexLower}, {"HEX", kHexUpper}, {"num", kDigits}, {"b64", kB64}};
    std::string o;
    o.reserve(t.size() + 32);
    for (std::size_t i = 0; i < t.size();) {
        if (t[i] != '{') {
            o += t[i++];
            continue;
        }
        auto end = t.find('}', i);
        if (end == std::string::npos) {
            o.append(t, i, std::string::npos);
            break;
        }
        std::string_view name(t.data() + i + 1, end - i - 1);
        i = end + 1;
        if (name == "q") {
            o += percent_encode(app.queries.empty() ? std::string("search") : r.pick(app.queries));
        } else if (name == "word") {
            o += app.words.empty() ? std::string("item") : r.pick(app.words);
        } else if (name == "ts10") {
            o += std::to_string(unix_ns / 1'000'000'000);
        } else if (name == "ts13") {
            o += std::to_string(unix_ns / kMs - r.range(0, 5000));
        } else {
            bool done = false;
            for (const auto& a : kAlphabets) {
                if (!name.starts_with(a.prefix)) continue;
                int n = 0;
                for (char c : name.substr(a.prefix.size())) {
                    if (c < '0' || c > '9') {
                        n = -1;
                        break;
                    }
                    n = n * 10 + (c - '0');
                }
                if (n < 0) break;
                for (int k = 0; k < n; ++k) {
                    if (a.prefix == "num" && k == 0)
                        o += static_cast<char>('1' + r.range(0, 8));
                    else
                        o += a.chars[static_cast<std::size_t>(r.next() % a.chars.size())];
                }
                done = true;
                break;
            }
            if (!done) {
                o += '{';
                o += name;
                o += '}';
            }
        }
    }
    return o;
}

// The server's cipher suite: the TLS 1.3 suite the app prefers, else its first TLS 1.2 suite that
// the client offers, else the client's first TLS 1.2 suite.
std::uint16_t pick_suite(const AppSpec& app, const ClientSpec& client, bool tls13) {
    std::uint16_t suite = 0;
    if (tls13) return contains(client.suites, app.suite13) ? app.suite13 : 0x1301;
    for (auto s : app.server_suites12)
        if (contains(client.suites, s)) {
            suite = s;
            break;
        }
    if (!suite)
        for (auto s : client.suites)
            if ((s >> 8) != 0x13) {
                suite = s;
                break;
            }
    return suite;
}

std::string pick_alpn(const AppSpec& app, const ClientSpec& client) {
    if (client.alpn.empty()) return {};
    bool offers_h2 = std::find(client.alpn.begin(), client.alpn.end(), "h2") != client.alpn.end();
    return app.h2 && offers_h2 ? "h2" : "http/1.1";
}

// What the flights of one TLS conversation share, and the sizes and delays they draw.
struct TlsFlights {
    Rand& r;
    const AppSpec& app;
    const ClientSpec& client;
    Conversation& c;
    const Hello& ch;
    std::uint16_t suite;
    std::string alpn;
    bool h2;

    std::int64_t server_time() { return static_cast<std::int64_t>(r.range(200, 4000)) * 1000; }
    std::size_t first_request() { return static_cast<std::size_t>(h2 ? r.range(180, 700) : r.range(300, 1100)); }
    std::size_t response_size() {
        return static_cast<std::size_t>(
            r.log_range(app.response_lo, std::max(app.response_lo + 1, std::min(app.response_hi, kMaxBody))));
    }

    void tls13() {
        Bytes s;
        // The encrypted flight's record sizes follow the server's configuration: one certificate
        // chain per application (a fixed length), RSA-2048 or ECDSA-P256 signatures, SHA-256 or
        // SHA-384 Finished messages.
        const std::uint64_t cfg = fnv1a(app.cert_cn);
        const bool ecdsa = app.issuer_org == "Google Trust Services";
        record(s, 0x16, 0x0303, server_hello(r, ch.session_id, suite, true, false, {}, false, (cfg & 2) != 0));
        change_cipher_spec(s);
        // EncryptedExtensions: ALPN, an optional server_name ack and whatever else the server's
        // stack adds (max_fragment_length, record_size_limit, early_data, QUIC-era settings).
        const std::size_t ee = 6 + (alpn.empty() ? 0 : 7 + alpn.size()) + ((cfg & 4) ? 4 : 0) + ((cfg >> 3) % 6) * 6;
        encrypted(s, r, ee, true);
        encrypted(s, r, 1800 + static_cast<std::size_t>(cfg % 2200), true);  // Certificate
        const std::size_t verify = ecdsa ? static_cast<std::size_t>(r.range(78, 80)) : ((cfg & 0x40) ? 520 : 264);
        encrypted(s, r, verify, true);  // CertificateVerify (ECDSA-P256, RSA-2048 or RSA-4096)
        encrypted(s, r, suite == 0x1302 ? 52 : 36, true);  // Finished
        c.messages.push_back({false, std::move(s), server_time()});
        Bytes f;
        if (!ch.session_id.empty()) change_cipher_spec(f);
        encrypted(f, r, 36, true);
        encrypted(f, r, first_request(), true);
        c.messages.push_back({true, std::move(f), static_cast<std::int64_t>(r.range(100, 900)) * 1000});
        Bytes resp;
        for (int i = r.range(1, 2); i > 0; --i) encrypted(resp, r, static_cast<std::size_t>(r.range(190, 250)), true);
        encrypted(resp, r, response_size(), true);
        c.messages.push_back({false, std::move(resp), server_time() + r.range(1, 60) * kMs});
    }

    // TLS 1.2 resuming with the session ticket: no certificate, the server finishes first.
    void resumed(bool ems) {
        Bytes s;
        record(s, 0x16, 0x0303, server_hello(r, ch.session_id, suite, false, ems, alpn, true));
        if (r.chance(0.5)) record(s, 0x16, 0x0303, new_session_ticket(r, app));
        change_cipher_spec(s);
        encrypted(s, r, 16, false, 0x16);
        c.messages.push_back({false, std::move(s), server_time()});
        Bytes f;
        change_cipher_spec(f);
        encrypted(f, r, 16, false, 0x16);
        encrypted(f, r, first_request(), false);
        c.messages.push_back({true, std::move(f), static_cast<std::int64_t>(r.range(100, 900)) * 1000});
        Bytes resp;
        encrypted(resp, r, response_size(), false);
        c.messages.push_back({false, std::move(resp), server_time() + r.range(1, 60) * kMs});
    }

    // A full TLS 1.2 handshake: certificate and key exchange in clear.
    void full(bool ems, bool ticket) {
        const KeyExchange kx = key_exchange(suite);
        Bytes s;
        Bytes hs = server_hello(r, ch.session_id, suite, false, ems, alpn, ticket);
        Bytes cert = certificate_message(app);
        Bytes ske = kx == KeyExchange::Rsa ? Bytes{} : server_key_exchange(r, kx);
        Bytes done = handshake(14, {});
        if (fnv1a(app.name) & 1) {  // this application's servers put each message in its own record
            record(s, 0x16, 0x0303, hs);
            record(s, 0x16, 0x0303, cert);
            if (!ske.empty()) record(s, 0x16, 0x0303, ske);
            record(s, 0x16, 0x0303, done);
        } else {
            record(s, 0x16, 0x0303, cat({hs, cert, ske, done}));
        }
        c.messages.push_back({false, std::move(s), server_time()});
        Bytes f;
        record(f, 0x16, 0x0303, client_key_exchange(r, kx));
        change_cipher_spec(f);
        encrypted(f, r, 16, false, 0x16);
        c.messages.push_back({true, std::move(f), static_cast<std::int64_t>(r.range(300, 3000)) * 1000});
        Bytes sf;
        if (ticket && r.chance(0.7)) record(sf, 0x16, 0x0303, new_session_ticket(r, app));
        change_cipher_spec(sf);
        encrypted(sf, r, 16, false, 0x16);
        c.messages.push_back({false, std::move(sf), server_time()});
        Bytes req;
        encrypted(req, r, first_request(), false);
        c.messages.push_back({true, std::move(req), static_cast<std::int64_t>(r.range(50, 500)) * 1000});
        Bytes resp;
        encrypted(resp, r, response_size(), false);
        c.messages.push_back({false, std::move(resp), server_time() + r.range(1, 60) * kMs});
    }

    // Further requests on the connection, then (half the time) the client's close_notify.
    void rest(bool tls13) {
        const int extra = r.chance(0.4) ? r.range(1, 3) : 0;
        for (int i = 0; i < extra; ++i) {
            Bytes req;
            encrypted(req, r, static_cast<std::size_t>(h2 ? r.range(40, 400) : r.range(250, 1000)), tls13);
            c.messages.push_back({true, std::move(req), static_cast<std::int64_t>(r.exponential(400.0) * kMs)});
            Bytes resp;
            encrypted(resp, r, response_size(), tls13);
            c.messages.push_back({false, std::move(resp), server_time() + r.range(1, 80) * kMs});
        }
        c.close_notify = r.chance(0.5);
        if (c.close_notify) {
            Bytes alert;
            encrypted(alert, r, 2, tls13, 0x15);
            c.messages.push_back({true, std::move(alert), static_cast<std::int64_t>(r.exponential(2000.0) * kMs)});
        }
    }
};

Conversation tls_conversation(Rand& r, const AppSpec& app, const ClientSpec& client, const std::string& host,
                              std::int64_t unix_ns) {
    (void)unix_ns;
    Conversation c;
    c.host = host;
    const bool tls13 = client.tls13 && r.chance(app.tls13_share);
    const bool resume = !tls13 && contains(client.extensions, 0x0023) && r.chance(0.25);
    const Bytes resume_ticket = resume ? session_ticket(r, app) : Bytes{};
    Hello ch = client_hello(r, client, host, resume ? &resume_ticket : nullptr);
    c.messages.push_back({true, std::move(ch.record), 0});

    const std::uint16_t suite = pick_suite(app, client, tls13);
    std::string alpn = pick_alpn(app, client);
    const bool h2 = alpn == "h2";
    const bool ems = contains(client.extensions, 0x0017);
    const bool ticket = contains(client.extensions, 0x0023);
    TlsFlights flights{r, app, client, c, ch, suite, std::move(alpn), h2};
    if (tls13)
        flights.tls13();
    else if (resume)
        flights.resumed(ems);
    else
        flights.full(ems, ticket);
    flights.rest(tls13);
    return c;
}

Conversation http_conversation(Rand& r, const AppSpec& app, const ClientSpec& client, const std::string& host,
                               std::int64_t unix_ns, const Session& session) {
    Conversation c;
    c.host = host;
    // What the device keeps from flow to flow comes from the session, always drawn in this order.
    Rand sr(splitmix64(session.seed ^ fnv1a(app.name) ^ (fnv1a(client.name) << 1)));
    const bool own_client = !app.clients.empty() && &client == &clients()[static_cast<std::size_t>(app.clients.front())];
    std::string ua;
    if (client.style == HeaderStyle::OkHttp || client.style == HeaderStyle::WebView ||
        client.style == HeaderStyle::Cronet || client.user_agents.empty()) {
        // An app's own SDK sends the app's User-Agent; other SDK clients on the device send theirs.
        if (!app.app_agents.empty() && (own_client || client.user_agents.empty()))
            ua = sr.pick(app.app_agents);
        else if (!client.user_agents.empty())
            ua = sr.pick(client.user_agents);
        else
            ua = "Dalvik/2.1.0 (Linux; U; Android 9; SM-G960N Build/PPR1.180610.011)";
    } else {
        ua = sr.pick(client.user_agents);
    }
    const std::string lang = app.languages.empty() ? std::string("en-US,en;q=0.9") : sr.pick(app.languages);
    const std::string jar = app.cookies.empty() ? std::string() : expand(sr.pick(app.cookies), sr, app, session.start_ns);
    Headers app_headers;
    if (own_client) {
        for (const auto& t : app.request_headers) {
            std::string line = expand(t, sr, app, session.start_ns);
            auto colon = line.find(": ");
            if (colon != std::string::npos) app_headers.emplace_back(line.substr(0, colon), line.substr(colon + 2));
        }
    }
    // The jar holds cookies for most of the app's hosts, not all (static and image hosts are often
    // cookieless): whether a host gets them is fixed for the session.
    const bool host_has_cookies = (splitmix64(session.seed ^ fnv1a(host)) % 10) < 8;
    const std::string cookie = host_has_cookies ? jar : std::string();
    const int rounds = 1 + (r.chance(0.3) ? r.range(1, 2) : 0);
    std::int64_t ns = unix_ns;
    for (int i = 0; i < rounds; ++i) {
        const PathSpec& p = pick_weighted(r, app.http_paths);
        const std::string path = expand(p.tmpl, r, app, ns);
        std::string referer;
        if (p.kind != Kind::Document) {  // sub-resources name their page; documents come from the app
            const auto& ref = app.http_hosts.empty() ? host : app.http_hosts.front().value;
            referer = "http://" + ref + "/";
        }
        std::string req = request(r, client, app, host, path, p.kind, ua, lang, cookie, referer, app_headers, ns);
        const std::int64_t think = i == 0 ? static_cast<std::int64_t>(r.range(50, 600)) * 1000
                                          : static_cast<std::int64_t>(r.exponential(600.0) * kMs);
        c.messages.push_back({true, Bytes(req.begin(), req.end()), think});
        ns += think;
        c.messages.push_back({false, response(r, app, host, path, p.kind, true, ns),
                              static_cast<std::int64_t>(r.range(1, 120)) * kMs});
    }
    return c;
}

}  // namespace flowcnn::generator::detail
