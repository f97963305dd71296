// Training, determinism, cancellation, resume, model files and the classifier (torch-free API).
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <chrono>
#include <thread>

#include "engine/common/error.h"
#include "engine/model/classifier.h"
#include "engine/model/model_file.h"
#include "engine/train/trainer.h"
#include "synthetic.h"

using namespace flowcnn;

namespace {

train::TrainOptions fast_options(int epochs) {
    train::TrainOptions o;
    o.epochs = epochs;
    o.batch = 32;
    o.seed = 7;
    o.threads = 2;
    return o;
}

model::HyperParams small_model() {
    model::HyperParams h = model::paper_model(5);
    h.fc = 256;
    return h;
}

}  // namespace

TEST(Train, Model5LearnsSyntheticClassesAndLossFalls) {
    auto train_set = test::synthetic_set(10, 40, 1);
    auto val_set = test::synthetic_set(10, 10, 2);
    std::vector<double> batch_losses;
    train::TrainCallbacks cb;
    cb.on_batch = [&](const train::BatchMetrics& b) { batch_losses.push_back(b.loss); };
    int epochs_seen = 0;
    cb.on_epoch = [&](const train::EpochMetrics&) { ++epochs_seen; };
    auto o = fast_options(3);
    o.batch_loss_every = 1;
    auto r = train::train_model(train_set, &val_set, model::paper_model(5), o, cb);
    ASSERT_EQ(r.epochs.size(), 3u);
    EXPECT_EQ(epochs_seen, 3);
    EXPECT_FALSE(r.cancelled);
    EXPECT_LT(r.epochs.back().train_loss, r.epochs.front().train_loss);
    EXPECT_LT(batch_losses.back(), batch_losses.front());
    EXPECT_GE(r.best_metrics.val_acc, 0.95);
    EXPECT_GT(r.final_metrics.images_per_s, 0);
    // The model file classifies the validation set as well as the best epoch did.
    model::Classifier clf(r.model_file, 2);
    EXPECT_EQ(clf.num_classes(), 10u);
    auto preds = clf.predict(val_set.pixels.data(), val_set.size());
    int correct = 0;
    for (std::size_t i = 0; i < preds.size(); ++i) correct += preds[i].index == val_set.labels[i];
    EXPECT_NEAR(static_cast<double>(correct) / static_cast<double>(preds.size()),
                r.best_metrics.val_acc, 1e-9);
    auto proba = clf.predict_proba(val_set);
    ASSERT_EQ(proba.size(), val_set.size() * 10);
    float sum = 0;
    for (int k = 0; k < 10; ++k) sum += proba[static_cast<std::size_t>(k)];
    EXPECT_NEAR(sum, 1.0f, 1e-5f);
}

TEST(Train, SgdMomentumLearnsToo) {
    auto train_set = test::synthetic_set(4, 50, 3);
    auto o = fast_options(3);
    o.optimizer = train::Optimizer::SgdMomentum;
    o.lr = 0.01;
    auto r = train::train_model(train_set, nullptr, small_model(), o);
    EXPECT_LT(r.epochs.back().train_loss, r.epochs.front().train_loss);
    EXPECT_GE(r.final_metrics.train_acc, 0.7);  // chance: 0.25
}

TEST(Train, SameSeedSameResult) {
    auto train_set = test::synthetic_set(4, 30, 4);
    auto val_set = test::synthetic_set(4, 10, 5);
    auto o = fast_options(2);
    auto a = train::train_model(train_set, &val_set, small_model(), o);
    auto b = train::train_model(train_set, &val_set, small_model(), o);
    ASSERT_EQ(a.epochs.size(), b.epochs.size());
    for (std::size_t i = 0; i < a.epochs.size(); ++i) {
        EXPECT_EQ(a.epochs[i].train_loss, b.epochs[i].train_loss);
        EXPECT_EQ(a.epochs[i].val_loss, b.epochs[i].val_loss);
        EXPECT_EQ(a.epochs[i].val_acc, b.epochs[i].val_acc);
    }
    o.seed = 8;
    auto c = train::train_model(train_set, &val_set, small_model(), o);
    EXPECT_NE(a.epochs[0].train_loss, c.epochs[0].train_loss);
}

TEST(Train, CancelStopsPromptly) {
    auto train_set = test::synthetic_set(10, 100, 6);  // 1000 images, many batches
    CancelToken token;
    auto o = fast_options(50);
    o.batch = 16;
    std::chrono::steady_clock::time_point cancelled_at;
    train::TrainCallbacks cb;
    cb.on_batch = [&](const train::BatchMetrics& b) {
        if (b.step == 20) {
            token.cancel();
            cancelled_at = std::chrono::steady_clock::now();
        }
    };
    o.batch_loss_every = 1;
    auto r = train::train_model(train_set, nullptr, model::paper_model(5), o, cb, &token);
    auto lag = std::chrono::steady_clock::now() - cancelled_at;
    EXPECT_TRUE(r.cancelled);
    EXPECT_TRUE(r.epochs.empty());
    EXPECT_LT(std::chrono::duration<double>(lag).count(), 1.0);
    EXPECT_FALSE(r.model_file.empty());  // the weights so far are still a valid model file
    EXPECT_NO_THROW(model::Classifier(r.model_file, 1));
}

TEST(Train, ResumeFromCheckpointContinuesTheRun) {
    auto train_set = test::synthetic_set(4, 30, 9);
    auto val_set = test::synthetic_set(4, 10, 10);
    auto o = fast_options(4);
    std::vector<train::Checkpoint> checkpoints;
    train::TrainCallbacks cb;
    cb.on_checkpoint = [&](const train::Checkpoint& c) { checkpoints.push_back(c); };
    auto full = train::train_model(train_set, &val_set, small_model(), o, cb);
    ASSERT_EQ(checkpoints.size(), 4u);
    EXPECT_EQ(checkpoints[1].epoch, 2);

    // A run "killed" after epoch 2 continues from its checkpoint and ends where the full run did.
    int resumed_epochs = 0;
    train::TrainCallbacks cb2;
    cb2.on_epoch = [&](const train::EpochMetrics& e) {
        EXPECT_GT(e.epoch, 2);
        ++resumed_epochs;
    };
    auto resumed = train::train_model(train_set, &val_set, small_model(), o, cb2, nullptr, &checkpoints[1]);
    EXPECT_EQ(resumed_epochs, 2);
    ASSERT_EQ(resumed.epochs.size(), 4u);
    EXPECT_EQ(resumed.epochs[0].train_loss, full.epochs[0].train_loss);  // history kept
    EXPECT_NEAR(resumed.epochs[3].train_loss, full.epochs[3].train_loss, 1e-6);
    EXPECT_NEAR(resumed.epochs[3].val_acc, full.epochs[3].val_acc, 1e-9);

    // A checkpoint of other hyper-parameters is rejected.
    auto other = small_model();
    other.kernel = 5;
    EXPECT_THROW(train::train_model(train_set, &val_set, other, o, {}, nullptr, &checkpoints[1]),
                 FormatError);
    train::Checkpoint junk{1, {1, 2, 3}};
    EXPECT_THROW(train::train_model(train_set, &val_set, small_model(), o, {}, nullptr, &junk),
                 FormatError);
}

TEST(Train, EarlyStoppingKeepsBestWeights) {
    auto train_set = test::synthetic_set(3, 20, 11, 0.9);  // mostly noise: val accuracy stalls
    auto val_set = test::synthetic_set(3, 20, 12, 0.9);
    auto o = fast_options(30);
    o.early_stopping_patience = 2;
    auto r = train::train_model(train_set, &val_set, small_model(), o);
    EXPECT_TRUE(r.early_stopped);
    EXPECT_LT(r.epochs.size(), 30u);
    EXPECT_EQ(static_cast<int>(r.epochs.size()), r.best_epoch + 2);
    model::Classifier clf(r.model_file, 1);
    auto preds = clf.predict(val_set.pixels.data(), val_set.size());
    int correct = 0;
    for (std::size_t i = 0; i < preds.size(); ++i) correct += preds[i].index == val_set.labels[i];
    EXPECT_NEAR(static_cast<double>(correct) / static_cast<double>(preds.size()),
                r.best_metrics.val_acc, 1e-9);
}

TEST(Train, RejectsBadInput) {
    dataset::ImageSet empty;
    EXPECT_THROW(train::train_model(empty, nullptr, small_model(), fast_options(1)), ConfigError);
    auto s = test::synthetic_set(3, 2, 1);
    s.labels[0] = 7;
    EXPECT_THROW(train::train_model(s, nullptr, small_model(), fast_options(1)), ConfigError);
    auto o = fast_options(1);
    o.batch = 0;
    EXPECT_THROW(train::train_model(test::synthetic_set(3, 2, 1), nullptr, small_model(), o), ConfigError);
}

TEST(TrainOptions, JsonRoundTrip) {
    train::TrainOptions o;
    o.optimizer = train::Optimizer::SgdMomentum;
    o.lr = 0.05;
    o.seed = 0xFFFFFFFFFFFFull;
    o.epochs = 12;
    o.early_stopping_patience = 3;
    o.fill = flow::FillMode::Zero;
    auto back = train::TrainOptions::from_json(o.to_json());
    EXPECT_EQ(back.to_json(), o.to_json());
    EXPECT_EQ(back.seed, o.seed);
    EXPECT_EQ(back.optimizer, train::Optimizer::SgdMomentum);
    // The schedule and smoothing keys appear only when set (older runs' JSON stays the same).
    EXPECT_EQ(o.to_json().find("lr_schedule"), std::string::npos);
    EXPECT_EQ(o.to_json().find("label_smoothing"), std::string::npos);
    o.lr_schedule = train::LrSchedule::Cosine;
    o.label_smoothing = 0.1;
    back = train::TrainOptions::from_json(o.to_json());
    EXPECT_EQ(back.to_json(), o.to_json());
    EXPECT_EQ(back.lr_schedule, train::LrSchedule::Cosine);
    EXPECT_DOUBLE_EQ(back.label_smoothing, 0.1);
    EXPECT_THROW(train::TrainOptions::from_json(R"({"lr_schedule":"warp"})"), FormatError);
    EXPECT_EQ(o.to_json().find("payload_bytes"), std::string::npos);
    o.payload_bytes = 128;
    EXPECT_EQ(train::TrainOptions::from_json(o.to_json()).payload_bytes, 128);
    o.payload_bytes = 0;
    EXPECT_THROW(o.validate(), ConfigError);
    o.payload_bytes = 784;
    o.label_smoothing = 1.0;
    EXPECT_THROW(o.validate(), ConfigError);
}

TEST(Train, CosineScheduleAndLabelSmoothingTrainAndResume) {
    auto train_set = test::synthetic_set(4, 50, 3);
    auto val_set = test::synthetic_set(4, 10, 14);
    auto o = fast_options(3);
    auto constant = train::train_model(train_set, &val_set, small_model(), o);
    o.lr_schedule = train::LrSchedule::Cosine;
    o.label_smoothing = 0.1;
    std::vector<train::Checkpoint> checkpoints;
    train::TrainCallbacks cb;
    cb.on_checkpoint = [&](const train::Checkpoint& c) { checkpoints.push_back(c); };
    auto cosine = train::train_model(train_set, &val_set, small_model(), o, cb);
    ASSERT_EQ(cosine.epochs.size(), 3u);
    // Both change the run: the smoothed loss of the first epoch differs (its first step has the
    // same learning rate), and the network still learns.
    EXPECT_NE(cosine.epochs[0].train_loss, constant.epochs[0].train_loss);
    EXPECT_LT(cosine.epochs.back().train_loss, cosine.epochs.front().train_loss);
    EXPECT_GE(cosine.final_metrics.train_acc, 0.7);  // chance: 0.25
    std::printf("val acc: constant %.3f, cosine + smoothing %.3f\n", constant.best_metrics.val_acc,
                cosine.best_metrics.val_acc);
    // A run resumed after epoch 1 continues on the same learning-rate curve.
    auto resumed = train::train_model(train_set, &val_set, small_model(), o, {}, nullptr, &checkpoints[0]);
    ASSERT_EQ(resumed.epochs.size(), 3u);
    EXPECT_NEAR(resumed.epochs[2].train_loss, cosine.epochs[2].train_loss, 1e-6);
    EXPECT_NEAR(resumed.epochs[2].val_acc, cosine.epochs[2].val_acc, 1e-9);
}

TEST(ModelFile, RoundTripAndRejections) {
    auto train_set = test::synthetic_set(3, 10, 1);
    auto h = small_model();
    h.kernel = 3;
    h.padding = model::Padding::None;
    auto r = train::train_model(train_set, nullptr, h, fast_options(1));
    auto f = model::decode_model_file(r.model_file);
    EXPECT_EQ(f.info.hparams, h);
    EXPECT_EQ(f.info.classes, train_set.classes);
    EXPECT_EQ(f.info.seed, 7u);
    EXPECT_EQ(f.info.preprocessing.image_bytes, 784);
    EXPECT_FALSE(f.weights.empty());
    // Re-encoding gives the same bytes.
    EXPECT_EQ(model::encode_model_file(f.info, f.weights), r.model_file);

    auto tmp = testing::TempDir() + "/m.flowcnn";
    model::write_model_file(tmp, r.model_file);
    auto clf = model::Classifier::from_file(tmp, 1);
    EXPECT_EQ(clf.info().hparams, h);

    // Truncated at every region.
    for (std::size_t cut : {std::size_t{5}, std::size_t{16}, std::size_t{30}, r.model_file.size() / 2,
                            r.model_file.size() - 1}) {
        std::vector<std::uint8_t> t(r.model_file.begin(), r.model_file.begin() + static_cast<long>(cut));
        EXPECT_THROW(model::decode_model_file(t), FormatError) << cut;
    }
    // Foreign.
    std::vector<std::uint8_t> foreign{'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    EXPECT_THROW(model::decode_model_file(foreign), FormatError);
    // Newer version.
    auto newer = r.model_file;
    newer[model::kModelMagic.size()] = 99;
    try {
        model::decode_model_file(newer);
        FAIL() << "newer version accepted";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
    }
    // A flipped byte in the weights.
    auto flipped = r.model_file;
    flipped[flipped.size() - 100] ^= 0x40;
    EXPECT_THROW(model::decode_model_file(flipped), FormatError);
    EXPECT_THROW(model::Classifier(flipped, 1), FormatError);
    EXPECT_THROW(model::read_model_file(testing::TempDir() + "/does-not-exist"), IoError);
}

// A k-NN model file: version 2, its training images as weights; the Classifier answers with the
// nearest training image (a training image gets its own label), probabilities sum to 1, and a
// broken image block is refused.
TEST(ModelFile, KnnModelRoundTripAndRejections) {
    auto train_set = test::synthetic_set(3, 10, 1);
    model::ModelInfo info;
    info.kind = model::ModelKind::Knn;
    info.knn.k = 1;
    info.knn.distance = baseline::Distance::L1;
    info.classes = train_set.classes;
    info.preprocessing.fill = flow::FillMode::Zero;
    info.preprocessing.payload_bytes = 128;
    const auto bytes = model::encode_model_file(info, model::encode_knn_images(train_set));
    EXPECT_EQ(bytes[model::kModelMagic.size()], 2);  // format version 2: older readers refuse it
    auto f = model::decode_model_file(bytes);
    EXPECT_EQ(f.info.kind, model::ModelKind::Knn);
    EXPECT_EQ(f.info.knn.k, 1);
    EXPECT_EQ(f.info.knn.distance, baseline::Distance::L1);
    EXPECT_EQ(f.info.preprocessing.payload_bytes, 128);
    EXPECT_EQ(model::describe_model(f.info), "1-NN l1");
    EXPECT_EQ(model::encode_model_file(f.info, f.weights), bytes);
    auto images = model::decode_knn_images(f.weights, f.info.classes);
    EXPECT_EQ(images.pixels, train_set.pixels);
    EXPECT_EQ(images.labels, train_set.labels);

    model::Classifier clf(bytes, 1);
    const auto pred = clf.predict(train_set.pixels.data(), train_set.size());
    for (std::size_t i = 0; i < train_set.size(); ++i) {
        EXPECT_EQ(pred[i].index, train_set.labels[i]) << i;
        EXPECT_GT(pred[i].confidence, 0.5f);
    }
    const auto p = clf.predict_proba(train_set);
    for (std::size_t i = 0; i < train_set.size(); ++i) {
        double sum = 0;
        for (std::size_t c = 0; c < clf.num_classes(); ++c) sum += p[i * clf.num_classes() + c];
        EXPECT_NEAR(sum, 1.0, 1e-5);
    }
    // logits are log-probabilities.
    const auto l = clf.logits(train_set.pixels.data(), 1);
    EXPECT_NEAR(std::exp(l[0]), p[0], 1e-5);

    // The image block must hold whole images with labels inside the classes.
    auto w = model::encode_knn_images(train_set);
    auto short_block = w;
    short_block.pop_back();
    EXPECT_THROW(model::Classifier(model::encode_model_file(info, short_block), 1), FormatError);
    auto bad_label = w;
    bad_label[bad_label.size() - 4] = 99;
    EXPECT_THROW(model::Classifier(model::encode_model_file(info, bad_label), 1), FormatError);
    EXPECT_THROW(model::Classifier(model::encode_model_file(info, {}), 1), FormatError);
    // An unknown model kind or a bad k is refused with a message.
    auto meta = model::model_info_to_json(info);
    EXPECT_THROW(model::model_info_from_json(std::string(meta).replace(meta.find("\"knn\""), 5, "\"rnn\"")),
                 FormatError);
    EXPECT_THROW(model::model_info_from_json(std::string(meta).replace(meta.find("\"k\":1"), 5, "\"k\":0")),
                 FormatError);
}
