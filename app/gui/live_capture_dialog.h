#pragma once
// The Capture > Live Capture dialog.
#include <QDialog>
#include <QString>

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
