#include "app/gui/search_dock.h"

#include <QComboBox>
#include <QHeaderView>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "app/gui/project_queries.h"
#include "engine/store/project.h"
#include "widgets/best_so_far_plot.h"
#include "widgets/export_menus.h"
#include "widgets/leaderboard_model.h"

namespace flowcnn::gui {

SearchDock::SearchDock(QWidget* parent) : QDockWidget(parent) {
    setObjectName(QStringLiteral("searchDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(2, 2, 2, 2);
    choice_ = new QComboBox(body);
    choice_->setObjectName(QStringLiteral("searchChoice"));
    layout->addWidget(choice_);
    auto* split = new QSplitter(Qt::Horizontal, body);
    split->setObjectName(QStringLiteral("searchSplitter"));
    model_ = new widgets::LeaderboardModel(this);
    view_ = new QTableView(split);
    view_->setObjectName(QStringLiteral("leaderboard"));
    view_->setModel(model_);
    view_->setSortingEnabled(true);
    // Best first, as the paper's Table 4 (a header's default order is descending).
    view_->sortByColumn(widgets::LeaderboardModel::RankColumn, Qt::AscendingOrder);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);
    best_plot_ = new widgets::BestSoFarPlot(split);
    best_plot_->setObjectName(QStringLiteral("bestSoFarPlot"));
    best_plot_->setLeaderboard(model_);
    split->setSizes({650, 450});  // room for the best-so-far chart's axis and legend
    layout->addWidget(split, 1);
    setWidget(body);
    connect(choice_, &QComboBox::currentIndexChanged, this, &SearchDock::onSearchChosen);
    connect(best_plot_, &widgets::BestSoFarPlot::trialClicked, this, &SearchDock::runRequested);
    connect(view_, &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
        if (const qint64 id = model_->runId(i.row())) Q_EMIT runRequested(id);
    });
    widgets::installTableMenu(view_, QStringLiteral("leaderboard"));
    widgets::installPlotMenu(best_plot_->customPlot(), QStringLiteral("best-so-far"));
}

void SearchDock::setProject(store::Project* project, const QString& path) {
    project_ = project;
    if (project_) {
        QString error;
        model_->openProject(path, &error);
    } else {
        model_->closeProject();
        choice_->clear();
    }
}

void SearchDock::retranslate() {
    setWindowTitle(tr("Grid Search"));
    view_->setAccessibleName(tr("Grid search leaderboard"));
    best_plot_->setAccessibleName(tr("Best accuracy so far"));
    choice_->setAccessibleName(tr("Grid search"));
    best_plot_->setMetricName(tr("Accuracy"));
}

void SearchDock::reload() {
    if (!project_) return;
    const qint64 current = choice_->currentData().toLongLong();
    const QSignalBlocker block(choice_);
    choice_->clear();
    for (const auto& s : listSearches(project_->db()))
        choice_->addItem(tr("Search %1: %2 · %3 · %4 · %n trial(s)", nullptr, s.trials)
                             .arg(s.id).arg(s.name, s.mode, s.status),
                         s.id);
    int i = choice_->findData(current);
    if (i < 0) i = 0;
    choice_->setCurrentIndex(i);
    onSearchChosen();
}

void SearchDock::selectSearch(qint64 searchId) {
    const int i = choice_->findData(searchId);
    if (i >= 0) choice_->setCurrentIndex(i);
}

void SearchDock::refreshLeaderboard() {
    if (model_->searchId() != 0) model_->refresh();
}

void SearchDock::trialStarted() {
    if (model_->searchId() == 0) reload();
    model_->refresh();
}

void SearchDock::onSearchChosen() {
    const qint64 id = choice_->currentData().toLongLong();
    if (id && model_->searchId() != id) model_->setSearch(id);
    for (const auto& s : project_ ? listSearches(project_->db()) : QVector<SearchRow>{})
        if (s.id == id) {
            const bool val = s.selection != QStringLiteral("train");
            model_->setRankOnValidation(val);
            best_plot_->setMetricName(val ? tr("Validation accuracy") : tr("Training accuracy"));
        }
}

}  // namespace flowcnn::gui
