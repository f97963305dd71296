// Training loop of the paper's CNN (LibTorch). Speed matters (a grid has 1440 models): batches are
// gathered from one pre-converted float tensor with index_select, gradients are dropped instead of
// zeroed, and the optimizer update is one fused pass per parameter (same arithmetic as
// torch::optim::Adam / SGD with momentum).
#include "engine/train/trainer.h"

#include <ATen/Parallel.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <random>
#include <sstream>

#include "engine/common/error.h"
#include "engine/model/cnn_impl.h"
#include "engine/common/json.h"
#include "engine/model/model_file.h"

namespace flowcnn::train {
namespace {

using Clock = std::chrono::steady_clock;
using model::Json;

constexpr const char* kCheckpointFormat = "flowcnn-checkpoint-1";

std::string utc_now() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// One fused pass per parameter; identical update rules to torch::optim::Adam (no amsgrad) and
// torch::optim::SGD (momentum, dampening 0, no nesterov), weight decay as L2 added to the grad.
class FusedOptimizer {
public:
    FusedOptimizer(std::vector<torch::Tensor> params, const TrainOptions& o)
        : params_(std::move(params)), o_(o) {
        for (auto& p : params_) {
            m_.push_back(torch::zeros_like(p));
            if (o_.optimizer == Optimizer::Adam) v_.push_back(torch::zeros_like(p));
        }
    }

    void zero_grad() {
        for (auto& p : params_) p.mutable_grad().reset();
    }

    // Steps of the whole run: the cosine schedule's length.
    void set_total_steps(std::int64_t n) { total_steps_ = std::max<std::int64_t>(1, n); }

    // The learning rate of step t (1-based).
    double lr_at(std::int64_t t) const {
        if (o_.lr_schedule == LrSchedule::Constant) return o_.lr;
        const double progress = std::min(1.0, static_cast<double>(t - 1) / static_cast<double>(total_steps_));
        return o_.lr * 0.5 * (1.0 + std::cos(3.14159265358979323846 * progress));
    }

    void step() {
        ++t_;
        const double lr_now = lr_at(t_);
        const bool adam = o_.optimizer == Optimizer::Adam;
        const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        const double bc1 = 1.0 - std::pow(b1, static_cast<double>(t_));
        const double bc2 = 1.0 - std::pow(b2, static_cast<double>(t_));
        const float step_size = static_cast<float>(lr_now / bc1);
        const float inv_sqrt_bc2 = static_cast<float>(1.0 / std::sqrt(bc2));
        const float fb1 = static_cast<float>(b1), fb2 = static_cast<float>(b2);
        const float omb1 = static_cast<float>(1.0 - b1), omb2 = static_cast<float>(1.0 - b2);
        const float feps = static_cast<float>(eps), wd = static_cast<float>(o_.weight_decay);
        const float lr = static_cast<float>(lr_now), mom = static_cast<float>(o_.momentum);
        const bool first = t_ == 1;
        for (std::size_t k = 0; k < params_.size(); ++k) {
            auto& p = params_[k];
            if (!p.grad().defined()) continue;
            torch::Tensor g = p.grad().contiguous();
            float* pp = p.data_ptr<float>();
            const float* gp = g.data_ptr<float>();
            float* mp = m_[k].data_ptr<float>();
            const std::int64_t n = p.numel();
            if (adam) {
                float* vp = v_[k].data_ptr<float>();
                model::parallel_chunks(n, 65536, [&](std::int64_t b, std::int64_t e) {
                    for (std::int64_t i = b; i < e; ++i) {
                        float gi = gp[i];
                        if (wd != 0.0f) gi += wd * pp[i];
                        float mi = mp[i] * fb1 + omb1 * gi;
                        float vi = vp[i] * fb2 + omb2 * gi * gi;
                        mp[i] = mi;
                        vp[i] = vi;
                        pp[i] -= step_size * (mi / (std::sqrt(vi) * inv_sqrt_bc2 + feps));
                    }
                });
            } else {
                model::parallel_chunks(n, 65536, [&](std::int64_t b, std::int64_t e) {
                    for (std::int64_t i = b; i < e; ++i) {
                        float gi = gp[i];
                        if (wd != 0.0f) gi += wd * pp[i];
                        float bi = first ? gi : mom * mp[i] + gi;
                        mp[i] = bi;
                        pp[i] -= lr * bi;
                    }
                });
            }
        }
    }

    std::int64_t t_ = 0;
    std::vector<torch::Tensor> params_, m_, v_;

private:
    TrainOptions o_;
    std::int64_t total_steps_ = 1;
};

// Deterministic shuffle of 0..n-1 for (seed, epoch), independent of the library's std::shuffle.
std::vector<std::int64_t> epoch_order(std::size_t n, std::uint64_t seed, int epoch) {
    std::seed_seq seq{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                      static_cast<std::uint32_t>(epoch), 0x5eedu};
    std::mt19937_64 rng(seq);
    std::vector<std::int64_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::int64_t>(i);
    for (std::size_t i = n; i > 1; --i) {
        std::size_t j = static_cast<std::size_t>(rng() % i);
        std::swap(order[i - 1], order[j]);
    }
    return order;
}

Json epoch_to_json(const EpochMetrics& e) {
    Json j = Json::object();
    j["epoch"] = e.epoch;
    j["train_loss"] = e.train_loss;
    j["train_acc"] = e.train_acc;
    j["has_val"] = e.has_val;
    j["val_loss"] = e.val_loss;
    j["val_acc"] = e.val_acc;
    j["images_per_s"] = e.images_per_s;
    j["seconds"] = e.seconds;
    return j;
}
EpochMetrics epoch_from_json(const Json& j) {
    EpochMetrics e;
    e.epoch = static_cast<int>(j.get_int("epoch", 0));
    e.train_loss = j.get("train_loss", 0.0);
    e.train_acc = j.get("train_acc", 0.0);
    e.has_val = j.get("has_val", false);
    e.val_loss = j.get("val_loss", 0.0);
    e.val_acc = j.get("val_acc", 0.0);
    e.images_per_s = j.get("images_per_s", 0.0);
    e.seconds = j.get("seconds", 0.0);
    return e;
}

struct LoopState {
    std::vector<EpochMetrics> history;
    int best_epoch = 0;
    double best_score = -1;
    int bad_epochs = 0;
    std::vector<torch::Tensor> best_weights;  // clones of the parameters at best_epoch
};

std::vector<std::uint8_t> make_checkpoint(model::PaperCnn& net, const FusedOptimizer& opt,
                                          const LoopState& st, const model::HyperParams& h,
                                          int classes) {
    torch::serialize::OutputArchive ar;
    ar.write("format", c10::IValue(std::string(kCheckpointFormat)));
    ar.write("hparams", c10::IValue(h.key()));
    ar.write("classes", c10::IValue(static_cast<std::int64_t>(classes)));
    ar.write("opt_t", c10::IValue(opt.t_));
    Json meta = Json::object();
    Json hist = Json::array();
    for (auto& e : st.history) hist.push_back(epoch_to_json(e));
    meta["history"] = std::move(hist);
    meta["best_epoch"] = st.best_epoch;
    meta["best_score"] = st.best_score;
    meta["bad_epochs"] = st.bad_epochs;
    ar.write("meta", c10::IValue(meta.dump()));
    auto params = net->parameters();
    ar.write("n_params", c10::IValue(static_cast<std::int64_t>(params.size())));
    ar.write("n_best", c10::IValue(static_cast<std::int64_t>(st.best_weights.size())));
    for (std::size_t i = 0; i < params.size(); ++i) {
        const auto s = std::to_string(i);
        ar.write("p" + s, params[i].detach());
        ar.write("m" + s, opt.m_[i]);
        if (!opt.v_.empty()) ar.write("v" + s, opt.v_[i]);
    }
    for (std::size_t i = 0; i < st.best_weights.size(); ++i)
        ar.write("b" + std::to_string(i), st.best_weights[i]);
    std::ostringstream os(std::ios::binary);
    ar.save_to(os);
    const std::string s = os.str();
    return {s.begin(), s.end()};
}

int restore_checkpoint(const Checkpoint& ck, model::PaperCnn& net, FusedOptimizer& opt,
                       LoopState& st, const model::HyperParams& h, int classes) {
    try {
        torch::serialize::InputArchive ar;
        ar.load_from(reinterpret_cast<const char*>(ck.data.data()), ck.data.size());
        c10::IValue v;
        ar.read("format", v);
        if (v.toStringRef() != kCheckpointFormat) throw FormatError("checkpoint: unknown format");
        ar.read("hparams", v);
        if (v.toStringRef() != h.key())
            throw FormatError("checkpoint is for hyper-parameters " + v.toStringRef() + ", not " +
                              h.key());
        ar.read("classes", v);
        if (v.toInt() != classes) throw FormatError("checkpoint has a different number of classes");
        ar.read("opt_t", v);
        opt.t_ = v.toInt();
        ar.read("meta", v);
        Json meta = Json::parse(v.toStringRef());
        st.history.clear();
        for (auto& e : meta.at("history").as_array()) st.history.push_back(epoch_from_json(e));
        st.best_epoch = static_cast<int>(meta.get_int("best_epoch", 0));
        st.best_score = meta.get("best_score", -1.0);
        st.bad_epochs = static_cast<int>(meta.get_int("bad_epochs", 0));
        auto params = net->parameters();
        ar.read("n_params", v);
        if (v.toInt() != static_cast<std::int64_t>(params.size()))
            throw FormatError("checkpoint does not fit the network");
        ar.read("n_best", v);
        const auto n_best = v.toInt();
        torch::NoGradGuard no_grad;
        for (std::size_t i = 0; i < params.size(); ++i) {
            const auto s = std::to_string(i);
            torch::Tensor t;
            ar.read("p" + s, t);
            if (!t.sizes().equals(params[i].sizes())) throw FormatError("checkpoint does not fit the network");
            params[i].copy_(t);
            ar.read("m" + s, t);
            opt.m_[i].copy_(t);
            if (!opt.v_.empty()) {
                ar.read("v" + s, t);
                opt.v_[i].copy_(t);
            }
        }
        st.best_weights.clear();
        for (std::int64_t i = 0; i < n_best; ++i) {
            torch::Tensor t;
            ar.read("b" + std::to_string(i), t);
            st.best_weights.push_back(t.clone());
        }
        return static_cast<int>(st.history.size());
    } catch (const c10::Error& e) {
        throw FormatError(std::string("checkpoint is not readable: ") +
                          std::string(e.what_without_backtrace()).substr(0, 200));
    }
}

struct EvalOut {
    double loss = 0, acc = 0;
};

EvalOut evaluate(model::PaperCnn& net, const torch::Tensor& x, const torch::Tensor& y,
                 const CancelToken* cancel) {
    torch::NoGradGuard no_grad;
    net->eval();
    const std::int64_t n = x.size(0);
    double loss = 0;
    std::int64_t correct = 0;
    for (std::int64_t i = 0; i < n; i += 1024) {
        if (cancel && cancel->cancelled()) break;
        const std::int64_t e = std::min(n, i + 1024);
        auto logits = net->forward(x.slice(0, i, e));
        auto yb = y.slice(0, i, e);
        loss += torch::cross_entropy_loss(logits, yb, {}, at::Reduction::Sum).item<double>();
        correct += logits.argmax(1).eq(yb).sum().item<std::int64_t>();
    }
    net->train();
    return {n ? loss / static_cast<double>(n) : 0, n ? static_cast<double>(correct) / static_cast<double>(n) : 0};
}

void check_set(const dataset::ImageSet& s, int classes, const char* what) {
    if (s.pixels.size() != s.size() * flow::kImageBytes)
        throw ConfigError(std::string(what) + " set: pixel data does not match the label count");
    for (auto l : s.labels)
        if (l < 0 || l >= classes)
            throw ConfigError(std::string(what) + " set: label " + std::to_string(l) +
                              " is outside the " + std::to_string(classes) + " classes");
}

}  // namespace

std::string_view optimizer_name(Optimizer o) { return o == Optimizer::Adam ? "adam" : "sgd"; }
std::optional<Optimizer> parse_optimizer(std::string_view s) {
    if (s == "adam" || s == "Adam") return Optimizer::Adam;
    if (s == "sgd" || s == "SGD" || s == "sgd-momentum" || s == "sgd_momentum") return Optimizer::SgdMomentum;
    return std::nullopt;
}

std::string_view lr_schedule_name(LrSchedule s) { return s == LrSchedule::Cosine ? "cosine" : "constant"; }
std::optional<LrSchedule> parse_lr_schedule(std::string_view s) {
    if (s == "constant") return LrSchedule::Constant;
    if (s == "cosine") return LrSchedule::Cosine;
    return std::nullopt;
}

void TrainOptions::validate() const {
    if (!(lr > 0) || !std::isfinite(lr)) throw ConfigError("learning rate must be > 0");
    if (momentum < 0 || momentum >= 1) throw ConfigError("momentum must be in [0, 1)");
    if (weight_decay < 0 || !std::isfinite(weight_decay)) throw ConfigError("weight decay must be >= 0");
    if (!(label_smoothing >= 0 && label_smoothing < 1)) throw ConfigError("label smoothing must be in [0, 1)");
    if (payload_bytes < 1 || payload_bytes > static_cast<int>(flow::kImageBytes))
        throw ConfigError("payload bytes must be 1..784");
    if (batch < 1 || batch > 65536) throw ConfigError("batch size must be 1..65536");
    if (epochs < 1 || epochs > 100000) throw ConfigError("epochs must be >= 1");
    if (threads < 0 || threads > 1024) throw ConfigError("threads must be >= 0 (0 = all cores)");
    if (early_stopping_patience < 0) throw ConfigError("patience must be >= 0");
    if (batch_loss_every < 1) throw ConfigError("batch_loss_every must be >= 1");
}

std::string TrainOptions::to_json() const {
    Json j = Json::object();
    j["optimizer"] = optimizer_name(optimizer);
    j["lr"] = lr;
    j["momentum"] = momentum;
    j["weight_decay"] = weight_decay;
    j["batch"] = batch;
    j["epochs"] = epochs;
    j["seed"] = std::to_string(seed);
    j["threads"] = threads;
    j["patience"] = early_stopping_patience;
    j["restore_best"] = restore_best;
    j["batch_loss_every"] = batch_loss_every;
    j["fill"] = flow::fill_mode_name(fill);
    j["direction"] = flow::direction_name(direction);
    // Only when set: older runs' JSON (and grid-search trial keys) stay as they were.
    if (lr_schedule != LrSchedule::Constant) j["lr_schedule"] = lr_schedule_name(lr_schedule);
    if (label_smoothing != 0.0) j["label_smoothing"] = label_smoothing;
    if (name_rules) j["name_rules"] = true;
    if (payload_bytes != static_cast<int>(flow::kImageBytes)) j["payload_bytes"] = payload_bytes;
    if (blank_session_fields) j["blank_session_fields"] = true;
    return j.dump();
}

model::Preprocessing TrainOptions::preprocessing() const {
    model::Preprocessing p;
    p.fill = fill;
    p.direction = direction;
    p.payload_bytes = payload_bytes;
    p.blank_session_fields = blank_session_fields;
    return p;
}

TrainOptions TrainOptions::from_json(std::string_view json) {
    Json j = Json::parse(json);
    if (!j.is_object()) throw FormatError("training options: expected a JSON object");
    TrainOptions o;
    if (j.contains("optimizer")) {
        auto op = parse_optimizer(j.at("optimizer").as_string());
        if (!op) throw FormatError("training options: unknown optimizer");
        o.optimizer = *op;
    }
    o.lr = j.get("lr", o.lr);
    o.momentum = j.get("momentum", o.momentum);
    o.weight_decay = j.get("weight_decay", o.weight_decay);
    o.batch = static_cast<int>(j.get_int("batch", o.batch));
    o.epochs = static_cast<int>(j.get_int("epochs", o.epochs));
    if (j.contains("seed")) {
        const Json& s = j.at("seed");
        o.seed = s.is_string() ? std::stoull(s.as_string()) : static_cast<std::uint64_t>(s.as_int());
    }
    o.threads = static_cast<int>(j.get_int("threads", o.threads));
    o.early_stopping_patience = static_cast<int>(j.get_int("patience", o.early_stopping_patience));
    o.restore_best = j.get("restore_best", o.restore_best);
    o.batch_loss_every = static_cast<int>(j.get_int("batch_loss_every", o.batch_loss_every));
    if (j.contains("fill") && !flow::parse_fill_mode(j.at("fill").as_string(), o.fill))
        throw FormatError("training options: unknown fill mode");
    if (j.contains("direction") && !flow::parse_direction(j.at("direction").as_string(), o.direction))
        throw FormatError("training options: unknown direction");
    if (j.contains("lr_schedule")) {
        auto ls = parse_lr_schedule(j.at("lr_schedule").as_string());
        if (!ls) throw FormatError("training options: unknown learning-rate schedule");
        o.lr_schedule = *ls;
    }
    o.label_smoothing = j.get("label_smoothing", o.label_smoothing);
    o.name_rules = j.get("name_rules", o.name_rules);
    o.payload_bytes = static_cast<int>(j.get_int("payload_bytes", o.payload_bytes));
    o.blank_session_fields = j.get("blank_session_fields", o.blank_session_fields);
    return o;
}

namespace {

// Checks the options and the sets; returns the number of classes.
int check_inputs(const dataset::ImageSet& train, const dataset::ImageSet* val, const model::HyperParams& hparams,
                 const TrainOptions& options) {
    options.validate();
    hparams.validate();
    if (train.size() == 0) throw ConfigError("the training set is empty");
    int classes = static_cast<int>(train.classes.size());
    if (classes == 0)
        for (auto l : train.labels) classes = std::max(classes, l + 1);
    if (classes < 2) throw ConfigError("training needs at least 2 classes");
    check_set(train, classes, "training");
    if (val && val->size() > 0) check_set(*val, classes, "validation");
    return classes;
}

torch::Tensor label_tensor(const dataset::ImageSet& s) {
    return torch::from_blob(const_cast<std::int32_t*>(s.labels.data()), {static_cast<std::int64_t>(s.size())},
                            torch::kInt32)
        .to(torch::kInt64);
}

// The images and labels as tensors, converted once for all epochs.
struct Tensors {
    bool has_val = false;
    torch::Tensor x, y, xv, yv;
};

Tensors to_tensors(const dataset::ImageSet& train, const dataset::ImageSet* val) {
    Tensors t;
    t.has_val = val && val->size() > 0;
    t.x = model::images_to_tensor(train.pixels.data(), train.size());
    t.y = label_tensor(train);
    if (t.has_val) {
        t.xv = model::images_to_tensor(val->pixels.data(), val->size());
        t.yv = label_tensor(*val);
    }
    return t;
}

struct EpochSums {
    double loss_sum = 0;
    std::int64_t correct = 0, seen = 0;
};

// The epochs of one training: what they share, and one function per step of an epoch.
struct EpochLoop {
    const dataset::ImageSet& train;
    const model::HyperParams& hparams;
    const TrainOptions& options;
    const TrainCallbacks& cb;
    const CancelToken* cancel;
    const Tensors& data;
    int classes;
    model::PaperCnn& net;
    FusedOptimizer& opt;
    LoopState& st;
    TrainResult& result;
    std::int64_t n = 0, bs = 0, step = 0;
    int batches = 0;
    std::uint64_t total_steps = 0;

    bool patience_spent() const {
        return options.early_stopping_patience > 0 && data.has_val && st.bad_epochs >= options.early_stopping_patience;
    }

    void run(int start_epoch) {
        n = static_cast<std::int64_t>(train.size());
        bs = options.batch;
        batches = static_cast<int>((n + bs - 1) / bs);
        total_steps = static_cast<std::uint64_t>(batches) * static_cast<std::uint64_t>(options.epochs);
        opt.set_total_steps(static_cast<std::int64_t>(total_steps));
        step = opt.t_;
        bool stop = false;
        if (st.bad_epochs > 0 && patience_spent()) stop = result.early_stopped = true;
        for (int epoch = start_epoch + 1; epoch <= options.epochs && !stop; ++epoch) {
            const auto t_epoch = Clock::now();
            EpochMetrics em;
            if (!train_epoch(epoch, t_epoch, em)) break;
            if (data.has_val && !validate(em)) break;
            em.seconds = std::chrono::duration<double>(Clock::now() - t_epoch).count();
            st.history.push_back(em);
            keep_best(epoch, em);
            if (cb.on_epoch) cb.on_epoch(em);
            if (patience_spent()) stop = result.early_stopped = true;
            if (cb.on_checkpoint) {
                Checkpoint ck;
                ck.epoch = epoch;
                ck.data = make_checkpoint(net, opt, st, hparams, classes);
                cb.on_checkpoint(ck);
            }
        }
    }

    // One pass over the training images in this epoch's order; false when cancelled.
    bool train_epoch(int epoch, Clock::time_point t_epoch, EpochMetrics& em) {
        auto order_vec = epoch_order(train.size(), options.seed, epoch);
        torch::Tensor order = torch::from_blob(order_vec.data(), {n}, torch::kInt64);
        EpochSums sums;
        for (int b = 0; b < batches; ++b) {
            if (cancel && cancel->cancelled()) {
                result.cancelled = true;
                return false;
            }
            train_batch(epoch, b, order, sums);
        }
        const double train_s = std::chrono::duration<double>(Clock::now() - t_epoch).count();
        em.epoch = epoch;
        em.train_loss = sums.loss_sum / static_cast<double>(sums.seen);
        em.train_acc = static_cast<double>(sums.correct) / static_cast<double>(sums.seen);
        em.images_per_s = train_s > 0 ? static_cast<double>(sums.seen) / train_s : 0;
        return true;
    }

    // One optimizer step on batch b of the epoch's order.
    void train_batch(int epoch, int b, const torch::Tensor& order, EpochSums& sums) {
        const std::int64_t i0 = b * bs, i1 = std::min(n, i0 + bs);
        torch::Tensor idx = order.slice(0, i0, i1);
        torch::Tensor xb = data.x.index_select(0, idx);
        torch::Tensor yb = data.y.index_select(0, idx);
        opt.zero_grad();
        torch::Tensor logits = net->forward(xb);
        torch::Tensor loss =
            torch::cross_entropy_loss(logits, yb, {}, at::Reduction::Mean, -100, options.label_smoothing);
        loss.backward();
        opt.step();
        ++step;
        const double l = loss.item<double>();
        std::int64_t c;
        {
            torch::NoGradGuard no_grad;
            c = logits.argmax(1).eq(yb).sum().item<std::int64_t>();
        }
        const std::int64_t m = i1 - i0;
        sums.loss_sum += l * static_cast<double>(m);
        sums.correct += c;
        sums.seen += m;
        if (cb.on_batch && (step % options.batch_loss_every == 0 || b + 1 == batches))
            cb.on_batch({epoch, step, b + 1, batches, l, static_cast<double>(c) / static_cast<double>(m)});
        if (cb.progress && (b % 10 == 9 || b + 1 == batches))
            cb.progress({"train", static_cast<std::uint64_t>(step), total_steps,
                         "epoch " + std::to_string(epoch) + "/" + std::to_string(options.epochs)});
    }

    // The validation loss and accuracy; false when cancelled.
    bool validate(EpochMetrics& em) {
        EvalOut ev = evaluate(net, data.xv, data.yv, cancel);
        if (cancel && cancel->cancelled()) {
            result.cancelled = true;
            return false;
        }
        em.has_val = true;
        em.val_loss = ev.loss;
        em.val_acc = ev.acc;
        return true;
    }

    void keep_best(int epoch, const EpochMetrics& em) {
        const double score = data.has_val ? em.val_acc : em.train_acc;
        if (score > st.best_score) {
            st.best_score = score;
            st.best_epoch = epoch;
            st.bad_epochs = 0;
            if (data.has_val && options.restore_best) {
                torch::NoGradGuard no_grad;
                st.best_weights.clear();
                for (auto& p : net->parameters()) st.best_weights.push_back(p.detach().clone());
            }
        } else {
            ++st.bad_epochs;
        }
    }
};

// The model: best epoch's weights when validating (and asked to), else the last weights.
void finish_network(model::PaperCnn& net, const LoopState& st, const TrainOptions& options, bool has_val) {
    if (has_val && options.restore_best && !st.best_weights.empty()) {
        torch::NoGradGuard no_grad;
        auto params = net->parameters();
        for (std::size_t i = 0; i < params.size(); ++i) params[i].copy_(st.best_weights[i]);
    }
    net->eval();
}

std::string metrics_json(const LoopState& st, const TrainResult& result) {
    Json metrics = Json::object();
    metrics["epochs"] = static_cast<int>(st.history.size());
    metrics["best_epoch"] = st.best_epoch;
    if (!st.history.empty()) {
        const auto& bm = result.best_metrics;
        metrics["train_acc"] = bm.train_acc;
        metrics["train_loss"] = bm.train_loss;
        if (bm.has_val) {
            metrics["val_acc"] = bm.val_acc;
            metrics["val_loss"] = bm.val_loss;
        }
    }
    metrics["cancelled"] = result.cancelled;
    return metrics.dump();
}

model::ModelInfo model_info(const dataset::ImageSet& train, const model::HyperParams& hparams,
                            const TrainOptions& options, int classes) {
    model::ModelInfo info;
    info.hparams = hparams;
    info.classes = train.classes;
    if (info.classes.empty())
        for (int c = 0; c < classes; ++c) info.classes.push_back("class" + std::to_string(c));
    info.preprocessing = options.preprocessing();
    info.created_at = utc_now();
    info.train_json = options.to_json();
    info.seed = options.seed;
    info.torch_version = TORCH_VERSION;
    return info;
}

}  // namespace

TrainResult train_model(const dataset::ImageSet& train, const dataset::ImageSet* val,
                        const model::HyperParams& hparams, const TrainOptions& options,
                        const TrainCallbacks& cb, const CancelToken* cancel,
                        const Checkpoint* resume_from) {
    const auto t_start = Clock::now();
    const int classes = check_inputs(train, val, hparams, options);
    model::set_threads(options.threads);
    const Tensors data = to_tensors(train, val);

    model::PaperCnn net = model::make_network(hparams, classes, options.seed);
    net->train();
    FusedOptimizer opt(net->parameters(), options);
    LoopState st;
    int start_epoch = 0;
    if (resume_from && !resume_from->data.empty())
        start_epoch = restore_checkpoint(*resume_from, net, opt, st, hparams, classes);

    TrainResult result;
    result.seed = options.seed;
    EpochLoop loop{train, hparams, options, cb, cancel, data, classes, net, opt, st, result};
    loop.run(start_epoch);

    finish_network(net, st, options, data.has_val);
    result.epochs = st.history;
    result.best_epoch = st.best_epoch;
    if (!st.history.empty()) {
        result.final_metrics = st.history.back();
        result.best_metrics = st.history[static_cast<std::size_t>(std::max(1, st.best_epoch) - 1)];
    }
    model::ModelInfo info = model_info(train, hparams, options, classes);
    info.metrics_json = metrics_json(st, result);
    result.model_file = model::encode_model_file(info, model::save_weights(net));
    result.seconds = std::chrono::duration<double>(Clock::now() - t_start).count();
    return result;
}

}  // namespace flowcnn::train
