#include "app/gui/report.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>
#include <QVariant>
#include <cmath>

#include "app/gui/project_queries.h"
#include "engine/common/error.h"
#include "engine/store/classifications.h"
#include "engine/store/database.h"
#include "engine/store/flows.h"
#include "widgets/per_class_metrics_model.h"

namespace flowcnn::gui {
namespace {

QString pct(double v) {
    return std::isnan(v) ? QStringLiteral("–") : QStringLiteral("%1%").arg(v * 100.0, 0, 'f', 2);
}
QString num(double v, int prec = 4) {
    return std::isnan(v) ? QStringLiteral("–") : QString::number(v, 'f', prec);
}

ReportTable jsonTable(const QString& title, const QString& json, const QString& keyHeader,
                      const QString& valueHeader) {
    ReportTable t;
    t.title = title;
    t.header = {keyHeader, valueHeader};
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = o.begin(); it != o.end(); ++it)
        t.rows.push_back({it.key(), it.value().toVariant().toString()});
    return t;
}

}  // namespace

QString csvField(const QString& s) {
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
        return s;
    QString q = s;
    q.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return QStringLiteral("\"") + q + QStringLiteral("\"");
}

ReportData collectRunReport(store::Database& db, qint64 runId) {
    const auto run = getRun(db, runId);
    if (!run) throw flowcnn::ConfigError("no run " + std::to_string(runId));
    ReportData d;
    d.title = QObject::tr("FlowCNN run %1%2").arg(runId).arg(run->name.isEmpty() ? QString() : QStringLiteral(" — ") + run->name);
    d.summary = {
        {QObject::tr("Run"), QString::number(runId)},
        {QObject::tr("Status"), run->status},
        {QObject::tr("Dataset"), QString::number(run->datasetId)},
        {QObject::tr("Model"), describeHparams(run->hparamsJson)},
        {QObject::tr("Epochs"), QString::number(run->epochsDone)},
        {QObject::tr("Training accuracy"), pct(run->trainAcc)},
        {QObject::tr("Validation accuracy"), pct(run->valAcc)},
        {QObject::tr("Training loss"), num(run->trainLoss)},
        {QObject::tr("Validation loss"), num(run->valLoss)},
        {QObject::tr("Time"), std::isnan(run->seconds) ? QStringLiteral("–") : QObject::tr("%1 s").arg(run->seconds, 0, 'f', 1)},
        {QObject::tr("Started"), run->startedAt},
        {QObject::tr("Finished"), run->finishedAt},
    };
    if (run->searchId) d.summary.push_back({QObject::tr("Grid search"), QString::number(run->searchId)});
    if (!run->error.isEmpty()) d.summary.push_back({QObject::tr("Error"), run->error});

    d.tables.push_back(jsonTable(QObject::tr("Hyper-parameters"), run->hparamsJson,
                                 QObject::tr("Parameter"), QObject::tr("Value")));
    d.tables.push_back(jsonTable(QObject::tr("Training options"), run->trainJson,
                                 QObject::tr("Option"), QObject::tr("Value")));
    ReportTable ep;
    ep.title = QObject::tr("Epochs");
    ep.header = {QObject::tr("Epoch"), QObject::tr("Train loss"), QObject::tr("Train acc."),
                 QObject::tr("Val. loss"), QObject::tr("Val. acc."), QObject::tr("Images/s"),
                 QObject::tr("Seconds")};
    for (const auto& e : runEpochs(db, runId))
        ep.rows.push_back({QString::number(e.epoch), num(e.trainLoss), pct(e.trainAcc), num(e.valLoss),
                           pct(e.valAcc), num(e.imagesPerS, 0), num(e.seconds, 2)});
    d.tables.push_back(ep);

    const auto evals = runEvaluations(db, runId);
    if (!evals.isEmpty()) {
        const EvaluationRow& e = evals.first();
        d.summary.push_back({QObject::tr("Evaluated split"), e.split});
        d.summary.push_back({QObject::tr("Accuracy (%1)").arg(e.split), pct(e.accuracy)});
        d.summary.push_back({QObject::tr("Macro F1 (%1)").arg(e.split), num(e.macroF1, 4)});
        const int n = static_cast<int>(e.confusion.size());
        ReportTable pc;
        pc.title = QObject::tr("Per-class metrics (%1 split)").arg(e.split);
        pc.header = {QObject::tr("Class"), QObject::tr("Precision"), QObject::tr("Recall"),
                     QObject::tr("F1"), QObject::tr("Support")};
        widgets::PerClassMetricsModel metrics;  // the engine's per-class numbers
        metrics.setConfusion(e.confusion, e.classes);
        for (const auto& m : metrics.classMetrics())
            pc.rows.push_back({m.name, num(m.precision), num(m.recall), num(m.f1), QString::number(m.support)});
        d.tables.push_back(pc);
        d.csvTable = pc.title;
        ReportTable cm;
        cm.title = QObject::tr("Confusion matrix (%1 split; rows: true class, columns: predicted)").arg(e.split);
        cm.header << QString();
        for (int c = 0; c < n; ++c) cm.header << e.classes.value(c);
        for (int t = 0; t < n; ++t) {
            QStringList row{e.classes.value(t)};
            for (int p = 0; p < n; ++p) row << QString::number(e.confusion[t][p]);
            cm.rows.push_back(row);
        }
        d.tables.push_back(cm);
    }
    return d;
}

ReportData collectClassificationReport(store::Database& db, qint64 classificationId) {
    const auto cls = store::find_classification(db, classificationId);
    if (!cls) throw flowcnn::ConfigError("no classification " + std::to_string(classificationId));
    auto text = [](const std::string& v) { return v.empty() ? QString() : QString::fromStdString(v); };
    ReportData d;
    d.title = QObject::tr("FlowCNN classification %1").arg(classificationId);
    d.summary = {{QObject::tr("Classification"), QString::number(classificationId)},
                 {QObject::tr("Capture"), text(cls->capture_name)},
                 {QObject::tr("Capture file"), text(cls->capture_path)},
                 {QObject::tr("Model"), !cls->model_id ? QObject::tr("model file")
                                                       : QStringLiteral("%1 (%2)").arg(text(cls->model_name)).arg(*cls->model_id)},
                 {QObject::tr("Threshold"), QString::number(cls->threshold, 'f', 2)},
                 {QObject::tr("Created"), text(cls->created_at)}};
    ReportTable counts;
    counts.title = QObject::tr("Flows per predicted class");
    counts.header = {QObject::tr("Class"), QObject::tr("Flows"), QObject::tr("Share")};
    const auto cc = classificationCounts(db, classificationId);
    qint64 total = 0;
    for (const auto& c : cc) total += c.second;
    for (const auto& [label, n] : cc)
        counts.rows.push_back({label, QString::number(n), pct(total ? double(n) / double(total) : 0.0)});
    d.summary.push_back({QObject::tr("Flows"), QString::number(total)});
    d.tables.push_back(counts);
    ReportTable flows;
    flows.title = QObject::tr("Flows");
    flows.header = {QObject::tr("Flow"), QObject::tr("Client"), QObject::tr("Server"),
                    QObject::tr("SNI / Host"), QObject::tr("Label"), QObject::tr("Predicted"),
                    QObject::tr("Confidence"), QObject::tr("Top 3")};
    for (const auto& f : store::classified_flows(db, classificationId)) {
        flows.rows.push_back({QString::number(f.flow_id),
                              QStringLiteral("%1:%2").arg(QString::fromStdString(f.client_ip)).arg(f.client_port),
                              QStringLiteral("%1:%2").arg(QString::fromStdString(f.server_ip)).arg(f.server_port),
                              QString::fromStdString(f.server_name), QString::fromStdString(f.label),
                              QString::fromStdString(f.predicted), QString::number(f.confidence, 'f', 4),
                              QString::fromStdString(f.top3_json)});
    }
    d.tables.push_back(flows);
    d.csvTable = flows.title;
    return d;
}

QString reportHtml(const ReportData& data, bool embedImages) {
    QString h;
    h += QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                       "<style>body{font-family:sans-serif;margin:2em;}table{border-collapse:collapse;"
                       "margin-bottom:1em;}td,th{border:1px solid #999;padding:3px 8px;text-align:left;}"
                       "th{background:#e8eef7;}h1{color:#1d3557;}</style></head><body>")
             .arg(data.title.toHtmlEscaped());
    h += QStringLiteral("<h1>%1</h1>").arg(data.title.toHtmlEscaped());
    h += QStringLiteral("<h2>%1</h2><table>").arg(QObject::tr("Summary").toHtmlEscaped());
    for (const auto& [k, v] : data.summary)
        h += QStringLiteral("<tr><th>%1</th><td>%2</td></tr>").arg(k.toHtmlEscaped(), v.toHtmlEscaped());
    h += QStringLiteral("</table>");
    for (const ReportTable& t : data.tables) {
        if (t.rows.isEmpty()) continue;
        h += QStringLiteral("<h2>%1</h2><table><tr>").arg(t.title.toHtmlEscaped());
        for (const QString& c : t.header) h += QStringLiteral("<th>%1</th>").arg(c.toHtmlEscaped());
        h += QStringLiteral("</tr>");
        for (const QStringList& r : t.rows) {
            h += QStringLiteral("<tr>");
            for (const QString& c : r) h += QStringLiteral("<td>%1</td>").arg(c.toHtmlEscaped());
            h += QStringLiteral("</tr>");
        }
        h += QStringLiteral("</table>");
    }
    int i = 0;
    for (const ReportImage& img : data.images) {
        if (img.image.isNull()) continue;
        h += QStringLiteral("<h2>%1</h2>").arg(img.caption.toHtmlEscaped());
        QString src;
        if (embedImages) {
            QByteArray png;
            QBuffer buf(&png);
            buf.open(QIODevice::WriteOnly);
            img.image.save(&buf, "PNG");
            src = QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
        } else {
            src = QStringLiteral("report-image-%1.png").arg(i);
        }
        const int w = std::min(img.image.width(), 900);
        h += QStringLiteral("<p><img src=\"%1\" width=\"%2\" alt=\"%3\"></p>")
                 .arg(src).arg(w).arg(img.caption.toHtmlEscaped());
        ++i;
    }
    h += QStringLiteral("<p><small>%1</small></p></body></html>")
             .arg(QObject::tr("Written by FlowCNN Workbench").toHtmlEscaped());
    return h;
}

bool writeReportHtml(const ReportData& data, const QString& path, QString* error) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error) *error = f.errorString();
        return false;
    }
    f.write(reportHtml(data, true).toUtf8());
    if (!f.commit()) {
        if (error) *error = f.errorString();
        return false;
    }
    return true;
}

bool writeReportPdf(const ReportData& data, const QString& path, QString* error) {
    QTextDocument doc;
    int i = 0;
    for (const ReportImage& img : data.images) {
        if (img.image.isNull()) continue;
        doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("report-image-%1.png").arg(i++)),
                        QVariant(img.image));
    }
    doc.setHtml(reportHtml(data, false));
    QPdfWriter pdf(path);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setResolution(150);
    pdf.setTitle(data.title);
    pdf.setCreator(QStringLiteral("FlowCNN Workbench"));
    doc.print(&pdf);
    if (QFileInfo(path).size() <= 0) {
        if (error) *error = QObject::tr("Cannot write %1").arg(path);
        return false;
    }
    return true;
}

bool writeReportCsv(const ReportData& data, const QString& path, QString* error) {
    const ReportTable* table = nullptr;
    for (const ReportTable& t : data.tables)
        if (t.title == data.csvTable) table = &t;
    if (!table && !data.tables.isEmpty()) table = &data.tables.first();
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        if (error) *error = f.errorString();
        return false;
    }
    QString out;
    if (table) {
        QStringList h;
        for (const QString& c : table->header) h << csvField(c);
        out += h.join(QLatin1Char(',')) + QLatin1Char('\n');
        for (const QStringList& r : table->rows) {
            QStringList cells;
            for (const QString& c : r) cells << csvField(c);
            out += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
        }
    }
    f.write(out.toUtf8());
    if (!f.commit()) {
        if (error) *error = f.errorString();
        return false;
    }
    return true;
}

bool writeReport(const ReportData& data, const QString& path, QString* error) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("pdf")) return writeReportPdf(data, path, error);
    if (suffix == QStringLiteral("csv")) return writeReportCsv(data, path, error);
    return writeReportHtml(data, path, error);
}

}  // namespace flowcnn::gui
