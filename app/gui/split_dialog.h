#pragma once
// The Dataset > Make Split dialog.
#include <QDialog>
#include <QList>
#include <QPair>

#include "engine/dataset/split.h"

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
    QGroupBox* createSizesBox();
    QGroupBox* createLeaksBox();
    QGroupBox* createImagesBox();

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
    QCheckBox* blank_session_fields_;
    QSpinBox* max_per_capture_;
};

}  // namespace flowcnn::gui
