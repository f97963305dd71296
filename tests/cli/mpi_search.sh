#!/usr/bin/env bash
# Distributed grid search: `mpirun -np 3 flowcnn search` gives the same trials and results as the
# single-process search (exhaustive and halving), and a worker rank that dies mid-run loses only its
# trial. Skipped when mpirun is missing or flowcnn was built without MPI.
set -euo pipefail
FLOWCNN=$1; SRC=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"

if ! command -v mpirun >/dev/null; then echo "SKIP: no mpirun"; exit 0; fi
if ! command -v sqlite3 >/dev/null; then echo "SKIP: no sqlite3"; exit 0; fi
if ! "$FLOWCNN" search --help | grep -q "Distributed (built with MPI)"; then
  echo "SKIP: flowcnn built without MPI"; exit 0
fi
# Shared memory only, no ptrace-based single copy (containers), quiet about missing networks.
export OMPI_MCA_btl=self,vader OMPI_MCA_btl_vader_single_copy_mechanism=none
export OMPI_MCA_rmaps_base_oversubscribe=1
MPIRUN=(mpirun --allow-run-as-root --oversubscribe --enable-recovery)

P=$T/p.flowcnn
expect_exit 0 "$FLOWCNN" generate "$T/gen" --flows-per-app 20 --flows-per-file 10 --apps Google,Naver,Zum --quiet
expect_exit 0 "$FLOWCNN" import "$P" "$T/gen" --folder-per-class --quiet
expect_exit 0 "$FLOWCNN" dataset create "$P" small --per-class 14/6 --seed 3
GRID="conv=relu,tanh kernel=3,5 pool=max padding=both fc=256 fc_act=relu"
COMMON=(--grid "$GRID" --batch 16 --threads-per-worker 1 --quiet)

# Reference: one process (search 1 exhaustive, search 2 halving).
expect_exit 0 "$FLOWCNN" search "$P" small "${COMMON[@]}" --epochs 1 --name ref
expect_exit 0 "$FLOWCNN" search "$P" small "${COMMON[@]}" --mode halving --min-epochs 1 --epochs 2 --eta 2 --name ref-h
# The same on 3 ranks (2 workers): searches 3 and 4.
expect_exit 0 "${MPIRUN[@]}" -np 3 "$FLOWCNN" search "$P" small "${COMMON[@]}" --epochs 1 --name mpi
expect_out "mpi: 2 worker ranks, 4 trials handed out, 0 lost ranks"
expect_exit 0 "${MPIRUN[@]}" -np 3 "$FLOWCNN" search "$P" small "${COMMON[@]}" --mode halving --min-epochs 1 --epochs 2 --eta 2 --name mpi-h
expect_out "mpi: 2 worker ranks, 6 trials handed out"

rows() {  # trial_key rung status val_acc train_acc epochs, one line per run of search $1
  sqlite3 "$P" "SELECT trial_key, rung, status, printf('%.6f', val_acc), printf('%.6f', train_acc),
                (SELECT count(*) FROM epochs e WHERE e.run_id = r.id)
                FROM runs r WHERE search_id = $1 ORDER BY trial_key, rung"
}
for pair in "1 3" "2 4"; do
  set -- $pair
  rows "$1" > "$T/ref"; rows "$2" > "$T/mpi"
  [ "$(wc -l < "$T/ref")" -ge 4 ] || fail "search $1 has $(wc -l < "$T/ref") runs"
  diff "$T/ref" "$T/mpi" >&2 || fail "search $2 (mpi) differs from search $1 (one process)"
done
[ "$(sqlite3 "$P" "SELECT group_concat(status) FROM searches WHERE id IN (3,4)")" = "complete,complete" ] \
  || fail "mpi searches not complete"
[ "$(sqlite3 "$P" "SELECT count(*) FROM models m JOIN runs r ON r.id = m.run_id WHERE r.search_id = 3")" = 1 ] \
  || fail "no best model kept for the mpi search"
[ "$(sqlite3 "$P" "SELECT count(*) FROM searches s JOIN runs r ON r.id = s.best_run_id WHERE s.id = 3 AND r.trial_key = (SELECT trial_key FROM runs WHERE id = (SELECT best_run_id FROM searches WHERE id = 1))")" = 1 ] \
  || fail "mpi search picked another best run"

# Rank 2 aborts when given its first trial: that trial goes back to the queue, rank 1 finishes.
set +e
FLOWCNN_MPI_TEST_DIE_AFTER=0 "${MPIRUN[@]}" -np 3 "$FLOWCNN" search "$P" small "${COMMON[@]}" \
  --epochs 1 --name die --mpi-timeout 10 >"$T/stdout" 2>"$T/stderr"
rc=$?
set -e
grep -q "mpi: 2 worker ranks, 5 trials handed out, 1 lost ranks" "$T/stdout" \
  || { cat "$T/stdout" "$T/stderr" >&2; fail "the lost rank was not reported (exit $rc)"; }
rows 5 > "$T/die"
rows 1 > "$T/ref"
diff "$T/ref" "$T/die" >&2 || fail "search with a dying rank differs from the reference"
[ "$(sqlite3 "$P" "SELECT status FROM searches WHERE id = 5")" = complete ] || fail "search 5 not complete"
echo "ok (killed-rank run exited $rc)"
