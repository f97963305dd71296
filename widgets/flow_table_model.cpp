#include "widgets/flow_table_model.h"

#include <QCoreApplication>
#include <QLocale>
#include <QThread>
#include <QTimeZone>
#include <QTimer>

#include <algorithm>
#include <cmath>

#include "engine/common/error.h"
#include "engine/store/database.h"
#include "engine/store/flows.h"

namespace flowcnn::widgets {
namespace {

constexpr int kBlockRows = 256;

store::FlowTableOrder tableOrder(int column) {
    switch (column) {
        case FlowTableModel::CaptureColumn: return store::FlowTableOrder::Capture;
        case FlowTableModel::ProtocolColumn: return store::FlowTableOrder::Protocol;
        case FlowTableModel::ClientColumn: return store::FlowTableOrder::Client;
        case FlowTableModel::ServerColumn: return store::FlowTableOrder::Server;
        case FlowTableModel::FirstTimeColumn: return store::FlowTableOrder::FirstTime;
        case FlowTableModel::DurationColumn: return store::FlowTableOrder::Duration;
        case FlowTableModel::PacketsColumn: return store::FlowTableOrder::Packets;
        case FlowTableModel::BytesColumn: return store::FlowTableOrder::Bytes;
        case FlowTableModel::PayloadLengthColumn: return store::FlowTableOrder::PayloadLength;
        case FlowTableModel::ServerNameColumn: return store::FlowTableOrder::ServerName;
        case FlowTableModel::LabelColumn: return store::FlowTableOrder::Label;
        case FlowTableModel::PredictionColumn: return store::FlowTableOrder::Prediction;
        case FlowTableModel::ConfidenceColumn: return store::FlowTableOrder::Confidence;
        default: return store::FlowTableOrder::Id;
    }
}

QString qstr(const std::string& s) { return QString::fromStdString(s); }

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

    static Row from(const store::FlowTableRow& s);
};

FlowTableModel::Row FlowTableModel::Row::from(const store::FlowTableRow& s) {
    Row r;
    r.id = s.id;
    r.present = s.present;
    r.captureId = s.capture_id;
    r.captureName = qstr(s.capture_name);
    r.proto = s.l4proto;
    r.clientIp = qstr(s.client_ip);
    r.serverIp = qstr(s.server_ip);
    r.clientPort = s.client_port;
    r.serverPort = s.server_port;
    r.firstNs = s.first_ns;
    r.lastNs = s.last_ns;
    r.packetsC2s = s.packets_c2s;
    r.packetsS2c = s.packets_s2c;
    r.bytesC2s = s.bytes_c2s;
    r.bytesS2c = s.bytes_s2c;
    r.payloadLen = s.payload_len;
    r.sni = qstr(s.sni);
    r.httpHost = qstr(s.http_host);
    r.label = qstr(s.label);
    r.prediction = qstr(s.prediction);
    r.confidence = s.confidence ? *s.confidence : qQNaN();
    return r;
}

struct FlowTableModel::Block {
    quint64 version = 0;
    std::vector<Row> rows;
};

struct FlowTableModel::QueryResult {
    bool cancelled = false;
    QString error;
    store::FlowIdListing listing;
};

// The worker's connection, so cancelQuery() can interrupt it from the GUI thread.
struct FlowTableModel::Interrupt : store::QueryInterrupt {};

namespace {

// The filter/sort query: every matching id in order, plus the counts. Runs on any thread.
void runIdQuery(store::Database& db, const FlowFilter& filter, int sortColumn, Qt::SortOrder order,
                store::FlowIdListing& out) {
    out = store::list_flow_ids(db, filter.query(), tableOrder(sortColumn), order == Qt::AscendingOrder);
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
        store::FlowIdListing r;
        runIdQuery(*db_, filter_, sortColumn_, sortOrder_, r);
        inChange_ = true;
        beginResetModel();
        path_ = path;
        ids_ = std::move(r.ids);
        total_ = r.total;
        classificationIds_ = std::move(r.classification_ids);
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
            runIdQuery(*db_, filter_, sortColumn_, sortOrder_, r.listing);
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
            interrupt->attach(&db);
            if (!interrupt->cancelled()) runIdQuery(db, filter, column, order, result->listing);
            interrupt->attach(nullptr);
        } catch (const std::exception& e) {
            interrupt->attach(nullptr);
            result->error = QString::fromUtf8(e.what());
        }
        result->cancelled = interrupt->cancelled();
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

void FlowTableModel::applyResult(QueryResult& result) {
    if (result.cancelled || !result.error.isEmpty()) {
        if (!result.cancelled) Q_EMIT errorOccurred(result.error);
        setBusy(false);
        Q_EMIT queryFinished(result.cancelled);
        return;
    }
    store::FlowIdListing& r = result.listing;
    classificationIds_ = std::move(r.classification_ids);
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
        const std::vector<std::int64_t> ids(flowIds.begin(), flowIds.end());
        const std::string text = label.trimmed().toStdString();
        written = static_cast<int>(store::set_manual_labels(
            *db_, ids, text.empty() ? std::nullopt : std::optional<std::string_view>(text)));
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
        return store::flow_payload_image(*db_, static_cast<std::int64_t>(flowId));
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
        for (std::size_t i = first; i < last; ++i) fresh->rows[i - first].id = ids_[i];
        try {
            const auto ids = std::span<const std::int64_t>(ids_).subspan(first, last - first);
            const auto rows = store::read_flow_table_rows(*db_, ids, classificationIds_);
            for (std::size_t i = 0; i < rows.size(); ++i) fresh->rows[i] = Row::from(rows[i]);
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

void FlowTableModel::exposeAll() {
    if (inChange_ || static_cast<std::size_t>(exposed_) >= ids_.size()) return;
    inChange_ = true;
    beginInsertRows({}, exposed_, static_cast<int>(ids_.size()) - 1);
    exposed_ = static_cast<int>(ids_.size());
    endInsertRows();
    inChange_ = false;
}

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
