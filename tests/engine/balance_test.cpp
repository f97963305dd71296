// Class balancing by oversampling: small classes reach the mean class size, large ones and the
// original images are untouched, the copies are real images of their own class, seeded.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "engine/baseline/balance.h"
#include "engine/common/error.h"

namespace flowcnn {
namespace {

dataset::ImageSet skewed() {
    // class 0: 12 images, class 1: 3 images, class 2: none, class 3: 1 image (mean over 3 classes: 16/3 -> 6)
    dataset::ImageSet s;
    s.classes = {"big", "small", "empty", "single"};
    auto add = [&](std::int32_t label, std::uint8_t value) {
        s.pixels.insert(s.pixels.end(), 784, value);
        s.labels.push_back(label);
        s.flow_ids.push_back(100 + static_cast<std::int64_t>(s.labels.size()));
    };
    for (int i = 0; i < 12; ++i) add(0, static_cast<std::uint8_t>(i));
    for (int i = 0; i < 3; ++i) add(1, static_cast<std::uint8_t>(100 + i));
    add(3, 200);
    return s;
}

TEST(Balance, OversamplesSmallClassesToTheMean) {
    const auto s = skewed();
    std::size_t added = 0;
    const auto b = baseline::oversample_to_mean(s, 7, &added);
    std::map<std::int32_t, int> count;
    for (auto l : b.labels) ++count[l];
    EXPECT_EQ(count[0], 12);  // above the mean: unchanged
    EXPECT_EQ(count[1], 6);
    EXPECT_EQ(count[2], 0);   // no images: nothing to copy
    EXPECT_EQ(count[3], 6);
    EXPECT_EQ(added, 3u + 5u);
    ASSERT_EQ(b.pixels.size(), b.size() * 784);
    ASSERT_EQ(b.flow_ids.size(), b.size());
    // The originals come first, unchanged; every copy repeats an image of its own class.
    for (std::size_t i = 0; i < s.size(); ++i) {
        EXPECT_EQ(b.labels[i], s.labels[i]);
        EXPECT_EQ(b.image(i)[0], s.image(i)[0]);
    }
    for (std::size_t i = s.size(); i < b.size(); ++i) {
        const std::uint8_t v = b.image(i)[0];
        if (b.labels[i] == 1) EXPECT_TRUE(v >= 100 && v <= 102) << int(v);
        else EXPECT_EQ(v, 200);
        EXPECT_EQ(b.image(i)[783], v);
    }
    // Seeded: the same seed draws the same copies.
    EXPECT_EQ(baseline::oversample_to_mean(s, 7).pixels, b.pixels);
}

TEST(Balance, EmptyAndBadSets) {
    dataset::ImageSet e;
    e.classes = {"a"};
    std::size_t added = 9;
    EXPECT_EQ(baseline::oversample_to_mean(e, 1, &added).size(), 0u);
    EXPECT_EQ(added, 0u);
    auto s = skewed();
    s.labels[0] = 9;
    EXPECT_THROW(baseline::oversample_to_mean(s, 1), ConfigError);
    s = skewed();
    s.pixels.pop_back();
    EXPECT_THROW(baseline::oversample_to_mean(s, 1), ConfigError);
}

}  // namespace
}  // namespace flowcnn
