#include "engine/baseline/run_baselines.h"

#include <algorithm>
#include <chrono>

#include "engine/baseline/folds.h"
#include "engine/baseline/masking.h"
#include "engine/common/error.h"

namespace flowcnn::baseline {

std::vector<std::int32_t> argmax_rows(const std::vector<float>& values, std::size_t c) {
    std::vector<std::int32_t> out(c ? values.size() / c : 0);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const float* row = values.data() + i * c;
        out[i] = static_cast<std::int32_t>(std::max_element(row, row + c) - row);
    }
    return out;
}

void score_image_baselines(const dataset::ImageSet& train, const dataset::ImageSet& test, bool masked,
                           const BaselineRunOptions& o, store::Database* names_db,
                           std::vector<ResultRow>& rows, const ProgressFn& progress, const CancelToken* cancel) {
    auto since = [](std::chrono::steady_clock::time_point t0) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    };
    const auto n = train.classes.size();
    if (o.knn) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto pred = knn_predict(train, test, o.knn_options, progress, cancel);
        rows.push_back({std::to_string(o.knn_options.k) + "-NN " + std::string(distance_name(o.knn_options.distance)),
                        masked, score(test.labels, pred, n), since(t0), pred});
    }
    if (o.logreg) {
        const auto t0 = std::chrono::steady_clock::now();
        LogisticRegression lr;
        lr.fit(train, o.logreg_options, progress, cancel);
        auto pred = lr.predict(test);
        rows.push_back({"logistic regression", masked, score(test.labels, pred, n), since(t0), std::move(pred)});
    }
    if (o.gbt && !masked) {  // the trees never see the image: masking the names changes nothing
        if (!train.has_features() || !test.has_features())
            throw ConfigError("gradient-boosted trees need the flows' features (a project dataset)");
        const auto t0 = std::chrono::steady_clock::now();
        const auto trees = gbt::GbtModel::fit(train.features.data(), train.size(), train.feature_stride,
                                              train.labels.data(), n, o.gbt_options, progress, cancel);
        const auto pred = argmax_rows(trees.margins(test.features.data(), test.size()), n);
        rows.push_back({"gradient-boosted trees (flow features)", false, score(test.labels, pred, n), since(t0), pred});
    }
    if (o.name_only && !masked && names_db) {  // masking removes the names: no masked name-only row
        const auto t0 = std::chrono::steady_clock::now();
        NameOnlyClassifier nc;
        nc.fit(load_flow_names(*names_db, train.flow_ids), train.labels, n);
        const auto pred = nc.predict(load_flow_names(*names_db, test.flow_ids));
        rows.push_back({"name only (SNI/Host)", false, score(test.labels, pred, n), since(t0), pred, false});
        const std::vector<std::int32_t> majority(test.size(), nc.majority());
        rows.push_back({"majority class", false, score(test.labels, majority, n), 0.0, majority, false});
    }
}

BaselineRun run_baselines(store::Database& db, std::int64_t dataset_id, const BaselineRunOptions& o,
                          const ProgressFn& progress, const CancelToken* cancel) {
    if (o.split != "val" && o.split != "test")
        throw ConfigError("baselines: the scored split must be val or test, not '" + o.split + "'");
    BaselineRun run;
    run.fill = o.fill ? *o.fill : dataset_fill(db, dataset_id);
    if (o.folds > 0) {
        run.folds = o.folds;
        for (bool masked : {false, true}) {
            if (masked && !o.masked) break;
            CrossValidationOptions cvo;
            cvo.folds = o.folds;
            cvo.seed = o.fold_seed;
            cvo.fill = run.fill;
            cvo.masked = masked;
            auto cv = cross_validate(
                db, dataset_id, cvo,
                [&](const dataset::ImageSet& train, const dataset::ImageSet& test, bool m, std::vector<ResultRow>& rows) {
                    score_image_baselines(train, test, m, o, &db, rows, progress, cancel);
                },
                {}, cancel);
            if (!masked) {
                run.classes = cv.classes;
                run.scored = cv.flows;
                run.captures = cv.captures;
                run.single_capture_classes = cv.single_capture_classes;
            }
            for (auto& r : cv.rows) run.rows.push_back(std::move(r));
        }
        return run;
    }
    for (bool masked : {false, true}) {
        if (masked && !o.masked) break;
        auto train = load_split_with(db, dataset_id, "train", run.fill, masked);
        auto test = load_split_with(db, dataset_id, o.split, run.fill, masked);
        if (train.size() == 0 || test.size() == 0)
            throw ConfigError("baselines: the train or " + o.split + " split of dataset " + std::to_string(dataset_id) +
                              " is empty");
        if (!masked) {
            run.classes = train.classes;
            run.train = train.size();
            run.scored = test.size();
            run.scored_copies_in_train = images_also_in(test, train);
        }
        score_image_baselines(train, test, masked, o, &db, run.rows, progress, cancel);
        if (cancel && cancel->cancelled()) throw CancelledError();
    }
    return run;
}

}  // namespace flowcnn::baseline
