#include "engine/dataset/dataset_loader.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "engine/common/error.h"
#include "engine/image/payload_image.h"

namespace flowcnn::dataset {

Preprocessing dataset_preprocessing(store::Database& db, std::int64_t dataset_id) {
    auto ds = db.prepare(
        "SELECT fill_mode, CASE WHEN json_valid(params_json) THEN json_extract(params_json, '$.payload_bytes') END "
        "FROM datasets WHERE id = ?");
    ds.bind(1, dataset_id);
    if (!ds.step()) throw ConfigError("no dataset with id " + std::to_string(dataset_id));
    Preprocessing p;
    if (!flow::parse_fill_mode(ds.text(0), p.fill))
        throw FormatError("dataset " + std::to_string(dataset_id) + " has an unknown fill mode '" + ds.text(0) + "'");
    if (!ds.is_null(1)) {
        const auto n = ds.int64(1);
        if (n < 1 || n > static_cast<std::int64_t>(flow::kImageBytes))
            throw FormatError("dataset " + std::to_string(dataset_id) + " has payload_bytes " + std::to_string(n) +
                              " (expected 1 to 784)");
        p.payload_bytes = static_cast<std::size_t>(n);
    }
    return p;
}

ImageSet load_split(store::Database& db, std::int64_t dataset_id, std::string_view split) {
    if (split != "train" && split != "val" && split != "test")
        throw ConfigError("unknown split '" + std::string(split) + "' (expected train, val or test)");

    const auto pre = dataset_preprocessing(db, dataset_id);
    const flow::FillMode fill = pre.fill;

    ImageSet set;
    auto cls = db.prepare("SELECT label FROM dataset_classes WHERE dataset_id = ? ORDER BY class_index");
    cls.bind(1, dataset_id);
    while (cls.step()) set.classes.push_back(cls.text(0));

    auto count = db.prepare("SELECT count(*) FROM dataset_flows WHERE dataset_id = ? AND split = ?");
    count.bind(1, dataset_id).bind(2, split);
    count.step();
    const auto n = static_cast<std::size_t>(count.int64(0));
    set.pixels.reserve(n * flow::kImageBytes);
    set.labels.reserve(n);
    set.flow_ids.reserve(n);
    set.names.reserve(n);

    auto rows = db.prepare(
        "SELECT df.flow_id, df.class_index, f.head, COALESCE(NULLIF(f.sni, ''), f.http_host, '') "  // flow::server_name
        "FROM dataset_flows df "
        "JOIN flows f ON f.id = df.flow_id "
        "WHERE df.dataset_id = ? AND df.split = ? ORDER BY df.flow_id");
    rows.bind(1, dataset_id).bind(2, split);
    while (rows.step()) {
        auto head = rows.blob_view(2);
        if (head.empty()) continue;  // never selected by make_dataset; be safe with edited files
        const auto img = image::make_image(head, fill, pre.payload_bytes);
        set.pixels.insert(set.pixels.end(), img.begin(), img.end());
        set.labels.push_back(static_cast<std::int32_t>(rows.int64(1)));
        set.flow_ids.push_back(rows.int64(0));
        set.names.push_back(rows.text(3));
    }
    return set;
}

}  // namespace flowcnn::dataset
