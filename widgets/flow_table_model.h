#pragma once
// The project's flows as a lazily fetched table (Wireshark's packet list, over SQLite).
//
// Rows are light: the model keeps only the ordered flow ids of the current filter and sort, and
// exposes them page by page through canFetchMore/fetchMore. Cell text is built when drawn from
// blocks of rows read by id, kept in a cache with a size bound and a version counter. Sorting,
// filtering and refresh() run their id query on a worker thread with its own connection (the
// current rows stay usable meanwhile, and cancelQuery() stops it); the result is applied as one
// layout change that keeps persistent indexes (and so the selection) by flow id.
#include <QAbstractTableModel>
#include <QCache>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QVector>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "engine/image/payload_image.h"
#include "widgets/flow_filter.h"

class QThread;

namespace flowcnn::store {
class Database;
}

namespace flowcnn::widgets {

class FlowTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        CaptureColumn,
        ProtocolColumn,
        ClientColumn,
        ServerColumn,
        FirstTimeColumn,
        DurationColumn,
        PacketsColumn,
        BytesColumn,
        PayloadLengthColumn,
        ServerNameColumn,  // TLS SNI, else HTTP Host
        LabelColumn,
        PredictionColumn,
        ConfidenceColumn,
        ColumnCount
    };
    enum Role {
        RawValueRole = Qt::UserRole,  // unformatted value for sorting and export
        FlowIdRole,                   // qint64 flow id of the row
    };

    explicit FlowTableModel(QObject* parent = nullptr);
    ~FlowTableModel() override;

    // Opens the project file with the model's own connection (works while another process writes
    // it). Returns false with a message on failure. Loads the first page synchronously.
    bool openProject(const QString& path, QString* error = nullptr);
    void closeProject();
    bool hasProject() const { return db_ != nullptr; }
    bool isReadOnly() const { return readOnly_; }  // opened read-only (write-protected file)
    QString projectPath() const { return path_; }

    // Filter and sort run asynchronously unless setAsynchronous(false) (tests, small projects).
    void setFilter(const FlowFilter& filter);
    const FlowFilter& filter() const { return filter_; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return sortColumn_; }
    Qt::SortOrder sortOrder() const { return sortOrder_; }
    // Re-runs the current query (new flows, labels or predictions written by anyone).
    void refresh();
    // Makes every matching flow a row now (not page by page as the view scrolls), so that Ctrl+End
    // reaches the last flow rather than the last one fetched. Rows' data still load by page.
    void exposeAll();
    // Stops a running filter/sort/refresh query; the current rows stay as they were.
    void cancelQuery();
    bool isBusy() const { return busy_; }
    void setAsynchronous(bool on) { async_ = on; }
    // Blocks until the running query, if any, has been applied (for tests and scripted use).
    void waitForIdle();

    // Counts for the status bar: "N flows · M shown".
    qint64 totalFlowCount() const { return total_; }
    qint64 matchingFlowCount() const { return static_cast<qint64>(ids_.size()); }
    QString countsText() const;  // "1,000,000 flows · 166,897 shown" (translated)

    int pageSize() const { return pageSize_; }
    void setPageSize(int rows);
    // Bound of the cell cache in rows (rounded to blocks).
    void setCacheLimit(int rows);

    qint64 flowId(int row) const;
    int rowOfFlow(qint64 flowId) const;  // -1 when not among the fetched rows
    QVector<qint64> flowIds(const QModelIndexList& indexes) const;  // distinct, by row

    // Sets (or with an empty label clears) the label of the flows in `rows`, source "manual".
    // Rows keep their place until the next refresh() even when sorted or filtered by label.
    // Returns the number of flows written; on error -1 and errorOccurred.
    int setLabels(const QList<int>& rows, const QString& label);
    int setLabelsForFlows(const QVector<qint64>& flowIds, const QString& label);

    // The flow's 28x28 image with its capture's fill mode; nullopt for no such flow / no payload.
    std::optional<image::PayloadImage> payloadImage(qint64 flowId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    static QString protocolName(int l4proto);

Q_SIGNALS:
    void countsChanged(qint64 total, qint64 shown);
    void busyChanged(bool busy);
    void queryFinished(bool cancelled);
    void errorOccurred(const QString& message);
    void labelsChanged(const QVector<qint64>& flowIds);

private:
    struct Row;
    struct Block;
    struct QueryResult;
    struct Interrupt;

    void startQuery();
    void applyResult(QueryResult& r);
    const Row* rowAt(int row) const;
    void invalidateCache();
    void setBusy(bool on);

    std::unique_ptr<store::Database> db_;
    QString path_;
    FlowFilter filter_;
    int sortColumn_ = IdColumn;
    Qt::SortOrder sortOrder_ = Qt::AscendingOrder;
    std::vector<std::int64_t> ids_;  // every matching flow id in display order (8 bytes a row)
    int exposed_ = 0;          // rows shown so far (grows by fetchMore)
    qint64 total_ = 0;
    std::vector<std::int64_t> classificationIds_;  // newest first
    int pageSize_ = 2000;
    mutable QCache<int, Block> cache_;  // row blocks by block number
    quint64 cacheVersion_ = 0;          // one increment invalidates every cached block
    bool async_ = true;
    bool readOnly_ = false;
    bool busy_ = false;
    bool restartPending_ = false;
    bool inChange_ = false;  // inside endResetModel/layoutChanged: fetchMore waits for the event loop
    QThread* thread_ = nullptr;
    std::shared_ptr<Interrupt> interrupt_;
};

}  // namespace flowcnn::widgets
