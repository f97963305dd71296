// Accuracy of the paper's Model 5 on the generated ten-application data set, at a size that runs
// in about a minute on two cores: 300 train / 100 validation flows per application, Adam 1e-3,
// batch 64, 4 epochs, fixed seeds. The paper-sized check (1000/300) is
// ProjectRun.PaperSizedGeneratedDataset in project_test.cpp (FLOWCNN_SLOW_TESTS=1).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "engine/dataset/split.h"
#include "engine/eval/evaluate.h"
#include "engine/generator/traffic_generator.h"
#include "engine/model/hparams.h"
#include "engine/store/importer.h"
#include "engine/store/project.h"
#include "engine/train/run_store.h"

using namespace flowcnn;
namespace fs = std::filesystem;

TEST(GeneratedAccuracy, Model5SmallSplit) {
    fs::path dir = fs::path(testing::TempDir()) / "flowcnn-ml-accuracy";
    fs::remove_all(dir);
    fs::create_directories(dir);
    generator::GeneratorOptions g;
    g.flows_per_app = 400;
    g.seed = 1;
    generator::generate_dataset((dir / "caps").string(), g);
    auto project = store::Project::create((dir / "p.flowcnn").string());
    store::import_folder(project, (dir / "caps").string(), store::ImportOptions{});
    dataset::SplitOptions so;
    so.train_count = 300;
    so.val_count = 100;
    so.seed = 1;
    auto ds = dataset::make_dataset(project, "small", so);
    ASSERT_EQ(ds.classes.size(), 10u);
    ASSERT_EQ(ds.train, 3000);
    ASSERT_EQ(ds.val, 1000);

    train::TrainOptions o;
    o.epochs = 4;
    o.batch = 64;
    o.lr = 1e-3;
    o.seed = 1;
    o.threads = 0;
    auto run = train::train_in_project(project.db(), ds.dataset_id, model::paper_model(5), o);
    auto summary = train::get_run(project.db(), run.run_id);
    ASSERT_TRUE(summary.val_acc);
    auto epochs = train::run_epochs(project.db(), run.run_id);
    ASSERT_EQ(epochs.size(), 4u);
    for (const auto& e : epochs)
        std::printf("epoch %d: train acc %.4f, val acc %.4f\n", e.epoch, e.train_acc, e.val_acc);

    // A guard at what the generated data supports today (see the README's generator section), not
    // the goal of 0.99: with 300 flows per class and 4 epochs Model 5 measured 0.942 here.
    EXPECT_GE(*summary.val_acc, 0.93) << "Model 5 validation accuracy on the generated data set";
    // Every application is learnt, not just the easy ones (chance is 0.1; Zum, the hardest, 0.74).
    
    ASSERT_FALSE(run.evaluation_ids.empty());
    auto ev = eval::get_evaluation(project.db(), run.evaluation_ids[0]);
    for (const auto& c : ev.metrics.per_class) EXPECT_GE(c.recall, 0.65) << c.label;
}
