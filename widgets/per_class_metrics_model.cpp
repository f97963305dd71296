#include "widgets/per_class_metrics_model.h"

#include <QFont>

namespace flowcnn::widgets {

PerClassMetricsModel::PerClassMetricsModel(QObject* parent) : QAbstractTableModel(parent) {}

void PerClassMetricsModel::setConfusion(const std::vector<std::vector<int>>& counts, const QStringList& classNames) {
    beginResetModel();
    rows_.clear();
    std::size_t n = std::min(counts.size(), static_cast<std::size_t>(classNames.size()));
    for (std::size_t i = 0; i < n; ++i) n = std::min(n, counts[i].size());
    long long total = 0, correct = 0;
    for (std::size_t c = 0; c < n; ++c) {
        long long tp = counts[c][c], rowSum = 0, colSum = 0;
        for (std::size_t k = 0; k < n; ++k) {
            rowSum += counts[c][k];
            colSum += counts[k][c];
        }
        Metrics m;
        m.name = classNames[static_cast<int>(c)];
        m.precision = colSum > 0 ? static_cast<double>(tp) / static_cast<double>(colSum) : 0;
        m.recall = rowSum > 0 ? static_cast<double>(tp) / static_cast<double>(rowSum) : 0;
        m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0;
        m.support = rowSum;
        rows_ << m;
        total += rowSum;
        correct += tp;
    }
    accuracy_ = total > 0 ? static_cast<double>(correct) / static_cast<double>(total) : 0;
    endResetModel();
}

PerClassMetricsModel::Metrics PerClassMetricsModel::macroAverage() const {
    Metrics m;
    m.name = tr("Macro average");
    for (const Metrics& r : rows_) {
        m.precision += r.precision;
        m.recall += r.recall;
        m.f1 += r.f1;
        m.support += r.support;
    }
    if (!rows_.isEmpty()) {
        const auto n = static_cast<double>(rows_.size());
        m.precision /= n;
        m.recall /= n;
        m.f1 /= n;
    }
    return m;
}

PerClassMetricsModel::Metrics PerClassMetricsModel::weightedAverage() const {
    Metrics m;
    m.name = tr("Weighted average");
    for (const Metrics& r : rows_) {
        const auto w = static_cast<double>(r.support);
        m.precision += r.precision * w;
        m.recall += r.recall * w;
        m.f1 += r.f1 * w;
        m.support += r.support;
    }
    if (m.support > 0) {
        const auto n = static_cast<double>(m.support);
        m.precision /= n;
        m.recall /= n;
        m.f1 /= n;
    }
    return m;
}

int PerClassMetricsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || rows_.isEmpty() ? 0 : static_cast<int>(rows_.size()) + 2;
}

int PerClassMetricsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

const PerClassMetricsModel::Metrics* PerClassMetricsModel::metricsAt(int row, Metrics& scratch) const {
    if (row < rows_.size()) return &rows_[row];
    scratch = row == rows_.size() ? macroAverage() : weightedAverage();
    return &scratch;
}

QVariant PerClassMetricsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    Metrics scratch;
    const Metrics* m = metricsAt(index.row(), scratch);
    if (role == Qt::TextAlignmentRole)
        return QVariant(index.column() == ClassColumn ? (Qt::AlignLeft | Qt::AlignVCenter) : (Qt::AlignRight | Qt::AlignVCenter));
    if (role == Qt::FontRole && index.row() >= rows_.size()) {
        QFont f;
        f.setItalic(true);
        return f;
    }
    if (role != Qt::DisplayRole && role != RawValueRole) return {};
    const bool raw = role == RawValueRole;
    auto pct = [&](double v) { return raw ? QVariant(v) : QVariant(QString::number(v * 100.0, 'f', 2)); };
    switch (index.column()) {
        case ClassColumn: return m->name;
        case PrecisionColumn: return pct(m->precision);
        case RecallColumn: return pct(m->recall);
        case F1Column: return pct(m->f1);
        case SupportColumn: return m->support;
        default: return {};
    }
}

QVariant PerClassMetricsModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
        case ClassColumn: return tr("Class");
        case PrecisionColumn: return tr("Precision (%)");
        case RecallColumn: return tr("Recall (%)");
        case F1Column: return tr("F1 (%)");
        case SupportColumn: return tr("Support");
        default: return {};
    }
}

}  // namespace flowcnn::widgets
