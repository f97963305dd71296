// Training, evaluation, classification and reports through the workbench window, on a tiny
// labelled data set (three classes of synthetic flows).
#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <numeric>

#include "app/gui/main_window.h"
#include "app/gui/project_queries.h"
#include "app_test_support.h"
#include "engine/store/project.h"
#include "widgets/confusion_matrix_widget.h"
#include "widgets/per_class_metrics_model.h"
#include "widgets/training_plot.h"

#ifdef FLOWCNN_HAVE_ML
#include <qcustomplot.h>

#include "app/gui/train_dialog.h"
#include "app/jobs/train_job.h"
#include "engine/hparams/hparams.h"
#include "engine/train/trainer.h"
#endif

using flowcnn::gui::MainWindow;

class AppTrainingTest : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    QString path(const QString& n) const { return tmp_.filePath(n); }

    static bool waitJob(MainWindow& w, int ms = 180000) {
        if (!w.jobRunning()) return true;
        QSignalSpy spy(&w, &MainWindow::jobFinished);
        if (!spy.wait(ms)) return false;
        if (!spy.first().at(0).toBool()) qWarning("job failed: %s", qPrintable(spy.first().at(1).toString()));
        return spy.first().at(0).toBool();
    }

    // A new project in `w` with the labelled tree imported and a 30/10 split "tiny"; its id.
    qint64 tinyProject(MainWindow& w, const QString& file) {
        if (!w.newProject(path(file)) || !w.importCaptures({}, {path(QStringLiteral("tree"))}) || !waitJob(w)) return 0;
        flowcnn::dataset::SplitOptions split;
        split.by_counts = true;
        split.train_count = 30;
        split.val_count = 10;
        if (!w.makeDataset(QStringLiteral("tiny"), split) || !waitJob(w)) return 0;
        return w.project()->datasets().at(0).id;
    }

private slots:
    void initTestCase() {
        flowcnn::testing::isolateSettings("app_training_test");
        QVERIFY(tmp_.isValid());
#ifndef FLOWCNN_HAVE_ML
        QSKIP("built without the model engine");
#endif
        flowcnn::testing::writeLabelledTree(path(QStringLiteral("tree")),
                                            {QStringLiteral("Alpha"), QStringLiteral("Beta"), QStringLiteral("Gamma")}, 40);
    }

#ifdef FLOWCNN_HAVE_ML
    void trainEvaluateClassifyAndReport() {
        MainWindow w;
        w.show();
        QVERIFY(tinyProject(w, QStringLiteral("train.flowcnn")) > 0);
        const auto sets = w.project()->datasets();
        QCOMPARE(static_cast<int>(sets.size()), 1);
        QCOMPARE(sets[0].train, 90);
        QCOMPARE(sets[0].val, 30);

        // Train a small member of the family for a few epochs; watch the live signals.
        flowcnn::model::HyperParams hp;
        hp.kernel = 3;
        hp.fc = 256;
        flowcnn::train::TrainOptions opt;
        opt.epochs = 3;
        opt.batch = 16;
        opt.threads = 2;
        opt.batch_loss_every = 1;
        int epochs_seen = 0, batches_seen = 0, plot_points_during = 0;
        connect(w.jobRunner(), &flowcnn::jobs::JobRunner::started, this, [&](flowcnn::jobs::Job* job) {
            auto* t = qobject_cast<flowcnn::jobs::TrainJob*>(job);
            if (!t) return;
            connect(t, &flowcnn::jobs::TrainJob::batchDone, this, [&] { ++batches_seen; });
            connect(t, &flowcnn::jobs::TrainJob::epochDone, this, [&] {
                ++epochs_seen;
                w.trainingPlot()->flush();
                if (auto* g = w.trainingPlot()->rawGraph(-1, flowcnn::widgets::TrainingPlot::Series::TrainLoss))
                    plot_points_during = g->dataCount();
            });
        });
        QVERIFY(w.startTraining(sets[0].id, hp, opt, QStringLiteral("tiny run")));
        QVERIFY(waitJob(w));
        QCOMPARE(epochs_seen, 3);
        QVERIFY(batches_seen >= 3 * 6);
        QVERIFY2(plot_points_during >= 2, "the live curve did not grow during training");

        // The runs list holds the run; the plot shows its stored curves.
        QCOMPARE(w.runsTable()->rowCount(), 1);
        const qint64 run = w.runsTable()->item(0, 0)->data(Qt::UserRole).toLongLong();
        QVERIFY(run > 0);
        QCOMPARE(w.runsTable()->item(0, 3)->text(), QStringLiteral("complete"));
        QVERIFY(w.trainingPlot()->hasRun(run));
        QCOMPARE(w.trainingPlot()->rawGraph(run, flowcnn::widgets::TrainingPlot::Series::TrainLoss)->dataCount(), 3);

        // The confusion matrix shows the engine's numbers (validation split first).
        const auto evals = flowcnn::gui::runEvaluations(w.project()->db(), run);
        QVERIFY(!evals.isEmpty());
        QCOMPARE(evals.first().split, QStringLiteral("val"));
        QCOMPARE(w.confusionWidget()->counts(), evals.first().confusion);
        int total = 0, diag = 0;
        for (std::size_t t = 0; t < evals.first().confusion.size(); ++t) {
            total += std::accumulate(evals.first().confusion[t].begin(), evals.first().confusion[t].end(), 0);
            diag += evals.first().confusion[t][t];
        }
        QCOMPARE(total, 30);
        QVERIFY(qAbs(w.perClassModel()->accuracy() - evals.first().accuracy) < 1e-9);
        QVERIFY(qAbs(double(diag) / total - evals.first().accuracy) < 1e-9);

        // Clicking a cell lists its flows.
        auto* plot = w.confusionWidget()->customPlot();
        w.confusionWidget()->resize(600, 500);
        QTest::qWait(50);
        QTest::mouseClick(plot, Qt::LeftButton, {}, w.confusionWidget()->cellCenter(0, 0));
        auto* cells = w.findChild<QTableWidget*>(QStringLiteral("cellFlows"));
        QVERIFY(cells);
        QTRY_COMPARE(cells->rowCount(), evals.first().confusion[0][0]);

        // Reports: HTML, PDF, CSV.
        for (const QString& name : {QStringLiteral("run.html"), QStringLiteral("run.pdf"), QStringLiteral("run.csv")}) {
            QVERIFY(w.exportRunReport(run, path(name)));
            QVERIFY(waitJob(w));
            QFile f(path(name));
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(name));
            const QByteArray bytes = f.readAll();
            QVERIFY2(bytes.size() > 100, qPrintable(name));
            if (name.endsWith(QStringLiteral(".pdf"))) QVERIFY(bytes.startsWith("%PDF"));
            if (name.endsWith(QStringLiteral(".html"))) {
                QVERIFY(bytes.contains("data:image/png;base64,"));
                QVERIFY(bytes.contains("Alpha"));
            }
            if (name.endsWith(QStringLiteral(".csv"))) {
                QVERIFY(bytes.startsWith("Class,Precision,Recall,F1,Support"));
                QCOMPARE(bytes.count('\n'), 4);  // header + three classes
            }
        }

        // Classify a capture with the run's model.
        qint64 model = 0;
        {
            auto st = w.project()->db().prepare("SELECT MAX(id) FROM models WHERE run_id = ?");
            st.bind(1, static_cast<std::int64_t>(run));
            QVERIFY(st.step());
            model = st.int64(0);
        }
        QVERIFY(model > 0);
        const QString cap = path(QStringLiteral("tree/Beta/Beta-001.pcap"));
        QVERIFY(w.classifyCapture(model, {}, cap, 0.0));
        QVERIFY(waitJob(w));
        const auto cls = flowcnn::gui::listClassifications(w.project()->db());
        QCOMPARE(cls.size(), 1);
        QCOMPARE(cls.first().flows, 40);
        QVERIFY(w.exportClassificationReport(cls.first().id, path(QStringLiteral("cls.csv"))));
        QVERIFY(waitJob(w));
        QFile csv(path(QStringLiteral("cls.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count('\n'), 41);
    }
    // Train > Start offers the trees; a trees run is built on the job thread and listed by its kind.
    void treesRunFromTheTrainForm() {
        MainWindow w;
        w.show();
        const qint64 ds = tinyProject(w, QStringLiteral("trees.flowcnn"));
        QVERIFY(ds > 0);

        flowcnn::gui::TrainDialog dlg({{ds, QStringLiteral("tiny")}});
        dlg.setFamily(flowcnn::gui::TrainDialog::Family::Trees);
        QVERIFY(dlg.trees());
        QVERIFY(!dlg.knn());
        auto o = dlg.treesOptions();
        QCOMPARE(o.params.rounds, 200);
        QCOMPARE(o.params.max_depth, 6);
        QVERIFY(!o.params.balance);
        o.params.rounds = 20;
        o.threads = 1;
        QVERIFY(w.jobRunner()->start(new flowcnn::jobs::TrainJob(path(QStringLiteral("trees.flowcnn")), ds, o,
                                                                 QStringLiteral("trees"))));
        QVERIFY(waitJob(w));
        QCOMPARE(w.runsTable()->rowCount(), 1);
        QVERIFY(w.runsTable()->item(0, 2)->text().startsWith(QStringLiteral("gradient-boosted trees (20 rounds")));
        QCOMPARE(w.runsTable()->item(0, 3)->text(), QStringLiteral("complete"));
    }
#endif
};

QTEST_MAIN(AppTrainingTest)
#include "app_training_test.moc"
