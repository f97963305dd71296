#include "engine/classify/classify.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <numeric>

#include "engine/common/error.h"
#include "engine/common/csv.h"
#include "engine/features/flow_features.h"
#include "engine/features/session_fields.h"
#include "engine/flow/flow.h"
#include "engine/image/payload_image.h"
#include "engine/common/json.h"
#include "engine/store/classifications.h"
#include "engine/store/importer.h"
#include "engine/store/project.h"

namespace flowcnn::classify {
namespace {

using Clock = std::chrono::steady_clock;

flow::FlowOptions model_flow_options(const model::Classifier& clf, flow::FlowOptions o) {
    o.direction = clf.info().preprocessing.direction;
    o.fill = clf.info().preprocessing.fill;
    return o;
}

std::string proto_name(int p) { return p == 6 ? "tcp" : p == 17 ? "udp" : std::to_string(p); }

}  // namespace

void predict_flows(const model::Classifier& clf, std::vector<ClassifiedFlow>& flows, double threshold,
                   std::size_t batch) {
    if (flows.empty()) return;
    const auto& classes = clf.info().classes;
    const auto& pre = clf.info().preprocessing;
    const auto payload_bytes = static_cast<std::size_t>(pre.payload_bytes);
    const std::size_t c = classes.size();
    if (batch == 0) batch = 256;
    std::vector<std::uint8_t> pixels;
    std::vector<float> feature_rows;
    const std::size_t width = features::feature_count();
    for (std::size_t i = 0; i < flows.size(); i += batch) {
        const std::size_t n = std::min(batch, flows.size() - i);
        std::vector<float> p;
        if (clf.needs_features()) {  // the feature models read the flow's shape and protocol fields
            feature_rows.resize(n * width);
            for (std::size_t k = 0; k < n; ++k)
                features::extract(features::view_of(flows[i + k].record),
                                  std::span<float>(feature_rows.data() + k * width, width));
            p = clf.predict_proba(nullptr, feature_rows.data(), n);
        } else {
            pixels.resize(n * flow::kImageBytes);
            for (std::size_t k = 0; k < n; ++k) {
                const auto& r = flows[i + k].record;
                const auto img = features::flow_image(r.head, r.shape, r.key.l4proto, r.key.server_port, pre.fill,
                                                      payload_bytes, pre.blank_session_fields);
                std::copy(img.begin(), img.end(), pixels.begin() + static_cast<std::ptrdiff_t>(k * flow::kImageBytes));
            }
            p = clf.predict_proba(pixels.data(), n, n);
        }
        std::vector<std::size_t> order(c);
        for (std::size_t k = 0; k < n; ++k) {
            auto& rec = flows[i + k].record;
            const auto* rule = clf.info().name_rules.match(flow::server_name(rec.sni, rec.http_host));
            if (rule) baseline::NameRules::mix(*rule, p.data() + k * c, c);
            flows[i + k].by_name_rule = rule != nullptr;
            const float* row = p.data() + k * c;
            std::iota(order.begin(), order.end(), std::size_t{0});
            const std::size_t top = std::min<std::size_t>(3, c);
            std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(),
                              [&](std::size_t a, std::size_t b) { return row[a] > row[b] || (row[a] == row[b] && a < b); });
            auto& f = flows[i + k];
            f.predicted_index = static_cast<int>(order[0]);
            f.confidence = row[order[0]];
            f.label = f.confidence >= threshold ? classes[order[0]] : kUnknownLabel;
            f.top3.clear();
            for (std::size_t t = 0; t < top; ++t) f.top3.emplace_back(classes[order[t]], row[order[t]]);
        }
    }
}

ClassifyResult classify_reader(const model::Classifier& clf, capture::CaptureReader& reader,
                               const ClassifyOptions& options, const ProgressFn& progress,
                               const CancelToken* cancel,
                               const std::function<void(const ClassifiedFlow&)>& on_flow) {
    if (!(options.threshold >= 0 && options.threshold <= 1))
        throw ConfigError("threshold must be between 0 and 1");
    const auto t0 = Clock::now();
    ClassifyResult r;
    std::vector<ClassifiedFlow> pending;
    const std::size_t batch = options.batch ? options.batch : 256;
    auto flush = [&] {
        predict_flows(clf, pending, options.threshold, batch);
        for (auto& f : pending) {
            ++r.counts[f.label];
            if (on_flow) on_flow(f);
            r.flows.push_back(std::move(f));
        }
        pending.clear();
    };
    auto sink = [&](flow::FlowRecord&& rec) {
        if (!rec.has_image()) {
            ++r.flows_without_image;
            return;
        }
        ClassifiedFlow f;
        f.record = std::move(rec);
        pending.push_back(std::move(f));
        if (pending.size() >= batch) flush();
    };
    r.stats = pipeline::extract_flows(reader, model_flow_options(clf, options.flow), sink, progress, cancel);
    flush();
    r.cancelled = r.stats.cancelled;
    r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return r;
}

ClassifyResult classify_capture(const model::Classifier& clf, const std::string& capture_path,
                                const ClassifyOptions& options, const ProgressFn& progress,
                                const CancelToken* cancel,
                                const std::function<void(const ClassifiedFlow&)>& on_flow) {
    auto reader = capture::open_capture(capture_path);
    return classify_reader(clf, *reader, options, progress, cancel, on_flow);
}

void write_csv(const ClassifyResult& r, const std::string& path) {
    exporter::CsvWriter w(path);
    w.row({"flow", "flow_id", "proto", "client", "client_port", "server", "server_port", "first_ns",
           "last_ns", "packets", "bytes", "sni", "http_host", "label", "confidence", "top1", "p1",
           "top2", "p2", "top3", "p3", "decided_by"});
    char buf[32];
    for (auto& f : r.flows) {
        const auto& k = f.record.key;
        std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(f.confidence));
        std::vector<std::string> row{std::to_string(f.record.index), f.flow_id ? std::to_string(f.flow_id) : "",
                                     proto_name(k.l4proto), k.client.to_string(), std::to_string(k.client_port),
                                     k.server.to_string(), std::to_string(k.server_port),
                                     std::to_string(f.record.first_ns), std::to_string(f.record.last_ns),
                                     std::to_string(f.record.packets_c2s + f.record.packets_s2c),
                                     std::to_string(f.record.bytes_c2s + f.record.bytes_s2c), f.record.sni,
                                     f.record.http_host, f.label, buf};
        for (std::size_t t = 0; t < 3; ++t) {
            if (t < f.top3.size()) {
                std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(f.top3[t].second));
                row.push_back(f.top3[t].first);
                row.push_back(buf);
            } else {
                row.push_back("");
                row.push_back("");
            }
        }
        row.push_back(f.by_name_rule ? "name rule" : "cnn");
        w.row(row);
    }
    w.close();
}

void write_json(const ClassifyResult& r, const model::ModelInfo& model, double threshold,
                const std::string& path) {
    using model::Json;
    Json j = Json::object();
    Json m = Json::object();
    m["name"] = model.name;
    m["hparams"] = Json::parse(model.hparams.to_json());
    Json classes = Json::array();
    for (auto& c : model.classes) classes.push_back(c);
    m["classes"] = std::move(classes);
    m["name_rules"] = static_cast<std::uint64_t>(model.name_rules.size());
    j["model"] = std::move(m);
    j["threshold"] = threshold;
    Json counts = Json::object();
    for (auto& [label, n] : r.counts) counts[label] = n;
    j["counts"] = std::move(counts);
    j["flows_without_image"] = r.flows_without_image;
    if (!r.stats.error.empty()) j["capture_error"] = r.stats.error;
    Json flows = Json::array();
    for (auto& f : r.flows) {
        const auto& k = f.record.key;
        Json o = Json::object();
        o["flow"] = f.record.index;
        if (f.flow_id) o["flow_id"] = f.flow_id;
        o["proto"] = proto_name(k.l4proto);
        o["client"] = k.client.to_string();
        o["client_port"] = static_cast<int>(k.client_port);
        o["server"] = k.server.to_string();
        o["server_port"] = static_cast<int>(k.server_port);
        o["first_ns"] = f.record.first_ns;
        if (!f.record.sni.empty()) o["sni"] = f.record.sni;
        if (!f.record.http_host.empty()) o["http_host"] = f.record.http_host;
        o["label"] = f.label;
        o["confidence"] = static_cast<double>(f.confidence);
        Json top = Json::array();
        for (auto& [label, p] : f.top3) top.push_back(Json(Json::Array{Json(label), Json(static_cast<double>(p))}));
        o["top3"] = std::move(top);
        if (f.by_name_rule) o["decided_by"] = "name rule";
        flows.push_back(std::move(o));
    }
    j["flows"] = std::move(flows);
    std::FILE* out = std::fopen(path.c_str(), "wb");
    if (!out) throw IoError("cannot write " + path);
    const std::string text = j.dump() + "\n";
    const bool ok = std::fwrite(text.data(), 1, text.size(), out) == text.size();
    if (std::fclose(out) != 0 || !ok) throw IoError("cannot write " + path);
}

namespace {

std::string top3_json(const ClassifiedFlow& f) {
    model::Json a = model::Json::array();
    for (auto& [label, p] : f.top3)
        a.push_back(model::Json(model::Json::Array{model::Json(label), model::Json(static_cast<double>(p))}));
    return a.dump();
}

std::int64_t store_classification(store::Database& db, std::optional<std::int64_t> model_id,
                                  std::int64_t capture_id, double threshold,
                                  const std::vector<ClassifiedFlow>& flows) {
    // Flows without a project id (none, normally) cannot be recorded.
    std::vector<store::NewClassifiedFlow> rows;
    rows.reserve(flows.size());
    for (const auto& f : flows)
        if (f.flow_id) rows.push_back({f.flow_id, f.label, static_cast<double>(f.confidence), top3_json(f)});
    return store::insert_classification(db, model_id, capture_id, threshold, rows);
}

}  // namespace

ProjectClassification classify_project_capture(store::Project& project, const model::Classifier& clf,
                                               std::optional<std::int64_t> model_id,
                                               std::int64_t capture_id, double threshold,
                                               const CancelToken* cancel) {
    if (!(threshold >= 0 && threshold <= 1)) throw ConfigError("threshold must be between 0 and 1");
    const auto t0 = Clock::now();
    auto cap = project.capture(capture_id);
    if (!cap) throw ConfigError("no capture " + std::to_string(capture_id));
    const auto& pre = clf.info().preprocessing;
    flow::Direction dir = flow::Direction::Both;
    flow::parse_direction(cap->direction, dir);
    if (dir != pre.direction)
        throw ConfigError("capture " + std::to_string(capture_id) + " was imported with direction '" +
                          cap->direction + "' but the model expects '" +
                          std::string(flow::direction_name(pre.direction)) + "'");
    ProjectClassification out;
    out.capture_id = capture_id;
    store::FlowFilter filter;
    filter.capture_id = capture_id;
    filter.with_image_only = true;
    const std::int64_t page = 4096;
    for (std::int64_t offset = 0;; offset += page) {
        if (cancel && cancel->cancelled()) {
            out.result.cancelled = true;
            break;
        }
        auto rows = project.flows(filter, offset, page, store::FlowColumn::Id, true, true);
        if (rows.empty()) break;
        std::vector<ClassifiedFlow> batch;
        for (auto& row : rows) {
            ClassifiedFlow f;
            f.flow_id = row.id;
            f.record.index = static_cast<std::uint64_t>(row.idx);
            f.record.key.l4proto = static_cast<std::uint8_t>(row.l4proto);
            f.record.key.vlan = static_cast<std::uint16_t>(row.vlan);
            packet::IpAddress::parse(row.client_ip, f.record.key.client);
            packet::IpAddress::parse(row.server_ip, f.record.key.server);
            f.record.key.client_port = static_cast<std::uint16_t>(row.client_port);
            f.record.key.server_port = static_cast<std::uint16_t>(row.server_port);
            f.record.first_ns = row.first_ns;
            f.record.last_ns = row.last_ns;
            f.record.packets_c2s = static_cast<std::uint64_t>(row.packets_c2s);
            f.record.packets_s2c = static_cast<std::uint64_t>(row.packets_s2c);
            f.record.bytes_c2s = static_cast<std::uint64_t>(row.bytes_c2s);
            f.record.bytes_s2c = static_cast<std::uint64_t>(row.bytes_s2c);
            f.record.payload_bytes = static_cast<std::uint64_t>(row.payload_len);
            f.record.head = std::move(row.head);
            f.record.shape = std::move(row.shape);  // the trees' features and the blanking read it
            f.record.sni = row.sni;
            f.record.http_host = row.http_host;
            batch.push_back(std::move(f));
        }
        predict_flows(clf, batch, threshold);
        for (auto& f : batch) {
            ++out.result.counts[f.label];
            out.result.flows.push_back(std::move(f));
        }
        if (static_cast<std::int64_t>(rows.size()) < page) break;
    }
    if (out.result.cancelled) throw CancelledError();
    out.classification_id = store_classification(project.db(), model_id, capture_id, threshold, out.result.flows);
    out.result.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return out;
}

ProjectClassification classify_into_project(store::Project& project, const model::Classifier& clf,
                                            std::optional<std::int64_t> model_id,
                                            const std::string& capture_path,
                                            const ClassifyOptions& options, const ProgressFn& progress,
                                            const CancelToken* cancel) {
    store::ImportOptions io;
    io.flow = model_flow_options(clf, options.flow);
    auto imported = store::import_capture(project, capture_path, io, progress, cancel);
    if (imported.status == "cancelled") throw CancelledError();
    auto out = classify_project_capture(project, clf, model_id, imported.capture_id, options.threshold, cancel);
    out.result.stats = imported.stats;
    return out;
}

}  // namespace flowcnn::classify
