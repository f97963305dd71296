#pragma once
// A thin RAII layer over sqlite3: connection, prepared statements, transactions. Errors throw
// flowcnn::IoError (I/O, locking, disk full, read-only) or FormatError (not a database / corrupt).
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace flowcnn::store {

class Database;

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& o) noexcept;
    Statement& operator=(Statement&&) = delete;

    // Parameters are 1-based, as in sqlite3_bind_*.
    Statement& bind(int i, std::int64_t v);
    Statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
    Statement& bind(int i, std::uint64_t v) { return bind(i, static_cast<std::int64_t>(v)); }
    Statement& bind(int i, double v);
    Statement& bind(int i, std::string_view v);
    Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Statement& bind_blob(int i, std::span<const std::uint8_t> v);
    Statement& bind_null(int i);
    template <class T>
    Statement& bind(int i, const std::optional<T>& v) {
        return v ? bind(i, *v) : bind_null(i);
    }

    // Steps once: true when a row is available, false when done.
    bool step();
    // Runs to completion (for INSERT/UPDATE/DELETE), then resets for reuse.
    void run();
    void reset();  // also clears bindings

    // Columns are 0-based, as in sqlite3_column_*.
    bool is_null(int c) const;
    std::int64_t int64(int c) const;
    double real(int c) const;
    std::string text(int c) const;
    std::vector<std::uint8_t> blob(int c) const;
    std::span<const std::uint8_t> blob_view(int c) const;  // valid until the next step/reset
    sqlite3_stmt* handle() { return stmt_; }

private:
    Database* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class Database {
public:
    enum class Mode { ReadWrite, ReadOnly, Create };
    // Opens (or creates, with Mode::Create) a database file. Foreign keys on, busy timeout 5 s.
    Database(const std::string& path, Mode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);  // one or more statements, no results
    Statement prepare(std::string_view sql) { return Statement(*this, sql); }
    std::int64_t last_insert_id() const;
    int changes() const;
    sqlite3* handle() { return db_; }
    const std::string& path() const { return path_; }

    // Throws the typed error matching a sqlite result code, with the database's message.
    [[noreturn]] void fail(int rc, std::string_view what) const;

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

// Another project file attached to `db` as schema `alias` (ATTACH DATABASE) while this lives.
class AttachedDatabase {
public:
    AttachedDatabase(Database& db, const std::string& path, std::string alias);
    ~AttachedDatabase();  // DETACH; errors ignored
    AttachedDatabase(const AttachedDatabase&) = delete;
    AttachedDatabase& operator=(const AttachedDatabase&) = delete;

private:
    Database& db_;
    std::string alias_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed without commit() (e.g. on an exception).
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace flowcnn::store
