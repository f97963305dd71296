#pragma once
// Hyper-parameters of the paper's CNN family (METHOD.md, paper Table 2) and the five reported
// models (Tables 4 and 5). Torch-free: included by the GUI, the CLI and the grid search.
//
// Architecture (the contract of ../shared/peers/torch_peer.py's PaperCnn):
//   input 1x28x28, bytes / 255
//   conv `filters` kxk, stride 1, zero 'same' padding (k/2) when padding is Both or ConvOnly
//   conv activation
//   pool 2x2 stride 2 (max|avg), ceil mode when padding is Both or PoolOnly, else floor
//   flatten -> Linear(fc) -> fc activation -> Linear(classes)   (softmax cross-entropy)
//   Softmax as a hidden activation is over channels (conv, dim 1) or features (fc, dim 1);
//   LeakyReLU has slope 0.01.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowcnn::model {

enum class Activation { Sigmoid, Tanh, ReLU, LeakyReLU, Softmax };
enum class Pooling { Max, Avg };
enum class Padding { None, Both, PoolOnly, ConvOnly };

// Names as torch_peer.py's command line spells them.
std::string_view activation_name(Activation a);  // sigmoid tanh relu leaky_relu softmax
std::string_view pooling_name(Pooling p);        // max avg
std::string_view padding_name(Padding p);        // none both pool-only conv-only
// Parsers accept those names (case-insensitive; '_' and '-' interchangeable, "leakyrelu" too).
std::optional<Activation> parse_activation(std::string_view s);
std::optional<Pooling> parse_pooling(std::string_view s);
std::optional<Padding> parse_padding(std::string_view s);

struct HyperParams {
    Activation conv_act = Activation::ReLU;
    Activation fc_act = Activation::LeakyReLU;
    int kernel = 7;    // 3, 5 or 7 in the paper's grid; any odd size 1..27 is accepted
    int filters = 32;  // 32 in every reported model
    Pooling pool = Pooling::Max;
    Padding padding = Padding::ConvOnly;
    int fc = 1024;  // 256, 512 or 1024 in the grid

    bool conv_same() const { return padding == Padding::Both || padding == Padding::ConvOnly; }
    bool pool_same() const { return padding == Padding::Both || padding == Padding::PoolOnly; }
    int conv_side() const;      // side of the conv output (28 or 28-k+1)
    int pool_side() const;      // side after pooling
    int flat_features() const;  // filters * pool_side^2, the input size of the FC layer
    // Throws ConfigError when a value is out of range.
    void validate() const;

    // Stable, human-readable key, e.g. "k7-relu-leaky_relu-max-conv-only-fc1024-f32".
    std::string key() const;
    // {"conv_act":"relu","fc":1024,"fc_act":"leaky_relu","filters":32,"kernel":7,
    //  "padding":"conv-only","pool":"max"}; from_json throws FormatError on bad values and
    // takes defaults for missing keys.
    std::string to_json() const;
    static HyperParams from_json(std::string_view json);

    friend bool operator==(const HyperParams&, const HyperParams&) = default;
};

// The paper's Models 1..5 (Tables 4/5); Model 5 (the best) equals HyperParams{}. Throws ConfigError
// for other numbers.
HyperParams paper_model(int n);

// The paper's grid of 1440 combinations: 5 conv activations x 4 FC activations (no softmax) x
// kernels {3,5,7} x poolings {max,avg} x 4 paddings x FC {256,512,1024}.
std::vector<HyperParams> default_grid();

}  // namespace flowcnn::model
