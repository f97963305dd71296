#include "widgets/per_class_metrics_model.h"

#include <QFont>

#include "engine/metrics/metrics.h"

namespace flowcnn::widgets {

PerClassMetricsModel::PerClassMetricsModel(QObject* parent) : QAbstractTableModel(parent) {}

void PerClassMetricsModel::setConfusion(const std::vector<std::vector<int>>& counts, const QStringList& classNames) {
    beginResetModel();
    rows_.clear();
    std::size_t n = std::min(counts.size(), static_cast<std::size_t>(classNames.size()));
    for (std::size_t i = 0; i < n; ++i) n = std::min(n, counts[i].size());
    // The engine's metrics (engine/eval/metrics), so that this table, the CLI and the reports agree.
    std::vector<std::vector<std::int64_t>> square(n, std::vector<std::int64_t>(n));
    std::vector<std::string> names(n);
    for (std::size_t t = 0; t < n; ++t) {
        names[t] = classNames[static_cast<int>(t)].toStdString();
        for (std::size_t p = 0; p < n; ++p) square[t][p] = counts[t][p];
    }
    const auto metrics = eval::metrics_from_confusion(std::move(square), names);
    for (std::size_t c = 0; c < n; ++c) {
        const auto& e = metrics.per_class[c];
        Metrics m;
        m.name = classNames[static_cast<int>(c)];
        m.precision = e.precision;
        m.recall = e.recall;
        m.f1 = e.f1;
        m.support = e.support;
        m.predicted = e.predicted;
        rows_ << m;
    }
    accuracy_ = metrics.accuracy;
    endResetModel();
}

PerClassMetricsModel::Metrics PerClassMetricsModel::macroAverage() const {
    // Over the classes that have flows or predictions, as the engine's macro-F1.
    Metrics m;
    m.name = tr("Macro average");
    int counted = 0;
    for (const Metrics& r : rows_) {
        m.support += r.support;
        m.predicted += r.predicted;
        if (r.support == 0 && r.predicted == 0) continue;
        m.precision += r.precision;
        m.recall += r.recall;
        m.f1 += r.f1;
        ++counted;
    }
    if (counted > 0) {
        m.precision /= counted;
        m.recall /= counted;
        m.f1 /= counted;
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
