#include "engine/eval/cross_source.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "engine/common/error.h"
#include "engine/eval/evaluate.h"
#include "engine/unknown/unknown.h"

namespace flowcnn::eval {
namespace {

constexpr std::int32_t kUnseen = -1, kExcluded = -2;

// Each flow's class among the model's, kUnseen for another label, kExcluded for a copy of a
// training image (counted in `s`).
std::vector<std::int32_t> model_classes(const std::vector<std::string>& classes, const dataset::ImageSet& flows,
                                        const std::vector<std::string>& sha1, const SourceScoreOptions& o,
                                        SourceScore& s) {
    std::unordered_map<std::string, std::int32_t> index;
    for (std::size_t c = 0; c < classes.size(); ++c) index[classes[c]] = static_cast<std::int32_t>(c);
    std::vector<std::int32_t> out(flows.size());
    for (std::size_t i = 0; i < flows.size(); ++i) {
        if (o.exclude_hashes && i < sha1.size() &&
            std::binary_search(o.exclude_hashes->begin(), o.exclude_hashes->end(), sha1[i])) {
            ++s.excluded_copies;
            out[i] = kExcluded;
            continue;
        }
        const auto& label = flows.classes[static_cast<std::size_t>(flows.labels[i])];
        const auto it = index.find(label);
        out[i] = it == index.end() ? kUnseen : it->second;
        if (it == index.end()) ++s.unseen_labels[label];
    }
    return out;
}

// The unknown measures of the scored flows at the threshold.
void score_unknown(SourceScore& s, double threshold) {
    std::vector<double> known_score, unseen_score;
    std::size_t kept = 0, kept_right = 0, rejected = 0;
    for (std::size_t i = 0; i < s.known; ++i) {
        known_score.push_back(1.0 - s.known_confidence[i]);
        if (s.known_confidence[i] >= threshold) {
            ++kept;
            kept_right += s.truth[i] == s.predicted[i];
        }
    }
    for (float v : s.unseen_confidence) {
        unseen_score.push_back(1.0 - v);
        rejected += v < threshold;
    }
    s.auroc = unknown::auroc(known_score, unseen_score);
    s.known_kept = s.known ? static_cast<double>(kept) / static_cast<double>(s.known) : 0;
    s.known_kept_correct = s.known ? static_cast<double>(kept_right) / static_cast<double>(s.known) : 0;
    s.unseen_rejected = s.unseen ? static_cast<double>(rejected) / static_cast<double>(s.unseen) : 0;
}

}  // namespace

SourceScore score_labelled_flows(const model::Classifier& clf, const dataset::ImageSet& flows,
                                 const std::vector<std::string>& sha1, const SourceScoreOptions& o,
                                 const CancelToken* cancel) {
    if (!(o.threshold >= 0 && o.threshold <= 1)) throw ConfigError("threshold must be between 0 and 1");
    SourceScore s;
    s.classes = clf.info().classes;
    s.flows = flows.size();
    const auto truth = model_classes(s.classes, flows, sha1, o, s);
    predict_set(clf, flows, cancel, [&](std::size_t i, const Answer& a) {
        if (truth[i] == kExcluded) return;
        s.decided_by_name_rules += a.by_name_rule;
        if (truth[i] == kUnseen) {
            s.unseen_confidence.push_back(a.confidence);
            return;
        }
        s.truth.push_back(truth[i]);
        s.predicted.push_back(a.index);
        s.known_confidence.push_back(a.confidence);
    });
    s.known = s.truth.size();
    s.unseen = s.unseen_confidence.size();
    s.scores = baseline::score(s.truth, s.predicted, s.classes.size());
    score_unknown(s, o.threshold);
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
