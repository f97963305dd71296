// The workbench window: opening captures and projects, the flow table and the byte views,
// drag-and-drop rules, recent files, settings, Korean at run time, and a responsive event loop
// while an import runs.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QStandardItemModel>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QMouseEvent>
#include <QMenuBar>
#include <QSignalSpy>
#include <QHeaderView>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <qcustomplot.h>

#include "app/gui/drop_policy.h"
#include "app/gui/explain_bar.h"
#include "app/gui/language.h"
#include "app/gui/main_window.h"
#include "app/gui/progress_frame.h"
#include "app/gui/recent_files.h"
#include "app_test_support.h"
#include "engine/store/project.h"
#include "widgets/confusion_matrix_widget.h"
#include "widgets/flow_table_model.h"
#include "widgets/hex_view.h"
#include "widgets/payload_image_view.h"
#include "widgets/training_plot.h"

using flowcnn::gui::MainWindow;

class AppWindowTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir tmp_;
    QString path(const QString& name) const { return tmp_.filePath(name); }

    // Waits for the running job to end; returns its "ok".
    static bool waitJob(MainWindow& w, int ms = 60000) {
        if (!w.jobRunning()) return true;
        QSignalSpy spy(&w, &MainWindow::jobFinished);
        if (!spy.wait(ms)) return false;
        return spy.first().at(0).toBool();
    }

private slots:
    void initTestCase() {
        flowcnn::testing::isolateSettings("app_window_test");
        QVERIFY(tmp_.isValid());
        flowcnn::testing::writeCapture(path(QStringLiteral("small.pcap")), 40, "GET / HTTP/1.1", "HTTP/1.1 200 OK");
        flowcnn::testing::writeLabelledTree(path(QStringLiteral("tree")), {QStringLiteral("Alpha"), QStringLiteral("Beta")}, 25);
    }

    void dropPolicyRecognisesFiles() {
        using flowcnn::gui::FileKind;
        QFile txt(path(QStringLiteral("notes.txt")));
        QVERIFY(txt.open(QIODevice::WriteOnly));
        txt.write("hello, not a capture\n");
        txt.close();
        QCOMPARE(flowcnn::gui::detect_file_kind(path(QStringLiteral("small.pcap"))), FileKind::Capture);
        QCOMPARE(flowcnn::gui::detect_file_kind(path(QStringLiteral("tree"))), FileKind::Folder);
        QCOMPARE(flowcnn::gui::detect_file_kind(path(QStringLiteral("notes.txt"))), FileKind::Unsupported);
        QCOMPARE(flowcnn::gui::detect_file_kind(path(QStringLiteral("nope.pcap"))), FileKind::Missing);
        const auto plan = flowcnn::gui::plan_drop({path(QStringLiteral("small.pcap")), path(QStringLiteral("notes.txt"))});
        QCOMPARE(plan.action, flowcnn::gui::DropPlan::Action::ImportCaptures);
        QCOMPARE(plan.captures.size(), 1);
        QCOMPARE(plan.unsupported.size(), 1);
    }

    void openingCaptureFillsFlowTable() {
        MainWindow w;
        w.show();
        QAbstractItemModelTester tester(w.flowModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(w.openPath(path(QStringLiteral("small.pcap"))));
        QVERIFY(w.jobRunning());
        QVERIFY(waitJob(w));
        w.flowModel()->waitForIdle();
        QTRY_COMPARE(w.flowModel()->totalFlowCount(), 40);
        QCOMPARE(w.flowModel()->matchingFlowCount(), 40);
        QTRY_COMPARE(w.flowModel()->rowCount(), 40);
        QVERIFY2(w.countsLabel()->text().contains(QStringLiteral("40 flows")), qPrintable(w.countsLabel()->text()));
        QVERIFY(w.countsLabel()->text().contains(QStringLiteral("40 shown")));

        // Selecting a flow shows its image and its bytes, the same 784 bytes in both views.
        const qint64 id = w.flowModel()->flowId(3);
        QVERIFY(w.selectFlow(id));
        QCOMPARE(w.imageView()->bytes().size(), 784);
        QCOMPARE(w.hexView()->bytes(), w.imageView()->bytes());
        const auto expected = w.project()->image(id);
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(expected.data()), 784), w.imageView()->bytes());
        QVERIFY(w.imageView()->bytes().startsWith("GET / HTTP/1.1 flow 3 "));

        // Hovering a pixel highlights the same byte in the hex view.
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QRect px = w.imageView()->pixelRect(5);
        QVERIFY(px.isValid());
        QMouseEvent move(QEvent::MouseMove, QPointF(px.center()), w.imageView()->mapToGlobal(QPointF(px.center())),
                         Qt::NoButton, Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(w.imageView(), &move);
        QTRY_COMPARE(w.hexView()->highlightedByte(), 5);
        // And back: hovering a byte in the hex dump outlines its pixel.
        const QRect cell = w.hexView()->byteRect(9);
        QMouseEvent move2(QEvent::MouseMove, QPointF(cell.center()),
                          w.hexView()->viewport()->mapToGlobal(QPointF(cell.center())), Qt::NoButton,
                          Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(w.hexView()->viewport(), &move2);
        QTRY_COMPARE(w.imageView()->highlightedByte(), 9);
    }

    void dropRulesAndRefusalDuringJob() {
        MainWindow w;
        w.show();
        QVERIFY(w.newProject(path(QStringLiteral("drops.flowcnn"))));
        // Unsupported file: a clear message, nothing started.
        w.handleDrop({path(QStringLiteral("notes.txt"))});
        QVERIFY(!w.jobRunning());
        QVERIFY2(w.lastStatusMessage().contains(QStringLiteral("notes.txt")), qPrintable(w.lastStatusMessage()));
        // Several captures import together (one job).
        QFile::copy(path(QStringLiteral("small.pcap")), path(QStringLiteral("copy.pcap")));
        w.handleDrop({path(QStringLiteral("small.pcap")), path(QStringLiteral("copy.pcap"))});
        QVERIFY(w.jobRunning());
        // A drop while the job runs is refused with a status message.
        w.handleDrop({path(QStringLiteral("tree"))});
        QVERIFY2(w.lastStatusMessage().contains(QStringLiteral("refused")), qPrintable(w.lastStatusMessage()));
        QVERIFY(waitJob(w));
        QCOMPARE(static_cast<int>(w.project()->captures().size()), 2);
        // A folder imports as labelled data (one sub-folder per class).
        w.handleDrop({path(QStringLiteral("tree"))});
        QVERIFY(waitJob(w));
        int alpha = 0, beta = 0;
        for (const auto& lc : w.project()->label_counts()) {
            if (lc.label == "Alpha") alpha = static_cast<int>(lc.flows);
            if (lc.label == "Beta") beta = static_cast<int>(lc.flows);
        }
        QCOMPARE(alpha, 25);
        QCOMPARE(beta, 25);
    }

    void reopeningProjectShowsItsFlows() {
        const QString p = path(QStringLiteral("reopen.flowcnn"));
        {
            MainWindow w;
            QVERIFY(w.newProject(p));
            QVERIFY(w.importCaptures({path(QStringLiteral("small.pcap"))}));
            QVERIFY(waitJob(w));
            w.close();
        }
        MainWindow w2;
        QVERIFY(w2.openPath(p));
        w2.flowModel()->waitForIdle();
        QCOMPARE(w2.flowModel()->totalFlowCount(), 40);
        QVERIFY(w2.windowTitle().contains(QStringLiteral("reopen.flowcnn")));
    }

    void recentFilesMarkMissingAndClear() {
        flowcnn::gui::RecentFiles recent(QStringLiteral("recentTest"));
        recent.clear();
        const QString gone = path(QStringLiteral("gone.flowcnn"));
        recent.add(path(QStringLiteral("small.pcap")));
        recent.add(gone);
        QMenu menu;
        recent.populate(&menu);
        const auto actions = menu.actions();
        QVERIFY(actions.size() >= 4);  // two files, separator, clear
        QVERIFY(actions[0]->text().contains(QStringLiteral("gone.flowcnn")));
        QVERIFY(actions[0]->text().contains(QStringLiteral("missing")));
        QVERIFY(!actions[0]->isEnabled());
        QVERIFY(actions[1]->isEnabled());
        // It persists in QSettings and can be cleared.
        flowcnn::gui::RecentFiles again(QStringLiteral("recentTest"));
        QCOMPARE(again.files().size(), 2);
        again.clear();
        QCOMPARE(flowcnn::gui::RecentFiles(QStringLiteral("recentTest")).files().size(), 0);
    }

    void windowStateComesBack() {
        QByteArray header;
        {
            MainWindow w;
            w.show();
            w.resize(1000, 700);
            w.flowView()->horizontalHeader()->resizeSection(3, 333);
            header = w.flowView()->horizontalHeader()->saveState();
            w.close();
        }
        MainWindow w2;
        QCOMPARE(w2.flowView()->horizontalHeader()->sectionSize(3), 333);
    }

    void koreanAtRunTime() {
        flowcnn::gui::Language lang;
        MainWindow w(&lang);
        w.show();
        lang.setLanguage(QStringLiteral("en"));
        const QString en = w.menuBar()->actions().first()->text();
        QCOMPARE(en, QStringLiteral("&File"));
        lang.setLanguage(QStringLiteral("ko"));
        QTRY_VERIFY(w.menuBar()->actions().first()->text() != en);
        QVERIFY2(w.menuBar()->actions().first()->text().contains(QStringLiteral("파일")),
                 qPrintable(w.menuBar()->actions().first()->text()));
        QVERIFY(w.countsLabel()->text() != QStringLiteral("No project"));
        lang.setLanguage(QStringLiteral("en"));
        QTRY_COMPARE(w.menuBar()->actions().first()->text(), en);
    }

    void progressFrameAppearsAfterDelay() {
        QWidget host;
        flowcnn::gui::ProgressFrame frame(&host);
        host.show();
        frame.setShowDelay(200);
        frame.begin(QStringLiteral("Importing"), true);
        QVERIFY(!frame.isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(frame.isVisible(), 2000);
        QSignalSpy stop(&frame, &flowcnn::gui::ProgressFrame::stopRequested);
        auto* button = frame.findChild<QToolButton*>();
        QVERIFY(button);
        button->click();
        QCOMPARE(stop.size(), 1);
        frame.end();
        QVERIFY(!frame.isVisible());
    }

    void eventLoopStaysResponsiveDuringImport() {
        const QString big = path(QStringLiteral("big.pcap"));
        flowcnn::testing::writeCapture(big, 30000, "POST /upload HTTP/1.1", "HTTP/1.1 201 Created");
        MainWindow w;
        w.show();
        QVERIFY(w.newProject(path(QStringLiteral("big.flowcnn"))));
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTest::qWait(100);  // the window's first paint is not part of the import
        QElapsedTimer clock;
        qint64 last = 0, longest = 0;
        int ticks = 0;
        QTimer timer;
        timer.setInterval(10);
        connect(&timer, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            longest = std::max(longest, now - last);
            if (now - last > 40) qInfo("stall of %lld ms ending at %lld ms", now - last, now);
            last = now;
            ++ticks;
        });
        QSignalSpy done(&w, &MainWindow::jobFinished);
        clock.start();
        timer.start();
        QVERIFY(w.importCaptures({big}));
        QVERIFY(done.wait(120000));
        qInfo("job finished at %lld ms", clock.elapsed());
        QTest::qWait(300);
        timer.stop();
        QVERIFY(done.first().at(0).toBool());
        QVERIFY2(ticks > 5, "the import finished too fast to measure anything");
        qInfo("import of 30000 flows: %lld ms, %d ticks, longest stall %lld ms", clock.elapsed(), ticks, longest);
        QVERIFY2(longest < 100, qPrintable(QStringLiteral("longest stall %1 ms").arg(longest)));
        w.flowModel()->waitForIdle();
        QCOMPARE(w.flowModel()->totalFlowCount(), 30000);
        // Ctrl+End reaches the last flow, not the last row fetched so far.
        QVERIFY(w.flowModel()->rowCount() < 30000);
        w.flowView()->setFocus();
        QTest::keyClick(w.flowView(), Qt::Key_End, Qt::ControlModifier);
        QCOMPARE(w.flowModel()->rowCount(), 30000);
        QCOMPARE(w.flowView()->currentIndex().row(), 29999);
    }

    void explainBarOffersOnlyOcclusionForNearestNeighbours() {
        flowcnn::gui::ExplainBar bar;
        bar.setRuns({{1, QStringLiteral("run 1 cnn")}, {2, QStringLiteral("run 2 knn")}}, {2});
        bar.setMethod(flowcnn::gui::ExplainBar::Gradient);
        auto* items = qobject_cast<QStandardItemModel*>(
            bar.findChild<QComboBox*>(QStringLiteral("saliencyMethod"))->model());
        QVERIFY(items);
        QVERIFY(items->item(0)->isEnabled());
        QVERIFY(bar.selectRun(2));
        QCOMPARE(bar.method(), flowcnn::gui::ExplainBar::Occlusion);
        QVERIFY(!items->item(0)->isEnabled());
        QVERIFY(bar.selectRun(1));
        QVERIFY(items->item(0)->isEnabled());
    }

    void closingGreysOutViewsAndMenusEverywhere() {
        MainWindow w;
        w.show();
        QVERIFY(!w.flowView()->isEnabled());  // no project yet
        const QString p = path(QStringLiteral("grey.flowcnn"));
        QVERIFY(w.newProject(p));
        QVERIFY(w.importCaptures({path(QStringLiteral("small.pcap"))}));
        QVERIFY(waitJob(w));
        w.flowModel()->waitForIdle();
        QVERIFY(w.flowView()->isEnabled());
        QVERIFY(w.trainingPlot()->isEnabled());
        QVERIFY(w.confusionWidget()->isEnabled());

        // Every table and chart has a right-click menu (copy/export, PNG/PDF).
        for (const char* name : {"flowTable", "runsTable", "leaderboard", "perClassTable", "cellFlows",
                                 "classificationTable", "datasetsTable"}) {
            auto* v = w.findChild<QAbstractItemView*>(QLatin1String(name));
            QVERIFY2(v, name);
            QCOMPARE(v->contextMenuPolicy(), Qt::CustomContextMenu);
        }
        const auto plots = w.findChildren<QCustomPlot*>();
        QVERIFY(plots.size() >= 4);
        for (QCustomPlot* plot : plots) QCOMPARE(plot->contextMenuPolicy(), Qt::CustomContextMenu);

        // Multi-select flows and label them; the classification table counts labelled flows.
        QTRY_COMPARE(w.flowModel()->rowCount(), 40);
        auto* sel = w.flowView()->selectionModel();
        for (int r = 0; r < 5; ++r)
            sel->select(w.flowModel()->index(r, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(w.labelSelectedFlows(QStringLiteral("Gamma")), 5);
        qint64 gamma = 0;
        for (const auto& lc : w.project()->label_counts())
            if (lc.label == "Gamma") gamma = lc.flows;
        QCOMPARE(gamma, 5);
        w.refreshAll();
        const QTableWidget* counts = w.classificationTable();
        bool found = false;
        for (int r = 0; r < counts->rowCount(); ++r)
            if (counts->item(r, 0)->text() == QStringLiteral("Gamma")) {
                QCOMPARE(counts->item(r, 1)->data(Qt::UserRole).toLongLong(), 5);
                found = true;
            }
        QVERIFY(found);

        // Closing greys the views out (they stay open) and disables what needs a project.
        w.findChild<QAction*>(QStringLiteral("closeProject"))->trigger();
        QVERIFY(!w.project());
        QVERIFY(!w.flowView()->isEnabled());
        QVERIFY(!w.trainingPlot()->isEnabled());
        QVERIFY(!w.confusionWidget()->isEnabled());
        QVERIFY(!w.classificationTable()->isEnabled());
        QVERIFY(w.classificationTable()->rowCount() > 0);  // greyed, not cleared
        for (const char* a : {"saveProjectAs", "closeProject", "makeSplit", "exportReport", "refresh",
                              "startTraining", "startSearch", "resumeSearch"})
            QVERIFY2(!w.findChild<QAction*>(QLatin1String(a))->isEnabled(), a);
        QVERIFY(w.findChild<QAction*>(QStringLiteral("openProject"))->isEnabled());
        QCOMPARE(w.labelSelectedFlows(QStringLiteral("x")), -1);
        QCOMPARE(w.countsLabel()->text(), QStringLiteral("No project"));

        // Opening again enables the views and clears what the old project left in them.
        QVERIFY(w.openProject(p));
        QVERIFY(w.flowView()->isEnabled());
        QVERIFY(w.classificationTable()->isEnabled());
        QVERIFY(w.findChild<QAction*>(QStringLiteral("closeProject"))->isEnabled());
    }

    void cancellingImportKeepsPartialResult() {
        const QString big = path(QStringLiteral("big.pcap"));
        MainWindow w;
        w.show();
        QVERIFY(w.newProject(path(QStringLiteral("cancel.flowcnn"))));
        QSignalSpy done(&w, &MainWindow::jobFinished);
        QVERIFY(w.importCaptures({big}));
        QTest::qWait(30);
        w.jobRunner()->cancel();
        QVERIFY(done.wait(60000));
        const auto caps = w.project()->captures();
        QCOMPARE(static_cast<int>(caps.size()), 1);
        // Cancelled early: partial (or, on a fast machine, complete) but usable.
        QVERIFY(caps[0].status == "cancelled" || caps[0].status == "complete");
        w.flowModel()->waitForIdle();
        QCOMPARE(w.flowModel()->totalFlowCount(), caps[0].flows);
    }
};

QTEST_MAIN(AppWindowTest)
#include "app_window_test.moc"
