#pragma once
// The Grid search > Start dialog (only with the model engine).
#include <QDialog>
#include <QVector>

#include "app/gui/train_dialog.h"

#ifdef FLOWCNN_HAVE_ML
#include "engine/search/grid_search.h"
#endif

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;
class QPushButton;

namespace flowcnn::gui {

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

}  // namespace flowcnn::gui
