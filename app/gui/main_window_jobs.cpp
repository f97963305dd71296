// MainWindow's jobs: each is started with what it does when it finishes (a JobDone callback run
// by onJobFinished), and the menu handlers whose dialogs start them.
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QTableView>
#include <QThread>
#include <QtNumeric>
#include <utility>

#include "app/gui/baselines_dock.h"
#include "app/gui/classification_dock.h"
#include "app/gui/classify_dialog.h"
#include "app/gui/dock_items.h"
#include "app/gui/datasets_dock.h"
#include "app/gui/evaluation_dock.h"
#include "app/gui/explain_bar.h"
#include "app/gui/live_capture_dialog.h"
#include "app/gui/main_window.h"
#include "app/gui/progress_frame.h"
#include "app/gui/project_queries.h"
#include "app/gui/report.h"
#include "app/gui/search_dialog.h"
#include "app/gui/search_dock.h"
#include "app/gui/split_dialog.h"
#include "app/gui/train_dialog.h"
#include "app/gui/training_dock.h"
#include "app/jobs/baseline_job.h"
#include "app/jobs/dataset_job.h"
#include "app/jobs/import_job.h"
#include "app/jobs/label_job.h"
#include "app/jobs/live_capture_job.h"
#include "app/jobs/report_job.h"
#include "engine/store/project.h"
#include "widgets/byte_link.h"
#include "widgets/class_count_chart.h"
#include "widgets/confusion_matrix_widget.h"
#include "widgets/flow_table_model.h"
#include "widgets/hex_view.h"
#include "widgets/image_gallery.h"
#include "widgets/leaderboard_model.h"
#include "widgets/payload_image_view.h"
#include "widgets/training_plot.h"

#ifdef FLOWCNN_HAVE_ML
#include "app/jobs/classify_job.h"
#include "app/jobs/explain_job.h"
#include "app/jobs/search_job.h"
#include "app/jobs/train_job.h"
#endif

namespace flowcnn::gui {

// --------------------------------------------------------------------------------------------
// Starting and finishing

bool MainWindow::refuseJob(jobs::Job* job) {
    if (!runner_->busy()) return false;
    showStatus(tr("%1 is running; wait for it or stop it first.").arg(runner_->current()->title()));
    delete job;
    return true;
}

bool MainWindow::startJob(jobs::Job* job, JobDone done) {
    if (refuseJob(job)) return false;
    own_job_ = job;
    job_done_ = std::move(done);
    return runner_->start(job);
}

void MainWindow::onJobStarted(jobs::Job* job) {
    query_progress_ = false;  // the job takes the progress frame over
    progress_->begin(job->title(), job->cancellable());
    refresh_timer_.start();
    updateActions();
}

void MainWindow::onJobFinished(jobs::Job* job, bool ok, bool cancelled, const QString& message) {
    progress_->end();
    refresh_timer_.stop();
    QString text = message;
    if (cancelled) text = tr("%1 stopped. ").arg(job->title()) + message;
    else if (!ok) text = tr("%1 failed: %2").arg(job->title(), message);
    showStatus(text, 15000);
    // The job is still alive here: the runner deletes it after this slot. A job started on the
    // runner directly (not by startJob) left no callback: re-read what it may have written.
    const bool own = std::exchange(own_job_, nullptr) == job;
    if (JobDone done = std::exchange(job_done_, {}); own && done) done(ok, cancelled, message);
    else if (!own) refreshAll();
    updateActions();
    emit jobFinished(ok, text);
}

// --------------------------------------------------------------------------------------------
// Jobs

bool MainWindow::importCaptures(const QStringList& captures, const QStringList& folders) {
    if (runner_->busy()) {
        showStatus(tr("%1 is running; the files were not imported.").arg(runner_->current()->title()));
        return false;
    }
    if (captures.isEmpty() && folders.isEmpty()) return false;
    if (!ensureProject()) return false;
    if (!captures.isEmpty()) setLastFolder(captures.first());
    else setLastFolder(folders.first());
    return startJob(new jobs::ImportJob(project_path_, captures, folders), [this](bool, bool, const QString&) {
        if (flow_model_->hasProject()) flow_model_->refresh();
        if (classification_dock_->isVisible()) classification_dock_->reload();
    });
}

bool MainWindow::makeDataset(const QString& name, const dataset::SplitOptions& options) {
    if (!project_) return false;
    auto* job = new jobs::DatasetJob(project_path_, name, options);
    return startJob(job, [this, job](bool ok, bool, const QString&) {
        reloadDatasets();
        datasets_dock_->raise();
        if (ok) datasets_dock_->showNewDataset(job->datasetId(), job->auditText());
    });
}

void MainWindow::startBaselines(qint64 datasetId, bool maskNames) {
    baseline::BaselineRunOptions o;
    o.masked = maskNames;
    o.folds = baselines_dock_->folds();
    auto* job = new jobs::BaselineJob(project_path_, datasetId, o);
    const bool started = startJob(job, [this, job](bool ok, bool, const QString&) {
        if (!ok) return;
        baselines_dock_->setBaselineResults(job->datasetId(), job->result());
        baselines_dock_->raise();
    });
    if (started) baselines_dock_->raise();
}

void MainWindow::onLiveCapture() {
    if (!ensureProject()) return;
    LiveCaptureDialog dlg(this);
    if (dlg.exec() != QDialog::Accepted || dlg.interfaceName().isEmpty()) return;
    const QString pcap = QFileInfo(project_path_).absolutePath() + QStringLiteral("/live-%1-%2.pcap")
                             .arg(dlg.interfaceName(),
                                  QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss")));
    auto* job = new jobs::LiveCaptureJob(project_path_, dlg.interfaceName(), dlg.filter(), dlg.label(), pcap);
    startJob(job, [this](bool ok, bool cancelled, const QString& message) {
        if (flow_model_->hasProject()) flow_model_->refresh();
        if (ok || cancelled) return;
        // A refused capture explains what to do (setcap on flowcnn-capture, or its group):
        // too long for the status bar. Non-modal, so nothing waits on it.
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Live Capture"), message, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("liveCaptureError"));
        box->setTextInteractionFlags(Qt::TextSelectableByMouse);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

#ifdef FLOWCNN_HAVE_ML
bool MainWindow::startTraining(qint64 datasetId, const model::HyperParams& hparams,
                               const train::TrainOptions& options, const QString& name) {
    if (!project_) return false;
    return startTrainJob(new jobs::TrainJob(project_path_, datasetId, hparams, options, name));
}
#endif

bool MainWindow::startTrainJob(jobs::TrainJob* job) {
#ifdef FLOWCNN_HAVE_ML
    if (refuseJob(job)) return false;
    // The run id is known at the end; the live data plots under a temporary key.
    training_dock_->beginLiveRun();
    connect(job, &jobs::TrainJob::batchDone, this, [this](int, qint64 step, int, int batches, double loss, double) {
        training_dock_->appendLiveBatch(step, batches, loss);
    });
    connect(job, &jobs::TrainJob::epochDone, this,
            [this](int epoch, double tl, double ta, bool hv, double vl, double va, double, double) {
                training_dock_->appendLiveEpoch(epoch, tl, ta, hv ? vl : qQNaN(), hv ? va : qQNaN());
                reloadRuns();
            });
    return startJob(job, [this, job](bool, bool, const QString&) {
        training_dock_->endLiveRun();
        reloadRuns();
        if (job->runId()) showRun(job->runId());
    });
#else
    Q_UNUSED(job);
    return false;
#endif
}

bool MainWindow::startSearchJob(jobs::SearchJob* job) {
#ifdef FLOWCNN_HAVE_ML
    if (refuseJob(job)) return false;
    search_dock_->raise();
    connect(job, &jobs::SearchJob::trialStarted, search_dock_, &SearchDock::trialStarted);
    connect(job, &jobs::SearchJob::trialFinished, this,
            [this](qint64, const QString&, qulonglong done, qulonglong total, qint64, double best, double) {
                search_dock_->leaderboard()->refresh();
                showStatus(tr("Grid search: %1 of %2 trials, best %3").arg(done).arg(total).arg(percentText(best)));
            });
    return startJob(job, [this, job](bool, bool, const QString&) {
        search_dock_->reload();
        search_dock_->selectSearch(job->searchId());
        search_dock_->leaderboard()->refresh();
        reloadRuns();
    });
#else
    Q_UNUSED(job);
    return false;
#endif
}

bool MainWindow::classifyCapture(qint64 modelId, const QString& modelPath, const QString& capturePath,
                                 double threshold) {
#ifdef FLOWCNN_HAVE_ML
    if (!ensureProject()) return false;
    auto* job = new jobs::ClassifyJob(project_path_, modelId, modelPath, capturePath, threshold);
    return startJob(job, [this, job](bool, bool, const QString&) {
        if (flow_model_->hasProject()) flow_model_->refresh();
        classification_dock_->reload();
        classification_dock_->selectClassification(job->classificationId());
        classification_dock_->raise();
    });
#else
    Q_UNUSED(modelId);
    Q_UNUSED(modelPath);
    Q_UNUSED(capturePath);
    Q_UNUSED(threshold);
    showStatus(tr("This build has no model engine (LibTorch)."));
    return false;
#endif
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
    auto* job = new jobs::ExplainJob(project_path_, explain_bar_->runId(), flow,
                                     explain_bar_->method() == ExplainBar::Occlusion ? explain::Method::Occlusion
                                                                                     : explain::Method::Gradient);
    startJob(job, [this, job](bool ok, bool, const QString&) {
        // Only when the flow, run and method are still the ones asked for.
        const QModelIndex now = flow_view_->currentIndex();
        if (ok && now.isValid() && flow_model_->flowId(now.row()) == job->flowId() &&
            explain_bar_->runId() == job->runId()) {
            byte_link_->setBytes(job->image());  // the bytes as the model's fill made them
            image_view_->setSaliency(job->map());
            hex_view_->setSaliency(job->map());
        }
    });
#else
    showStatus(tr("This build has no model engine: saliency maps need LibTorch."));
#endif
}

// --------------------------------------------------------------------------------------------
// Menu handlers that start jobs

void MainWindow::onMakeSplit() {
    if (!project_) return;
    QList<QPair<QString, qint64>> labels;
    for (const auto& lc : project_->label_counts())
        labels.push_back({QString::fromStdString(lc.label), lc.with_image});
    SplitDialog dlg(labels, this);
    if (dlg.exec() != QDialog::Accepted) return;
    makeDataset(dlg.name(), dlg.options());
}

void MainWindow::onLabelFromCsv() {
    if (!project_) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Label Flows from CSV File"), lastFolder(),
                                                      tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
    if (path.isEmpty()) return;
    setLastFolder(path);
    // The defaults read nDPI's labels.csv layout; other layouts: flowcnn label --csv with column options.
    startLabelJob(new jobs::LabelJob(project_path_, path, dataset::CsvLabelOptions{}, false));
}

void MainWindow::onLabelWithNdpi() {
    if (!project_) return;
    const auto answer = QMessageBox::question(
        this, tr("Label Flows with nDPI"),
        tr("nDPI reads every capture of the project again and labels each flow it recognises from the "
           "payload. Keep the labels flows already have?"),
        QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, QMessageBox::Yes);
    if (answer == QMessageBox::Cancel) return;
    dpi::DpiLabelOptions o;
    o.only_unlabelled = answer == QMessageBox::Yes;
    startLabelJob(new jobs::LabelJob(project_path_, o));
}

bool MainWindow::startLabelJob(jobs::LabelJob* job) {
    return startJob(job, [this](bool, bool, const QString&) {
        if (flow_model_->hasProject()) flow_model_->refresh();
        if (datasets_dock_->isVisible()) reloadDatasets();
    });
}

void MainWindow::onStartTraining() {
#ifdef FLOWCNN_HAVE_ML
    if (!project_) return;
    const QVector<DatasetChoice> ds = TrainDialog::datasetChoices(*project_);
    if (ds.isEmpty()) {
        QMessageBox::information(this, tr("Train"), tr("Make a dataset split first (Dataset > Make Split)."));
        return;
    }
    TrainDialog dlg(ds, this);
    if (dlg.exec() != QDialog::Accepted) return;
    if (dlg.knn())
        startTrainJob(new jobs::TrainJob(project_path_, dlg.datasetId(), dlg.knnOptions(), dlg.runName()));
    else if (dlg.trees())
        startTrainJob(new jobs::TrainJob(project_path_, dlg.datasetId(), dlg.treesOptions(), dlg.runName()));
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
        startSearchJob(new jobs::SearchJob(project_path_, dlg.spec(), dlg.execution()));
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
    startSearchJob(new jobs::SearchJob(project_path_, ids.value(names.indexOf(choice)), exec));
#endif
}

void MainWindow::onClassify() {
#ifdef FLOWCNN_HAVE_ML
    if (!ensureProject()) return;
    ClassifyDialog dlg(classification_dock_->modelChoices(), lastFolder(), this);
    if (dlg.exec() != QDialog::Accepted) return;
    setLastFolder(dlg.capturePath());
    classifyCapture(dlg.modelId(), dlg.modelPath(), dlg.capturePath(), dlg.threshold());
#endif
}

// --------------------------------------------------------------------------------------------
// Reports

void MainWindow::onExportReport() {
    if (!project_) return;
    if (classification_dock_->isVisible() && classification_dock_->currentClassification() > 0) {
        const qint64 id = classification_dock_->currentClassification();
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Report"),
            QDir(lastFolder()).filePath(QStringLiteral("classification-%1.html").arg(id)),
            tr("HTML (*.html);;PDF (*.pdf);;CSV (*.csv)"));
        if (path.isEmpty()) return;
        setLastFolder(path);
        exportClassificationReport(id, path);
        return;
    }
    qint64 run = evaluation_dock_->run();
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

bool MainWindow::exportRunReport(qint64 runId, const QString& path) {
    if (!project_) return false;
    if (runner_->busy()) {
        showStatus(tr("%1 is running; export the report when it has finished.").arg(runner_->current()->title()));
        return false;
    }
    showRun(runId);
    widgets::TrainingPlot* plot = training_dock_->plot();
    widgets::ConfusionMatrixWidget* confusion = evaluation_dock_->confusion();
    plot->flush();
    ReportData report;
    try {
        report = collectRunReport(project_->db(), runId);
    } catch (const std::exception& e) {
        showStatus(QString::fromUtf8(e.what()));
        return false;
    }
    // Charts are drawn here (GUI thread); the job only lays out and writes the file.
    report.images.push_back({tr("Training curves"), plot->grab().toImage()});
    if (!confusion->counts().empty()) report.images.push_back({tr("Confusion matrix"), confusion->grab().toImage()});
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

}  // namespace flowcnn::gui
