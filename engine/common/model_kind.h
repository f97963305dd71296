#pragma once
// What kind of model a model file (and the run that made it) holds. Its own header because the
// torch-free store names it too (store::RunSummary::kind), without the model file's other types.

namespace flowcnn::model {

// Cnn: the paper's network on the image; Knn: nearest training images; Gbt: gradient-boosted
// trees (XGBoost) over the flow features of engine/features (format version 3).
enum class ModelKind { Cnn, Knn, Gbt };

}  // namespace flowcnn::model
