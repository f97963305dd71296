// The project's flow store: bulk inserts through CaptureWriter, listings, filters, labels, images.
#include <gtest/gtest.h>

#include "engine/common/error.h"
#include "engine/common/sha1.h"
#include "engine/image/payload_image.h"
#include "engine/store/flow_query.h"
#include "engine/store/flows.h"
#include "engine/store/project.h"
#include "tests/engine/store_test_util.h"

namespace flowcnn {
namespace {
using namespace testutil;
using store::FlowColumn;
using store::FlowFilter;
using store::Project;

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        project_.emplace(Project::create(dir_.file("p.flowcnn")));
        std::vector<flow::FlowRecord> a, b;
        for (std::uint64_t i = 0; i < 5000; ++i) {
            // Every 10th flow has no payload; ports alternate 443/80; some have an SNI.
            auto r = make_record(i, i % 2 ? 80 : 443, i % 10 == 0 ? Bytes{} : payload(i, 50 + i % 900),
                                 i % 3 == 0 ? "www.example" + std::to_string(i % 7) + ".com" : "");
            a.push_back(std::move(r));
        }
        cap_a_ = add_capture(*project_, "a.pcap", a, "Alpha");
        for (std::uint64_t i = 0; i < 100; ++i) b.push_back(make_record(i, 53, payload(i + 100000, 30)));
        b[0].key.l4proto = packet::kProtoTcp;
        cap_b_ = add_capture(*project_, "b.pcap", b);
    }
    Project& p() { return *project_; }

    TempDir dir_;
    std::optional<Project> project_;
    std::int64_t cap_a_ = 0, cap_b_ = 0;
};

TEST_F(StoreTest, CapturesAndCounts) {
    auto caps = p().captures();
    ASSERT_EQ(caps.size(), 2u);
    EXPECT_EQ(caps[0].name, "a.pcap");
    EXPECT_EQ(caps[0].status, "complete");
    EXPECT_EQ(caps[0].flows, 5000);
    EXPECT_EQ(caps[0].label.value_or(""), "Alpha");
    EXPECT_EQ(caps[0].fill_mode, "repeat");
    EXPECT_EQ(caps[1].flows, 100);
    EXPECT_FALSE(caps[1].label);
    EXPECT_EQ(p().count_flows({}), 5100);
    EXPECT_EQ(p().count_flows({.capture_id = cap_b_}), 100);
    EXPECT_EQ(p().count_flows({.with_image_only = true}), 4500 + 100);
}

TEST_F(StoreTest, FlowRowsMatchRecords) {
    auto rows = p().flows({.capture_id = cap_a_}, 0, 3, FlowColumn::Index, true, true);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].idx, 0);
    EXPECT_TRUE(rows[0].head.empty());
    EXPECT_FALSE(rows[0].has_image());  // no payload: head and image_sha1 NULL
    EXPECT_TRUE(rows[0].image_sha1.empty());
    EXPECT_EQ(rows[1].client_ip, "10.0.0.2");
    EXPECT_EQ(rows[1].server_ip, "192.168.1.2");
    EXPECT_EQ(rows[1].server_port, 80);
    EXPECT_EQ(rows[1].l4proto, 17);
    EXPECT_EQ(rows[1].head, payload(1, 51));
    EXPECT_EQ(rows[1].payload_len, 51);
    EXPECT_EQ(rows[1].label, "Alpha");
    EXPECT_EQ(rows[1].label_source, "capture");
    EXPECT_EQ(rows[1].end_reason, "end_of_capture");
    // image_sha1 is the SHA-1 of the filled 784-byte image.
    EXPECT_EQ(rows[1].image_sha1, sha1_hex(image::make_image(rows[1].head, flow::FillMode::Repeat)));
    // Listing without heads leaves them empty.
    auto light = p().flows({.capture_id = cap_a_}, 1, 1);
    ASSERT_EQ(light.size(), 1u);
    EXPECT_TRUE(light[0].head.empty());
    EXPECT_TRUE(light[0].has_image());
}

TEST_F(StoreTest, PagingAndOrder) {
    auto page1 = p().flows({}, 0, 100, FlowColumn::PayloadLen, false);
    auto page2 = p().flows({}, 100, 100, FlowColumn::PayloadLen, false);
    ASSERT_EQ(page1.size(), 100u);
    ASSERT_EQ(page2.size(), 100u);
    for (std::size_t i = 1; i < page1.size(); ++i) EXPECT_GE(page1[i - 1].payload_len, page1[i].payload_len);
    EXPECT_GE(page1.back().payload_len, page2.front().payload_len);
    EXPECT_EQ(page1.front().payload_len, 949);
    auto tail = p().flows({}, 5090, 100);
    EXPECT_EQ(tail.size(), 10u);
    auto all = p().flows({}, 0, -1);
    EXPECT_EQ(all.size(), 5100u);
    store::FlowColumn c{};
    EXPECT_TRUE(store::parse_flow_column("server_port", c));
    EXPECT_EQ(c, FlowColumn::ServerPort);
    EXPECT_EQ(store::flow_column_name(FlowColumn::PayloadLen), "payload_len");
    EXPECT_FALSE(store::parse_flow_column("nope", c));
}

TEST_F(StoreTest, Filters) {
    EXPECT_EQ(p().count_flows({.port = 443}), 2500);
    EXPECT_EQ(p().count_flows({.port = 53}), 100);
    EXPECT_EQ(p().count_flows({.l4proto = 6}), 1);
    EXPECT_EQ(p().count_flows({.l4proto = 17, .port = 53}), 99);
    EXPECT_EQ(p().count_flows({.label = std::string("Alpha")}), 5000);
    EXPECT_EQ(p().count_flows({.label = std::string("")}), 100);
    // Text: SNI substring (case-insensitive), address, label.
    const auto sni_flows = p().count_flows({.text = "EXAMPLE3.com"});
    EXPECT_GT(sni_flows, 0);
    EXPECT_EQ(sni_flows, static_cast<std::int64_t>(p().flow_ids({.text = "example3.com"}).size()));
    EXPECT_EQ(p().count_flows({.text = "10.0.3.170"}), 1);  // flow 919 of capture a
    EXPECT_EQ(p().count_flows({.text = "192.168.1.2"}), 5100);
    EXPECT_EQ(p().count_flows({.text = "alph"}), 5000);
    EXPECT_EQ(p().count_flows({.text = "100%"}), 0);  // LIKE wildcards are literal
}

// The CLI's options and the display filter compile through one store::FlowQuery.
TEST_F(StoreTest, FlowQueryTermsAlternativesAndNegation) {
    using store::FlowTermKind;
    auto count = [&](const store::FlowQuery& q) {
        return static_cast<std::int64_t>(store::list_flow_ids(p().db(), q, store::FlowTableOrder::Id, true).ids.size());
    };
    EXPECT_EQ(count({}), 5100);
    EXPECT_TRUE(store::compile_flow_query({}).sql.empty());
    // Labels compare case-insensitively (the display filter's documented semantics), CLI included.
    EXPECT_EQ(p().count_flows({.label = std::string("alpha")}), 5000);
    EXPECT_EQ(count(store::FlowQuery{}.and_term({.kind = FlowTermKind::Label, .text = "ALPHA"})), 5000);
    EXPECT_EQ(count(store::FlowQuery{}.and_term({.kind = FlowTermKind::Unlabelled, .negated = true})), 5000);
    store::FlowQuery either;
    either.alternatives = {{{.kind = FlowTermKind::Port, .number = 53}},
                           {{.kind = FlowTermKind::Label, .text = "Alpha"}}};
    EXPECT_EQ(count(either), 5100);
    store::FlowQuery both;
    both.and_term({.kind = FlowTermKind::Port, .number = 443}).and_term({.kind = FlowTermKind::HasImage});
    EXPECT_EQ(count(both), p().count_flows({.port = 443, .with_image_only = true}));
    EXPECT_EQ(count(store::FlowQuery{}.and_term({.kind = FlowTermKind::HostName, .text = "EXAMPLE3"})),
              p().count_flows({.text = "example3.com"}));
    EXPECT_EQ(count(store::FlowQuery{}.and_term({.kind = FlowTermKind::Protocol, .number = 1})), 0);
    const auto desc = store::list_flow_ids(p().db(), {}, store::FlowTableOrder::Id, false);
    EXPECT_EQ(desc.total, 5100);
    ASSERT_FALSE(desc.ids.empty());
    EXPECT_GT(desc.ids.front(), desc.ids.back());
}

TEST_F(StoreTest, LabelsAndCounts) {
    auto ids = p().flow_ids({.capture_id = cap_b_});
    ASSERT_EQ(ids.size(), 100u);
    std::vector<std::int64_t> some(ids.begin(), ids.begin() + 40);
    EXPECT_EQ(p().set_labels(some, std::string("DNS")), 40);
    EXPECT_EQ(p().set_labels(some, std::string("DNS")), 0);  // unchanged
    auto f = p().flow(some[0]);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->label, "DNS");
    EXPECT_EQ(f->label_source, "manual");
    auto counts = p().label_counts();
    ASSERT_EQ(counts.size(), 3u);
    EXPECT_EQ(counts[0].label, "");
    EXPECT_EQ(counts[0].flows, 60);
    EXPECT_EQ(counts[1].label, "Alpha");
    EXPECT_EQ(counts[1].flows, 5000);
    EXPECT_EQ(counts[1].with_image, 4500);
    EXPECT_EQ(counts[2].label, "DNS");
    EXPECT_EQ(p().set_labels(std::span(some).first(10), std::nullopt), 10);
    EXPECT_EQ(p().count_flows({.label = std::string("")}), 70);
    EXPECT_EQ(p().set_capture_label(cap_b_, std::string("Beta")), 100);
    EXPECT_EQ(p().capture(cap_b_)->label.value_or(""), "Beta");
    EXPECT_EQ(p().count_flows({.label = std::string("Beta")}), 100);
}

TEST_F(StoreTest, Images) {
    auto ids = p().flow_ids({.capture_id = cap_a_});
    const auto img = p().image(ids[1]);
    EXPECT_EQ(img, image::make_image(payload(1, 51), flow::FillMode::Repeat));
    const auto zero = p().image(ids[1], flow::FillMode::Zero);
    EXPECT_EQ(zero[50], payload(1, 51)[50]);
    EXPECT_EQ(zero[51], 0);
    const auto none = p().image(ids[0]);
    EXPECT_EQ(none, image::PayloadImage{});
    EXPECT_THROW(p().image(999999), ConfigError);
    EXPECT_FALSE(p().flow(999999));
}

TEST_F(StoreTest, DeleteCaptureCascades) {
    p().delete_capture(cap_a_);
    EXPECT_EQ(p().count_flows({}), 100);
    EXPECT_EQ(p().captures().size(), 1u);
}

TEST_F(StoreTest, FailedWriterMarksCapture) {
    std::int64_t id = 0;
    {
        store::CaptureWriter w(p(), "/virtual/c.pcap", "pcap", 1, {});
        id = w.capture_id();
        w.add(make_record(0, 53, payload(0)));
        w.commit();
        w.add(make_record(1, 53, payload(1)));  // open batch: rolled back
    }
    auto c = p().capture(id);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->status, "failed");
    EXPECT_EQ(c->flows, 1);
    EXPECT_EQ(p().count_flows({.capture_id = id}), 1);
}

}  // namespace
}  // namespace flowcnn
