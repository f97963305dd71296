#include "widgets/training_plot.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>


namespace flowcnn::widgets {
namespace {
constexpr int kSeriesCount = 5;
constexpr int kReplotMs = 100;
}  // namespace

struct TrainingPlot::Run {
    QString name;
    QColor color;
    QVector<double> epochs, trainLoss, trainAcc, valLoss, valAcc;
    QVector<double> epochSeconds;  // time axis keys of the epochs
    QVector<double> steps, batchLoss, batchSeconds;
    QElapsedTimer clock;  // started at the run's first point
    double stepsPerEpoch = 0;
    bool stepsExplicit = false;
    bool dirty = true;
    QCPGraph* graphs[kSeriesCount] = {};
    QCPGraph* raw[kSeriesCount] = {};
};

TrainingPlot::TrainingPlot(QWidget* parent)
    : QWidget(parent),
      plot_(new QCustomPlot(this)),
      slider_(new QSlider(Qt::Horizontal, this)),
      sliderLabel_(new QLabel(this)),
      smoothingCaption_(new QLabel(this)),
      axisBox_(new QComboBox(this)),
      timer_(new QTimer(this)) {
    auto* top = new QHBoxLayout;
    top->addWidget(smoothingCaption_);
    top->addWidget(slider_, 1);
    top->addWidget(sliderLabel_);
    top->addSpacing(12);
    top->addWidget(axisBox_);
    axisBox_->addItems({QString(), QString(), QString()});
    connect(axisBox_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int i) { setXAxis(static_cast<XAxis>(i)); });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(plot_, 1);

    slider_->setRange(0, 99);
    slider_->setValue(60);
    sliderLabel_->setText(QString::number(smoothing_, 'f', 2));
    smoothingCaption_->setBuddy(slider_);
    connect(slider_, &QSlider::valueChanged, this, [this](int v) { setSmoothing(v / 100.0); });

    // Loss on top, accuracy below, sharing the epoch axis.
    lossRect_ = plot_->axisRect();
    accRect_ = new QCPAxisRect(plot_);
    plot_->plotLayout()->addElement(1, 0, accRect_);
    auto* margins = new QCPMarginGroup(plot_);
    lossRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    accRect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    plot_->addLayer(QStringLiteral("raw"), plot_->layer(QStringLiteral("main")), QCustomPlot::limBelow);
    for (QCPAxisRect* r : {lossRect_, accRect_}) {
        r->axis(QCPAxis::atBottom)->setRange(0, 1);
        r->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    }
    accRect_->axis(QCPAxis::atLeft)->setRange(0, 1);
    applyXTicker();
    connect(lossRect_->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
            accRect_->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
    connect(accRect_->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
            lossRect_->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
    plot_->legend->setVisible(true);
    plot_->legend->setFont(font());
    lossRect_->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    // Drag a rectangle to zoom, wheel to zoom, double-click to reset.
    plot_->setSelectionRectMode(QCP::srmZoom);
    plot_->setInteraction(QCP::iRangeZoom, true);
    connect(plot_->selectionRect(), &QCPSelectionRect::accepted, this, [this] { userZoomed_ = true; });
    connect(plot_, &QCustomPlot::mouseWheel, this, [this] { userZoomed_ = true; });
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] { resetZoom(); });

    timer_->setInterval(kReplotMs);
    connect(timer_, &QTimer::timeout, this, &TrainingPlot::onTimer);
    timer_->start();
    retranslate();
}

TrainingPlot::~TrainingPlot() { qDeleteAll(runs_); }

void TrainingPlot::retranslate() {
    smoothingCaption_->setText(tr("&Smoothing"));
    slider_->setAccessibleName(tr("Smoothing"));
    setAccessibleName(tr("Training curves"));
    plot_->setAccessibleName(tr("Training curves"));
    lossRect_->axis(QCPAxis::atLeft)->setLabel(tr("Loss"));
    accRect_->axis(QCPAxis::atLeft)->setLabel(tr("Accuracy"));
    axisBox_->setItemText(0, tr("Epochs"));
    axisBox_->setItemText(1, tr("Steps"));
    axisBox_->setItemText(2, tr("Time"));
    axisBox_->setAccessibleName(tr("Horizontal axis"));
    accRect_->axis(QCPAxis::atBottom)->setLabel(xAxis_ == XAxis::Epoch  ? tr("Epoch")
                                               : xAxis_ == XAxis::Step ? tr("Step")
                                                                       : tr("Seconds"));
    for (Run* r : std::as_const(runs_)) {
        r->graphs[int(Series::TrainLoss)]->setName(tr("%1 train").arg(r->name));
        r->graphs[int(Series::ValLoss)]->setName(tr("%1 validation").arg(r->name));
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingPlot::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

QColor TrainingPlot::colorFor(int index) const {
    static const QColor kColors[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                     QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),
                                     QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                                     QColor(23, 190, 207)};
    return kColors[index % 10];
}

TrainingPlot::Run* TrainingPlot::run(qint64 id) const { return runs_.value(id, nullptr); }
bool TrainingPlot::hasRun(qint64 runId) const { return runs_.contains(runId); }
QVector<qint64> TrainingPlot::runIds() const { return order_; }

void TrainingPlot::addRun(qint64 runId, const QString& name) {
    if (Run* r = run(runId)) {
        r->name = name;
        retranslate();
        return;
    }
    auto* r = new Run;
    r->name = name;
    r->color = colorFor(colorIndex_++);
    for (int s = 0; s < kSeriesCount; ++s) {
        const bool acc = s == int(Series::TrainAcc) || s == int(Series::ValAcc);
        QCPAxisRect* rect = acc ? accRect_ : lossRect_;
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        const bool dashed = s == int(Series::ValLoss) || s == int(Series::ValAcc);
        const bool batch = s == int(Series::BatchLoss);
        QColor strong = r->color;
        if (batch) strong.setAlpha(110);
        QColor faint = r->color;
        faint.setAlpha(batch ? 35 : 70);

        QCPGraph* raw = plot_->addGraph(x, y);
        raw->setLayer(QStringLiteral("raw"));
        raw->setPen(QPen(faint, 1, dashed ? Qt::DashLine : Qt::SolidLine));
        if (!batch) raw->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, faint, faint, 4));
        raw->removeFromLegend();
        QCPGraph* g = plot_->addGraph(x, y);
        g->setPen(QPen(strong, batch ? 1 : 2, dashed ? Qt::DashLine : Qt::SolidLine));
        // A marker on every epoch: a run of one epoch has no line to draw, only its points.
        if (!batch) g->setScatterStyle(QCPScatterStyle(dashed ? QCPScatterStyle::ssCircle : QCPScatterStyle::ssDisc,
                                                       strong, dashed ? Qt::white : strong, 6));
        if (s != int(Series::TrainLoss) && s != int(Series::ValLoss)) g->removeFromLegend();
        r->raw[s] = raw;
        r->graphs[s] = g;
    }
    runs_.insert(runId, r);
    order_ << runId;
    retranslate();
    dirty_ = true;
}

void TrainingPlot::removeRun(qint64 runId) {
    Run* r = runs_.take(runId);
    if (!r) return;
    order_.removeAll(runId);
    for (int s = 0; s < kSeriesCount; ++s) {
        plot_->removeGraph(r->graphs[s]);
        plot_->removeGraph(r->raw[s]);
    }
    delete r;
    dirty_ = true;
}

void TrainingPlot::clear() {
    const auto ids = order_;
    for (qint64 id : ids) removeRun(id);
    colorIndex_ = 0;
    userZoomed_ = false;
}

void TrainingPlot::appendEpoch(qint64 runId, int epoch, double trainLoss, double trainAcc, double valLoss,
                               double valAcc, double seconds) {
    Run* r = run(runId);
    if (!r) return;
    if (!r->clock.isValid()) r->clock.start();
    r->epochSeconds << (std::isnan(seconds) ? r->clock.elapsed() / 1000.0 : seconds);
    r->epochs << epoch;
    r->trainLoss << trainLoss;
    r->trainAcc << trainAcc;
    r->valLoss << valLoss;
    r->valAcc << valAcc;
    // Steps per epoch from the batches seen so far (steps count from 0).
    if (!r->stepsExplicit && !r->steps.isEmpty() && epoch > 0 && r->stepsPerEpoch <= 0)
        r->stepsPerEpoch = (r->steps.back() + 1) / epoch;
    r->dirty = dirty_ = true;
}

void TrainingPlot::appendBatchLoss(qint64 runId, qint64 step, double loss) {
    Run* r = run(runId);
    if (!r) return;
    if (!r->clock.isValid()) r->clock.start();
    r->steps << static_cast<double>(step);
    r->batchLoss << loss;
    r->batchSeconds << r->clock.elapsed() / 1000.0;
    r->dirty = dirty_ = true;
}

void TrainingPlot::setStepsPerEpoch(qint64 runId, double steps) {
    Run* r = run(runId);
    if (!r || steps <= 0) return;
    r->stepsPerEpoch = steps;
    r->stepsExplicit = true;
    r->dirty = dirty_ = true;
}

void TrainingPlot::setSmoothing(double weight) {
    weight = std::clamp(weight, 0.0, 0.99);
    if (std::abs(weight - smoothing_) < 1e-9) return;
    smoothing_ = weight;
    const QSignalBlocker block(slider_);
    slider_->setValue(static_cast<int>(std::lround(weight * 100)));
    sliderLabel_->setText(QString::number(weight, 'f', 2));
    for (Run* r : std::as_const(runs_)) r->dirty = true;
    dirty_ = true;
    Q_EMIT smoothingChanged(weight);
}

void TrainingPlot::setXAxis(XAxis axis) {
    if (axis == xAxis_) return;
    xAxis_ = axis;
    const QSignalBlocker block(axisBox_);
    axisBox_->setCurrentIndex(static_cast<int>(axis));
    for (Run* r : std::as_const(runs_)) r->dirty = true;
    dirty_ = true;
    userZoomed_ = false;
    applyXTicker();
    retranslate();
    Q_EMIT xAxisChanged(axis);
}

void TrainingPlot::applyXTicker() {
    // Epochs are whole numbers: ticks at 1, 2, 3 (or multiples of them on long runs), never 0.5.
    QSharedPointer<QCPAxisTicker> ticker;
    if (xAxis_ == XAxis::Epoch) {
        auto fixed = QSharedPointer<QCPAxisTickerFixed>::create();
        fixed->setTickStep(1.0);
        fixed->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        ticker = fixed;
    } else {
        ticker = QSharedPointer<QCPAxisTicker>::create();
    }
    for (QCPAxisRect* r : {lossRect_, accRect_}) r->axis(QCPAxis::atBottom)->setTicker(ticker);
}

QVector<double> TrainingPlot::smooth(const QVector<double>& values, double weight) {
    QVector<double> out;
    out.reserve(values.size());
    double last = 0;
    int n = 0;
    for (double v : values) {
        if (!std::isfinite(v)) {
            out << v;
            continue;
        }
        last = last * weight + (1 - weight) * v;
        ++n;
        const double debias = 1 - std::pow(weight, n);
        out << (debias > 0 ? last / debias : v);
    }
    return out;
}

QCPGraph* TrainingPlot::graph(qint64 runId, Series s) const {
    const Run* r = run(runId);
    return r ? r->graphs[int(s)] : nullptr;
}

QCPGraph* TrainingPlot::rawGraph(qint64 runId, Series s) const {
    const Run* r = run(runId);
    return r ? r->raw[int(s)] : nullptr;
}

void TrainingPlot::rebuild(Run& r) {
    auto fill = [&](Series s, const QVector<double>& keys, const QVector<double>& values) {
        QVector<double> k, v;
        for (int i = 0; i < keys.size(); ++i)
            if (std::isfinite(values[i])) {
                k << keys[i];
                v << values[i];
            }
        r.raw[int(s)]->setData(k, v, true);
        r.graphs[int(s)]->setData(k, smooth(v, smoothing_), true);
    };
    const double per = r.stepsPerEpoch > 0 ? r.stepsPerEpoch : 0;
    // Epoch points: at the epoch, at its last step (epoch * steps per epoch), or at its time.
    QVector<double> epochKeys;
    for (int i = 0; i < r.epochs.size(); ++i) {
        switch (xAxis_) {
            case XAxis::Epoch: epochKeys << r.epochs[i]; break;
            case XAxis::Step: epochKeys << (per > 0 ? r.epochs[i] * per : r.epochs[i]); break;
            case XAxis::Time: epochKeys << r.epochSeconds[i]; break;
        }
    }
    fill(Series::TrainLoss, epochKeys, r.trainLoss);
    fill(Series::ValLoss, epochKeys, r.valLoss);
    fill(Series::TrainAcc, epochKeys, r.trainAcc);
    fill(Series::ValAcc, epochKeys, r.valAcc);
    // Batch i ends at epoch (i + 1) / stepsPerEpoch, at step i + 1, or when it arrived.
    QVector<double> keys;
    keys.reserve(r.steps.size());
    for (int i = 0; i < r.steps.size(); ++i) {
        switch (xAxis_) {
            case XAxis::Epoch: keys << (per > 0 ? (r.steps[i] + 1) / per : r.steps[i] + 1); break;
            case XAxis::Step: keys << r.steps[i] + 1; break;
            case XAxis::Time: keys << r.batchSeconds[i]; break;
        }
    }
    fill(Series::BatchLoss, keys, r.batchLoss);
    // Until steps per epoch are known, batches cannot be placed on the epoch axis (nor epochs on
    // the step axis, which then shows batches only at their steps).
    const bool batchesPlaced = xAxis_ != XAxis::Epoch || per > 0;
    r.graphs[int(Series::BatchLoss)]->setVisible(batchesPlaced);
    r.raw[int(Series::BatchLoss)]->setVisible(batchesPlaced);
    r.dirty = false;
}

void TrainingPlot::onTimer() {
    if (!dirty_) return;
    for (Run* r : std::as_const(runs_))
        if (r->dirty) rebuild(*r);
    if (!userZoomed_) {
        lossRect_->axis(QCPAxis::atBottom)->setRange(0, 1);
        bool any = false;
        QCPRange keys, loss;
        for (Run* r : std::as_const(runs_))
            for (int s = 0; s < kSeriesCount; ++s) {
                QCPGraph* g = r->raw[s];
                if (!g->visible() || g->dataCount() == 0) continue;
                bool ok = false;
                const QCPRange kr = g->getKeyRange(ok);
                if (!ok) continue;
                keys = any ? QCPRange(std::min(keys.lower, kr.lower), std::max(keys.upper, kr.upper)) : kr;
                if (s != int(Series::TrainAcc) && s != int(Series::ValAcc)) {
                    bool vok = false;
                    const QCPRange vr = g->getValueRange(vok);
                    if (vok) loss = (loss.lower == 0 && loss.upper == 0) ? vr : QCPRange(std::min(loss.lower, vr.lower), std::max(loss.upper, vr.upper));
                }
                any = true;
            }
        if (any) {
            // A little room right of the last point, so that its marker is not cut in half.
            const double lower = std::min(0.0, keys.lower), upper = std::max(keys.upper, 1.0);
            lossRect_->axis(QCPAxis::atBottom)->setRange(lower, upper + 0.03 * (upper - lower));
            lossRect_->axis(QCPAxis::atLeft)->setRange(0, loss.upper > 0 ? loss.upper * 1.05 : 1);
        }
        accRect_->axis(QCPAxis::atLeft)->setRange(0, 1.02);
    }
    dirty_ = false;
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void TrainingPlot::flush() {
    dirty_ = true;
    onTimer();
    plot_->replot();
}

void TrainingPlot::resetZoom() {
    userZoomed_ = false;
    flush();
}

bool TrainingPlot::savePng(const QString& path) const { return plot_->savePng(path, 0, 0, 2.0); }
bool TrainingPlot::savePdf(const QString& path) const { return plot_->savePdf(path); }

}  // namespace flowcnn::widgets
