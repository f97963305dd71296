#!/usr/bin/env bash
# Successive halving versus exhaustive grid search on the generated data set.
#
# Generates the paper-shaped synthetic captures (flowcnn generate), imports them with one folder
# per class, builds a dataset, then runs the same reduced grid twice: exhaustive (every trial for
# EPOCHS epochs) and successive halving (MIN_EPOCHS .. EPOCHS, keep 1/ETA per rung). Reports the
# wall time of each, the trials and epochs trained, and whether halving found the exhaustive
# winner (and where its pick ranks in the exhaustive leaderboard).
#
# usage: scripts/bench_search.sh [FLOWCNN_BINARY]
# environment (defaults in brackets):
#   WORK [a new temp dir]   where captures, the project and the CSVs go (kept)
#   PROJECT, DATASET        use an existing project and dataset instead of generating one
#   FLOWS_PER_APP [200]     generated flows per application (10 applications)
#   FRACTIONS [0.77/0.23]   train/val split of each class
#   GRID ["conv=relu,leaky_relu,tanh fc_act=leaky_relu kernel=3,5,7 pool=max padding=none,both fc=256"] (18)
#   EPOCHS [6]  MIN_EPOCHS [1]  ETA [3]  BATCH [32]  SEED [1]  SELECT [val]
#   WORKERS [2]  THREADS [cores / WORKERS]
#   EXHAUSTIVE_ID, EXHAUSTIVE_SECONDS   reuse a finished exhaustive search of PROJECT (and its wall
#                           time) instead of running it again, e.g. to try other halving settings
set -euo pipefail
export LC_ALL=C TZ=UTC
cd "$(dirname "$0")/.."

FLOWCNN=${1:-${FLOWCNN:-build/app/flowcnn}}
[ -x "$FLOWCNN" ] || { echo "bench_search: no flowcnn binary at $FLOWCNN (build first)" >&2; exit 2; }
WORK=${WORK:-$(mktemp -d -t flowcnn-bench-search-XXXXXX)}
mkdir -p "$WORK"
FLOWS_PER_APP=${FLOWS_PER_APP:-200}
FRACTIONS=${FRACTIONS:-0.77/0.23}  # train/val share of each class (the paper's 1000/300)
GRID=${GRID:-"conv=relu,leaky_relu,tanh fc_act=leaky_relu kernel=3,5,7 pool=max padding=none,both fc=256"}
EPOCHS=${EPOCHS:-6}
MIN_EPOCHS=${MIN_EPOCHS:-1}
ETA=${ETA:-3}
BATCH=${BATCH:-32}
SEED=${SEED:-1}
SELECT=${SELECT:-val}
WORKERS=${WORKERS:-2}
CORES=$(nproc)
THREADS=${THREADS:-$(( CORES / WORKERS > 0 ? CORES / WORKERS : 1 ))}

log() { echo "[bench_search] $*" >&2; }

if [ -z "${PROJECT:-}" ]; then
    PROJECT=$WORK/bench.flowcnn
    DATASET=bench
    if [ ! -f "$PROJECT" ]; then
        log "generating $FLOWS_PER_APP flows per application into $WORK/captures"
        "$FLOWCNN" generate "$WORK/captures" --flows-per-app "$FLOWS_PER_APP" --seed "$SEED" --quiet >/dev/null
        log "importing into $PROJECT"
        "$FLOWCNN" import "$PROJECT" "$WORK/captures" --folder-per-class --quiet >/dev/null
        log "creating dataset '$DATASET'"
        "$FLOWCNN" dataset create "$PROJECT" "$DATASET" --fractions "$FRACTIONS" --seed "$SEED" >/dev/null
    fi
fi
: "${DATASET:?set DATASET with PROJECT}"

common=(--grid "$GRID" --epochs "$EPOCHS" --batch "$BATCH" --seed "$SEED" --select "$SELECT"
        --workers "$WORKERS" --threads-per-worker "$THREADS" --no-model)

# Runs one search; prints "SEARCH_ID SECONDS" and keeps its log.
run_search() {
    local name=$1; shift
    local start end id
    start=$(date +%s.%N)
    "$FLOWCNN" search "$PROJECT" "$DATASET" "${common[@]}" --name "$name" "$@" >"$WORK/$name.log" 2>&1 ||
        { cat "$WORK/$name.log" >&2; exit 1; }
    end=$(date +%s.%N)
    id=$(sed -n 's/^search \([0-9][0-9]*\) complete:.*/\1/p' "$WORK/$name.log" | tail -1)
    [ -n "$id" ] || { cat "$WORK/$name.log" >&2; log "no search id in $name.log"; exit 1; }
    echo "$id $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')"
}

if [ -n "${EXHAUSTIVE_ID:-}" ]; then
    EX_ID=$EXHAUSTIVE_ID
    EX_S=${EXHAUSTIVE_SECONDS:?set EXHAUSTIVE_SECONDS with EXHAUSTIVE_ID}
    log "reusing exhaustive search $EX_ID (${EX_S}s)"
else
    log "exhaustive search ($EPOCHS epochs per trial, $WORKERS workers x $THREADS threads)"
    read -r EX_ID EX_S < <(run_search exhaustive --mode exhaustive)
fi
log "successive halving (min $MIN_EPOCHS, eta $ETA, max $EPOCHS epochs)"
SH_NAME="halving-min$MIN_EPOCHS-eta$ETA"
read -r SH_ID SH_S < <(run_search "$SH_NAME" --mode halving --min-epochs "$MIN_EPOCHS" --eta "$ETA")

"$FLOWCNN" leaderboard "$PROJECT" "$EX_ID" --csv "$WORK/exhaustive.csv" >/dev/null
"$FLOWCNN" leaderboard "$PROJECT" "$SH_ID" --csv "$WORK/$SH_NAME.csv" >/dev/null

# CSV columns: rank,run_id,trial_key,...,rung(11),train_acc(12),val_acc(13),...,epochs(16),budget(17),seconds(18),state(19)
acc_col=13
[ "$SELECT" = train ] && acc_col=12
winner() { awk -F, 'NR == 2 { print $3 }' "$1"; }
EX_WIN=$(winner "$WORK/exhaustive.csv")
SH_WIN=$(winner "$WORK/$SH_NAME.csv")
EX_ACC=$(awk -F, -v c=$acc_col 'NR == 2 { printf "%.2f", $c * 100 }' "$WORK/exhaustive.csv")
SH_ACC=$(awk -F, -v c=$acc_col 'NR == 2 { printf "%.2f", $c * 100 }' "$WORK/$SH_NAME.csv")
SH_RANK_IN_EX=$(awk -F, -v k="$SH_WIN" 'NR > 1 && $3 == k { print $1 }' "$WORK/exhaustive.csv")
EX_TRIALS=$(awk 'END { print NR - 1 }' "$WORK/exhaustive.csv")
SH_TRIALS=$(awk 'END { print NR - 1 }' "$WORK/$SH_NAME.csv")
EX_EPOCHS=$(awk -F, 'NR > 1 { s += $16 } END { print s }' "$WORK/exhaustive.csv")
SH_EPOCHS=$(awk -F, 'NR > 1 { s += $16 } END { print s }' "$WORK/$SH_NAME.csv")

cat <<EOF
grid:        $GRID
data:        $PROJECT dataset $DATASET, selection by $SELECT accuracy
machine:     $CORES cores, $WORKERS workers x $THREADS threads
exhaustive:  search $EX_ID, $EX_TRIALS trials, $EX_EPOCHS epochs, ${EX_S}s; winner $EX_WIN ($EX_ACC%)
halving:     search $SH_ID, $SH_TRIALS trials, $SH_EPOCHS epochs, ${SH_S}s; winner $SH_WIN ($SH_ACC% at $EPOCHS epochs)
speed-up:    $(awk -v a="$EX_S" -v b="$SH_S" 'BEGIN { printf "%.2f", a / b }')x wall time
same winner: $([ "$EX_WIN" = "$SH_WIN" ] && echo yes || echo "no (halving's pick ranks ${SH_RANK_IN_EX:-?} of $EX_TRIALS in the exhaustive search)")
files:       $WORK
EOF
