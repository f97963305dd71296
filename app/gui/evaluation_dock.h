#pragma once
// The "Evaluation" dock: a run's stored evaluations (one per split), each as a confusion matrix
// and a per-class table; clicking a cell lists its flows, with the selected one's image.
#include <QDockWidget>
#include <QString>

class QComboBox;
class QTableView;
class QTableWidget;

namespace flowcnn::store {
class Project;
}
namespace flowcnn::widgets {
class ConfusionMatrixWidget;
class PayloadImageView;
class PerClassMetricsModel;
}  // namespace flowcnn::widgets

namespace flowcnn::gui {

class EvaluationDock : public QDockWidget {
    Q_OBJECT
public:
    explicit EvaluationDock(QWidget* parent = nullptr);

    // nullptr empties the choice and the cell's flows and forgets the run (the matrix stays).
    void setProject(store::Project* project);
    qint64 run() const { return run_; }
    // Shows the evaluations of a run.
    void setRun(qint64 runId);
    void reload();
    // Lists the flows of class t predicted as p (as a click on the cell does).
    void showCell(int t, int p);
    void clear();
    void retranslate();

    widgets::ConfusionMatrixWidget* confusion() const { return confusion_; }
    widgets::PerClassMetricsModel* perClassModel() const { return per_class_model_; }
    bool hasEvaluations() const;

Q_SIGNALS:
    // A flow of a cell was double-clicked.
    void flowActivated(qint64 flowId);
    void statusMessage(const QString& text);

private:
    void onEvaluationChosen();
    void onCellFlowSelected();

    store::Project* project_ = nullptr;
    qint64 run_ = 0;
    QComboBox* choice_ = nullptr;
    widgets::ConfusionMatrixWidget* confusion_ = nullptr;
    widgets::PerClassMetricsModel* per_class_model_ = nullptr;
    QTableView* per_class_view_ = nullptr;
    QTableWidget* cell_flows_ = nullptr;
    widgets::PayloadImageView* cell_image_ = nullptr;
};

}  // namespace flowcnn::gui
