#pragma once
// The right-click menus that every table and chart of the workbench shares (GUI.md items 9 and 14):
// tables copy as text, CSV or JSON, export CSV and resize their columns; charts save as PNG or PDF.
// File dialogs start in the last folder used (QSettings "lastFolder", the main window's key too).
#include <QString>
#include <functional>

class QAbstractItemView;
class QCustomPlot;
class QMenu;
class QWidget;

namespace flowcnn::widgets {

// Asks where to save; returns an empty string when the user cancels. Replaceable so that tests
// need no modal dialog; an empty chooser restores QFileDialog::getSaveFileName.
using SaveFileChooser = std::function<QString(QWidget* parent, const QString& caption,
                                              const QString& suggestedPath, const QString& filter)>;
void setSaveFileChooser(SaveFileChooser chooser);

QString lastExportFolder();
void rememberExportFolder(const QString& filePath);  // stores the file's folder

// Gives `view` a context menu: Copy (text), Copy as CSV, Copy as JSON (the selected rows, or all
// rows when none is selected), Export CSV... (all rows, fetching the ones not loaded yet) and
// Resize Columns. `baseName` names the suggested file ("flows" -> flows.csv). `extra` may add
// actions of the caller's (e.g. labelling) to the menu before it is shown.
void installTableMenu(QAbstractItemView* view, const QString& baseName,
                      std::function<void(QMenu*)> extra = {});
// The menu that installTableMenu shows (for tests and callers that build their own).
QMenu* createTableMenu(QAbstractItemView* view, const QString& baseName, QWidget* parent);
// Writes every row of the view's model (fetching all) as CSV. False with a message on failure.
bool exportViewCsv(QAbstractItemView* view, const QString& path, QString* error = nullptr);

// Gives a chart a context menu: Save as PNG..., Save as PDF...
void installPlotMenu(QCustomPlot* plot, const QString& baseName);
QMenu* createPlotMenu(QCustomPlot* plot, const QString& baseName, QWidget* parent);

// Gives an image view (payload image, gallery) a context menu: Save Image as PNG... `save` writes
// the file and returns false on failure.
void installImageMenu(QWidget* view, const QString& baseName, std::function<bool(const QString&)> save);

}  // namespace flowcnn::widgets
