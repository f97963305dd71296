#pragma once
// When a model should say "unknown" (issue 14): a calibration temperature fitted on validation
// flows, so that confidences mean what they say, and the measures that judge an unknown decision
// (AUROC known-vs-unseen, rejection rates at a threshold). Torch-free: the model engine, the
// baselines and the workbench share it. Stored in a model file's metadata as "unknown".
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace flowcnn::unknown {

struct UnknownParams {
    double temperature = 1.0;  // probabilities = softmax(logits / temperature)
    double threshold = -1;     // the confidence below which a flow is unknown; < 0: not chosen
    std::string fitted_on;     // e.g. "val (122 flows)"
    bool empty() const { return temperature == 1.0 && threshold < 0 && fitted_on.empty(); }
};
std::string to_json(const UnknownParams& p);  // "{}" when empty
// Throws FormatError for malformed JSON or a temperature that is not positive.
UnknownParams from_json(const std::string& json);

// The temperature that minimises the mean negative log-likelihood of `labels` under
// softmax(logits / T), n rows of c logits (a 1-D search over log T in [0.05, 20]). 1 for no rows.
double fit_temperature(const std::vector<float>& logits, const std::vector<std::int32_t>& labels, std::size_t c);

// Area under the ROC curve of telling unseen from known by `score` (higher = more likely unseen):
// the probability that an unseen flow scores above a known one, ties counting one half. 0.5 when
// either list is empty.
double auroc(const std::vector<double>& known_scores, const std::vector<double>& unseen_scores);

}  // namespace flowcnn::unknown
