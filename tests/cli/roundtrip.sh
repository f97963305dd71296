#!/usr/bin/env bash
# generate -> import -> flows -> label -> dataset -> audit -> export -> extract, on a tiny set.
set -euo pipefail
FLOWCNN=$1; SRC=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"
P=$T/p.flowcnn

expect_exit 0 "$FLOWCNN" generate "$T/gen" --flows-per-app 30 --flows-per-file 15 --apps Google,Naver,Zum --quiet
[ "$(ls "$T/gen" | tr '\n' ' ')" = "Google Naver Zum " ] || fail "generate wrote $(ls "$T/gen")"
[ -f "$T/gen/Google/Google-002.pcap" ] || fail "no Google-002.pcap"

expect_exit 0 "$FLOWCNN" import "$P" "$T/gen" --folder-per-class --quiet
expect_out "imported 6 of 6 captures: 90 flows"
expect_out "Naver/Naver-001.pcap: complete"

expect_exit 0 "$FLOWCNN" info "$P"
expect_out "captures: 6"
expect_out "Google .* 30 flows"

expect_exit 0 "$FLOWCNN" flows "$P" --label Zum --count
[ "$(cat "$T/stdout")" = 30 ] || fail "Zum flows: $(cat "$T/stdout")"
expect_exit 0 "$FLOWCNN" flows "$P" --limit 3 --format csv
[ "$(wc -l < "$T/stdout")" -eq 4 ] || fail "csv rows"
expect_out "^id,capture_id,idx,proto"
expect_exit 0 "$FLOWCNN" flows "$P" --limit 2 --format json --port 443 --proto tcp
expect_out '"server_port":443'
expect_exit 0 "$FLOWCNN" flows "$P" --filter naver --limit 0
expect_out "(30 of 30 matching flows)"

# Relabel one flow by id, then back by rules.
expect_exit 0 "$FLOWCNN" label "$P" --ids 1 --set Other
expect_out "1 of 1 flows changed"
expect_exit 0 "$FLOWCNN" flows "$P" --label Other --count
[ "$(cat "$T/stdout")" = 1 ] || fail "relabel"
expect_exit 2 "$FLOWCNN" label "$P" --ids 999999 --set X
printf '# the ground truth again\nlabel=Google capture=Google-*\n' > "$T/fix.rules"
expect_exit 0 "$FLOWCNN" label "$P" --rules "$T/fix.rules" --all
expect_exit 0 "$FLOWCNN" flows "$P" --label Other --count
[ "$(cat "$T/stdout")" = 0 ] || fail "rules did not relabel"

expect_exit 0 "$FLOWCNN" dataset create "$P" small --per-class 20/8 --seed 3
expect_out "3 classes, train 60, val 24, test 0"
expect_out "images in more than one split: 0"
expect_exit 2 "$FLOWCNN" dataset create "$P" small --per-class 20/8
expect_err "already exists"
expect_exit 0 "$FLOWCNN" dataset create "$P" grouped --fractions 0.5/0.5 --group-by-capture
expect_out "capture files: 6, with flows in more than one split: 0"
expect_exit 0 "$FLOWCNN" dataset list "$P"
expect_out "small .*train     60"
expect_exit 0 "$FLOWCNN" dataset show "$P" small
expect_out '"seed":3'
expect_exit 0 "$FLOWCNN" dataset audit "$P" small --json
expect_out '"images_across_splits":0'
expect_exit 2 "$FLOWCNN" dataset show "$P" nope
expect_err "no dataset named 'nope'"

expect_exit 0 "$FLOWCNN" export "$P" small --idx "$T/idx"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte val-images-idx3-ubyte val-labels-idx1-ubyte classes.txt; do
  [ -f "$T/idx/$f" ] || fail "no $f"
done
# IDX: magic 0x00000803, 60 images of 28x28.
[ "$(od -An -tx1 -N16 "$T/idx/train-images-idx3-ubyte" | tr -d ' \n')" = 000008030000003c0000001c0000001c ] || fail "idx header"
[ "$(stat -c %s "$T/idx/train-images-idx3-ubyte")" -eq $((16 + 60 * 784)) ] || fail "idx size"
[ "$(stat -c %s "$T/idx/val-labels-idx1-ubyte")" -eq $((8 + 24)) ] || fail "label size"
[ "$(cat "$T/idx/classes.txt" | tr '\n' ' ')" = "Google Naver Zum " ] || fail "classes"
expect_exit 0 "$FLOWCNN" export "$P" small --csv "$T/small.csv"
[ "$(wc -l < "$T/small.csv")" -eq 85 ] || fail "csv lines"
expect_exit 0 "$FLOWCNN" export "$P" small --png "$T/png" --quiet
[ "$(find "$T/png" -name '*.png' | wc -l)" -eq 84 ] || fail "png count"

expect_exit 0 "$FLOWCNN" extract "$T/gen/Zum/Zum-001.pcap" --idx "$T/zum.idx" --labels "$T/zum.lbl" --label-index 2
expect_out '"flows":15'
[ "$(stat -c %s "$T/zum.idx")" -eq $((16 + 15 * 784)) ] || fail "extract idx size"
# Cross-validation by capture: 6 captures of 15 flows in 3 folds; every flow scored once.
expect_exit 0 "$FLOWCNN" baseline "$P" grouped --folds 3 --knn 1 --name-only --name-rules --csv "$T/cv.csv"
expect_out "3 classes, 90 flows from 6 captures, fill repeat; 3 folds by capture"
expect_out "fold 3: 2 captures, 60 train / 30 scored flows"
expect_out "scored on every flow"
[ "$(cut -d, -f1 "$T/cv.csv" | tr '\n' '|')" = "model|1-NN hamming|name only (SNI/Host)|majority class|1-NN hamming + name rules|" ] \
  || fail "cv rows: $(cut -d, -f1 "$T/cv.csv" | tr '\n' '|')"
expect_exit 0 "$FLOWCNN" baseline "$P" grouped --folds 2 --folds-of train --knn 1
expect_out "3 classes, 45 flows from 3 captures, fill repeat; 2 folds by capture"
expect_exit 2 "$FLOWCNN" baseline "$P" grouped --folds 2 --folds-of train,bogus --knn 1
expect_err "expected train, val and/or test, got 'bogus'"
expect_exit 2 "$FLOWCNN" baseline "$P" grouped --folds 7 --knn 1
expect_err "7 folds by capture need at least 7 capture files; the dataset has 6"
expect_exit 2 "$FLOWCNN" baseline "$P" grouped --folds 3 --split test
expect_err "takes no --split"
expect_exit 0 "$FLOWCNN" baseline "$P" grouped --folds 3 --knn 1 --payload-bytes 32 --max-per-capture 5
expect_out "training flows limited to 5 per class and capture: 40 left out"
expect_out "repeat fill, first 32 payload bytes; trained on <= 5 flows per class and capture"
# A dataset of short images: the first 64 payload bytes, zero-filled, <= 4 train flows per capture.
expect_exit 0 "$FLOWCNN" dataset create "$P" short --fractions 0.5/0.5 --group-by-capture --payload-bytes 64 \
  --max-per-capture 4 --fill zero
expect_out "images: the first 64 payload bytes of each flow, zero fill"
expect_out "left out 33 train flows beyond 4 per class and capture"
expect_exit 0 "$FLOWCNN" dataset show "$P" short
expect_out '"payload_bytes":64'
expect_exit 2 "$FLOWCNN" dataset create "$P" bad --payload-bytes 0
expect_err "payload-bytes"
expect_exit 0 "$FLOWCNN" dataset delete "$P" short
expect_exit 0 "$FLOWCNN" dataset delete "$P" grouped
expect_exit 0 "$FLOWCNN" dataset list "$P"
grep -q grouped "$T/stdout" && fail "dataset not deleted"
echo "roundtrip: ok"
