#pragma once
// IDX files, the MNIST format that USTC-TK2016 writes and the reference trainer reads: images as
// idx3 unsigned bytes (N x 28 x 28), labels as idx1 unsigned bytes (N). A path ending in ".gz" is
// written gzip-compressed; the reader recognises gzip by its magic bytes, whatever the name.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/common/progress.h"
#include "engine/dataset/image_set.h"

namespace flowcnn::exporter {

// Writes `count` images of 784 bytes each (row-major 28x28). Throws IoError.
void write_idx_images(const std::string& path, const std::uint8_t* pixels, std::size_t count);
// Writes labels as unsigned bytes. Throws ConfigError for a label outside 0..255, IoError.
void write_idx_labels(const std::string& path, const std::vector<std::int32_t>& labels);
// Both files of one image set.
void write_idx(const dataset::ImageSet& set, const std::string& images_path, const std::string& labels_path);

// Reads an image file and its label file. Checks the magic number, the data type (unsigned byte),
// the dimensions (N x 28 x 28 and N) against the file length, and that both files hold the same
// number of items; throws FormatError naming the file and the problem, IoError when a file cannot
// be read. Classes are named "0".."k-1" (k = largest label + 1) unless `class_names` is given, in
// which case it must name every label that occurs.
dataset::ImageSet read_idx(const std::string& images_path, const std::string& labels_path,
                           const std::vector<std::string>& class_names = {});

}  // namespace flowcnn::exporter
