#include "engine/baseline/masking.h"

#include <algorithm>
#include <unordered_map>

#include "engine/baseline/baseline.h"
#include "engine/common/error.h"
#include "engine/dataset/dataset_loader.h"
#include "engine/flow/flow.h"
#include "engine/image/payload_image.h"
#include "engine/store/flows.h"

namespace flowcnn::baseline {

namespace {
inline std::uint8_t fold(std::uint8_t c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<std::uint8_t>(c - 'A' + 'a') : c;
}
}  // namespace

std::size_t blank_occurrences(std::vector<std::uint8_t>& bytes, std::string_view needle) {
    const std::size_t n = needle.size();
    if (n == 0 || n > bytes.size()) return 0;
    std::vector<bool> hit(bytes.size(), false);
    // Matches are found on the original bytes (overlapping occurrences included), then blanked.
    for (std::size_t i = 0; i + n <= bytes.size(); ++i) {
        std::size_t j = 0;
        while (j < n && fold(bytes[i + j]) == fold(static_cast<std::uint8_t>(needle[j]))) ++j;
        if (j == n) std::fill(hit.begin() + static_cast<std::ptrdiff_t>(i),
                              hit.begin() + static_cast<std::ptrdiff_t>(i + n), true);
    }
    std::size_t zeroed = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i)
        if (hit[i] && bytes[i] != 0) {
            bytes[i] = 0;
            ++zeroed;
        }
    return zeroed;
}

std::size_t mask_names(std::vector<std::uint8_t>& head, const std::vector<std::string>& names) {
    constexpr std::size_t kMinName = 4;
    std::size_t zeroed = 0;
    for (auto& name : names) {
        if (name.size() < kMinName) continue;
        zeroed += blank_occurrences(head, name);
        const std::string domain = registered_domain(name);
        if (domain.size() >= kMinName && domain.find('.') != std::string::npos)
            zeroed += blank_occurrences(head, domain);
    }
    return zeroed;
}

std::vector<std::string> load_flow_names(store::Database& db, const std::vector<std::int64_t>& flow_ids) {
    std::vector<std::string> names;
    names.reserve(flow_ids.size());
    store::for_each_flow_by_id(db, flow_ids, false, [&](std::size_t, const store::FlowDetail& f) {
        names.push_back(flow::server_name(f.sni, f.http_host));
    });
    return names;
}

flow::FillMode dataset_fill(store::Database& db, std::int64_t dataset_id) {
    return dataset::dataset_preprocessing(db, dataset_id).fill;
}

dataset::ImageSet load_split_with(store::Database& db, std::int64_t dataset_id, std::string_view split,
                                  flow::FillMode fill, bool mask, MaskStats* stats, std::size_t payload_bytes) {
    // load_split checks the dataset and split and gives the flows, labels and classes.
    dataset::ImageSet set = dataset::load_split(db, dataset_id, split);
    const auto pre = dataset::dataset_preprocessing(db, dataset_id);
    if (payload_bytes == 0) payload_bytes = pre.payload_bytes;
    payload_bytes = std::min(payload_bytes, flow::kImageBytes);
    const bool refill = fill != pre.fill || payload_bytes != pre.payload_bytes;
    MaskStats st;
    st.flows = set.size();
    if (!mask && !refill) {
        if (stats) *stats = st;
        return set;
    }
    store::for_each_flow_by_id(db, set.flow_ids, true, [&](std::size_t i, const store::FlowDetail& f) {
        std::vector<std::string> names;
        for (const std::string* name : {&f.sni, &f.http_host})
            if (!name->empty()) names.push_back(*name);
        if (!names.empty()) ++st.with_name;
        std::vector<std::uint8_t> head = f.head;
        std::size_t n = 0;
        if (mask && !names.empty()) n = mask_names(head, names);
        if (n > 0) {
            ++st.masked;
            st.bytes += n;
        }
        if (n == 0 && !refill) return;
        // Names are blanked before the cut: a name that straddles it leaves no readable part.
        if (head.size() > payload_bytes) head.resize(payload_bytes);
        const auto img = image::make_image(head, fill);
        std::copy(img.begin(), img.end(), set.pixels.begin() + static_cast<std::ptrdiff_t>(i * flow::kImageBytes));
    });
    if (stats) *stats = st;
    return set;
}

dataset::ImageSet load_split_masked(store::Database& db, std::int64_t dataset_id, std::string_view split,
                                    MaskStats* stats) {
    return load_split_with(db, dataset_id, split, dataset_fill(db, dataset_id), true, stats);
}

}  // namespace flowcnn::baseline
