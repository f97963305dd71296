#pragma once
// Labelling rules: a text file, one rule per line, applied to flows at import time or later.
//
//   # comments start with '#'; blank lines are ignored
//   label=Google   host=*.google.com,google.com
//   label=DNS      port=53
//   label=Corp     cidr=10.0.0.0/8 proto=udp
//   label=-        sni=*.windowsupdate.com      # "-" removes the label (flow left out of datasets)
//   label="Kakao Talk" server_port=443 capture=kakao*
//
// A rule is `label=VALUE` plus conditions `key=v1,v2,...` (a condition matches when any of its
// values does). All conditions of a rule must match; the first matching rule wins. A rule without
// conditions matches every flow. Values may be double-quoted (to hold spaces or '#').
//
// Conditions:
//   host=GLOB         SNI or HTTP Host matches (glob: '*' any run, '?' one character, no case)
//   sni=GLOB          TLS ClientHello server name matches
//   http_host=GLOB    HTTP Host header matches
//   port=N            client or server port;   server_port=N, client_port=N
//   proto=tcp|udp|N   transport protocol
//   cidr=NET/LEN      client or server address in the network (IPv4 or IPv6; a plain address is /32
//                     or /128);   server_cidr=..., client_cidr=...
//   vlan=N            outermost VLAN id (0: untagged)
//   capture=GLOB      the capture's file name
// Syntax errors throw ConfigError naming the file and line.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/progress.h"
#include "engine/packet/packet.h"
#include "engine/store/importer.h"

namespace flowcnn::store {
class Project;
}

namespace flowcnn::dataset {

// What a rule can look at: a flow's endpoints, protocol and hints.
struct FlowFacts {
    int l4proto = 0;
    int vlan = 0;
    packet::IpAddress client, server;
    int client_port = 0, server_port = 0;
    std::string_view sni, http_host;
    std::string_view capture_name;
};

struct Cidr {
    packet::IpAddress network;
    int prefix = 0;  // bits
    bool contains(const packet::IpAddress& a) const;
    static bool parse(std::string_view text, Cidr& out);  // "10.0.0.0/8", "2001:db8::/32", "1.2.3.4"
};

struct Rule {
    int line = 0;                      // 1-based line in the rules text
    std::optional<std::string> label;  // nullopt: the rule removes the label ("label=-")
    std::vector<std::string> hosts, snis, http_hosts, captures;  // globs, lower case
    std::vector<int> ports, server_ports, client_ports, protos, vlans;
    std::vector<Cidr> cidrs, server_cidrs, client_cidrs;

    bool matches(const FlowFacts& f) const;
};

class RuleSet {
public:
    // Parses rules text; `source` names it in error messages (e.g. the file path).
    static RuleSet parse(std::string_view text, std::string_view source = "rules");
    // Reads and parses a rules file. IoError when unreadable, ConfigError on a syntax error.
    static RuleSet load(const std::string& path);

    // The first rule matching `f`, or nullptr.
    const Rule* match(const FlowFacts& f) const;
    const std::vector<Rule>& rules() const { return rules_; }
    bool empty() const { return rules_.empty(); }

private:
    std::vector<Rule> rules_;
};

// Case-insensitive glob match ('*' and '?').
bool glob_match(std::string_view pattern, std::string_view text);

struct ApplyRulesResult {
    std::int64_t examined = 0;  // flows looked at
    std::int64_t matched = 0;   // flows some rule matched
    std::int64_t changed = 0;   // flows whose label changed
    std::vector<std::int64_t> per_rule;  // matches per rule, in rule order
};

// Applies the rules to the project's flows (all of them, or only the unlabelled ones) and sets
// label_source = 'rule' on the flows a rule labels. Flows no rule matches keep their label.
// One transaction; throws CancelledError (nothing changed) when cancelled.
ApplyRulesResult apply_rules(store::Project& project, const RuleSet& rules, bool only_unlabelled,
                             const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

// The rules as an import applies them to each flow as it is stored (store::ImportOptions::rules).
store::ImportRules import_rules(RuleSet rules);

}  // namespace flowcnn::dataset
