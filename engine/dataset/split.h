#pragma once
// Building a dataset: choosing labelled flows with images and splitting them into train,
// validation and (optionally) test, stored in datasets / dataset_classes / dataset_flows.
//
// Units: flows are grouped before splitting, and a group always lands on one side:
//   - exact duplicates (same image_sha1) form one group (DuplicatePolicy::KeepTogether), or all but
//     the first flow of each image are dropped (DropCopies; images that carry several labels are
//     then dropped entirely);
//   - with group_by_capture, all flows of one capture file form one group.
// Sizes per class: exact counts (the paper: 1000 train / 300 val per class) or fractions of the
// class's flows. A class with fewer flows than the counts ask for is split in the same proportions
// (a warning says so); classes with fewer than min_flows flows are left out (warning).
// Assignment: groups in a seeded random order, larger groups first; each goes to the least-filled
// split (for the group's main class) that it fits in whole, else to the least-filled split, where
// flows beyond the quota are left out of the dataset. Counts are therefore exact whenever enough
// flows exist and the groups allow it (a warning names any shortfall). With fractions and
// group_by_capture, groups are never cut: each whole group goes to the split that brings its
// classes closest to their fractions, so no flow is lost, and a class whose captures all landed
// on one side gets a warning. The same seed and flows give the same dataset.
// Classes are ordered by label name (class index = position).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/flow/flow.h"

namespace flowcnn::store {
class Project;
}

namespace flowcnn::dataset {

enum class DuplicatePolicy { KeepTogether, DropCopies };

struct SplitOptions {
    std::vector<std::string> labels;  // classes to use; empty: every label with image flows
    std::int64_t min_flows = 0;       // leave out classes with fewer usable flows
    bool by_counts = true;            // true: per-class counts; false: fractions
    std::int64_t train_count = 1000, val_count = 300, test_count = 0;
    double train_fraction = 0.7, val_fraction = 0.3, test_fraction = 0.0;
    bool group_by_capture = false;
    DuplicatePolicy duplicates = DuplicatePolicy::KeepTogether;
    std::uint64_t seed = 1;
    flow::FillMode fill = flow::FillMode::Repeat;  // recorded in datasets.fill_mode
    // Payload bytes of each flow kept before the fill (1..784; the paper: 784). Fewer keep the
    // protocol's first messages and drop the session content that differs from capture to capture.
    // Recorded in params_json ("payload_bytes") and applied wherever the dataset's images are made.
    int payload_bytes = static_cast<int>(flow::kImageBytes);
    // Zero the bytes that identify one session rather than the application (TLS randoms, session
    // ids, key shares, tickets; HTTP cookies and dates; DNS ids; QUIC connection ids:
    // features::blank_session_fields) before the images are made. Recorded in params_json
    // ("blank_session_fields") and applied wherever the dataset's images are made.
    bool blank_session_fields = false;
    // At most this many flows of a class per capture file in the train split (0: no limit), chosen
    // at random with the seed; validation and test keep all theirs. A capture with hundreds of near
    // identical flows otherwise teaches the model that capture instead of its class.
    std::int64_t max_train_per_capture = 0;
    bool replace = false;  // replace an existing dataset of the same name instead of failing
};

struct MakeDatasetResult {
    std::int64_t dataset_id = 0;
    std::vector<std::string> classes;
    std::int64_t train = 0, val = 0, test = 0;
    std::int64_t duplicate_images = 0;         // distinct images carried by more than one candidate flow
    std::int64_t duplicate_flows = 0;          // candidate flows carrying such an image
    std::int64_t duplicate_flows_dropped = 0;  // DropCopies: extra copies left out
    std::int64_t conflict_flows_dropped = 0;   // DropCopies: flows of multi-label images left out
    std::int64_t train_capped = 0;             // train flows left out by max_train_per_capture
    std::vector<std::string> warnings;
};

// Creates the dataset (and its audit, see audit.h). Throws ConfigError for bad options, an
// existing name (unless replace), unknown labels in `labels`, or no usable classes.
MakeDatasetResult make_dataset(store::Project& project, std::string_view name, const SplitOptions& options);

// For max_train_per_capture (and baseline --max-per-capture): which items to keep so that at most
// `n` share a (capture, class) key; a seeded choice within each group (groups in key order, each
// shuffled with one generator). Returns 1 for kept, 0 for left out, in the input's order.
std::vector<char> keep_at_most_per_capture(const std::vector<std::pair<std::int64_t, std::int32_t>>& capture_class,
                                           std::size_t n, std::uint64_t seed);

// The options as stored in datasets.params_json.
std::string split_params_json(const SplitOptions& options, const std::vector<std::string>& warnings);

}  // namespace flowcnn::dataset
