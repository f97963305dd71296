#pragma once
// Hex (or decimal) and ASCII dump of a payload image's bytes, 16 per row. Emits byteHovered and
// byteSelected like PayloadImageView; right-click offers "Copy bytes" (all bytes, in the current
// radix) and the hex/decimal switch.
#include <QAbstractScrollArea>
#include <QByteArray>
#include <QVector>

namespace flowcnn::widgets {

class HexView : public QAbstractScrollArea {
    Q_OBJECT
public:
    enum class Radix { Hex, Decimal };
    static constexpr int kBytesPerRow = 16;

    explicit HexView(QWidget* parent = nullptr);

    void setBytes(const QByteArray& bytes);
    const QByteArray& bytes() const { return bytes_; }
    void setRadix(Radix r);
    // Saliency per byte (explanations), values in [0,1]: each byte's cell gets a red background
    // whose opacity is its value. Bytes beyond the map get none; setBytes clears it.
    void setSaliency(const QVector<float>& map);
    const QVector<float>& saliency() const { return saliency_; }
    void setSaliencyVisible(bool on);
    bool saliencyVisible() const { return saliency_visible_; }
    // The background colour of a byte's cell from the saliency map (transparent without one).
    QColor saliencyColor(int offset) const;
    Radix radix() const { return radix_; }

    int highlightedByte() const { return hovered_; }
    int selectedByte() const { return selected_; }
    // Byte under a viewport position (in the number or the ASCII column), or -1; and a byte's
    // cell in the number column, in viewport coordinates.
    int offsetAt(const QPoint& viewportPos) const;
    QRect byteRect(int offset) const;
    // The text "Copy bytes" puts on the clipboard: every byte in the current radix, space-separated,
    // 16 per line ("Copy selected byte" copies just the pinned one).
    QString bytesText() const;
    // One dump line, as drawn: "0030  16 03 01 ...  ................".
    QString lineText(int row) const;

    QSize sizeHint() const override;

public Q_SLOTS:
    void setHighlightedByte(int offset);  // scrolls it into view; does not emit
    void setSelectedByte(int offset);
    void copyBytes();

Q_SIGNALS:
    void byteHovered(int offset);
    void byteSelected(int offset);
    void radixChanged(flowcnn::widgets::HexView::Radix radix);

protected:
    void paintEvent(QPaintEvent*) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void leaveEvent(QEvent*) override;
    bool viewportEvent(QEvent* e) override;
    void contextMenuEvent(QContextMenuEvent* e) override;
    void resizeEvent(QResizeEvent*) override;
    void changeEvent(QEvent* e) override;

private:
    int rows() const;
    int cellChars() const { return radix_ == Radix::Hex ? 2 : 3; }
    int numberX(int col) const;  // left edge of a byte's number cell
    int asciiX(int col) const;
    void updateScrollBars();
    void ensureVisible(int offset);

    QByteArray bytes_;
    Radix radix_ = Radix::Hex;
    int hovered_ = -1;
    int selected_ = -1;
    QVector<float> saliency_;
    bool saliency_visible_ = true;
    int charW_ = 8, lineH_ = 16;
};

}  // namespace flowcnn::widgets
