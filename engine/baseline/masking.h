#pragma once
// Name masking: the TLS ClientHello server name (SNI) and the HTTP Host travel in clear in the
// first bytes of a flow and can name the application on their own (METHOD.md, "Known
// weaknesses"). These functions blank them so that any model can be trained and scored without
// them: every occurrence of the name and of its registered domain (last two labels; this also
// covers certificate names such as "*.google.com") is set to zero bytes in the flow's stored head,
// ASCII case-insensitively, and the image is rebuilt from the masked head with the dataset's fill.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/dataset/image_set.h"
#include "engine/flow/flow.h"
#include "engine/store/database.h"

namespace flowcnn::baseline {

// Zeroes every ASCII case-insensitive occurrence of `needle` in `bytes`; returns the bytes zeroed.
// An empty needle changes nothing.
std::size_t blank_occurrences(std::vector<std::uint8_t>& bytes, std::string_view needle);

// Blanks `names` (e.g. the SNI and the Host) and their registered domains in a head. Names shorter
// than 4 characters are ignored (too likely to hit unrelated bytes). Returns the bytes zeroed.
std::size_t mask_names(std::vector<std::uint8_t>& head, const std::vector<std::string>& names);

// The server name hint of each flow: its SNI, else its HTTP Host, else "" (same order as ids).
// Throws ConfigError for an id that is not in the flows table.
std::vector<std::string> load_flow_names(store::Database& db, const std::vector<std::int64_t>& flow_ids);

struct MaskStats {
    std::size_t flows = 0;        // flows in the split
    std::size_t with_name = 0;    // flows with an SNI or Host
    std::size_t masked = 0;       // flows in which at least one byte was blanked
    std::size_t bytes = 0;        // head bytes blanked in all
};

// As dataset::load_split, but every image is rebuilt from its head after mask_names(head,
// {sni, http_host}). The set's flows, labels and classes are those of load_split.
dataset::ImageSet load_split_masked(store::Database& db, std::int64_t dataset_id, std::string_view split,
                                    MaskStats* stats = nullptr);

// The general form: images rebuilt from the stored heads with `fill` (instead of the dataset's
// fill mode), keeping `payload_bytes` of each head (0: the dataset's) and, when `mask` is set, with
// the names blanked first. Same flows, labels, classes.
dataset::ImageSet load_split_with(store::Database& db, std::int64_t dataset_id, std::string_view split,
                                  flow::FillMode fill, bool mask, MaskStats* stats = nullptr,
                                  std::size_t payload_bytes = 0);

// The fill mode recorded with a dataset. Throws ConfigError for an unknown dataset.
flow::FillMode dataset_fill(store::Database& db, std::int64_t dataset_id);

}  // namespace flowcnn::baseline
