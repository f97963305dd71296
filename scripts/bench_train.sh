#!/usr/bin/env bash
# Training and inference throughput of FlowCNN's LibTorch trainer against the PyTorch reference
# (../shared/peers/torch_peer.py) on the same images, threads, batch sizes and model (Model 5),
# one epoch each, run alternately in one invocation so both see the same machine load.
#
# usage: scripts/bench_train.sh [BUILD_DIR] (default build); env: THREADS (2), BATCHES ("64 256"),
#        EPOCHS (1), DATA (a folder with {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]),
#        PEER (path of torch_peer.py), REPEAT (1: runs per configuration; the best is reported)
# Images: USTC-TFC2016 10-class IDX from ../shared/datasets/ustc-idx/10class_Benign_SessionL7 when
# present (the t10k files serve as train and validation set when no train files exist), else a
# generated 10-class set written as IDX.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
FLOWCNN=$BUILD_DIR/app/flowcnn
PY=/usr/bin/python3
THREADS=${THREADS:-2}
BATCHES=${BATCHES:-64 256}
EPOCHS=${EPOCHS:-1}
REPEAT=${REPEAT:-1}
PEER=${PEER:-../shared/peers/torch_peer.py}
DATA=${DATA:-../shared/datasets/ustc-idx/10class_Benign_SessionL7}

[ -x "$FLOWCNN" ] || { echo "bench_train: $FLOWCNN not built" >&2; exit 1; }
"$PY" -c 'import torch, numpy' 2>/dev/null || { echo "bench_train: $PY lacks torch/numpy" >&2; exit 1; }
[ -f "$PEER" ] || { echo "bench_train: peer $PEER not found (set PEER=)" >&2; exit 1; }

pick() {  # first existing file of the given names in $DATA
  for n in "$@"; do [ -f "$DATA/$n" ] && { echo "$DATA/$n"; return; }; done
}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
TI=$(pick train-images-idx3-ubyte.gz train-images-idx3-ubyte || true)
TL=$(pick train-labels-idx1-ubyte.gz train-labels-idx1-ubyte || true)
VI=$(pick t10k-images-idx3-ubyte.gz t10k-images-idx3-ubyte || true)
VL=$(pick t10k-labels-idx1-ubyte.gz t10k-labels-idx1-ubyte || true)
if [ -z "$VI" ] && [ -n "$TI" ]; then VI=$TI; VL=$TL; fi
if [ -z "$TI" ] && [ -n "$VI" ]; then TI=$VI; TL=$VL; fi
if [ -z "$TI" ]; then
  SOURCE="generated (10 classes x 600 train / 100 val, class templates + 35% noise)"
  "$PY" - "$TMP" <<'PYEOF'
import struct, sys, numpy as np
out = sys.argv[1]
rng = np.random.default_rng(1)
tmpl = rng.integers(0, 256, (10, 784), dtype=np.uint8)
def make(per, seed):
    r = np.random.default_rng(seed)
    y = np.repeat(np.arange(10, dtype=np.uint8), per)
    x = tmpl[y].copy()
    mask = r.random(x.shape) < 0.35
    x[mask] = r.integers(0, 256, mask.sum(), dtype=np.uint8)
    p = r.permutation(len(y))
    return x[p], y[p]
for name, (x, y) in (("train", make(600, 2)), ("t10k", make(100, 3))):
    with open(f"{out}/{name}-images-idx3-ubyte", "wb") as f:
        f.write(struct.pack(">HBBIII", 0, 8, 3, len(x), 28, 28)); f.write(x.tobytes())
    with open(f"{out}/{name}-labels-idx1-ubyte", "wb") as f:
        f.write(struct.pack(">HBBI", 0, 8, 1, len(y))); f.write(y.tobytes())
PYEOF
  TI=$TMP/train-images-idx3-ubyte; TL=$TMP/train-labels-idx1-ubyte
  VI=$TMP/t10k-images-idx3-ubyte; VL=$TMP/t10k-labels-idx1-ubyte
else
  SOURCE="$TI"
fi

echo "images: $SOURCE"
echo "model: Model 5 (7x7x32 relu, conv-only padding, max pool, fc 1024 leaky_relu); threads $THREADS; epochs $EPOCHS"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %-18s %14s %14s %9s %9s\n' batch trainer train_img/s infer_img/s train_acc val_acc
field() { "$PY" -c 'import json,sys; d=json.loads(sys.argv[1]); print(d.get(sys.argv[2], ""))' "$1" "$2"; }
for B in $BATCHES; do
  best_peer=0; best_ours=0; best_peer_inf=0; best_ours_inf=0
  for ((r = 1; r <= REPEAT; r++)); do
    P=$("$PY" "$PEER" --train-images "$TI" --train-labels "$TL" --val-images "$VI" --val-labels "$VL" \
        --kernel 7 --conv-act relu --fc-act leaky_relu --pool max --padding conv-only --fc 1024 \
        --epochs "$EPOCHS" --batch "$B" --threads "$THREADS" --seed 1 | tail -1)
    O=$("$FLOWCNN" train-idx "$TI" "$TL" --val-images "$VI" --val-labels "$VL" --model 5 \
        --epochs "$EPOCHS" --batch "$B" --threads "$THREADS" --seed 1 | tail -1)
    printf '%-6s %-18s %14s %14s %9s %9s\n' "$B" pytorch-python "$(field "$P" train_img_per_s)" \
      "$(field "$P" infer_img_per_s)" "$(field "$P" train_acc)" "$(field "$P" val_acc)"
    printf '%-6s %-18s %14s %14s %9s %9s\n' "$B" flowcnn-libtorch "$(field "$O" train_img_per_s)" \
      "$(field "$O" infer_img_per_s)" "$(field "$O" train_acc)" "$(field "$O" val_acc)"
    best_peer=$("$PY" -c "print(max($best_peer, $(field "$P" train_img_per_s)))")
    best_ours=$("$PY" -c "print(max($best_ours, $(field "$O" train_img_per_s)))")
    best_peer_inf=$("$PY" -c "print(max($best_peer_inf, $(field "$P" infer_img_per_s)))")
    best_ours_inf=$("$PY" -c "print(max($best_ours_inf, $(field "$O" infer_img_per_s)))")
  done
  "$PY" -c "print('batch %s: training %.2fx the peer (%.1f vs %.1f img/s), inference %.2fx (%.1f vs %.1f img/s)' % ('$B', $best_ours/$best_peer, $best_ours, $best_peer, $best_ours_inf/$best_peer_inf, $best_ours_inf, $best_peer_inf))"
done
