#include "widgets/flow_filter.h"

#include <QCoreApplication>
#include <QStringList>

namespace flowcnn::widgets {
namespace {

QString tr(const char* s) { return QCoreApplication::translate("FlowFilter", s); }

struct Token {
    QString text;
    int pos = 0;
    bool quoted = false;  // had quotes: never a keyword
};

// Splits on whitespace; "..." groups (also inside a token, as in label="Google Maps").
bool tokenize(const QString& s, QVector<Token>& out, QString& error, int& errorPos) {
    int i = 0;
    const int n = static_cast<int>(s.size());
    while (i < n) {
        if (s[i].isSpace()) {
            ++i;
            continue;
        }
        Token t;
        t.pos = i;
        while (i < n && !s[i].isSpace()) {
            if (s[i] == u'"') {
                t.quoted = true;
                const int open = i++;
                while (i < n && s[i] != u'"') t.text += s[i++];
                if (i >= n) {
                    error = tr("missing closing quote");
                    errorPos = open;
                    return false;
                }
                ++i;
            } else {
                t.text += s[i++];
            }
        }
        out.push_back(t);
    }
    return true;
}

bool looksLikeAddress(const QString& s) {
    if (s.isEmpty()) return false;
    bool dotted = true, colon = s.contains(u':');
    for (QChar c : s) {
        if (!(c.isDigit() || c == u'.')) dotted = false;
        if (!(c.isDigit() || c == u':' || c == u'.' || (c.toLower() >= u'a' && c.toLower() <= u'f')))
            colon = false;
    }
    return (dotted && s.count(u'.') == 3) || colon;
}

const QStringList kValueKeys = {QStringLiteral("port"), QStringLiteral("host"),
                                QStringLiteral("label"), QStringLiteral("pred"),
                                QStringLiteral("prediction"), QStringLiteral("capture")};

// Builds one AND-group's terms. Returns false with error/errorPos set.
class Builder {
public:
    store::FlowQuery::Conjunction terms;
    QString error;
    int errorPos = -1;

    bool fail(const QString& e, int pos) {
        error = e;
        errorPos = pos;
        return false;
    }

    bool term(const QString& keyIn, const QString& value, int pos, int valuePos, bool negate) {
        using K = store::FlowTermKind;
        const QString key = keyIn.toLower();
        if (key == u"port") {
            bool ok = false;
            const int p = value.toInt(&ok);
            if (value.isEmpty()) return fail(tr("'port' needs a number"), pos);
            if (!ok || p < 0 || p > 65535) return fail(tr("'%1' is not a port (0-65535)").arg(value), valuePos);
            add({.kind = K::Port, .number = p}, negate);
        } else if (key == u"host") {
            if (value.isEmpty()) return fail(tr("'host' needs an address or a name"), pos);
            add({.kind = looksLikeAddress(value) ? K::HostAddress : K::HostName, .text = value.toStdString()},
                negate);
        } else if (key == u"label") {
            if (value.isEmpty()) return fail(tr("'label' needs a value (label=none for unlabelled)"), pos);
            if (value.compare(u"none", Qt::CaseInsensitive) == 0) add({.kind = K::Unlabelled}, negate);
            else add({.kind = K::Label, .text = value.toStdString()}, negate);
        } else if (key == u"pred" || key == u"prediction") {
            if (value.isEmpty()) return fail(tr("'pred' needs a value (pred=none for unclassified)"), pos);
            if (value.compare(u"none", Qt::CaseInsensitive) == 0) add({.kind = K::Unpredicted}, negate);
            else add({.kind = K::Prediction, .text = value.toStdString()}, negate);
        } else if (key == u"capture") {
            bool ok = false;
            const qlonglong id = value.toLongLong(&ok);
            if (value.isEmpty()) return fail(tr("'capture' needs a capture number"), pos);
            if (!ok || id <= 0) return fail(tr("'%1' is not a capture number").arg(value), valuePos);
            add({.kind = K::Capture, .number = id}, negate);
        } else {
            return fail(tr("unknown field '%1'").arg(keyIn), pos);
        }
        return true;
    }

    void add(store::FlowTerm t, bool negate) {
        t.negated = negate;
        terms.push_back(std::move(t));
    }

    void word(const QString& w, bool negate) {
        add({.kind = store::FlowTermKind::Text, .text = w.toStdString()}, negate);
    }
};

}  // namespace

FlowFilter FlowFilter::parse(const QString& text) {
    FlowFilter f;
    f.text_ = text;
    QVector<Token> tokens;
    if (!tokenize(text, tokens, f.error_, f.errorPos_)) return f;

    std::vector<store::FlowQuery::Conjunction> groups;
    Builder b;
    bool negate = false;
    int negatePos = -1;
    auto closeGroup = [&](int pos) {
        if (negate) return b.fail(tr("'not' must be followed by a term"), negatePos);
        if (b.terms.empty()) return b.fail(tr("'or' needs a term on each side"), pos);
        groups.push_back(std::move(b.terms));
        b.terms.clear();
        return true;
    };
    bool ok = true;
    for (int i = 0; ok && i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        const QString lower = t.text.toLower();
        if (!t.quoted) {
            if (lower == u"and" || lower == u"&&") continue;
            if (lower == u"or" || lower == u"||") {
                ok = closeGroup(t.pos);
                continue;
            }
            if (lower == u"not" || lower == u"!") {
                negate = !negate;
                negatePos = t.pos;
                continue;
            }
            if (lower.startsWith(u'!') && lower.size() > 1) {
                // "!tcp": negate and re-read the rest as a token
                const Token rest{t.text.mid(1), t.pos + 1, false};
                negate = !negate;
                negatePos = t.pos;
                tokens.insert(i + 1, rest);  // invalidates t
                continue;
            }
            if (lower == u"tcp" || lower == u"udp" || lower == u"icmp") {
                // icmp: 1 stands for ICMP and ICMPv6 (see store::FlowTermKind::Protocol)
                const int proto = lower == u"tcp" ? 6 : lower == u"udp" ? 17 : 1;
                b.add({.kind = store::FlowTermKind::Protocol, .number = proto}, negate);
                negate = false;
                continue;
            }
            if (lower == u"image") {
                b.add({.kind = store::FlowTermKind::HasImage}, negate);
                negate = false;
                continue;
            }
            // key=value, key==value, key:value (':' only for known keys: IPv6 has colons)
            int eq = static_cast<int>(t.text.indexOf(u'='));
            const int colon = static_cast<int>(t.text.indexOf(u':'));
            if (eq < 0 && colon > 0 && kValueKeys.contains(t.text.left(colon).toLower())) eq = colon;
            if (eq == 0) {
                ok = b.fail(tr("'%1' needs a field name before '='").arg(t.text), t.pos);
                continue;
            }
            if (eq > 0) {
                QString value = t.text.mid(eq + 1);
                int skip = 0;
                while (value.startsWith(u'=')) {
                    value.remove(0, 1);
                    ++skip;
                }
                ok = b.term(t.text.left(eq), value, t.pos, t.pos + eq + 1 + skip, negate);
                negate = false;
                continue;
            }
            if (kValueKeys.contains(lower)) {
                if (i + 1 >= tokens.size()) {
                    ok = b.term(lower, QString(), t.pos, t.pos, negate);
                    continue;
                }
                const Token& v = tokens[i + 1];
                ++i;
                ok = b.term(lower, v.text, t.pos, v.pos, negate);
                negate = false;
                continue;
            }
        }
        if (t.text.isEmpty()) continue;
        b.word(t.text, negate);
        negate = false;
    }
    if (ok && negate) ok = b.fail(tr("'not' must be followed by a term"), negatePos);
    if (ok && !groups.empty()) ok = closeGroup(static_cast<int>(text.size()));
    if (!ok) {
        f.error_ = b.error;
        f.errorPos_ = b.errorPos;
        return f;
    }
    if (!b.terms.empty()) groups.push_back(std::move(b.terms));
    f.query_.alternatives = std::move(groups);
    return f;
}

}  // namespace flowcnn::widgets
