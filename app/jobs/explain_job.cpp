#include "app/jobs/explain_job.h"

#include <algorithm>

#include "engine/common/error.h"
#include "engine/features/session_fields.h"
#include "engine/image/payload_image.h"
#include "engine/model/model_file.h"
#include "engine/store/project.h"
#include "engine/train/run_store.h"

namespace flowcnn::jobs {

ExplainJob::ExplainJob(QString project_path, qint64 run_id, qint64 flow_id, explain::Method method,
                       QObject* parent)
    : Job(tr("Explaining a prediction"), parent),
      project_path_(std::move(project_path)),
      run_id_(run_id),
      flow_id_(flow_id),
      method_(method) {}

QString ExplainJob::execute() {
    auto project = store::Project::open(project_path_.toStdString(), true);
    reportProgress(QStringLiteral("explain"), 0, 1, tr("loading the model"));
    const auto bytes = store::run_model_bytes(project.db(), run_id_);
    const auto info = model::decode_model_file(bytes).info;
    const auto flow = project.flow(flow_id_);
    if (!flow) throw ConfigError(tr("no flow with id %1").arg(flow_id_).toStdString());
    if (flow->head.empty()) throw ConfigError(tr("flow %1 has no payload to explain").arg(flow_id_).toStdString());
    const auto img = features::flow_image(flow->head, flow->shape, static_cast<std::uint8_t>(flow->l4proto),
                                          static_cast<std::uint16_t>(flow->server_port), info.preprocessing.fill,
                                          static_cast<std::size_t>(info.preprocessing.payload_bytes),
                                          info.preprocessing.blank_session_fields);
    reportProgress(QStringLiteral("explain"), 0, 1, tr("computing the saliency"));
    // A k-NN model has no gradients; occlusion explains any model.
    if (info.kind == model::ModelKind::Knn) method_ = explain::Method::Occlusion;
    const auto s = explain::saliency(bytes, img, method_);
    image_ = QByteArray(reinterpret_cast<const char*>(img.data()), static_cast<int>(img.size()));
    map_ = QVector<float>(s.map.begin(), s.map.end());
    predicted_ = QString::fromStdString(s.predicted_label);
    confidence_ = s.confidence;
    reportProgress(QStringLiteral("explain"), 1, 1, {});
    const bool flat = std::all_of(s.map.begin(), s.map.end(), [](float v) { return v == 0.0f; });
    QString message = (flat ? tr("Flow %1: run %2 predicts %3 (%4); no single patch of bytes lowers that confidence (%5)")
                            : tr("Flow %1: run %2 predicts %3 (%4); red marks the bytes the prediction rests on (%5)"))
                          .arg(flow_id_)
                          .arg(run_id_)
                          .arg(predicted_)
                          .arg(confidence_, 0, 'f', 3)
                          .arg(method_ == explain::Method::Gradient ? tr("gradient") : tr("occlusion"));
    if (info.kind == model::ModelKind::Knn) {
        // A k-NN answer rests on its nearest training flow: name it.
        const auto nearest =
            explain::nearest_training_flows(bytes, img, 1, train::run_train_flow_ids(project.db(), run_id_));
        if (!nearest.empty())
            message += tr("; nearest training flow %1 (%2, distance %3)")
                           .arg(nearest[0].flow_id ? QString::number(nearest[0].flow_id) : QStringLiteral("?"))
                           .arg(QString::fromStdString(nearest[0].label))
                           .arg(nearest[0].distance);
    }
    return message;
}

}  // namespace flowcnn::jobs
