#pragma once
// Links byte views (image, hex dump, ...): each view emits only byteHovered(int) / byteSelected(int);
// the link forwards them to every other view's setHighlightedByte / setSelectedByte and maps an
// offset to its meaning for a status line (row/column in the 28x28 image, value).
#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>

namespace flowcnn::widgets {

class HexView;
class PayloadImageView;

class ByteLink : public QObject {
    Q_OBJECT
public:
    explicit ByteLink(QObject* parent = nullptr);

    void addView(PayloadImageView* view);
    void addView(HexView* view);
    // Sets the same bytes on every linked view and clears hover and pin.
    void setBytes(const QByteArray& bytes);

    int hoveredByte() const { return hovered_; }
    int selectedByte() const { return selected_; }
    // "Byte 123 (row 4, column 11): 0x16 = 22" (translated); empty for -1.
    QString describe(int offset) const;

Q_SIGNALS:
    void hoveredByteChanged(int offset);
    void selectedByteChanged(int offset);
    void statusMessage(const QString& text);  // describe() of the hovered, else pinned byte

private:
    void onHovered(QObject* from, int offset);
    void onSelected(QObject* from, int offset);
    void forEachView(QObject* except, int offset, bool selection);

    QList<QPointer<PayloadImageView>> images_;
    QList<QPointer<HexView>> hexes_;
    QByteArray bytes_;
    int hovered_ = -1;
    int selected_ = -1;
};

}  // namespace flowcnn::widgets
