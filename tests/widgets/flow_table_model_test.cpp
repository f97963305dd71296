// FlowTableModel and FlowFilter over a real project file: lazy paging, filter and sort in SQL,
// labels written back, predictions joined, refresh while another connection writes.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QHeaderView>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/widgets/test_project.h"
#include "widgets/flow_filter.h"
#include "widgets/flow_filter_bar.h"
#include "widgets/flow_table_model.h"

using namespace flowcnn;
using flowcnn::widgets::FlowFilter;
using flowcnn::widgets::FlowTableModel;

namespace {
constexpr int kFlows = 5000;

testing::TestFlow flowNumber(int i) {
    testing::TestFlow f;
    f.proto = i % 3 == 0 ? 17 : 6;
    f.clientIp = QStringLiteral("10.0.%1.%2").arg(i / 256).arg(i % 256).toStdString();
    f.clientPort = 40000 + i % 1000;
    f.serverIp = QStringLiteral("192.168.1.%1").arg(i % 10).toStdString();
    f.serverPort = i % 2 ? 443 : 80;
    if (f.serverPort == 443) f.sni = i % 5 == 0 ? "www.google.com" : "example.org";
    else f.httpHost = "plain.example.net";
    f.label = i % 4 == 0 ? "Google" : i % 4 == 1 ? "Netflix" : "";
    f.payloadLen = (i * 37) % 1500;
    f.firstNs += static_cast<qint64>(i) * 1'000'000;
    if (i % 7 != 0) f.head = QByteArray("\x16\x03\x01 hello", 10);
    return f;
}
}  // namespace

class FlowTableModelTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir dir_;
    QString path_;
    std::vector<qint64> ids_;

    int expectedCount(const std::function<bool(int)>& pred) const {
        int n = 0;
        for (int i = 0; i < kFlows; ++i) n += pred(i) ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        path_ = dir_.filePath(QStringLiteral("flows.flowcnn"));
        auto db = testing::createProject(path_);
        store::Transaction tx(*db);
        const qint64 cap = testing::addCapture(*db, "mixed.pcap");
        for (int i = 0; i < kFlows; ++i) ids_.push_back(testing::addFlow(*db, cap, i, flowNumber(i)));
        tx.commit();
    }

    void filterParsing_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("errorPos");
        QTest::newRow("empty") << "" << true << -1;
        QTest::newRow("example") << "tcp port 443 host google label=Google" << true << -1;
        QTest::newRow("port missing") << "tcp port" << false << 4;
        QTest::newRow("port not number") << "port https" << false << 5;
        QTest::newRow("port range") << "port=70000" << false << 5;
        QTest::newRow("unknown key") << "colour=red" << false << 0;
        QTest::newRow("open quote") << "label=\"Google" << false << 6;
        QTest::newRow("dangling not") << "tcp not" << false << 4;
        QTest::newRow("dangling or") << "tcp or" << false << 6;
        QTest::newRow("or") << "udp or port 443" << true << -1;
        QTest::newRow("bang") << "!udp" << true << -1;
        QTest::newRow("ipv6 word") << "fe80::1" << true << -1;
        QTest::newRow("quoted label") << "label=\"Google Maps\"" << true << -1;
    }
    void filterParsing() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(int, errorPos);
        const FlowFilter f = FlowFilter::parse(text);
        QCOMPARE(f.isValid(), valid);
        QCOMPARE(f.errorPosition(), errorPos);
        QCOMPARE(f.errorString().isEmpty(), valid);
    }

    void lazyFetching() {
        FlowTableModel model;
        model.setAsynchronous(false);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QString error;
        QVERIFY2(model.openProject(path_, &error), qPrintable(error));
        QCOMPARE(model.totalFlowCount(), kFlows);
        QCOMPARE(model.matchingFlowCount(), kFlows);
        QCOMPARE(model.rowCount(), 2000);
        QVERIFY(model.canFetchMore({}));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 4000);
        model.fetchMore({});
        QCOMPARE(model.rowCount(), kFlows);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(inserted.count(), 2);
        // Rows in id order, with formatted and raw values.
        QCOMPARE(model.flowId(0), ids_[0]);
        QCOMPARE(model.flowId(kFlows - 1), ids_[kFlows - 1]);
        const int r = 4001;
        QCOMPARE(model.index(r, FlowTableModel::ProtocolColumn).data().toString(), QStringLiteral("TCP"));
        QCOMPARE(model.index(r, FlowTableModel::ClientColumn).data().toString(), QStringLiteral("10.0.15.161:40001"));
        QCOMPARE(model.index(r, FlowTableModel::PacketsColumn).data().toString(), QStringLiteral("5 / 4"));
        QCOMPARE(model.index(r, FlowTableModel::PacketsColumn).data(FlowTableModel::RawValueRole).toLongLong(), 9);
        QCOMPARE(model.index(r, FlowTableModel::BytesColumn).data(FlowTableModel::RawValueRole).toLongLong(), 4500);
        QCOMPARE(model.index(r, FlowTableModel::ServerNameColumn).data().toString(), QStringLiteral("example.org"));
        QCOMPARE(model.index(r, FlowTableModel::LabelColumn).data().toString(), QStringLiteral("Netflix"));
        QCOMPARE(model.index(r, FlowTableModel::DurationColumn).data(FlowTableModel::RawValueRole).toDouble(), 1.0);
        QCOMPARE(model.index(0, FlowTableModel::FirstTimeColumn).data().toString(),
                 QStringLiteral("2023-11-14 22:13:20.000"));
        QCOMPARE(model.index(r, FlowTableModel::IdColumn).data(FlowTableModel::FlowIdRole).toLongLong(), ids_[r]);
        const QString shots = qEnvironmentVariable("FLOWCNN_SHOTS_DIR");
        if (!shots.isEmpty()) {
            QTableView view;
            view.setModel(&model);
            view.resize(1400, 400);
            view.resizeColumnsToContents();
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            view.grab().save(shots + QStringLiteral("/flow_table.png"));
        }
    }

    void cacheBoundKeepsValuesRight() {
        FlowTableModel model;
        model.setAsynchronous(false);
        model.setPageSize(kFlows);
        model.setCacheLimit(300);  // two blocks: reading every row evicts again and again
        QVERIFY(model.openProject(path_));
        for (int pass = 0; pass < 2; ++pass)
            for (int i = 0; i < kFlows; i += 97)
                QCOMPARE(model.index(i, FlowTableModel::PayloadLengthColumn).data().toLongLong(), (i * 37) % 1500);
    }

    void filtersInSql_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected");
        QTest::newRow("udp") << "udp" << expectedCount([](int i) { return i % 3 == 0; });
        QTest::newRow("example") << "tcp port 443 host google label=Google"
                                 << expectedCount([](int i) { return i % 3 && i % 2 && i % 5 == 0 && i % 4 == 0; });
        QTest::newRow("unlabelled") << "label=none" << expectedCount([](int i) { return i % 4 >= 2; });
        QTest::newRow("not label") << "not label=none" << expectedCount([](int i) { return i % 4 < 2; });
        QTest::newRow("host ip") << "host 192.168.1.3" << expectedCount([](int i) { return i % 10 == 3; });
        QTest::newRow("word") << "plain.example" << expectedCount([](int i) { return i % 2 == 0; });
        QTest::newRow("case-insensitive label") << "label:netflix" << expectedCount([](int i) { return i % 4 == 1; });
        QTest::newRow("or") << "label=Google or label=Netflix" << expectedCount([](int i) { return i % 4 < 2; });
        QTest::newRow("image") << "image" << expectedCount([](int i) { return i % 7 != 0; });
        QTest::newRow("port 80 udp") << "udp port 80" << expectedCount([](int i) { return i % 3 == 0 && i % 2 == 0; });
    }
    void filtersInSql() {
        QFETCH(QString, text);
        QFETCH(int, expected);
        FlowTableModel model;
        model.setAsynchronous(false);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.openProject(path_));
        const FlowFilter f = FlowFilter::parse(text);
        QVERIFY2(f.isValid(), qPrintable(f.errorString()));
        QSignalSpy counts(&model, &FlowTableModel::countsChanged);
        model.setFilter(f);
        QCOMPARE(model.matchingFlowCount(), expected);
        QCOMPARE(model.totalFlowCount(), kFlows);
        QCOMPARE(counts.count(), 1);
        QCOMPARE(counts.at(0).at(1).toLongLong(), expected);
        QCOMPARE(model.countsText(), QStringLiteral("%1 flows · %2 shown").arg(QLocale().toString(kFlows), QLocale().toString(expected)));
        QCOMPARE(model.rowCount(), std::min(expected, 2000));
    }

    void sortsInSql() {
        FlowTableModel model;
        model.setAsynchronous(false);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.openProject(path_));
        model.sort(FlowTableModel::PayloadLengthColumn, Qt::DescendingOrder);
        while (model.canFetchMore({})) model.fetchMore({});
        QCOMPARE(model.rowCount(), kFlows);
        qint64 last = std::numeric_limits<qint64>::max();
        for (int r = 0; r < model.rowCount(); ++r) {
            const qint64 v = model.index(r, FlowTableModel::PayloadLengthColumn).data(FlowTableModel::RawValueRole).toLongLong();
            QVERIFY(v <= last);
            last = v;
        }
        QSignalSpy errors(&model, &FlowTableModel::errorOccurred);
        model.sort(FlowTableModel::LabelColumn, Qt::AscendingOrder);
        QCOMPARE(errors.count(), 0);
        // Unlabelled ('') first, then Google, then Netflix.
        QCOMPARE(model.index(0, FlowTableModel::LabelColumn).data().toString(), QString());
        QCOMPARE(model.index(model.rowCount() - 1, FlowTableModel::LabelColumn).data().toString(), QStringLiteral("Netflix"));
        // Every column sorts without an SQL error, both ways (without the tester: it is slow here).
        FlowTableModel plain;
        plain.setAsynchronous(false);
        QVERIFY(plain.openProject(path_));
        QSignalSpy plainErrors(&plain, &FlowTableModel::errorOccurred);
        for (int c = 0; c < FlowTableModel::ColumnCount; ++c)
            for (auto order : {Qt::AscendingOrder, Qt::DescendingOrder}) plain.sort(c, order);
        QCOMPARE(plainErrors.count(), 0);
        plain.sort(FlowTableModel::ServerNameColumn, Qt::DescendingOrder);
        QCOMPARE(plain.index(0, FlowTableModel::ServerNameColumn).data().toString(), QStringLiteral("www.google.com"));
    }

    void asyncSortKeepsPersistentIndexes() {
        FlowTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.openProject(path_));
        QPersistentModelIndex selected(model.index(10, FlowTableModel::ClientColumn));
        const qint64 id = model.flowId(10);
        QSignalSpy finished(&model, &FlowTableModel::queryFinished);
        QSignalSpy busy(&model, &FlowTableModel::busyChanged);
        model.sort(FlowTableModel::IdColumn, Qt::DescendingOrder);
        QVERIFY(model.isBusy());
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.at(0).at(0).toBool(), false);
        QVERIFY(!model.isBusy());
        QCOMPARE(busy.count(), 2);
        QCOMPARE(model.flowId(0), ids_.back());
        // The flow sits at row kFlows-11 now, past the 2000 shown: the model exposed enough rows.
        QVERIFY(selected.isValid());
        QCOMPARE(model.flowId(selected.row()), id);
        QCOMPARE(selected.column(), int(FlowTableModel::ClientColumn));
    }

    void cancelKeepsRows() {
        FlowTableModel model;
        QVERIFY(model.openProject(path_));
        QSignalSpy finished(&model, &FlowTableModel::queryFinished);
        model.setFilter(FlowFilter::parse(QStringLiteral("udp")));
        model.cancelQuery();
        model.waitForIdle();
        QCOMPARE(finished.count(), 1);
        // Cancelled before or while running: the old rows remain; if it finished first, it applied.
        if (finished.at(0).at(0).toBool()) QCOMPARE(model.matchingFlowCount(), kFlows);
        QVERIFY(!model.isBusy());
    }

    void setLabelsWritesTheProject() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("labels.flowcnn"));
        {
            auto db = testing::createProject(path);
            const qint64 cap = testing::addCapture(*db, "a.pcap");
            for (int i = 0; i < 10; ++i) testing::addFlow(*db, cap, i, flowNumber(i));
        }
        FlowTableModel model;
        model.setAsynchronous(false);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.openProject(path));
        QCOMPARE(model.index(3, FlowTableModel::LabelColumn).data().toString(), QString());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QCOMPARE(model.setLabels({2, 3, 4, 8}, QStringLiteral("Skype")), 4);
        QCOMPARE(changed.count(), 2);  // rows 2-4 and 8
        QCOMPARE(model.index(3, FlowTableModel::LabelColumn).data().toString(), QStringLiteral("Skype"));
        {
            store::Database check(path.toStdString(), store::Database::Mode::ReadOnly);
            auto st = check.prepare("SELECT COUNT(*) FROM flows WHERE label = 'Skype' AND label_source = 'manual'");
            QVERIFY(st.step());
            QCOMPARE(st.int64(0), 4);
        }
        QCOMPARE(model.setLabels({3}, QString()), 1);  // empty clears
        QCOMPARE(model.index(3, FlowTableModel::LabelColumn).data().toString(), QString());
        model.setFilter(FlowFilter::parse(QStringLiteral("label=skype")));
        QCOMPARE(model.matchingFlowCount(), 3);
        QVERIFY(!model.isReadOnly());
    }

    void missingProjectIsAnError() {
        FlowTableModel model;
        QString error;
        QVERIFY(!model.openProject(QStringLiteral("/nonexistent/dir/x.flowcnn"), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!model.hasProject());
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.setLabels({0}, QStringLiteral("x")), -1);
    }

    void refreshSeesAnotherWriterAndPredictions() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("live.flowcnn"));
        auto writer = testing::createProject(path);
        const qint64 cap = testing::addCapture(*writer, "live.pcap");
        std::vector<qint64> ids;
        for (int i = 0; i < 5; ++i) ids.push_back(testing::addFlow(*writer, cap, i, flowNumber(i)));
        FlowTableModel model;
        model.setAsynchronous(false);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.openProject(path));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, FlowTableModel::PredictionColumn).data().toString(), QString());
        for (int i = 5; i < 12; ++i) ids.push_back(testing::addFlow(*writer, cap, i, flowNumber(i)));
        testing::addClassification(*writer, {ids[0], ids[1]}, {"YouTube"}, 0.5);
        testing::addClassification(*writer, {ids[0]}, {"Google"}, 0.9);  // newer: wins for ids[0]
        model.refresh();
        QCOMPARE(model.totalFlowCount(), 12);
        QCOMPARE(model.matchingFlowCount(), 12);
        while (model.canFetchMore({})) model.fetchMore({});
        QCOMPARE(model.rowCount(), 12);
        QCOMPARE(model.index(0, FlowTableModel::PredictionColumn).data().toString(), QStringLiteral("Google"));
        QCOMPARE(model.index(0, FlowTableModel::ConfidenceColumn).data().toString(), QStringLiteral("90.0 %"));
        QCOMPARE(model.index(1, FlowTableModel::PredictionColumn).data().toString(), QStringLiteral("YouTube"));
        QVERIFY(!model.index(2, FlowTableModel::ConfidenceColumn).data(FlowTableModel::RawValueRole).isValid());
        model.setFilter(FlowFilter::parse(QStringLiteral("pred=youtube")));
        QCOMPARE(model.matchingFlowCount(), 1);
        model.setFilter(FlowFilter());
        model.sort(FlowTableModel::ConfidenceColumn, Qt::DescendingOrder);
        QCOMPARE(model.flowId(0), ids[0]);
        QCOMPARE(model.flowId(1), ids[1]);
    }

    void payloadImageUsesFillMode() {
        FlowTableModel model;
        model.setAsynchronous(false);
        QVERIFY(model.openProject(path_));
        const auto img = model.payloadImage(ids_[1]);
        QVERIFY(img.has_value());
        QCOMPARE((*img)[0], std::uint8_t(0x16));
        QCOMPARE((*img)[10], std::uint8_t(0x16));  // repeated from the first byte
        QVERIFY(!model.payloadImage(ids_[0]).has_value());  // i % 7 == 0: no payload
    }

    void filterBarChecksAndRemembers() {
        widgets::FlowFilterBar bar;
        QSignalSpy applied(&bar, &widgets::FlowFilterBar::filterApplied);
        QSignalSpy validity(&bar, &widgets::FlowFilterBar::validityChanged);
        QTest::keyClicks(&bar, QStringLiteral("tcp port"));
        QVERIFY(!bar.isCurrentValid());
        QVERIFY(bar.styleSheet().contains(QStringLiteral("#ffc4c4")));
        QTest::keyClick(&bar, Qt::Key_Return);
        QCOMPARE(applied.count(), 0);  // invalid filters are not applied
        QTest::keyClicks(&bar, QStringLiteral(" 443"));
        QVERIFY(bar.isCurrentValid());
        QVERIFY(validity.count() >= 2);
        QTest::keyClick(&bar, Qt::Key_Return);
        QCOMPARE(applied.count(), 1);
        QCOMPARE(applied.at(0).at(0).value<FlowFilter>().text(), QStringLiteral("tcp port 443"));
        bar.setText(QStringLiteral("udp"));
        QVERIFY(bar.apply());
        QCOMPARE(bar.history(), (QStringList{QStringLiteral("udp"), QStringLiteral("tcp port 443")}));
        bar.clear();
        QTest::keyClick(&bar, Qt::Key_Up);
        QCOMPARE(bar.text(), QStringLiteral("udp"));
        QTest::keyClick(&bar, Qt::Key_Up);
        QCOMPARE(bar.text(), QStringLiteral("tcp port 443"));
        QTest::keyClick(&bar, Qt::Key_Down);
        QCOMPARE(bar.text(), QStringLiteral("udp"));
    }
};

QTEST_MAIN(FlowTableModelTest)
#include "flow_table_model_test.moc"
