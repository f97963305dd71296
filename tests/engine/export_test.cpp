// Exports: IDX round trips (plain and gzip) and rejection of corrupt files, PNG decoded back with
// zlib, CSV quoting.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "engine/common/error.h"
#include "engine/common/csv.h"
#include "engine/export/idx.h"
#include "engine/export/png.h"

namespace fs = std::filesystem;
using namespace flowcnn;
using namespace flowcnn::exporter;

namespace {

struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& name)
        : path(fs::temp_directory_path() / ("flowcnn-export-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    std::string operator/(const std::string& f) const { return (path / f).string(); }
};

std::vector<std::uint8_t> slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
void spit(const std::string& path, const std::vector<std::uint8_t>& b) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

dataset::ImageSet sample(std::size_t n, int classes) {
    dataset::ImageSet s;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t p = 0; p < 784; ++p) s.pixels.push_back(static_cast<std::uint8_t>((i * 31 + p * 7) & 0xff));
        s.labels.push_back(static_cast<std::int32_t>(i % static_cast<std::size_t>(classes)));
    }
    return s;
}

std::uint32_t be32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

template <class F>
std::string format_error(F&& f) {
    try {
        f();
    } catch (const FormatError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST(ExportIdx, WritesMnistLayout) {
    TempDir d("layout");
    auto s = sample(3, 2);
    write_idx(s, d / "img", d / "lab");
    auto img = slurp(d / "img");
    ASSERT_EQ(img.size(), 16u + 3 * 784);
    EXPECT_EQ(be32(img.data()), 0x00000803u);
    EXPECT_EQ(be32(img.data() + 4), 3u);
    EXPECT_EQ(be32(img.data() + 8), 28u);
    EXPECT_EQ(be32(img.data() + 12), 28u);
    EXPECT_TRUE(std::equal(s.pixels.begin(), s.pixels.end(), img.begin() + 16));
    auto lab = slurp(d / "lab");
    ASSERT_EQ(lab.size(), 8u + 3);
    EXPECT_EQ(be32(lab.data()), 0x00000801u);
    EXPECT_EQ(be32(lab.data() + 4), 3u);
    EXPECT_EQ(lab[8], 0);
    EXPECT_EQ(lab[9], 1);
    EXPECT_EQ(lab[10], 0);
}

TEST(ExportIdx, RoundTripPlainAndGzip) {
    TempDir d("roundtrip");
    auto s = sample(25, 10);
    for (const std::string suffix : {"", ".gz"}) {
        write_idx(s, d / ("images" + suffix), d / ("labels" + suffix));
        auto back = read_idx(d / ("images" + suffix), d / ("labels" + suffix));
        EXPECT_EQ(back.pixels, s.pixels) << suffix;
        EXPECT_EQ(back.labels, s.labels) << suffix;
        EXPECT_TRUE(back.flow_ids.empty());
        ASSERT_EQ(back.classes.size(), 10u);
        EXPECT_EQ(back.classes.front(), "0");
        EXPECT_EQ(back.classes.back(), "9");
    }
    auto gz = slurp(d / "images.gz");
    ASSERT_GE(gz.size(), 2u);
    EXPECT_EQ(gz[0], 0x1f);
    EXPECT_EQ(gz[1], 0x8b);
    EXPECT_LT(gz.size(), 16u + 25 * 784);
    // Names given by the caller; gzip detected by content, not by name.
    fs::rename(d / "images.gz", d / "images-compressed");
    auto named = read_idx(d / "images-compressed", d / "labels",
                          {"Baidu", "Bing", "Daum", "Google", "Kakaotalk", "Nate", "Naver", "Yahoo", "Youtube", "Zum"});
    EXPECT_EQ(named.classes[3], "Google");
    EXPECT_EQ(named.pixels, s.pixels);
    EXPECT_THROW(read_idx(d / "images", d / "labels", {"a", "b"}), FormatError);
}

TEST(ExportIdx, EmptySet) {
    TempDir d("empty");
    dataset::ImageSet s;
    write_idx(s, d / "i", d / "l");
    auto back = read_idx(d / "i", d / "l");
    EXPECT_EQ(back.size(), 0u);
    EXPECT_TRUE(back.classes.empty());
}

TEST(ExportIdx, RejectsCorruptFiles) {
    TempDir d("corrupt");
    auto s = sample(4, 3);
    write_idx(s, d / "img", d / "lab");
    const auto img = slurp(d / "img");
    const auto lab = slurp(d / "lab");

    auto with = [&](const std::string& name, std::vector<std::uint8_t> bytes) {
        spit(d / name, bytes);
        return d / name;
    };
    auto truncated = img;
    truncated.resize(img.size() - 100);
    EXPECT_NE(format_error([&] { read_idx(with("t", truncated), d / "lab"); }).find("truncated"), std::string::npos);
    auto longer = img;
    longer.push_back(0);
    EXPECT_NE(format_error([&] { read_idx(with("x", longer), d / "lab"); }).find("after the data"), std::string::npos);
    auto magic = img;
    magic[0] = 0x12;
    EXPECT_NE(format_error([&] { read_idx(with("m", magic), d / "lab"); }).find("magic"), std::string::npos);
    auto type = img;
    type[2] = 0x0d;  // float
    EXPECT_NE(format_error([&] { read_idx(with("f", type), d / "lab"); }).find("0x0D"), std::string::npos);
    // Labels given as images and the other way round: wrong number of dimensions.
    EXPECT_NE(format_error([&] { read_idx(d / "lab", d / "lab"); }).find("dimensions"), std::string::npos);
    EXPECT_NE(format_error([&] { read_idx(d / "img", d / "img"); }).find("dimensions"), std::string::npos);
    auto side = img;
    side[11] = 27;  // 27 rows: sizes no longer match either
    EXPECT_THROW(read_idx(with("s", side), d / "lab"), FormatError);
    EXPECT_THROW(read_idx(with("short", {0, 0}), d / "lab"), FormatError);
    EXPECT_THROW(read_idx(with("zero", {}), d / "lab"), FormatError);
    // Counts that disagree.
    auto fewer = sample(3, 3);
    write_idx_labels(d / "lab3", fewer.labels);
    EXPECT_NE(format_error([&] { read_idx(d / "img", d / "lab3"); }).find("holds 4 images"), std::string::npos);
    // A gzip file cut short.
    write_idx_images(d / "img.gz", s.pixels.data(), s.size());
    auto gz = slurp(d / "img.gz");
    gz.resize(gz.size() / 2);
    EXPECT_THROW(read_idx(with("cut.gz", gz), d / "lab"), FormatError);
    EXPECT_THROW(read_idx(d / "missing", d / "lab"), IoError);
}

TEST(ExportIdx, RejectsLabelsOutsideAByteAndUnwritablePaths) {
    TempDir d("labels");
    EXPECT_THROW(write_idx_labels(d / "l", {0, 256}), ConfigError);
    EXPECT_THROW(write_idx_labels(d / "l2", {-1}), ConfigError);
    EXPECT_THROW(write_idx_labels(d / "no/such/dir/l", {0}), IoError);
    EXPECT_THROW(write_idx_images(d / "no/such/dir/i.gz", nullptr, 0), IoError);
}

namespace {

struct DecodedPng {
    std::uint32_t width = 0, height = 0;
    std::uint8_t depth = 0, color = 0;
    std::vector<std::uint8_t> pixels;  // filter bytes removed (all must be 0)
    bool crc_ok = true;
};

DecodedPng decode_png(const std::vector<std::uint8_t>& png) {
    DecodedPng out;
    const std::uint8_t sig[] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    EXPECT_TRUE(png.size() > 8 && std::equal(std::begin(sig), std::end(sig), png.begin()));
    std::vector<std::uint8_t> idat;
    std::size_t i = 8;
    std::string last;
    while (i + 12 <= png.size()) {
        std::uint32_t len = be32(&png[i]);
        std::string type(png.begin() + static_cast<std::ptrdiff_t>(i + 4), png.begin() + static_cast<std::ptrdiff_t>(i + 8));
        const std::uint8_t* data = &png[i + 8];
        uLong crc = crc32(crc32(0L, Z_NULL, 0), &png[i + 4], len + 4);
        if (crc != be32(&png[i + 8 + len])) out.crc_ok = false;
        if (type == "IHDR") {
            out.width = be32(data);
            out.height = be32(data + 4);
            out.depth = data[8];
            out.color = data[9];
        } else if (type == "IDAT") {
            idat.insert(idat.end(), data, data + len);
        }
        last = type;
        i += 12 + len;
    }
    EXPECT_EQ(last, "IEND");
    EXPECT_EQ(i, png.size());
    std::vector<std::uint8_t> raw(static_cast<std::size_t>((out.width + 1) * out.height));
    uLongf raw_len = static_cast<uLongf>(raw.size());
    EXPECT_EQ(uncompress(raw.data(), &raw_len, idat.data(), static_cast<uLong>(idat.size())), Z_OK);
    EXPECT_EQ(raw_len, raw.size());
    for (std::uint32_t y = 0; y < out.height; ++y) {
        EXPECT_EQ(raw[y * (out.width + 1)], 0) << "filter byte";
        out.pixels.insert(out.pixels.end(), raw.begin() + y * (out.width + 1) + 1,
                          raw.begin() + (y + 1) * (out.width + 1));
    }
    return out;
}

}  // namespace

TEST(ExportPng, RoundTripThroughZlib) {
    auto s = sample(1, 1);
    auto png = encode_png_gray(s.image(0), 28, 28);
    auto d = decode_png(png);
    EXPECT_TRUE(d.crc_ok);
    EXPECT_EQ(d.width, 28u);
    EXPECT_EQ(d.height, 28u);
    EXPECT_EQ(d.depth, 8);
    EXPECT_EQ(d.color, 0);
    EXPECT_EQ(d.pixels, std::vector<std::uint8_t>(s.pixels.begin(), s.pixels.begin() + 784));
}

TEST(ExportPng, ScaleRepeatsPixelsWithoutSmoothing) {
    const std::uint8_t px[] = {0, 255, 10, 20, 30, 40};  // 3 x 2
    auto d = decode_png(encode_png_gray(px, 3, 2, 4));
    EXPECT_TRUE(d.crc_ok);
    ASSERT_EQ(d.width, 12u);
    ASSERT_EQ(d.height, 8u);
    for (std::uint32_t y = 0; y < 8; ++y)
        for (std::uint32_t x = 0; x < 12; ++x) EXPECT_EQ(d.pixels[y * 12 + x], px[(y / 4) * 3 + x / 4]) << x << "," << y;
    EXPECT_THROW(encode_png_gray(px, 3, 2, 0), ConfigError);
    EXPECT_THROW(encode_png_gray(px, 0, 2), ConfigError);
}

TEST(ExportPng, OneFilePerImageByClass) {
    TempDir d("pngs");
    auto s = sample(5, 2);
    s.classes = {"Naver", "Zum"};
    std::uint64_t last_done = 0;
    auto n = write_image_pngs(s, d.path.string(), 2, [&](const Progress& p) { last_done = p.done; });
    EXPECT_EQ(n, 5u);
    EXPECT_EQ(last_done, 5u);
    EXPECT_TRUE(fs::exists(d.path / "Naver" / "000000.png"));
    EXPECT_TRUE(fs::exists(d.path / "Zum" / "000001.png"));
    EXPECT_TRUE(fs::exists(d.path / "Naver" / "000004.png"));
    auto img = decode_png(slurp((d.path / "Zum" / "000003.png").string()));
    EXPECT_EQ(img.width, 56u);
    EXPECT_EQ(img.pixels[0], s.image(3)[0]);
    CancelToken c;
    c.cancel();
    EXPECT_THROW(write_image_pngs(s, d.path.string(), 1, {}, &c), CancelledError);
}

TEST(ExportCsv, QuotesOnlyWhatNeedsIt) {
    EXPECT_EQ(csv_escape("plain"), "plain");
    EXPECT_EQ(csv_escape(""), "");
    EXPECT_EQ(csv_escape("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_escape("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_escape("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(csv_escape("cr\r"), "\"cr\r\"");
    EXPECT_EQ(csv_escape(" padded "), "\" padded \"");
    EXPECT_EQ(csv_escape("네이버"), "네이버");
    EXPECT_EQ(csv_row({"1", "x,y", "", "q\""}), "1,\"x,y\",,\"q\"\"\"");
}

TEST(ExportCsv, WriterWritesCrlfRecords) {
    TempDir d("csv");
    CsvWriter w(d / "flows.csv");
    w.row({"id", "sni", "label"});
    w.row({"1", "www.naver.com", "Naver"});
    w.row({"2", "a,b", "say \"x\""});
    EXPECT_EQ(w.rows(), 3u);
    w.close();
    w.close();  // idempotent
    auto b = slurp(d / "flows.csv");
    EXPECT_EQ(std::string(b.begin(), b.end()),
              "id,sni,label\r\n1,www.naver.com,Naver\r\n2,\"a,b\",\"say \"\"x\"\"\"\r\n");
    EXPECT_THROW(w.row({"late"}), IoError);
    EXPECT_THROW(CsvWriter(d / "no/such/dir/x.csv"), IoError);
}
