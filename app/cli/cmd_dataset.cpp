// flowcnn dataset: create, list, show, audit and delete datasets (train/val/test splits).
#include <cstdio>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/common/error.h"
#include "engine/dataset/audit.h"
#include "engine/dataset/split.h"
#include "engine/store/project.h"

namespace flowcnn::cli {
namespace {

const char* kUsage =
    "usage: flowcnn dataset create PROJECT NAME [options]\n"
    "       flowcnn dataset list PROJECT\n"
    "       flowcnn dataset show PROJECT NAME\n"
    "       flowcnn dataset audit PROJECT NAME\n"
    "       flowcnn dataset delete PROJECT NAME\n"
    "\n"
    "Builds a dataset from the project's labelled flows with images: classes ordered by label\n"
    "name, flows split into train/val(/test). Identical images never straddle splits. NAME may\n"
    "also be a dataset id.\n"
    "\n"
    "create options:\n"
    "  --per-class TRAIN/VAL[/TEST]  flows per class and split (default 1000/300, the paper)\n"
    "  --fractions TRAIN/VAL[/TEST]  fractions of each class instead, e.g. 0.7/0.3\n"
    "  --group-by-capture            keep all flows of one capture file in one split\n"
    "  --drop-duplicates             keep one flow per distinct image (and drop images with\n"
    "                                several labels) instead of keeping copies together\n"
    "  --labels A,B,...              use only these classes\n"
    "  --min-flows N                 leave out classes with fewer than N flows\n"
    "  --seed N                      random seed (default 1)\n"
    "  --fill repeat|zero            image fill recorded with the dataset (default repeat)\n"
    "  --payload-bytes N             keep the first N payload bytes of each flow, then fill to\n"
    "                                784 (default 784, the paper); e.g. 128 keeps the protocol's\n"
    "                                first messages and leaves out per-capture session content\n"
    "  --blank-session-fields        zero the bytes that identify one session, not the application\n"
    "                                (TLS randoms, session ids, key shares, tickets; HTTP cookies,\n"
    "                                dates, ETags; DNS ids; QUIC connection ids) before the images\n"
    "                                are made; models trained on the dataset do the same\n"
    "  --max-per-capture N           at most N train flows of a class per capture file (seeded\n"
    "                                choice; validation and test keep all theirs)\n"
    "  --replace                     replace an existing dataset of that name";

void print_info(const store::DatasetInfo& d) {
    std::printf("%4lld  %-20s train %6lld  val %6lld  test %6lld  classes %zu  %s\n", static_cast<long long>(d.id),
                d.name.c_str(), static_cast<long long>(d.train), static_cast<long long>(d.val),
                static_cast<long long>(d.test), d.classes.size(), d.created_at.c_str());
}

int create(const Args& args) {
    args.expect_positional(3, 3, "create PROJECT NAME");
    dataset::SplitOptions o;
    if (args.has("per-class") && args.has("fractions")) throw ConfigError("give --per-class or --fractions, not both");
    if (auto pc = args.get("per-class")) {
        const auto parts = split(*pc, '/');
        if (parts.size() < 2 || parts.size() > 3) throw ConfigError("--per-class: expected TRAIN/VAL or TRAIN/VAL/TEST");
        o.train_count = parse_int("--per-class", parts[0], 1, 100000000);
        o.val_count = parse_int("--per-class", parts[1], 0, 100000000);
        o.test_count = parts.size() == 3 ? parse_int("--per-class", parts[2], 0, 100000000) : 0;
    }
    if (auto fr = args.get("fractions")) {
        const auto parts = split(*fr, '/');
        if (parts.size() < 2 || parts.size() > 3) throw ConfigError("--fractions: expected TRAIN/VAL or TRAIN/VAL/TEST");
        o.by_counts = false;
        o.train_fraction = parse_double("--fractions", parts[0], 0, 1);
        o.val_fraction = parse_double("--fractions", parts[1], 0, 1);
        o.test_fraction = parts.size() == 3 ? parse_double("--fractions", parts[2], 0, 1) : 0;
    }
    o.group_by_capture = args.flag("group-by-capture");
    if (args.flag("drop-duplicates")) o.duplicates = dataset::DuplicatePolicy::DropCopies;
    if (auto l = args.get("labels")) o.labels = split(*l, ',');
    o.min_flows = args.get_int("min-flows", 0, 0, INT64_MAX);
    o.seed = static_cast<std::uint64_t>(args.get_int("seed", 1, 0, INT64_MAX));
    if (auto f = args.get("fill"); f && !flow::parse_fill_mode(*f, o.fill))
        throw ConfigError("--fill: expected repeat or zero, got '" + *f + "'");
    o.payload_bytes = static_cast<int>(args.get_int("payload-bytes", 784, 1, 784));
    o.max_train_per_capture = args.get_int("max-per-capture", 0, 0, INT64_MAX);
    o.replace = args.flag("replace");
    o.blank_session_fields = args.flag("blank-session-fields");

    auto project = store::Project::open(args.positional()[1]);
    const auto r = dataset::make_dataset(project, args.positional()[2], o);
    std::printf("created dataset %s (id %lld): %zu classes, train %lld, val %lld, test %lld\n",
                args.positional()[2].c_str(), static_cast<long long>(r.dataset_id), r.classes.size(),
                static_cast<long long>(r.train), static_cast<long long>(r.val), static_cast<long long>(r.test));
    if (r.duplicate_images)
        std::printf("%lld images occur in more than one flow (%lld flows): %s\n",
                    static_cast<long long>(r.duplicate_images), static_cast<long long>(r.duplicate_flows),
                    o.duplicates == dataset::DuplicatePolicy::DropCopies ? "one flow of each kept"
                                                                       : "each image's flows kept in one split");
    if (o.payload_bytes != 784) std::printf("images: the first %d payload bytes of each flow, %s fill\n", o.payload_bytes,
                                            std::string(flow::fill_mode_name(o.fill)).c_str());
    if (o.blank_session_fields) std::printf("images: session fields blanked (TLS randoms, ids, keys; HTTP cookies, dates)\n");
    if (r.train_capped)
        std::printf("left out %lld train flows beyond %lld per class and capture\n",
                    static_cast<long long>(r.train_capped), static_cast<long long>(o.max_train_per_capture));
    if (r.duplicate_flows_dropped || r.conflict_flows_dropped)
        std::printf("dropped %lld duplicate flows and %lld flows of multi-label images\n",
                    static_cast<long long>(r.duplicate_flows_dropped), static_cast<long long>(r.conflict_flows_dropped));
    for (auto& w : r.warnings) std::printf("warning: %s\n", w.c_str());
    std::printf("%s", dataset::audit(project, r.dataset_id).to_text().c_str());
    return 0;
}

int run_dataset(const std::vector<std::string>& argv) {
    Args args(argv, {"per-class", "fractions", "labels", "min-flows", "seed", "fill", "payload-bytes", "max-per-capture"},
              {"group-by-capture", "drop-duplicates", "replace", "json", "blank-session-fields"});
    if (args.positional().empty()) throw ConfigError("missing subcommand: create, list, show, audit or delete");
    const auto& sub = args.positional()[0];
    if (sub == "create") return create(args);
    if (sub == "list") {
        args.expect_positional(2, 2, "list PROJECT");
        auto project = store::Project::open(args.positional()[1], true);
        const auto all = project.datasets();
        if (all.empty()) std::printf("no datasets\n");
        for (auto& d : all) print_info(d);
        return 0;
    }
    if (sub == "show" || sub == "audit" || sub == "delete") {
        args.expect_positional(3, 3, sub + " PROJECT NAME");
        auto project = store::Project::open(args.positional()[1], sub == "show");
        const auto id = project.resolve_dataset(args.positional()[2]);
        if (sub == "delete") {
            project.delete_dataset(id);
            std::printf("deleted dataset %s\n", args.positional()[2].c_str());
            return 0;
        }
        if (sub == "audit") {
            const auto a = dataset::audit(project, id);
            std::printf("%s", args.flag("json") ? (a.to_json() + "\n").c_str() : a.to_text().c_str());
            return 0;
        }
        const auto d = *project.dataset(id);
        print_info(d);
        std::printf("fill: %s\nparams: %s\nclasses:", d.fill_mode.c_str(), d.params_json.c_str());
        for (std::size_t i = 0; i < d.classes.size(); ++i) std::printf(" %zu=%s", i, d.classes[i].c_str());
        std::printf("\n");
        if (args.flag("json")) std::printf("audit: %s\n", d.audit_json.c_str());
        return 0;
    }
    throw ConfigError("unknown dataset subcommand '" + sub + "' (create, list, show, audit, delete)");
}

CommandRegistrar reg({"dataset", "create, list, show, audit and delete train/val/test datasets", kUsage, run_dataset});

}  // namespace
}  // namespace flowcnn::cli
