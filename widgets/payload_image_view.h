#pragma once
// A flow's 28x28 payload image, enlarged without smoothing (one square per byte). Hovering a pixel
// emits byteHovered(offset) and -1 on leave; a click pins it (byteSelected). The hovered and the
// pinned byte are drawn as outlines; setHighlightedByte/setSelectedByte set them from outside.
#include <QByteArray>
#include <QImage>
#include <QVector>
#include <QWidget>

#include <array>
#include <cstdint>

namespace flowcnn::widgets {

class PayloadImageView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSide = 28;
    static constexpr int kBytes = kSide * kSide;

    explicit PayloadImageView(QWidget* parent = nullptr);

    // 784 bytes (shorter input is zero-filled, longer is cut). An empty array clears the view.
    void setBytes(const QByteArray& bytes);
    void setImage(const std::array<std::uint8_t, 784>& image);
    const QByteArray& bytes() const { return bytes_; }
    // The 28x28 grayscale image at its own size.
    QImage image() const { return image_; }

    int highlightedByte() const { return hovered_; }
    int selectedByte() const { return selected_; }
    // Byte under a widget position, or -1; and the square of a byte in widget coordinates.
    int offsetAt(const QPoint& pos) const;
    QRect pixelRect(int offset) const;

    // Saliency overlay (which bytes a model's prediction rests on): 784 values in [0,1], drawn as a
    // red tint whose opacity is the value. Any other size clears it; setBytes clears it too (a map
    // belongs to one flow's image).
    void setSaliency(const QVector<float>& map);
    const QVector<float>& saliency() const { return saliency_; }
    void setSaliencyVisible(bool on);
    bool saliencyVisible() const { return saliency_visible_; }
    // The image with the overlay as drawn, at 28x28 (the plain image without a visible map).
    QImage renderedImage() const;

    // Saves the image as PNG, enlarged `scale` times without smoothing (1: 28x28).
    bool savePng(const QString& path, int scale = 1) const;

    QSize sizeHint() const override { return {28 * 10, 28 * 10}; }
    QSize minimumSizeHint() const override { return {28 * 2, 28 * 2}; }

public Q_SLOTS:
    void setHighlightedByte(int offset);  // -1 clears; does not emit
    void setSelectedByte(int offset);     // -1 clears; does not emit

Q_SIGNALS:
    void byteHovered(int offset);
    void byteSelected(int offset);

protected:
    void paintEvent(QPaintEvent*) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void leaveEvent(QEvent*) override;

private:
    QRect imageRect() const;

    QByteArray bytes_;
    QImage image_;
    int hovered_ = -1;
    int selected_ = -1;
    QVector<float> saliency_;
    bool saliency_visible_ = true;
};

}  // namespace flowcnn::widgets
