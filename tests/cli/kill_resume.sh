#!/usr/bin/env bash
# kill -9 at random moments during training and during a grid search, several times each: the
# project opens afterwards, PRAGMA integrity_check is ok, every epoch / finished trial committed
# before a kill is still there, a training run resumes from its last checkpoint, and a resumed
# search does not run a finished trial again. KILL_SEED=N replays the kill moments of a run.
# Skipped when flowcnn has no ML commands or sqlite3 is missing.
set -euo pipefail
FLOWCNN=$1; SRC=$2
T=$(mktemp -d); trap 'kill -9 $(jobs -p) 2>/dev/null || true; rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"

if ! command -v sqlite3 >/dev/null; then echo "SKIP: no sqlite3"; exit 0; fi
if ! "$FLOWCNN" train --help >/dev/null 2>&1; then echo "SKIP: flowcnn built without ML"; exit 0; fi
seed=${KILL_SEED:-$$}
RANDOM=$seed
echo "kill moments from KILL_SEED=$seed"

P=$T/p.flowcnn
expect_exit 0 "$FLOWCNN" generate "$T/gen" --flows-per-app 30 --flows-per-file 10 --apps Google,Naver,Zum --quiet
expect_exit 0 "$FLOWCNN" import "$P" "$T/gen" --folder-per-class --quiet
expect_exit 0 "$FLOWCNN" dataset create "$P" small --per-class 20/10 --seed 3

q() { sqlite3 -cmd ".timeout 10000" "$P" "$1"; }  # a killed process may leave a lock that takes a moment to clear
check_project() {  # what must hold after every kill
  [ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after kill $1: $(q 'PRAGMA integrity_check')"
  expect_exit 0 "$FLOWCNN" runs "$P"
}
# wait_for SQL: polls until the query returns a non-empty, non-zero answer (the process is busy).
wait_for() {
  for _ in $(seq 1 600); do
    local v; v=$(q "$1" 2>/dev/null || true)
    [ -n "$v" ] && [ "$v" != 0 ] && return 0
    kill -0 "$2" 2>/dev/null || return 0  # already finished
    sleep 0.1
  done
  fail "timed out waiting for: $1"
}
# kill_later PID [MAX_MS]: SIGKILL after a random 0..MAX_MS-1 (default 1500) ms; prints how long
# it waited.
kill_later() {
  local ms=$((RANDOM % ${2:-1500}))
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  kill -9 "$1" 2>/dev/null || true
  { wait "$1"; } 2>/dev/null || true
  echo "$ms"
}

# ---- training: 3 kills, resume each time from the checkpoint, then finish.
EPOCHS=12
TRAIN=(--kernel 3 --fc 256 --batch 8 --epochs $EPOCHS --seed 1 --threads 1 --quiet)
"$FLOWCNN" train "$P" small "${TRAIN[@]}" >"$T/train.log" 2>&1 &
pid=$!
wait_for "SELECT count(*) FROM epochs WHERE run_id = 1" $pid
# Kills come within 3 epochs' time (as the first epoch took, in the same run), so that a fast
# machine cannot finish the 12 epochs before the first kill (a fixed window could be outrun).
epoch_ms=$(q "SELECT max(1, CAST(seconds * 1000 AS INTEGER)) FROM epochs WHERE run_id = 1 AND epoch = 1")
echo "an epoch takes $epoch_ms ms"
had=0; mid=0
for k in 1 2 3; do
  ms=$(kill_later $pid $((epoch_ms * 3 + 1)))
  check_project "train $k"
  n=$(q "SELECT count(*) FROM epochs WHERE run_id = 1")
  [ "$(q "SELECT coalesce(max(epoch),0) FROM epochs WHERE run_id = 1")" = "$n" ] || fail "epochs of run 1 are not 1..$n"
  [ "$n" -ge "$had" ] || fail "kill $k lost epochs: $had before, $n after"
  ck=$(q "SELECT coalesce(max(epoch),0) FROM checkpoints WHERE run_id = 1")
  [ "$ck" = "$n" ] || fail "checkpoint at epoch $ck, epochs recorded $n"
  [ "$n" -lt $EPOCHS ] && mid=$((mid + 1))
  echo "train kill $k after ${ms} ms: $n epochs committed, checkpoint at epoch $ck"
  had=$n
  [ "$n" -ge $EPOCHS ] || [ $k = 3 ] && break
  "$FLOWCNN" train "$P" --resume 1 --quiet >"$T/train.log" 2>&1 &
  pid=$!
  # Resuming starts at the checkpoint's next epoch, never earlier.
  wait_for "SELECT count(*) FROM epochs WHERE run_id = 1 AND epoch > $n" $pid
done
[ "$mid" -ge 1 ] || fail "no kill landed while training ran (machine too slow or too fast?)"
if [ "$(q "SELECT status FROM runs WHERE id = 1")" != complete ]; then
  expect_exit 0 "$FLOWCNN" train "$P" --resume 1 --quiet
fi
[ "$(q "SELECT status || ' ' || epochs_done FROM runs WHERE id = 1")" = "complete $EPOCHS" ] \
  || fail "run 1 after resuming: $(q "SELECT status, epochs_done FROM runs WHERE id = 1")"
[ "$(q "SELECT count(*) || ' ' || max(epoch) FROM epochs WHERE run_id = 1")" = "$EPOCHS $EPOCHS" ] \
  || fail "run 1 has epochs $(q "SELECT group_concat(epoch) FROM epochs WHERE run_id = 1")"
check_project "train end"

# ---- grid search: 6 trials, 3 kills, resume each time, then finish.
GRID="conv=relu,tanh kernel=3,5,7 pool=max padding=both fc=256 fc_act=relu"
SEARCH=(--grid "$GRID" --epochs 5 --batch 8 --workers 1 --threads-per-worker 1 --quiet)
"$FLOWCNN" search "$P" small "${SEARCH[@]}" --name killed >"$T/search.log" 2>&1 &
pid=$!
wait_for "SELECT count(*) FROM runs WHERE status = 'complete' AND search_id IS NOT NULL" $pid
sid=$(q "SELECT max(id) FROM searches")
# Kills come within one trial's time (as the first trial took, in the same run) of a trial's end:
# the trials run one at a time, so each kill lands while trials remain.
trial_ms=$(q "SELECT max(1, CAST(min(seconds) * 1000 AS INTEGER)) FROM runs WHERE search_id = $sid AND status = 'complete'")
echo "a trial takes $trial_ms ms"
done_rows() { q "SELECT id || ' ' || trial_key || ' ' || printf('%.6f', val_acc) FROM runs WHERE search_id = $sid AND status = 'complete' ORDER BY id" | sort; }
: > "$T/before"
mid=0
for k in 1 2 3; do
  ms=$(kill_later $pid $((trial_ms + 1)))
  check_project "search $k"
  done_rows > "$T/after"
  # Every trial finished before the kill is still there, unchanged (same row, same result).
  comm -23 "$T/before" "$T/after" > "$T/lost"
  [ ! -s "$T/lost" ] || fail "kill $k lost finished trials: $(cat "$T/lost")"
  n=$(wc -l < "$T/after")
  [ "$n" -lt 6 ] && mid=$((mid + 1))
  echo "search kill $k after ${ms} ms: $n of 6 trials finished"
  cp "$T/after" "$T/before"
  [ "$n" -ge 6 ] || [ $k = 3 ] && break
  "$FLOWCNN" search "$P" --resume "$sid" --workers 1 --threads-per-worker 1 --quiet >"$T/search.log" 2>&1 &
  pid=$!
  # Let one more trial finish, so that every kill has finished trials to lose (and must not).
  wait_for "SELECT count(*) > $n FROM runs WHERE search_id = $sid AND status = 'complete'" $pid
done
[ "$mid" -ge 1 ] || fail "no kill landed while the search ran"
if [ "$(q "SELECT status FROM searches WHERE id = $sid")" != complete ]; then
  expect_exit 0 "$FLOWCNN" search "$P" --resume "$sid" --workers 1 --threads-per-worker 1 --quiet
fi
done_rows > "$T/final"
comm -23 "$T/before" "$T/final" > "$T/lost"
[ ! -s "$T/lost" ] || fail "the final resume replaced finished trials: $(cat "$T/lost")"
[ "$(q "SELECT status FROM searches WHERE id = $sid")" = complete ] || fail "search not complete"
# Each of the 6 trials ran to completion exactly once; nothing half-run is left behind.
[ "$(q "SELECT count(*) || ' ' || count(DISTINCT trial_key) FROM runs WHERE search_id = $sid")" = "6 6" ] \
  || fail "runs of the search: $(q "SELECT trial_key, status FROM runs WHERE search_id = $sid")"
[ "$(q "SELECT count(*) FROM runs WHERE search_id = $sid AND status = 'complete'")" = 6 ] || fail "not all trials complete"
check_project "search end"
echo "ok"
