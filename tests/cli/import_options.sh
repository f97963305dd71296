#!/usr/bin/env bash
# import: --label, --rules, flow options, plain folders, truncated and unreadable files.
set -euo pipefail
FLOWCNN=$1; SRC=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"
P=$T/p.flowcnn

expect_exit 0 "$FLOWCNN" generate "$T/gen" --flows-per-app 20 --apps Bing,Daum --seed 5 --quiet

# --label for every flow, a rule overriding it for port 80.
printf 'label=Web80 server_port=80\n' > "$T/r.rules"
expect_exit 0 "$FLOWCNN" import "$P" "$T/gen/Bing/Bing-001.pcap" --label Bing --rules "$T/r.rules" --quiet
expect_out "labelled by rules"
expect_exit 0 "$FLOWCNN" flows "$P" --label Web80 --count
web80=$(cat "$T/stdout")
expect_exit 0 "$FLOWCNN" flows "$P" --label Bing --count
bing=$(cat "$T/stdout")
[ $((web80 + bing)) -eq 20 ] && [ "$web80" -gt 0 ] || fail "labels: Web80=$web80 Bing=$bing"
expect_exit 0 "$FLOWCNN" flows "$P" --label Web80 --format csv --limit 0
grep -v '^id,' "$T/stdout" | cut -d, -f8 | sort -u | grep -qx 80 || fail "Web80 flows are not port 80"
grep -v '^id,' "$T/stdout" | cut -d, -f20 | sort -u | grep -qx rule || fail "label_source is not rule"

# A plain folder (no --folder-per-class): its capture files, unlabelled; client direction, zero fill.
expect_exit 0 "$FLOWCNN" import "$P" "$T/gen/Daum" --direction client --fill zero --idle-timeout 30 --quiet
expect_out "imported 1 of 1 captures: 20 flows"
expect_exit 0 "$FLOWCNN" flows "$P" --unlabelled --count
[ "$(cat "$T/stdout")" = 20 ] || fail "unlabelled: $(cat "$T/stdout")"
expect_exit 2 "$FLOWCNN" import "$P" "$T/gen/Daum" --label X --folder-per-class
expect_exit 1 "$FLOWCNN" import "$P" "$T/gen" --quiet   # a folder of folders without --folder-per-class
expect_err "no capture files"

# A truncated capture imports as partial (exit 0); a bad file among good ones: the good ones are
# imported, the exit code is 1.
cp "$T/gen/Daum/Daum-001.pcap" "$T/cut.pcap"
truncate -s -100 "$T/cut.pcap"
expect_exit 0 "$FLOWCNN" import "$P" "$T/cut.pcap" --quiet
expect_out "partial"
expect_out "stopped early"
echo "garbage garbage garbage garbage" > "$T/bad.pcap"
expect_exit 1 "$FLOWCNN" import "$P" "$T/bad.pcap" "$T/gen/Bing/Bing-001.pcap" --quiet
expect_err "bad.pcap"
expect_out "imported 1 of 2 captures"
expect_exit 0 "$FLOWCNN" info "$P"
expect_out "partial"
echo "import_options: ok"
