#include "engine/capture/live_capture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <sys/socket.h>

#include "engine/common/error.h"

namespace flowcnn::capture {

namespace {

constexpr int kReadTimeoutMs = 100;

std::string permission_help(const std::string& interface, const std::string& detail) {
    // This in-process path is the fallback; the programs capture through the flowcnn-capture
    // helper, which is what should hold the capabilities (never the workbench itself).
    return "not permitted to capture on '" + interface + "' (" + detail +
           "). Capture through the flowcnn-capture helper and give it the capture rights once: "
           "'sudo setcap cap_net_raw,cap_net_admin=eip /usr/lib/flowcnn/flowcnn-capture' (the "
           ".deb does this; use the helper's path if installed elsewhere), or run the helper "
           "from a 'flowcnn-capture' group (see docs/user-guide.md, Privileges)";
}

std::string address_text(const sockaddr* sa) {
    if (!sa) return {};
    char buf[INET6_ADDRSTRLEN] = {};
    if (sa->sa_family == AF_INET) {
        auto* in = reinterpret_cast<const sockaddr_in*>(sa);
        if (inet_ntop(AF_INET, &in->sin_addr, buf, sizeof buf)) return buf;
    } else if (sa->sa_family == AF_INET6) {
        auto* in6 = reinterpret_cast<const sockaddr_in6*>(sa);
        if (inet_ntop(AF_INET6, &in6->sin6_addr, buf, sizeof buf)) return buf;
    }
    return {};
}

}  // namespace

std::vector<InterfaceInfo> list_interfaces() {
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_if_t* all = nullptr;
    if (pcap_findalldevs(&all, errbuf) != 0)
        throw IoError(std::string("cannot list network interfaces: ") + errbuf);
    std::vector<InterfaceInfo> out;
    for (pcap_if_t* d = all; d; d = d->next) {
        InterfaceInfo i;
        i.name = d->name ? d->name : "";
        i.description = d->description ? d->description : "";
        i.loopback = (d->flags & PCAP_IF_LOOPBACK) != 0;
        i.up = (d->flags & PCAP_IF_UP) != 0;
        i.running = (d->flags & PCAP_IF_RUNNING) != 0;
        i.wireless = (d->flags & PCAP_IF_WIRELESS) != 0;
        for (pcap_addr_t* a = d->addresses; a; a = a->next) {
            auto text = address_text(a->addr);
            if (!text.empty()) i.addresses.push_back(std::move(text));
        }
        out.push_back(std::move(i));
    }
    pcap_freealldevs(all);
    return out;
}

LiveCapture::LiveCapture(const std::string& interface, const std::string& filter,
                         std::uint32_t snaplen, bool promiscuous)
    : interface_(interface) {
    if (interface.empty()) throw ConfigError("no capture interface given");
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    p_ = pcap_create(interface.c_str(), errbuf);
    if (!p_) throw IoError("cannot capture on '" + interface + "': " + errbuf);
    auto fail = [&](auto&& make) {
        pcap_close(p_);
        p_ = nullptr;
        throw make;
    };
    pcap_set_snaplen(p_, snaplen > 0 && snaplen <= 262144 ? static_cast<int>(snaplen) : 262144);
    pcap_set_promisc(p_, promiscuous ? 1 : 0);
    pcap_set_immediate_mode(p_, 1);
    pcap_set_timeout(p_, kReadTimeoutMs);
    nano_ = pcap_set_tstamp_precision(p_, PCAP_TSTAMP_PRECISION_NANO) == 0;
    int rc = pcap_activate(p_);
    if (rc < 0) {
        std::string detail = pcap_geterr(p_);
        if (detail.empty()) detail = pcap_statustostr(rc);
        switch (rc) {
            case PCAP_ERROR_PERM_DENIED:
            case PCAP_ERROR_PROMISC_PERM_DENIED:
                fail(IoError(permission_help(interface, detail)));
                break;
            case PCAP_ERROR_NO_SUCH_DEVICE:
                fail(ConfigError("no capture interface named '" + interface + "' (" + detail + ")"));
                break;
            case PCAP_ERROR_IFACE_NOT_UP:
                fail(IoError("interface '" + interface + "' is down (" + detail + ")"));
                break;
            default:
                fail(IoError("cannot capture on '" + interface + "': " + detail));
        }
    }
    nano_ = nano_ && pcap_get_tstamp_precision(p_) == PCAP_TSTAMP_PRECISION_NANO;
    linktype_ = pcap_datalink(p_);
    if (!filter.empty()) {
        bpf_program prog{};
        if (pcap_compile(p_, &prog, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0)
            fail(ConfigError("invalid capture filter '" + filter + "': " + pcap_geterr(p_)));
        int set = pcap_setfilter(p_, &prog);
        pcap_freecode(&prog);
        if (set != 0)
            fail(ConfigError("cannot apply capture filter '" + filter + "': " + pcap_geterr(p_)));
    }
}

LiveCapture::~LiveCapture() {
    if (p_) pcap_close(p_);
}

void LiveCapture::stop() noexcept {
    stop_.store(true, std::memory_order_release);
    if (p_) pcap_breakloop(p_);
}

bool LiveCapture::next(RawPacket& out) {
    while (!stop_.load(std::memory_order_acquire)) {
        pcap_pkthdr* h = nullptr;
        const u_char* data = nullptr;
        int rc = pcap_next_ex(p_, &h, &data);
        if (rc == 1) {
            ++frames_;
            std::int64_t frac = h->ts.tv_usec;
            out.ts_ns = static_cast<std::int64_t>(h->ts.tv_sec) * 1'000'000'000 +
                        (nano_ ? frac : frac * 1000);
            out.caplen = h->caplen;
            out.wire_len = h->len < h->caplen ? h->caplen : h->len;
            out.linktype = linktype_;
            out.data = std::span<const std::uint8_t>(data, h->caplen);
            return true;
        }
        if (rc == 0) continue;               // read timeout: check the stop flag again
        if (rc == PCAP_ERROR_BREAK) break;   // stop() from another thread
        error_ = "capture on '" + interface_ + "' failed: " + pcap_geterr(p_);
        return false;
    }
    return false;
}

std::uint64_t LiveCapture::dropped() const {
    pcap_stat st{};
    if (!p_ || pcap_stats(p_, &st) != 0) return 0;
    return st.ps_drop;
}

}  // namespace flowcnn::capture
