#pragma once
// TrainJob: trains one model inside the project (train::train_in_project) on the job thread and
// forwards every sampled batch and every epoch as queued signals for the live curves; or builds a
// k-NN model (train::knn_in_project) or gradient-boosted trees (train::gbt_in_project), which have
// one epoch: their accuracies.
#include <QString>
#include <optional>

#include "app/jobs/job.h"
#include "engine/hparams/hparams.h"
#include "engine/train/run_store.h"
#include "engine/train/trainer.h"

namespace flowcnn::jobs {

class TrainJob : public Job {
    Q_OBJECT
public:
    TrainJob(QString project_path, qint64 dataset_id, const model::HyperParams& hparams,
             const train::TrainOptions& options, QString run_name, QObject* parent = nullptr);
    TrainJob(QString project_path, qint64 dataset_id, const train::KnnRunOptions& knn, QString run_name,
             QObject* parent = nullptr);
    TrainJob(QString project_path, qint64 dataset_id, const train::GbtRunOptions& trees, QString run_name,
             QObject* parent = nullptr);

    // Valid after finished().
    qint64 runId() const { return run_id_; }
    qint64 modelId() const { return model_id_; }
    QString status() const { return status_; }
    double bestValAcc() const { return best_val_acc_; }

signals:
    void batchDone(int epoch, qint64 step, int batch, int batches, double loss, double acc);
    void epochDone(int epoch, double train_loss, double train_acc, bool has_val, double val_loss,
                   double val_acc, double images_per_s, double seconds);

protected:
    QString execute() override;

private:
    // The fields every kind of run shares; the public constructors add their kind's options.
    TrainJob(const QString& title, QString project_path, qint64 dataset_id, QString run_name, QObject* parent);
    // A k-NN or trees run: its one epoch row forwarded, and the line that ends the job.
    QString finishBuilt(const train::ProjectRunResult& r, const QString& what);

private:
    QString project_path_;
    qint64 dataset_id_;
    model::HyperParams hparams_;
    train::TrainOptions options_;
    std::optional<train::KnnRunOptions> knn_;
    std::optional<train::GbtRunOptions> trees_;
    QString run_name_;
    qint64 run_id_ = 0;
    qint64 model_id_ = 0;
    QString status_;
    double best_val_acc_ = 0;
};

}  // namespace flowcnn::jobs
