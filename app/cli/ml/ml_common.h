#pragma once
// Shared helpers of the model-engine subcommands: hyper-parameter and training options from the
// command line, and per-epoch progress lines.
#include <cstdio>
#include <string>

#include "app/cli/args.h"
#include "engine/common/error.h"
#include "engine/hparams/hparams.h"
#include "engine/train/trainer.h"

namespace flowcnn::cli::ml {

inline constexpr const char* kModelOptionsHelp =
    "model (default: the paper's Model 5):\n"
    "  --model N               the paper's Model N (1..5, Table 4)\n"
    "  --kernel K              convolution size (3, 5, 7)\n"
    "  --conv-act A            sigmoid | tanh | relu | leaky_relu | softmax\n"
    "  --fc-act A              sigmoid | tanh | relu | leaky_relu | softmax\n"
    "  --pool P                max | avg\n"
    "  --padding P             none | both | pool-only | conv-only\n"
    "  --fc N                  neurons of the fully connected layer (256, 512, 1024)\n"
    "  --filters N             convolution filters (default 32)\n";

inline constexpr const char* kTrainOptionsHelp =
    "training:\n"
    "  --optimizer adam|sgd    Adam (default) or SGD with momentum 0.9\n"
    "  --lr X                  learning rate (default 0.001)\n"
    "  --batch N               batch size (default 64)\n"
    "  --epochs N              epochs (default 10)\n"
    "  --seed N                seed of the initial weights and the shuffles (default 1)\n"
    "  --threads N             CPU threads (default 0 = all cores)\n"
    "  --patience N            early stopping after N epochs without a better val accuracy\n"
    "                          (default 0 = off); the best epoch's weights are kept\n"
    "  --lr-schedule S         constant (default, the paper) or cosine (decays to 0 over the run)\n"
    "  --weight-decay X        L2 penalty added to the gradients (default 0)\n"
    "  --label-smoothing X     cross-entropy against (1-X) one-hot + X uniform (default 0)\n";

#define FLOWCNN_ML_MODEL_OPTIONS "model", "kernel", "conv-act", "fc-act", "pool", "padding", "fc", "filters"
#define FLOWCNN_ML_TRAIN_OPTIONS "optimizer", "lr", "batch", "epochs", "seed", "threads", "patience", \
        "lr-schedule", "weight-decay", "label-smoothing"

inline model::HyperParams hparams_from_args(const Args& a) {
    model::HyperParams h = model::paper_model(static_cast<int>(a.get_int("model", 5, 1, 5)));
    if (auto v = a.get("kernel")) h.kernel = static_cast<int>(parse_int("--kernel", *v, 1, 27));
    if (auto v = a.get("filters")) h.filters = static_cast<int>(parse_int("--filters", *v, 1, 1024));
    if (auto v = a.get("fc")) h.fc = static_cast<int>(parse_int("--fc", *v, 1, 65536));
    if (auto v = a.get("conv-act")) {
        auto x = model::parse_activation(*v);
        if (!x) throw ConfigError("--conv-act: unknown activation '" + *v + "'");
        h.conv_act = *x;
    }
    if (auto v = a.get("fc-act")) {
        auto x = model::parse_activation(*v);
        if (!x) throw ConfigError("--fc-act: unknown activation '" + *v + "'");
        h.fc_act = *x;
    }
    if (auto v = a.get("pool")) {
        auto x = model::parse_pooling(*v);
        if (!x) throw ConfigError("--pool: expected max or avg, got '" + *v + "'");
        h.pool = *x;
    }
    if (auto v = a.get("padding")) {
        auto x = model::parse_padding(*v);
        if (!x) throw ConfigError("--padding: expected none, both, pool-only or conv-only, got '" + *v + "'");
        h.padding = *x;
    }
    h.validate();
    return h;
}

inline train::TrainOptions train_options_from_args(const Args& a) {
    train::TrainOptions o;
    if (auto v = a.get("optimizer")) {
        auto x = train::parse_optimizer(*v);
        if (!x) throw ConfigError("--optimizer: expected adam or sgd, got '" + *v + "'");
        o.optimizer = *x;
        if (*x == train::Optimizer::SgdMomentum && !a.has("lr")) o.lr = 0.01;
    }
    o.lr = a.get_double("lr", o.lr, 1e-12, 100);
    o.batch = static_cast<int>(a.get_int("batch", o.batch, 1, 65536));
    o.epochs = static_cast<int>(a.get_int("epochs", o.epochs, 1, 100000));
    o.seed = static_cast<std::uint64_t>(a.get_int("seed", 1, 0, 9007199254740991LL));
    o.threads = static_cast<int>(a.get_int("threads", 0, 0, 1024));
    o.early_stopping_patience = static_cast<int>(a.get_int("patience", 0, 0, 100000));
    if (auto v = a.get("lr-schedule")) {
        auto x = train::parse_lr_schedule(*v);
        if (!x) throw ConfigError("--lr-schedule: expected constant or cosine, got '" + *v + "'");
        o.lr_schedule = *x;
    }
    o.weight_decay = a.get_double("weight-decay", 0.0, 0.0, 1.0);
    o.label_smoothing = a.get_double("label-smoothing", 0.0, 0.0, 0.99);
    o.validate();
    return o;
}

inline void print_epoch(const train::EpochMetrics& e, int epochs) {
    if (e.has_val)
        std::printf("epoch %d/%d  train loss %.4f acc %.4f  val loss %.4f acc %.4f  %.0f img/s  %.1f s\n",
                    e.epoch, epochs, e.train_loss, e.train_acc, e.val_loss, e.val_acc, e.images_per_s,
                    e.seconds);
    else
        std::printf("epoch %d/%d  train loss %.4f acc %.4f  %.0f img/s  %.1f s\n", e.epoch, epochs,
                    e.train_loss, e.train_acc, e.images_per_s, e.seconds);
    std::fflush(stdout);
}

}  // namespace flowcnn::cli::ml
