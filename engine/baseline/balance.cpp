#include "engine/baseline/balance.h"

#include <random>
#include <string>

#include "engine/common/error.h"
#include "engine/flow/flow.h"

namespace flowcnn::baseline {

dataset::ImageSet oversample_to_mean(const dataset::ImageSet& set, std::uint64_t seed, std::size_t* added) {
    constexpr std::size_t kBytes = flow::kImageBytes;
    if (set.pixels.size() != set.size() * kBytes)
        throw ConfigError("balance: pixels do not match the number of labels");
    std::vector<std::vector<std::size_t>> of_class(set.classes.size());
    for (std::size_t i = 0; i < set.size(); ++i) {
        const auto l = set.labels[i];
        if (l < 0 || static_cast<std::size_t>(l) >= set.classes.size())
            throw ConfigError("balance: label " + std::to_string(l) + " is outside the classes");
        of_class[static_cast<std::size_t>(l)].push_back(i);
    }
    std::size_t present = 0;
    for (auto& v : of_class) present += !v.empty();
    dataset::ImageSet out = set;
    std::size_t copies = 0;
    if (present > 0) {
        const std::size_t mean = (set.size() + present - 1) / present;  // rounded up
        std::mt19937_64 rng(seed);
        for (auto& idx : of_class) {
            if (idx.empty() || idx.size() >= mean) continue;
            std::uniform_int_distribution<std::size_t> pick(0, idx.size() - 1);
            for (std::size_t n = idx.size(); n < mean; ++n, ++copies) {
                dataset::append_image(out, set, idx[pick(rng)]);
            }
        }
    }
    if (added) *added = copies;
    return out;
}

}  // namespace flowcnn::baseline
