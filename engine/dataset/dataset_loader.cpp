#include "engine/dataset/dataset_loader.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "engine/common/error.h"
#include "engine/features/flow_features.h"
#include "engine/features/session_fields.h"
#include "engine/image/payload_image.h"

namespace flowcnn::dataset {

Preprocessing dataset_preprocessing(store::Database& db, std::int64_t dataset_id) {
    auto ds = db.prepare(
        "SELECT fill_mode, CASE WHEN json_valid(params_json) THEN json_extract(params_json, '$.payload_bytes') END, "
        "CASE WHEN json_valid(params_json) THEN json_extract(params_json, '$.blank_session_fields') END "
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
    p.blank_session_fields = !ds.is_null(2) && ds.int64(2) != 0;
    return p;
}

namespace {

// The flow columns both loaders read, after their id and label columns (0, 1): head (2), server
// name (3, as flow::server_name), then the counts and shape the features need (4..12).
constexpr const char* kFlowColumns =
    "f.head, COALESCE(NULLIF(f.sni, ''), f.http_host, ''), "
    "f.l4proto, f.client_port, f.server_port, f.packets_c2s, f.packets_s2c, f.bytes_c2s, f.bytes_s2c, "
    "f.last_ns - f.first_ns, f.shape";

// Columns 4..12 of a loader's row: the flow's counts and shape.
void append_features(const store::Statement& row, std::span<const std::uint8_t> head,
                     std::span<const flow::PacketShape> shape, ImageSet& set) {
    features::FlowView v;
    v.l4proto = static_cast<std::uint8_t>(row.int64(4));
    v.client_port = static_cast<std::uint16_t>(row.int64(5));
    v.server_port = static_cast<std::uint16_t>(row.int64(6));
    v.packets_c2s = static_cast<std::uint64_t>(row.int64(7));
    v.packets_s2c = static_cast<std::uint64_t>(row.int64(8));
    v.bytes_c2s = static_cast<std::uint64_t>(row.int64(9));
    v.bytes_s2c = static_cast<std::uint64_t>(row.int64(10));
    v.duration_ns = row.int64(11);
    v.head = head;
    v.shape = shape;
    const std::size_t at = set.features.size();
    set.features.resize(at + set.feature_stride);
    features::extract(v, std::span<float>(set.features.data() + at, set.feature_stride));
}

// Appends the row's flow (columns of kFlowColumns from 2 on; column 0 its id) with class `label`,
// its image made with `pre`, and its features when the set carries them. False for a row without
// payload.
bool append_flow_row(const store::Statement& row, std::int32_t label, const Preprocessing& pre, ImageSet& set) {
    const auto head = row.blob_view(2);
    if (head.empty()) return false;
    const auto shape = flow::decode_shape(row.blob_view(12));
    const auto img = features::flow_image(head, shape, static_cast<std::uint8_t>(row.int64(4)),
                                          static_cast<std::uint16_t>(row.int64(6)), pre.fill, pre.payload_bytes,
                                          pre.blank_session_fields);
    set.pixels.insert(set.pixels.end(), img.begin(), img.end());
    set.labels.push_back(label);
    set.flow_ids.push_back(row.int64(0));
    set.names.push_back(row.text(3));
    if (set.feature_stride > 0) append_features(row, head, shape, set);  // features read the stored head
    return true;
}

}  // namespace

ImageSet load_split(store::Database& db, std::int64_t dataset_id, std::string_view split, bool with_features) {
    if (split != "train" && split != "val" && split != "test")
        throw ConfigError("unknown split '" + std::string(split) + "' (expected train, val or test)");

    const auto pre = dataset_preprocessing(db, dataset_id);

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

    if (with_features) {
        set.feature_stride = features::feature_count();
        set.features.reserve(n * set.feature_stride);
    }

    auto rows = db.prepare(std::string("SELECT df.flow_id, df.class_index, ") + kFlowColumns +
                           " FROM dataset_flows df JOIN flows f ON f.id = df.flow_id "
                           "WHERE df.dataset_id = ? AND df.split = ? ORDER BY df.flow_id");
    rows.bind(1, dataset_id).bind(2, split);
    // A row without payload is never selected by make_dataset; be safe with edited files.
    while (rows.step()) append_flow_row(rows, static_cast<std::int32_t>(rows.int64(1)), pre, set);
    return set;
}

ImageSet load_labelled_flows(store::Database& db, const Preprocessing& pre, std::vector<std::string>* image_sha1) {
    ImageSet set;
    auto cls = db.prepare("SELECT DISTINCT label FROM flows WHERE label IS NOT NULL AND head IS NOT NULL ORDER BY label");
    while (cls.step()) set.classes.push_back(cls.text(0));
    set.feature_stride = features::feature_count();
    auto rows = db.prepare(std::string("SELECT f.id, f.label, ") + kFlowColumns +
                           ", COALESCE(f.image_sha1, '') FROM flows f "
                           "WHERE f.label IS NOT NULL AND f.head IS NOT NULL ORDER BY f.id");
    while (rows.step()) {
        const auto at = std::lower_bound(set.classes.begin(), set.classes.end(), rows.text(1));
        if (append_flow_row(rows, static_cast<std::int32_t>(at - set.classes.begin()), pre, set) && image_sha1)
            image_sha1->push_back(rows.text(13));
    }
    return set;
}

std::vector<std::string> image_hashes(store::Database& db) {
    std::vector<std::string> out;
    auto q = db.prepare("SELECT DISTINCT image_sha1 FROM flows WHERE image_sha1 IS NOT NULL ORDER BY image_sha1");
    while (q.step()) out.push_back(q.text(0));
    return out;
}

}  // namespace flowcnn::dataset
