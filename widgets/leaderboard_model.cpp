#include "widgets/leaderboard_model.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>

#include "engine/store/database.h"
#include "engine/store/runs.h"
#include "engine/store/searches.h"

namespace flowcnn::widgets {
namespace {

// Keys the ml engineer's HyperParams::to_json writes, by fixed column.
const char* hparamKey(int column) {
    switch (column) {
        case LeaderboardModel::ConvActColumn: return "conv_act";
        case LeaderboardModel::FcActColumn: return "fc_act";
        case LeaderboardModel::KernelColumn: return "kernel";
        case LeaderboardModel::PoolColumn: return "pool";
        case LeaderboardModel::PaddingColumn: return "padding";
        case LeaderboardModel::FcColumn: return "fc";
        default: return nullptr;
    }
}

bool isFixedKey(const QString& k) {
    for (int c = 0; c < LeaderboardModel::FixedColumnCount; ++c)
        if (const char* key = hparamKey(c); key && k == QLatin1String(key)) return true;
    return false;
}

// Invalid and NaN values sort last in either order.
bool lessRaw(const QVariant& a, const QVariant& b, bool ascending) {
    const bool aNone = !a.isValid() || (a.typeId() == QMetaType::Double && std::isnan(a.toDouble()));
    const bool bNone = !b.isValid() || (b.typeId() == QMetaType::Double && std::isnan(b.toDouble()));
    if (aNone || bNone) return !aNone && bNone;
    const auto c = QVariant::compare(a, b);
    if (c == QPartialOrdering::Unordered) {
        const int s = QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
        return ascending ? s < 0 : s > 0;
    }
    return ascending ? c == QPartialOrdering::Less : c == QPartialOrdering::Greater;
}

}  // namespace

LeaderboardModel::LeaderboardModel(QObject* parent) : QAbstractTableModel(parent) {}
LeaderboardModel::~LeaderboardModel() = default;

bool LeaderboardModel::openProject(const QString& path, QString* error) {
    try {
        db_ = std::make_unique<store::Database>(path.toStdString(), store::Database::Mode::ReadWrite);
    } catch (const std::exception& e) {
        db_.reset();
        if (error) *error = QString::fromUtf8(e.what());
        return false;
    }
    refresh();
    return true;
}

void LeaderboardModel::closeProject() {
    db_.reset();
    searchId_ = 0;
    setTrials({});
}

void LeaderboardModel::setSearch(qint64 searchId) {
    searchId_ = searchId;
    if (db_) {
        try {
            if (auto s = store::find_search(*db_, searchId)) rankOnVal_ = s->selection != "train";
        } catch (const std::exception& e) {
            Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
        }
    }
    refresh();
}

void LeaderboardModel::setRankOnValidation(bool onVal) {
    if (onVal == rankOnVal_) return;
    rankOnVal_ = onVal;
    applyTrials(trials_);
}

void LeaderboardModel::refresh() {
    if (!db_) return;
    QVector<Trial> trials;
    try {
        for (const auto& run : store::search_runs(*db_, searchId_)) {
            Trial t;
            t.runId = run.id;
            t.name = QString::fromStdString(run.name);
            t.hparams = QJsonDocument::fromJson(QByteArray::fromStdString(run.hparams_json)).object().toVariantMap();
            t.trainAcc = run.train_acc.value_or(qQNaN());
            t.valAcc = run.val_acc.value_or(qQNaN());
            t.epochs = run.epochs_done;
            t.seconds = run.seconds.value_or(qQNaN());
            t.state = QString::fromStdString(run.status);
            t.rung = run.rung;
            t.startedAt = QString::fromStdString(run.started_at);
            trials << t;
        }
    } catch (const std::exception& e) {
        Q_EMIT errorOccurred(QString::fromUtf8(e.what()));
        return;
    }
    applyTrials(std::move(trials));
}

void LeaderboardModel::setTrials(const QVector<Trial>& trials) { applyTrials(trials); }

void LeaderboardModel::assignRanks(QVector<Trial>& trials) const {
    QVector<int> order;
    for (int i = 0; i < trials.size(); ++i) {
        trials[i].rank = 0;
        const double v = rankOnVal_ ? trials[i].valAcc : trials[i].trainAcc;
        if (!std::isnan(v)) order << i;
    }
    auto metric = [&](int i) { return rankOnVal_ ? trials[i].valAcc : trials[i].trainAcc; };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return metric(a) > metric(b); });
    // Competition ranking: equal values share a rank (1, 2, 2, 4).
    for (int k = 0; k < order.size(); ++k)
        trials[order[k]].rank = (k > 0 && metric(order[k]) == metric(order[k - 1])) ? trials[order[k - 1]].rank : k + 1;
}

void LeaderboardModel::sortTrials(QVector<Trial>& trials) const {
    const bool asc = sortOrder_ == Qt::AscendingOrder;
    std::stable_sort(trials.begin(), trials.end(), [&](const Trial& a, const Trial& b) {
        const QVariant ra = rawValue(a, sortColumn_), rb = rawValue(b, sortColumn_);
        if (sortColumn_ == RankColumn) {  // unranked trials last
            if ((a.rank == 0) != (b.rank == 0)) return b.rank == 0;
        }
        if (lessRaw(ra, rb, asc)) return true;
        if (lessRaw(rb, ra, asc)) return false;
        return a.runId < b.runId;
    });
}

void LeaderboardModel::applyTrials(QVector<Trial> trials) {
    QSet<QString> extra;
    for (const Trial& t : trials)
        for (auto it = t.hparams.begin(); it != t.hparams.end(); ++it)
            if (!isFixedKey(it.key())) extra.insert(it.key());
    QStringList keys(extra.begin(), extra.end());
    keys.sort();
    assignRanks(trials);
    sortTrials(trials);
    if (keys != extraKeys_) {  // columns change: a reset
        beginResetModel();
        extraKeys_ = keys;
        trials_ = std::move(trials);
        endResetModel();
        Q_EMIT trialsChanged();
        return;
    }
    // Same columns: one layout change, persistent indexes (the selection) follow their run.
    Q_EMIT layoutAboutToBeChanged();
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    for (const QModelIndex& i : from) {
        const qint64 id = trials_[i.row()].runId;
        int row = -1;
        for (int r = 0; r < trials.size() && row < 0; ++r)
            if (trials[r].runId == id) row = r;
        to << (row < 0 ? QModelIndex() : createIndex(row, i.column()));
    }
    trials_ = std::move(trials);
    changePersistentIndexList(from, to);
    Q_EMIT layoutChanged();
    Q_EMIT trialsChanged();
}

const LeaderboardModel::Trial* LeaderboardModel::trialAt(int row) const {
    return row >= 0 && row < trials_.size() ? &trials_[row] : nullptr;
}

qint64 LeaderboardModel::runId(int row) const {
    const Trial* t = trialAt(row);
    return t ? t->runId : -1;
}

QVector<double> LeaderboardModel::metricInStartOrder(QVector<qint64>* runIds, QStringList* states) const {
    QVector<const Trial*> byId;
    for (const Trial& t : trials_) byId << &t;
    std::sort(byId.begin(), byId.end(), [](const Trial* a, const Trial* b) { return a->runId < b->runId; });
    QVector<double> out;
    if (runIds) runIds->clear();
    if (states) states->clear();
    for (const Trial* t : byId) {
        out << (rankOnVal_ ? t->valAcc : t->trainAcc);
        if (runIds) *runIds << t->runId;
        if (states) *states << t->state;
    }
    return out;
}

void LeaderboardModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= columnCount()) return;
    sortColumn_ = column;
    sortOrder_ = order;
    applyTrials(trials_);
}

int LeaderboardModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(trials_.size()); }

int LeaderboardModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : FixedColumnCount + static_cast<int>(extraKeys_.size());
}

QVariant LeaderboardModel::rawValue(const Trial& t, int column) const {
    if (const char* key = hparamKey(column)) return t.hparams.value(QLatin1String(key));
    switch (column) {
        case RankColumn: return t.rank > 0 ? QVariant(t.rank) : QVariant();
        case TrainAccColumn: return t.trainAcc;
        case ValAccColumn: return t.valAcc;
        case EpochsColumn: return t.epochs;
        case TimeColumn: return t.seconds;
        case StateColumn: return t.state;
        default: break;
    }
    const int extra = column - FixedColumnCount;
    if (extra >= 0 && extra < extraKeys_.size()) return t.hparams.value(extraKeys_[extra]);
    return {};
}

QVariant LeaderboardModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Trial& t = trials_[index.row()];
    if (role == RunIdRole) return t.runId;
    const QVariant raw = rawValue(t, index.column());
    if (role == RawValueRole) return raw;
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = raw.typeId() == QMetaType::Double || raw.typeId() == QMetaType::Int ||
                             raw.typeId() == QMetaType::LongLong || index.column() == RankColumn;
        return QVariant(numeric ? (Qt::AlignRight | Qt::AlignVCenter) : (Qt::AlignLeft | Qt::AlignVCenter));
    }
    if (role == Qt::ToolTipRole && index.column() == StateColumn && !t.name.isEmpty()) return t.name;
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
        case RankColumn: return t.rank > 0 ? QString::number(t.rank) : QStringLiteral("—");
        case TrainAccColumn:
        case ValAccColumn: {
            const double v = raw.toDouble();
            return std::isnan(v) ? QString() : QString::number(v * 100.0, 'f', 2);
        }
        case TimeColumn: {
            const double s = raw.toDouble();
            if (std::isnan(s)) return QString();
            return s >= 60 ? tr("%1 min %2 s").arg(static_cast<int>(s) / 60).arg(static_cast<int>(s) % 60)
                           : tr("%1 s").arg(QString::number(s, 'f', 1));
        }
        case StateColumn:
            if (t.state == u"running") return tr("running");
            if (t.state == u"complete") return tr("complete");
            if (t.state == u"pruned") return tr("pruned");
            if (t.state == u"failed") return tr("failed");
            if (t.state == u"cancelled") return tr("cancelled");
            return t.state;
        default: return raw.toString();
    }
}

QVariant LeaderboardModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
        case RankColumn: return tr("Rank");
        case ConvActColumn: return tr("Conv activation");
        case FcActColumn: return tr("FC activation");
        case KernelColumn: return tr("Kernel");
        case PoolColumn: return tr("Pooling");
        case PaddingColumn: return tr("Padding");
        case FcColumn: return tr("FC units");
        case TrainAccColumn: return tr("Train acc. (%)");
        case ValAccColumn: return tr("Val. acc. (%)");
        case EpochsColumn: return tr("Epochs");
        case TimeColumn: return tr("Time");
        case StateColumn: return tr("State");
        default: break;
    }
    const int extra = section - FixedColumnCount;
    if (extra >= 0 && extra < extraKeys_.size()) return extraKeys_[extra];
    return {};
}

}  // namespace flowcnn::widgets
