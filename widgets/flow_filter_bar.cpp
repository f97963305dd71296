#include "widgets/flow_filter_bar.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QEvent>
#include <QKeyEvent>
#include <QStringListModel>

namespace flowcnn::widgets {

FlowFilterBar::FlowFilterBar(QWidget* parent) : QLineEdit(parent), historyModel_(new QStringListModel(this)) {
    setClearButtonEnabled(true);
    auto* completer = new QCompleter(historyModel_, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    setCompleter(completer);
    connect(this, &QLineEdit::textChanged, this, [this] {
        historyPos_ = -1;
        check();
    });
    connect(this, &QLineEdit::returnPressed, this, &FlowFilterBar::apply);
    retranslate();
    check();
}

void FlowFilterBar::retranslate() {
    setPlaceholderText(tr("Filter flows, e.g. tcp port 443 host google label=Google"));
    setAccessibleName(tr("Flow filter"));
    check();
}

void FlowFilterBar::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QLineEdit::changeEvent(e);
}

void FlowFilterBar::check() {
    const FlowFilter f = currentFilter();
    const bool valid = f.isValid();
    // Wireshark's colours: green valid, red invalid, plain when empty.
    if (text().trimmed().isEmpty())
        setStyleSheet(QString());
    else if (valid)
        setStyleSheet(QStringLiteral("QLineEdit { background-color: #c8f7c5; color: black; }"));
    else
        setStyleSheet(QStringLiteral("QLineEdit { background-color: #ffc4c4; color: black; }"));
    if (valid) {
        setToolTip(tr("Press Enter to apply. Terms: tcp, udp, port N, host X, label=X, pred=X, "
                      "capture=N, image, not, or, words."));
    } else {
        setToolTip(tr("Invalid filter at character %1: %2").arg(f.errorPosition() + 1).arg(f.errorString()));
    }
    setProperty("filterValid", valid);
    if (valid != lastValid_) {
        lastValid_ = valid;
        Q_EMIT validityChanged(valid);
    }
}

bool FlowFilterBar::apply() {
    const FlowFilter f = currentFilter();
    if (!f.isValid()) return false;
    if (!text().trimmed().isEmpty()) addToHistory(text().trimmed());
    Q_EMIT filterApplied(f);
    return true;
}

void FlowFilterBar::clearFilter() {
    clear();
    apply();
}

void FlowFilterBar::addToHistory(const QString& s) {
    history_.removeAll(s);
    history_.prepend(s);
    while (history_.size() > maxHistory_) history_.removeLast();
    historyModel_->setStringList(history_);
    historyPos_ = -1;
}

void FlowFilterBar::setHistory(const QStringList& entries) {
    history_.clear();
    for (const QString& e : entries)
        if (!e.trimmed().isEmpty() && !history_.contains(e.trimmed())) history_ << e.trimmed();
    while (history_.size() > maxHistory_) history_.removeLast();
    historyModel_->setStringList(history_);
    historyPos_ = -1;
}

void FlowFilterBar::setMaxHistory(int n) {
    maxHistory_ = std::max(1, n);
    setHistory(history_);
}

void FlowFilterBar::keyPressEvent(QKeyEvent* e) {
    // Up/Down walk the history, as in a shell, unless the completer popup is open.
    const bool popup = completer() && completer()->popup() && completer()->popup()->isVisible();
    if (!popup && (e->key() == Qt::Key_Up || e->key() == Qt::Key_Down) && !history_.isEmpty()) {
        int pos = historyPos_ + (e->key() == Qt::Key_Up ? 1 : -1);
        pos = std::clamp(pos, -1, static_cast<int>(history_.size()) - 1);
        const QString t = pos < 0 ? QString() : history_[pos];
        setText(t);  // resets historyPos_ through textChanged
        historyPos_ = pos;
        e->accept();
        return;
    }
    if (e->key() == Qt::Key_Escape && !popup) {
        clearFilter();
        e->accept();
        return;
    }
    QLineEdit::keyPressEvent(e);
}

}  // namespace flowcnn::widgets
