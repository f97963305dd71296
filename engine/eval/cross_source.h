#pragma once
// Scoring a model on labelled flows from elsewhere (issue 14's cross-source measure): another
// project's captures, labelled the same way (e.g. by nDPI), which the model has never seen. Flows
// whose label is one of the model's classes are scored (accuracy, macro-F1 over the classes
// present); flows of other labels are the unseen applications, for which the right answer is
// "unknown": how many are rejected at the threshold, and how well the confidence tells them from
// known ones (AUROC). Torch-free API.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "engine/baseline/baseline.h"
#include "engine/common/progress.h"
#include "engine/dataset/image_set.h"
#include "engine/model/classifier.h"

namespace flowcnn::eval {

struct SourceScoreOptions {
    double threshold = 0.5;  // below: unknown
    // Flows whose stored image hash is in this sorted list (the training project's images) are left
    // out: a copy of a training flow says nothing about unseen captures.
    const std::vector<std::string>* exclude_hashes = nullptr;
};

struct SourceScore {
    std::vector<std::string> classes;  // the model's
    std::size_t flows = 0, excluded_copies = 0, known = 0, unseen = 0;
    std::size_t decided_by_name_rules = 0;
    baseline::Scores scores;                      // known-class flows, argmax (no threshold)
    std::vector<std::int32_t> truth, predicted;   // known-class flows
    std::vector<float> known_confidence, unseen_confidence;
    std::map<std::string, std::size_t> unseen_labels;  // label -> flows
    double auroc = 0.5;            // unseen vs known by 1 - confidence
    double unseen_rejected = 0;    // share of unseen-class flows called unknown at the threshold
    double known_kept = 0;         // share of known-class flows above the threshold
    double known_kept_correct = 0; // share of known-class flows above the threshold and right
};

// `flows` as dataset::load_labelled_flows gives them (images made with the model's preprocessing,
// features, names; `image_sha1` per flow when options.exclude_hashes is set).
SourceScore score_labelled_flows(const model::Classifier& clf, const dataset::ImageSet& flows,
                                 const std::vector<std::string>& image_sha1, const SourceScoreOptions& options,
                                 const CancelToken* cancel = nullptr);

// Text report: counts, the scores, the per-class F1 of the classes present, the unknown measures.
std::string format_source_score(const SourceScore& s, double threshold);

}  // namespace flowcnn::eval
