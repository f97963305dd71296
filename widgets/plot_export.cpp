#include "widgets/plot_export.h"

#include <qcustomplot.h>

namespace flowcnn::widgets {

bool exportPlot(QCustomPlot* plot, const QString& path) {
    if (!plot || path.isEmpty()) return false;
    if (path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive)) return plot->savePdf(path);
    return plot->savePng(path, 0, 0, 2.0);  // twice the on-screen resolution
}

}  // namespace flowcnn::widgets
