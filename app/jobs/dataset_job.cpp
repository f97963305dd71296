#include "app/jobs/dataset_job.h"

#include "engine/dataset/audit.h"
#include "engine/store/project.h"

namespace flowcnn::jobs {

DatasetJob::DatasetJob(QString project_path, QString name, const dataset::SplitOptions& options,
                       QObject* parent)
    : Job(tr("Making dataset"), parent),
      project_path_(std::move(project_path)),
      name_(std::move(name)),
      options_(options) {}

QString DatasetJob::execute() {
    auto project = store::Project::open(project_path_.toStdString());
    reportProgress(QStringLiteral("split"), 0, 2, tr("splitting"));
    const auto r = dataset::make_dataset(project, name_.toStdString(), options_);
    dataset_id_ = r.dataset_id;
    for (const auto& w : r.warnings) warnings_ << QString::fromStdString(w);
    reportProgress(QStringLiteral("audit"), 1, 2, tr("auditing"));
    const auto a = dataset::audit(project, r.dataset_id);
    audit_text_ = QString::fromStdString(a.to_text());
    reportProgress(QStringLiteral("audit"), 2, 2, {});
    return tr("Dataset \"%1\": %2 classes, %3 train / %4 validation / %5 test flows")
        .arg(name_)
        .arg(r.classes.size())
        .arg(r.train)
        .arg(r.val)
        .arg(r.test);
}

}  // namespace flowcnn::jobs
