#include "app/jobs/label_job.h"

#include "engine/store/project.h"

namespace flowcnn::jobs {

LabelJob::LabelJob(QString project_path, QString csv_path, const dataset::CsvLabelOptions& options,
                   bool only_unlabelled, QObject* parent)
    : Job(tr("Labelling from a CSV file"), parent),
      project_path_(std::move(project_path)),
      csv_path_(std::move(csv_path)),
      csv_options_(options),
      only_unlabelled_(only_unlabelled) {}

LabelJob::LabelJob(QString project_path, const dpi::DpiLabelOptions& options, QObject* parent)
    : Job(tr("Labelling with nDPI"), parent), project_path_(std::move(project_path)), dpi_options_(options) {}

QString LabelJob::execute() { return csv_path_.isEmpty() ? labelWithNdpi() : labelFromCsv(); }

QString LabelJob::labelFromCsv() {
    reportProgress(QStringLiteral("csv"), 0, 2, tr("reading %1").arg(csv_path_));
    const auto labels = dataset::read_csv_labels(csv_path_.toStdString(), csv_options_, cancelToken());
    auto project = store::Project::open(project_path_.toStdString());
    reportProgress(QStringLiteral("csv"), 1, 2, tr("labelling"));
    const auto r = dataset::apply_csv_labels(project, labels, only_unlabelled_, "manual", cancelToken());
    reportProgress(QStringLiteral("csv"), 2, 2, {});
    return tr("Labelled %1 of %2 flows from %3 (%4 usable rows)")
        .arg(r.labelled)
        .arg(r.flows)
        .arg(csv_path_)
        .arg(labels.usable);
}

QString LabelJob::labelWithNdpi() {
    auto project = store::Project::open(project_path_.toStdString());
    const auto r = dpi::apply_ndpi_labels(project, dpi_options_, progressFn(), cancelToken());
    qint64 skipped = 0;
    for (const auto& c : r.captures) skipped += c.error.empty() ? 0 : 1;
    QString text = tr("nDPI labelled %1 flows in %2 captures (%3 changed)")
                       .arg(r.labelled)
                       .arg(r.captures.size())
                       .arg(r.changed);
    if (skipped) text += tr("; %1 captures could not be read again (file moved?)").arg(skipped);
    return text;
}

}  // namespace flowcnn::jobs
