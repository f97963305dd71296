#pragma once
// SearchJob: runs (or resumes) a grid search inside the project on the job thread. Every trial
// start, epoch and end is forwarded as a queued signal so the leaderboard and the best-so-far
// curve grow live. Cancelling stops the running trials; Resume continues where it stopped.
#include <QString>

#include "app/jobs/job.h"
#include "engine/search/grid_search.h"

namespace flowcnn::jobs {

class SearchJob : public Job {
    Q_OBJECT
public:
    // A new search.
    SearchJob(QString project_path, const search::SearchSpec& spec, const search::Execution& exec,
              QObject* parent = nullptr);
    // Resumes search `search_id`.
    SearchJob(QString project_path, qint64 search_id, const search::Execution& exec,
              QObject* parent = nullptr);

    qint64 searchId() const { return search_id_; }  // valid after finished()
    QString status() const { return status_; }
    qint64 bestRunId() const { return best_run_id_; }

signals:
    void trialStarted(qint64 run_id, const QString& key, int rung, int epochs);
    void trialEpoch(qint64 run_id, int epoch, double train_acc, double val_acc);
    void trialFinished(qint64 run_id, const QString& status, qulonglong finished, qulonglong total,
                       qint64 best_run_id, double best_metric, double remaining_s);

protected:
    QString execute() override;

private:
    QString project_path_;
    search::SearchSpec spec_;
    search::Execution exec_;
    qint64 resume_id_ = 0;
    qint64 search_id_ = 0;
    qint64 best_run_id_ = 0;
    QString status_;
};

}  // namespace flowcnn::jobs
