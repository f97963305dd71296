#pragma once
// A grid of hyper-parameters for the grid search: one list of values per hyper-parameter of the
// paper's CNN family. The default is the paper's grid of 1440 combinations (METHOD.md): 5 conv
// activations x 4 FC activations (softmax excluded) x kernels {3,5,7} x poolings {max,avg} x
// 4 paddings x FC sizes {256,512,1024}, 32 filters. Torch-free.
//
// Text form (`parse`), whitespace-separated `name=v1,v2,...` items, for example
//   "conv=relu,leaky_relu kernel=5,7 pool=max padding=both,conv-only fc=1024 fc_act=leaky_relu"
// Names: conv (conv_act), fc_act, kernel, pool, padding, fc, filters. A name that is not given
// keeps the paper's full list of values (filters: 32). The word "paper" (or an empty spec) is the
// paper's grid. A JSON object with the same names and arrays of values (as written by to_json)
// is accepted as well.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "engine/hparams/hparams.h"

namespace flowcnn::search {

struct Grid {
    std::vector<model::Activation> conv_acts;
    std::vector<model::Activation> fc_acts;
    std::vector<int> kernels;
    std::vector<model::Pooling> pools;
    std::vector<model::Padding> paddings;
    std::vector<int> fcs;
    std::vector<int> filters;

    // The paper's 1440 combinations.
    static Grid paper();
    // Parses the text form or a JSON object (see above). Throws ConfigError on unknown names,
    // bad values, duplicates or empty lists.
    static Grid parse(std::string_view spec);
    // {"conv_act":[..],"fc_act":[..],"kernel":[..],"pool":[..],"padding":[..],"fc":[..],
    //  "filters":[..]} with the names of hparams.h; stored in searches.grid_json.
    std::string to_json() const;
    // Throws FormatError on malformed JSON and ConfigError on bad values.
    static Grid from_json(std::string_view json);
    // The compact text form, every name listed; parse(to_spec()) == *this.
    std::string to_spec() const;

    // Throws ConfigError when a list is empty, has a duplicate, or a value is out of range for
    // the model (e.g. a kernel that does not fit the image).
    void validate() const;

    // Number of combinations (product of the list sizes).
    std::size_t size() const;
    // All combinations in a stable order: conv activation outermost, then FC activation, kernel,
    // pooling, padding, FC size, filters innermost (for the paper's grid this is the order of
    // model::default_grid()). Index i of enumerate() equals at(i).
    std::vector<model::HyperParams> enumerate() const;
    model::HyperParams at(std::size_t i) const;  // throws ConfigError when i >= size()

    friend bool operator==(const Grid&, const Grid&) = default;
};

}  // namespace flowcnn::search
