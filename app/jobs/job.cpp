#include "app/jobs/job.h"

#include <QCoreApplication>
#include <exception>

#include "engine/common/error.h"

namespace flowcnn::jobs {

Job::Job(QString title, QObject* parent) : QObject(parent), title_(std::move(title)) {}

Job::~Job() = default;

void Job::start() {
    QString message;
    bool ok = false;
    try {
        message = execute();
        ok = !token_.cancelled();
    } catch (const flowcnn::CancelledError&) {
        ok = false;
    } catch (const std::exception& e) {
        message = QString::fromUtf8(e.what());
    } catch (...) {
        message = tr("Unknown error");
    }
    emit finished(ok, token_.cancelled(), message);
}

void Job::reportProgress(const QString& stage, qulonglong done, qulonglong total,
                         const QString& message) {
    std::lock_guard lock(progress_mutex_);
    const bool last = total != 0 && done >= total;
    if (!last && last_progress_.isValid() && last_progress_.elapsed() < 50) return;
    last_progress_.start();
    emit progress(stage, done, total, message);
}

flowcnn::ProgressFn Job::progressFn() {
    return [this](const flowcnn::Progress& p) {
        reportProgress(QString::fromStdString(p.stage), p.done, p.total,
                       QString::fromStdString(p.message));
    };
}

JobRunner::JobRunner(QObject* parent) : QObject(parent) {}

JobRunner::~JobRunner() {
    if (job_) {
        job_->cancel();
        thread_->quit();
        thread_->wait();
        delete job_;
        delete thread_;
    }
}

bool JobRunner::start(Job* job) {
    if (job_) {
        delete job;
        return false;
    }
    job_ = job;
    job_->setParent(nullptr);
    thread_ = new QThread;
    thread_->setObjectName(QStringLiteral("job"));
    job_->moveToThread(thread_);
    connect(thread_, &QThread::started, job_, &Job::start);
    connect(job_, &Job::progress, this, &JobRunner::progress);
    connect(job_, &Job::finished, this, &JobRunner::onFinished);
    thread_->start();
    emit started(job_);
    emit busyChanged(true);
    return true;
}

void JobRunner::cancel() {
    if (job_) job_->cancel();
}

bool JobRunner::wait(unsigned long ms) {
    if (!job_) return true;
    QThread* t = thread_;
    // The job's finished() is queued to us; spin the event loop until it arrives.
    QElapsedTimer timer;
    timer.start();
    while (job_ != nullptr && thread_ == t) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        if (ms != ULONG_MAX && static_cast<unsigned long>(timer.elapsed()) > ms) return false;
    }
    return true;
}

void JobRunner::onFinished(bool ok, bool cancelled, const QString& message) {
    Job* job = job_;
    QThread* thread = thread_;
    emit finished(job, ok, cancelled, message);
    job_ = nullptr;
    thread_ = nullptr;
    // execute() has returned, so the thread is idle in its event loop: this wait is immediate.
    thread->quit();
    thread->wait();
    delete job;
    delete thread;
    emit busyChanged(false);
}

}  // namespace flowcnn::jobs
