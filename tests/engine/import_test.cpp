// Capture import: flows, labels and rules, bad and truncated files, folders, cancel, and a
// SIGKILL in the middle of an import.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "engine/common/error.h"
#include "engine/dataset/rules.h"
#include "engine/store/importer.h"
#include "tests/engine/store_test_util.h"

namespace flowcnn {
namespace {
using namespace testutil;
using store::ImportOptions;
using store::Project;

// Flow i: payload of 20 + i bytes, none for every 10th flow; port 53 for even flows, 443 for odd.
void write_sample(const std::string& path, std::size_t n = 50) {
    write_udp_capture(
        path, n, [](std::size_t i) { return i % 10 == 0 ? Bytes{} : payload(i, 20 + i); },
        [](std::size_t i) { return static_cast<std::uint16_t>(i % 2 ? 443 : 53); });
}

// The flows(image_sha1) index: dropped during bulk imports, there again afterwards.
bool has_image_index(Project& p) {
    auto st = p.db().prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'flows_image'");
    return st.step() && st.int64(0) == 1;
}

TEST(Import, UdpCapture) {
    TempDir dir;
    write_sample(dir.file("s.pcap"));
    auto p = Project::create(dir.file("p.flowcnn"));
    ImportOptions opt;
    opt.label = "Sample";
    std::vector<Progress> seen;
    auto r = store::import_capture(p, dir.file("s.pcap"), opt, [&](const Progress& pr) { seen.push_back(pr); });
    EXPECT_EQ(r.status, "complete");
    EXPECT_EQ(r.stats.frames, 50u);
    EXPECT_EQ(r.stats.flows, 50u);
    EXPECT_EQ(r.stats.flows_with_image, 45u);
    EXPECT_EQ(r.flows_labelled, 50);
    EXPECT_FALSE(seen.empty());
    EXPECT_EQ(seen.back().stage, "import");

    auto c = p.capture(r.capture_id);
    ASSERT_TRUE(c);
    EXPECT_EQ(c->status, "complete");
    EXPECT_EQ(c->format, "pcap");
    EXPECT_EQ(c->linktype, 1);
    EXPECT_EQ(c->name, "s.pcap");
    EXPECT_EQ(c->frames, 50);
    EXPECT_EQ(c->packets, 50);
    EXPECT_EQ(c->flows, 50);
    EXPECT_EQ(c->skipped_json, "{}");
    EXPECT_TRUE(c->error.empty());
    EXPECT_EQ(p.count_flows({.with_image_only = true}), 45);
    auto rows = p.flows({}, 0, -1, store::FlowColumn::Index, true, true);
    ASSERT_EQ(rows.size(), 50u);
    EXPECT_EQ(rows[7].head, payload(7, 27));
    EXPECT_EQ(rows[7].server_port, 443);
    EXPECT_EQ(rows[7].client_ip, "10.0.0.7");
    EXPECT_EQ(rows[7].label, "Sample");
    EXPECT_EQ(rows[7].label_source, "capture");
    EXPECT_TRUE(rows[10].head.empty());
    EXPECT_TRUE(rows[10].image_sha1.empty());
    EXPECT_TRUE(has_image_index(p));
}

TEST(Import, RulesOverrideTheCaptureLabel) {
    TempDir dir;
    write_sample(dir.file("s.pcap"));
    auto p = Project::create(dir.file("p.flowcnn"));
    ImportOptions opt;
    opt.label = "Web";
    opt.rules = dataset::import_rules(dataset::RuleSet::parse("label=DNS port=53\nlabel=- client_cidr=10.0.0.49\n"));
    auto r = store::import_capture(p, dir.file("s.pcap"), opt);
    EXPECT_EQ(r.flows_by_rule, 25);
    EXPECT_EQ(r.flows_labelled, 49);
    EXPECT_EQ(p.count_flows({.label = std::string("DNS")}), 25);
    EXPECT_EQ(p.count_flows({.label = std::string("Web")}), 24);
    EXPECT_EQ(p.count_flows({.label = std::string("")}), 1);
}

TEST(Import, BadFilesLeaveNoCaptureRow) {
    TempDir dir;
    auto p = Project::create(dir.file("p.flowcnn"));
    EXPECT_THROW(store::import_capture(p, dir.file("missing.pcap"), {}), IoError);
    write_file(dir.file("text.pcap"), text("not a capture at all, just text"));
    EXPECT_THROW(store::import_capture(p, dir.file("text.pcap"), {}), FormatError);
    EXPECT_TRUE(p.captures().empty());
    ImportOptions bad;
    bad.flow.idle_timeout_s = 0;
    write_sample(dir.file("s.pcap"));
    EXPECT_THROW(store::import_capture(p, dir.file("s.pcap"), bad), ConfigError);
    EXPECT_TRUE(p.captures().empty());
}

TEST(Import, TruncatedCaptureIsPartial) {
    TempDir dir;
    write_sample(dir.file("s.pcap"));
    const auto size = std::filesystem::file_size(dir.file("s.pcap"));
    std::filesystem::resize_file(dir.file("s.pcap"), size - 30);  // cut inside the last record
    auto p = Project::create(dir.file("p.flowcnn"));
    auto r = store::import_capture(p, dir.file("s.pcap"), {});
    EXPECT_EQ(r.status, "partial");
    EXPECT_FALSE(r.stats.error.empty());
    EXPECT_EQ(r.stats.frames, 49u);
    auto c = p.capture(r.capture_id);
    EXPECT_EQ(c->status, "partial");
    EXPECT_EQ(c->error, r.stats.error);
    EXPECT_EQ(c->flows, 49);
}

TEST(Import, Cancelled) {
    TempDir dir;
    write_sample(dir.file("s.pcap"));
    auto p = Project::create(dir.file("p.flowcnn"));
    CancelToken cancel;
    cancel.cancel();
    auto r = store::import_capture(p, dir.file("s.pcap"), {}, {}, &cancel);
    EXPECT_EQ(r.status, "cancelled");
    EXPECT_EQ(p.capture(r.capture_id)->status, "cancelled");
}

TEST(Import, FolderPerClass) {
    TempDir dir;
    const auto root = dir.file("tree");
    std::filesystem::create_directories(root + "/Beta");
    std::filesystem::create_directories(root + "/Alpha");
    write_sample(root + "/Beta/b1.pcap", 20);
    write_sample(root + "/Alpha/a1.pcap", 10);
    write_sample(root + "/Alpha/a2.cap", 5);
    write_file(root + "/Alpha/readme.txt", text("ignored"));
    write_sample(root + "/top.pcap", 3);  // not in a class folder: ignored

    auto files = store::folder_captures(root);
    ASSERT_EQ(files.size(), 3u);
    EXPECT_EQ(files[0].first, "Alpha");
    EXPECT_EQ(files[2].first, "Beta");

    auto p = Project::create(dir.file("p.flowcnn"));
    std::vector<Progress> seen;
    auto results = store::import_folder(p, root, {}, [&](const Progress& pr) { seen.push_back(pr); });
    ASSERT_EQ(results.size(), 3u);
    ASSERT_FALSE(seen.empty());
    for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].done, seen[i - 1].done);
    EXPECT_EQ(seen.back().done, 3000u);
    EXPECT_EQ(seen.back().total, 3000u);
    EXPECT_EQ(p.count_flows({.label = std::string("Alpha")}), 15);
    EXPECT_EQ(p.count_flows({.label = std::string("Beta")}), 20);
    auto f = p.flows({.label = std::string("Beta")}, 0, 1);
    EXPECT_EQ(f[0].label_source, "folder");
    EXPECT_EQ(p.captures()[0].label.value_or(""), "Alpha");

    std::filesystem::create_directories(dir.file("emptytree/X"));
    EXPECT_THROW(store::folder_captures(dir.file("emptytree")), ConfigError);
    EXPECT_THROW(store::folder_captures(dir.file("nope")), IoError);
}

TEST(Import, StoreFailureMarksTheCaptureFailed) {
    TempDir dir;
    write_udp_capture(dir.file("s.pcap"), 3000, [](std::size_t i) { return payload(i, 40); });
    auto p = Project::create(dir.file("p.flowcnn"));
    // A database error in the middle of the import (as a full disk would cause).
    p.db().exec("CREATE TRIGGER boom BEFORE INSERT ON flows WHEN NEW.idx = 2500 "
                "BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END");
    ImportOptions opt;
    opt.batch_flows = 1000;
    opt.batch_seconds = 1e9;  // commit by count only, so that the numbers below are exact
    try {
        store::import_capture(p, dir.file("s.pcap"), opt);
        FAIL() << "import succeeded";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("simulated write failure"), std::string::npos) << e.what();
    }
    auto caps = p.captures();
    ASSERT_EQ(caps.size(), 1u);
    EXPECT_EQ(caps[0].status, "failed");
    EXPECT_NE(caps[0].error.find("simulated write failure"), std::string::npos);
    EXPECT_EQ(caps[0].flows, 2000);  // the two committed batches
    EXPECT_EQ(p.count_flows({}), 2000);
    EXPECT_TRUE(has_image_index(p));  // built again although the import failed
    // The project stays usable.
    p.db().exec("DROP TRIGGER boom");
    auto r = store::import_capture(p, dir.file("s.pcap"), opt);
    EXPECT_EQ(r.status, "complete");
    EXPECT_EQ(p.count_flows({}), 5000);
}

std::int64_t committed_flows(const std::string& path) {
    try {
        auto p = Project::open(path, true);
        auto caps = p.captures();
        return caps.empty() ? 0 : caps[0].flows;
    } catch (const Error&) {
        return 0;
    }
}

TEST(Import, SurvivesSigkill) {
    TempDir dir;
    const auto cap = dir.file("big.pcap");
    constexpr std::size_t kFlows = 300000;
    // One-packet UDP flows 1 ms apart; a 1 s idle timeout ends them steadily during the import.
    write_udp_capture(cap, kFlows, [](std::size_t i) { return payload(i, 64); });
    const auto path = dir.file("k.flowcnn");
    { Project::create(path); }

    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        try {
            auto p = Project::open(path);
            ImportOptions opt;
            opt.flow.idle_timeout_s = 1;
            opt.batch_flows = 1000;
            store::import_capture(p, cap, opt);
        } catch (...) {
            _exit(3);
        }
        _exit(0);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (committed_flows(path) < 20000 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the import finished before it could be killed; exit "
                                     << (WIFEXITED(status) ? WEXITSTATUS(status) : -1);

    auto p = Project::open(path);
    auto check = p.db().prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.step());
    EXPECT_EQ(check.text(0), "ok");
    // The import ran without the image index (an empty project); opening builds it again.
    EXPECT_TRUE(has_image_index(p));
    auto caps = p.captures();
    ASSERT_EQ(caps.size(), 1u);
    EXPECT_EQ(caps[0].status, "importing");
    const auto stored = p.count_flows({});
    EXPECT_GE(stored, 20000);
    EXPECT_LT(stored, static_cast<std::int64_t>(kFlows));
    EXPECT_EQ(stored, caps[0].flows);  // the count is committed with each batch
    // Committed flows are whole: the first and last stored flows read back correctly.
    auto rows = p.flows({}, 0, 1, store::FlowColumn::Index, true, true);
    EXPECT_EQ(rows[0].head, payload(0, 64));
}

}  // namespace
}  // namespace flowcnn
