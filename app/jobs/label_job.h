#pragma once
// LabelJob: labels a project's flows from a per-flow CSV (dataset::apply_csv_labels: nDPI's
// labels.csv, Zeek's conn.log as CSV, a spreadsheet) or with nDPI's verdicts
// (dpi::apply_ndpi_labels, which reads every capture again), on the job thread.
#include <QString>

#include "app/jobs/job.h"
#include "engine/dataset/csv_labels.h"
#include "engine/dpi/dpi_labels.h"

namespace flowcnn::jobs {

class LabelJob : public Job {
    Q_OBJECT
public:
    // From `csv_path`, every matched flow (only unlabelled ones with `only_unlabelled`).
    LabelJob(QString project_path, QString csv_path, const dataset::CsvLabelOptions& options,
             bool only_unlabelled, QObject* parent = nullptr);
    // With nDPI.
    LabelJob(QString project_path, const dpi::DpiLabelOptions& options, QObject* parent = nullptr);

protected:
    QString execute() override;

private:
    QString labelFromCsv();
    QString labelWithNdpi();

    QString project_path_;
    QString csv_path_;  // empty: nDPI
    dataset::CsvLabelOptions csv_options_;
    bool only_unlabelled_ = false;
    dpi::DpiLabelOptions dpi_options_;
};

}  // namespace flowcnn::jobs
