# Shared helpers for the CLI tests, sourced by the *.sh tests (named .bash so that the tests/cli/*.sh
# glob does not make it a test of its own).
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect_exit CODE CMD... : runs CMD, checks its exit code, keeps stdout/stderr in $out/$err files.
expect_exit() {
  local want=$1; shift
  set +e
  "$@" >"$T/stdout" 2>"$T/stderr"
  local got=$?
  set -e
  [ "$got" -eq "$want" ] || { cat "$T/stdout" "$T/stderr" >&2; fail "'$*' exited $got, expected $want"; }
}
expect_out() { grep -q -- "$1" "$T/stdout" || { cat "$T/stdout" >&2; fail "stdout lacks '$1'"; }; }
expect_err() { grep -q -- "$1" "$T/stderr" || { cat "$T/stderr" >&2; fail "stderr lacks '$1'"; }; }
