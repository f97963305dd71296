// flowcnn: the headless command-line entry over the engine.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "app/cli/command.h"
#include "engine/common/error.h"

namespace flowcnn::cli {
std::vector<Command>& commands() {
    static std::vector<Command> all;
    return all;
}
}  // namespace flowcnn::cli

namespace {
#ifdef FLOWCNN_ML_HELPER
// The model engine's commands live in flowcnn-ml (see app/CMakeLists.txt): next to this program
// in a build tree, in ../lib/flowcnn/ when installed. Empty when neither exists.
std::string ml_helper() {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    for (const char* rel : {FLOWCNN_ML_HELPER, FLOWCNN_ML_HELPER_INSTALLED}) {
        const auto p = (self.parent_path() / rel).lexically_normal();
        if (::access(p.c_str(), X_OK) == 0) return p.string();
    }
    return {};
}

// Replaces this process with flowcnn-ml and the same arguments (argv[0] stays "flowcnn", so
// messages read the same; under mpirun the rank keeps its process and environment). Returns only
// when that is impossible, with the exit code to use.
int exec_ml(char** argv, const std::string& what) {
    const std::string helper = ml_helper();
    if (helper.empty()) {
        std::fprintf(stderr,
                     "flowcnn: %s needs the model engine program flowcnn-ml, which is not installed next to "
                     "flowcnn (or in ../lib/flowcnn)\n",
                     what.c_str());
        return 2;
    }
    std::fflush(nullptr);
    ::execv(helper.c_str(), argv);
    std::fprintf(stderr, "flowcnn: cannot run %s: %s\n", helper.c_str(), std::strerror(errno));
    return 1;
}

// A core command that hands over to flowcnn-ml for some options (the CNN row of the baselines).
bool needs_ml(const std::vector<std::string>& args) {
    return args[0] == "baseline" && std::any_of(args.begin() + 1, args.end(), [](const std::string& a) {
               return a == "--cnn" || a == "--all";
           });
}
#endif

void print_help() {
    std::printf("flowcnn - FlowCNN Workbench command line\n\nusage: flowcnn <command> [options]\n\ncommands:\n");
    auto cmds = flowcnn::cli::commands();
    std::sort(cmds.begin(), cmds.end(), [](auto& a, auto& b) { return a.name < b.name; });
    for (auto& c : cmds) std::printf("  %-12s %s\n", c.name.c_str(), c.summary.c_str());
    std::printf("\nRun 'flowcnn <command> --help' for a command's options.\n");
}
}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
#ifdef FLOWCNN_ML_HELPER
    // flowcnn-ml knows every command: it prints the full help and runs the commands we lack.
    {
        const auto& cmds = flowcnn::cli::commands();
        const bool help = args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help";
        if (help && args.size() < 2) {
            if (!ml_helper().empty()) return exec_ml(argv, "--help");
        } else {
            const std::string& name = help ? args[1] : args[0];
            const bool known = std::any_of(cmds.begin(), cmds.end(), [&](const auto& c) { return c.name == name; });
            if (!known && name != "--version") {
                if (!ml_helper().empty()) return exec_ml(argv, "'" + name + "'");
                std::fprintf(stderr,
                             "flowcnn: unknown command '%s' (see 'flowcnn --help'; the model engine's commands "
                             "need flowcnn-ml, which was not found)\n",
                             name.c_str());
                return 2;
            }
            if (!help && needs_ml(args)) return exec_ml(argv, "'" + name + " --cnn/--all'");
        }
    }
#endif
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        if (args.size() >= 2) args = {args[1], "--help"};
        else {
            print_help();
            return args.empty() ? 2 : 0;
        }
    }
    if (args[0] == "--version") {
        std::puts("flowcnn 0.1.0");
        return 0;
    }
    for (auto& c : flowcnn::cli::commands()) {
        if (c.name != args[0]) continue;
        std::vector<std::string> rest(args.begin() + 1, args.end());
        if (std::find(rest.begin(), rest.end(), "--help") != rest.end()) {
            std::printf("%s\n", c.usage.c_str());
            return 0;
        }
        try {
            return c.run(rest);
        } catch (const flowcnn::ConfigError& e) {
            std::fprintf(stderr, "flowcnn %s: %s\n", c.name.c_str(), e.what());
            return 2;
        } catch (const flowcnn::CancelledError&) {
            std::fprintf(stderr, "flowcnn %s: cancelled\n", c.name.c_str());
            return 130;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "flowcnn %s: error: %s\n", c.name.c_str(), e.what());
            return 1;
        }
    }
    std::fprintf(stderr, "flowcnn: unknown command '%s' (see 'flowcnn --help')\n", args[0].c_str());
    return 2;
}
