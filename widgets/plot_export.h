#pragma once
// Saving a QCustomPlot as PNG (2x for sharp slides) or PDF (vector; needs Qt PrintSupport).
#include <QString>

class QCustomPlot;

namespace flowcnn::widgets {

// The format follows the suffix: .pdf -> PDF, anything else -> PNG. Returns false on failure.
bool exportPlot(QCustomPlot* plot, const QString& path);

}  // namespace flowcnn::widgets
