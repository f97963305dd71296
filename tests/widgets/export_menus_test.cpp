// The shared right-click menus: tables copy (selection or all) as text/CSV/JSON, export every row
// as CSV (fetching rows a lazy model has not handed out yet) and resize columns; charts save as
// PNG and PDF; the folder of the last export is remembered. No dialog: a chooser stands in.
#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <qcustomplot.h>

#include "widgets/export_menus.h"

using namespace flowcnn::widgets;

namespace {
// A model that hands out its rows 3 at a time, as the flow table pages.
class PagedModel : public QAbstractTableModel {
public:
    int total = 10, shown = 3;
    int rowCount(const QModelIndex& p = {}) const override { return p.isValid() ? 0 : shown; }
    int columnCount(const QModelIndex& p = {}) const override { return p.isValid() ? 0 : 2; }
    QVariant data(const QModelIndex& i, int role) const override {
        if (role == Qt::DisplayRole) return QStringLiteral("r%1c%2").arg(i.row()).arg(i.column());
        if (role == Qt::UserRole && i.column() == 1) return i.row() * 10;
        return {};
    }
    QVariant headerData(int s, Qt::Orientation o, int role) const override {
        if (o == Qt::Horizontal && role == Qt::DisplayRole) return s == 0 ? QStringLiteral("name") : QStringLiteral("value");
        return {};
    }
    bool canFetchMore(const QModelIndex& p) const override { return !p.isValid() && shown < total; }
    void fetchMore(const QModelIndex& p) override {
        if (p.isValid()) return;
        const int n = std::min(3, total - shown);
        beginInsertRows({}, shown, shown + n - 1);
        shown += n;
        endInsertRows();
    }
};

QAction* action(QMenu* m, const char* name) { return m->findChild<QAction*>(QLatin1String(name)); }
}  // namespace

class ExportMenusTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QCoreApplication::setOrganizationName(QStringLiteral("flowcnn-test"));
        QCoreApplication::setApplicationName(QStringLiteral("export-menus-test"));
        QVERIFY(settingsDir_.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir_.path());
    }

    void tableMenuCopiesAndExports() {
        PagedModel model;
        QTableView view;
        view.setModel(&model);
        view.horizontalHeader()->moveSection(1, 0);  // the user put "value" first
        QMenu* menu = createTableMenu(&view, QStringLiteral("flows"), &view);
        for (const char* a : {"copyText", "copyCsv", "copyJson", "exportCsv", "resizeColumns"})
            QVERIFY2(action(menu, a) && action(menu, a)->isEnabled(), a);
        // Nothing selected: all loaded rows; columns in the order shown.
        action(menu, "copyText")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 QStringLiteral("value\tname\nr0c1\tr0c0\nr1c1\tr1c0\nr2c1\tr2c0"));
        view.selectRow(1);
        delete menu;
        menu = createTableMenu(&view, QStringLiteral("flows"), &view);
        action(menu, "copyCsv")->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("value,name\r\n10,r1c0\r\n"));
        action(menu, "copyJson")->trigger();
        QVERIFY(QGuiApplication::clipboard()->text().contains(QStringLiteral("\"value\": 10")));

        // Export CSV: every row, fetched; the chooser gets the suggested name in the last folder.
        QTemporaryDir dir;
        QString suggested;
        setSaveFileChooser([&](QWidget*, const QString&, const QString& s, const QString&) {
            suggested = s;
            return dir.filePath(QStringLiteral("out.csv"));
        });
        action(menu, "exportCsv")->trigger();
        QCOMPARE(QFileInfo(suggested).fileName(), QStringLiteral("flows.csv"));
        QCOMPARE(model.shown, 10);
        QFile f(dir.filePath(QStringLiteral("out.csv")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 11);
        QCOMPARE(lines.at(10), QStringLiteral("90,r9c0"));
        QCOMPARE(lastExportFolder(), QFileInfo(dir.path()).absoluteFilePath());
        // The next export starts there.
        action(menu, "exportCsv")->trigger();
        QCOMPARE(QFileInfo(suggested).absolutePath(), QFileInfo(dir.path()).absoluteFilePath());
        // A cancelled dialog writes nothing; a bad path reports and keeps going.
        setSaveFileChooser([](QWidget*, const QString&, const QString&, const QString&) { return QString(); });
        action(menu, "exportCsv")->trigger();
        QString error;
        QVERIFY(!exportViewCsv(&view, dir.filePath(QStringLiteral("no/such/dir/x.csv")), &error));
        QVERIFY(!error.isEmpty());
        setSaveFileChooser({});
        delete menu;

        // An empty table offers nothing to copy or export.
        QStandardItemModel empty(0, 2);
        QTableView ev;
        ev.setModel(&empty);
        QMenu* em = createTableMenu(&ev, QStringLiteral("empty"), &ev);
        QVERIFY(!action(em, "exportCsv")->isEnabled());
        QVERIFY(!action(em, "copyText")->isEnabled());
        delete em;
    }

    void installedMenuOpensOnRightClick() {
        QStandardItemModel model(2, 2);
        QTableView view;
        view.setModel(&model);
        bool extraCalled = false;
        installTableMenu(&view, QStringLiteral("t"), [&](QMenu* m) {
            extraCalled = true;
            m->addAction(QStringLiteral("Set Label..."));
        });
        QCOMPARE(view.contextMenuPolicy(), Qt::CustomContextMenu);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        emit view.customContextMenuRequested(QPoint(5, 5));
        QVERIFY(extraCalled);
        QMenu* shown = view.findChild<QMenu*>(QStringLiteral("tableMenu"));
        QVERIFY(shown);
        shown->close();
    }

    void plotMenuSavesPngAndPdf() {
        QCustomPlot plot;
        plot.resize(400, 300);
        plot.addGraph()->setData({1, 2, 3}, {1, 4, 9});
        plot.rescaleAxes();
        installPlotMenu(&plot, QStringLiteral("curves"));
        QCOMPARE(plot.contextMenuPolicy(), Qt::CustomContextMenu);
        QMenu* menu = createPlotMenu(&plot, QStringLiteral("curves"), &plot);
        QTemporaryDir dir;
        QStringList suggested;
        setSaveFileChooser([&](QWidget*, const QString&, const QString& s, const QString&) {
            suggested << QFileInfo(s).fileName();
            return dir.filePath(QFileInfo(s).completeBaseName() + QStringLiteral("-saved"));  // no suffix typed
        });
        action(menu, "savePng")->trigger();
        action(menu, "savePdf")->trigger();
        setSaveFileChooser({});
        QCOMPARE(suggested, (QStringList{QStringLiteral("curves.png"), QStringLiteral("curves.pdf")}));
        QImage png(dir.filePath(QStringLiteral("curves-saved.png")));
        QVERIFY(!png.isNull());
        QVERIFY(png.width() >= 400);
        QFile pdf(dir.filePath(QStringLiteral("curves-saved.pdf")));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        delete menu;
    }

private:
    QTemporaryDir settingsDir_;
};

QTEST_MAIN(ExportMenusTest)
#include "export_menus_test.moc"
