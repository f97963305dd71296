#pragma once
// The CNN row of `flowcnn baseline --all`: cmd_baseline.cpp is torch-free, so the CNN is trained
// by a function that the model-engine part of the program (app/cli/ml/cmd_honest.cpp) installs
// here at start-up. Empty when the program is built without LibTorch.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/common/progress.h"
#include "engine/dataset/image_set.h"

namespace flowcnn::cli {

struct CnnBaselineOptions {
    int model = 5;      // the paper's Model N
    int epochs = 10;
    std::uint64_t seed = 1;
    int threads = 0;
    bool cosine_lr = false;        // train --lr-schedule cosine
    double weight_decay = 0;       // train --weight-decay
    double label_smoothing = 0;    // train --label-smoothing
};

// Trains on `train` only (no model selection on the scored split) and returns the predicted class
// of every image of `test`.
using CnnScorer = std::function<std::vector<std::int32_t>(const dataset::ImageSet& train, const dataset::ImageSet& test,
                                                          const CnnBaselineOptions& options, const ProgressFn& progress,
                                                          const CancelToken* cancel)>;
CnnScorer& cnn_scorer();

}  // namespace flowcnn::cli
