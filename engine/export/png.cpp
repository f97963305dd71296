#include "engine/export/png.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "engine/common/error.h"
#include "engine/flow/flow.h"

namespace flowcnn::exporter {
namespace {

void put32(std::vector<std::uint8_t>& b, std::uint32_t v) {
    b.push_back(static_cast<std::uint8_t>(v >> 24));
    b.push_back(static_cast<std::uint8_t>(v >> 16));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}

void chunk(std::vector<std::uint8_t>& out, const char type[4], const std::vector<std::uint8_t>& data) {
    put32(out, static_cast<std::uint32_t>(data.size()));
    const std::size_t start = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data.begin(), data.end());
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, out.data() + start, static_cast<uInt>(out.size() - start));
    put32(out, static_cast<std::uint32_t>(crc));
}

void write_file(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) throw IoError("cannot create '" + path + "': " + std::strerror(errno));
    bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    ok = std::fclose(f) == 0 && ok;
    if (!ok) throw IoError("cannot write '" + path + "': " + std::strerror(errno));
}

}  // namespace

std::vector<std::uint8_t> encode_png_gray(const std::uint8_t* pixels, int width, int height, int scale) {
    if (width <= 0 || height <= 0) throw ConfigError("PNG size must be positive");
    if (scale < 1 || scale > 64) throw ConfigError("PNG scale must be 1..64, not " + std::to_string(scale));
    const std::uint64_t w = static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(scale);
    const std::uint64_t h = static_cast<std::uint64_t>(height) * static_cast<std::uint64_t>(scale);
    if (w > 0x7fffffff || h > 0x7fffffff || (w + 1) * h > (1ULL << 31)) throw ConfigError("PNG too large");

    // Raw scanlines: filter type 0 (None) then the row, each source pixel repeated `scale` times.
    std::vector<std::uint8_t> raw;
    raw.reserve(static_cast<std::size_t>((w + 1) * h));
    for (int y = 0; y < height; ++y) {
        const std::size_t row_start = raw.size();
        raw.push_back(0);
        const std::uint8_t* src = pixels + static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
        for (int x = 0; x < width; ++x) raw.insert(raw.end(), static_cast<std::size_t>(scale), src[x]);
        for (int k = 1; k < scale; ++k) raw.insert(raw.end(), raw.begin() + static_cast<std::ptrdiff_t>(row_start),
                                                   raw.begin() + static_cast<std::ptrdiff_t>(row_start + w + 1));
    }
    uLongf zlen = compressBound(static_cast<uLong>(raw.size()));
    std::vector<std::uint8_t> z(zlen);
    if (compress2(z.data(), &zlen, raw.data(), static_cast<uLong>(raw.size()), 9) != Z_OK)
        throw Error("zlib: compress2 failed");
    z.resize(zlen);

    std::vector<std::uint8_t> out = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    std::vector<std::uint8_t> ihdr;
    put32(ihdr, static_cast<std::uint32_t>(w));
    put32(ihdr, static_cast<std::uint32_t>(h));
    ihdr.push_back(8);  // bit depth
    ihdr.push_back(0);  // colour type: grayscale
    ihdr.push_back(0);  // compression: deflate
    ihdr.push_back(0);  // filter method
    ihdr.push_back(0);  // no interlace
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", z);
    chunk(out, "IEND", {});
    return out;
}

void write_png_gray(const std::string& path, const std::uint8_t* pixels, int width, int height, int scale) {
    write_file(path, encode_png_gray(pixels, width, height, scale));
}

std::size_t write_image_pngs(const dataset::ImageSet& set, const std::string& dir, int scale,
                             const ProgressFn& progress, const CancelToken* cancel) {
    if (set.pixels.size() < set.size() * flow::kImageBytes) throw ConfigError("image set is missing pixel data");
    namespace fs = std::filesystem;
    std::size_t written = 0;
    for (std::size_t i = 0; i < set.size(); ++i) {
        if (cancel && cancel->cancelled()) throw CancelledError();
        const auto label = static_cast<std::size_t>(set.labels[i]);
        std::string cls = label < set.classes.size() ? set.classes[label] : std::to_string(set.labels[i]);
        for (auto& ch : cls)
            if (ch == '/' || ch == '\\' || ch == ':' || static_cast<unsigned char>(ch) < 0x20) ch = '_';
        if (cls.empty() || cls == "." || cls == "..") cls = "_" + cls;
        const fs::path folder = fs::path(dir) / cls;
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (ec) throw IoError("cannot create folder '" + folder.string() + "': " + ec.message());
        char name[32];
        std::snprintf(name, sizeof name, "%06zu.png", i);
        write_png_gray((folder / name).string(), set.image(i), flow::kImageSide, flow::kImageSide, scale);
        ++written;
        if (progress && (written % 256 == 0 || written == set.size()))
            progress({"export", written, set.size(), ""});
    }
    return written;
}

}  // namespace flowcnn::exporter
