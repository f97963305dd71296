#pragma once
// LiveCaptureJob: captures from an interface (capture::LiveCapture, BPF filter) into a pcap file
// next to the project until stopped, then imports that file into the project, so a live session
// is kept as a capture like any other.
#include <QString>
#include <mutex>

#include "app/jobs/job.h"

namespace flowcnn::capture {
class LiveCapture;
}

namespace flowcnn::jobs {

class LiveCaptureJob : public Job {
    Q_OBJECT
public:
    LiveCaptureJob(QString project_path, QString interface_name, QString filter, QString label,
                   QString pcap_path, QObject* parent = nullptr);

    QString pcapPath() const { return pcap_path_; }
    qint64 captureId() const { return capture_id_; }
    qint64 flows() const { return flows_; }

protected:
    QString execute() override;
    void onCancel() noexcept override;

private:
    QString project_path_, interface_, filter_, label_, pcap_path_;
    std::mutex mutex_;
    capture::LiveCapture* live_ = nullptr;
    qint64 capture_id_ = 0;
    qint64 flows_ = 0;
};

}  // namespace flowcnn::jobs
