#pragma once
// Recent projects and captures, kept in QSettings. Missing files stay in the list, marked, until
// the user clears them.
#include <QMenu>
#include <QObject>
#include <QStringList>

namespace flowcnn::gui {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    explicit RecentFiles(QString settings_key = QStringLiteral("recentFiles"), int max = 10,
                         QObject* parent = nullptr);

    QStringList files() const { return files_; }
    void add(const QString& path);
    void clear();
    // Fills `menu` with one action per file (missing ones disabled and marked), then "Clear".
    void populate(QMenu* menu) const;

signals:
    void openRequested(const QString& path);
    void changed();

private:
    void save() const;

    QString key_;
    int max_;
    QStringList files_;
};

}  // namespace flowcnn::gui
