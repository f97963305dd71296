#include "app/gui/training_dock.h"

#include <QHeaderView>
#include <QSet>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableWidget>
#include <QtNumeric>

#include "app/gui/dock_items.h"
#include "app/gui/project_queries.h"
#include "engine/store/project.h"
#include "widgets/export_menus.h"
#include "widgets/training_plot.h"

namespace flowcnn::gui {

namespace {
constexpr qint64 kLiveRun = -1;  // the plot key of the run being trained (its id comes at the end)
}

TrainingDock::TrainingDock(QWidget* parent) : QDockWidget(parent) {
    setObjectName(QStringLiteral("trainingDock"));
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("trainingSplitter"));
    plot_ = new widgets::TrainingPlot(split);
    plot_->setObjectName(QStringLiteral("trainingPlot"));
    table_ = new QTableWidget(0, 7, split);
    table_->setObjectName(QStringLiteral("runsTable"));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    setWidget(split);
    connect(table_, &QTableWidget::itemChanged, this, &TrainingDock::onItemChanged);
    connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto sel = table_->selectedItems();
        if (sel.isEmpty()) return;
        Q_EMIT runSelected(table_->item(sel.first()->row(), 0)->data(Qt::UserRole).toLongLong());
    });
    widgets::installTableMenu(table_, QStringLiteral("runs"));
    widgets::installPlotMenu(plot_->customPlot(), QStringLiteral("training-curves"));
}

void TrainingDock::setProject(store::Project* project) { project_ = project; }

void TrainingDock::retranslate() {
    setWindowTitle(tr("Training"));
    table_->setHorizontalHeaderLabels({tr("Run"), tr("Name"), tr("Model"), tr("Status"), tr("Epochs"),
                                       tr("Train acc."), tr("Val. acc.")});
    plot_->setAccessibleName(tr("Training curves"));
    table_->setAccessibleName(tr("Training runs"));
}

void TrainingDock::clear() {
    plot_->clear();
    table_->setRowCount(0);
}

bool TrainingDock::reload() {
    if (!project_) return false;
    QSet<qint64> checked;
    for (int r = 0; r < table_->rowCount(); ++r)
        if (table_->item(r, 0)->checkState() == Qt::Checked)
            checked.insert(table_->item(r, 0)->data(Qt::UserRole).toLongLong());
    QVector<RunRow> runs;
    try {
        runs = listRuns(project_->db(), false);
    } catch (const std::exception& e) {
        Q_EMIT statusMessage(QString::fromUtf8(e.what()));
        return false;
    }
    const QSignalBlocker block(table_);
    table_->setSortingEnabled(false);
    table_->setRowCount(static_cast<int>(runs.size()));
    for (int r = 0; r < runs.size(); ++r) {
        const RunRow& run = runs[r];
        auto* id = readOnlyItem(QString::number(run.id), run.id);
        id->setFlags(id->flags() | Qt::ItemIsUserCheckable);
        id->setCheckState(checked.contains(run.id) || plot_->hasRun(run.id) ? Qt::Checked : Qt::Unchecked);
        table_->setItem(r, 0, id);
        table_->setItem(r, 1, readOnlyItem(run.name));
        table_->setItem(r, 2, readOnlyItem(describeHparams(run.hparamsJson)));
        table_->setItem(r, 3, readOnlyItem(run.status));
        table_->setItem(r, 4, readOnlyItem(QString::number(run.epochsDone)));
        table_->setItem(r, 5, readOnlyItem(percentText(run.trainAcc)));
        table_->setItem(r, 6, readOnlyItem(percentText(run.valAcc)));
        if (!run.error.isEmpty()) table_->item(r, 3)->setToolTip(run.error);
    }
    table_->resizeColumnsToContents();
    // Runs that ended with an image model can be explained (listRuns is newest first); the trees
    // read flow features, so a saliency map over the image has nothing to show for them.
    explainable_.clear();
    occlusion_only_.clear();
    for (const RunRow& run : runs)
        if (!run.trees && (run.status == QStringLiteral("complete") || run.status == QStringLiteral("cancelled"))) {
            explainable_.push_back({run.id, tr("run %1 %2").arg(run.id).arg(run.name)});
            if (run.knn) occlusion_only_.insert(run.id);  // a nearest neighbour has no gradient
        }
    return true;
}

void TrainingDock::plotStoredRun(qint64 runId) {
    plot_->addRun(runId, tr("run %1").arg(runId));
    for (const auto& e : runEpochs(project_->db(), runId))
        plot_->appendEpoch(runId, e.epoch, e.trainLoss, e.trainAcc, e.valLoss, e.valAcc);
    for (const auto& [step, loss] : runBatchLosses(project_->db(), runId)) plot_->appendBatchLoss(runId, step - 1, loss);
    plot_->flush();
}

void TrainingDock::onItemChanged() {
    if (!project_) return;
    for (int r = 0; r < table_->rowCount(); ++r) {
        auto* it = table_->item(r, 0);
        if (!it) continue;
        const qint64 id = it->data(Qt::UserRole).toLongLong();
        const bool want = it->checkState() == Qt::Checked;
        if (want && !plot_->hasRun(id)) plotStoredRun(id);
        else if (!want && plot_->hasRun(id)) plot_->removeRun(id);
    }
}

void TrainingDock::showRun(qint64 runId) {
    if (!project_) return;
    bool found = false;
    for (int r = 0; r < table_->rowCount(); ++r)
        if (table_->item(r, 0)->data(Qt::UserRole).toLongLong() == runId) {
            table_->item(r, 0)->setCheckState(Qt::Checked);  // plots it
            table_->selectRow(r);
            found = true;
        }
    // A grid-search trial: not in the runs list (which shows single runs), plot it anyway.
    if (!found && !plot_->hasRun(runId)) plotStoredRun(runId);
}

void TrainingDock::beginLiveRun() {
    plot_->removeRun(kLiveRun);
    plot_->addRun(kLiveRun, tr("training now"));
    raise();
}

void TrainingDock::appendLiveBatch(qint64 step, int batches, double loss) {
    plot_->setStepsPerEpoch(kLiveRun, batches);
    plot_->appendBatchLoss(kLiveRun, step - 1, loss);
}

void TrainingDock::appendLiveEpoch(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc) {
    plot_->appendEpoch(kLiveRun, epoch, trainLoss, trainAcc, valLoss, valAcc);
}

void TrainingDock::endLiveRun() { plot_->removeRun(kLiveRun); }

}  // namespace flowcnn::gui
