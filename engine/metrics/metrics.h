#pragma once
// Classification metrics (pure C++, in the core: the baselines, the store's evaluations and the
// model engine's all use them; namespace eval, where they began): accuracy, per-class precision/recall/F1 and support,
// macro-F1 and the confusion matrix (rows = true class, columns = predicted class).
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace flowcnn::eval {

struct ClassMetrics {
    std::string label;
    double precision = 0;  // 0 when the class was never predicted
    double recall = 0;     // 0 when the class has no true samples
    double f1 = 0;
    std::int64_t support = 0;    // true samples of the class
    std::int64_t predicted = 0;  // samples predicted as the class
};

struct Metrics {
    std::int64_t total = 0;
    std::int64_t correct = 0;
    double accuracy = 0;
    double macro_f1 = 0;  // mean F1 over the classes that have support or predictions
    std::vector<ClassMetrics> per_class;
    std::vector<std::vector<std::int64_t>> confusion;  // [true][predicted]
};

// Throws ConfigError when the spans differ in length or an index is outside the classes.
Metrics compute_metrics(std::span<const std::int32_t> truth, std::span<const std::int32_t> predicted,
                        const std::vector<std::string>& classes);
// The same from a confusion matrix ([true][predicted], classes.size() square). Throws ConfigError
// when its shape does not match the classes.
Metrics metrics_from_confusion(std::vector<std::vector<std::int64_t>> confusion,
                               const std::vector<std::string>& classes);

// The JSON stored in evaluations.per_class_json / confusion_json, and back.
std::string per_class_json(const Metrics& m);
std::string confusion_json(const Metrics& m);
Metrics metrics_from_json(std::string_view per_class, std::string_view confusion);

// A fixed-width text table (label, precision, recall, F1, support) and the confusion matrix, for
// the CLI and reports.
std::string format_per_class(const Metrics& m);
std::string format_confusion(const Metrics& m);

}  // namespace flowcnn::eval
