// Micro-benchmarks of the k-NN model's inner loop: the 784-byte distance (the engine's, against
// the plain byte-by-byte loop, in the same run) and 1-NN probabilities of 256 flows against
// 3000 training images, as `classify` with a k-NN model computes them.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <vector>

#include "engine/baseline/baseline.h"

namespace {

using namespace flowcnn;
constexpr std::size_t kBytes = 784;

// Payload-like bytes: a few values repeated (protocol headers, padding), not uniform noise.
std::vector<std::uint8_t> images(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::uint8_t> out(n * kBytes);
    for (auto& b : out) b = static_cast<std::uint8_t>(rng() % 7 == 0 ? rng() : rng() % 4);
    return out;
}

std::uint32_t byte_loop(const std::uint8_t* a, const std::uint8_t* b, baseline::Distance d) {
    std::uint32_t sum = 0;
    if (d == baseline::Distance::Hamming) {
        for (std::size_t i = 0; i < kBytes; ++i) sum += static_cast<std::uint32_t>(a[i] != b[i]);
    } else {
        for (std::size_t i = 0; i < kBytes; ++i) sum += static_cast<std::uint32_t>(std::abs(int(a[i]) - int(b[i])));
    }
    return sum;
}

template <bool kEngine>
void BM_Distance(benchmark::State& state) {
    const auto d = static_cast<baseline::Distance>(state.range(0));
    const auto data = images(1000, 1);
    std::size_t j = 0;
    for (auto _ : state) {
        std::uint32_t total = 0;
        for (std::size_t i = 0; i < 1000; ++i) {
            const std::uint8_t* a = data.data() + j * kBytes;
            const std::uint8_t* b = data.data() + i * kBytes;
            total += kEngine ? baseline::image_distance(a, b, d) : byte_loop(a, b, d);
        }
        benchmark::DoNotOptimize(total);
        j = (j + 1) % 1000;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 1000);  // distances
    state.SetLabel(d == baseline::Distance::Hamming ? "hamming" : "l1");
}
BENCHMARK_TEMPLATE(BM_Distance, true)->Name("BM_Distance/engine")->Arg(0)->Arg(1);
BENCHMARK_TEMPLATE(BM_Distance, false)->Name("BM_Distance/byte_loop")->Arg(0)->Arg(1);

void BM_KnnProba(benchmark::State& state) {
    dataset::ImageSet train;
    train.pixels = images(3000, 2);
    std::mt19937_64 rng(3);
    for (int i = 0; i < 3000; ++i) train.labels.push_back(static_cast<std::int32_t>(rng() % 30));
    for (int c = 0; c < 30; ++c) train.classes.push_back("c" + std::to_string(c));
    const auto queries = images(256, 4);
    baseline::KnnOptions o;
    o.threads = 1;
    for (auto _ : state) benchmark::DoNotOptimize(baseline::knn_proba(train, queries.data(), 256, o));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 256);  // flows
}
BENCHMARK(BM_KnnProba)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
