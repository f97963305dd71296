// Labelling rules: syntax, matching, first-match-wins, applying to a project.
#include <gtest/gtest.h>

#include "engine/common/error.h"
#include "engine/dataset/rules.h"
#include "tests/engine/store_test_util.h"

namespace flowcnn {
namespace {
using namespace testutil;
using dataset::FlowFacts;
using dataset::RuleSet;

FlowFacts facts(const char* client, int cport, const char* server, int sport, int proto = 6,
                std::string_view sni = {}, std::string_view host = {}) {
    FlowFacts f;
    packet::IpAddress::parse(client, f.client);
    packet::IpAddress::parse(server, f.server);
    f.client_port = cport;
    f.server_port = sport;
    f.l4proto = proto;
    f.sni = sni;
    f.http_host = host;
    return f;
}

std::string label_of(const RuleSet& rules, const FlowFacts& f) {
    const auto* r = rules.match(f);
    if (!r) return "<none>";
    return r->label.value_or("<clear>");
}

TEST(Rules, ParseAndMatch) {
    const auto rules = RuleSet::parse(R"(# a comment
label=Google  host=*.google.com,google.com
label=DNS port=53     # trailing comment

label=Corp cidr=10.0.0.0/8 proto=udp
label="Kakao Talk" server_port=443 capture=kakao*
label=V6 server_cidr=2001:db8::/32
label=- sni=*.windowsupdate.com
)");
    ASSERT_EQ(rules.rules().size(), 6u);
    EXPECT_EQ(rules.rules()[0].line, 2);
    EXPECT_EQ(rules.rules()[2].line, 5);
    EXPECT_EQ(label_of(rules, facts("1.2.3.4", 5000, "8.8.8.8", 443, 6, "www.GOOGLE.com")), "Google");
    EXPECT_EQ(label_of(rules, facts("1.2.3.4", 5000, "8.8.8.8", 80, 6, {}, "google.com")), "Google");
    EXPECT_EQ(label_of(rules, facts("1.2.3.4", 5000, "8.8.8.8", 80, 6, {}, "notgoogle.com")), "<none>");
    // First match wins: a DNS flow to a Google host name is Google.
    EXPECT_EQ(label_of(rules, facts("1.2.3.4", 53, "8.8.8.8", 5353, 17, "dns.google.com")), "Google");
    EXPECT_EQ(label_of(rules, facts("1.2.3.4", 5000, "8.8.8.8", 53, 17)), "DNS");
    EXPECT_EQ(label_of(rules, facts("1.2.3.4", 53, "8.8.8.8", 5000, 17)), "DNS");  // either port
    // All conditions must match.
    EXPECT_EQ(label_of(rules, facts("10.1.2.3", 5000, "8.8.8.8", 123, 17)), "Corp");
    EXPECT_EQ(label_of(rules, facts("8.8.8.8", 123, "10.1.2.3", 5000, 17)), "Corp");
    EXPECT_EQ(label_of(rules, facts("10.1.2.3", 5000, "8.8.8.8", 123, 6)), "<none>");
    EXPECT_EQ(label_of(rules, facts("11.1.2.3", 5000, "8.8.8.8", 123, 17)), "<none>");
    auto kakao = facts("1.1.1.1", 5000, "2.2.2.2", 443);
    EXPECT_EQ(label_of(rules, kakao), "<none>");
    kakao.capture_name = "KakaoTalk-001.pcap";
    EXPECT_EQ(label_of(rules, kakao), "Kakao Talk");
    EXPECT_EQ(label_of(rules, facts("2001:db8::1", 5000, "2001:db8:1::2", 80)), "V6");
    EXPECT_EQ(label_of(rules, facts("2001:db8::1", 5000, "2001:db9::2", 80)), "<none>");
    EXPECT_EQ(label_of(rules, facts("1.1.1.1", 5000, "2.2.2.2", 80, 6, "x.windowsupdate.com")), "<clear>");
}

TEST(Rules, RuleWithoutConditionsMatchesAll) {
    const auto rules = RuleSet::parse("label=Other\n");
    EXPECT_EQ(label_of(rules, facts("1.1.1.1", 1, "2.2.2.2", 2)), "Other");
    EXPECT_TRUE(RuleSet::parse("# nothing\n\n").empty());
}

TEST(Rules, SyntaxErrorsNameTheLine) {
    auto expect_error = [](const std::string& text, const std::string& needle) {
        try {
            RuleSet::parse(text, "my.rules");
            FAIL() << "parsed: " << text;
        } catch (const ConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
        }
    };
    expect_error("label=A port=53\nlabel=B prot=udp\n", "my.rules:2: unknown condition 'prot'");
    expect_error("\n\nport=53\n", "my.rules:3: rule has no label");
    expect_error("label=A port=70000\n", "my.rules:1: bad port '70000'");
    expect_error("label=A port=x\n", "my.rules:1: bad port");
    expect_error("label=A cidr=10.0.0.0/33\n", "my.rules:1: bad network");
    expect_error("label=A cidr=banana\n", "my.rules:1: bad network");
    expect_error("label=A proto=sctp\n", "my.rules:1: bad proto");
    expect_error("label=A host\n", "my.rules:1: expected key=value");
    expect_error("label=\"A\n", "my.rules:1: unterminated quote");
    expect_error("label=A label=B\n", "my.rules:1: more than one label");
    expect_error("label=A port=53,\n", "my.rules:1: empty item");
    EXPECT_THROW(RuleSet::load("/nonexistent/rules.txt"), IoError);
}

TEST(Rules, Glob) {
    using dataset::glob_match;
    EXPECT_TRUE(glob_match("*.google.com", "www.google.com"));
    EXPECT_FALSE(glob_match("*.google.com", "google.com"));
    EXPECT_TRUE(glob_match("*", ""));
    EXPECT_TRUE(glob_match("a?c", "ABC"));
    EXPECT_FALSE(glob_match("a?c", "ac"));
    EXPECT_TRUE(glob_match("*a*b*c*", "xxaxxbxxcxx"));
    EXPECT_FALSE(glob_match("*a*b*c", "xxaxxbxxcxx"));
}

TEST(Rules, ApplyToProject) {
    TempDir dir;
    auto p = store::Project::create(dir.file("r.flowcnn"));
    std::vector<flow::FlowRecord> recs;
    for (std::uint64_t i = 0; i < 30; ++i) recs.push_back(make_record(i, i < 10 ? 53 : 443, payload(i)));
    add_capture(p, "mixed.pcap", recs);
    std::vector<flow::FlowRecord> labelled;
    for (std::uint64_t i = 0; i < 5; ++i) labelled.push_back(make_record(100 + i, 53, payload(100 + i)));
    add_capture(p, "known.pcap", labelled, "Known");

    const auto rules = RuleSet::parse("label=DNS port=53\nlabel=Web server_port=443\n");
    auto r = dataset::apply_rules(p, rules, /*only_unlabelled=*/true);
    EXPECT_EQ(r.examined, 30);
    EXPECT_EQ(r.matched, 30);
    EXPECT_EQ(r.changed, 30);
    EXPECT_EQ(r.per_rule, (std::vector<std::int64_t>{10, 20}));
    EXPECT_EQ(p.count_flows({.label = std::string("DNS")}), 10);
    EXPECT_EQ(p.count_flows({.label = std::string("Known")}), 5);
    auto again = dataset::apply_rules(p, rules, false);  // relabels Known -> DNS, others unchanged
    EXPECT_EQ(again.examined, 35);
    EXPECT_EQ(again.changed, 5);
    EXPECT_EQ(p.count_flows({.label = std::string("DNS")}), 15);
    auto f = p.flows({.label = std::string("Web")}, 0, 1);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].label_source, "rule");
    dataset::apply_rules(p, RuleSet::parse("label=- port=53\n"), false);
    EXPECT_EQ(p.count_flows({.label = std::string("")}), 15);

    CancelToken cancel;
    cancel.cancel();
    EXPECT_THROW(dataset::apply_rules(p, rules, false, {}, &cancel), CancelledError);
    EXPECT_EQ(p.count_flows({.label = std::string("")}), 15);  // nothing changed
}

}  // namespace
}  // namespace flowcnn
