// Saliency (gradient and occlusion) of trained models: shapes, ranges, and that a model whose
// classes depend on a few fixed byte positions is explained by those positions.
#include <gtest/gtest.h>

#include <random>

#include "engine/common/error.h"
#include "engine/explain/saliency.h"
#include "engine/train/trainer.h"

using namespace flowcnn;

namespace {

// Random bytes everywhere; the class is decided by a 4x4 block at rows 12..15, cols 8..11:
// bright (200..255) for class "on", dark (0..55) for class "off".
constexpr int kRow = 12, kCol = 8, kSide = 4;
bool in_block(std::size_t k) {
    const int r = static_cast<int>(k) / 28, c = static_cast<int>(k) % 28;
    return r >= kRow && r < kRow + kSide && c >= kCol && c < kCol + kSide;
}

dataset::ImageSet block_set(int per_class, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    dataset::ImageSet s;
    s.classes = {"off", "on"};
    for (int i = 0; i < 2 * per_class; ++i) {
        const int c = i % 2;
        for (std::size_t k = 0; k < 784; ++k) {
            auto b = static_cast<std::uint8_t>(rng() & 0xFF);
            if (in_block(k)) b = static_cast<std::uint8_t>(c ? 200 + b % 56 : b % 56);
            s.pixels.push_back(b);
        }
        s.labels.push_back(c);
    }
    return s;
}

const std::vector<std::uint8_t>& trained_model() {
    static const std::vector<std::uint8_t> bytes = [] {
        auto train = block_set(150, 1);
        model::HyperParams h = model::paper_model(5);
        h.kernel = 3;
        h.fc = 64;
        train::TrainOptions o;
        o.epochs = 6;
        o.batch = 32;
        o.seed = 3;
        o.threads = 2;
        return train::train_model(train, nullptr, h, o).model_file;
    }();
    return bytes;
}

double mean_inside_over_outside(const std::vector<float>& map) {
    double in = 0, out = 0;
    for (std::size_t k = 0; k < 784; ++k) (in_block(k) ? in : out) += map[k];
    return (in / 16.0) / std::max(out / 768.0, 1e-9);
}

}  // namespace

TEST(Explain, GradientSaliencyPointsAtTheDecidingBytes) {
    const auto& model = trained_model();
    auto test = block_set(5, 99);
    for (std::size_t i = 0; i < test.size(); ++i) {
        std::span<const std::uint8_t> img(test.image(i), 784);
        auto s = explain::gradient_saliency(model, img);
        ASSERT_EQ(s.map.size(), 784u);
        EXPECT_EQ(s.predicted, test.labels[i]);
        EXPECT_EQ(s.predicted_label, test.classes[static_cast<std::size_t>(test.labels[i])]);
        EXPECT_EQ(s.probabilities.size(), 2u);
        float top = 0;
        for (float v : s.map) {
            EXPECT_GE(v, 0.0f);
            EXPECT_LE(v, 1.0f);
            top = std::max(top, v);
        }
        EXPECT_FLOAT_EQ(top, 1.0f);
        EXPECT_GT(mean_inside_over_outside(s.map), 3.0) << "image " << i;
    }
}

TEST(Explain, OcclusionSaliencyPointsAtTheDecidingBytes) {
    const auto& model = trained_model();
    auto test = block_set(3, 7);
    for (std::size_t i = 1; i < test.size(); i += 2) {  // class "on": blanking the block flips it
        std::span<const std::uint8_t> img(test.image(i), 784);
        auto s = explain::occlusion_saliency(model, img);
        ASSERT_EQ(s.map.size(), 784u);
        EXPECT_EQ(s.predicted, 1);
        for (float v : s.map) {
            EXPECT_GE(v, 0.0f);
            EXPECT_LE(v, 1.0f);
        }
        EXPECT_GT(mean_inside_over_outside(s.map), 3.0);
        auto top = explain::top_bytes(s.map, img, 5);
        ASSERT_EQ(top.size(), 5u);
        EXPECT_TRUE(in_block(static_cast<std::size_t>(top[0].offset)));
        EXPECT_GE(top[0].saliency, top[4].saliency);
        EXPECT_EQ(top[0].value, img[static_cast<std::size_t>(top[0].offset)]);
    }
}

TEST(Explain, OverlayAndErrors) {
    const auto& model = trained_model();
    std::vector<std::uint8_t> img(784, 0);
    auto s = explain::saliency(model, img, explain::Method::Occlusion);
    int w = 0, h = 0;
    auto px = explain::overlay_gray(img, s.map, 10, 4, w, h);
    EXPECT_EQ(w, 2 * 280 + 4);
    EXPECT_EQ(h, 280);
    EXPECT_EQ(px.size(), static_cast<std::size_t>(w * h));
    EXPECT_EQ(px[0], 0);          // the image (all zero)
    EXPECT_EQ(px[281], 255);      // the separator
    std::vector<std::uint8_t> short_img(100, 0);
    EXPECT_THROW(explain::gradient_saliency(model, short_img), ConfigError);
    std::vector<std::uint8_t> not_a_model(64, 1);
    EXPECT_THROW(explain::gradient_saliency(not_a_model, img), FormatError);
    explain::OcclusionOptions bad;
    bad.patch = 0;
    EXPECT_THROW(explain::occlusion_saliency(model, img, bad), ConfigError);
    EXPECT_THROW(explain::nearest_training_flows(model, img, 1), ConfigError);  // a CNN has none
    explain::Method m{};
    EXPECT_TRUE(explain::parse_method("occlusion", m));
    EXPECT_EQ(m, explain::Method::Occlusion);
    EXPECT_FALSE(explain::parse_method("lime", m));
}
