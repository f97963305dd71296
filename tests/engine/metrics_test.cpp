// Classification metrics (engine/eval/metrics): torch-free, part of flowcnn_core, shared by the
// CNN's evaluation, the baselines and the workbench's per-class table.
#include <gtest/gtest.h>

#include "engine/baseline/baseline.h"
#include "engine/common/error.h"
#include "engine/metrics/metrics.h"

using namespace flowcnn;

TEST(Metrics, PerClassAndConfusion) {
    std::vector<std::int32_t> truth{0, 0, 1, 1, 2, 2};
    std::vector<std::int32_t> pred{0, 1, 1, 1, 2, 0};
    auto m = eval::compute_metrics(truth, pred, {"a", "b", "c"});
    EXPECT_EQ(m.total, 6);
    EXPECT_EQ(m.correct, 4);
    EXPECT_NEAR(m.accuracy, 4.0 / 6, 1e-12);
    EXPECT_EQ(m.confusion[0][1], 1);
    EXPECT_EQ(m.confusion[2][0], 1);
    EXPECT_NEAR(m.per_class[1].precision, 2.0 / 3, 1e-12);
    EXPECT_NEAR(m.per_class[1].recall, 1.0, 1e-12);
    EXPECT_NEAR(m.per_class[1].f1, 0.8, 1e-12);
    EXPECT_EQ(m.per_class[2].support, 2);
    EXPECT_NEAR(m.macro_f1, (0.5 + 0.8 + 2.0 / 3) / 3, 1e-12);
    auto back = eval::metrics_from_json(eval::per_class_json(m), eval::confusion_json(m));
    EXPECT_EQ(back.confusion, m.confusion);
    EXPECT_NEAR(back.macro_f1, m.macro_f1, 1e-12);
    EXPECT_EQ(back.per_class[2].label, "c");
    EXPECT_THROW(eval::compute_metrics(truth, std::vector<std::int32_t>{0}, {"a", "b", "c"}), ConfigError);
    EXPECT_THROW(eval::compute_metrics(std::vector<std::int32_t>{3}, std::vector<std::int32_t>{0}, {"a", "b", "c"}),
                 ConfigError);
    EXPECT_NE(eval::format_confusion(m).find("true"), std::string::npos);
}

TEST(Metrics, FromConfusionMatchesFromLabels) {
    std::vector<std::int32_t> truth{0, 0, 1, 1, 2, 2, 2};
    std::vector<std::int32_t> pred{0, 1, 1, 1, 2, 0, 2};
    const auto a = eval::compute_metrics(truth, pred, {"a", "b", "c"});
    const auto b = eval::metrics_from_confusion({{1, 1, 0}, {0, 2, 0}, {1, 0, 2}}, {"a", "b", "c"});
    EXPECT_EQ(b.total, a.total);
    EXPECT_EQ(b.correct, a.correct);
    EXPECT_DOUBLE_EQ(b.accuracy, a.accuracy);
    EXPECT_DOUBLE_EQ(b.macro_f1, a.macro_f1);
    ASSERT_EQ(b.per_class.size(), 3u);
    for (std::size_t c = 0; c < 3; ++c) {
        EXPECT_DOUBLE_EQ(b.per_class[c].f1, a.per_class[c].f1);
        EXPECT_EQ(b.per_class[c].predicted, a.per_class[c].predicted);
    }
    // A class without flows or predictions has F1 0 and stays out of the macro average.
    const auto d = eval::metrics_from_confusion({{2, 0}, {0, 0}}, {"a", "b"});
    EXPECT_DOUBLE_EQ(d.per_class[1].f1, 0.0);
    EXPECT_DOUBLE_EQ(d.macro_f1, 1.0);
    EXPECT_THROW(eval::metrics_from_confusion({{1, 0}}, {"a", "b"}), ConfigError);
    EXPECT_THROW(eval::metrics_from_confusion({{1}, {0, 1}}, {"a", "b"}), ConfigError);
    const auto empty = eval::metrics_from_confusion({}, {});
    EXPECT_EQ(empty.total, 0);
    EXPECT_DOUBLE_EQ(empty.accuracy, 0.0);
}

TEST(Metrics, BaselineScoresAreTheEngineMetrics) {
    std::vector<std::int32_t> truth{0, 0, 1, 1, 2, 3, 3};
    std::vector<std::int32_t> pred{0, 1, 1, 1, 0, 3, 2};
    const auto m = eval::compute_metrics(truth, pred, {"a", "b", "c", "d"});
    const auto s = baseline::score(truth, pred, 4);
    EXPECT_EQ(s.total, m.total);
    EXPECT_EQ(s.correct, m.correct);
    EXPECT_DOUBLE_EQ(s.accuracy, m.accuracy);
    EXPECT_DOUBLE_EQ(s.macro_f1, m.macro_f1);
    for (std::size_t c = 0; c < 4; ++c) {
        EXPECT_DOUBLE_EQ(s.f1[c], m.per_class[c].f1);
        EXPECT_EQ(s.support[c], m.per_class[c].support);
    }
}
