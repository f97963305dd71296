#pragma once
// Small helpers the docks share: read-only table cells (with a raw value for sorting and
// export) and percentages as the tables show them.
#include <QString>
#include <QTableWidgetItem>
#include <QVariant>
#include <cmath>

namespace flowcnn::gui {

inline QString percentText(double v) {
    return std::isnan(v) ? QStringLiteral("–") : QStringLiteral("%1%").arg(v * 100.0, 0, 'f', 2);
}

inline QTableWidgetItem* readOnlyItem(const QString& text, const QVariant& raw = {}) {
    auto* it = new QTableWidgetItem(text);
    it->setFlags(it->flags() & ~Qt::ItemIsEditable);
    if (raw.isValid()) it->setData(Qt::UserRole, raw);
    return it;
}

}  // namespace flowcnn::gui
