// flowcnn flows: lists a project's flows.
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/common/error.h"
#include "engine/common/csv.h"
#include "engine/flow/flow.h"
#include "engine/common/json_text.h"
#include "engine/store/project.h"

namespace flowcnn::cli {
namespace {

const char* kUsage =
    "usage: flowcnn flows PROJECT [options]\n"
    "\n"
    "Lists flows (one per line) with their endpoints, sizes, hints and labels.\n"
    "\n"
    "options:\n"
    "  --filter TEXT           address, SNI, HTTP host or label containing TEXT\n"
    "  --proto tcp|udp         transport protocol\n"
    "  --port N                client or server port\n"
    "  --label L               flows labelled L ('' or --unlabelled: flows without a label)\n"
    "  --unlabelled            flows without a label\n"
    "  --capture ID            flows of one capture\n"
    "  --images                only flows with payload (an image)\n"
    "  --sort COLUMN           id (default), capture, index, proto, client, client_port, server,\n"
    "                          server_port, first, last, packets, bytes, payload_len, sni,\n"
    "                          http_host, end_reason, label\n"
    "  --desc                  descending order\n"
    "  --offset N              skip N flows\n"
    "  --limit N               at most N flows (default 50; 0: all)\n"
    "  --format table|csv|json output format (default table)\n"
    "  --count                 print only the number of matching flows";

const char* proto_name(int p) { return p == 6 ? "tcp" : p == 17 ? "udp" : "?"; }

std::vector<std::string> cells(const store::FlowRow& f) {
    return {std::to_string(f.id),          std::to_string(f.capture_id),      std::to_string(f.idx),
            proto_name(f.l4proto),         f.client_ip,                       std::to_string(f.client_port),
            f.server_ip,                   std::to_string(f.server_port),     std::to_string(f.first_ns),
            std::to_string(f.last_ns),     std::to_string(f.packets_c2s),     std::to_string(f.packets_s2c),
            std::to_string(f.bytes_c2s),   std::to_string(f.bytes_s2c),       std::to_string(f.payload_len),
            f.sni,                         f.http_host,                       f.end_reason,
            f.label,                       f.label_source,                    f.image_sha1};
}
const std::vector<std::string> kHeader = {"id",          "capture_id", "idx",        "proto",       "client_ip",
                                          "client_port", "server_ip",  "server_port", "first_ns",   "last_ns",
                                          "packets_c2s", "packets_s2c", "bytes_c2s",  "bytes_s2c",  "payload_len",
                                          "sni",         "http_host",  "end_reason", "label",      "label_source",
                                          "image_sha1"};

int run_flows(const std::vector<std::string>& argv) {
    Args args(argv, {"filter", "proto", "port", "label", "capture", "sort", "offset", "limit", "format"},
              {"desc", "unlabelled", "images", "count"});
    args.expect_positional(1, 1, "PROJECT");
    store::FlowFilter filter;
    filter.text = args.get_or("filter", "");
    if (auto p = args.get("proto")) {
        if (*p == "tcp") filter.l4proto = 6;
        else if (*p == "udp") filter.l4proto = 17;
        else throw ConfigError("--proto: expected tcp or udp, got '" + *p + "'");
    }
    filter.port = static_cast<int>(args.get_int("port", 0, 1, 65535));
    if (args.flag("unlabelled")) filter.label = std::string();
    if (auto l = args.get("label")) filter.label = *l;
    filter.capture_id = args.get_int("capture", 0, 1, INT64_MAX);
    filter.with_image_only = args.flag("images");
    store::FlowColumn order = store::FlowColumn::Id;
    if (auto s = args.get("sort"); s && !store::parse_flow_column(*s, order))
        throw ConfigError("--sort: unknown column '" + *s + "'");
    const auto offset = args.get_int("offset", 0, 0, INT64_MAX);
    auto limit = args.get_int("limit", 50, 0, INT64_MAX);
    if (limit == 0) limit = -1;
    const auto format = args.get_or("format", "table");
    if (format != "table" && format != "csv" && format != "json")
        throw ConfigError("--format: expected table, csv or json, got '" + format + "'");

    auto project = store::Project::open(args.positional()[0], true);
    if (args.flag("count")) {
        std::printf("%lld\n", static_cast<long long>(project.count_flows(filter)));
        return 0;
    }
    const auto rows = project.flows(filter, offset, limit, order, !args.flag("desc"));
    if (format == "csv") {
        std::printf("%s\r\n", exporter::csv_row(kHeader).c_str());
        for (auto& f : rows) std::printf("%s\r\n", exporter::csv_row(cells(f)).c_str());
    } else if (format == "json") {
        std::printf("[");
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto c = cells(rows[i]);
            store::JsonWriter j;
            j.begin_object();
            for (std::size_t k = 0; k < kHeader.size(); ++k) {
                j.key(kHeader[k]);
                const bool numeric = k <= 2 || (k >= 5 && k <= 14 && k != 6);
                if (numeric) j.raw(c[k]);
                else if (c[k].empty() && k >= 15) j.null();
                else j.value(c[k]);
            }
            j.end_object();
            std::printf("%s%s\n", i ? "," : "", j.str().c_str());
        }
        std::printf("]\n");
    } else {
        const auto total = project.count_flows(filter);
        std::printf("%8s %4s %-5s %-39s %-39s %8s %7s %-28s %s\n", "id", "cap", "proto", "client", "server",
                    "packets", "payload", "sni/host", "label");
        for (auto& f : rows) {
            const std::string client = f.client_ip + ":" + std::to_string(f.client_port);
            const std::string server = f.server_ip + ":" + std::to_string(f.server_port);
            std::string hint = flow::server_name(f.sni, f.http_host);
            if (hint.size() > 28) hint = hint.substr(0, 27) + "~";
            std::printf("%8lld %4lld %-5s %-39s %-39s %8lld %7lld %-28s %s\n", static_cast<long long>(f.id),
                        static_cast<long long>(f.capture_id), proto_name(f.l4proto), client.c_str(), server.c_str(),
                        static_cast<long long>(f.packets_c2s + f.packets_s2c), static_cast<long long>(f.payload_len),
                        hint.c_str(), f.label.empty() ? "-" : f.label.c_str());
        }
        std::printf("(%zu of %s matching flows)\n", rows.size(), thousands(total).c_str());
    }
    return 0;
}

CommandRegistrar reg({"flows", "list a project's flows (filter, sort, table/csv/json)", kUsage, run_flows});

}  // namespace
}  // namespace flowcnn::cli
