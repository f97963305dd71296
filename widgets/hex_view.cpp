#include "widgets/hex_view.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

namespace flowcnn::widgets {
namespace {
constexpr int kOffsetChars = 4;  // "0310"
constexpr int kMargin = 4;
}  // namespace

HexView::HexView(QWidget* parent) : QAbstractScrollArea(parent) {
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    viewport()->setMouseTracking(true);
    setAccessibleName(tr("Payload bytes"));
    setAccessibleDescription(tr("Hexadecimal and ASCII dump of the payload image's bytes"));
    changeEvent(nullptr);
}

void HexView::changeEvent(QEvent* e) {
    if (!e || e->type() == QEvent::FontChange) {
        const QFontMetrics fm(font());
        charW_ = std::max(1, fm.horizontalAdvance(QLatin1Char('0')));
        lineH_ = fm.height() + 2;
        updateScrollBars();
    }
    if (e && e->type() == QEvent::LanguageChange) {
        setAccessibleName(tr("Payload bytes"));
        setAccessibleDescription(tr("Hexadecimal and ASCII dump of the payload image's bytes"));
    }
    if (e) QAbstractScrollArea::changeEvent(e);
}

void HexView::setBytes(const QByteArray& bytes) {
    bytes_ = bytes;
    hovered_ = selected_ = -1;
    saliency_.clear();
    updateScrollBars();
    viewport()->update();
}

void HexView::setSaliency(const QVector<float>& map) {
    saliency_ = map;
    for (auto& v : saliency_) v = v > 0 ? std::min(v, 1.0f) : 0.0f;  // NaN and negatives: 0
    viewport()->update();
}

void HexView::setSaliencyVisible(bool on) {
    if (on == saliency_visible_) return;
    saliency_visible_ = on;
    viewport()->update();
}

QColor HexView::saliencyColor(int offset) const {
    if (!saliency_visible_ || offset < 0 || offset >= saliency_.size() || offset >= bytes_.size())
        return Qt::transparent;
    return QColor(230, 0, 0, static_cast<int>(saliency_[offset] * 170));
}

void HexView::setRadix(Radix r) {
    if (r == radix_) return;
    radix_ = r;
    updateScrollBars();
    viewport()->update();
    Q_EMIT radixChanged(r);
}

int HexView::rows() const { return static_cast<int>((bytes_.size() + kBytesPerRow - 1) / kBytesPerRow); }

// Layout in characters: offset, 2 spaces, 16 cells of (cellChars + 1), 1 space, 16 ASCII chars.
int HexView::numberX(int col) const {
    return kMargin + (kOffsetChars + 2 + col * (cellChars() + 1)) * charW_ - horizontalScrollBar()->value();
}
int HexView::asciiX(int col) const {
    return kMargin + (kOffsetChars + 2 + kBytesPerRow * (cellChars() + 1) + 1 + col) * charW_ -
           horizontalScrollBar()->value();
}

QSize HexView::sizeHint() const {
    const int w = 2 * kMargin + (kOffsetChars + 2 + kBytesPerRow * 4 + 1 + kBytesPerRow) * charW_ +
                  verticalScrollBar()->sizeHint().width() + 2 * frameWidth();
    return {w, 20 * lineH_};
}

void HexView::updateScrollBars() {
    const int contentW = 2 * kMargin + (kOffsetChars + 2 + kBytesPerRow * (cellChars() + 1) + 1 + kBytesPerRow) * charW_;
    horizontalScrollBar()->setRange(0, std::max(0, contentW - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
    const int visibleRows = std::max(1, viewport()->height() / lineH_);
    verticalScrollBar()->setRange(0, std::max(0, rows() - visibleRows));
    verticalScrollBar()->setPageStep(visibleRows);
}

void HexView::resizeEvent(QResizeEvent* e) {
    QAbstractScrollArea::resizeEvent(e);
    updateScrollBars();
}

QRect HexView::byteRect(int offset) const {
    if (offset < 0 || offset >= bytes_.size()) return {};
    const int row = offset / kBytesPerRow - verticalScrollBar()->value();
    return {numberX(offset % kBytesPerRow), kMargin + row * lineH_, cellChars() * charW_, lineH_};
}

int HexView::offsetAt(const QPoint& pos) const {
    const int row = (pos.y() - kMargin) / lineH_ + verticalScrollBar()->value();
    if (pos.y() < kMargin || row < 0 || row >= rows()) return -1;
    int col = -1;
    for (int c = 0; c < kBytesPerRow && col < 0; ++c) {
        // A number cell and the space after it belong to the byte, so the pointer never flickers.
        if (pos.x() >= numberX(c) && pos.x() < numberX(c) + (cellChars() + 1) * charW_) col = c;
        if (pos.x() >= asciiX(c) && pos.x() < asciiX(c) + charW_) col = c;
    }
    const int o = row * kBytesPerRow + col;
    return (col < 0 || o >= bytes_.size()) ? -1 : o;
}

QString HexView::lineText(int row) const {
    if (row < 0 || row >= rows()) return {};
    QString s = QStringLiteral("%1  ").arg(row * kBytesPerRow, kOffsetChars, radix_ == Radix::Hex ? 16 : 10,
                                           QLatin1Char('0'));
    QString ascii;
    for (int c = 0; c < kBytesPerRow; ++c) {
        const int o = row * kBytesPerRow + c;
        if (o < bytes_.size()) {
            const auto b = static_cast<uchar>(bytes_[o]);
            s += radix_ == Radix::Hex ? QStringLiteral("%1 ").arg(b, 2, 16, QLatin1Char('0'))
                                      : QStringLiteral("%1 ").arg(b, 3, 10, QLatin1Char(' '));
            ascii += (b >= 0x20 && b < 0x7f) ? QChar(b) : QChar(u'.');
        } else {
            s += QString(cellChars() + 1, u' ');
        }
    }
    return s + u' ' + ascii;
}

QString HexView::bytesText() const {
    QStringList lines;
    for (int r = 0; r < rows(); ++r) {
        QStringList cells;
        for (int c = 0; c < kBytesPerRow && r * kBytesPerRow + c < bytes_.size(); ++c) {
            const auto b = static_cast<uchar>(bytes_[r * kBytesPerRow + c]);
            cells << (radix_ == Radix::Hex ? QStringLiteral("%1").arg(b, 2, 16, QLatin1Char('0')) : QString::number(b));
        }
        lines << cells.join(u' ');
    }
    return lines.join(u'\n');
}

void HexView::copyBytes() { QApplication::clipboard()->setText(bytesText()); }

void HexView::ensureVisible(int offset) {
    if (offset < 0) return;
    const int row = offset / kBytesPerRow;
    auto* sb = verticalScrollBar();
    if (row < sb->value())
        sb->setValue(row);
    else if (row >= sb->value() + sb->pageStep())
        sb->setValue(row - sb->pageStep() + 1);
}

void HexView::setHighlightedByte(int offset) {
    offset = (offset >= 0 && offset < bytes_.size()) ? offset : -1;
    if (offset == hovered_) return;
    hovered_ = offset;
    ensureVisible(offset);
    viewport()->update();
}

void HexView::setSelectedByte(int offset) {
    offset = (offset >= 0 && offset < bytes_.size()) ? offset : -1;
    if (offset == selected_) return;
    selected_ = offset;
    ensureVisible(offset);
    viewport()->update();
}

void HexView::paintEvent(QPaintEvent*) {
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), palette().base());
    p.setFont(font());
    const QFontMetrics fm(font());
    const int first = verticalScrollBar()->value();
    const int last = std::min(rows(), first + viewport()->height() / lineH_ + 2);
    const QColor hoverColor(0, 170, 255, 90), pinColor(255, 140, 0, 110);
    auto mark = [&](int offset, const QColor& c) {
        if (offset < 0) return;
        const int row = offset / kBytesPerRow - first;
        const int col = offset % kBytesPerRow;
        const int y = kMargin + row * lineH_;
        p.fillRect(QRect(numberX(col) - charW_ / 2, y, (cellChars() + 1) * charW_, lineH_), c);
        p.fillRect(QRect(asciiX(col), y, charW_, lineH_), c);
    };
    if (saliency_visible_ && !saliency_.isEmpty()) {
        const int end = std::min<int>(std::min<int>(saliency_.size(), bytes_.size()), last * kBytesPerRow);
        for (int o = first * kBytesPerRow; o < end; ++o)
            if (saliency_[o] > 0.02f) mark(o, saliencyColor(o));
    }
    mark(selected_, pinColor);
    mark(hovered_, hoverColor);
    const QColor offsetColor = palette().color(QPalette::PlaceholderText);
    for (int r = first; r < last; ++r) {
        const int y = kMargin + (r - first) * lineH_ + fm.ascent() + 1;
        const QString line = lineText(r);
        p.setPen(offsetColor);
        p.drawText(kMargin - horizontalScrollBar()->value(), y, line.left(kOffsetChars));
        p.setPen(palette().color(QPalette::Text));
        p.drawText(numberX(0), y, line.mid(kOffsetChars + 2));
    }
    if (bytes_.isEmpty()) {
        p.setPen(offsetColor);
        p.drawText(viewport()->rect(), Qt::AlignCenter, tr("No payload"));
    }
}

void HexView::mouseMoveEvent(QMouseEvent* e) {
    const int o = offsetAt(e->position().toPoint());
    if (o != hovered_) {
        hovered_ = o;
        viewport()->update();
        Q_EMIT byteHovered(o);
    }
}

void HexView::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton) return QAbstractScrollArea::mousePressEvent(e);
    const int o = offsetAt(e->position().toPoint());
    const int pin = (o == selected_) ? -1 : o;
    selected_ = pin;
    viewport()->update();
    Q_EMIT byteSelected(pin);
}

void HexView::leaveEvent(QEvent* e) {
    QAbstractScrollArea::leaveEvent(e);
    if (hovered_ < 0) return;
    hovered_ = -1;
    viewport()->update();
    Q_EMIT byteHovered(-1);
}

bool HexView::viewportEvent(QEvent* e) {
    // QAbstractScrollArea forwards mouse events from the viewport, but not Leave.
    if (e->type() == QEvent::Leave) leaveEvent(e);
    return QAbstractScrollArea::viewportEvent(e);
}

void HexView::contextMenuEvent(QContextMenuEvent* e) {
    QMenu menu(this);
    QAction* copyAll = menu.addAction(tr("Copy bytes"));
    copyAll->setEnabled(!bytes_.isEmpty());
    connect(copyAll, &QAction::triggered, this, &HexView::copyBytes);
    const int o = offsetAt(viewport()->mapFrom(this, e->pos()));
    const int one = o >= 0 ? o : selected_;
    if (one >= 0) {
        QAction* copyOne = menu.addAction(tr("Copy byte %1").arg(one));
        connect(copyOne, &QAction::triggered, this, [this, one] {
            const auto b = static_cast<uchar>(bytes_[one]);
            QApplication::clipboard()->setText(radix_ == Radix::Hex ? QStringLiteral("%1").arg(b, 2, 16, QLatin1Char('0'))
                                                                    : QString::number(b));
        });
    }
    menu.addSeparator();
    QAction* hex = menu.addAction(tr("Hexadecimal"));
    QAction* dec = menu.addAction(tr("Decimal"));
    hex->setCheckable(true);
    dec->setCheckable(true);
    hex->setChecked(radix_ == Radix::Hex);
    dec->setChecked(radix_ == Radix::Decimal);
    connect(hex, &QAction::triggered, this, [this] { setRadix(Radix::Hex); });
    connect(dec, &QAction::triggered, this, [this] { setRadix(Radix::Decimal); });
    menu.exec(e->globalPos());
}

}  // namespace flowcnn::widgets
