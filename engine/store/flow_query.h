#pragma once
// The one description of "which flows": what the display filter language (widgets/flow_filter)
// and the CLI's flow options (store::FlowFilter) both compile to, and the one place that turns it
// into SQL over `flows f` (and, for prediction terms, the latest prediction `cf`).
//
// A query is alternatives (OR) of conjunctions (AND) of terms; each term may be negated. An empty
// query matches every flow.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace flowcnn::store {

class Statement;

enum class FlowTermKind {
    Protocol,     // number: 6 tcp, 17 udp, 1 icmp (ICMP or ICMPv6)
    Port,         // number: client or server port
    HostAddress,  // text: client or server address equals
    HostName,     // text: TLS SNI or HTTP Host contains it (case-insensitive for ASCII)
    Label,        // text: ground-truth label, exact but case-insensitive for ASCII
    Unlabelled,   // no ground-truth label (NULL or empty)
    Prediction,   // text: predicted label of the latest classification, as Label
    Unpredicted,  // no prediction in the latest classifications
    Capture,      // number: capture id
    HasImage,     // the flow has payload (a head, so an image)
    Text,         // text: substring of either address, SNI, HTTP Host or label (ASCII case-insensitive)
};

struct FlowTerm {
    FlowTermKind kind = FlowTermKind::Text;
    bool negated = false;
    std::string text{};
    std::int64_t number = 0;
};

struct FlowQuery {
    using Conjunction = std::vector<FlowTerm>;
    std::vector<Conjunction> alternatives;  // ORed; empty: every flow

    bool empty() const { return alternatives.empty(); }
    // ANDs a term to the last alternative (the first one, when there is none yet).
    FlowQuery& and_term(FlowTerm term);
    // True when a term asks for the latest prediction (the caller then joins `cf`).
    bool uses_prediction() const;
};

// A boolean SQL expression over `flows f` (and `cf` when the query uses the prediction) with its
// positional '?' arguments in order. `sql` is empty for an empty query.
struct FlowWhere {
    std::string sql;
    std::vector<std::variant<std::int64_t, std::string>> args;
    // Binds the arguments starting at parameter `first`; returns the next free parameter.
    int bind(Statement& st, int first = 1) const;
    // " WHERE <sql>", or nothing for an empty query.
    std::string clause() const { return sql.empty() ? std::string() : " WHERE " + sql; }
};

FlowWhere compile_flow_query(const FlowQuery& query);

}  // namespace flowcnn::store
