#include "engine/dataset/rules.h"

#include <memory>

#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

#include "engine/common/error.h"
#include "engine/store/flows.h"
#include "engine/store/project.h"

namespace flowcnn::dataset {
namespace {

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = lower(c);
    return out;
}

[[noreturn]] void syntax(std::string_view source, int line, const std::string& what) {
    throw ConfigError(std::string(source) + ":" + std::to_string(line) + ": " + what);
}

// Splits a line into key=value tokens; values may be double-quoted. Stops at an unquoted '#'.
std::vector<std::pair<std::string, std::string>> tokenize(std::string_view s, std::string_view source, int line) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
        if (i >= s.size() || s[i] == '#') break;
        const std::size_t k0 = i;
        while (i < s.size() && s[i] != '=' && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != '#') ++i;
        std::string key = to_lower(s.substr(k0, i - k0));
        if (i >= s.size() || s[i] != '=')
            syntax(source, line, "expected key=value, got '" + std::string(s.substr(k0, i - k0)) + "'");
        if (key.empty()) syntax(source, line, "missing key before '='");
        ++i;  // '='
        std::string value;
        if (i < s.size() && s[i] == '"') {
            ++i;
            while (i < s.size() && s[i] != '"') value += s[i++];
            if (i >= s.size()) syntax(source, line, "unterminated quote in '" + key + "'");
            ++i;
            if (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != '#')
                syntax(source, line, "unexpected text after the quoted value of '" + key + "'");
        } else {
            while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != '#') value += s[i++];
        }
        if (value.empty()) syntax(source, line, "empty value for '" + key + "'");
        out.emplace_back(std::move(key), std::move(value));
    }
    return out;
}

std::vector<std::string> split_list(const std::string& v) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const auto comma = v.find(',', start);
        out.push_back(v.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

int parse_int(const std::string& v, int lo, int hi, std::string_view source, int line, const std::string& key) {
    int n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size() || n < lo || n > hi)
        syntax(source, line, "bad " + key + " '" + v + "' (expected " + std::to_string(lo) + ".." +
                                 std::to_string(hi) + ")");
    return n;
}

template <class T, class Pred>
bool any_of(const std::vector<T>& values, Pred pred) {
    for (auto& v : values)
        if (pred(v)) return true;
    return false;
}

}  // namespace

bool glob_match(std::string_view p, std::string_view t) {
    // Iterative matcher with backtracking to the last '*'.
    std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
    while (ti < t.size()) {
        if (pi < p.size() && (p[pi] == '?' || lower(p[pi]) == lower(t[ti]))) {
            ++pi;
            ++ti;
        } else if (pi < p.size() && p[pi] == '*') {
            star = pi++;
            mark = ti;
        } else if (star != std::string_view::npos) {
            pi = star + 1;
            ti = ++mark;
        } else {
            return false;
        }
    }
    while (pi < p.size() && p[pi] == '*') ++pi;
    return pi == p.size();
}

bool Cidr::parse(std::string_view text, Cidr& out) {
    Cidr c;
    const auto slash = text.find('/');
    if (!packet::IpAddress::parse(text.substr(0, slash), c.network)) return false;
    const int max = c.network.version == 4 ? 32 : 128;
    c.prefix = max;
    if (slash != std::string_view::npos) {
        const auto bits = text.substr(slash + 1);
        int n = -1;
        auto [p, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), n);
        if (ec != std::errc() || p != bits.data() + bits.size() || n < 0 || n > max) return false;
        c.prefix = n;
    }
    out = c;
    return true;
}

bool Cidr::contains(const packet::IpAddress& a) const {
    if (a.version != network.version) return false;
    int bits = prefix;
    for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
        const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
        if ((a.bytes[i] & mask) != (network.bytes[i] & mask)) return false;
    }
    return true;
}

bool Rule::matches(const FlowFacts& f) const {
    auto glob_any = [](const std::vector<std::string>& globs, std::string_view v) {
        return any_of(globs, [&](const std::string& g) { return glob_match(g, v); });
    };
    if (!hosts.empty() && !(glob_any(hosts, f.sni) || glob_any(hosts, f.http_host))) return false;
    if (!snis.empty() && !glob_any(snis, f.sni)) return false;
    if (!http_hosts.empty() && !glob_any(http_hosts, f.http_host)) return false;
    if (!captures.empty() && !glob_any(captures, f.capture_name)) return false;
    if (!ports.empty() && !any_of(ports, [&](int p) { return p == f.client_port || p == f.server_port; }))
        return false;
    if (!server_ports.empty() && !any_of(server_ports, [&](int p) { return p == f.server_port; })) return false;
    if (!client_ports.empty() && !any_of(client_ports, [&](int p) { return p == f.client_port; })) return false;
    if (!protos.empty() && !any_of(protos, [&](int p) { return p == f.l4proto; })) return false;
    if (!vlans.empty() && !any_of(vlans, [&](int v) { return v == f.vlan; })) return false;
    if (!cidrs.empty() &&
        !any_of(cidrs, [&](const Cidr& c) { return c.contains(f.client) || c.contains(f.server); }))
        return false;
    if (!server_cidrs.empty() && !any_of(server_cidrs, [&](const Cidr& c) { return c.contains(f.server); }))
        return false;
    if (!client_cidrs.empty() && !any_of(client_cidrs, [&](const Cidr& c) { return c.contains(f.client); }))
        return false;
    return true;
}

RuleSet RuleSet::parse(std::string_view text, std::string_view source) {
    RuleSet set;
    int line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto nl = text.find('\n', pos);
        std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        auto tokens = tokenize(line, source, line_no);
        if (tokens.empty()) continue;

        Rule r;
        r.line = line_no;
        bool have_label = false;
        for (auto& [key, value] : tokens) {
            if (key == "label") {
                if (have_label) syntax(source, line_no, "more than one label");
                have_label = true;
                if (value != "-") r.label = value;
                continue;
            }
            for (auto& v : split_list(value)) {
                if (v.empty()) syntax(source, line_no, "empty item in '" + key + "=" + value + "'");
                if (key == "host") r.hosts.push_back(to_lower(v));
                else if (key == "sni") r.snis.push_back(to_lower(v));
                else if (key == "http_host") r.http_hosts.push_back(to_lower(v));
                else if (key == "capture") r.captures.push_back(to_lower(v));
                else if (key == "port") r.ports.push_back(parse_int(v, 0, 65535, source, line_no, key));
                else if (key == "server_port") r.server_ports.push_back(parse_int(v, 0, 65535, source, line_no, key));
                else if (key == "client_port") r.client_ports.push_back(parse_int(v, 0, 65535, source, line_no, key));
                else if (key == "vlan") r.vlans.push_back(parse_int(v, 0, 4095, source, line_no, key));
                else if (key == "proto") {
                    const auto p = to_lower(v);
                    if (p == "tcp") r.protos.push_back(packet::kProtoTcp);
                    else if (p == "udp") r.protos.push_back(packet::kProtoUdp);
                    else r.protos.push_back(parse_int(v, 0, 255, source, line_no, "proto (tcp, udp or a number)"));
                } else if (key == "cidr" || key == "server_cidr" || key == "client_cidr") {
                    Cidr c;
                    if (!Cidr::parse(v, c)) syntax(source, line_no, "bad network '" + v + "' in " + key);
                    (key == "cidr" ? r.cidrs : key == "server_cidr" ? r.server_cidrs : r.client_cidrs).push_back(c);
                } else {
                    syntax(source, line_no,
                           "unknown condition '" + key +
                               "' (known: label host sni http_host port server_port client_port proto cidr "
                               "server_cidr client_cidr vlan capture)");
                }
            }
        }
        if (!have_label) syntax(source, line_no, "rule has no label=...");
        set.rules_.push_back(std::move(r));
    }
    return set;
}

RuleSet RuleSet::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IoError("cannot read rules file '" + path + "'");
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw IoError("cannot read rules file '" + path + "'");
    return parse(ss.str(), path);
}

const Rule* RuleSet::match(const FlowFacts& f) const {
    for (auto& r : rules_)
        if (r.matches(f)) return &r;
    return nullptr;
}

ApplyRulesResult apply_rules(store::Project& project, const RuleSet& rules, bool only_unlabelled,
                             const ProgressFn& progress, const CancelToken* cancel) {
    ApplyRulesResult res;
    res.per_rule.assign(rules.rules().size(), 0);
    auto& db = project.db();
    store::Transaction tx(db);
    const std::int64_t total = store::count_flows_for_rules(db, only_unlabelled);
    std::vector<store::FlowLabelWrite> updates;
    store::for_each_flow_for_rules(db, only_unlabelled, [&](const store::RuleFlowView& row) {
        ++res.examined;
        if (cancel && (res.examined & 0xfff) == 0 && cancel->cancelled()) throw CancelledError();
        if (progress && (res.examined % 50000) == 0)
            progress({"rules", static_cast<std::uint64_t>(res.examined), static_cast<std::uint64_t>(total), ""});
        FlowFacts f;
        f.l4proto = row.l4proto;
        f.vlan = row.vlan;
        packet::IpAddress::parse(row.client_ip, f.client);
        packet::IpAddress::parse(row.server_ip, f.server);
        f.client_port = row.client_port;
        f.server_port = row.server_port;
        f.sni = row.sni;
        f.http_host = row.http_host;
        f.capture_name = row.capture_name;
        const Rule* r = rules.match(f);
        if (!r) return;
        ++res.matched;
        ++res.per_rule[static_cast<std::size_t>(r - rules.rules().data())];
        const bool had = row.label.has_value();
        const bool same = r->label ? (had && *row.label == *r->label && row.label_source == "rule") : !had;
        if (!same) updates.push_back({row.id, r->label ? std::optional<std::string_view>(*r->label) : std::nullopt});
    });
    store::write_flow_labels(db, updates, "rule");
    res.changed += static_cast<std::int64_t>(updates.size());
    if (cancel && cancel->cancelled()) throw CancelledError();
    tx.commit();
    if (progress) progress({"rules", static_cast<std::uint64_t>(res.examined), static_cast<std::uint64_t>(total), ""});
    return res;
}

store::ImportRules import_rules(RuleSet rules) {
    auto shared = std::make_shared<const RuleSet>(std::move(rules));
    return [shared](const flow::FlowRecord& r, std::string_view capture_name) {
        FlowFacts f;
        f.l4proto = r.key.l4proto;
        f.vlan = r.key.vlan;
        f.client = r.key.client;
        f.server = r.key.server;
        f.client_port = r.key.client_port;
        f.server_port = r.key.server_port;
        f.sni = r.sni;
        f.http_host = r.http_host;
        f.capture_name = capture_name;
        const Rule* rule = shared->match(f);
        if (!rule) return store::RuleMatch{};
        return store::RuleMatch{true, rule->label ? &*rule->label : nullptr};
    };
}

}  // namespace flowcnn::dataset
