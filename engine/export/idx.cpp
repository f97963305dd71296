#include "engine/export/idx.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "engine/common/error.h"
#include "engine/flow/flow.h"

namespace flowcnn::exporter {
namespace {

constexpr std::uint8_t kUnsignedByte = 0x08;
// Decompressed IDX files larger than this are refused (a bound against gzip bombs): 4 GiB holds
// over five million images.
constexpr std::uint64_t kMaxIdxBytes = 4ULL << 30;

bool ends_with_gz(const std::string& path) {
    return path.size() >= 3 && path.compare(path.size() - 3, 3, ".gz") == 0;
}

// Writes one IDX file, plain or gzip-compressed by its name.
class IdxOut {
public:
    explicit IdxOut(const std::string& path) : path_(path), gz_(ends_with_gz(path)) {
        if (gz_) {
            g_ = gzopen(path.c_str(), "wb6");
            if (!g_) fail("cannot create");
        } else {
            f_ = std::fopen(path.c_str(), "wb");
            if (!f_) fail("cannot create");
        }
    }
    ~IdxOut() {
        if (g_) gzclose(g_);
        if (f_) std::fclose(f_);
    }
    void write(const void* data, std::size_t n) {
        const auto* p = static_cast<const std::uint8_t*>(data);
        while (n > 0) {
            // gzwrite takes an unsigned length: write in chunks.
            std::size_t chunk = std::min<std::size_t>(n, 1u << 30);
            bool ok = gz_ ? gzwrite(g_, p, static_cast<unsigned>(chunk)) == static_cast<int>(chunk)
                          : std::fwrite(p, 1, chunk, f_) == chunk;
            if (!ok) fail("cannot write");
            p += chunk;
            n -= chunk;
        }
    }
    void header(std::uint8_t ndim, std::initializer_list<std::uint32_t> dims) {
        std::uint8_t h[4 + 4 * 3] = {0, 0, kUnsignedByte, ndim};
        std::size_t n = 4;
        for (auto d : dims) {
            h[n++] = static_cast<std::uint8_t>(d >> 24);
            h[n++] = static_cast<std::uint8_t>(d >> 16);
            h[n++] = static_cast<std::uint8_t>(d >> 8);
            h[n++] = static_cast<std::uint8_t>(d);
        }
        write(h, n);
    }
    void close() {
        int rc = 0;
        if (g_) {
            rc = gzclose(g_);
            g_ = nullptr;
            if (rc != Z_OK) fail("cannot finish");
        }
        if (f_) {
            bool ok = std::fflush(f_) == 0;
            ok = std::fclose(f_) == 0 && ok;
            f_ = nullptr;
            if (!ok) fail("cannot finish");
        }
    }

private:
    [[noreturn]] void fail(const char* what) {
        throw IoError(std::string(what) + " '" + path_ + "': " + std::strerror(errno ? errno : EIO));
    }
    std::string path_;
    bool gz_;
    gzFile g_ = nullptr;
    std::FILE* f_ = nullptr;
};

// The whole file, decompressed when it starts with the gzip magic.
std::vector<std::uint8_t> read_all(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw IoError("cannot open '" + path + "': " + std::strerror(errno));
    std::uint8_t magic[2] = {0, 0};
    std::size_t got = std::fread(magic, 1, 2, f);
    std::fclose(f);
    std::vector<std::uint8_t> data;
    if (got == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
        gzFile g = gzopen(path.c_str(), "rb");
        if (!g) throw IoError("cannot open '" + path + "'");
        std::uint8_t buf[1 << 16];
        for (;;) {
            int n = gzread(g, buf, sizeof buf);
            if (n < 0) {
                int err = 0;
                std::string msg = gzerror(g, &err);
                gzclose(g);
                throw FormatError("'" + path + "': corrupt gzip data (" + msg + ")");
            }
            if (n == 0) break;
            data.insert(data.end(), buf, buf + n);
            if (data.size() > kMaxIdxBytes) {
                gzclose(g);
                throw FormatError("'" + path + "': decompressed data exceeds 4 GiB");
            }
        }
        gzclose(g);
        return data;
    }
    f = std::fopen(path.c_str(), "rb");
    if (!f) throw IoError("cannot open '" + path + "': " + std::strerror(errno));
    std::uint8_t buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.insert(data.end(), buf, buf + n);
    bool err = std::ferror(f) != 0;
    std::fclose(f);
    if (err) throw IoError("cannot read '" + path + "'");
    return data;
}

struct Parsed {
    std::vector<std::uint32_t> dims;
    std::size_t data_offset = 0;
};

Parsed parse_header(const std::string& path, const std::vector<std::uint8_t>& d, std::uint8_t want_ndim,
                    const char* what) {
    if (d.size() < 4) throw FormatError("'" + path + "': too short for an IDX file (" + std::to_string(d.size()) +
                                        " bytes)");
    if (d[0] != 0 || d[1] != 0) throw FormatError("'" + path + "': not an IDX file (bad magic number)");
    if (d[2] != kUnsignedByte) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", d[2]);
        throw FormatError("'" + path + "': IDX data type " + hex + " is not supported (expected unsigned byte, 0x08)");
    }
    if (d[3] != want_ndim)
        throw FormatError("'" + path + "': " + std::to_string(d[3]) + " dimensions, expected " +
                          std::to_string(want_ndim) + " for an IDX " + what + " file");
    Parsed p;
    p.data_offset = 4 + 4 * static_cast<std::size_t>(want_ndim);
    if (d.size() < p.data_offset) throw FormatError("'" + path + "': truncated IDX header");
    std::uint64_t expected = 1;
    for (std::size_t i = 0; i < want_ndim; ++i) {
        const std::uint8_t* q = d.data() + 4 + 4 * i;
        std::uint32_t v = (std::uint32_t{q[0]} << 24) | (std::uint32_t{q[1]} << 16) | (std::uint32_t{q[2]} << 8) | q[3];
        p.dims.push_back(v);
        expected *= v;
        if (expected > kMaxIdxBytes) throw FormatError("'" + path + "': dimensions too large");
    }
    const std::uint64_t have = d.size() - p.data_offset;
    if (have < expected)
        throw FormatError("'" + path + "': truncated: the header announces " + std::to_string(expected) +
                          " data bytes, the file has " + std::to_string(have));
    if (have > expected)
        throw FormatError("'" + path + "': " + std::to_string(have - expected) +
                          " bytes after the data the header announces");
    return p;
}

}  // namespace

void write_idx_images(const std::string& path, const std::uint8_t* pixels, std::size_t count) {
    if (count > 0xffffffffu) throw ConfigError("too many images for an IDX file");
    IdxOut out(path);
    out.header(3, {static_cast<std::uint32_t>(count), flow::kImageSide, flow::kImageSide});
    if (count) out.write(pixels, count * flow::kImageBytes);
    out.close();
}

void write_idx_labels(const std::string& path, const std::vector<std::int32_t>& labels) {
    std::vector<std::uint8_t> bytes;
    bytes.reserve(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0 || labels[i] > 255)
            throw ConfigError("label " + std::to_string(labels[i]) + " (item " + std::to_string(i) +
                              ") does not fit an unsigned-byte IDX label file");
        bytes.push_back(static_cast<std::uint8_t>(labels[i]));
    }
    if (labels.size() > 0xffffffffu) throw ConfigError("too many labels for an IDX file");
    IdxOut out(path);
    out.header(1, {static_cast<std::uint32_t>(labels.size())});
    out.write(bytes.data(), bytes.size());
    out.close();
}

void write_idx(const dataset::ImageSet& set, const std::string& images_path, const std::string& labels_path) {
    if (set.pixels.size() != set.size() * flow::kImageBytes)
        throw ConfigError("image set holds " + std::to_string(set.pixels.size()) + " pixel bytes for " +
                          std::to_string(set.size()) + " labels");
    write_idx_labels(labels_path, set.labels);  // validates labels before the larger file is written
    write_idx_images(images_path, set.pixels.data(), set.size());
}

dataset::ImageSet read_idx(const std::string& images_path, const std::string& labels_path,
                           const std::vector<std::string>& class_names) {
    std::vector<std::uint8_t> img = read_all(images_path);
    Parsed pi = parse_header(images_path, img, 3, "image");
    if (pi.dims[1] != flow::kImageSide || pi.dims[2] != flow::kImageSide)
        throw FormatError("'" + images_path + "': images are " + std::to_string(pi.dims[1]) + "x" +
                          std::to_string(pi.dims[2]) + ", expected 28x28");
    std::vector<std::uint8_t> lab = read_all(labels_path);
    Parsed pl = parse_header(labels_path, lab, 1, "label");
    if (pl.dims[0] != pi.dims[0])
        throw FormatError("'" + images_path + "' holds " + std::to_string(pi.dims[0]) + " images but '" +
                          labels_path + "' holds " + std::to_string(pl.dims[0]) + " labels");
    dataset::ImageSet set;
    set.pixels.assign(img.begin() + static_cast<std::ptrdiff_t>(pi.data_offset), img.end());
    img = {};
    int max_label = -1;
    set.labels.reserve(pl.dims[0]);
    for (std::size_t i = pl.data_offset; i < lab.size(); ++i) {
        set.labels.push_back(lab[i]);
        max_label = std::max<int>(max_label, lab[i]);
    }
    if (!class_names.empty()) {
        if (static_cast<int>(class_names.size()) <= max_label)
            throw FormatError("'" + labels_path + "' uses label " + std::to_string(max_label) + " but only " +
                              std::to_string(class_names.size()) + " class names were given");
        set.classes = class_names;
    } else {
        for (int c = 0; c <= max_label; ++c) set.classes.push_back(std::to_string(c));
    }
    return set;
}

}  // namespace flowcnn::exporter
