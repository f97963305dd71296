#pragma once
// A confusion matrix heatmap (rows: true class, columns: predicted) with a colour scale, a label
// in each cell (count or row percentage), class names on both axes, a tooltip and a click signal.
#include <QStringList>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPItemText;
class QCheckBox;

namespace flowcnn::widgets {

class ConfusionMatrixWidget : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionMatrixWidget(QWidget* parent = nullptr);

    // counts[t][p]: flows of true class t predicted as p; square, classNames.size() wide.
    // A mismatch in sizes is cut to the smallest.
    void setData(const std::vector<std::vector<int>>& counts, const QStringList& classNames);
    const std::vector<std::vector<int>>& counts() const { return counts_; }
    QStringList classNames() const { return names_; }

    // Row-normalised: each cell divided by its row's total (recall on the diagonal).
    void setNormalized(bool on);
    bool isNormalized() const { return normalized_; }
    // The value drawn in a cell (count or fraction) and its label text.
    double cellValue(int trueIndex, int predictedIndex) const;
    QString cellText(int trueIndex, int predictedIndex) const;
    // Cell at a widget position of the plot, or false.
    bool cellAt(const QPoint& plotPos, int* trueIndex, int* predictedIndex) const;
    QPoint cellCenter(int trueIndex, int predictedIndex) const;  // in the plot's coordinates

    QCustomPlot* customPlot() const { return plot_; }
    QCPColorMap* colorMap() const { return map_; }
    bool savePng(const QString& path) const;
    bool savePdf(const QString& path) const;

Q_SIGNALS:
    void cellClicked(int trueIndex, int predictedIndex);
    void normalizedChanged(bool on);

protected:
    void changeEvent(QEvent* e) override;
    bool eventFilter(QObject* o, QEvent* e) override;

private:
    void rebuild();
    void retranslate();

    QCustomPlot* plot_;
    QCPColorMap* map_;
    QCPColorScale* scale_;
    QCheckBox* normalizeBox_;
    QList<QCPItemText*> labels_;
    std::vector<std::vector<int>> counts_;
    QStringList names_;
    bool normalized_ = false;
};

}  // namespace flowcnn::widgets
