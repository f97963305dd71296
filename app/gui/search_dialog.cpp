#include "app/gui/search_dialog.h"

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

#include "engine/common/error.h"

namespace flowcnn::gui {

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

}  // namespace flowcnn::gui
