#pragma once
// LiveCaptureJob: captures from an interface (BPF filter) into a pcap file next to the project
// until stopped, then imports that file into the project, so a live session is kept as a capture
// like any other. The capture runs in the flowcnn-capture helper (QProcess), which alone holds the
// raw-socket capabilities, so the workbench never needs root; Stop sends it SIGTERM (it flushes
// and exits 0) and the file is imported. When capture is refused the helper's message (with what
// to do) is the job's error. Only if the helper is missing does the job capture in-process
// (capture::LiveCapture), and its messages say so.
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

    // The helper to run: $FLOWCNN_CAPTURE_HELPER when set, else flowcnn-capture next to the
    // executable or in ../lib/flowcnn/ (the installed layout). Empty when there is none.
    static QString findHelper();

protected:
    QString execute() override;
    void onCancel() noexcept override;

private:
    // Both write pcap_path_ and return the number of frames written (-1: unknown).
    qint64 captureWithHelper(const QString& helper);
    qint64 captureInProcess();

    QString project_path_, interface_, filter_, label_, pcap_path_;
    std::mutex mutex_;
    capture::LiveCapture* live_ = nullptr;
    qint64 capture_id_ = 0;
    qint64 flows_ = 0;
};

}  // namespace flowcnn::jobs
