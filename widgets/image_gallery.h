#pragma once
// A grid of small payload images per class (the paper's Fig. 10): one row per class, its name on
// the left, up to `perClass` images. Clicking an image emits imageClicked with its flow id.
#include <QByteArray>
#include <QImage>
#include <QList>
#include <QScrollArea>
#include <QString>
#include <QVector>

namespace flowcnn::store {
class Database;
}

namespace flowcnn::widgets {

struct GalleryClass {
    QString name;
    QList<QByteArray> images;  // 784 bytes each (filled images)
    QVector<qint64> flowIds;   // same length as images, or empty
};

class ImageGallery : public QScrollArea {
    Q_OBJECT
public:
    explicit ImageGallery(QWidget* parent = nullptr);

    void setClasses(const QList<GalleryClass>& classes);
    const QList<GalleryClass>& classes() const { return classes_; }
    void setScale(int pixelsPerByte);  // default 2 (56x56 thumbnails)
    int scale() const { return scale_; }
    // The whole grid as one image (for export / the report).
    QImage renderGrid() const;
    bool savePng(const QString& path) const;

    // Reads up to `perClass` images per label from a project: labelled flows with payload, in id
    // order, filled with their capture's fill mode. Labels sorted by name.
    static QList<GalleryClass> sampleFromProject(store::Database& db, int perClass);

Q_SIGNALS:
    void imageClicked(int classIndex, int imageIndex, qint64 flowId);

private:
    class Grid;
    Grid* grid_;
    QList<GalleryClass> classes_;
    int scale_ = 2;
};

}  // namespace flowcnn::widgets
