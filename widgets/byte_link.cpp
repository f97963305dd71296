#include "widgets/byte_link.h"

#include "widgets/hex_view.h"
#include "widgets/payload_image_view.h"

namespace flowcnn::widgets {

ByteLink::ByteLink(QObject* parent) : QObject(parent) {}

void ByteLink::addView(PayloadImageView* view) {
    images_ << view;
    connect(view, &PayloadImageView::byteHovered, this, [this, view](int o) { onHovered(view, o); });
    connect(view, &PayloadImageView::byteSelected, this, [this, view](int o) { onSelected(view, o); });
}

void ByteLink::addView(HexView* view) {
    hexes_ << view;
    connect(view, &HexView::byteHovered, this, [this, view](int o) { onHovered(view, o); });
    connect(view, &HexView::byteSelected, this, [this, view](int o) { onSelected(view, o); });
}

void ByteLink::setBytes(const QByteArray& bytes) {
    bytes_ = bytes;
    for (auto& v : images_)
        if (v) v->setBytes(bytes);
    for (auto& v : hexes_)
        if (v) v->setBytes(bytes);
    hovered_ = selected_ = -1;
    Q_EMIT hoveredByteChanged(-1);
    Q_EMIT selectedByteChanged(-1);
    Q_EMIT statusMessage(QString());
}

QString ByteLink::describe(int offset) const {
    if (offset < 0 || offset >= bytes_.size()) return {};
    const auto b = static_cast<uchar>(bytes_[offset]);
    return tr("Byte %1 (row %2, column %3): 0x%4 = %5")
        .arg(offset)
        .arg(offset / PayloadImageView::kSide)
        .arg(offset % PayloadImageView::kSide)
        .arg(b, 2, 16, QLatin1Char('0'))
        .arg(b);
}

void ByteLink::forEachView(QObject* except, int offset, bool selection) {
    for (auto& v : images_)
        if (v && v != except) selection ? v->setSelectedByte(offset) : v->setHighlightedByte(offset);
    for (auto& v : hexes_)
        if (v && v != except) selection ? v->setSelectedByte(offset) : v->setHighlightedByte(offset);
}

void ByteLink::onHovered(QObject* from, int offset) {
    hovered_ = offset;
    forEachView(from, offset, false);
    Q_EMIT hoveredByteChanged(offset);
    Q_EMIT statusMessage(describe(offset >= 0 ? offset : selected_));
}

void ByteLink::onSelected(QObject* from, int offset) {
    selected_ = offset;
    forEachView(from, offset, true);
    Q_EMIT selectedByteChanged(offset);
    Q_EMIT statusMessage(describe(hovered_ >= 0 ? hovered_ : offset));
}

}  // namespace flowcnn::widgets
