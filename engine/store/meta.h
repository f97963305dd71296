#pragma once
// The project's `meta` table (key/value): schema facts, and the grid search's process lock.
#include <optional>
#include <string>
#include <string_view>

#include "engine/store/database.h"

namespace flowcnn::store {

std::optional<std::string> read_meta(Database& db, std::string_view key);  // nullopt: no such key
void write_meta(Database& db, std::string_view key, std::string_view value);  // insert or replace
void delete_meta(Database& db, std::string_view key);

}  // namespace flowcnn::store
