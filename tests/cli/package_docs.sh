#!/usr/bin/env bash
# The package's documentation keeps up with the program: every command of `flowcnn --help` has its
# entry in the man page, the man pages format without warnings, and the bash completion offers
# the commands and a command's options (read from the program itself).
set -euo pipefail
FLOWCNN=$1; SRC=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"
if ! "$FLOWCNN" train --help >/dev/null 2>&1; then echo "SKIP: flowcnn built without ML"; exit 0; fi

expect_exit 0 "$FLOWCNN" --help
commands=$(sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p' "$T/stdout")
[ "$(echo "$commands" | wc -w)" -ge 20 ] || fail "too few commands in --help: $commands"
for c in $commands; do
  grep -q "^\.B $c\b" "$SRC/installer/man/flowcnn.1" || fail "man page flowcnn.1 lacks the command '$c'"
done
if command -v man >/dev/null; then
  for page in "$SRC"/installer/man/*.1; do
    warnings=$(man --warnings -l "$page" 2>&1 >/dev/null || true)
    [ -z "$warnings" ] || fail "$page: $warnings"
  done
fi

# The completion, with bash-completion's two helpers stubbed (it may not be installed here).
complete_line() {  # complete_line WORD... : completions of the last word
  bash -c '
    _init_completion() { cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; }
    _filedir() { COMPREPLY=(FILES); }
    . "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _flowcnn
    printf "%s\n" "${COMPREPLY[@]}"' completion "$SRC/installer/completion/flowcnn" "$FLOWCNN" "$@"
}
[ "$(complete_line tr | tr '\n' ' ')" = "train train-idx " ] || fail "completing 'tr': $(complete_line tr)"
complete_line train --ep | grep -qx -- '--epochs' || fail "completing 'train --ep': $(complete_line train --ep)"
complete_line classify --thr | grep -qx -- '--threshold' || fail "completing 'classify --thr'"
[ "$(complete_line dataset c)" = create ] || fail "completing 'dataset c': $(complete_line dataset c)"
[ "$(complete_line import p.flowcnn)" = FILES ] || fail "a path does not complete as a file name"
echo ok
