#pragma once
// The hyper-parameter form of Train > Start: a paper model preset (Model 5 by default) or any
// combination of the grid's values, and the training options; or a k-nearest-neighbours model
// (k, distance), which keeps the train split instead of training; or gradient-boosted trees over
// the flow features (rounds, depth, class weighting). The last choice is remembered.
#include <QDialog>
#include <QVector>

#include "engine/hparams/hparams.h"
#include "engine/train/run_store.h"
#include "engine/train/trainer.h"

class QComboBox;
class QSpinBox;
class QDoubleSpinBox;
class QLineEdit;
class QCheckBox;
class QGroupBox;

namespace flowcnn::store {
class Project;
}

namespace flowcnn::gui {

struct DatasetChoice {
    qint64 id = 0;
    QString name;
};

class TrainDialog : public QDialog {
    Q_OBJECT
public:
    TrainDialog(const QVector<DatasetChoice>& datasets, QWidget* parent = nullptr);
    // The project's datasets as Train > Start offers them (name and split sizes).
    static QVector<DatasetChoice> datasetChoices(store::Project& project);

    qint64 datasetId() const;
    QString runName() const;
    model::HyperParams hyperParams() const;
    train::TrainOptions trainOptions() const;
    void setHyperParams(const model::HyperParams& hp);
    void setEpochs(int epochs);
    enum class Family { Cnn = 0, Knn = 1, Trees = 2 };
    Family family() const;
    void setFamily(Family f);
    bool knn() const { return family() == Family::Knn; }  // a k-NN model instead of a CNN
    train::KnnRunOptions knnOptions() const;
    void setKnn(bool knn) { setFamily(knn ? Family::Knn : Family::Cnn); }
    bool trees() const { return family() == Family::Trees; }  // gradient-boosted trees instead of a CNN
    train::GbtRunOptions treesOptions() const;

    void accept() override;

private:
    void applyPreset(int index);
    void markCustom();
    void load();
    void save() const;
    void updateFamily();
    QGroupBox* createDataBox(const QVector<DatasetChoice>& datasets);
    QGroupBox* createKnnBox();
    QGroupBox* createTreesBox();
    QGroupBox* createModelBox();
    QGroupBox* createTrainingBox();
    QGroupBox* createServerNamesBox();  // shared by every family, so it stays below them

    QComboBox* dataset_;
    QComboBox* family_;
    QSpinBox* knn_k_;
    QComboBox* knn_distance_;
    QGroupBox* knn_box_;
    QGroupBox* trees_box_;
    QSpinBox* trees_rounds_;
    QSpinBox* trees_depth_;
    QCheckBox* trees_balance_;
    QGroupBox* model_box_;
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
    QGroupBox* opt_box_;
    bool applying_ = false;
};

}  // namespace flowcnn::gui
