#pragma once
// The project file's schema, as ordered migrations. Migration i (1-based) brings the file from
// schema version i-1 to i; the version is kept in PRAGMA user_version. Append, never edit.
#include <span>
#include <string_view>

namespace flowcnn::store {

std::span<const std::string_view> schema_migrations();
constexpr std::string_view kApplicationId = "flowcnn-project";  // in meta('application')

}  // namespace flowcnn::store
