#include "engine/metrics/metrics.h"

#include <algorithm>
#include <cstdio>

#include "engine/common/error.h"
#include "engine/common/json.h"

namespace flowcnn::eval {

using model::Json;

Metrics compute_metrics(std::span<const std::int32_t> truth, std::span<const std::int32_t> predicted,
                        const std::vector<std::string>& classes) {
    if (truth.size() != predicted.size())
        throw ConfigError("metrics: " + std::to_string(truth.size()) + " true labels but " +
                          std::to_string(predicted.size()) + " predictions");
    const std::size_t k = classes.size();
    std::vector<std::vector<std::int64_t>> confusion(k, std::vector<std::int64_t>(k, 0));
    for (std::size_t i = 0; i < truth.size(); ++i) {
        const auto t = truth[i], p = predicted[i];
        if (t < 0 || p < 0 || static_cast<std::size_t>(t) >= k || static_cast<std::size_t>(p) >= k)
            throw ConfigError("metrics: class index outside the " + std::to_string(k) + " classes");
        ++confusion[static_cast<std::size_t>(t)][static_cast<std::size_t>(p)];
    }
    return metrics_from_confusion(std::move(confusion), classes);
}

Metrics metrics_from_confusion(std::vector<std::vector<std::int64_t>> confusion,
                               const std::vector<std::string>& classes) {
    const std::size_t k = classes.size();
    if (confusion.size() != k)
        throw ConfigError("metrics: a confusion matrix of " + std::to_string(confusion.size()) +
                          " rows for " + std::to_string(k) + " classes");
    for (auto& row : confusion)
        if (row.size() != k) throw ConfigError("metrics: the confusion matrix is not square");
    Metrics m;
    m.confusion = std::move(confusion);
    for (std::size_t c = 0; c < k; ++c) {
        m.correct += m.confusion[c][c];
        for (std::size_t j = 0; j < k; ++j) m.total += m.confusion[c][j];
    }
    m.accuracy = m.total ? static_cast<double>(m.correct) / static_cast<double>(m.total) : 0;
    double f1_sum = 0;
    int f1_n = 0;
    for (std::size_t c = 0; c < k; ++c) {
        ClassMetrics cm;
        cm.label = classes[c];
        const std::int64_t tp = m.confusion[c][c];
        for (std::size_t j = 0; j < k; ++j) {
            cm.support += m.confusion[c][j];
            cm.predicted += m.confusion[j][c];
        }
        cm.precision = cm.predicted ? static_cast<double>(tp) / static_cast<double>(cm.predicted) : 0;
        cm.recall = cm.support ? static_cast<double>(tp) / static_cast<double>(cm.support) : 0;
        cm.f1 = cm.precision + cm.recall > 0
                    ? 2 * cm.precision * cm.recall / (cm.precision + cm.recall)
                    : 0;
        if (cm.support > 0 || cm.predicted > 0) {
            f1_sum += cm.f1;
            ++f1_n;
        }
        m.per_class.push_back(std::move(cm));
    }
    m.macro_f1 = f1_n ? f1_sum / f1_n : 0;
    return m;
}

std::string per_class_json(const Metrics& m) {
    Json a = Json::array();
    for (auto& c : m.per_class) {
        Json j = Json::object();
        j["label"] = c.label;
        j["precision"] = c.precision;
        j["recall"] = c.recall;
        j["f1"] = c.f1;
        j["support"] = c.support;
        j["predicted"] = c.predicted;
        a.push_back(std::move(j));
    }
    return a.dump();
}

std::string confusion_json(const Metrics& m) {
    Json a = Json::array();
    for (auto& row : m.confusion) {
        Json r = Json::array();
        for (auto v : row) r.push_back(v);
        a.push_back(std::move(r));
    }
    return a.dump();
}

Metrics metrics_from_json(std::string_view per_class, std::string_view confusion) {
    Metrics m;
    const Json pc = Json::parse(per_class);  // kept alive: the loops below reference into it
    const Json cf = Json::parse(confusion);
    for (auto& j : pc.as_array()) {
        ClassMetrics c;
        c.label = j.get("label", std::string_view());
        c.precision = j.get("precision", 0.0);
        c.recall = j.get("recall", 0.0);
        c.f1 = j.get("f1", 0.0);
        c.support = j.get_int("support", 0);
        c.predicted = j.get_int("predicted", 0);
        m.per_class.push_back(std::move(c));
    }
    for (auto& row : cf.as_array()) {
        std::vector<std::int64_t> r;
        for (auto& v : row.as_array()) r.push_back(v.as_int());
        m.confusion.push_back(std::move(r));
    }
    double f1_sum = 0;
    int f1_n = 0;
    for (std::size_t i = 0; i < m.confusion.size(); ++i)
        for (std::size_t j = 0; j < m.confusion[i].size(); ++j) {
            m.total += m.confusion[i][j];
            if (i == j) m.correct += m.confusion[i][j];
        }
    for (auto& c : m.per_class)
        if (c.support > 0 || c.predicted > 0) {
            f1_sum += c.f1;
            ++f1_n;
        }
    m.accuracy = m.total ? static_cast<double>(m.correct) / static_cast<double>(m.total) : 0;
    m.macro_f1 = f1_n ? f1_sum / f1_n : 0;
    return m;
}

std::string format_per_class(const Metrics& m) {
    std::size_t w = 5;
    for (auto& c : m.per_class) w = std::max(w, c.label.size());
    std::string out;
    char buf[256];
    std::snprintf(buf, sizeof buf, "%-*s %9s %9s %9s %8s\n", static_cast<int>(w), "class", "precision",
                  "recall", "f1", "support");
    out += buf;
    for (auto& c : m.per_class) {
        std::snprintf(buf, sizeof buf, "%-*s %9.4f %9.4f %9.4f %8lld\n", static_cast<int>(w),
                      c.label.c_str(), c.precision, c.recall, c.f1, static_cast<long long>(c.support));
        out += buf;
    }
    return out;
}

std::string format_confusion(const Metrics& m) {
    std::size_t w = 4;
    for (auto& c : m.per_class) w = std::max(w, c.label.size());
    std::int64_t mx = 0;
    for (auto& r : m.confusion)
        for (auto v : r) mx = std::max(mx, v);
    int cw = std::max(4, static_cast<int>(std::to_string(mx).size()) + 1);
    std::string out;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%-*s", static_cast<int>(w), "true\\pred");
    out += buf;
    for (std::size_t j = 0; j < m.confusion.size(); ++j) {
        std::snprintf(buf, sizeof buf, " %*zu", cw, j);
        out += buf;
    }
    out += "\n";
    for (std::size_t i = 0; i < m.confusion.size(); ++i) {
        std::string label = i < m.per_class.size() ? m.per_class[i].label : std::to_string(i);
        std::snprintf(buf, sizeof buf, "%-*s", static_cast<int>(w), (std::to_string(i) + " " + label).substr(0, std::max<std::size_t>(w, 9)).c_str());
        out += buf;
        for (auto v : m.confusion[i]) {
            std::snprintf(buf, sizeof buf, " %*lld", cw, static_cast<long long>(v));
            out += buf;
        }
        out += "\n";
    }
    return out;
}

}  // namespace flowcnn::eval
