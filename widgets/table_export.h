#pragma once
// Copy and export of table models (right-click "Copy as text/CSV/JSON", File > Export CSV).
// Text uses what is displayed; CSV and JSON use the raw-value role (Qt::UserRole, as every model
// here provides) when a cell has one, so numbers stay numbers. Headers come from headerData.
#include <QList>
#include <QString>

class QAbstractItemModel;

namespace flowcnn::widgets {

struct TableExportOptions {
    QList<int> rows;     // empty: every row the model has fetched
    QList<int> columns;  // empty: every column
    bool header = true;  // a header line (text/CSV) or keys from headers (JSON)
};

// Tab-separated displayed text, one line per row.
QString tableToText(const QAbstractItemModel& model, const TableExportOptions& options = {});
// RFC 4180 CSV (fields with comma, quote or newline quoted; CRLF line ends).
QString tableToCsv(const QAbstractItemModel& model, const TableExportOptions& options = {});
// A JSON array of objects keyed by column header.
QString tableToJson(const QAbstractItemModel& model, const TableExportOptions& options = {});
// Writes tableToCsv to a file (UTF-8). False with a message on failure.
bool saveTableCsv(const QAbstractItemModel& model, const QString& path, QString* error = nullptr,
                  const TableExportOptions& options = {});

}  // namespace flowcnn::widgets
