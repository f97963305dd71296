#pragma once
// BaselineJob: k-NN, logistic regression, name-only and majority-class baselines on a dataset
// (engine/baseline/run_baselines.h), trained on its train split and scored on its validation
// split, plain and with the server names masked, on the job thread.
#include <QString>

#include "app/jobs/job.h"
#include "engine/baseline/run_baselines.h"

namespace flowcnn::jobs {

class BaselineJob : public Job {
    Q_OBJECT
public:
    BaselineJob(QString project_path, qint64 dataset_id, const baseline::BaselineRunOptions& options,
                QObject* parent = nullptr);

    qint64 datasetId() const { return dataset_id_; }
    // Valid after a successful finish.
    const baseline::BaselineRun& result() const { return result_; }

protected:
    QString execute() override;

private:
    QString project_path_;
    qint64 dataset_id_;
    baseline::BaselineRunOptions options_;
    baseline::BaselineRun result_;
};

}  // namespace flowcnn::jobs
