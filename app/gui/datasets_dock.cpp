#include "app/gui/datasets_dock.h"

#include <QHeaderView>
#include <QJsonDocument>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>

#include "app/gui/dock_items.h"
#include "engine/store/project.h"
#include "widgets/export_menus.h"
#include "widgets/image_gallery.h"

namespace flowcnn::gui {

DatasetsDock::DatasetsDock(QWidget* parent) : QDockWidget(parent) {
    setObjectName(QStringLiteral("datasetDock"));
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("datasetSplitter"));
    table_ = new QTableWidget(0, 5, split);
    table_->setObjectName(QStringLiteral("datasetsTable"));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    audit_ = new QTextBrowser(split);
    audit_->setObjectName(QStringLiteral("auditView"));
    gallery_ = new widgets::ImageGallery(split);
    gallery_->setObjectName(QStringLiteral("imageGallery"));
    // The gallery needs room for a dozen images per class; the list and the audit less.
    for (int i = 0; i < 3; ++i) split->setStretchFactor(i, i == 2 ? 2 : 1);
    split->setSizes({300, 400, 700});
    setWidget(split);
    connect(table_, &QTableWidget::itemSelectionChanged, this, &DatasetsDock::showAudit);
    connect(gallery_, &widgets::ImageGallery::imageClicked, this, [this](int, int, qint64 flowId) {
        if (flowId > 0) Q_EMIT flowActivated(flowId);
    });
    widgets::installTableMenu(table_, QStringLiteral("datasets"));
    widgets::installImageMenu(gallery_, QStringLiteral("gallery"), [this](const QString& p) { return gallery_->savePng(p); });
}

void DatasetsDock::setProject(store::Project* project) { project_ = project; }

void DatasetsDock::retranslate() {
    setWindowTitle(tr("Datasets"));
    table_->setHorizontalHeaderLabels({tr("Dataset"), tr("Classes"), tr("Train"), tr("Validation"), tr("Test")});
    table_->setAccessibleName(tr("Datasets"));
    audit_->setAccessibleName(tr("Dataset audit"));
}

void DatasetsDock::clear() {
    table_->setRowCount(0);
    audit_->clear();
    gallery_->setClasses({});
}

void DatasetsDock::showAudit() {
    const auto sel = table_->selectedItems();
    if (sel.isEmpty() || !project_) return;
    const qint64 id = table_->item(sel.first()->row(), 0)->data(Qt::UserRole).toLongLong();
    const auto d = project_->dataset(id);
    if (!d) return;
    // The stored audit, indented for reading.
    const QByteArray raw = QByteArray::fromStdString(d->audit_json);
    const QJsonDocument doc = QJsonDocument::fromJson(raw);
    const QString audit = QString::fromUtf8(doc.isNull() ? raw : doc.toJson(QJsonDocument::Indented));
    QString html = QStringLiteral("<h3>%1</h3>").arg(QString::fromStdString(d->name).toHtmlEscaped());
    html += QStringLiteral("<p>") +
            tr("%1 classes · %2 train · %3 validation · %4 test")
                .arg(d->classes.size()).arg(d->train).arg(d->val).arg(d->test) +
            QStringLiteral("</p><pre>") + audit.toHtmlEscaped() + QStringLiteral("</pre>");
    audit_->setHtml(html);
}

void DatasetsDock::reload() {
    if (!project_) return;
    const auto sets = project_->datasets();
    QSignalBlocker block(table_);
    table_->setRowCount(static_cast<int>(sets.size()));
    for (int r = 0; r < static_cast<int>(sets.size()); ++r) {
        const auto& d = sets[r];
        table_->setItem(r, 0, readOnlyItem(QString::fromStdString(d.name), static_cast<qint64>(d.id)));
        table_->setItem(r, 1, readOnlyItem(QString::number(d.classes.size())));
        table_->setItem(r, 2, readOnlyItem(QString::number(d.train)));
        table_->setItem(r, 3, readOnlyItem(QString::number(d.val)));
        table_->setItem(r, 4, readOnlyItem(QString::number(d.test)));
    }
    table_->resizeColumnsToContents();
    block.unblock();
    if (table_->rowCount() > 0 && table_->selectedItems().isEmpty())
        table_->selectRow(0);  // show an audit rather than an empty pane
    gallery_->setClasses(widgets::ImageGallery::sampleFromProject(project_->db(), 12));
}

void DatasetsDock::showNewDataset(qint64 datasetId, const QString& auditText) {
    audit_->setPlainText(auditText);
    for (int r = 0; r < table_->rowCount(); ++r)
        if (table_->item(r, 0)->data(Qt::UserRole).toLongLong() == datasetId) table_->selectRow(r);
}

}  // namespace flowcnn::gui
