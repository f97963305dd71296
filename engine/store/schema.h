#pragma once
// The project file's schema, as ordered migrations. Migration i (1-based) brings the file from
// schema version i-1 to i; the version is kept in PRAGMA user_version. Append, never edit.
#include <span>
#include <string_view>

namespace flowcnn::store {

std::span<const std::string_view> schema_migrations();
constexpr std::string_view kApplicationId = "flowcnn-project";  // in meta('application')

// The index on flows(image_sha1), part of schema version 1. A big import drops it and builds it
// again at the end (see import_capture); opening a project read-write restores it when an import
// was killed in between.
constexpr std::string_view kFlowsImageIndexSql = "CREATE INDEX IF NOT EXISTS flows_image ON flows(image_sha1)";

}  // namespace flowcnn::store
