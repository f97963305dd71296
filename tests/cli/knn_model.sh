#!/usr/bin/env bash
# A k-NN model from the CLI, end to end: train --knn -> runs -> eval -> model export/info ->
# classify with the exported file -> explain (occlusion); and what a k-NN run refuses.
set -euo pipefail
FLOWCNN=$1; SRC=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"
if ! "$FLOWCNN" train --help >/dev/null 2>&1; then echo "SKIP: flowcnn built without ML"; exit 0; fi
P=$T/p.flowcnn

expect_exit 0 "$FLOWCNN" generate "$T/gen" --flows-per-app 30 --flows-per-file 15 --apps Google,Naver,Zum --quiet
expect_exit 0 "$FLOWCNN" import "$P" "$T/gen" --folder-per-class --quiet
expect_exit 0 "$FLOWCNN" dataset create "$P" small --per-class 20/10 --seed 3 --fill zero --payload-bytes 128

expect_exit 0 "$FLOWCNN" train "$P" small --knn 1 --name-rules --name nearest --save-model "$T/knn.model"
expect_out "run 1 complete: 1-NN hamming over the train split, val acc"
expect_out "server-name rules learnt from the train split"
expect_out "evaluation 1 (val): accuracy"
expect_out "model written to $T/knn.model"

expect_exit 0 "$FLOWCNN" runs "$P"
expect_out "1-NN hamming  nearest"
expect_exit 0 "$FLOWCNN" runs "$P" --json
expect_out '"hparams":{"distance":"hamming","k":1,"model":"knn"}\|"hparams":{"model":"knn","k":1,"distance":"hamming"}'

expect_exit 0 "$FLOWCNN" eval "$P" 1 --split val --no-store
expect_out "run 1, val split: 30 images"
expect_out "server-name rules decided"

expect_exit 0 "$FLOWCNN" model info "$T/knn.model"
expect_out "format version  2"
expect_out "model           1-NN hamming"
expect_out "images          60 training images"
expect_out "from the first 128 payload bytes), fill zero"

# The exported model classifies a capture on its own (no project), with the model's preprocessing.
expect_exit 0 "$FLOWCNN" classify --model "$T/knn.model" "$T/gen/Naver/Naver-002.pcap" --show 0 --quiet
expect_out "Naver"

# Occlusion by default for a k-NN model; gradients asked for by name are refused with a reason.
flow=$(sqlite3 "$P" "SELECT flow_id FROM dataset_flows WHERE dataset_id = 1 AND split = 'val' LIMIT 1" 2>/dev/null || echo 1)
expect_exit 0 "$FLOWCNN" explain "$P" --model-run 1 --flow "$flow" --top 3
expect_out "occlusion saliency"
expect_out "nearest training flows (bytes that differ)"
expect_exit 2 "$FLOWCNN" explain "$P" --model-run 1 --flow "$flow" --method gradient
expect_err "gradient saliency needs a CNN"

# Nothing to resume; CNN options do not apply; a bad distance is named.
expect_exit 2 "$FLOWCNN" train "$P" --resume 1
expect_err "k-NN model: it has nothing to resume"
expect_exit 2 "$FLOWCNN" train "$P" small --knn 3 --epochs 5
expect_err "\-\-epochs applies to a CNN, not to --knn"
expect_exit 2 "$FLOWCNN" train "$P" small --knn 1 --distance cosine
expect_err "expected hamming or l1"
echo ok
