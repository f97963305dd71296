#include "app/jobs/search_job.h"

namespace flowcnn::jobs {

SearchJob::SearchJob(QString project_path, const search::SearchSpec& spec,
                     const search::Execution& exec, QObject* parent)
    : Job(tr("Grid search"), parent), project_path_(std::move(project_path)), spec_(spec), exec_(exec) {}

SearchJob::SearchJob(QString project_path, qint64 search_id, const search::Execution& exec,
                     QObject* parent)
    : Job(tr("Grid search"), parent),
      project_path_(std::move(project_path)),
      exec_(exec),
      resume_id_(search_id) {}

QString SearchJob::execute() {
    search::SearchCallbacks cb;
    cb.on_trial_started = [this](const search::Trial& t) {
        emit trialStarted(t.run_id, QString::fromStdString(t.key), t.rung, t.epochs);
    };
    cb.on_trial_epoch = [this](const search::Trial& t, const train::EpochMetrics& m) {
        emit trialEpoch(t.run_id, m.epoch, m.train_acc, m.has_val ? m.val_acc : qQNaN());
    };
    cb.on_trial_finished = [this](const search::Trial& t, const search::SearchProgress& p) {
        emit trialFinished(t.run_id, QString::fromStdString(t.status), p.finished, p.total,
                           p.best_run_id.value_or(0), p.best_metric, p.remaining_s);
    };
    cb.progress = progressFn();
    const auto r = resume_id_ ? search::resume_search(project_path_.toStdString(), resume_id_,
                                                      exec_, cb, cancelToken())
                              : search::run_search(project_path_.toStdString(), spec_, exec_, cb,
                                                   cancelToken());
    search_id_ = r.search_id;
    status_ = QString::fromStdString(r.status);
    best_run_id_ = r.best_run_id.value_or(0);
    QString text = tr("Search %1 %2: %3 of %4 trials finished")
                       .arg(search_id_)
                       .arg(status_)
                       .arg(r.trials_finished)
                       .arg(r.trials_total);
    if (r.best_run_id)
        text += QStringLiteral("; ") + tr("best run %1 (%2%)")
                                           .arg(*r.best_run_id)
                                           .arg(r.best_metric * 100.0, 0, 'f', 2);
    return text;
}

}  // namespace flowcnn::jobs
