#pragma once
// The "Classification" dock: flows per class, labelled and as a chosen classification of a
// capture predicted them, as a chart and as a table (exportable). A threshold control shows what
// another confidence threshold would call "unknown" (without classifying again); unknown flows
// stand apart in the table.
#include <QDockWidget>
#include <QList>
#include <QPair>
#include <QString>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QTableWidget;

namespace flowcnn::store {
class Project;
}
namespace flowcnn::widgets {
class ClassCountChart;
}

namespace flowcnn::gui {

class ClassificationDock : public QDockWidget {
    Q_OBJECT
public:
    explicit ClassificationDock(QWidget* parent = nullptr);

    // nullptr empties the choice (the chart and table stay, greyed out by the window).
    void setProject(store::Project* project);
    // Lists the project's classifications and shows the newest.
    void reload();
    // Shows the counts of the chosen classification (0: labelled flows only).
    void showCounts();
    void selectClassification(qint64 classificationId);
    qint64 currentClassification() const;
    // The project's models as Classify > Classify a Capture offers them: (models.id, description).
    QList<QPair<qint64, QString>> modelChoices();
    void clear();
    void retranslate();

    QTableWidget* table() const { return table_; }
    QDoubleSpinBox* thresholdBox() const { return threshold_; }
    QLabel* unknownSummary() const { return unknown_summary_; }
    widgets::ClassCountChart* chart() const { return chart_; }

Q_SIGNALS:
    void statusMessage(const QString& text);

private:
    store::Project* project_ = nullptr;
    void onClassificationChosen();
    void showUnknownShare(const QList<QPair<QString, qint64>>& predicted);

    QComboBox* choice_ = nullptr;
    QDoubleSpinBox* threshold_ = nullptr;  // "unknown" below this confidence
    QLabel* threshold_label_ = nullptr;
    QLabel* unknown_summary_ = nullptr;
    widgets::ClassCountChart* chart_ = nullptr;
    QTableWidget* table_ = nullptr;  // flows per predicted application
};

}  // namespace flowcnn::gui
