#pragma once
// The "Grid Search" dock: the chosen search's leaderboard (sortable trials) and its best-so-far
// curve. Clicking a trial's dot or double-clicking its row asks for that run.
#include <QDockWidget>
#include <QString>

class QComboBox;
class QTableView;

namespace flowcnn::store {
class Project;
}
namespace flowcnn::widgets {
class BestSoFarPlot;
class LeaderboardModel;
}  // namespace flowcnn::widgets

namespace flowcnn::gui {

class SearchDock : public QDockWidget {
    Q_OBJECT
public:
    explicit SearchDock(QWidget* parent = nullptr);

    // Opens the leaderboard on the project at `path`; nullptr closes it and empties the choice.
    void setProject(store::Project* project, const QString& path = {});
    // Lists the project's searches, keeping the chosen one.
    void reload();
    void selectSearch(qint64 searchId);
    // Re-reads the leaderboard when a search is shown.
    void refreshLeaderboard();
    // A trial of a running search started: list the search if it is new, show the trial.
    void trialStarted();
    void retranslate();

    widgets::LeaderboardModel* leaderboard() const { return model_; }
    QTableView* view() const { return view_; }
    widgets::BestSoFarPlot* bestPlot() const { return best_plot_; }

Q_SIGNALS:
    void runRequested(qint64 runId);

private:
    void onSearchChosen();

    store::Project* project_ = nullptr;
    QComboBox* choice_ = nullptr;
    widgets::LeaderboardModel* model_ = nullptr;
    QTableView* view_ = nullptr;
    widgets::BestSoFarPlot* best_plot_ = nullptr;
};

}  // namespace flowcnn::gui
