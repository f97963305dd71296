#include "engine/search/grid.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "engine/common/error.h"
#include "engine/common/json.h"

namespace flowcnn::search {
namespace {

using model::Activation;
using model::Padding;
using model::Pooling;

std::string lower(std::string_view s) {
    std::string out;
    for (char c : s) {
        char l = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.push_back(l == '-' ? '_' : l);
    }
    return out;
}

enum class Field { ConvAct, FcAct, Kernel, Pool, Padding, Fc, Filters };

bool parse_field(std::string_view name, Field& f) {
    const auto n = lower(name);
    if (n == "conv" || n == "conv_act" || n == "conv_activation")
        f = Field::ConvAct;
    else if (n == "fc_act" || n == "fc_activation" || n == "fcact")
        f = Field::FcAct;
    else if (n == "kernel" || n == "kernels" || n == "k" || n == "filter_size")
        f = Field::Kernel;
    else if (n == "pool" || n == "pooling" || n == "pools")
        f = Field::Pool;
    else if (n == "padding" || n == "paddings" || n == "pad")
        f = Field::Padding;
    else if (n == "fc" || n == "fcs" || n == "fc_size" || n == "neurons")
        f = Field::Fc;
    else if (n == "filters")
        f = Field::Filters;
    else
        return false;
    return true;
}

int parse_int(std::string_view field, std::string_view v) {
    // Accept "7" and "7x7" for kernels.
    auto x = v.find('x');
    std::string_view num = x == std::string_view::npos ? v : v.substr(0, x);
    int out = 0;
    auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), out);
    if (ec != std::errc() || p != num.data() + num.size() || num.empty())
        throw ConfigError("grid: bad " + std::string(field) + " value '" + std::string(v) + "'");
    if (x != std::string_view::npos && v.substr(x + 1) != num)
        throw ConfigError("grid: bad " + std::string(field) + " value '" + std::string(v) + "'");
    return out;
}

Activation parse_act(std::string_view field, std::string_view v) {
    auto a = model::parse_activation(v);
    if (!a)
        throw ConfigError("grid: unknown " + std::string(field) + " activation '" + std::string(v) +
                          "' (sigmoid, tanh, relu, leaky_relu, softmax)");
    return *a;
}

// Sets one field of the grid from string values.
void set_field(Grid& g, Field f, const std::vector<std::string>& values) {
    switch (f) {
        case Field::ConvAct:
            g.conv_acts.clear();
            for (auto& v : values) g.conv_acts.push_back(parse_act("conv", v));
            break;
        case Field::FcAct:
            g.fc_acts.clear();
            for (auto& v : values) g.fc_acts.push_back(parse_act("fc_act", v));
            break;
        case Field::Kernel:
            g.kernels.clear();
            for (auto& v : values) g.kernels.push_back(parse_int("kernel", v));
            break;
        case Field::Pool:
            g.pools.clear();
            for (auto& v : values) {
                auto p = model::parse_pooling(v);
                if (!p) throw ConfigError("grid: unknown pooling '" + v + "' (max, avg)");
                g.pools.push_back(*p);
            }
            break;
        case Field::Padding:
            g.paddings.clear();
            for (auto& v : values) {
                auto p = model::parse_padding(v);
                if (!p)
                    throw ConfigError("grid: unknown padding '" + v +
                                      "' (none, both, pool-only, conv-only)");
                g.paddings.push_back(*p);
            }
            break;
        case Field::Fc:
            g.fcs.clear();
            for (auto& v : values) g.fcs.push_back(parse_int("fc", v));
            break;
        case Field::Filters:
            g.filters.clear();
            for (auto& v : values) g.filters.push_back(parse_int("filters", v));
            break;
    }
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        auto p = s.find(sep, start);
        auto part =
            s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start);
        out.emplace_back(part);
        if (p == std::string_view::npos) break;
        start = p + 1;
    }
    return out;
}

template <class T>
bool has_duplicate(const std::vector<T>& v) {
    for (std::size_t i = 0; i < v.size(); ++i)
        for (std::size_t j = i + 1; j < v.size(); ++j)
            if (v[i] == v[j]) return true;
    return false;
}

template <class T, class F>
std::string join(const std::vector<T>& v, F name) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        out += name(v[i]);
    }
    return out;
}

}  // namespace

Grid Grid::paper() {
    Grid g;
    g.conv_acts = {Activation::Sigmoid, Activation::Tanh, Activation::ReLU, Activation::LeakyReLU,
                   Activation::Softmax};
    g.fc_acts = {Activation::Sigmoid, Activation::Tanh, Activation::ReLU, Activation::LeakyReLU};
    g.kernels = {3, 5, 7};
    g.pools = {Pooling::Max, Pooling::Avg};
    g.paddings = {Padding::None, Padding::Both, Padding::PoolOnly, Padding::ConvOnly};
    g.fcs = {256, 512, 1024};
    g.filters = {32};
    return g;
}

Grid Grid::parse(std::string_view spec) {
    auto first = spec.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return paper();
    spec = spec.substr(first);
    if (spec.front() == '{') return from_json(spec);

    Grid g = paper();
    std::vector<Field> seen;
    std::size_t i = 0;
    while (i < spec.size()) {
        while (i < spec.size() && std::isspace(static_cast<unsigned char>(spec[i]))) ++i;
        if (i >= spec.size()) break;
        std::size_t j = i;
        while (j < spec.size() && !std::isspace(static_cast<unsigned char>(spec[j]))) ++j;
        std::string_view item = spec.substr(i, j - i);
        i = j;
        if (lower(item) == "paper") continue;
        auto eq = item.find('=');
        if (eq == std::string_view::npos)
            throw ConfigError("grid: expected name=value[,value...], got '" + std::string(item) +
                              "'");
        Field f;
        if (!parse_field(item.substr(0, eq), f))
            throw ConfigError("grid: unknown hyper-parameter '" + std::string(item.substr(0, eq)) +
                              "' (conv, fc_act, kernel, pool, padding, fc, filters)");
        if (std::find(seen.begin(), seen.end(), f) != seen.end())
            throw ConfigError("grid: '" + std::string(item.substr(0, eq)) + "' given twice");
        seen.push_back(f);
        auto values = split(item.substr(eq + 1), ',');
        for (auto& v : values)
            if (v.empty()) throw ConfigError("grid: empty value in '" + std::string(item) + "'");
        set_field(g, f, values);
    }
    g.validate();
    return g;
}

std::string Grid::to_json() const {
    using model::Json;
    Json j = Json::object();
    auto names = [](const auto& v, auto name) {
        Json a = Json::array();
        for (auto& x : v) a.push_back(Json(std::string(name(x))));
        return a;
    };
    auto ints = [](const std::vector<int>& v) {
        Json a = Json::array();
        for (int x : v) a.push_back(Json(x));
        return a;
    };
    j["conv_act"] = names(conv_acts, model::activation_name);
    j["fc_act"] = names(fc_acts, model::activation_name);
    j["kernel"] = ints(kernels);
    j["pool"] = names(pools, model::pooling_name);
    j["padding"] = names(paddings, model::padding_name);
    j["fc"] = ints(fcs);
    j["filters"] = ints(filters);
    return j.dump();
}

Grid Grid::from_json(std::string_view json) {
    using model::Json;
    Json j = Json::parse(json);
    if (!j.is_object()) throw ConfigError("grid: JSON must be an object");
    Grid g = paper();
    std::vector<Field> seen;
    for (auto& [name, value] : j.as_object()) {
        Field f;
        if (!parse_field(name, f))
            throw ConfigError("grid: unknown hyper-parameter '" + name + "'");
        if (std::find(seen.begin(), seen.end(), f) != seen.end())
            throw ConfigError("grid: '" + name + "' given twice");
        seen.push_back(f);
        std::vector<std::string> values;
        auto add = [&](const Json& v) {
            if (v.is_string())
                values.push_back(v.as_string());
            else if (v.is_number())
                values.push_back(std::to_string(v.as_int()));
            else
                throw ConfigError("grid: '" + name + "' values must be strings or numbers");
        };
        if (value.is_array())
            for (auto& v : value.as_array()) add(v);
        else
            add(value);
        set_field(g, f, values);
    }
    g.validate();
    return g;
}

std::string Grid::to_spec() const {
    auto num = [](int x) { return std::to_string(x); };
    auto act = [](Activation a) { return std::string(model::activation_name(a)); };
    return "conv=" + join(conv_acts, act) + " fc_act=" + join(fc_acts, act) +
           " kernel=" + join(kernels, num) +
           " pool=" + join(pools, [](Pooling p) { return std::string(model::pooling_name(p)); }) +
           " padding=" +
           join(paddings, [](Padding p) { return std::string(model::padding_name(p)); }) +
           " fc=" + join(fcs, num) + " filters=" + join(filters, num);
}

void Grid::validate() const {
    auto check = [](const auto& v, const char* name) {
        if (v.empty()) throw ConfigError(std::string("grid: no values for ") + name);
        if (has_duplicate(v)) throw ConfigError(std::string("grid: duplicate value in ") + name);
    };
    check(conv_acts, "conv");
    check(fc_acts, "fc_act");
    check(kernels, "kernel");
    check(pools, "pool");
    check(paddings, "padding");
    check(fcs, "fc");
    check(filters, "filters");
    // Every combination must be a valid model; the extremes decide (largest kernel without
    // padding gives the smallest feature map).
    for (int k : kernels)
        for (auto pad : paddings)
            for (auto pool : pools) {
                model::HyperParams h;
                h.kernel = k;
                h.padding = pad;
                h.pool = pool;
                h.fc = fcs.front();
                h.filters = filters.front();
                h.validate();
            }
    for (int fc : fcs) {
        model::HyperParams h;
        h.fc = fc;
        h.validate();
    }
    for (int f : filters) {
        model::HyperParams h;
        h.filters = f;
        h.validate();
    }
}

std::size_t Grid::size() const {
    return conv_acts.size() * fc_acts.size() * kernels.size() * pools.size() * paddings.size() *
           fcs.size() * filters.size();
}

model::HyperParams Grid::at(std::size_t i) const {
    if (i >= size())
        throw ConfigError("grid index " + std::to_string(i) + " out of range (size " +
                          std::to_string(size()) + ")");
    model::HyperParams h;
    // Mixed radix, innermost first.
    h.filters = filters[i % filters.size()];
    i /= filters.size();
    h.fc = fcs[i % fcs.size()];
    i /= fcs.size();
    h.padding = paddings[i % paddings.size()];
    i /= paddings.size();
    h.pool = pools[i % pools.size()];
    i /= pools.size();
    h.kernel = kernels[i % kernels.size()];
    i /= kernels.size();
    h.fc_act = fc_acts[i % fc_acts.size()];
    i /= fc_acts.size();
    h.conv_act = conv_acts[i];
    return h;
}

std::vector<model::HyperParams> Grid::enumerate() const {
    std::vector<model::HyperParams> out;
    const auto n = size();
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(at(i));
    return out;
}

}  // namespace flowcnn::search
