#pragma once
// Training of one model of the paper's CNN family on plain images (torch-free API; LibTorch stays
// inside the .cpp). Deterministic: the same data, hyper-parameters, options (seed and threads
// included) give the same weights and metrics. Shuffles come from (seed, epoch), so a run resumed
// from a checkpoint continues exactly as if it had not stopped.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/progress.h"
#include "engine/dataset/image_set.h"
#include "engine/flow/flow.h"
#include "engine/hparams/hparams.h"
#include "engine/model/model_file.h"

namespace flowcnn::train {

enum class Optimizer { Adam, SgdMomentum };
std::string_view optimizer_name(Optimizer o);                // "adam", "sgd"
std::optional<Optimizer> parse_optimizer(std::string_view s);  // "adam", "sgd"/"sgd-momentum"

// Learning rate over the run: constant (the paper), or a cosine decay from lr to 0 over all the
// run's steps (per step; a resumed run continues the same curve).
enum class LrSchedule { Constant, Cosine };
std::string_view lr_schedule_name(LrSchedule s);                   // "constant", "cosine"
std::optional<LrSchedule> parse_lr_schedule(std::string_view s);

struct TrainOptions {
    Optimizer optimizer = Optimizer::Adam;
    double lr = 1e-3;
    double momentum = 0.9;     // SGD only
    double weight_decay = 0.0;
    LrSchedule lr_schedule = LrSchedule::Constant;
    double label_smoothing = 0.0;  // in [0, 1): cross-entropy against (1-e) one-hot + e uniform
    int batch = 64;
    int epochs = 10;
    std::uint64_t seed = 1;    // weight init (torch::manual_seed) and shuffles
    int threads = 0;           // intra-op threads; 0 = all cores
    int early_stopping_patience = 0;  // epochs without a better val accuracy before stopping; 0 off
    bool restore_best = true;  // with validation data: the result's model has the best epoch's weights
    int batch_loss_every = 10; // on_batch is called every N steps (and on the last step of an epoch)
    // Preprocessing recorded into the model file (how the images were made).
    flow::FillMode fill = flow::FillMode::Repeat;
    flow::Direction direction = flow::Direction::Both;
    int payload_bytes = static_cast<int>(flow::kImageBytes);  // kept before the fill (the dataset's)
    bool blank_session_fields = false;  // session fields zeroed before the fill (the dataset's)
    // Project training: server-name rules from the train split's SNI/Host go into the model
    // (baseline::NameRules); its evaluations and classifications apply them. Epoch metrics are
    // the CNN's alone.
    bool name_rules = false;

    // Throws ConfigError for invalid values (batch < 1, lr <= 0, ...).
    void validate() const;
    std::string to_json() const;  // every field, stable key order
    // The preprocessing above as the model file records it.
    model::Preprocessing preprocessing() const;
    static TrainOptions from_json(std::string_view json);  // missing keys take defaults
};

struct BatchMetrics {
    int epoch = 0;           // 1-based
    std::int64_t step = 0;   // global optimizer step, 1-based
    int batch = 0;           // 1-based within the epoch
    int batches = 0;         // batches per epoch
    double loss = 0;         // this batch's mean loss
    double acc = 0;          // this batch's accuracy
};

struct EpochMetrics {
    int epoch = 0;  // 1-based
    double train_loss = 0;  // mean over the epoch's batches (weights changing, train mode)
    double train_acc = 0;   // running accuracy over the epoch's batches
    bool has_val = false;
    double val_loss = 0;
    double val_acc = 0;
    double images_per_s = 0;  // training images per second (excluding validation)
    double seconds = 0;       // wall time of the epoch including validation
};

// Opaque training state after an epoch: model weights, optimizer state, best-so-far weights,
// metrics history and the epoch number. Stored by the project layer; passed back to resume.
struct Checkpoint {
    int epoch = 0;  // epochs completed
    std::vector<std::uint8_t> data;
};

struct TrainCallbacks {
    std::function<void(const BatchMetrics&)> on_batch;
    std::function<void(const EpochMetrics&)> on_epoch;
    // After every epoch (after on_epoch). Building the bytes costs a copy of the weights: it is
    // only done when this is set.
    std::function<void(const Checkpoint&)> on_checkpoint;
    ProgressFn progress;  // stage "train", done/total in steps
};

struct TrainResult {
    std::vector<EpochMetrics> epochs;  // all epochs, including those before a resume
    int best_epoch = 0;                // by val accuracy (by train accuracy without validation)
    EpochMetrics final_metrics;        // last epoch
    EpochMetrics best_metrics;         // best epoch
    std::vector<std::uint8_t> model_file;  // a complete model file (see model/model_file.h)
    bool cancelled = false;       // stopped by the token; model_file holds the last good weights
    bool early_stopped = false;
    double seconds = 0;           // wall time of this call
    std::uint64_t seed = 0;
};

// Trains on `train` (and validates on `val` after every epoch when given and non-empty). Classes
// are train.classes (labels must index them). The cancel token is checked before every batch:
// on cancel the result has cancelled = true and the weights of the last completed step (no throw).
// With `resume_from`, training continues after its epoch with the saved weights and optimizer.
// Throws ConfigError for bad options/hyper-parameters or an empty/inconsistent training set,
// FormatError for a checkpoint that does not match.
TrainResult train_model(const dataset::ImageSet& train, const dataset::ImageSet* val,
                        const model::HyperParams& hparams, const TrainOptions& options,
                        const TrainCallbacks& callbacks = {}, const CancelToken* cancel = nullptr,
                        const Checkpoint* resume_from = nullptr);

}  // namespace flowcnn::train
