#include "engine/dataset/dataset_loader.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "engine/common/error.h"
#include "engine/features/flow_features.h"
#include "engine/features/session_fields.h"
#include "engine/image/payload_image.h"
#include "engine/store/datasets.h"

namespace flowcnn::dataset {

Preprocessing dataset_preprocessing(store::Database& db, std::int64_t dataset_id) {
    const auto stored = store::dataset_preprocessing_columns(db, dataset_id);
    if (!stored) throw ConfigError("no dataset with id " + std::to_string(dataset_id));
    Preprocessing p;
    if (!flow::parse_fill_mode(stored->fill_mode, p.fill))
        throw FormatError("dataset " + std::to_string(dataset_id) + " has an unknown fill mode '" +
                          stored->fill_mode + "'");
    if (stored->payload_bytes) {
        const auto n = *stored->payload_bytes;
        if (n < 1 || n > static_cast<std::int64_t>(flow::kImageBytes))
            throw FormatError("dataset " + std::to_string(dataset_id) + " has payload_bytes " + std::to_string(n) +
                              " (expected 1 to 784)");
        p.payload_bytes = static_cast<std::size_t>(n);
    }
    p.blank_session_fields = stored->blank_session_fields;
    return p;
}

namespace {

// The flow's counts and shape, as the features read them.
void append_features(const store::TrainingFlowView& f, std::span<const flow::PacketShape> shape, ImageSet& set) {
    features::FlowView v;
    v.l4proto = static_cast<std::uint8_t>(f.l4proto);
    v.client_port = static_cast<std::uint16_t>(f.client_port);
    v.server_port = static_cast<std::uint16_t>(f.server_port);
    v.packets_c2s = static_cast<std::uint64_t>(f.packets_c2s);
    v.packets_s2c = static_cast<std::uint64_t>(f.packets_s2c);
    v.bytes_c2s = static_cast<std::uint64_t>(f.bytes_c2s);
    v.bytes_s2c = static_cast<std::uint64_t>(f.bytes_s2c);
    v.duration_ns = f.duration_ns;
    v.head = f.head;
    v.shape = shape;
    const std::size_t at = set.features.size();
    set.features.resize(at + set.feature_stride);
    features::extract(v, std::span<float>(set.features.data() + at, set.feature_stride));
}

// Appends the flow with class `label`, its image made with `pre`, and its features when the set
// carries them. False for a flow without payload.
bool append_flow(const store::TrainingFlowView& f, std::int32_t label, const Preprocessing& pre, ImageSet& set) {
    if (f.head.empty()) return false;
    const auto shape = flow::decode_shape(f.shape);
    const auto img = features::flow_image(f.head, shape, static_cast<std::uint8_t>(f.l4proto),
                                          static_cast<std::uint16_t>(f.server_port), pre.fill, pre.payload_bytes,
                                          pre.blank_session_fields);
    set.pixels.insert(set.pixels.end(), img.begin(), img.end());
    set.labels.push_back(label);
    set.flow_ids.push_back(f.id);
    set.names.push_back(f.server_name);
    if (set.feature_stride > 0) append_features(f, shape, set);  // the features read the stored head
    return true;
}

}  // namespace

ImageSet load_split(store::Database& db, std::int64_t dataset_id, std::string_view split, bool with_features) {
    if (split != "train" && split != "val" && split != "test")
        throw ConfigError("unknown split '" + std::string(split) + "' (expected train, val or test)");

    const auto pre = dataset_preprocessing(db, dataset_id);

    ImageSet set;
    set.classes = store::dataset_class_labels(db, dataset_id);
    const auto n = static_cast<std::size_t>(store::count_dataset_flows(db, dataset_id, split));
    set.pixels.reserve(n * flow::kImageBytes);
    set.labels.reserve(n);
    set.flow_ids.reserve(n);
    set.names.reserve(n);

    if (with_features) {
        set.feature_stride = features::feature_count();
        set.features.reserve(n * set.feature_stride);
    }

    // A flow without payload is never selected by make_dataset; be safe with edited files.
    store::for_each_dataset_flow(db, dataset_id, split, [&](const store::TrainingFlowView& f) {
        append_flow(f, static_cast<std::int32_t>(f.class_index), pre, set);
    });
    return set;
}

ImageSet load_labelled_flows(store::Database& db, const Preprocessing& pre, std::vector<std::string>* image_sha1) {
    ImageSet set;
    set.classes = store::labels_of_flows_with_payload(db);
    set.feature_stride = features::feature_count();
    store::for_each_labelled_flow_with_payload(db, [&](const store::TrainingFlowView& f) {
        const auto at = std::lower_bound(set.classes.begin(), set.classes.end(), f.label);
        if (append_flow(f, static_cast<std::int32_t>(at - set.classes.begin()), pre, set) && image_sha1)
            image_sha1->push_back(f.image_sha1);
    });
    return set;
}

std::vector<std::string> image_hashes(store::Database& db) { return store::distinct_image_hashes(db); }

}  // namespace flowcnn::dataset
