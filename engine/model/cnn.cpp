// The paper's CNN (LibTorch) and the Classifier over model files.
#include <dlfcn.h>
#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <mutex>
#include <sstream>
#include <thread>

#include "engine/common/error.h"
#include "engine/features/flow_features.h"
#include "engine/gbt/gbt.h"
#include "engine/unknown/unknown.h"
#include "engine/model/classifier.h"
#include "engine/model/cnn_impl.h"
#include "engine/model/conv_pool.h"

namespace flowcnn::model {
namespace {

torch::Tensor activate(const torch::Tensor& x, Activation a) {
    switch (a) {
        case Activation::Sigmoid: return torch::sigmoid(x);
        case Activation::Tanh: return torch::tanh(x);
        case Activation::ReLU: return torch::relu(x);
        case Activation::LeakyReLU: return torch::leaky_relu(x, 0.01);
        case Activation::Softmax: return torch::softmax(x, 1);
    }
    return x;
}

// The convolution (stride 1, square input) as one im2col over the whole batch and one matrix
// product. Debian's LibTorch runs conv2d in oneDNN on torch's OpenMP pool, which set_threads keeps
// at one thread; the product runs on OpenBLAS's threads, and its backward (the weight gradient) is
// one product too. The parameters stay conv->weight [F,C,k,k] and conv->bias, so model files are
// unchanged; results agree with conv2d to float rounding (tests/ml parity). The result is an NCHW
// view of channels-last data, which activation and pooling take as it is.
torch::Tensor conv_as_product(const torch::Tensor& x, const torch::Tensor& weight,
                              const torch::Tensor& bias, int k, int pad) {
    const std::int64_t n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
    const std::int64_t f = weight.size(0), ckk = weight.numel() / f;
    const std::int64_t oh = h + 2 * pad - k + 1, ow = w + 2 * pad - k + 1;
    torch::Tensor cols;  // [N*oh*ow, C*k*k]: one row per output pixel
    if (x.requires_grad() || x.scalar_type() != torch::kFloat32) {
        // Saliency maps need the input's gradient: at::im2col has it (col2im).
        cols = at::im2col(x, {k, k}, {1, 1}, {pad, pad}, {1, 1}).transpose(1, 2).reshape({n * oh * ow, ckk});
    } else {
        // The rows written directly (at::im2col gives [N, C*k*k, oh*ow] and needs a transposing copy).
        const torch::Tensor xc = x.contiguous();
        cols = torch::empty({n * oh * ow, ckk}, x.options());
        const float* xp = xc.data_ptr<float>();
        float* cp = cols.data_ptr<float>();
        parallel_chunks(n, 16, [&](std::int64_t b, std::int64_t e) {
            for (std::int64_t i = b; i < e; ++i)
                for (std::int64_t oy = 0; oy < oh; ++oy)
                    for (std::int64_t ox = 0; ox < ow; ++ox) {
                        float* row = cp + ((i * oh + oy) * ow + ox) * ckk;
                        for (std::int64_t ch = 0; ch < c; ++ch) {
                            const float* plane = xp + (i * c + ch) * h * w;
                            for (std::int64_t ky = 0; ky < k; ++ky) {
                                const std::int64_t iy = oy + ky - pad;
                                for (std::int64_t kx = 0; kx < k; ++kx) {
                                    const std::int64_t ix = ox + kx - pad;
                                    *row++ = (iy >= 0 && iy < h && ix >= 0 && ix < w) ? plane[iy * w + ix] : 0.0f;
                                }
                            }
                        }
                    }
        });
    }
    auto y = at::addmm(bias, cols, weight.reshape({f, ckk}).t());  // [N*oh*ow, F]
    return y.view({n, oh, ow, f}).permute({0, 3, 1, 2});
}

// Large buffers (im2col columns, activations, gradients: 10-40 MB) are allocated and freed every
// training step; glibc hands blocks that large back to the kernel and page-faults them in again
// each time (about 10% of the CPU in a profile). Keep them in the heap instead.
void keep_large_blocks_in_heap() {
    static std::once_flag once;
    std::call_once(once, [] {
        mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's maximum on 64-bit
        mallopt(M_TRIM_THRESHOLD, 512 << 20);
    });
}

std::mutex& seed_mutex() {
    static std::mutex m;
    return m;
}

}  // namespace

PaperCnnImpl::PaperCnnImpl(const HyperParams& h, int classes) : hp(h), num_classes(classes) {
    prepare_blas();
    hp.validate();
    if (classes < 2) throw ConfigError("a model needs at least 2 classes");
    conv = register_module(
        "conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, hp.filters, hp.kernel)
                                      .stride(1)
                                      .padding(hp.conv_same() ? hp.kernel / 2 : 0)));
    fc = register_module("fc", torch::nn::Linear(hp.flat_features(), hp.fc));
    out = register_module("out", torch::nn::Linear(hp.fc, classes));
}

torch::Tensor PaperCnnImpl::forward(torch::Tensor x) {
    const int pad = hp.conv_same() ? hp.kernel / 2 : 0;
    if (fused_conv_pool_applies(hp, x)) {
        x = fused_conv_act_maxpool(x, conv->weight, conv->bias, hp.kernel, pad, hp.conv_act, hp.pool_same());
    } else {
        x = activate(conv_as_product(x, conv->weight, conv->bias, hp.kernel, pad), hp.conv_act);
        if (hp.pool == Pooling::Max)
            x = torch::max_pool2d(x, {2, 2}, {2, 2}, {0, 0}, {1, 1}, hp.pool_same());
        else
            x = torch::avg_pool2d(x, {2, 2}, {2, 2}, {0, 0}, hp.pool_same());
    }
    x = activate(fc->forward(x.flatten(1)), hp.fc_act);
    return out->forward(x);
}

PaperCnn make_network(const HyperParams& h, int classes, std::uint64_t seed) {
    std::lock_guard lock(seed_mutex());
    torch::manual_seed(seed);
    return PaperCnn(h, classes);
}

torch::Tensor images_to_tensor(const std::uint8_t* images, std::size_t n) {
    auto bytes = torch::from_blob(const_cast<std::uint8_t*>(images),
                                  {static_cast<std::int64_t>(n), 1, 28, 28}, torch::kUInt8);
    return bytes.to(torch::kFloat32).div_(255.0f);
}

std::vector<std::uint8_t> save_weights(PaperCnn& net) {
    std::ostringstream os(std::ios::binary);
    torch::save(net, os);
    const std::string s = os.str();
    return {s.begin(), s.end()};
}

void load_weights(PaperCnn& net, std::span<const std::uint8_t> bytes) {
    std::vector<std::vector<std::int64_t>> shapes;
    for (auto& p : net->named_parameters()) shapes.push_back(p.value().sizes().vec());
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(reinterpret_cast<const char*>(bytes.data()), bytes.size());
        net->load(archive);
        // Module::load replaces tensors without checking shapes: check them here.
        std::size_t i = 0;
        for (auto& p : net->named_parameters()) {
            if (i >= shapes.size() || p.value().sizes().vec() != shapes[i] ||
                p.value().scalar_type() != torch::kFloat32)
                throw FormatError("model weights do not fit the network: parameter " + p.key() +
                                  " has shape " + c10::str(p.value().sizes()));
            ++i;
        }
    } catch (const c10::Error& e) {
        std::string what = e.what_without_backtrace();
        throw FormatError("model weights do not fit the network: " + what.substr(0, 300));
    }
}

namespace {
// OpenBLAS reads OPENBLAS_THREAD_TIMEOUT when it is loaded: by default an idle BLAS thread spins
// (sched_yield) for ~2^28 cycles after every product, so on two cores the work between products
// (the fused convolution, the optimizer, torch's element-wise ops) shares its core with a
// spinning thread. With 2^10 cycles Model 5 trained 20-30% faster here and predicted 30-40% faster
// (2 cores). The variable is set (unless the user set it), OpenBLAS reads its environment again
// and stops its threads, which the next product starts again with the new timeout. Called once,
// before any product runs.
void shorten_openblas_spin_now() {
    using VoidFn = void (*)();
    using IntFn = int (*)();
    static const auto read_env = reinterpret_cast<VoidFn>(dlsym(RTLD_DEFAULT, "openblas_read_env"));
    static const auto shutdown = reinterpret_cast<IntFn>(dlsym(RTLD_DEFAULT, "blas_thread_shutdown_"));
    if (!read_env || !shutdown || std::getenv("OPENBLAS_THREAD_TIMEOUT")) return;
    setenv("OPENBLAS_THREAD_TIMEOUT", "10", 0);
    read_env();
    shutdown();
}

}  // namespace

// Before any network exists (so before any product of ours can be running on another thread):
// every network's constructor and set_threads call it.
void prepare_blas() {
    static std::once_flag once;
    std::call_once(once, shorten_openblas_spin_now);
}

namespace {

std::mutex& thread_mutex() {
    static std::mutex m;
    return m;
}
std::atomic<int> g_blas_threads{0};     // what OpenBLAS was last set to (0: untouched)
std::atomic<int> g_compute_threads{1};  // the last set_threads count
}  // namespace

int set_threads(int threads) {
    int n = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // Debian's LibTorch runs its own kernels on OpenMP threads but its matrix products on
    // OpenBLAS's pthreads. With both pools at n threads they fight for the cores (the OpenMP
    // workers spin after every op while OpenBLAS computes: Model 5 trained 46 img/s instead of
    // 166 at batch 64 on 2 loaded cores). The products are most of the work, so they get the
    // cores: OpenBLAS n threads, torch's OpenMP 1; the optimizer's loop splits itself
    // (parallel_chunks). Without OpenBLAS (another BLAS installed), torch keeps n threads.
    using SetFn = void (*)(int);
    static const auto openblas_set =
        reinterpret_cast<SetFn>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    const int torch_threads = openblas_set ? 1 : n;
    keep_large_blocks_in_heap();
    std::lock_guard lock(thread_mutex());
    prepare_blas();
    if (openblas_set && g_blas_threads.load() != n) {
        openblas_set(n);
        g_blas_threads = n;
    }
    if (at::get_num_threads() != torch_threads) at::set_num_threads(torch_threads);
    g_compute_threads = n;
    return n;
}

int compute_threads() { return g_compute_threads.load(); }

void parallel_chunks(std::int64_t n, std::int64_t grain,
                     const std::function<void(std::int64_t, std::int64_t)>& fn) {
    const std::int64_t by_size = grain > 0 ? std::max<std::int64_t>(1, n / grain) : 1;
    const int k = static_cast<int>(std::min<std::int64_t>(compute_threads(), by_size));
    if (k <= 1) {
        if (n > 0) fn(0, n);
        return;
    }
    // A thread start costs tens of microseconds; callers pass work of a millisecond or more.
    std::vector<std::thread> workers;
    workers.reserve(static_cast<std::size_t>(k - 1));
    const std::int64_t chunk = (n + k - 1) / k;
    for (int t = 1; t < k; ++t) {
        const std::int64_t b = t * chunk, e = std::min(n, b + chunk);
        if (b < e) workers.emplace_back([&fn, b, e] { fn(b, e); });
    }
    fn(0, std::min(n, chunk));
    for (auto& w : workers) w.join();
}

// ---- Classifier ----

// Images per forward pass when predicting. The general path's im2col buffer (N x 784 x k*k
// floats) outgrows the malloc heap beyond 128 images; the fused path has no such buffer and its
// FC product gains up to ~512 (+5% over 128 with Model 5).
std::size_t forward_chunk(const HyperParams& h) { return fused_conv_pool_supports(h) ? 512 : 128; }

struct Classifier::Impl {
    ModelInfo info;
    PaperCnn net{nullptr};
    dataset::ImageSet knn_images;  // a k-NN model's training images (instead of `net`)
    int threads = 0;

    gbt::GbtModel trees;           // gradient-boosted trees over the flow features
    double temperature = 1.0;      // calibration (unknown_json) of the CNN's and the trees' softmax

    bool knn() const { return info.kind == ModelKind::Knn; }
    bool gbt() const { return info.kind == ModelKind::Gbt; }
    void load_trees(std::span<const std::uint8_t> weights) {
        if (info.feature_version != features::kFeatureVersion ||
            info.feature_count != static_cast<int>(features::feature_count()))
            throw FormatError("model file: built on flow features version " + std::to_string(info.feature_version) +
                              " (" + std::to_string(info.feature_count) + " features); this build computes version " +
                              std::to_string(features::kFeatureVersion) + " (" +
                              std::to_string(features::feature_count()) + "): train the model again");
        trees = gbt::GbtModel::load(weights, info.classes.size(), features::feature_count(), threads);
    }
    std::vector<float> knn_proba(const std::uint8_t* images, std::size_t n) const {
        baseline::KnnOptions o;
        o.k = info.knn.k;
        o.distance = info.knn.distance;
        o.threads = threads;
        return baseline::knn_proba(knn_images, images, n, o);
    }
};

Classifier::Classifier(std::span<const std::uint8_t> model_file_bytes, int threads)
    : impl_(std::make_unique<Impl>()) {
    ModelFile file = decode_model_file(model_file_bytes);
    impl_->info = std::move(file.info);
    impl_->threads = threads;
    if (impl_->info.classes.size() < 2) throw FormatError("model file: fewer than 2 classes");
    impl_->temperature = unknown::from_json(impl_->info.unknown_json).temperature;
    if (impl_->knn()) {
        impl_->knn_images = decode_knn_images(file.weights, impl_->info.classes);
        return;
    }
    if (impl_->gbt()) {
        impl_->load_trees(file.weights);
        return;
    }
    try {
        impl_->net = PaperCnn(impl_->info.hparams, static_cast<int>(impl_->info.classes.size()));
    } catch (const ConfigError& e) {
        throw FormatError(std::string("model file: ") + e.what());
    }
    load_weights(impl_->net, file.weights);
    impl_->net->eval();
}

Classifier Classifier::from_file(const std::string& path, int threads) {
    return Classifier(read_file_bytes(path), threads);
}

Classifier::~Classifier() = default;
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;

const ModelInfo& Classifier::info() const { return impl_->info; }
std::size_t Classifier::num_classes() const { return impl_->info.classes.size(); }

bool Classifier::needs_features() const { return impl_->gbt(); }

std::vector<float> Classifier::predict_proba(const std::uint8_t* images, const float* feature_rows,
                                             std::size_t n) const {
    if (!impl_->gbt()) return predict_proba(images, n);
    if (!feature_rows)
        throw ConfigError("this model reads flow features (packet sizes, directions, protocol fields), "
                          "not images alone: load the flows with their features");
    return impl_->trees.proba(feature_rows, n, impl_->temperature);
}

std::vector<float> Classifier::logits(const std::uint8_t* images, std::size_t n) const {
    if (impl_->gbt()) throw ConfigError("a gradient-boosted trees model needs flow features, not images");
    if (impl_->knn()) {  // log-probabilities: their softmax gives the probabilities back
        auto p = impl_->knn_proba(images, n);
        for (auto& v : p) v = std::log(std::max(v, 1e-30f));
        return p;
    }
    set_threads(impl_->threads);
    torch::NoGradGuard no_grad;
    const std::size_t c = num_classes();
    std::vector<float> out(n * c);
    const std::size_t batch = forward_chunk(impl_->info.hparams);
    for (std::size_t i = 0; i < n; i += batch) {
        std::size_t m = std::min(batch, n - i);
        auto y = impl_->net->forward(images_to_tensor(images + i * flow::kImageBytes, m)).contiguous();
        std::memcpy(out.data() + i * c, y.data_ptr<float>(), m * c * sizeof(float));
    }
    return out;
}

std::vector<float> Classifier::predict_proba(const std::uint8_t* images, std::size_t n,
                                             std::size_t batch) const {
    if (impl_->gbt()) throw ConfigError("a gradient-boosted trees model needs flow features, not images");
    if (impl_->knn()) return impl_->knn_proba(images, n);
    set_threads(impl_->threads);
    torch::NoGradGuard no_grad;
    const std::size_t c = num_classes();
    std::vector<float> out(n * c);
    const std::size_t chunk = forward_chunk(impl_->info.hparams);
    batch = batch == 0 ? chunk : std::min(batch, chunk);
    for (std::size_t i = 0; i < n; i += batch) {
        std::size_t m = std::min(batch, n - i);
        auto logits = impl_->net->forward(images_to_tensor(images + i * flow::kImageBytes, m));
        // A calibrated model's probabilities are softmax(logits / T) (unknown_json).
        if (impl_->temperature != 1.0) logits = logits / impl_->temperature;
        auto y = torch::softmax(logits, 1).contiguous();
        std::memcpy(out.data() + i * c, y.data_ptr<float>(), m * c * sizeof(float));
    }
    return out;
}

std::vector<Prediction> Classifier::predict(const std::uint8_t* images, std::size_t n) const {
    auto p = predict_proba(images, n);
    const std::size_t c = num_classes();
    std::vector<Prediction> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const float* row = p.data() + i * c;
        std::size_t best = 0;
        for (std::size_t k = 1; k < c; ++k)
            if (row[k] > row[best]) best = k;
        out[i] = {static_cast<int>(best), row[best]};
    }
    return out;
}

}  // namespace flowcnn::model
