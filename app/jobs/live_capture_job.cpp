#include "app/jobs/live_capture_job.h"

#include <signal.h>
#include <sys/types.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStringList>
#include <climits>

#include "engine/capture/live_capture.h"
#include "engine/capture/pcap_writer.h"
#include "engine/common/error.h"
#include "engine/store/importer.h"

namespace flowcnn::jobs {

namespace {

constexpr int kHelperPermissionDenied = 3;  // flowcnn-capture's exit code when capture is refused

int clampInt(qint64 n) { return static_cast<int>(std::min<qint64>(n, INT_MAX)); }

}  // namespace

LiveCaptureJob::LiveCaptureJob(QString project_path, QString interface_name, QString filter,
                               QString label, QString pcap_path, QObject* parent)
    : Job(tr("Live capture"), parent),
      project_path_(std::move(project_path)),
      interface_(std::move(interface_name)),
      filter_(std::move(filter)),
      label_(std::move(label)),
      pcap_path_(std::move(pcap_path)) {}

QString LiveCaptureJob::findHelper() {
    const QString env = qEnvironmentVariable("FLOWCNN_CAPTURE_HELPER");
    if (!env.isEmpty()) return env;
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString& candidate : {dir + QStringLiteral("/flowcnn-capture"),
                                     dir + QStringLiteral("/../lib/flowcnn/flowcnn-capture")}) {
        const QFileInfo info(candidate);
        if (info.exists() && info.isFile()) return QDir::cleanPath(info.absoluteFilePath());
    }
    return {};
}

void LiveCaptureJob::onCancel() noexcept {
    // The helper is stopped by execute()'s loop (it owns the QProcess); this is for the fallback.
    std::lock_guard lock(mutex_);
    if (live_) live_->stop();
}

QString LiveCaptureJob::execute() {
    const QString helper = findHelper();
    qint64 frames = 0;
    QString note;
    if (!helper.isEmpty()) {
        frames = captureWithHelper(helper);
    } else {
        note = QLatin1Char(' ') + tr("(the capture helper flowcnn-capture was not found, so the "
                                     "workbench captured itself and needs the capture rights)");
        try {
            frames = captureInProcess();
        } catch (const flowcnn::CancelledError&) {
            throw;
        } catch (const std::exception& e) {
            throw flowcnn::IoError(e.what() + note.toStdString());
        }
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
    const QString count = frames >= 0 ? QString::number(frames) : QStringLiteral("?");
    return tr("Captured %1 frames on %2: %3 flows imported").arg(count).arg(interface_).arg(flows_) + note;
}

qint64 LiveCaptureJob::captureWithHelper(const QString& helper) {
    QStringList args{QStringLiteral("-i"), interface_, QStringLiteral("-P"), QStringLiteral("-w"), pcap_path_};
    if (!filter_.isEmpty()) args << QStringLiteral("-f") << filter_;
    QProcess proc;
    proc.setProgram(helper);
    proc.setArguments(args);
    proc.setStandardInputFile(QProcess::nullDevice());
    proc.setStandardOutputFile(QProcess::nullDevice());
    proc.start();
    if (!proc.waitForStarted(10000))
        throw flowcnn::IoError(
            tr("cannot run the capture helper %1: %2. If it is restricted to the 'flowcnn-capture' "
               "group, join that group and log in again.")
                .arg(helper, proc.errorString())
                .toStdString());

    // The helper reports "packets N" lines; everything else on stderr is kept for an error message.
    static const QRegularExpression progressLine(QStringLiteral("^packets (\\d+)$"));
    QString messages, pending;
    qint64 frames = -1;
    auto drain = [&] {
        pending += QString::fromLocal8Bit(proc.readAllStandardError());
        qsizetype nl;
        while ((nl = pending.indexOf(QLatin1Char('\n'))) >= 0) {
            const QString line = pending.left(nl).trimmed();
            pending.remove(0, nl + 1);
            const auto m = progressLine.match(line);
            if (m.hasMatch()) {
                frames = m.captured(1).toLongLong();
                reportProgress(QStringLiteral("capture"), static_cast<qulonglong>(frames), 0,
                               tr("%1: %n frame(s)", nullptr, clampInt(frames)).arg(interface_));
            } else if (!line.isEmpty()) {
                messages += line + QLatin1Char('\n');
            }
        }
    };
    bool terminated = false;
    while (!proc.waitForFinished(100)) {
        drain();
        if (token().cancelled() && !terminated && proc.processId() > 0) {
            ::kill(static_cast<pid_t>(proc.processId()), SIGTERM);  // the helper flushes and exits 0
            terminated = true;
        }
    }
    pending += QLatin1Char('\n');
    drain();
    messages = messages.trimmed();
    // Its closing line "flowcnn-capture: N packets captured, ..." has the exact count.
    static const QRegularExpression summary(QStringLiteral("flowcnn-capture: (\\d+) packets captured[^\\n]*"));
    if (const auto m = summary.match(messages); m.hasMatch()) {
        frames = m.captured(1).toLongLong();
        messages.remove(m.capturedStart(), m.capturedLength());
        messages = messages.trimmed();
    }
    if (proc.exitStatus() != QProcess::NormalExit)
        throw flowcnn::IoError(tr("the capture helper %1 stopped unexpectedly (%2)")
                                   .arg(helper, messages.isEmpty() ? proc.errorString() : messages)
                                   .toStdString());
    if (proc.exitCode() == kHelperPermissionDenied)
        // The helper's own text says what to do (setcap, the group); show it as it is.
        throw flowcnn::IoError((messages.isEmpty() ? tr("live capture on %1 is not permitted").arg(interface_)
                                                   : messages)
                                   .toStdString());
    if (proc.exitCode() != 0)
        throw flowcnn::IoError(
            (messages.isEmpty() ? tr("the capture helper %1 failed (exit code %2)").arg(helper).arg(proc.exitCode())
                                : messages)
                .toStdString());
    return frames;
}

qint64 LiveCaptureJob::captureInProcess() {
    std::uint64_t frames = 0;
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
                       tr("%1: %n frame(s)", nullptr, clampInt(static_cast<qint64>(frames))).arg(interface_));
    }
    writer.close();
    if (!live.error().empty() && !token().cancelled()) throw flowcnn::IoError(live.error());
    return static_cast<qint64>(frames);
}

}  // namespace flowcnn::jobs
