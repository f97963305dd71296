#include "app/gui/classification_dock.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "app/gui/dock_items.h"
#include "app/gui/project_queries.h"
#include "engine/store/classifications.h"
#include "engine/store/runs.h"
#include "engine/store/project.h"
#include "widgets/class_count_chart.h"
#include "widgets/export_menus.h"

namespace flowcnn::gui {
namespace {
constexpr int kThresholdRole = Qt::UserRole + 1;  // a classification's stored threshold
}

ClassificationDock::ClassificationDock(QWidget* parent) : QDockWidget(parent) {
    setObjectName(QStringLiteral("classificationDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* top = new QHBoxLayout;
    choice_ = new QComboBox(body);
    choice_->setObjectName(QStringLiteral("classificationChoice"));
    top->addWidget(choice_, 1);
    threshold_label_ = new QLabel(body);
    top->addWidget(threshold_label_);
    threshold_ = new QDoubleSpinBox(body);
    threshold_->setObjectName(QStringLiteral("unknownThreshold"));
    threshold_->setRange(0.0, 1.0);
    threshold_->setSingleStep(0.05);
    threshold_->setDecimals(2);
    threshold_label_->setBuddy(threshold_);
    top->addWidget(threshold_);
    unknown_summary_ = new QLabel(body);
    unknown_summary_->setObjectName(QStringLiteral("unknownSummary"));
    top->addWidget(unknown_summary_);
    layout->addLayout(top);
    auto* split = new QSplitter(Qt::Horizontal, body);
    split->setObjectName(QStringLiteral("classificationSplitter"));
    chart_ = new widgets::ClassCountChart(split);
    chart_->setObjectName(QStringLiteral("classCountChart"));
    table_ = new QTableWidget(0, 3, split);
    table_->setObjectName(QStringLiteral("classificationTable"));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({700, 300});  // the chart keeps most of a fresh window
    layout->addWidget(split, 1);
    setWidget(body);
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && project_) reload();
    });
    connect(choice_, &QComboBox::currentIndexChanged, this, &ClassificationDock::onClassificationChosen);
    connect(threshold_, &QDoubleSpinBox::valueChanged, this, &ClassificationDock::showCounts);
    widgets::installTableMenu(table_, QStringLiteral("classification"));
    widgets::installPlotMenu(chart_->customPlot(), QStringLiteral("flows-per-class"));
}

void ClassificationDock::setProject(store::Project* project) {
    project_ = project;
    if (!project_) choice_->clear();
}

void ClassificationDock::retranslate() {
    setWindowTitle(tr("Classification"));
    table_->setHorizontalHeaderLabels({tr("Class"), tr("Labelled flows"), tr("Predicted flows")});
    table_->setAccessibleName(tr("Flows per class"));
    chart_->setAccessibleName(tr("Flows per class"));
    choice_->setAccessibleName(tr("Classification"));
    threshold_label_->setText(tr("&Unknown below:"));
    threshold_->setToolTip(tr("A flow whose most probable class has a lower confidence is called unknown. "
                              "Changing it shows the effect on the stored classification without classifying again."));
    threshold_->setAccessibleName(tr("Unknown threshold"));
}

void ClassificationDock::clear() {
    chart_->setCounts({});
    table_->setRowCount(0);
}

qint64 ClassificationDock::currentClassification() const { return choice_->currentData().toLongLong(); }

void ClassificationDock::selectClassification(qint64 classificationId) {
    const int i = choice_->findData(classificationId);
    if (i >= 0) choice_->setCurrentIndex(i);
}

void ClassificationDock::reload() {
    if (!project_) return;
    const QSignalBlocker block(choice_);
    choice_->clear();
    choice_->addItem(tr("Labelled flows only"), 0);
    for (const auto& c : listClassifications(project_->db())) {
        choice_->addItem(tr("Classification %1 of %2 (%n flow(s))", nullptr, static_cast<int>(c.flows))
                             .arg(c.id).arg(c.captureName),
                         c.id);
        choice_->setItemData(choice_->count() - 1, c.threshold, kThresholdRole);
    }
    choice_->setCurrentIndex(choice_->count() > 1 ? 1 : 0);
    onClassificationChosen();
}

void ClassificationDock::onClassificationChosen() {
    // Start from the threshold the classification was made with.
    const QSignalBlocker block(threshold_);
    const QVariant t = choice_->currentData(kThresholdRole);
    threshold_->setValue(t.isValid() ? t.toDouble() : 0.5);
    showCounts();
}

void ClassificationDock::showUnknownShare(const QList<QPair<QString, qint64>>& predicted) {
    qint64 total = 0, unknown = 0;
    for (const auto& [label, n] : predicted) {
        total += n;
        if (label == QLatin1String(store::kUnknownPrediction)) unknown += n;
    }
    unknown_summary_->setText(total ? tr("%1 of %2 flows unknown (%3%)")
                                          .arg(QLocale().toString(unknown))
                                          .arg(QLocale().toString(total))
                                          .arg(100.0 * static_cast<double>(unknown) / static_cast<double>(total), 0, 'f', 1)
                                    : QString());
}

void ClassificationDock::showCounts() {
    if (!project_) return;
    const qint64 id = choice_->currentData().toLongLong();
    const auto labelled = widgets::ClassCountChart::labelCounts(project_->db());
    const auto predicted =
        id ? classificationCounts(project_->db(), id, threshold_->value()) : widgets::ClassCountChart::Counts{};
    threshold_->setEnabled(id != 0);
    showUnknownShare(predicted);
    chart_->setCounts(labelled, predicted);
    // The same numbers as a table (exportable), in the chart's order.
    const QStringList cats = chart_->categories();
    table_->setRowCount(static_cast<int>(cats.size()));
    for (int r = 0; r < cats.size(); ++r) {
        auto* name = readOnlyItem(cats[r]);
        if (cats[r] == QLatin1String(store::kUnknownPrediction)) {  // not a class: the model's "I don't know"
            QFont f = name->font();
            f.setItalic(true);
            name->setFont(f);
            name->setForeground(table_->palette().color(QPalette::Disabled, QPalette::Text));
            name->setToolTip(tr("Flows whose most probable class is below the threshold"));
        }
        table_->setItem(r, 0, name);
        for (int c = 1; c <= 2; ++c) {
            const qint64 n = c == 1 ? chart_->labelledCount(r) : chart_->predictedCount(r);
            auto* it = readOnlyItem(QLocale().toString(n), n);
            it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(r, c, it);
        }
    }
    table_->setColumnHidden(2, id == 0);
    table_->resizeColumnsToContents();
}

QList<QPair<qint64, QString>> ClassificationDock::modelChoices() {
    QList<QPair<qint64, QString>> models;
    if (!project_) return models;
    try {
        // With what the model is (a CNN's layers or "1-NN hamming"), from its run.
        for (const auto& m : store::list_models(project_->db())) {
            const QString kind =
                m.hparams_json.empty() ? QString() : describeHparams(QString::fromStdString(m.hparams_json));
            models.push_back({m.id, tr("%1 (model %2, %3)")
                                        .arg(QString::fromStdString(m.name))
                                        .arg(m.id)
                                        .arg(QString::fromStdString(m.created_at)) +
                                        (kind.isEmpty() ? QString() : QStringLiteral(" · ") + kind)});
        }
    } catch (const std::exception& e) {
        Q_EMIT statusMessage(QString::fromUtf8(e.what()));
    }
    return models;
}

}  // namespace flowcnn::gui
