#pragma once
// "A generated default": labelled test captures shaped like the paper's data set (METHOD.md,
// Table 3). Ten synthetic web applications, each with its own hostnames, server address pools,
// TLS client fingerprints (cipher suites, extension orders) and HTTP habits (paths, headers,
// bodies), and the paper's share of port-443 versus port-80 flows. Some features are shared
// across applications (CDN hosts, one browser's TLS fingerprint), so the classes are learnable
// but not trivially separable.
//
// Every flow is a complete bidirectional TCP exchange: handshake, data split at MSS 1460 with
// correct sequence/acknowledgement numbers, FIN/FIN or RST teardown, the occasional
// retransmission; Ethernet + IPv4 (some IPv6 and some 802.1Q VLAN tags when asked) with correct
// lengths and checksums. Output is deterministic for a seed, and each file depends only on
// (seed, application, file number), not on generation order.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/common/progress.h"

namespace flowcnn::generator {

struct AppProfile {
    std::string name;               // e.g. "Baidu" (also the label and folder name)
    double https_share = 0.0;       // fraction of flows on port 443 (Table 3); the rest are port 80
    std::vector<std::string> tls_hosts;   // server names sent in TLS ClientHellos
    std::vector<std::string> http_hosts;  // Host headers of port-80 requests
    std::vector<std::string> http_paths;  // request path templates
    std::vector<std::string> server_headers;  // HTTP "Server:" values this app's servers send
    std::vector<int> tls_fingerprints;  // indices of the client TLS fingerprints the app uses
    std::uint8_t server_net_v4[2]{};    // first two octets of the app's server IPv4 pool
    std::uint16_t server_net_v6 = 0;    // third 16-bit group of the app's server IPv6 pool
};

// The ten applications of Table 3, in the table's order.
std::vector<AppProfile> paper_apps();

struct GeneratorOptions {
    int flows_per_app = 1300;
    std::uint64_t seed = 1;
    int flows_per_file = 100;
    std::vector<std::string> apps;  // names from paper_apps() (case-insensitive); empty: all ten
    bool vlan_and_ipv6_variety = true;
};

struct GeneratedFile {
    std::string path;
    std::string label;
    int flows = 0;
    std::uint64_t packets = 0;
};

// Writes OUT_DIR/<app>/<app>-NNN.pcap (the folder-per-class layout the importer reads; NNN counts
// from 001) and returns the files in application order. Creates the folders as needed.
// Throws ConfigError for bad options (unknown app, non-positive counts), IoError when a file
// cannot be written, CancelledError when `cancel` is set (files already written are kept).
std::vector<GeneratedFile> generate_dataset(const std::string& out_dir, const GeneratorOptions& options,
                                            const ProgressFn& progress = {},
                                            const CancelToken* cancel = nullptr);

}  // namespace flowcnn::generator
