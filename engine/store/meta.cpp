#include "engine/store/meta.h"

namespace flowcnn::store {

std::optional<std::string> read_meta(Database& db, std::string_view key) {
    auto st = db.prepare("SELECT value FROM meta WHERE key = ?");
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    return st.text(0);
}

void write_meta(Database& db, std::string_view key, std::string_view value) {
    auto st = db.prepare("INSERT INTO meta(key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value).run();
}

void delete_meta(Database& db, std::string_view key) {
    db.prepare("DELETE FROM meta WHERE key = ?").bind(1, key).run();
}

}  // namespace flowcnn::store
