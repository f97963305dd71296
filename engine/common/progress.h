#pragma once
// Progress reporting and cancellation for long jobs. Callbacks run on the job's thread; a UI
// forwards them as queued signals. The engine checks the token often (at least every ~100 ms).
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace flowcnn {

struct Progress {
    std::string stage;    // e.g. "import", "train", "search"
    std::uint64_t done = 0;
    std::uint64_t total = 0;  // 0 when unknown
    std::string message;      // one human-readable line, may be empty
};
using ProgressFn = std::function<void(const Progress&)>;

class CancelToken {
public:
    void cancel() noexcept { flag_.store(true, std::memory_order_relaxed); }
    void reset() noexcept { flag_.store(false, std::memory_order_relaxed); }
    bool cancelled() const noexcept { return flag_.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> flag_{false};
};

}  // namespace flowcnn
