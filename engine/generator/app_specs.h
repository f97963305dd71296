#pragma once
// Internal: the detailed descriptions of the ten synthetic applications and of the client
// software (browsers, SDKs) that talk to them. paper_apps() summarises these as AppProfile.
#include <cstdint>
#include <string>
#include <vector>

namespace flowcnn::generator::detail {

enum class ClientOs : std::uint8_t { Windows, Ios, Android };
// How a client writes HTTP/1.1 requests (header order and defaults). Android WebView apps and
// Cronet (Chromium's network stack inside apps) write Chromium-like requests with app headers.
enum class HeaderStyle : std::uint8_t { Chrome, Firefox, InternetExplorer, Safari, OkHttp, WebView, Cronet };

// One client TLS stack as seen on the wire (a "JA3 fingerprint") plus its HTTP habits.
struct ClientSpec {
    const char* name;
    ClientOs os;
    HeaderStyle style;
    std::uint16_t record_version;  // version in the ClientHello's record header
    bool grease;                   // RFC 8701 GREASE values (Chromium, Safari)
    bool tls13;
    bool session_id;    // sends a 32-byte legacy session id
    bool pad_to_512;    // BoringSSL padding extension
    std::vector<std::uint16_t> suites, extensions, groups, key_shares, sigalgs, versions;
    std::vector<std::string> alpn;
    std::vector<std::string> user_agents;  // for port-80 requests (app SDKs use the app's own)
};

// Extension code 0x0a0a stands for "a GREASE extension here" in ClientSpec::extensions.
constexpr std::uint16_t kGreaseExt = 0x0a0a;

enum class Kind : std::uint8_t { Document, Json, Script, Css, Image, Beacon };

struct Weighted {
    std::string value;
    int weight = 1;
};
struct PathSpec {
    std::string tmpl;  // with {placeholders}, see expand() in content.cpp
    Kind kind = Kind::Document;
    int weight = 1;
};

struct AppSpec {
    std::string name;
    double https_share = 0.0;
    std::vector<Weighted> tls_hosts, http_hosts;
    std::vector<PathSpec> http_paths;
    // Indices into clients(); repetition is weight. Each application has its own dominant client
    // (its SDK, or the browser its users favour) and shares the rest with other applications.
    std::vector<int> clients;
    std::vector<std::string> app_agents;  // User-Agents of the app's own SDK clients
    std::vector<std::string> servers;     // Server header values
    std::vector<std::string> extra_headers;  // app-specific response header lines (templates)
    // Request header lines the app's own client adds to every request (WebView package names,
    // SDK version headers, Chrome's X-Client-Data for Google), templates expanded once per
    // capture session. Other clients in the app's capture do not send them.
    std::vector<std::string> request_headers;
    std::vector<std::string> cookies;        // request Cookie values (templates)
    std::vector<std::string> set_cookies;    // response Set-Cookie values (templates)
    std::vector<std::string> languages;      // Accept-Language values
    std::string html_lang, title, static_base;
    std::vector<std::string> words;    // vocabulary for bodies
    std::vector<std::string> queries;  // search terms (UTF-8, percent-encoded in URLs)
    std::string json_head, json_item, json_tail;
    // TLS server side
    std::string cert_cn, issuer_cn, issuer_org, root_cn;
    std::vector<std::string> cert_sans;
    double tls13_share = 0.5;  // of TLS 1.3-capable clients, how many the servers answer in 1.3
    std::vector<std::uint16_t> server_suites12;  // server preference for TLS 1.2
    std::uint16_t suite13 = 0x1301;
    bool h2 = true;
    int response_lo = 500, response_hi = 30000;  // response size range (log-uniform), bytes
    int rtt_lo_ms = 5, rtt_hi_ms = 40;
    std::uint8_t v4a = 0, v4b = 0;
    std::uint16_t v6 = 0;
};

const std::vector<ClientSpec>& clients();
const std::vector<AppSpec>& app_specs();
// Third-party hosts every application's pages pull in (analytics, public CDNs): flows to them
// look alike whichever application's capture they come from.
const AppSpec& shared_third_party();

}  // namespace flowcnn::generator::detail
