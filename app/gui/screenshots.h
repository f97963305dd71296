#pragma once
// The workbench's --screenshot mode (scripts/screenshots.sh): drives a MainWindow from outside,
// through its public interface, and saves PNGs of its main views and forms.
#include <QString>

namespace flowcnn::gui {

class MainWindow;

// Saves flows.png, training.png, confusion.png, leaderboard.png, classification.png,
// baselines.png, baselines-cv.png, saliency.png (when a run can be explained), split-dialog.png
// and, with the model engine, train-dialog{,-knn,-trees}.png into `dir`. The baseline and
// saliency jobs are started and waited for. False when a PNG could not be written.
bool saveScreenshots(MainWindow& window, const QString& dir);

}  // namespace flowcnn::gui
