// Dataset audit numbers and load_split contents.
#include <gtest/gtest.h>

#include "engine/common/error.h"
#include "engine/dataset/audit.h"
#include "engine/dataset/dataset_loader.h"
#include "engine/dataset/split.h"
#include "engine/image/payload_image.h"
#include "tests/engine/store_test_util.h"

namespace flowcnn {
namespace {
using namespace testutil;

// A hand-built dataset: two classes, known duplicates, a conflict and captures across splits.
//   capture 1 (A): flows a0..a3, images I0 I1 I2 I2      -> train a0 a1 a2, val a3
//   capture 2 (B): flows b0..b2, images I3 I3 I0         -> train b0, val b1, test b2
// Within train: none duplicated (I0, I1, I2, I3). Across splits: I2 (train/val), I3 (train/val),
// I0 (train/test). Conflict: I0 carries A and B.
class AuditTest : public ::testing::Test {
protected:
    void SetUp() override {
        project_.emplace(store::Project::create(dir_.file("a.flowcnn")));
        const Bytes i0 = payload(0), i1 = payload(1), i2 = payload(2), i3 = payload(3);
        cap_a_ = add_capture(p(), "a.pcap",
                             {make_record(0, 443, i0, "a.example"), make_record(1, 443, i1), make_record(2, 443, i2),
                              make_record(3, 443, i2)},
                             "A");
        cap_b_ = add_capture(p(), "b.pcap", {make_record(4, 80, i3), make_record(5, 80, i3), make_record(6, 80, i0)},
                             "B");
        auto& db = p().db();
        db.exec("INSERT INTO datasets(name, created_at, fill_mode) VALUES ('hand', 'now', 'zero')");
        ds_ = db.last_insert_id();
        db.exec("INSERT INTO dataset_classes VALUES (" + std::to_string(ds_) + ", 0, 'A'), (" + std::to_string(ds_) +
                ", 1, 'B')");
        const auto ids = p().flow_ids({});
        ASSERT_EQ(ids.size(), 7u);
        const char* splits[] = {"train", "train", "train", "val", "train", "val", "test"};
        const int classes[] = {0, 0, 0, 0, 1, 1, 1};
        auto ins = db.prepare("INSERT INTO dataset_flows VALUES (?, ?, ?, ?)");
        for (std::size_t i = 0; i < ids.size(); ++i)
            ins.bind(1, ds_).bind(2, ids[i]).bind(3, splits[i]).bind(4, classes[i]).run();
        ids_ = ids;
    }
    store::Project& p() { return *project_; }
    TempDir dir_;
    std::optional<store::Project> project_;
    std::int64_t cap_a_ = 0, cap_b_ = 0, ds_ = 0;
    std::vector<std::int64_t> ids_;
};

TEST_F(AuditTest, Numbers) {
    const auto a = dataset::audit(p(), ds_);
    EXPECT_EQ(a.name, "hand");
    EXPECT_EQ(a.totals.train(), 4);
    EXPECT_EQ(a.totals.val(), 2);
    EXPECT_EQ(a.totals.test(), 1);
    ASSERT_EQ(a.classes.size(), 2u);
    EXPECT_EQ(a.classes[0].label, "A");
    EXPECT_EQ(a.classes[0].flows.train(), 3);
    EXPECT_EQ(a.classes[0].flows.val(), 1);
    EXPECT_EQ(a.classes[0].distinct_images, 3);
    EXPECT_EQ(a.classes[1].distinct_images, 2);
    EXPECT_EQ(a.distinct_images, 4);
    EXPECT_EQ(a.duplicates_within.train(), 0);
    EXPECT_EQ(a.duplicates_within.val(), 0);
    EXPECT_EQ(a.images_across_splits, 3);
    EXPECT_EQ(a.flows_across_splits, 6);  // I0 x2, I2 x2, I3 x2
    EXPECT_EQ(a.conflicting_images, 1);
    EXPECT_EQ(a.conflicting_flows, 2);
    ASSERT_EQ(a.captures.size(), 2u);
    EXPECT_EQ(a.captures[0].name, "a.pcap");
    EXPECT_EQ(a.captures[0].flows.train(), 3);
    EXPECT_EQ(a.captures_across_splits, 2);
    EXPECT_EQ(a.flows_with_hint, 1);
    EXPECT_GE(a.warnings.size(), 3u);
    const auto text = a.to_text();
    EXPECT_NE(text.find("images in more than one split: 3"), std::string::npos) << text;
    // Stored as JSON.
    auto info = p().dataset(ds_);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->audit_json, a.to_json());
    EXPECT_NE(info->audit_json.find("\"conflicting_images\":1"), std::string::npos);
    EXPECT_THROW(dataset::audit(p(), 999), ConfigError);
}

TEST_F(AuditTest, LoadSplit) {
    const auto train = dataset::load_split(p().db(), ds_, "train");
    EXPECT_EQ(train.classes, (std::vector<std::string>{"A", "B"}));
    ASSERT_EQ(train.size(), 4u);
    EXPECT_EQ(train.pixels.size(), 4u * flow::kImageBytes);
    EXPECT_EQ(train.flow_ids, (std::vector<std::int64_t>{ids_[0], ids_[1], ids_[2], ids_[4]}));
    EXPECT_EQ(train.labels, (std::vector<std::int32_t>{0, 0, 0, 1}));
    // The dataset's fill mode (zero) is used, not the capture's.
    const auto img = image::make_image(payload(3), flow::FillMode::Zero);
    EXPECT_TRUE(std::equal(img.begin(), img.end(), train.image(3)));
    const auto test = dataset::load_split(p().db(), ds_, "test");
    EXPECT_EQ(test.size(), 1u);
    EXPECT_EQ(test.labels[0], 1);
    EXPECT_THROW(dataset::load_split(p().db(), ds_, "training"), ConfigError);
    EXPECT_THROW(dataset::load_split(p().db(), 999, "train"), ConfigError);
}

TEST(Dataset, MadeDatasetAuditsClean) {
    TempDir dir;
    auto p = store::Project::create(dir.file("m.flowcnn"));
    for (int c = 0; c < 2; ++c) {
        std::vector<flow::FlowRecord> recs;
        for (std::uint64_t i = 0; i < 50; ++i) {
            // Every 5th flow repeats the class's first image.
            const auto head = i % 5 == 0 ? payload(0, 300, static_cast<std::uint8_t>(c))
                                         : payload(i, 300, static_cast<std::uint8_t>(c));
            recs.push_back(make_record(i, 443, head));
        }
        add_capture(p, "c" + std::to_string(c) + ".pcap", recs, c ? "Web" : "Mail");
    }
    dataset::SplitOptions o;
    o.train_count = 30;
    o.val_count = 10;
    auto r = dataset::make_dataset(p, "ds", o);
    const auto a = dataset::audit(p, r.dataset_id);
    EXPECT_EQ(a.images_across_splits, 0);
    EXPECT_EQ(a.conflicting_images, 0);
    EXPECT_EQ(a.classes[0].label, "Mail");
    EXPECT_EQ(a.classes[0].flows.train(), 30);
    EXPECT_EQ(a.classes[0].flows.val(), 10);
    const auto train = dataset::load_split(p.db(), r.dataset_id, "train");
    const auto val = dataset::load_split(p.db(), r.dataset_id, "val");
    EXPECT_EQ(train.size(), 60u);
    EXPECT_EQ(val.size(), 20u);
    // Every loaded image is the flow's stored image.
    for (std::size_t i = 0; i < val.size(); ++i) {
        const auto img = p.image(val.flow_ids[i]);
        EXPECT_TRUE(std::equal(img.begin(), img.end(), val.image(i)));
    }
}

}  // namespace
}  // namespace flowcnn
