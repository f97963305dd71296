#include "engine/eval/cross_source.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "engine/baseline/name_rules.h"
#include "engine/common/error.h"
#include "engine/unknown/unknown.h"

namespace flowcnn::eval {
namespace {

// The flows a model can be scored on: not copies of training images; known = label among its classes.
struct Selection {
    std::vector<std::size_t> rows;
    std::vector<std::int32_t> model_class;  // -1: unseen label
};

Selection select_flows(const std::vector<std::string>& classes, const dataset::ImageSet& flows,
                       const std::vector<std::string>& sha1, const SourceScoreOptions& o, SourceScore& s) {
    std::unordered_map<std::string, std::int32_t> index;
    for (std::size_t c = 0; c < classes.size(); ++c) index[classes[c]] = static_cast<std::int32_t>(c);
    Selection sel;
    for (std::size_t i = 0; i < flows.size(); ++i) {
        if (o.exclude_hashes && i < sha1.size() &&
            std::binary_search(o.exclude_hashes->begin(), o.exclude_hashes->end(), sha1[i])) {
            ++s.excluded_copies;
            continue;
        }
        const auto& label = flows.classes[static_cast<std::size_t>(flows.labels[i])];
        const auto it = index.find(label);
        sel.rows.push_back(i);
        sel.model_class.push_back(it == index.end() ? -1 : it->second);
        if (it == index.end()) ++s.unseen_labels[label];
    }
    return sel;
}

}  // namespace

SourceScore score_labelled_flows(const model::Classifier& clf, const dataset::ImageSet& flows,
                                 const std::vector<std::string>& sha1, const SourceScoreOptions& o,
                                 const CancelToken* cancel) {
    if (!(o.threshold >= 0 && o.threshold <= 1)) throw ConfigError("threshold must be between 0 and 1");
    SourceScore s;
    s.classes = clf.info().classes;
    s.flows = flows.size();
    const auto sel = select_flows(s.classes, flows, sha1, o, s);
    dataset::ImageSet subset;
    subset.classes = flows.classes;
    for (auto i : sel.rows) dataset::append_image(subset, flows, i);
    const std::size_t c = s.classes.size();
    const auto& rules = clf.info().name_rules;
    const std::size_t chunk = 1024;
    for (std::size_t i = 0; i < subset.size(); i += chunk) {
        if (cancel && cancel->cancelled()) throw CancelledError();
        const std::size_t n = std::min(chunk, subset.size() - i);
        auto p = clf.predict_proba(subset, i, n);
        for (std::size_t k = 0; k < n; ++k) {
            float* row = p.data() + k * c;
            if (const auto* rule = rules.empty() ? nullptr : rules.match(subset.names[i + k])) {
                baseline::NameRules::mix(*rule, row, c);
                ++s.decided_by_name_rules;
            }
            const auto best = static_cast<std::int32_t>(std::max_element(row, row + c) - row);
            const std::int32_t truth = sel.model_class[i + k];
            if (truth < 0) {
                s.unseen_confidence.push_back(row[best]);
                continue;
            }
            s.truth.push_back(truth);
            s.predicted.push_back(best);
            s.known_confidence.push_back(row[best]);
        }
    }
    s.known = s.truth.size();
    s.unseen = s.unseen_confidence.size();
    s.scores = baseline::score(s.truth, s.predicted, c);
    std::vector<double> known_score, unseen_score;
    std::size_t kept = 0, kept_right = 0, rejected = 0;
    for (std::size_t i = 0; i < s.known; ++i) {
        known_score.push_back(1.0 - s.known_confidence[i]);
        if (s.known_confidence[i] >= o.threshold) {
            ++kept;
            kept_right += s.truth[i] == s.predicted[i];
        }
    }
    for (float v : s.unseen_confidence) {
        unseen_score.push_back(1.0 - v);
        rejected += v < o.threshold;
    }
    s.auroc = unknown::auroc(known_score, unseen_score);
    s.known_kept = s.known ? static_cast<double>(kept) / static_cast<double>(s.known) : 0;
    s.known_kept_correct = s.known ? static_cast<double>(kept_right) / static_cast<double>(s.known) : 0;
    s.unseen_rejected = s.unseen ? static_cast<double>(rejected) / static_cast<double>(s.unseen) : 0;
    return s;
}

std::string format_source_score(const SourceScore& s, double threshold) {
    std::string out;
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "%zu labelled flows: %zu copies of training images left out, %zu of the model's %zu classes "
                  "(%zu present), %zu of other labels (%zu labels)\n",
                  s.flows, s.excluded_copies, s.known, s.classes.size(), s.scores.present, s.unseen,
                  s.unseen_labels.size());
    out += buf;
    std::snprintf(buf, sizeof buf, "known classes: accuracy %.4f (%lld/%lld), macro-F1 %.4f over the %zu classes present\n",
                  s.scores.accuracy, static_cast<long long>(s.scores.correct), static_cast<long long>(s.scores.total),
                  s.scores.macro_f1, s.scores.present);
    out += buf;
    if (s.decided_by_name_rules) {
        std::snprintf(buf, sizeof buf, "the model's name rules decided %zu flows\n", s.decided_by_name_rules);
        out += buf;
    }
    for (std::size_t c = 0; c < s.classes.size(); ++c) {
        if (c >= s.scores.support.size() || s.scores.support[c] == 0) continue;
        std::snprintf(buf, sizeof buf, "  %-24s F1 %.4f  (%lld flows)\n", s.classes[c].c_str(), s.scores.f1[c],
                      static_cast<long long>(s.scores.support[c]));
        out += buf;
    }
    std::snprintf(buf, sizeof buf,
                  "unknown at threshold %.2f: %.1f%% of unseen-class flows rejected, %.1f%% of known-class flows "
                  "kept (%.1f%% kept and right); AUROC unseen vs known %.3f\n",
                  threshold, 100 * s.unseen_rejected, 100 * s.known_kept, 100 * s.known_kept_correct, s.auroc);
    out += buf;
    return out;
}

}  // namespace flowcnn::eval
