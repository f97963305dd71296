#include "engine/gbt/gbt.h"

#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <thread>

#include "engine/common/error.h"
#include "engine/common/json.h"

namespace flowcnn::gbt {
namespace {

// Every XGBoost call returns 0 or -1 with the reason in XGBGetLastError.
void check(int rc, const char* what) {
    if (rc != 0) throw ConfigError(std::string("gradient-boosted trees: ") + what + ": " + XGBGetLastError());
}

int resolve_threads(int threads) {
    if (threads > 0) return threads;
    const unsigned hw = std::thread::hardware_concurrency();
    return hw ? static_cast<int>(hw) : 1;
}

// A DMatrix over caller-owned rows (XGBoost copies them), freed on scope exit.
struct Matrix {
    DMatrixHandle h = nullptr;
    Matrix(const float* rows, std::size_t n, std::size_t width) {
        check(XGDMatrixCreateFromMat(rows, n, width, std::nanf(""), &h), "matrix");
    }
    ~Matrix() { XGDMatrixFree(h); }
    Matrix(const Matrix&) = delete;
    Matrix& operator=(const Matrix&) = delete;
};

std::vector<float> class_weights(const std::int32_t* labels, std::size_t n, std::size_t classes) {
    std::vector<double> count(classes, 0.0);
    for (std::size_t i = 0; i < n; ++i) count[static_cast<std::size_t>(labels[i])] += 1;
    std::vector<float> w(n);
    for (std::size_t i = 0; i < n; ++i)
        w[i] = static_cast<float>(static_cast<double>(n) / (static_cast<double>(classes) * count[labels[i]]));
    return w;
}

}  // namespace

struct GbtModel::Booster {
    BoosterHandle h = nullptr;
    explicit Booster(DMatrixHandle* train, std::size_t count) { check(XGBoosterCreate(train, count, &h), "create"); }
    ~Booster() { XGBoosterFree(h); }
    void set(const char* key, const std::string& value) const { check(XGBoosterSetParam(h, key, value.c_str()), key); }
};

std::string gbt_params_to_json(const GbtParams& p) {
    model::Json j = model::Json::object();
    j["rounds"] = p.rounds;
    j["max_depth"] = p.max_depth;
    j["eta"] = p.eta;
    j["subsample"] = p.subsample;
    j["colsample"] = p.colsample;
    j["min_child_weight"] = p.min_child_weight;
    j["balance"] = p.balance;
    j["seed"] = p.seed;
    return j.dump();
}

GbtParams gbt_params_from_json(const std::string& json) {
    const auto j = model::Json::parse(json);
    GbtParams p;
    p.rounds = static_cast<int>(j.get_int("rounds", p.rounds));
    p.max_depth = static_cast<int>(j.get_int("max_depth", p.max_depth));
    p.eta = j.get("eta", p.eta);
    p.subsample = j.get("subsample", p.subsample);
    p.colsample = j.get("colsample", p.colsample);
    p.min_child_weight = j.get("min_child_weight", p.min_child_weight);
    p.balance = j.get("balance", p.balance);
    p.seed = static_cast<std::uint64_t>(j.get_int("seed", static_cast<std::int64_t>(p.seed)));
    try {
        validate(p);
    } catch (const ConfigError& e) {
        throw FormatError(e.what());
    }
    return p;
}

void validate(const GbtParams& p) {
    if (p.rounds < 1 || p.rounds > 100000) throw ConfigError("gbt rounds must be 1 to 100000");
    if (p.max_depth < 1 || p.max_depth > 32) throw ConfigError("gbt max depth must be 1 to 32");
    if (!(p.eta > 0 && p.eta <= 1)) throw ConfigError("gbt eta must be in (0, 1]");
    if (!(p.subsample > 0 && p.subsample <= 1)) throw ConfigError("gbt subsample must be in (0, 1]");
    if (!(p.colsample > 0 && p.colsample <= 1)) throw ConfigError("gbt colsample must be in (0, 1]");
    if (!(p.min_child_weight >= 0)) throw ConfigError("gbt min child weight must be >= 0");
    if (p.threads < 0) throw ConfigError("gbt threads must be >= 0");
}

GbtModel::GbtModel() = default;
GbtModel::~GbtModel() = default;
GbtModel::GbtModel(GbtModel&&) noexcept = default;
GbtModel& GbtModel::operator=(GbtModel&&) noexcept = default;

GbtModel GbtModel::fit(const float* features, std::size_t n, std::size_t width, const std::int32_t* labels,
                       std::size_t classes, const GbtParams& p, const ProgressFn& progress, const CancelToken* cancel) {
    validate(p);
    if (n == 0 || width == 0) throw ConfigError("gradient-boosted trees: no training flows");
    if (classes < 2) throw ConfigError("gradient-boosted trees need at least two classes");
    for (std::size_t i = 0; i < n; ++i)
        if (labels[i] < 0 || static_cast<std::size_t>(labels[i]) >= classes)
            throw ConfigError("gradient-boosted trees: label outside the classes");
    Matrix train(features, n, width);
    std::vector<float> y(labels, labels + n);
    check(XGDMatrixSetFloatInfo(train.h, "label", y.data(), n), "labels");
    if (p.balance) {
        const auto w = class_weights(labels, n, classes);
        check(XGDMatrixSetFloatInfo(train.h, "weight", w.data(), n), "weights");
    }
    GbtModel m;
    m.classes_ = classes;
    m.width_ = width;
    m.threads_ = resolve_threads(p.threads);
    m.booster_ = std::make_unique<Booster>(&train.h, 1);
    const Booster& b = *m.booster_;
    b.set("objective", "multi:softprob");
    b.set("num_class", std::to_string(classes));
    b.set("tree_method", "hist");
    b.set("max_depth", std::to_string(p.max_depth));
    b.set("eta", std::to_string(p.eta));
    b.set("subsample", std::to_string(p.subsample));
    b.set("colsample_bytree", std::to_string(p.colsample));
    b.set("min_child_weight", std::to_string(p.min_child_weight));
    b.set("seed", std::to_string(p.seed % 2147483647u));
    b.set("nthread", std::to_string(m.threads_));
    b.set("verbosity", "0");
    for (int round = 0; round < p.rounds; ++round) {
        if (cancel && cancel->cancelled()) throw CancelledError();
        check(XGBoosterUpdateOneIter(b.h, round, train.h), "training round");
        if (progress) progress({"train", static_cast<std::uint64_t>(round + 1), static_cast<std::uint64_t>(p.rounds), {}});
    }
    return m;
}

std::vector<std::uint8_t> GbtModel::save() const {
    if (!booster_) throw ConfigError("gradient-boosted trees: no model to save");
    bst_ulong len = 0;
    const char* data = nullptr;
    check(XGBoosterSaveModelToBuffer(booster_->h, R"({"format": "ubj"})", &len, &data), "save");
    return {reinterpret_cast<const std::uint8_t*>(data), reinterpret_cast<const std::uint8_t*>(data) + len};
}

GbtModel GbtModel::load(std::span<const std::uint8_t> bytes, std::size_t classes, std::size_t width, int threads) {
    if (bytes.empty()) throw FormatError("gradient-boosted trees: empty model");
    GbtModel m;
    m.classes_ = classes;
    m.width_ = width;
    m.threads_ = resolve_threads(threads);
    m.booster_ = std::make_unique<Booster>(nullptr, 0);
    if (XGBoosterLoadModelFromBuffer(m.booster_->h, bytes.data(), bytes.size()) != 0)
        throw FormatError(std::string("gradient-boosted trees: ") + XGBGetLastError());
    m.booster_->set("nthread", std::to_string(m.threads_));
    // A booster of another class count would give rows of another width: refuse it here.
    const float probe = std::nanf("");
    std::vector<float> row(width, probe);
    try {
        if (m.margins(row.data(), 1).size() != classes) throw FormatError("gradient-boosted trees: class count differs");
    } catch (const ConfigError& e) {
        throw FormatError(e.what());
    }
    return m;
}

std::vector<float> GbtModel::margins(const float* features, std::size_t n) const {
    if (!booster_) throw ConfigError("gradient-boosted trees: no model");
    if (n == 0) return {};
    Matrix m(features, n, width_);
    bst_ulong len = 0;
    const float* out = nullptr;
    // option_mask 1: raw margins; training 0.
    check(XGBoosterPredict(booster_->h, m.h, 1, 0, 0, &len, &out), "predict");
    if (len != n * classes_) throw FormatError("gradient-boosted trees: the model's class count differs");
    return {out, out + len};
}

std::vector<float> GbtModel::proba(const float* features, std::size_t n, double temperature) const {
    auto v = margins(features, n);
    softmax_rows(v, classes_, temperature);
    return v;
}

std::vector<double> GbtModel::feature_gain() const {
    std::vector<double> gain(width_, 0.0);
    if (!booster_) return gain;
    bst_ulong nf = 0, dim = 0;
    const char** names = nullptr;
    const bst_ulong* shape = nullptr;
    const float* scores = nullptr;
    check(XGBoosterFeatureScore(booster_->h, R"({"importance_type": "total_gain"})", &nf, &names, &dim, &shape,
                                &scores),
          "feature scores");
    if (dim != 1) return gain;
    for (bst_ulong i = 0; i < nf; ++i) {
        const std::string name = names[i];  // "f<index>" without feature names
        if (name.size() < 2 || name[0] != 'f') continue;
        const auto idx = std::strtoul(name.c_str() + 1, nullptr, 10);
        if (idx < width_) gain[idx] = scores[i];
    }
    return gain;
}

unknown::UnknownParams calibrate(const GbtModel& trees, const dataset::ImageSet& val) {
    unknown::UnknownParams u;
    if (val.size() == 0 || !val.has_features()) return u;
    const auto margins = trees.margins(val.features.data(), val.size());
    u.temperature = unknown::fit_temperature(margins, val.labels, trees.num_classes());
    u.fitted_on = "val (" + std::to_string(val.size()) + " flows)";
    return u;
}

void softmax_rows(std::vector<float>& v, std::size_t c, double temperature) {
    if (c == 0) return;
    const double t = temperature > 0 ? temperature : 1.0;
    for (std::size_t r = 0; r + c <= v.size(); r += c) {
        float* row = v.data() + r;
        const float top = *std::max_element(row, row + c);
        double sum = 0;
        for (std::size_t k = 0; k < c; ++k) sum += std::exp((row[k] - top) / t);
        for (std::size_t k = 0; k < c; ++k) row[k] = static_cast<float>(std::exp((row[k] - top) / t) / sum);
    }
}

}  // namespace flowcnn::gbt
