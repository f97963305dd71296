#pragma once
// Reports of a run (or a classification): plain data collected on the GUI thread, written as HTML
// (images embedded as data: URIs), PDF (QTextDocument on a QPdfWriter) or CSV (the per-class table,
// or per-flow rows) by a ReportJob.
#include <QImage>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

namespace flowcnn::store {
class Database;
}

namespace flowcnn::gui {

struct ReportTable {
    QString title;
    QStringList header;
    QVector<QStringList> rows;
};

struct ReportImage {
    QString caption;
    QImage image;
};

struct ReportData {
    QString title;
    QList<QPair<QString, QString>> summary;  // key, value
    QVector<ReportTable> tables;             // hyper-parameters, options, epochs, per-class, ...
    QVector<ReportImage> images;             // curves, confusion matrix, sample images
    // The table written by CSV export (by title); the first table when empty.
    QString csvTable;
};

// A run's summary, hyper-parameters, training options, epochs, confusion matrix and per-class
// metrics of its newest evaluation. Throws flowcnn::ConfigError when there is no such run.
ReportData collectRunReport(store::Database& db, qint64 runId);

// A classification: model, capture, threshold, counts per label; CSV: one row per flow.
ReportData collectClassificationReport(store::Database& db, qint64 classificationId);

QString reportHtml(const ReportData& data, bool embedImages = true);
// Each returns false with `error` set on failure.
bool writeReportHtml(const ReportData& data, const QString& path, QString* error = nullptr);
bool writeReportPdf(const ReportData& data, const QString& path, QString* error = nullptr);
bool writeReportCsv(const ReportData& data, const QString& path, QString* error = nullptr);
// By suffix: .pdf, .csv, else HTML.
bool writeReport(const ReportData& data, const QString& path, QString* error = nullptr);

// RFC 4180 quoting of one field.
QString csvField(const QString& s);

}  // namespace flowcnn::gui
