#include "widgets/image_gallery.h"

#include <QFontMetrics>
#include <QMap>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

#include "engine/image/payload_image.h"
#include "engine/store/database.h"
#include "engine/store/flows.h"

namespace flowcnn::widgets {
namespace {
constexpr int kSide = 28;
constexpr int kGap = 4;
}  // namespace

// The painted grid inside the scroll area.
class ImageGallery::Grid : public QWidget {
public:
    explicit Grid(ImageGallery* g) : QWidget(g), gallery_(g) { setMouseTracking(true); }

    int labelWidth() const {
        const QFontMetrics fm(font());
        int w = 0;
        for (const auto& c : gallery_->classes_) w = std::max(w, fm.horizontalAdvance(c.name));
        return std::min(w, 220) + 2 * kGap;
    }
    int thumb() const { return kSide * gallery_->scale_; }
    int columns() const {
        int n = 0;
        for (const auto& c : gallery_->classes_) n = std::max(n, static_cast<int>(c.images.size()));
        return n;
    }
    QSize sizeHint() const override {
        const auto rows = static_cast<int>(gallery_->classes_.size());
        return {labelWidth() + columns() * (thumb() + kGap) + kGap, rows * (thumb() + kGap) + kGap};
    }
    QRect thumbRect(int cls, int i) const {
        return {labelWidth() + i * (thumb() + kGap), kGap + cls * (thumb() + kGap), thumb(), thumb()};
    }

    void paintOn(QPainter& p, const QRect& area) const {
        p.fillRect(area, palette().base());
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.setPen(palette().color(QPalette::Text));
        const QFontMetrics fm(font());
        for (int c = 0; c < gallery_->classes_.size(); ++c) {
            const GalleryClass& gc = gallery_->classes_[c];
            const QRect label(kGap, kGap + c * (thumb() + kGap), labelWidth() - 2 * kGap, thumb());
            p.drawText(label, Qt::AlignVCenter | Qt::AlignRight, fm.elidedText(gc.name, Qt::ElideRight, label.width()));
            for (int i = 0; i < gc.images.size(); ++i) {
                const QRect r = thumbRect(c, i);
                if (!r.intersects(area)) continue;
                QByteArray b = gc.images[i].left(kSide * kSide);
                b.append(QByteArray(kSide * kSide - b.size(), '\0'));
                const QImage img(reinterpret_cast<const uchar*>(b.constData()), kSide, kSide, kSide,
                                 QImage::Format_Grayscale8);
                p.drawImage(r, img);
            }
        }
    }

protected:
    void paintEvent(QPaintEvent* e) override {
        QPainter p(this);
        paintOn(p, e->rect());
    }
    void mousePressEvent(QMouseEvent* e) override {
        const QPoint pos = e->position().toPoint();
        for (int c = 0; c < gallery_->classes_.size(); ++c)
            for (int i = 0; i < gallery_->classes_[c].images.size(); ++i)
                if (thumbRect(c, i).contains(pos)) {
                    const auto& ids = gallery_->classes_[c].flowIds;
                    Q_EMIT gallery_->imageClicked(c, i, i < ids.size() ? ids[i] : -1);
                    return;
                }
    }

private:
    ImageGallery* gallery_;
};

ImageGallery::ImageGallery(QWidget* parent) : QScrollArea(parent), grid_(new Grid(this)) {
    setWidget(grid_);
    setWidgetResizable(false);
    setAccessibleName(tr("Payload images per class"));
}

void ImageGallery::setClasses(const QList<GalleryClass>& classes) {
    classes_ = classes;
    grid_->resize(grid_->sizeHint());
    grid_->update();
}

void ImageGallery::setScale(int pixelsPerByte) {
    scale_ = std::clamp(pixelsPerByte, 1, 16);
    grid_->resize(grid_->sizeHint());
    grid_->update();
}

QImage ImageGallery::renderGrid() const {
    const QSize s = grid_->sizeHint().expandedTo(QSize(1, 1));
    QImage img(s, QImage::Format_RGB32);
    QPainter p(&img);
    grid_->paintOn(p, QRect(QPoint(0, 0), s));
    return img;
}

bool ImageGallery::savePng(const QString& path) const { return renderGrid().save(path, "PNG"); }

QList<GalleryClass> ImageGallery::sampleFromProject(store::Database& db, int perClass) {
    QList<GalleryClass> out;
    for (const auto& sample : store::sample_images_per_label(db, perClass)) {
        const QString label = QString::fromStdString(sample.label);
        if (out.isEmpty() || out.back().name != label) out.push_back(GalleryClass{label, {}, {}});
        const auto& img = sample.image;
        out.back().images << QByteArray(reinterpret_cast<const char*>(img.data()), static_cast<int>(img.size()));
        out.back().flowIds << sample.flow_id;
    }
    return out;
}

}  // namespace flowcnn::widgets
