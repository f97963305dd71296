#include "app/gui/dialogs.h"

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

#include "app/jobs/live_capture_job.h"
#include "engine/capture/live_capture.h"
#include "engine/common/error.h"

namespace flowcnn::gui {

// ---------------------------------------------------------------------------------------------
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
    top->addWidget(sizes);

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
    top->addWidget(opts);

    // For unseen captures (README, "Honest accuracy"): shorter images and fewer flows per capture
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
    max_per_capture_ = new QSpinBox(images);
    max_per_capture_->setRange(0, 1'000'000);
    max_per_capture_->setSpecialValueText(tr("no limit"));
    max_per_capture_->setToolTip(
        tr("At most this many train flows of a class from one capture file; validation and test keep all"));
    imf->addRow(tr("Train flows per &capture:"), max_per_capture_);
    top->addWidget(images);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Make Split"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    top->addWidget(buttons);
    connect(counts_, &QRadioButton::toggled, this, &SplitDialog::updateEnabled);
    updateEnabled();
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
    return o;
}

// ---------------------------------------------------------------------------------------------
#ifdef FLOWCNN_HAVE_ML
SearchDialog::SearchDialog(const QVector<DatasetChoice>& datasets, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("searchDialog"));
    setWindowTitle(tr("Start a Grid Search"));
    auto* top = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    dataset_ = new QComboBox(this);
    for (const auto& d : datasets) dataset_->addItem(d.name, d.id);
    dataset_->setAccessibleName(tr("Dataset"));
    form->addRow(tr("&Dataset:"), dataset_);
    name_ = new QLineEdit(this);
    name_->setPlaceholderText(tr("optional"));
    form->addRow(tr("&Name:"), name_);
    grid_ = new QPlainTextEdit(this);
    grid_->setAccessibleName(tr("Grid"));
    grid_->setPlaceholderText(tr("paper (1440 combinations), or e.g. conv=relu,leaky_relu kernel=5,7 "
                                 "padding=both,conv-only fc=1024"));
    grid_->setPlainText(QSettings().value(QStringLiteral("search/grid"), QStringLiteral("paper")).toString());
    grid_->setMaximumHeight(80);
    form->addRow(tr("&Grid:"), grid_);
    count_ = new QLabel(this);
    form->addRow(QString(), count_);
    mode_ = new QComboBox(this);
    mode_->addItem(tr("Exhaustive (every combination, full budget)"), int(search::Mode::Exhaustive));
    mode_->addItem(tr("Successive halving (prune the weaker)"), int(search::Mode::Halving));
    form->addRow(tr("&Mode:"), mode_);
    selection_ = new QComboBox(this);
    selection_->addItem(tr("Validation accuracy"), int(search::Selection::Val));
    selection_->addItem(tr("Training accuracy (the paper)"), int(search::Selection::Train));
    form->addRow(tr("&Select by:"), selection_);
    epochs_ = new QSpinBox(this);
    epochs_->setRange(1, 1000);
    epochs_->setValue(QSettings().value(QStringLiteral("search/epochs"), 5).toInt());
    form->addRow(tr("Epochs per trial:"), epochs_);
    min_epochs_ = new QSpinBox(this);
    min_epochs_->setRange(1, 1000);
    min_epochs_->setValue(1);
    form->addRow(tr("Halving: first rung epochs:"), min_epochs_);
    eta_ = new QSpinBox(this);
    eta_->setRange(2, 10);
    eta_->setValue(3);
    form->addRow(tr("Halving: keep 1 in:"), eta_);
    workers_ = new QSpinBox(this);
    workers_->setRange(1, 64);
    workers_->setValue(std::max(1, QThread::idealThreadCount() / 2));
    form->addRow(tr("Parallel trials:"), workers_);
    seed_ = new QSpinBox(this);
    seed_->setRange(0, 1 << 30);
    seed_->setValue(1);
    form->addRow(tr("Seed:"), seed_);
    top->addLayout(form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start Search"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!datasets.isEmpty());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    top->addWidget(buttons);
    connect(grid_, &QPlainTextEdit::textChanged, this, &SearchDialog::updateCount);
    updateCount();
}

void SearchDialog::updateCount() {
    try {
        const auto g = search::Grid::parse(grid_->toPlainText().trimmed().toStdString());
        g.validate();
        count_->setText(tr("%n combination(s)", nullptr, static_cast<int>(g.size())));
        count_->setStyleSheet(QString());
    } catch (const std::exception& e) {
        count_->setText(QString::fromUtf8(e.what()));
        count_->setStyleSheet(QStringLiteral("color: #b00020"));
    }
}

search::SearchSpec SearchDialog::spec() const {
    search::SearchSpec s;
    s.dataset_id = dataset_->currentData().toLongLong();
    s.name = name_->text().trimmed().toStdString();
    s.grid = search::Grid::parse(grid_->toPlainText().trimmed().toStdString());
    s.mode = static_cast<search::Mode>(mode_->currentData().toInt());
    s.selection = static_cast<search::Selection>(selection_->currentData().toInt());
    s.options.epochs = epochs_->value();
    s.options.seed = static_cast<std::uint64_t>(seed_->value());
    s.halving.min_epochs = min_epochs_->value();
    s.halving.eta = eta_->value();
    return s;
}

search::Execution SearchDialog::execution() const {
    search::Execution e;
    e.workers = workers_->value();
    return e;
}

void SearchDialog::accept() {
    try {
        spec().validate();
    } catch (const std::exception& e) {
        QMessageBox::warning(this, windowTitle(), QString::fromUtf8(e.what()));
        return;
    }
    QSettings().setValue(QStringLiteral("search/grid"), grid_->toPlainText().trimmed());
    QSettings().setValue(QStringLiteral("search/epochs"), epochs_->value());
    QDialog::accept();
}
#endif

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
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
