#include "engine/dpi/ndpi_labeler.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <new>
#include <unordered_map>

#include "engine/capture/capture_reader.h"
#include "engine/common/error.h"
#include "engine/flow/flow_assembler.h"

#ifdef FLOWCNN_HAVE_NDPI
extern "C" {
#include <ndpi_api.h>
}
#endif

namespace flowcnn::dpi {

#ifndef FLOWCNN_HAVE_NDPI

std::string ndpi_version() { return {}; }

DpiResult ndpi_verdicts(const std::string&, const flow::FlowOptions&, const ProgressFn&, const CancelToken*) {
    throw ConfigError("this build has no nDPI (install libndpi-dev and build again)");
}

#else

namespace {

// As ndpiReader does: after this many packets of a flow without a verdict, nDPI gives up (and
// guesses from ports and addresses).
constexpr std::uint64_t kMaxTcpPackets = 80, kMaxUdpPackets = 24;

struct ModuleDeleter {
    void operator()(ndpi_detection_module_struct* m) const { ndpi_exit_detection_module(m); }
};
struct FlowDeleter {
    void operator()(ndpi_flow_struct* f) const { ndpi_flow_free(f); }
};
using Module = std::unique_ptr<ndpi_detection_module_struct, ModuleDeleter>;
using NdpiFlow = std::unique_ptr<ndpi_flow_struct, FlowDeleter>;

Module make_module() {
    Module m(ndpi_init_detection_module(ndpi_no_prefs));
    if (!m) throw ConfigError("nDPI could not be initialised");
    NDPI_PROTOCOL_BITMASK all;
    NDPI_BITMASK_SET_ALL(all);
    ndpi_set_protocol_detection_bitmask2(m.get(), &all);
    ndpi_finalize_initialization(m.get());
    return m;
}

NdpiFlow make_flow() {
    NdpiFlow f(static_cast<ndpi_flow_struct*>(ndpi_flow_malloc(SIZEOF_FLOW_STRUCT)));
    if (!f) throw std::bad_alloc();
    std::memset(f.get(), 0, SIZEOF_FLOW_STRUCT);
    return f;
}

// One open flow's detection state.
struct Open {
    NdpiFlow flow = make_flow();
    std::uint64_t packets = 0;
    bool detected = false;  // nDPI named an application; more packets only refine it
    bool done = false;      // nothing more to learn from this flow's packets
};

bool is_lookup_protocol(std::uint16_t id) {
    return id == NDPI_PROTOCOL_DNS || id == NDPI_PROTOCOL_MDNS || id == NDPI_PROTOCOL_LLMNR;
}

class Labeler {
public:
    Labeler() : module_(make_module()) {}

    void packet(const packet::ParsedPacket& p, std::uint64_t index) {
        if (index == flow::FlowAssembler::kNoFlow || p.ip.empty()) return;
        Open& o = open_[index];
        if (o.done) return;
        const auto len = static_cast<unsigned short>(std::min<std::size_t>(p.ip.size(), 65535));
        const auto ms = static_cast<std::uint64_t>(p.ts_ns / 1'000'000);
        ++o.packets;
        if (!o.detected) {
            const ndpi_protocol proto = ndpi_detection_process_packet(module_.get(), o.flow.get(), p.ip.data(), len, ms);
            o.detected = proto.app_protocol != NDPI_PROTOCOL_UNKNOWN;
        } else {
            ndpi_process_extra_packet(module_.get(), o.flow.get(), p.ip.data(), len, ms);
        }
        const std::uint64_t cap = p.l4proto == packet::kProtoTcp ? kMaxTcpPackets : kMaxUdpPackets;
        if ((o.detected && !ndpi_extra_dissection_possible(module_.get(), o.flow.get())) || o.packets >= cap)
            o.done = true;
    }

    // The flow ended: its verdict, and its nDPI state freed.
    void finish(const flow::FlowRecord& r, std::vector<DpiVerdict>& out) {
        DpiVerdict v;
        v.flow_index = r.index;
        v.key = r.key;
        if (auto it = open_.find(r.index); it != open_.end()) {
            verdict(*it->second.flow, it->second.detected, v);
            open_.erase(it);
        }
        out.push_back(std::move(v));
    }

private:
    void verdict(ndpi_flow_struct& f, bool detected, DpiVerdict& v) {
        ndpi_protocol proto{};
        if (detected) {
            proto.app_protocol = f.detected_protocol_stack[0];
            proto.master_protocol = f.detected_protocol_stack[1];
        } else {
            std::uint8_t guessed = 0;
            proto = ndpi_detection_giveup(module_.get(), &f, 1, &guessed);
        }
        char name[128];
        v.protocol = ndpi_protocol2name(module_.get(), proto, name, sizeof name);
        v.confidence = ndpi_confidence_get_name(f.confidence);
        std::uint16_t id = proto.app_protocol != NDPI_PROTOCOL_UNKNOWN ? proto.app_protocol : proto.master_protocol;
        if (is_lookup_protocol(proto.master_protocol)) id = proto.master_protocol;
        if (id != NDPI_PROTOCOL_UNKNOWN) v.label = ndpi_get_proto_name(module_.get(), id);
    }

    Module module_;
    std::unordered_map<std::uint64_t, Open> open_;
};

}  // namespace

std::string ndpi_version() { return ndpi_revision(); }

DpiResult ndpi_verdicts(const std::string& capture_path, const flow::FlowOptions& options,
                        const ProgressFn& progress, const CancelToken* cancel) {
    auto reader = capture::open_capture(capture_path);
    Labeler labeler;
    DpiResult result;
    result.stats = pipeline::extract_flows(
        *reader, options, [&](flow::FlowRecord&& r) { labeler.finish(r, result.verdicts); }, progress, cancel,
        [&](const packet::ParsedPacket& p, std::uint64_t index) { labeler.packet(p, index); });
    std::sort(result.verdicts.begin(), result.verdicts.end(),
              [](const DpiVerdict& a, const DpiVerdict& b) { return a.flow_index < b.flow_index; });
    return result;
}

#endif

}  // namespace flowcnn::dpi
