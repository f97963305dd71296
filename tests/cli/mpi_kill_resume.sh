#!/usr/bin/env bash
# A distributed search killed as a whole (kill -9 of the mpirun job: mpirun and every rank) and
# started again with --resume completes every trial exactly once, with the same results as an
# uninterrupted one-process search (same seeds); trials finished before the kill are kept, not run
# again. KILL_SEED=N replays the kill moments. Skipped without mpirun, sqlite3 or an MPI build.
set -euo pipefail
FLOWCNN=$1; SRC=$2
T=$(mktemp -d)
trap '{ [ -n "${job:-}" ] && kill -9 -- "-$job"; } 2>/dev/null || true; rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"

if ! command -v mpirun >/dev/null; then echo "SKIP: no mpirun"; exit 0; fi
if ! command -v sqlite3 >/dev/null; then echo "SKIP: no sqlite3"; exit 0; fi
if ! command -v setsid >/dev/null; then echo "SKIP: no setsid"; exit 0; fi
if ! "$FLOWCNN" search --help | grep -q "Distributed (built with MPI)"; then
  echo "SKIP: flowcnn built without MPI"; exit 0
fi
export OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none
export OMPI_MCA_rmaps_base_oversubscribe=1
MPIRUN=(mpirun --allow-run-as-root --oversubscribe)
seed=${KILL_SEED:-$$}
RANDOM=$seed
echo "kill moments from KILL_SEED=$seed"

P=$T/p.flowcnn
q() { sqlite3 -cmd ".timeout 10000" "$P" "$1"; }  # a killed rank may leave a lock that takes a moment to clear
expect_exit 0 "$FLOWCNN" generate "$T/gen" --flows-per-app 20 --flows-per-file 10 --apps Google,Naver,Zum --quiet
expect_exit 0 "$FLOWCNN" import "$P" "$T/gen" --folder-per-class --quiet
expect_exit 0 "$FLOWCNN" dataset create "$P" small --per-class 14/6 --seed 3
GRID="conv=relu,tanh kernel=3,5,7 pool=max padding=both fc=256 fc_act=relu"
COMMON=(--batch 16 --threads-per-worker 1 --quiet)
TRIALS=6
EPOCHS=8  # trials long enough (well over the 50 ms poll) that a kill can land between two ends

# Reference: one process, uninterrupted (search 1).
expect_exit 0 "$FLOWCNN" search "$P" small --grid "$GRID" "${COMMON[@]}" --epochs $EPOCHS --name ref
rows() {  # trial_key rung status val_acc train_acc epochs, one line per run of search $1
  q "SELECT trial_key, rung, status, printf('%.6f', val_acc), printf('%.6f', train_acc),
            (SELECT count(*) FROM epochs e WHERE e.run_id = r.id)
     FROM runs r WHERE search_id = $1 ORDER BY trial_key, rung"
}
# A trial's time, as the uninterrupted search measured it (ms, at least 1). The distributed trials
# are no faster: each rank trains on one thread too, and 3 ranks share the machine's cores.
trial_ms=$(q "SELECT max(1, CAST(min(seconds) * 1000 AS INTEGER)) FROM runs WHERE search_id = 1")
echo "a trial takes $trial_ms ms"
finished() { q "SELECT id || ' ' || trial_key || ' ' || printf('%.6f', val_acc) FROM runs WHERE search_id = 2 AND status = 'complete' ORDER BY id" | sort; }

# kill_job: kill -9 of the whole mpirun job (its own process group) after a random moment within
# the first half of a trial, counted from a trial's end: 2 workers run the 6 trials in 3 rounds,
# so the kill lands while the next round trains, on a fast machine as on a slow one. (A fixed
# 0..300 ms window let a fast CI machine finish every trial before the kill.)
kill_job() {
  local ms=$((RANDOM % (trial_ms / 2 + 1)))
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  kill -9 -- "-$job" 2>/dev/null || true
  { wait "$job"; } 2>/dev/null || true
  for _ in $(seq 1 100); do pgrep -g "$job" >/dev/null || break; sleep 0.1; done
  pgrep -g "$job" >/dev/null && fail "ranks of the killed job still run"
  job=
  echo "$ms"
}
# wait_done N: until search 2 has more than N finished trials (or the job ended).
wait_done() {
  for _ in $(seq 1 2400); do
    [ "$(q "SELECT count(*) FROM runs WHERE search_id = 2 AND status = 'complete'" 2>/dev/null || echo 0)" -gt "$1" ] && return 0
    kill -0 "$job" 2>/dev/null || return 0
    sleep 0.05
  done
  fail "search 2 made no progress"
}

: > "$T/before"
setsid "${MPIRUN[@]}" -np 3 "$FLOWCNN" search "$P" small --grid "$GRID" "${COMMON[@]}" --epochs $EPOCHS --name mpi \
  >"$T/run.log" 2>&1 &
job=$!
kills=0
for k in 1 2; do
  wait_done "$(wc -l < "$T/before")"
  ms=$(kill_job)
  [ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after kill $k"
  finished > "$T/after"
  comm -23 "$T/before" "$T/after" > "$T/lost"
  [ ! -s "$T/lost" ] || fail "kill $k lost finished trials: $(cat "$T/lost")"
  n=$(wc -l < "$T/after")
  [ "$n" -lt $TRIALS ] && kills=$((kills + 1))
  echo "kill $k of the mpirun job after ${ms} ms: $n of $TRIALS trials finished"
  cp "$T/after" "$T/before"
  [ $k = 2 ] && break
  setsid "${MPIRUN[@]}" -np 3 "$FLOWCNN" search "$P" --resume 2 --threads-per-worker 1 --quiet >"$T/run.log" 2>&1 &
  job=$!
done
[ "$kills" -ge 1 ] || fail "no kill landed while the distributed search ran"

# A rank of the killed job can outlive mpirun for a moment and still hold the search's lock
# ("being run by process N"): wait for it, up to 20 s.
for _ in $(seq 1 20); do
  "${MPIRUN[@]}" -np 3 "$FLOWCNN" search "$P" --resume 2 --threads-per-worker 1 --quiet >"$T/resume.log" 2>&1 && break
  grep -q "is being run by process" "$T/resume.log" || { cat "$T/resume.log" >&2; fail "resume failed"; }
  sleep 1
done
finished > "$T/final"
comm -23 "$T/before" "$T/final" > "$T/lost"
[ ! -s "$T/lost" ] || fail "the resumed search ran finished trials again: $(cat "$T/lost")"
[ "$(q "SELECT status FROM searches WHERE id = 2")" = complete ] || fail "search 2 not complete"
[ "$(q "SELECT count(*) || ' ' || count(DISTINCT trial_key) FROM runs WHERE search_id = 2")" = "$TRIALS $TRIALS" ] \
  || fail "search 2 runs: $(q "SELECT trial_key, status FROM runs WHERE search_id = 2")"
rows 1 > "$T/ref"; rows 2 > "$T/mpi"
diff "$T/ref" "$T/mpi" >&2 || fail "killed and resumed mpi search differs from the uninterrupted one"
echo ok
