#include "app/gui/classify_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>
#include <QHBoxLayout>
#include <QFileDialog>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>

#include "app/gui/drop_policy.h"

namespace flowcnn::gui {

ClassifyDialog::ClassifyDialog(const QList<QPair<qint64, QString>>& models, const QString& folder,
                               QWidget* parent)
    : QDialog(parent), folder_(folder) {
    setObjectName(QStringLiteral("classifyDialog"));
    setWindowTitle(tr("Classify a Capture"));
    setAcceptDrops(true);
    auto* top = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    model_ = new QComboBox(this);
    model_->setAccessibleName(tr("Model"));
    for (const auto& [id, text] : models) model_->addItem(text, id);
    model_->addItem(tr("Model file..."), 0);
    form->addRow(tr("&Model:"), model_);
    model_file_ = new QLineEdit(this);
    model_file_->setPlaceholderText(tr("a .flowcnn-model file"));
    auto* browse_model = new QPushButton(tr("Browse..."), this);
    auto* mrow = new QHBoxLayout;
    mrow->addWidget(model_file_, 1);
    mrow->addWidget(browse_model);
    form->addRow(tr("Model &file:"), mrow);
    capture_ = new QLineEdit(this);
    capture_->setPlaceholderText(tr("drop a capture here, or browse"));
    capture_->setAccessibleName(tr("Capture to classify"));
    auto* browse_capture = new QPushButton(tr("Browse..."), this);
    auto* crow = new QHBoxLayout;
    crow->addWidget(capture_, 1);
    crow->addWidget(browse_capture);
    form->addRow(tr("&Capture:"), crow);
    threshold_ = new QDoubleSpinBox(this);
    threshold_->setRange(0, 1);
    threshold_->setSingleStep(0.05);
    threshold_->setValue(QSettings().value(QStringLiteral("classify/threshold"), 0.5).toDouble());
    threshold_->setToolTip(tr("Flows predicted with less confidence are labelled \"unknown\"."));
    form->addRow(tr("&Threshold:"), threshold_);
    top->addLayout(form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    ok_ = buttons->button(QDialogButtonBox::Ok);
    ok_->setText(tr("&Classify"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QSettings().setValue(QStringLiteral("classify/threshold"), threshold_->value());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    top->addWidget(buttons);
    connect(browse_model, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Model File"), folder_,
                                                       tr("Models (*.flowcnn-model *.model);;All files (*)"));
        if (!f.isEmpty()) {
            model_file_->setText(f);
            model_->setCurrentIndex(model_->count() - 1);
        }
    });
    connect(browse_capture, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Capture"), folder_,
                                                       tr("Captures (*.pcap *.pcapng *.cap);;All files (*)"));
        if (!f.isEmpty()) capture_->setText(f);
    });
    connect(model_, &QComboBox::currentIndexChanged, this, &ClassifyDialog::updateOk);
    connect(model_file_, &QLineEdit::textChanged, this, &ClassifyDialog::updateOk);
    connect(capture_, &QLineEdit::textChanged, this, &ClassifyDialog::updateOk);
    updateOk();
}

void ClassifyDialog::updateOk() {
    const bool file = modelId() == 0;
    model_file_->setEnabled(file);
    ok_->setEnabled(!capture_->text().trimmed().isEmpty() &&
                    (!file || !model_file_->text().trimmed().isEmpty()));
}

qint64 ClassifyDialog::modelId() const { return model_->currentData().toLongLong(); }
QString ClassifyDialog::modelPath() const { return model_file_->text().trimmed(); }
QString ClassifyDialog::capturePath() const { return capture_->text().trimmed(); }
double ClassifyDialog::threshold() const { return threshold_->value(); }
void ClassifyDialog::setCapturePath(const QString& path) { capture_->setText(path); }

void ClassifyDialog::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls()) e->acceptProposedAction();
}

void ClassifyDialog::dropEvent(QDropEvent* e) {
    for (const QUrl& u : e->mimeData()->urls()) {
        const QString p = u.toLocalFile();
        switch (detect_file_kind(p)) {
            case FileKind::Capture: capture_->setText(p); break;
            case FileKind::Model:
                model_file_->setText(p);
                model_->setCurrentIndex(model_->count() - 1);
                break;
            default: break;
        }
    }
    e->acceptProposedAction();
}

}  // namespace flowcnn::gui
