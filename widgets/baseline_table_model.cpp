#include "widgets/baseline_table_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>
#include <cmath>

namespace flowcnn::widgets {

BaselineTableModel::BaselineTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void BaselineTableModel::setResults(const QStringList& classes, QVector<Row> rows) {
    beginResetModel();
    classes_ = classes;
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.macroF1 > b.macroF1; });
    rows_ = std::move(rows);
    endResetModel();
}

void BaselineTableModel::clear() { setResults({}, {}); }

int BaselineTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : rows_.size(); }

int BaselineTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : FirstClassColumn + classes_.size();
}

QVariant BaselineTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rows_.size()) return {};
    const Row& r = rows_[index.row()];
    const int c = index.column();
    auto score = [&]() -> double {
        if (c == AccuracyColumn) return r.accuracy;
        if (c == MacroF1Column) return r.macroF1;
        const int k = c - FirstClassColumn;
        return k >= 0 && k < r.f1.size() ? r.f1[k] : std::nan("");
    };
    switch (role) {
    case Qt::DisplayRole:
        if (c == ModelColumn) return r.model;
        if (c == KindColumn)
            return r.cnn ? (r.knn ? tr("k-NN model") : r.trees ? tr("trees model") : tr("CNN")) : tr("baseline");
        if (c == NamesColumn) return r.masked ? tr("masked") : tr("plain");
        if (const double v = score(); !std::isnan(v)) return QString::number(v, 'f', 4);
        return {};
    case RawValueRole:
        if (c >= AccuracyColumn) return score();
        return {};
    case Qt::TextAlignmentRole:
        if (c >= AccuracyColumn) return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (index.row() == 0 && rows_.size() > 1) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::BackgroundRole:
        // Per-class F1 as a light heat map: 0 white, 1 green.
        if (c >= FirstClassColumn)
            if (const double v = score(); !std::isnan(v))
                return QBrush(QColor::fromRgbF(1.0f - 0.45f * static_cast<float>(v), 1.0f,
                                               1.0f - 0.45f * static_cast<float>(v)));
        return {};
    case Qt::ToolTipRole:
        if (c >= FirstClassColumn && c - FirstClassColumn < classes_.size())
            return tr("%1: F1 of class %2").arg(r.model, classes_[c - FirstClassColumn]);
        if (c == MacroF1Column) return tr("Mean F1 over the classes with scored flows");
        return {};
    default:
        return {};
    }
}

QVariant BaselineTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (role != Qt::DisplayRole) return {};
    if (o == Qt::Vertical) return section + 1;
    switch (section) {
    case ModelColumn: return tr("Model");
    case KindColumn: return tr("Kind");
    case NamesColumn: return tr("Server names");
    case AccuracyColumn: return tr("Accuracy");
    case MacroF1Column: return tr("Macro-F1");
    default: {
        const int k = section - FirstClassColumn;
        return k >= 0 && k < classes_.size() ? classes_[k] : QVariant();
    }
    }
}

QString BaselineTableModel::toCsv() const {
    auto quote = [](QString s) {
        if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
            return s;
        return QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    };
    QStringList lines;
    QStringList head;
    for (int c = 0; c < columnCount(); ++c) head << quote(headerData(c, Qt::Horizontal).toString());
    lines << head.join(QLatin1Char(','));
    for (int r = 0; r < rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < columnCount(); ++c) cells << quote(data(index(r, c)).toString());
        lines << cells.join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

}  // namespace flowcnn::widgets
