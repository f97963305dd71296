#pragma once
// ClassifyJob: imports a capture with a model's preprocessing and classifies its flows into the
// project (classify::classify_into_project). The model comes from the project (models.id) or from
// a model file.
#include <QString>

#include "app/jobs/job.h"

namespace flowcnn::jobs {

class ClassifyJob : public Job {
    Q_OBJECT
public:
    // model_id > 0: the project's model; else `model_path` (a .flowcnn-model file).
    ClassifyJob(QString project_path, qint64 model_id, QString model_path, QString capture_path,
                double threshold, QObject* parent = nullptr);

    qint64 classificationId() const { return classification_id_; }
    qint64 captureId() const { return capture_id_; }

protected:
    QString execute() override;

private:
    QString project_path_;
    qint64 model_id_;
    QString model_path_, capture_path_;
    double threshold_;
    qint64 classification_id_ = 0;
    qint64 capture_id_ = 0;
};

}  // namespace flowcnn::jobs
