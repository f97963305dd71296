#pragma once
// Per-class precision, recall, F1 and support from a confusion matrix (computed by
// engine/eval/metrics), plus macro and weighted averages as the last two rows.
#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace flowcnn::widgets {

class PerClassMetricsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ClassColumn, PrecisionColumn, RecallColumn, F1Column, SupportColumn, ColumnCount };
    static constexpr int RawValueRole = Qt::UserRole;

    struct Metrics {
        QString name;
        double precision = 0, recall = 0, f1 = 0;
        long long support = 0;
        long long predicted = 0;  // flows predicted as the class
    };

    explicit PerClassMetricsModel(QObject* parent = nullptr);

    // counts[t][p] as in ConfusionMatrixWidget. Classes with no prediction have precision 0.
    void setConfusion(const std::vector<std::vector<int>>& counts, const QStringList& classNames);
    const QVector<Metrics>& classMetrics() const { return rows_; }
    double accuracy() const { return accuracy_; }
    Metrics macroAverage() const;
    Metrics weightedAverage() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    const Metrics* metricsAt(int row, Metrics& scratch) const;
    QVector<Metrics> rows_;
    double accuracy_ = 0;
};

}  // namespace flowcnn::widgets
