// The baselines table: rows sorted by macro-F1 with the best bold, scores and per-class F1 as text
// and raw values, empty cells for classes without scored flows, CSV as shown.
#include <QFont>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "app/gui/baselines_dock.h"
#include "app/gui/explain_bar.h"
#include "app/jobs/baseline_job.h"
#include "engine/dataset/split.h"
#include "engine/store/project.h"
#include "tests/widgets/test_project.h"
#include "widgets/baseline_table_model.h"

using namespace flowcnn;
using namespace flowcnn::widgets;

namespace {
// Two classes, 8 flows per capture: "Web" (6 captures) flows start with an HTTP request and carry a
// Host; "Chat" (2 captures) flows start with a binary header. Every flow's bytes differ.
QString makeProject(const QTemporaryDir& dir) {
    const QString path = dir.filePath(QStringLiteral("b.flowcnn"));
    auto db = testing::createProject(path);
    qint64 idx = 0;
    for (int cap = 0; cap < 8; ++cap) {
        const bool web = cap % 4 != 3;
        const qint64 c = testing::addCapture(*db, "cap" + std::to_string(cap) + ".pcap");
        for (int i = 0; i < 8; ++i, ++idx) {
            testing::TestFlow f;
            f.clientPort = 40000 + static_cast<int>(idx);
            f.label = web ? "Web" : "Chat";
            f.head = web ? QByteArray("GET /") + QByteArray::number(idx) + " HTTP/1.1\r\nHost: www.example.com\r\n"
                         : QByteArray("\x17\x03\x01\x00", 4) + QByteArray(40, char(idx));
            if (web) f.httpHost = "www.example.com";
            f.payloadLen = f.head.size();
            const qint64 id = testing::addFlow(*db, c, idx, f);
            auto st = db->prepare("UPDATE flows SET image_sha1 = ? WHERE id = ?");
            // A distinct image hash per flow (the split groups identical images by its first 16 digits).
            const QString sha = QStringLiteral("%1").arg(id, 16, 16, QLatin1Char('0')) + QString(24, QLatin1Char('0'));
            st.bind(1, sha.toStdString()).bind(2, static_cast<std::int64_t>(id));
            st.run();
        }
    }
    return path;
}
}  // namespace

class BaselineViewsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rowsSortedAndScored() {
        BaselineTableModel m;
        QCOMPARE(m.rowCount(), 0);
        QVector<BaselineTableModel::Row> rows;
        rows.push_back({QStringLiteral("CNN run 3 (Model 5)"), true, false, 0.55, 0.25, {0.5, 0.0, std::nan("")}});
        rows.push_back({QStringLiteral("1-NN hamming"), false, false, 0.60, 0.31, {0.7, 0.24}});
        rows.push_back({QStringLiteral("1-NN hamming"), false, true, 0.58, 0.30, {0.6, 0.3, 0.0}});
        m.setResults({QStringLiteral("DNS"), QStringLiteral("HTTP"), QStringLiteral("TLS")}, rows);
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(m.columnCount(), BaselineTableModel::FirstClassColumn + 3);
        QCOMPARE(m.headerData(BaselineTableModel::FirstClassColumn + 2, Qt::Horizontal).toString(), QStringLiteral("TLS"));
        // The baseline beats the CNN here: it is the first, bold row.
        QCOMPARE(m.data(m.index(0, BaselineTableModel::ModelColumn)).toString(), QStringLiteral("1-NN hamming"));
        QCOMPARE(m.data(m.index(0, BaselineTableModel::NamesColumn)).toString(), QStringLiteral("plain"));
        QCOMPARE(m.data(m.index(1, BaselineTableModel::NamesColumn)).toString(), QStringLiteral("masked"));
        QCOMPARE(m.data(m.index(2, BaselineTableModel::KindColumn)).toString(), QStringLiteral("CNN"));
        QVERIFY(m.data(m.index(0, 0), Qt::FontRole).value<QFont>().bold());
        QVERIFY(!m.data(m.index(1, 0), Qt::FontRole).isValid());
        QCOMPARE(m.data(m.index(0, BaselineTableModel::MacroF1Column)).toString(), QStringLiteral("0.3100"));
        QCOMPARE(m.data(m.index(2, BaselineTableModel::AccuracyColumn), BaselineTableModel::RawValueRole).toDouble(), 0.55);
        // A class without a score (NaN, or beyond the row's F1 list) is an empty cell.
        QCOMPARE(m.data(m.index(2, BaselineTableModel::FirstClassColumn + 2)).toString(), QString());
        QCOMPARE(m.data(m.index(0, BaselineTableModel::FirstClassColumn + 2)).toString(), QString());
        QCOMPARE(m.data(m.index(0, BaselineTableModel::FirstClassColumn + 1)).toString(), QStringLiteral("0.2400"));
        QVERIFY(m.data(m.index(0, BaselineTableModel::FirstClassColumn), Qt::BackgroundRole).isValid());

        const QString csv = m.toCsv();
        const QStringList lines = csv.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0], QStringLiteral("Model,Kind,Server names,Accuracy,Macro-F1,DNS,HTTP,TLS"));
        QCOMPARE(lines[3], QStringLiteral("CNN run 3 (Model 5),CNN,plain,0.5500,0.2500,0.5000,0.0000,"));

        // A k-NN model run is a trained run too, named as such.
        BaselineTableModel::Row knn{QStringLiteral("k-NN run 4 (1-NN hamming)"), true, false, 0.6, 0.3, {0.6, 0.2, 0.1}};
        knn.knn = true;
        m.setResults({QStringLiteral("DNS"), QStringLiteral("HTTP"), QStringLiteral("TLS")}, {knn});
        QCOMPARE(m.data(m.index(0, BaselineTableModel::KindColumn)).toString(), QStringLiteral("k-NN model"));
        // And a trees run (train --gbt).
        BaselineTableModel::Row trees{QStringLiteral("trees run 5 (trees)"), true, false, 0.7, 0.4, {0.7, 0.3, 0.2}};
        trees.trees = true;
        m.setResults({QStringLiteral("DNS"), QStringLiteral("HTTP"), QStringLiteral("TLS")}, {trees});
        QCOMPARE(m.data(m.index(0, BaselineTableModel::KindColumn)).toString(), QStringLiteral("trees model"));

        m.clear();
        QCOMPARE(m.rowCount(), 0);
        QCOMPARE(m.columnCount(), int(BaselineTableModel::FirstClassColumn));
    }

    // The dock lists the project's datasets, shows the split's audit warnings, asks for a run
    // with the mask choice, and shows the rows of a BaselineJob run on a worker thread.
    void dockRunsBaselinesOnAWorker() {
        QTemporaryDir dir;
        const QString path = makeProject(dir);
        auto project = store::Project::open(path.toStdString());
        dataset::SplitOptions o;
        o.by_counts = false;
        o.train_fraction = 0.5;
        o.val_fraction = 0.5;
        o.group_by_capture = true;
        const auto ds = dataset::make_dataset(project, "bycap", o);
        QCOMPARE(ds.val, 32);

        gui::BaselinesDock dock;
        dock.setProject(&project);
        QCOMPARE(dock.currentDataset(), ds.dataset_id);
        QVERIFY(dock.runButton()->isEnabled());
        // Every Web flow carries its Host in clear: the audit warns, above the table.
        QVERIFY2(dock.warningsLabel()->text().contains(QStringLiteral("server name")),
                 qPrintable(dock.warningsLabel()->text()));
        QCOMPARE(dock.model()->rowCount(), 0);
        QSignalSpy asked(&dock, &gui::BaselinesDock::runRequested);
        dock.runButton()->click();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked[0][0].toLongLong(), ds.dataset_id);
        QCOMPARE(asked[0][1].toBool(), true);

        jobs::JobRunner runner;
        baseline::BaselineRunOptions bo;
        bo.masked = true;
        auto* job = new jobs::BaselineJob(path, ds.dataset_id, bo);
        QSignalSpy done(&runner, &jobs::JobRunner::finished);
        connect(&runner, &jobs::JobRunner::finished, this,
                [&](jobs::Job* j, bool ok, bool, const QString& message) {
                    QVERIFY2(ok, qPrintable(message));
                    dock.setBaselineResults(ds.dataset_id, static_cast<jobs::BaselineJob*>(j)->result());
                });
        QVERIFY(runner.start(job));
        QVERIFY(done.wait(60000));
        // 1-NN and logistic regression plain and masked, name only, majority class.
        QCOMPARE(dock.model()->rowCount(), 6);
        QCOMPARE(dock.model()->classes(), (QStringList{QStringLiteral("Chat"), QStringLiteral("Web")}));
        bool nameOnly = false;
        for (const auto& r : dock.model()->rows()) {
            QVERIFY(r.macroF1 >= 0 && r.macroF1 <= 1);
            if (r.model.startsWith(QStringLiteral("name only"))) {
                nameOnly = true;
                QCOMPARE(r.accuracy, 0.75);  // the Host names Web; no name: the majority, Web too
            }
        }
        QVERIFY(nameOnly);
        // The bytes alone separate the classes here: 1-NN is perfect, so it sorts first.
        QCOMPARE(dock.model()->rows().first().macroF1, 1.0);

        // Cross-validation by capture: every flow scored, the note says how.
        QCOMPARE(dock.folds(), 0);
        dock.setFolds(3);
        QCOMPARE(dock.folds(), 3);
        bo.folds = dock.folds();
        bo.masked = false;
        QVERIFY(runner.start(new jobs::BaselineJob(path, ds.dataset_id, bo)));
        QVERIFY(done.wait(60000));
        QCOMPARE(dock.model()->rowCount(), 4);  // 1-NN, logistic regression, name only, majority
        QVERIFY2(dock.noteLabel()->text().contains(QStringLiteral("3 folds, all 64 flows")),
                 qPrintable(dock.noteLabel()->text()));
        dock.setProject(nullptr);
        QCOMPARE(dock.model()->rowCount(), 0);
        QVERIFY(!dock.runButton()->isEnabled());
    }

    void explainBarListsRuns() {
        gui::ExplainBar bar;
        QVERIFY(!bar.active());
        QSignalSpy changed(&bar, &gui::ExplainBar::settingsChanged);
        QSignalSpy toggled(&bar, &gui::ExplainBar::toggled);
        bar.setRuns({{7, QStringLiteral("run 7")}, {3, QStringLiteral("run 3")}});
        QCOMPARE(bar.runId(), 7);
        QCOMPARE(changed.size(), 1);
        bar.setShown(true);
        QCOMPARE(toggled.size(), 1);
        QVERIFY(bar.active());
        QVERIFY(bar.selectRun(3));
        QCOMPARE(changed.size(), 2);
        bar.setMethod(gui::ExplainBar::Occlusion);
        QCOMPARE(bar.method(), gui::ExplainBar::Occlusion);
        QCOMPARE(changed.size(), 3);
        // The chosen run stays chosen while listed; without runs nothing can be explained.
        bar.setRuns({{9, QStringLiteral("run 9")}, {3, QStringLiteral("run 3")}});
        QCOMPARE(bar.runId(), 3);
        bar.setRuns({});
        QCOMPARE(bar.runId(), 0);
        QVERIFY(!bar.active());
    }
};

QTEST_MAIN(BaselineViewsTest)
#include "baseline_views_test.moc"
