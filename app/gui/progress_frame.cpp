#include "app/gui/progress_frame.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>

namespace flowcnn::gui {

ProgressFrame::ProgressFrame(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("progressFrame"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    label_ = new QLabel(this);
    bar_ = new QProgressBar(this);
    bar_->setMaximumWidth(220);
    bar_->setMaximumHeight(16);
    bar_->setTextVisible(false);
    stop_ = new QToolButton(this);
    stop_->setIcon(style()->standardIcon(QStyle::SP_BrowserStop));
    stop_->setAutoRaise(true);
    layout->addWidget(label_);
    layout->addWidget(bar_);
    layout->addWidget(stop_);
    connect(stop_, &QToolButton::clicked, this, [this] {
        stop_->setEnabled(false);
        emit stopRequested();
    });
    show_timer_.setSingleShot(true);
    connect(&show_timer_, &QTimer::timeout, this, [this] {
        if (running_) show();
    });
    retranslate();
    hide();
}

void ProgressFrame::begin(const QString& title, bool cancellable) {
    running_ = true;
    title_ = title;
    label_->setText(title);
    bar_->setRange(0, 0);
    stop_->setVisible(cancellable);
    stop_->setEnabled(cancellable);
    show_timer_.start(delay_ms_);
}

void ProgressFrame::update(const QString& stage, qulonglong done, qulonglong total,
                           const QString& message) {
    if (!running_) return;
    if (total > 0) {
        // Scale to int range.
        const double f = static_cast<double>(done) / static_cast<double>(total);
        bar_->setRange(0, 1000);
        bar_->setValue(static_cast<int>(qBound(0.0, f, 1.0) * 1000));
    } else {
        bar_->setRange(0, 0);
    }
    label_->setText(message.isEmpty() ? title_ : title_ + QStringLiteral(": ") + message);
    Q_UNUSED(stage);
}

void ProgressFrame::end() {
    running_ = false;
    show_timer_.stop();
    hide();
}

void ProgressFrame::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QFrame::changeEvent(e);
}

void ProgressFrame::retranslate() {
    stop_->setToolTip(tr("Stop"));
    stop_->setAccessibleName(tr("Stop the running job"));
    bar_->setAccessibleName(tr("Job progress"));
}

}  // namespace flowcnn::gui
