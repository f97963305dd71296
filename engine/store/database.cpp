#include "engine/store/database.h"

#include <cerrno>

#include "engine/common/error.h"

namespace flowcnn::store {

namespace {

// What the user can do about a failed write: SQLite says "disk I/O error" for a full disk (EFBIG,
// ENOSPC) and "attempt to write a readonly database" for a read-only file or folder.
std::string advice(sqlite3* db, int rc) {
    const int e = db ? sqlite3_system_errno(db) : 0;
    if ((rc & 0xff) == SQLITE_FULL || e == ENOSPC || e == EFBIG || e == EDQUOT)
        return " (no space left: the disk is full or a file size limit or quota was reached; free some "
               "space and run it again. What this step was writing was rolled back)";
    // SQLite reports a failed write (EFBIG, ENOSPC, EIO) as SQLITE_IOERR_WRITE and similar,
    // and its saved errno is often gone by then: name the usual cause without claiming it.
    if ((rc & 0xff) == SQLITE_IOERR && rc != SQLITE_IOERR_READ && rc != SQLITE_IOERR_SHORT_READ)
        return " (writing failed: most likely no space left on the disk or a file size limit or quota "
               "reached, else a failing disk; free some space and run it again. What this step was "
               "writing was rolled back)";
    if ((rc & 0xff) == SQLITE_READONLY || e == EROFS)
        return " (the project file or its folder is read-only: make both writable, or work on a copy "
               "in a writable folder)";
    return {};
}

}  // namespace

Database::Database(const std::string& path, Mode mode) : path_(path) {
    int flags = SQLITE_OPEN_FULLMUTEX;
    switch (mode) {
        case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
        case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
        case Mode::Create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    }
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw IoError("cannot open project '" + path + "': " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA foreign_keys = ON");
}

Database::~Database() { sqlite3_close_v2(db_); }

void Database::fail(int rc, std::string_view what) const {
    std::string msg = std::string(what) + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    switch (rc & 0xff) {
        case SQLITE_NOTADB:
        case SQLITE_CORRUPT: throw FormatError("project '" + path_ + "' is damaged or not a project: " + msg);
        default: throw IoError("project '" + path_ + "': " + msg + advice(db_, rc));
    }
}

void Database::exec(std::string_view sql) {
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string m = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
            throw FormatError("project '" + path_ + "' is damaged or not a project: " + m);
        throw IoError("project '" + path_ + "': " + m + advice(db_, rc));
    }
}

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

Statement::Statement(Database& db, std::string_view sql) : db_(&db) {
    int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) db.fail(rc, "prepare '" + std::string(sql.substr(0, 60)) + "'");
}
Statement::~Statement() { sqlite3_finalize(stmt_); }
Statement::Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }

Statement& Statement::bind(int i, std::int64_t v) {
    int rc = sqlite3_bind_int64(stmt_, i, v);
    if (rc != SQLITE_OK) db_->fail(rc, "bind");
    return *this;
}
Statement& Statement::bind(int i, double v) {
    int rc = sqlite3_bind_double(stmt_, i, v);
    if (rc != SQLITE_OK) db_->fail(rc, "bind");
    return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
    int rc = sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) db_->fail(rc, "bind");
    return *this;
}
Statement& Statement::bind_blob(int i, std::span<const std::uint8_t> v) {
    // A zero-length blob must stay a blob, not NULL: pass a non-null pointer.
    static const std::uint8_t kEmpty = 0;
    int rc = sqlite3_bind_blob(stmt_, i, v.empty() ? &kEmpty : v.data(), static_cast<int>(v.size()),
                               SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) db_->fail(rc, "bind");
    return *this;
}
Statement& Statement::bind_null(int i) {
    int rc = sqlite3_bind_null(stmt_, i);
    if (rc != SQLITE_OK) db_->fail(rc, "bind");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    db_->fail(rc, "step");
}
void Statement::run() {
    while (step()) {
    }
    reset();
}
void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
std::int64_t Statement::int64(int c) const { return sqlite3_column_int64(stmt_, c); }
double Statement::real(int c) const { return sqlite3_column_double(stmt_, c); }
std::string Statement::text(int c) const {
    auto p = sqlite3_column_text(stmt_, c);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, c)))
             : std::string();
}
std::span<const std::uint8_t> Statement::blob_view(int c) const {
    auto p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, c));
    auto n = static_cast<size_t>(sqlite3_column_bytes(stmt_, c));
    return p ? std::span<const std::uint8_t>(p, n) : std::span<const std::uint8_t>();
}
std::vector<std::uint8_t> Statement::blob(int c) const {
    auto v = blob_view(c);
    return {v.begin(), v.end()};
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
Transaction::~Transaction() {
    if (!done_) {
        try {
            db_.exec("ROLLBACK");
        } catch (...) {
        }
    }
}
void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

AttachedDatabase::AttachedDatabase(Database& db, const std::string& path, std::string alias)
    : db_(db), alias_(std::move(alias)) {
    db_.prepare("ATTACH DATABASE ? AS " + alias_).bind(1, path).run();
}

AttachedDatabase::~AttachedDatabase() {
    try {
        db_.exec("DETACH DATABASE " + alias_);
    } catch (...) {  // a destructor must not throw; the connection closes soon anyway
    }
}

}  // namespace flowcnn::store
