#pragma once
// Builds small project files for the widget tests: the real schema (store::schema_migrations),
// user_version and meta('application'), then captures, flows, classifications and runs as rows.
#include <QByteArray>
#include <QString>

#include <memory>
#include <string>
#include <vector>

#include "engine/store/database.h"
#include "engine/store/schema.h"

namespace flowcnn::testing {

inline std::unique_ptr<store::Database> createProject(const QString& path) {
    auto db = std::make_unique<store::Database>(path.toStdString(), store::Database::Mode::Create);
    // WAL as real projects use; no fsync for this connection (test files are thrown away).
    db->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF");
    int version = 0;
    for (std::string_view m : store::schema_migrations()) {
        db->exec(m);
        ++version;
    }
    db->exec("PRAGMA user_version = " + std::to_string(version));
    auto st = db->prepare("INSERT INTO meta(key, value) VALUES('application', ?)");
    st.bind(1, store::kApplicationId);
    st.run();
    return db;
}

inline qint64 addCapture(store::Database& db, const std::string& name, const std::string& fill = "repeat") {
    auto st = db.prepare(
        "INSERT INTO captures(path, name, format, fill_mode, imported_at, status) "
        "VALUES(?, ?, 'pcap', ?, '2026-11-30T12:00:00Z', 'complete')");
    st.bind(1, "/captures/" + name).bind(2, name).bind(3, fill);
    st.run();
    return db.last_insert_id();
}

struct TestFlow {
    int proto = 6;
    std::string clientIp = "10.0.0.1";
    int clientPort = 50000;
    std::string serverIp = "192.168.1.1";
    int serverPort = 443;
    qint64 firstNs = 1'700'000'000'000'000'000;
    qint64 durationNs = 1'000'000'000;
    int packetsC2s = 5, packetsS2c = 4;
    int bytesC2s = 500, bytesS2c = 4000;
    int payloadLen = 100;
    QByteArray head;  // empty: NULL
    std::string sni, httpHost, label;
};

inline qint64 addFlow(store::Database& db, qint64 captureId, qint64 idx, const TestFlow& f) {
    auto st = db.prepare(
        "INSERT INTO flows(capture_id, idx, l4proto, client_ip, client_port, server_ip, server_port, first_ns, "
        "last_ns, packets_c2s, packets_s2c, bytes_c2s, bytes_s2c, payload_len, head, sni, http_host, end_reason, "
        "label, label_source) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,'fin',?,?)");
    st.bind(1, static_cast<std::int64_t>(captureId)).bind(2, static_cast<std::int64_t>(idx)).bind(3, f.proto).bind(4, f.clientIp).bind(5, f.clientPort);
    st.bind(6, f.serverIp).bind(7, f.serverPort).bind(8, static_cast<std::int64_t>(f.firstNs)).bind(9, static_cast<std::int64_t>(f.firstNs + f.durationNs));
    st.bind(10, f.packetsC2s).bind(11, f.packetsS2c).bind(12, f.bytesC2s).bind(13, f.bytesS2c);
    st.bind(14, f.payloadLen);
    if (f.head.isEmpty())
        st.bind_null(15);
    else
        st.bind_blob(15, {reinterpret_cast<const std::uint8_t*>(f.head.constData()), static_cast<std::size_t>(f.head.size())});
    if (f.sni.empty()) st.bind_null(16); else st.bind(16, f.sni);
    if (f.httpHost.empty()) st.bind_null(17); else st.bind(17, f.httpHost);
    if (f.label.empty()) {
        st.bind_null(18);
        st.bind_null(19);
    } else {
        st.bind(18, f.label).bind(19, "capture");
    }
    st.run();
    return db.last_insert_id();
}

// A classification of `flowIds` with the given labels and confidences; returns its id.
inline qint64 addClassification(store::Database& db, const std::vector<qint64>& flowIds,
                                const std::vector<std::string>& labels, double confidence) {
    db.exec("INSERT INTO classifications(threshold, created_at) VALUES(0.5, '2026-11-30T12:00:00Z')");
    const qint64 id = db.last_insert_id();
    auto st = db.prepare(
        "INSERT INTO classified_flows(classification_id, flow_id, label, confidence, top3_json) VALUES(?,?,?,?,'[]')");
    for (std::size_t i = 0; i < flowIds.size(); ++i) {
        st.bind(1, static_cast<std::int64_t>(id)).bind(2, static_cast<std::int64_t>(flowIds[i])).bind(3, labels[i % labels.size()]).bind(4, confidence);
        st.run();
    }
    return id;
}

}  // namespace flowcnn::testing
