#include "app/gui/project_queries.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

#include <QSet>
#include <algorithm>

#include "engine/store/classifications.h"
#include "engine/store/evaluations.h"
#include "engine/store/runs.h"
#include "engine/store/searches.h"

namespace flowcnn::gui {
namespace {

double orNaN(const std::optional<double>& v) { return v ? *v : qQNaN(); }
QString qs(const std::string& s) { return QString::fromStdString(s); }

RunRow toRow(const store::RunSummary& s) {
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
    r.hparamsJson = qs(s.hparams_json);
    r.trainJson = qs(s.train_json);
    r.knn = s.kind == model::ModelKind::Knn;
    r.trees = s.kind == model::ModelKind::Gbt;
    r.startedAt = qs(s.started_at);
    r.finishedAt = qs(s.finished_at);
    r.error = qs(s.error);
    return r;
}

EvaluationRow toRow(const store::StoredEvaluation& ev) {
    EvaluationRow e;
    e.split = qs(ev.split);
    e.id = ev.id;
    e.runId = ev.run_id;
    e.accuracy = ev.accuracy;
    e.macroF1 = ev.macro_f1;
    e.createdAt = qs(ev.created_at);
    for (const auto& row : ev.metrics.confusion) e.confusion.emplace_back(row.begin(), row.end());
    for (const auto& c : ev.metrics.per_class) e.classes << qs(c.label);
    while (e.classes.size() < static_cast<int>(e.confusion.size())) e.classes << QString::number(e.classes.size());
    return e;
}

}  // namespace

// Conversions of the store's rows (engine/store) to Qt values: torch-free, so that every build
// lists runs, epochs, evaluations, searches and classifications.

QVector<RunRow> listRuns(store::Database& db, bool trials) {
    QVector<RunRow> out;
    for (const auto& s : store::list_runs(db))
        if (trials || !s.search_id) out.push_back(toRow(s));
    return out;
}

std::optional<RunRow> getRun(store::Database& db, qint64 runId) {
    if (auto s = store::find_run(db, runId)) return toRow(*s);
    return std::nullopt;
}

QVector<EpochRow> runEpochs(store::Database& db, qint64 runId) {
    QVector<EpochRow> out;
    for (const auto& s : store::run_epochs(db, runId)) {
        // An epoch without validation shows no val values; other missing values (a k-NN run's
        // losses and speed) as the engine reports them: losses NaN, accuracy and times 0.
        const bool hasVal = s.val_acc.has_value();
        EpochRow e;
        e.epoch = s.epoch;
        e.trainLoss = orNaN(s.train_loss);
        e.trainAcc = s.train_acc.value_or(0);
        e.valLoss = hasVal ? orNaN(s.val_loss) : qQNaN();
        e.valAcc = hasVal ? *s.val_acc : qQNaN();
        e.imagesPerS = s.images_per_s.value_or(0);
        e.seconds = s.seconds.value_or(0);
        out.push_back(e);
    }
    return out;
}

QVector<QPair<qint64, double>> runBatchLosses(store::Database& db, qint64 runId) {
    QVector<QPair<qint64, double>> out;
    for (const auto& [step, loss] : store::run_batch_losses(db, runId)) out.push_back({step, loss});
    return out;
}

QVector<EvaluationRow> runEvaluations(store::Database& db, qint64 runId) {
    QVector<EvaluationRow> out;
    // list_evaluations is newest first: keep the first of each split.
    QSet<QString> seen;
    for (const auto& ev : store::list_evaluations(db, runId)) {
        const QString split = qs(ev.split);
        if (seen.contains(split)) continue;
        seen.insert(split);
        out.push_back(toRow(ev));
    }
    auto rank = [](const QString& split) {
        return split == QStringLiteral("val") ? 0 : split == QStringLiteral("test") ? 1 : 2;
    };
    std::stable_sort(out.begin(), out.end(),
                     [&](const EvaluationRow& a, const EvaluationRow& b) { return rank(a.split) < rank(b.split); });
    return out;
}

QVector<CellFlow> cellFlows(store::Database& db, qint64 evaluationId, int trueIndex,
                            int predictedIndex, int limit) {
    QVector<CellFlow> out;
    store::PredictionFilter cell;
    cell.true_index = trueIndex;
    cell.predicted_index = predictedIndex;
    cell.limit = limit;
    for (const auto& p : store::evaluation_predictions(db, evaluationId, cell)) out.push_back({p.flow_id, p.confidence});
    return out;
}

QVector<SearchRow> listSearches(store::Database& db) {
    QVector<SearchRow> out;
    // The store's list (by id), newest first for the menus and the leaderboard picker.
    const auto searches = store::list_searches(db);
    out.reserve(static_cast<qsizetype>(searches.size()));
    for (auto it = searches.rbegin(); it != searches.rend(); ++it) {
        SearchRow r;
        r.id = it->id;
        r.datasetId = it->dataset_id;
        r.name = qs(it->name);
        r.mode = qs(it->mode);
        r.selection = qs(it->selection);
        r.status = qs(it->status);
        r.createdAt = qs(it->created_at);
        r.bestRunId = it->best_run_id.value_or(0);
        r.trials = static_cast<int>(it->trials);
        out.push_back(r);
    }
    return out;
}

QVector<ClassificationRow> listClassifications(store::Database& db) {
    QVector<ClassificationRow> out;
    for (const auto& c : store::list_classifications(db)) {
        ClassificationRow r;
        r.id = c.id;
        r.modelId = c.model_id.value_or(0);
        r.captureId = c.capture_id.value_or(0);
        r.captureName = c.capture_name.empty() ? QString() : qs(c.capture_name);  // NULL: no name
        r.threshold = c.threshold;
        r.createdAt = qs(c.created_at);
        r.flows = c.flows;
        out.push_back(r);
    }
    return out;
}

QList<QPair<QString, qint64>> classificationCounts(store::Database& db, qint64 classificationId,
                                                  std::optional<double> threshold) {
    QList<QPair<QString, qint64>> out;
    const auto counts = threshold ? store::classification_label_counts_at(db, classificationId, *threshold)
                                  : store::classification_label_counts(db, classificationId);
    for (const auto& [label, n] : counts) out.push_back({qs(label), n});
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
