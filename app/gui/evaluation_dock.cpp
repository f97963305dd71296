#include "app/gui/evaluation_dock.h"

#include <QComboBox>
#include <QHeaderView>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include "app/gui/dock_items.h"
#include "app/gui/project_queries.h"
#include "engine/store/project.h"
#include "widgets/confusion_matrix_widget.h"
#include "widgets/export_menus.h"
#include "widgets/payload_image_view.h"
#include "widgets/per_class_metrics_model.h"

namespace flowcnn::gui {

EvaluationDock::EvaluationDock(QWidget* parent) : QDockWidget(parent) {
    setObjectName(QStringLiteral("evaluationDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    choice_ = new QComboBox(body);
    choice_->setObjectName(QStringLiteral("evaluationChoice"));
    layout->addWidget(choice_);
    auto* split = new QSplitter(Qt::Horizontal, body);
    split->setObjectName(QStringLiteral("evaluationSplitter"));
    confusion_ = new widgets::ConfusionMatrixWidget(split);
    confusion_->setObjectName(QStringLiteral("confusionMatrix"));
    per_class_model_ = new widgets::PerClassMetricsModel(this);
    per_class_view_ = new QTableView(split);
    per_class_view_->setObjectName(QStringLiteral("perClassTable"));
    per_class_view_->setModel(per_class_model_);
    per_class_view_->verticalHeader()->hide();
    auto* cell_box = new QWidget(split);
    auto* cell_layout = new QVBoxLayout(cell_box);
    cell_layout->setContentsMargins(0, 0, 0, 0);
    cell_flows_ = new QTableWidget(0, 2, cell_box);
    cell_flows_->setObjectName(QStringLiteral("cellFlows"));
    cell_flows_->setSelectionBehavior(QAbstractItemView::SelectRows);
    cell_flows_->verticalHeader()->hide();
    cell_flows_->horizontalHeader()->setStretchLastSection(true);
    cell_image_ = new widgets::PayloadImageView(cell_box);
    cell_image_->setObjectName(QStringLiteral("cellImage"));
    cell_layout->addWidget(cell_flows_, 1);
    cell_layout->addWidget(cell_image_, 1);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 1);
    layout->addWidget(split, 1);
    setWidget(body);
    connect(confusion_, &widgets::ConfusionMatrixWidget::cellClicked, this, &EvaluationDock::showCell);
    connect(choice_, &QComboBox::currentIndexChanged, this, &EvaluationDock::onEvaluationChosen);
    connect(cell_flows_, &QTableWidget::itemSelectionChanged, this, &EvaluationDock::onCellFlowSelected);
    connect(cell_flows_, &QTableWidget::itemDoubleClicked, this, [this](QTableWidgetItem* it) {
        Q_EMIT flowActivated(cell_flows_->item(it->row(), 0)->data(Qt::UserRole).toLongLong());
    });
    widgets::installTableMenu(per_class_view_, QStringLiteral("per-class-metrics"));
    widgets::installTableMenu(cell_flows_, QStringLiteral("confusion-cell-flows"));
    widgets::installPlotMenu(confusion_->customPlot(), QStringLiteral("confusion-matrix"));
    widgets::installImageMenu(cell_image_, QStringLiteral("payload"),
                              [this](const QString& p) { return cell_image_->savePng(p, 8); });
}

void EvaluationDock::setProject(store::Project* project) {
    project_ = project;
    if (project_) return;
    choice_->clear();
    cell_flows_->setRowCount(0);
    run_ = 0;
}

void EvaluationDock::retranslate() {
    setWindowTitle(tr("Evaluation"));
    cell_flows_->setHorizontalHeaderLabels({tr("Flow"), tr("Confidence")});
    confusion_->setAccessibleName(tr("Confusion matrix"));
    per_class_view_->setAccessibleName(tr("Per-class metrics"));
    cell_flows_->setAccessibleName(tr("Flows of the chosen cell"));
    choice_->setAccessibleName(tr("Evaluation"));
}

void EvaluationDock::clear() {
    confusion_->setData({}, {});
    per_class_model_->setConfusion({}, {});
}

bool EvaluationDock::hasEvaluations() const { return choice_->count() > 0; }

void EvaluationDock::setRun(qint64 runId) {
    run_ = runId;
    reload();
}

void EvaluationDock::reload() {
    if (!project_ || !run_) return;
    const QSignalBlocker block(choice_);
    choice_->clear();
    const auto evals = runEvaluations(project_->db(), run_);
    for (const auto& e : evals)
        choice_->addItem(tr("Run %1 · %2 split · accuracy %3 · macro F1 %4")
                             .arg(e.runId).arg(e.split, percentText(e.accuracy)).arg(e.macroF1, 0, 'f', 3),
                         QVariantList{e.id, e.split});
    if (evals.isEmpty()) {
        clear();
        return;
    }
    confusion_->setData(evals.first().confusion, evals.first().classes);
    per_class_model_->setConfusion(evals.first().confusion, evals.first().classes);
    per_class_view_->resizeColumnsToContents();
    cell_flows_->setRowCount(0);
}

void EvaluationDock::onEvaluationChosen() {
    const QVariantList v = choice_->currentData().toList();
    if (v.size() < 1 || !project_) return;
    const auto evals = runEvaluations(project_->db(), run_);
    for (const auto& e : evals)
        if (e.id == v.value(0).toLongLong()) {
            confusion_->setData(e.confusion, e.classes);
            per_class_model_->setConfusion(e.confusion, e.classes);
            per_class_view_->resizeColumnsToContents();
        }
    cell_flows_->setRowCount(0);
}

void EvaluationDock::onCellFlowSelected() {
    const auto sel = cell_flows_->selectedItems();
    if (sel.isEmpty() || !project_) return;
    const qint64 id = cell_flows_->item(sel.first()->row(), 0)->data(Qt::UserRole).toLongLong();
    try {
        cell_image_->setImage(project_->image(id));
    } catch (const std::exception& e) {
        Q_EMIT statusMessage(QString::fromUtf8(e.what()));
    }
}

void EvaluationDock::showCell(int t, int p) {
    if (!project_ || choice_->count() == 0) return;
    const qint64 eval = choice_->currentData().toList().value(0).toLongLong();
    const auto flows = cellFlows(project_->db(), eval, t, p);
    cell_flows_->setRowCount(static_cast<int>(flows.size()));
    for (int r = 0; r < flows.size(); ++r) {
        cell_flows_->setItem(r, 0, readOnlyItem(QString::number(flows[r].flowId), flows[r].flowId));
        cell_flows_->setItem(r, 1, readOnlyItem(percentText(flows[r].confidence)));
    }
    const QStringList names = confusion_->classNames();
    Q_EMIT statusMessage(tr("%n flow(s) of class %1 predicted as %2", nullptr, static_cast<int>(flows.size()))
                             .arg(names.value(t), names.value(p)));
    if (!flows.isEmpty()) cell_flows_->selectRow(0);
}

}  // namespace flowcnn::gui
