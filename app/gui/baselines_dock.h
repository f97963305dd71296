#pragma once
// The "Baselines" dock (honest accuracy): per dataset, the baselines (k-NN, logistic regression,
// name only, majority class; plain and with the server names masked) run on a worker thread, side
// by side with the dataset's trained CNN runs (their stored validation evaluations): accuracy,
// macro-F1 and per-class F1, one table per dataset (the combo switches). Above the table, the
// dataset audit's leak warnings, so they are seen before anyone trains on the split.
#include <QDockWidget>
#include <QHash>
#include <QString>
#include <QVector>

#include "widgets/baseline_table_model.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace flowcnn::store {
class Project;
}
namespace flowcnn::baseline {
struct BaselineRun;
}

namespace flowcnn::gui {

class BaselinesDock : public QDockWidget {
    Q_OBJECT
public:
    explicit BaselinesDock(QWidget* parent = nullptr);

    // Lists the project's datasets (nullptr: none) and shows the selected one's table.
    void setProject(store::Project* project);
    qint64 currentDataset() const;
    bool selectDataset(qint64 datasetId);
    bool maskNames() const;
    // 0: score on the dataset's validation split; K > 0: cross-validate by capture in K folds.
    int folds() const;
    void setFolds(int folds);
    // Takes a finished baseline run for a dataset; the table shows it with the CNN runs.
    void setBaselineResults(qint64 datasetId, const baseline::BaselineRun& run);
    // Rebuilds the current table (e.g. after a training run finished).
    void refresh();

    widgets::BaselineTableModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    QLabel* warningsLabel() const { return warnings_; }
    QLabel* noteLabel() const { return note_; }
    QPushButton* runButton() const { return run_button_; }
    void retranslate();

Q_SIGNALS:
    // The user asked for the baselines of a dataset (the window starts the job).
    void runRequested(qint64 datasetId, bool maskNames);

private:
    struct Cached {
        QStringList classes;
        QVector<widgets::BaselineTableModel::Row> rows;
        int folds = 0;  // > 0: cross-validated by capture over all the dataset's flows
        qint64 scored = 0;
        QStringList singleCapture;  // classes whose flows all come from one capture
    };
    void showDataset();

    store::Project* project_ = nullptr;
    QComboBox* datasets_ = nullptr;
    QCheckBox* mask_ = nullptr;
    QComboBox* folds_ = nullptr;
    QPushButton* run_button_ = nullptr;
    QLabel* warnings_ = nullptr;
    QLabel* note_ = nullptr;
    QTableView* table_ = nullptr;
    widgets::BaselineTableModel* model_ = nullptr;
    QHash<qint64, Cached> baselines_;  // dataset id -> last baseline rows
};

}  // namespace flowcnn::gui
