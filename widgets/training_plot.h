#pragma once
// Live training curves (TensorBoard-like) for one or more runs: loss (top) and accuracy (bottom)
// against epochs, train solid and validation dashed, with a faint per-batch loss trace. A
// smoothing slider applies a debiased exponential moving average (default 0.6) with the raw line
// faint behind. Drag to zoom, double-click to reset. Data arrive per point; the plot redraws on a
// timer when something changed (a dirty flag), never once per point.
#include <QColor>
#include <QHash>
#include <QString>
#include <QVector>
#include <QWidget>
#include <QtNumeric>

class QCustomPlot;
class QCPGraph;
class QCPAxisRect;
class QSlider;
class QLabel;
class QTimer;
class QComboBox;

namespace flowcnn::widgets {

class TrainingPlot : public QWidget {
    Q_OBJECT
public:
    enum class Series { TrainLoss, ValLoss, TrainAcc, ValAcc, BatchLoss };
    // What the x axis counts: epochs, batches (steps), or seconds since the run's first point.
    enum class XAxis { Epoch, Step, Time };

    explicit TrainingPlot(QWidget* parent = nullptr);
    ~TrainingPlot() override;

    // Adds a run (or renames an existing one). Runs get distinct colours in order of addition.
    void addRun(qint64 runId, const QString& name);
    void removeRun(qint64 runId);
    void clear();
    bool hasRun(qint64 runId) const;
    QVector<qint64> runIds() const;

    // `epoch` counts from 1. NaN values (e.g. no validation set) are skipped. Accuracies in [0,1].
    // `seconds`: time since the run started at the end of this epoch (for the time axis); NaN
    // takes the time the point arrived.
    void appendEpoch(qint64 runId, int epoch, double trainLoss, double trainAcc, double valLoss,
                     double valAcc, double seconds = qQNaN());
    // `step` counts batches from 0 over the whole run. Drawn at step / stepsPerEpoch on the
    // epoch axis; stepsPerEpoch is inferred from the first appendEpoch unless set.
    void appendBatchLoss(qint64 runId, qint64 step, double loss);
    void setStepsPerEpoch(qint64 runId, double steps);

    void setXAxis(XAxis axis);
    XAxis xAxis() const { return xAxis_; }

    // Smoothing weight in [0, 0.99]; 0 shows the raw values.
    void setSmoothing(double weight);
    double smoothing() const { return smoothing_; }
    // Debiased EMA (TensorBoard's): s_t = w*s_{t-1} + (1-w)*x_t, divided by 1 - w^t.
    static QVector<double> smooth(const QVector<double>& values, double weight);

    // The drawn (smoothed) and the faint raw graph of a series; nullptr when the run is unknown.
    QCPGraph* graph(qint64 runId, Series s) const;
    QCPGraph* rawGraph(qint64 runId, Series s) const;
    QCustomPlot* customPlot() const { return plot_; }

    // Applies pending data now (normally the timer does it) and redraws.
    void flush();
    void resetZoom();
    bool savePng(const QString& path) const;
    bool savePdf(const QString& path) const;

Q_SIGNALS:
    void smoothingChanged(double weight);
    void xAxisChanged(flowcnn::widgets::TrainingPlot::XAxis axis);

protected:
    void changeEvent(QEvent* e) override;

private:
    struct Run;
    Run* run(qint64 id) const;
    void rebuild(Run& r);
    void onTimer();
    void retranslate();
    QColor colorFor(int index) const;

    QCustomPlot* plot_;
    void applyXTicker();  // whole-number ticks on the epoch axis
    QCPAxisRect* lossRect_;
    QCPAxisRect* accRect_;
    QSlider* slider_;
    QLabel* sliderLabel_;
    QLabel* smoothingCaption_;
    QComboBox* axisBox_;
    QTimer* timer_;
    QHash<qint64, Run*> runs_;
    QVector<qint64> order_;
    int colorIndex_ = 0;
    double smoothing_ = 0.6;
    XAxis xAxis_ = XAxis::Epoch;
    bool dirty_ = false;
    bool userZoomed_ = false;
};

}  // namespace flowcnn::widgets
