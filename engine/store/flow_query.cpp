#include "engine/store/flow_query.h"

#include "engine/store/database.h"

namespace flowcnn::store {
namespace {

// A LIKE pattern matching `text` anywhere, its wildcards taken literally (ESCAPE '\\'). LIKE
// folds ASCII case, as the filters promise, and is about twice as fast as instr(lower(...)).
std::string contains_pattern(std::string_view text) {
    std::string p = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') p += '\\';
        p += c;
    }
    p += '%';
    return p;
}

// One term's SQL (parenthesised) and arguments, appended to `w`.
void compile_term(const FlowTerm& t, FlowWhere& w) {
    auto text = [&](std::string s, int times = 1) {
        for (int i = 0; i < times; ++i) w.args.emplace_back(s);
    };
    auto number = [&](std::int64_t v, int times = 1) {
        for (int i = 0; i < times; ++i) w.args.emplace_back(v);
    };
    std::string sql;
    switch (t.kind) {
        case FlowTermKind::Protocol:
            if (t.number == 1) {
                sql = "(f.l4proto IN (1, 58))";
            } else {
                sql = "(f.l4proto = ?)";
                number(t.number);
            }
            break;
        case FlowTermKind::Port:
            sql = "(f.client_port = ? OR f.server_port = ?)";
            number(t.number, 2);
            break;
        case FlowTermKind::HostAddress:
            sql = "(f.client_ip = ? OR f.server_ip = ?)";
            text(t.text, 2);
            break;
        case FlowTermKind::HostName:
            sql = "(coalesce(f.sni,'') LIKE ? ESCAPE '\\' OR coalesce(f.http_host,'') LIKE ? ESCAPE '\\')";
            text(contains_pattern(t.text), 2);
            break;
        case FlowTermKind::Label:
            sql = "(f.label = ? COLLATE NOCASE)";
            text(t.text);
            break;
        case FlowTermKind::Unlabelled: sql = "(f.label IS NULL OR f.label = '')"; break;
        case FlowTermKind::Prediction:
            sql = "(cf.label = ? COLLATE NOCASE)";
            text(t.text);
            break;
        case FlowTermKind::Unpredicted: sql = "(cf.label IS NULL)"; break;
        case FlowTermKind::Capture:
            sql = "(f.capture_id = ?)";
            number(t.number);
            break;
        case FlowTermKind::HasImage: sql = "(f.head IS NOT NULL)"; break;
        case FlowTermKind::Text:
            // Field by field, so that a word never matches across two fields; coalesce keeps a
            // negated term true for flows without an SNI, HTTP Host or label.
            sql = "(f.client_ip LIKE ? ESCAPE '\\' OR f.server_ip LIKE ? ESCAPE '\\' OR "
                  "coalesce(f.sni,'') LIKE ? ESCAPE '\\' OR coalesce(f.http_host,'') LIKE ? ESCAPE '\\' OR "
                  "coalesce(f.label,'') LIKE ? ESCAPE '\\')";
            text(contains_pattern(t.text), 5);
            break;
    }
    w.sql += t.negated ? "NOT " + sql : sql;
}

}  // namespace

FlowQuery& FlowQuery::and_term(FlowTerm term) {
    if (alternatives.empty()) alternatives.emplace_back();
    alternatives.back().push_back(std::move(term));
    return *this;
}

bool FlowQuery::uses_prediction() const {
    for (const auto& group : alternatives)
        for (const auto& t : group)
            if (t.kind == FlowTermKind::Prediction || t.kind == FlowTermKind::Unpredicted) return true;
    return false;
}

int FlowWhere::bind(Statement& st, int first) const {
    for (const auto& a : args) {
        if (const auto* n = std::get_if<std::int64_t>(&a)) st.bind(first, *n);
        else st.bind(first, std::get<std::string>(a));
        ++first;
    }
    return first;
}

FlowWhere compile_flow_query(const FlowQuery& query) {
    FlowWhere w;
    const bool several = query.alternatives.size() > 1;
    if (several) w.sql += "((";
    for (std::size_t g = 0; g < query.alternatives.size(); ++g) {
        if (g > 0) w.sql += ") OR (";
        const auto& group = query.alternatives[g];
        for (std::size_t i = 0; i < group.size(); ++i) {
            if (i > 0) w.sql += " AND ";
            compile_term(group[i], w);
        }
    }
    if (several) w.sql += "))";
    return w;
}

}  // namespace flowcnn::store
