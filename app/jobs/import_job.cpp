#include "app/jobs/import_job.h"

#include <QFileInfo>
#include <algorithm>

#include "engine/common/error.h"

namespace flowcnn::jobs {

ImportJob::ImportJob(QString project_path, QStringList captures, QStringList folders,
                     store::ImportOptions options, QObject* parent)
    : Job(tr("Importing"), parent),
      project_path_(std::move(project_path)),
      captures_(std::move(captures)),
      folders_(std::move(folders)),
      options_(std::move(options)) {}

qint64 ImportJob::flowsImported() const {
    qint64 n = 0;
    for (const auto& r : results_) n += r.flows;
    return n;
}

void ImportJob::record(const store::ImportResult& r, const QString& label) {
    FileResult f;
    f.path = QString::fromStdString(r.path);
    f.label = label;
    f.status = QString::fromStdString(r.status);
    f.captureId = r.capture_id;
    f.flows = static_cast<qint64>(r.stats.flows);
    f.error = QString::fromStdString(r.stats.error);
    results_.push_back(f);
}

QString ImportJob::execute() {
    auto project = store::Project::open(project_path_.toStdString());
    const int files = static_cast<int>(captures_.size());
    int index = 0;
    QStringList failures;
    for (const QString& path : captures_) {
        if (token().cancelled()) break;
        ++index;
        const QString name = QFileInfo(path).fileName();
        const QString prefix = files > 1 ? tr("%1 (%2 of %3)").arg(name).arg(index).arg(files) : name;
        auto fn = [this, prefix](const flowcnn::Progress& p) {
            reportProgress(QString::fromStdString(p.stage), p.done, p.total, prefix);
        };
        try {
            const auto r = store::import_capture(project, path.toStdString(), options_, fn,
                                                 cancelToken());
            record(r, options_.label ? QString::fromStdString(*options_.label) : QString());
        } catch (const flowcnn::Error& e) {
            // One unreadable file does not stop the others.
            FileResult f;
            f.path = path;
            f.status = QStringLiteral("failed");
            f.error = QString::fromUtf8(e.what());
            results_.push_back(f);
            failures << tr("%1: %2").arg(name, f.error);
        }
    }
    for (const QString& dir : folders_) {
        if (token().cancelled()) break;
        auto fn = [this](const flowcnn::Progress& p) {
            reportProgress(QString::fromStdString(p.stage), p.done, p.total,
                           QString::fromStdString(p.message));
        };
        const auto rs = store::import_folder(project, dir.toStdString(), options_, fn, cancelToken());
        for (const auto& r : rs) {
            const auto info = project.capture(r.capture_id);
            record(r, info && info->label ? QString::fromStdString(*info->label) : QString());
        }
    }
    const int ok = static_cast<int>(std::count_if(results_.begin(), results_.end(), [](const auto& r) {
        return r.status != QStringLiteral("failed");
    }));
    QString summary = tr("Imported %n flow(s)", nullptr, static_cast<int>(flowsImported())) +
                      tr(" from %n capture(s)", nullptr, ok);
    if (!failures.isEmpty()) {
        if (ok == 0 && failures.size() == 1) throw flowcnn::IoError(failures.first().toStdString());
        summary += QStringLiteral("; ") + tr("%n file(s) failed", nullptr, static_cast<int>(failures.size())) +
                   QStringLiteral(": ") + failures.join(QStringLiteral("; "));
    }
    return summary;
}

}  // namespace flowcnn::jobs
