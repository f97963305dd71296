#include "widgets/class_count_chart.h"

#include <QEvent>
#include <QHash>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>

#include "engine/store/classifications.h"
#include "engine/store/database.h"
#include "engine/store/flows.h"

namespace flowcnn::widgets {

ClassCountChart::ClassCountChart(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    labelBars_ = new QCPBars(plot_->xAxis, plot_->yAxis);
    predictedBars_ = new QCPBars(plot_->xAxis, plot_->yAxis);
    auto* group = new QCPBarsGroup(plot_);
    labelBars_->setBarsGroup(group);
    predictedBars_->setBarsGroup(group);
    labelBars_->setPen(Qt::NoPen);
    labelBars_->setBrush(QColor(31, 119, 180));
    predictedBars_->setPen(Qt::NoPen);
    predictedBars_->setBrush(QColor(255, 127, 14));
    plot_->xAxis->grid()->setVisible(false);
    plot_->xAxis->setTickLabelRotation(40);
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    changeEvent(nullptr);
}

void ClassCountChart::changeEvent(QEvent* e) {
    if (!e || e->type() == QEvent::LanguageChange) {
        setAccessibleName(tr("Flows per class"));
        plot_->setAccessibleName(tr("Flows per class"));
        labelBars_->setName(tr("Labelled"));
        predictedBars_->setName(tr("Predicted"));
        plot_->yAxis->setLabel(tr("Flows"));
        rebuild();
    }
    if (e) QWidget::changeEvent(e);
}

void ClassCountChart::setCounts(const Counts& labelled, const Counts& predicted) {
    labelled_ = labelled;
    predicted_ = predicted;
    rebuild();
}

void ClassCountChart::rebuild() {
    QHash<QString, qint64> first, second;
    for (const auto& [name, n] : labelled_) first[name] += n;
    for (const auto& [name, n] : predicted_) second[name] += n;
    QStringList names = first.keys();
    for (const QString& n : second.keys())
        if (!first.contains(n)) names << n;
    std::sort(names.begin(), names.end(), [&](const QString& a, const QString& b) {
        const qint64 ka = first.value(a, second.value(a)), kb = first.value(b, second.value(b));
        return ka != kb ? ka > kb : a < b;
    });
    categories_.clear();
    labelledCounts_.clear();
    predictedCounts_.clear();
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    QVector<double> keys, lv, pv;
    double top = 0;
    for (int i = 0; i < names.size(); ++i) {
        const QString shown = names[i].isEmpty() ? tr("unlabelled") : names[i];
        categories_ << shown;
        labelledCounts_ << first.value(names[i]);
        predictedCounts_ << second.value(names[i]);
        ticker->addTick(i + 1, shown);
        keys << i + 1;
        lv << static_cast<double>(first.value(names[i]));
        pv << static_cast<double>(second.value(names[i]));
        top = std::max({top, lv.back(), pv.back()});
    }
    labelBars_->setData(keys, lv, true);
    predictedBars_->setData(keys, pv, true);
    labelBars_->setVisible(!labelled_.isEmpty());
    predictedBars_->setVisible(!predicted_.isEmpty());
    // One bar per category looks right at full width; two share it.
    const double width = (!labelled_.isEmpty() && !predicted_.isEmpty()) ? 0.38 : 0.7;
    labelBars_->setWidth(width);
    predictedBars_->setWidth(width);
    if (labelled_.isEmpty()) labelBars_->removeFromLegend(); else labelBars_->addToLegend();
    if (predicted_.isEmpty()) predictedBars_->removeFromLegend(); else predictedBars_->addToLegend();
    plot_->xAxis->setTicker(ticker);
    plot_->xAxis->setRange(0.3, names.size() + 0.7);
    plot_->yAxis->setRange(0, top > 0 ? top * 1.1 : 1);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

namespace {
ClassCountChart::Counts toCounts(const std::vector<store::ClassCount>& counts) {
    ClassCountChart::Counts out;
    for (const auto& c : counts) out << qMakePair(QString::fromStdString(c.label), static_cast<qint64>(c.flows));
    return out;
}
}  // namespace

ClassCountChart::Counts ClassCountChart::labelCounts(store::Database& db) {
    return toCounts(store::flow_counts_by_label(db));
}

ClassCountChart::Counts ClassCountChart::predictionCounts(store::Database& db) {
    Counts out;
    for (const auto& [label, n] : store::latest_prediction_counts(db))
        out << qMakePair(QString::fromStdString(label), static_cast<qint64>(n));
    return out;
}

bool ClassCountChart::savePng(const QString& path) const { return plot_->savePng(path, 0, 0, 2.0); }
bool ClassCountChart::savePdf(const QString& path) const { return plot_->savePdf(path); }

}  // namespace flowcnn::widgets
