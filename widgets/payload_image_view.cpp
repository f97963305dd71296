#include "widgets/payload_image_view.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace flowcnn::widgets {

PayloadImageView::PayloadImageView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setAccessibleName(tr("Payload image"));
    setAccessibleDescription(tr("The flow's first 784 payload bytes as a 28 by 28 grayscale image"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setBytes({});
}

void PayloadImageView::setBytes(const QByteArray& bytes) {
    if (bytes.isEmpty()) {
        bytes_.clear();
        image_ = QImage();
    } else {
        bytes_ = bytes.left(kBytes);
        if (bytes_.size() < kBytes) bytes_.append(QByteArray(kBytes - bytes_.size(), '\0'));
        image_ = QImage(kSide, kSide, QImage::Format_Grayscale8);
        for (int y = 0; y < kSide; ++y)
            std::copy_n(reinterpret_cast<const uchar*>(bytes_.constData()) + y * kSide, kSide, image_.scanLine(y));
    }
    hovered_ = -1;
    selected_ = -1;
    saliency_.clear();
    update();
}

void PayloadImageView::setSaliency(const QVector<float>& map) {
    saliency_ = map.size() == kBytes ? map : QVector<float>();
    for (auto& v : saliency_) v = v > 0 ? std::min(v, 1.0f) : 0.0f;  // NaN and negatives: 0
    update();
}

void PayloadImageView::setSaliencyVisible(bool on) {
    if (on == saliency_visible_) return;
    saliency_visible_ = on;
    update();
}

QImage PayloadImageView::renderedImage() const {
    if (image_.isNull() || saliency_.isEmpty() || !saliency_visible_) return image_;
    QImage out(kSide, kSide, QImage::Format_RGB32);
    for (int i = 0; i < kBytes; ++i) {
        const int g = static_cast<uchar>(bytes_[i]);
        const float a = saliency_[i];
        // Alpha blend of the gray byte with pure red, opacity = saliency.
        out.setPixel(i % kSide, i / kSide,
                     qRgb(static_cast<int>(g + (255 - g) * a), static_cast<int>(g * (1 - a)),
                          static_cast<int>(g * (1 - a))));
    }
    return out;
}

void PayloadImageView::setImage(const std::array<std::uint8_t, 784>& image) {
    setBytes(QByteArray(reinterpret_cast<const char*>(image.data()), static_cast<int>(image.size())));
}

QRect PayloadImageView::imageRect() const {
    // Whole pixels per byte, centred: nearest-neighbour without uneven squares.
    const int cell = std::max(1, std::min(width(), height()) / kSide);
    const int side = cell * kSide;
    return {(width() - side) / 2, (height() - side) / 2, side, side};
}

int PayloadImageView::offsetAt(const QPoint& pos) const {
    if (image_.isNull()) return -1;
    const QRect r = imageRect();
    if (!r.contains(pos)) return -1;
    const int cell = r.width() / kSide;
    const int x = (pos.x() - r.left()) / cell, y = (pos.y() - r.top()) / cell;
    return y * kSide + x;
}

QRect PayloadImageView::pixelRect(int offset) const {
    if (offset < 0 || offset >= kBytes) return {};
    const QRect r = imageRect();
    const int cell = r.width() / kSide;
    return {r.left() + (offset % kSide) * cell, r.top() + (offset / kSide) * cell, cell, cell};
}

void PayloadImageView::setHighlightedByte(int offset) {
    offset = (offset >= 0 && offset < kBytes && !image_.isNull()) ? offset : -1;
    if (offset == hovered_) return;
    hovered_ = offset;
    update();
}

void PayloadImageView::setSelectedByte(int offset) {
    offset = (offset >= 0 && offset < kBytes && !image_.isNull()) ? offset : -1;
    if (offset == selected_) return;
    selected_ = offset;
    update();
}

bool PayloadImageView::savePng(const QString& path, int scale) const {
    if (image_.isNull()) return false;
    scale = std::max(1, scale);
    return image_.scaled(kSide * scale, kSide * scale, Qt::IgnoreAspectRatio, Qt::FastTransformation)
        .save(path, "PNG");
}

void PayloadImageView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const QRect r = imageRect();
    if (image_.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No payload image"));
        return;
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);  // nearest neighbour
    p.drawImage(r, renderedImage());
    auto outline = [&](int offset, const QColor& c, int w) {
        if (offset < 0) return;
        p.setPen(QPen(c, w));
        p.setBrush(Qt::NoBrush);
        p.drawRect(pixelRect(offset).adjusted(0, 0, -1, -1));
    };
    outline(selected_, QColor(255, 140, 0), 2);
    outline(hovered_, QColor(0, 170, 255), 2);
}

void PayloadImageView::mouseMoveEvent(QMouseEvent* e) {
    const int o = offsetAt(e->position().toPoint());
    if (o != hovered_) {
        hovered_ = o;
        update();
        Q_EMIT byteHovered(o);
    }
    if (o >= 0) {
        QString tip = tr("Byte %1 (row %2, column %3): 0x%4 = %5")
                          .arg(o)
                          .arg(o / kSide)
                          .arg(o % kSide)
                          .arg(static_cast<uchar>(bytes_[o]), 2, 16, QLatin1Char('0'))
                          .arg(static_cast<uchar>(bytes_[o]));
        if (!saliency_.isEmpty()) tip += QLatin1Char('\n') + tr("Saliency %1").arg(saliency_[o], 0, 'f', 2);
        setToolTip(tip);
    } else
        setToolTip(QString());
}

void PayloadImageView::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return QWidget::mousePressEvent(e);
    const int o = offsetAt(e->position().toPoint());
    // Clicking the pinned byte again unpins it.
    const int pin = (o == selected_) ? -1 : o;
    setSelectedByte(pin);
    Q_EMIT byteSelected(pin);
}

void PayloadImageView::leaveEvent(QEvent*) {
    if (hovered_ < 0) return;
    hovered_ = -1;
    update();
    Q_EMIT byteHovered(-1);
}

}  // namespace flowcnn::widgets
