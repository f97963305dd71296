#pragma once
// The honest-accuracy table of one dataset: the CNN runs and the baselines (k-NN, logistic
// regression, name only, majority class) side by side, each plain or with the server names
// masked: accuracy, macro-F1 and the F1 of every class. Rows are sorted by macro-F1 (best first),
// so a baseline that beats the CNN shows above it; the best row is drawn bold.
#include <QAbstractTableModel>
#include <QStringList>
#include <QVector>

namespace flowcnn::widgets {

class BaselineTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ModelColumn, KindColumn, NamesColumn, AccuracyColumn, MacroF1Column, FirstClassColumn };
    static constexpr int RawValueRole = Qt::UserRole;  // the number behind a score cell

    struct Row {
        QString model;     // e.g. "1-NN hamming", "CNN run 4 (Model 5)"
        bool cnn = false;  // a trained run of the project (else a baseline)
        bool masked = false;
        double accuracy = 0, macroF1 = 0;
        QVector<double> f1;  // per class, in the model's class order; NaN: no scored flows
        bool knn = false;    // the trained run is a k-NN model (train --knn), not a CNN
        bool trees = false;  // the trained run is gradient-boosted trees (train --gbt)
    };

    explicit BaselineTableModel(QObject* parent = nullptr);

    // Replaces the table. Rows whose f1 is shorter than the classes show empty cells for the rest.
    void setResults(const QStringList& classes, QVector<Row> rows);
    void clear();
    const QVector<Row>& rows() const { return rows_; }
    const QStringList& classes() const { return classes_; }
    // The CSV of the table as shown (header, then one line per row).
    QString toCsv() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    QStringList classes_;
    QVector<Row> rows_;
};

}  // namespace flowcnn::widgets
