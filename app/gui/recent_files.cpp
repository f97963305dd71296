#include "app/gui/recent_files.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace flowcnn::gui {

RecentFiles::RecentFiles(QString settings_key, int max, QObject* parent)
    : QObject(parent), key_(std::move(settings_key)), max_(max) {
    files_ = QSettings().value(key_).toStringList();
}

void RecentFiles::add(const QString& path) {
    const QString abs = QFileInfo(path).absoluteFilePath();
    files_.removeAll(abs);
    files_.prepend(abs);
    while (files_.size() > max_) files_.removeLast();
    save();
    emit changed();
}

void RecentFiles::clear() {
    files_.clear();
    save();
    emit changed();
}

void RecentFiles::save() const { QSettings().setValue(key_, files_); }

void RecentFiles::populate(QMenu* menu) const {
    menu->clear();
    int n = 0;
    for (const QString& f : files_) {
        ++n;
        const bool exists = QFileInfo::exists(f);
        QString text = QStringLiteral("&%1 %2").arg(n % 10).arg(QDir::toNativeSeparators(f));
        if (!exists) text += QStringLiteral(" ") + tr("(missing)");
        QAction* a = menu->addAction(text);
        a->setData(f);
        a->setEnabled(exists);
        a->setToolTip(exists ? f : tr("%1 no longer exists").arg(f));
        auto* self = const_cast<RecentFiles*>(this);
        connect(a, &QAction::triggered, self, [self, f] { emit self->openRequested(f); });
    }
    if (files_.isEmpty()) menu->addAction(tr("No recent files"))->setEnabled(false);
    menu->addSeparator();
    QAction* clear_action = menu->addAction(tr("&Clear Recent Files"));
    clear_action->setObjectName(QStringLiteral("clearRecentFiles"));
    clear_action->setEnabled(!files_.isEmpty());
    connect(clear_action, &QAction::triggered, const_cast<RecentFiles*>(this), &RecentFiles::clear);
}

}  // namespace flowcnn::gui
