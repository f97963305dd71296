#include "engine/baseline/baseline.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <numeric>
#include <random>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "engine/common/error.h"
#include "engine/metrics/metrics.h"
#include "engine/flow/flow.h"

namespace flowcnn::baseline {

namespace {
constexpr std::size_t kBytes = flow::kImageBytes;

void check_set(const dataset::ImageSet& s, std::string_view what) {
    if (s.pixels.size() != s.size() * kBytes)
        throw ConfigError(std::string(what) + ": pixels do not match the number of labels");
    for (auto l : s.labels)
        if (l < 0 || static_cast<std::size_t>(l) >= s.classes.size())
            throw ConfigError(std::string(what) + ": label " + std::to_string(l) + " is outside the classes");
}
}  // namespace

std::string_view distance_name(Distance d) { return d == Distance::Hamming ? "hamming" : "l1"; }

bool parse_distance(std::string_view s, Distance& out) {
    if (s == "hamming") { out = Distance::Hamming; return true; }
    if (s == "l1") { out = Distance::L1; return true; }
    return false;
}

std::uint32_t image_distance(const std::uint8_t* a, const std::uint8_t* b, Distance d) noexcept {
    if (d == Distance::Hamming) {
#if defined(__SSE2__)
        // 16 bytes at a time (every x86-64 has SSE2): 3.2x the byte loop below, which the
        // compiler does not vectorise well (bench/knn_bench.cpp); k-NN spends its time here.
        static_assert(kBytes % 16 == 0);
        __m128i equal = _mm_setzero_si128();  // per byte lane: equal bytes so far (<= 49)
        for (std::size_t i = 0; i < kBytes; i += 16) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + i));
            const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
            equal = _mm_sub_epi8(equal, _mm_cmpeq_epi8(x, y));
        }
        const __m128i sum = _mm_sad_epu8(equal, _mm_setzero_si128());
        return static_cast<std::uint32_t>(kBytes) -
               static_cast<std::uint32_t>(_mm_cvtsi128_si32(sum) + _mm_cvtsi128_si32(_mm_srli_si128(sum, 8)));
#else
        std::uint32_t sum = 0;
        for (std::size_t i = 0; i < kBytes; ++i) sum += static_cast<std::uint32_t>(a[i] != b[i]);
        return sum;
#endif
    }
    // The compiler turns this into sums of absolute differences (as fast as hand-written SSE2).
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < kBytes; ++i) {
        const int x = static_cast<int>(a[i]) - static_cast<int>(b[i]);
        sum += static_cast<std::uint32_t>(x < 0 ? -x : x);
    }
    return sum;
}

namespace {

// Calls `fn(i, scratch)` for every i in [0, n), in blocks of 16 over `threads` threads (0 = all
// cores); `scratch` is one State per thread. Reports progress per block under `stage`; throws
// CancelledError when `cancel` is set, and rethrows the first exception of a block.
template <class State, class Fn>
void parallel_blocks(std::size_t n, int threads_option, const char* stage, const State& init, Fn fn,
                     const ProgressFn& progress, const CancelToken* cancel) {
    unsigned threads = threads_option > 0 ? static_cast<unsigned>(threads_option)
                                          : std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, n / 8)));
    constexpr std::size_t kBlock = 16;
    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    std::mutex progress_mutex;
    std::exception_ptr error;
    auto work = [&]() {
        State state = init;
        try {
            for (;;) {
                if (stop.load(std::memory_order_relaxed)) return;
                if (cancel && cancel->cancelled()) { stop = true; return; }
                const std::size_t begin = next.fetch_add(kBlock);
                if (begin >= n) return;
                const std::size_t end = std::min(n, begin + kBlock);
                for (std::size_t i = begin; i < end; ++i) fn(i, state);
                const std::size_t now = done.fetch_add(end - begin) + (end - begin);
                if (progress) {
                    std::lock_guard lock(progress_mutex);
                    progress({stage, now, n, ""});
                }
            }
        } catch (...) {
            std::lock_guard lock(progress_mutex);
            if (!error) error = std::current_exception();
            stop = true;
        }
    };
    if (threads <= 1) {
        work();
    } else {
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
        for (auto& t : pool) t.join();
    }
    if (error) std::rethrow_exception(error);
    if (cancel && cancel->cancelled()) throw CancelledError();
}

void check_knn(const dataset::ImageSet& train, const KnnOptions& options) {
    if (options.k < 1) throw ConfigError("k-NN: k must be at least 1");
    if (train.size() == 0) throw ConfigError("k-NN: the training set is empty");
    check_set(train, "k-NN training set");
}

// The k nearest training images of `q` as (distance, train index), nearest first; ties in
// distance keep the lower index.
void nearest(const dataset::ImageSet& train, const std::uint8_t* q, std::size_t k, Distance distance,
             std::vector<std::pair<std::uint32_t, std::uint32_t>>& best) {
    best.clear();
    std::uint32_t worst = UINT32_MAX;
    for (std::size_t j = 0, m = train.size(); j < m; ++j) {
        const std::uint32_t d = image_distance(q, train.image(j), distance);
        if (best.size() == k && d >= worst) continue;
        auto pos = std::upper_bound(best.begin(), best.end(), std::make_pair(d, static_cast<std::uint32_t>(j)));
        best.insert(pos, {d, static_cast<std::uint32_t>(j)});
        if (best.size() > k) best.pop_back();
        if (best.size() == k) worst = best.back().first;
    }
}

// Majority vote over `best`; a tie in votes goes to the tied class with the nearest neighbour.
std::size_t vote(const dataset::ImageSet& train, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& best,
                 std::vector<std::int32_t>& votes, std::vector<std::uint32_t>& nearest_of) {
    std::fill(votes.begin(), votes.end(), 0);
    std::fill(nearest_of.begin(), nearest_of.end(), UINT32_MAX);
    for (auto& [d, j] : best) {
        const auto c = static_cast<std::size_t>(train.labels[j]);
        ++votes[c];
        nearest_of[c] = std::min(nearest_of[c], d);
    }
    std::size_t pick = static_cast<std::size_t>(train.labels[best.front().second]);
    for (std::size_t c = 0; c < votes.size(); ++c)
        if (votes[c] > votes[pick] || (votes[c] == votes[pick] && nearest_of[c] < nearest_of[pick])) pick = c;
    return pick;
}

struct KnnScratch {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> best;
    std::vector<std::int32_t> votes;
    std::vector<std::uint32_t> nearest_of;
};

}  // namespace

std::vector<std::int32_t> knn_predict(const dataset::ImageSet& train, const dataset::ImageSet& test,
                                      const KnnOptions& options, const ProgressFn& progress,
                                      const CancelToken* cancel) {
    check_knn(train, options);
    if (test.pixels.size() != test.size() * kBytes) throw ConfigError("k-NN: test pixels do not match its labels");
    const std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(options.k), train.size());
    const std::size_t classes = train.classes.size();
    std::vector<std::int32_t> out(test.size(), 0);
    const KnnScratch init{{}, std::vector<std::int32_t>(classes), std::vector<std::uint32_t>(classes)};
    parallel_blocks(
        test.size(), options.threads, "knn", init,
        [&](std::size_t i, KnnScratch& s) {
            nearest(train, test.image(i), k, options.distance, s.best);
            out[i] = static_cast<std::int32_t>(vote(train, s.best, s.votes, s.nearest_of));
        },
        progress, cancel);
    return out;
}

std::vector<Neighbour> nearest_images(const dataset::ImageSet& train, const std::uint8_t* image, int k,
                                      Distance distance) {
    KnnOptions o;
    o.k = k;
    check_knn(train, o);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> best;
    nearest(train, image, std::min<std::size_t>(static_cast<std::size_t>(k), train.size()), distance, best);
    std::vector<Neighbour> out;
    for (auto& [d, j] : best) out.push_back({j, d});
    return out;
}

double knn_temperature(Distance d) { return d == Distance::Hamming ? 8.0 : 8.0 * 64.0; }

std::vector<float> knn_proba(const dataset::ImageSet& train, const std::uint8_t* images, std::size_t n,
                             const KnnOptions& options, const ProgressFn& progress, const CancelToken* cancel) {
    check_knn(train, options);
    const std::size_t k = std::min<std::size_t>(static_cast<std::size_t>(options.k), train.size());
    const std::size_t classes = train.classes.size();
    const double tau = knn_temperature(options.distance);
    std::vector<float> out(n * classes, 0.0f);
    const KnnScratch init{{}, std::vector<std::int32_t>(classes), std::vector<std::uint32_t>(classes)};
    parallel_blocks(
        n, options.threads, "knn", init,
        [&](std::size_t i, KnnScratch& s) {
            const std::uint8_t* q = images + i * kBytes;
            float* row = out.data() + i * classes;
            std::size_t pick = 0;
            if (k == 1) {
                // Every class's nearest image: the closer the runner-up, the less sure the answer.
                std::fill(s.nearest_of.begin(), s.nearest_of.end(), UINT32_MAX);
                std::uint32_t best = UINT32_MAX;
                for (std::size_t j = 0, m = train.size(); j < m; ++j) {
                    const std::uint32_t d = image_distance(q, train.image(j), options.distance);
                    const auto c = static_cast<std::size_t>(train.labels[j]);
                    if (d < s.nearest_of[c]) s.nearest_of[c] = d;
                    if (d < best) { best = d; pick = c; }  // ties keep the lower index, as knn_predict
                }
                double sum = 0;
                for (std::size_t c = 0; c < classes; ++c)
                    if (s.nearest_of[c] != UINT32_MAX)
                        sum += row[c] = static_cast<float>(std::exp(-(double(s.nearest_of[c]) - best) / tau));
                for (std::size_t c = 0; c < classes; ++c) row[c] = static_cast<float>(row[c] / sum);
            } else {
                nearest(train, q, k, options.distance, s.best);
                pick = vote(train, s.best, s.votes, s.nearest_of);
                for (std::size_t c = 0; c < classes; ++c) row[c] = static_cast<float>(s.votes[c]) / static_cast<float>(k);
            }
            // A tie in probability goes to the predicted class (argmax readers take the first).
            for (std::size_t c = 0; c < pick; ++c)
                if (row[c] == row[pick]) row[c] = std::nextafter(row[c], 0.0f);
        },
        progress, cancel);
    return out;
}

// ---- logistic regression ----

void LogisticRegression::fit(const dataset::ImageSet& train, const LogRegOptions& o,
                             const ProgressFn& progress, const CancelToken* cancel) {
    if (o.epochs < 1 || o.batch < 1 || !(o.lr > 0) || o.l2 < 0)
        throw ConfigError("logistic regression: epochs and batch must be >= 1, lr > 0, l2 >= 0");
    if (train.size() == 0) throw ConfigError("logistic regression: the training set is empty");
    check_set(train, "logistic regression training set");
    const std::size_t c = train.classes.size(), n = train.size(), d = kBytes;
    if (c == 0) throw ConfigError("logistic regression: no classes");
    classes_ = c;
    const std::size_t np = c * d + c;
    w_.assign(np, 0.0f);
    std::vector<double> m(np, 0.0), v(np, 0.0), g(np, 0.0);
    const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
    std::mt19937_64 rng(o.seed);
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::vector<float> x(d);
    std::vector<double> z(c);
    std::int64_t step = 0;
    const auto batches_per_epoch = (n + static_cast<std::size_t>(o.batch) - 1) / static_cast<std::size_t>(o.batch);
    for (int epoch = 0; epoch < o.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), rng);
        double loss_sum = 0;
        for (std::size_t b0 = 0; b0 < n; b0 += static_cast<std::size_t>(o.batch)) {
            if (cancel && cancel->cancelled()) throw CancelledError();
            const std::size_t b1i = std::min(n, b0 + static_cast<std::size_t>(o.batch));
            const double inv = 1.0 / static_cast<double>(b1i - b0);
            std::fill(g.begin(), g.end(), 0.0);
            for (std::size_t t = b0; t < b1i; ++t) {
                const std::size_t i = order[t];
                const std::uint8_t* img = train.image(i);
                for (std::size_t p = 0; p < d; ++p) x[p] = static_cast<float>(img[p]) / 255.0f;
                double zmax = -1e300;
                for (std::size_t k = 0; k < c; ++k) {
                    const float* wk = w_.data() + k * d;
                    float s = 0;
                    for (std::size_t p = 0; p < d; ++p) s += wk[p] * x[p];
                    z[k] = static_cast<double>(s) + w_[c * d + k];
                    zmax = std::max(zmax, z[k]);
                }
                double sum = 0;
                for (std::size_t k = 0; k < c; ++k) sum += (z[k] = std::exp(z[k] - zmax));
                const auto y = static_cast<std::size_t>(train.labels[i]);
                loss_sum += -std::log(std::max(z[y] / sum, 1e-300));
                for (std::size_t k = 0; k < c; ++k) {
                    const double err = (z[k] / sum - (k == y ? 1.0 : 0.0)) * inv;
                    if (err == 0) continue;
                    double* gk = g.data() + k * d;
                    for (std::size_t p = 0; p < d; ++p) gk[p] += err * x[p];
                    g[c * d + k] += err;
                }
            }
            ++step;
            const double c1 = 1.0 - std::pow(b1, static_cast<double>(step));
            const double c2 = 1.0 - std::pow(b2, static_cast<double>(step));
            for (std::size_t p = 0; p < np; ++p) {
                double gp = g[p];
                if (p < c * d) gp += o.l2 * w_[p];
                m[p] = b1 * m[p] + (1 - b1) * gp;
                v[p] = b2 * v[p] + (1 - b2) * gp * gp;
                w_[p] -= static_cast<float>(o.lr * (m[p] / c1) / (std::sqrt(v[p] / c2) + eps));
            }
            if (progress)
                progress({"logreg", static_cast<std::uint64_t>(step),
                          static_cast<std::uint64_t>(batches_per_epoch) * static_cast<std::uint64_t>(o.epochs), ""});
        }
        last_loss_ = loss_sum / static_cast<double>(n);
    }
}

std::vector<float> LogisticRegression::scores(const std::uint8_t* image) const {
    std::vector<float> z(classes_);
    for (std::size_t k = 0; k < classes_; ++k) {
        const float* wk = w_.data() + k * kBytes;
        float s = 0;
        for (std::size_t p = 0; p < kBytes; ++p) s += wk[p] * (static_cast<float>(image[p]) / 255.0f);
        z[k] = s + w_[classes_ * kBytes + k];
    }
    return z;
}

std::vector<std::int32_t> LogisticRegression::predict(const dataset::ImageSet& set) const {
    if (classes_ == 0) throw ConfigError("logistic regression: not trained");
    std::vector<std::int32_t> out(set.size());
    for (std::size_t i = 0; i < set.size(); ++i) {
        auto z = scores(set.image(i));
        out[i] = static_cast<std::int32_t>(std::max_element(z.begin(), z.end()) - z.begin());
    }
    return out;
}

// ---- name only ----

std::string normalized_name(std::string_view s) {
    std::string r(s);
    for (auto& ch : r)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    while (!r.empty() && r.back() == '.') r.pop_back();  // fully qualified "a.com."
    return r;
}

namespace {


std::vector<std::pair<std::string, std::int32_t>> argmax_table(
        std::vector<std::pair<std::string, std::int32_t>> pairs, std::size_t classes) {
    std::sort(pairs.begin(), pairs.end());
    std::vector<std::pair<std::string, std::int32_t>> out;
    std::vector<std::int64_t> count(classes);
    for (std::size_t i = 0; i < pairs.size();) {
        std::size_t j = i;
        std::fill(count.begin(), count.end(), 0);
        while (j < pairs.size() && pairs[j].first == pairs[i].first) ++count[static_cast<std::size_t>(pairs[j++].second)];
        out.emplace_back(pairs[i].first,
                         static_cast<std::int32_t>(std::max_element(count.begin(), count.end()) - count.begin()));
        i = j;
    }
    return out;
}

std::int32_t lookup(const std::vector<std::pair<std::string, std::int32_t>>& t, const std::string& key) {
    auto it = std::lower_bound(t.begin(), t.end(), key,
                               [](const auto& e, const std::string& k) { return e.first < k; });
    return (it != t.end() && it->first == key) ? it->second : -1;
}
}  // namespace

std::string registered_domain(std::string_view name) {
    std::string s = normalized_name(name);
    auto last = s.rfind('.');
    if (last == std::string::npos || last == 0) return s;
    auto prev = s.rfind('.', last - 1);
    return prev == std::string::npos ? s : s.substr(prev + 1);
}

void NameOnlyClassifier::fit(const std::vector<std::string>& names, const std::vector<std::int32_t>& labels,
                             std::size_t num_classes) {
    if (names.size() != labels.size()) throw ConfigError("name-only: names and labels differ in length");
    if (labels.empty() || num_classes == 0) throw ConfigError("name-only: the training set is empty");
    std::vector<std::int64_t> count(num_classes);
    std::vector<std::pair<std::string, std::int32_t>> exact, domain;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0 || static_cast<std::size_t>(labels[i]) >= num_classes)
            throw ConfigError("name-only: label outside the classes");
        ++count[static_cast<std::size_t>(labels[i])];
        if (names[i].empty()) continue;
        exact.emplace_back(normalized_name(names[i]), labels[i]);
        domain.emplace_back(registered_domain(names[i]), labels[i]);
    }
    majority_ = static_cast<std::int32_t>(std::max_element(count.begin(), count.end()) - count.begin());
    by_name_ = argmax_table(std::move(exact), num_classes);
    by_domain_ = argmax_table(std::move(domain), num_classes);
}

std::int32_t NameOnlyClassifier::predict(std::string_view name) const {
    if (name.empty()) return majority_;
    if (auto c = lookup(by_name_, normalized_name(name)); c >= 0) return c;
    if (auto c = lookup(by_domain_, registered_domain(name)); c >= 0) return c;
    return majority_;
}

std::vector<std::int32_t> NameOnlyClassifier::predict(const std::vector<std::string>& names) const {
    std::vector<std::int32_t> out;
    out.reserve(names.size());
    for (auto& n : names) out.push_back(predict(n));
    return out;
}

// ---- splits ----

namespace {
std::string_view bytes_of(const dataset::ImageSet& s, std::size_t i) {
    return {reinterpret_cast<const char*>(s.image(i)), kBytes};
}
}  // namespace

void stratified_split(const dataset::ImageSet& all, double val_fraction, std::uint64_t seed,
                      dataset::ImageSet& train, dataset::ImageSet& val) {
    if (!(val_fraction >= 0 && val_fraction < 1)) throw ConfigError("split: the validation fraction must be in [0, 1)");
    check_set(all, "split");
    std::vector<std::vector<std::size_t>> by_class(all.classes.size());
    for (std::size_t i = 0; i < all.size(); ++i) by_class[static_cast<std::size_t>(all.labels[i])].push_back(i);
    std::mt19937_64 rng(seed);
    std::vector<char> to_val(all.size(), 0);
    for (auto& idx : by_class) {
        std::shuffle(idx.begin(), idx.end(), rng);
        const auto nv = static_cast<std::size_t>(std::llround(val_fraction * static_cast<double>(idx.size())));
        for (std::size_t j = 0; j < nv && j < idx.size(); ++j) to_val[idx[j]] = 1;
    }
    train = {};
    val = {};
    train.classes = val.classes = all.classes;
    for (std::size_t i = 0; i < all.size(); ++i) dataset::append_image(to_val[i] ? val : train, all, i);
}

dataset::ImageSet shuffle_labels(const dataset::ImageSet& set, std::uint64_t seed) {
    dataset::ImageSet out = set;
    std::mt19937_64 rng(seed ^ 0x5eed5eedull);
    std::shuffle(out.labels.begin(), out.labels.end(), rng);
    return out;
}

dataset::ImageSet drop_duplicate_images(const dataset::ImageSet& set, std::size_t* dropped) {
    std::unordered_map<std::string_view, std::int32_t> label_of;  // -1: several labels
    for (std::size_t i = 0; i < set.size(); ++i) {
        auto [it, fresh] = label_of.emplace(bytes_of(set, i), set.labels[i]);
        if (!fresh && it->second != set.labels[i]) it->second = -1;
    }
    dataset::ImageSet out;
    out.classes = set.classes;
    std::unordered_set<std::string_view> seen;
    for (std::size_t i = 0; i < set.size(); ++i) {
        const auto b = bytes_of(set, i);
        if (label_of[b] < 0 || !seen.insert(b).second) continue;
        dataset::append_image(out, set, i);
    }
    if (dropped) *dropped = set.size() - out.size();
    return out;
}

std::size_t images_also_in(const dataset::ImageSet& test, const dataset::ImageSet& train) {
    std::unordered_set<std::string_view> in_train;
    for (std::size_t i = 0; i < train.size(); ++i) in_train.insert(bytes_of(train, i));
    std::size_t n = 0;
    for (std::size_t i = 0; i < test.size(); ++i) n += in_train.count(bytes_of(test, i));
    return n;
}

// ---- scores and tables ----

Scores score(const std::vector<std::int32_t>& truth, const std::vector<std::int32_t>& predicted,
             std::size_t num_classes) {
    // The CNN's own metrics, so that baseline and CNN rows are scored by one definition.
    std::vector<std::string> classes(num_classes);
    for (std::size_t c = 0; c < num_classes; ++c) classes[c] = std::to_string(c);
    const auto m = eval::compute_metrics(truth, predicted, classes);
    Scores s;
    s.total = m.total;
    s.correct = m.correct;
    s.accuracy = m.accuracy;
    s.macro_f1_all = m.macro_f1;
    double sum = 0;
    for (auto& c : m.per_class) {
        s.f1.push_back(c.f1);
        s.support.push_back(c.support);
        if (c.support > 0) {
            sum += c.f1;
            ++s.present;
        }
    }
    s.macro_f1 = s.present ? sum / static_cast<double>(s.present) : 0;
    return s;
}

std::string format_results(const std::vector<ResultRow>& rows, const std::vector<std::string>& classes) {
    std::size_t mw = 5;
    for (auto& r : rows) mw = std::max(mw, r.model.size());
    std::string out;
    char buf[256];
    std::snprintf(buf, sizeof buf, "%-*s  %-6s  %8s  %8s  %7s", static_cast<int>(mw), "model", "names", "accuracy",
                  "macro-F1", "seconds");
    out += buf;
    for (auto& c : classes) {
        std::snprintf(buf, sizeof buf, "  %8.8s", c.c_str());
        out += buf;
    }
    out += '\n';
    for (auto& r : rows) {
        std::snprintf(buf, sizeof buf, "%-*s  %-6s  %8.4f  %8.4f  %7.1f", static_cast<int>(mw), r.model.c_str(),
                      r.masked ? "masked" : "plain", r.scores.accuracy, r.scores.macro_f1, r.seconds);
        out += buf;
        for (std::size_t c = 0; c < classes.size(); ++c) {
            std::snprintf(buf, sizeof buf, "  %8.4f", c < r.scores.f1.size() ? r.scores.f1[c] : 0.0);
            out += buf;
        }
        out += '\n';
    }
    return out;
}

std::string results_csv(const std::vector<ResultRow>& rows, const std::vector<std::string>& classes) {
    auto quote = [](const std::string& s) {
        if (s.find_first_of(",\"\n") == std::string::npos) return s;
        std::string q = "\"";
        for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        return q + "\"";
    };
    std::string out = "model,masked,accuracy,macro_f1,macro_f1_all,seconds";
    for (auto& c : classes) out += "," + quote("f1_" + c);
    out += '\n';
    char buf[64];
    for (auto& r : rows) {
        out += quote(r.model) + (r.masked ? ",1" : ",0");
        std::snprintf(buf, sizeof buf, ",%.6f,%.6f,%.6f,%.3f", r.scores.accuracy, r.scores.macro_f1,
                      r.scores.macro_f1_all, r.seconds);
        out += buf;
        for (std::size_t c = 0; c < classes.size(); ++c) {
            std::snprintf(buf, sizeof buf, ",%.6f", c < r.scores.f1.size() ? r.scores.f1[c] : 0.0);
            out += buf;
        }
        out += '\n';
    }
    return out;
}

}  // namespace flowcnn::baseline
