#include "app/jobs/live_capture_job.h"

#include <climits>

#include "engine/capture/live_capture.h"
#include "engine/common/error.h"
#include "engine/capture/pcap_writer.h"
#include "engine/store/importer.h"

namespace flowcnn::jobs {

LiveCaptureJob::LiveCaptureJob(QString project_path, QString interface_name, QString filter,
                               QString label, QString pcap_path, QObject* parent)
    : Job(tr("Live capture"), parent),
      project_path_(std::move(project_path)),
      interface_(std::move(interface_name)),
      filter_(std::move(filter)),
      label_(std::move(label)),
      pcap_path_(std::move(pcap_path)) {}

void LiveCaptureJob::onCancel() noexcept {
    std::lock_guard lock(mutex_);
    if (live_) live_->stop();
}

QString LiveCaptureJob::execute() {
    std::uint64_t frames = 0;
    {
        capture::LiveCapture live(interface_.toStdString(), filter_.toStdString());
        {
            std::lock_guard lock(mutex_);
            live_ = &live;
        }
        struct Reset {
            LiveCaptureJob* job;
            ~Reset() {
                std::lock_guard lock(job->mutex_);
                job->live_ = nullptr;
            }
        } reset{this};
        if (token().cancelled()) live.stop();
        capture::PcapWriter writer(pcap_path_.toStdString(), live.linktype(), true);
        capture::RawPacket pkt;
        while (!token().cancelled()) {
            if (!live.next(pkt)) {
                if (live.stopped() || !live.error().empty()) break;
                continue;
            }
            writer.write(pkt.ts_ns, pkt.data, pkt.wire_len);
            ++frames;
            reportProgress(QStringLiteral("capture"), frames, 0,
                           tr("%1: %n frame(s)", nullptr, static_cast<int>(std::min<std::uint64_t>(frames, INT_MAX)))
                               .arg(interface_));
        }
        writer.close();
        if (!live.error().empty() && !token().cancelled())
            throw flowcnn::IoError(live.error());
    }
    // Stopping is the normal end of a live capture: import what was captured.
    token().reset();
    store::ImportOptions options;
    if (!label_.isEmpty()) options.label = label_.toStdString();
    auto project = store::Project::open(project_path_.toStdString());
    const auto r = store::import_capture(project, pcap_path_.toStdString(), options, progressFn(),
                                         cancelToken());
    capture_id_ = r.capture_id;
    flows_ = static_cast<qint64>(r.stats.flows);
    return tr("Captured %1 frames on %2: %3 flows imported").arg(frames).arg(interface_).arg(flows_);
}

}  // namespace flowcnn::jobs
