#include <gtest/gtest.h>

#include <set>

#include "engine/common/error.h"
#include "engine/hparams/hparams.h"
#include "engine/common/json.h"

using namespace flowcnn;
using namespace flowcnn::model;

TEST(HyperParams, DefaultsAreModel5) {
    HyperParams h;
    EXPECT_EQ(h, paper_model(5));
    EXPECT_EQ(h.key(), "k7-relu-leaky_relu-max-conv-only-fc1024-f32");
    EXPECT_EQ(h.flat_features(), 32 * 14 * 14);
    EXPECT_THROW(paper_model(6), ConfigError);
    EXPECT_EQ(paper_model(1).flat_features(), 32 * 12 * 12);
    EXPECT_EQ(paper_model(3).padding, Padding::PoolOnly);
}

TEST(HyperParams, JsonRoundTripOverTheGrid) {
    auto grid = default_grid();
    ASSERT_EQ(grid.size(), 1440u);
    std::set<std::string> keys;
    for (auto& h : grid) {
        EXPECT_EQ(HyperParams::from_json(h.to_json()), h);
        keys.insert(h.key());
    }
    EXPECT_EQ(keys.size(), 1440u);
    EXPECT_THROW(HyperParams::from_json(R"({"conv_act":"swish"})"), FormatError);
    EXPECT_THROW(HyperParams::from_json(R"({"kernel":4})"), FormatError);
    EXPECT_THROW(HyperParams::from_json("[1,2"), FormatError);
}

TEST(HyperParams, PeerNamesParse) {
    for (auto s : {"sigmoid", "tanh", "relu", "leaky_relu", "softmax"})
        EXPECT_EQ(activation_name(*parse_activation(s)), s);
    for (auto s : {"none", "both", "pool-only", "conv-only"}) EXPECT_EQ(padding_name(*parse_padding(s)), s);
    EXPECT_EQ(parse_padding("pool_only"), Padding::PoolOnly);
    EXPECT_EQ(parse_pooling("avg"), Pooling::Avg);
    EXPECT_FALSE(parse_activation("gelu"));
}

TEST(Json, ParseDump) {
    auto j = Json::parse(R"( {"b": [1, 2.5, "x\n\u00e9", true, null], "a": {"c": -3e2}} )");
    EXPECT_EQ(j.dump(), "{\"a\":{\"c\":-300},\"b\":[1,2.5,\"x\\n\xc3\xa9\",true,null]}");
    EXPECT_EQ(j.at("a").at("c").as_int(), -300);
    EXPECT_EQ(Json::parse(j.dump()).dump(), j.dump());
    EXPECT_THROW(Json::parse("{\"a\":}"), FormatError);
    EXPECT_THROW(Json::parse("[1] x"), FormatError);
    EXPECT_THROW(j.at("missing"), FormatError);
}
