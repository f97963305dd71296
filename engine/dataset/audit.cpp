#include "engine/dataset/audit.h"

#include <cstdio>
#include <map>
#include <unordered_map>

#include "engine/common/error.h"
#include "engine/store/datasets.h"
#include "engine/common/json_text.h"
#include "engine/store/project.h"

namespace flowcnn::dataset {
namespace {

int split_index(const std::string& s) {
    if (s == "train") return 0;
    if (s == "val") return 1;
    return 2;
}

void counts_json(store::JsonWriter& j, const SplitCounts& c) {
    j.begin_object();
    for (int s = 0; s < 3; ++s) j.key(kSplits[static_cast<std::size_t>(s)]).value(c.n[static_cast<std::size_t>(s)]);
    j.end_object();
}

std::string fmt(const char* f, auto... args) {
    char buf[512];
    std::snprintf(buf, sizeof buf, f, args...);
    return buf;
}

// Warnings: what would make the validation accuracy look better than it is.
void add_warnings(DatasetAudit& a) {
    if (a.images_across_splits > 0)
        a.warnings.push_back(fmt("%lld identical images occur in more than one split (%lld flows): "
                                 "validation accuracy is inflated; rebuild with duplicates kept together",
                                 static_cast<long long>(a.images_across_splits),
                                 static_cast<long long>(a.flows_across_splits)));
    if (a.conflicting_images > 0)
        a.warnings.push_back(fmt("%lld images carry more than one label (%lld flows): no model can "
                                 "classify them all correctly",
                                 static_cast<long long>(a.conflicting_images),
                                 static_cast<long long>(a.conflicting_flows)));
    if (a.captures_across_splits > 0 && a.totals.val() + a.totals.test() > 0)
        a.warnings.push_back(fmt("%lld of %zu captures have flows in more than one split: flows of one "
                                 "capture session can leak between train and validation; consider "
                                 "--group-by-capture",
                                 static_cast<long long>(a.captures_across_splits), a.captures.size()));
    const auto total = a.totals.total();
    if (total > 0 && a.flows_with_hint * 2 > total)
        a.warnings.push_back(fmt("%.0f%% of the images start with a clear-text server name (TLS SNI or "
                                 "HTTP Host): accuracy may come from the name alone",
                                 100.0 * static_cast<double>(a.flows_with_hint) / static_cast<double>(total)));
    for (int s = 0; s < 3; ++s) {
        const auto su = static_cast<std::size_t>(s);
        if (a.totals.n[su] > 0 && a.duplicates_within.n[su] * 10 > a.totals.n[su])
            a.warnings.push_back(fmt("%s: %lld of %lld flows repeat an image already in the split",
                                     kSplits[su], static_cast<long long>(a.duplicates_within.n[su]),
                                     static_cast<long long>(a.totals.n[su])));
    }
    std::int64_t lo = -1, hi = 0;
    for (auto& c : a.classes) {
        const auto n = c.flows.train();
        if (lo < 0 || n < lo) lo = n;
        if (n > hi) hi = n;
        if (c.flows.total() == 0) a.warnings.push_back("class " + c.label + " has no flows");
    }
    if (lo > 0 && hi > 3 * lo)
        a.warnings.push_back(fmt("classes are imbalanced in train: %lld to %lld flows per class",
                                 static_cast<long long>(lo), static_cast<long long>(hi)));
}

}  // namespace

DatasetAudit audit(store::Project& project, std::int64_t dataset_id) {
    auto& db = project.db();
    DatasetAudit a;
    a.dataset_id = dataset_id;
    auto name = store::dataset_name(db, dataset_id);
    if (!name) throw ConfigError("no dataset with id " + std::to_string(dataset_id));
    a.name = std::move(*name);
    for (auto& label : store::dataset_class_labels(db, dataset_id)) a.classes.push_back({std::move(label), {}, 0});

    struct ImageInfo {
        std::array<std::int64_t, 3> per_split{};
        std::int64_t flows = 0;
        std::int32_t first_class = -1;
        bool conflict = false;
    };
    std::unordered_map<std::string, ImageInfo> images;
    std::map<std::int64_t, CaptureAudit> captures;
    std::vector<std::unordered_map<std::string, bool>> class_images(a.classes.size());

    store::for_each_dataset_flow_for_audit(db, dataset_id, [&](const store::DatasetFlowAuditView& f) {
        const int s = split_index(f.split);
        const auto cls = static_cast<std::int32_t>(f.class_index);
        const std::string& sha = f.image_sha1;
        const auto su = static_cast<std::size_t>(s);
        ++a.totals.n[su];
        if (cls >= 0 && static_cast<std::size_t>(cls) < a.classes.size()) {
            ++a.classes[static_cast<std::size_t>(cls)].flows.n[su];
            class_images[static_cast<std::size_t>(cls)].emplace(sha, true);
        }
        auto& img = images[sha];
        if (img.per_split[su] > 0) ++a.duplicates_within.n[su];
        ++img.per_split[su];
        ++img.flows;
        if (img.first_class < 0) img.first_class = cls;
        else if (img.first_class != cls) img.conflict = true;
        auto& cap = captures[f.capture_id];
        cap.capture_id = f.capture_id;
        cap.name = f.capture_name;
        ++cap.flows.n[su];
        if (f.has_server_name) ++a.flows_with_hint;
    });
    a.distinct_images = static_cast<std::int64_t>(images.size());
    for (std::size_t c = 0; c < a.classes.size(); ++c)
        a.classes[c].distinct_images = static_cast<std::int64_t>(class_images[c].size());
    for (auto& [sha, img] : images) {
        int splits = 0;
        for (auto n : img.per_split) splits += n > 0;
        if (splits > 1) {
            ++a.images_across_splits;
            a.flows_across_splits += img.flows;
        }
        if (img.conflict) {
            ++a.conflicting_images;
            a.conflicting_flows += img.flows;
        }
    }
    for (auto& [id, cap] : captures) {
        int splits = 0;
        for (auto n : cap.flows.n) splits += n > 0;
        if (splits > 1) ++a.captures_across_splits;
        a.captures.push_back(cap);
    }

    add_warnings(a);

    store::set_dataset_audit_json(db, dataset_id, a.to_json());
    return a;
}

std::string DatasetAudit::to_json() const {
    store::JsonWriter j;
    j.begin_object();
    j.key("dataset_id").value(dataset_id).key("name").value(name);
    j.key("totals");
    counts_json(j, totals);
    j.key("classes").begin_array();
    for (auto& c : classes) {
        j.begin_object().key("label").value(c.label).key("flows");
        counts_json(j, c.flows);
        j.key("distinct_images").value(c.distinct_images).end_object();
    }
    j.end_array();
    j.key("distinct_images").value(distinct_images);
    j.key("duplicates_within");
    counts_json(j, duplicates_within);
    j.key("images_across_splits").value(images_across_splits);
    j.key("flows_across_splits").value(flows_across_splits);
    j.key("conflicting_images").value(conflicting_images);
    j.key("conflicting_flows").value(conflicting_flows);
    j.key("captures_across_splits").value(captures_across_splits);
    j.key("flows_with_hint").value(flows_with_hint);
    j.key("captures").begin_array();
    for (auto& c : captures) {
        j.begin_object().key("capture_id").value(c.capture_id).key("name").value(c.name).key("flows");
        counts_json(j, c.flows);
        j.end_object();
    }
    j.end_array();
    j.key("warnings").begin_array();
    for (auto& w : warnings) j.value(w);
    j.end_array();
    j.end_object();
    return j.str();
}

std::string DatasetAudit::to_text() const {
    std::string out = fmt("dataset %s (id %lld): %lld flows: train %lld, val %lld, test %lld\n", name.c_str(),
                          static_cast<long long>(dataset_id), static_cast<long long>(totals.total()),
                          static_cast<long long>(totals.train()), static_cast<long long>(totals.val()),
                          static_cast<long long>(totals.test()));
    out += fmt("  %-20s %8s %8s %8s %10s\n", "class", "train", "val", "test", "distinct");
    for (auto& c : classes)
        out += fmt("  %-20s %8lld %8lld %8lld %10lld\n", c.label.c_str(), static_cast<long long>(c.flows.train()),
                   static_cast<long long>(c.flows.val()), static_cast<long long>(c.flows.test()),
                   static_cast<long long>(c.distinct_images));
    out += fmt("  distinct images: %lld\n", static_cast<long long>(distinct_images));
    out += fmt("  duplicates within splits: train %lld, val %lld, test %lld\n",
               static_cast<long long>(duplicates_within.train()), static_cast<long long>(duplicates_within.val()),
               static_cast<long long>(duplicates_within.test()));
    out += fmt("  images in more than one split: %lld (%lld flows)\n", static_cast<long long>(images_across_splits),
               static_cast<long long>(flows_across_splits));
    out += fmt("  images with conflicting labels: %lld (%lld flows)\n", static_cast<long long>(conflicting_images),
               static_cast<long long>(conflicting_flows));
    out += fmt("  capture files: %zu, with flows in more than one split: %lld\n", captures.size(),
               static_cast<long long>(captures_across_splits));
    out += fmt("  flows with a clear-text server name (SNI/Host): %lld\n", static_cast<long long>(flows_with_hint));
    if (warnings.empty()) out += "  no warnings\n";
    for (auto& w : warnings) out += "  warning: " + w + "\n";
    return out;
}

}  // namespace flowcnn::dataset
