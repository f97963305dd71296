#include "app/gui/split_dialog.h"

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

#include "engine/flow/flow.h"

namespace flowcnn::gui {

SplitDialog::SplitDialog(const QList<QPair<QString, qint64>>& labels, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("splitDialog"));
    setWindowTitle(tr("Make a Dataset Split"));
    auto* top = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    name_ = new QLineEdit(QStringLiteral("paper"), this);
    name_->setAccessibleName(tr("Dataset name"));
    form->addRow(tr("&Name:"), name_);
    classes_ = new QListWidget(this);
    classes_->setAccessibleName(tr("Classes"));
    for (const auto& [label, n] : labels) {
        if (label.isEmpty()) continue;
        auto* item = new QListWidgetItem(tr("%1 (%2 flows with an image)").arg(label).arg(n), classes_);
        item->setData(Qt::UserRole, label);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    classes_->setMaximumHeight(160);
    form->addRow(tr("&Classes:"), classes_);
    top->addLayout(form);

    top->addWidget(createSizesBox());
    top->addWidget(createLeaksBox());
    top->addWidget(createImagesBox());

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Make Split"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    top->addWidget(buttons);
    connect(counts_, &QRadioButton::toggled, this, &SplitDialog::updateEnabled);
    updateEnabled();
}

QGroupBox* SplitDialog::createSizesBox() {
    auto* sizes = new QGroupBox(tr("Split sizes per class"), this);
    auto* sf = new QFormLayout(sizes);
    counts_ = new QRadioButton(tr("Counts (the paper: 1000 train / 300 validation)"), sizes);
    fractions_ = new QRadioButton(tr("Fractions"), sizes);
    counts_->setChecked(true);
    sf->addRow(counts_);
    auto mk_spin = [&](int v) {
        auto* s = new QSpinBox(sizes);
        s->setRange(0, 10'000'000);
        s->setValue(v);
        return s;
    };
    train_count_ = mk_spin(1000);
    val_count_ = mk_spin(300);
    test_count_ = mk_spin(0);
    sf->addRow(tr("Train:"), train_count_);
    sf->addRow(tr("Validation:"), val_count_);
    sf->addRow(tr("Test:"), test_count_);
    sf->addRow(fractions_);
    auto mk_frac = [&](double v) {
        auto* s = new QDoubleSpinBox(sizes);
        s->setRange(0, 1);
        s->setSingleStep(0.05);
        s->setValue(v);
        return s;
    };
    train_fraction_ = mk_frac(0.7);
    val_fraction_ = mk_frac(0.3);
    test_fraction_ = mk_frac(0.0);
    sf->addRow(tr("Train fraction:"), train_fraction_);
    sf->addRow(tr("Validation fraction:"), val_fraction_);
    sf->addRow(tr("Test fraction:"), test_fraction_);
    return sizes;
}

QGroupBox* SplitDialog::createLeaksBox() {
    auto* opts = new QGroupBox(tr("Leaks"), this);
    auto* of = new QFormLayout(opts);
    by_capture_ = new QCheckBox(tr("Keep each capture file on one side (split by capture)"), opts);
    of->addRow(by_capture_);
    duplicates_ = new QComboBox(opts);
    duplicates_->addItem(tr("Keep identical images on one side"), int(dataset::DuplicatePolicy::KeepTogether));
    duplicates_->addItem(tr("Drop identical copies"), int(dataset::DuplicatePolicy::DropCopies));
    of->addRow(tr("Duplicates:"), duplicates_);
    min_flows_ = new QSpinBox(opts);
    min_flows_->setRange(0, 1'000'000);
    of->addRow(tr("Leave out classes with fewer flows than:"), min_flows_);
    seed_ = new QSpinBox(opts);
    seed_->setRange(0, 1 << 30);
    seed_->setValue(1);
    of->addRow(tr("Seed:"), seed_);
    return opts;
}

QGroupBox* SplitDialog::createImagesBox() {
    // For unseen captures (docs/accuracy.md): shorter images and fewer flows per capture
    // generalised better than the paper's choices on nDPI's captures.
    auto* images = new QGroupBox(tr("Images and training flows"), this);
    auto* imf = new QFormLayout(images);
    fill_ = new QComboBox(images);
    fill_->addItem(tr("Repeat the payload (the paper)"), int(flow::FillMode::Repeat));
    fill_->addItem(tr("Zeros after the payload"), int(flow::FillMode::Zero));
    imf->addRow(tr("&Fill:"), fill_);
    payload_bytes_ = new QSpinBox(images);
    payload_bytes_->setRange(1, static_cast<int>(flow::kImageBytes));
    payload_bytes_->setValue(static_cast<int>(flow::kImageBytes));
    payload_bytes_->setSuffix(tr(" bytes"));
    payload_bytes_->setToolTip(tr("The first N payload bytes of each flow make its image (784: the paper)"));
    imf->addRow(tr("&Payload kept:"), payload_bytes_);
    blank_session_fields_ = new QCheckBox(tr("Blank session fields"), images);
    blank_session_fields_->setToolTip(
        tr("Zero the bytes that identify one session rather than the application (TLS randoms, session "
           "ids, key shares and tickets; HTTP cookies and dates; DNS ids; QUIC connection ids) before the "
           "images are made. Models trained on the dataset do the same when they classify."));
    imf->addRow(QString(), blank_session_fields_);
    max_per_capture_ = new QSpinBox(images);
    max_per_capture_->setRange(0, 1'000'000);
    max_per_capture_->setSpecialValueText(tr("no limit"));
    max_per_capture_->setToolTip(
        tr("At most this many train flows of a class from one capture file; validation and test keep all"));
    imf->addRow(tr("Train flows per &capture:"), max_per_capture_);
    return images;
}

void SplitDialog::updateEnabled() {
    const bool c = counts_->isChecked();
    for (QWidget* w : {static_cast<QWidget*>(train_count_), static_cast<QWidget*>(val_count_),
                       static_cast<QWidget*>(test_count_)})
        w->setEnabled(c);
    for (QWidget* w : {static_cast<QWidget*>(train_fraction_), static_cast<QWidget*>(val_fraction_),
                       static_cast<QWidget*>(test_fraction_)})
        w->setEnabled(!c);
}

QString SplitDialog::name() const { return name_->text().trimmed(); }

dataset::SplitOptions SplitDialog::options() const {
    dataset::SplitOptions o;
    bool all = true;
    for (int i = 0; i < classes_->count(); ++i) {
        const auto* item = classes_->item(i);
        if (item->checkState() == Qt::Checked)
            o.labels.push_back(item->data(Qt::UserRole).toString().toStdString());
        else
            all = false;
    }
    if (all) o.labels.clear();
    o.by_counts = counts_->isChecked();
    o.train_count = train_count_->value();
    o.val_count = val_count_->value();
    o.test_count = test_count_->value();
    o.train_fraction = train_fraction_->value();
    o.val_fraction = val_fraction_->value();
    o.test_fraction = test_fraction_->value();
    o.group_by_capture = by_capture_->isChecked();
    o.duplicates = static_cast<dataset::DuplicatePolicy>(duplicates_->currentData().toInt());
    o.min_flows = min_flows_->value();
    o.seed = static_cast<std::uint64_t>(seed_->value());
    o.fill = static_cast<flow::FillMode>(fill_->currentData().toInt());
    o.payload_bytes = payload_bytes_->value();
    o.max_train_per_capture = max_per_capture_->value();
    o.blank_session_fields = blank_session_fields_->isChecked();
    return o;
}

}  // namespace flowcnn::gui
