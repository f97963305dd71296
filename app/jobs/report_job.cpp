#include "app/jobs/report_job.h"

#include <QDir>

#include "engine/common/error.h"

namespace flowcnn::jobs {

ReportJob::ReportJob(gui::ReportData data, QString path, QObject* parent)
    : Job(tr("Writing report"), parent), data_(std::move(data)), path_(std::move(path)) {}

QString ReportJob::execute() {
    QString error;
    if (!gui::writeReport(data_, path_, &error))
        throw flowcnn::IoError(tr("Cannot write %1: %2").arg(path_, error).toStdString());
    return tr("Report written to %1").arg(QDir::toNativeSeparators(path_));
}

}  // namespace flowcnn::jobs
