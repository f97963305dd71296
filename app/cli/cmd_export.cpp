// flowcnn export: a dataset's splits as IDX (MNIST) files, PNG images or CSV.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "app/cli/args.h"
#include "app/cli/command.h"
#include "engine/common/error.h"
#include "engine/dataset/audit.h"
#include "engine/dataset/dataset_loader.h"
#include "engine/common/csv.h"
#include "engine/export/idx.h"
#include "engine/export/png.h"
#include "engine/store/flows.h"
#include "engine/store/project.h"

namespace flowcnn::cli {
namespace {
namespace fs = std::filesystem;

const char* kUsage =
    "usage: flowcnn export PROJECT DATASET (--idx DIR | --png DIR | --csv FILE) [options]\n"
    "\n"
    "Writes the images of a dataset's splits (train, val and test when not empty):\n"
    "  --idx DIR    DIR/<split>-images-idx3-ubyte and DIR/<split>-labels-idx1-ubyte (MNIST format)\n"
    "               plus DIR/classes.txt (one class name per line, line n = label n)\n"
    "  --png DIR    DIR/<split>/<class>/<NNNNNN>.png, one grayscale 28x28 image per flow\n"
    "  --csv FILE   one row per flow: split, label, class_index, flow_id, capture_id, image_sha1\n"
    "\n"
    "options:\n"
    "  --gz         IDX: gzip-compressed files (name ends in .gz)\n"
    "  --scale N    PNG: enlarge each pixel to NxN (default 1)\n"
    "  --pixels     CSV: add 784 columns pixel0..pixel783\n"
    "  --quiet      no progress on stderr";

int run_export(const std::vector<std::string>& argv) {
    Args args(argv, {"idx", "png", "csv", "scale"}, {"gz", "pixels", "quiet"});
    args.expect_positional(2, 2, "PROJECT DATASET");
    const int kinds = args.has("idx") + args.has("png") + args.has("csv");
    if (kinds != 1) throw ConfigError("give exactly one of --idx DIR, --png DIR or --csv FILE");
    const int scale = static_cast<int>(args.get_int("scale", 1, 1, 64));
    auto project = store::Project::open(args.positional()[0], true);
    const auto id = project.resolve_dataset(args.positional()[1]);

    std::vector<std::pair<std::string, dataset::ImageSet>> splits;
    for (const char* s : dataset::kSplits) {
        auto set = dataset::load_split(project.db(), id, s);
        if (set.size() > 0 || std::string(s) != "test") splits.emplace_back(s, std::move(set));
    }

    if (auto dir = args.get("idx")) {
        fs::create_directories(*dir);
        const std::string gz = args.flag("gz") ? ".gz" : "";
        for (auto& [name, set] : splits) {
            const auto images = (fs::path(*dir) / (name + "-images-idx3-ubyte" + gz)).string();
            const auto labels = (fs::path(*dir) / (name + "-labels-idx1-ubyte" + gz)).string();
            exporter::write_idx(set, images, labels);
            std::printf("%s: %zu images -> %s, %s\n", name.c_str(), set.size(), images.c_str(), labels.c_str());
        }
        const auto classes_path = (fs::path(*dir) / "classes.txt").string();
        std::ofstream classes(classes_path);
        for (auto& c : splits.front().second.classes) classes << c << "\n";
        if (!classes.flush()) throw IoError("cannot write '" + classes_path + "'");
        return 0;
    }
    if (auto dir = args.get("png")) {
        ProgressPrinter printer(args.flag("quiet"));
        for (auto& [name, set] : splits) {
            const auto n = exporter::write_image_pngs(set, (fs::path(*dir) / name).string(), scale, printer.fn());
            printer.done();
            std::printf("%s: %zu images -> %s\n", name.c_str(), n, (fs::path(*dir) / name).string().c_str());
        }
        return 0;
    }
    const auto path = *args.get("csv");
    exporter::CsvWriter csv(path);
    std::vector<std::string> header = {"split", "label", "class_index", "flow_id", "capture_id", "image_sha1"};
    const bool pixels = args.flag("pixels");
    if (pixels)
        for (int i = 0; i < 784; ++i) header.push_back("pixel" + std::to_string(i));
    csv.row(header);
    std::size_t rows = 0;
    for (auto& [name, set] : splits) {
        store::for_each_flow_by_id(project.db(), set.flow_ids, false, [&](std::size_t i, const store::FlowDetail& f) {
            std::vector<std::string> row = {name, set.classes[static_cast<std::size_t>(set.labels[i])],
                                            std::to_string(set.labels[i]), std::to_string(set.flow_ids[i]),
                                            std::to_string(f.capture_id), f.image_sha1};
            if (pixels)
                for (std::size_t k = 0; k < flow::kImageBytes; ++k) row.push_back(std::to_string(set.image(i)[k]));
            csv.row(row);
            ++rows;
        });
    }
    csv.close();
    std::printf("%zu flows -> %s\n", rows, path.c_str());
    return 0;
}

CommandRegistrar reg({"export", "export a dataset as IDX (MNIST), PNG images or CSV", kUsage, run_export});

}  // namespace
}  // namespace flowcnn::cli
