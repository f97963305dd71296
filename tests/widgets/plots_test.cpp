// Charts and their models from plain data: training curves (smoothing, timer replot, batch trace),
// confusion matrix (colour map cells, labels, row normalisation, click), per-class metrics,
// grid-search leaderboard from a project (ranks, sorting, live refresh), best-so-far, class counts.
// With FLOWCNN_SHOTS_DIR set, each widget is also saved as a PNG there for a look.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolTip>
#include <QtTest>
#include <qcustomplot.h>

#include <cmath>

#include "tests/widgets/test_project.h"
#include "widgets/best_so_far_plot.h"
#include "widgets/class_count_chart.h"
#include "widgets/confusion_matrix_widget.h"
#include "widgets/leaderboard_model.h"
#include "widgets/per_class_metrics_model.h"
#include "widgets/training_plot.h"

using namespace flowcnn;
using namespace flowcnn::widgets;

namespace {
void shot(QWidget* w, const char* name) {
    const QString dir = qEnvironmentVariable("FLOWCNN_SHOTS_DIR");
    if (dir.isEmpty()) return;
    w->grab().save(dir + u'/' + QLatin1String(name) + QStringLiteral(".png"));
}

const std::vector<std::vector<int>> kCounts{{50, 3, 2}, {4, 40, 6}, {0, 10, 90}};
const QStringList kNames{QStringLiteral("Google"), QStringLiteral("Skype"), QStringLiteral("YouTube")};

void addRun(store::Database& db, qint64 search, const char* hparams, double trainAcc, double valAcc,
            const char* status, double seconds) {
    auto st = db.prepare(
        "INSERT INTO runs(dataset_id, search_id, trial_key, hparams_json, train_json, status, started_at, "
        "epochs_done, train_acc, val_acc, seconds) VALUES(1, ?, ?, ?, '{}', ?, '2026-11-30T12:00:00Z', 3, ?, ?, ?)");
    st.bind(1, static_cast<std::int64_t>(search)).bind(2, hparams).bind(3, hparams).bind(4, status);
    if (std::isnan(trainAcc)) st.bind_null(5); else st.bind(5, trainAcc);
    if (std::isnan(valAcc)) st.bind_null(6); else st.bind(6, valAcc);
    st.bind(7, seconds);
    st.run();
}
}  // namespace

class PlotsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void smoothingIsDebiasedEma() {
        QCOMPARE(TrainingPlot::smooth({5, 5, 5}, 0.6), (QVector<double>{5, 5, 5}));  // no bias toward 0
        const auto s = TrainingPlot::smooth({1, 0}, 0.5);
        QCOMPARE(s[0], 1.0);
        QCOMPARE(s[1], (0.5 * 0.5 + 0.5 * 0) / (1 - 0.25));  // 1/3
        QCOMPARE(TrainingPlot::smooth({1, 2, 3}, 0), (QVector<double>{1, 2, 3}));
    }

    void trainingPlotEpochAxisTicksWholeEpochs() {
        TrainingPlot plot;
        for (int rect = 0; rect < 2; ++rect) {
            auto ticker = plot.customPlot()->axisRect(rect)->axis(QCPAxis::atBottom)->ticker();
            auto* fixed = dynamic_cast<QCPAxisTickerFixed*>(ticker.data());
            QVERIFY(fixed);
            QCOMPARE(fixed->tickStep(), 1.0);
        }
        plot.setXAxis(TrainingPlot::XAxis::Step);  // steps and seconds: the ordinary ticker
        QVERIFY(!dynamic_cast<QCPAxisTickerFixed*>(
            plot.customPlot()->axisRect(0)->axis(QCPAxis::atBottom)->ticker().data()));
    }

    void trainingPlotHoldsThePoints() {
        TrainingPlot plot;
        plot.resize(700, 500);
        QCOMPARE(plot.smoothing(), 0.6);
        plot.addRun(1, QStringLiteral("Model 5"));
        plot.addRun(2, QStringLiteral("Model 1"));
        for (int e = 1; e <= 5; ++e) {
            for (int b = 0; b < 10; ++b) plot.appendBatchLoss(1, (e - 1) * 10 + b, 2.0 / (e + b * 0.1));
            plot.appendEpoch(1, e, 1.0 / e, 1 - 0.5 / e, 1.2 / e, std::nan(""));  // no validation
            plot.appendEpoch(2, e, 2.0 / e, 0.5, 2.2 / e, 0.45);
        }
        // The timer applies the data (no replot per point).
        QTRY_COMPARE(plot.graph(1, TrainingPlot::Series::TrainLoss)->dataCount(), 5);
        QCOMPARE(plot.rawGraph(1, TrainingPlot::Series::TrainLoss)->dataCount(), 5);
        QCOMPARE(plot.graph(1, TrainingPlot::Series::ValAcc)->dataCount(), 0);  // NaN skipped
        QCOMPARE(plot.graph(2, TrainingPlot::Series::ValAcc)->dataCount(), 5);
        QCOMPARE(plot.graph(1, TrainingPlot::Series::BatchLoss)->dataCount(), 50);
        QVERIFY(plot.graph(1, TrainingPlot::Series::BatchLoss)->visible());
        // Steps per epoch inferred (10): batch 9 ends epoch 1.
        QCOMPARE(plot.rawGraph(1, TrainingPlot::Series::BatchLoss)->data()->at(9)->key, 1.0);
        const auto* raw = plot.rawGraph(1, TrainingPlot::Series::TrainLoss)->data().data();
        QCOMPARE(raw->at(2)->key, 3.0);
        QCOMPARE(raw->at(2)->value, 1.0 / 3);
        // Smoothed line differs from raw and follows the debiased EMA.
        const QVector<double> expect = TrainingPlot::smooth({1.0, 0.5, 1.0 / 3, 0.25, 0.2}, 0.6);
        QCOMPARE(plot.graph(1, TrainingPlot::Series::TrainLoss)->data()->at(4)->value, expect[4]);
        QSignalSpy changed(&plot, &TrainingPlot::smoothingChanged);
        plot.setSmoothing(0);
        QCOMPARE(changed.count(), 1);
        plot.flush();
        QCOMPARE(plot.graph(1, TrainingPlot::Series::TrainLoss)->data()->at(4)->value, 0.2);
        plot.setSmoothing(0.6);
        plot.flush();
        // Axes cover the data unless the user zoomed.
        QCOMPARE(plot.customPlot()->axisRects().size(), 2);
        QVERIFY(plot.customPlot()->axisRects().at(0)->axis(QCPAxis::atBottom)->range().upper >= 5);
        QTemporaryDir dir;
        QVERIFY(plot.savePng(dir.filePath(QStringLiteral("t.png"))));
        QVERIFY(plot.savePdf(dir.filePath(QStringLiteral("t.pdf"))));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("t.pdf"))).size() > 1000);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        shot(&plot, "training_plot");
        // Step axis: epoch 3 ends at step 30; batch 9 is step 10. Time axis: the given seconds.
        QSignalSpy axis(&plot, &TrainingPlot::xAxisChanged);
        plot.setXAxis(TrainingPlot::XAxis::Step);
        plot.flush();
        QCOMPARE(axis.count(), 1);
        QCOMPARE(plot.rawGraph(1, TrainingPlot::Series::TrainLoss)->data()->at(2)->key, 30.0);
        QCOMPARE(plot.rawGraph(1, TrainingPlot::Series::BatchLoss)->data()->at(9)->key, 10.0);
        plot.addRun(3, QStringLiteral("Timed"));
        plot.appendEpoch(3, 1, 1.0, 0.5, 1.1, 0.4, 12.5);
        plot.appendEpoch(3, 2, 0.8, 0.6, 0.9, 0.5, 25.0);
        plot.setXAxis(TrainingPlot::XAxis::Time);
        plot.flush();
        QCOMPARE(plot.rawGraph(3, TrainingPlot::Series::ValLoss)->data()->at(1)->key, 25.0);
        QCOMPARE(plot.customPlot()->axisRects().at(1)->axis(QCPAxis::atBottom)->label(), QStringLiteral("Seconds"));
        plot.setXAxis(TrainingPlot::XAxis::Epoch);
        plot.removeRun(3);
        plot.removeRun(2);
        QCOMPARE(plot.runIds(), (QVector<qint64>{1}));
        QVERIFY(!plot.graph(2, TrainingPlot::Series::TrainLoss));
    }

    void singleEpochRunIsVisible() {
        // One epoch draws no line: each epoch series carries a marker, and the point sits inside
        // the axis range, not on its edge.
        TrainingPlot plot;
        plot.resize(600, 400);
        plot.addRun(7, QStringLiteral("one epoch"));
        plot.appendEpoch(7, 1, 0.9, 0.7, 1.0, 0.65);
        plot.flush();
        for (auto s : {TrainingPlot::Series::TrainLoss, TrainingPlot::Series::ValLoss, TrainingPlot::Series::TrainAcc,
                       TrainingPlot::Series::ValAcc}) {
            QCPGraph* g = plot.graph(7, s);
            QCOMPARE(g->dataCount(), 1);
            QVERIFY(!g->scatterStyle().isNone());
            QVERIFY(g->scatterStyle().size() >= 5);
            const QCPRange x = g->keyAxis()->range();
            QVERIFY2(x.lower < 1.0 && 1.0 < x.upper, qPrintable(QStringLiteral("%1..%2").arg(x.lower).arg(x.upper)));
            const QCPRange y = g->valueAxis()->range();
            QVERIFY(y.contains(g->data()->at(0)->value));
        }
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        shot(&plot, "training_plot_one_epoch");
    }

    void confusionMatrixShowsCounts() {
        ConfusionMatrixWidget w;
        w.resize(600, 500);
        w.setData(kCounts, kNames);
        QCPColorMap* map = w.colorMap();
        QCOMPARE(map->data()->keySize(), 3);
        QCOMPARE(map->data()->valueSize(), 3);
        for (int t = 0; t < 3; ++t)
            for (int p = 0; p < 3; ++p) {
                QCOMPARE(map->data()->cell(p, t), double(kCounts[t][p]));
                QCOMPARE(w.cellText(t, p), QString::number(kCounts[t][p]));
            }
        QCOMPARE(map->dataRange().upper, 90.0);
        // One label item per cell, at the cell's coordinates.
        QList<QCPItemText*> labels;
        for (int i = 0; i < w.customPlot()->itemCount(); ++i)
            if (auto* l = qobject_cast<QCPItemText*>(w.customPlot()->item(i))) labels << l;
        QCOMPARE(labels.size(), 9);
        QStringList texts;
        for (auto* l : labels) texts << l->text();
        QVERIFY(texts.contains(QStringLiteral("90")) && texts.contains(QStringLiteral("6")));
        QVERIFY(w.customPlot()->yAxis->rangeReversed());
        auto ticker = w.customPlot()->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticker);
        QCOMPARE(ticker->ticks().value(2), QStringLiteral("YouTube"));

        QSignalSpy normalized(&w, &ConfusionMatrixWidget::normalizedChanged);
        w.setNormalized(true);
        QCOMPARE(normalized.count(), 1);
        QCOMPARE(map->data()->cell(1, 1), 40.0 / 50);
        QCOMPARE(map->data()->cell(2, 2), 0.9);
        QCOMPARE(map->dataRange().upper, 1.0);
        QCOMPARE(w.cellText(1, 1), QStringLiteral("80.0%"));
        QCOMPARE(w.cellText(2, 0), QStringLiteral("0%"));

        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.customPlot()->replot();
        QSignalSpy clicked(&w, &ConfusionMatrixWidget::cellClicked);
        const QPoint c = w.cellCenter(2, 1);
        int t = -1, p = -1;
        QVERIFY(w.cellAt(c, &t, &p));
        QCOMPARE(t, 2);
        QCOMPARE(p, 1);
        QTest::mouseClick(w.customPlot(), Qt::LeftButton, Qt::NoModifier, c);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toInt(), 2);
        QCOMPARE(clicked.at(0).at(1).toInt(), 1);
        shot(&w, "confusion_matrix");

        QHelpEvent help(QEvent::ToolTip, c, w.customPlot()->mapToGlobal(c));
        QApplication::sendEvent(w.customPlot(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), QStringLiteral("True: YouTube\nPredicted: Skype\n10 flows (10.0% of YouTube)"));

        // Sizes that disagree are cut to the smallest.
        w.setData({{1, 2}, {3, 4}}, kNames);
        QCOMPARE(w.classNames().size(), 2);
        QCOMPARE(map->data()->keySize(), 2);
        QCOMPARE(w.cellValue(1, 0), 3.0 / 7);
    }

    void perClassMetrics() {
        PerClassMetricsModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setConfusion(kCounts, kNames);
        QCOMPARE(m.rowCount(), 5);  // three classes, macro and weighted average
        const auto& rows = m.classMetrics();
        QCOMPARE(rows[0].precision, 50.0 / 54);
        QCOMPARE(rows[0].recall, 50.0 / 55);
        QCOMPARE(rows[1].support, 50);
        QCOMPARE(m.accuracy(), 180.0 / 205);
        QCOMPARE(m.index(2, PerClassMetricsModel::RecallColumn).data().toString(), QStringLiteral("90.00"));
        QCOMPARE(m.index(2, PerClassMetricsModel::RecallColumn).data(PerClassMetricsModel::RawValueRole).toDouble(), 0.9);
        const double f1 = 2 * (90.0 / 98) * 0.9 / (90.0 / 98 + 0.9);
        QCOMPARE(m.index(2, PerClassMetricsModel::F1Column).data(PerClassMetricsModel::RawValueRole).toDouble(), f1);
        QCOMPARE(m.index(3, PerClassMetricsModel::ClassColumn).data().toString(), QStringLiteral("Macro average"));
        QCOMPARE(m.index(4, PerClassMetricsModel::SupportColumn).data().toLongLong(), 205);
        // The same numbers as the engine's metrics, macro average included; a class without flows
        // or predictions stays out of the macro average, as in the engine's macro-F1.
        m.setConfusion({{3, 1, 0}, {0, 4, 0}, {0, 0, 0}}, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        const double f1a = 2 * 1.0 * 0.75 / 1.75, f1b = 2 * 0.8 * 1.0 / 1.8;
        QCOMPARE(m.classMetrics()[0].f1, f1a);
        QCOMPARE(m.classMetrics()[2].f1, 0.0);
        QCOMPARE(m.classMetrics()[1].predicted, 5);
        QCOMPARE(m.macroAverage().f1, (f1a + f1b) / 2);
        QCOMPARE(m.macroAverage().support, 8);
    }

    void leaderboardFromProject() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.flowcnn"));
        auto db = testing::createProject(path);
        db->exec("INSERT INTO datasets(name, created_at) VALUES('d', 'now')");
        db->exec("INSERT INTO searches(dataset_id, name, mode, selection, grid_json, created_at) "
                 "VALUES(1, 's', 'exhaustive', 'val', '{}', 'now')");
        const double nan = std::nan("");
        addRun(*db, 1, R"({"conv_act":"relu","fc_act":"leaky_relu","kernel":7,"pool":"max","padding":"conv-only","fc":1024,"filters":32})", 0.99, 0.95, "complete", 75);
        addRun(*db, 1, R"({"conv_act":"tanh","fc_act":"relu","kernel":3,"pool":"avg","padding":"none","fc":256,"filters":32})", 0.97, 0.96, "complete", 30);
        addRun(*db, 1, R"({"conv_act":"sigmoid","fc_act":"tanh","kernel":5,"pool":"max","padding":"both","fc":512,"filters":32})", 0.5, 0.4, "pruned", 10);
        addRun(*db, 1, R"({"conv_act":"softmax","fc_act":"tanh","kernel":5,"pool":"max","padding":"both","fc":512,"filters":32})", nan, nan, "running", 2);

        LeaderboardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QString error;
        QVERIFY2(model.openProject(path, &error), qPrintable(error));
        model.setSearch(1);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.extraKeys(), QStringList{QStringLiteral("filters")});
        QCOMPARE(model.columnCount(), int(LeaderboardModel::FixedColumnCount) + 1);
        // Ranked by validation accuracy; the running trial has no rank and sorts last.
        QCOMPARE(model.index(0, LeaderboardModel::ConvActColumn).data().toString(), QStringLiteral("tanh"));
        QCOMPARE(model.index(0, LeaderboardModel::RankColumn).data().toString(), QStringLiteral("1"));
        QCOMPARE(model.index(1, LeaderboardModel::KernelColumn).data(LeaderboardModel::RawValueRole).toInt(), 7);
        QCOMPARE(model.index(3, LeaderboardModel::RankColumn).data().toString(), QStringLiteral("—"));
        QCOMPARE(model.index(3, LeaderboardModel::StateColumn).data().toString(), QStringLiteral("running"));
        QCOMPARE(model.index(0, LeaderboardModel::ValAccColumn).data().toString(), QStringLiteral("96.00"));
        QCOMPARE(model.index(1, LeaderboardModel::TimeColumn).data().toString(), QStringLiteral("1 min 15 s"));
        QCOMPARE(model.index(0, model.columnCount() - 1).data().toString(), QStringLiteral("32"));

        // Sorting keeps the selection (persistent indexes follow their run).
        QPersistentModelIndex tanhRow(model.index(0, LeaderboardModel::FcColumn));
        model.sort(LeaderboardModel::KernelColumn, Qt::DescendingOrder);
        QCOMPARE(model.index(0, LeaderboardModel::KernelColumn).data().toInt(), 7);
        QCOMPARE(model.index(3, LeaderboardModel::KernelColumn).data().toInt(), 3);
        QCOMPARE(tanhRow.row(), 3);
        model.sort(LeaderboardModel::TrainAccColumn, Qt::AscendingOrder);
        QCOMPARE(model.index(0, LeaderboardModel::TrainAccColumn).data(LeaderboardModel::RawValueRole).toDouble(), 0.5);
        QVERIFY(std::isnan(model.index(3, LeaderboardModel::TrainAccColumn).data(LeaderboardModel::RawValueRole).toDouble()));

        // Live: the running trial completes, a new one starts.
        db->exec("UPDATE runs SET status = 'complete', train_acc = 0.995, val_acc = 0.97 WHERE id = 4");
        addRun(*db, 1, R"({"conv_act":"relu","fc_act":"relu","kernel":3,"pool":"avg","padding":"none","fc":256,"filters":32})", nan, nan, "running", 1);
        QSignalSpy changed(&model, &LeaderboardModel::trialsChanged);
        model.sort(LeaderboardModel::RankColumn, Qt::AscendingOrder);
        model.refresh();
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, LeaderboardModel::ConvActColumn).data().toString(), QStringLiteral("softmax"));
        QCOMPARE(model.runId(0), 4);
        QVERIFY(changed.count() >= 1);

        BestSoFarPlot best;
        best.resize(500, 300);
        best.setLeaderboard(&model);
        const QVector<double> b = best.bestSoFar();
        QCOMPARE(b.size(), 5);
        QCOMPARE(b[0], 0.95);
        QCOMPARE(b[1], 0.96);
        QCOMPARE(b[2], 0.96);  // the pruned trial (0.4) does not lower it
        QCOMPARE(b[3], 0.97);
        QCOMPARE(best.trialGraph()->dataCount(), 3);  // complete trials with a value
        QCOMPARE(best.bestGraph()->dataCount(), 5);
        QCOMPARE(best.bestGraph()->lineStyle(), QCPGraph::lsStepLeft);
        best.show();
        QVERIFY(QTest::qWaitForWindowExposed(&best));
        shot(&best, "best_so_far");
    }

    void classCounts() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.flowcnn"));
        auto db = testing::createProject(path);
        const qint64 cap = testing::addCapture(*db, "a.pcap");
        std::vector<qint64> ids;
        for (int i = 0; i < 9; ++i) {
            testing::TestFlow f;
            f.label = i < 5 ? "Skype" : i < 8 ? "Gmail" : "";
            ids.push_back(testing::addFlow(*db, cap, i, f));
        }
        testing::addClassification(*db, ids, {"Skype", "Gmail", "Gmail"}, 0.9);
        const auto labels = ClassCountChart::labelCounts(*db);
        QCOMPARE(labels.size(), 3);
        QCOMPARE(labels[0], qMakePair(QStringLiteral("Skype"), qint64(5)));
        const auto predicted = ClassCountChart::predictionCounts(*db);
        QCOMPARE(predicted[0], qMakePair(QStringLiteral("Gmail"), qint64(6)));
        ClassCountChart chart;
        chart.resize(500, 300);
        chart.setCounts(labels, predicted);
        QCOMPARE(chart.categories(), (QStringList{QStringLiteral("Skype"), QStringLiteral("Gmail"), QStringLiteral("unlabelled")}));
        QCOMPARE(chart.labelBars()->dataCount(), 3);
        QCOMPARE(chart.labelBars()->data()->at(0)->value, 5.0);
        QCOMPARE(chart.predictedBars()->data()->at(1)->value, 6.0);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        shot(&chart, "class_counts");
    }
};

QTEST_MAIN(PlotsTest)
#include "plots_test.moc"
