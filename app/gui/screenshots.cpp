#include "app/gui/screenshots.h"

#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QSplitter>

#include "app/gui/baselines_dock.h"
#include "app/gui/classification_dock.h"
#include "app/gui/datasets_dock.h"
#include "app/gui/evaluation_dock.h"
#include "app/gui/explain_bar.h"
#include "app/gui/main_window.h"
#include "app/gui/project_queries.h"
#include "app/gui/search_dock.h"
#include "app/gui/split_dialog.h"
#include "app/gui/train_dialog.h"
#include "app/gui/training_dock.h"
#include "engine/store/project.h"
#include "widgets/confusion_matrix_widget.h"
#include "widgets/flow_table_model.h"
#include "widgets/training_plot.h"

namespace flowcnn::gui {
namespace {

class Screenshots {
public:
    Screenshots(MainWindow& window, const QString& dir) : w_(window), dir_(dir) {}

    bool run() {
        QDir().mkpath(dir_.absolutePath());
        layOut();
        shot(w_.datasetsDock(), QStringLiteral("flows.png"));
        showNewestRuns();
        shot(w_.trainingDock(), QStringLiteral("training.png"));
        clickConfusionCell();
        shot(w_.evaluationDock(), QStringLiteral("confusion.png"));
        shot(w_.searchDock(), QStringLiteral("leaderboard.png"));
        shot(w_.classificationDock(), QStringLiteral("classification.png"));
        baselines();
        saliency();
        splitDialog();
        trainDialog();
        return ok_;
    }

private:
    static void settle() {
        for (int i = 0; i < 5; ++i) QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }

    bool canRunJob() const { return w_.project() && !w_.jobRunning(); }

    void save(QWidget* widget, const QString& name) { ok_ = widget->grab().save(dir_.filePath(name)) && ok_; }

    // Raises a dock (none: as the window is) and saves the whole window.
    void shot(QDockWidget* dock, const QString& name) {
        if (dock) {
            dock->show();
            dock->raise();
        }
        w_.trainingPlot()->flush();
        settle();
        save(&w_, name);
    }

    // A fixed size, the docks at 400 pixels, and a flow with an image selected.
    void layOut() {
        w_.resize(1400, 900);
        w_.resizeDocks({w_.trainingDock()}, {400}, Qt::Vertical);
        w_.mainSplitter()->setSizes({260, 170});
        settle();
        widgets::FlowTableModel* flows = w_.flowModel();
        if (!flows->hasProject()) return;
        flows->waitForIdle();
        for (int r = 0; r < flows->rowCount() && r < 200; ++r) {
            const qint64 id = flows->flowId(r);
            if (flows->payloadImage(id)) {
                w_.selectFlow(id);
                break;
            }
        }
    }

    // Training: plot the newest runs, the newest shown.
    void showNewestRuns() {
        if (!w_.project()) return;
        const auto runs = listRuns(w_.project()->db(), false);
        for (int i = 0; i < runs.size() && i < 3; ++i) w_.showRun(runs[i].id);
        if (!runs.isEmpty()) w_.showRun(runs.first().id);
    }

    // Clicks the first off-diagonal cell with flows, else the first diagonal one.
    void clickConfusionCell() {
        if (!w_.evaluationDock()->hasEvaluations()) return;
        const auto& m = w_.confusionWidget()->counts();
        int bt = -1, bp = -1;
        for (int t = 0; t < static_cast<int>(m.size()) && bt < 0; ++t)
            for (int p = 0; p < static_cast<int>(m[t].size()); ++p)
                if (t != p && m[t][p] > 0) {
                    bt = t;
                    bp = p;
                    break;
                }
        if (bt < 0 && !m.empty()) bt = bp = 0;
        if (bt >= 0) w_.evaluationDock()->showCell(bt, bp);
    }

    // Honest accuracy: the baselines of the selected dataset next to its CNN runs, then the same
    // cross-validated by capture (5 folds), then back to the split's (the jobs waited for here).
    void baselines() {
        BaselinesDock* dock = w_.baselinesDock();
        if (canRunJob() && dock->currentDataset() > 0) {
            Q_EMIT dock->runRequested(dock->currentDataset(), true);
            w_.jobRunner()->wait();
            settle();
        }
        shot(dock, QStringLiteral("baselines.png"));
        if (canRunJob() && dock->currentDataset() > 0) {
            const int folds = dock->folds();
            dock->setFolds(5);
            Q_EMIT dock->runRequested(dock->currentDataset(), false);
            w_.jobRunner()->wait();
            settle();
            shot(dock, QStringLiteral("baselines-cv.png"));
            dock->setFolds(folds);
        }
    }

    // The saliency of the selected flow for the newest run.
    void saliency() {
        if (!canRunJob() || w_.explainBar()->runId() <= 0) return;
        w_.explainBar()->setShown(true);
        w_.jobRunner()->wait();
        settle();
        shot(nullptr, QStringLiteral("saliency.png"));
    }

    // The split form as Dataset > Make Split shows it.
    void splitDialog() {
        if (!w_.project()) return;
        QList<QPair<QString, qint64>> labels;
        for (const auto& lc : w_.project()->label_counts())
            labels.push_back({QString::fromStdString(lc.label), lc.with_image});
        SplitDialog split(labels, &w_);
        split.show();
        settle();
        save(&split, QStringLiteral("split-dialog.png"));
    }

    // The training form as Train > Start shows it: a CNN, k-NN, trees.
    void trainDialog() {
#ifdef FLOWCNN_HAVE_ML
        if (!w_.project()) return;
        TrainDialog train(TrainDialog::datasetChoices(*w_.project()), &w_);
        train.setKnn(false);
        train.show();
        settle();
        save(&train, QStringLiteral("train-dialog.png"));
        train.setKnn(true);
        settle();
        save(&train, QStringLiteral("train-dialog-knn.png"));
        train.setFamily(TrainDialog::Family::Trees);
        settle();
        save(&train, QStringLiteral("train-dialog-trees.png"));
#endif
    }

    MainWindow& w_;
    QDir dir_;
    bool ok_ = true;
};

}  // namespace

bool saveScreenshots(MainWindow& window, const QString& dir) { return Screenshots(window, dir).run(); }

}  // namespace flowcnn::gui
