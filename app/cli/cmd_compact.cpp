// flowcnn compact: drops what only resuming finished runs needed and shrinks the project file.
#include <cstdio>
#include <filesystem>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/store/project.h"

namespace flowcnn::cli {
namespace {

std::uintmax_t file_size_or_zero(const std::string& path) {
    std::error_code ec;
    const auto n = std::filesystem::file_size(path, ec);
    return ec ? 0 : n;
}

int run_compact(const std::vector<std::string>& argv) {
    Args args(argv, {});
    args.expect_positional(1, 1, "PROJECT");
    const auto& path = args.positional()[0];
    const auto before = file_size_or_zero(path) + file_size_or_zero(path + "-wal");
    std::int64_t dropped = 0;
    {
        auto p = store::Project::open(path);
        dropped = p.compact();
    }  // closed: the WAL is checkpointed into the file
    const auto after = file_size_or_zero(path) + file_size_or_zero(path + "-wal");
    std::printf("dropped %lld checkpoints of complete runs; %s: %.1f MB -> %.1f MB\n",
                static_cast<long long>(dropped), path.c_str(), static_cast<double>(before) / 1e6,
                static_cast<double>(after) / 1e6);
    return 0;
}

CommandRegistrar reg({"compact", "drop finished runs' checkpoints and shrink a project file",
                      "usage: flowcnn compact PROJECT\n\n"
                      "Drops the checkpoints (weights and optimizer state) that complete runs of older\n"
                      "projects still hold (only resuming an unfinished run needs one; runs drop theirs\n"
                      "when they complete) and rewrites the file without its free pages (SQLite VACUUM).\n"
                      "Models, evaluations and everything else stay. No other program may be writing to\n"
                      "the project meanwhile.",
                      run_compact});

}  // namespace
}  // namespace flowcnn::cli
