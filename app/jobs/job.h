#pragma once
// The job layer: long engine work (imports, captures, training, searches, reports) runs in a
// worker QObject moved to its own QThread. Progress and results travel to the GUI thread as queued
// signals; cancelling sets the job's flowcnn::CancelToken, which the engine checks.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <mutex>

#include "engine/common/progress.h"

namespace flowcnn::jobs {

class Job : public QObject {
    Q_OBJECT
public:
    explicit Job(QString title, QObject* parent = nullptr);
    ~Job() override;

    QString title() const { return title_; }
    // Thread-safe: asks the engine to stop at its next check.
    void cancel() noexcept {
        token_.cancel();
        onCancel();
    }
    bool cancelRequested() const noexcept { return token_.cancelled(); }
    // False for jobs that cannot stop early (they still finish on their own).
    virtual bool cancellable() const { return true; }

public slots:
    // Runs execute() on the thread the job lives in, then emits finished().
    void start();

signals:
    void progress(const QString& stage, qulonglong done, qulonglong total, const QString& message);
    // ok: the job ran to its end; cancelled: it stopped because of cancel() (partial results kept).
    void finished(bool ok, bool cancelled, const QString& message);

protected:
    // Called on the cancelling thread right after the token is set (e.g. to stop a blocking read).
    virtual void onCancel() noexcept {}
    // Runs on the job's thread. Throws flowcnn::Error (or anything else) on failure; the message
    // becomes finished()'s. Returns a one-line summary for the status bar.
    virtual QString execute() = 0;
    flowcnn::CancelToken& token() noexcept { return token_; }
    const flowcnn::CancelToken* cancelToken() const noexcept { return &token_; }
    // A ProgressFn for the engine that forwards at most every 50 ms (and always the last step).
    flowcnn::ProgressFn progressFn();
    void reportProgress(const QString& stage, qulonglong done, qulonglong total,
                        const QString& message = {});

private:
    QString title_;
    flowcnn::CancelToken token_;
    std::mutex progress_mutex_;
    QElapsedTimer last_progress_;
};

// Owns at most one running job at a time: moves it to a fresh QThread, starts it, forwards its
// signals and cleans the thread up when the job ends. Lives in the GUI thread.
class JobRunner : public QObject {
    Q_OBJECT
public:
    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;  // cancels the running job and waits for its thread

    bool busy() const { return job_ != nullptr; }
    Job* current() const { return job_; }
    // Takes ownership. Returns false (and deletes the job) when another job is running.
    bool start(Job* job);
    void cancel();
    // Blocks until the running job has ended (tests and shutdown only).
    bool wait(unsigned long ms = ULONG_MAX);

signals:
    void started(flowcnn::jobs::Job* job);
    void progress(const QString& stage, qulonglong done, qulonglong total, const QString& message);
    void finished(flowcnn::jobs::Job* job, bool ok, bool cancelled, const QString& message);
    void busyChanged(bool busy);

private:
    void onFinished(bool ok, bool cancelled, const QString& message);

    Job* job_ = nullptr;
    QThread* thread_ = nullptr;
};

}  // namespace flowcnn::jobs
