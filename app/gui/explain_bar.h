#pragma once
#include <QSet>
// The explanation controls under the payload image: a "Saliency" toggle, the method (gradient or
// occlusion) and the trained run whose model is explained. The window computes the map (ExplainJob)
// for the selected flow whenever the toggle is on and the flow, method or run changes, and shows
// it on the image and the hex dump.
#include <QWidget>

class QCheckBox;
class QComboBox;

namespace flowcnn::gui {

class ExplainBar : public QWidget {
    Q_OBJECT
public:
    enum Method { Gradient = 0, Occlusion = 1 };

    explicit ExplainBar(QWidget* parent = nullptr);

    // (run id, text) of the runs with a model, newest first; keeps the chosen run when still listed.
    // `occlusionOnly`: runs whose model has no gradient (k-NN); for them "gradient" is not offered.
    void setRuns(const QVector<QPair<qint64, QString>>& runs, const QSet<qint64>& occlusionOnly = {});
    bool active() const;  // toggle on and a run chosen
    bool shown() const;   // the toggle
    void setShown(bool on);
    qint64 runId() const;
    Method method() const;
    void setMethod(Method m);
    bool selectRun(qint64 runId);
    void retranslate();

Q_SIGNALS:
    void toggled(bool on);
    void settingsChanged();  // method or run changed

private:
    void offerMethods();  // gradient only for runs that have one
    QSet<qint64> occlusion_only_;
    QCheckBox* toggle_ = nullptr;
    QComboBox* method_ = nullptr;
    QComboBox* run_ = nullptr;
};

}  // namespace flowcnn::gui
