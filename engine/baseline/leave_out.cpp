#include "engine/baseline/leave_out.h"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <random>

#include "engine/common/error.h"
#include "engine/unknown/unknown.h"

namespace flowcnn::baseline {
namespace {

// One round's held-out classes: a seeded choice among the classes that have train flows.
std::vector<char> choose_unseen(const dataset::ImageSet& train, int held_out, std::mt19937_64& rng) {
    std::vector<char> present(train.classes.size(), 0);
    for (auto l : train.labels) present[static_cast<std::size_t>(l)] = 1;
    std::vector<std::size_t> candidates;
    for (std::size_t c = 0; c < present.size(); ++c)
        if (present[c]) candidates.push_back(c);
    if (candidates.size() < static_cast<std::size_t>(held_out) + 2)
        throw ConfigError("leave-classes-out: " + std::to_string(held_out) + " held-out classes need at least " +
                          std::to_string(held_out + 2) + " classes with train flows, the dataset has " +
                          std::to_string(candidates.size()));
    std::shuffle(candidates.begin(), candidates.end(), rng);
    std::vector<char> unseen(train.classes.size(), 0);
    for (int i = 0; i < held_out; ++i) unseen[candidates[static_cast<std::size_t>(i)]] = 1;
    return unseen;
}

dataset::ImageSet subset(const dataset::ImageSet& set, const std::vector<char>& unseen, bool want_unseen) {
    dataset::ImageSet out;
    out.classes = set.classes;
    for (std::size_t i = 0; i < set.size(); ++i)
        if ((unseen[static_cast<std::size_t>(set.labels[i])] != 0) == want_unseen) dataset::append_image(out, set, i);
    return out;
}

// A model's answers for one round: per flow, the most probable class and its probability.
struct Answers {
    std::vector<std::int32_t> predicted;
    std::vector<float> confidence;
};
Answers top1(const std::vector<float>& p, std::size_t c) {
    Answers a;
    for (std::size_t r = 0; r + c <= p.size(); r += c) {
        const auto best = std::max_element(p.begin() + static_cast<std::ptrdiff_t>(r),
                                           p.begin() + static_cast<std::ptrdiff_t>(r + c)) -
                          (p.begin() + static_cast<std::ptrdiff_t>(r));
        a.predicted.push_back(static_cast<std::int32_t>(best));
        a.confidence.push_back(p[r + static_cast<std::size_t>(best)]);
    }
    return a;
}

struct Pool {
    std::vector<double> known_score, unseen_score;
    std::vector<double> round_auroc;  // each round's model on its own
    std::size_t kept = 0, kept_right = 0, rejected = 0;
    void add(const Answers& known, const std::vector<std::int32_t>& truth, const Answers& unseen, double t) {
        const std::size_t k0 = known_score.size(), u0 = unseen_score.size();
        for (std::size_t i = 0; i < known.confidence.size(); ++i) {
            known_score.push_back(1.0 - known.confidence[i]);
            if (known.confidence[i] >= t) {
                ++kept;
                kept_right += known.predicted[i] == truth[i];
            }
        }
        for (float v : unseen.confidence) {
            unseen_score.push_back(1.0 - v);
            rejected += v < t;
        }
        round_auroc.push_back(unknown::auroc({known_score.begin() + static_cast<std::ptrdiff_t>(k0), known_score.end()},
                                             {unseen_score.begin() + static_cast<std::ptrdiff_t>(u0), unseen_score.end()}));
    }
    LeaveOutRow row(std::string model) const {
        LeaveOutRow r;
        r.model = std::move(model);
        r.known = known_score.size();
        r.unseen = unseen_score.size();
        r.auroc = unknown::auroc(known_score, unseen_score);
        r.auroc_per_round = round_auroc.empty() ? 0.5
                                                : std::accumulate(round_auroc.begin(), round_auroc.end(), 0.0) /
                                                      static_cast<double>(round_auroc.size());
        auto share = [](std::size_t a, std::size_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0; };
        r.known_kept = share(kept, r.known);
        r.known_kept_correct = share(kept_right, r.known);
        r.unseen_rejected = share(rejected, r.unseen);
        return r;
    }
};

// The trees' answers on `known` and `unseen` by their class probability, calibrated on `val` as a
// trees model is (gbt::calibrate).
std::pair<Answers, Answers> tree_answers(const dataset::ImageSet& train, const dataset::ImageSet& val,
                                         const dataset::ImageSet& known, const dataset::ImageSet& unseen,
                                         const gbt::GbtParams& params, const CancelToken* cancel) {
    const std::size_t c = train.classes.size();
    const auto trees = gbt::GbtModel::fit(train.features.data(), train.size(), train.feature_stride,
                                          train.labels.data(), c, params, {}, cancel);
    const double t = gbt::calibrate(trees, val).temperature;
    return {top1(trees.proba(known.features.data(), known.size(), t), c),
            top1(trees.proba(unseen.features.data(), unseen.size(), t), c)};
}

}  // namespace

std::vector<LeaveOutRow> leave_classes_out(const dataset::ImageSet& train, const dataset::ImageSet& val,
                                           const dataset::ImageSet& scored, const dataset::ImageSet& all,
                                           const LeaveOutOptions& o, const CancelToken* cancel) {
    if (o.held_out < 1 || o.rounds < 1) throw ConfigError("leave-classes-out: classes and rounds must be >= 1");
    if (o.gbt && !(train.has_features() && scored.has_features() && all.has_features()))
        throw ConfigError("leave-classes-out: the trees need the flows' features (a project dataset)");
    std::mt19937_64 rng(o.seed);
    Pool knn_pool, gbt_pool;
    const std::size_t c = train.classes.size();
    for (int round = 0; round < o.rounds; ++round) {
        if (cancel && cancel->cancelled()) throw CancelledError();
        const auto unseen_classes = choose_unseen(train, o.held_out, rng);
        const auto known_train = subset(train, unseen_classes, false);
        const auto known_val = subset(val, unseen_classes, false);
        const auto known = subset(scored, unseen_classes, false);
        const auto unseen = subset(all, unseen_classes, true);
        if (o.knn) {
            const auto k = top1(knn_proba(known_train, known.pixels.data(), known.size(), o.knn_options, {}, cancel), c);
            const auto u = top1(knn_proba(known_train, unseen.pixels.data(), unseen.size(), o.knn_options, {}, cancel), c);
            knn_pool.add(k, known.labels, u, o.threshold);
        }
        if (o.gbt) {
            const auto [k, u] = tree_answers(known_train, known_val, known, unseen, o.gbt_options, cancel);
            gbt_pool.add(k, known.labels, u, o.threshold);
        }
    }
    std::vector<LeaveOutRow> rows;
    if (o.knn) rows.push_back(knn_pool.row(std::to_string(o.knn_options.k) + "-NN " +
                                           std::string(distance_name(o.knn_options.distance))));
    if (o.gbt) {
        rows.push_back(gbt_pool.row("gradient-boosted trees, calibrated"));
    }

    return rows;
}

std::string format_leave_out(const std::vector<LeaveOutRow>& rows, const LeaveOutOptions& o) {
    std::string out;
    char buf[320];
    std::snprintf(buf, sizeof buf,
                  "leave-classes-out: %d rounds of %d held-out classes (seed %llu); unknown below confidence %.2f\n"
                  "%-46s %7s %7s %7s %9s %9s %7s %11s\n",
                  o.rounds, o.held_out, static_cast<unsigned long long>(o.seed), o.threshold, "model", "known",
                  "unseen", "AUROC", "per round", "rejected", "kept", "kept+right");
    out += buf;
    for (const auto& r : rows) {
        std::snprintf(buf, sizeof buf, "%-46s %7zu %7zu %7.3f %9.3f %8.1f%% %6.1f%% %10.1f%%\n", r.model.c_str(),
                      r.known, r.unseen, r.auroc, r.auroc_per_round, 100 * r.unseen_rejected, 100 * r.known_kept,
                      100 * r.known_kept_correct);
        out += buf;
    }
    return out;
}

}  // namespace flowcnn::baseline
