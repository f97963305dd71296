// flowcnn import: captures -> flows in a project.
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/common/error.h"
#include "engine/dataset/rules.h"
#include "engine/store/importer.h"

namespace flowcnn::cli {
namespace {
namespace fs = std::filesystem;

const char* kUsage =
    "usage: flowcnn import PROJECT PATH... [options]\n"
    "\n"
    "Reads pcap, pcapng and Network Monitor (.cap) captures, assembles bidirectional flows and\n"
    "stores each flow with its first 784 payload bytes. A PATH that is a folder imports the\n"
    "capture files in it; with --folder-per-class it is read as FOLDER/<label>/*.{pcap,pcapng,cap}\n"
    "and every capture is labelled with its folder's name. PROJECT is created if missing.\n"
    "\n"
    "options:\n"
    "  --label L               label every flow of the captures with L\n"
    "  --rules FILE            labelling rules (docs/file-formats.md); a matching rule overrides --label\n"
    "  --folder-per-class      PATHs are folders of per-class folders\n"
    "  --direction both|client|server   payload of both directions (default) or one\n"
    "  --fill repeat|zero      fill short payloads by repeating them (the paper) or with zeros\n"
    "  --idle-timeout S        end a flow after S seconds without packets (default 120)\n"
    "  --active-timeout S      end a flow S seconds after its first packet (default 1800)\n"
    "  --keep-retransmissions  add retransmitted TCP bytes again (default: dropped)\n"
    "  --quiet                 no progress on stderr";

bool is_capture(const fs::path& p) {
    auto ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".pcap" || ext == ".pcapng" || ext == ".cap";
}

void print_result(const store::ImportResult& r, const std::string& shown) {
    const auto& s = r.stats;
    std::printf("capture %lld %s: %s, %s frames, %s packets, %s flows (%s with images)",
                static_cast<long long>(r.capture_id), shown.c_str(), r.status.c_str(),
                thousands(static_cast<std::int64_t>(s.frames)).c_str(),
                thousands(static_cast<std::int64_t>(s.packets)).c_str(),
                thousands(static_cast<std::int64_t>(s.flows)).c_str(),
                thousands(static_cast<std::int64_t>(s.flows_with_image)).c_str());
    if (r.flows_by_rule) std::printf(", %lld labelled by rules", static_cast<long long>(r.flows_by_rule));
    std::printf(", %.2f s\n", r.seconds);
    if (s.skipped.total() || s.non_packet_frames) {
        std::printf("  skipped:");
        for (std::size_t i = 0; i < packet::kSkipReasonCount; ++i)
            if (s.skipped.by_reason[i])
                std::printf(" %s=%llu", std::string(packet::skip_reason_name(static_cast<packet::SkipReason>(i))).c_str(),
                            static_cast<unsigned long long>(s.skipped.by_reason[i]));
        if (s.non_packet_frames)
            std::printf(" non_packet_frames=%llu", static_cast<unsigned long long>(s.non_packet_frames));
        std::printf("\n");
    }
    if (!s.error.empty()) std::printf("  stopped early: %s\n", s.error.c_str());
}

int run_import(const std::vector<std::string>& argv) {
    Args args(argv, {"label", "rules", "direction", "fill", "idle-timeout", "active-timeout"},
              {"folder-per-class", "keep-retransmissions", "quiet"});
    args.expect_positional(2, 100000, "PROJECT PATH...");
    store::ImportOptions opt;
    if (auto l = args.get("label")) {
        if (l->empty()) throw ConfigError("--label must not be empty");
        opt.label = *l;
    }
    if (auto d = args.get("direction"); d && !flow::parse_direction(*d, opt.flow.direction))
        throw ConfigError("--direction: expected both, client or server, got '" + *d + "'");
    if (auto f = args.get("fill"); f && !flow::parse_fill_mode(*f, opt.flow.fill))
        throw ConfigError("--fill: expected repeat or zero, got '" + *f + "'");
    opt.flow.idle_timeout_s = args.get_double("idle-timeout", opt.flow.idle_timeout_s, 1e-3, 1e9);
    opt.flow.active_timeout_s = args.get_double("active-timeout", opt.flow.active_timeout_s, 1e-3, 1e9);
    opt.flow.drop_tcp_retransmissions = !args.flag("keep-retransmissions");
    if (auto r = args.get("rules")) opt.rules = dataset::import_rules(dataset::RuleSet::load(*r));
    const bool per_class = args.flag("folder-per-class");
    if (per_class && opt.label) throw ConfigError("--label and --folder-per-class exclude each other");

    // Check every path before touching the project.
    struct Item {
        std::string path, shown;
        std::optional<std::string> label;
    };
    std::vector<Item> items;
    const auto& pos = args.positional();
    for (std::size_t i = 1; i < pos.size(); ++i) {
        const auto& path = pos[i];
        std::error_code ec;
        if (per_class) {
            for (auto& [label, file] : store::folder_captures(path))
                items.push_back({file, label + "/" + fs::path(file).filename().string(), label});
        } else if (fs::is_directory(path, ec)) {
            std::vector<std::string> files;
            for (auto& e : fs::directory_iterator(path, ec))
                if (e.is_regular_file() && is_capture(e.path())) files.push_back(e.path().string());
            if (files.empty()) throw IoError("'" + path + "' holds no capture files (.pcap, .pcapng, .cap)");
            std::sort(files.begin(), files.end());
            for (auto& f : files) items.push_back({f, f, opt.label});
        } else if (fs::exists(path, ec)) {
            items.push_back({path, path, opt.label});
        } else {
            throw IoError("cannot read '" + path + "': no such file");
        }
    }

    const auto& project_path = pos[0];
    auto project = fs::exists(project_path) ? store::Project::open(project_path) : store::Project::create(project_path);
    CancelToken cancel;
    CancelOnSigint sigint(cancel);
    ProgressPrinter printer(args.flag("quiet"));
    int failures = 0;
    std::uint64_t flows = 0, images = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto item_opt = opt;
        item_opt.label = items[i].label;
        if (per_class) item_opt.label_source = "folder";
        try {
            auto r = store::import_capture(project, items[i].path, item_opt, printer.fn(), &cancel);
            printer.done();
            print_result(r, items[i].shown);
            flows += r.stats.flows;
            images += r.stats.flows_with_image;
            if (r.status == "cancelled") {
                std::fprintf(stderr, "flowcnn import: cancelled\n");
                return 130;
            }
        } catch (const IoError& e) {
            printer.done();
            std::fprintf(stderr, "flowcnn import: %s: %s\n", items[i].shown.c_str(), e.what());
            ++failures;
        } catch (const FormatError& e) {
            printer.done();
            std::fprintf(stderr, "flowcnn import: %s: %s\n", items[i].shown.c_str(), e.what());
            ++failures;
        }
    }
    std::printf("imported %zu of %zu captures: %s flows, %s with images\n", items.size() - static_cast<std::size_t>(failures),
                items.size(), thousands(static_cast<std::int64_t>(flows)).c_str(),
                thousands(static_cast<std::int64_t>(images)).c_str());
    return failures ? 1 : 0;
}

CommandRegistrar reg({"import", "import captures (pcap, pcapng, NetMon .cap) into a project", kUsage, run_import});

}  // namespace
}  // namespace flowcnn::cli
