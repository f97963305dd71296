#include "widgets/confusion_matrix_widget.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace flowcnn::widgets {

ConfusionMatrixWidget::ConfusionMatrixWidget(QWidget* parent)
    : QWidget(parent), plot_(new QCustomPlot(this)), normalizeBox_(new QCheckBox(this)) {
    auto* top = new QHBoxLayout;
    top->addWidget(normalizeBox_);
    top->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(plot_, 1);
    connect(normalizeBox_, &QCheckBox::toggled, this, &ConfusionMatrixWidget::setNormalized);

    map_ = new QCPColorMap(plot_->xAxis, plot_->yAxis);
    map_->setInterpolate(false);
    map_->setTightBoundary(false);
    scale_ = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(0, 1, scale_);
    scale_->setType(QCPAxis::atRight);
    map_->setColorScale(scale_);
    QCPColorGradient blues;  // white to dark blue: zeros recede, the diagonal stands out
    blues.setColorStopAt(0, QColor(247, 251, 255));
    blues.setColorStopAt(0.5, QColor(107, 174, 214));
    blues.setColorStopAt(1, QColor(8, 48, 107));
    map_->setGradient(blues);
    auto* margins = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    plot_->yAxis->setRangeReversed(true);  // true class 0 at the top, as in a table
    plot_->xAxis->grid()->setVisible(false);
    plot_->yAxis->grid()->setVisible(false);
    plot_->xAxis->setTickLabelRotation(40);
    plot_->installEventFilter(this);
    retranslate();
}

void ConfusionMatrixWidget::retranslate() {
    normalizeBox_->setText(tr("&Row-normalised"));
    normalizeBox_->setToolTip(tr("Divide each row by its total: the diagonal shows each class's recall"));
    setAccessibleName(tr("Confusion matrix"));
    plot_->setAccessibleName(tr("Confusion matrix"));
    plot_->xAxis->setLabel(tr("Predicted class"));
    plot_->yAxis->setLabel(tr("True class"));
    scale_->axis()->setLabel(normalized_ ? tr("Fraction of the true class") : tr("Flows"));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void ConfusionMatrixWidget::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(e);
}

void ConfusionMatrixWidget::setData(const std::vector<std::vector<int>>& counts, const QStringList& classNames) {
    std::size_t n = std::min(counts.size(), static_cast<std::size_t>(classNames.size()));
    for (std::size_t i = 0; i < n; ++i) n = std::min(n, counts[i].size());
    counts_.assign(n, std::vector<int>(n, 0));
    for (std::size_t t = 0; t < n; ++t)
        for (std::size_t p = 0; p < n; ++p) counts_[t][p] = counts[t][p];
    names_ = classNames.mid(0, static_cast<int>(n));
    rebuild();
}

void ConfusionMatrixWidget::setNormalized(bool on) {
    if (on == normalized_) return;
    normalized_ = on;
    const QSignalBlocker block(normalizeBox_);
    normalizeBox_->setChecked(on);
    rebuild();
    Q_EMIT normalizedChanged(on);
}

double ConfusionMatrixWidget::cellValue(int t, int p) const {
    const int n = static_cast<int>(counts_.size());
    if (t < 0 || p < 0 || t >= n || p >= n) return 0;
    const double c = counts_[t][p];
    if (!normalized_) return c;
    double row = 0;
    for (int v : counts_[t]) row += v;
    return row > 0 ? c / row : 0;
}

QString ConfusionMatrixWidget::cellText(int t, int p) const {
    const double v = cellValue(t, p);
    if (!normalized_) return QString::number(static_cast<long long>(v));
    return QString::number(v * 100.0, 'f', v >= 0.995 || v == 0 ? 0 : 1) + QStringLiteral("%");
}

void ConfusionMatrixWidget::rebuild() {
    for (QCPItemText* l : std::as_const(labels_)) plot_->removeItem(l);
    labels_.clear();
    const int n = static_cast<int>(counts_.size());
    map_->data()->setSize(std::max(n, 1), std::max(n, 1));
    map_->data()->setRange(QCPRange(0, std::max(n - 1, 0)), QCPRange(0, std::max(n - 1, 0)));
    double maxValue = 0;
    for (int t = 0; t < n; ++t)
        for (int p = 0; p < n; ++p) maxValue = std::max(maxValue, cellValue(t, p));
    if (n == 0) map_->data()->fill(0);
    const double top = normalized_ ? 1.0 : std::max(1.0, maxValue);
    map_->setDataRange(QCPRange(0, top));
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < n; ++i) ticker->addTick(i, names_[i]);
    plot_->xAxis->setTicker(ticker);
    plot_->yAxis->setTicker(ticker);
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * (n > 12 ? 0.7 : 0.9)));
    for (int t = 0; t < n; ++t)
        for (int p = 0; p < n; ++p) {
            const double v = cellValue(t, p);
            map_->data()->setCell(p, t, v);  // x: predicted, y: true
            auto* label = new QCPItemText(plot_);
            label->position->setType(QCPItemPosition::ptPlotCoords);
            label->position->setCoords(p, t);
            label->setText(cellText(t, p));
            label->setFont(small);
            label->setColor(v > 0.55 * top ? Qt::white : Qt::black);  // readable on dark cells
            label->setClipToAxisRect(true);
            labels_ << label;
        }
    plot_->xAxis->setRange(-0.5, n - 0.5);
    plot_->yAxis->setRange(-0.5, n - 0.5);
    retranslate();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

bool ConfusionMatrixWidget::cellAt(const QPoint& pos, int* t, int* p) const {
    const int n = static_cast<int>(counts_.size());
    if (n == 0 || !plot_->axisRect()->rect().contains(pos)) return false;
    const auto x = static_cast<int>(std::lround(plot_->xAxis->pixelToCoord(pos.x())));
    const auto y = static_cast<int>(std::lround(plot_->yAxis->pixelToCoord(pos.y())));
    if (x < 0 || y < 0 || x >= n || y >= n) return false;
    if (t) *t = y;
    if (p) *p = x;
    return true;
}

QPoint ConfusionMatrixWidget::cellCenter(int t, int p) const {
    return {static_cast<int>(std::lround(plot_->xAxis->coordToPixel(p))),
            static_cast<int>(std::lround(plot_->yAxis->coordToPixel(t)))};
}

bool ConfusionMatrixWidget::eventFilter(QObject* o, QEvent* e) {
    if (o == plot_ && e->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(e);
        int t = 0, p = 0;
        if (cellAt(he->pos(), &t, &p)) {
            double row = 0;
            for (int v : counts_[static_cast<std::size_t>(t)]) row += v;
            const int c = counts_[static_cast<std::size_t>(t)][static_cast<std::size_t>(p)];
            QToolTip::showText(he->globalPos(),
                               tr("True: %1\nPredicted: %2\n%3 flows (%4% of %1)")
                                   .arg(names_[t], names_[p])
                                   .arg(c)
                                   .arg(row > 0 ? QString::number(100.0 * c / row, 'f', 1) : QStringLiteral("0")),
                               plot_);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    if (o == plot_ && e->type() == QEvent::MouseButtonRelease) {
        auto* me = static_cast<QMouseEvent*>(e);
        int t = 0, p = 0;
        if (me->button() == Qt::LeftButton && cellAt(me->position().toPoint(), &t, &p)) Q_EMIT cellClicked(t, p);
    }
    return QWidget::eventFilter(o, e);
}

bool ConfusionMatrixWidget::savePng(const QString& path) const { return plot_->savePng(path, 0, 0, 2.0); }
bool ConfusionMatrixWidget::savePdf(const QString& path) const { return plot_->savePdf(path); }

}  // namespace flowcnn::widgets
