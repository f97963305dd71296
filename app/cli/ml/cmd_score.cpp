// flowcnn score: a model on the labelled flows of another project (captures it has never seen).
#include <algorithm>
#include <cstdio>
#include <fstream>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "app/cli/ml/ml_common.h"
#include "engine/common/error.h"
#include "engine/dataset/dataset_loader.h"
#include "engine/eval/cross_source.h"
#include "engine/model/classifier.h"
#include "engine/store/project.h"
#include "engine/train/run_store.h"
#include "engine/unknown/unknown.h"

namespace flowcnn::cli::ml {
namespace {

const char* kScoreUsage =
    "usage: flowcnn score PROJECT (--model FILE | --model-run TRAIN_PROJECT:RUN)\n"
    "                     [--exclude-images-of TRAIN_PROJECT] [--threshold X] [--csv FILE] [--threads N]\n"
    "\n"
    "Scores a model on every labelled flow with payload of PROJECT: captures from elsewhere,\n"
    "labelled the same way (flowcnn label --csv, --rules, by hand). Flows whose label is one of the\n"
    "model's classes are scored (accuracy; macro-F1 = mean F1 over the classes present); flows of\n"
    "other labels are applications the model never saw, whose right answer is 'unknown': the report\n"
    "gives the share rejected at the threshold, the share of known-class flows kept, and the AUROC\n"
    "of telling the two apart by the confidence. Images and features are made as the model was\n"
    "trained. Nothing is written to PROJECT.\n"
    "  --model FILE                a model file (flowcnn model export, train --save-model)\n"
    "  --model-run P:RUN           the latest model of run RUN in project P\n"
    "  --exclude-images-of P       leave out flows whose bytes also occur in project P (the training\n"
    "                              project): a copy of a training flow says nothing about new captures\n"
    "  --threshold X               confidence below which a flow is unknown (default: the model's\n"
    "                              chosen threshold, else 0.5)\n"
    "  --csv FILE                  one row per scored flow: flow_id,label,known,predicted,confidence\n"
    "  --threads N                 CPU threads (default all cores)";

std::vector<std::uint8_t> model_bytes_from(const Args& a) {
    if (auto f = a.get("model")) return model::read_file_bytes(*f);
    const auto spec = a.get("model-run");
    if (!spec) throw ConfigError("score: give --model FILE or --model-run PROJECT:RUN");
    const auto colon = spec->rfind(':');
    if (colon == std::string::npos) throw ConfigError("--model-run: expected PROJECT:RUN, got '" + *spec + "'");
    auto train_project = store::Project::open(spec->substr(0, colon), true);
    return store::run_model_bytes(train_project.db(), parse_int("RUN", spec->substr(colon + 1), 1, INT64_MAX));
}

void write_rows(const std::string& path, const eval::SourceScore& s) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "known,true,predicted,confidence\n";
    for (std::size_t i = 0; i < s.truth.size(); ++i)
        out << "1," << s.classes[static_cast<std::size_t>(s.truth[i])] << ','
            << s.classes[static_cast<std::size_t>(s.predicted[i])] << ',' << s.known_confidence[i] << '\n';
    for (float v : s.unseen_confidence) out << "0,,," << v << '\n';
    if (!out) throw IoError("cannot write " + path);
}

int run_score(const std::vector<std::string>& argv) {
    Args a(argv, {"model", "model-run", "exclude-images-of", "threshold", "csv", "threads"}, {});
    a.expect_positional(1, 1, "PROJECT");
    if (a.has("model") && a.has("model-run")) throw ConfigError("score: give --model or --model-run, not both");
    model::Classifier clf(model_bytes_from(a), static_cast<int>(a.get_int("threads", 0, 0, 1024)));
    const auto chosen = unknown::from_json(clf.info().unknown_json).threshold;
    const double threshold = a.get_double("threshold", chosen >= 0 ? chosen : 0.5, 0.0, 1.0);
    std::vector<std::string> exclude;
    eval::SourceScoreOptions o;
    o.threshold = threshold;
    if (auto p = a.get("exclude-images-of")) {
        auto train_project = store::Project::open(*p, true);
        exclude = dataset::image_hashes(train_project.db());
        o.exclude_hashes = &exclude;
    }
    auto project = store::Project::open(a.positional()[0], true);
    dataset::Preprocessing pre;
    pre.fill = clf.info().preprocessing.fill;
    pre.payload_bytes = static_cast<std::size_t>(clf.info().preprocessing.payload_bytes);
    pre.blank_session_fields = clf.info().preprocessing.blank_session_fields;
    std::vector<std::string> sha1;
    const auto flows = dataset::load_labelled_flows(project.db(), pre, &sha1);
    if (flows.size() == 0) throw ConfigError("project " + a.positional()[0] + " has no labelled flows with payload");
    CancelToken token;
    CancelOnSigint sigint(token);
    const auto s = eval::score_labelled_flows(clf, flows, sha1, o, &token);
    std::printf("model: %s\n%s", model::describe_model(clf.info()).c_str(), eval::format_source_score(s, threshold).c_str());
    if (auto path = a.get("csv")) write_rows(*path, s);
    return 0;
}

CommandRegistrar reg_score({"score", "score a model on another project's labelled flows (unseen captures)",
                            kScoreUsage, run_score});

}  // namespace
}  // namespace flowcnn::cli::ml
