#pragma once
// The hyper-parameter form of Train > Start: a paper model preset (Model 5 by default) or any
// combination of the grid's values, and the training options. The last choice is remembered.
#include <QDialog>
#include <QVector>

#include "engine/model/hparams.h"
#include "engine/train/trainer.h"

class QComboBox;
class QSpinBox;
class QDoubleSpinBox;
class QLineEdit;
class QCheckBox;

namespace flowcnn::gui {

struct DatasetChoice {
    qint64 id = 0;
    QString name;
};

class TrainDialog : public QDialog {
    Q_OBJECT
public:
    TrainDialog(const QVector<DatasetChoice>& datasets, QWidget* parent = nullptr);

    qint64 datasetId() const;
    QString runName() const;
    model::HyperParams hyperParams() const;
    train::TrainOptions trainOptions() const;
    void setHyperParams(const model::HyperParams& hp);
    void setEpochs(int epochs);

    void accept() override;

private:
    void applyPreset(int index);
    void markCustom();
    void load();
    void save() const;

    QComboBox* dataset_;
    QLineEdit* name_;
    QComboBox* preset_;
    QComboBox* conv_act_;
    QComboBox* fc_act_;
    QComboBox* kernel_;
    QSpinBox* filters_;
    QComboBox* pool_;
    QComboBox* padding_;
    QComboBox* fc_;
    QComboBox* optimizer_;
    QDoubleSpinBox* lr_;
    QSpinBox* batch_;
    QSpinBox* epochs_;
    QSpinBox* seed_;
    QSpinBox* patience_;
    QSpinBox* threads_;
    QComboBox* lr_schedule_;
    QDoubleSpinBox* weight_decay_;
    QDoubleSpinBox* label_smoothing_;
    QCheckBox* name_rules_;
    bool applying_ = false;
};

}  // namespace flowcnn::gui
