#pragma once
// Live capture from a network interface through libpcap. next() returns at least every ~100 ms
// so a caller can check for cancellation; stop() may be called from any thread.
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/capture/capture_reader.h"

struct pcap;

namespace flowcnn::capture {

struct InterfaceInfo {
    std::string name;         // what LiveCapture takes, e.g. "eth0", "lo"
    std::string description;  // may be empty
    std::vector<std::string> addresses;  // IPv4/IPv6 addresses as text
    bool loopback = false;
    bool up = false;
    bool running = false;
    bool wireless = false;
};

// The interfaces libpcap can open. Throws IoError when libpcap cannot list them.
std::vector<InterfaceInfo> list_interfaces();

class LiveCapture : public CaptureReader {
public:
    // Opens and activates `interface` with the BPF `filter` (empty: everything).
    // Throws ConfigError for an unknown interface or a bad filter (with libpcap's text), IoError
    // when the capture is not permitted (with what to do about it) or fails otherwise.
    LiveCapture(const std::string& interface, const std::string& filter,
                std::uint32_t snaplen = 262144, bool promiscuous = false);
    ~LiveCapture() override;
    LiveCapture(const LiveCapture&) = delete;
    LiveCapture& operator=(const LiveCapture&) = delete;

    // Blocks until a frame arrives; returns false after stop() (promptly) or on a capture error
    // (then error() says why).
    bool next(RawPacket& out) override;
    // Thread-safe: makes a blocked or later next() return false.
    void stop() noexcept;
    bool stopped() const noexcept { return stop_.load(std::memory_order_acquire); }

    CaptureFormat format() const override { return CaptureFormat::Live; }
    const std::string& error() const override { return error_; }
    std::uint64_t position() const override { return 0; }
    std::uint64_t size() const override { return 0; }
    int linktype() const override { return linktype_; }

    const std::string& interface_name() const { return interface_; }
    std::uint64_t frames() const { return frames_; }
    // Frames the kernel dropped because we read too slowly (0 when unknown).
    std::uint64_t dropped() const;

private:
    pcap* p_ = nullptr;
    std::string interface_;
    std::string error_;
    std::atomic<bool> stop_{false};
    std::uint64_t frames_ = 0;
    int linktype_ = 0;
    bool nano_ = false;
};

}  // namespace flowcnn::capture
