#include "widgets/flow_table_model.h"

#include <QCoreApplication>
#include <QLocale>
#include <QThread>
#include <QTimeZone>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <mutex>

#include "engine/common/error.h"
#include "engine/store/classifications.h"
#include "engine/store/database.h"

namespace flowcnn::widgets {
namespace {

constexpr int kBlockRows = 256;

// The latest prediction of each flow: classified_flows' key is (classification_id, flow_id), so a
// lookup per known classification id (newest first) is an index search.
QString predictionJoin(const QVector<qint64>& classificationIds) {
    if (classificationIds.isEmpty()) return QStringLiteral(" LEFT JOIN classified_flows cf ON 0");
    QStringList ids;
    for (qint64 id : classificationIds) ids << QString::number(id);
    return QStringLiteral(
               " LEFT JOIN classified_flows cf ON cf.flow_id = f.id AND cf.classification_id = "
               "(SELECT x.classification_id FROM classified_flows x WHERE x.flow_id = f.id AND "
               "x.classification_id IN (%1) ORDER BY x.classification_id DESC LIMIT 1)")
        .arg(ids.join(u','));
}

// Sort keys of a column, never NULL so that ties behave; ties are broken by f.id.
QStringList orderKeys(int column) {
    switch (column) {
        case FlowTableModel::CaptureColumn: return {QStringLiteral("f.capture_id"), QStringLiteral("f.idx")};
        case FlowTableModel::ProtocolColumn: return {QStringLiteral("f.l4proto")};
        case FlowTableModel::ClientColumn: return {QStringLiteral("f.client_ip"), QStringLiteral("f.client_port")};
        case FlowTableModel::ServerColumn: return {QStringLiteral("f.server_ip"), QStringLiteral("f.server_port")};
        case FlowTableModel::FirstTimeColumn: return {QStringLiteral("f.first_ns")};
        case FlowTableModel::DurationColumn: return {QStringLiteral("(f.last_ns - f.first_ns)")};
        case FlowTableModel::PacketsColumn: return {QStringLiteral("(f.packets_c2s + f.packets_s2c)")};
        case FlowTableModel::BytesColumn: return {QStringLiteral("(f.bytes_c2s + f.bytes_s2c)")};
        case FlowTableModel::PayloadLengthColumn: return {QStringLiteral("f.payload_len")};
        case FlowTableModel::ServerNameColumn:
            return {QStringLiteral("lower(coalesce(nullif(f.sni, ''), f.http_host, ''))")};
        case FlowTableModel::LabelColumn: return {QStringLiteral("lower(coalesce(f.label, ''))")};
        case FlowTableModel::PredictionColumn: return {QStringLiteral("lower(coalesce(cf.label, ''))")};
        case FlowTableModel::ConfidenceColumn: return {QStringLiteral("coalesce(cf.confidence, -1)")};
        default: return {};
    }
}

void bindAll(store::Statement& st, const QVariantList& args) {
    int i = 1;
    for (const QVariant& v : args) {
        switch (v.typeId()) {
            case QMetaType::Int:
            case QMetaType::LongLong:
            case QMetaType::UInt:
            case QMetaType::ULongLong: st.bind(i, static_cast<std::int64_t>(v.toLongLong())); break;
            case QMetaType::Double: st.bind(i, v.toDouble()); break;
            default: st.bind(i, v.toString().toStdString()); break;
        }
        ++i;
    }
}

QString qstr(const store::Statement& st, int c) {
    return st.is_null(c) ? QString() : QString::fromStdString(st.text(c));
}

}  // namespace

struct FlowTableModel::Row {
    qint64 id = 0;
    bool present = false;  // false: deleted since the id list was read
    qint64 captureId = 0;
    QString captureName;
    int proto = 0;
    QString clientIp, serverIp;
    int clientPort = 0, serverPort = 0;
    qint64 firstNs = 0, lastNs = 0;
    qint64 packetsC2s = 0, packetsS2c = 0, bytesC2s = 0, bytesS2c = 0, payloadLen = 0;
    QString sni, httpHost, label, prediction;
    double confidence = qQNaN();
};

struct FlowTableModel::Block {
    quint64 version = 0;
    std::vector<Row> rows;
};

struct FlowTableModel::QueryResult {
    bool cancelled = false;
    QString error;
    std::vector<qint64> ids;
    qint64 total = 0;
    QVector<qint64> classificationIds;
};

// The worker's connection, so cancelQuery() can interrupt it from the GUI thread.
struct FlowTableModel::Interrupt {
    std::mutex mutex;
    sqlite3* handle = nullptr;
    bool cancelled = false;
    void set(sqlite3* h) {
        std::lock_guard lock(mutex);
        handle = h;
    }
    void interrupt() {
        std::lock_guard lock(mutex);
        cancelled = true;
        if (handle) sqlite3_interrupt(handle);
    }
    bool isCancelled() {
        std::lock_guard lock(mutex);
        return cancelled;
    }
};

namespace {

// The filter/sort query: every matching id in order, plus the counts. Runs on any thread.
template <class Result>
void runIdQuery(store::Database& db, const FlowFilter& filter, int sortColumn, Qt::SortOrder order,
                Result& r) {
    {
        auto st = db.prepare("SELECT COUNT(*) FROM flows");
        if (st.step()) r.total = st.int64(0);
    }
    {
        for (auto id : store::classification_ids(db)) r.classificationIds.push_back(id);
    }
    const bool needsPrediction = filter.usesPrediction() || sortColumn == FlowTableModel::PredictionColumn ||
                                 sortColumn == FlowTableModel::ConfidenceColumn;
    const QString dir = order == Qt::AscendingOrder ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    QString sql = QStringLiteral("SELECT f.id FROM flows f");
    if (needsPrediction) sql += predictionJoin(r.classificationIds);
    if (!filter.sqlWhere().isEmpty()) sql += QStringLiteral(" WHERE ") + filter.sqlWhere();
    QStringList keys;
    for (const QString& k : orderKeys(sortColumn)) keys << k + dir;
    keys << QStringLiteral("f.id") + dir;
    sql += QStringLiteral(" ORDER BY ") + keys.join(QStringLiteral(", "));
    auto st = db.prepare(sql.toStdString());
    bindAll(st, filter.sqlArguments());
    while (st.step()) r.ids.push_back(st.int64(0));
}

}  // namespace

FlowTableModel::FlowTableModel(QObject* parent) : QAbstractTableModel(parent) {
    cache_.setMaxCost(64);  // blocks of 256 rows
}

FlowTableModel::~FlowTableModel() {
    if (thread_) {
        interrupt_->interrupt();
        thread_->wait();
        delete thread_;
    }
}

bool FlowTableModel::openProject(const QString& path, QString* error) {
    closeProject();
    try {
        try {
            db_ = std::make_unique<store::Database>(path.toStdString(), store::Database::Mode::ReadWrite);
            readOnly_ = false;
        } catch (const IoError&) {
            // A write-protected project still shows; setLabels then reports the error.
            db_ = std::make_unique<store::Database>(path.toStdString(), store::Database::Mode::ReadOnly);
            readOnly_ = true;
        }
        QueryResult r;
        runIdQuery(*db_, filter_, sortColumn_, sortOrder_, r);
        inChange_ = true;
        beginResetModel();
        path_ = path;
        ids_ = std::move(r.ids);
        total_ = r.total;
        classificationIds_ = r.classificationIds;
        exposed_ = static_cast<int>(std::min<std::size_t>(ids_.size(), static_cast<std::size_t>(pageSize_)));
        invalidateCache();
        endResetModel();
        inChange_ = false;
    } catch (const std::exception& e) {
        inChange_ = false;
        db_.reset();
        path_.clear();
        if (error) *error = QString::fromUtf8(e.what());
        return false;
    }
    Q_EMIT countsChanged(total_, matchingFlowCount());
    return true;
}

void FlowTableModel::closeProject() {
    if (thread_) cancelQuery();
    waitForIdle();
    inChange_ = true;
    beginResetModel();
    db_.reset();
    path_.clear();
    ids_.clear();
    exposed_ = 0;
    total_ = 0;
    classificationIds_.clear();
    invalidateCache();
    endResetModel();
    inChange_ = false;
}

void FlowTableModel::setFilter(const FlowFilter& filter) {
    if (!filter.isValid()) return;
    filter_ = filter;
    startQuery();
}

void FlowTableModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= ColumnCount) return;
    sortColumn_ = column;
    sortOrder_ = order;
    startQuery();
}

void FlowTableModel::refresh() { startQuery(); }

void FlowTableModel::setBusy(bool on) {
    if (busy_ == on) return;
    busy_ = on;
    Q_EMIT busyChanged(on);
}

void FlowTableModel::startQuery() {
    if (!db_) return;
    if (thread_) {  // one query at a time: stop the running one, then start again with the new state
        restartPending_ = true;
        interrupt_->interrupt();
        return;
    }
    setBusy(true);
    if (!async_) {
        QueryResult r;
        try {
            runIdQuery(*db_, filter_, sortColumn_, sortOrder_, r);
        } catch (const std::exception& e) {
            r.error = QString::fromUtf8(e.what());
        }
        applyResult(r);
        return;
    }
    auto result = std::make_shared<QueryResult>();
    interrupt_ = std::make_shared<Interrupt>();
    auto interrupt = interrupt_;
    const std::string path = path_.toStdString();
    const FlowFilter filter = filter_;
    const int column = sortColumn_;
    const Qt::SortOrder order = sortOrder_;
    const auto mode = readOnly_ ? store::Database::Mode::ReadOnly : store::Database::Mode::ReadWrite;
    thread_ = QThread::create([=] {
        try {
            store::Database db(path, mode);
            interrupt->set(db.handle());
            if (!interrupt->isCancelled()) runIdQuery(db, filter, column, order, *result);
            interrupt->set(nullptr);
        } catch (const std::exception& e) {
            interrupt->set(nullptr);
            result->error = QString::fromUtf8(e.what());
        }
        result->cancelled = interrupt->isCancelled();
    });
    connect(thread_, &QThread::finished, this, [this, result] {
        thread_->deleteLater();
        thread_ = nullptr;
        if (restartPending_) {
            restartPending_ = false;
            startQuery();
            return;
        }
        applyResult(*result);
    });
    thread_->start();
}

void FlowTableModel::cancelQuery() {
    restartPending_ = false;
    if (thread_) interrupt_->interrupt();
}

void FlowTableModel::waitForIdle() {
    while (thread_) {
        thread_->wait();
        QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    }
}

void FlowTableModel::applyResult(QueryResult& r) {
    if (r.cancelled || !r.error.isEmpty()) {
        if (!r.cancelled) Q_EMIT errorOccurred(r.error);
        setBusy(false);
        Q_EMIT queryFinished(r.cancelled);
        return;
    }
    classificationIds_ = r.classificationIds;
    total_ = r.total;
    const auto oldExposed = static_cast<std::size_t>(exposed_);
    const std::size_t newExposed =
        std::min(r.ids.size(), std::max(oldExposed, static_cast<std::size_t>(pageSize_)));
    const bool samePrefix =
        r.ids.size() >= oldExposed && std::equal(ids_.begin(), ids_.begin() + static_cast<std::ptrdiff_t>(oldExposed),
                                                  r.ids.begin());
    // A layout change, not dataChanged over every row (slow at a million rows in Qt 6); persistent
    // indexes follow their flow id, so the selection survives sorting and filtering.
    inChange_ = true;
    Q_EMIT layoutAboutToBeChanged();
    if (!samePrefix) {
        const QModelIndexList from = persistentIndexList();
        QHash<qint64, int> wanted;
        for (const QModelIndex& i : from) wanted.insert(ids_[static_cast<std::size_t>(i.row())], -1);
        for (std::size_t row = 0; row < newExposed && !wanted.isEmpty(); ++row) {
            auto it = wanted.find(r.ids[row]);
            if (it != wanted.end() && it.value() < 0) it.value() = static_cast<int>(row);
        }
        QModelIndexList to;
        to.reserve(from.size());
        for (const QModelIndex& i : from) {
            const int row = wanted.value(ids_[static_cast<std::size_t>(i.row())], -1);
            to << (row < 0 ? QModelIndex() : createIndex(row, i.column()));
        }
        ids_ = std::move(r.ids);
        exposed_ = static_cast<int>(newExposed);
        changePersistentIndexList(from, to);
    } else {
        ids_ = std::move(r.ids);
        exposed_ = static_cast<int>(oldExposed);  // new rows come through fetchMore
    }
    invalidateCache();
    Q_EMIT layoutChanged();
    inChange_ = false;
    setBusy(false);
    Q_EMIT countsChanged(total_, matchingFlowCount());
    Q_EMIT queryFinished(false);
}

QString FlowTableModel::countsText() const {
    const QLocale locale;
    return tr("%1 flows · %2 shown").arg(locale.toString(total_), locale.toString(matchingFlowCount()));
}

void FlowTableModel::setPageSize(int rows) { pageSize_ = std::max(1, rows); }

void FlowTableModel::setCacheLimit(int rows) { cache_.setMaxCost(std::max(1, (rows + kBlockRows - 1) / kBlockRows)); }

void FlowTableModel::invalidateCache() {
    ++cacheVersion_;
    cache_.clear();
}

qint64 FlowTableModel::flowId(int row) const {
    if (row < 0 || row >= exposed_) return -1;
    return ids_[static_cast<std::size_t>(row)];
}

int FlowTableModel::rowOfFlow(qint64 id) const {
    const auto end = ids_.begin() + exposed_;
    const auto it = std::find(ids_.begin(), end, id);
    return it == end ? -1 : static_cast<int>(it - ids_.begin());
}

QVector<qint64> FlowTableModel::flowIds(const QModelIndexList& indexes) const {
    QVector<int> rows;
    for (const QModelIndex& i : indexes)
        if (i.isValid() && i.model() == this) rows << i.row();
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QVector<qint64> out;
    for (int r : rows) out << flowId(r);
    return out;
}

int FlowTableModel::setLabels(const QList<int>& rows, const QString& label) {
    QVector<qint64> ids;
    for (int r : rows)
        if (r >= 0 && r < exposed_) ids << ids_[static_cast<std::size_t>(r)];
    return setLabelsForFlows(ids, label);
}

int FlowTableModel::setLabelsForFlows(const QVector<qint64>& flowIds, const QString& label) {
    if (!db_) return -1;
    int written = 0;
    try {
        store::Transaction tx(*db_);
        auto st = db_->prepare("UPDATE flows SET label = ?, label_source = 'manual' WHERE id = ?");
        const std::string text = label.trimmed().toStdString();
        for (qint64 id : flowIds) {
            if (text.empty())
                st.bind_null(1);
            else
                st.bind(1, text);
            st.bind(2, static_cast<std::int64_t>(id));
            st.run();
            written += db_->changes();
        }
        tx.commit();
    } catch (const std::exception& e) {
        Q_EMIT errorOccurred(tr("Could not write labels: %1").arg(QString::fromUtf8(e.what())));
        return -1;
    }
    // Refresh only the rows shown: their blocks are dropped and re-read when drawn.
    QVector<int> rows;
    for (qint64 id : flowIds) {
        const int r = rowOfFlow(id);
        if (r >= 0) rows << r;
    }
    std::sort(rows.begin(), rows.end());
    for (int r : rows) cache_.remove(r / kBlockRows);
    for (int i = 0; i < rows.size();) {
        int j = i;
        while (j + 1 < rows.size() && rows[j + 1] <= rows[j] + 1) ++j;
        Q_EMIT dataChanged(index(rows[i], LabelColumn), index(rows[j], LabelColumn));
        i = j + 1;
    }
    Q_EMIT labelsChanged(flowIds);
    return written;
}

std::optional<image::PayloadImage> FlowTableModel::payloadImage(qint64 flowId) const {
    if (!db_) return std::nullopt;
    try {
        auto st = db_->prepare(
            "SELECT f.head, c.fill_mode FROM flows f JOIN captures c ON c.id = f.capture_id WHERE f.id = ?");
        st.bind(1, static_cast<std::int64_t>(flowId));
        if (!st.step() || st.is_null(0)) return std::nullopt;
        flow::FillMode fill = flow::FillMode::Repeat;
        flow::parse_fill_mode(st.text(1), fill);
        const auto head = st.blob_view(0);
        if (head.empty()) return std::nullopt;
        return image::make_image(head, fill);
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

const FlowTableModel::Row* FlowTableModel::rowAt(int row) const {
    if (row < 0 || row >= exposed_ || !db_) return nullptr;
    const int b = row / kBlockRows;
    Block* block = cache_.object(b);
    if (!block || block->version != cacheVersion_) {
        auto fresh = std::make_unique<Block>();
        fresh->version = cacheVersion_;
        const std::size_t first = static_cast<std::size_t>(b) * kBlockRows;
        const std::size_t last = std::min(ids_.size(), first + kBlockRows);
        fresh->rows.resize(last > first ? last - first : 0);
        QStringList idText;
        QHash<qint64, std::size_t> where;
        for (std::size_t i = first; i < last; ++i) {
            fresh->rows[i - first].id = ids_[i];
            where.insert(ids_[i], i - first);
            idText << QString::number(ids_[i]);
        }
        try {
            const QString sql =
                QStringLiteral(
                    "SELECT f.id, f.capture_id, c.name, f.l4proto, f.client_ip, f.client_port, f.server_ip, "
                    "f.server_port, f.first_ns, f.last_ns, f.packets_c2s, f.packets_s2c, f.bytes_c2s, "
                    "f.bytes_s2c, f.payload_len, f.sni, f.http_host, f.label, cf.label, cf.confidence "
                    "FROM flows f LEFT JOIN captures c ON c.id = f.capture_id") +
                predictionJoin(classificationIds_) + QStringLiteral(" WHERE f.id IN (%1)").arg(idText.join(u','));
            auto st = db_->prepare(sql.toStdString());
            while (st.step()) {
                Row& r = fresh->rows[where.value(st.int64(0))];
                r.present = true;
                r.captureId = st.int64(1);
                r.captureName = qstr(st, 2);
                r.proto = static_cast<int>(st.int64(3));
                r.clientIp = qstr(st, 4);
                r.clientPort = static_cast<int>(st.int64(5));
                r.serverIp = qstr(st, 6);
                r.serverPort = static_cast<int>(st.int64(7));
                r.firstNs = st.int64(8);
                r.lastNs = st.int64(9);
                r.packetsC2s = st.int64(10);
                r.packetsS2c = st.int64(11);
                r.bytesC2s = st.int64(12);
                r.bytesS2c = st.int64(13);
                r.payloadLen = st.int64(14);
                r.sni = qstr(st, 15);
                r.httpHost = qstr(st, 16);
                r.label = qstr(st, 17);
                r.prediction = qstr(st, 18);
                r.confidence = st.is_null(19) ? qQNaN() : st.real(19);
            }
        } catch (const std::exception&) {
            // Rows stay "not present" (drawn empty); the next refresh() reports lasting errors.
        }
        block = fresh.release();
        cache_.insert(b, block, 1);
    }
    return &block->rows[static_cast<std::size_t>(row - b * kBlockRows)];
}

QString FlowTableModel::protocolName(int l4proto) {
    switch (l4proto) {
        case 6: return QStringLiteral("TCP");
        case 17: return QStringLiteral("UDP");
        case 1: return QStringLiteral("ICMP");
        case 58: return QStringLiteral("ICMPv6");
        default: return QString::number(l4proto);
    }
}

int FlowTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : exposed_; }

int FlowTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

bool FlowTableModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && static_cast<std::size_t>(exposed_) < ids_.size();
}

void FlowTableModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent)) return;
    if (inChange_) {
        // Views (and QAbstractItemModelTester) ask for more while a reset or layout change is still
        // being announced; inserting rows then would nest two changes.
        QTimer::singleShot(0, this, [this] { fetchMore({}); });
        return;
    }
    const int more = static_cast<int>(std::min<std::size_t>(ids_.size() - static_cast<std::size_t>(exposed_),
                                                            static_cast<std::size_t>(pageSize_)));
    inChange_ = true;
    beginInsertRows({}, exposed_, exposed_ + more - 1);
    exposed_ += more;
    endInsertRows();
    inChange_ = false;
}

namespace {
QString endpoint(const QString& ip, int port) {
    return ip.contains(u':') ? QStringLiteral("[%1]:%2").arg(ip).arg(port) : QStringLiteral("%1:%2").arg(ip).arg(port);
}
}  // namespace

QVariant FlowTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    if (role == FlowIdRole) return flowId(index.row());
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
            case IdColumn:
            case DurationColumn:
            case PacketsColumn:
            case BytesColumn:
            case PayloadLengthColumn:
            case ConfidenceColumn: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
            default: return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        }
    }
    if (role != Qt::DisplayRole && role != RawValueRole && role != Qt::ToolTipRole) return {};
    const Row* r = rowAt(index.row());
    if (!r) return {};
    if (!r->present) {
        if (index.column() == IdColumn) return r->id;
        return {};
    }
    const bool raw = role == RawValueRole;
    switch (index.column()) {
        case IdColumn: return r->id;
        case CaptureColumn:
            if (raw) return r->captureId;
            return r->captureName.isEmpty() ? QString::number(r->captureId) : r->captureName;
        case ProtocolColumn: return raw ? QVariant(r->proto) : QVariant(protocolName(r->proto));
        case ClientColumn: return raw ? QVariant(r->clientIp) : QVariant(endpoint(r->clientIp, r->clientPort));
        case ServerColumn: return raw ? QVariant(r->serverIp) : QVariant(endpoint(r->serverIp, r->serverPort));
        case FirstTimeColumn: {
            if (raw) return r->firstNs;
            return QDateTime::fromMSecsSinceEpoch(r->firstNs / 1000000, QTimeZone::utc())
                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        }
        case DurationColumn: {
            const double s = static_cast<double>(r->lastNs - r->firstNs) / 1e9;
            return raw ? QVariant(s) : QVariant(QString::number(s, 'f', 3));
        }
        case PacketsColumn:
            if (raw) return r->packetsC2s + r->packetsS2c;
            return QStringLiteral("%1 / %2").arg(r->packetsC2s).arg(r->packetsS2c);
        case BytesColumn:
            if (raw) return r->bytesC2s + r->bytesS2c;
            if (role == Qt::ToolTipRole)
                return tr("Client to server: %1 bytes\nServer to client: %2 bytes").arg(r->bytesC2s).arg(r->bytesS2c);
            return QLocale().toString(r->bytesC2s + r->bytesS2c);
        case PayloadLengthColumn: return r->payloadLen;
        case ServerNameColumn:
            if (role == Qt::ToolTipRole) {
                QStringList parts;
                if (!r->sni.isEmpty()) parts << tr("TLS SNI: %1").arg(r->sni);
                if (!r->httpHost.isEmpty()) parts << tr("HTTP Host: %1").arg(r->httpHost);
                return parts.join(u'\n');
            }
            return r->sni.isEmpty() ? r->httpHost : r->sni;
        case LabelColumn: return r->label;
        case PredictionColumn: return r->prediction;
        case ConfidenceColumn:
            if (std::isnan(r->confidence)) return raw ? QVariant() : QVariant(QString());
            return raw ? QVariant(r->confidence) : QVariant(QString::number(r->confidence * 100.0, 'f', 1) + QStringLiteral(" %"));
        default: return {};
    }
}

QVariant FlowTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case IdColumn: return tr("No.");
        case CaptureColumn: return tr("Capture");
        case ProtocolColumn: return tr("Protocol");
        case ClientColumn: return tr("Client");
        case ServerColumn: return tr("Server");
        case FirstTimeColumn: return tr("First packet (UTC)");
        case DurationColumn: return tr("Duration (s)");
        case PacketsColumn: return tr("Packets (c→s / s→c)");
        case BytesColumn: return tr("Bytes");
        case PayloadLengthColumn: return tr("Payload length");
        case ServerNameColumn: return tr("SNI / Host");
        case LabelColumn: return tr("Label");
        case PredictionColumn: return tr("Prediction");
        case ConfidenceColumn: return tr("Confidence");
        default: return {};
    }
}

}  // namespace flowcnn::widgets
