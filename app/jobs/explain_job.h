#pragma once
// ExplainJob: the saliency map of one flow's payload image for a trained run's model
// (engine/explain: gradient or occlusion), on the job thread. The image is rebuilt from the flow's
// head with the model's own fill, so the map belongs to exactly the bytes the model saw.
#include <QByteArray>
#include <QString>
#include <QVector>

#include "app/jobs/job.h"
#include "engine/explain/saliency.h"

namespace flowcnn::jobs {

class ExplainJob : public Job {
    Q_OBJECT
public:
    ExplainJob(QString project_path, qint64 run_id, qint64 flow_id, explain::Method method,
               QObject* parent = nullptr);
    bool cancellable() const override { return false; }

    // Valid after a successful finish.
    qint64 runId() const { return run_id_; }
    qint64 flowId() const { return flow_id_; }
    explain::Method method() const { return method_; }
    QByteArray image() const { return image_; }     // the 784 bytes explained
    QVector<float> map() const { return map_; }     // 784 values in [0,1]
    QString predictedLabel() const { return predicted_; }
    double confidence() const { return confidence_; }

protected:
    QString execute() override;

private:
    QString project_path_;
    qint64 run_id_, flow_id_;
    explain::Method method_;
    QByteArray image_;
    QVector<float> map_;
    QString predicted_;
    double confidence_ = 0;
};

}  // namespace flowcnn::jobs
