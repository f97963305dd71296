#pragma once
// What a dataset really contains: per-class counts per split, distinct images, exact duplicates
// within and across splits, images carrying several labels, flows per capture file, and warnings
// about leaks between train and validation (METHOD.md, "Known weaknesses").
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace flowcnn::store {
class Project;
}

namespace flowcnn::dataset {

constexpr std::array<const char*, 3> kSplits = {"train", "val", "test"};

struct SplitCounts {
    std::array<std::int64_t, 3> n{};  // train, val, test
    std::int64_t train() const { return n[0]; }
    std::int64_t val() const { return n[1]; }
    std::int64_t test() const { return n[2]; }
    std::int64_t total() const { return n[0] + n[1] + n[2]; }
};

struct ClassAudit {
    std::string label;
    SplitCounts flows;
    std::int64_t distinct_images = 0;
};

struct CaptureAudit {
    std::int64_t capture_id = 0;
    std::string name;
    SplitCounts flows;
};

struct DatasetAudit {
    std::int64_t dataset_id = 0;
    std::string name;
    std::vector<ClassAudit> classes;       // by class index
    SplitCounts totals;
    std::int64_t distinct_images = 0;      // distinct image bytes over the whole dataset
    SplitCounts duplicates_within;         // per split: flows whose image already occurs in that split
    std::int64_t images_across_splits = 0; // distinct images present in more than one split
    std::int64_t flows_across_splits = 0;  // flows carrying such an image
    std::int64_t conflicting_images = 0;   // distinct images that carry more than one class
    std::int64_t conflicting_flows = 0;
    std::vector<CaptureAudit> captures;    // by capture id
    std::int64_t captures_across_splits = 0;  // captures with flows in more than one split
    std::int64_t flows_with_hint = 0;      // flows whose client sent a clear-text SNI or Host
    std::vector<std::string> warnings;

    std::string to_json() const;
    std::string to_text() const;  // a readable multi-line report
};

// Audits a stored dataset, stores the result in datasets.audit_json and returns it.
// Throws ConfigError when the dataset does not exist.
DatasetAudit audit(store::Project& project, std::int64_t dataset_id);

}  // namespace flowcnn::dataset
