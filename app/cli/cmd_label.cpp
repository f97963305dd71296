// flowcnn label: labels flows by rules, from a per-flow CSV, by id or by capture.
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/common/error.h"
#include "engine/dataset/csv_labels.h"
#include "engine/dataset/rules.h"
#include "engine/dpi/dpi_labels.h"
#include "engine/dpi/ndpi_labeler.h"
#include "engine/store/project.h"

namespace flowcnn::cli {
namespace {

const char* kUsage =
    "usage: flowcnn label PROJECT --rules FILE [--all]\n"
    "       flowcnn label PROJECT --csv FILE [--unlabelled-only] [--source manual|rule|folder|capture]\n"
    "                     [--label-column label_recommended] [--confidence-column confidence]\n"
    "                     [--confidence-prefix DPI] [--capture-column pcap] [--proto-column l4proto]\n"
    "                     [--src-column src_ip] [--sport-column src_port]\n"
    "                     [--dst-column dst_ip] [--dport-column dst_port]\n"
    "       flowcnn label PROJECT --ndpi [--unlabelled-only] [--any-confidence] [--captures 1,2]\n"
    "       flowcnn label PROJECT --ids 1,2,3 (--set LABEL | --clear)\n"
    "       flowcnn label PROJECT --capture ID (--set LABEL | --clear)\n"
    "\n"
    "Labels flows. With --rules, the first matching rule of FILE labels each unlabelled flow (every\n"
    "flow with --all); see docs/file-formats.md for the rules format. With --ids or --capture, the given\n"
    "flows (or all flows of a capture) get LABEL, or lose their label with --clear.\n"
    "\n"
    "With --csv, FILE is a per-flow CSV with a header line (nDPI's labels.csv, Zeek's conn.log as\n"
    "CSV, a spreadsheet; the defaults read ../shared/datasets/*/labels.csv). Its rows are joined to\n"
    "the flows on the capture's file name, the protocol (TCP/UDP/tcp/udp/6/17) and the unordered\n"
    "endpoint pair, addresses normalised. Rows are used when their label is not empty or \"Unknown\"\n"
    "and their confidence starts with the prefix (--confidence-prefix '': every row). A row with an\n"
    "empty capture field (or --capture-column '': a CSV of one capture) matches every capture. A\n"
    "5-tuple with conflicting labels in one capture labels none of its flows. Every matched flow\n"
    "gets the CSV's label (only flows without a label with --unlabelled-only), with label source\n"
    "--source (default manual).\n"
    "\n"
    "With --ndpi, nDPI (deep packet inspection, libndpi) reads every capture of the project again\n"
    "from its file (or only --captures), with the flows cut as at import, and labels each flow with\n"
    "its verdict: the application of nDPI's Master.App (TLS.YouTube -> YouTube; DNS, MDNS and\n"
    "LLMNR lookups keep the lookup protocol), label source 'dpi'. Only verdicts read from the\n"
    "payload (confidence \"DPI...\") are used unless --any-confidence (port and address guesses).\n"
    "Captures whose file is gone are reported and skipped.";

constexpr const char* kCsvOptions[] = {"label-column", "confidence-column", "confidence-prefix", "capture-column",
                                       "src-column",   "sport-column",      "dst-column",        "dport-column",
                                       "proto-column", "source",            "unlabelled-only"};

int run_label_csv(const Args& args) {
    if (args.has("set") || args.has("clear")) throw ConfigError("--set/--clear do not go with --csv");
    if (args.flag("all"))
        throw ConfigError("--csv labels every matched flow already; --unlabelled-only keeps existing labels");
    dataset::CsvLabelOptions opt;
    opt.label_column = args.get_or("label-column", opt.label_column);
    opt.confidence_column = args.get_or("confidence-column", opt.confidence_column);
    opt.confidence_prefix = args.get_or("confidence-prefix", opt.confidence_prefix);
    opt.capture_column = args.get_or("capture-column", opt.capture_column);
    opt.src_column = args.get_or("src-column", opt.src_column);
    opt.sport_column = args.get_or("sport-column", opt.sport_column);
    opt.dst_column = args.get_or("dst-column", opt.dst_column);
    opt.dport_column = args.get_or("dport-column", opt.dport_column);
    opt.proto_column = args.get_or("proto-column", opt.proto_column);
    for (const auto* c : {&opt.label_column, &opt.src_column, &opt.sport_column, &opt.dst_column, &opt.dport_column,
                          &opt.proto_column})
        if (c->empty()) throw ConfigError("column names must not be empty (only --capture-column may be)");
    const std::string source = args.get_or("source", "manual");
    if (source != "manual" && source != "rule" && source != "folder" && source != "capture")
        throw ConfigError("--source: '" + source + "' is not one of manual, rule, folder, capture");
    auto project = store::Project::open(args.positional()[0]);
    CancelToken cancel;
    CancelOnSigint sigint(cancel);
    const auto labels = dataset::read_csv_labels(*args.get("csv"), opt, &cancel);
    std::printf("csv rows %lld, usable %lld, 5-tuples %zu (%lld with conflicting labels)\n",
                static_cast<long long>(labels.rows), static_cast<long long>(labels.usable), labels.labels.size(),
                static_cast<long long>(labels.conflicting()));
    const auto only_unlabelled = args.flag("unlabelled-only");
    const auto r = dataset::apply_csv_labels(project, labels, only_unlabelled, source, &cancel);
    std::printf("project flows %lld, labelled %lld", static_cast<long long>(r.flows),
                static_cast<long long>(r.labelled));
    if (only_unlabelled) std::printf(", %lld already labelled kept", static_cast<long long>(r.kept));
    std::printf("\n");
    return 0;
}

void print_ndpi_result(const dpi::DpiLabelResult& r, bool only_unlabelled) {
    for (const auto& c : r.captures) {
        std::printf("capture %lld %s: %lld flows, %lld named by nDPI, %lld labelled", static_cast<long long>(c.capture_id),
                    c.name.c_str(), static_cast<long long>(c.flows), static_cast<long long>(c.verdicts),
                    static_cast<long long>(c.labelled));
        if (c.mismatched) std::printf(", %lld not found again (skipped)", static_cast<long long>(c.mismatched));
        if (!c.error.empty()) std::printf(" (%s)", c.error.c_str());
        std::printf("\n");
    }
    std::printf("labelled %lld flows (%lld changed)", static_cast<long long>(r.labelled),
                static_cast<long long>(r.changed));
    if (only_unlabelled) std::printf(", %lld already labelled kept", static_cast<long long>(r.kept));
    std::printf("\nconfidence:");
    for (const auto& [name, n] : r.confidences) std::printf(" %s %lld;", name.c_str(), static_cast<long long>(n));
    std::printf("\nlabels:");
    for (const auto& [name, n] : r.labels) std::printf(" %s %lld;", name.c_str(), static_cast<long long>(n));
    std::printf("\n");
}

int run_label_ndpi(const Args& args) {
    if (args.has("set") || args.has("clear") || args.flag("all"))
        throw ConfigError("--set, --clear and --all do not go with --ndpi");
    dpi::DpiLabelOptions opt;
    opt.only_unlabelled = args.flag("unlabelled-only");
    opt.payload_only = !args.flag("any-confidence");
    if (auto c = args.get("captures"))
        for (auto& part : split(*c, ',')) opt.capture_ids.push_back(parse_int("--captures", part, 1, INT64_MAX));
    auto project = store::Project::open(args.positional()[0]);
    for (auto id : opt.capture_ids)
        if (!project.capture(id)) throw ConfigError("no capture with id " + std::to_string(id));
    CancelToken cancel;
    CancelOnSigint sigint(cancel);
    std::fprintf(stderr, "nDPI %s\n", dpi::ndpi_version().c_str());
    const auto r = dpi::apply_ndpi_labels(project, opt, {}, &cancel);
    print_ndpi_result(r, opt.only_unlabelled);
    return 0;
}

int run_label(const std::vector<std::string>& argv) {
    Args args(argv,
              {"rules", "ids", "set", "capture", "csv", "label-column", "confidence-column", "confidence-prefix",
               "capture-column", "src-column", "sport-column", "dst-column", "dport-column", "proto-column", "source",
               "captures"},
              {"all", "clear", "unlabelled-only", "ndpi", "any-confidence"});
    args.expect_positional(1, 1, "PROJECT");
    const int modes = args.has("rules") + args.has("ids") + args.has("capture") + args.has("csv") + args.flag("ndpi");
    if (modes != 1) throw ConfigError("give exactly one of --rules, --csv, --ndpi, --ids or --capture");
    if (args.flag("ndpi")) {
        for (const char* o : kCsvOptions)
            if (args.has(o) && std::string_view(o) != "unlabelled-only") throw ConfigError(std::string("--") + o + " goes only with --csv");
        return run_label_ndpi(args);
    }
    if (args.has("captures") || args.flag("any-confidence"))
        throw ConfigError("--captures and --any-confidence go only with --ndpi");
    if (args.has("csv")) return run_label_csv(args);
    for (const char* o : kCsvOptions)
        if (args.has(o)) throw ConfigError(std::string("--") + o + " goes only with --csv");
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

CommandRegistrar reg({"label", "label flows by rules file, per-flow CSV, nDPI, id or capture", kUsage, run_label});

}  // namespace
}  // namespace flowcnn::cli
