#include "widgets/best_so_far_plot.h"

#include <QEvent>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

#include "widgets/leaderboard_model.h"

namespace flowcnn::widgets {

BestSoFarPlot::BestSoFarPlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    best_ = plot_->addGraph();
    best_->setLineStyle(QCPGraph::lsStepLeft);
    best_->setPen(QPen(QColor(214, 39, 40), 2));
    failed_ = plot_->addGraph();
    failed_->setLineStyle(QCPGraph::lsNone);
    failed_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, QColor(150, 150, 150), 7));
    dots_ = plot_->addGraph();
    dots_->setLineStyle(QCPGraph::lsNone);
    dots_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(31, 119, 180, 200), 7));
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    plot_->setInteraction(QCP::iRangeZoom, true);
    plot_->setSelectionRectMode(QCP::srmZoom);
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] { rebuild(); });
    connect(plot_, &QCustomPlot::plottableClick, this, [this](QCPAbstractPlottable* p, int dataIndex, QMouseEvent* e) {
        if (e && e->button() != Qt::LeftButton) return;  // the right button opens the chart's menu
        auto* g = qobject_cast<QCPGraph*>(p);
        if (!g || g == best_ || dataIndex < 0 || dataIndex >= g->dataCount()) return;
        const int trial = static_cast<int>(std::lround(g->data()->at(dataIndex)->key)) - 1;
        if (trial >= 0 && trial < runIds_.size()) Q_EMIT trialClicked(runIds_[trial]);
    });
    retranslate();
}

void BestSoFarPlot::retranslate() {
    setAccessibleName(tr("Best value so far"));
    plot_->setAccessibleName(tr("Best value so far"));
    plot_->xAxis->setLabel(tr("Trial"));
    plot_->yAxis->setLabel(metricName_.isEmpty() ? tr("Accuracy") : metricName_);
    dots_->setName(tr("Trial"));
    failed_->setName(tr("Pruned or failed"));
    best_->setName(tr("Best so far"));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void BestSoFarPlot::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

void BestSoFarPlot::setMetricName(const QString& name) {
    metricName_ = name;
    retranslate();
}

void BestSoFarPlot::setValues(const QVector<double>& values, const QVector<qint64>& runIds, const QStringList& states) {
    values_ = values;
    runIds_ = runIds;
    states_ = states;
    rebuild();
}

void BestSoFarPlot::setLeaderboard(LeaderboardModel* model) {
    auto update = [this, model] {
        QVector<qint64> ids;
        QStringList states;
        const QVector<double> v = model->metricInStartOrder(&ids, &states);
        setMetricName(model->ranksOnValidation() ? tr("Validation accuracy") : tr("Training accuracy"));
        setValues(v, ids, states);
    };
    connect(model, &LeaderboardModel::trialsChanged, this, update);
    update();
}

QVector<double> BestSoFarPlot::bestSoFar() const {
    QVector<double> out;
    double best = qQNaN();
    for (double v : values_) {
        if (!std::isnan(v) && (std::isnan(best) || v > best)) best = v;
        out << best;
    }
    return out;
}

void BestSoFarPlot::rebuild() {
    QVector<double> dk, dv, fk, fv, bk, bv;
    const QVector<double> best = bestSoFar();
    for (int i = 0; i < values_.size(); ++i) {
        const double key = i + 1;
        if (!std::isnan(values_[i])) {
            const QString state = i < states_.size() ? states_[i] : QString();
            const bool bad = state == u"pruned" || state == u"failed" || state == u"cancelled";
            (bad ? fk : dk) << key;
            (bad ? fv : dv) << values_[i];
        }
        if (!std::isnan(best[i])) {
            bk << key;
            bv << best[i];
        }
    }
    // Extend the step to the last trial so the curve ends where the trials do.
    dots_->setData(dk, dv, true);
    failed_->setData(fk, fv, true);
    best_->setData(bk, bv, true);
    plot_->xAxis->setRange(0.5, std::max<double>(1.5, static_cast<double>(values_.size()) + 0.5));
    bool ok = false;
    QCPRange r = dots_->getValueRange(ok);
    bool fok = false;
    const QCPRange fr = failed_->getValueRange(fok);
    if (fok) r = ok ? QCPRange(std::min(r.lower, fr.lower), std::max(r.upper, fr.upper)) : fr;
    if (ok || fok) {
        const double pad = std::max(0.01, (r.upper - r.lower) * 0.08);
        plot_->yAxis->setRange(r.lower - pad, r.upper + pad);
    } else {
        plot_->yAxis->setRange(0, 1);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool BestSoFarPlot::savePng(const QString& path) const { return plot_->savePng(path, 0, 0, 2.0); }
bool BestSoFarPlot::savePdf(const QString& path) const { return plot_->savePdf(path); }

}  // namespace flowcnn::widgets
