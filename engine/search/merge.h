#pragma once
// Folding sharded grid searches back into one project.
//
// A search can be split into N shards (SearchSpec::shard/shards), each run on its own machine in
// its own copy of the project file. merge_projects() copies the searches of the shard projects
// into the target project: searches that agree on dataset (by name, with the same classes),
// mode, selection, grid and training options (the shard itself aside) become one search, named
// like the shards without their " (shard i/N)" suffix. Finished trials (complete, pruned, failed)
// are copied with their epochs, sampled batch losses and models; a trial the target already has
// finished is skipped, so merging twice changes nothing. The merged search's best run is
// re-ranked over all trials and only its model is kept. An exhaustive search whose every
// combination is now finished is 'complete'; otherwise it is left 'cancelled', and
// `resume_search` on the target runs the missing combinations. Torch-free.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/progress.h"

namespace flowcnn::search {

struct MergedSearch {
    std::int64_t search_id = 0;  // in the target
    std::string name;
    bool created = false;  // new in the target (else trials were added to an existing one)
    std::size_t runs_added = 0;
    std::size_t runs_skipped = 0;  // already finished in the target, or not finished in the shard
    std::size_t trials_finished = 0;  // after the merge
    std::size_t grid_size = 0;
    std::string status;  // complete | cancelled | running
    std::optional<std::int64_t> best_run_id;
};

struct MergeReport {
    std::vector<MergedSearch> searches;  // one per target search touched, in order of first touch
};

// Merges every search of each source project into `target_path`. Throws IoError/FormatError when
// a project cannot be opened, ConfigError when a source search's dataset is missing from the
// target (or has other classes) or when a source is the target itself. Each source search is
// merged in one transaction.
MergeReport merge_projects(const std::string& target_path, const std::vector<std::string>& sources,
                           const ProgressFn& progress = {});

}  // namespace flowcnn::search
