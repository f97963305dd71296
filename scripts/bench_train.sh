#!/usr/bin/env bash
# Training and inference throughput of FlowCNN's LibTorch trainer against the PyTorch reference
# (../shared/peers/torch_peer.py) on the same images, threads, batch sizes and model (Model 5),
# one epoch each, run alternately in one invocation so both see the same machine load.
#
# usage: scripts/bench_train.sh [BUILD_DIR] (default build); env: THREADS (2), BATCHES ("64 256"),
#        EPOCHS (1), DATA (a folder with {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]),
#        PEER (path of torch_peer.py), REPEAT (1: runs per configuration; the best is reported),
#        LIMIT (the compute limit in training img/s that the results are compared with; default:
#        measured here as the 2-thread sgemm rate of the FC layer's product / 43 MFLOP per image)
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
# Compute limit of Model 5 training: ~43 MFLOP per image (forward + backward) against the sgemm
# rate of this machine (measured below unless LIMIT is given: ~130 GFLOP/s = ~3000 img/s on the
# issue's AVX2 machine, ~190 GFLOP/s = ~4400 img/s on an AVX-512 one).
LIMIT=${LIMIT:-}
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
echo "model: Model 5 (7x7x32 relu, conv-only padding, max pool, fc 1024 leaky_relu); threads $THREADS; epochs $EPOCHS; best of $REPEAT"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
# Each run appends one JSON line (or an error line) to $RES; a failed run is reported and the
# benchmark goes on (an earlier version stopped silently at the first failure under set -e).
RES=$TMP/results.jsonl
: >"$RES"
printf '%-6s %-4s %-18s %14s %14s %9s %9s\n' batch run trainer train_img/s infer_img/s train_acc val_acc
run_one() {  # trainer batch repeat
  local who=$1 B=$2 r=$3 out rc=0
  if [ "$who" = pytorch-python ]; then
    out=$("$PY" "$PEER" --train-images "$TI" --train-labels "$TL" --val-images "$VI" --val-labels "$VL" \
          --kernel 7 --conv-act relu --fc-act leaky_relu --pool max --padding conv-only --fc 1024 \
          --epochs "$EPOCHS" --batch "$B" --threads "$THREADS" --seed 1 2>"$TMP/err") || rc=$?
  else
    out=$("$FLOWCNN" train-idx "$TI" "$TL" --val-images "$VI" --val-labels "$VL" --model 5 \
          --epochs "$EPOCHS" --batch "$B" --threads "$THREADS" --seed 1 \
          --save-model "$TMP/model5.flowcnn-model" 2>"$TMP/err") || rc=$?
  fi
  out=$(printf '%s\n' "$out" | tail -1)
  "$PY" - "$who" "$B" "$r" "$rc" "$out" "$TMP/err" "$RES" <<'PYEOF'
import json, sys
who, b, r, rc, out, err, res = sys.argv[1:]
try:
    d = json.loads(out) if rc == "0" else None
    float(d["train_img_per_s"])
except Exception:
    msg = open(err, errors="replace").read().strip().splitlines()[-1:] or [out[:200] or "no output"]
    print(f"{b:<6} {r:<4} {who:<18} FAILED (exit {rc}): {msg[0]}")
    sys.exit(0)
d.update(trainer=who, batch_size=int(b))
open(res, "a").write(json.dumps(d) + "\n")
f = lambda k: d.get(k, "")
print(f"{b:<6} {r:<4} {who:<18} {f('train_img_per_s'):>14} {f('infer_img_per_s'):>14} {f('train_acc'):>9} {f('val_acc'):>9}")
PYEOF
}
for ((r = 1; r <= REPEAT; r++)); do
  for B in $BATCHES; do
    # Alternate which goes first so that neither always gets the cooler machine.
    if (( r % 2 )); then order="pytorch-python flowcnn-libtorch"; else order="flowcnn-libtorch pytorch-python"; fi
    for who in $order; do run_one "$who" "$B" "$r"; done
  done
done
# Capture -> labels end to end (ours only: the peer has no capture reader): `flowcnn classify`
# with the last model on CAPTURE, by default the shared real captures appended twice
# (../shared/peers/make_bench_capture.sh; needs wireshark-common).
CAPTURE=${CAPTURE:-}
MAKE_CAP=../shared/peers/make_bench_capture.sh
if [ -z "$CAPTURE" ] && [ -f "$MAKE_CAP" ] && command -v editcap >/dev/null; then
  bash "$MAKE_CAP" "$TMP/bench.pcap" 2 >/dev/null 2>&1 && CAPTURE=$TMP/bench.pcap
fi
CLASSIFY_LINE=""
if [ -z "$CAPTURE" ]; then
  CLASSIFY_LINE="classify: skipped (no CAPTURE and no ../shared captures)"
elif [ ! -f "$TMP/model5.flowcnn-model" ]; then
  CLASSIFY_LINE="classify: skipped (no model: our training runs failed)"
else
  t0=$(date +%s.%N)
  if out=$("$FLOWCNN" classify --model "$TMP/model5.flowcnn-model" "$CAPTURE" --threads "$THREADS" 2>&1); then
    t1=$(date +%s.%N)
    CLASSIFY_LINE=$("$PY" -c '
import re, sys
out, secs = sys.argv[1], float(sys.argv[3]) - float(sys.argv[2])
m = re.search(r"(\d+) flows classified \((\d+) without payload", out)
n, skipped = int(m.group(1)), int(m.group(2))
print(f"classify (capture -> labels, end to end, {sys.argv[4]}): {n} flows with payload labelled "
      f"(+{skipped} without) in {secs:.2f} s = {n / secs:.0f} flows/s")' "$out" "$t0" "$t1" "$(basename "$CAPTURE")")
  else
    CLASSIFY_LINE="classify: FAILED: $(printf '%s\n' "$out" | tail -1)"
  fi
fi
if [ -z "$LIMIT" ]; then
  LIMIT=$(OPENBLAS_THREAD_TIMEOUT=10 "$PY" -c '
import sys, time, torch
torch.set_num_threads(int(sys.argv[1]))
a, b = torch.randn(256, 6272), torch.randn(6272, 1024)
for _ in range(3): a @ b
best = 0
for _ in range(5):
    t = time.perf_counter()
    for _ in range(10): a @ b
    best = max(best, 10 * 2 * 256 * 6272 * 1024 / (time.perf_counter() - t))
print(f"{best / 43e6:.0f}")
print(f"sgemm {best / 1e9:.0f} GFLOP/s on {sys.argv[1]} threads: compute limit {best / 43e6:.0f} img/s", file=sys.stderr)' "$THREADS")
fi
"$PY" - "$RES" "$BATCHES" "$LIMIT" "$CLASSIFY_LINE" <<'PYEOF'
import json, sys
res, batches, limit = sys.argv[1], sys.argv[2].split(), float(sys.argv[3])
rows = [json.loads(l) for l in open(res)]
def best(who, key, batch=None):
    v = [r[key] for r in rows if r["trainer"] == who and key in r and (batch is None or r["batch_size"] == batch)]
    return max(v) if v else None
print()
ok = True
for b in map(int, batches):
    o, p = best("flowcnn-libtorch", "train_img_per_s", b), best("pytorch-python", "train_img_per_s", b)
    if o is None or p is None:
        print(f"batch {b}: training: no result for {'ours' if o is None else 'the peer'}"); ok = False; continue
    print(f"batch {b}: training {o / p:.2f}x the peer ({o:.1f} vs {p:.1f} img/s); "
          f"ours at {100 * o / limit:.0f}% of the ~{limit:.0f} img/s compute limit, the peer at {100 * p / limit:.0f}%")
o, p = best("flowcnn-libtorch", "infer_img_per_s"), best("pytorch-python", "infer_img_per_s")
if o is None or p is None:
    print("inference: no result"); ok = False
else:
    print(f"inference (validation set, best of all runs): {o / p:.2f}x the peer ({o:.1f} vs {p:.1f} img/s)")
print(sys.argv[4])
sys.exit(0 if ok else 1)
PYEOF
