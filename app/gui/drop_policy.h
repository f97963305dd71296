#pragma once
// What a drop (or a command-line argument) of local paths means. Files are recognised by their
// first bytes, not their names: pcap, pcapng and Network Monitor captures, project files (SQLite)
// and model files. Folders import as labelled data (one sub-folder per class).
#include <QString>
#include <QStringList>

namespace flowcnn::gui {

enum class FileKind { Capture, Project, Model, Folder, Unsupported, Missing };

FileKind detect_file_kind(const QString& path);

struct DropPlan {
    enum class Action { None, OpenProject, ImportCaptures, ImportFolders, Mixed, Unsupported };
    Action action = Action::None;
    QStringList captures;     // capture files, in drop order
    QStringList folders;      // folders of labelled captures
    QStringList projects;     // project files
    QStringList models;       // model files
    QStringList unsupported;  // everything else (and missing paths)
};

// Sorts the dropped paths. One project opens it; captures and folders import (several together);
// anything else is reported as unsupported.
DropPlan plan_drop(const QStringList& paths);

}  // namespace flowcnn::gui
