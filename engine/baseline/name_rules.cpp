#include "engine/baseline/name_rules.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "engine/baseline/baseline.h"
#include "engine/common/error.h"

namespace flowcnn::baseline {

namespace {

bool rule_less(const NameRule& a, const NameRule& b) {
    return std::tie(a.domain, a.name) < std::tie(b.domain, b.name);
}

// One rule per key whose majority class holds at least min_purity of at least min_flows flows.
void add_rules(const std::map<std::string, std::vector<std::int64_t>>& counts, bool domain,
               const NameRuleOptions& o, std::vector<NameRule>& out) {
    for (const auto& [key, per_class] : counts) {
        std::int64_t total = 0;
        for (auto n : per_class) total += n;
        const auto best = std::max_element(per_class.begin(), per_class.end());  // ties: lower index
        if (total < o.min_flows || static_cast<double>(*best) < o.min_purity * static_cast<double>(total)) continue;
        out.push_back({key, domain, static_cast<std::int32_t>(best - per_class.begin()), *best, total});
    }
}

}  // namespace

NameRules::NameRules(std::vector<NameRule> rules) : rules_(std::move(rules)) {
    std::sort(rules_.begin(), rules_.end(), rule_less);
    for (std::size_t i = 1; i < rules_.size(); ++i)
        if (rules_[i - 1].domain == rules_[i].domain && rules_[i - 1].name == rules_[i].name)
            throw ConfigError("name rules: '" + rules_[i].name + "' appears twice");
}

NameRules NameRules::fit(const std::vector<std::string>& names, const std::vector<std::int32_t>& labels,
                         std::size_t num_classes, const NameRuleOptions& o) {
    if (names.size() != labels.size()) throw ConfigError("name rules: names and labels differ in length");
    if (o.min_flows < 1) throw ConfigError("name rules: the minimum number of flows must be at least 1");
    if (!(o.min_purity > 0.5 && o.min_purity <= 1))
        throw ConfigError("name rules: the minimum purity must be in (0.5, 1]");
    std::map<std::string, std::vector<std::int64_t>> exact, domain;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0 || static_cast<std::size_t>(labels[i]) >= num_classes)
            throw ConfigError("name rules: label outside the classes");
        if (names[i].empty()) continue;
        auto& e = exact[normalized_name(names[i])];
        auto& d = domain[registered_domain(names[i])];
        if (e.empty()) e.resize(num_classes);
        if (d.empty()) d.resize(num_classes);
        ++e[static_cast<std::size_t>(labels[i])];
        ++d[static_cast<std::size_t>(labels[i])];
    }
    std::vector<NameRule> rules;
    add_rules(exact, false, o, rules);
    add_rules(domain, true, o, rules);
    return NameRules(std::move(rules));
}

const NameRule* NameRules::match(std::string_view name) const {
    if (name.empty() || rules_.empty()) return nullptr;
    auto find = [this](bool domain, const std::string& key) -> const NameRule* {
        NameRule probe;
        probe.domain = domain;
        probe.name = key;
        auto it = std::lower_bound(rules_.begin(), rules_.end(), probe, rule_less);
        return it != rules_.end() && it->domain == domain && it->name == key ? &*it : nullptr;
    };
    if (auto* r = find(false, normalized_name(name))) return r;
    return find(true, registered_domain(name));
}

std::vector<std::int32_t> NameRules::apply(const std::vector<std::string>& names,
                                           const std::vector<std::int32_t>& predicted,
                                           std::vector<char>* by_rule) const {
    if (names.size() != predicted.size()) throw ConfigError("name rules: names and predictions differ in length");
    std::vector<std::int32_t> out(predicted);
    if (by_rule) by_rule->assign(out.size(), 0);
    for (std::size_t i = 0; i < out.size(); ++i)
        if (const auto* r = match(names[i])) {
            out[i] = r->class_index;
            if (by_rule) (*by_rule)[i] = 1;
        }
    return out;
}

void NameRules::mix(const NameRule& rule, float* p, std::size_t num_classes) {
    if (rule.class_index < 0 || static_cast<std::size_t>(rule.class_index) >= num_classes) return;
    const auto w = static_cast<float>(rule.purity());
    for (std::size_t c = 0; c < num_classes; ++c) p[c] *= 1.0f - w;
    p[rule.class_index] += w;
}

}  // namespace flowcnn::baseline
