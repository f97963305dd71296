#!/usr/bin/env bash
# The main job, end to end: generate the paper-shaped ten-application capture set, import it into
# demo/demo.flowcnn (one folder per class), make the paper's 1000/300 split, print the audit; then
# train Model 5 for a few epochs and build a 1-NN model beside it (when the build has the model
# engine), and open the workbench on the project (when one was built and a display is available).
#   FLOWS_PER_APP (default 1300)  EPOCHS (default 3)  SEED (default 1)  BUILD_DIR (default build)
#   DEMO_DIR (default demo)       NO_GUI=1 to skip the workbench
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
FLOWCNN=$BUILD_DIR/app/flowcnn
WORKBENCH=$BUILD_DIR/app/gui/flowcnn-workbench
DEMO_DIR=${DEMO_DIR:-demo}
FLOWS_PER_APP=${FLOWS_PER_APP:-1300}
EPOCHS=${EPOCHS:-3}
SEED=${SEED:-1}
PROJECT=$DEMO_DIR/demo.flowcnn

[ -x "$FLOWCNN" ] || { echo "demo: $FLOWCNN not found; run scripts/build.sh first" >&2; exit 1; }

# The paper's split is 1000 train + 300 validation per class; smaller sets keep its proportions.
if [ "$FLOWS_PER_APP" -ge 1300 ]; then
  TRAIN=1000 VAL=300
else
  TRAIN=$((FLOWS_PER_APP * 10 / 13)); VAL=$((FLOWS_PER_APP - TRAIN))
fi

echo "== 1. generate $FLOWS_PER_APP flows for each of the paper's ten applications"
mkdir -p "$DEMO_DIR"
rm -rf "$DEMO_DIR/captures" "$PROJECT" "$PROJECT-wal" "$PROJECT-shm"  # a fresh run each time
"$FLOWCNN" generate "$DEMO_DIR/captures" --flows-per-app "$FLOWS_PER_APP" --seed "$SEED"

echo
echo "== 2. import (one folder per class: the folder name is the label)"
"$FLOWCNN" import "$PROJECT" "$DEMO_DIR/captures" --folder-per-class --quiet | tail -n 3

echo
echo "== 3. the paper's split: $TRAIN train / $VAL validation per class, duplicates kept on one side"
"$FLOWCNN" dataset create "$PROJECT" paper --per-class "$TRAIN/$VAL" --seed "$SEED"

echo
"$FLOWCNN" info "$PROJECT" | sed -n '/^flows:/,$p'

if "$FLOWCNN" --help | grep -q '^  train '; then
  echo
  echo "== 4. train the paper's Model 5 (7x7 conv, ReLU, conv-only padding, max pool, FC 1024 Leaky ReLU) for $EPOCHS epochs"
  if "$FLOWCNN" train --help | grep -q -- '--model'; then
    "$FLOWCNN" train "$PROJECT" paper --model 5 --epochs "$EPOCHS" --seed "$SEED"
  else
    "$FLOWCNN" train "$PROJECT" paper --epochs "$EPOCHS" --seed "$SEED"
  fi
  if "$FLOWCNN" train --help | grep -q -- '--knn'; then
    echo
    echo "== 4b. beside it, a 1-nearest-neighbour model with server-name rules (the best model on unseen captures)"
    "$FLOWCNN" train "$PROJECT" paper --knn 1 --name-rules --name "1-NN + name rules"
  fi
else
  echo
  echo "== 4. (skipped: this build has no model engine; configure with -DFLOWCNN_BUILD_ML=ON to train)"
fi

if [ -z "${NO_GUI:-}" ] && [ -x "$WORKBENCH" ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo
  echo "== 5. opening the workbench on $PROJECT"
  exec "$WORKBENCH" "$PROJECT"
fi
echo
echo "done: the project is $PROJECT (open it with $WORKBENCH $PROJECT)"
