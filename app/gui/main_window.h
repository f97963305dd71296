#pragma once
// The workbench's main window: a Wireshark-like layout (flow table on top, the selected flow's
// payload image and hex dump below) with docks for training, grid search, evaluation,
// classification and datasets. All long work runs through the JobRunner (app/jobs); the GUI thread
// only reads small things from the project.
#include <QList>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <memory>

#include "app/jobs/job.h"
#include "engine/dataset/split.h"
#ifdef FLOWCNN_HAVE_ML
#include "engine/hparams/hparams.h"
#include "engine/train/trainer.h"
#endif

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QSplitter;
class QTableView;
class QTableWidget;

namespace flowcnn::store {
class Project;
}
namespace flowcnn::jobs {
class LabelJob;
class SearchJob;
class TrainJob;
}  // namespace flowcnn::jobs
namespace flowcnn::widgets {
class ByteLink;
class ConfusionMatrixWidget;
class FlowFilterBar;
class FlowTableModel;
class HexView;
class LeaderboardModel;
class PayloadImageView;
class PerClassMetricsModel;
class TrainingPlot;
}  // namespace flowcnn::widgets

namespace flowcnn::gui {

class Language;
class BaselinesDock;
class ClassificationDock;
class DatasetsDock;
class EvaluationDock;
class ExplainBar;
class ProgressFrame;
class RecentFiles;
class SearchDock;
class TrainingDock;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Language* language = nullptr, QWidget* parent = nullptr);
    ~MainWindow() override;

    // --- scripting and tests ---
    // Opens a project, or imports a capture (into the open project, or a new scratch one), or
    // imports a folder of labelled captures. Returns false with a status-bar message on failure.
    bool openPath(const QString& path);
    bool openProject(const QString& path);
    bool newProject(const QString& path);
    void closeProject();
    // Starts an import job; false (with a status message) when a job is running.
    bool importCaptures(const QStringList& captures, const QStringList& folders = {});
    // Starts a DatasetJob (Dataset > Make Split without the dialog).
    bool makeDataset(const QString& name, const dataset::SplitOptions& options);
    // Starts a LabelJob (Dataset > Label Flows from CSV / with nDPI without the dialogs).
    bool startLabelJob(jobs::LabelJob* job);
#ifdef FLOWCNN_HAVE_ML
    // Starts a TrainJob (Train > Start without the dialog).
    bool startTraining(qint64 datasetId, const model::HyperParams& hparams,
                       const train::TrainOptions& options, const QString& name = {});
#endif
    // Starts a ClassifyJob: model_id > 0 is a project model, else model_path a model file.
    bool classifyCapture(qint64 modelId, const QString& modelPath, const QString& capturePath,
                         double threshold = 0.5);
    // Writes a report of a classification (.html, .pdf, or .csv with one row per flow).
    bool exportClassificationReport(qint64 classificationId, const QString& path);
    // Handles dropped paths as a drop event would.
    void handleDrop(const QStringList& paths);
    QString projectPath() const { return project_path_; }
    store::Project* project() const { return project_.get(); }
    jobs::JobRunner* jobRunner() const { return runner_; }
    bool jobRunning() const;
    // Selects a flow by id (shows its image and bytes); false when it is not in the table.
    bool selectFlow(qint64 flowId);
    // Opens a run in the Training and Evaluation docks.
    void showRun(qint64 runId);
    // Writes a report of a run: .html, .pdf or .csv by suffix. Runs as a ReportJob.
    bool exportRunReport(qint64 runId, const QString& path);
    // Sets (an empty label clears) the label of the selected flows; the flows written, -1 on error.
    int labelSelectedFlows(const QString& label);

    // false: failures go to the status bar only, never to a message box (the screenshot mode).
    void setInteractive(bool on) { interactive_ = on; }

    widgets::FlowTableModel* flowModel() const { return flow_model_; }
    QTableView* flowView() const { return flow_view_; }
    widgets::PayloadImageView* imageView() const { return image_view_; }
    widgets::HexView* hexView() const { return hex_view_; }
    QSplitter* mainSplitter() const { return main_split_; }
    ExplainBar* explainBar() const { return explain_bar_; }
    TrainingDock* trainingDock() const { return training_dock_; }
    SearchDock* searchDock() const { return search_dock_; }
    EvaluationDock* evaluationDock() const { return evaluation_dock_; }
    ClassificationDock* classificationDock() const { return classification_dock_; }
    DatasetsDock* datasetsDock() const { return datasets_dock_; }
    BaselinesDock* baselinesDock() const { return baselines_dock_; }
    widgets::TrainingPlot* trainingPlot() const;
    QTableWidget* runsTable() const;
    QTableWidget* classificationTable() const;
    widgets::ConfusionMatrixWidget* confusionWidget() const;
    widgets::PerClassMetricsModel* perClassModel() const;
    widgets::LeaderboardModel* leaderboardModel() const;
    QLabel* countsLabel() const { return counts_label_; }
    ProgressFrame* progressFrame() const { return progress_; }
    QString lastStatusMessage() const { return last_status_; }

public slots:
    void refreshAll();

signals:
    void projectOpened(const QString& path);
    void jobFinished(bool ok, const QString& message);

protected:
    void closeEvent(QCloseEvent* e) override;
    void changeEvent(QEvent* e) override;
    bool eventFilter(QObject* watched, QEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

private:
    void createCentral();
    void createDocks();
    QList<QDockWidget*> docks() const;
    void createActions();
    void createMenus();
    void retranslateUi();
    void readSettings();
    void writeSettings() const;
    void updateActions();
    void updateCounts();
    void updateTitle();
    void showStatus(const QString& text, int ms = 8000);
    QString lastFolder() const;
    void setLastFolder(const QString& path) const;
    bool ensureProject();
    // What to do when a job ends (on the GUI thread, after the status bar shows its message).
    using JobDone = std::function<void(bool ok, bool cancelled, const QString& message)>;
    // Starts a job (taking ownership) and runs `done` when it finishes; false (with a status
    // message, the job deleted) when another job is running. A job started on jobRunner()
    // directly has no callback: when it ends, the window re-reads the project (refreshAll).
    bool startJob(jobs::Job* job, JobDone done = {});
    // True (with a status message, the job deleted) when another job is running.
    bool refuseJob(jobs::Job* job);
    bool startTrainJob(jobs::TrainJob* job);
    bool startSearchJob(jobs::SearchJob* job);
    void startBaselines(qint64 datasetId, bool maskNames);
    // Closing a project greys the views out (GUI.md 10); opening clears what they still show.
    void setProjectViewsEnabled(bool on);
    void clearAnalysisViews();
    void installExportMenus();
    void addFlowLabelActions(QMenu* menu);

    // Menu handlers.
    void onNewProject();
    void onOpenProject();
    void onSaveProjectAs();
    void onOpenCapture();
    void onImportFolder();
    void onExportReport();
    void onLiveCapture();
    void onMakeSplit();
    void onLabelFromCsv();
    void onLabelWithNdpi();
    void onStartTraining();
    void onStartSearch();
    void onResumeSearch();
    void onClassify();
    void onAbout();
    void onFlowSelected();
    void onJobStarted(jobs::Job* job);
    void onJobFinished(jobs::Job* job, bool ok, bool cancelled, const QString& message);

    // Docks.
    void reloadRuns();
    void reloadDatasets();
    // Starts the saliency map of the selected flow for the explain bar's run and method.
    void requestExplanation();

    Language* language_;
    std::unique_ptr<store::Project> project_;
    QString project_path_;
    bool scratch_project_ = false;

    // Central views.
    QSplitter* main_split_ = nullptr;
    QSplitter* detail_split_ = nullptr;
    widgets::FlowFilterBar* filter_bar_ = nullptr;
    widgets::FlowTableModel* flow_model_ = nullptr;
    QTableView* flow_view_ = nullptr;
    widgets::PayloadImageView* image_view_ = nullptr;
    widgets::HexView* hex_view_ = nullptr;
    widgets::ByteLink* byte_link_ = nullptr;
    QLabel* flow_info_ = nullptr;
    ExplainBar* explain_bar_ = nullptr;
    BaselinesDock* baselines_dock_ = nullptr;

    // Docks.
    TrainingDock* training_dock_ = nullptr;
    SearchDock* search_dock_ = nullptr;
    EvaluationDock* evaluation_dock_ = nullptr;
    ClassificationDock* classification_dock_ = nullptr;
    DatasetsDock* datasets_dock_ = nullptr;

    // Status bar.
    QLabel* counts_label_ = nullptr;
    ProgressFrame* progress_ = nullptr;
    QString last_status_;
    QTimer refresh_timer_;  // refreshes the table and docks while a job writes the project
    bool query_progress_ = false;  // the progress frame shows a flow-table sort/filter query

    jobs::JobRunner* runner_ = nullptr;
    jobs::Job* own_job_ = nullptr;  // the job startJob started (nullptr: none, or one started elsewhere)
    JobDone job_done_;               // what it does when it finishes
    RecentFiles* recent_ = nullptr;
    bool interactive_ = true;

    // Actions.
    QMenu* file_menu_ = nullptr;
    QMenu* recent_menu_ = nullptr;
    QMenu* capture_menu_ = nullptr;
    QMenu* dataset_menu_ = nullptr;
    QMenu* train_menu_ = nullptr;
    QMenu* search_menu_ = nullptr;
    QMenu* classify_menu_ = nullptr;
    QMenu* view_menu_ = nullptr;
    QMenu* language_menu_ = nullptr;
    QMenu* help_menu_ = nullptr;
    QAction* new_act_ = nullptr;
    QAction* open_act_ = nullptr;
    QAction* save_as_act_ = nullptr;
    QAction* close_act_ = nullptr;
    QAction* open_capture_act_ = nullptr;
    QAction* import_folder_act_ = nullptr;
    QAction* export_report_act_ = nullptr;
    QAction* quit_act_ = nullptr;
    QAction* live_act_ = nullptr;
    QAction* stop_act_ = nullptr;
    QAction* split_act_ = nullptr;
    QAction* label_csv_act_ = nullptr;
    QAction* label_ndpi_act_ = nullptr;
    QAction* train_act_ = nullptr;
    QAction* cancel_train_act_ = nullptr;
    QAction* search_act_ = nullptr;
    QAction* pause_search_act_ = nullptr;
    QAction* resume_search_act_ = nullptr;
    QAction* classify_act_ = nullptr;
    QAction* refresh_act_ = nullptr;
    QAction* lang_system_act_ = nullptr;
    QAction* lang_en_act_ = nullptr;
    QAction* lang_ko_act_ = nullptr;
    QActionGroup* lang_group_ = nullptr;
    QAction* about_act_ = nullptr;
    QAction* about_qt_act_ = nullptr;
};

}  // namespace flowcnn::gui
