#pragma once
// The one progress frame of the status bar (after Wireshark's progress_frame.cpp): it appears only
// when a job has run for half a second, shows the stage and a bar, and has a stop button while the
// job can be cancelled.
#include <QElapsedTimer>
#include <QFrame>
#include <QTimer>

class QLabel;
class QProgressBar;
class QToolButton;

namespace flowcnn::gui {

class ProgressFrame : public QFrame {
    Q_OBJECT
public:
    explicit ProgressFrame(QWidget* parent = nullptr);

    // Delay before the frame shows (500 ms by default).
    void setShowDelay(int ms) { delay_ms_ = ms; }
    bool running() const { return running_; }

public slots:
    void begin(const QString& title, bool cancellable);
    void update(const QString& stage, qulonglong done, qulonglong total, const QString& message);
    void end();

signals:
    void stopRequested();

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslate();

    QLabel* label_;
    QProgressBar* bar_;
    QToolButton* stop_;
    QTimer show_timer_;
    int delay_ms_ = 500;
    bool running_ = false;
    QString title_;
};

}  // namespace flowcnn::gui
