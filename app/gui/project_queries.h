#pragma once
// Small reads of a project for the GUI's docks (runs, epochs, evaluations, searches,
// classifications), as Qt values: the store's readers (engine/store), converted. Each is one
// short query on the GUI's own connection; bulk work (imports, training, searches) runs in app/jobs.
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>
#include <optional>
#include <vector>

namespace flowcnn::store {
class Database;
}

namespace flowcnn::gui {

struct RunRow {
    qint64 id = 0;
    qint64 datasetId = 0;
    qint64 searchId = 0;  // 0: not a trial
    QString name;
    QString status;
    int epochsDone = 0;
    double trainAcc = qQNaN(), valAcc = qQNaN(), trainLoss = qQNaN(), valLoss = qQNaN();
    double seconds = qQNaN();
    QString hparamsJson, trainJson;
    bool knn = false;    // a k-NN model run (train --knn), not a CNN
    bool trees = false;  // a gradient-boosted trees run (train --gbt): reads flow features, not images
    QString startedAt, finishedAt;
    QString error;
};

struct EpochRow {
    int epoch = 0;
    double trainLoss = qQNaN(), trainAcc = qQNaN(), valLoss = qQNaN(), valAcc = qQNaN();
    double imagesPerS = qQNaN(), seconds = qQNaN();
};

struct EvaluationRow {
    qint64 id = 0;
    qint64 runId = 0;
    QString split;
    double accuracy = 0, macroF1 = 0;
    std::vector<std::vector<int>> confusion;  // [true][predicted]
    QStringList classes;
    QString createdAt;
};

struct SearchRow {
    qint64 id = 0;
    qint64 datasetId = 0;
    QString name, mode, selection, status, createdAt;
    qint64 bestRunId = 0;
    int trials = 0;
};

struct CellFlow {
    qint64 flowId = 0;
    double confidence = 0;
};

struct ClassificationRow {
    qint64 id = 0;
    qint64 modelId = 0;
    qint64 captureId = 0;
    QString captureName;
    double threshold = 0;
    QString createdAt;
    qint64 flows = 0;
};

// Runs, newest first; `trials` false leaves out grid-search trials.
QVector<RunRow> listRuns(store::Database& db, bool trials = false);
std::optional<RunRow> getRun(store::Database& db, qint64 runId);
QVector<EpochRow> runEpochs(store::Database& db, qint64 runId);
QVector<QPair<qint64, double>> runBatchLosses(store::Database& db, qint64 runId);
// Evaluations of a run (val first), newest per split.
QVector<EvaluationRow> runEvaluations(store::Database& db, qint64 runId);
// Flows of one confusion-matrix cell.
QVector<CellFlow> cellFlows(store::Database& db, qint64 evaluationId, int trueIndex,
                            int predictedIndex, int limit = 1000);
QVector<SearchRow> listSearches(store::Database& db);
QVector<ClassificationRow> listClassifications(store::Database& db);
// (label, flows) of one classification, by descending count.
// With `threshold`, as if the classification had used it (store::classification_label_counts_at).
QList<QPair<QString, qint64>> classificationCounts(store::Database& db, qint64 classificationId,
                                                  std::optional<double> threshold = std::nullopt);
// "k7 ReLU/Leaky ReLU max conv-only fc1024" from hparams_json.
QString describeHparams(const QString& hparamsJson);

}  // namespace flowcnn::gui
