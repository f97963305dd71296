#pragma once
// The "Datasets" dock: the project's dataset splits, the selected one's stored audit, and sample
// payload images per class (clicking one asks for its flow).
#include <QDockWidget>
#include <QString>

class QTableWidget;
class QTextBrowser;

namespace flowcnn::store {
class Project;
}
namespace flowcnn::widgets {
class ImageGallery;
}

namespace flowcnn::gui {

class DatasetsDock : public QDockWidget {
    Q_OBJECT
public:
    explicit DatasetsDock(QWidget* parent = nullptr);

    void setProject(store::Project* project);
    // Lists the datasets (selecting the first when none is) and samples the gallery.
    void reload();
    // Shows a new split's audit text and selects its row.
    void showNewDataset(qint64 datasetId, const QString& auditText);
    void clear();
    void retranslate();

    QTableWidget* table() const { return table_; }
    widgets::ImageGallery* gallery() const { return gallery_; }

Q_SIGNALS:
    // An image of the gallery was clicked.
    void flowActivated(qint64 flowId);

private:
    void showAudit();

    store::Project* project_ = nullptr;
    QTableWidget* table_ = nullptr;
    QTextBrowser* audit_ = nullptr;
    widgets::ImageGallery* gallery_ = nullptr;
};

}  // namespace flowcnn::gui
