// flowcnn: the headless command-line entry over the engine.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "app/cli/command.h"
#include "engine/common/error.h"

namespace flowcnn::cli {
std::vector<Command>& commands() {
    static std::vector<Command> all;
    return all;
}
}  // namespace flowcnn::cli

namespace {
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
