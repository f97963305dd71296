#!/usr/bin/env bash
# Builds a small demo project with the command line (generated captures of the paper's ten
# applications, a dataset split, two training runs, a small grid search and a classification),
# then runs the workbench under xvfb-run with --screenshot to save PNGs of its main views:
#   flows.png (flow table + payload image + hex dump), training.png (curves + runs),
#   confusion.png (confusion matrix + per-class table + a cell's flows), leaderboard.png,
#   classification.png.
# usage: scripts/screenshots.sh [OUT_DIR] [BUILD_DIR]   (defaults: screenshots, build)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-screenshots}
BUILD=${2:-${BUILD_DIR:-build}}
CLI=$BUILD/app/flowcnn
GUI=$BUILD/app/gui/flowcnn-workbench
for b in "$CLI" "$GUI"; do
    [[ -x $b ]] || { echo "screenshots.sh: $b is missing; build first (scripts/build.sh)" >&2; exit 1; }
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
P=$WORK/demo.flowcnn
APPS=${APPS:-Baidu,Bing,Daum,Google,Naver,Youtube}
export TZ=UTC
"$CLI" generate "$WORK/captures" --flows-per-app "${FLOWS_PER_APP:-160}" --apps "$APPS" --seed 7 --quiet
"$CLI" new "$P"
"$CLI" import "$P" "$WORK/captures" --folder-per-class >/dev/null
"$CLI" dataset create "$P" demo --per-class 100/40 >/dev/null
"$CLI" train "$P" demo --model 5 --epochs "${EPOCHS:-6}" --batch 32 --name "Model 5" --quiet >/dev/null
"$CLI" train "$P" demo --model 1 --epochs "${EPOCHS:-6}" --batch 32 --name "Model 1" --quiet >/dev/null
# A run of a single epoch: it must still show on the curves (as points).
"$CLI" train "$P" demo --model 3 --epochs 1 --batch 32 --name "Model 3, 1 epoch" --quiet >/dev/null
"$CLI" search "$P" demo --grid "conv=relu,tanh kernel=3,5 padding=both fc=256 fc_act=leaky_relu pool=max,avg" \
    --epochs 2 --workers 2 >/dev/null
"$CLI" generate "$WORK/unknown" --flows-per-app 30 --apps "$APPS" --seed 99 --quiet
first=$(ls "$WORK"/unknown/*/*.pcap | head -1)
"$CLI" classify "$P" "$first" --show 0 --quiet >/dev/null
mkdir -p "$OUT"
for lang in en ko; do
    dir=$OUT
    [[ $lang == ko ]] && dir=$OUT/ko
    mkdir -p "$dir"
    HOME=$WORK/home-$lang XDG_CONFIG_HOME=$WORK/config-$lang xvfb-run -a -s "-screen 0 1600x1000x24" \
        "$GUI" --language "$lang" --screenshot "$dir" "$P"
done
ls -1 "$OUT"/*.png "$OUT"/ko/*.png
