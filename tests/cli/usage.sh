#!/usr/bin/env bash
# flowcnn's help, version, bad usage (exit 2) and unreadable files (exit 1).
set -euo pipefail
FLOWCNN=$1; SRC=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"

expect_exit 0 "$FLOWCNN" --help
for c in new import flows label dataset export extract generate info; do expect_out "  $c "; done
expect_exit 0 "$FLOWCNN" --version
expect_out "flowcnn [0-9]"
expect_exit 2 "$FLOWCNN"
expect_exit 2 "$FLOWCNN" no-such-command
expect_err "unknown command"
for c in new import flows label dataset export extract generate info; do
  expect_exit 0 "$FLOWCNN" "$c" --help
  expect_out "usage: flowcnn $c"
done
expect_exit 0 "$FLOWCNN" help import
expect_out "usage: flowcnn import"

# Bad usage: exit 2 and a message naming the problem.
expect_exit 2 "$FLOWCNN" new
expect_err "missing arguments"
expect_exit 2 "$FLOWCNN" import "$T/p.flowcnn"
expect_exit 2 "$FLOWCNN" flows "$T/p.flowcnn" --bogus
expect_err "unknown option '--bogus'"
expect_exit 2 "$FLOWCNN" flows "$T/p.flowcnn" --limit
expect_err "needs a value"
expect_exit 2 "$FLOWCNN" flows "$T/p.flowcnn" --limit ten
expect_err "expected an integer"
expect_exit 2 "$FLOWCNN" flows "$T/p.flowcnn" --proto icmp
expect_exit 2 "$FLOWCNN" import "$T/p.flowcnn" x.pcap --direction sideways
expect_exit 2 "$FLOWCNN" dataset
expect_exit 2 "$FLOWCNN" dataset frobnicate "$T/p.flowcnn"
expect_exit 2 "$FLOWCNN" dataset create "$T/p.flowcnn" d --per-class 10
expect_exit 2 "$FLOWCNN" label "$T/p.flowcnn"
expect_exit 2 "$FLOWCNN" export "$T/p.flowcnn" d
expect_exit 2 "$FLOWCNN" generate "$T/g" --flows-per-app 0

# Unreadable files: exit 1 and one clear line; nothing created.
expect_exit 1 "$FLOWCNN" info "$T/missing.flowcnn"
expect_err "no such file"
expect_exit 1 "$FLOWCNN" import "$T/p.flowcnn" "$T/missing.pcap"
expect_err "missing.pcap"
[ ! -e "$T/p.flowcnn" ] || fail "import of a missing capture created the project"
echo "plain text" > "$T/notes.txt"
expect_exit 1 "$FLOWCNN" info "$T/notes.txt"
expect_err "not a FlowCNN project"
[ "$(cat "$T/notes.txt")" = "plain text" ] || fail "refused file was modified"
expect_exit 1 "$FLOWCNN" extract "$T/notes.txt" --raw "$T/out.bin"
expect_exit 0 "$FLOWCNN" new "$T/p.flowcnn"
expect_exit 1 "$FLOWCNN" new "$T/p.flowcnn"
expect_err "already exists"
expect_exit 1 "$FLOWCNN" import "$T/p.flowcnn" "$T/notes.txt"
expect_err "notes.txt"
expect_exit 1 "$FLOWCNN" label "$T/p.flowcnn" --rules "$T/missing.rules"
printf 'label=A prot=udp\n' > "$T/bad.rules"
expect_exit 2 "$FLOWCNN" label "$T/p.flowcnn" --rules "$T/bad.rules"
expect_err "bad.rules:1: unknown condition 'prot'"
echo "usage: ok"
