#include "widgets/table_export.h"

#include <QAbstractItemModel>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStringList>

#include <cmath>

namespace flowcnn::widgets {
namespace {

constexpr int kRawValueRole = Qt::UserRole;

QList<int> rowsOf(const QAbstractItemModel& m, const TableExportOptions& o) {
    if (!o.rows.isEmpty()) return o.rows;
    QList<int> r;
    for (int i = 0; i < m.rowCount(); ++i) r << i;
    return r;
}

QList<int> columnsOf(const QAbstractItemModel& m, const TableExportOptions& o) {
    if (!o.columns.isEmpty()) return o.columns;
    QList<int> c;
    for (int i = 0; i < m.columnCount(); ++i) c << i;
    return c;
}

QString header(const QAbstractItemModel& m, int column) {
    return m.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString();
}

QVariant exportValue(const QAbstractItemModel& m, int row, int column) {
    const QModelIndex i = m.index(row, column);
    const QVariant raw = m.data(i, kRawValueRole);
    return raw.isValid() ? raw : m.data(i, Qt::DisplayRole);
}

QString csvField(const QVariant& v) {
    QString s;
    if (v.typeId() == QMetaType::Double) {
        const double d = v.toDouble();
        s = std::isnan(d) ? QString() : QString::number(d, 'g', 15);
    } else {
        s = v.toString();
    }
    if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n') || s.contains(u'\r')) {
        s.replace(QStringLiteral("\""), QStringLiteral("\"\""));
        s = u'"' + s + u'"';
    }
    return s;
}

}  // namespace

QString tableToText(const QAbstractItemModel& model, const TableExportOptions& options) {
    const QList<int> rows = rowsOf(model, options), cols = columnsOf(model, options);
    QStringList lines;
    if (options.header) {
        QStringList h;
        for (int c : cols) h << header(model, c);
        lines << h.join(u'\t');
    }
    for (int r : rows) {
        QStringList cells;
        for (int c : cols) cells << model.data(model.index(r, c), Qt::DisplayRole).toString();
        lines << cells.join(u'\t');
    }
    return lines.join(u'\n');
}

QString tableToCsv(const QAbstractItemModel& model, const TableExportOptions& options) {
    const QList<int> rows = rowsOf(model, options), cols = columnsOf(model, options);
    QString out;
    if (options.header) {
        QStringList h;
        for (int c : cols) h << csvField(header(model, c));
        out += h.join(u',') + QStringLiteral("\r\n");
    }
    for (int r : rows) {
        QStringList cells;
        for (int c : cols) cells << csvField(exportValue(model, r, c));
        out += cells.join(u',') + QStringLiteral("\r\n");
    }
    return out;
}

QString tableToJson(const QAbstractItemModel& model, const TableExportOptions& options) {
    const QList<int> rows = rowsOf(model, options), cols = columnsOf(model, options);
    QJsonArray array;
    for (int r : rows) {
        QJsonObject o;
        for (int c : cols) {
            const QString key = options.header ? header(model, c) : QString::number(c);
            const QVariant v = exportValue(model, r, c);
            if (v.typeId() == QMetaType::Double && std::isnan(v.toDouble()))
                o.insert(key, QJsonValue::Null);
            else
                o.insert(key, QJsonValue::fromVariant(v));
        }
        array << o;
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
}

bool saveTableCsv(const QAbstractItemModel& model, const QString& path, QString* error,
                  const TableExportOptions& options) {
    QSaveFile file(path);  // all or nothing: no half-written CSV on a full disk
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) *error = file.errorString();
        return false;
    }
    file.write(tableToCsv(model, options).toUtf8());
    if (!file.commit()) {
        if (error) *error = file.errorString();
        return false;
    }
    return true;
}

}  // namespace flowcnn::widgets
