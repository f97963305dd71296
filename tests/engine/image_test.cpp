// Payload images (repeat / zero fill) and the SHA-1 used for image hashes.
#include <gtest/gtest.h>

#include <numeric>
#include <string>
#include <vector>

#include "engine/common/sha1.h"
#include "engine/image/payload_image.h"

namespace {

using namespace flowcnn;

std::span<const std::uint8_t> bytes_of(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

TEST(PayloadImage, RepeatsFromTheFirstByte) {
    const std::vector<std::uint8_t> head = {1, 2, 3};
    auto img = image::make_image(head, flow::FillMode::Repeat);
    for (std::size_t i = 0; i < img.size(); ++i) ASSERT_EQ(img[i], head[i % 3]) << i;
}

TEST(PayloadImage, RepeatWithLengthsThatDoNotDivide784) {
    for (std::size_t n : {1u, 5u, 391u, 392u, 783u}) {
        std::vector<std::uint8_t> head(n);
        std::iota(head.begin(), head.end(), std::uint8_t{7});
        auto img = image::make_image(head, flow::FillMode::Repeat);
        for (std::size_t i = 0; i < img.size(); ++i) ASSERT_EQ(img[i], head[i % n]) << n << " " << i;
    }
}

TEST(PayloadImage, ZeroPadding) {
    const std::vector<std::uint8_t> head = {9, 8};
    auto img = image::make_image(head, flow::FillMode::Zero);
    EXPECT_EQ(img[0], 9);
    EXPECT_EQ(img[1], 8);
    for (std::size_t i = 2; i < img.size(); ++i) ASSERT_EQ(img[i], 0);
}

TEST(PayloadImage, LongHeadIsCutAndEmptyHeadIsZero) {
    std::vector<std::uint8_t> head(1000, 0xAB);
    head[783] = 1;
    auto img = image::make_image(head, flow::FillMode::Repeat);
    EXPECT_EQ(img[783], 1);
    auto empty = image::make_image({}, flow::FillMode::Repeat);
    for (auto b : empty) ASSERT_EQ(b, 0);
}

TEST(Sha1, KnownVectors) {
    EXPECT_EQ(sha1_hex(bytes_of("")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    EXPECT_EQ(sha1_hex(bytes_of("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
    EXPECT_EQ(sha1_hex(bytes_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
              "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    EXPECT_EQ(sha1_hex(bytes_of(std::string(1000000, 'a'))), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST(Sha1, IncrementalEqualsOneShot) {
    std::string msg;
    for (int i = 0; i < 300; ++i) msg.push_back(static_cast<char>(i * 31));
    const auto want = sha1(bytes_of(msg));
    for (std::size_t split : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 128u, 299u}) {
        Sha1 s;
        s.update(bytes_of(msg).subspan(0, split));
        s.update(bytes_of(msg).subspan(split));
        EXPECT_EQ(s.finish(), want) << split;
    }
    EXPECT_EQ(to_hex(std::vector<std::uint8_t>{0x00, 0x0f, 0xf0, 0xff}), "000ff0ff");
}

// The SHA-NI and portable compressions must agree on every length (0..2100 bytes covers every
// padding case and multi-block runs) and on random contents, fed whole and in uneven pieces.
TEST(Sha1, HardwareEqualsPortable) {
    const auto hw = sha1_hardware_blocks();
    if (!hw) GTEST_SKIP() << "this CPU has no SHA extensions; only the portable SHA-1 is used";
    EXPECT_EQ(sha1_best_blocks(), hw);
    std::uint64_t x = 0x9E3779B97F4A7C15ull;  // xorshift64: fixed, reproducible contents
    auto next = [&] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    };
    std::vector<std::uint8_t> msg;
    for (std::size_t len = 0; len <= 2100; ++len) {
        msg.resize(len);
        for (auto& b : msg) b = static_cast<std::uint8_t>(next());
        Sha1 a(sha1_portable_blocks()), b(hw);
        a.update(msg);
        const std::size_t cut = len ? next() % len : 0;
        b.update(std::span<const std::uint8_t>(msg).first(cut));
        b.update(std::span<const std::uint8_t>(msg).subspan(cut));
        ASSERT_EQ(a.finish(), b.finish()) << "length " << len << " cut " << cut;
    }
    Sha1 a(sha1_portable_blocks()), b(hw);
    const std::string million(1000000, 'a');
    a.update(bytes_of(million));
    b.update(bytes_of(million));
    EXPECT_EQ(to_hex(a.finish()), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    EXPECT_EQ(to_hex(b.finish()), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

}  // namespace
