// Project files: creation, careful opening (refusals leave the file untouched), WAL, schema version.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "engine/common/error.h"
#include "engine/store/project.h"
#include "engine/store/schema.h"
#include "tests/engine/store_test_util.h"

namespace flowcnn {
namespace {
using namespace testutil;
using store::Project;

void raw_exec(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
}

template <class E>
void expect_refused(const std::string& path, const std::string& needle) {
    const auto before = read_all(path);
    try {
        Project::open(path);
        FAIL() << "opened " << path;
    } catch (const E& e) {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
    EXPECT_EQ(read_all(path), before) << "refused file was modified";
    EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(Project, CreateThenOpen) {
    TempDir dir;
    const auto path = dir.file("a.flowcnn");
    {
        auto p = Project::create(path);
        EXPECT_EQ(p.schema_version(), Project::known_schema_version());
        EXPECT_EQ(p.get_meta("application").value_or(""), store::kApplicationId);
        auto st = p.db().prepare("PRAGMA journal_mode");
        ASSERT_TRUE(st.step());
        EXPECT_EQ(st.text(0), "wal");
        auto fk = p.db().prepare("PRAGMA foreign_keys");
        ASSERT_TRUE(fk.step());
        EXPECT_EQ(fk.int64(0), 1);
        p.set_meta("note", "x");
        p.set_meta("note", "y");
    }
    auto p = Project::open(path);
    EXPECT_EQ(p.get_meta("note").value_or(""), "y");
    EXPECT_FALSE(p.get_meta("absent"));
    EXPECT_TRUE(p.captures().empty());
    EXPECT_EQ(p.count_flows({}), 0);

    // Moving keeps the connection.
    Project q = std::move(p);
    EXPECT_EQ(q.get_meta("note").value_or(""), "y");
}

TEST(Project, CreateRefusesExistingFile) {
    TempDir dir;
    const auto path = dir.file("a.flowcnn");
    write_file(path, text("keep me"));
    EXPECT_THROW(Project::create(path), IoError);
    EXPECT_EQ(read_all(path), "keep me");
}

TEST(Project, OpenMissingIsIoError) {
    TempDir dir;
    EXPECT_THROW(Project::open(dir.file("none.flowcnn")), IoError);
}

TEST(Project, RefusesNonSqliteAndEmptyFiles) {
    TempDir dir;
    const auto txt = dir.file("notes.flowcnn");
    write_file(txt, text("this is just some text, long enough to look like a header maybe"));
    expect_refused<FormatError>(txt, "not an SQLite file");
    const auto empty = dir.file("empty.flowcnn");
    write_file(empty, {});
    expect_refused<FormatError>(empty, "not an SQLite file");
}

TEST(Project, RefusesForeignSqlite) {
    TempDir dir;
    const auto path = dir.file("other.db");
    raw_exec(path, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
    expect_refused<FormatError>(path, "not a FlowCNN project");
    // A meta table with somebody else's application id.
    const auto path2 = dir.file("other2.db");
    raw_exec(path2, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES('application','x');");
    expect_refused<FormatError>(path2, "not a FlowCNN project");
}

TEST(Project, RefusesNewerSchemaVersion) {
    TempDir dir;
    const auto path = dir.file("new.flowcnn");
    { Project::create(path); }
    raw_exec(path, "PRAGMA user_version = " + std::to_string(Project::known_schema_version() + 1));
    raw_exec(path, "PRAGMA journal_mode = DELETE");  // leave a single file to compare
    expect_refused<FormatError>(path, "newer");
}

TEST(Project, RefusesTruncatedFile) {
    TempDir dir;
    const auto path = dir.file("t.flowcnn");
    {
        auto p = Project::create(path);
        std::vector<flow::FlowRecord> recs;
        for (int i = 0; i < 300; ++i) recs.push_back(make_record(static_cast<std::uint64_t>(i), 443, payload(i, 700)));
        add_capture(p, "a.pcap", recs);
    }
    ASSERT_FALSE(std::filesystem::exists(path + "-wal"));  // checkpointed on close
    const auto size = std::filesystem::file_size(path);
    ASSERT_GT(size, 40000u);
    std::filesystem::resize_file(path, size / 2);
    expect_refused<FormatError>(path, "truncated");
}

TEST(Project, ReadOnlyOpenReadsAndRefusesWrites) {
    TempDir dir;
    const auto path = dir.file("ro.flowcnn");
    {
        auto p = Project::create(path);
        add_capture(p, "a.pcap", {make_record(0, 53, payload(0))}, "DNS");
    }
    auto p = Project::open(path, true);
    EXPECT_TRUE(p.read_only());
    EXPECT_EQ(p.count_flows({}), 1);
    EXPECT_THROW(p.set_meta("k", "v"), Error);
}

TEST(Project, SchemaHasEveryTable) {
    TempDir dir;
    auto p = Project::create(dir.file("s.flowcnn"));
    for (const char* t : {"meta", "captures", "flows", "datasets", "dataset_classes", "dataset_flows", "searches",
                          "runs", "epochs", "batch_losses", "checkpoints", "models", "evaluations", "predictions",
                          "classifications", "classified_flows"}) {
        auto st = p.db().prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
        st.bind(1, t);
        ASSERT_TRUE(st.step());
        EXPECT_EQ(st.int64(0), 1) << t;
    }
    EXPECT_EQ(Project::known_schema_version(), static_cast<int>(store::schema_migrations().size()));
}

}  // namespace
}  // namespace flowcnn

namespace flowcnn {
namespace {

TEST(Migrations, ApplyInOrderAndAtomically) {
    testutil::TempDir dir;
    store::Database db(dir.file("m.db"), store::Database::Mode::Create);
    const std::string_view v1[] = {"CREATE TABLE a(x INTEGER)"};
    EXPECT_EQ(store::migrate(db, v1), 1);
    db.exec("INSERT INTO a VALUES (1)");
    const std::string_view v2[] = {"CREATE TABLE a(x INTEGER)", "ALTER TABLE a ADD COLUMN y TEXT DEFAULT 'new'"};
    EXPECT_EQ(store::migrate(db, v2), 2);
    auto st = db.prepare("SELECT x, y FROM a");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.text(1), "new");
    EXPECT_EQ(store::migrate(db, v2), 2);  // nothing pending: a no-op

    // A failing migration leaves the version and the earlier migrations of the same run undone.
    const std::string_view bad[] = {v2[0], v2[1], "CREATE TABLE b(z)", "THIS IS NOT SQL"};
    EXPECT_THROW(store::migrate(db, bad), Error);
    auto ver = db.prepare("PRAGMA user_version");
    ASSERT_TRUE(ver.step());
    EXPECT_EQ(ver.int64(0), 2);
    auto b = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'b'");
    ASSERT_TRUE(b.step());
    EXPECT_EQ(b.int64(0), 0);
    // Newer than the list: refused.
    EXPECT_THROW(store::migrate(db, v1), FormatError);
}

}  // namespace
}  // namespace flowcnn
