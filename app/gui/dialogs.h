#pragma once
// The smaller dialogs of the workbench: dataset split, grid search, live capture.
#include <QDialog>

#include "app/gui/train_dialog.h"
#include "engine/dataset/split.h"

#ifdef FLOWCNN_HAVE_ML
#include "engine/search/grid_search.h"
#endif

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;
class QPushButton;

namespace flowcnn::gui {

// Dataset > Make Split: the paper's 1000/300 per class (stratified), or fractions; grouping by
// capture; duplicate handling; seed; how the images are made (fill, payload bytes) and the limit
// of train flows per capture.
class SplitDialog : public QDialog {
    Q_OBJECT
public:
    // `labels`: (label, flows with an image), for the class list.
    SplitDialog(const QList<QPair<QString, qint64>>& labels, QWidget* parent = nullptr);
    QString name() const;
    dataset::SplitOptions options() const;

private:
    void updateEnabled();

    QLineEdit* name_;
    QListWidget* classes_;
    QRadioButton* counts_;
    QRadioButton* fractions_;
    QSpinBox* train_count_;
    QSpinBox* val_count_;
    QSpinBox* test_count_;
    QDoubleSpinBox* train_fraction_;
    QDoubleSpinBox* val_fraction_;
    QDoubleSpinBox* test_fraction_;
    QCheckBox* by_capture_;
    QComboBox* duplicates_;
    QSpinBox* min_flows_;
    QSpinBox* seed_;
    QComboBox* fill_;
    QSpinBox* payload_bytes_;
    QSpinBox* max_per_capture_;
};

#ifdef FLOWCNN_HAVE_ML
// Grid search > Start: dataset, grid (the paper's 1440, or a text grid), mode, selection,
// epochs, workers.
class SearchDialog : public QDialog {
    Q_OBJECT
public:
    SearchDialog(const QVector<DatasetChoice>& datasets, QWidget* parent = nullptr);
    search::SearchSpec spec() const;  // throws ConfigError for a bad grid
    search::Execution execution() const;
    void accept() override;

private:
    void updateCount();

    QComboBox* dataset_;
    QLineEdit* name_;
    QPlainTextEdit* grid_;
    QLabel* count_;
    QComboBox* mode_;
    QComboBox* selection_;
    QSpinBox* epochs_;
    QSpinBox* min_epochs_;
    QSpinBox* eta_;
    QSpinBox* workers_;
    QSpinBox* seed_;
};
#endif

// Classify > Classify a Capture: a model (the project's, or a model file) and a capture (typed,
// browsed or dropped onto the dialog).
class ClassifyDialog : public QDialog {
    Q_OBJECT
public:
    // `models`: (models.id, description) of the project's models.
    ClassifyDialog(const QList<QPair<qint64, QString>>& models, const QString& folder,
                   QWidget* parent = nullptr);
    qint64 modelId() const;      // 0 when a model file is chosen
    QString modelPath() const;
    QString capturePath() const;
    double threshold() const;
    void setCapturePath(const QString& path);

protected:
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

private:
    void updateOk();

    QComboBox* model_;
    QLineEdit* model_file_;
    QLineEdit* capture_;
    QDoubleSpinBox* threshold_;
    QPushButton* ok_;
    QString folder_;
};

// Capture > Live Capture: interface list and a BPF filter.
class LiveCaptureDialog : public QDialog {
    Q_OBJECT
public:
    explicit LiveCaptureDialog(QWidget* parent = nullptr);
    QString interfaceName() const;
    QString filter() const;
    QString label() const;

private:
    QListWidget* interfaces_;
    QLineEdit* filter_;
    QLineEdit* label_;
    QLabel* error_;
};

}  // namespace flowcnn::gui
