#pragma once
// 8-bit grayscale PNG (zlib deflate, CRC-32 from zlib), e.g. to look at payload images. `scale`
// enlarges each pixel to a scale x scale block without smoothing.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/common/progress.h"
#include "engine/dataset/image_set.h"

namespace flowcnn::exporter {

// Throws ConfigError for a non-positive size or a scale outside 1..64.
std::vector<std::uint8_t> encode_png_gray(const std::uint8_t* pixels, int width, int height, int scale = 1);
// Throws ConfigError as above and IoError when the file cannot be written.
void write_png_gray(const std::string& path, const std::uint8_t* pixels, int width, int height, int scale = 1);

// One PNG per image: DIR/<class name>/<NNNNNN>.png, NNNNNN the image's index in the set (from 0).
// Creates the folders. Returns the number of files written. Throws IoError, CancelledError.
std::size_t write_image_pngs(const dataset::ImageSet& set, const std::string& dir, int scale = 1,
                             const ProgressFn& progress = {}, const CancelToken* cancel = nullptr);

}  // namespace flowcnn::exporter
