#include "app/gui/drop_policy.h"

#include <QFile>
#include <QFileInfo>

namespace flowcnn::gui {

FileKind detect_file_kind(const QString& path) {
    const QFileInfo info(path);
    if (!info.exists()) return FileKind::Missing;
    if (info.isDir()) return FileKind::Folder;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return FileKind::Unsupported;
    const QByteArray head = f.read(16);
    if (head.size() >= 4) {
        const auto u = [&](int i) { return static_cast<unsigned char>(head[i]); };
        const quint32 le = u(0) | (u(1) << 8) | (u(2) << 16) | (quint32(u(3)) << 24);
        switch (le) {
            case 0xa1b2c3d4u:
            case 0xd4c3b2a1u:
            case 0xa1b23c4du:
            case 0x4d3cb2a1u:
            case 0x0a0d0d0au:
                return FileKind::Capture;
            default:
                break;
        }
        if (head.startsWith("GMBU") || head.startsWith("RTSS")) return FileKind::Capture;
    }
    if (head.startsWith(QByteArrayLiteral("SQLite format 3"))) return FileKind::Project;
    if (head.startsWith(QByteArrayLiteral("FLOWCNN-MODEL\n"))) return FileKind::Model;
    return FileKind::Unsupported;
}

DropPlan plan_drop(const QStringList& paths) {
    DropPlan plan;
    for (const QString& p : paths) {
        switch (detect_file_kind(p)) {
            case FileKind::Capture: plan.captures << p; break;
            case FileKind::Project: plan.projects << p; break;
            case FileKind::Model: plan.models << p; break;
            case FileKind::Folder: plan.folders << p; break;
            case FileKind::Unsupported:
            case FileKind::Missing: plan.unsupported << p; break;
        }
    }
    const int kinds = int(!plan.captures.isEmpty()) + int(!plan.folders.isEmpty()) +
                      int(!plan.projects.isEmpty()) + int(!plan.models.isEmpty());
    using A = DropPlan::Action;
    if (kinds == 0)
        plan.action = plan.unsupported.isEmpty() ? A::None : A::Unsupported;
    else if (kinds > 1 || plan.projects.size() > 1 || plan.models.size() > 1)
        plan.action = A::Mixed;
    else if (!plan.projects.isEmpty())
        plan.action = A::OpenProject;
    else if (!plan.captures.isEmpty())
        plan.action = A::ImportCaptures;
    else if (!plan.folders.isEmpty())
        plan.action = A::ImportFolders;
    else
        plan.action = A::Mixed;  // a lone model file: the caller decides (classification)
    return plan;
}

}  // namespace flowcnn::gui
