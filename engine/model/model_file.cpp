#include "engine/model/model_file.h"

#include <array>
#include <charconv>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "engine/common/error.h"
#include "engine/common/json.h"

namespace flowcnn::model {
namespace {

std::uint32_t crc32(std::span<const std::uint8_t> data) {
    static const auto table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::uint8_t b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

template <class T>
void put_le(std::vector<std::uint8_t>& out, T v) {
    for (std::size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
template <class T>
T get_le(const std::uint8_t* p) {
    T v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) v |= static_cast<T>(static_cast<T>(p[i]) << (8 * i));
    return v;
}

}  // namespace

std::string model_info_to_json(const ModelInfo& info) {
    Json j = Json::object();
    if (info.kind == ModelKind::Knn) {
        j["kind"] = "knn";
        Json k = Json::object();
        k["k"] = info.knn.k;
        k["distance"] = std::string(baseline::distance_name(info.knn.distance));
        j["knn"] = std::move(k);
    } else if (info.kind == ModelKind::Gbt) {
        j["kind"] = "gbt";
        j["gbt"] = Json::parse(info.gbt_json.empty() ? "{}" : info.gbt_json);
        Json f = Json::object();
        f["version"] = info.feature_version;
        f["count"] = info.feature_count;
        j["features"] = std::move(f);
    }
    if (!info.unknown_json.empty() && info.unknown_json != "{}") j["unknown"] = Json::parse(info.unknown_json);
    j["hparams"] = Json::parse(info.hparams.to_json());
    Json classes = Json::array();
    for (auto& c : info.classes) classes.push_back(c);
    j["classes"] = std::move(classes);
    Json pre = Json::object();
    pre["image_bytes"] = info.preprocessing.image_bytes;
    pre["fill"] = flow::fill_mode_name(info.preprocessing.fill);
    pre["direction"] = flow::direction_name(info.preprocessing.direction);
    if (info.preprocessing.payload_bytes != static_cast<int>(flow::kImageBytes))
        pre["payload_bytes"] = info.preprocessing.payload_bytes;
    if (info.preprocessing.blank_session_fields) pre["blank_session_fields"] = true;
    j["preprocessing"] = std::move(pre);
    j["name"] = info.name;
    j["created_at"] = info.created_at;
    j["train"] = Json::parse(info.train_json.empty() ? "{}" : info.train_json);
    j["seed"] = std::to_string(info.seed);  // as text: 64-bit seeds do not fit a double
    j["metrics"] = Json::parse(info.metrics_json.empty() ? "{}" : info.metrics_json);
    j["torch_version"] = info.torch_version;
    if (!info.name_rules.empty()) {  // absent for the CNN alone: older readers see the same file
        Json rules = Json::array();
        for (const auto& r : info.name_rules.rules()) {
            Json o = Json::object();
            o["name"] = r.name;
            o["domain"] = r.domain;
            o["class"] = r.class_index;
            o["flows"] = r.flows;
            o["total"] = r.total;
            rules.push_back(std::move(o));
        }
        j["name_rules"] = std::move(rules);
    }
    return j.dump();
}

ModelInfo model_info_from_json(std::string_view text) {
    Json j = Json::parse(text);
    if (!j.is_object()) throw FormatError("model metadata: expected a JSON object");
    ModelInfo info;
    const std::string kind(j.get("kind", std::string_view("cnn")));
    if (kind == "knn") {
        info.kind = ModelKind::Knn;
        const Json& k = j.at("knn");
        const auto kk = k.get_int("k", 1);
        if (kk < 1 || kk > 1000) throw FormatError("model file: k-NN k " + std::to_string(kk) + " (expected 1 to 1000)");
        info.knn.k = static_cast<int>(kk);
        if (!baseline::parse_distance(k.get("distance", std::string_view("hamming")), info.knn.distance))
            throw FormatError("model file: unknown k-NN distance");
    } else if (kind == "gbt") {
        info.kind = ModelKind::Gbt;
        info.gbt_json = j.at("gbt").dump();
        const Json& f = j.at("features");
        info.feature_version = static_cast<int>(f.get_int("version", 0));
        info.feature_count = static_cast<int>(f.get_int("count", 0));
        if (info.feature_count < 1 || info.feature_count > 100000)
            throw FormatError("model file: feature count " + std::to_string(info.feature_count));
    } else if (kind != "cnn") {
        throw FormatError("model file: unknown model kind '" + kind.substr(0, 40) + "'");
    }
    if (j.contains("unknown")) {
        if (!j.at("unknown").is_object()) throw FormatError("model file: 'unknown' is not an object");
        info.unknown_json = j.at("unknown").dump();
    }
    info.hparams = HyperParams::from_json(j.at("hparams").dump());
    for (auto& c : j.at("classes").as_array()) info.classes.push_back(c.as_string());
    if (j.contains("preprocessing")) {
        const Json& pre = j.at("preprocessing");
        info.preprocessing.image_bytes = static_cast<int>(pre.get_int("image_bytes", 784));
        if (info.preprocessing.image_bytes != static_cast<int>(flow::kImageBytes))
            throw FormatError("model file: images of " +
                              std::to_string(info.preprocessing.image_bytes) +
                              " bytes are not supported (784 expected)");
        if (!flow::parse_fill_mode(pre.get("fill", std::string_view("repeat")),
                                   info.preprocessing.fill))
            throw FormatError("model file: unknown fill mode");
        if (!flow::parse_direction(pre.get("direction", std::string_view("both")),
                                   info.preprocessing.direction))
            throw FormatError("model file: unknown direction");
        const auto pb = pre.get_int("payload_bytes", static_cast<std::int64_t>(flow::kImageBytes));
        if (pb < 1 || pb > static_cast<std::int64_t>(flow::kImageBytes))
            throw FormatError("model file: payload_bytes " + std::to_string(pb) + " (expected 1 to 784)");
        info.preprocessing.payload_bytes = static_cast<int>(pb);
        info.preprocessing.blank_session_fields = pre.get("blank_session_fields", false);
    }
    info.name = j.get("name", std::string_view());
    info.created_at = j.get("created_at", std::string_view());
    if (j.contains("train")) info.train_json = j.at("train").dump();
    if (j.contains("seed")) {
        const Json& s = j.at("seed");
        if (s.is_string()) {
            // Digits only: std::stoull would throw std::invalid_argument (not a FormatError) or
            // accept "-1" and leading blanks.
            const std::string& t = s.as_string();
            std::uint64_t v = 0;
            auto r = std::from_chars(t.data(), t.data() + t.size(), v);
            if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size())
                throw FormatError("model file: seed '" + t.substr(0, 40) + "' is not a 64-bit unsigned integer");
            info.seed = v;
        } else {
            info.seed = static_cast<std::uint64_t>(s.as_int());
        }
    }
    if (j.contains("metrics")) info.metrics_json = j.at("metrics").dump();
    info.torch_version = j.get("torch_version", std::string_view());
    if (j.contains("name_rules")) {
        std::vector<baseline::NameRule> rules;
        for (const auto& o : j.at("name_rules").as_array()) {
            if (!o.is_object()) throw FormatError("model file: a name rule is not an object");
            baseline::NameRule r;
            r.name = o.at("name").as_string();
            r.domain = o.at("domain").as_bool();
            const auto cls = o.at("class").as_int();
            r.flows = o.at("flows").as_int();
            r.total = o.at("total").as_int();
            if (r.name.empty() || r.name.size() > 255 || cls < 0 ||
                static_cast<std::size_t>(cls) >= info.classes.size() || r.flows < 1 || r.total < r.flows)
                throw FormatError("model file: name rule '" + r.name.substr(0, 40) + "' is out of range");
            r.class_index = static_cast<std::int32_t>(cls);
            rules.push_back(std::move(r));
        }
        try {
            info.name_rules = baseline::NameRules(std::move(rules));
        } catch (const ConfigError& e) {
            throw FormatError(std::string("model file: ") + e.what());
        }
    }
    return info;
}

std::vector<std::uint8_t> encode_model_file(const ModelInfo& info,
                                            std::span<const std::uint8_t> weights) {
    const std::string meta = model_info_to_json(info);
    std::vector<std::uint8_t> out;
    out.reserve(kModelMagic.size() + 4 + 8 + meta.size() + 8 + weights.size() + 4);
    out.insert(out.end(), kModelMagic.begin(), kModelMagic.end());
    put_le<std::uint32_t>(out, model_format_version(info));
    put_le<std::uint64_t>(out, meta.size());
    out.insert(out.end(), meta.begin(), meta.end());
    put_le<std::uint64_t>(out, weights.size());
    out.insert(out.end(), weights.begin(), weights.end());
    put_le<std::uint32_t>(out, crc32(out));
    return out;
}

ModelFile decode_model_file(std::span<const std::uint8_t> bytes) {
    const std::size_t m = kModelMagic.size();
    if (bytes.size() < m || std::memcmp(bytes.data(), kModelMagic.data(), m) != 0)
        throw FormatError("not a FlowCNN model file (bad magic)");
    if (bytes.size() < m + 4) throw FormatError("model file is truncated");
    const std::uint32_t version = get_le<std::uint32_t>(bytes.data() + m);
    if (version == 0) throw FormatError("model file: bad format version 0");
    if (version > kModelFormatVersion)
        throw FormatError("model file has format version " + std::to_string(version) +
                          ", newer than this program reads (" + std::to_string(kModelFormatVersion) +
                          "); update FlowCNN");
    std::size_t pos = m + 4;
    auto need = [&](std::uint64_t n) {
        if (n > bytes.size() || pos > bytes.size() - n) throw FormatError("model file is truncated");
    };
    need(8);
    const std::uint64_t meta_len = get_le<std::uint64_t>(bytes.data() + pos);
    pos += 8;
    need(meta_len);
    std::string_view meta(reinterpret_cast<const char*>(bytes.data() + pos), meta_len);
    pos += meta_len;
    need(8);
    const std::uint64_t w_len = get_le<std::uint64_t>(bytes.data() + pos);
    pos += 8;
    need(w_len);
    const std::size_t w_pos = pos;
    pos += w_len;
    need(4);
    const std::uint32_t crc = get_le<std::uint32_t>(bytes.data() + pos);
    if (crc != crc32(bytes.first(pos))) throw FormatError("model file is corrupt (checksum mismatch)");
    if (pos + 4 != bytes.size()) throw FormatError("model file has trailing bytes");
    ModelFile f;
    try {
        f.info = model_info_from_json(meta);
    } catch (const FormatError& e) {
        throw FormatError(std::string("model file metadata: ") + e.what());
    }
    f.weights.assign(bytes.begin() + static_cast<std::ptrdiff_t>(w_pos),
                     bytes.begin() + static_cast<std::ptrdiff_t>(w_pos + w_len));
    return f;
}

std::uint32_t model_format_version(const ModelInfo& info) {
    switch (info.kind) {
        case ModelKind::Gbt: return 3u;
        case ModelKind::Knn: return 2u;
        case ModelKind::Cnn: break;
    }
    return 1u;
}

std::string describe_model(const ModelInfo& info) {
    if (info.kind == ModelKind::Gbt) {
        std::string d = "gradient-boosted trees";
        try {
            const auto j = Json::parse(info.gbt_json);
            d += " (" + std::to_string(j.get_int("rounds", 0)) + " rounds, depth " +
                 std::to_string(j.get_int("max_depth", 0)) + ")";
        } catch (const FormatError&) {
        }
        return d;
    }
    if (info.kind == ModelKind::Knn)
        return std::to_string(info.knn.k) + "-NN " + std::string(baseline::distance_name(info.knn.distance));
    return "CNN " + info.hparams.key();
}

std::vector<std::uint8_t> encode_knn_images(const dataset::ImageSet& train) {
    std::vector<std::uint8_t> out;
    out.reserve(8 + train.pixels.size() + 4 * train.size());
    put_le<std::uint64_t>(out, train.size());
    out.insert(out.end(), train.pixels.begin(), train.pixels.end());
    for (auto l : train.labels) put_le<std::uint32_t>(out, static_cast<std::uint32_t>(l));
    return out;
}

dataset::ImageSet decode_knn_images(std::span<const std::uint8_t> w, const std::vector<std::string>& classes) {
    if (w.size() < 8) throw FormatError("k-NN model: the image block is truncated");
    const std::uint64_t n = get_le<std::uint64_t>(w.data());
    constexpr std::uint64_t per = flow::kImageBytes + 4;
    if (n == 0) throw FormatError("k-NN model: no training images");
    if (n > (w.size() - 8) / per || 8 + n * per != w.size())
        throw FormatError("k-NN model: the image block does not hold " + std::to_string(n) + " images");
    dataset::ImageSet s;
    s.classes = classes;
    s.pixels.assign(w.begin() + 8, w.begin() + 8 + static_cast<std::ptrdiff_t>(n * flow::kImageBytes));
    s.labels.resize(n);
    const std::uint8_t* p = w.data() + 8 + n * flow::kImageBytes;
    for (std::uint64_t i = 0; i < n; ++i) {
        const auto l = get_le<std::uint32_t>(p + 4 * i);
        if (l >= classes.size()) throw FormatError("k-NN model: a label is outside the classes");
        s.labels[i] = static_cast<std::int32_t>(l);
    }
    return s;
}

std::vector<std::uint8_t> read_file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IoError("cannot open " + path + ": " + std::strerror(errno));
    std::vector<std::uint8_t> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw IoError("cannot read " + path);
    return data;
}

ModelFile read_model_file(const std::string& path) {
    auto data = read_file_bytes(path);
    try {
        return decode_model_file(data);
    } catch (const FormatError& e) {
        throw FormatError(path + ": " + e.what());
    }
}

void write_model_file(const std::string& path, std::span<const std::uint8_t> bytes) {
    // Written next to the target and renamed over it: a failed write (disk full, read-only
    // folder) leaves neither a half-written model nor the temporary file behind.
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw IoError("cannot write " + path + ": " + std::strerror(errno));
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            const int err = errno;
            out.close();
            std::remove(tmp.c_str());
            throw IoError("cannot write " + path + ": " + std::strerror(err) +
                          (err == ENOSPC || err == EFBIG || err == EDQUOT ? " (the disk is full or a file size limit was reached)" : ""));
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw IoError("cannot write " + path + ": " + std::strerror(errno));
    }
}

}  // namespace flowcnn::model
