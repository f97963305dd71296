// Micro-benchmarks of the extraction path: capture file -> flows, the flow table alone, payload
// images and SHA-1. The capture is synthetic (written once to a temp file): 20,000 TCP flows of
// 12 packets each plus UDP request/response pairs, interleaved as a busy link would carry them.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/capture/capture_reader.h"
#include "engine/capture/pcap_writer.h"
#include "engine/common/sha1.h"
#include "engine/flow/flow_assembler.h"
#include "engine/image/payload_image.h"
#include "engine/pipeline/extract.h"

namespace {

using namespace flowcnn;
using Bytes = std::vector<std::uint8_t>;

void put16(Bytes& b, std::size_t v) {
    b.push_back(static_cast<std::uint8_t>(v >> 8));
    b.push_back(static_cast<std::uint8_t>(v));
}
void put32(Bytes& b, std::uint32_t v) {
    put16(b, v >> 16);
    put16(b, v & 0xffff);
}

Bytes tcp_frame(std::uint32_t client, std::uint16_t cport, bool c2s, std::uint8_t flags, std::uint32_t seq,
                std::size_t payload_len, std::uint8_t fill) {
    Bytes f(12, 0x02);
    put16(f, 0x0800);
    const std::size_t ip_len = 20 + 20 + payload_len;
    f.insert(f.end(), {0x45, 0});
    put16(f, ip_len);
    f.insert(f.end(), {0, 0, 0x40, 0, 64, 6, 0, 0});
    const std::uint32_t server = 0x5db8d822;
    put32(f, c2s ? client : server);
    put32(f, c2s ? server : client);
    put16(f, c2s ? cport : 443);
    put16(f, c2s ? 443 : cport);
    put32(f, seq);
    put32(f, 0);
    f.push_back(0x50);
    f.push_back(flags);
    put16(f, 65535);
    put32(f, 0);
    for (std::size_t i = 0; i < payload_len; ++i) f.push_back(static_cast<std::uint8_t>(fill + i));
    return f;
}

const std::string& bench_capture() {
    static const std::string path = [] {
        const std::string p = (std::filesystem::temp_directory_path() /
                               ("flowcnn_extract_bench_" + std::to_string(::getpid()) + ".pcap"))
                                  .string();
        capture::PcapWriter w(p);
        std::int64_t t = 1'700'000'000LL * 1'000'000'000LL;
        constexpr int kFlows = 20000, kActive = 64;
        // kActive flows in progress at a time, packets round-robin between them.
        for (int base = 0; base < kFlows; base += kActive) {
            for (int step = 0; step < 12; ++step) {
                for (int k = 0; k < kActive; ++k) {
                    const int id = base + k;
                    const std::uint32_t client = 0x0a000000u + static_cast<std::uint32_t>(id);
                    const auto cport = static_cast<std::uint16_t>(1024 + id % 60000);
                    t += 2000;
                    const std::uint32_t cseq = 1000 + static_cast<std::uint32_t>(step) * 600;
                    switch (step) {
                        case 0: w.write(t, tcp_frame(client, cport, true, 0x02, 999, 0, 0)); break;
                        case 1: w.write(t, tcp_frame(client, cport, false, 0x12, 4999, 0, 0)); break;
                        case 10: w.write(t, tcp_frame(client, cport, true, 0x11, 99999, 0, 0)); break;
                        case 11: w.write(t, tcp_frame(client, cport, false, 0x11, 99999, 0, 0)); break;
                        default:
                            w.write(t, tcp_frame(client, cport, step % 2 == 0, 0x18, step % 2 == 0 ? cseq : 5000 + cseq,
                                                 step == 2 ? 517 : 1400, static_cast<std::uint8_t>(id)));
                    }
                }
            }
        }
        w.close();
        return p;
    }();
    return path;
}

void BM_ExtractCaptureFile(benchmark::State& state) {
    const std::string& path = bench_capture();
    std::uint64_t packets = 0;
    for (auto _ : state) {
        auto reader = capture::open_capture(path);
        std::uint64_t images = 0;
        auto st = pipeline::extract_flows(*reader, {}, [&](flow::FlowRecord&& r) {
            auto img = image::make_image(r.head, flow::FillMode::Repeat);
            benchmark::DoNotOptimize(img);
            images += r.has_image();
        });
        packets += st.packets;
        benchmark::DoNotOptimize(images);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(packets));
}
BENCHMARK(BM_ExtractCaptureFile)->Unit(benchmark::kMillisecond);

void BM_FlowAssemblerOnly(benchmark::State& state) {
    // Pre-parsed packets: measures the flow table, stream and retransmission logic alone.
    const std::string& path = bench_capture();
    auto reader = capture::open_capture(path);
    std::vector<Bytes> payloads;
    std::vector<packet::ParsedPacket> pkts;
    capture::RawPacket raw;
    packet::ParsedPacket p;
    packet::SkipReason why;
    while (reader->next(raw)) {
        if (!packet::parse_packet(raw.linktype, raw.data, p, why)) continue;
        p.ts_ns = raw.ts_ns;
        payloads.emplace_back(p.payload.begin(), p.payload.end());
        pkts.push_back(p);
    }
    for (std::size_t i = 0; i < pkts.size(); ++i) pkts[i].payload = payloads[i];
    for (auto _ : state) {
        std::uint64_t n = 0;
        flow::FlowAssembler fa({}, [&](flow::FlowRecord&& r) { n += r.payload_bytes; });
        for (const auto& q : pkts) fa.add(q);
        fa.finish();
        benchmark::DoNotOptimize(n);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * pkts.size()));
}
BENCHMARK(BM_FlowAssemblerOnly)->Unit(benchmark::kMillisecond);

void BM_MakeImageRepeat(benchmark::State& state) {
    Bytes head(static_cast<std::size_t>(state.range(0)), 0x5a);
    for (auto _ : state) {
        auto img = image::make_image(head, flow::FillMode::Repeat);
        benchmark::DoNotOptimize(img);
    }
}
BENCHMARK(BM_MakeImageRepeat)->Arg(1)->Arg(100)->Arg(784);

void BM_Sha1Image(benchmark::State& state) {
    image::PayloadImage img{};
    for (auto _ : state) {
        auto d = sha1(img);
        benchmark::DoNotOptimize(d);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * img.size()));
}
BENCHMARK(BM_Sha1Image);

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::filesystem::remove(bench_capture());
    return 0;
}
