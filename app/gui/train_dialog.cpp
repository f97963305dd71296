#include "app/gui/train_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include "engine/store/project.h"

namespace flowcnn::gui {
namespace {

using model::Activation;
using model::Padding;
using model::Pooling;

void add_activations(QComboBox* c, bool with_softmax) {
    c->addItem(QStringLiteral("Sigmoid"), int(Activation::Sigmoid));
    c->addItem(QStringLiteral("Tanh"), int(Activation::Tanh));
    c->addItem(QStringLiteral("ReLU"), int(Activation::ReLU));
    c->addItem(QStringLiteral("Leaky ReLU"), int(Activation::LeakyReLU));
    if (with_softmax) c->addItem(QStringLiteral("Softmax"), int(Activation::Softmax));
}

void select_data(QComboBox* c, int value) {
    const int i = c->findData(value);
    if (i >= 0) c->setCurrentIndex(i);
}

}  // namespace

QVector<DatasetChoice> TrainDialog::datasetChoices(store::Project& project) {
    QVector<DatasetChoice> ds;
    for (const auto& d : project.datasets())
        ds.push_back({d.id, tr("%1 (%2 train / %3 validation)").arg(QString::fromStdString(d.name)).arg(d.train).arg(d.val)});
    return ds;
}

TrainDialog::TrainDialog(const QVector<DatasetChoice>& datasets, QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("trainDialog"));
    setWindowTitle(tr("Train a Model"));
    auto* top = new QVBoxLayout(this);

    top->addWidget(createDataBox(datasets));
    top->addWidget(createKnnBox());
    top->addWidget(createTreesBox());
    top->addWidget(createModelBox());
    top->addWidget(createTrainingBox());
    top->addWidget(createServerNamesBox());

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Start Training"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!datasets.isEmpty());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    top->addWidget(buttons);

    connect(preset_, &QComboBox::currentIndexChanged, this, &TrainDialog::applyPreset);
    for (QComboBox* c : {conv_act_, fc_act_, kernel_, pool_, padding_, fc_})
        connect(c, &QComboBox::currentIndexChanged, this, &TrainDialog::markCustom);
    connect(filters_, &QSpinBox::valueChanged, this, &TrainDialog::markCustom);
    connect(family_, &QComboBox::currentIndexChanged, this, &TrainDialog::updateFamily);

    // Defaults (Model 5, Adam 1e-3, batch 64), then whatever was used last.
    const train::TrainOptions defaults;
    lr_->setValue(defaults.lr);
    batch_->setValue(defaults.batch);
    epochs_->setValue(defaults.epochs);
    seed_->setValue(static_cast<int>(defaults.seed));
    patience_->setValue(defaults.early_stopping_patience);
    threads_->setValue(defaults.threads);
    select_data(lr_schedule_, int(defaults.lr_schedule));
    weight_decay_->setValue(defaults.weight_decay);
    label_smoothing_->setValue(defaults.label_smoothing);
    name_rules_->setChecked(defaults.name_rules);
    preset_->setCurrentIndex(4);
    applyPreset(4);
    load();
    updateFamily();
}

QGroupBox* TrainDialog::createDataBox(const QVector<DatasetChoice>& datasets) {
    auto* data_box = new QGroupBox(tr("Data"), this);
    auto* data_form = new QFormLayout(data_box);
    dataset_ = new QComboBox(data_box);
    for (const auto& d : datasets) dataset_->addItem(d.name, d.id);
    dataset_->setAccessibleName(tr("Dataset"));
    data_form->addRow(tr("&Dataset:"), dataset_);
    name_ = new QLineEdit(data_box);
    name_->setPlaceholderText(tr("optional"));
    name_->setAccessibleName(tr("Run name"));
    data_form->addRow(tr("Run &name:"), name_);
    family_ = new QComboBox(data_box);
    family_->addItem(tr("Convolutional network (the paper's)"), int(Family::Cnn));
    family_->addItem(tr("k-nearest neighbours on the bytes"), int(Family::Knn));
    family_->addItem(tr("Gradient-boosted trees on flow features"), int(Family::Trees));
    family_->setAccessibleName(tr("Model family"));
    family_->setToolTip(tr("A k-NN model trains nothing: it keeps the train split's images and gives "
                           "each flow the class of its nearest training flows. On captures it has "
                           "not seen it often generalises better than the CNN (see Baselines). The trees read "
                           "packet sizes, directions, gaps and protocol fields instead of the image; their "
                           "prediction cost does not grow with the training set."));
    data_form->addRow(tr("&Model family:"), family_);
    return data_box;
}

QGroupBox* TrainDialog::createKnnBox() {
    knn_box_ = new QGroupBox(tr("k-nearest neighbours"), this);
    auto* kf = new QFormLayout(knn_box_);
    knn_k_ = new QSpinBox(knn_box_);
    knn_k_->setRange(1, 1000);
    knn_k_->setValue(1);
    knn_k_->setAccessibleName(tr("Neighbours"));
    kf->addRow(tr("&Neighbours (k):"), knn_k_);
    knn_distance_ = new QComboBox(knn_box_);
    knn_distance_->addItem(tr("Hamming (bytes that differ)"), int(baseline::Distance::Hamming));
    knn_distance_->addItem(tr("L1 (sum of byte differences)"), int(baseline::Distance::L1));
    knn_distance_->setAccessibleName(tr("Distance"));
    kf->addRow(tr("&Distance:"), knn_distance_);
    return knn_box_;
}

QGroupBox* TrainDialog::createTreesBox() {
    trees_box_ = new QGroupBox(tr("Gradient-boosted trees"), this);
    auto* tf = new QFormLayout(trees_box_);
    const gbt::GbtParams tree_defaults;
    trees_rounds_ = new QSpinBox(trees_box_);
    trees_rounds_->setRange(1, 100000);
    trees_rounds_->setValue(tree_defaults.rounds);
    trees_rounds_->setAccessibleName(tr("Boosting rounds"));
    tf->addRow(tr("&Rounds:"), trees_rounds_);
    trees_depth_ = new QSpinBox(trees_box_);
    trees_depth_->setRange(1, 32);
    trees_depth_->setValue(tree_defaults.max_depth);
    trees_depth_->setAccessibleName(tr("Tree depth"));
    tf->addRow(tr("&Depth:"), trees_depth_);
    trees_balance_ = new QCheckBox(tr("Weight the classes equally"), trees_box_);
    trees_balance_->setChecked(tree_defaults.balance);
    trees_balance_->setToolTip(tr("Off by default: on the nDPI captures every flow weighing alike "
                                  "cross-validated better."));
    tf->addRow(QString(), trees_balance_);
    return trees_box_;
}

QGroupBox* TrainDialog::createModelBox() {
    auto* model_box = model_box_ = new QGroupBox(tr("Model (paper Table 2)"), this);
    auto* mf = new QFormLayout(model_box);
    preset_ = new QComboBox(model_box);
    for (int n = 1; n <= 5; ++n) preset_->addItem(tr("Paper Model %1").arg(n), n);
    preset_->addItem(tr("Custom"), 0);
    preset_->setAccessibleName(tr("Preset"));
    mf->addRow(tr("&Preset:"), preset_);
    conv_act_ = new QComboBox(model_box);
    add_activations(conv_act_, true);
    mf->addRow(tr("Convolution activation:"), conv_act_);
    fc_act_ = new QComboBox(model_box);
    add_activations(fc_act_, true);
    mf->addRow(tr("Fully connected activation:"), fc_act_);
    kernel_ = new QComboBox(model_box);
    for (int k : {3, 5, 7}) kernel_->addItem(QStringLiteral("%1 x %1").arg(k), k);
    mf->addRow(tr("Filter size:"), kernel_);
    filters_ = new QSpinBox(model_box);
    filters_->setRange(1, 256);
    mf->addRow(tr("Filters:"), filters_);
    pool_ = new QComboBox(model_box);
    pool_->addItem(tr("Max"), int(Pooling::Max));
    pool_->addItem(tr("Average"), int(Pooling::Avg));
    mf->addRow(tr("Pooling:"), pool_);
    padding_ = new QComboBox(model_box);
    padding_->addItem(tr("None"), int(Padding::None));
    padding_->addItem(tr("Both"), int(Padding::Both));
    padding_->addItem(tr("Pooling only"), int(Padding::PoolOnly));
    padding_->addItem(tr("Convolution only"), int(Padding::ConvOnly));
    mf->addRow(tr("Padding:"), padding_);
    fc_ = new QComboBox(model_box);
    for (int n : {256, 512, 1024}) fc_->addItem(QString::number(n), n);
    mf->addRow(tr("Fully connected neurons:"), fc_);
    return model_box;
}

QGroupBox* TrainDialog::createTrainingBox() {
    auto* opt_box = opt_box_ = new QGroupBox(tr("Training"), this);
    auto* of = new QFormLayout(opt_box);
    optimizer_ = new QComboBox(opt_box);
    optimizer_->addItem(QStringLiteral("Adam"), int(train::Optimizer::Adam));
    optimizer_->addItem(tr("SGD with momentum"), int(train::Optimizer::SgdMomentum));
    of->addRow(tr("Optimizer:"), optimizer_);
    lr_ = new QDoubleSpinBox(opt_box);
    lr_->setDecimals(5);
    lr_->setRange(0.00001, 1.0);
    lr_->setSingleStep(0.0001);
    of->addRow(tr("Learning rate:"), lr_);
    lr_schedule_ = new QComboBox(opt_box);
    lr_schedule_->addItem(tr("Constant (paper)"), int(train::LrSchedule::Constant));
    lr_schedule_->addItem(tr("Cosine decay to 0"), int(train::LrSchedule::Cosine));
    of->addRow(tr("Learning-rate schedule:"), lr_schedule_);
    weight_decay_ = new QDoubleSpinBox(opt_box);
    weight_decay_->setDecimals(6);
    weight_decay_->setRange(0.0, 1.0);
    weight_decay_->setSingleStep(0.0001);
    weight_decay_->setSpecialValueText(tr("off"));
    of->addRow(tr("Weight decay:"), weight_decay_);
    label_smoothing_ = new QDoubleSpinBox(opt_box);
    label_smoothing_->setDecimals(2);
    label_smoothing_->setRange(0.0, 0.5);
    label_smoothing_->setSingleStep(0.05);
    label_smoothing_->setSpecialValueText(tr("off"));
    of->addRow(tr("Label smoothing:"), label_smoothing_);
    batch_ = new QSpinBox(opt_box);
    batch_->setRange(1, 4096);
    of->addRow(tr("Batch size:"), batch_);
    epochs_ = new QSpinBox(opt_box);
    epochs_->setRange(1, 1000);
    of->addRow(tr("Epochs:"), epochs_);
    patience_ = new QSpinBox(opt_box);
    patience_->setRange(0, 1000);
    patience_->setSpecialValueText(tr("off"));
    of->addRow(tr("Early stopping patience:"), patience_);
    seed_ = new QSpinBox(opt_box);
    seed_->setRange(0, 1 << 30);
    of->addRow(tr("Seed:"), seed_);
    threads_ = new QSpinBox(opt_box);
    threads_->setRange(0, 256);
    threads_->setSpecialValueText(tr("all cores"));
    of->addRow(tr("Threads:"), threads_);
    return opt_box;
}

QGroupBox* TrainDialog::createServerNamesBox() {
    name_rules_ = new QCheckBox(tr("Add server-name rules from the train split"), this);
    name_rules_->setToolTip(
        tr("A flow whose TLS SNI or HTTP Host carried one class in at least 90% of 2 or more "
           "training flows gets that class; the other flows keep the model's answer. The rules are "
           "stored in the model; epoch accuracies stay the model's own."));
    // Shared by both families, so it stays visible below them.
    auto* common_box = new QGroupBox(tr("Server names"), this);
    auto* cf = new QVBoxLayout(common_box);
    name_rules_->setParent(common_box);
    cf->addWidget(name_rules_);
    return common_box;
}

TrainDialog::Family TrainDialog::family() const { return Family(family_->currentData().toInt()); }

void TrainDialog::setFamily(Family f) {
    family_->setCurrentIndex(family_->findData(int(f)));
    updateFamily();
}

train::GbtRunOptions TrainDialog::treesOptions() const {
    train::GbtRunOptions o;
    o.params.rounds = trees_rounds_->value();
    o.params.max_depth = trees_depth_->value();
    o.params.balance = trees_balance_->isChecked();
    o.params.seed = static_cast<std::uint64_t>(seed_->value());
    o.name_rules = name_rules_->isChecked();
    o.threads = threads_->value();
    return o;
}

train::KnnRunOptions TrainDialog::knnOptions() const {
    train::KnnRunOptions o;
    o.params.k = knn_k_->value();
    o.params.distance = static_cast<baseline::Distance>(knn_distance_->currentData().toInt());
    o.name_rules = name_rules_->isChecked();
    o.threads = threads_->value();
    return o;
}

void TrainDialog::updateFamily() {
    const bool cnn = family() == Family::Cnn;
    knn_box_->setVisible(knn());
    trees_box_->setVisible(trees());
    model_box_->setVisible(cnn);
    opt_box_->setVisible(cnn);
    if (auto* ok = findChild<QDialogButtonBox*>())
        ok->button(QDialogButtonBox::Ok)->setText(cnn ? tr("&Start Training") : tr("&Build Model"));
    adjustSize();
}

void TrainDialog::applyPreset(int index) {
    const int n = preset_->itemData(index).toInt();
    if (n <= 0) return;
    setHyperParams(model::paper_model(n));
}

void TrainDialog::setHyperParams(const model::HyperParams& hp) {
    applying_ = true;
    select_data(conv_act_, int(hp.conv_act));
    select_data(fc_act_, int(hp.fc_act));
    if (kernel_->findData(hp.kernel) < 0)
        kernel_->addItem(QStringLiteral("%1 x %1").arg(hp.kernel), hp.kernel);
    select_data(kernel_, hp.kernel);
    filters_->setValue(hp.filters);
    select_data(pool_, int(hp.pool));
    select_data(padding_, int(hp.padding));
    if (fc_->findData(hp.fc) < 0) fc_->addItem(QString::number(hp.fc), hp.fc);
    select_data(fc_, hp.fc);
    int preset = 0;
    for (int n = 1; n <= 5; ++n)
        if (model::paper_model(n) == hp) preset = n;
    preset_->blockSignals(true);
    preset_->setCurrentIndex(preset_->findData(preset));
    preset_->blockSignals(false);
    applying_ = false;
}

void TrainDialog::setEpochs(int epochs) { epochs_->setValue(epochs); }

void TrainDialog::markCustom() {
    if (applying_) return;
    const model::HyperParams hp = hyperParams();
    int preset = 0;
    for (int n = 1; n <= 5; ++n)
        if (model::paper_model(n) == hp) preset = n;
    preset_->blockSignals(true);
    preset_->setCurrentIndex(preset_->findData(preset));
    preset_->blockSignals(false);
}

qint64 TrainDialog::datasetId() const { return dataset_->currentData().toLongLong(); }
QString TrainDialog::runName() const { return name_->text().trimmed(); }

model::HyperParams TrainDialog::hyperParams() const {
    model::HyperParams hp;
    hp.conv_act = static_cast<Activation>(conv_act_->currentData().toInt());
    hp.fc_act = static_cast<Activation>(fc_act_->currentData().toInt());
    hp.kernel = kernel_->currentData().toInt();
    hp.filters = filters_->value();
    hp.pool = static_cast<Pooling>(pool_->currentData().toInt());
    hp.padding = static_cast<Padding>(padding_->currentData().toInt());
    hp.fc = fc_->currentData().toInt();
    return hp;
}

train::TrainOptions TrainDialog::trainOptions() const {
    train::TrainOptions o;
    o.optimizer = static_cast<train::Optimizer>(optimizer_->currentData().toInt());
    o.lr = lr_->value();
    o.batch = batch_->value();
    o.epochs = epochs_->value();
    o.seed = static_cast<std::uint64_t>(seed_->value());
    o.early_stopping_patience = patience_->value();
    o.threads = threads_->value();
    o.lr_schedule = static_cast<train::LrSchedule>(lr_schedule_->currentData().toInt());
    o.weight_decay = weight_decay_->value();
    o.label_smoothing = label_smoothing_->value();
    o.name_rules = name_rules_->isChecked();
    return o;
}

void TrainDialog::accept() {
    save();
    QDialog::accept();
}

void TrainDialog::load() {
    QSettings s;
    s.beginGroup(QStringLiteral("train"));
    if (s.contains(QStringLiteral("hparams"))) {
        try {
            setHyperParams(model::HyperParams::from_json(
                s.value(QStringLiteral("hparams")).toString().toStdString()));
        } catch (...) {
        }
    }
    select_data(optimizer_, s.value(QStringLiteral("optimizer"), optimizer_->currentData()).toInt());
    lr_->setValue(s.value(QStringLiteral("lr"), lr_->value()).toDouble());
    batch_->setValue(s.value(QStringLiteral("batch"), batch_->value()).toInt());
    epochs_->setValue(s.value(QStringLiteral("epochs"), epochs_->value()).toInt());
    seed_->setValue(s.value(QStringLiteral("seed"), seed_->value()).toInt());
    patience_->setValue(s.value(QStringLiteral("patience"), patience_->value()).toInt());
    threads_->setValue(s.value(QStringLiteral("threads"), threads_->value()).toInt());
    select_data(lr_schedule_, s.value(QStringLiteral("lr_schedule"), lr_schedule_->currentData()).toInt());
    weight_decay_->setValue(s.value(QStringLiteral("weight_decay"), weight_decay_->value()).toDouble());
    label_smoothing_->setValue(
        s.value(QStringLiteral("label_smoothing"), label_smoothing_->value()).toDouble());
    name_rules_->setChecked(s.value(QStringLiteral("name_rules"), name_rules_->isChecked()).toBool());
    // "family" since the trees; older settings said only "knn".
    const int fallback = int(s.value(QStringLiteral("knn"), false).toBool() ? Family::Knn : Family::Cnn);
    if (const int i = family_->findData(s.value(QStringLiteral("family"), fallback).toInt()); i >= 0)
        family_->setCurrentIndex(i);
    trees_rounds_->setValue(s.value(QStringLiteral("trees_rounds"), trees_rounds_->value()).toInt());
    trees_depth_->setValue(s.value(QStringLiteral("trees_depth"), trees_depth_->value()).toInt());
    trees_balance_->setChecked(s.value(QStringLiteral("trees_balance"), trees_balance_->isChecked()).toBool());
    knn_k_->setValue(s.value(QStringLiteral("knn_k"), knn_k_->value()).toInt());
    select_data(knn_distance_, s.value(QStringLiteral("knn_distance"), knn_distance_->currentData()).toInt());
    const qint64 last = s.value(QStringLiteral("dataset"), -1).toLongLong();
    if (const int i = dataset_->findData(last); i >= 0) dataset_->setCurrentIndex(i);
    restoreGeometry(s.value(QStringLiteral("geometry")).toByteArray());
}

void TrainDialog::save() const {
    QSettings s;
    s.beginGroup(QStringLiteral("train"));
    s.setValue(QStringLiteral("hparams"), QString::fromStdString(hyperParams().to_json()));
    s.setValue(QStringLiteral("optimizer"), optimizer_->currentData());
    s.setValue(QStringLiteral("lr"), lr_->value());
    s.setValue(QStringLiteral("batch"), batch_->value());
    s.setValue(QStringLiteral("epochs"), epochs_->value());
    s.setValue(QStringLiteral("seed"), seed_->value());
    s.setValue(QStringLiteral("patience"), patience_->value());
    s.setValue(QStringLiteral("threads"), threads_->value());
    s.setValue(QStringLiteral("lr_schedule"), lr_schedule_->currentData());
    s.setValue(QStringLiteral("weight_decay"), weight_decay_->value());
    s.setValue(QStringLiteral("label_smoothing"), label_smoothing_->value());
    s.setValue(QStringLiteral("name_rules"), name_rules_->isChecked());
    s.setValue(QStringLiteral("family"), int(family()));
    s.setValue(QStringLiteral("trees_rounds"), trees_rounds_->value());
    s.setValue(QStringLiteral("trees_depth"), trees_depth_->value());
    s.setValue(QStringLiteral("trees_balance"), trees_balance_->isChecked());
    s.setValue(QStringLiteral("knn_k"), knn_k_->value());
    s.setValue(QStringLiteral("knn_distance"), knn_distance_->currentData());
    s.setValue(QStringLiteral("dataset"), datasetId());
    s.setValue(QStringLiteral("geometry"), saveGeometry());
}

}  // namespace flowcnn::gui
