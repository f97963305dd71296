// flowcnn generate: the synthetic ten-application capture set (folder per class).
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/common/error.h"
#include "engine/generator/traffic_generator.h"

namespace flowcnn::cli {
namespace {

const char* kUsage =
    "usage: flowcnn generate OUT_DIR [options]\n"
    "\n"
    "Writes labelled synthetic captures shaped like the paper's data set (Table 3: ten web\n"
    "applications, their port-443/port-80 shares) as OUT_DIR/<app>/<app>-NNN.pcap, ready for\n"
    "`flowcnn import PROJECT OUT_DIR --folder-per-class`. Deterministic for a seed.\n"
    "\n"
    "options:\n"
    "  --flows-per-app N   flows per application (default 1300: 1000 train + 300 validation)\n"
    "  --flows-per-file N  flows per capture file (default 100)\n"
    "  --apps A,B,...      only these applications (default: all ten)\n"
    "  --seed N            random seed (default 1)\n"
    "  --plain             Ethernet + IPv4 only (no VLAN tags, no IPv6)\n"
    "  --quiet             no progress on stderr";

int run_generate(const std::vector<std::string>& argv) {
    Args args(argv, {"flows-per-app", "flows-per-file", "apps", "seed"}, {"plain", "quiet"});
    args.expect_positional(1, 1, "OUT_DIR");
    generator::GeneratorOptions o;
    o.flows_per_app = static_cast<int>(args.get_int("flows-per-app", o.flows_per_app, 1, 10000000));
    o.flows_per_file = static_cast<int>(args.get_int("flows-per-file", o.flows_per_file, 1, 10000000));
    o.seed = static_cast<std::uint64_t>(args.get_int("seed", 1, 0, INT64_MAX));
    if (auto a = args.get("apps")) o.apps = split(*a, ',');
    o.vlan_and_ipv6_variety = !args.flag("plain");
    CancelToken cancel;
    CancelOnSigint sigint(cancel);
    ProgressPrinter printer(args.flag("quiet"));
    const auto files = generator::generate_dataset(args.positional()[0], o, printer.fn(), &cancel);
    printer.done();
    std::string last;
    int flows = 0, nfiles = 0;
    std::uint64_t packets = 0;
    auto flush = [&] {
        if (!last.empty())
            std::printf("%-12s %3d files %6d flows %8llu packets\n", last.c_str(), nfiles, flows,
                        static_cast<unsigned long long>(packets));
    };
    for (auto& f : files) {
        if (f.label != last) {
            flush();
            last = f.label;
            flows = nfiles = 0;
            packets = 0;
        }
        ++nfiles;
        flows += f.flows;
        packets += f.packets;
    }
    flush();
    std::printf("wrote %zu capture files under %s\n", files.size(), args.positional()[0].c_str());
    return 0;
}

CommandRegistrar reg({"generate", "write synthetic labelled captures of ten web applications", kUsage, run_generate});

}  // namespace
}  // namespace flowcnn::cli
