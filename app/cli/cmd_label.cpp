// flowcnn label: labels flows by rules, by id or by capture.
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/common/error.h"
#include "engine/dataset/rules.h"
#include "engine/store/project.h"

namespace flowcnn::cli {
namespace {

const char* kUsage =
    "usage: flowcnn label PROJECT --rules FILE [--all]\n"
    "       flowcnn label PROJECT --ids 1,2,3 (--set LABEL | --clear)\n"
    "       flowcnn label PROJECT --capture ID (--set LABEL | --clear)\n"
    "\n"
    "Labels flows. With --rules, the first matching rule of FILE labels each unlabelled flow (every\n"
    "flow with --all); see the README for the rules format. With --ids or --capture, the given\n"
    "flows (or all flows of a capture) get LABEL, or lose their label with --clear.";

int run_label(const std::vector<std::string>& argv) {
    Args args(argv, {"rules", "ids", "set", "capture"}, {"all", "clear"});
    args.expect_positional(1, 1, "PROJECT");
    const int modes = args.has("rules") + args.has("ids") + args.has("capture");
    if (modes != 1) throw ConfigError("give exactly one of --rules, --ids or --capture");
    if (args.has("rules")) {
        if (args.has("set") || args.has("clear")) throw ConfigError("--set/--clear do not go with --rules");
        const auto rules = dataset::RuleSet::load(*args.get("rules"));
        auto project = store::Project::open(args.positional()[0]);
        const auto r = dataset::apply_rules(project, rules, !args.flag("all"));
        std::printf("%lld flows examined, %lld matched a rule, %lld changed\n", static_cast<long long>(r.examined),
                    static_cast<long long>(r.matched), static_cast<long long>(r.changed));
        for (std::size_t i = 0; i < r.per_rule.size(); ++i) {
            const auto& rule = rules.rules()[i];
            std::printf("  line %d (%s): %lld flows\n", rule.line, rule.label ? rule.label->c_str() : "no label",
                        static_cast<long long>(r.per_rule[i]));
        }
        return 0;
    }
    if (args.has("set") == args.flag("clear")) throw ConfigError("give either --set LABEL or --clear");
    std::optional<std::string> label;
    if (auto s = args.get("set")) {
        if (s->empty()) throw ConfigError("--set: the label must not be empty (use --clear)");
        label = *s;
    }
    auto project = store::Project::open(args.positional()[0]);
    if (auto c = args.get("capture")) {
        const auto id = parse_int("--capture", *c, 1, INT64_MAX);
        if (!project.capture(id)) throw ConfigError("no capture with id " + *c);
        const auto n = project.set_capture_label(id, label, "manual");
        std::printf("%lld flows of capture %lld %s\n", static_cast<long long>(n), static_cast<long long>(id),
                    label ? ("labelled " + *label).c_str() : "unlabelled");
        return 0;
    }
    std::vector<std::int64_t> ids;
    for (auto& part : split(*args.get("ids"), ',')) ids.push_back(parse_int("--ids", part, 1, INT64_MAX));
    for (auto id : ids)
        if (!project.flow(id)) throw ConfigError("no flow with id " + std::to_string(id));
    const auto n = project.set_labels(ids, label, "manual");
    std::printf("%lld of %zu flows changed\n", static_cast<long long>(n), ids.size());
    return 0;
}

CommandRegistrar reg({"label", "label flows by rules file, by id or by capture", kUsage, run_label});

}  // namespace
}  // namespace flowcnn::cli
