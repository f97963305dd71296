// Labels from a per-flow CSV: the RFC 4180 reader (quoted fields, doubled quotes, CRLF), the join
// key (unordered endpoints, normalised addresses), the row filters, conflicting labels, errors, and
// applying the labels to a project.
#include <gtest/gtest.h>

#include <sstream>

#include "engine/common/error.h"
#include "engine/dataset/csv_labels.h"
#include "engine/common/csv.h"
#include "tests/engine/store_test_util.h"

namespace flowcnn {
namespace {
using namespace testutil;
using dataset::CsvLabelOptions;
using dataset::make_join_key;

std::vector<std::vector<std::string>> read_all_records(const std::string& text) {
    std::istringstream in(text);
    exporter::CsvReader r(in, "t.csv");
    std::vector<std::vector<std::string>> out;
    std::vector<std::string> f;
    while (r.next(f)) out.push_back(f);
    return out;
}

dataset::CsvLabels parse(const std::string& text, const CsvLabelOptions& opt = {}) {
    std::istringstream in(text);
    return dataset::read_csv_labels(in, opt, "t.csv");
}

const std::string kHeader = "pcap,src_ip,src_port,dst_ip,dst_port,l4proto,label_recommended,confidence\r\n";

std::string label_of(const dataset::CsvLabels& l, const dataset::FlowJoinKey& k) {
    auto it = l.labels.find(k);
    if (it == l.labels.end()) return "<none>";
    std::string s;
    for (const auto& x : it->second) s += (s.empty() ? "" : "|") + x;
    return s;
}

TEST(CsvLabelsReader, QuotedFieldsDoubledQuotesAndLineEnds) {
    const auto recs = read_all_records(
        "a,b,c\r\n"
        "\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n"
        "\n"                     // empty line: skipped
        "plain,\"\",end\n"       // LF only; an empty quoted field
        "q\"in,\"a\"b,\r"        // a quote inside an unquoted field; text after a closing quote; lone CR
        "last,no,newline");
    ASSERT_EQ(recs.size(), 5u);
    EXPECT_EQ(recs[0], (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(recs[1], (std::vector<std::string>{"x,1", "say \"hi\"", "two\r\nlines"}));
    EXPECT_EQ(recs[2], (std::vector<std::string>{"plain", "", "end"}));
    EXPECT_EQ(recs[3], (std::vector<std::string>{"q\"in", "ab", ""}));
    EXPECT_EQ(recs[4], (std::vector<std::string>{"last", "no", "newline"}));
}

TEST(CsvLabelsReader, LineNumbersBomAndUnclosedQuote) {
    std::istringstream in("\xEF\xBB\xBFh1,h2\r\n\"multi\nline\",x\r\n\r\nnext,y\r\n");
    exporter::CsvReader r(in, "t.csv");
    std::vector<std::string> f;
    ASSERT_TRUE(r.next(f));
    EXPECT_EQ(f, (std::vector<std::string>{"h1", "h2"}));  // the byte-order mark is gone
    EXPECT_EQ(r.line(), 1);
    ASSERT_TRUE(r.next(f));
    EXPECT_EQ(r.line(), 2);
    ASSERT_TRUE(r.next(f));
    EXPECT_EQ(f[0], "next");
    EXPECT_EQ(r.line(), 5);
    EXPECT_FALSE(r.next(f));
    EXPECT_TRUE(f.empty());

    try {
        read_all_records("a,b\nok,\"never closed\nmore\n");
        FAIL() << "no FormatError";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("t.csv line 2"), std::string::npos) << e.what();
    }
    EXPECT_THROW(exporter::CsvReader("/nonexistent/labels.csv"), IoError);
}

TEST(CsvLabels, KeyIsUnorderedAndAddressesNormalised) {
    EXPECT_EQ(dataset::normalise_address("2001:DB8::1"), "2001:db8::1");
    EXPECT_EQ(dataset::normalise_address(" 2001:db8:0::1 "), "2001:db8::1");
    EXPECT_EQ(dataset::normalise_address("10.0.0.1"), "10.0.0.1");
    EXPECT_EQ(dataset::normalise_address("Not-An-IP"), "not-an-ip");
    EXPECT_EQ(make_join_key("a.pcap", 6, "10.0.0.1", 1234, "10.0.0.2", 80),
              make_join_key("a.pcap", 6, "10.0.0.2", 80, "10.0.0.1", 1234));
    EXPECT_EQ(make_join_key("a.pcap", 17, "2001:DB8::1", 53, "fe80::2", 5353),
              make_join_key("a.pcap", 17, "fe80::2", 5353, "2001:db8:0::1", 53));
    EXPECT_NE(make_join_key("a.pcap", 6, "10.0.0.1", 1, "10.0.0.2", 2),
              make_join_key("a.pcap", 17, "10.0.0.1", 1, "10.0.0.2", 2));
    EXPECT_NE(make_join_key("a.pcap", 6, "10.0.0.1", 1, "10.0.0.2", 2),
              make_join_key("a.pcap", 6, "10.0.0.1", 2, "10.0.0.2", 1));
    EXPECT_EQ(dataset::parse_csv_l4proto("TCP"), 6);
    EXPECT_EQ(dataset::parse_csv_l4proto("tcp"), 6);
    EXPECT_EQ(dataset::parse_csv_l4proto("6"), 6);
    EXPECT_EQ(dataset::parse_csv_l4proto("udp"), 17);
    EXPECT_EQ(dataset::parse_csv_l4proto("17"), 17);
    EXPECT_EQ(dataset::parse_csv_l4proto("ICMP"), 0);
}

TEST(CsvLabels, FiltersAndConflicts) {
    const auto l = parse(kHeader +
                         "a.pcap,10.0.0.1,1000,10.0.0.2,80,TCP,HTTP,DPI\r\n"
                         "a.pcap,10.0.0.2,80,10.0.0.1,1000,TCP,HTTP,DPI (partial)\r\n"  // same key, same label
                         "a.pcap,10.0.0.1,1001,10.0.0.2,80,TCP,HTTP,DPI\r\n"
                         "a.pcap,10.0.0.2,80,10.0.0.1,1001,TCP,Google,DPI\r\n"  // conflict, reversed
                         "b.pcap,10.0.0.1,1001,10.0.0.2,80,TCP,Google,DPI\r\n"  // other capture: no conflict
                         "a.pcap,10.0.0.1,1002,10.0.0.2,80,TCP,Unknown,DPI\r\n"
                         "a.pcap,10.0.0.1,1003,10.0.0.2,80,TCP,  ,DPI\r\n"
                         "a.pcap,10.0.0.1,1004,10.0.0.2,80,TCP,HTTP,Match by port\r\n"
                         "a.pcap,10.0.0.1,,10.0.0.2,,ICMP,Ping,DPI\r\n"
                         "a.pcap,10.0.0.1,1005,10.0.0.2,80,udp,\" DNS \",DPI\r\n"
                         "a.pcap,2001:DB8::1,1006,fe80::2,80,6,V6,DPI\r\n"
                         "a.pcap,fe80::2,80,2001:db8:0::1,1006,6,V6,DPI\r\n");
    EXPECT_EQ(l.rows, 12);
    EXPECT_EQ(l.usable, 8);
    EXPECT_EQ(l.labels.size(), 5u);
    EXPECT_EQ(l.conflicting(), 1);
    EXPECT_EQ(label_of(l, make_join_key("a.pcap", 6, "10.0.0.2", 80, "10.0.0.1", 1000)), "HTTP");
    EXPECT_EQ(label_of(l, make_join_key("a.pcap", 6, "10.0.0.1", 1001, "10.0.0.2", 80)), "HTTP|Google");
    EXPECT_EQ(label_of(l, make_join_key("b.pcap", 6, "10.0.0.1", 1001, "10.0.0.2", 80)), "Google");
    EXPECT_EQ(label_of(l, make_join_key("a.pcap", 6, "10.0.0.1", 1004, "10.0.0.2", 80)), "<none>");
    EXPECT_EQ(label_of(l, make_join_key("a.pcap", 17, "10.0.0.1", 1005, "10.0.0.2", 80)), "DNS");
    EXPECT_EQ(label_of(l, make_join_key("a.pcap", 6, "2001:db8::1", 1006, "fe80::2", 80)), "V6");

    CsvLabelOptions every;
    every.confidence_prefix = "";  // every row, whatever its confidence
    const auto all = parse(kHeader + "a.pcap,10.0.0.1,1004,10.0.0.2,80,TCP,HTTP,Match by port\r\n", every);
    EXPECT_EQ(all.usable, 1);
    CsvLabelOptions no_conf = every;
    no_conf.confidence_column = "not-there";  // not needed without a prefix
    EXPECT_EQ(parse(kHeader + "a.pcap,10.0.0.1,1,10.0.0.2,2,TCP,X,\r\n", no_conf).usable, 1);
}

TEST(CsvLabels, ColumnNamesChosen) {
    CsvLabelOptions opt;
    opt.label_column = "app";
    opt.confidence_prefix = "";
    opt.capture_column = "";  // a CSV of one capture
    opt.src_column = "id.orig_h";
    opt.sport_column = "id.orig_p";
    opt.dst_column = "id.resp_h";
    opt.dport_column = "id.resp_p";
    opt.proto_column = "proto";
    const auto l = parse("id.orig_h,id.orig_p,id.resp_h,id.resp_p,proto,app\n10.0.0.1,5,10.0.0.2,53,udp,DNS\n", opt);
    EXPECT_EQ(label_of(l, make_join_key("", 17, "10.0.0.1", 5, "10.0.0.2", 53)), "DNS");
}

TEST(CsvLabels, MissingColumnAndBadRows) {
    try {
        parse("pcap,src_ip,src_port,dst_ip,dst_port,l4proto,confidence\nx,1,2,3,4,TCP,DPI\n");
        FAIL() << "no ConfigError";
    } catch (const ConfigError& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("t.csv"), std::string::npos) << m;
        EXPECT_NE(m.find("'label_recommended'"), std::string::npos) << m;
    }
    CsvLabelOptions opt;
    opt.capture_column = "file";
    EXPECT_THROW(parse(kHeader, opt), ConfigError);
    EXPECT_THROW(parse(""), FormatError);  // no header line
    try {
        parse(kHeader + "a.pcap,10.0.0.1,1000,10.0.0.2,80,TCP,HTTP,DPI\r\na.pcap,10.0.0.1,http,10.0.0.2,80,TCP,HTTP,DPI\r\n");
        FAIL() << "no FormatError";
    } catch (const FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("t.csv line 3"), std::string::npos) << e.what();
    }
    // A bad port in a row the filters drop does not matter.
    EXPECT_EQ(parse(kHeader + "a.pcap,10.0.0.1,-,10.0.0.2,-,TCP,Unknown,DPI\r\n").usable, 0);
    // Short rows read as empty fields.
    EXPECT_EQ(parse(kHeader + "a.pcap,10.0.0.1\r\n").rows, 1);
    EXPECT_THROW(dataset::read_csv_labels("/nonexistent/labels.csv", {}), IoError);
}

TEST(CsvLabels, ApplyToProject) {
    TempDir dir;
    auto p = store::Project::create(dir.file("c.flowcnn"));
    // make_record(i): UDP 10.0.0.(i+1):(1024+i) -> 192.168.1.2:53
    std::vector<flow::FlowRecord> recs;
    for (std::uint64_t i = 0; i < 6; ++i) recs.push_back(make_record(i, 53, payload(i)));
    add_capture(p, "one.pcap", recs);
    add_capture(p, "two.pcap", recs);  // the same 5-tuples in another capture
    std::string csv = kHeader;
    // Reversed direction, upper-case protocol; flows 0-1 of one.pcap.
    csv += "one.pcap,192.168.1.2,53,10.0.0.1,1024,UDP,DNS,DPI\r\n";
    csv += "one.pcap,10.0.0.2,1025,192.168.1.2,53,UDP,Other,DPI\r\n";
    // Conflict in one.pcap on flow 2.
    csv += "one.pcap,10.0.0.3,1026,192.168.1.2,53,UDP,A,DPI\r\n";
    csv += "one.pcap,10.0.0.3,1026,192.168.1.2,53,UDP,B,DPI\r\n";
    // No capture: every capture's flow 3.
    csv += ",10.0.0.4,1027,192.168.1.2,53,UDP,Any,DPI\r\n";
    // Both a capture-less row and a row of two.pcap on flow 4, disagreeing: two.pcap's flow 4 unlabelled;
    // one.pcap's flow 4 gets the capture-less row's label.
    csv += ",10.0.0.5,1028,192.168.1.2,53,UDP,Any,DPI\r\n";
    csv += "two.pcap,10.0.0.5,1028,192.168.1.2,53,UDP,Mine,DPI\r\n";
    // Wrong protocol: nothing.
    csv += "one.pcap,10.0.0.6,1029,192.168.1.2,53,TCP,Tcp,DPI\r\n";
    const auto labels = parse(csv);
    EXPECT_EQ(labels.rows, 8);
    EXPECT_EQ(labels.conflicting(), 1);

    // Flow 0 of one.pcap has a label already.
    const auto one = p.flows({.capture_id = 1}, 0, 10);
    ASSERT_EQ(one.size(), 6u);
    std::vector<std::int64_t> first{one[0].id};
    p.set_labels(first, std::string("Before"), "rule");

    auto r = dataset::apply_csv_labels(p, labels, /*only_unlabelled=*/true);
    EXPECT_EQ(r.flows, 12);
    EXPECT_EQ(r.kept, 1);
    EXPECT_EQ(r.conflicting, 2);  // one.pcap flow 2, two.pcap flow 4
    EXPECT_EQ(r.labelled, 4);     // one.pcap flows 1, 3, 4; two.pcap flow 3
    EXPECT_EQ(p.count_flows({.label = std::string("Before")}), 1);
    EXPECT_EQ(p.count_flows({.label = std::string("Any")}), 3);
    EXPECT_EQ(p.count_flows({.label = std::string("Mine")}), 0);

    r = dataset::apply_csv_labels(p, labels, /*only_unlabelled=*/false);  // the default: overwrite
    EXPECT_EQ(r.labelled, 5);
    EXPECT_EQ(r.changed, 1);  // only flow 0 (Before -> DNS); the others were set the same already
    EXPECT_EQ(r.kept, 0);
    EXPECT_EQ(p.count_flows({.label = std::string("DNS")}), 1);
    EXPECT_EQ(p.count_flows({.label = std::string("Before")}), 0);
    const auto f0 = p.flow(one[0].id);
    ASSERT_TRUE(f0);
    EXPECT_EQ(f0->label_source, "manual");
    EXPECT_EQ(p.count_flows({.label = std::string("")}), 7);

    r = dataset::apply_csv_labels(p, labels, false, "rule");
    EXPECT_EQ(r.changed, 5);  // the source changed
    EXPECT_THROW(dataset::apply_csv_labels(p, labels, false, "csv"), ConfigError);

    CancelToken cancel;
    cancel.cancel();
    EXPECT_THROW(dataset::apply_csv_labels(p, labels, false, "manual", &cancel), CancelledError);
    EXPECT_EQ(p.flow(one[0].id)->label_source, "rule");  // nothing changed
}

}  // namespace
}  // namespace flowcnn
