#pragma once
// Optuna-style optimisation history: one dot per trial (by start order; colour by state) and the
// best value so far as a step curve. Clicking a dot emits trialClicked(runId).
#include <QStringList>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace flowcnn::widgets {

class LeaderboardModel;

class BestSoFarPlot : public QWidget {
    Q_OBJECT
public:
    explicit BestSoFarPlot(QWidget* parent = nullptr);

    // values[i]: trial i's metric (NaN: none yet); runIds/states parallel (may be empty).
    void setValues(const QVector<double>& values, const QVector<qint64>& runIds = {},
                   const QStringList& states = {});
    // Follows a leaderboard (re-reads on each of its changes).
    void setLeaderboard(LeaderboardModel* model);
    void setMetricName(const QString& name);  // y-axis title, e.g. tr("Validation accuracy")

    QVector<double> bestSoFar() const;  // NaN until the first value
    QCPGraph* trialGraph() const { return dots_; }
    QCPGraph* bestGraph() const { return best_; }
    QCustomPlot* customPlot() const { return plot_; }
    bool savePng(const QString& path) const;
    bool savePdf(const QString& path) const;

Q_SIGNALS:
    void trialClicked(qint64 runId);

protected:
    void changeEvent(QEvent* e) override;

private:
    void rebuild();
    void retranslate();

    QCustomPlot* plot_;
    QCPGraph* dots_;
    QCPGraph* best_;
    QCPGraph* failed_;
    QVector<double> values_;
    QVector<qint64> runIds_;
    QStringList states_;
    QString metricName_;
};

}  // namespace flowcnn::widgets
