// MainWindow's menus, actions, context-menu actions and drops (main_window.cpp has the frame).
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <sqlite3.h>

#include <pcap/pcap.h>

#include "app/gui/baselines_dock.h"
#include "app/gui/classification_dock.h"
#include "app/gui/datasets_dock.h"
#include "app/gui/drop_policy.h"
#include "app/gui/evaluation_dock.h"
#include "app/gui/explain_bar.h"
#include "app/gui/language.h"
#include "app/gui/main_window.h"
#include "app/gui/recent_files.h"
#include "app/gui/search_dock.h"
#include "app/gui/training_dock.h"
#include "engine/dpi/ndpi_labeler.h"
#include "engine/store/project.h"
#include "widgets/flow_filter_bar.h"
#include "widgets/flow_table_model.h"
#include "widgets/hex_view.h"
#include "widgets/payload_image_view.h"

namespace flowcnn::gui {
namespace {
constexpr const char* kProjectSuffix = "flowcnn";
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
    label_csv_act_ = mk("labelFromCsv");
    label_ndpi_act_ = mk("labelWithNdpi");
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
    connect(label_csv_act_, &QAction::triggered, this, &MainWindow::onLabelFromCsv);
    connect(label_ndpi_act_, &QAction::triggered, this, &MainWindow::onLabelWithNdpi);
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
    dataset_menu_->addAction(label_csv_act_);
    dataset_menu_->addAction(label_ndpi_act_);
    dataset_menu_->addSeparator();
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
    for (QDockWidget* d : docks()) view_menu_->addAction(d->toggleViewAction());
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
    label_csv_act_->setText(tr("Label Flows from &CSV File..."));
    label_csv_act_->setToolTip(tr("Per-flow labels (nDPI's labels.csv, Zeek's conn.log as CSV, a spreadsheet), "
                                  "joined on capture name, protocol and endpoints"));
    label_ndpi_act_->setText(tr("Label Flows with &nDPI"));
    label_ndpi_act_->setToolTip(tr("Read every capture again with nDPI and label each flow with its verdict"));
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
    training_dock_->retranslate();
    search_dock_->retranslate();
    evaluation_dock_->retranslate();
    classification_dock_->retranslate();
    datasets_dock_->retranslate();
    baselines_dock_->retranslate();
    explain_bar_->retranslate();
    if (auto* tb = findChild<QToolBar*>(QStringLiteral("mainToolBar"))) tb->setWindowTitle(tr("Main Toolbar"));
    filter_bar_->setPlaceholderText(tr("Display filter, e.g. tcp port 443 host google (Enter applies)"));
    // Accessible names of the main views.
    filter_bar_->setAccessibleName(tr("Display filter"));
    flow_view_->setAccessibleName(tr("Flow table"));
    image_view_->setAccessibleName(tr("Payload image"));
    hex_view_->setAccessibleName(tr("Payload bytes"));
    updateCounts();
    updateTitle();
}

void MainWindow::changeEvent(QEvent* e) {
    if (e->type() == QEvent::LanguageChange) {
        retranslateUi();
        if (project_) {
            reloadRuns();
            search_dock_->reload();
            reloadDatasets();
            classification_dock_->reload();
        }
    }
    QMainWindow::changeEvent(e);
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
    label_csv_act_->setEnabled(have && !busy);
    label_ndpi_act_->setEnabled(have && !busy && !dpi::ndpi_version().empty());
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
// File menu

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
        project_->save_copy(path.toStdString());
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
// Labels (the flow table's context menu)

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
        if (datasets_dock_->isVisible()) reloadDatasets();
        if (classification_dock_->isVisible()) classification_dock_->showCounts();
    }
    return n;
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

}  // namespace flowcnn::gui
