#pragma once
// Baselines for honest accuracy (METHOD.md, "Known weaknesses"): simple models trained and scored
// on the same split as the CNN, so that a CNN result can be read against what a nearest-neighbour
// lookup, a linear model or the flow's server name alone achieve. Plain C++, no LibTorch.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/progress.h"
#include "engine/dataset/image_set.h"

namespace flowcnn::baseline {

// ---- k-nearest neighbours on the 784 bytes ----------------------------------------------------

enum class Distance { Hamming, L1 };  // Hamming: number of bytes that differ; L1: sum |a - b|
std::string_view distance_name(Distance d);              // "hamming", "l1"
bool parse_distance(std::string_view s, Distance& out);  // case-sensitive names above

// Distance between two 784-byte images.
std::uint32_t image_distance(const std::uint8_t* a, const std::uint8_t* b, Distance d) noexcept;

struct KnnOptions {
    int k = 1;
    Distance distance = Distance::Hamming;
    int threads = 0;  // 0 = std::thread::hardware_concurrency()
};

// Predicts a class for every image of `test` from its k nearest images of `train` (ties in
// distance: the lower training index first). The vote is a majority over the k neighbours; a tie
// in votes goes to the tied class with the nearest neighbour. Throws ConfigError for k < 1 or an
// empty training set; CancelledError when `cancel` is set (checked per block of test images).
std::vector<std::int32_t> knn_predict(const dataset::ImageSet& train, const dataset::ImageSet& test,
                                      const KnnOptions& options, const ProgressFn& progress = {},
                                      const CancelToken* cancel = nullptr);

// The k training images nearest to `image` (784 bytes), nearest first (ties: lower index first):
// what a k-NN model's answer rests on. Throws ConfigError for k < 1 or an empty training set.
struct Neighbour {
    std::size_t index = 0;        // into train
    std::uint32_t distance = 0;
};
std::vector<Neighbour> nearest_images(const dataset::ImageSet& train, const std::uint8_t* image, int k,
                                      Distance distance);

// Class probabilities of `n` images (784 bytes each, contiguous) for a k-NN model: n rows of
// train.classes.size(). k = 1: a softmax over each class's nearest distance,
// exp(-(d_c - d_min) / knn_temperature), so a runner-up class almost as close lowers the
// confidence; k > 1: the vote shares of the k nearest. The most probable class is always
// knn_predict's answer. Same errors as knn_predict.
std::vector<float> knn_proba(const dataset::ImageSet& train, const std::uint8_t* images, std::size_t n,
                             const KnnOptions& options, const ProgressFn& progress = {},
                             const CancelToken* cancel = nullptr);
// Distance units per e-fold of the k = 1 probabilities: 8 differing bytes (Hamming), 8 * 64 (L1).
double knn_temperature(Distance d);

// ---- multinomial logistic regression on the bytes -------------------------------------------

struct LogRegOptions {
    int epochs = 10;
    int batch = 64;
    double lr = 1e-3;  // Adam
    double l2 = 1e-4;  // weight decay added to the gradient (not applied to the bias)
    std::uint64_t seed = 1;  // shuffles (weights start at zero)
};

// Softmax regression on x = byte / 255, trained with mini-batch Adam. Deterministic for a seed.
class LogisticRegression {
public:
    // Throws ConfigError for bad options, an empty set or labels outside the classes.
    void fit(const dataset::ImageSet& train, const LogRegOptions& options = {},
             const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);
    std::vector<std::int32_t> predict(const dataset::ImageSet& set) const;
    std::vector<float> scores(const std::uint8_t* image) const;  // logits, one per class
    std::size_t num_classes() const { return classes_; }
    const std::vector<float>& weights() const { return w_; }  // [class][784], then bias per class
    double last_loss() const { return last_loss_; }           // mean loss of the last epoch

private:
    std::size_t classes_ = 0;
    std::vector<float> w_;  // classes * 784 weights followed by classes biases
    double last_loss_ = 0;
};

// ---- "name only": the flow's TLS SNI / HTTP Host -------------------------------------------

// A host name as the name baselines key it: ASCII lower-case, without a trailing dot.
std::string normalized_name(std::string_view name);

// The last two labels of a host name ("www.google.com" -> "google.com"), lower-cased; a name with
// one label is returned lower-cased as is. Not a public-suffix lookup ("bbc.co.uk" -> "co.uk").
std::string registered_domain(std::string_view name);

// Predicts from a name alone: the most frequent training class of that exact (lower-cased) name,
// else of its registered domain, else the most frequent training class overall. Flows without a
// name (empty string) get the most frequent training class. Ties: the lower class index.
class NameOnlyClassifier {
public:
    // `names[i]` belongs to training label `labels[i]`. Throws ConfigError for mismatched sizes,
    // an empty set or a label outside 0..num_classes-1.
    void fit(const std::vector<std::string>& names, const std::vector<std::int32_t>& labels,
             std::size_t num_classes);
    std::int32_t predict(std::string_view name) const;
    std::vector<std::int32_t> predict(const std::vector<std::string>& names) const;
    std::int32_t majority() const { return majority_; }

private:
    std::vector<std::pair<std::string, std::int32_t>> by_name_, by_domain_;  // sorted by key
    std::int32_t majority_ = 0;
};

// ---- splits of image sets without a project (e.g. IDX files) -------------------------------

// Per class, a seeded shuffle of the class's images, then round(val_fraction * n) of them to `val`
// and the rest to `train`; images keep their relative order within each output. Throws ConfigError
// for a fraction outside [0, 1).
void stratified_split(const dataset::ImageSet& all, double val_fraction, std::uint64_t seed,
                      dataset::ImageSet& train, dataset::ImageSet& val);

// Keeps the first image of each distinct 784 bytes (and drops all copies of an image that carries
// several labels). Returns the set; `dropped` (optional) gets the number of images left out.
dataset::ImageSet drop_duplicate_images(const dataset::ImageSet& set, std::size_t* dropped = nullptr);

// The set with its labels permuted (a seeded shuffle; class counts unchanged): a sanity control,
// since a model trained on it can only score what chance and the class sizes give.
dataset::ImageSet shuffle_labels(const dataset::ImageSet& set, std::uint64_t seed);

// How many images of `test` have an exact copy in `train`.
std::size_t images_also_in(const dataset::ImageSet& test, const dataset::ImageSet& train);

// ---- scores ---------------------------------------------------------------------------------

struct Scores {
    std::int64_t total = 0, correct = 0;
    double accuracy = 0;
    // Mean F1 over the classes present in the scored set (support > 0): a class without scored
    // flows has no F1 to average (on a split by capture many classes have none).
    double macro_f1 = 0;
    double macro_f1_all = 0;     // mean over the classes with support or predictions (scikit-learn)
    std::size_t present = 0;     // classes with support
    std::vector<double> f1;      // per class (index = class index)
    std::vector<std::int64_t> support;
};
// Throws ConfigError when the vectors differ in length or an index is outside 0..classes-1.
Scores score(const std::vector<std::int32_t>& truth, const std::vector<std::int32_t>& predicted,
             std::size_t num_classes);

// One row of a results table.
struct ResultRow {
    std::string model;   // e.g. "1-NN hamming", "logreg", "name only", "CNN model 5"
    bool masked = false; // trained and scored with the names blanked
    Scores scores;
    double seconds = 0;  // training + scoring wall time
    std::vector<std::int32_t> predicted;  // per scored flow (empty when not kept)
    // A model the server-name rules can be put in front of (k-NN, logistic regression, the CNN, the
    // trees); false for the name-only and majority rows.
    bool image_model = true;
};

// Fixed-width text: model, masked, accuracy, macro-F1, then one F1 column per class.
std::string format_results(const std::vector<ResultRow>& rows, const std::vector<std::string>& classes);
// CSV with a header: model,masked,accuracy,macro_f1,macro_f1_all,seconds,f1_<class>...
std::string results_csv(const std::vector<ResultRow>& rows, const std::vector<std::string>& classes);

}  // namespace flowcnn::baseline
