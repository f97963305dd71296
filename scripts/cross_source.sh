#!/usr/bin/env bash
# Cross-source accuracy (issue 14): models trained on the nDPI captures, scored on captures from
# two other repositories labelled the same way (PcapPlusPlus' and Microsoft's protocol captures),
# which no choice was made on. The plain pipeline (Model 5, repeat fill, 784 bytes, 10 epochs), the
# 1-NN model (128 bytes, server-name rules) and the gradient-boosted trees over flow features
# (server-name rules; class weighting chosen by 5-fold cross-validation by capture over the nDPI
# flows alone) in one run; the plain pipeline and the 1-NN model again on datasets whose session
# fields are blanked (dataset create --blank-session-fields: TLS randoms, session ids and keys, HTTP
# cookies and dates, DNS ids, QUIC connection ids), to show how much of each rests on them.
#
#   scripts/cross_source.sh      FLOWCNN=build/app/flowcnn DATA=../shared/datasets WORK=cross-source
#                                SEED=1 THREADS=0 EPOCHS=10
#
# Training set: nDPI captures, classes with >= 20 flows, one flow per distinct image, 80/20 split
# by capture file (the 20% val captures calibrate the trees' temperature). Scored: every labelled
# flow of the other source whose bytes do not also occur in the nDPI project; flows of the model's
# classes give accuracy and macro-F1 (mean over the classes present), flows of other labels are
# unseen applications (share called unknown at 0.5, AUROC by confidence). $WORK/cross-table.txt;
# leave-classes-out on the nDPI captures in $WORK/leave-classes-out.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
FLOWCNN=${FLOWCNN:-build/app/flowcnn}
DATA=${DATA:-../shared/datasets}
WORK=${WORK:-cross-source}
SEED=${SEED:-1}
THREADS=${THREADS:-0}
EPOCHS=${EPOCHS:-10}
export TZ=UTC LC_ALL=C
mkdir -p "$WORK"
P="$WORK/ndpi.flowcnn"
# The first line of a command's output (the rest in $WORK/last.log; a pipe into head would end
# the command early with SIGPIPE).
first() { "$@" > "$WORK/last.log"; head -n 1 "$WORK/last.log"; }

for src in ndpi pcapplusplus ms-netmon-rest; do
    rm -f "$WORK/$src.flowcnn"
    "$FLOWCNN" import "$WORK/$src.flowcnn" "$DATA/$src/pcap" --quiet | tail -n 1
    "$FLOWCNN" label "$WORK/$src.flowcnn" --csv "$DATA/$src/labels.csv" | tail -n 1
done
first "$FLOWCNN" dataset create "$P" cross --fractions 0.8/0.2 --group-by-capture --drop-duplicates \
    --min-flows 20 --seed "$SEED"
first "$FLOWCNN" dataset create "$P" cross128 --fractions 0.8/0.2 --group-by-capture --drop-duplicates \
    --min-flows 20 --seed "$SEED" --payload-bytes 128
for ds in cross cross128; do
    bytes=784; [ $ds = cross128 ] && bytes=128
    first "$FLOWCNN" dataset create "$P" "$ds-blanked" --fractions 0.8/0.2 --group-by-capture --drop-duplicates \
        --min-flows 20 --seed "$SEED" --payload-bytes $bytes --blank-session-fields
done

# The trees' class weighting, chosen on the nDPI flows only (5-fold CV by capture, macro-F1).
row1() { /usr/bin/python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(r[int(sys.argv[2])][sys.argv[3]])' "$@"; }
best_bal=; best=-1
for bal in "" --balance; do
    "$FLOWCNN" baseline "$P" cross --folds 5 --gbt --name-rules $bal --seed "$SEED" --threads "$THREADS" \
        --csv "$WORK/cv-gbt$bal.csv" > "$WORK/cv-gbt$bal.txt"
    f1=$(row1 "$WORK/cv-gbt$bal.csv" 1 macro_f1)  # row 1: the trees + name rules
    echo "trees ${bal:-unweighted}: cross-validated macro-F1 $f1 (nDPI, 5 folds by capture)"
    if /usr/bin/python3 -c "import sys; sys.exit(0 if float('$f1') > float('$best') else 1)"; then best=$f1; best_bal=$bal; fi
done
echo "chosen: trees ${best_bal:-unweighted}"

first "$FLOWCNN" train "$P" cross --model 5 --epochs "$EPOCHS" --seed "$SEED" --threads "$THREADS" --quiet \
    --name plain --save-model "$WORK/plain.model"
first "$FLOWCNN" train "$P" cross128 --knn 1 --name-rules --name knn --save-model "$WORK/knn.model"
first "$FLOWCNN" train "$P" cross-blanked --model 5 --epochs "$EPOCHS" --seed "$SEED" --threads "$THREADS" --quiet \
    --name plain-blanked --save-model "$WORK/plain-blanked.model"
first "$FLOWCNN" train "$P" cross128-blanked --knn 1 --name-rules --name knn-blanked --save-model "$WORK/knn-blanked.model"
first "$FLOWCNN" train "$P" cross --gbt $best_bal --name-rules --seed "$SEED" --threads "$THREADS" --name trees \
    --save-model "$WORK/trees.model"

for m in plain knn trees plain-blanked knn-blanked; do
    for src in pcapplusplus ms-netmon-rest; do
        "$FLOWCNN" score "$WORK/$src.flowcnn" --model "$WORK/$m.model" --exclude-images-of "$P" \
            --threads "$THREADS" > "$WORK/score-$m-$src.txt"
    done
done
# Leave-classes-out on the nDPI captures alone: a 60/20/20 split by capture, 5 classes held out of
# training per round (5 rounds per seed, seeds 2-4), known flows scored on the test captures.
first "$FLOWCNN" dataset create "$P" lco --fractions 0.6/0.2/0.2 --group-by-capture --drop-duplicates \
    --min-flows 20 --seed "$SEED"
for sd in 2 3 4; do
    "$FLOWCNN" baseline "$P" lco --hold-out-classes 5 --hold-out-rounds 5 --split test --seed "$sd" $best_bal \
        --threads "$THREADS" | tail -n 3 | sed "s/^/seed $sd: /"
done | tee "$WORK/leave-classes-out.txt"

/usr/bin/python3 - "$WORK" <<'PY' | tee "$WORK/cross-table.txt"
import re, sys
work = sys.argv[1]
pat = {
    "known": r"(\d+) of the model's \d+ classes \((\d+) present\), (\d+) of other labels",
    "acc": r"known classes: accuracy ([0-9.]+)", "f1": r"macro-F1 ([0-9.]+) over",
    "unk": r"([0-9.]+)% of unseen-class flows rejected, ([0-9.]+)% of known-class flows kept",
    "auroc": r"AUROC unseen vs known ([0-9.]+)",
}
names = {"plain": "plain pipeline (CNN Model 5, 784 B)", "knn": "1-NN + name rules, 128 B",
         "trees": "gradient-boosted trees + name rules",
         "plain-blanked": "plain pipeline, session fields blanked", "knn-blanked": "1-NN + rules, 128 B, blanked"}
print("%-38s %-15s %6s %8s %8s %7s %9s %8s %6s" % ("model", "scored on", "flows", "accuracy", "macro-F1",
      "x plain", "unseen->?", "kept", "AUROC"))
plain = {}
for m in ("plain", "knn", "trees", "plain-blanked", "knn-blanked"):
    for src in ("pcapplusplus", "ms-netmon-rest"):
        t = open(f"{work}/score-{m}-{src}.txt").read()
        g = {k: re.search(v, t).groups() for k, v in pat.items()}
        f1 = float(g["f1"][0]) * 100
        if m == "plain": plain[src] = f1
        print("%-38s %-15s %6s %8.1f %8.1f %7.2f %8.1f%% %7.1f%% %6.3f" % (
            names[m], src, g["known"][0], float(g["acc"][0]) * 100, f1, f1 / plain[src] if plain[src] else 0,
            float(g["unk"][0]), float(g["unk"][1]), float(g["auroc"][0])))
PY
