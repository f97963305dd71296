#include "engine/hparams/hparams.h"

#include <algorithm>
#include <cctype>

#include "engine/common/error.h"
#include "engine/common/json.h"

namespace flowcnn::model {
namespace {

// Lower case, '_' -> '-', for lenient parsing.
std::string norm(std::string_view s) {
    std::string out;
    for (char c : s) {
        char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.push_back(l == '_' ? '-' : l);
    }
    return out;
}

}  // namespace

std::string_view activation_name(Activation a) {
    switch (a) {
        case Activation::Sigmoid: return "sigmoid";
        case Activation::Tanh: return "tanh";
        case Activation::ReLU: return "relu";
        case Activation::LeakyReLU: return "leaky_relu";
        case Activation::Softmax: return "softmax";
    }
    return "?";
}
std::string_view pooling_name(Pooling p) { return p == Pooling::Max ? "max" : "avg"; }
std::string_view padding_name(Padding p) {
    switch (p) {
        case Padding::None: return "none";
        case Padding::Both: return "both";
        case Padding::PoolOnly: return "pool-only";
        case Padding::ConvOnly: return "conv-only";
    }
    return "?";
}

std::optional<Activation> parse_activation(std::string_view s) {
    auto n = norm(s);
    if (n == "sigmoid") return Activation::Sigmoid;
    if (n == "tanh") return Activation::Tanh;
    if (n == "relu") return Activation::ReLU;
    if (n == "leaky-relu" || n == "leakyrelu" || n == "lrelu") return Activation::LeakyReLU;
    if (n == "softmax") return Activation::Softmax;
    return std::nullopt;
}
std::optional<Pooling> parse_pooling(std::string_view s) {
    auto n = norm(s);
    if (n == "max") return Pooling::Max;
    if (n == "avg" || n == "average" || n == "mean") return Pooling::Avg;
    return std::nullopt;
}
std::optional<Padding> parse_padding(std::string_view s) {
    auto n = norm(s);
    if (n == "none" || n == "valid") return Padding::None;
    if (n == "both" || n == "same") return Padding::Both;
    if (n == "pool-only" || n == "poolonly" || n == "pool") return Padding::PoolOnly;
    if (n == "conv-only" || n == "convonly" || n == "conv") return Padding::ConvOnly;
    return std::nullopt;
}

int HyperParams::conv_side() const { return conv_same() ? 28 : 28 - kernel + 1; }
int HyperParams::pool_side() const {
    int s = conv_side();
    return pool_same() ? (s + 1) / 2 : s / 2;
}
int HyperParams::flat_features() const { return filters * pool_side() * pool_side(); }

void HyperParams::validate() const {
    if (kernel < 1 || kernel > 27 || kernel % 2 == 0)
        throw ConfigError("kernel must be an odd size from 1 to 27, got " + std::to_string(kernel));
    if (filters < 1 || filters > 1024)
        throw ConfigError("filters must be 1..1024, got " + std::to_string(filters));
    if (fc < 1 || fc > 65536) throw ConfigError("fc must be 1..65536, got " + std::to_string(fc));
    if (pool_side() < 1) throw ConfigError("kernel too large for a 28x28 image");
}

std::string HyperParams::key() const {
    return "k" + std::to_string(kernel) + "-" + std::string(activation_name(conv_act)) + "-" +
           std::string(activation_name(fc_act)) + "-" + std::string(pooling_name(pool)) + "-" +
           std::string(padding_name(padding)) + "-fc" + std::to_string(fc) + "-f" +
           std::to_string(filters);
}

std::string HyperParams::to_json() const {
    Json j = Json::object();
    j["conv_act"] = activation_name(conv_act);
    j["fc_act"] = activation_name(fc_act);
    j["kernel"] = kernel;
    j["filters"] = filters;
    j["pool"] = pooling_name(pool);
    j["padding"] = padding_name(padding);
    j["fc"] = fc;
    return j.dump();
}

HyperParams HyperParams::from_json(std::string_view json) {
    Json j = Json::parse(json);
    if (!j.is_object()) throw FormatError("hyper-parameters: expected a JSON object");
    HyperParams h;
    auto act = [&](const char* key, Activation& out) {
        if (!j.contains(key)) return;
        auto a = parse_activation(j.at(key).as_string());
        if (!a) throw FormatError(std::string("hyper-parameters: bad ") + key);
        out = *a;
    };
    act("conv_act", h.conv_act);
    act("fc_act", h.fc_act);
    if (j.contains("pool")) {
        auto p = parse_pooling(j.at("pool").as_string());
        if (!p) throw FormatError("hyper-parameters: bad pool");
        h.pool = *p;
    }
    if (j.contains("padding")) {
        auto p = parse_padding(j.at("padding").as_string());
        if (!p) throw FormatError("hyper-parameters: bad padding");
        h.padding = *p;
    }
    h.kernel = static_cast<int>(j.get_int("kernel", h.kernel));
    h.filters = static_cast<int>(j.get_int("filters", h.filters));
    h.fc = static_cast<int>(j.get_int("fc", h.fc));
    try {
        h.validate();
    } catch (const ConfigError& e) {
        throw FormatError(std::string("hyper-parameters: ") + e.what());
    }
    return h;
}

HyperParams paper_model(int n) {
    HyperParams h;  // Model 5
    h.fc_act = Activation::LeakyReLU;
    h.fc = 1024;
    h.pool = Pooling::Max;
    switch (n) {
        case 1: h.kernel = 5; h.conv_act = Activation::LeakyReLU; h.padding = Padding::None; break;
        case 2: h.kernel = 5; h.conv_act = Activation::LeakyReLU; h.padding = Padding::Both; break;
        case 3: h.kernel = 7; h.conv_act = Activation::LeakyReLU; h.padding = Padding::PoolOnly; break;
        case 4: h.kernel = 7; h.conv_act = Activation::ReLU; h.padding = Padding::Both; break;
        case 5: h.kernel = 7; h.conv_act = Activation::ReLU; h.padding = Padding::ConvOnly; break;
        default: throw ConfigError("the paper reports models 1 to 5, not " + std::to_string(n));
    }
    return h;
}

std::vector<HyperParams> default_grid() {
    std::vector<HyperParams> grid;
    const Activation acts[] = {Activation::Sigmoid, Activation::Tanh, Activation::ReLU,
                               Activation::LeakyReLU, Activation::Softmax};
    for (Activation ca : acts)
        for (Activation fa : acts) {
            if (fa == Activation::Softmax) continue;
            for (int k : {3, 5, 7})
                for (Pooling p : {Pooling::Max, Pooling::Avg})
                    for (Padding pad : {Padding::None, Padding::Both, Padding::PoolOnly,
                                        Padding::ConvOnly})
                        for (int fc : {256, 512, 1024}) {
                            HyperParams h;
                            h.conv_act = ca;
                            h.fc_act = fa;
                            h.kernel = k;
                            h.pool = p;
                            h.padding = pad;
                            h.fc = fc;
                            grid.push_back(h);
                        }
        }
    return grid;
}

}  // namespace flowcnn::model
