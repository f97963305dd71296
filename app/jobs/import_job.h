#pragma once
// ImportJob: imports capture files and folder-per-class trees into a project (store::import_capture
// / import_folder) on the job thread, with its own connection to the project file.
#include <QString>
#include <QStringList>
#include <QVector>

#include "app/jobs/job.h"
#include "engine/store/importer.h"

namespace flowcnn::jobs {

class ImportJob : public Job {
    Q_OBJECT
public:
    struct FileResult {
        QString path;
        QString label;
        QString status;  // complete | partial | cancelled | failed
        qint64 captureId = 0;
        qint64 flows = 0;
        QString error;
    };

    // `captures`: files imported unlabelled (or with options.label); `folders`: trees of
    // <folder>/<label>/*.pcap, labelled by folder name.
    ImportJob(QString project_path, QStringList captures, QStringList folders,
              store::ImportOptions options = {}, QObject* parent = nullptr);

    // Valid after finished().
    const QVector<FileResult>& results() const { return results_; }
    qint64 flowsImported() const;
    qint64 lastCaptureId() const { return results_.isEmpty() ? 0 : results_.last().captureId; }

protected:
    QString execute() override;

private:
    void record(const store::ImportResult& r, const QString& label);

    QString project_path_;
    QStringList captures_;
    QStringList folders_;
    store::ImportOptions options_;
    QVector<FileResult> results_;
};

}  // namespace flowcnn::jobs
