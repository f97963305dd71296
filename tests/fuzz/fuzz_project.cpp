// Fuzzes the project-file loader: arbitrary bytes as a project file must be opened or refused
// with a typed error, never crash.
#include <exception>

#include "engine/common/error.h"
#include "engine/store/project.h"
#include "tests/fuzz/fuzz_file_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& path = flowcnn::fuzz::scratch_path(".flowcnn");
    std::remove((path + "-wal").c_str());
    std::remove((path + "-shm").c_str());
    if (!flowcnn::fuzz::write_scratch(path, data, size)) return 0;
    try {
        auto project = flowcnn::store::Project::open(path, /*read_only=*/true);
        (void)project.captures();
    } catch (const flowcnn::Error&) {
    }
    return 0;
}
