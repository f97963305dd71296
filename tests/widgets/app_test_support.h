#pragma once
// Helpers of the workbench's Qt tests: small pcap files written with capture::PcapWriter
// (Ethernet + IPv4 + TCP, one request and one response per flow), labelled folder trees, and
// isolated settings.
#include <QCoreApplication>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QString>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/capture/pcap_writer.h"

namespace flowcnn::testing {

inline void isolateSettings(const char* name) {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FlowCNN-tests"));
    QCoreApplication::setApplicationName(QString::fromLatin1(name));
    QSettings().clear();
}

inline void put16(std::vector<std::uint8_t>& b, std::size_t at, std::uint16_t v) {
    b[at] = static_cast<std::uint8_t>(v >> 8);
    b[at + 1] = static_cast<std::uint8_t>(v & 0xff);
}
inline void put32(std::vector<std::uint8_t>& b, std::size_t at, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b[at + i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
}

// One Ethernet/IPv4/TCP frame with PSH|ACK and `payload`.
inline std::vector<std::uint8_t> tcpFrame(std::uint32_t src, std::uint32_t dst, std::uint16_t sport,
                                          std::uint16_t dport, std::uint32_t seq, std::uint32_t ack,
                                          std::uint8_t flags, const std::string& payload) {
    std::vector<std::uint8_t> f(14 + 20 + 20 + payload.size(), 0);
    f[12] = 0x08;  // IPv4
    std::size_t ip = 14;
    f[ip] = 0x45;
    put16(f, ip + 2, static_cast<std::uint16_t>(20 + 20 + payload.size()));
    f[ip + 8] = 64;
    f[ip + 9] = 6;
    put32(f, ip + 12, src);
    put32(f, ip + 16, dst);
    std::uint32_t sum = 0;
    for (int i = 0; i < 20; i += 2) sum += (f[ip + i] << 8) | f[ip + i + 1];
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    put16(f, ip + 10, static_cast<std::uint16_t>(~sum));
    std::size_t tcp = ip + 20;
    put16(f, tcp, sport);
    put16(f, tcp + 2, dport);
    put32(f, tcp + 4, seq);
    put32(f, tcp + 8, ack);
    f[tcp + 12] = 0x50;
    f[tcp + 13] = flags;
    put16(f, tcp + 14, 65535);
    std::copy(payload.begin(), payload.end(), f.begin() + static_cast<long>(tcp + 20));
    return f;
}

// Writes `flows` TCP flows (SYN, SYN-ACK, request, response, FIN both ways) whose payloads start
// with `request_prefix` / `response_prefix`; flow i uses client port 10000 + i.
inline void writeCapture(const QString& path, int flows, const std::string& request_prefix,
                         const std::string& response_prefix, std::uint32_t server = 0x0a000001,
                         int first_port = 10000) {
    capture::PcapWriter w(path.toStdString());
    std::int64_t t = 1'700'000'000'000'000'000LL;
    const std::uint32_t client = 0xc0a80002;
    for (int i = 0; i < flows; ++i) {
        const auto cp = static_cast<std::uint16_t>(first_port + (i % 50000));
        const std::uint16_t sp = 443;
        const std::uint32_t srv = server + static_cast<std::uint32_t>(i / 50000);
        std::string req = request_prefix + " flow " + std::to_string(i) + " ";
        while (req.size() < 300) req += static_cast<char>('a' + (req.size() * 7 + i) % 26);
        std::string resp = response_prefix + " reply " + std::to_string(i * 31) + " ";
        while (resp.size() < 600) resp += static_cast<char>('A' + (resp.size() * 3 + i) % 26);
        std::uint32_t cs = 1000, ss = 5000;
        auto put = [&](const std::vector<std::uint8_t>& f) {
            w.write(t, f);
            t += 1000;
        };
        put(tcpFrame(client, srv, cp, sp, cs, 0, 0x02, {}));
        put(tcpFrame(srv, client, sp, cp, ss, cs + 1, 0x12, {}));
        ++cs;
        ++ss;
        put(tcpFrame(client, srv, cp, sp, cs, ss, 0x18, req));
        cs += static_cast<std::uint32_t>(req.size());
        put(tcpFrame(srv, client, sp, cp, ss, cs, 0x18, resp));
        ss += static_cast<std::uint32_t>(resp.size());
        put(tcpFrame(client, srv, cp, sp, cs, ss, 0x11, {}));
        put(tcpFrame(srv, client, sp, cp, ss, cs + 1, 0x11, {}));
        t += 1'000'000;
    }
    w.close();
}

// dir/<label>/<label>-001.pcap for each label, `flows` flows each, with class-specific payloads.
inline void writeLabelledTree(const QString& dir, const QStringList& labels, int flows) {
    int k = 0;
    for (const QString& label : labels) {
        QDir().mkpath(dir + QLatin1Char('/') + label);
        const std::string l = label.toStdString();
        writeCapture(dir + QLatin1Char('/') + label + QLatin1Char('/') + label + QStringLiteral("-001.pcap"),
                     flows, "GET /" + l + "/index HTTP/1.1\r\nHost: www." + l + ".example\r\n",
                     "HTTP/1.1 200 OK\r\nServer: " + l + "-srv\r\n", 0x0a000001u + 0x10000u * static_cast<std::uint32_t>(k),
                     20000 + 1000 * k);
        ++k;
    }
}

}  // namespace flowcnn::testing
