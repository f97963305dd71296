#include "widgets/export_menus.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <qcustomplot.h>

#include <algorithm>

#include "widgets/plot_export.h"
#include "widgets/table_export.h"

namespace flowcnn::widgets {
namespace {

SaveFileChooser& chooser() {
    static SaveFileChooser c;
    return c;
}

QString askSavePath(QWidget* parent, const QString& caption, const QString& fileName, const QString& filter) {
    const QString suggested = QDir(lastExportFolder()).filePath(fileName);
    const QString path = chooser() ? chooser()(parent, caption, suggested, filter)
                                   : QFileDialog::getSaveFileName(parent, caption, suggested, filter);
    if (!path.isEmpty()) rememberExportFolder(path);
    return path;
}

// The selected rows in order, or all rows the model has loaded when nothing is selected.
TableExportOptions copyOptions(QAbstractItemView* view) {
    TableExportOptions o;
    if (auto* sel = view->selectionModel()) {
        QList<int> rows;
        for (const QModelIndex& i : sel->selectedIndexes())
            if (!rows.contains(i.row())) rows << i.row();
        std::sort(rows.begin(), rows.end());
        o.rows = rows;
    }
    // Columns in the order the user sees them, hidden ones left out.
    if (auto* table = qobject_cast<QTableView*>(view)) {
        const QHeaderView* h = table->horizontalHeader();
        for (int v = 0; v < h->count(); ++v) {
            const int logical = h->logicalIndex(v);
            if (!h->isSectionHidden(logical)) o.columns << logical;
        }
    }
    return o;
}

void fetchAll(QAbstractItemModel* model) {
    // Lazily paged models (the flow table) hand out their rows page by page.
    while (model->canFetchMore({})) {
        const int before = model->rowCount();
        model->fetchMore({});
        if (model->rowCount() == before) {
            QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
            if (model->rowCount() == before && model->canFetchMore({})) {
                model->fetchMore({});
                if (model->rowCount() == before) break;  // no progress: keep what is there
            }
        }
    }
}

}  // namespace

void setSaveFileChooser(SaveFileChooser c) { chooser() = std::move(c); }

QString lastExportFolder() {
    return QSettings().value(QStringLiteral("lastFolder"),
                             QStandardPaths::writableLocation(QStandardPaths::HomeLocation)).toString();
}

void rememberExportFolder(const QString& filePath) {
    QSettings().setValue(QStringLiteral("lastFolder"), QFileInfo(filePath).absolutePath());
}

bool exportViewCsv(QAbstractItemView* view, const QString& path, QString* error) {
    if (!view || !view->model()) {
        if (error) *error = QCoreApplication::translate("ExportMenus", "There is no table to export.");
        return false;
    }
    fetchAll(view->model());
    TableExportOptions o = copyOptions(view);
    o.rows.clear();  // every row, not only the selection
    return saveTableCsv(*view->model(), path, error, o);
}

QMenu* createTableMenu(QAbstractItemView* view, const QString& baseName, QWidget* parent) {
    auto* menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("tableMenu"));
    QAbstractItemModel* model = view->model();
    const bool empty = !model || model->rowCount() == 0;
    auto copy = [view](QString (*format)(const QAbstractItemModel&, const TableExportOptions&)) {
        if (view->model()) QGuiApplication::clipboard()->setText(format(*view->model(), copyOptions(view)));
    };
    const bool selected = view->selectionModel() && view->selectionModel()->hasSelection();
    QAction* a = menu->addAction(selected ? QCoreApplication::translate("ExportMenus", "&Copy Selected Rows") : QCoreApplication::translate("ExportMenus", "&Copy All Rows"));
    a->setObjectName(QStringLiteral("copyText"));
    a->setEnabled(!empty);
    QObject::connect(a, &QAction::triggered, view, [copy] { copy(&tableToText); });
    a = menu->addAction(QCoreApplication::translate("ExportMenus", "Copy as CS&V"));
    a->setObjectName(QStringLiteral("copyCsv"));
    a->setEnabled(!empty);
    QObject::connect(a, &QAction::triggered, view, [copy] { copy(&tableToCsv); });
    a = menu->addAction(QCoreApplication::translate("ExportMenus", "Copy as &JSON"));
    a->setObjectName(QStringLiteral("copyJson"));
    a->setEnabled(!empty);
    QObject::connect(a, &QAction::triggered, view, [copy] { copy(&tableToJson); });
    menu->addSeparator();
    a = menu->addAction(QCoreApplication::translate("ExportMenus", "&Export CSV..."));
    a->setObjectName(QStringLiteral("exportCsv"));
    a->setEnabled(!empty);
    QObject::connect(a, &QAction::triggered, view, [view, baseName] {
        const QString path = askSavePath(view, QCoreApplication::translate("ExportMenus", "Export CSV"), baseName + QStringLiteral(".csv"),
                                         QCoreApplication::translate("ExportMenus", "CSV files (*.csv);;All files (*)"));
        if (path.isEmpty()) return;
        QString error;
        QApplication::setOverrideCursor(Qt::WaitCursor);
        const bool ok = exportViewCsv(view, path, &error);
        QApplication::restoreOverrideCursor();
        if (!ok) QMessageBox::warning(view, QCoreApplication::translate("ExportMenus", "Export CSV"), QCoreApplication::translate("ExportMenus", "Cannot write %1:\n%2").arg(path, error));
    });
    if (auto* table = qobject_cast<QTableView*>(view)) {
        menu->addSeparator();
        a = menu->addAction(QCoreApplication::translate("ExportMenus", "&Resize Columns to Contents"));
        a->setObjectName(QStringLiteral("resizeColumns"));
        QObject::connect(a, &QAction::triggered, table, [table] { table->resizeColumnsToContents(); });
    }
    return menu;
}

void installTableMenu(QAbstractItemView* view, const QString& baseName, std::function<void(QMenu*)> extra) {
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(view, &QWidget::customContextMenuRequested, view,
                     [view, baseName, extra](const QPoint& pos) {
                         QMenu* menu = createTableMenu(view, baseName, view);
                         if (extra) extra(menu);
                         menu->setAttribute(Qt::WA_DeleteOnClose);
                         menu->popup(view->viewport()->mapToGlobal(pos));
                     });
}

QMenu* createPlotMenu(QCustomPlot* plot, const QString& baseName, QWidget* parent) {
    auto* menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("plotMenu"));
    auto save = [plot, baseName](const QString& suffix, const QString& filter) {
        QString path = askSavePath(plot, QCoreApplication::translate("ExportMenus", "Save Chart"), baseName + suffix, filter);
        if (path.isEmpty()) return;
        if (QFileInfo(path).suffix().isEmpty()) path += suffix;
        if (!exportPlot(plot, path))
            QMessageBox::warning(plot, QCoreApplication::translate("ExportMenus", "Save Chart"), QCoreApplication::translate("ExportMenus", "Cannot write %1.").arg(path));
    };
    QAction* a = menu->addAction(QCoreApplication::translate("ExportMenus", "Save as &PNG..."));
    a->setObjectName(QStringLiteral("savePng"));
    QObject::connect(a, &QAction::triggered, plot,
                     [save] { save(QStringLiteral(".png"), QCoreApplication::translate("ExportMenus", "PNG images (*.png);;All files (*)")); });
    a = menu->addAction(QCoreApplication::translate("ExportMenus", "Save as P&DF..."));
    a->setObjectName(QStringLiteral("savePdf"));
    QObject::connect(a, &QAction::triggered, plot,
                     [save] { save(QStringLiteral(".pdf"), QCoreApplication::translate("ExportMenus", "PDF documents (*.pdf);;All files (*)")); });
    return menu;
}

void installPlotMenu(QCustomPlot* plot, const QString& baseName) {
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(plot, &QWidget::customContextMenuRequested, plot, [plot, baseName](const QPoint& pos) {
        QMenu* menu = createPlotMenu(plot, baseName, plot);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(plot->mapToGlobal(pos));
    });
}

void installImageMenu(QWidget* view, const QString& baseName, std::function<bool(const QString&)> save) {
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(view, &QWidget::customContextMenuRequested, view, [view, baseName, save](const QPoint& pos) {
        auto* menu = new QMenu(view);
        menu->setObjectName(QStringLiteral("imageMenu"));
        menu->setAttribute(Qt::WA_DeleteOnClose);
        QAction* a = menu->addAction(QCoreApplication::translate("ExportMenus", "Save Image as &PNG..."));
        a->setObjectName(QStringLiteral("saveImagePng"));
        QObject::connect(a, &QAction::triggered, view, [view, baseName, save] {
            QString path = askSavePath(view, QCoreApplication::translate("ExportMenus", "Save Image"),
                                       baseName + QStringLiteral(".png"),
                                       QCoreApplication::translate("ExportMenus", "PNG images (*.png);;All files (*)"));
            if (path.isEmpty()) return;
            if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".png");
            if (!save(path))
                QMessageBox::warning(view, QCoreApplication::translate("ExportMenus", "Save Image"),
                                     QCoreApplication::translate("ExportMenus", "Cannot write %1.").arg(path));
        });
        menu->popup(view->mapToGlobal(pos));
    });
}

}  // namespace flowcnn::widgets
