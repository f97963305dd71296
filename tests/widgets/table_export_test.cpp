// Table copy/export: displayed text for "copy as text", raw values for CSV and JSON, CSV quoting.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

#include "widgets/per_class_metrics_model.h"
#include "widgets/table_export.h"

using namespace flowcnn::widgets;

class TableExportTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rawValuesInCsvAndJson() {
        PerClassMetricsModel m;
        m.setConfusion({{3, 1}, {0, 4}}, {QStringLiteral("Google, Inc."), QStringLiteral("Skype")});
        const QString text = tableToText(m, {{0}, {}, true});
        QCOMPARE(text, QStringLiteral("Class\tPrecision (%)\tRecall (%)\tF1 (%)\tSupport\nGoogle, Inc.\t100.00\t75.00\t85.71\t4"));
        const QString csv = tableToCsv(m, {{0, 1}, {0, 2}, true});
        QCOMPARE(csv, QStringLiteral("Class,Recall (%)\r\n\"Google, Inc.\",0.75\r\nSkype,1\r\n"));
        const QJsonArray rows = QJsonDocument::fromJson(tableToJson(m, {{1}, {}, true}).toUtf8()).array();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject().value(QStringLiteral("Class")).toString(), QStringLiteral("Skype"));
        QCOMPARE(rows[0].toObject().value(QStringLiteral("Precision (%)")).toDouble(), 0.8);
        QCOMPARE(rows[0].toObject().value(QStringLiteral("Support")).toInt(), 4);
    }

    void quotingAndFile() {
        QStandardItemModel m(2, 2);
        m.setHorizontalHeaderLabels({QStringLiteral("a"), QStringLiteral("b \"quoted\"")});
        m.setData(m.index(0, 0), QStringLiteral("line\nbreak"));
        m.setData(m.index(0, 1), 7);
        m.setData(m.index(1, 0), QStringLiteral("plain"));
        const QString csv = tableToCsv(m);
        QCOMPARE(csv, QStringLiteral("a,\"b \"\"quoted\"\"\"\r\n\"line\nbreak\",7\r\nplain,\r\n"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("t.csv"));
        QString error;
        QVERIFY2(saveTableCsv(m, path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()), csv);
        QVERIFY(!saveTableCsv(m, dir.filePath(QStringLiteral("missing/dir/t.csv")), &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_MAIN(TableExportTest)
#include "table_export_test.moc"
