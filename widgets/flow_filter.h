#pragma once
// The flow table's display filter: a small Wireshark/BPF-like language, parsed into an SQL WHERE
// clause over `flows f` (and the latest prediction `cf`). Terms are ANDed; `not` negates one term.
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
#include <QVariantList>

namespace flowcnn::widgets {

class FlowFilter {
public:
    FlowFilter() = default;  // empty: every flow
    static FlowFilter parse(const QString& text);

    bool isValid() const { return error_.isEmpty(); }
    bool isEmpty() const { return sql_.isEmpty() && isValid(); }
    const QString& text() const { return text_; }
    // Why parsing failed (translated) and the character position it refers to (-1 when valid).
    const QString& errorString() const { return error_; }
    int errorPosition() const { return errorPos_; }
    // A boolean SQL expression over `flows f` and `cf` (classified_flows); empty matches all.
    // Placeholders are positional (`?`), their values in sqlArguments().
    const QString& sqlWhere() const { return sql_; }
    const QVariantList& sqlArguments() const { return args_; }
    // True when the expression uses `cf` (the prediction join).
    bool usesPrediction() const { return usesPrediction_; }

    friend bool operator==(const FlowFilter& a, const FlowFilter& b) { return a.text_ == b.text_; }

private:
    QString text_, error_, sql_;
    int errorPos_ = -1;
    QVariantList args_;
    bool usesPrediction_ = false;
};

}  // namespace flowcnn::widgets
