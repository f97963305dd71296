#pragma once
// Flows per label and/or per predicted application as grouped bars, class names on the x axis.
#include <QList>
#include <QPair>
#include <QString>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPBars;

namespace flowcnn::store {
class Database;
}

namespace flowcnn::widgets {

class ClassCountChart : public QWidget {
    Q_OBJECT
public:
    using Counts = QList<QPair<QString, qint64>>;

    explicit ClassCountChart(QWidget* parent = nullptr);

    // Either may be empty. Categories are the union of names, by descending first-series count.
    void setCounts(const Counts& labelled, const Counts& predicted = {});
    QStringList categories() const { return categories_; }
    // Flows of category i (in categories() order) in each series.
    qint64 labelledCount(int category) const { return labelledCounts_.value(category); }
    qint64 predictedCount(int category) const { return predictedCounts_.value(category); }
    QCPBars* labelBars() const { return labelBars_; }
    QCPBars* predictedBars() const { return predictedBars_; }
    QCustomPlot* customPlot() const { return plot_; }
    bool savePng(const QString& path) const;
    bool savePdf(const QString& path) const;

    // Flows per label ("" -> "unlabelled") and per predicted label of each flow's latest
    // classification, read from a project.
    static Counts labelCounts(store::Database& db);
    static Counts predictionCounts(store::Database& db);

protected:
    void changeEvent(QEvent* e) override;

private:
    void rebuild();

    QCustomPlot* plot_;
    QCPBars* labelBars_;
    QCPBars* predictedBars_;
    Counts labelled_, predicted_;
    QStringList categories_;
    QVector<qint64> labelledCounts_, predictedCounts_;
};

}  // namespace flowcnn::widgets
