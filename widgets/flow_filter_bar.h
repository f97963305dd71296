#pragma once
// The display-filter line: checks the syntax as you type (green valid, red invalid with the reason
// as tooltip), applies on Enter, keeps a history (Up/Down, completer) of applied filters.
#include <QLineEdit>
#include <QStringList>

#include "widgets/flow_filter.h"

class QStringListModel;

namespace flowcnn::widgets {

class FlowFilterBar : public QLineEdit {
    Q_OBJECT
public:
    explicit FlowFilterBar(QWidget* parent = nullptr);

    FlowFilter currentFilter() const { return FlowFilter::parse(text()); }
    bool isCurrentValid() const { return currentFilter().isValid(); }

    // Most recent first; bounded by maxHistory (default 50). For QSettings.
    QStringList history() const { return history_; }
    void setHistory(const QStringList& entries);
    void setMaxHistory(int n);

public Q_SLOTS:
    // Applies the current text if valid (as Enter does): adds it to the history, emits filterApplied.
    bool apply();
    void clearFilter();  // empties the line and applies the empty filter

Q_SIGNALS:
    void filterApplied(const flowcnn::widgets::FlowFilter& filter);
    void validityChanged(bool valid);

protected:
    void keyPressEvent(QKeyEvent* e) override;
    void changeEvent(QEvent* e) override;

private:
    void check();
    void retranslate();
    void addToHistory(const QString& s);

    QStringList history_;
    QStringListModel* historyModel_;
    int historyPos_ = -1;
    int maxHistory_ = 50;
    bool lastValid_ = true;
};

}  // namespace flowcnn::widgets
