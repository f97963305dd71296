#!/usr/bin/env bash
# label --ndpi: nDPI labels the flows of generated captures (by their TLS server names and HTTP
# hosts); --unlabelled-only keeps labels; a capture file that is gone is reported and skipped;
# bad options are refused. Skipped (exit 0) when the build has no nDPI.
set -euo pipefail
FLOWCNN=$1; SRC=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"
P=$T/p.flowcnn

expect_exit 0 "$FLOWCNN" generate "$T/gen" --flows-per-app 12 --flows-per-file 6 --apps Google,Bing --quiet
expect_exit 0 "$FLOWCNN" import "$P" "$T"/gen/*/*.pcap --quiet
expect_out "imported 4 of 4 captures: 24 flows"
set +e
"$FLOWCNN" label "$P" --ndpi >"$T/stdout" 2>"$T/stderr"
rc=$?
set -e
if [ $rc -ne 0 ] && grep -q "has no nDPI" "$T/stderr"; then echo "skipped: built without nDPI"; exit 0; fi
[ $rc -eq 0 ] || { cat "$T/stdout" "$T/stderr" >&2; fail "label --ndpi exited $rc"; }
expect_err "nDPI 4."
expect_out "capture 1 .*: 6 flows, 6 named by nDPI"
expect_out "labelled 24 flows (24 changed)"
expect_out "labels:.* Google 12;"
expect_out "confidence: DPI 24;"
# The labels are in the project, with source dpi.
expect_exit 0 "$FLOWCNN" flows "$P" --label Google --limit 0 --format csv
[ "$(tail -n +2 "$T/stdout" | wc -l)" -eq 12 ] || fail "flows labelled Google: $(cat "$T/stdout")"
grep -q ',dpi' "$T/stdout" || fail "label source dpi missing: $(head -3 "$T/stdout")"
# Again: nothing changes; with --unlabelled-only every flow keeps its label.
expect_exit 0 "$FLOWCNN" label "$P" --ndpi
expect_out "labelled 24 flows (0 changed)"
expect_exit 0 "$FLOWCNN" label "$P" --capture 1 --set Mine
expect_exit 0 "$FLOWCNN" label "$P" --ndpi --unlabelled-only --captures 1
expect_out "labelled 0 flows (0 changed), 6 already labelled kept"
# A capture whose file is gone: reported, the others labelled.
first=$(ls "$T"/gen/*/*.pcap | head -n 1)
mv "$first" "$T/moved.pcap"
expect_exit 0 "$FLOWCNN" label "$P" --ndpi
expect_out "is not there any more"
expect_out "labelled 18 flows"
# Refused options.
expect_exit 2 "$FLOWCNN" label "$P" --ndpi --captures 99
expect_err "no capture with id 99"
expect_exit 2 "$FLOWCNN" label "$P" --ndpi --csv x.csv
expect_exit 2 "$FLOWCNN" label "$P" --ndpi --set X
expect_exit 2 "$FLOWCNN" label "$P" --rules x --any-confidence
echo ok
