// Checks the extractor against the reference labels of the shared real captures (ndpi, netmon):
// per flow, packet count, payload bytes, first-784 length and SHA-1 as decoded by tshark. Runs only
// when FLOWCNN_SHARED_DIR/datasets exists (skipped otherwise).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "engine/capture/capture_reader.h"
#include "engine/common/error.h"
#include "engine/common/sha1.h"
#include "engine/pipeline/extract.h"

namespace {

using namespace flowcnn;
namespace fs = std::filesystem;

std::vector<std::string> split_csv_line(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cur.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur.push_back(c);
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.push_back(std::move(cur));
            cur.clear();
        } else if (c != '\r') {
            cur.push_back(c);
        }
    }
    out.push_back(std::move(cur));
    return out;
}

struct LabelRow {
    std::string pcap;
    std::uint8_t proto = 0;
    packet::IpAddress a, b;
    std::uint16_t pa = 0, pb = 0;
    std::uint64_t pkts = 0, payload_bytes = 0, first_len = 0;
    std::string first_sha1;
    std::string hostname;  // hostname_sni: the server name nDPI saw (TLS SNI, HTTP Host, DNS name, ...)
    std::string tunnel;  // "outer", or "inner" for a flow inside a tunnel (GTP, GRE, IP-in-IP, ...)
    int dup = 1;         // dup_tuple_in_pcap: >1 when nDPI saw several flows with this tuple
};

// Unordered endpoint pair + protocol.
using PairKey = std::tuple<std::uint8_t, packet::IpAddress, std::uint16_t, packet::IpAddress, std::uint16_t>;
PairKey pair_key(std::uint8_t proto, const packet::IpAddress& x, std::uint16_t xp, const packet::IpAddress& y,
                 std::uint16_t yp) {
    if (std::tie(x, xp) <= std::tie(y, yp)) return {proto, x, xp, y, yp};
    return {proto, y, yp, x, xp};
}

std::vector<LabelRow> load_labels(const fs::path& csv) {
    std::ifstream in(csv);
    std::string line;
    std::getline(in, line);
    const auto header = split_csv_line(line);
    auto col = [&](const char* name) {
        auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end()) throw FormatError(std::string("labels.csv lacks column ") + name);
        return static_cast<std::size_t>(it - header.begin());
    };
    const auto c_pcap = col("pcap"), c_src = col("src_ip"), c_sport = col("src_port"), c_dst = col("dst_ip"),
               c_dport = col("dst_port"), c_proto = col("l4proto"), c_matched = col("matched"),
               c_pkts = col("pkts"), c_bytes = col("payload_bytes"), c_len = col("first784_len"),
               c_sha = col("first784_sha1"), c_tunnel = col("tunnel_layer"), c_host = col("hostname_sni"), c_dup = col("dup_tuple_in_pcap");
    std::vector<LabelRow> rows;
    while (std::getline(in, line)) {
        auto f = split_csv_line(line);
        if (f.size() < header.size()) continue;
        if (f[c_matched] != "1" || f[c_pkts].empty()) continue;
        LabelRow r;
        r.pcap = f[c_pcap];
        r.proto = f[c_proto] == "TCP" ? packet::kProtoTcp : packet::kProtoUdp;
        if (!packet::IpAddress::parse(f[c_src], r.a) || !packet::IpAddress::parse(f[c_dst], r.b)) continue;
        r.pa = static_cast<std::uint16_t>(std::stoul(f[c_sport]));
        r.pb = static_cast<std::uint16_t>(std::stoul(f[c_dport]));
        r.pkts = std::stoull(f[c_pkts]);
        r.payload_bytes = std::stoull(f[c_bytes]);
        r.first_len = f[c_len].empty() ? 0 : std::stoull(f[c_len]);
        r.first_sha1 = f[c_sha];
        r.tunnel = f[c_tunnel];
        r.hostname = f[c_host];
        r.dup = f[c_dup].empty() ? 1 : std::stoi(f[c_dup]);
        rows.push_back(std::move(r));
    }
    return rows;
}

struct OurFlow {
    std::uint64_t index = 0;
    std::uint64_t pkts = 0, payload_bytes = 0, dedup_bytes = 0;
    std::size_t head_len = 0;
    std::string sha;
    std::string hint;  // our SNI, else our HTTP Host
    bool used = false;
};

struct DatasetResult {
    std::size_t rows = 0, matched = 0, missing = 0;
    std::size_t clean_rows = 0, clean_matched = 0;  // flows without TCP retransmissions
    std::size_t hints = 0, hints_agree = 0;         // flows where we found an SNI/Host; equal to nDPI's
    std::size_t tcp_named = 0;                      // TCP flows nDPI named (any protocol)
    std::vector<std::string> notes;
};

std::map<PairKey, std::vector<OurFlow>> extract_file(const fs::path& path, std::string& error) {
    std::map<PairKey, std::vector<OurFlow>> flows;
    flow::FlowOptions raw;
    raw.drop_tcp_retransmissions = false;
    raw.direction = flow::Direction::Both;
    // The labels describe whole-capture conversations (tshark): no idle/active split.
    raw.idle_timeout_s = 1e9;
    raw.active_timeout_s = 1e9;
    auto reader = capture::open_capture(path.string());
    auto stats = pipeline::extract_flows(*reader, raw, [&](flow::FlowRecord&& r) {
        OurFlow f;
        f.index = r.index;
        f.pkts = r.packets_c2s + r.packets_s2c;
        f.payload_bytes = r.payload_bytes;
        f.head_len = r.head.size();
        f.sha = sha1_hex(r.head);
        f.hint = !r.sni.empty() ? r.sni : r.http_host;
        flows[pair_key(r.key.l4proto, r.key.client, r.key.client_port, r.key.server, r.key.server_port)]
            .push_back(std::move(f));
    });
    error = stats.error;
    // The deduplicated run tells which flows carried TCP retransmissions.
    flow::FlowOptions dedup = raw;
    dedup.drop_tcp_retransmissions = true;
    std::map<PairKey, std::vector<std::pair<std::uint64_t, std::uint64_t>>> dd;
    auto reader2 = capture::open_capture(path.string());
    pipeline::extract_flows(*reader2, dedup, [&](flow::FlowRecord&& r) {
        dd[pair_key(r.key.l4proto, r.key.client, r.key.client_port, r.key.server, r.key.server_port)]
            .emplace_back(r.index, r.payload_bytes);
    });
    for (auto& [k, v] : flows) {
        std::sort(v.begin(), v.end(), [](const OurFlow& x, const OurFlow& y) { return x.index < y.index; });
        auto& d = dd[k];
        std::sort(d.begin(), d.end());
        for (std::size_t i = 0; i < v.size() && i < d.size(); ++i) v[i].dedup_bytes = d[i].second;
    }
    return flows;
}

DatasetResult check_dataset(const fs::path& dir, const fs::path& capture_dir) {
    DatasetResult res;
    const auto rows = load_labels(dir / "labels.csv");
    std::map<std::string, std::vector<const LabelRow*>> by_file;
    for (const auto& r : rows) by_file[r.pcap].push_back(&r);
    for (const auto& [file, file_rows] : by_file) {
        const fs::path path = capture_dir / file;
        if (!fs::exists(path)) continue;
        std::string error;
        std::map<PairKey, std::vector<OurFlow>> flows;
        try {
            flows = extract_file(path, error);
        } catch (const Error& e) {
            res.notes.push_back(file + ": " + e.what());
            res.rows += file_rows.size();
            res.missing += file_rows.size();
            continue;
        }
        if (!error.empty()) res.notes.push_back(file + ": reader stopped early: " + error);
        for (const LabelRow* r : file_rows) {
            ++res.rows;
            auto it = flows.find(pair_key(r->proto, r->a, r->pa, r->b, r->pb));
            OurFlow* f = nullptr;
            if (it != flows.end())
                for (auto& c : it->second)
                    if (!c.used) {
                        f = &c;
                        break;
                    }
            const std::string who = file + " " + (r->proto == packet::kProtoTcp ? "tcp " : "udp ") +
                                    r->a.to_string() + ":" + std::to_string(r->pa) + " " +
                                    r->b.to_string() + ":" + std::to_string(r->pb) +
                                    (r->tunnel == "inner" ? " [inside a tunnel]" : "") +
                                    (r->dup > 1 ? " [tuple reused: labels count the whole conversation]" : "");
            if (!f) {
                ++res.missing;
                res.notes.push_back(who + ": flow not found");
                continue;
            }
            f->used = true;
            if (r->proto == packet::kProtoTcp && !r->hostname.empty()) ++res.tcp_named;
            if (!f->hint.empty()) {
                ++res.hints;
                // nDPI lower-cases names and drops an HTTP Host's port.
                std::string ours = f->hint;
                for (auto& ch : ours) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                std::string theirs = r->hostname;
                for (auto& ch : theirs) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                if (ours == theirs || ours.substr(0, ours.rfind(':')) == theirs) {
                    ++res.hints_agree;
                } else {
                    res.notes.push_back(who + ": hint '" + f->hint + "' vs nDPI '" + r->hostname + "'");
                }
            }
            const bool clean = f->dedup_bytes == f->payload_bytes;
            res.clean_rows += clean;
            const bool ok = f->pkts == r->pkts && f->payload_bytes == r->payload_bytes &&
                            f->head_len == r->first_len &&
                            (f->sha == r->first_sha1 || (r->first_len == 0 && r->first_sha1.empty()));
            if (ok) {
                ++res.matched;
                res.clean_matched += clean;
            } else {
                std::ostringstream s;
                s << who << (clean ? "" : " [retransmissions]") << ": pkts " << f->pkts << "/" << r->pkts
                  << " bytes " << f->payload_bytes << "/" << r->payload_bytes << " len " << f->head_len << "/"
                  << r->first_len << (f->sha == r->first_sha1 ? " sha ok" : " sha differs");
                res.notes.push_back(s.str());
            }
        }
    }
    return res;
}

fs::path shared_datasets() { return fs::path(FLOWCNN_SHARED_DIR) / "datasets"; }

void report(const char* name, const DatasetResult& r) {
    const double rate = r.rows ? 100.0 * static_cast<double>(r.matched) / static_cast<double>(r.rows) : 0;
    const double clean_rate =
        r.clean_rows ? 100.0 * static_cast<double>(r.clean_matched) / static_cast<double>(r.clean_rows) : 0;
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(2);
    s << name << ": " << r.matched << "/" << r.rows << " flows match (" << rate << "%), without retransmissions "
      << r.clean_matched << "/" << r.clean_rows << " (" << clean_rate << "%), not found " << r.missing
      << "; SNI/Host hints found " << r.hints << ", equal to nDPI's name " << r.hints_agree
      << " (nDPI named " << r.tcp_named << " TCP flows by any protocol)";
    std::cout << s.str() << "\n";
    const std::size_t show = std::getenv("FLOWCNN_SHOW_ALL_MISMATCHES") ? r.notes.size() : 25;
    for (std::size_t i = 0; i < r.notes.size() && i < show; ++i) std::cout << "  " << r.notes[i] << "\n";
    if (r.notes.size() > show) std::cout << "  ... " << r.notes.size() - show << " more\n";
    ::testing::Test::RecordProperty(std::string(name) + "_match_percent", std::to_string(rate));
    ::testing::Test::RecordProperty(std::string(name) + "_clean_match_percent", std::to_string(clean_rate));
}

TEST(SharedDatasets, NetmonFlowsMatchLabels) {
    const fs::path dir = shared_datasets() / "netmon";
    if (!fs::exists(dir / "labels.csv")) GTEST_SKIP() << "no shared datasets at " << dir << " (optional)";
    auto r = check_dataset(dir, dir / "cap");
    report("netmon", r);
    ASSERT_GT(r.rows, 0u);
    EXPECT_GE(static_cast<double>(r.clean_matched), 0.95 * static_cast<double>(r.clean_rows));
    EXPECT_GE(static_cast<double>(r.hints_agree), 0.8 * static_cast<double>(r.hints));
}

TEST(SharedDatasets, NdpiFlowsMatchLabels) {
    const fs::path dir = shared_datasets() / "ndpi";
    if (!fs::exists(dir / "labels.csv")) GTEST_SKIP() << "no shared datasets at " << dir << " (optional)";
    auto r = check_dataset(dir, dir / "pcap");
    report("ndpi", r);
    ASSERT_GT(r.rows, 0u);
    EXPECT_GE(static_cast<double>(r.clean_matched), 0.95 * static_cast<double>(r.clean_rows));
    EXPECT_GE(static_cast<double>(r.hints_agree), 0.95 * static_cast<double>(r.hints));
    EXPECT_GT(r.hints, 1000u);
}

}  // namespace
