#!/usr/bin/env bash
# Honest accuracy on real captures (issue "audits, baselines and explanations that the paper
# lacks"): the CNN against k-NN, logistic regression and the server name alone, with and without
# the names in the bytes, on splits by capture file; and USTC-TFC2016 10-class on a held-out split.
#
#   scripts/honest_eval.sh            FLOWCNN=build/app/flowcnn  DATA=../shared/datasets
#                                     WORK=honest-eval  EPOCHS=10  THREADS=0  SEED=1
#
# Needs the captures in $DATA/ndpi (pcap/ and labels.csv) and $DATA/ustc-idx. Writes the project,
# logs and one CSV per table into $WORK. Runs for a few minutes to an hour depending on the cores.
set -euo pipefail
cd "$(dirname "$0")/.."
FLOWCNN=${FLOWCNN:-build/app/flowcnn}
DATA=${DATA:-../shared/datasets}
WORK=${WORK:-honest-eval}
EPOCHS=${EPOCHS:-10}
THREADS=${THREADS:-0}
SEED=${SEED:-1}
export TZ=UTC LC_ALL=C
mkdir -p "$WORK"
P="$WORK/ndpi.flowcnn"

# 1. nDPI captures -> project; labels from nDPI's own per-flow verdicts (label_recommended, rows
#    decided by DPI), joined on the capture file, l4proto and the unordered endpoint pair.
rm -f "$P"
"$FLOWCNN" import "$P" "$DATA/ndpi/pcap" --quiet > "$WORK/import.log"
tail -n 1 "$WORK/import.log"
/usr/bin/python3 scripts/label_from_csv.py "$P" "$DATA/ndpi/labels.csv"

# 2. Datasets: classes with >= 20 flows, one copy per distinct image, 70/30.
#    bycap: whole capture files on one side (validation = unseen captures);
#    random: flows split at random (captures straddle the split: the optimistic protocol).
"$FLOWCNN" dataset create "$P" bycap --fractions 0.7/0.3 --group-by-capture --drop-duplicates \
    --min-flows 20 --seed "$SEED" > "$WORK/dataset-bycap.log" 2>&1
"$FLOWCNN" dataset create "$P" random --fractions 0.7/0.3 --drop-duplicates \
    --min-flows 20 --seed "$SEED" > "$WORK/dataset-random.log" 2>&1
"$FLOWCNN" dataset audit "$P" bycap | tee "$WORK/audit-bycap.txt"

# 3. CNN (paper's Model 5, trained on train only) vs 1-NN, logistic regression, name only and the
#    majority class; every image model plain and with the SNI/Host bytes blanked; repeat fill
#    (the paper) and zero fill (USTC-TK2016).
for ds in bycap random; do
    for fill in repeat zero; do
        echo "== nDPI, split $ds, $fill fill"
        "$FLOWCNN" baseline "$P" "$ds" --all --fill "$fill" --epochs "$EPOCHS" --seed "$SEED" \
            --threads "$THREADS" --csv "$WORK/ndpi-$ds-$fill.csv" | tee "$WORK/ndpi-$ds-$fill.txt"
    done
done
"$FLOWCNN" baseline "$P" bycap --knn 1 --metric l1 --mask-names --csv "$WORK/ndpi-bycap-l1.csv" \
    | tee "$WORK/ndpi-bycap-l1.txt"

# 4. USTC-TFC2016, 10 benign classes, session images (Wang et al. 2017 report ~99%): stratified
#    80/20 split, seed 1; then the same after keeping one copy of each distinct image.
U="$DATA/ustc-idx/10class_Benign_SessionL7"
for dedup in "" --dedup; do
    echo "== USTC-TFC2016 10-class ${dedup:-(all images)}"
    "$FLOWCNN" baseline --idx "$U/t10k-images-idx3-ubyte.gz" "$U/t10k-labels-idx1-ubyte.gz" \
        --val-fraction 0.2 --seed "$SEED" $dedup --all --epochs "$EPOCHS" --threads "$THREADS" \
        --csv "$WORK/ustc10${dedup:+-dedup}.csv" | tee "$WORK/ustc10${dedup:+-dedup}.txt"
done

# 5. Explanations: a Model 5 run on the by-capture split, then the bytes its prediction for the
#    first validation flow with a TLS server name rests on (gradient and occlusion).
"$FLOWCNN" train "$P" bycap --epochs "$EPOCHS" --threads "$THREADS" --seed "$SEED" --name honest --quiet \
    > "$WORK/train-bycap.log"
q() { /usr/bin/python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$P" "$1"; }
RUN=$(q "SELECT max(id) FROM runs WHERE name = 'honest'")
FLOW=$(q "SELECT f.id FROM flows f JOIN dataset_flows d ON d.flow_id = f.id JOIN datasets s ON s.id = d.dataset_id
          WHERE s.name = 'bycap' AND d.split = 'val' AND coalesce(f.sni, '') <> '' ORDER BY f.id LIMIT 1")
for m in gradient occlusion; do
    "$FLOWCNN" explain "$P" --model-run "$RUN" --flow "$FLOW" --method "$m" --top 16 \
        --png "$WORK/explain-$FLOW-$m.png" | tee "$WORK/explain-$FLOW-$m.txt"
done
