#include "app/gui/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>
#include <cmath>
#include <sqlite3.h>

#include <pcap/pcap.h>

#include "app/gui/baselines_dock.h"
#include "app/gui/classify_dialog.h"
#include "app/gui/live_capture_dialog.h"
#include "app/gui/search_dialog.h"
#include "app/gui/split_dialog.h"
#include "app/gui/drop_policy.h"
#include "app/gui/explain_bar.h"
#include "app/gui/language.h"
#include "app/gui/progress_frame.h"
#include "app/gui/project_queries.h"
#include "app/gui/recent_files.h"
#include "app/gui/report.h"
#include "app/gui/train_dialog.h"
#include "app/jobs/baseline_job.h"
#include "app/jobs/dataset_job.h"
#include "app/jobs/import_job.h"
#include "app/jobs/live_capture_job.h"
#include "app/jobs/report_job.h"
#include "engine/common/error.h"
#include "engine/store/project.h"
#include "widgets/best_so_far_plot.h"
#include "widgets/byte_link.h"
#include "widgets/class_count_chart.h"
#include "widgets/confusion_matrix_widget.h"
#include "widgets/export_menus.h"
#include "widgets/flow_filter_bar.h"
#include "widgets/flow_table_model.h"
#include "widgets/hex_view.h"
#include "widgets/image_gallery.h"
#include "widgets/leaderboard_model.h"
#include "widgets/payload_image_view.h"
#include "widgets/per_class_metrics_model.h"
#include "widgets/training_plot.h"

#ifdef FLOWCNN_HAVE_ML
#include "app/jobs/classify_job.h"
#include "app/jobs/explain_job.h"
#include "app/jobs/search_job.h"
#include "app/jobs/train_job.h"
#include "engine/model/model_file.h"
#endif

namespace flowcnn::gui {
namespace {

constexpr const char* kProjectSuffix = "flowcnn";

QString pct(double v) {
    return std::isnan(v) ? QStringLiteral("–") : QStringLiteral("%1%").arg(v * 100.0, 0, 'f', 2);
}

QTableWidgetItem* item(const QString& text, const QVariant& raw = {}) {
    auto* it = new QTableWidgetItem(text);
    it->setFlags(it->flags() & ~Qt::ItemIsEditable);
    if (raw.isValid()) it->setData(Qt::UserRole, raw);
    return it;
}

#ifdef FLOWCNN_HAVE_ML
// The datasets as Train > Start offers them (name and split sizes).
QVector<DatasetChoice> training_choices(store::Project& project) {
    QVector<DatasetChoice> ds;
    for (const auto& d : project.datasets())
        ds.push_back({d.id, MainWindow::tr("%1 (%2 train / %3 validation)")
                                .arg(QString::fromStdString(d.name)).arg(d.train).arg(d.val)});
    return ds;
}
#endif

}  // namespace

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
        if (leaderboard_model_->searchId() != 0) leaderboard_model_->refresh();
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
    // Training: live curves + runs list (check runs to compare them).
    training_dock_ = new QDockWidget(this);
    training_dock_->setObjectName(QStringLiteral("trainingDock"));
    auto* tsplit = new QSplitter(Qt::Horizontal, training_dock_);
    tsplit->setObjectName(QStringLiteral("trainingSplitter"));
    training_plot_ = new widgets::TrainingPlot(tsplit);
    training_plot_->setObjectName(QStringLiteral("trainingPlot"));
    runs_table_ = new QTableWidget(0, 7, tsplit);
    runs_table_->setObjectName(QStringLiteral("runsTable"));
    runs_table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    runs_table_->setSelectionMode(QAbstractItemView::SingleSelection);
    runs_table_->verticalHeader()->hide();
    runs_table_->horizontalHeader()->setStretchLastSection(true);
    tsplit->setStretchFactor(0, 3);
    tsplit->setStretchFactor(1, 2);
    training_dock_->setWidget(tsplit);
    addDockWidget(Qt::BottomDockWidgetArea, training_dock_);
    connect(runs_table_, &QTableWidget::itemChanged, this, &MainWindow::onRunsItemChanged);
    connect(runs_table_, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto sel = runs_table_->selectedItems();
        if (sel.isEmpty()) return;
        const qint64 id = runs_table_->item(sel.first()->row(), 0)->data(Qt::UserRole).toLongLong();
        if (id != eval_run_) {
            eval_run_ = id;
            reloadEvaluation();
        }
    });

    // Grid search: leaderboard + best-so-far.
    search_dock_ = new QDockWidget(this);
    search_dock_->setObjectName(QStringLiteral("searchDock"));
    auto* sw = new QWidget(search_dock_);
    auto* sl = new QVBoxLayout(sw);
    sl->setContentsMargins(2, 2, 2, 2);
    search_choice_ = new QComboBox(sw);
    search_choice_->setObjectName(QStringLiteral("searchChoice"));
    sl->addWidget(search_choice_);
    auto* ssplit = new QSplitter(Qt::Horizontal, sw);
    ssplit->setObjectName(QStringLiteral("searchSplitter"));
    leaderboard_model_ = new widgets::LeaderboardModel(this);
    leaderboard_view_ = new QTableView(ssplit);
    leaderboard_view_->setObjectName(QStringLiteral("leaderboard"));
    leaderboard_view_->setModel(leaderboard_model_);
    leaderboard_view_->setSortingEnabled(true);
    // Best first, as the paper's Table 4 (a header's default order is descending).
    leaderboard_view_->sortByColumn(widgets::LeaderboardModel::RankColumn, Qt::AscendingOrder);
    leaderboard_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    leaderboard_view_->verticalHeader()->hide();
    leaderboard_view_->horizontalHeader()->setStretchLastSection(true);
    best_plot_ = new widgets::BestSoFarPlot(ssplit);
    best_plot_->setObjectName(QStringLiteral("bestSoFarPlot"));
    best_plot_->setLeaderboard(leaderboard_model_);
    ssplit->setSizes({650, 450});  // room for the best-so-far chart's axis and legend
    sl->addWidget(ssplit, 1);
    search_dock_->setWidget(sw);
    addDockWidget(Qt::BottomDockWidgetArea, search_dock_);
    connect(search_choice_, &QComboBox::currentIndexChanged, this, &MainWindow::onSearchChosen);
    connect(best_plot_, &widgets::BestSoFarPlot::trialClicked, this, &MainWindow::showRun);
    connect(leaderboard_view_, &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
        if (const qint64 id = leaderboard_model_->runId(i.row())) showRun(id);
    });

    // Evaluation: confusion matrix + per-class table + flows of a cell.
    eval_dock_ = new QDockWidget(this);
    eval_dock_->setObjectName(QStringLiteral("evaluationDock"));
    auto* ew = new QWidget(eval_dock_);
    auto* el = new QVBoxLayout(ew);
    el->setContentsMargins(2, 2, 2, 2);
    eval_choice_ = new QComboBox(ew);
    eval_choice_->setObjectName(QStringLiteral("evaluationChoice"));
    el->addWidget(eval_choice_);
    auto* esplit = new QSplitter(Qt::Horizontal, ew);
    esplit->setObjectName(QStringLiteral("evaluationSplitter"));
    confusion_ = new widgets::ConfusionMatrixWidget(esplit);
    confusion_->setObjectName(QStringLiteral("confusionMatrix"));
    per_class_model_ = new widgets::PerClassMetricsModel(this);
    per_class_view_ = new QTableView(esplit);
    per_class_view_->setObjectName(QStringLiteral("perClassTable"));
    per_class_view_->setModel(per_class_model_);
    per_class_view_->verticalHeader()->hide();
    auto* cell_box = new QWidget(esplit);
    auto* cl = new QVBoxLayout(cell_box);
    cl->setContentsMargins(0, 0, 0, 0);
    cell_flows_ = new QTableWidget(0, 2, cell_box);
    cell_flows_->setObjectName(QStringLiteral("cellFlows"));
    cell_flows_->setSelectionBehavior(QAbstractItemView::SelectRows);
    cell_flows_->verticalHeader()->hide();
    cell_flows_->horizontalHeader()->setStretchLastSection(true);
    cell_image_ = new widgets::PayloadImageView(cell_box);
    cell_image_->setObjectName(QStringLiteral("cellImage"));
    cl->addWidget(cell_flows_, 1);
    cl->addWidget(cell_image_, 1);
    esplit->setStretchFactor(0, 3);
    esplit->setStretchFactor(1, 2);
    esplit->setStretchFactor(2, 1);
    el->addWidget(esplit, 1);
    eval_dock_->setWidget(ew);
    addDockWidget(Qt::BottomDockWidgetArea, eval_dock_);
    connect(confusion_, &widgets::ConfusionMatrixWidget::cellClicked, this,
            &MainWindow::onConfusionCellClicked);
    connect(eval_choice_, &QComboBox::currentIndexChanged, this, [this] {
        const QVariantList v = eval_choice_->currentData().toList();
        if (v.size() < 1 || !project_) return;
        const auto evals = runEvaluations(project_->db(), eval_run_);
        for (const auto& e : evals)
            if (e.id == v.value(0).toLongLong()) {
                confusion_->setData(e.confusion, e.classes);
                per_class_model_->setConfusion(e.confusion, e.classes);
                per_class_view_->resizeColumnsToContents();
            }
        cell_flows_->setRowCount(0);
    });
    connect(cell_flows_, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto sel = cell_flows_->selectedItems();
        if (sel.isEmpty() || !project_) return;
        const qint64 id = cell_flows_->item(sel.first()->row(), 0)->data(Qt::UserRole).toLongLong();
        try {
            cell_image_->setImage(project_->image(id));
        } catch (const std::exception& e) {
            showStatus(QString::fromUtf8(e.what()));
        }
    });
    connect(cell_flows_, &QTableWidget::itemDoubleClicked, this, [this](QTableWidgetItem* it) {
        const qint64 id = cell_flows_->item(it->row(), 0)->data(Qt::UserRole).toLongLong();
        filter_bar_->clearFilter();
        if (!selectFlow(id)) showStatus(tr("Flow %1 is not in the table").arg(id));
    });

    // Classification summary.
    classify_dock_ = new QDockWidget(this);
    classify_dock_->setObjectName(QStringLiteral("classificationDock"));
    auto* cw = new QWidget(classify_dock_);
    auto* cvl = new QVBoxLayout(cw);
    cvl->setContentsMargins(2, 2, 2, 2);
    classify_choice_ = new QComboBox(cw);
    classify_choice_->setObjectName(QStringLiteral("classificationChoice"));
    cvl->addWidget(classify_choice_);
    auto* csplit = new QSplitter(Qt::Horizontal, cw);
    csplit->setObjectName(QStringLiteral("classificationSplitter"));
    class_chart_ = new widgets::ClassCountChart(csplit);
    class_chart_->setObjectName(QStringLiteral("classCountChart"));
    classify_table_ = new QTableWidget(0, 3, csplit);
    classify_table_->setObjectName(QStringLiteral("classificationTable"));
    classify_table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    classify_table_->verticalHeader()->hide();
    classify_table_->horizontalHeader()->setStretchLastSection(true);
    csplit->setStretchFactor(0, 3);
    csplit->setStretchFactor(1, 1);
    csplit->setSizes({700, 300});  // the chart keeps most of a fresh window
    cvl->addWidget(csplit, 1);
    classify_dock_->setWidget(cw);
    addDockWidget(Qt::BottomDockWidgetArea, classify_dock_);
    connect(classify_dock_, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && project_) reloadClassifications();
    });
    connect(classify_choice_, &QComboBox::currentIndexChanged, this, &MainWindow::showClassificationCounts);

    // Datasets: list, audit, sample images.
    dataset_dock_ = new QDockWidget(this);
    dataset_dock_->setObjectName(QStringLiteral("datasetDock"));
    auto* dsplit = new QSplitter(Qt::Horizontal, dataset_dock_);
    dsplit->setObjectName(QStringLiteral("datasetSplitter"));
    datasets_table_ = new QTableWidget(0, 5, dsplit);
    datasets_table_->setObjectName(QStringLiteral("datasetsTable"));
    datasets_table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    datasets_table_->setSelectionMode(QAbstractItemView::SingleSelection);
    datasets_table_->verticalHeader()->hide();
    audit_view_ = new QTextBrowser(dsplit);
    audit_view_->setObjectName(QStringLiteral("auditView"));
    gallery_ = new widgets::ImageGallery(dsplit);
    gallery_->setObjectName(QStringLiteral("imageGallery"));
    // The gallery needs room for a dozen images per class; the list and the audit less.
    for (int i = 0; i < 3; ++i) dsplit->setStretchFactor(i, i == 2 ? 2 : 1);
    dsplit->setSizes({300, 400, 700});
    dataset_dock_->setWidget(dsplit);
    addDockWidget(Qt::BottomDockWidgetArea, dataset_dock_);
    connect(datasets_table_, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto sel = datasets_table_->selectedItems();
        if (sel.isEmpty() || !project_) return;
        const qint64 id = datasets_table_->item(sel.first()->row(), 0)->data(Qt::UserRole).toLongLong();
        const auto d = project_->dataset(id);
        if (!d) return;
        // The stored audit, indented for reading.
        const QByteArray raw = QByteArray::fromStdString(d->audit_json);
        const QJsonDocument doc = QJsonDocument::fromJson(raw);
        const QString audit = QString::fromUtf8(doc.isNull() ? raw : doc.toJson(QJsonDocument::Indented));
        QString html = QStringLiteral("<h3>%1</h3>").arg(QString::fromStdString(d->name).toHtmlEscaped());
        html += QStringLiteral("<p>") +
                tr("%1 classes · %2 train · %3 validation · %4 test")
                    .arg(d->classes.size()).arg(d->train).arg(d->val).arg(d->test) +
                QStringLiteral("</p><pre>") + audit.toHtmlEscaped() + QStringLiteral("</pre>");
        audit_view_->setHtml(html);
    });
    connect(gallery_, &widgets::ImageGallery::imageClicked, this,
            [this](int, int, qint64 flowId) {
                if (flowId > 0 && !selectFlow(flowId)) {
                    filter_bar_->clearFilter();
                    selectFlow(flowId);
                }
            });

    // Baselines (honest accuracy) next to the datasets they are measured on.
    baselines_dock_ = new BaselinesDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, baselines_dock_);
    connect(baselines_dock_, &BaselinesDock::runRequested, this, [this](qint64 datasetId, bool mask) {
        baseline::BaselineRunOptions o;
        o.masked = mask;
        o.folds = baselines_dock_->folds();
        if (startJob(new jobs::BaselineJob(project_path_, datasetId, o))) baselines_dock_->raise();
    });
    connect(explain_bar_, &ExplainBar::toggled, this, [this](bool on) {
        image_view_->setSaliencyVisible(on);
        hex_view_->setSaliencyVisible(on);
        if (on) requestExplanation();
    });
    connect(explain_bar_, &ExplainBar::settingsChanged, this, [this] {
        if (explain_bar_->active()) requestExplanation();
    });

    tabifyDockWidget(training_dock_, search_dock_);
    tabifyDockWidget(search_dock_, eval_dock_);
    tabifyDockWidget(eval_dock_, classify_dock_);
    tabifyDockWidget(classify_dock_, dataset_dock_);
    tabifyDockWidget(dataset_dock_, baselines_dock_);
    training_dock_->raise();
}

void MainWindow::createActions() {
    auto mk = [this](const char* name, QKeySequence key = {}) {
        auto* a = new QAction(this);
        a->setObjectName(QString::fromLatin1(name));
        if (!key.isEmpty()) a->setShortcut(key);
        return a;
    };
    new_act_ = mk("newProject", QKeySequence::New);
    new_act_->setIcon(style()->standardIcon(QStyle::SP_FileIcon));
    open_act_ = mk("openProject", QKeySequence::Open);
    open_act_->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    save_as_act_ = mk("saveProjectAs", QKeySequence::SaveAs);
    close_act_ = mk("closeProject", QKeySequence::Close);
    open_capture_act_ = mk("openCapture", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    import_folder_act_ = mk("importFolder", QKeySequence(Qt::CTRL | Qt::Key_I));
    export_report_act_ = mk("exportReport", QKeySequence(Qt::CTRL | Qt::Key_E));
    quit_act_ = mk("quit", QKeySequence::Quit);
    live_act_ = mk("liveCapture", QKeySequence(Qt::CTRL | Qt::Key_K));
    stop_act_ = mk("stopJob", QKeySequence(Qt::CTRL | Qt::Key_Period));
    stop_act_->setIcon(style()->standardIcon(QStyle::SP_BrowserStop));
    split_act_ = mk("makeSplit", QKeySequence(Qt::CTRL | Qt::Key_D));
    train_act_ = mk("startTraining", QKeySequence(Qt::CTRL | Qt::Key_T));
    train_act_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    cancel_train_act_ = mk("cancelTraining");
    search_act_ = mk("startSearch", QKeySequence(Qt::CTRL | Qt::Key_G));
    pause_search_act_ = mk("pauseSearch");
    resume_search_act_ = mk("resumeSearch", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    classify_act_ = mk("classifyCapture", QKeySequence(Qt::CTRL | Qt::Key_L));
    refresh_act_ = mk("refresh", QKeySequence::Refresh);
    about_act_ = mk("about");
    about_qt_act_ = mk("aboutQt");
    lang_group_ = new QActionGroup(this);
    lang_system_act_ = mk("languageSystem");
    lang_en_act_ = mk("languageEnglish");
    lang_ko_act_ = mk("languageKorean");
    for (QAction* a : {lang_system_act_, lang_en_act_, lang_ko_act_}) {
        a->setCheckable(true);
        lang_group_->addAction(a);
    }
    const QString setting = language_ ? language_->setting() : QString();
    (setting == QStringLiteral("en") ? lang_en_act_
     : setting == QStringLiteral("ko") ? lang_ko_act_ : lang_system_act_)->setChecked(true);

    connect(new_act_, &QAction::triggered, this, &MainWindow::onNewProject);
    connect(open_act_, &QAction::triggered, this, &MainWindow::onOpenProject);
    connect(save_as_act_, &QAction::triggered, this, &MainWindow::onSaveProjectAs);
    connect(close_act_, &QAction::triggered, this, &MainWindow::closeProject);
    connect(open_capture_act_, &QAction::triggered, this, &MainWindow::onOpenCapture);
    connect(import_folder_act_, &QAction::triggered, this, &MainWindow::onImportFolder);
    connect(export_report_act_, &QAction::triggered, this, &MainWindow::onExportReport);
    connect(quit_act_, &QAction::triggered, this, &QWidget::close);
    connect(live_act_, &QAction::triggered, this, &MainWindow::onLiveCapture);
    connect(stop_act_, &QAction::triggered, runner_, &jobs::JobRunner::cancel);
    connect(cancel_train_act_, &QAction::triggered, runner_, &jobs::JobRunner::cancel);
    connect(pause_search_act_, &QAction::triggered, runner_, &jobs::JobRunner::cancel);
    connect(split_act_, &QAction::triggered, this, &MainWindow::onMakeSplit);
    connect(train_act_, &QAction::triggered, this, &MainWindow::onStartTraining);
    connect(search_act_, &QAction::triggered, this, &MainWindow::onStartSearch);
    connect(resume_search_act_, &QAction::triggered, this, &MainWindow::onResumeSearch);
    connect(classify_act_, &QAction::triggered, this, &MainWindow::onClassify);
    connect(refresh_act_, &QAction::triggered, this, &MainWindow::refreshAll);
    connect(about_act_, &QAction::triggered, this, &MainWindow::onAbout);
    connect(about_qt_act_, &QAction::triggered, qApp, &QApplication::aboutQt);
    connect(lang_system_act_, &QAction::triggered, this, [this] { if (language_) language_->setLanguage({}); });
    connect(lang_en_act_, &QAction::triggered, this, [this] { if (language_) language_->setLanguage(QStringLiteral("en")); });
    connect(lang_ko_act_, &QAction::triggered, this, [this] { if (language_) language_->setLanguage(QStringLiteral("ko")); });
}

void MainWindow::createMenus() {
    file_menu_ = menuBar()->addMenu(QString());
    file_menu_->setObjectName(QStringLiteral("fileMenu"));
    file_menu_->addAction(new_act_);
    file_menu_->addAction(open_act_);
    recent_menu_ = file_menu_->addMenu(QString());
    recent_menu_->setObjectName(QStringLiteral("recentMenu"));
    connect(recent_menu_, &QMenu::aboutToShow, this, [this] { recent_->populate(recent_menu_); });
    file_menu_->addAction(save_as_act_);
    file_menu_->addAction(close_act_);
    file_menu_->addSeparator();
    file_menu_->addAction(open_capture_act_);
    file_menu_->addAction(import_folder_act_);
    file_menu_->addSeparator();
    file_menu_->addAction(export_report_act_);
    file_menu_->addSeparator();
    file_menu_->addAction(quit_act_);

    capture_menu_ = menuBar()->addMenu(QString());
    capture_menu_->addAction(live_act_);
    capture_menu_->addAction(stop_act_);

    dataset_menu_ = menuBar()->addMenu(QString());
    dataset_menu_->addAction(split_act_);

    train_menu_ = menuBar()->addMenu(QString());
    train_menu_->addAction(train_act_);
    train_menu_->addAction(cancel_train_act_);

    search_menu_ = menuBar()->addMenu(QString());
    search_menu_->addAction(search_act_);
    search_menu_->addAction(pause_search_act_);
    search_menu_->addAction(resume_search_act_);

    classify_menu_ = menuBar()->addMenu(QString());
    classify_menu_->addAction(classify_act_);

    view_menu_ = menuBar()->addMenu(QString());
    for (QDockWidget* d : {training_dock_, search_dock_, eval_dock_, classify_dock_, dataset_dock_,
                           static_cast<QDockWidget*>(baselines_dock_)})
        view_menu_->addAction(d->toggleViewAction());
    view_menu_->addSeparator();
    view_menu_->addAction(refresh_act_);
    language_menu_ = view_menu_->addMenu(QString());
    language_menu_->addAction(lang_system_act_);
    language_menu_->addAction(lang_en_act_);
    language_menu_->addAction(lang_ko_act_);

    help_menu_ = menuBar()->addMenu(QString());
    help_menu_->addAction(about_act_);
    help_menu_->addAction(about_qt_act_);

    auto* tb = addToolBar(QString());
    tb->setObjectName(QStringLiteral("mainToolBar"));
    tb->addAction(open_act_);
    tb->addAction(open_capture_act_);
    tb->addSeparator();
    tb->addAction(train_act_);
    tb->addAction(stop_act_);
}

void MainWindow::retranslateUi() {
    file_menu_->setTitle(tr("&File"));
    recent_menu_->setTitle(tr("Recent &Files"));
    capture_menu_->setTitle(tr("&Capture"));
    dataset_menu_->setTitle(tr("&Dataset"));
    train_menu_->setTitle(tr("&Train"));
    search_menu_->setTitle(tr("&Grid Search"));
    classify_menu_->setTitle(tr("C&lassify"));
    view_menu_->setTitle(tr("&View"));
    language_menu_->setTitle(tr("&Language"));
    help_menu_->setTitle(tr("&Help"));
    new_act_->setText(tr("&New Project..."));
    open_act_->setText(tr("&Open Project..."));
    save_as_act_->setText(tr("Save Project &As..."));
    close_act_->setText(tr("&Close Project"));
    open_capture_act_->setText(tr("Open &Capture..."));
    import_folder_act_->setText(tr("&Import Folder (one sub-folder per class)..."));
    export_report_act_->setText(tr("&Export Report..."));
    quit_act_->setText(tr("&Quit"));
    live_act_->setText(tr("&Live Capture..."));
    stop_act_->setText(tr("&Stop"));
    stop_act_->setToolTip(tr("Stop the running job"));
    split_act_->setText(tr("&Make Split..."));
    train_act_->setText(tr("&Start Training..."));
    cancel_train_act_->setText(tr("&Cancel Training"));
    search_act_->setText(tr("&Start Grid Search..."));
    pause_search_act_->setText(tr("&Pause (Cancel) Search"));
    resume_search_act_->setText(tr("&Resume Search"));
    classify_act_->setText(tr("&Classify a Capture..."));
    refresh_act_->setText(tr("&Refresh"));
    lang_system_act_->setText(tr("System Language"));
    lang_en_act_->setText(QStringLiteral("English"));
    lang_ko_act_->setText(QStringLiteral("한국어"));
    about_act_->setText(tr("&About FlowCNN Workbench"));
    about_qt_act_->setText(tr("About &Qt"));
    training_dock_->setWindowTitle(tr("Training"));
    search_dock_->setWindowTitle(tr("Grid Search"));
    eval_dock_->setWindowTitle(tr("Evaluation"));
    classify_dock_->setWindowTitle(tr("Classification"));
    dataset_dock_->setWindowTitle(tr("Datasets"));
    baselines_dock_->retranslate();
    explain_bar_->retranslate();
    if (auto* tb = findChild<QToolBar*>(QStringLiteral("mainToolBar"))) tb->setWindowTitle(tr("Main Toolbar"));
    classify_table_->setHorizontalHeaderLabels({tr("Class"), tr("Labelled flows"), tr("Predicted flows")});
    classify_table_->setAccessibleName(tr("Flows per class"));
    runs_table_->setHorizontalHeaderLabels({tr("Run"), tr("Name"), tr("Model"), tr("Status"),
                                            tr("Epochs"), tr("Train acc."), tr("Val. acc.")});
    cell_flows_->setHorizontalHeaderLabels({tr("Flow"), tr("Confidence")});
    datasets_table_->setHorizontalHeaderLabels(
        {tr("Dataset"), tr("Classes"), tr("Train"), tr("Validation"), tr("Test")});
    filter_bar_->setPlaceholderText(tr("Display filter, e.g. tcp port 443 host google (Enter applies)"));
    // Accessible names of the main views.
    filter_bar_->setAccessibleName(tr("Display filter"));
    flow_view_->setAccessibleName(tr("Flow table"));
    image_view_->setAccessibleName(tr("Payload image"));
    hex_view_->setAccessibleName(tr("Payload bytes"));
    training_plot_->setAccessibleName(tr("Training curves"));
    runs_table_->setAccessibleName(tr("Training runs"));
    leaderboard_view_->setAccessibleName(tr("Grid search leaderboard"));
    best_plot_->setAccessibleName(tr("Best accuracy so far"));
    confusion_->setAccessibleName(tr("Confusion matrix"));
    per_class_view_->setAccessibleName(tr("Per-class metrics"));
    cell_flows_->setAccessibleName(tr("Flows of the chosen cell"));
    class_chart_->setAccessibleName(tr("Flows per class"));
    datasets_table_->setAccessibleName(tr("Datasets"));
    audit_view_->setAccessibleName(tr("Dataset audit"));
    search_choice_->setAccessibleName(tr("Grid search"));
    eval_choice_->setAccessibleName(tr("Evaluation"));
    classify_choice_->setAccessibleName(tr("Classification"));
    best_plot_->setMetricName(tr("Accuracy"));
    updateCounts();
    updateTitle();
}

void MainWindow::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) {
        retranslateUi();
        if (project_) {
            reloadRuns();
            reloadSearches();
            reloadDatasets();
            reloadClassifications();
        }
    }
    QMainWindow::changeEvent(e);
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

void MainWindow::updateActions() {
    const bool busy = runner_->busy();
    const bool have = project_ != nullptr;
    const QString job = busy ? runner_->current()->metaObject()->className() : QString();
    save_as_act_->setEnabled(have && !busy);
    close_act_->setEnabled(have && !busy);
    new_act_->setEnabled(!busy);
    open_act_->setEnabled(!busy);
    open_capture_act_->setEnabled(!busy);
    import_folder_act_->setEnabled(!busy);
    live_act_->setEnabled(!busy);
    stop_act_->setEnabled(busy && runner_->current()->cancellable());
    split_act_->setEnabled(have && !busy);
    export_report_act_->setEnabled(have && !busy);
    refresh_act_->setEnabled(have);
#ifdef FLOWCNN_HAVE_ML
    train_act_->setEnabled(have && !busy);
    search_act_->setEnabled(have && !busy);
    resume_search_act_->setEnabled(have && !busy);
    classify_act_->setEnabled(!busy);
#else
    for (QAction* a : {train_act_, search_act_, resume_search_act_, classify_act_}) {
        a->setEnabled(false);
        a->setToolTip(tr("This build has no model engine (LibTorch)."));
    }
#endif
    cancel_train_act_->setEnabled(busy && job.endsWith(QStringLiteral("TrainJob")));
    pause_search_act_->setEnabled(busy && job.endsWith(QStringLiteral("SearchJob")));
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
        if (isVisible() && !QCoreApplication::arguments().contains(QStringLiteral("--screenshot")))
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
    QString lerror;
    leaderboard_model_->openProject(project_path_, &lerror);
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
    leaderboard_model_->closeProject();
    project_.reset();
    project_path_.clear();
    scratch_project_ = false;
    byte_link_->setBytes({});
    flow_info_->clear();
    // Lists that lead into the project are emptied; the charts, matrices and tables of results
    // stay, greyed out, until another project is opened (as Wireshark's dialogs do).
    search_choice_->clear();
    eval_choice_->clear();
    classify_choice_->clear();
    cell_flows_->setRowCount(0);
    eval_run_ = 0;
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
    training_plot_->clear();
    runs_table_->setRowCount(0);
    confusion_->setData({}, {});
    per_class_model_->setConfusion({}, {});
    class_chart_->setCounts({});
    classify_table_->setRowCount(0);
    datasets_table_->setRowCount(0);
    audit_view_->clear();
    gallery_->setClasses({});
    baselines_dock_->setProject(nullptr);
    explain_bar_->setRuns({});
}

void MainWindow::installExportMenus() {
    // Right-click on every table: copy and CSV export (GUI.md 9, 14); on every chart: PNG/PDF.
    widgets::installTableMenu(flow_view_, QStringLiteral("flows"), [this](QMenu* m) { addFlowLabelActions(m); });
    widgets::installTableMenu(runs_table_, QStringLiteral("runs"));
    widgets::installTableMenu(leaderboard_view_, QStringLiteral("leaderboard"));
    widgets::installTableMenu(per_class_view_, QStringLiteral("per-class-metrics"));
    widgets::installTableMenu(cell_flows_, QStringLiteral("confusion-cell-flows"));
    widgets::installTableMenu(classify_table_, QStringLiteral("classification"));
    widgets::installTableMenu(datasets_table_, QStringLiteral("datasets"));
    widgets::installPlotMenu(training_plot_->customPlot(), QStringLiteral("training-curves"));
    widgets::installPlotMenu(best_plot_->customPlot(), QStringLiteral("best-so-far"));
    widgets::installPlotMenu(confusion_->customPlot(), QStringLiteral("confusion-matrix"));
    widgets::installPlotMenu(class_chart_->customPlot(), QStringLiteral("flows-per-class"));
    // Images: the flow's payload enlarged 8x (pixels stay sharp), the gallery as one grid.
    widgets::installImageMenu(image_view_, QStringLiteral("payload"),
                              [this](const QString& p) { return image_view_->savePng(p, 8); });
    widgets::installImageMenu(cell_image_, QStringLiteral("payload"),
                              [this](const QString& p) { return cell_image_->savePng(p, 8); });
    widgets::installImageMenu(gallery_, QStringLiteral("gallery"), [this](const QString& p) { return gallery_->savePng(p); });
}

void MainWindow::addFlowLabelActions(QMenu* menu) {
    const int n = static_cast<int>(flow_view_->selectionModel()->selectedRows().size());
    const bool can = project_ && n > 0 && !flow_model_->isReadOnly() && !runner_->busy();
    menu->addSeparator();
    QAction* set = menu->addAction(tr("Set &Label of %n Flow(s)...", nullptr, n));
    set->setObjectName(QStringLiteral("setLabel"));
    set->setEnabled(can);
    connect(set, &QAction::triggered, this, [this] {
        QStringList labels;
        for (const auto& lc : project_->label_counts())
            if (!lc.label.empty()) labels << QString::fromStdString(lc.label);
        bool ok = false;
        const QString label = QInputDialog::getItem(this, tr("Set Label"), tr("Label:"), labels, 0, true, &ok).trimmed();
        if (ok && !label.isEmpty()) labelSelectedFlows(label);
    });
    QAction* clear = menu->addAction(tr("&Clear Label"));
    clear->setObjectName(QStringLiteral("clearLabel"));
    clear->setEnabled(can);
    connect(clear, &QAction::triggered, this, [this] { labelSelectedFlows(QString()); });
}

int MainWindow::labelSelectedFlows(const QString& label) {
    if (!project_ || runner_->busy()) return -1;
    QList<int> rows;
    for (const QModelIndex& i : flow_view_->selectionModel()->selectedRows()) rows << i.row();
    if (rows.isEmpty()) return 0;
    const int n = flow_model_->setLabels(rows, label);
    if (n >= 0) {
        showStatus(label.isEmpty() ? tr("Cleared the label of %n flow(s)", nullptr, n)
                                   : tr("Labelled %n flow(s) %1", nullptr, n).arg(label));
        if (dataset_dock_->isVisible()) reloadDatasets();
        if (classify_dock_->isVisible()) showClassificationCounts();
    }
    return n;
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
    reloadSearches();
    reloadDatasets();
    reloadClassifications();
    if (eval_run_) reloadEvaluation();
}

// --------------------------------------------------------------------------------------------
// Jobs

bool MainWindow::startJob(jobs::Job* job) {
    if (runner_->busy()) {
        showStatus(tr("%1 is running; wait for it or stop it first.").arg(runner_->current()->title()));
        delete job;
        return false;
    }
    return runner_->start(job);
}

bool MainWindow::importCaptures(const QStringList& captures, const QStringList& folders) {
    if (runner_->busy()) {
        showStatus(tr("%1 is running; the files were not imported.").arg(runner_->current()->title()));
        return false;
    }
    if (captures.isEmpty() && folders.isEmpty()) return false;
    if (!ensureProject()) return false;
    if (!captures.isEmpty()) setLastFolder(captures.first());
    else setLastFolder(folders.first());
    return startJob(new jobs::ImportJob(project_path_, captures, folders));
}

void MainWindow::onJobStarted(jobs::Job* job) {
    query_progress_ = false;  // the job takes the progress frame over
    progress_->begin(job->title(), job->cancellable());
    refresh_timer_.start();
    updateActions();
#ifdef FLOWCNN_HAVE_ML
    if (auto* t = qobject_cast<jobs::TrainJob*>(job)) {
        live_run_ = -1;  // the run id is known at the end; plot live data under a temporary key
        training_plot_->removeRun(-1);
        training_plot_->addRun(-1, tr("training now"));
        training_dock_->raise();
        connect(t, &jobs::TrainJob::batchDone, this,
                [this](int, qint64 step, int, int batches, double loss, double) {
                    training_plot_->setStepsPerEpoch(-1, batches);
                    training_plot_->appendBatchLoss(-1, step - 1, loss);
                });
        connect(t, &jobs::TrainJob::epochDone, this,
                [this](int epoch, double tl, double ta, bool hv, double vl, double va, double, double) {
                    training_plot_->appendEpoch(-1, epoch, tl, ta, hv ? vl : qQNaN(), hv ? va : qQNaN());
                    reloadRuns();
                });
    }
    if (auto* s = qobject_cast<jobs::SearchJob*>(job)) {
        search_dock_->raise();
        connect(s, &jobs::SearchJob::trialStarted, this, [this](qint64, const QString&, int, int) {
            if (leaderboard_model_->searchId() == 0) reloadSearches();
            leaderboard_model_->refresh();
        });
        connect(s, &jobs::SearchJob::trialFinished, this,
                [this](qint64, const QString&, qulonglong done, qulonglong total, qint64, double best, double) {
                    leaderboard_model_->refresh();
                    showStatus(tr("Grid search: %1 of %2 trials, best %3").arg(done).arg(total).arg(pct(best)));
                });
    }
#endif
}

void MainWindow::onJobFinished(jobs::Job* job, bool ok, bool cancelled, const QString& message) {
    progress_->end();
    refresh_timer_.stop();
    QString text = message;
    if (cancelled) text = tr("%1 stopped. ").arg(job->title()) + message;
    else if (!ok) text = tr("%1 failed: %2").arg(job->title(), message);
    showStatus(text, 15000);
    if (auto* imp = qobject_cast<jobs::ImportJob*>(job)) {
        Q_UNUSED(imp);
        if (flow_model_->hasProject()) flow_model_->refresh();
        if (classify_dock_->isVisible()) reloadClassifications();
    } else if (auto* d = qobject_cast<jobs::DatasetJob*>(job)) {
        reloadDatasets();
        dataset_dock_->raise();
        if (ok) {
            audit_view_->setPlainText(d->auditText());
            for (int r = 0; r < datasets_table_->rowCount(); ++r)
                if (datasets_table_->item(r, 0)->data(Qt::UserRole).toLongLong() == d->datasetId())
                    datasets_table_->selectRow(r);
        }
    } else if (auto* b = qobject_cast<jobs::BaselineJob*>(job)) {
        if (ok) {
            baselines_dock_->setBaselineResults(b->datasetId(), b->result());
            baselines_dock_->raise();
        }
#ifdef FLOWCNN_HAVE_ML
    } else if (auto* x = qobject_cast<jobs::ExplainJob*>(job)) {
        // Only when the flow, run and method are still the ones asked for.
        const QModelIndex cur = flow_view_->currentIndex();
        if (ok && cur.isValid() && flow_model_->flowId(cur.row()) == x->flowId() && explain_bar_->runId() == x->runId()) {
            byte_link_->setBytes(x->image());  // the bytes as the model's fill made them
            image_view_->setSaliency(x->map());
            hex_view_->setSaliency(x->map());
        }
#endif
    } else if (auto* l = qobject_cast<jobs::LiveCaptureJob*>(job)) {
        Q_UNUSED(l);
        if (flow_model_->hasProject()) flow_model_->refresh();
        if (!ok && !cancelled) {
            // A refused capture explains what to do (setcap on flowcnn-capture, or its group):
            // too long for the status bar. Non-modal, so nothing waits on it.
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Live Capture"), message,
                                        QMessageBox::Ok, this);
            box->setObjectName(QStringLiteral("liveCaptureError"));
            box->setTextInteractionFlags(Qt::TextSelectableByMouse);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    }
#ifdef FLOWCNN_HAVE_ML
    else if (auto* t = qobject_cast<jobs::TrainJob*>(job)) {
        training_plot_->removeRun(-1);
        live_run_ = 0;
        reloadRuns();
        if (t->runId()) showRun(t->runId());
    } else if (auto* c = qobject_cast<jobs::ClassifyJob*>(job)) {
        if (flow_model_->hasProject()) flow_model_->refresh();
        reloadClassifications();
        const int i = classify_choice_->findData(c->classificationId());
        if (i >= 0) classify_choice_->setCurrentIndex(i);
        classify_dock_->raise();
    } else if (auto* s = qobject_cast<jobs::SearchJob*>(job)) {
        reloadSearches();
        const int i = search_choice_->findData(s->searchId());
        if (i >= 0) search_choice_->setCurrentIndex(i);
        leaderboard_model_->refresh();
        reloadRuns();
    }
#endif
    updateActions();
    emit jobFinished(ok, text);
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

// --------------------------------------------------------------------------------------------
// Drag and drop

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls()) e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
    QStringList paths;
    for (const QUrl& u : e->mimeData()->urls())
        if (u.isLocalFile()) paths << u.toLocalFile();
    e->acceptProposedAction();
    handleDrop(paths);
}

void MainWindow::handleDrop(const QStringList& paths) {
    if (paths.isEmpty()) return;
    if (runner_->busy()) {
        showStatus(tr("%1 is running: the drop was refused. Try again when it has finished.")
                       .arg(runner_->current()->title()));
        return;
    }
    const DropPlan plan = plan_drop(paths);
    QString note;
    if (!plan.unsupported.isEmpty()) {
        QStringList names;
        for (const QString& p : plan.unsupported) names << QFileInfo(p).fileName();
        note = tr("Not a capture, folder or project (skipped): %1").arg(names.join(QStringLiteral(", ")));
    }
    using A = DropPlan::Action;
    switch (plan.action) {
        case A::OpenProject:
            openProject(plan.projects.first());
            break;
        case A::ImportCaptures:
        case A::ImportFolders:
            importCaptures(plan.captures, plan.folders);
            break;
        case A::Mixed:
            if (!plan.projects.isEmpty()) {
                showStatus(tr("Drop one project on its own, or captures and folders to import."));
                return;
            }
            if (!plan.models.isEmpty() && plan.captures.isEmpty() && plan.folders.isEmpty()) {
                showStatus(tr("To classify with a model, use Classify > Classify a Capture."));
                return;
            }
            importCaptures(plan.captures, plan.folders);
            break;
        case A::Unsupported:
            showStatus(note.isEmpty() ? tr("Unsupported file") : note);
            return;
        case A::None:
            return;
    }
    if (!note.isEmpty()) showStatus(last_status_.isEmpty() ? note : note);
}

// --------------------------------------------------------------------------------------------
// Menu handlers

void MainWindow::onNewProject() {
    QString path = QFileDialog::getSaveFileName(this, tr("New Project"),
                                                QDir(lastFolder()).filePath(QStringLiteral("project.flowcnn")),
                                                tr("FlowCNN projects (*.flowcnn);;All files (*)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".") + QLatin1String(kProjectSuffix);
    newProject(path);
}

void MainWindow::onOpenProject() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), lastFolder(),
                                                      tr("FlowCNN projects (*.flowcnn);;All files (*)"));
    if (!path.isEmpty()) openProject(path);
}

void MainWindow::onSaveProjectAs() {
    if (!project_) return;
    QString path = QFileDialog::getSaveFileName(this, tr("Save Project As"),
                                                QDir(lastFolder()).filePath(QFileInfo(project_path_).fileName()),
                                                tr("FlowCNN projects (*.flowcnn);;All files (*)"));
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".") + QLatin1String(kProjectSuffix);
    if (QFileInfo(path).absoluteFilePath() == project_path_) return;
    QFile::remove(path);
    try {
        // VACUUM INTO writes a consistent, compact copy (WAL included).
        auto st = project_->db().prepare("VACUUM INTO ?");
        st.bind(1, path.toStdString());
        st.run();
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Save Project As"), QString::fromUtf8(e.what()));
        return;
    }
    const QString old = project_path_;
    const bool was_scratch = scratch_project_;
    if (openProject(path) && was_scratch) {
        QFile::remove(old);
        QFile::remove(old + QStringLiteral("-wal"));
        QFile::remove(old + QStringLiteral("-shm"));
    }
}

void MainWindow::onOpenCapture() {
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open Capture"), lastFolder(),
        tr("Captures (*.pcap *.pcapng *.cap *.pcap.gz);;All files (*)"));
    if (files.isEmpty()) return;
    importCaptures(files);
}

void MainWindow::onImportFolder() {
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Import Folder (one sub-folder per class)"), lastFolder());
    if (!dir.isEmpty()) importCaptures({}, {dir});
}

void MainWindow::onLiveCapture() {
    if (!ensureProject()) return;
    LiveCaptureDialog dlg(this);
    if (dlg.exec() != QDialog::Accepted || dlg.interfaceName().isEmpty()) return;
    const QString pcap = QFileInfo(project_path_).absolutePath() + QStringLiteral("/live-%1-%2.pcap")
                             .arg(dlg.interfaceName(),
                                  QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss")));
    startJob(new jobs::LiveCaptureJob(project_path_, dlg.interfaceName(), dlg.filter(), dlg.label(), pcap));
}

void MainWindow::onMakeSplit() {
    if (!project_) return;
    QList<QPair<QString, qint64>> labels;
    for (const auto& lc : project_->label_counts())
        labels.push_back({QString::fromStdString(lc.label), lc.with_image});
    SplitDialog dlg(labels, this);
    if (dlg.exec() != QDialog::Accepted) return;
    makeDataset(dlg.name(), dlg.options());
}

bool MainWindow::makeDataset(const QString& name, const dataset::SplitOptions& options) {
    if (!project_) return false;
    return startJob(new jobs::DatasetJob(project_path_, name, options));
}

#ifdef FLOWCNN_HAVE_ML
bool MainWindow::startTraining(qint64 datasetId, const model::HyperParams& hparams,
                               const train::TrainOptions& options, const QString& name) {
    if (!project_) return false;
    return startJob(new jobs::TrainJob(project_path_, datasetId, hparams, options, name));
}
#endif

void MainWindow::onStartTraining() {
#ifdef FLOWCNN_HAVE_ML
    if (!project_) return;
    const QVector<DatasetChoice> ds = training_choices(*project_);
    if (ds.isEmpty()) {
        QMessageBox::information(this, tr("Train"), tr("Make a dataset split first (Dataset > Make Split)."));
        return;
    }
    TrainDialog dlg(ds, this);
    if (dlg.exec() != QDialog::Accepted) return;
    if (dlg.knn())
        startJob(new jobs::TrainJob(project_path_, dlg.datasetId(), dlg.knnOptions(), dlg.runName()));
    else if (dlg.trees())
        startJob(new jobs::TrainJob(project_path_, dlg.datasetId(), dlg.treesOptions(), dlg.runName()));
    else
        startTraining(dlg.datasetId(), dlg.hyperParams(), dlg.trainOptions(), dlg.runName());
#endif
}

void MainWindow::onStartSearch() {
#ifdef FLOWCNN_HAVE_ML
    if (!project_) return;
    QVector<DatasetChoice> ds;
    for (const auto& d : project_->datasets())
        ds.push_back({d.id, QString::fromStdString(d.name)});
    if (ds.isEmpty()) {
        QMessageBox::information(this, tr("Grid Search"), tr("Make a dataset split first (Dataset > Make Split)."));
        return;
    }
    SearchDialog dlg(ds, this);
    if (dlg.exec() != QDialog::Accepted) return;
    try {
        startJob(new jobs::SearchJob(project_path_, dlg.spec(), dlg.execution()));
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Grid Search"), QString::fromUtf8(e.what()));
    }
#endif
}

void MainWindow::onResumeSearch() {
#ifdef FLOWCNN_HAVE_ML
    if (!project_) return;
    QStringList names;
    QVector<qint64> ids;
    for (const auto& s : listSearches(project_->db()))
        if (s.status != QStringLiteral("complete")) {
            names << tr("%1: %2 (%3, %4 trials)").arg(s.id).arg(s.name, s.status).arg(s.trials);
            ids << s.id;
        }
    if (ids.isEmpty()) {
        showStatus(tr("No unfinished grid search to resume."));
        return;
    }
    bool ok = false;
    const QString choice = QInputDialog::getItem(this, tr("Resume Search"), tr("Search:"), names, 0, false, &ok);
    if (!ok) return;
    search::Execution exec;
    exec.workers = std::max(1, QThread::idealThreadCount() / 2);
    startJob(new jobs::SearchJob(project_path_, ids.value(names.indexOf(choice)), exec));
#endif
}

void MainWindow::onClassify() {
#ifdef FLOWCNN_HAVE_ML
    if (!ensureProject()) return;
    QList<QPair<qint64, QString>> models;
    try {
        // With what the model is (a CNN's layers or "1-NN hamming"), from its run.
        auto st = project_->db().prepare(
            "SELECT m.id, m.name, m.created_at, r.hparams_json FROM models m LEFT JOIN runs r ON r.id = m.run_id "
            "ORDER BY m.id DESC");
        while (st.step()) {
            const QString kind = st.is_null(3) ? QString() : describeHparams(QString::fromStdString(st.text(3)));
            models.push_back({st.int64(0), tr("%1 (model %2, %3)")
                                               .arg(QString::fromStdString(st.text(1)))
                                               .arg(st.int64(0))
                                               .arg(QString::fromStdString(st.text(2))) +
                                               (kind.isEmpty() ? QString() : QStringLiteral(" · ") + kind)});
        }
    } catch (const std::exception& e) {
        showStatus(QString::fromUtf8(e.what()));
    }
    ClassifyDialog dlg(models, lastFolder(), this);
    if (dlg.exec() != QDialog::Accepted) return;
    setLastFolder(dlg.capturePath());
    classifyCapture(dlg.modelId(), dlg.modelPath(), dlg.capturePath(), dlg.threshold());
#endif
}

bool MainWindow::classifyCapture(qint64 modelId, const QString& modelPath, const QString& capturePath,
                                 double threshold) {
#ifdef FLOWCNN_HAVE_ML
    if (!ensureProject()) return false;
    return startJob(new jobs::ClassifyJob(project_path_, modelId, modelPath, capturePath, threshold));
#else
    Q_UNUSED(modelId);
    Q_UNUSED(modelPath);
    Q_UNUSED(capturePath);
    Q_UNUSED(threshold);
    showStatus(tr("This build has no model engine (LibTorch)."));
    return false;
#endif
}

void MainWindow::onExportReport() {
    if (!project_) return;
    if (classify_dock_->isVisible() && classify_choice_->currentData().toLongLong() > 0) {
        const qint64 id = classify_choice_->currentData().toLongLong();
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Report"),
            QDir(lastFolder()).filePath(QStringLiteral("classification-%1.html").arg(id)),
            tr("HTML (*.html);;PDF (*.pdf);;CSV (*.csv)"));
        if (path.isEmpty()) return;
        setLastFolder(path);
        exportClassificationReport(id, path);
        return;
    }
    qint64 run = eval_run_;
    if (!run) {
        const auto runs = listRuns(project_->db(), true);
        if (runs.isEmpty()) {
            showStatus(tr("There is no run to report on yet."));
            return;
        }
        run = runs.first().id;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Report"), QDir(lastFolder()).filePath(QStringLiteral("run-%1.html").arg(run)),
        tr("HTML (*.html);;PDF (*.pdf);;CSV (*.csv)"));
    if (path.isEmpty()) return;
    setLastFolder(path);
    exportRunReport(run, path);
}

void MainWindow::onAbout() {
    QString torch = tr("not built in");
#ifdef FLOWCNN_HAVE_ML
    torch = tr("built in");
#endif
    QMessageBox::about(
        this, tr("About FlowCNN Workbench"),
        tr("<h3>FlowCNN Workbench %1</h3>"
           "<p>Classifies network traffic with a convolutional neural network over 28x28 payload "
           "images (Ji et al., J-KICS 2019).</p>"
           "<table><tr><td>Qt</td><td>%2</td></tr><tr><td>LibTorch</td><td>%3</td></tr>"
           "<tr><td>libpcap</td><td>%4</td></tr><tr><td>SQLite</td><td>%5</td></tr></table>")
            .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion()), torch,
                 QString::fromLatin1(pcap_lib_version()), QString::fromLatin1(sqlite3_libversion())));
}

// --------------------------------------------------------------------------------------------
// Docks

void MainWindow::reloadRuns() {
    if (!project_) return;
    QSet<qint64> checked;
    for (int r = 0; r < runs_table_->rowCount(); ++r)
        if (runs_table_->item(r, 0)->checkState() == Qt::Checked)
            checked.insert(runs_table_->item(r, 0)->data(Qt::UserRole).toLongLong());
    QVector<RunRow> runs;
    try {
        runs = listRuns(project_->db(), false);
    } catch (const std::exception& e) {
        showStatus(QString::fromUtf8(e.what()));
        return;
    }
    const QSignalBlocker block(runs_table_);
    runs_table_->setSortingEnabled(false);
    runs_table_->setRowCount(static_cast<int>(runs.size()));
    for (int r = 0; r < runs.size(); ++r) {
        const RunRow& run = runs[r];
        auto* id = item(QString::number(run.id), run.id);
        id->setFlags(id->flags() | Qt::ItemIsUserCheckable);
        id->setCheckState(checked.contains(run.id) || training_plot_->hasRun(run.id) ? Qt::Checked : Qt::Unchecked);
        runs_table_->setItem(r, 0, id);
        runs_table_->setItem(r, 1, item(run.name));
        runs_table_->setItem(r, 2, item(describeHparams(run.hparamsJson)));
        runs_table_->setItem(r, 3, item(run.status));
        runs_table_->setItem(r, 4, item(QString::number(run.epochsDone)));
        runs_table_->setItem(r, 5, item(pct(run.trainAcc)));
        runs_table_->setItem(r, 6, item(pct(run.valAcc)));
        if (!run.error.isEmpty()) runs_table_->item(r, 3)->setToolTip(run.error);
    }
    runs_table_->resizeColumnsToContents();
    // Runs that ended with an image model can be explained (listRuns is newest first); the trees
    // read flow features, so a saliency map over the image has nothing to show for them.
    QVector<QPair<qint64, QString>> explainable;
    for (const RunRow& run : runs)
        if (!run.trees && (run.status == QStringLiteral("complete") || run.status == QStringLiteral("cancelled")))
            explainable.push_back({run.id, tr("run %1 %2").arg(run.id).arg(run.name)});
    explain_bar_->setRuns(explainable);
    baselines_dock_->refresh();  // a finished run adds a CNN row
}

void MainWindow::requestExplanation() {
#ifdef FLOWCNN_HAVE_ML
    const QModelIndex cur = flow_view_->currentIndex();
    if (!project_ || !cur.isValid() || !explain_bar_->active()) return;
    const qint64 flow = flow_model_->flowId(cur.row());
    if (!flow_model_->payloadImage(flow)) return;
    if (runner_->busy()) {
        showStatus(tr("%1 is running; the saliency map waits until it ends.").arg(runner_->current()->title()));
        return;
    }
    startJob(new jobs::ExplainJob(project_path_, explain_bar_->runId(), flow,
                                  explain_bar_->method() == ExplainBar::Occlusion ? explain::Method::Occlusion
                                                                                  : explain::Method::Gradient));
#else
    showStatus(tr("This build has no model engine: saliency maps need LibTorch."));
#endif
}

void MainWindow::onRunsItemChanged() {
    if (!project_) return;
    for (int r = 0; r < runs_table_->rowCount(); ++r) {
        auto* it = runs_table_->item(r, 0);
        if (!it) continue;
        const qint64 id = it->data(Qt::UserRole).toLongLong();
        const bool want = it->checkState() == Qt::Checked;
        if (want && !training_plot_->hasRun(id)) {
            training_plot_->addRun(id, tr("run %1").arg(id));
            const auto batches = runBatchLosses(project_->db(), id);
            const auto epochs = runEpochs(project_->db(), id);
            if (!epochs.isEmpty() && !batches.isEmpty()) {
                // Steps per epoch from the largest step seen in the first epoch's range.
                const auto run = getRun(project_->db(), id);
                Q_UNUSED(run);
            }
            for (const auto& e : epochs)
                training_plot_->appendEpoch(id, e.epoch, e.trainLoss, e.trainAcc, e.valLoss, e.valAcc);
            for (const auto& [step, loss] : batches) training_plot_->appendBatchLoss(id, step - 1, loss);
            training_plot_->flush();
        } else if (!want && training_plot_->hasRun(id)) {
            training_plot_->removeRun(id);
        }
    }
}

void MainWindow::showRun(qint64 runId) {
    if (!project_) return;
    reloadRuns();
    bool found = false;
    for (int r = 0; r < runs_table_->rowCount(); ++r)
        if (runs_table_->item(r, 0)->data(Qt::UserRole).toLongLong() == runId) {
            runs_table_->item(r, 0)->setCheckState(Qt::Checked);  // plots it
            runs_table_->selectRow(r);
            found = true;
        }
    if (!found && !training_plot_->hasRun(runId)) {
        // A grid-search trial: not in the runs list (which shows single runs), plot it anyway.
        training_plot_->addRun(runId, tr("run %1").arg(runId));
        for (const auto& e : runEpochs(project_->db(), runId))
            training_plot_->appendEpoch(runId, e.epoch, e.trainLoss, e.trainAcc, e.valLoss, e.valAcc);
        for (const auto& [step, loss] : runBatchLosses(project_->db(), runId))
            training_plot_->appendBatchLoss(runId, step - 1, loss);
        training_plot_->flush();
    }
    eval_run_ = runId;
    reloadEvaluation();
}

void MainWindow::reloadEvaluation() {
    if (!project_ || !eval_run_) return;
    const QSignalBlocker block(eval_choice_);
    eval_choice_->clear();
    const auto evals = runEvaluations(project_->db(), eval_run_);
    for (const auto& e : evals)
        eval_choice_->addItem(tr("Run %1 · %2 split · accuracy %3 · macro F1 %4")
                                  .arg(e.runId).arg(e.split, pct(e.accuracy)).arg(e.macroF1, 0, 'f', 3),
                              QVariantList{e.id, e.split});
    if (evals.isEmpty()) {
        confusion_->setData({}, {});
        per_class_model_->setConfusion({}, {});
        return;
    }
    confusion_->setData(evals.first().confusion, evals.first().classes);
    per_class_model_->setConfusion(evals.first().confusion, evals.first().classes);
    per_class_view_->resizeColumnsToContents();
    cell_flows_->setRowCount(0);
}

void MainWindow::onConfusionCellClicked(int t, int p) {
    if (!project_ || eval_choice_->count() == 0) return;
    const qint64 eval = eval_choice_->currentData().toList().value(0).toLongLong();
    const auto flows = cellFlows(project_->db(), eval, t, p);
    cell_flows_->setRowCount(static_cast<int>(flows.size()));
    for (int r = 0; r < flows.size(); ++r) {
        cell_flows_->setItem(r, 0, item(QString::number(flows[r].flowId), flows[r].flowId));
        cell_flows_->setItem(r, 1, item(pct(flows[r].confidence)));
    }
    const QStringList names = confusion_->classNames();
    showStatus(tr("%n flow(s) of class %1 predicted as %2", nullptr, static_cast<int>(flows.size()))
                   .arg(names.value(t), names.value(p)));
    if (!flows.isEmpty()) cell_flows_->selectRow(0);
}

void MainWindow::reloadSearches() {
    if (!project_) return;
    const qint64 current = search_choice_->currentData().toLongLong();
    const QSignalBlocker block(search_choice_);
    search_choice_->clear();
    for (const auto& s : listSearches(project_->db()))
        search_choice_->addItem(tr("Search %1: %2 · %3 · %4 · %n trial(s)", nullptr, s.trials)
                                    .arg(s.id).arg(s.name, s.mode, s.status),
                                s.id);
    int i = search_choice_->findData(current);
    if (i < 0) i = 0;
    search_choice_->setCurrentIndex(i);
    onSearchChosen();
}

void MainWindow::onSearchChosen() {
    const qint64 id = search_choice_->currentData().toLongLong();
    if (id && leaderboard_model_->searchId() != id) leaderboard_model_->setSearch(id);
    for (const auto& s : project_ ? listSearches(project_->db()) : QVector<SearchRow>{})
        if (s.id == id) {
            const bool val = s.selection != QStringLiteral("train");
            leaderboard_model_->setRankOnValidation(val);
            best_plot_->setMetricName(val ? tr("Validation accuracy") : tr("Training accuracy"));
        }
}

void MainWindow::reloadClassifications() {
    if (!project_) return;
    const QSignalBlocker block(classify_choice_);
    classify_choice_->clear();
    classify_choice_->addItem(tr("Labelled flows only"), 0);
    for (const auto& c : listClassifications(project_->db()))
        classify_choice_->addItem(tr("Classification %1 of %2 (%n flow(s))", nullptr, static_cast<int>(c.flows))
                                      .arg(c.id).arg(c.captureName),
                                  c.id);
    classify_choice_->setCurrentIndex(classify_choice_->count() > 1 ? 1 : 0);
    showClassificationCounts();
}

void MainWindow::showClassificationCounts() {
    if (!project_) return;
    const qint64 id = classify_choice_->currentData().toLongLong();
    const auto labelled = widgets::ClassCountChart::labelCounts(project_->db());
    const auto predicted = id ? classificationCounts(project_->db(), id) : widgets::ClassCountChart::Counts{};
    class_chart_->setCounts(labelled, predicted);
    // The same numbers as a table (exportable), in the chart's order.
    const QStringList cats = class_chart_->categories();
    classify_table_->setRowCount(static_cast<int>(cats.size()));
    for (int r = 0; r < cats.size(); ++r) {
        classify_table_->setItem(r, 0, item(cats[r]));
        for (int c = 1; c <= 2; ++c) {
            const qint64 n = c == 1 ? class_chart_->labelledCount(r) : class_chart_->predictedCount(r);
            auto* it = item(QLocale().toString(n), n);
            it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            classify_table_->setItem(r, c, it);
        }
    }
    classify_table_->setColumnHidden(2, id == 0);
    classify_table_->resizeColumnsToContents();
}

void MainWindow::reloadDatasets() {
    if (!project_) return;
    baselines_dock_->setProject(project_.get());
    const auto sets = project_->datasets();
    QSignalBlocker block(datasets_table_);
    datasets_table_->setRowCount(static_cast<int>(sets.size()));
    for (int r = 0; r < static_cast<int>(sets.size()); ++r) {
        const auto& d = sets[r];
        datasets_table_->setItem(r, 0, item(QString::fromStdString(d.name), static_cast<qint64>(d.id)));
        datasets_table_->setItem(r, 1, item(QString::number(d.classes.size())));
        datasets_table_->setItem(r, 2, item(QString::number(d.train)));
        datasets_table_->setItem(r, 3, item(QString::number(d.val)));
        datasets_table_->setItem(r, 4, item(QString::number(d.test)));
    }
    datasets_table_->resizeColumnsToContents();
    block.unblock();
    if (datasets_table_->rowCount() > 0 && datasets_table_->selectedItems().isEmpty())
        datasets_table_->selectRow(0);  // show an audit rather than an empty pane
    gallery_->setClasses(widgets::ImageGallery::sampleFromProject(project_->db(), 12));
}

// --------------------------------------------------------------------------------------------
// Reports and screenshots

bool MainWindow::exportRunReport(qint64 runId, const QString& path) {
    if (!project_) return false;
    if (runner_->busy()) {
        showStatus(tr("%1 is running; export the report when it has finished.").arg(runner_->current()->title()));
        return false;
    }
    showRun(runId);
    training_plot_->flush();
    ReportData report;
    try {
        report = collectRunReport(project_->db(), runId);
    } catch (const std::exception& e) {
        showStatus(QString::fromUtf8(e.what()));
        return false;
    }
    // Charts are drawn here (GUI thread); the job only lays out and writes the file.
    report.images.push_back({tr("Training curves"), training_plot_->grab().toImage()});
    if (!confusion_->counts().empty())
        report.images.push_back({tr("Confusion matrix"), confusion_->grab().toImage()});
    const auto samples = widgets::ImageGallery::sampleFromProject(project_->db(), 8);
    if (!samples.isEmpty()) {
        widgets::ImageGallery g;
        g.setClasses(samples);
        g.setScale(2);
        report.images.push_back({tr("Sample payload images per class"), g.renderGrid()});
    }
    return startJob(new jobs::ReportJob(report, path));
}

bool MainWindow::exportClassificationReport(qint64 classificationId, const QString& path) {
    if (!project_) return false;
    if (runner_->busy()) {
        showStatus(tr("%1 is running; export the report when it has finished.").arg(runner_->current()->title()));
        return false;
    }
    ReportData report;
    try {
        report = collectClassificationReport(project_->db(), classificationId);
    } catch (const std::exception& e) {
        showStatus(QString::fromUtf8(e.what()));
        return false;
    }
    widgets::ClassCountChart chart;
    chart.resize(900, 450);
    chart.setCounts({}, classificationCounts(project_->db(), classificationId));
    report.images.push_back({tr("Flows per predicted class"), chart.grab().toImage()});
    return startJob(new jobs::ReportJob(report, path));
}

bool MainWindow::saveScreenshots(const QString& dir) {
    QDir().mkpath(dir);
    auto settle = [] {
        for (int i = 0; i < 5; ++i) QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    };
    resize(1400, 900);
    resizeDocks({training_dock_}, {400}, Qt::Vertical);
    main_split_->setSizes({260, 170});
    settle();
    if (flow_model_->hasProject()) {
        flow_model_->waitForIdle();
        // Show a flow that has an image.
        for (int r = 0; r < flow_model_->rowCount() && r < 200; ++r) {
            const qint64 id = flow_model_->flowId(r);
            if (flow_model_->payloadImage(id)) {
                selectFlow(id);
                break;
            }
        }
    }
    bool ok = true;
    auto shot = [&](QDockWidget* dock, const QString& name) {
        if (dock) {
            dock->show();
            dock->raise();
        }
        training_plot_->flush();
        settle();
        ok = grab().save(QDir(dir).filePath(name)) && ok;
    };
    shot(dataset_dock_, QStringLiteral("flows.png"));
    // Training: plot the newest runs.
    if (project_) {
        const auto runs = listRuns(project_->db(), false);
        for (int i = 0; i < runs.size() && i < 3; ++i) showRun(runs[i].id);
        if (!runs.isEmpty()) showRun(runs.first().id);
    }
    shot(training_dock_, QStringLiteral("training.png"));
    if (eval_choice_->count() > 0) {
        // Click the first off-diagonal cell with flows, else the first diagonal one.
        const auto& m = confusion_->counts();
        int bt = -1, bp = -1;
        for (int t = 0; t < static_cast<int>(m.size()) && bt < 0; ++t)
            for (int p = 0; p < static_cast<int>(m[t].size()); ++p)
                if (t != p && m[t][p] > 0) {
                    bt = t;
                    bp = p;
                    break;
                }
        if (bt < 0 && !m.empty()) bt = bp = 0;
        if (bt >= 0) onConfusionCellClicked(bt, bp);
    }
    shot(eval_dock_, QStringLiteral("confusion.png"));
    shot(search_dock_, QStringLiteral("leaderboard.png"));
    shot(classify_dock_, QStringLiteral("classification.png"));
    // Honest accuracy: the baselines of the selected dataset next to its CNN runs, and the
    // saliency of the selected flow for the newest run (both jobs waited for here).
    if (project_ && baselines_dock_->currentDataset() > 0 && !runner_->busy()) {
        Q_EMIT baselines_dock_->runRequested(baselines_dock_->currentDataset(), true);
        runner_->wait();
        settle();
    }
    shot(baselines_dock_, QStringLiteral("baselines.png"));
    // The same baselines cross-validated by capture (5 folds), then back to the split's.
    if (project_ && baselines_dock_->currentDataset() > 0 && !runner_->busy()) {
        const int folds = baselines_dock_->folds();
        baselines_dock_->setFolds(5);
        Q_EMIT baselines_dock_->runRequested(baselines_dock_->currentDataset(), false);
        runner_->wait();
        settle();
        shot(baselines_dock_, QStringLiteral("baselines-cv.png"));
        baselines_dock_->setFolds(folds);
    }
    if (project_ && explain_bar_->runId() > 0 && !runner_->busy()) {
        explain_bar_->setShown(true);
        runner_->wait();
        settle();
        shot(nullptr, QStringLiteral("saliency.png"));
    }
    // The split form as Dataset > Make Split shows it.
    if (project_) {
        QList<QPair<QString, qint64>> labels;
        for (const auto& lc : project_->label_counts())
            labels.push_back({QString::fromStdString(lc.label), lc.with_image});
        SplitDialog dlg(labels, this);
        dlg.show();
        settle();
        ok = dlg.grab().save(QDir(dir).filePath(QStringLiteral("split-dialog.png"))) && ok;
    }
#ifdef FLOWCNN_HAVE_ML
    // The training form as Train > Start shows it.
    if (project_) {
        TrainDialog dlg(training_choices(*project_), this);
        dlg.setKnn(false);
        dlg.show();
        settle();
        ok = dlg.grab().save(QDir(dir).filePath(QStringLiteral("train-dialog.png"))) && ok;
        dlg.setKnn(true);
        settle();
        ok = dlg.grab().save(QDir(dir).filePath(QStringLiteral("train-dialog-knn.png"))) && ok;
        dlg.setFamily(TrainDialog::Family::Trees);
        settle();
        ok = dlg.grab().save(QDir(dir).filePath(QStringLiteral("train-dialog-trees.png"))) && ok;
    }
#endif
    return ok;
}

}  // namespace flowcnn::gui
