#include "engine/baseline/folds.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <random>
#include <string>

#include <set>

#include "engine/common/error.h"
#include "engine/dataset/split.h"
#include "engine/store/flows.h"

namespace flowcnn::baseline {

dataset::ImageSet load_dataset_with(store::Database& db, std::int64_t dataset_id,
                                    flow::FillMode fill, bool mask,
                                    std::vector<std::int64_t>& captures, MaskStats* stats,
                                    std::size_t payload_bytes, const std::vector<std::string>& splits) {
    dataset::ImageSet all;
    MaskStats total;
    for (const auto& split : splits) {
        MaskStats st;
        auto part = load_split_with(db, dataset_id, split, fill, mask, &st, payload_bytes);
        total.flows += st.flows;
        total.with_name += st.with_name;
        total.masked += st.masked;
        total.bytes += st.bytes;
        if (all.classes.empty()) all.classes = part.classes;
        all.pixels.insert(all.pixels.end(), part.pixels.begin(), part.pixels.end());
        all.labels.insert(all.labels.end(), part.labels.begin(), part.labels.end());
        all.flow_ids.insert(all.flow_ids.end(), part.flow_ids.begin(), part.flow_ids.end());
        if (part.names.size() == part.size())
            all.names.insert(all.names.end(), part.names.begin(), part.names.end());
        if (part.has_features()) {
            all.feature_stride = part.feature_stride;
            all.features.insert(all.features.end(), part.features.begin(), part.features.end());
        }
    }
    if (all.names.size() != all.size()) all.names.clear();
    if (!all.has_features()) {
        all.features.clear();
        all.feature_stride = 0;
    }
    captures = capture_ids(db, all.flow_ids);
    if (stats) *stats = total;
    return all;
}

std::vector<std::int64_t> capture_ids(store::Database& db, const std::vector<std::int64_t>& flow_ids) {
    std::vector<std::int64_t> captures(flow_ids.size(), 0);
    store::for_each_flow_by_id(db, flow_ids, false,
                               [&](std::size_t i, const store::FlowDetail& f) { captures[i] = f.capture_id; });
    return captures;
}

dataset::ImageSet cap_per_capture(const dataset::ImageSet& set, const std::vector<std::int64_t>& captures,
                                  std::size_t max_per_capture, std::uint64_t seed, std::size_t* dropped) {
    if (captures.size() != set.size()) throw ConfigError("cap per capture: one capture per image expected");
    std::vector<std::pair<std::int64_t, std::int32_t>> keys(set.size());
    for (std::size_t i = 0; i < set.size(); ++i) keys[i] = {captures[i], set.labels[i]};
    const auto keep = dataset::keep_at_most_per_capture(keys, max_per_capture, seed);
    dataset::ImageSet out;
    out.classes = set.classes;
    for (std::size_t i = 0; i < set.size(); ++i)
        if (keep[i]) dataset::append_image(out, set, i);
    if (dropped) *dropped = set.size() - out.size();
    return out;
}

std::vector<int> capture_folds(const std::vector<std::int64_t>& captures, int k,
                               std::uint64_t seed) {
    if (k < 2) throw ConfigError("cross-validation needs at least 2 folds");
    std::map<std::int64_t, std::size_t> size;
    for (auto c : captures) ++size[c];
    if (size.size() < static_cast<std::size_t>(k))
        throw ConfigError(std::to_string(k) + " folds by capture need at least " +
                          std::to_string(k) + " capture files; the dataset has " +
                          std::to_string(size.size()));
    std::vector<std::pair<std::int64_t, std::size_t>> order(size.begin(), size.end());
    std::mt19937_64 rng(seed);
    std::shuffle(order.begin(), order.end(), rng);
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<std::size_t> load(static_cast<std::size_t>(k), 0);
    std::map<std::int64_t, int> fold_of;
    for (const auto& [capture, n] : order) {
        const auto f = static_cast<int>(std::min_element(load.begin(), load.end()) - load.begin());
        fold_of[capture] = f;
        load[static_cast<std::size_t>(f)] += n;
    }
    std::vector<int> folds(captures.size());
    for (std::size_t i = 0; i < captures.size(); ++i) folds[i] = fold_of[captures[i]];
    return folds;
}

dataset::ImageSet fold_subset(const dataset::ImageSet& set, const std::vector<int>& folds, int fold,
                              bool in_fold) {
    if (folds.size() != set.size()) throw ConfigError("folds: one fold per image expected");
    dataset::ImageSet out;
    out.classes = set.classes;
    for (std::size_t i = 0; i < set.size(); ++i)
        if ((folds[i] == fold) == in_fold) dataset::append_image(out, set, i);
    return out;
}

CrossValidation cross_validate(store::Database& db, std::int64_t dataset_id, const CrossValidationOptions& o,
                               const RoundFn& round, const std::function<void(const FoldInfo&)>& on_fold,
                               const CancelToken* cancel) {
    CrossValidation cv;
    std::vector<std::int64_t> captures;
    const auto all = load_dataset_with(db, dataset_id, o.fill, o.masked, captures, &cv.mask_stats, o.payload_bytes,
                                       o.splits);
    const auto fold_of = capture_folds(captures, o.folds, o.seed);
    cv.classes = all.classes;
    cv.flows = all.size();
    cv.captures = std::set<std::int64_t>(captures.begin(), captures.end()).size();
    cv.folds = o.folds;
    std::map<std::int32_t, std::set<std::int64_t>> captures_of_class;
    for (std::size_t i = 0; i < all.size(); ++i) captures_of_class[all.labels[i]].insert(captures[i]);
    for (const auto& [label, caps] : captures_of_class)
        if (caps.size() == 1) cv.single_capture_classes.push_back(all.classes[static_cast<std::size_t>(label)]);

    std::vector<std::int32_t> truth;
    for (int f = 0; f < o.folds; ++f) {
        if (cancel && cancel->cancelled()) throw CancelledError();
        const auto train = fold_subset(all, fold_of, f, false);
        const auto test = fold_subset(all, fold_of, f, true);
        FoldInfo info;
        info.fold = f;
        info.train = train.size();
        info.scored = test.size();
        std::set<std::int64_t> in_fold;
        for (std::size_t i = 0; i < all.size(); ++i)
            if (fold_of[i] == f) in_fold.insert(captures[i]);
        info.captures = in_fold.size();
        info.classes = cv.classes.size();
        info.flows = cv.flows;
        info.all_captures = cv.captures;
        if (on_fold) on_fold(info);
        std::vector<ResultRow> rows;
        round(train, test, o.masked, rows);
        for (const auto& r : rows)
            if (r.predicted.size() != test.size())
                throw ConfigError("cross-validation: model '" + r.model + "' gave no prediction per flow");
        truth.insert(truth.end(), test.labels.begin(), test.labels.end());
        if (f == 0) {
            cv.rows = std::move(rows);
            continue;
        }
        if (rows.size() != cv.rows.size()) throw ConfigError("cross-validation: the folds scored different models");
        for (std::size_t r = 0; r < rows.size(); ++r) {
            cv.rows[r].seconds += rows[r].seconds;
            cv.rows[r].predicted.insert(cv.rows[r].predicted.end(), rows[r].predicted.begin(), rows[r].predicted.end());
        }
    }
    for (auto& r : cv.rows) r.scores = score(truth, r.predicted, cv.classes.size());
    return cv;
}

}  // namespace flowcnn::baseline
