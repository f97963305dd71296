#include "app/gui/project_queries.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "engine/search/leaderboard.h"
#include "engine/store/database.h"

namespace flowcnn::gui {
namespace {

QString text(store::Statement& s, int c) {
    return s.is_null(c) ? QString() : QString::fromStdString(s.text(c));
}
double real(store::Statement& s, int c) { return s.is_null(c) ? qQNaN() : s.real(c); }
qint64 int64(store::Statement& s, int c) { return s.is_null(c) ? 0 : s.int64(c); }

constexpr const char* kRunColumns =
    "id, dataset_id, search_id, name, status, epochs_done, train_acc, val_acc, train_loss, "
    "val_loss, seconds, hparams_json, train_json, started_at, finished_at, error";

RunRow readRun(store::Statement& s) {
    RunRow r;
    r.id = s.int64(0);
    r.datasetId = int64(s, 1);
    r.searchId = int64(s, 2);
    r.name = text(s, 3);
    r.status = text(s, 4);
    r.epochsDone = static_cast<int>(int64(s, 5));
    r.trainAcc = real(s, 6);
    r.valAcc = real(s, 7);
    r.trainLoss = real(s, 8);
    r.valLoss = real(s, 9);
    r.seconds = real(s, 10);
    r.hparamsJson = text(s, 11);
    r.trainJson = text(s, 12);
    r.startedAt = text(s, 13);
    r.finishedAt = text(s, 14);
    r.error = text(s, 15);
    return r;
}

}  // namespace

QVector<RunRow> listRuns(store::Database& db, bool trials) {
    QVector<RunRow> out;
    auto s = db.prepare(std::string("SELECT ") + kRunColumns + " FROM runs" +
                        (trials ? "" : " WHERE search_id IS NULL") + " ORDER BY id DESC");
    while (s.step()) out.push_back(readRun(s));
    return out;
}

std::optional<RunRow> getRun(store::Database& db, qint64 runId) {
    auto s = db.prepare(std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?");
    s.bind(1, static_cast<std::int64_t>(runId));
    if (!s.step()) return std::nullopt;
    return readRun(s);
}

QVector<EpochRow> runEpochs(store::Database& db, qint64 runId) {
    QVector<EpochRow> out;
    auto s = db.prepare(
        "SELECT epoch, train_loss, train_acc, val_loss, val_acc, images_per_s, seconds FROM epochs "
        "WHERE run_id = ? ORDER BY epoch");
    s.bind(1, static_cast<std::int64_t>(runId));
    while (s.step()) {
        EpochRow e;
        e.epoch = static_cast<int>(s.int64(0));
        e.trainLoss = real(s, 1);
        e.trainAcc = real(s, 2);
        e.valLoss = real(s, 3);
        e.valAcc = real(s, 4);
        e.imagesPerS = real(s, 5);
        e.seconds = real(s, 6);
        out.push_back(e);
    }
    return out;
}

QVector<QPair<qint64, double>> runBatchLosses(store::Database& db, qint64 runId) {
    QVector<QPair<qint64, double>> out;
    auto s = db.prepare("SELECT step, loss FROM batch_losses WHERE run_id = ? ORDER BY step");
    s.bind(1, static_cast<std::int64_t>(runId));
    while (s.step()) out.push_back({s.int64(0), s.real(1)});
    return out;
}

QStringList datasetClasses(store::Database& db, qint64 datasetId) {
    QStringList out;
    auto s = db.prepare(
        "SELECT label FROM dataset_classes WHERE dataset_id = ? ORDER BY class_index");
    s.bind(1, static_cast<std::int64_t>(datasetId));
    while (s.step()) out << QString::fromStdString(s.text(0));
    return out;
}

std::vector<std::vector<int>> parseMatrix(const QString& json) {
    std::vector<std::vector<int>> m;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    QJsonArray rows = doc.array();
    if (doc.isObject()) {
        // Tolerate {"matrix": [[..]]}.
        const QJsonObject o = doc.object();
        rows = o.value(QStringLiteral("matrix")).toArray();
    }
    for (const QJsonValue& row : rows) {
        std::vector<int> r;
        for (const QJsonValue& v : row.toArray()) r.push_back(v.toInt());
        m.push_back(std::move(r));
    }
    return m;
}

QVector<EvaluationRow> runEvaluations(store::Database& db, qint64 runId) {
    QVector<EvaluationRow> out;
    const auto run = getRun(db, runId);
    const QStringList classes = run ? datasetClasses(db, run->datasetId) : QStringList();
    auto s = db.prepare(
        "SELECT id, split, accuracy, macro_f1, confusion_json, created_at FROM evaluations e "
        "WHERE run_id = ? AND id = (SELECT MAX(id) FROM evaluations WHERE run_id = e.run_id AND "
        "split = e.split) ORDER BY CASE split WHEN 'val' THEN 0 WHEN 'test' THEN 1 ELSE 2 END");
    s.bind(1, static_cast<std::int64_t>(runId));
    while (s.step()) {
        EvaluationRow e;
        e.id = s.int64(0);
        e.runId = runId;
        e.split = text(s, 1);
        e.accuracy = s.real(2);
        e.macroF1 = s.real(3);
        e.confusion = parseMatrix(text(s, 4));
        e.createdAt = text(s, 5);
        e.classes = classes;
        while (e.classes.size() < static_cast<int>(e.confusion.size()))
            e.classes << QString::number(e.classes.size());
        out.push_back(std::move(e));
    }
    return out;
}

QVector<CellFlow> cellFlows(store::Database& db, qint64 evaluationId, int trueIndex,
                            int predictedIndex, int limit) {
    QVector<CellFlow> out;
    auto s = db.prepare(
        "SELECT flow_id, confidence FROM predictions WHERE evaluation_id = ? AND true_index = ? "
        "AND predicted_index = ? ORDER BY confidence DESC, flow_id LIMIT ?");
    s.bind(1, static_cast<std::int64_t>(evaluationId)).bind(2, trueIndex).bind(3, predictedIndex).bind(4, limit);
    while (s.step()) out.push_back({s.int64(0), s.real(1)});
    return out;
}

QVector<SearchRow> listSearches(store::Database& db) {
    // The engine's list (by id), newest first for the menus and the leaderboard picker.
    const auto searches = search::list_searches(db);
    QVector<SearchRow> out;
    out.reserve(static_cast<qsizetype>(searches.size()));
    for (auto it = searches.rbegin(); it != searches.rend(); ++it) {
        SearchRow r;
        r.id = it->id;
        r.datasetId = it->dataset_id;
        r.name = QString::fromStdString(it->name);
        r.mode = QString::fromStdString(it->mode);
        r.selection = QString::fromStdString(it->selection);
        r.status = QString::fromStdString(it->status);
        r.createdAt = QString::fromStdString(it->created_at);
        r.bestRunId = it->best_run_id.value_or(0);
        r.trials = static_cast<int>(it->trials);
        out.push_back(r);
    }
    return out;
}

QVector<ClassificationRow> listClassifications(store::Database& db) {
    QVector<ClassificationRow> out;
    auto s = db.prepare(
        "SELECT c.id, c.model_id, c.capture_id, cap.name, c.threshold, c.created_at, "
        "(SELECT COUNT(*) FROM classified_flows f WHERE f.classification_id = c.id) "
        "FROM classifications c LEFT JOIN captures cap ON cap.id = c.capture_id ORDER BY c.id DESC");
    while (s.step()) {
        ClassificationRow r;
        r.id = s.int64(0);
        r.modelId = int64(s, 1);
        r.captureId = int64(s, 2);
        r.captureName = text(s, 3);
        r.threshold = s.real(4);
        r.createdAt = text(s, 5);
        r.flows = s.int64(6);
        out.push_back(r);
    }
    return out;
}

QList<QPair<QString, qint64>> classificationCounts(store::Database& db, qint64 classificationId) {
    QList<QPair<QString, qint64>> out;
    auto s = db.prepare(
        "SELECT label, COUNT(*) AS n FROM classified_flows WHERE classification_id = ? "
        "GROUP BY label ORDER BY n DESC, label");
    s.bind(1, static_cast<std::int64_t>(classificationId));
    while (s.step()) out.push_back({QString::fromStdString(s.text(0)), s.int64(1)});
    return out;
}

QString describeHparams(const QString& hparamsJson) {
    const QJsonObject o = QJsonDocument::fromJson(hparamsJson.toUtf8()).object();
    if (o.isEmpty()) return hparamsJson;
    const int k = o.value(QStringLiteral("kernel")).toInt();
    return QStringLiteral("%1x%1 %2/%3 %4 %5 fc%6")
        .arg(k)
        .arg(o.value(QStringLiteral("conv_act")).toString(), o.value(QStringLiteral("fc_act")).toString(),
             o.value(QStringLiteral("pool")).toString(), o.value(QStringLiteral("padding")).toString())
        .arg(o.value(QStringLiteral("fc")).toInt());
}

}  // namespace flowcnn::gui
