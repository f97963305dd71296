// Fuzzes the model-file loader up to LibTorch: magic, format version, section lengths, CRC-32 and
// the JSON metadata (hyper-parameters, classes, preprocessing, seed). torch::load of the weights
// block is LibTorch's own code (not built with the sanitizers) and is not fuzzed here; the loader
// hands it only a block whose CRC held. A k-NN model's image block is decoded and re-encoded. The first byte picks how the rest is framed, so that the
// CRC does not stop the fuzzer at the door:
//   0: the rest is the file as it is
//   1: the rest is a whole file whose last four bytes get the correct CRC
//   2: the rest is the metadata JSON, framed with a valid header, empty weights and the CRC
// A file that loads must survive a re-encode: encode(decode(x)) decodes to the same encoding.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "engine/common/error.h"
#include "engine/model/model_file.h"

namespace {

std::uint32_t crc32(const std::uint8_t* p, std::size_t n) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < n; ++i) {
        c ^= p[i];
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xFFFFFFFFu;
}

void put_le(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace flowcnn::model;
    if (size < 1) return 0;
    const int mode = data[0] % 3;
    std::vector<std::uint8_t> file;
    if (mode == 2) {
        file.assign(kModelMagic.begin(), kModelMagic.end());
        put_le(file, kModelFormatVersion, 4);
        put_le(file, size - 1, 8);
        file.insert(file.end(), data + 1, data + size);
        put_le(file, 0, 8);  // no weights
        put_le(file, crc32(file.data(), file.size()), 4);
    } else {
        file.assign(data + 1, data + size);
        if (mode == 1 && file.size() >= 4) {
            const std::uint32_t c = crc32(file.data(), file.size() - 4);
            for (int i = 0; i < 4; ++i) file[file.size() - 4 + i] = static_cast<std::uint8_t>(c >> (8 * i));
        }
    }
    ModelFile f;
    try {
        f = decode_model_file(file);
    } catch (const flowcnn::Error&) {
        return 0;  // a typed refusal with a message is the expected outcome for most inputs
    }
    if (f.weights.size() > file.size()) __builtin_trap();
    if (f.info.kind == ModelKind::Knn) {
        // A k-NN model's image block: whole images, labels inside the classes, or a typed refusal.
        try {
            const auto images = decode_knn_images(f.weights, f.info.classes);
            if (images.pixels.size() != images.size() * 784 || images.pixels.size() > f.weights.size())
                __builtin_trap();
            if (encode_knn_images(images) != f.weights) __builtin_trap();
        } catch (const flowcnn::Error&) {
        }
    }
    // What loaded must be writable and read back the same (no lossy or unreadable metadata).
    const auto once = encode_model_file(f.info, f.weights);
    ModelFile g;
    try {
        g = decode_model_file(once);
    } catch (const flowcnn::Error&) {
        __builtin_trap();
    }
    if (encode_model_file(g.info, g.weights) != once) __builtin_trap();
    return 0;
}
