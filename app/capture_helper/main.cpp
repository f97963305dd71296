// flowcnn-capture: the small live-capture helper, like Wireshark's dumpcap. It is the only
// program that needs raw-socket rights (the installer gives it cap_net_raw,cap_net_admin), so the
// workbench and the CLI never run as root. It opens the interface, drops every capability, then
// writes a pcap file (or stdout) until COUNT packets, SIGINT or SIGTERM. Links only libpcap.
//
// Exit codes: 0 done (also after SIGINT/SIGTERM), 1 capture or write error, 2 bad arguments,
// unknown interface or bad filter, 3 capture not permitted (with what to do on stderr).
#include <linux/capability.h>
#include <pcap/pcap.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <optional>
#include <string>

namespace {

constexpr int kExitOk = 0, kExitError = 1, kExitUsage = 2, kExitPermission = 3;
constexpr long kMaxSnaplen = 262144;

pcap_t* volatile g_pcap = nullptr;  // set only while the capture loop runs
volatile std::sig_atomic_t g_stop = 0;

struct Sink {
    pcap_dumper_t* dump;
    long packets;
};

// Counts here, not from pcap_dispatch's result, which is lost when a signal breaks the loop.
void write_packet(u_char* user, const pcap_pkthdr* h, const u_char* bytes) {
    auto* sink = reinterpret_cast<Sink*>(user);
    pcap_dump(reinterpret_cast<u_char*>(sink->dump), h, bytes);
    ++sink->packets;
}

void on_signal(int) {
    g_stop = 1;
    if (g_pcap) pcap_breakloop(g_pcap);  // documented as safe from a signal handler
}

void usage(std::FILE* out) {
    std::fputs(
        "usage: flowcnn-capture -i IFACE [-f BPF] [-s SNAPLEN] [-c COUNT] [-p] [-P] -w FILE|-\n"
        "       flowcnn-capture -D\n"
        "  -i IFACE   interface to capture on (see -D)\n"
        "  -f BPF     capture filter, e.g. 'tcp port 443'\n"
        "  -s SNAPLEN bytes kept per packet (1-262144, default 262144)\n"
        "  -c COUNT   stop after COUNT packets (default: until SIGINT/SIGTERM)\n"
        "  -p         promiscuous mode\n"
        "  -P         print 'packets N' progress lines on stderr (once ready, then at most one a second)\n"
        "  -w FILE    pcap file to write ('-': standard output)\n"
        "  -D         list the interfaces and exit\n"
        "exit: 0 done, 1 capture error, 2 bad arguments, 3 capture not permitted\n",
        out);
}

int usage_error(const std::string& what) {
    std::fprintf(stderr, "flowcnn-capture: %s\n", what.c_str());
    usage(stderr);
    return kExitUsage;
}

bool parse_number(const char* text, long lo, long hi, long& out) {
    char* end = nullptr;
    errno = 0;
    long v = std::strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < lo || v > hi) return false;
    out = v;
    return true;
}

std::string self_path() {
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return "flowcnn-capture";
    buf[n] = '\0';
    return buf;
}

int permission_denied(const std::string& iface, const std::string& detail) {
    const std::string self = self_path();
    std::fprintf(stderr,
                 "flowcnn-capture: not permitted to capture on '%s' (%s).\n"
                 "To allow capture without running as root, give this helper the capture "
                 "capabilities once:\n"
                 "  sudo setcap cap_net_raw,cap_net_admin=eip %s\n"
                 "(the .deb package does this on install). To limit capture to some users, "
                 "restrict it to a group:\n"
                 "  sudo groupadd -f flowcnn-capture && sudo chgrp flowcnn-capture %s && "
                 "sudo chmod 750 %s && sudo setcap cap_net_raw,cap_net_admin=eip %s && "
                 "sudo usermod -aG flowcnn-capture $USER\n"
                 "(chgrp clears the capabilities, so setcap comes after it), then log in again.\n",
                 iface.c_str(), detail.c_str(), self.c_str(), self.c_str(), self.c_str(), self.c_str());
    return kExitPermission;
}

// After the device is open the helper needs no privilege at all: reading from an open socket and
// writing the user's file need none. Drop every capability (effective, permitted, inheritable,
// ambient) and forbid regaining any, so a libpcap or BPF parser bug cannot be used to escalate.
bool drop_capabilities() {
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);  // fails harmlessly on old kernels
    __user_cap_header_struct header{};
    header.version = _LINUX_CAPABILITY_VERSION_3;
    header.pid = 0;
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
    if (syscall(SYS_capset, &header, data) != 0) return false;
    return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0;
}

int list_interfaces() {
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_if_t* all = nullptr;
    if (pcap_findalldevs(&all, errbuf) != 0) {
        std::fprintf(stderr, "flowcnn-capture: cannot list interfaces: %s\n", errbuf);
        return kExitError;
    }
    int n = 0;
    for (pcap_if_t* d = all; d; d = d->next) {
        std::printf("%d. %s", ++n, d->name);
        if (d->description) std::printf(" (%s)", d->description);
        if (d->flags & PCAP_IF_LOOPBACK) std::printf(" [loopback]");
        if (!(d->flags & PCAP_IF_UP)) std::printf(" [down]");
        std::printf("\n");
    }
    pcap_freealldevs(all);
    return kExitOk;
}

struct Request {
    std::string iface, filter, out_path;
    long snaplen = kMaxSnaplen, count = 0;
    bool promisc = false, progress = false, list = false, have_out = false;
};

// Reads the options into `r`; an exit code when the program ends here (-h, bad arguments).
std::optional<int> parse_args(int argc, char** argv, Request& r) {
    opterr = 0;
    int opt;
    while ((opt = getopt(argc, argv, ":i:f:s:c:w:pPDh")) != -1) {
        switch (opt) {
            case 'i': r.iface = optarg; break;
            case 'f': r.filter = optarg; break;
            case 's':
                if (!parse_number(optarg, 1, kMaxSnaplen, r.snaplen))
                    return usage_error("-s needs a snapshot length from 1 to 262144, not '" +
                                       std::string(optarg) + "'");
                break;
            case 'c':
                if (!parse_number(optarg, 1, 2147483647L, r.count))
                    return usage_error("-c needs a positive packet count, not '" + std::string(optarg) + "'");
                break;
            case 'w': r.out_path = optarg; r.have_out = true; break;
            case 'p': r.promisc = true; break;
            case 'P': r.progress = true; break;
            case 'D': r.list = true; break;
            case 'h': usage(stdout); return kExitOk;
            case ':': return usage_error(std::string("option -") + char(optopt) + " needs a value");
            default: return usage_error(std::string("unknown option -") + char(optopt));
        }
    }
    if (optind < argc) return usage_error("unexpected argument '" + std::string(argv[optind]) + "'");
    return std::nullopt;
}

// The checks that need no device; -D is answered here.
std::optional<int> check_request(const Request& r) {
    if (r.list) return list_interfaces();
    if (r.iface.empty()) return usage_error("no interface given (-i IFACE; -D lists them)");
    if (!r.have_out || r.out_path.empty())
        return usage_error("no output given (-w FILE, or -w - for standard output)");
    if (r.out_path == "-" && isatty(STDOUT_FILENO))
        return usage_error("refusing to write a pcap file to a terminal; redirect standard output");
    return std::nullopt;
}

// Handlers first: a stop request during start-up then ends the capture cleanly (exit 0).
void install_handlers() {
    struct sigaction sa{};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);  // a closed reader shows up as a write error below
}

// The activated device, or null with the exit code in `code`.
pcap_t* open_device(const Request& r, int& code) {
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t* p = pcap_create(r.iface.c_str(), errbuf);
    if (!p) {
        std::fprintf(stderr, "flowcnn-capture: cannot capture on '%s': %s\n", r.iface.c_str(), errbuf);
        code = kExitError;
        return nullptr;
    }
    pcap_set_snaplen(p, static_cast<int>(r.snaplen));
    pcap_set_promisc(p, r.promisc ? 1 : 0);
    // Not immediate mode: on Linux that blocks without a timeout. Packets come in batches at
    // least every 100 ms, so the file (flushed after each batch) and the progress lines stay current.
    pcap_set_timeout(p, 100);
    pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO);
    int rc = pcap_activate(p);
    if (rc >= 0) return p;
    std::string detail = pcap_geterr(p);
    if (detail.empty()) detail = pcap_statustostr(rc);
    pcap_close(p);
    if (rc == PCAP_ERROR_PERM_DENIED || rc == PCAP_ERROR_PROMISC_PERM_DENIED) {
        code = permission_denied(r.iface, detail);
    } else if (rc == PCAP_ERROR_NO_SUCH_DEVICE) {
        std::fprintf(stderr, "flowcnn-capture: no interface named '%s' (%s); -D lists them\n", r.iface.c_str(),
                     detail.c_str());
        code = kExitUsage;
    } else {
        std::fprintf(stderr, "flowcnn-capture: cannot capture on '%s': %s\n", r.iface.c_str(), detail.c_str());
        code = kExitError;
    }
    return nullptr;
}

// Compiles and sets the capture filter; an exit code when that fails.
std::optional<int> set_filter(pcap_t* p, const std::string& filter) {
    if (filter.empty()) return std::nullopt;
    bpf_program prog{};
    if (pcap_compile(p, &prog, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
        std::fprintf(stderr, "flowcnn-capture: invalid capture filter '%s': %s\n", filter.c_str(), pcap_geterr(p));
        return kExitUsage;
    }
    int set = pcap_setfilter(p, &prog);
    pcap_freecode(&prog);
    if (set != 0) {
        std::fprintf(stderr, "flowcnn-capture: cannot apply filter '%s': %s\n", filter.c_str(), pcap_geterr(p));
        return kExitError;
    }
    return std::nullopt;
}

// Writes packets until COUNT, a stop request or an error; returns the exit status.
int capture(pcap_t* p, const Request& r, Sink& sink) {
    long& total = sink.packets;
    int status = kExitOk;
    // With -P, "packets 0" also tells the caller that the device is open and the filter set.
    long reported = 0;
    std::time_t last_report = std::time(nullptr);
    if (r.progress) std::fprintf(stderr, "packets 0\n");
    while (!g_stop && (r.count == 0 || total < r.count)) {
        const long before = total;
        int n = pcap_dispatch(p, r.count == 0 ? -1 : static_cast<int>(r.count - total), write_packet,
                              reinterpret_cast<u_char*>(&sink));
        if (n == PCAP_ERROR_BREAK) break;
        if (n < 0) {
            std::fprintf(stderr, "flowcnn-capture: capture on '%s' failed: %s\n", r.iface.c_str(), pcap_geterr(p));
            status = kExitError;
            break;
        }
        // Flush every round so a reader (the workbench) always sees whole packets.
        if (total > before && pcap_dump_flush(sink.dump) != 0) {
            std::fprintf(stderr, "flowcnn-capture: cannot write '%s': %s\n", r.out_path.c_str(),
                         std::strerror(errno));
            status = kExitError;
            break;
        }
        if (r.progress && total != reported) {
            const std::time_t now = std::time(nullptr);
            if (now != last_report) {
                std::fprintf(stderr, "packets %ld\n", total);
                reported = total;
                last_report = now;
            }
        }
    }
    return status;
}

// Flushes and closes the file and the device, and says how many packets were captured and dropped.
int finish(pcap_t* p, const Request& r, Sink& sink, int status) {
    if (pcap_dump_flush(sink.dump) != 0 && status == kExitOk) {
        std::fprintf(stderr, "flowcnn-capture: cannot write '%s': %s\n", r.out_path.c_str(), std::strerror(errno));
        status = kExitError;
    }
    pcap_stat st{};
    const bool have_stats = pcap_stats(p, &st) == 0;
    pcap_dump_close(sink.dump);
    pcap_close(p);
    if (have_stats)
        std::fprintf(stderr, "flowcnn-capture: %ld packets captured, %u dropped\n", sink.packets, st.ps_drop);
    else
        std::fprintf(stderr, "flowcnn-capture: %ld packets captured\n", sink.packets);
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    Request r;
    if (auto code = parse_args(argc, argv, r)) return *code;
    if (auto code = check_request(r)) return *code;
    install_handlers();
    int code = kExitOk;
    pcap_t* p = open_device(r, code);
    if (!p) return code;
    // The output is opened before the capabilities go (file capabilities do not change whose file
    // it is; a root caller keeps write access to what root may write), everything after runs with
    // none, the filter compiler included.
    const bool to_stdout = r.out_path == "-";
    pcap_dumper_t* dump = to_stdout ? pcap_dump_fopen(p, stdout) : pcap_dump_open(p, r.out_path.c_str());
    if (!dump) {
        std::fprintf(stderr, "flowcnn-capture: cannot write '%s': %s\n", r.out_path.c_str(), pcap_geterr(p));
        pcap_close(p);
        return kExitError;
    }
    auto give_up = [&](int exit_code) {
        pcap_dump_close(dump);
        if (!to_stdout) unlink(r.out_path.c_str());  // nothing was captured: leave no empty file
        pcap_close(p);
        return exit_code;
    };
    if (!drop_capabilities()) {
        std::fprintf(stderr, "flowcnn-capture: cannot drop capabilities: %s\n", std::strerror(errno));
        return give_up(kExitError);
    }
    if (auto failed = set_filter(p, r.filter)) return give_up(*failed);

    g_pcap = p;
    Sink sink{dump, 0};
    const int status = capture(p, r, sink);
    g_pcap = nullptr;
    return finish(p, r, sink, status);
}
