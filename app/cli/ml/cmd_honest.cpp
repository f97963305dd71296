// The CNN row of `flowcnn baseline --all` (see app/cli/baseline_hook.h): the paper's Model N
// trained on the train split only (no epoch selection on the scored split), then predictions.
#include "app/cli/baseline_hook.h"
#include "engine/common/error.h"
#include "engine/model/classifier.h"
#include "engine/hparams/hparams.h"
#include "engine/train/trainer.h"

namespace flowcnn::cli::ml {
namespace {

std::vector<std::int32_t> train_and_predict(const dataset::ImageSet& train, const dataset::ImageSet& test,
                                            const CnnBaselineOptions& o, const ProgressFn& progress,
                                            const CancelToken* cancel) {
    train::TrainOptions to;
    to.epochs = o.epochs;
    to.seed = o.seed;
    to.threads = o.threads;
    if (o.cosine_lr) to.lr_schedule = train::LrSchedule::Cosine;
    to.weight_decay = o.weight_decay;
    to.label_smoothing = o.label_smoothing;
    train::TrainCallbacks cb;
    cb.progress = progress;
    auto r = train::train_model(train, nullptr, model::paper_model(o.model), to, cb, cancel);
    if (r.cancelled) throw CancelledError();
    model::Classifier clf(r.model_file, o.threads);
    std::vector<std::int32_t> out;
    out.reserve(test.size());
    for (auto& p : clf.predict(test.pixels.data(), test.size())) out.push_back(p.index);
    return out;
}

const bool installed = (cnn_scorer() = train_and_predict, true);

}  // namespace
}  // namespace flowcnn::cli::ml
