#pragma once
// Fuzz targets that go through a path-based API write each input to one file in /dev/shm (or
// TMPDIR), named per process so parallel fuzzing jobs do not collide.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace flowcnn::fuzz {

inline const std::string& scratch_path(const char* suffix) {
    static const std::string path = [suffix] {
        const char* dir = std::getenv("FUZZ_SCRATCH");
        std::string d = dir ? dir : (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
        return d + "/flowcnn-fuzz-" + std::to_string(getpid()) + suffix;
    }();
    return path;
}

inline bool write_scratch(const std::string& path, const std::uint8_t* data, std::size_t size) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return false;
    bool ok = std::fwrite(data, 1, size, f) == size;
    return std::fclose(f) == 0 && ok;
}

}  // namespace flowcnn::fuzz
