#include "engine/explain/saliency.h"

#include <torch/torch.h>

#include <algorithm>

#include "engine/common/error.h"
#include "engine/flow/flow.h"
#include "engine/model/classifier.h"
#include "engine/model/cnn_impl.h"
#include "engine/model/model_file.h"

namespace flowcnn::explain {

namespace {
constexpr std::size_t kBytes = flow::kImageBytes;

struct Loaded {
    model::ModelFile file;
    model::PaperCnn net{nullptr};
};

Loaded load(std::span<const std::uint8_t> bytes) {
    Loaded l;
    l.file = model::decode_model_file(bytes);
    const auto& info = l.file.info;
    if (info.classes.empty()) throw FormatError("model file has no classes");
    if (info.kind == model::ModelKind::Knn)
        throw ConfigError("gradient saliency needs a CNN: this is a " + model::describe_model(info) +
                          " model (use occlusion)");
    if (info.kind == model::ModelKind::Gbt)
        throw ConfigError("saliency maps show which bytes of the image decided; a " + model::describe_model(info) +
                          " model reads flow features, not the image");
    l.net = model::make_network(info.hparams, static_cast<int>(info.classes.size()), 0);
    model::load_weights(l.net, l.file.weights);
    l.net->eval();
    return l;
}

void check_image(std::span<const std::uint8_t> image) {
    if (image.size() != kBytes)
        throw ConfigError("saliency: expected a " + std::to_string(kBytes) + "-byte image, got " +
                          std::to_string(image.size()));
}

void normalise(std::vector<float>& m) {
    float top = 0;
    for (float& v : m) {
        if (!(v > 0)) v = 0;  // also NaN
        top = std::max(top, v);
    }
    if (top > 0)
        for (float& v : m) v /= top;
}

Saliency start(Method method, const Loaded& l, const torch::Tensor& probs) {
    Saliency s;
    s.method = method;
    auto p = probs.contiguous();
    s.probabilities.assign(p.data_ptr<float>(), p.data_ptr<float>() + p.numel());
    s.predicted = static_cast<int>(std::max_element(s.probabilities.begin(), s.probabilities.end()) -
                                   s.probabilities.begin());
    s.confidence = s.probabilities[static_cast<std::size_t>(s.predicted)];
    s.predicted_label = l.file.info.classes[static_cast<std::size_t>(s.predicted)];
    return s;
}
}  // namespace

std::string_view method_name(Method m) { return m == Method::Gradient ? "gradient" : "occlusion"; }

bool parse_method(std::string_view s, Method& out) {
    if (s == "gradient") { out = Method::Gradient; return true; }
    if (s == "occlusion") { out = Method::Occlusion; return true; }
    return false;
}

Saliency gradient_saliency(std::span<const std::uint8_t> model_file, std::span<const std::uint8_t> image) {
    check_image(image);
    auto l = load(model_file);
    auto x = model::images_to_tensor(image.data(), 1).clone().set_requires_grad(true);
    auto logits = l.net->forward(x);
    auto s = start(Method::Gradient, l, torch::softmax(logits.detach(), 1)[0]);
    logits[0][s.predicted].backward();
    auto g = x.grad().abs().reshape({static_cast<std::int64_t>(kBytes)}).contiguous();
    s.map.assign(g.data_ptr<float>(), g.data_ptr<float>() + kBytes);
    normalise(s.map);
    return s;
}

Saliency occlusion_saliency(std::span<const std::uint8_t> model_file, std::span<const std::uint8_t> image,
                            const OcclusionOptions& o) {
    check_image(image);
    const int side = flow::kImageSide;
    if (o.patch < 1 || o.patch > side || o.stride < 1 || o.stride > side)
        throw ConfigError("occlusion: patch and stride must be 1..28");
    // Through the Classifier, so that any model (CNN or k-NN) can be explained: a patch of
    // zero bytes is exactly a patch of zero inputs for the CNN.
    model::Classifier clf(model_file, 0);
    Saliency s;
    s.method = Method::Occlusion;
    s.probabilities = clf.predict_proba(image.data(), 1);
    s.predicted = static_cast<int>(std::max_element(s.probabilities.begin(), s.probabilities.end()) -
                                   s.probabilities.begin());
    s.confidence = s.probabilities[static_cast<std::size_t>(s.predicted)];
    s.predicted_label = clf.info().classes[static_cast<std::size_t>(s.predicted)];

    std::vector<std::pair<int, int>> pos;  // top-left corners; the last one reaches the edge
    std::vector<int> starts;
    for (int v = 0; v + o.patch <= side; v += o.stride) starts.push_back(v);
    if (starts.back() + o.patch < side) starts.push_back(side - o.patch);
    for (int r : starts)
        for (int c : starts) pos.emplace_back(r, c);

    std::vector<float> sum(kBytes, 0.0f), count(kBytes, 0.0f);
    const std::size_t classes = clf.num_classes();
    constexpr std::size_t kBatch = 256;
    std::vector<std::uint8_t> batch;
    for (std::size_t b0 = 0; b0 < pos.size(); b0 += kBatch) {
        const std::size_t nb = std::min(kBatch, pos.size() - b0);
        batch.resize(nb * kBytes);
        for (std::size_t i = 0; i < nb; ++i) {
            std::uint8_t* img = batch.data() + i * kBytes;
            std::copy(image.begin(), image.end(), img);
            auto [r, c] = pos[b0 + i];
            for (int y = r; y < r + o.patch; ++y)
                std::fill_n(img + y * side + c, o.patch, std::uint8_t{0});
        }
        const auto p = clf.predict_proba(batch.data(), nb);
        for (std::size_t i = 0; i < nb; ++i) {
            const float drop = std::max(0.0f, s.confidence - p[i * classes + static_cast<std::size_t>(s.predicted)]);
            auto [r, c] = pos[b0 + i];
            for (int y = r; y < r + o.patch; ++y)
                for (int x = c; x < c + o.patch; ++x) {
                    const auto k = static_cast<std::size_t>(y * side + x);
                    sum[k] += drop;
                    count[k] += 1.0f;
                }
        }
    }
    s.map.assign(kBytes, 0.0f);
    for (std::size_t k = 0; k < kBytes; ++k) s.map[k] = count[k] > 0 ? sum[k] / count[k] : 0.0f;
    normalise(s.map);
    return s;
}

std::vector<NearestFlow> nearest_training_flows(std::span<const std::uint8_t> model_file,
                                                std::span<const std::uint8_t> image, int k,
                                                const std::vector<std::int64_t>& train_flow_ids) {
    check_image(image);
    const auto f = model::decode_model_file(model_file);
    if (f.info.kind != model::ModelKind::Knn)
        throw ConfigError("nearest training flows: this is a " + model::describe_model(f.info) + " model, not k-NN");
    const auto train = model::decode_knn_images(f.weights, f.info.classes);
    const bool ids = train_flow_ids.size() == train.size();
    std::vector<NearestFlow> out;
    for (const auto& n : baseline::nearest_images(train, image.data(), k, f.info.knn.distance))
        out.push_back({ids ? train_flow_ids[n.index] : 0,
                       f.info.classes[static_cast<std::size_t>(train.labels[n.index])], n.distance});
    return out;
}

Saliency saliency(std::span<const std::uint8_t> model_file, std::span<const std::uint8_t> image, Method method) {
    return method == Method::Gradient ? gradient_saliency(model_file, image) : occlusion_saliency(model_file, image);
}

std::vector<SalientByte> top_bytes(const std::vector<float>& map, std::span<const std::uint8_t> image,
                                   std::size_t n) {
    if (map.size() != kBytes || image.size() != kBytes) throw ConfigError("top_bytes: expected 784 values and bytes");
    std::vector<SalientByte> all(kBytes);
    for (std::size_t k = 0; k < kBytes; ++k) all[k] = {static_cast<int>(k), image[k], map[k]};
    std::stable_sort(all.begin(), all.end(), [](const SalientByte& a, const SalientByte& b) {
        return a.saliency > b.saliency;
    });
    all.resize(std::min(n, all.size()));
    return all;
}

std::vector<std::uint8_t> overlay_gray(std::span<const std::uint8_t> image, const std::vector<float>& map,
                                       int scale, int gap, int& width, int& height) {
    if (map.size() != kBytes || image.size() != kBytes) throw ConfigError("overlay: expected 784 values and bytes");
    if (scale < 1 || scale > 64 || gap < 0 || gap > 256) throw ConfigError("overlay: scale 1..64, gap 0..256");
    const int side = flow::kImageSide * scale;
    width = 2 * side + gap;
    height = side;
    std::vector<std::uint8_t> px(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 255);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const auto k = static_cast<std::size_t>((y / scale) * flow::kImageSide + x / scale);
            const auto row = static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
            px[row + static_cast<std::size_t>(x)] = image[k];
            const float v = std::clamp(map[k], 0.0f, 1.0f);
            px[row + static_cast<std::size_t>(side + gap + x)] = static_cast<std::uint8_t>(v * 255.0f + 0.5f);
        }
    return px;
}

}  // namespace flowcnn::explain
