// Dataset splits: exact stratified counts, fractions, grouping by capture, duplicates, seeds.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "engine/common/error.h"
#include "engine/dataset/dataset_loader.h"
#include "engine/dataset/split.h"
#include "engine/image/payload_image.h"
#include "tests/engine/store_test_util.h"

namespace flowcnn {
namespace {
using namespace testutil;
using dataset::DuplicatePolicy;
using dataset::SplitOptions;

struct Assigned {
    std::int64_t flow_id;
    std::string split;
    std::string label;  // class label
    std::int64_t capture_id;
    std::string sha1;
};

std::vector<Assigned> assignments(store::Project& p, std::int64_t ds) {
    auto st = p.db().prepare(
        "SELECT df.flow_id, df.split, dc.label, f.capture_id, f.image_sha1 FROM dataset_flows df "
        "JOIN dataset_classes dc ON dc.dataset_id = df.dataset_id AND dc.class_index = df.class_index "
        "JOIN flows f ON f.id = df.flow_id WHERE df.dataset_id = ? ORDER BY df.flow_id");
    st.bind(1, ds);
    std::vector<Assigned> out;
    while (st.step()) out.push_back({st.int64(0), st.text(1), st.text(2), st.int64(3), st.text(4)});
    return out;
}

std::map<std::string, std::map<std::string, int>> per_class(const std::vector<Assigned>& a) {
    std::map<std::string, std::map<std::string, int>> m;
    for (auto& x : a) ++m[x.label][x.split];
    return m;
}

// Three classes in 10 captures of 13 flows each (130 flows per class); `dups` flows of class
// "Beta" repeat images of other Beta flows.
class SplitTest : public ::testing::Test {
protected:
    void SetUp() override {
        project_.emplace(store::Project::create(dir_.file("s.flowcnn")));
        std::uint64_t n = 0;
        const char* labels[] = {"Gamma", "Alpha", "Beta"};  // inserted out of name order
        for (int c = 0; c < 3; ++c) {
            for (int file = 0; file < 10; ++file) {
                std::vector<flow::FlowRecord> recs;
                for (int i = 0; i < 13; ++i, ++n) {
                    Bytes head = payload(n, 200, static_cast<std::uint8_t>(c));
                    // Beta: flows 0..2 of each file copy flow 0 of file 0 (a duplicate group of 30).
                    if (c == 2 && i < 3) head = payload(999999, 200, 2);
                    recs.push_back(make_record(n, 443, head));
                }
                add_capture(*project_, std::string(labels[c]) + "-" + std::to_string(file) + ".pcap", recs,
                            labels[c]);
            }
        }
        // Unlabelled and image-less flows are never selected.
        add_capture(*project_, "unlabelled.pcap", {make_record(n, 53, payload(n))});
        ++n;
        add_capture(*project_, "empty.pcap", {make_record(n++, 53, {})}, "Alpha");
    }
    store::Project& p() { return *project_; }
    TempDir dir_;
    std::optional<store::Project> project_;
};

TEST_F(SplitTest, ExactStratifiedCounts) {
    SplitOptions o;
    o.train_count = 80;
    o.val_count = 30;
    o.test_count = 10;
    auto r = dataset::make_dataset(p(), "paper", o);
    EXPECT_EQ(r.classes, (std::vector<std::string>{"Alpha", "Beta", "Gamma"}));
    EXPECT_EQ(r.train, 240);
    EXPECT_EQ(r.val, 90);
    EXPECT_EQ(r.test, 30);
    auto a = assignments(p(), r.dataset_id);
    for (auto& [label, splits] : per_class(a)) {
        EXPECT_EQ(splits["train"], 80) << label;
        EXPECT_EQ(splits["val"], 30) << label;
        EXPECT_EQ(splits["test"], 10) << label;
    }
    // Class indices follow label names.
    auto info = p().dataset(r.dataset_id);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->classes, r.classes);
    EXPECT_EQ(info->fill_mode, "repeat");
    EXPECT_NE(info->params_json.find("\"seed\":1"), std::string::npos);
    EXPECT_NE(info->params_json.find("\"per_class\":[80,30,10]"), std::string::npos);
    EXPECT_NE(info->audit_json.find("\"distinct_images\""), std::string::npos);
}

TEST_F(SplitTest, DuplicatesNeverStraddle) {
    SplitOptions o;
    o.train_count = 90;
    o.val_count = 30;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        o.seed = seed;
        auto r = dataset::make_dataset(p(), "d" + std::to_string(seed), o);
        std::map<std::string, std::set<std::string>> splits_of_image;
        for (auto& x : assignments(p(), r.dataset_id)) splits_of_image[x.sha1].insert(x.split);
        for (auto& [sha, splits] : splits_of_image) EXPECT_EQ(splits.size(), 1u) << sha;
    }
}

TEST_F(SplitTest, DropCopiesKeepsOnePerImage) {
    SplitOptions o;
    o.train_count = 70;
    o.val_count = 30;
    o.duplicates = DuplicatePolicy::DropCopies;
    auto r = dataset::make_dataset(p(), "dedup", o);
    EXPECT_EQ(r.duplicate_images, 1);
    EXPECT_EQ(r.duplicate_flows, 30);
    EXPECT_EQ(r.duplicate_flows_dropped, 29);
    auto a = assignments(p(), r.dataset_id);
    std::set<std::string> images;
    for (auto& x : a) EXPECT_TRUE(images.insert(x.sha1).second);
    // Beta has 130 - 29 = 101 distinct images: 70/30 still fit.
    EXPECT_EQ(per_class(a)["Beta"]["train"], 70);
    EXPECT_EQ(per_class(a)["Beta"]["val"], 30);
}

TEST_F(SplitTest, GroupByCaptureKeepsCapturesWhole) {
    SplitOptions o;
    o.by_counts = false;
    o.train_fraction = 0.7;
    o.val_fraction = 0.3;
    o.group_by_capture = true;
    auto r = dataset::make_dataset(p(), "grouped", o);
    auto a = assignments(p(), r.dataset_id);
    std::map<std::int64_t, std::set<std::string>> splits_of_capture;
    for (auto& x : a) splits_of_capture[x.capture_id].insert(x.split);
    EXPECT_EQ(splits_of_capture.size(), 30u);
    for (auto& [cap, splits] : splits_of_capture) EXPECT_EQ(splits.size(), 1u) << cap;
    // 13 flows per capture: 91 train (7 captures) and 39 val (3 captures) per class.
    auto counts = per_class(a);
    for (const char* label : {"Alpha", "Gamma"}) {
        EXPECT_EQ(counts[label]["train"], 91) << label;
        EXPECT_EQ(counts[label]["val"], 39) << label;
    }
    // Beta's duplicate group links all ten Beta captures: they stay on one side, whole (a group is
    // never cut to the fraction), and a warning says Beta cannot be scored on unseen captures.
    EXPECT_EQ(counts["Beta"]["train"], 130);
    EXPECT_EQ(counts["Beta"]["val"], 0);
    EXPECT_EQ(r.train + r.val, 3 * 130);
    bool warned = false;
    for (auto& w : r.warnings) warned |= w.find("class Beta: no val flows") != std::string::npos;
    EXPECT_TRUE(warned);
}

TEST_F(SplitTest, SeedIsReproducible) {
    SplitOptions o;
    o.train_count = 50;
    o.val_count = 20;
    o.seed = 7;
    auto a = dataset::make_dataset(p(), "a", o);
    auto b = dataset::make_dataset(p(), "b", o);
    o.seed = 8;
    auto c = dataset::make_dataset(p(), "c", o);
    auto ids = [&](std::int64_t ds) {
        std::vector<std::pair<std::int64_t, std::string>> v;
        for (auto& x : assignments(p(), ds)) v.emplace_back(x.flow_id, x.split);
        return v;
    };
    EXPECT_EQ(ids(a.dataset_id), ids(b.dataset_id));
    EXPECT_NE(ids(a.dataset_id), ids(c.dataset_id));
}

TEST_F(SplitTest, ShortClassesAreScaledOrLeftOut) {
    SplitOptions o;
    o.train_count = 1000;
    o.val_count = 300;
    auto r = dataset::make_dataset(p(), "short", o);
    auto a = per_class(assignments(p(), r.dataset_id));
    EXPECT_EQ(a["Alpha"]["train"], 100);  // 130 flows in 1000:300 proportions
    EXPECT_EQ(a["Alpha"]["val"], 30);
    EXPECT_FALSE(r.warnings.empty());

    SplitOptions m;
    m.train_count = 10;
    m.val_count = 5;
    m.min_flows = 131;
    EXPECT_THROW(dataset::make_dataset(p(), "none", m), ConfigError);
    m.labels = {"Alpha", "Gamma"};
    m.min_flows = 0;
    auto two = dataset::make_dataset(p(), "two", m);
    EXPECT_EQ(two.classes, (std::vector<std::string>{"Alpha", "Gamma"}));
    m.labels = {"Nope"};
    EXPECT_THROW(dataset::make_dataset(p(), "bad", m), ConfigError);
}

TEST_F(SplitTest, NamesAreUnique) {
    SplitOptions o;
    o.train_count = 10;
    o.val_count = 5;
    dataset::make_dataset(p(), "x", o);
    EXPECT_THROW(dataset::make_dataset(p(), "x", o), ConfigError);
    o.replace = true;
    o.train_count = 20;
    auto r = dataset::make_dataset(p(), "x", o);
    EXPECT_EQ(r.train, 60);
    EXPECT_EQ(p().datasets().size(), 1u);
    EXPECT_EQ(p().resolve_dataset("x"), r.dataset_id);
    EXPECT_EQ(p().resolve_dataset(std::to_string(r.dataset_id)), r.dataset_id);
    EXPECT_THROW(p().resolve_dataset("y"), ConfigError);
}

TEST_F(SplitTest, BadOptions) {
    SplitOptions o;
    o.train_count = -1;
    EXPECT_THROW(dataset::make_dataset(p(), "n", o), ConfigError);
    SplitOptions f;
    f.by_counts = false;
    f.train_fraction = 0.8;
    f.val_fraction = 0.3;
    EXPECT_THROW(dataset::make_dataset(p(), "n", f), ConfigError);
    EXPECT_THROW(dataset::make_dataset(p(), "", SplitOptions{}), ConfigError);
}

TEST_F(SplitTest, PayloadBytesAndTrainLimitPerCapture) {
    SplitOptions o;
    o.by_counts = false;
    o.train_fraction = 0.7;
    o.val_fraction = 0.3;
    o.group_by_capture = true;
    o.fill = flow::FillMode::Zero;
    o.payload_bytes = 16;
    o.max_train_per_capture = 4;
    auto r = dataset::make_dataset(p(), "short", o);
    auto a = assignments(p(), r.dataset_id);
    // Train: at most 4 flows of a class per capture; val keeps whole captures (13 flows each).
    std::map<std::pair<std::int64_t, std::string>, int> per_capture;
    for (auto& x : a) ++per_capture[{x.capture_id, x.split}];
    int train_captures = 0;
    for (auto& [key, n] : per_capture) {
        if (key.second == "train") {
            EXPECT_EQ(n, 4) << "capture " << key.first;
            ++train_captures;
        } else {
            EXPECT_EQ(n, 13) << "capture " << key.first;
        }
    }
    EXPECT_EQ(r.train, 4 * train_captures);
    EXPECT_EQ(r.train_capped, 9 * train_captures);
    const auto pre = dataset::dataset_preprocessing(p().db(), r.dataset_id);
    EXPECT_EQ(pre.payload_bytes, 16u);
    EXPECT_EQ(pre.fill, flow::FillMode::Zero);
    EXPECT_NE(p().dataset(r.dataset_id)->params_json.find("\"payload_bytes\":16"), std::string::npos);
    // Images: the first 16 payload bytes, then zeros.
    const auto train = dataset::load_split(p().db(), r.dataset_id, "train");
    ASSERT_EQ(train.size(), static_cast<std::size_t>(r.train));
    for (std::size_t i = 0; i < train.size(); ++i) {
        const auto row = p().flow(train.flow_ids[i]);
        ASSERT_TRUE(row.has_value());
        const auto want = image::make_image(std::span<const std::uint8_t>(row->head).first(16), flow::FillMode::Zero);
        EXPECT_TRUE(std::equal(want.begin(), want.end(), train.image(i)));
        EXPECT_EQ(train.image(i)[16], 0);
    }
    // The same seed chooses the same flows; the default dataset records no payload_bytes.
    o.replace = true;
    auto again = dataset::make_dataset(p(), "short", o);
    EXPECT_EQ(assignments(p(), again.dataset_id).size(), a.size());
    auto full = dataset::make_dataset(p(), "full", SplitOptions{});
    EXPECT_EQ(dataset::dataset_preprocessing(p().db(), full.dataset_id).payload_bytes, 784u);
    EXPECT_EQ(p().dataset(full.dataset_id)->params_json.find("payload_bytes"), std::string::npos);
    SplitOptions bad;
    bad.payload_bytes = 0;
    EXPECT_THROW(dataset::make_dataset(p(), "bad", bad), ConfigError);
    bad.payload_bytes = 785;
    EXPECT_THROW(dataset::make_dataset(p(), "bad", bad), ConfigError);
}

}  // namespace
}  // namespace flowcnn
