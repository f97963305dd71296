#pragma once
// Leave-classes-out (issue 14): whole classes are held out of training, so their flows are
// applications the model never saw; the right answer for them is "unknown". Over several seeded
// rounds, each model is trained on the train flows of the other classes and asked about the
// scored split's flows of the known classes and every flow of the held-out ones. Reported: the
// AUROC of telling unseen from known by 1 - confidence, and at a threshold the share of unseen
// flows rejected and of known flows kept. Plain C++, no LibTorch.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/baseline/baseline.h"
#include "engine/common/progress.h"
#include "engine/dataset/image_set.h"
#include "engine/gbt/gbt.h"

namespace flowcnn::baseline {

struct LeaveOutOptions {
    int held_out = 5;       // classes held out per round
    int rounds = 5;         // seeded rounds, pooled
    std::uint64_t seed = 1;
    double threshold = 0.5;
    bool knn = true;        // 1-NN on the bytes (KnnOptions; its confidence is the margin softmax)
    KnnOptions knn_options;
    bool gbt = true;        // trees over the features, calibrated on the val split's known flows
    gbt::GbtParams gbt_options;
};

struct LeaveOutRow {
    std::string model;
    std::size_t known = 0, unseen = 0;   // flows scored, pooled over the rounds
    double auroc = 0.5;            // pooled over the rounds (their models' confidences side by side)
    double auroc_per_round = 0.5;  // the mean of each round's own AUROC
    double unseen_rejected = 0, known_kept = 0, known_kept_correct = 0;
};

// `train` and `val` are a dataset's splits (val calibrates the trees; it may be empty) and
// `scored` the split whose known-class flows are scored; `all` every flow of the dataset (the
// held-out classes' flows are taken from it). Throws ConfigError when fewer than held_out + 2
// classes have train flows, or held_out/rounds < 1.
std::vector<LeaveOutRow> leave_classes_out(const dataset::ImageSet& train, const dataset::ImageSet& val,
                                           const dataset::ImageSet& scored, const dataset::ImageSet& all,
                                           const LeaveOutOptions& options, const CancelToken* cancel = nullptr);

std::string format_leave_out(const std::vector<LeaveOutRow>& rows, const LeaveOutOptions& options);

}  // namespace flowcnn::baseline
