#include "app/gui/live_capture_dialog.h"

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

#include "app/jobs/live_capture_job.h"
#include "engine/capture/live_capture.h"

namespace flowcnn::gui {

LiveCaptureDialog::LiveCaptureDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("liveCaptureDialog"));
    setWindowTitle(tr("Live Capture"));
    auto* top = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    interfaces_ = new QListWidget(this);
    interfaces_->setAccessibleName(tr("Interfaces"));
    error_ = new QLabel(this);
    error_->setWordWrap(true);
    try {
        for (const auto& i : capture::list_interfaces()) {
            QString text = QString::fromStdString(i.name);
            if (!i.description.empty()) text += QStringLiteral(" — ") + QString::fromStdString(i.description);
            QStringList addrs;
            for (const auto& a : i.addresses) addrs << QString::fromStdString(a);
            if (!addrs.isEmpty()) text += QStringLiteral("  [") + addrs.join(QStringLiteral(", ")) + QStringLiteral("]");
            if (!i.up) text += QStringLiteral("  ") + tr("(down)");
            auto* item = new QListWidgetItem(text, interfaces_);
            item->setData(Qt::UserRole, QString::fromStdString(i.name));
        }
    } catch (const std::exception& e) {
        error_->setText(QString::fromUtf8(e.what()));
    }
    if (interfaces_->count() > 0) interfaces_->setCurrentRow(0);
    else if (error_->text().isEmpty()) error_->setText(tr("No interfaces can be captured on. Capturing usually needs "
                                                          "root or the CAP_NET_RAW capability."));
    if (jobs::LiveCaptureJob::findHelper().isEmpty()) {
        // The fallback: say it before the capture, not only when it is refused.
        const QString note = tr("The capture helper flowcnn-capture was not found next to the workbench or in "
                                "../lib/flowcnn/, so the workbench will capture itself and then needs the capture "
                                "rights (root, or cap_net_raw,cap_net_admin on the workbench).");
        error_->setText(error_->text().isEmpty() ? note : error_->text() + QLatin1Char('\n') + note);
    }
    form->addRow(tr("&Interface:"), interfaces_);
    filter_ = new QLineEdit(QSettings().value(QStringLiteral("capture/filter")).toString(), this);
    filter_->setPlaceholderText(tr("BPF filter, e.g. tcp port 443"));
    filter_->setAccessibleName(tr("Capture filter"));
    form->addRow(tr("&Filter:"), filter_);
    label_ = new QLineEdit(this);
    label_->setPlaceholderText(tr("optional: label every flow"));
    form->addRow(tr("&Label:"), label_);
    top->addLayout(form);
    top->addWidget(error_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(interfaces_->count() > 0);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QSettings().setValue(QStringLiteral("capture/filter"), filter_->text());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    top->addWidget(buttons);
}

QString LiveCaptureDialog::interfaceName() const {
    const auto* item = interfaces_->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}
QString LiveCaptureDialog::filter() const { return filter_->text().trimmed(); }
QString LiveCaptureDialog::label() const { return label_->text().trimmed(); }

}  // namespace flowcnn::gui
