#include "app/gui/baselines_dock.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

#include "app/gui/project_queries.h"
#include "engine/baseline/run_baselines.h"
#include "engine/common/json.h"
#include "engine/store/project.h"

namespace flowcnn::gui {

namespace {
// Per-class F1 from a confusion matrix ([true][predicted]) and their mean over the classes with
// scored flows: the baselines' definition, so CNN and baseline rows compare like for like.
void f1FromConfusion(const std::vector<std::vector<int>>& cm, QVector<double>& f1, double& macro) {
    const int k = static_cast<int>(cm.size());
    f1.fill(std::nan(""), k);
    double sum = 0;
    int present = 0;
    for (int c = 0; c < k; ++c) {
        long long support = 0, predicted = 0;
        for (int j = 0; j < k && j < static_cast<int>(cm[c].size()); ++j) support += cm[c][j];
        for (int j = 0; j < k; ++j)
            if (c < static_cast<int>(cm[j].size())) predicted += cm[j][c];
        if (support == 0) continue;  // no scored flows: no F1 (left empty)
        const double tp = c < static_cast<int>(cm[c].size()) ? cm[c][c] : 0;
        const double p = predicted ? tp / static_cast<double>(predicted) : 0;
        const double r = tp / static_cast<double>(support);
        f1[c] = p + r > 0 ? 2 * p * r / (p + r) : 0;
        sum += f1[c];
        ++present;
    }
    macro = present ? sum / present : 0;
}

// The leak and coverage warnings of a stored audit (datasets.audit_json "warnings").
QStringList auditWarnings(const std::string& auditJson) {
    QStringList out;
    if (auditJson.empty()) return out;
    try {
        const auto j = model::Json::parse(auditJson);
        if (j.is_object() && j.contains("warnings"))
            for (const auto& s : j.at("warnings").as_array()) out << QString::fromStdString(s.as_string());
    } catch (const std::exception&) {
        // An unreadable audit shows no warnings; the dataset dock shows the raw text.
    }
    return out;
}
}  // namespace

BaselinesDock::BaselinesDock(QWidget* parent) : QDockWidget(parent) {
    setObjectName(QStringLiteral("baselinesDock"));
    auto* body = new QWidget(this);
    auto* v = new QVBoxLayout(body);
    auto* bar = new QHBoxLayout;
    datasets_ = new QComboBox(body);
    datasets_->setObjectName(QStringLiteral("baselineDatasets"));
    datasets_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    mask_ = new QCheckBox(body);
    mask_->setChecked(true);
    folds_ = new QComboBox(body);
    folds_->setObjectName(QStringLiteral("baselineFolds"));
    folds_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (int k : {0, 3, 5, 10}) folds_->addItem(QString(), k);
    run_button_ = new QPushButton(body);
    run_button_->setObjectName(QStringLiteral("runBaselines"));
    note_ = new QLabel(body);
    note_->setWordWrap(true);
    bar->addWidget(datasets_);
    bar->addWidget(mask_);
    bar->addWidget(folds_);
    bar->addWidget(run_button_);
    bar->addWidget(note_, 1);
    v->addLayout(bar);
    warnings_ = new QLabel(body);
    warnings_->setObjectName(QStringLiteral("baselineWarnings"));
    warnings_->setWordWrap(true);
    warnings_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    warnings_->setStyleSheet(QStringLiteral("QLabel { color: #a04000; }"));
    v->addWidget(warnings_);
    model_ = new widgets::BaselineTableModel(this);
    table_ = new QTableView(body);
    table_->setObjectName(QStringLiteral("baselineTable"));
    table_->setModel(model_);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    v->addWidget(table_, 1);
    setWidget(body);
    connect(datasets_, &QComboBox::currentIndexChanged, this, [this] { showDataset(); });
    connect(run_button_, &QPushButton::clicked, this, [this] {
        if (currentDataset() > 0) Q_EMIT runRequested(currentDataset(), maskNames());
    });
    retranslate();
    setProject(nullptr);
}

void BaselinesDock::retranslate() {
    setWindowTitle(tr("Baselines"));
    mask_->setText(tr("Also with server names masked"));
    mask_->setToolTip(tr("Train and score every byte model again with the TLS SNI / HTTP Host bytes blanked"));
    for (int i = 0; i < folds_->count(); ++i) {
        const int k = folds_->itemData(i).toInt();
        folds_->setItemText(i, k == 0 ? tr("Scored on the validation split") : tr("%1 folds by capture").arg(k));
    }
    folds_->setToolTip(tr("Cross-validation by capture file: every flow is scored by models trained on the other "
                          "folds' captures (0: train on the train split, score the validation split)"));
    run_button_->setText(tr("Run baselines"));
    run_button_->setToolTip(tr("k-nearest neighbour, logistic regression, name only and majority class, trained "
                               "on the train split and scored on the validation split"));
    showDataset();
}

void BaselinesDock::setProject(store::Project* project) {
    // A closed or another project: its cached baseline rows belong to the old datasets.
    if (project != project_ || !project) baselines_.clear();
    project_ = project;
    const qint64 keep = currentDataset();
    {
        QSignalBlocker block(datasets_);
        datasets_->clear();
        if (project_)
            for (const auto& d : project_->datasets())
                datasets_->addItem(QString::fromStdString(d.name), QVariant::fromValue<qint64>(d.id));
        const int i = datasets_->findData(QVariant::fromValue<qint64>(keep));
        if (i >= 0) datasets_->setCurrentIndex(i);
    }
    showDataset();
}

qint64 BaselinesDock::currentDataset() const {
    return datasets_->currentIndex() >= 0 ? datasets_->currentData().toLongLong() : 0;
}

bool BaselinesDock::selectDataset(qint64 datasetId) {
    const int i = datasets_->findData(QVariant::fromValue<qint64>(datasetId));
    if (i < 0) return false;
    datasets_->setCurrentIndex(i);
    return true;
}

bool BaselinesDock::maskNames() const { return mask_->isChecked(); }

int BaselinesDock::folds() const { return folds_->currentData().toInt(); }

void BaselinesDock::setFolds(int folds) {
    const int i = folds_->findData(folds);
    if (i >= 0) folds_->setCurrentIndex(i);
}

void BaselinesDock::setBaselineResults(qint64 datasetId, const baseline::BaselineRun& run) {
    Cached c;
    for (const auto& s : run.classes) c.classes << QString::fromStdString(s);
    for (const auto& r : run.rows) {
        widgets::BaselineTableModel::Row row;
        row.model = QString::fromStdString(r.model);
        row.masked = r.masked;
        row.accuracy = r.scores.accuracy;
        row.macroF1 = r.scores.macro_f1;
        for (std::size_t k = 0; k < r.scores.f1.size(); ++k)
            row.f1 << (k < r.scores.support.size() && r.scores.support[k] > 0 ? r.scores.f1[k] : std::nan(""));
        c.rows << row;
    }
    c.folds = run.folds;
    c.scored = static_cast<qint64>(run.scored);
    for (const auto& s : run.single_capture_classes) c.singleCapture << QString::fromStdString(s);
    baselines_[datasetId] = c;
    if (datasetId != currentDataset()) selectDataset(datasetId);
    else showDataset();
}

void BaselinesDock::refresh() { showDataset(); }

void BaselinesDock::showDataset() {
    const qint64 id = currentDataset();
    run_button_->setEnabled(project_ && id > 0);
    if (!project_ || id <= 0) {
        model_->clear();
        warnings_->clear();
        warnings_->hide();
        note_->setText(project_ ? tr("Make a dataset first (Datasets dock).") : QString());
        return;
    }
    const auto info = project_->dataset(id);
    QStringList classes;
    if (info)
        for (const auto& c : info->classes) classes << QString::fromStdString(c);
    const QStringList warn = info ? auditWarnings(info->audit_json) : QStringList();
    warnings_->setText(warn.isEmpty() ? QString()
                                      : tr("Audit of this split: %1").arg(warn.join(QStringLiteral("; "))));
    warnings_->setVisible(!warn.isEmpty());

    QVector<widgets::BaselineTableModel::Row> rows;
    const auto cached = baselines_.constFind(id);
    const bool crossValidated = cached != baselines_.constEnd() && cached->folds > 0;
    // The dataset's trained runs (CNN or k-NN models), scored on the validation split when they were trained (not
    // beside cross-validated baselines: those are scored on every flow, not the same flows).
    for (const auto& run : crossValidated ? QVector<RunRow>() : listRuns(project_->db())) {
        if (run.datasetId != id) continue;
        for (const auto& ev : runEvaluations(project_->db(), run.id)) {
            if (ev.split != QStringLiteral("val") || ev.confusion.size() != static_cast<std::size_t>(classes.size()))
                continue;
            widgets::BaselineTableModel::Row row;
            row.knn = run.knn;
            row.trees = run.trees;
            row.model = (row.knn ? tr("k-NN run %1 (%2)") : row.trees ? tr("trees run %1 (%2)") : tr("CNN run %1 (%2)"))
                            .arg(run.id)
                            .arg(run.name.isEmpty() ? describeHparams(run.hparamsJson) : run.name);
            row.cnn = true;
            f1FromConfusion(ev.confusion, row.f1, row.macroF1);
            row.accuracy = ev.accuracy;
            rows << row;
        }
    }
    if (cached != baselines_.constEnd()) rows << cached->rows;
    if (cached == baselines_.constEnd())
        note_->setText(tr("No baselines run for this dataset yet."));
    else if (crossValidated)
        note_->setText(
            tr("Cross-validated by capture: %1 folds, all %2 flows, each scored by models that never saw its "
               "capture (the CNN runs' validation scores are not comparable and are hidden).")
                .arg(cached->folds)
                .arg(cached->scored) +
            (cached->singleCapture.isEmpty()
                 ? QString()
                 : tr(" From a single capture, so never learnable for an unseen one: %1.")
                       .arg(cached->singleCapture.join(QStringLiteral(", ")))));
    else
        note_->setText(tr("Macro-F1: mean over the classes with validation flows."));
    model_->setResults(classes, rows);
}

}  // namespace flowcnn::gui
