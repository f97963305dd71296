#include "app/gui/project_queries.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

#include <QSet>
#include <algorithm>

#include "engine/common/error.h"
#include "engine/store/database.h"
#ifdef FLOWCNN_HAVE_ML
#include "engine/eval/evaluate.h"
#include "engine/search/leaderboard.h"
#include "engine/train/run_store.h"
#endif

namespace flowcnn::gui {
namespace {

QString text(store::Statement& s, int c) {
    return s.is_null(c) ? QString() : QString::fromStdString(s.text(c));
}
qint64 int64(store::Statement& s, int c) { return s.is_null(c) ? 0 : s.int64(c); }
double orNaN(const std::optional<double>& v) { return v ? *v : qQNaN(); }
QString qs(const std::string& s) { return QString::fromStdString(s); }

#ifdef FLOWCNN_HAVE_ML
RunRow toRow(const train::RunSummary& s) {
    RunRow r;
    r.id = s.id;
    r.datasetId = s.dataset_id;
    r.searchId = s.search_id.value_or(0);
    r.name = qs(s.name);
    r.status = qs(s.status);
    r.epochsDone = s.epochs_done;
    r.trainAcc = orNaN(s.train_acc);
    r.valAcc = orNaN(s.val_acc);
    r.trainLoss = orNaN(s.train_loss);
    r.valLoss = orNaN(s.val_loss);
    r.seconds = orNaN(s.seconds);
    r.hparamsJson = qs(s.kind != model::ModelKind::Cnn ? s.hparams_json : s.hparams.to_json());
    r.trainJson = qs(s.train_json);
    r.knn = s.kind == model::ModelKind::Knn;
    r.trees = s.kind == model::ModelKind::Gbt;
    r.startedAt = qs(s.started_at);
    r.finishedAt = qs(s.finished_at);
    r.error = qs(s.error);
    return r;
}
#endif

}  // namespace

// Runs, epochs, evaluations and searches come from the engine's own readers (engine/train,
// engine/eval, engine/search), converted to Qt values; they live in the model engine library, so a
// build without it has none to show.

QVector<RunRow> listRuns(store::Database& db, bool trials) {
    QVector<RunRow> out;
#ifdef FLOWCNN_HAVE_ML
    for (const auto& s : train::list_runs(db))
        if (trials || !s.search_id) out.push_back(toRow(s));
#else
    Q_UNUSED(db);
    Q_UNUSED(trials);
#endif
    return out;
}

std::optional<RunRow> getRun(store::Database& db, qint64 runId) {
#ifdef FLOWCNN_HAVE_ML
    try {
        return toRow(train::get_run(db, runId));
    } catch (const ConfigError&) {
        return std::nullopt;  // no such run
    }
#else
    Q_UNUSED(db);
    Q_UNUSED(runId);
    return std::nullopt;
#endif
}

QVector<EpochRow> runEpochs(store::Database& db, qint64 runId) {
    QVector<EpochRow> out;
#ifdef FLOWCNN_HAVE_ML
    for (const auto& m : train::run_epochs(db, runId)) {
        EpochRow e;
        e.epoch = m.epoch;
        e.trainLoss = m.train_loss;
        e.trainAcc = m.train_acc;
        e.valLoss = m.has_val ? m.val_loss : qQNaN();
        e.valAcc = m.has_val ? m.val_acc : qQNaN();
        e.imagesPerS = m.images_per_s;
        e.seconds = m.seconds;
        out.push_back(e);
    }
#else
    Q_UNUSED(db);
    Q_UNUSED(runId);
#endif
    return out;
}

QVector<QPair<qint64, double>> runBatchLosses(store::Database& db, qint64 runId) {
    QVector<QPair<qint64, double>> out;
#ifdef FLOWCNN_HAVE_ML
    for (const auto& [step, loss] : train::run_batch_losses(db, runId)) out.push_back({step, loss});
#else
    Q_UNUSED(db);
    Q_UNUSED(runId);
#endif
    return out;
}

QVector<EvaluationRow> runEvaluations(store::Database& db, qint64 runId) {
    QVector<EvaluationRow> out;
#ifdef FLOWCNN_HAVE_ML
    // list_evaluations is newest first: keep the first of each split.
    QSet<QString> seen;
    for (const auto& ev : eval::list_evaluations(db, runId)) {
        EvaluationRow e;
        e.split = qs(ev.split);
        if (seen.contains(e.split)) continue;
        seen.insert(e.split);
        e.id = ev.id;
        e.runId = ev.run_id;
        e.accuracy = ev.accuracy;
        e.macroF1 = ev.macro_f1;
        e.createdAt = qs(ev.created_at);
        for (const auto& row : ev.metrics.confusion)
            e.confusion.emplace_back(row.begin(), row.end());
        for (const auto& c : ev.metrics.per_class) e.classes << qs(c.label);
        while (e.classes.size() < static_cast<int>(e.confusion.size()))
            e.classes << QString::number(e.classes.size());
        out.push_back(std::move(e));
    }
    auto rank = [](const QString& split) {
        return split == QStringLiteral("val") ? 0 : split == QStringLiteral("test") ? 1 : 2;
    };
    std::stable_sort(out.begin(), out.end(),
                     [&](const EvaluationRow& a, const EvaluationRow& b) { return rank(a.split) < rank(b.split); });
#else
    Q_UNUSED(db);
    Q_UNUSED(runId);
#endif
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
    QVector<SearchRow> out;
#ifdef FLOWCNN_HAVE_ML
    // The engine's list (by id), newest first for the menus and the leaderboard picker.
    const auto searches = search::list_searches(db);
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
#else
    Q_UNUSED(db);
#endif
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
    if (o.value(QStringLiteral("model")).toString() == QLatin1String("knn"))
        return QObject::tr("%1-NN %2 (nearest training flows)")
            .arg(o.value(QStringLiteral("k")).toInt())
            .arg(o.value(QStringLiteral("distance")).toString());
    if (o.value(QStringLiteral("model")).toString() == QLatin1String("gbt"))
        return QObject::tr("gradient-boosted trees (%1 rounds, depth %2) over flow features")
            .arg(o.value(QStringLiteral("rounds")).toInt())
            .arg(o.value(QStringLiteral("max_depth")).toInt());
    const int k = o.value(QStringLiteral("kernel")).toInt();
    return QStringLiteral("%1x%1 %2/%3 %4 %5 fc%6")
        .arg(k)
        .arg(o.value(QStringLiteral("conv_act")).toString(), o.value(QStringLiteral("fc_act")).toString(),
             o.value(QStringLiteral("pool")).toString(), o.value(QStringLiteral("padding")).toString())
        .arg(o.value(QStringLiteral("fc")).toInt());
}

}  // namespace flowcnn::gui
