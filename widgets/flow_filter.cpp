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
    QStringList terms;
    QVariantList args;
    bool usesPrediction = false;
    QString error;
    int errorPos = -1;

    bool fail(const QString& e, int pos) {
        error = e;
        errorPos = pos;
        return false;
    }

    bool term(const QString& keyIn, const QString& value, int pos, int valuePos, bool negate) {
        const QString key = keyIn.toLower();
        QString sql;
        if (key == u"port") {
            bool ok = false;
            const int p = value.toInt(&ok);
            if (value.isEmpty()) return fail(tr("'port' needs a number"), pos);
            if (!ok || p < 0 || p > 65535) return fail(tr("'%1' is not a port (0-65535)").arg(value), valuePos);
            sql = QStringLiteral("(f.client_port = ? OR f.server_port = ?)");
            args << p << p;
        } else if (key == u"host") {
            if (value.isEmpty()) return fail(tr("'host' needs an address or a name"), pos);
            if (looksLikeAddress(value)) {
                sql = QStringLiteral("(f.client_ip = ? OR f.server_ip = ?)");
                args << value << value;
            } else {
                sql = QStringLiteral(
                    "(instr(lower(coalesce(f.sni,'')), ?) > 0 OR instr(lower(coalesce(f.http_host,'')), ?) > 0)");
                args << value.toLower() << value.toLower();
            }
        } else if (key == u"label") {
            if (value.isEmpty()) return fail(tr("'label' needs a value (label=none for unlabelled)"), pos);
            if (value.compare(u"none", Qt::CaseInsensitive) == 0) {
                sql = QStringLiteral("(f.label IS NULL OR f.label = '')");
            } else {
                sql = QStringLiteral("(f.label = ? COLLATE NOCASE)");
                args << value;
            }
        } else if (key == u"pred" || key == u"prediction") {
            if (value.isEmpty()) return fail(tr("'pred' needs a value (pred=none for unclassified)"), pos);
            usesPrediction = true;
            if (value.compare(u"none", Qt::CaseInsensitive) == 0) {
                sql = QStringLiteral("(cf.label IS NULL)");
            } else {
                sql = QStringLiteral("(cf.label = ? COLLATE NOCASE)");
                args << value;
            }
        } else if (key == u"capture") {
            bool ok = false;
            const qlonglong id = value.toLongLong(&ok);
            if (value.isEmpty()) return fail(tr("'capture' needs a capture number"), pos);
            if (!ok || id <= 0) return fail(tr("'%1' is not a capture number").arg(value), valuePos);
            sql = QStringLiteral("(f.capture_id = ?)");
            args << id;
        } else {
            return fail(tr("unknown field '%1'").arg(keyIn), pos);
        }
        terms << (negate ? QStringLiteral("NOT ") + sql : sql);
        return true;
    }

    void flag(const QString& sql, bool negate) { terms << (negate ? QStringLiteral("NOT ") + sql : sql); }

    void word(const QString& w, bool negate) {
        flag(QStringLiteral("(instr(lower(f.client_ip || ' ' || f.server_ip || ' ' || coalesce(f.sni,'') || ' ' || "
                            "coalesce(f.http_host,'') || ' ' || coalesce(f.label,'')), ?) > 0)"),
             negate);
        args << w.toLower();
    }
};

}  // namespace

FlowFilter FlowFilter::parse(const QString& text) {
    FlowFilter f;
    f.text_ = text;
    QVector<Token> tokens;
    if (!tokenize(text, tokens, f.error_, f.errorPos_)) return f;

    QStringList groups;
    Builder b;
    bool negate = false;
    int negatePos = -1;
    auto closeGroup = [&](int pos) {
        if (negate) return b.fail(tr("'not' must be followed by a term"), negatePos);
        if (b.terms.isEmpty()) return b.fail(tr("'or' needs a term on each side"), pos);
        groups << b.terms.join(QStringLiteral(" AND "));
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
                b.flag(lower == u"tcp"   ? QStringLiteral("(f.l4proto = 6)")
                       : lower == u"udp" ? QStringLiteral("(f.l4proto = 17)")
                                         : QStringLiteral("(f.l4proto IN (1, 58))"),
                       negate);
                negate = false;
                continue;
            }
            if (lower == u"image") {
                b.flag(QStringLiteral("(f.head IS NOT NULL)"), negate);
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
    if (ok && !groups.isEmpty()) ok = closeGroup(static_cast<int>(text.size()));
    if (!ok) {
        f.error_ = b.error;
        f.errorPos_ = b.errorPos;
        return f;
    }
    if (!b.terms.isEmpty()) groups << b.terms.join(QStringLiteral(" AND "));
    if (groups.size() == 1)
        f.sql_ = groups.front();
    else if (groups.size() > 1)
        f.sql_ = QStringLiteral("((") + groups.join(QStringLiteral(") OR (")) + QStringLiteral("))");
    f.args_ = b.args;
    f.usesPrediction_ = b.usesPrediction;
    return f;
}

}  // namespace flowcnn::widgets
