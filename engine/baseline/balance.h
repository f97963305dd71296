#pragma once
// Class balancing for training sets that are long-tailed (the nDPI captures: 2 to 600 flows per
// class): copies of the images of small classes, drawn at random, so that a model trained on the
// set sees each class about as often as an average one. A training choice a user can make, scored
// like every other on unseen captures.
#include <cstdint>

#include "engine/dataset/image_set.h"

namespace flowcnn::baseline {

// Every class with fewer images than the mean class size (over the classes that have images) gets
// random copies of its own images (seeded, with replacement) up to that mean; larger classes are
// kept as they are, and nothing is dropped. Classes without images stay without. The copies are
// appended after the original images (flow ids copied too). `added` (optional) gets the number of
// copies. Throws ConfigError when pixels and labels do not match.
dataset::ImageSet oversample_to_mean(const dataset::ImageSet& set, std::uint64_t seed, std::size_t* added = nullptr);

}  // namespace flowcnn::baseline
