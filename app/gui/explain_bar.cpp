#include "app/gui/explain_bar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QStandardItemModel>

namespace flowcnn::gui {

ExplainBar::ExplainBar(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("explainBar"));
    auto* h = new QHBoxLayout(this);
    h->setContentsMargins(0, 0, 0, 0);
    toggle_ = new QCheckBox(this);
    toggle_->setObjectName(QStringLiteral("saliencyToggle"));
    method_ = new QComboBox(this);
    method_->setObjectName(QStringLiteral("saliencyMethod"));
    method_->addItem(QString(), int(Gradient));
    method_->addItem(QString(), int(Occlusion));
    run_ = new QComboBox(this);
    run_->setObjectName(QStringLiteral("saliencyRun"));
    run_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    run_->setMinimumContentsLength(12);
    h->addWidget(toggle_);
    h->addWidget(method_);
    h->addWidget(run_, 1);
    connect(toggle_, &QCheckBox::toggled, this, &ExplainBar::toggled);
    connect(method_, &QComboBox::currentIndexChanged, this, &ExplainBar::settingsChanged);
    connect(run_, &QComboBox::currentIndexChanged, this, [this] {
        offerMethods();
        Q_EMIT settingsChanged();
    });
    retranslate();
    setRuns({});
}

void ExplainBar::retranslate() {
    toggle_->setText(tr("Saliency"));
    toggle_->setToolTip(tr("Colour the bytes the selected model's prediction rests on, in the image and the hex dump"));
    method_->setItemText(0, tr("gradient"));
    method_->setItemText(1, tr("occlusion"));
    method_->setToolTip(tr("Gradient of the predicted class's score, or the drop in its probability when a "
                           "4x4 patch is blanked"));
    run_->setToolTip(tr("The trained run whose model is explained"));
    if (run_->count() == 0) run_->setPlaceholderText(tr("no trained model"));
}

void ExplainBar::setRuns(const QVector<QPair<qint64, QString>>& runs, const QSet<qint64>& occlusionOnly) {
    occlusion_only_ = occlusionOnly;
    const qint64 keep = runId();
    {
        QSignalBlocker block(run_);
        run_->clear();
        for (const auto& [id, text] : runs) run_->addItem(text, QVariant::fromValue<qint64>(id));
        const int i = run_->findData(QVariant::fromValue<qint64>(keep));
        run_->setCurrentIndex(i >= 0 ? i : (run_->count() ? 0 : -1));
    }
    run_->setEnabled(run_->count() > 0);
    toggle_->setEnabled(run_->count() > 0);
    method_->setEnabled(run_->count() > 0);
    if (run_->count() == 0) run_->setPlaceholderText(tr("no trained model"));
    offerMethods();
    if (runId() != keep) Q_EMIT settingsChanged();
}

void ExplainBar::offerMethods() {
    auto* items = qobject_cast<QStandardItemModel*>(method_->model());
    const bool gradient = !occlusion_only_.contains(runId());
    if (items) items->item(0)->setEnabled(gradient);
    if (!gradient && method() == Gradient) setMethod(Occlusion);
}

bool ExplainBar::active() const { return toggle_->isChecked() && runId() > 0; }
bool ExplainBar::shown() const { return toggle_->isChecked(); }
void ExplainBar::setShown(bool on) { toggle_->setChecked(on); }
qint64 ExplainBar::runId() const { return run_->currentIndex() >= 0 ? run_->currentData().toLongLong() : 0; }
ExplainBar::Method ExplainBar::method() const { return Method(method_->currentData().toInt()); }
void ExplainBar::setMethod(Method m) { method_->setCurrentIndex(method_->findData(int(m))); }

bool ExplainBar::selectRun(qint64 runId) {
    const int i = run_->findData(QVariant::fromValue<qint64>(runId));
    if (i < 0) return false;
    run_->setCurrentIndex(i);
    return true;
}

}  // namespace flowcnn::gui
