#include "engine/flow/flow_assembler.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>
#include <vector>

#include "engine/common/error.h"
#include "engine/hint/hint.h"

namespace flowcnn::flow {
namespace {

// Timestamps come from untrusted files (pcapng allows any 64-bit value). Clamping them to about
// +-146 years around 1970 keeps every difference of two timestamps inside int64_t.
constexpr std::int64_t kTimeLimitNs = (std::int64_t{1} << 62) - 1;
constexpr std::int64_t sane_time(std::int64_t ts) noexcept {
    return ts > kTimeLimitNs ? kTimeLimitNs : (ts < -kTimeLimitNs ? -kTimeLimitNs : ts);
}


constexpr std::uint32_t kNil = 0xFFFFFFFFu;
constexpr std::size_t kMaxOooRanges = 4;
constexpr std::int64_t kSweepIntervalNs = 1'000'000'000;

inline std::uint64_t load64(const void* p) noexcept {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

// The unordered endpoint pair in a canonical order: (a, port_a) <= (b, port_b). 40 bytes, no padding.
struct CanonKey {
    std::array<std::uint8_t, 16> a{};
    std::array<std::uint8_t, 16> b{};
    std::uint16_t port_a = 0, port_b = 0;
    std::uint16_t vlan = 0;
    std::uint8_t proto = 0;
    std::uint8_t version = 0;
    bool operator==(const CanonKey& o) const noexcept {
        const auto* x = reinterpret_cast<const unsigned char*>(this);
        const auto* y = reinterpret_cast<const unsigned char*>(&o);
        return ((load64(x) ^ load64(y)) | (load64(x + 8) ^ load64(y + 8)) | (load64(x + 16) ^ load64(y + 16)) |
                (load64(x + 24) ^ load64(y + 24)) | (load64(x + 32) ^ load64(y + 32))) == 0;
    }
};
static_assert(sizeof(CanonKey) == 40);

__extension__ typedef unsigned __int128 u128;

inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
    const u128 r = static_cast<u128>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}

inline std::uint32_t hash_key(const CanonKey& k) noexcept {
    const auto* p = reinterpret_cast<const std::uint8_t*>(&k);
    std::uint64_t h = mix(load64(p) ^ 0xa0761d6478bd642full, load64(p + 8) ^ 0xe7037ed1a0b428dbull);
    h = mix(h ^ load64(p + 16), load64(p + 24) ^ 0x8ebc6af09c88c6e3ull);
    h = mix(h ^ load64(p + 32), 0x589965cc75374cc3ull);
    return static_cast<std::uint32_t>(h ^ (h >> 32));
}

inline std::uint64_t load_be64(const std::uint8_t* p) noexcept {
    std::uint64_t v = load64(p);
    return __builtin_bswap64(v);
}

// Endpoint order: address bytes (as big-endian numbers), then port.
inline bool endpoint_le(const packet::IpAddress& x, std::uint16_t xp, const packet::IpAddress& y, std::uint16_t yp,
                        bool v6) noexcept {
    std::uint64_t xa = load_be64(x.bytes.data()), ya = load_be64(y.bytes.data());
    if (!v6) {
        xa >>= 32;
        ya >>= 32;
    } else if (xa == ya) {
        xa = load_be64(x.bytes.data() + 8);
        ya = load_be64(y.bytes.data() + 8);
    }
    if (xa != ya) return xa < ya;
    return xp <= yp;
}

// Per direction: the hot part lives in the flow's first cache lines, the out-of-order ranges
// (rarely used) at the end of the flow.
struct SeqTrack {
    std::uint32_t next = 0;
    bool valid = false;      // next is known (from a SYN or the first data segment)
    bool data_seen = false;  // a segment with payload was tracked
    std::uint8_t nranges = 0;
};
using SeqRanges = std::array<std::pair<std::uint32_t, std::uint32_t>, kMaxOooRanges>;  // [start, end)

inline bool seq_le(std::uint32_t x, std::uint32_t y) noexcept {
    return static_cast<std::int32_t>(x - y) <= 0;
}

// Advances `next` over remembered out-of-order ranges it now reaches.
void absorb_ranges(SeqTrack& t, SeqRanges& ranges) noexcept {
    bool moved = true;
    while (moved && t.nranges > 0) {
        moved = false;
        for (std::uint8_t i = 0; i < t.nranges; ++i) {
            auto [s, e] = ranges[i];
            if (seq_le(s, t.next)) {
                if (!seq_le(e, t.next)) t.next = e;
                ranges[i] = ranges[--t.nranges];
                moved = true;
                break;
            }
        }
    }
}

// Returns the part of `payload` (starting at sequence number `start`) not seen before.
// A SYN sets the direction's initial number while no data was tracked (so that a RST with seq 0
// before the handshake cannot poison it); segments without payload never set it otherwise.
std::span<const std::uint8_t> track(SeqTrack& t, SeqRanges& ranges, std::uint32_t seq, bool syn,
                                    std::span<const std::uint8_t> payload) noexcept {
    const auto len = static_cast<std::uint32_t>(payload.size());
    const std::uint32_t start = syn ? seq + 1 : seq;
    if (syn && !t.data_seen) {
        t.valid = true;
        t.next = start;
        t.nranges = 0;
    }
    if (len == 0) return {};
    if (!t.valid) {
        t.valid = true;
        t.data_seen = true;
        t.next = start + len;
        t.nranges = 0;
        return payload;
    }
    t.data_seen = true;
    const std::uint32_t end = start + len;
    if (seq_le(start, t.next)) {
        const std::uint32_t over = t.next - start;
        if (over >= len) return {};  // all bytes seen: a retransmission (or keep-alive)
        t.next = end;
        absorb_ranges(t, ranges);
        return payload.subspan(over);
    }
    // Beyond the expected number: out of order, or after a hole.
    for (std::uint8_t i = 0; i < t.nranges; ++i) {
        auto& [s, e] = ranges[i];
        if (seq_le(s, start) && seq_le(end, e)) return {};  // repeat of out-of-order data
        if (seq_le(s, start) && seq_le(start, e)) {           // continues (or overlaps the end of) a range
            const std::uint32_t over = e - start;
            e = end;
            return payload.subspan(over);
        }
    }
    if (t.nranges == kMaxOooRanges) {  // forget the oldest range
        std::move(ranges.begin() + 1, ranges.end(), ranges.begin());
        --t.nranges;
    }
    ranges[t.nranges++] = {start, end};
    return payload;
}

enum : std::uint8_t { kListNone = 0, kListActive = 1, kListClosing = 2 };

struct Flow {
    CanonKey key;
    std::uint32_t hash = 0;
    std::uint32_t prev = kNil, next = kNil;  // LRU links within `list`
    std::uint8_t list = kListNone;
    bool live = false;
    bool client_is_a = true;
    bool syn_seen = false;
    bool closing = false;
    bool hint_done = false;
    bool touched = false;  // got a packet since it was last (re)queued in its LRU list
    std::uint8_t fin_mask = 0;  // bit 0: client FIN, bit 1: server FIN
    bool isn_valid = false;
    std::uint32_t client_isn = 0;  // sequence number of the client's SYN
    SeqTrack seq[2];            // 0: client -> server, 1: server -> client
    FlowRecord rec;
    std::vector<std::uint8_t> hint_buf;  // client bytes gathered while a hint message is incomplete
    SeqRanges ranges[2];                 // out-of-order ranges of seq[0], seq[1]
};

struct LruList {
    std::uint32_t head = kNil, tail = kNil;
};

}  // namespace

struct FlowAssembler::Impl {
    FlowOptions opt;
    Sink sink;
    std::int64_t idle_ns, active_ns, linger_ns;
    std::vector<Flow> flows;
    std::vector<std::uint32_t> free_slots;
    // Open-addressing table (linear probing, backward-shift deletion): flow index + 1, 0 = empty.
    struct Slot {
        std::uint32_t flow1 = 0;  // flow index + 1, 0 = empty
        std::uint32_t hash = 0;
    };
    std::vector<Slot> table;
    std::size_t mask = 0;
    std::size_t count = 0;
    LruList active, closing;
    std::uint64_t started = 0, emitted = 0;
    std::int64_t last_sweep_ns = 0;
    bool swept_once = false;

    Impl(const FlowOptions& o, Sink s, double linger_s) : opt(o), sink(std::move(s)) {
        if (!(o.idle_timeout_s > 0) || !(o.active_timeout_s > 0) || !(linger_s >= 0))
            throw ConfigError("flow timeouts must be positive");
        idle_ns = to_ns(o.idle_timeout_s);
        active_ns = to_ns(o.active_timeout_s);
        linger_ns = std::min(to_ns(linger_s), idle_ns);
        resize_table(1024);
        flows.reserve(1024);
    }

    static std::int64_t to_ns(double s) {
        const double ns = s * 1e9;
        return ns >= 9.0e18 ? std::numeric_limits<std::int64_t>::max() : static_cast<std::int64_t>(std::llround(ns));
    }

    // ---- hash table ----
    void resize_table(std::size_t cap) {
        std::vector<Slot> old = std::move(table);
        table.assign(cap, Slot{});
        mask = cap - 1;
        for (const Slot& o : old) {
            if (o.flow1 == 0) continue;
            std::size_t j = o.hash & mask;
            while (table[j].flow1 != 0) j = (j + 1) & mask;
            table[j] = o;
        }
    }

    // Position of the key, or of the empty slot where it would go (found = false).
    std::size_t find(const CanonKey& k, std::uint32_t h, bool& found) const noexcept {
        std::size_t i = h & mask;
        for (;;) {
            const Slot sl = table[i];
            if (sl.flow1 == 0) {
                found = false;
                return i;
            }
            if (sl.hash == h && flows[sl.flow1 - 1].key == k) {
                found = true;
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    void table_erase(std::size_t i) noexcept {
        std::size_t j = i;
        for (;;) {
            j = (j + 1) & mask;
            if (table[j].flow1 == 0) break;
            const std::size_t k = table[j].hash & mask;
            // Move j back to i unless its home k lies cyclically in (i, j].
            const bool home_between = (i <= j) ? (i < k && k <= j) : (i < k || k <= j);
            if (!home_between) {
                table[i] = table[j];
                i = j;
            }
        }
        table[i] = Slot{};
        --count;
    }

    // ---- LRU lists ----
    LruList& list_of(std::uint8_t l) noexcept { return l == kListClosing ? closing : active; }

    void unlink(std::uint32_t idx) noexcept {
        Flow& f = flows[idx];
        if (f.list == kListNone) return;
        LruList& l = list_of(f.list);
        if (f.prev != kNil) flows[f.prev].next = f.next; else l.head = f.next;
        if (f.next != kNil) flows[f.next].prev = f.prev; else l.tail = f.prev;
        f.prev = f.next = kNil;
        f.list = kListNone;
    }

    void push_back(std::uint32_t idx, std::uint8_t which) noexcept {
        Flow& f = flows[idx];
        LruList& l = list_of(which);
        f.list = which;
        f.prev = l.tail;
        f.next = kNil;
        if (l.tail != kNil) flows[l.tail].next = idx; else l.head = idx;
        l.tail = idx;
    }

    // ---- flow life ----
    void emit(std::uint32_t idx, EndReason why) {
        Flow& f = flows[idx];
        bool found = false;
        const std::size_t pos = find(f.key, f.hash, found);
        if (found) table_erase(pos);
        unlink(idx);
        FlowRecord rec = std::move(f.rec);
        rec.end = why;
        f.rec = FlowRecord{};
        std::vector<std::uint8_t>().swap(f.hint_buf);
        f.live = false;
        free_slots.push_back(idx);
        ++emitted;
        sink(std::move(rec));
    }

    std::uint32_t create(const CanonKey& k, std::uint32_t h, const packet::ParsedPacket& p, bool from_a) {
        std::uint32_t idx;
        if (!free_slots.empty()) {
            idx = free_slots.back();
            free_slots.pop_back();
        } else {
            idx = static_cast<std::uint32_t>(flows.size());
            flows.emplace_back();
        }
        Flow& f = flows[idx];
        f.key = k;
        f.hash = h;
        f.live = true;
        f.syn_seen = false;
        f.closing = false;
        f.hint_done = p.l4proto != packet::kProtoTcp;
        f.fin_mask = 0;
        f.isn_valid = false;
        f.touched = false;
        f.seq[0] = SeqTrack{};
        f.seq[1] = SeqTrack{};
        // The sender of the first packet is the client, unless it is a SYN+ACK (then the receiver).
        const bool synack = p.l4proto == packet::kProtoTcp &&
                            (p.tcp_flags & (packet::tcp_flag::kSyn | packet::tcp_flag::kAck)) ==
                                (packet::tcp_flag::kSyn | packet::tcp_flag::kAck);
        f.client_is_a = synack ? !from_a : from_a;
        FlowRecord& r = f.rec;
        r.index = started++;
        r.key.l4proto = p.l4proto;
        r.key.vlan = p.vlan;
        set_key_endpoints(f);
        r.first_ns = r.last_ns = sane_time(p.ts_ns);
        r.end = EndReason::EndOfCapture;

        if (count * 2 >= table.size()) resize_table(table.size() * 2);
        bool found = false;
        const std::size_t pos = find(k, h, found);
        table[pos] = Slot{idx + 1, h};
        ++count;
        push_back(idx, kListActive);
        return idx;
    }

    void set_key_endpoints(Flow& f) noexcept {
        FlowKey& key = f.rec.key;
        packet::IpAddress a, b;
        a.version = b.version = f.key.version;
        a.bytes = f.key.a;
        b.bytes = f.key.b;
        key.client = f.client_is_a ? a : b;
        key.server = f.client_is_a ? b : a;
        key.client_port = f.client_is_a ? f.key.port_a : f.key.port_b;
        key.server_port = f.client_is_a ? f.key.port_b : f.key.port_a;
    }

    void swap_roles(Flow& f) {
        f.client_is_a = !f.client_is_a;
        set_key_endpoints(f);
        FlowRecord& r = f.rec;
        std::swap(r.packets_c2s, r.packets_s2c);
        std::swap(r.bytes_c2s, r.bytes_s2c);
        std::swap(f.seq[0], f.seq[1]);
        std::swap(f.ranges[0], f.ranges[1]);
        f.fin_mask = static_cast<std::uint8_t>(((f.fin_mask & 1) << 1) | ((f.fin_mask >> 1) & 1));
        for (auto& s : r.shape) s.from_server = !s.from_server;
        if (opt.direction != Direction::Both) {  // bytes gathered so far belong to the other side
            r.head.clear();
            r.payload_bytes = 0;
            for (auto& s : r.shape) s.stream_len = 0;
        }
        // Hints come from the client's bytes: start over with the new client.
        std::vector<std::uint8_t>().swap(f.hint_buf);
        r.sni.clear();
        r.http_host.clear();
        f.hint_done = r.key.l4proto != packet::kProtoTcp;
    }

    void append_stream(FlowRecord& r, std::span<const std::uint8_t> bytes) {
        if (bytes.empty()) return;
        r.payload_bytes += bytes.size();
        if (r.head.size() >= kImageBytes) return;
        if (r.head.capacity() == 0) r.head.reserve(kImageBytes);
        const std::size_t take = std::min(bytes.size(), kImageBytes - r.head.size());
        r.head.insert(r.head.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(take));
    }

    static std::uint16_t sat16(std::size_t v) noexcept { return static_cast<std::uint16_t>(std::min<std::size_t>(v, 0xFFFF)); }

    static void record_shape(FlowRecord& r, const packet::ParsedPacket& p, int dir, std::size_t stream_len,
                             std::int64_t gap_ns) {
        if (r.shape.capacity() == 0) r.shape.reserve(8);
        PacketShape s;
        s.from_server = dir == 1;
        s.tcp_flags = p.tcp_flags;
        s.payload_len = sat16(p.payload.size());
        s.stream_len = sat16(stream_len);
        s.tcp_window = p.tcp_window;
        s.ttl = p.ttl;
        const std::int64_t us = gap_ns > 0 ? gap_ns / 1000 : 0;  // an earlier timestamp counts as no gap
        s.gap_us = static_cast<std::uint32_t>(std::min<std::int64_t>(us, 0xFFFFFFFFll));
        r.shape.push_back(s);
    }

    void feed_hint(Flow& f, std::span<const std::uint8_t> bytes) {
        if (bytes.empty()) return;
        hint::HintStatus st;
        if (f.hint_buf.empty()) {
            st = hint::find_hints(bytes, f.rec.sni, f.rec.http_host);
            if (st == hint::HintStatus::NeedMore)
                f.hint_buf.assign(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(
                                                                     std::min(bytes.size(), hint::kMaxHintBytes)));
        } else {
            const std::size_t take = std::min(bytes.size(), hint::kMaxHintBytes - f.hint_buf.size());
            f.hint_buf.insert(f.hint_buf.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(take));
            st = hint::find_hints(f.hint_buf, f.rec.sni, f.rec.http_host);
        }
        if (st != hint::HintStatus::NeedMore) {
            f.hint_done = true;
            std::vector<std::uint8_t>().swap(f.hint_buf);
        }
    }

    void update(std::uint32_t idx, const packet::ParsedPacket& p, bool from_a) {
        Flow& f = flows[idx];
        FlowRecord& r = f.rec;
        const bool tcp = p.l4proto == packet::kProtoTcp;
        const std::uint8_t flags = p.tcp_flags;
        int dir = (from_a == f.client_is_a) ? 0 : 1;
        if (tcp && (flags & packet::tcp_flag::kSyn)) {
            if (!f.syn_seen) {
                const bool ack = flags & packet::tcp_flag::kAck;
                // A SYN names its sender the client, a SYN+ACK its receiver.
                if ((!ack && dir == 1) || (ack && dir == 0)) {
                    swap_roles(f);
                    dir = 1 - dir;
                }
            }
            f.syn_seen = true;
            if (!(flags & packet::tcp_flag::kAck) && !f.isn_valid) {
                f.isn_valid = true;
                f.client_isn = p.tcp_seq;
            }
        }
        const std::int64_t gap_ns = sane_time(p.ts_ns) - r.last_ns;  // the previous packet's time
        if (sane_time(p.ts_ns) > r.last_ns) r.last_ns = sane_time(p.ts_ns);
        const auto n = p.payload.size();
        if (dir == 0) {
            ++r.packets_c2s;
            r.bytes_c2s += n;
        } else {
            ++r.packets_s2c;
            r.bytes_s2c += n;
        }
        std::span<const std::uint8_t> fresh = p.payload;
        if (tcp) {
            fresh = track(f.seq[dir], f.ranges[dir], p.tcp_seq, flags & packet::tcp_flag::kSyn, p.payload);
        }
        const bool wanted = opt.direction == Direction::Both ||
                            (opt.direction == Direction::ClientToServer) == (dir == 0);
        const auto stream = wanted ? (opt.drop_tcp_retransmissions ? fresh : p.payload) : std::span<const std::uint8_t>{};
        append_stream(r, stream);
        if (r.shape.size() < kShapePackets) record_shape(r, p, dir, stream.size(), gap_ns);
        if (!f.hint_done && dir == 0) feed_hint(f, fresh);
        if (tcp && f.closing && (flags & packet::tcp_flag::kSyn) && !(flags & packet::tcp_flag::kRst))
            reopen(idx);  // the handshake resumed (a refused attempt retried with the same ISN)
        if (tcp && !f.closing) {
            if (flags & packet::tcp_flag::kRst) {
                start_closing(idx, EndReason::Rst);
                return;
            }
            if (flags & packet::tcp_flag::kFin) {
                f.fin_mask = static_cast<std::uint8_t>(f.fin_mask | (1u << dir));
                if (f.fin_mask == 3) {
                    start_closing(idx, EndReason::Fin);
                    return;
                }
            }
        }
        f.touched = true;  // the sweep moves it to the back of its list lazily
    }

    void reopen(std::uint32_t idx) {
        Flow& f = flows[idx];
        f.closing = false;
        f.fin_mask = 0;
        f.rec.end = EndReason::EndOfCapture;
        f.touched = false;
        unlink(idx);
        push_back(idx, kListActive);
    }

    void start_closing(std::uint32_t idx, EndReason why) {
        Flow& f = flows[idx];
        f.closing = true;
        f.rec.end = why;
        f.touched = false;
        unlink(idx);
        push_back(idx, kListClosing);
    }

    // Lists are in order of (re)queueing; a flow that got packets since is requeued when it reaches
    // the front (lazy LRU: no list work per packet). Stops at the first untouched, unexpired flow.
    void sweep_list(LruList& l, std::int64_t now, std::int64_t timeout, bool closing_list) {
        while (l.head != kNil) {
            const std::uint32_t idx = l.head;
            Flow& f = flows[idx];
            if (now - f.rec.last_ns > timeout) {
                emit(idx, closing_list ? f.rec.end : EndReason::IdleTimeout);
            } else if (f.touched) {
                f.touched = false;
                unlink(idx);
                push_back(idx, closing_list ? kListClosing : kListActive);
            } else {
                break;
            }
        }
    }

    void sweep(std::int64_t now) {
        sweep_list(active, now, idle_ns, false);
        sweep_list(closing, now, linger_ns, true);
    }

    std::uint64_t add(const packet::ParsedPacket& p) {
        if (p.l4proto != packet::kProtoTcp && p.l4proto != packet::kProtoUdp) return FlowAssembler::kNoFlow;
        const std::int64_t now = sane_time(p.ts_ns);
        if (!swept_once || now - last_sweep_ns >= kSweepIntervalNs || now < last_sweep_ns) {
            sweep(now);
            last_sweep_ns = now;
            swept_once = true;
        }
        CanonKey k;
        const bool v6 = p.src.version == 6;
        const bool from_a = endpoint_le(p.src, p.src_port, p.dst, p.dst_port, v6);
        const packet::IpAddress& a = from_a ? p.src : p.dst;
        const packet::IpAddress& b = from_a ? p.dst : p.src;
        if (v6) {  // fixed-size copies (the rest of the key stays zero for IPv4)
            std::memcpy(k.a.data(), a.bytes.data(), 16);
            std::memcpy(k.b.data(), b.bytes.data(), 16);
        } else {
            std::memcpy(k.a.data(), a.bytes.data(), 4);
            std::memcpy(k.b.data(), b.bytes.data(), 4);
        }
        k.port_a = from_a ? p.src_port : p.dst_port;
        k.port_b = from_a ? p.dst_port : p.src_port;
        k.vlan = p.vlan;
        k.proto = p.l4proto;
        k.version = v6 ? 6 : 4;
        const std::uint32_t h = hash_key(k);
        bool found = false;
        const std::size_t pos = find(k, h, found);
        if (found) {
            const std::uint32_t idx = table[pos].flow1 - 1;
            Flow& f = flows[idx];
            const std::int64_t since_last = now - f.rec.last_ns;
            const bool pure_syn = p.l4proto == packet::kProtoTcp &&
                                  (p.tcp_flags & (packet::tcp_flag::kSyn | packet::tcp_flag::kAck)) ==
                                      packet::tcp_flag::kSyn;
            // In the closing state a SYN with a new ISN opens a new connection; a SYN that repeats
            // the flow's own (a retransmitted connection attempt, e.g. after a RST) joins it.
            const bool new_syn = pure_syn && !(f.isn_valid && f.client_isn == p.tcp_seq);
            if (f.closing && (since_last > linger_ns || new_syn)) {
                emit(idx, f.rec.end);
                found = false;
            } else if (since_last > idle_ns) {
                emit(idx, EndReason::IdleTimeout);
                found = false;
            } else if (now - f.rec.first_ns > active_ns) {
                emit(idx, EndReason::ActiveTimeout);
                found = false;
            } else {
                update(idx, p, from_a);
                return f.rec.index;
            }
        }
        const std::uint32_t idx = create(k, h, p, from_a);
        update(idx, p, from_a);
        return flows[idx].rec.index;
    }

    void finish() {
        // Emit in order of the flows' first packets, for reproducible output.
        std::vector<std::uint32_t> open;
        open.reserve(count);
        for (std::uint32_t i = 0; i < flows.size(); ++i)
            if (flows[i].live) open.push_back(i);
        std::sort(open.begin(), open.end(),
                  [&](std::uint32_t x, std::uint32_t y) { return flows[x].rec.index < flows[y].rec.index; });
        for (auto idx : open) emit(idx, flows[idx].closing ? flows[idx].rec.end : EndReason::EndOfCapture);
        swept_once = false;
    }
};

FlowAssembler::FlowAssembler(const FlowOptions& options, Sink sink, double closing_linger_s)
    : impl_(std::make_unique<Impl>(options, std::move(sink), closing_linger_s)) {}
FlowAssembler::~FlowAssembler() = default;
std::uint64_t FlowAssembler::add(const packet::ParsedPacket& p) { return impl_->add(p); }
void FlowAssembler::finish() { impl_->finish(); }
std::size_t FlowAssembler::open_flows() const noexcept { return impl_->count; }
std::uint64_t FlowAssembler::flows_started() const noexcept { return impl_->started; }
std::uint64_t FlowAssembler::flows_emitted() const noexcept { return impl_->emitted; }

}  // namespace flowcnn::flow
