// flowcnn eval / model: evaluating a run's model on a dataset split; exporting and inspecting
// model files.
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/common/error.h"
#include "engine/dataset/dataset_loader.h"
#include "engine/eval/evaluate.h"
#include "engine/model/model_file.h"
#include "engine/store/project.h"
#include "engine/train/run_store.h"

namespace flowcnn::cli::ml {
namespace {

const char* kEvalUsage =
    "usage: flowcnn eval PROJECT RUN [--split val|train|test] [--misclassified N] [--no-store]\n"
    "\n"
    "Evaluates the model of run RUN on a split of the run's dataset (default val): accuracy,\n"
    "macro-F1, a per-class table (precision, recall, F1, support) and the confusion matrix\n"
    "(rows = true class). The evaluation and its per-flow predictions are stored in the project.\n"
    "  --misclassified N   also list the N most confident mistakes (flow id, true, predicted)\n"
    "  --threads N         CPU threads (default all cores)";

int run_eval(const std::vector<std::string>& argv) {
    Args a(argv, {"split", "misclassified", "threads"}, {"no-store"});
    a.expect_positional(2, 2, "PROJECT RUN");
    const std::string split = a.get_or("split", "val");
    if (split != "val" && split != "train" && split != "test")
        throw ConfigError("--split: expected val, train or test, got '" + split + "'");
    auto project = store::Project::open(a.positional()[0]);
    const auto run_id = parse_int("RUN", a.positional()[1], 1, INT64_MAX);
    auto run = store::get_run(project.db(), run_id);
    auto bytes = store::run_model_bytes(project.db(), run_id);
    auto set = dataset::load_split(project.db(), run.dataset_id, split);
    if (set.size() == 0) throw ConfigError("the " + split + " split of dataset " + std::to_string(run.dataset_id) + " is empty");
    CancelToken token;
    CancelOnSigint sigint(token);
    model::Classifier clf(bytes, static_cast<int>(a.get_int("threads", 0, 0, 1024)));
    auto r = eval::evaluate(clf, set, split, &token);
    std::printf("run %lld, %s split: %lld images\n", static_cast<long long>(run_id), split.c_str(),
                static_cast<long long>(r.metrics.total));
    std::printf("accuracy %.4f (%lld/%lld)  macro-F1 %.4f\n\n", r.metrics.accuracy,
                static_cast<long long>(r.metrics.correct), static_cast<long long>(r.metrics.total),
                r.metrics.macro_f1);
    if (!clf.info().name_rules.empty())
        std::printf("the model's %zu server-name rules decided %zu of the %lld flows\n\n", clf.info().name_rules.size(),
                    r.decided_by_name_rules, static_cast<long long>(r.metrics.total));
    std::printf("%s\nconfusion matrix (rows = true class, columns = predicted):\n%s",
                eval::format_per_class(r.metrics).c_str(), eval::format_confusion(r.metrics).c_str());
    if (!a.flag("no-store")) {
        auto id = eval::store_evaluation(project.db(), run_id, r);
        std::printf("\nstored as evaluation %lld\n", static_cast<long long>(id));
        if (auto n = a.get("misclassified")) {
            auto list = eval::misclassified(project.db(), id, parse_int("--misclassified", *n, 1, INT64_MAX));
            std::printf("\n%10s  %-16s %-16s %s\n", "flow", "true", "predicted", "confidence");
            for (auto& m : list)
                std::printf("%10lld  %-16s %-16s %.4f\n", static_cast<long long>(m.flow_id),
                            m.true_label.c_str(), m.predicted_label.c_str(), m.confidence);
        }
    }
    return 0;
}

const char* kModelUsage =
    "usage: flowcnn model export PROJECT RUN FILE\n"
    "       flowcnn model info FILE\n"
    "\n"
    "export: writes the latest model of run RUN to FILE (one self-contained model file:\n"
    "hyper-parameters, class names, preprocessing, training options, metrics and weights).\n"
    "info: prints a model file's metadata.";

int run_model(const std::vector<std::string>& argv) {
    Args a(argv, {});
    if (a.positional().empty()) throw ConfigError("expected 'export' or 'info' (see --help)");
    const std::string& sub = a.positional()[0];
    if (sub == "export") {
        a.expect_positional(4, 4, "export PROJECT RUN FILE");
        auto project = store::Project::open(a.positional()[1], true);
        auto bytes = store::run_model_bytes(project.db(), parse_int("RUN", a.positional()[2], 1, INT64_MAX));
        model::decode_model_file(bytes);  // check before writing
        model::write_model_file(a.positional()[3], bytes);
        std::printf("wrote %s (%zu bytes)\n", a.positional()[3].c_str(), bytes.size());
        return 0;
    }
    if (sub == "info") {
        a.expect_positional(2, 2, "info FILE");
        auto f = model::read_model_file(a.positional()[1]);
        const auto& i = f.info;
        std::printf("format version  %u\n", model::model_format_version(i));
        std::printf("model           %s\n", model::describe_model(i).c_str());
        std::printf("name            %s\n", i.name.c_str());
        std::printf("created         %s\n", i.created_at.c_str());
        if (i.kind == model::ModelKind::Cnn) std::printf("hyper-params    %s\n", i.hparams.to_json().c_str());
        std::printf("classes         %zu:", i.classes.size());
        for (auto& c : i.classes) std::printf(" %s", c.c_str());
        std::printf("\npreprocessing   %d bytes (from the first %d payload bytes), fill %s, direction %s%s\n",
                    i.preprocessing.image_bytes, i.preprocessing.payload_bytes,
                    std::string(flow::fill_mode_name(i.preprocessing.fill)).c_str(),
                    std::string(flow::direction_name(i.preprocessing.direction)).c_str(),
                    i.preprocessing.blank_session_fields ? ", session fields blanked" : "");
        std::printf("training        %s\n", i.train_json.c_str());
        std::printf("seed            %llu\n", static_cast<unsigned long long>(i.seed));
        std::printf("metrics         %s\n", i.metrics_json.c_str());
        if (i.kind == model::ModelKind::Gbt)
            std::printf("trees           %s over %d flow features (version %d), %zu bytes\n", i.gbt_json.c_str(),
                        i.feature_count, i.feature_version, f.weights.size());
        else if (i.kind == model::ModelKind::Knn)
            std::printf("images          %zu training images (%zu bytes)\n",
                        f.weights.size() < 8 ? 0 : (f.weights.size() - 8) / (flow::kImageBytes + 4), f.weights.size());
        else
            std::printf("weights         %zu bytes (LibTorch %s)\n", f.weights.size(), i.torch_version.c_str());
        if (i.unknown_json != "{}") std::printf("unknown         %s\n", i.unknown_json.c_str());
        std::printf("name rules      %zu\n", i.name_rules.size());
        for (const auto& r : i.name_rules.rules())
            std::printf("  %s%-40s -> %-20s %lld/%lld flows\n", r.domain ? "*." : "", r.name.c_str(),
                        static_cast<std::size_t>(r.class_index) < i.classes.size() ? i.classes[static_cast<std::size_t>(r.class_index)].c_str() : "?",
                        static_cast<long long>(r.flows), static_cast<long long>(r.total));
        return 0;
    }
    throw ConfigError("unknown model subcommand '" + sub + "' (export, info)");
}

CommandRegistrar reg_eval({"eval", "evaluate a run's model on a dataset split", kEvalUsage, run_eval});
CommandRegistrar reg_model({"model", "export or inspect model files", kModelUsage, run_model});

}  // namespace
}  // namespace flowcnn::cli::ml
