// flowcnn info: a project's captures, labels, datasets and runs.
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/store/project.h"
#include "engine/store/runs.h"

namespace flowcnn::cli {
namespace {

int run_info(const std::vector<std::string>& argv) {
    Args args(argv, {});
    args.expect_positional(1, 1, "PROJECT");
    auto p = store::Project::open(args.positional()[0], true);
    std::printf("project %s (schema version %d, created %s)\n", p.path().c_str(), p.schema_version(),
                p.get_meta("created_at").value_or("?").c_str());

    const auto caps = p.captures();
    std::printf("\ncaptures: %zu\n", caps.size());
    for (auto& c : caps) {
        std::printf("  %4lld %-32s %-7s %-9s %9s frames %8s flows  label %s", static_cast<long long>(c.id),
                    c.name.c_str(), c.format.c_str(), c.status.c_str(), thousands(c.frames).c_str(),
                    thousands(c.flows).c_str(), c.label.value_or("-").c_str());
        if (c.skipped_json != "{}") std::printf("  skipped %s", c.skipped_json.c_str());
        if (!c.error.empty()) std::printf("  error: %s", c.error.c_str());
        if (c.status == "importing") std::printf("  (still running, or interrupted: flows up to the last batch are kept)");
        std::printf("\n");
    }

    const auto labels = p.label_counts();
    std::int64_t total = 0;
    for (auto& l : labels) total += l.flows;
    std::printf("\nflows: %s\n", thousands(total).c_str());
    for (auto& l : labels)
        std::printf("  %-24s %9s flows %9s with images\n", l.label.empty() ? "(unlabelled)" : l.label.c_str(),
                    thousands(l.flows).c_str(), thousands(l.with_image).c_str());

    const auto sets = p.datasets();
    std::printf("\ndatasets: %zu\n", sets.size());
    for (auto& d : sets)
        std::printf("  %4lld %-20s train %6lld  val %6lld  test %6lld  classes %zu\n", static_cast<long long>(d.id),
                    d.name.c_str(), static_cast<long long>(d.train), static_cast<long long>(d.val),
                    static_cast<long long>(d.test), d.classes.size());

    const auto runs = store::list_runs(p.db());
    std::printf("\nruns: %zu\n", runs.size());
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {  // oldest first
        const auto& r = *it;
        std::printf("  %4lld %-24s dataset %lld  %-9s epochs %lld", static_cast<long long>(r.id),
                    r.name.empty() ? "-" : r.name.c_str(), static_cast<long long>(r.dataset_id), r.status.c_str(),
                    static_cast<long long>(r.epochs_done));
        if (r.train_acc) std::printf("  train %.2f%%", 100 * *r.train_acc);
        if (r.val_acc) std::printf("  val %.2f%%", 100 * *r.val_acc);
        std::printf("\n");
    }
    return 0;
}

CommandRegistrar reg({"info", "summary of a project: captures, labels, datasets, runs",
                      "usage: flowcnn info PROJECT\n\n"
                      "Prints the project's captures (status, frames, flows, skip counts by reason, errors),\n"
                      "flows per label, datasets and model runs.",
                      run_info});

}  // namespace
}  // namespace flowcnn::cli
