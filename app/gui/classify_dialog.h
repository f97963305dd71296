#pragma once
// The Classify > Classify a Capture dialog.
#include <QDialog>
#include <QList>
#include <QPair>
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

}  // namespace flowcnn::gui
