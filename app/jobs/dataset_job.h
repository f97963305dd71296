#pragma once
// DatasetJob: builds a dataset (dataset::make_dataset: per-class train/val(/test) split, the
// paper's 1000/300 by default, stratified, optionally grouped by capture) and audits it.
#include <QString>
#include <QStringList>

#include "app/jobs/job.h"
#include "engine/dataset/split.h"

namespace flowcnn::jobs {

class DatasetJob : public Job {
    Q_OBJECT
public:
    DatasetJob(QString project_path, QString name, const dataset::SplitOptions& options,
               QObject* parent = nullptr);
    bool cancellable() const override { return false; }

    qint64 datasetId() const { return dataset_id_; }
    QString auditText() const { return audit_text_; }
    QStringList warnings() const { return warnings_; }

protected:
    QString execute() override;

private:
    QString project_path_;
    QString name_;
    dataset::SplitOptions options_;
    qint64 dataset_id_ = 0;
    QString audit_text_;
    QStringList warnings_;
};

}  // namespace flowcnn::jobs
