#include "engine/unknown/unknown.h"

#include <algorithm>
#include <cmath>

#include "engine/common/error.h"
#include "engine/common/json.h"

namespace flowcnn::unknown {
namespace {

double mean_nll(const std::vector<float>& logits, const std::vector<std::int32_t>& labels, std::size_t c, double t) {
    double total = 0;
    const std::size_t n = labels.size();
    for (std::size_t i = 0; i < n; ++i) {
        const float* row = logits.data() + i * c;
        const double top = *std::max_element(row, row + c) / t;
        double sum = 0;
        for (std::size_t k = 0; k < c; ++k) sum += std::exp(row[k] / t - top);
        total += top + std::log(sum) - row[labels[i]] / t;
    }
    return n ? total / static_cast<double>(n) : 0;
}

}  // namespace

std::string to_json(const UnknownParams& p) {
    if (p.empty()) return "{}";
    model::Json j = model::Json::object();
    j["temperature"] = p.temperature;
    if (p.threshold >= 0) j["threshold"] = p.threshold;
    if (!p.fitted_on.empty()) j["fitted_on"] = p.fitted_on;
    return j.dump();
}

UnknownParams from_json(const std::string& json) {
    UnknownParams p;
    if (json.empty()) return p;
    const auto j = model::Json::parse(json);
    if (!j.is_object()) throw FormatError("unknown-flow parameters: expected an object");
    p.temperature = j.get("temperature", 1.0);
    p.threshold = j.get("threshold", -1.0);
    p.fitted_on = j.get("fitted_on", std::string_view());
    if (!(p.temperature > 0 && p.temperature < 1e6)) throw FormatError("unknown-flow parameters: bad temperature");
    if (p.threshold > 1) throw FormatError("unknown-flow parameters: threshold above 1");
    return p;
}

double fit_temperature(const std::vector<float>& logits, const std::vector<std::int32_t>& labels, std::size_t c) {
    if (labels.empty() || c == 0 || logits.size() < labels.size() * c) return 1.0;
    // Golden-section search over log T: the NLL is unimodal in T for softmax logits.
    double lo = std::log(0.05), hi = std::log(20.0);
    const double g = (std::sqrt(5.0) - 1) / 2;
    double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
    double fa = mean_nll(logits, labels, c, std::exp(a)), fb = mean_nll(logits, labels, c, std::exp(b));
    for (int it = 0; it < 60; ++it) {
        if (fa < fb) {
            hi = b;
            b = a;
            fb = fa;
            a = hi - g * (hi - lo);
            fa = mean_nll(logits, labels, c, std::exp(a));
        } else {
            lo = a;
            a = b;
            fa = fb;
            b = lo + g * (hi - lo);
            fb = mean_nll(logits, labels, c, std::exp(b));
        }
    }
    return std::exp((lo + hi) / 2);
}

double auroc(const std::vector<double>& known, const std::vector<double>& unseen) {
    if (known.empty() || unseen.empty()) return 0.5;
    std::vector<double> k = known;
    std::sort(k.begin(), k.end());
    double wins = 0;
    for (double u : unseen) {
        const auto below = std::lower_bound(k.begin(), k.end(), u) - k.begin();
        const auto not_above = std::upper_bound(k.begin(), k.end(), u) - k.begin();
        wins += static_cast<double>(below) + 0.5 * static_cast<double>(not_above - below);
    }
    return wins / (static_cast<double>(known.size()) * static_cast<double>(unseen.size()));
}

}  // namespace flowcnn::unknown
