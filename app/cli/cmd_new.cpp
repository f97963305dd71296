// flowcnn new: creates an empty project file.
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/store/project.h"

namespace flowcnn::cli {
namespace {

int run_new(const std::vector<std::string>& argv) {
    Args args(argv, {});
    args.expect_positional(1, 1, "PROJECT");
    const auto& path = args.positional()[0];
    auto p = store::Project::create(path);
    std::printf("created project %s (schema version %d)\n", path.c_str(), p.schema_version());
    return 0;
}

CommandRegistrar reg({"new", "create an empty project file",
                      "usage: flowcnn new PROJECT\n\n"
                      "Creates PROJECT (an SQLite file, by convention *.flowcnn). Fails if the file exists.",
                      run_new});

}  // namespace
}  // namespace flowcnn::cli
