#!/usr/bin/env bash
# dataset create --blank-session-fields: the dataset's images lose the TLS randoms, session ids and
# keys of the generated TLS flows (exported images differ from the plain dataset's, only by bytes
# set to zero), the option is recorded, and a model trained on it records and applies it.
set -euo pipefail
FLOWCNN=$1; SRC=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"
if ! "$FLOWCNN" train --help >/dev/null 2>&1; then echo "SKIP: flowcnn built without ML"; exit 0; fi
P=$T/p.flowcnn

expect_exit 0 "$FLOWCNN" generate "$T/gen" --flows-per-app 20 --flows-per-file 10 --apps Google,Naver --quiet
expect_exit 0 "$FLOWCNN" import "$P" "$T/gen" --folder-per-class --quiet
expect_exit 0 "$FLOWCNN" dataset create "$P" plain --fractions 0.5/0.5
expect_exit 0 "$FLOWCNN" dataset create "$P" blank --fractions 0.5/0.5 --blank-session-fields
expect_out "session fields blanked"
expect_exit 0 "$FLOWCNN" dataset show "$P" blank
expect_out "blank_session_fields"
expect_exit 0 "$FLOWCNN" export "$P" plain --csv "$T/plain.csv" --pixels
expect_exit 0 "$FLOWCNN" export "$P" blank --csv "$T/blank.csv" --pixels
python3 - "$T/plain.csv" "$T/blank.csv" <<'PY' || fail "blanked images"
import csv, sys
def rows(p):
    return {r["flow_id"]: r for r in csv.DictReader(open(p))}
plain, blank = rows(sys.argv[1]), rows(sys.argv[2])
assert plain.keys() == blank.keys(), "the same flows"
pix = [k for k in next(iter(plain.values())) if k.startswith("pixel")]
changed = zeroed_only = 0
for fid, a in plain.items():
    b = blank[fid]
    diff = [k for k in pix if a[k] != b[k]]
    if diff:
        changed += 1
        if all(b[k] == "0" for k in diff): zeroed_only += 1
print("changed", changed, "zeroed only", zeroed_only, "of", len(plain))
assert changed >= len(plain) // 2, "most generated flows are TLS or HTTP with session fields"
assert zeroed_only == changed, "blanking only sets bytes to zero"
PY
expect_exit 0 "$FLOWCNN" train "$P" blank --knn 1 --quiet
expect_exit 0 "$FLOWCNN" model export "$P" 1 "$T/m.model"
expect_exit 0 "$FLOWCNN" model info "$T/m.model"
expect_out "session fields blanked"
# The k-NN model keeps the blanked training images; classifying its own training captures with
# it must find them again (the classify path blanks the same way).
expect_exit 0 "$FLOWCNN" classify --model "$T/m.model" "$(ls "$T"/gen/Google/*.pcap | head -n 1)" --show 0
expect_out "Google"
echo ok
