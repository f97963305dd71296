#pragma once
// Server-name rules: the CNN combined with the flow's TLS SNI / HTTP Host, as a DPI engine would
// use them. From the training flows, every name (lower-cased) and registered domain whose flows
// carry one label with high purity becomes a rule "name -> class"; at prediction a flow whose name
// matches a rule takes the rule's class, every other flow keeps the CNN's prediction. Unlike the
// "name only" baseline, an unseen or ambiguous name defers to the image model instead of guessing.
// Stored in the model file (ModelInfo::name_rules) so that classification applies the same rules.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace flowcnn::baseline {

struct NameRule {
    std::string name;        // normalized_name() of an exact name, or a registered domain ("google.com")
    bool domain = false;     // true: matches every name whose registered domain is `name`
    std::int32_t class_index = 0;
    std::int64_t flows = 0;  // training flows of the name with that class
    std::int64_t total = 0;  // training flows of the name
    double purity() const { return total > 0 ? static_cast<double>(flows) / static_cast<double>(total) : 0; }
    bool operator==(const NameRule&) const = default;
};

struct NameRuleOptions {
    std::int64_t min_flows = 2;  // a name seen once is no evidence
    double min_purity = 0.9;     // share of the name's training flows in its majority class
};

class NameRules {
public:
    NameRules() = default;
    explicit NameRules(std::vector<NameRule> rules);  // sorts; throws ConfigError on duplicates

    // `names[i]` (empty: none) belongs to training label `labels[i]`. Throws ConfigError for
    // mismatched sizes, a label outside 0..num_classes-1 or options out of range.
    static NameRules fit(const std::vector<std::string>& names, const std::vector<std::int32_t>& labels,
                         std::size_t num_classes, const NameRuleOptions& options = {});

    // The rule of a flow's name: its exact lower-cased name first, then its registered domain;
    // nullptr when none (or the name is empty).
    const NameRule* match(std::string_view name) const;

    // Hybrid prediction: the matching rule's class, else `predicted[i]`. `by_rule` (optional)
    // gets 1 where a rule decided.
    std::vector<std::int32_t> apply(const std::vector<std::string>& names, const std::vector<std::int32_t>& predicted,
                                    std::vector<char>* by_rule = nullptr) const;
    // Mixes one flow's class probabilities with its rule: purity * one-hot + (1 - purity) * p.
    static void mix(const NameRule& rule, float* probabilities, std::size_t num_classes);

    const std::vector<NameRule>& rules() const { return rules_; }
    bool empty() const { return rules_.empty(); }
    std::size_t size() const { return rules_.size(); }
    bool operator==(const NameRules&) const = default;

private:
    std::vector<NameRule> rules_;  // sorted by (domain, name)
};

}  // namespace flowcnn::baseline
