// Stored classifications counted again at another "unknown" threshold (the Classification dock's
// threshold control): a flow is its top class when that class's confidence reaches the threshold.
#include <gtest/gtest.h>

#include <map>

#include "engine/store/classifications.h"
#include "engine/store/project.h"
#include "tests/engine/store_test_util.h"

namespace flowcnn {
namespace {
using namespace testutil;

std::map<std::string, std::int64_t> as_map(const std::vector<std::pair<std::string, std::int64_t>>& v) {
    return {v.begin(), v.end()};
}

TEST(Classifications, CountsAtAnotherThreshold) {
    TempDir dir;
    auto p = store::Project::create(dir.file("p.flowcnn"));
    std::vector<flow::FlowRecord> recs;
    for (std::uint64_t i = 0; i < 4; ++i) recs.push_back(make_record(i, 443, payload(i, 40)));
    const auto cap = add_capture(p, "c.pcap", recs);
    const auto ids = p.flow_ids({.capture_id = cap});
    ASSERT_EQ(ids.size(), 4u);
    const std::vector<store::NewClassifiedFlow> flows = {
        {ids[0], "Google", 0.9, R"([["Google",0.9],["Bing",0.05]])"},
        {ids[1], "unknown", 0.4, R"([["Bing",0.4],["Google",0.3]])"},  // below the 0.5 it was made with
        {ids[2], "Bing", 0.6, R"([["Bing",0.6]])"},
        {ids[3], "Google", 0.55, R"([["Google",0.55]])"},
    };
    const auto id = store::insert_classification(p.db(), std::nullopt, cap, 0.5, flows);
    using M = std::map<std::string, std::int64_t>;
    EXPECT_EQ(as_map(store::classification_label_counts(p.db(), id)), (M{{"Google", 2}, {"Bing", 1}, {"unknown", 1}}));
    EXPECT_EQ(as_map(store::classification_label_counts_at(p.db(), id, 0.5)),
              as_map(store::classification_label_counts(p.db(), id)));
    EXPECT_EQ(as_map(store::classification_label_counts_at(p.db(), id, 0.7)), (M{{"Google", 1}, {"unknown", 3}}));
    // A lower threshold gives the flow called unknown its top class back.
    EXPECT_EQ(as_map(store::classification_label_counts_at(p.db(), id, 0.3)), (M{{"Google", 2}, {"Bing", 2}}));
    EXPECT_EQ(as_map(store::classification_label_counts_at(p.db(), id, 1.0)), (M{{"unknown", 4}}));
    // Ordered by count, then label.
    const auto at07 = store::classification_label_counts_at(p.db(), id, 0.7);
    EXPECT_EQ(at07.front().first, "unknown");
}

}  // namespace
}  // namespace flowcnn
