// flowcnn classify: labels the flows of a capture with a model (from a project or a model file).
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/classify/classify.h"
#include "engine/common/error.h"
#include "engine/model/classifier.h"
#include "engine/model/model_file.h"
#include "engine/store/project.h"
#include "engine/train/run_store.h"

namespace flowcnn::cli::ml {
namespace {

const char* kUsage =
    "usage: flowcnn classify PROJECT CAPTURE [--run RUN | --model-id M | --model FILE] [options]\n"
    "       flowcnn classify --model FILE CAPTURE [options]\n"
    "\n"
    "Extracts the flows of CAPTURE with the model's preprocessing (fill mode, direction) and\n"
    "labels each flow with the most probable class; below --threshold the label is 'unknown'.\n"
    "With a PROJECT the capture is imported and the result stored (classifications); the model is\n"
    "the newest of the project unless --run, --model-id or --model says otherwise.\n"
    "options:\n"
    "  --threshold X    confidence below which a flow is 'unknown' (default 0.5)\n"
    "  --csv FILE       write every flow (addresses, label, confidence, top 3) as CSV\n"
    "  --json FILE      the same as JSON\n"
    "  --show N         print the first N flows (default 20; 0: none)\n"
    "  --threads N      CPU threads (default all cores)\n"
    "  --quiet          no progress";

int run_classify(const std::vector<std::string>& argv) {
    Args a(argv, {"threshold", "csv", "json", "show", "threads", "run", "model-id", "model"}, {"quiet"});
    const bool with_file = a.has("model");
    if (a.positional().size() == 1 && !with_file)
        throw ConfigError("give a PROJECT, or --model FILE (see --help)");
    a.expect_positional(1, 2, "[PROJECT] CAPTURE");
    const bool with_project = a.positional().size() == 2;
    const std::string capture = a.positional().back();
    classify::ClassifyOptions o;
    o.threshold = a.get_double("threshold", 0.5, 0, 1);
    o.threads = static_cast<int>(a.get_int("threads", 0, 0, 1024));
    CancelToken token;
    CancelOnSigint sigint(token);
    ProgressPrinter printer(a.flag("quiet"));

    std::optional<store::Project> project;
    std::optional<std::int64_t> model_id;
    std::vector<std::uint8_t> bytes;
    if (with_project) project.emplace(store::Project::open(a.positional()[0]));
    if (with_file) {
        bytes = model::read_file_bytes(*a.get("model"));
    } else if (auto run = a.get("run")) {
        bytes = store::run_model_bytes(project->db(), parse_int("--run", *run, 1, INT64_MAX));
    } else {
        if (auto m = a.get("model-id")) {
            model_id = parse_int("--model-id", *m, 1, INT64_MAX);
        } else {
            model_id = store::latest_model_id(project->db());
            if (!model_id) throw ConfigError("the project has no model: train one first");
        }
        bytes = store::model_bytes(project->db(), *model_id);
    }
    model::Classifier clf(bytes, o.threads);
    classify::ClassifyResult r;
    if (project) {
        auto pc = classify::classify_into_project(*project, clf, model_id, capture, o, printer.fn(), &token);
        printer.done();
        r = std::move(pc.result);
        std::printf("capture %lld imported; classification %lld stored\n",
                    static_cast<long long>(pc.capture_id), static_cast<long long>(pc.classification_id));
    } else {
        r = classify::classify_capture(clf, capture, o, printer.fn(), &token);
        printer.done();
    }
    if (r.cancelled) throw CancelledError();
    if (!r.stats.error.empty()) std::fprintf(stderr, "warning: capture read stopped early: %s\n", r.stats.error.c_str());
    std::printf("%zu flows classified (%llu without payload skipped), threshold %.2f\n", r.flows.size(),
                static_cast<unsigned long long>(r.flows_without_image), o.threshold);
    for (auto& [label, n] : r.counts)
        std::printf("  %-20s %8lld  %5.1f%%\n", label.c_str(), static_cast<long long>(n),
                    r.flows.empty() ? 0.0 : 100.0 * static_cast<double>(n) / static_cast<double>(r.flows.size()));
    const auto show = static_cast<std::size_t>(a.get_int("show", 20, 0, INT64_MAX));
    if (show && !r.flows.empty()) {
        std::printf("\n%6s %-5s %-40s %-16s %7s  %s\n", "flow", "proto", "client -> server", "label", "conf", "top 3");
        for (std::size_t i = 0; i < r.flows.size() && i < show; ++i) {
            const auto& f = r.flows[i];
            const auto& k = f.record.key;
            std::string ends = k.client.to_string() + ":" + std::to_string(k.client_port) + " -> " +
                               k.server.to_string() + ":" + std::to_string(k.server_port);
            std::string top;
            for (auto& [l, p] : f.top3) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%s%s %.3f", top.empty() ? "" : ", ", l.c_str(), static_cast<double>(p));
                top += buf;
            }
            std::printf("%6llu %-5s %-40s %-16s %7.4f  %s\n", static_cast<unsigned long long>(f.record.index),
                        k.l4proto == 6 ? "tcp" : k.l4proto == 17 ? "udp" : "?", ends.c_str(), f.label.c_str(),
                        static_cast<double>(f.confidence), top.c_str());
        }
        if (r.flows.size() > show) std::printf("... %zu more (use --csv/--json)\n", r.flows.size() - show);
    }
    if (auto f = a.get("csv")) {
        classify::write_csv(r, *f);
        std::printf("CSV written to %s\n", f->c_str());
    }
    if (auto f = a.get("json")) {
        classify::write_json(r, clf.info(), o.threshold, *f);
        std::printf("JSON written to %s\n", f->c_str());
    }
    return 0;
}

CommandRegistrar reg({"classify", "label the flows of a capture with a trained model", kUsage, run_classify});

}  // namespace
}  // namespace flowcnn::cli::ml
