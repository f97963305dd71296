#include "app/jobs/classify_job.h"

#include <QFileInfo>
#include <QStringList>
#include <algorithm>
#include <memory>

#include "engine/classify/classify.h"
#include "engine/model/classifier.h"
#include "engine/store/project.h"
#include "engine/train/run_store.h"

namespace flowcnn::jobs {

ClassifyJob::ClassifyJob(QString project_path, qint64 model_id, QString model_path,
                         QString capture_path, double threshold, QObject* parent)
    : Job(tr("Classifying"), parent),
      project_path_(std::move(project_path)),
      model_id_(model_id),
      model_path_(std::move(model_path)),
      capture_path_(std::move(capture_path)),
      threshold_(threshold) {}

QString ClassifyJob::execute() {
    auto project = store::Project::open(project_path_.toStdString());
    reportProgress(QStringLiteral("model"), 0, 0, tr("loading the model"));
    std::optional<std::int64_t> model_id;
    std::unique_ptr<model::Classifier> clf;
    if (model_id_ > 0) {
        const auto bytes = store::model_bytes(project.db(), model_id_);
        clf = std::make_unique<model::Classifier>(bytes);
        model_id = model_id_;
    } else {
        clf = std::make_unique<model::Classifier>(model::Classifier::from_file(model_path_.toStdString()));
    }
    classify::ClassifyOptions options;
    options.threshold = threshold_;
    const auto r = classify::classify_into_project(project, *clf, model_id, capture_path_.toStdString(),
                                                   options, progressFn(), cancelToken());
    classification_id_ = r.classification_id;
    capture_id_ = r.capture_id;
    QStringList top;
    std::vector<std::pair<std::int64_t, std::string>> counts;
    for (const auto& [label, n] : r.result.counts) counts.push_back({n, label});
    std::sort(counts.rbegin(), counts.rend());
    for (std::size_t i = 0; i < counts.size() && i < 3; ++i)
        top << QStringLiteral("%1 %2").arg(QString::fromStdString(counts[i].second)).arg(counts[i].first);
    return tr("%1: %n flow(s) classified", nullptr, static_cast<int>(r.result.flows.size()))
               .arg(QFileInfo(capture_path_).fileName()) +
           (top.isEmpty() ? QString() : QStringLiteral(" (") + top.join(QStringLiteral(", ")) + QStringLiteral(")"));
}

}  // namespace flowcnn::jobs
