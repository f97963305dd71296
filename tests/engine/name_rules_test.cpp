// Server-name rules (baseline::NameRules): what becomes a rule, matching, the hybrid prediction.
#include <gtest/gtest.h>

#include "engine/baseline/name_rules.h"
#include "engine/common/error.h"

using namespace flowcnn::baseline;

TEST(NameRules, PureFrequentNamesBecomeRulesOthersDefer) {
    // class 0: www.google.com x3; class 1: api.example.org x2 and one flow of it labelled 0
    // (purity 2/3: no exact rule); a name seen once: no rule.
    const std::vector<std::string> names{"www.google.com", "WWW.Google.com", "www.google.com", "api.example.org",
                                         "api.example.org", "api.example.org", "once.net", ""};
    const std::vector<std::int32_t> labels{0, 0, 0, 1, 1, 0, 1, 1};
    auto rules = NameRules::fit(names, labels, 2);
    const auto* g = rules.match("www.GOOGLE.com");
    ASSERT_NE(g, nullptr);
    EXPECT_FALSE(g->domain);
    EXPECT_EQ(g->class_index, 0);
    EXPECT_EQ(g->flows, 3);
    EXPECT_EQ(g->total, 3);
    // An unseen name of a pure registered domain matches the domain rule.
    const auto* d = rules.match("mail.google.com");
    ASSERT_NE(d, nullptr);
    EXPECT_TRUE(d->domain);
    EXPECT_EQ(d->name, "google.com");
    EXPECT_EQ(rules.match("api.example.org"), nullptr);
    EXPECT_EQ(rules.match("once.net"), nullptr);
    EXPECT_EQ(rules.match(""), nullptr);

    std::vector<char> by_rule;
    const auto out = rules.apply({"www.google.com", "api.example.org", ""}, {1, 0, 1}, &by_rule);
    EXPECT_EQ(out, (std::vector<std::int32_t>{0, 0, 1}));
    EXPECT_EQ(by_rule, (std::vector<char>{1, 0, 0}));

    float p[2] = {0.2f, 0.8f};
    NameRules::mix(*g, p, 2);
    EXPECT_FLOAT_EQ(p[0], 1.0f);
    EXPECT_FLOAT_EQ(p[1], 0.0f);
}

TEST(NameRules, RejectsBadInput) {
    EXPECT_THROW(NameRules::fit({"a"}, {0, 1}, 2), flowcnn::ConfigError);
    EXPECT_THROW(NameRules::fit({"a"}, {2}, 2), flowcnn::ConfigError);
    NameRuleOptions o;
    o.min_purity = 0.4;
    EXPECT_THROW(NameRules::fit({"a"}, {0}, 2, o), flowcnn::ConfigError);
    EXPECT_THROW(NameRules({{"x", false, 0, 1, 1}, {"x", false, 1, 1, 1}}), flowcnn::ConfigError);
}
