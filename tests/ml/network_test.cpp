// The network itself (LibTorch): every grid configuration builds and trains a step, and its
// forward pass agrees with the PyTorch reference (tests/ml/parity.py, torch_peer.py's PaperCnn).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "engine/classify/classify.h"
#include "engine/common/error.h"
#include "engine/model/classifier.h"
#include "engine/model/cnn_impl.h"
#include "engine/model/conv_pool.h"
#include "engine/common/json.h"
#include "engine/model/model_file.h"
#include "synthetic.h"

using namespace flowcnn;
using namespace flowcnn::model;

TEST(Network, EveryGridConfigurationRunsForwardAndBackward) {
    set_threads(1);
    auto grid = default_grid();
    ASSERT_EQ(grid.size(), 1440u);
    auto data = test::synthetic_set(2, 1, 3);
    torch::Tensor x = images_to_tensor(data.pixels.data(), 2);
    torch::Tensor y = torch::tensor({0, 1}, torch::kInt64);
    for (const auto& h : grid) {
        PaperCnn net(h, 10);
        auto logits = net->forward(x);
        ASSERT_EQ(logits.sizes(), (std::vector<std::int64_t>{2, 10})) << h.key();
        auto loss = torch::cross_entropy_loss(logits, y);
        loss.backward();
        ASSERT_TRUE(std::isfinite(loss.item<double>())) << h.key();
        ASSERT_TRUE(net->fc->weight.grad().defined()) << h.key();
        ASSERT_TRUE(net->conv->weight.grad().defined()) << h.key();
        EXPECT_EQ(net->fc->weight.size(1), h.flat_features()) << h.key();
    }
}

// The fused convolution -> activation -> max pooling against torch's own conv2d, activation and
// max_pool2d: outputs and the weight and bias gradients, for each fused activation, kernel size,
// padding and both pooling modes (an odd input size gives a partial last window with ceil_mode).
// Inputs are small integers and weights multiples of 1/8, so that every convolution sum is exact
// in both implementations: ties in a pooling window are then real ties (many, with integers), and
// both must send the gradient to the same position. (With arbitrary floats, two sums that differ
// only by rounding may pick different positions, both right to float precision.)
TEST(Network, FusedConvPoolMatchesTorchOutputsAndGradients) {
    set_threads(2);
    torch::manual_seed(5);
    for (int size : {28, 27}) {
        for (auto act : {Activation::ReLU, Activation::LeakyReLU, Activation::Sigmoid, Activation::Tanh}) {
            for (int k : {3, 5, 7}) {
                for (int pad : {0, k / 2}) {
                    for (bool ceil_mode : {false, true}) {
                        for (int filters : {32, 5}) {
                            SCOPED_TRACE(testing::Message() << "size " << size << " act " << activation_name(act)
                                                            << " k " << k << " pad " << pad << " ceil "
                                                            << ceil_mode << " filters " << filters);
                            torch::Tensor x = torch::randint(0, 4, {19, 1, size, size}, torch::kFloat32);
                            torch::Tensor w1 = (torch::randint(-4, 5, {filters, 1, k, k}, torch::kFloat32) / 8.0).requires_grad_();
                            torch::Tensor b1 = (torch::randint(-4, 5, {filters}, torch::kFloat32) / 8.0).requires_grad_();
                            torch::Tensor w2 = w1.detach().clone().requires_grad_();
                            torch::Tensor b2 = b1.detach().clone().requires_grad_();
                            torch::Tensor z = torch::conv2d(x, w1, b1, 1, pad);
                            switch (act) {
                                case Activation::ReLU: z = torch::relu(z); break;
                                case Activation::LeakyReLU: z = torch::leaky_relu(z, 0.01); break;
                                case Activation::Sigmoid: z = torch::sigmoid(z); break;
                                default: z = torch::tanh(z); break;
                            }
                            torch::Tensor ref = torch::max_pool2d(z, {2, 2}, {2, 2}, {0, 0}, {1, 1}, ceil_mode);
                            torch::Tensor got = fused_conv_act_maxpool(x, w2, b2, k, pad, act, ceil_mode);
                            ASSERT_EQ(got.sizes(), ref.sizes());
                            EXPECT_TRUE(torch::allclose(got, ref, 1e-5, 1e-5))
                                << (got - ref).abs().max().item<float>();
                            torch::Tensor up = torch::randn(ref.sizes());
                            (ref * up).sum().backward();
                            (got * up).sum().backward();
                            EXPECT_TRUE(torch::allclose(w2.grad(), w1.grad(), 1e-4, 1e-3))
                                << (w2.grad() - w1.grad()).abs().max().item<float>();
                            EXPECT_TRUE(torch::allclose(b2.grad(), b1.grad(), 1e-4, 1e-3))
                                << (b2.grad() - b1.grad()).abs().max().item<float>();
                        }
                    }
                }
            }
        }
    }
    // Arbitrary floats (payload bytes / 255): the outputs agree to float rounding.
    torch::Tensor x = torch::randint(0, 256, {64, 1, 28, 28}, torch::kFloat32) / 255.0;
    torch::Tensor w = torch::randn({32, 1, 7, 7}) * 0.2, b = torch::randn({32}) * 0.1;
    torch::Tensor ref = torch::max_pool2d(torch::relu(torch::conv2d(x, w, b, 1, 3)), {2, 2}, {2, 2});
    EXPECT_TRUE(torch::allclose(fused_conv_act_maxpool(x, w, b, 7, 3, Activation::ReLU, false), ref, 1e-5, 1e-5));

    // Where the fused pass applies: max pooling after an element-wise activation, an input that
    // needs no gradient (saliency maps take the general path).
    HyperParams h = paper_model(5);
    EXPECT_TRUE(fused_conv_pool_applies(h, x));
    EXPECT_FALSE(fused_conv_pool_applies(h, x.clone().requires_grad_()));
    h.pool = Pooling::Avg;
    EXPECT_FALSE(fused_conv_pool_applies(h, x));
    h = paper_model(5);
    h.conv_act = Activation::Softmax;
    EXPECT_FALSE(fused_conv_pool_applies(h, x));
}

TEST(Network, ShapesFollowThePaddingRules) {
    HyperParams h;
    h.kernel = 5;
    h.padding = Padding::None;
    EXPECT_EQ(h.flat_features(), 32 * 12 * 12);
    h.padding = Padding::Both;
    EXPECT_EQ(h.flat_features(), 32 * 14 * 14);
    h.kernel = 3;
    h.padding = Padding::PoolOnly;  // 26 -> 13
    EXPECT_EQ(h.flat_features(), 32 * 13 * 13);
    // An odd conv output with ceil-mode pooling (kernel 4 is not in the grid; 1x1 keeps 28).
    h.kernel = 1;
    h.padding = Padding::PoolOnly;
    EXPECT_EQ(h.flat_features(), 32 * 14 * 14);
    PaperCnn net(h, 3);
    EXPECT_EQ(net->forward(torch::zeros({1, 1, 28, 28})).size(1), 3);
}

namespace {

void write_raw(const std::filesystem::path& p, const void* data, std::size_t bytes) {
    std::ofstream f(p, std::ios::binary);
    f.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
}

bool python_has_torch() {
    return std::system("/usr/bin/python3 -c 'import torch' >/dev/null 2>&1") == 0;
}

}  // namespace

// Writes weights, inputs and our logits for a set of configurations; parity.py rebuilds each
// network the way torch_peer.py does, loads the weights and compares (max abs diff <= 1e-5).
TEST(Network, ForwardParityWithPyTorchPeer) {
    if (!python_has_torch()) GTEST_SKIP() << "/usr/bin/python3 has no torch: parity not checked";
    set_threads(1);
    namespace fs = std::filesystem;
    fs::path dir = fs::path(testing::TempDir()) / "flowcnn-parity";
    fs::remove_all(dir);
    fs::create_directories(dir);

    std::vector<HyperParams> configs = {paper_model(1), paper_model(2), paper_model(3),
                                        paper_model(4), paper_model(5)};
    const Activation acts[] = {Activation::Sigmoid, Activation::Tanh, Activation::ReLU,
                               Activation::LeakyReLU, Activation::Softmax};
    int i = 0;
    for (Activation ca : acts) {  // every activation on both layers, every padding and pooling
        HyperParams h;
        h.conv_act = ca;
        h.fc_act = acts[(i + 2) % 5];
        h.kernel = 3 + 2 * (i % 3);
        h.pool = i % 2 ? Pooling::Avg : Pooling::Max;
        h.padding = static_cast<Padding>(i % 4);
        h.fc = 256;
        configs.push_back(h);
        h.kernel = 1;  // odd conv output side: ceil-mode pooling really differs from floor
        h.padding = static_cast<Padding>((i + 1) % 4);
        configs.push_back(h);
        ++i;
    }
    auto data = test::synthetic_set(3, 3, 5, 0.5);
    const std::size_t n = data.size();
    Json manifest = Json::array();
    for (std::size_t c = 0; c < configs.size(); ++c) {
        const auto& h = configs[c];
        auto net = make_network(h, 3, 100 + c);
        net->eval();
        torch::NoGradGuard no_grad;
        auto out = net->forward(images_to_tensor(data.pixels.data(), n)).contiguous();
        fs::path sub = dir / std::to_string(c);
        fs::create_directories(sub);
        for (auto& p : net->named_parameters()) {
            auto t = p.value().contiguous();
            write_raw(sub / (p.key() + ".f32"), t.data_ptr<float>(), static_cast<std::size_t>(t.numel()) * 4);
        }
        write_raw(sub / "out.f32", out.data_ptr<float>(), static_cast<std::size_t>(out.numel()) * 4);
        Json entry = Json::parse(h.to_json());
        entry["dir"] = sub.string();
        manifest.push_back(std::move(entry));
    }
    write_raw(dir / "images.u8", data.pixels.data(), data.pixels.size());
    {
        std::ofstream f(dir / "manifest.json");
        f << manifest.dump();
    }
    std::string cmd = "/usr/bin/python3 " FLOWCNN_SOURCE_DIR "/tests/ml/parity.py " + dir.string() +
                      " > " + (dir / "parity.log").string() + " 2>&1";
    int rc = std::system(cmd.c_str());
    std::ifstream log(dir / "parity.log");
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    EXPECT_EQ(rc, 0) << text;
    EXPECT_NE(text.find("parity ok"), std::string::npos) << text;
}

// The classifier's probabilities are the softmax of the network's logits, batched or not.
TEST(Network, ClassifierBatchesConsistently) {
    auto data = test::synthetic_set(3, 40, 5);
    auto net = make_network(paper_model(5), 3, 1);
    ModelInfo info;
    info.classes = data.classes;
    auto file = encode_model_file(info, save_weights(net));
    Classifier clf(file, 1);
    auto p_all = clf.predict_proba(data.pixels.data(), data.size(), 512);
    auto p_small = clf.predict_proba(data.pixels.data(), data.size(), 7);
    ASSERT_EQ(p_all.size(), p_small.size());
    for (std::size_t k = 0; k < p_all.size(); ++k) EXPECT_NEAR(p_all[k], p_small[k], 1e-5);
    auto logits = clf.logits(data.pixels.data(), 1);
    float mx = *std::max_element(logits.begin(), logits.end());
    double z = 0;
    for (float l : logits) z += std::exp(l - mx);
    EXPECT_NEAR(p_all[0], std::exp(logits[0] - mx) / z, 1e-5);
    // Weights of another architecture are rejected.
    auto other = paper_model(1);
    ModelInfo info2 = info;
    info2.hparams = other;
    EXPECT_THROW(Classifier(encode_model_file(info2, save_weights(net)), 1), FormatError);
}

// Server-name rules travel in the model file's metadata; rules that do not fit the classes are
// refused as a format error.
TEST(Network, ModelFileCarriesNameRules) {
    auto net = make_network(paper_model(5), 3, 1);
    ModelInfo info;
    info.classes = {"a", "b", "c"};
    info.name_rules = flowcnn::baseline::NameRules({{"www.example.com", false, 2, 5, 5}, {"example.org", true, 0, 9, 10}});
    auto back = decode_model_file(encode_model_file(info, save_weights(net)));
    EXPECT_EQ(back.info.name_rules, info.name_rules);
    ModelInfo plain;
    plain.classes = info.classes;
    EXPECT_TRUE(decode_model_file(encode_model_file(plain, save_weights(net))).info.name_rules.empty());
    ModelInfo bad = info;
    bad.name_rules = flowcnn::baseline::NameRules({{"x.com", false, 3, 1, 1}});
    EXPECT_THROW(decode_model_file(encode_model_file(bad, save_weights(net))), FormatError);
}

namespace flowcnn::model {
namespace {

// dataset create --payload-bytes: the model file records the bytes kept, and classification makes
// its images from them alone (flows that agree in those bytes get the same answer).
TEST(Network, ModelFilePayloadBytesReachClassification) {
    auto net = make_network(paper_model(5), 3, 7);
    ModelInfo info;
    info.classes = {"a", "b", "c"};
    info.preprocessing.payload_bytes = 8;
    info.preprocessing.fill = flow::FillMode::Zero;
    const auto bytes = encode_model_file(info, save_weights(net));
    EXPECT_EQ(decode_model_file(bytes).info.preprocessing.payload_bytes, 8);
    ModelInfo plain;
    plain.classes = info.classes;
    const auto plain_bytes = encode_model_file(plain, save_weights(net));
    EXPECT_EQ(decode_model_file(plain_bytes).info.preprocessing.payload_bytes, 784);
    // Older readers see no new key unless it is set.
    EXPECT_EQ(model_info_to_json(plain).find("payload_bytes"), std::string::npos);
    ModelInfo bad = info;
    bad.preprocessing.payload_bytes = 0;
    EXPECT_THROW(decode_model_file(encode_model_file(bad, save_weights(net))), FormatError);

    std::vector<classify::ClassifiedFlow> flows(2);
    for (std::size_t f = 0; f < 2; ++f) {
        flows[f].record.head.resize(300);
        for (std::size_t i = 0; i < 300; ++i)
            flows[f].record.head[i] = static_cast<std::uint8_t>(i < 8 ? 200 - i : (f == 0 ? i : 255 - i));
    }
    Classifier short_clf(bytes, 1);
    classify::predict_flows(short_clf, flows, 0.0);
    ASSERT_EQ(flows[0].top3.size(), 3u);
    EXPECT_EQ(flows[0].predicted_index, flows[1].predicted_index);
    EXPECT_FLOAT_EQ(flows[0].confidence, flows[1].confidence);
    // The full-length model sees the bytes after the 8th: different inputs, different outputs.
    Classifier full_clf(plain_bytes, 1);
    classify::predict_flows(full_clf, flows, 0.0);
    EXPECT_NE(flows[0].top3[0].second, flows[1].top3[0].second);
}

}  // namespace
}  // namespace flowcnn::model
