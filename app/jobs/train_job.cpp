#include "app/jobs/train_job.h"

#include <QtNumeric>

#include "engine/store/project.h"
#include "engine/train/run_store.h"

namespace flowcnn::jobs {

TrainJob::TrainJob(const QString& title, QString project_path, qint64 dataset_id, QString run_name, QObject* parent)
    : Job(title, parent), project_path_(std::move(project_path)), dataset_id_(dataset_id), run_name_(std::move(run_name)) {}

TrainJob::TrainJob(QString project_path, qint64 dataset_id, const model::HyperParams& hparams,
                   const train::TrainOptions& options, QString run_name, QObject* parent)
    : TrainJob(tr("Training"), std::move(project_path), dataset_id, std::move(run_name), parent) {
    hparams_ = hparams;
    options_ = options;
}

TrainJob::TrainJob(QString project_path, qint64 dataset_id, const train::KnnRunOptions& knn,
                   QString run_name, QObject* parent)
    : TrainJob(tr("Building a k-NN model"), std::move(project_path), dataset_id, std::move(run_name), parent) {
    knn_ = knn;
}

TrainJob::TrainJob(QString project_path, qint64 dataset_id, const train::GbtRunOptions& trees,
                   QString run_name, QObject* parent)
    : TrainJob(tr("Building gradient-boosted trees"), std::move(project_path), dataset_id, std::move(run_name),
               parent) {
    trees_ = trees;
}

QString TrainJob::finishBuilt(const train::ProjectRunResult& r, const QString& what) {
    run_id_ = r.run_id;
    model_id_ = r.model_id.value_or(0);
    status_ = QString::fromStdString(r.status);
    const auto& m = r.result.best_metrics;
    best_val_acc_ = m.val_acc;
    if (r.result.cancelled) return tr("%1 stopped; run %2 kept as cancelled").arg(what).arg(run_id_);
    emit epochDone(1, qQNaN(), m.train_acc, m.has_val, qQNaN(), m.val_acc, 0, m.seconds);  // no loss
    return m.has_val ? tr("Run %1 (%2) built: validation accuracy %3%")
                           .arg(run_id_)
                           .arg(what)
                           .arg(m.val_acc * 100.0, 0, 'f', 2)
                     : tr("Run %1 (%2) built: training accuracy %3%")
                           .arg(run_id_)
                           .arg(what)
                           .arg(m.train_acc * 100.0, 0, 'f', 2);
}

QString TrainJob::execute() {
    if (knn_ || trees_) {
        train::ProjectRunOptions ro;
        ro.name = run_name_.toStdString();
        auto project = store::Project::open(project_path_.toStdString());
        if (knn_)
            return finishBuilt(train::knn_in_project(project.db(), dataset_id_, *knn_, cancelToken(), ro),
                               tr("%1-NN").arg(knn_->params.k));
        return finishBuilt(train::gbt_in_project(project.db(), dataset_id_, *trees_, progressFn(), cancelToken(), ro),
                           tr("gradient-boosted trees"));
    }
    train::TrainCallbacks cb;
    cb.on_batch = [this](const train::BatchMetrics& m) {
        emit batchDone(m.epoch, m.step, m.batch, m.batches, m.loss, m.acc);
    };
    cb.on_epoch = [this](const train::EpochMetrics& m) {
        emit epochDone(m.epoch, m.train_loss, m.train_acc, m.has_val, m.val_loss, m.val_acc,
                       m.images_per_s, m.seconds);
    };
    cb.progress = progressFn();
    train::ProjectRunOptions ro;
    ro.name = run_name_.toStdString();
    const auto r = train::train_in_project(project_path_.toStdString(), dataset_id_, hparams_,
                                           options_, cb, cancelToken(), ro);
    run_id_ = r.run_id;
    model_id_ = r.model_id.value_or(0);
    status_ = QString::fromStdString(r.status);
    best_val_acc_ = r.result.best_metrics.val_acc;
    const auto& best = r.result.best_metrics;
    if (r.result.cancelled)
        return tr("Training stopped after %n epoch(s); run %1 kept", nullptr,
                  static_cast<int>(r.result.epochs.size()))
            .arg(run_id_);
    return best.has_val ? tr("Run %1 finished: validation accuracy %2% (epoch %3)")
                              .arg(run_id_)
                              .arg(best.val_acc * 100.0, 0, 'f', 2)
                              .arg(r.result.best_epoch)
                        : tr("Run %1 finished: training accuracy %2%")
                              .arg(run_id_)
                              .arg(best.train_acc * 100.0, 0, 'f', 2);
}

}  // namespace flowcnn::jobs
