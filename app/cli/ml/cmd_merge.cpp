// flowcnn merge: folds the grid searches of shard projects (flowcnn search --shard) into one.
#include <cstdio>
#include <string>
#include <vector>

#include "app/cli/command.h"
#include "engine/common/error.h"
#include "engine/search/merge.h"

namespace flowcnn::cli {
namespace {

const char* kUsage =
    "usage: flowcnn merge PROJECT SHARD_PROJECT...\n"
    "\n"
    "Copies the grid searches of each SHARD_PROJECT into PROJECT. The shards must be copies of\n"
    "PROJECT (same datasets) in which `flowcnn search ... --shard I/N` ran. Searches with the "
    "same\n"
    "dataset, grid, mode, selection and training options become one search; finished trials are\n"
    "copied once (merging again adds nothing) and the best run is ranked over all of them. A\n"
    "search that still misses combinations can be finished with `flowcnn search PROJECT --resume "
    "ID`.";

int run(const std::vector<std::string>& args) {
    std::vector<std::string> pos;
    for (const auto& a : args) {
        if (a.size() > 1 && a[0] == '-') throw ConfigError("unknown option " + a + " (see --help)");
        pos.push_back(a);
    }
    if (pos.size() < 2)
        throw ConfigError("expected PROJECT and at least one SHARD_PROJECT (see --help)");
    const std::vector<std::string> sources(pos.begin() + 1, pos.end());
    const auto report = search::merge_projects(pos[0], sources);
    if (report.searches.empty()) std::printf("no searches in the shard projects\n");
    for (const auto& m : report.searches) {
        std::printf(
            "search %lld '%s' (%s): %zu trials added, %zu skipped; %zu of %zu combinations "
            "finished, %s",
            static_cast<long long>(m.search_id), m.name.c_str(), m.created ? "new" : "existing",
            m.runs_added, m.runs_skipped, m.trials_finished, m.grid_size, m.status.c_str());
        if (m.best_run_id) std::printf(", best run %lld", static_cast<long long>(*m.best_run_id));
        std::printf("\n");
        if (m.status != "complete")
            std::printf("  finish with: flowcnn search %s --resume %lld\n", pos[0].c_str(),
                        static_cast<long long>(m.search_id));
    }
    return 0;
}

const CommandRegistrar reg{
    Command{"merge", "fold sharded grid searches (search --shard) into one project", kUsage, run}};

}  // namespace
}  // namespace flowcnn::cli
