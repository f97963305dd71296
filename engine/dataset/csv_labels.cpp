#include "engine/dataset/csv_labels.h"

#include <algorithm>
#include <charconv>
#include <unordered_map>
#include <utility>

#include "engine/common/ascii.h"
#include "engine/common/error.h"
#include "engine/common/csv.h"
#include "engine/packet/packet.h"
#include "engine/store/project.h"

namespace flowcnn::dataset {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// A port as Python's int() reads it (surrounding whitespace, an optional '+'), 0-65535; -1 if not.
int parse_port(std::string_view text) {
    auto s = trim(text);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty() || s.size() > 9) return -1;
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v < 0 || v > 65535) return -1;
    return v;
}

bool valid_source(std::string_view s) { return s == "capture" || s == "folder" || s == "rule" || s == "manual"; }

}  // namespace

std::string normalise_address(std::string_view text) {
    const auto t = trim(text);
    packet::IpAddress a;
    if (packet::IpAddress::parse(t, a)) return a.to_string();
    return ascii_lower(t);
}

FlowJoinKey make_join_key(std::string capture, int l4proto, std::string_view ip1, int port1, std::string_view ip2,
                          int port2) {
    FlowJoinKey k;
    k.capture = std::move(capture);
    k.l4proto = l4proto;
    auto a = std::make_pair(normalise_address(ip1), port1);
    auto b = std::make_pair(normalise_address(ip2), port2);
    if (b < a) std::swap(a, b);
    k.a_ip = std::move(a.first);
    k.a_port = a.second;
    k.b_ip = std::move(b.first);
    k.b_port = b.second;
    return k;
}

int parse_csv_l4proto(std::string_view text) {
    const auto s = ascii_lower(trim(text));
    if (s == "tcp" || s == "6") return 6;
    if (s == "udp" || s == "17") return 17;
    return 0;
}

std::int64_t CsvLabels::conflicting() const {
    return static_cast<std::int64_t>(
        std::count_if(labels.begin(), labels.end(), [](const auto& kv) { return kv.second.size() > 1; }));
}

namespace {

CsvLabels read_labels(exporter::CsvReader& reader, const CsvLabelOptions& opt, const CancelToken* cancel) {
    const std::string& source = reader.source();
    std::vector<std::string> header;
    if (!reader.next(header)) throw FormatError(source + " is empty: no header line");
    // As Python's csv.DictReader: a name given twice means its last column.
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < header.size(); ++i) index[header[i]] = i;
    auto column = [&](const std::string& name, const char* what) -> std::size_t {
        auto it = index.find(name);
        if (it != index.end()) return it->second;
        std::string names;
        for (const auto& h : header) names += (names.empty() ? "" : ", ") + h;
        throw ConfigError(source + " has no column '" + name + "' (the " + what + " column); its columns: " + names);
    };
    if (opt.label_column.empty()) throw ConfigError("the label column must be named");
    const bool filter_confidence = !opt.confidence_prefix.empty();
    if (filter_confidence && opt.confidence_column.empty())
        throw ConfigError("a confidence prefix needs a confidence column");
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    const std::size_t c_label = column(opt.label_column, "label");
    const std::size_t c_conf = filter_confidence ? column(opt.confidence_column, "confidence") : kNone;
    const std::size_t c_cap = opt.capture_column.empty() ? kNone : column(opt.capture_column, "capture");
    const std::size_t c_src = column(opt.src_column, "source address");
    const std::size_t c_sport = column(opt.sport_column, "source port");
    const std::size_t c_dst = column(opt.dst_column, "destination address");
    const std::size_t c_dport = column(opt.dport_column, "destination port");
    const std::size_t c_proto = column(opt.proto_column, "protocol");

    CsvLabels out;
    std::vector<std::string> row;
    static const std::string kEmpty;
    auto field = [&](std::size_t c) -> const std::string& { return c < row.size() ? row[c] : kEmpty; };
    auto port = [&](std::size_t c, const std::string& name) {
        const int p = parse_port(field(c));
        if (p < 0)
            throw FormatError(source + " line " + std::to_string(reader.line()) + ": column '" + name + "': '" +
                              field(c) + "' is not a port number");
        return p;
    };
    while (reader.next(row)) {
        ++out.rows;
        if (cancel && (out.rows & 0xfff) == 0 && cancel->cancelled()) throw CancelledError();
        const auto label = trim(field(c_label));
        if (label.empty() || label == "Unknown") continue;
        if (filter_confidence && !field(c_conf).starts_with(opt.confidence_prefix)) continue;
        const int proto = parse_csv_l4proto(field(c_proto));
        if (proto == 0) continue;
        ++out.usable;
        const int sport = port(c_sport, opt.sport_column);
        const int dport = port(c_dport, opt.dport_column);
        auto key = make_join_key(c_cap == kNone ? std::string() : field(c_cap), proto, field(c_src), sport,
                                 field(c_dst), dport);
        auto& labels = out.labels[std::move(key)];
        if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.emplace_back(label);
    }
    return out;
}

}  // namespace

CsvLabels read_csv_labels(std::istream& in, const CsvLabelOptions& options, const std::string& source,
                          const CancelToken* cancel) {
    exporter::CsvReader reader(in, source);
    return read_labels(reader, options, cancel);
}

CsvLabels read_csv_labels(const std::string& path, const CsvLabelOptions& options, const CancelToken* cancel) {
    exporter::CsvReader reader(path);
    return read_labels(reader, options, cancel);
}

ApplyCsvLabelsResult apply_csv_labels(store::Project& project, const CsvLabels& labels, bool only_unlabelled,
                                      std::string_view source, const CancelToken* cancel) {
    if (!valid_source(source))
        throw ConfigError("label source '" + std::string(source) + "' is not one of capture, folder, rule, manual");
    std::unordered_map<std::int64_t, std::string> capture_names;
    for (const auto& c : project.captures()) capture_names[c.id] = c.name;
    const bool any_capture_rows = std::any_of(labels.labels.begin(), labels.labels.end(),
                                              [](const auto& kv) { return kv.first.capture.empty(); });

    ApplyCsvLabelsResult res;
    std::vector<store::LabelAssignment> updates;
    std::vector<std::string_view> found;
    auto add = [&](const FlowJoinKey& k) {
        auto it = labels.labels.find(k);
        if (it == labels.labels.end()) return;
        for (const auto& l : it->second)
            if (std::find(found.begin(), found.end(), l) == found.end()) found.push_back(l);
    };
    project.for_each_flow_endpoints([&](const store::FlowEndpoints& f) {
        ++res.flows;
        if (cancel && (res.flows & 0xfff) == 0 && cancel->cancelled()) throw CancelledError();
        auto name = capture_names.find(f.capture_id);
        if (name == capture_names.end()) return;
        auto key = make_join_key(name->second, f.l4proto, f.client_ip, f.client_port, f.server_ip, f.server_port);
        found.clear();
        add(key);
        if (any_capture_rows) {
            key.capture.clear();
            add(key);
        }
        if (found.empty()) return;
        if (found.size() > 1) {
            ++res.conflicting;
            return;
        }
        if (only_unlabelled && !f.label.empty()) {
            ++res.kept;
            return;
        }
        updates.push_back({f.id, found.front()});
    });
    if (cancel && cancel->cancelled()) throw CancelledError();
    res.labelled = static_cast<std::int64_t>(updates.size());
    if (!updates.empty()) res.changed = project.set_flow_labels(updates, source);
    return res;
}

}  // namespace flowcnn::dataset
