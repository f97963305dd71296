#pragma once
// The "Training" dock: live curves of the run being trained and of the runs checked in the runs
// table next to them (check runs to compare them). Selecting a run asks for its evaluation.
#include <QDockWidget>
#include <QPair>
#include <QString>
#include <QSet>
#include <QVector>

class QTableWidget;

namespace flowcnn::store {
class Project;
}
namespace flowcnn::widgets {
class TrainingPlot;
}

namespace flowcnn::gui {

class TrainingDock : public QDockWidget {
    Q_OBJECT
public:
    explicit TrainingDock(QWidget* parent = nullptr);

    void setProject(store::Project* project);
    // Lists the project's runs, keeping the checked ones; false (with statusMessage) on error.
    bool reload();
    // The runs that ended with an image model (newest first), as the explain bar offers them.
    QVector<QPair<qint64, QString>> explainableRuns() const { return explainable_; }
    // Of them, the runs whose model has no gradient (k-NN): occlusion only.
    QSet<qint64> occlusionOnlyRuns() const { return occlusion_only_; }
    // Checks (plots) and selects a listed run; a grid-search trial, not listed, is plotted anyway.
    void showRun(qint64 runId);
    // Live curves of the run being trained, under a temporary key until its id is known.
    void beginLiveRun();
    void appendLiveBatch(qint64 step, int batches, double loss);
    void appendLiveEpoch(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc);
    void endLiveRun();
    // Empties the plot and the table (a new project).
    void clear();
    void retranslate();

    widgets::TrainingPlot* plot() const { return plot_; }
    QTableWidget* table() const { return table_; }

Q_SIGNALS:
    void runSelected(qint64 runId);
    void statusMessage(const QString& text);

private:
    void onItemChanged();
    void plotStoredRun(qint64 runId);

    store::Project* project_ = nullptr;
    widgets::TrainingPlot* plot_ = nullptr;
    QTableWidget* table_ = nullptr;
    QVector<QPair<qint64, QString>> explainable_;
    QSet<qint64> occlusion_only_;
};

}  // namespace flowcnn::gui
