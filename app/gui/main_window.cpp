#include "app/gui/main_window.h"

#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

#include "app/gui/baselines_dock.h"
#include "app/gui/classification_dock.h"
#include "app/gui/datasets_dock.h"
#include "app/gui/drop_policy.h"
#include "app/gui/evaluation_dock.h"
#include "app/gui/explain_bar.h"
#include "app/gui/language.h"
#include "app/gui/progress_frame.h"
#include "app/gui/recent_files.h"
#include "app/gui/search_dock.h"
#include "app/gui/training_dock.h"
#include "app/jobs/baseline_job.h"
#include "engine/store/project.h"
#include "widgets/byte_link.h"
#include "widgets/export_menus.h"
#include "widgets/flow_filter_bar.h"
#include "widgets/flow_table_model.h"
#include "widgets/hex_view.h"
#include "widgets/payload_image_view.h"
#include "widgets/training_plot.h"

// The window's frame: layout, settings, projects and flows. Menus, actions and drops are in
// main_window_actions.cpp; starting jobs and what each does when it ends in main_window_jobs.cpp.
namespace flowcnn::gui {
namespace {
constexpr const char* kProjectSuffix = "flowcnn";
}

MainWindow::MainWindow(Language* language, QWidget* parent) : QMainWindow(parent), language_(language) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/flowcnn-128.png")));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    runner_ = new jobs::JobRunner(this);
    recent_ = new RecentFiles(QStringLiteral("recentFiles"), 12, this);
    createCentral();
    createDocks();
    createActions();
    createMenus();
    installExportMenus();

    counts_label_ = new QLabel(this);
    counts_label_->setObjectName(QStringLiteral("countsLabel"));
    progress_ = new ProgressFrame(this);
    statusBar()->addPermanentWidget(progress_);
    statusBar()->addPermanentWidget(counts_label_);
    connect(progress_, &ProgressFrame::stopRequested, runner_, &jobs::JobRunner::cancel);
    connect(runner_, &jobs::JobRunner::started, this, &MainWindow::onJobStarted);
    connect(runner_, &jobs::JobRunner::progress, progress_, &ProgressFrame::update);
    connect(runner_, &jobs::JobRunner::finished, this, &MainWindow::onJobFinished);
    connect(runner_, &jobs::JobRunner::busyChanged, this, &MainWindow::updateActions);
    connect(recent_, &RecentFiles::openRequested, this, [this](const QString& p) { openPath(p); });
    // A slow sort or filter of the flow table shows in the progress frame (when no job holds it),
    // and its stop button cancels the query; the table keeps its rows and selection (GUI.md 2).
    connect(flow_model_, &widgets::FlowTableModel::busyChanged, this, [this](bool busy) {
        if (runner_->busy()) return;
        if (busy && !query_progress_) {
            query_progress_ = true;
            progress_->begin(tr("Sorting and filtering flows"), true);
        } else if (!busy && query_progress_) {
            query_progress_ = false;
            progress_->end();
        }
    });
    connect(progress_, &ProgressFrame::stopRequested, this, [this] {
        if (query_progress_) flow_model_->cancelQuery();
    });
    // While a job writes the project, the table and docks catch up once a second.
    refresh_timer_.setInterval(1000);
    connect(&refresh_timer_, &QTimer::timeout, this, [this] {
        if (flow_model_->hasProject() && !flow_model_->isBusy()) flow_model_->refresh();
        search_dock_->refreshLeaderboard();
    });
    if (language_)
        connect(language_, &Language::languageChanged, this, [this](const QString&) { updateActions(); });

    retranslateUi();
    readSettings();
    updateActions();
    updateCounts();
    updateTitle();
    setProjectViewsEnabled(false);
}

MainWindow::~MainWindow() {
    runner_->cancel();
    runner_->wait(30000);
}

widgets::TrainingPlot* MainWindow::trainingPlot() const { return training_dock_->plot(); }
QTableWidget* MainWindow::runsTable() const { return training_dock_->table(); }
QTableWidget* MainWindow::classificationTable() const { return classification_dock_->table(); }
widgets::ConfusionMatrixWidget* MainWindow::confusionWidget() const { return evaluation_dock_->confusion(); }
widgets::PerClassMetricsModel* MainWindow::perClassModel() const { return evaluation_dock_->perClassModel(); }
widgets::LeaderboardModel* MainWindow::leaderboardModel() const { return search_dock_->leaderboard(); }

// --------------------------------------------------------------------------------------------
// Layout

void MainWindow::createCentral() {
    main_split_ = new QSplitter(Qt::Vertical, this);
    main_split_->setObjectName(QStringLiteral("mainSplitter"));
    auto* top = new QWidget(main_split_);
    auto* tl = new QVBoxLayout(top);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->setSpacing(2);
    filter_bar_ = new widgets::FlowFilterBar(top);
    filter_bar_->setObjectName(QStringLiteral("filterBar"));
    tl->addWidget(filter_bar_);
    flow_model_ = new widgets::FlowTableModel(this);
    flow_view_ = new QTableView(top);
    flow_view_->setObjectName(QStringLiteral("flowTable"));
    flow_view_->setModel(flow_model_);
    flow_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    flow_view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    flow_view_->setSortingEnabled(true);
    flow_view_->sortByColumn(widgets::FlowTableModel::IdColumn, Qt::AscendingOrder);
    flow_view_->verticalHeader()->hide();
    flow_view_->verticalHeader()->setDefaultSectionSize(flow_view_->fontMetrics().height() + 6);
    flow_view_->horizontalHeader()->setStretchLastSection(true);
    flow_view_->installEventFilter(this);  // Ctrl+End: see eventFilter
    flow_view_->horizontalHeader()->setSectionsMovable(true);
    flow_view_->setAlternatingRowColors(true);
    flow_view_->setWordWrap(false);
    tl->addWidget(flow_view_);
    connect(filter_bar_, &widgets::FlowFilterBar::filterApplied, flow_model_,
            &widgets::FlowTableModel::setFilter);
    connect(flow_model_, &widgets::FlowTableModel::countsChanged, this, &MainWindow::updateCounts);
    connect(flow_model_, &widgets::FlowTableModel::errorOccurred, this,
            [this](const QString& m) { showStatus(m); });
    connect(flow_view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onFlowSelected);

    detail_split_ = new QSplitter(Qt::Horizontal, main_split_);
    detail_split_->setObjectName(QStringLiteral("detailSplitter"));
    auto* image_box = new QWidget(detail_split_);
    auto* il = new QVBoxLayout(image_box);
    il->setContentsMargins(0, 0, 0, 0);
    image_view_ = new widgets::PayloadImageView(image_box);
    image_view_->setObjectName(QStringLiteral("payloadImage"));
    flow_info_ = new QLabel(image_box);
    flow_info_->setWordWrap(true);
    flow_info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    il->addWidget(image_view_, 1);
    explain_bar_ = new ExplainBar(image_box);
    il->addWidget(explain_bar_);
    il->addWidget(flow_info_);
    hex_view_ = new widgets::HexView(detail_split_);
    hex_view_->setObjectName(QStringLiteral("hexView"));
    byte_link_ = new widgets::ByteLink(this);
    byte_link_->addView(image_view_);
    byte_link_->addView(hex_view_);
    connect(byte_link_, &widgets::ByteLink::statusMessage, this, [this](const QString& m) {
        if (m.isEmpty()) statusBar()->clearMessage();
        else statusBar()->showMessage(m);
    });
    detail_split_->setStretchFactor(0, 1);
    detail_split_->setStretchFactor(1, 2);
    main_split_->setStretchFactor(0, 3);
    main_split_->setStretchFactor(1, 2);
    setCentralWidget(main_split_);
}

void MainWindow::createDocks() {
    training_dock_ = new TrainingDock(this);
    search_dock_ = new SearchDock(this);
    evaluation_dock_ = new EvaluationDock(this);
    classification_dock_ = new ClassificationDock(this);
    datasets_dock_ = new DatasetsDock(this);
    baselines_dock_ = new BaselinesDock(this);  // honest accuracy, next to the datasets it measures
    QDockWidget* previous = nullptr;
    for (QDockWidget* d : docks()) {
        addDockWidget(Qt::BottomDockWidgetArea, d);
        if (previous) tabifyDockWidget(previous, d);
        previous = d;
    }
    training_dock_->raise();

    auto status = [this](const QString& m) { showStatus(m); };
    connect(training_dock_, &TrainingDock::statusMessage, this, status);
    connect(evaluation_dock_, &EvaluationDock::statusMessage, this, status);
    connect(classification_dock_, &ClassificationDock::statusMessage, this, status);
    connect(training_dock_, &TrainingDock::runSelected, this, [this](qint64 id) {
        if (id != evaluation_dock_->run()) evaluation_dock_->setRun(id);
    });
    connect(search_dock_, &SearchDock::runRequested, this, &MainWindow::showRun);
    connect(evaluation_dock_, &EvaluationDock::flowActivated, this, [this](qint64 id) {
        filter_bar_->clearFilter();
        if (!selectFlow(id)) showStatus(tr("Flow %1 is not in the table").arg(id));
    });
    connect(datasets_dock_, &DatasetsDock::flowActivated, this, [this](qint64 id) {
        if (!selectFlow(id)) {
            filter_bar_->clearFilter();
            selectFlow(id);
        }
    });
    connect(baselines_dock_, &BaselinesDock::runRequested, this, &MainWindow::startBaselines);
    connect(explain_bar_, &ExplainBar::toggled, this, [this](bool on) {
        image_view_->setSaliencyVisible(on);
        hex_view_->setSaliencyVisible(on);
        if (on) requestExplanation();
    });
    connect(explain_bar_, &ExplainBar::settingsChanged, this, [this] {
        if (explain_bar_->active()) requestExplanation();
    });
}

QList<QDockWidget*> MainWindow::docks() const {
    return {training_dock_, search_dock_, evaluation_dock_, classification_dock_, datasets_dock_, baselines_dock_};
}

// --------------------------------------------------------------------------------------------
// Settings

void MainWindow::readSettings() {
    QSettings s;
    s.beginGroup(QStringLiteral("mainWindow"));
    if (!restoreGeometry(s.value(QStringLiteral("geometry")).toByteArray())) {
        const QRect avail = QGuiApplication::primaryScreen() ? QGuiApplication::primaryScreen()->availableGeometry()
                                                              : QRect(0, 0, 1280, 800);
        resize(avail.size() * 0.8);
    }
    // Keep the window on a screen that still exists.
    if (!QGuiApplication::screenAt(geometry().center()) && QGuiApplication::primaryScreen())
        move(QGuiApplication::primaryScreen()->availableGeometry().topLeft());
    if (!restoreState(s.value(QStringLiteral("state")).toByteArray()))
        resizeDocks({training_dock_}, {height() * 2 / 5}, Qt::Vertical);  // the flow table keeps most
    main_split_->restoreState(s.value(QStringLiteral("mainSplitter")).toByteArray());
    detail_split_->restoreState(s.value(QStringLiteral("detailSplitter")).toByteArray());
    flow_view_->horizontalHeader()->restoreState(s.value(QStringLiteral("flowColumns")).toByteArray());
    filter_bar_->setHistory(s.value(QStringLiteral("filterHistory")).toStringList());
    for (auto* sp : findChildren<QSplitter*>()) {
        const QString key = QStringLiteral("splitter/") + sp->objectName();
        if (sp != main_split_ && sp != detail_split_ && !sp->objectName().isEmpty() && s.contains(key))
            sp->restoreState(s.value(key).toByteArray());
    }
    s.endGroup();
}

void MainWindow::writeSettings() const {
    QSettings s;
    s.beginGroup(QStringLiteral("mainWindow"));
    s.setValue(QStringLiteral("geometry"), saveGeometry());
    s.setValue(QStringLiteral("state"), saveState());
    s.setValue(QStringLiteral("mainSplitter"), main_split_->saveState());
    s.setValue(QStringLiteral("detailSplitter"), detail_split_->saveState());
    s.setValue(QStringLiteral("flowColumns"), flow_view_->horizontalHeader()->saveState());
    s.setValue(QStringLiteral("filterHistory"), filter_bar_->history());
    for (auto* sp : findChildren<QSplitter*>())
        if (sp != main_split_ && sp != detail_split_ && !sp->objectName().isEmpty())
            s.setValue(QStringLiteral("splitter/") + sp->objectName(), sp->saveState());
    s.endGroup();
}

QString MainWindow::lastFolder() const {
    return QSettings().value(QStringLiteral("lastFolder"),
                             QStandardPaths::writableLocation(QStandardPaths::HomeLocation)).toString();
}

void MainWindow::setLastFolder(const QString& path) const {
    const QFileInfo fi(path);
    QSettings().setValue(QStringLiteral("lastFolder"), fi.isDir() ? fi.absoluteFilePath() : fi.absolutePath());
}

void MainWindow::closeEvent(QCloseEvent* e) {
    if (runner_->busy()) {
        const auto answer = QMessageBox::question(
            this, tr("A job is running"),
            tr("%1 is still running. Stop it and quit? What it has written so far is kept.")
                .arg(runner_->current()->title()));
        if (answer != QMessageBox::Yes) {
            e->ignore();
            return;
        }
        runner_->cancel();
        runner_->wait(60000);
    }
    writeSettings();
    e->accept();
}

// --------------------------------------------------------------------------------------------
// State

bool MainWindow::jobRunning() const { return runner_->busy(); }

void MainWindow::showStatus(const QString& text, int ms) {
    last_status_ = text;
    statusBar()->showMessage(text, ms);
}

void MainWindow::updateCounts() {
    if (!flow_model_->hasProject()) {
        counts_label_->setText(tr("No project"));
        return;
    }
    const qint64 total = flow_model_->totalFlowCount();
    const qint64 shown = flow_model_->matchingFlowCount();
    counts_label_->setText(tr("%1 flows · %2 shown")
                               .arg(QLocale().toString(total), QLocale().toString(shown)));
}

void MainWindow::updateTitle() {
    QString title = tr("FlowCNN Workbench");
    if (project_) {
        title = QFileInfo(project_path_).fileName() +
                (scratch_project_ ? QStringLiteral(" ") + tr("(unsaved)") : QString()) +
                QStringLiteral(" — ") + title;
    }
    setWindowTitle(title);
}

// --------------------------------------------------------------------------------------------
// Projects

bool MainWindow::newProject(const QString& path) {
    if (runner_->busy()) {
        showStatus(tr("A job is running; wait for it or stop it first."));
        return false;
    }
    try {
        QFile::remove(path);
        store::Project::create(path.toStdString());
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("New Project"), QString::fromUtf8(e.what()));
        return false;
    }
    return openProject(path);
}

bool MainWindow::openProject(const QString& path) {
    if (runner_->busy()) {
        showStatus(tr("A job is running; wait for it or stop it first."));
        return false;
    }
    std::unique_ptr<store::Project> p;
    try {
        p = std::make_unique<store::Project>(store::Project::open(path.toStdString()));
    } catch (const std::exception& e) {
        showStatus(tr("Cannot open %1: %2").arg(QFileInfo(path).fileName(), QString::fromUtf8(e.what())));
        if (isVisible() && interactive_)
            QMessageBox::warning(this, tr("Open Project"),
                                 tr("Cannot open %1:\n%2").arg(path, QString::fromUtf8(e.what())));
        return false;
    }
    closeProject();
    clearAnalysisViews();
    setProjectViewsEnabled(true);
    project_ = std::move(p);
    project_path_ = QFileInfo(path).absoluteFilePath();
    scratch_project_ = project_path_.startsWith(
        QDir(QStandardPaths::writableLocation(QStandardPaths::TempLocation)).absolutePath() +
        QStringLiteral("/flowcnn-scratch-"));
    training_dock_->setProject(project_.get());
    evaluation_dock_->setProject(project_.get());
    classification_dock_->setProject(project_.get());
    datasets_dock_->setProject(project_.get());
    QString error;
    if (!flow_model_->openProject(project_path_, &error)) showStatus(error);
    // Until the user has sized the columns (saved on quit), fit them to the headers and first
    // rows, none wider than a timestamp needs, so the names and labels stay in view.
    if (!QSettings().contains(QStringLiteral("mainWindow/flowColumns"))) {
        flow_view_->resizeColumnsToContents();
        const int widest = flow_view_->fontMetrics().horizontalAdvance(QStringLiteral("2019-03-04 09:07:54.062")) + 16;
        for (int c = 0; c < flow_model_->columnCount(); ++c)
            if (flow_view_->columnWidth(c) > widest) flow_view_->setColumnWidth(c, widest);
    }
    search_dock_->setProject(project_.get(), project_path_);
    if (!scratch_project_) recent_->add(project_path_);
    setLastFolder(project_path_);
    refreshAll();
    updateActions();
    updateTitle();
    updateCounts();
    showStatus(tr("Opened %1").arg(QDir::toNativeSeparators(project_path_)));
    emit projectOpened(project_path_);
    return true;
}

void MainWindow::closeProject() {
    if (!project_) return;
    flow_model_->closeProject();
    project_.reset();
    project_path_.clear();
    scratch_project_ = false;
    byte_link_->setBytes({});
    flow_info_->clear();
    // Lists that lead into the project are emptied; the charts, matrices and tables of results
    // stay, greyed out, until another project is opened (as Wireshark's dialogs do).
    training_dock_->setProject(nullptr);
    search_dock_->setProject(nullptr);
    evaluation_dock_->setProject(nullptr);
    classification_dock_->setProject(nullptr);
    datasets_dock_->setProject(nullptr);
    setProjectViewsEnabled(false);
    updateActions();
    updateTitle();
    updateCounts();
}

void MainWindow::setProjectViewsEnabled(bool on) {
    main_split_->setEnabled(on);
    // Every dock, including ones added later, so nothing offers work on a closed project.
    for (QDockWidget* d : findChildren<QDockWidget*>())
        if (d->widget()) d->widget()->setEnabled(on);
}

void MainWindow::clearAnalysisViews() {
    training_dock_->clear();
    evaluation_dock_->clear();
    classification_dock_->clear();
    datasets_dock_->clear();
    baselines_dock_->setProject(nullptr);
    explain_bar_->setRuns({});
}

void MainWindow::installExportMenus() {
    // Right-click on every table: copy and CSV export (GUI.md 9, 14); on every chart: PNG/PDF.
    // The docks install their own; the flow table adds the label actions.
    widgets::installTableMenu(flow_view_, QStringLiteral("flows"), [this](QMenu* m) { addFlowLabelActions(m); });
    // Images: the flow's payload enlarged 8x (pixels stay sharp).
    widgets::installImageMenu(image_view_, QStringLiteral("payload"),
                              [this](const QString& p) { return image_view_->savePng(p, 8); });
}

bool MainWindow::ensureProject() {
    if (project_) return true;
    // A capture opened without a project goes into a scratch project; Save As keeps it.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::TempLocation);
    const QString path = QDir(dir).filePath(
        QStringLiteral("flowcnn-scratch-%1.%2")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss-zzz")))
            .arg(QLatin1String(kProjectSuffix)));
    return newProject(path);
}

bool MainWindow::openPath(const QString& path) {
    switch (detect_file_kind(path)) {
        case FileKind::Project:
            return openProject(path);
        case FileKind::Capture:
            recent_->add(path);
            return importCaptures({path});
        case FileKind::Folder:
            return importCaptures({}, {path});
        case FileKind::Missing:
            showStatus(tr("%1 does not exist").arg(QDir::toNativeSeparators(path)));
            return false;
        case FileKind::Model:
        case FileKind::Unsupported:
            break;
    }
    showStatus(tr("%1 is not a project or a capture this program reads (pcap, pcapng, Network "
                  "Monitor .cap)").arg(QFileInfo(path).fileName()));
    return false;
}

void MainWindow::refreshAll() {
    if (!project_) return;
    if (flow_model_->hasProject()) flow_model_->refresh();
    reloadRuns();
    search_dock_->reload();
    reloadDatasets();
    classification_dock_->reload();
    if (evaluation_dock_->run()) evaluation_dock_->reload();
}

void MainWindow::reloadRuns() {
    if (!project_ || !training_dock_->reload()) return;
    explain_bar_->setRuns(training_dock_->explainableRuns(), training_dock_->occlusionOnlyRuns());
    baselines_dock_->refresh();  // a finished run adds a CNN row
}

void MainWindow::reloadDatasets() {
    if (!project_) return;
    baselines_dock_->setProject(project_.get());
    datasets_dock_->reload();
}

void MainWindow::showRun(qint64 runId) {
    if (!project_) return;
    reloadRuns();
    training_dock_->showRun(runId);
    evaluation_dock_->setRun(runId);
}

// --------------------------------------------------------------------------------------------
// Flows

void MainWindow::onFlowSelected() {
    const QModelIndex cur = flow_view_->currentIndex();
    if (!cur.isValid() || !project_) {
        byte_link_->setBytes({});
        flow_info_->clear();
        return;
    }
    const qint64 id = flow_model_->flowId(cur.row());
    const auto img = flow_model_->payloadImage(id);
    if (!img) {
        byte_link_->setBytes({});
        flow_info_->setText(tr("Flow %1 carries no payload, so it has no image.").arg(id));
        return;
    }
    byte_link_->setBytes(QByteArray(reinterpret_cast<const char*>(img->data()), static_cast<int>(img->size())));
    if (explain_bar_->active()) requestExplanation();
    const auto row = project_->flow(id);
    if (row) {
        QString host = QString::fromStdString(flow::server_name(row->sni, row->http_host));
        flow_info_->setText(tr("Flow %1: %2 payload bytes%3%4")
                                .arg(id)
                                .arg(row->payload_len)
                                .arg(host.isEmpty() ? QString() : QStringLiteral(" · ") + host)
                                .arg(row->label.empty() ? QString()
                                                        : QStringLiteral(" · ") + tr("label %1").arg(QString::fromStdString(row->label))));
    }
}

bool MainWindow::selectFlow(qint64 flowId) {
    int row = flow_model_->rowOfFlow(flowId);
    while (row < 0 && flow_model_->canFetchMore({})) {
        flow_model_->fetchMore({});
        row = flow_model_->rowOfFlow(flowId);
    }
    if (row < 0) return false;
    const QModelIndex idx = flow_model_->index(row, 0);
    flow_view_->selectionModel()->setCurrentIndex(
        idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    flow_view_->scrollTo(idx);
    return true;
}

bool MainWindow::eventFilter(QObject* watched, QEvent* e) {
    // The flow list fetches rows as it scrolls; Ctrl+End must reach the last flow, not the last
    // row fetched (flow 2,000 of a million): expose them all, then let the view move as usual.
    if (watched == flow_view_ && e->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(e);
        if (key->key() == Qt::Key_End && (key->modifiers() & Qt::ControlModifier)) flow_model_->exposeAll();
    }
    return QMainWindow::eventFilter(watched, e);
}

}  // namespace flowcnn::gui
