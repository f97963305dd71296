#pragma once
// A grid search's trials (runs with search_id = ?) as a sortable table: rank by the search's
// selection accuracy (val, else train), the hyper-parameters from hparams_json (the known keys as
// columns, any other keys as extra columns), accuracies, epochs, time and state. refresh() re-reads
// the runs so the table grows while the search runs.
#include <QAbstractTableModel>
#include <QVariantMap>
#include <QtNumeric>
#include <QStringList>
#include <QVector>

#include <memory>

namespace flowcnn::store {
class Database;
}

namespace flowcnn::widgets {

class LeaderboardModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        RankColumn,
        ConvActColumn,
        FcActColumn,
        KernelColumn,
        PoolColumn,
        PaddingColumn,
        FcColumn,
        TrainAccColumn,
        ValAccColumn,
        EpochsColumn,
        TimeColumn,
        StateColumn,
        FixedColumnCount  // extra hyper-parameter columns follow
    };
    enum Role { RawValueRole = Qt::UserRole, RunIdRole };

    struct Trial {
        qint64 runId = 0;
        QString name;
        QVariantMap hparams;
        double trainAcc = qQNaN(), valAcc = qQNaN();
        int epochs = 0;
        double seconds = qQNaN();
        QString state;  // running | complete | pruned | failed | cancelled
        int rung = 0;
        QString startedAt;
        int rank = 0;  // 1 = best; 0 when it has no accuracy yet
    };

    explicit LeaderboardModel(QObject* parent = nullptr);
    ~LeaderboardModel() override;

    bool openProject(const QString& path, QString* error = nullptr);
    void closeProject();
    void setSearch(qint64 searchId);  // re-reads
    qint64 searchId() const { return searchId_; }
    // Ranks on val accuracy (default) or train accuracy; the search's `selection` sets it on load.
    void setRankOnValidation(bool onVal);
    bool ranksOnValidation() const { return rankOnVal_; }
    // Re-reads the trials; rows are updated in place and new trials appended (selection kept).
    void refresh();
    // Plain data for tests and other producers; replaces the trials.
    void setTrials(const QVector<Trial>& trials);

    const QVector<Trial>& trials() const { return trials_; }  // in display order
    const Trial* trialAt(int row) const;
    qint64 runId(int row) const;
    QStringList extraKeys() const { return extraKeys_; }
    // The ranking metric per trial, in start order (run id), NaN for none: BestSoFarPlot's input.
    QVector<double> metricInStartOrder(QVector<qint64>* runIds = nullptr,
                                       QStringList* states = nullptr) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void trialsChanged();
    void errorOccurred(const QString& message);

private:
    QVariant rawValue(const Trial& t, int column) const;
    void assignRanks(QVector<Trial>& trials) const;
    void applyTrials(QVector<Trial> trials);
    void sortTrials(QVector<Trial>& trials) const;

    std::unique_ptr<store::Database> db_;
    qint64 searchId_ = 0;
    bool rankOnVal_ = true;
    QVector<Trial> trials_;
    QStringList extraKeys_;
    int sortColumn_ = RankColumn;
    Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
};

}  // namespace flowcnn::widgets
