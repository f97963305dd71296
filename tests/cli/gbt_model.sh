#!/usr/bin/env bash
# Gradient-boosted trees over flow features from the CLI, end to end: train --gbt -> runs -> eval
# -> model info -> classify with the exported file -> score on another project's labelled flows
# (known classes and an unseen one); baseline --gbt and --shuffle-labels; what a trees run refuses.
set -euo pipefail
FLOWCNN=$1; SRC=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"
if ! "$FLOWCNN" train --help >/dev/null 2>&1; then echo "SKIP: flowcnn built without ML"; exit 0; fi
P=$T/p.flowcnn

expect_exit 0 "$FLOWCNN" generate "$T/gen" --flows-per-app 40 --flows-per-file 20 --apps Google,Naver,Zum --quiet
expect_exit 0 "$FLOWCNN" import "$P" "$T/gen" --folder-per-class --quiet
expect_exit 0 "$FLOWCNN" dataset create "$P" small --per-class 25/10 --seed 3

expect_exit 0 "$FLOWCNN" train "$P" small --gbt --rounds 30 --max-depth 3 --name-rules --threads 1 --save-model "$T/gbt.model"
expect_out "run 1 complete: gradient-boosted trees (30 rounds, depth 3) over flow features, val acc"
expect_out "evaluation 1 (val): accuracy"
expect_out "model written to $T/gbt.model"

expect_exit 0 "$FLOWCNN" runs "$P"
expect_out "gradient-boosted trees (30 rounds, depth 3)"
expect_exit 0 "$FLOWCNN" eval "$P" 1 --split val --no-store
expect_out "run 1, val split: 30 images"

expect_exit 0 "$FLOWCNN" model info "$T/gbt.model"
expect_out "format version  3"
expect_out "flow features (version 1)"
expect_out '"temperature":'

expect_exit 0 "$FLOWCNN" classify --model "$T/gbt.model" "$T/gen/Naver/Naver-002.pcap" --show 0 --quiet
expect_out "Naver"

# Captures from elsewhere: Google and Zum are known, Yahoo is an application the model never saw.
expect_exit 0 "$FLOWCNN" generate "$T/other" --flows-per-app 20 --flows-per-file 20 --apps Google,Zum,Yahoo --seed 9 --quiet
expect_exit 0 "$FLOWCNN" import "$T/o.flowcnn" "$T/other" --folder-per-class --quiet
expect_exit 0 "$FLOWCNN" score "$T/o.flowcnn" --model "$T/gbt.model" --exclude-images-of "$P" --threads 1 --csv "$T/s.csv"
expect_out "60 labelled flows: [0-9]* copies of training images left out, [0-9]* of the model's 3 classes (2 present), 20 of other labels (1 labels)"
expect_out "known classes: accuracy"
expect_out "AUROC unseen vs known"
[ "$(grep -c '^0,' "$T/s.csv")" = 20 ] || { echo "FAIL: expected 20 unseen rows in the CSV"; exit 1; }
expect_exit 0 "$FLOWCNN" score "$T/o.flowcnn" --model-run "$P:1" --threshold 0.9 --threads 1
expect_out "unknown at threshold 0.90"

expect_exit 0 "$FLOWCNN" baseline "$P" small --gbt --rounds 20 --max-depth 3 --threads 1
expect_out "gradient-boosted trees (flow features)"
expect_exit 0 "$FLOWCNN" baseline "$P" small --gbt --knn 1 --rounds 20 --shuffle-labels --threads 1
expect_out "sanity control: every model was trained on shuffled labels"

# Leave-classes-out: one of the three classes held out per round, 1-NN and the trees.
expect_exit 0 "$FLOWCNN" baseline "$P" small --hold-out-classes 1 --hold-out-rounds 2 --rounds 20 --threads 1
expect_out "leave-classes-out: 2 rounds of 1 held-out classes (seed 1)"
expect_out "gradient-boosted trees, calibrated"
expect_exit 2 "$FLOWCNN" baseline "$P" small --hold-out-classes 2 --threads 1
expect_err "need at least 4 classes with train flows"

expect_exit 2 "$FLOWCNN" train "$P" --resume 1
expect_err "gradient-boosted trees model: it has nothing to resume"
expect_exit 2 "$FLOWCNN" train "$P" small --gbt --epochs 5
expect_err "\-\-epochs applies to a CNN, not to --gbt"
expect_exit 2 "$FLOWCNN" explain "$P" --model-run 1 --flow 1 --method gradient
expect_err "reads flow features, not the image"
echo ok
