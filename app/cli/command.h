#pragma once
// Subcommand registry of the flowcnn program. Each subcommand lives in its own cmd_*.cpp and
// registers itself with a static CommandRegistrar, so modules can add commands independently.
#include <functional>
#include <string>
#include <vector>

namespace flowcnn::cli {

struct Command {
    std::string name;     // e.g. "import"
    std::string summary;  // one line for `flowcnn --help`
    std::string usage;    // full help for `flowcnn help NAME` / `flowcnn NAME --help`
    // Receives the arguments after the subcommand name; returns the exit code. Throws
    // flowcnn::Error (printed as one line by main, exit 1) or ConfigError for bad usage (exit 2).
    std::function<int(const std::vector<std::string>&)> run;
};

std::vector<Command>& commands();

struct CommandRegistrar {
    explicit CommandRegistrar(Command c) { commands().push_back(std::move(c)); }
};

}  // namespace flowcnn::cli
