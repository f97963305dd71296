#!/usr/bin/env bash
# A complete run keeps no checkpoint (its model stays); `flowcnn compact` drops the checkpoints
# complete runs of older projects still hold and shrinks the file, keeping models and evaluations.
set -euo pipefail
FLOWCNN=$1; SRC=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"
if ! "$FLOWCNN" train --help >/dev/null 2>&1; then echo "SKIP: flowcnn built without ML"; exit 0; fi
P=$T/p.flowcnn
q() { sqlite3 "$P" "$1"; }

expect_exit 0 "$FLOWCNN" generate "$T/gen" --flows-per-app 20 --flows-per-file 10 --apps Google,Naver --quiet
expect_exit 0 "$FLOWCNN" import "$P" "$T/gen" --folder-per-class --quiet
expect_exit 0 "$FLOWCNN" dataset create "$P" small --fractions 0.5/0.5
expect_exit 0 "$FLOWCNN" train "$P" small --kernel 3 --fc 256 --batch 16 --seed 1 --threads 1 --quiet --epochs 2
[ "$(q "SELECT status FROM runs WHERE id = 1")" = complete ] || fail "run 1 did not complete"
[ "$(q "SELECT count(*) FROM checkpoints")" = 0 ] || fail "a complete run kept its checkpoint"
[ "$(q "SELECT count(*) FROM models WHERE run_id = 1")" = 1 ] || fail "the model is gone"
# An older project: the complete run still holds a big checkpoint.
q "INSERT INTO checkpoints(run_id, epoch, data) VALUES (1, 2, zeroblob(3000000))"
q "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
before=$(stat -c %s "$P")
expect_exit 0 "$FLOWCNN" compact "$P"
expect_out "dropped 1 checkpoints of complete runs"
after=$(stat -c %s "$P")
[ "$after" -lt $((before - 2500000)) ] || fail "the file did not shrink: $before -> $after bytes"
[ "$(q "SELECT count(*) FROM checkpoints")" = 0 ] || fail "checkpoint left"
[ "$(q "SELECT count(*) FROM models")" = 1 ] || fail "models changed"
[ "$(q "SELECT count(*) FROM evaluations WHERE run_id = 1")" -ge 1 ] || fail "evaluations changed"
expect_exit 0 "$FLOWCNN" eval "$P" 1 --no-store
# Nothing left to drop the second time.
expect_exit 0 "$FLOWCNN" compact "$P"
expect_out "dropped 0 checkpoints"
expect_exit 1 "$FLOWCNN" compact "$T/missing.flowcnn"
echo ok
