#pragma once
// The flow table's display filter: a small Wireshark/BPF-like language, parsed into the store's
// flow query description (store::FlowQuery, compiled to SQL in engine/store). Terms are ANDed,
// `or` separates alternatives; `not` negates one term.
//
//   tcp | udp | icmp            protocol
//   port 443                    client or server port
//   host 10.0.0.1 | host google address equal, or SNI / HTTP Host containing the word
//   label=Google | label:Google ground-truth label (exact, case-insensitive); label=none: unlabelled
//   pred=Google                 predicted label of the latest classification
//   capture=3                   capture id
//   image                       flows with payload (an image)
//   word | "two words"          substring of either address, SNI, HTTP Host or label
//
// Example: `tcp port 443 host google not label=none`.
#include <QString>

#include "engine/store/flow_query.h"

namespace flowcnn::widgets {

class FlowFilter {
public:
    FlowFilter() = default;  // empty: every flow
    static FlowFilter parse(const QString& text);

    bool isValid() const { return error_.isEmpty(); }
    bool isEmpty() const { return query_.empty() && isValid(); }
    const QString& text() const { return text_; }
    // Why parsing failed (translated) and the character position it refers to (-1 when valid).
    const QString& errorString() const { return error_; }
    int errorPosition() const { return errorPos_; }
    // What the filter selects; empty matches all (and so does an invalid filter).
    const store::FlowQuery& query() const { return query_; }

    friend bool operator==(const FlowFilter& a, const FlowFilter& b) { return a.text_ == b.text_; }

private:
    QString text_, error_;
    int errorPos_ = -1;
    store::FlowQuery query_;
};

}  // namespace flowcnn::widgets
