#include "app/jobs/baseline_job.h"

#include "engine/store/project.h"

namespace flowcnn::jobs {

BaselineJob::BaselineJob(QString project_path, qint64 dataset_id, const baseline::BaselineRunOptions& options,
                         QObject* parent)
    : Job(tr("Running baselines"), parent),
      project_path_(std::move(project_path)),
      dataset_id_(dataset_id),
      options_(options) {}

QString BaselineJob::execute() {
    auto project = store::Project::open(project_path_.toStdString(), true);
    result_ = baseline::run_baselines(project.db(), dataset_id_, options_, progressFn(), cancelToken());
    if (result_.folds > 0)
        return tr("Baselines on dataset %1: %2 rows, %3 flows of %4 captures cross-validated in %5 folds by capture")
            .arg(dataset_id_)
            .arg(result_.rows.size())
            .arg(result_.scored)
            .arg(result_.captures)
            .arg(result_.folds);
    return tr("Baselines on dataset %1: %2 rows, %3 train / %4 scored flows (%5 scored images also in train)")
        .arg(dataset_id_)
        .arg(result_.rows.size())
        .arg(result_.train)
        .arg(result_.scored)
        .arg(result_.scored_copies_in_train);
}

}  // namespace flowcnn::jobs
