// PayloadImageView and HexView linked by ByteLink: hover and pin travel both ways through the
// byteHovered/byteSelected signals; leave clears; hex/decimal; copy; PNG; the class gallery.
#include <QApplication>
#include <QClipboard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <limits>

#include "tests/widgets/test_project.h"
#include "widgets/byte_link.h"
#include "widgets/hex_view.h"
#include "widgets/image_gallery.h"
#include "widgets/payload_image_view.h"

using namespace flowcnn;
using namespace flowcnn::widgets;

namespace {
QByteArray ramp() {
    QByteArray b(784, '\0');
    for (int i = 0; i < b.size(); ++i) b[i] = static_cast<char>(i % 256);
    return b;
}
void move(QWidget* w, const QPoint& pos) {
    QMouseEvent e(QEvent::MouseMove, pos, w->mapToGlobal(pos), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}
void click(QWidget* w, const QPoint& pos) {
    QMouseEvent press(QEvent::MouseButtonPress, pos, w->mapToGlobal(pos), Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w, &press);
    QMouseEvent release(QEvent::MouseButtonRelease, pos, w->mapToGlobal(pos), Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(w, &release);
}
// With FLOWCNN_SHOTS_DIR set, widgets are saved there as PNGs for a look.
void shot(QWidget* w, const char* name) {
    const QString dir = qEnvironmentVariable("FLOWCNN_SHOTS_DIR");
    if (!dir.isEmpty()) w->grab().save(dir + u'/' + QLatin1String(name) + QStringLiteral(".png"));
}
void leave(QWidget* w) {
    QEvent e(QEvent::Leave);
    QApplication::sendEvent(w, &e);
}
}  // namespace

class ByteViewsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void imageShowsBytesWithoutSmoothing() {
        PayloadImageView view;
        view.resize(280, 280);
        view.setBytes(ramp());
        QCOMPARE(view.image().size(), QSize(28, 28));
        QCOMPARE(qGray(view.image().pixel(3, 1)), 31);  // byte 31
        QCOMPARE(view.offsetAt(view.pixelRect(100).center()), 100);
        QCOMPARE(view.pixelRect(0).size(), QSize(10, 10));
        // Drawn enlarged with whole squares: every pixel of a square has the byte's value.
        const QImage shot = view.grab().toImage();
        const QRect r = view.pixelRect(57);
        QCOMPARE(qGray(shot.pixel(r.topLeft() + QPoint(3, 3))), 57);
        QCOMPARE(qGray(shot.pixel(r.bottomRight() - QPoint(3, 3))), 57);
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("img.png"));
        QVERIFY(view.savePng(png, 4));
        const QImage saved(png);
        QCOMPARE(saved.size(), QSize(112, 112));
        QCOMPARE(qGray(saved.pixel(4 * 3 + 1, 4 * 1 + 2)), 31);
        // Short input is zero-filled.
        view.setBytes(QByteArray("\x10\x20", 2));
        QCOMPARE(view.bytes().size(), 784);
        QCOMPARE(qGray(view.image().pixel(1, 0)), 0x20);
        QCOMPARE(qGray(view.image().pixel(5, 5)), 0);
    }

    void hoverAndPinAreLinked() {
        PayloadImageView image;
        HexView hex;
        image.resize(280, 280);
        hex.resize(hex.sizeHint());
        ByteLink link;
        link.addView(&image);
        link.addView(&hex);
        link.setBytes(ramp());
        image.show();
        hex.show();
        QVERIFY(QTest::qWaitForWindowExposed(&hex));
        QSignalSpy hovered(&image, &PayloadImageView::byteHovered);
        QSignalSpy status(&link, &ByteLink::statusMessage);

        move(&image, image.pixelRect(100).center());
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(hovered.at(0).at(0).toInt(), 100);
        QCOMPARE(image.highlightedByte(), 100);
        QCOMPARE(hex.highlightedByte(), 100);
        QCOMPARE(link.hoveredByte(), 100);
        QCOMPARE(status.last().at(0).toString(), QStringLiteral("Byte 100 (row 3, column 16): 0x64 = 100"));
        image.setSelectedByte(300);
        hex.setSelectedByte(300);
        shot(&image, "payload_image");
        shot(&hex, "hex_view");
        image.setSelectedByte(-1);
        hex.setSelectedByte(-1);

        leave(&image);
        QCOMPARE(hovered.last().at(0).toInt(), -1);
        QCOMPARE(hex.highlightedByte(), -1);

        // Back the other way: the hex dump's viewport drives the image.
        QSignalSpy hexHovered(&hex, &HexView::byteHovered);
        move(hex.viewport(), hex.byteRect(37).center());
        QCOMPARE(hexHovered.last().at(0).toInt(), 37);
        QCOMPARE(image.highlightedByte(), 37);
        // The ASCII column maps to the same byte.
        leave(hex.viewport());
        QCOMPARE(image.highlightedByte(), -1);

        QSignalSpy pinned(&hex, &HexView::byteSelected);
        click(hex.viewport(), hex.byteRect(5).center());
        QCOMPARE(pinned.last().at(0).toInt(), 5);
        QCOMPARE(image.selectedByte(), 5);
        click(&image, image.pixelRect(200).center());
        QCOMPARE(hex.selectedByte(), 200);
        click(&image, image.pixelRect(200).center());  // again: unpin
        QCOMPARE(hex.selectedByte(), -1);
        QCOMPARE(link.selectedByte(), -1);

        // Outside the image: nothing.
        image.resize(400, 280);
        QCOMPARE(image.offsetAt(QPoint(2, 2)), -1);
    }

    void saliencyOverlaysImageAndHex() {
        PayloadImageView view;
        view.resize(280, 280);
        view.setBytes(QByteArray(784, '\x40'));
        QVector<float> map(784, 0.0f);
        map[5] = 1.0f;
        map[6] = 0.5f;
        map[7] = std::numeric_limits<float>::quiet_NaN();  // bad values read as 0
        view.setSaliency(map);
        QCOMPARE(view.saliency().size(), 784);
        QCOMPARE(view.saliency()[7], 0.0f);
        // Saliency 1: pure red; 0.5: halfway from gray 64 to red; 0: the byte's gray.
        const QImage im = view.renderedImage();
        QCOMPARE(im.pixel(5, 0), qRgb(255, 0, 0));
        QCOMPARE(qRed(im.pixel(6, 0)), 64 + 191 / 2);
        QCOMPARE(qGreen(im.pixel(6, 0)), 32);
        QCOMPARE(im.pixel(8, 0), qRgb(64, 64, 64));
        const QImage drawn = view.grab().toImage();
        QCOMPARE(drawn.pixel(view.pixelRect(5).center()), qRgb(255, 0, 0));
        shot(&view, "saliency_image");
        // The toggle hides the overlay without forgetting it; a wrong size or new bytes clear it.
        view.setSaliencyVisible(false);
        QCOMPARE(view.renderedImage().pixel(5, 0), qRgb(64, 64, 64));
        QCOMPARE(view.grab().toImage().pixel(view.pixelRect(5).center()), qRgb(64, 64, 64));
        view.setSaliencyVisible(true);
        QCOMPARE(view.renderedImage().pixel(5, 0), qRgb(255, 0, 0));
        view.setSaliency(QVector<float>(10, 1.0f));
        QVERIFY(view.saliency().isEmpty());
        view.setSaliency(map);
        view.setBytes(ramp());
        QVERIFY(view.saliency().isEmpty());

        HexView hex;
        hex.resize(600, 300);
        hex.setBytes(QByteArray(784, '\x40'));
        hex.setSaliency(map);
        QCOMPARE(hex.saliencyColor(5).alpha(), 170);
        QCOMPARE(hex.saliencyColor(8).alpha(), 0);
        QCOMPARE(hex.saliencyColor(9999), QColor(Qt::transparent));
        // The cell of byte 5 is tinted red where the text is not drawn (its left edge).
        const QImage h = hex.viewport()->grab().toImage();
        const QRect cell = hex.byteRect(5);
        const QRgb left = h.pixel(cell.left() - 2, cell.center().y());
        QVERIFY2(qRed(left) > qGreen(left) + 60, qPrintable(QColor(left).name()));
        const QRgb plain = h.pixel(hex.byteRect(9).left() - 2, hex.byteRect(9).center().y());
        QVERIFY(qAbs(qRed(plain) - qGreen(plain)) < 10);
        shot(&hex, "saliency_hex");
        hex.setSaliencyVisible(false);
        QCOMPARE(hex.saliencyColor(5), QColor(Qt::transparent));
        hex.setBytes(ramp());
        QVERIFY(hex.saliency().isEmpty());
    }

    void hexTextRadixAndCopy() {
        HexView hex;
        hex.setBytes(ramp());
        QCOMPARE(hex.lineText(2), QStringLiteral("0020  20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f   !\"#$%&'()*+,-./"));
        QSignalSpy radix(&hex, &HexView::radixChanged);
        hex.setRadix(HexView::Radix::Decimal);
        QCOMPARE(radix.count(), 1);
        QVERIFY(hex.lineText(1).startsWith(QStringLiteral("0016   16  17  18")));
        QVERIFY(hex.bytesText().startsWith(QStringLiteral("0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n16 17")));
        hex.setRadix(HexView::Radix::Hex);
        hex.copyBytes();
        const QString copied = QApplication::clipboard()->text();
        QCOMPARE(copied.split(u'\n').size(), 49);
        QVERIFY(copied.startsWith(QStringLiteral("00 01 02 03")));
        QCOMPARE(copied.split(u'\n').last(), QStringLiteral("00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f"));
        // Scrolled: a highlighted byte far down is brought into view.
        hex.resize(hex.sizeHint().width(), 120);
        hex.show();
        QVERIFY(QTest::qWaitForWindowExposed(&hex));
        hex.setHighlightedByte(780);
        QVERIFY(hex.viewport()->rect().contains(hex.byteRect(780).center()));
        QCOMPARE(hex.offsetAt(hex.byteRect(780).center()), 780);
    }

    void galleryFromProject() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("g.flowcnn"));
        auto db = testing::createProject(path);
        const qint64 cap = testing::addCapture(*db, "a.pcap", "zero");
        for (int i = 0; i < 12; ++i) {
            testing::TestFlow f;
            f.label = i % 3 == 0 ? "Skype" : "Gmail";
            f.head = QByteArray(3, static_cast<char>(i + 1));
            testing::addFlow(*db, cap, i, f);
        }
        const auto classes = ImageGallery::sampleFromProject(*db, 3);
        QCOMPARE(classes.size(), 2);
        QCOMPARE(classes[0].name, QStringLiteral("Gmail"));
        QCOMPARE(classes[0].images.size(), 3);
        QCOMPARE(classes[1].images.size(), 3);
        QCOMPARE(classes[1].images[0].size(), 784);
        QCOMPARE(classes[1].images[0][2], char(1));
        QCOMPARE(classes[1].images[0][3], char(0));  // zero fill
        ImageGallery gallery;
        QSignalSpy clicked(&gallery, &ImageGallery::imageClicked);
        gallery.setClasses(classes);
        gallery.resize(500, 300);
        gallery.show();
        QVERIFY(QTest::qWaitForWindowExposed(&gallery));
        const QImage grid = gallery.renderGrid();
        QVERIFY(grid.width() > 3 * 56 && grid.height() >= 2 * 56);
        shot(&gallery, "image_gallery");
        QWidget* inner = gallery.widget();
        // Second class, second image.
        const int x = inner->width() - 56 / 2 - 4 - (56 + 4);
        const int y = 4 + (56 + 4) + 56 / 2;
        click(inner, QPoint(x, y));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toInt(), 1);
        QCOMPARE(clicked.at(0).at(1).toInt(), 1);
        QCOMPARE(clicked.at(0).at(2).toLongLong(), classes[1].flowIds[1]);
    }
};

QTEST_MAIN(ByteViewsTest)
#include "byte_views_test.moc"
