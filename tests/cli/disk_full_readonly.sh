#!/usr/bin/env bash
# A full disk (simulated with RLIMIT_FSIZE: `ulimit -f` with SIGXFSZ ignored, so writes fail with
# EFBIG as on a full disk) and a read-only project file or folder, for import, training (the
# checkpoint write) and model export: a clear message, a non-zero exit, an intact project
# (PRAGMA integrity_check, everything from before still there), no half-written model file.
# Read-only cases run as `nobody` (setpriv) when the test runs as root, who may write anyway.
set -euo pipefail
FLOWCNN=$1; SRC=$2
T=$(mktemp -d); trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"
if ! command -v sqlite3 >/dev/null; then echo "SKIP: no sqlite3"; exit 0; fi
# The project lives in a folder of its own that can be made read-only ($T keeps the test's logs).
D=$T/proj; mkdir "$D"; chmod 755 "$T" "$D"
P=$D/p.flowcnn
q() { sqlite3 "$P" "$1"; }
# full N CMD...: CMD may write files of at most N KiB.
full() { local n=$1; shift; ( trap '' XFSZ; ulimit -f "$n"; exec "$@" ); }
as_user() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi
}
intact() {  # $1: what just failed
  [ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after $1"
  expect_exit 0 "$FLOWCNN" info "$P"
}
if [ "$(id -u)" = 0 ] && ! setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
  echo "SKIP: running as root without setpriv"; exit 0
fi

expect_exit 0 "$FLOWCNN" generate "$T/gen" --flows-per-app 20 --flows-per-file 10 --apps Google,Naver,Zum --quiet
chmod -R a+rX "$T/gen"
expect_exit 0 "$FLOWCNN" import "$P" "$T/gen/Google" --label Google --quiet
q "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
before=$(q "SELECT group_concat(id || ':' || status || ':' || flows) FROM captures")

# ---- import onto a full disk: refused with the reason; what was there stays.
expect_exit 1 full 40 "$FLOWCNN" import "$P" "$T/gen" --folder-per-class --quiet
expect_err "no space left"
intact "import on a full disk"
[ "$(q "SELECT group_concat(id || ':' || status || ':' || flows) FROM captures WHERE id IN (1, 2)")" = "$before" ] \
  || fail "captures from before the full disk changed: $(q "SELECT id, status, flows FROM captures")"
# No capture claims to be complete without all of its flows.
[ "$(q "SELECT count(*) FROM captures c WHERE status = 'complete' AND flows != (SELECT count(*) FROM flows f WHERE f.capture_id = c.id)")" = 0 ] \
  || fail "a complete capture lacks flows"
# With space again the same import completes.
expect_exit 0 "$FLOWCNN" import "$P" "$T/gen/Naver" --label Naver --quiet
expect_exit 0 "$FLOWCNN" import "$P" "$T/gen/Zum" --label Zum --quiet
intact "import after the full disk"

# ---- read-only project file, then read-only folder: refused with the reason, file untouched.
q "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
sum=$(sha1sum < "$P")
chmod 0444 "$P"
expect_exit 1 as_user "$FLOWCNN" import "$P" "$T/gen/Google" --label Google --quiet
expect_err "read-only"
[ "$(sha1sum < "$P")" = "$sum" ] || fail "read-only project file was modified"
chmod 0666 "$P"; chmod 0555 "$D"
expect_exit 1 as_user "$FLOWCNN" import "$P" "$T/gen/Google" --label Google --quiet
expect_err "read-only"
[ "$(sha1sum < "$P")" = "$sum" ] || fail "project in a read-only folder was modified"
chmod 0755 "$D"; chmod 0644 "$P"

if ! "$FLOWCNN" train --help >/dev/null 2>&1; then echo "ok (no ML: training and export not tested)"; exit 0; fi
expect_exit 0 "$FLOWCNN" dataset create "$P" small --per-class 14/6 --seed 3
TRAIN=(--kernel 3 --fc 256 --batch 16 --seed 1 --threads 1 --quiet)
expect_exit 0 "$FLOWCNN" train "$P" small "${TRAIN[@]}" --epochs 1
q "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null

# ---- training on a full disk: the checkpoint (MBs) cannot be written; no epoch without it.
expect_exit 1 full 512 "$FLOWCNN" train "$P" small "${TRAIN[@]}" --epochs 2
expect_err "no space left"
intact "training on a full disk"
[ "$(q "SELECT count(*) FROM epochs WHERE run_id > 1")" = "$(q "SELECT count(*) FROM checkpoints WHERE run_id > 1")" ] \
  || fail "epochs recorded without their checkpoint"
[ "$(q "SELECT status || ' ' || epochs_done FROM runs WHERE id = 1")" = "complete 1" ] || fail "run 1 changed"

# ---- training on a read-only project.
q "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
sum=$(sha1sum < "$P")
chmod 0444 "$P"
expect_exit 1 as_user "$FLOWCNN" train "$P" small "${TRAIN[@]}" --epochs 1
expect_err "read-only"
[ "$(sha1sum < "$P")" = "$sum" ] || fail "read-only project modified by train"
chmod 0644 "$P"

# ---- model export onto a full disk and into a read-only folder: no file, not even a temporary.
mkdir "$T/out"; chmod 0777 "$T/out"
expect_exit 1 full 64 "$FLOWCNN" model export "$P" 1 "$T/out/m.fcm"
expect_err "disk is full"
[ -z "$(ls -A "$T/out")" ] || fail "export on a full disk left $(ls "$T/out")"
chmod 0555 "$T/out"; chmod 0777 "$D"; chmod 0666 "$P"  # the user may open the project, not write out/
expect_exit 1 as_user "$FLOWCNN" model export "$P" 1 "$T/out/m.fcm"
expect_err "cannot write .*m.fcm"
[ -z "$(ls -A "$T/out")" ] || fail "export into a read-only folder left $(ls "$T/out")"
chmod 0755 "$T/out" "$D"; chmod 0644 "$P"
expect_exit 0 "$FLOWCNN" model export "$P" 1 "$T/out/m.fcm"
expect_exit 0 "$FLOWCNN" model info "$T/out/m.fcm"
echo ok
