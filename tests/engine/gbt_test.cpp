// Gradient-boosted trees (engine/gbt), the unknown-flow measures (engine/unknown) and
// leave-classes-out (engine/baseline/leave_out).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "engine/baseline/leave_out.h"
#include "engine/common/error.h"
#include "engine/gbt/gbt.h"
#include "engine/unknown/unknown.h"

namespace flowcnn {
namespace {

// Three classes told apart by feature 0 (with noise in feature 1 and NaN gaps in feature 2).
struct Toy {
    std::vector<float> x;
    std::vector<std::int32_t> y;
    static constexpr std::size_t kWidth = 3;
};
Toy toy(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> noise(0, 0.2f);
    Toy t;
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<std::int32_t>(i % 3);
        t.y.push_back(c);
        t.x.push_back(static_cast<float>(c) + noise(rng));
        t.x.push_back(noise(rng));
        t.x.push_back(i % 5 == 0 ? std::nanf("") : static_cast<float>(c));
    }
    return t;
}

gbt::GbtParams small() {
    gbt::GbtParams p;
    p.rounds = 20;
    p.max_depth = 3;
    p.threads = 1;
    return p;
}

TEST(Gbt, LearnsSeparableClassesAndProbabilitiesSumToOne) {
    const auto train = toy(300, 1), test = toy(90, 2);
    const auto m = gbt::GbtModel::fit(train.x.data(), train.y.size(), Toy::kWidth, train.y.data(), 3, small());
    const auto p = m.proba(test.x.data(), test.y.size());
    ASSERT_EQ(p.size(), test.y.size() * 3);
    std::size_t right = 0;
    for (std::size_t i = 0; i < test.y.size(); ++i) {
        const float* row = p.data() + i * 3;
        EXPECT_NEAR(row[0] + row[1] + row[2], 1.0f, 1e-5f);
        right += static_cast<std::int32_t>(std::max_element(row, row + 3) - row) == test.y[i];
    }
    EXPECT_GE(right, 85u);
}

TEST(Gbt, SaveLoadGivesTheSameMarginsAndIsDeterministic) {
    const auto train = toy(150, 3);
    const auto a = gbt::GbtModel::fit(train.x.data(), train.y.size(), Toy::kWidth, train.y.data(), 3, small());
    const auto b = gbt::GbtModel::fit(train.x.data(), train.y.size(), Toy::kWidth, train.y.data(), 3, small());
    EXPECT_EQ(a.save(), b.save());
    const auto loaded = gbt::GbtModel::load(a.save(), 3, Toy::kWidth, 1);
    EXPECT_EQ(a.margins(train.x.data(), 10), loaded.margins(train.x.data(), 10));
    const auto gain = a.feature_gain();
    ASSERT_EQ(gain.size(), Toy::kWidth);
    EXPECT_GT(gain[0], gain[1]);  // the informative feature carries the splits
}

TEST(Gbt, RefusesBadInputAndForeignBytes) {
    const auto t = toy(30, 4);
    auto bad = t.y;
    bad[0] = 7;
    EXPECT_THROW(gbt::GbtModel::fit(t.x.data(), t.y.size(), Toy::kWidth, bad.data(), 3, small()), ConfigError);
    EXPECT_THROW(gbt::GbtModel::fit(t.x.data(), 0, Toy::kWidth, t.y.data(), 3, small()), ConfigError);
    auto p = small();
    p.eta = 0;
    EXPECT_THROW(gbt::validate(p), ConfigError);
    const std::vector<std::uint8_t> junk(64, 0x5a);
    EXPECT_THROW(gbt::GbtModel::load(junk, 3, Toy::kWidth), FormatError);
    const auto m = gbt::GbtModel::fit(t.x.data(), t.y.size(), Toy::kWidth, t.y.data(), 3, small());
    EXPECT_THROW(gbt::GbtModel::load(m.save(), 4, Toy::kWidth), FormatError);  // another class count
}

TEST(Gbt, ParamsRoundTripThroughJson) {
    gbt::GbtParams p;
    p.rounds = 77;
    p.max_depth = 4;
    p.eta = 0.25;
    p.balance = true;
    p.seed = 9;
    const auto q = gbt::gbt_params_from_json(gbt::gbt_params_to_json(p));
    EXPECT_EQ(q.rounds, 77);
    EXPECT_EQ(q.max_depth, 4);
    EXPECT_DOUBLE_EQ(q.eta, 0.25);
    EXPECT_TRUE(q.balance);
    EXPECT_EQ(q.seed, 9u);
    EXPECT_THROW(gbt::gbt_params_from_json(R"({"rounds":0})"), FormatError);
}

TEST(Unknown, TemperatureUndoesOverconfidentLogits) {
    // Logits 4x too sharp for labels drawn from softmax(true logits): the fit finds T near 4.
    std::mt19937_64 rng(5);
    std::normal_distribution<float> z(0, 1);
    std::vector<float> logits;
    std::vector<std::int32_t> labels;
    for (int i = 0; i < 4000; ++i) {
        const float base[2] = {z(rng), z(rng)};
        const double p0 = 1 / (1 + std::exp(base[1] - base[0]));
        labels.push_back(std::uniform_real_distribution<double>(0, 1)(rng) < p0 ? 0 : 1);
        logits.push_back(4 * base[0]);
        logits.push_back(4 * base[1]);
    }
    EXPECT_NEAR(unknown::fit_temperature(logits, labels, 2), 4.0, 0.6);
    EXPECT_DOUBLE_EQ(unknown::fit_temperature({}, {}, 2), 1.0);
}

TEST(Unknown, AurocCountsPairsAndTies) {
    EXPECT_DOUBLE_EQ(unknown::auroc({0.1, 0.2}, {0.3, 0.4}), 1.0);
    EXPECT_DOUBLE_EQ(unknown::auroc({0.3, 0.4}, {0.1, 0.2}), 0.0);
    EXPECT_DOUBLE_EQ(unknown::auroc({0.5}, {0.5}), 0.5);
    EXPECT_DOUBLE_EQ(unknown::auroc({0.1, 0.5}, {0.5}), 0.75);
    EXPECT_DOUBLE_EQ(unknown::auroc({}, {0.5}), 0.5);
}

TEST(Unknown, ParamsJson) {
    unknown::UnknownParams p;
    EXPECT_EQ(unknown::to_json(p), "{}");
    p.temperature = 2.5;
    p.threshold = 0.4;
    p.fitted_on = "val (10 flows)";
    const auto q = unknown::from_json(unknown::to_json(p));
    EXPECT_DOUBLE_EQ(q.temperature, 2.5);
    EXPECT_DOUBLE_EQ(q.threshold, 0.4);
    EXPECT_EQ(q.fitted_on, "val (10 flows)");
    EXPECT_THROW(unknown::from_json(R"({"temperature":-1})"), FormatError);
}

}  // namespace
}  // namespace flowcnn

// ---- leave-classes-out (engine/baseline/leave_out.h) ----

namespace flowcnn {
namespace {

// `per_class` flows of each of 6 classes: feature 0 names the class, 784 bytes repeat it.
dataset::ImageSet six_classes(std::size_t per_class, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<float> noise(0, 0.1f);
    dataset::ImageSet s;
    s.classes = {"a", "b", "c", "d", "e", "f"};
    s.feature_stride = 2;
    for (std::size_t i = 0; i < 6 * per_class; ++i) {
        const auto c = static_cast<std::int32_t>(i % 6);
        s.labels.push_back(c);
        s.pixels.insert(s.pixels.end(), flow::kImageBytes, static_cast<std::uint8_t>(40 * c + (rng() % 3)));
        s.features.push_back(static_cast<float>(c) + noise(rng));
        s.features.push_back(noise(rng));
    }
    return s;
}

TEST(LeaveOut, HoldsOutWholeClassesAndIsSeeded) {
    const auto train = six_classes(30, 1), val = six_classes(5, 2), test = six_classes(10, 3);
    dataset::ImageSet all = train;
    for (const auto* s : {&val, &test})
        for (std::size_t i = 0; i < s->size(); ++i) dataset::append_image(all, *s, i);
    baseline::LeaveOutOptions o;
    o.held_out = 2;
    o.rounds = 3;
    o.gbt_options.rounds = 10;
    o.gbt_options.threads = 1;
    o.knn_options.threads = 1;
    const auto rows = baseline::leave_classes_out(train, val, test, all, o);
    ASSERT_EQ(rows.size(), 2u);  // 1-NN and the trees
    for (const auto& r : rows) {
        EXPECT_EQ(r.known, 3u * 4 * 10);    // 4 known classes x 10 test flows, 3 rounds
        EXPECT_EQ(r.unseen, 3u * 2 * 45);   // 2 held-out classes x every flow (30 + 5 + 10), 3 rounds
        EXPECT_GE(r.auroc, 0.0);
        EXPECT_LE(r.auroc, 1.0);
        EXPECT_GT(r.known_kept_correct, 0.9);  // separable: the known flows keep their right label
    }
    const auto again = baseline::leave_classes_out(train, val, test, all, o);
    EXPECT_DOUBLE_EQ(again[1].auroc, rows[1].auroc);
    EXPECT_NE(baseline::format_leave_out(rows, o).find("AUROC"), std::string::npos);
    o.held_out = 5;  // 5 of 6 classes leave fewer than two to learn
    EXPECT_THROW(baseline::leave_classes_out(train, val, test, all, o), ConfigError);
}

}  // namespace
}  // namespace flowcnn
