#pragma once
// Internal: application-layer messages of the traffic generator (TLS records, HTTP/1.1 messages).
#include <cstdint>
#include <string>
#include <vector>

#include "engine/generator/app_specs.h"
#include "engine/generator/wire.h"

namespace flowcnn::generator::detail {

// Expands {placeholders} in a template: {hexN} {HEXN} {numN} {alnumN} {b64N} (N characters),
// {ts10} {ts13} (Unix time in s / ms), {q} (a search term, percent-encoded), {word} (vocabulary).
std::string expand(const std::string& tmpl, Rand& r, const AppSpec& app, std::int64_t unix_ns);

// One application-layer message: who sends it and the pause before it (think or server time).
struct Message {
    bool from_client = true;
    Bytes data;
    std::int64_t delay_ns = 0;
};

struct Conversation {
    std::vector<Message> messages;
    bool close_notify = false;  // TLS: both sides end with an encrypted alert
    std::string host;           // SNI or Host header (for tests and hints)
};

// One capture file is one device session: its cookie jar, the User-Agent and language of each
// client and the app's own request headers stay the same from flow to flow, as on a real device.
struct Session {
    std::uint64_t seed = 0;
    std::int64_t start_ns = 0;  // when the session's cookies were set
};

// A full TLS session (ClientHello with `host` as SNI, the server's answer in TLS 1.2 or 1.3,
// then application data rounds).
Conversation tls_conversation(Rand& r, const AppSpec& app, const ClientSpec& client, const std::string& host,
                              std::int64_t unix_ns);
// One to three HTTP/1.1 request/response exchanges on one connection.
Conversation http_conversation(Rand& r, const AppSpec& app, const ClientSpec& client, const std::string& host,
                               std::int64_t unix_ns, const Session& session);

}  // namespace flowcnn::generator::detail
