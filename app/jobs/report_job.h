#pragma once
// ReportJob: writes a report (HTML, PDF or CSV, by the file's suffix) from data collected on the
// GUI thread (charts already rendered to images), so laying out and writing never block the UI.
#include "app/gui/report.h"
#include "app/jobs/job.h"

namespace flowcnn::jobs {

class ReportJob : public Job {
    Q_OBJECT
public:
    ReportJob(gui::ReportData data, QString path, QObject* parent = nullptr);
    bool cancellable() const override { return false; }
    QString path() const { return path_; }

protected:
    QString execute() override;

private:
    gui::ReportData data_;
    QString path_;
};

}  // namespace flowcnn::jobs
