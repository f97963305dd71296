#!/usr/bin/env bash
# label --csv: a per-flow labels CSV (nDPI's labels.csv layout) made from `flows --format csv`,
# with the endpoints reversed, upper-case protocols and IPv6 addresses in upper case; filters,
# conflicts, --unlabelled-only, --source, chosen column names and the errors.
set -euo pipefail
FLOWCNN=$1; SRC=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"
P=$T/p.flowcnn

expect_exit 0 "$FLOWCNN" generate "$T/gen" --flows-per-app 20 --flows-per-file 10 --apps Google,Naver --quiet
expect_exit 0 "$FLOWCNN" import "$P" "$T/gen" --folder-per-class --quiet
expect_out "imported 4 of 4 captures: 40 flows"
# capture id -> file name, from "capture 3 Naver/Naver-001.pcap: complete, ..."
sed -n 's|^capture \([0-9]*\) [^/]*/\([^:]*\):.*|\1 \2|p' "$T/stdout" > "$T/names"
[ "$(wc -l < "$T/names")" -eq 4 ] || fail "capture names: $(cat "$T/names")"
expect_exit 0 "$FLOWCNN" flows "$P" --limit 0 --format csv
tr -d '\r' < "$T/stdout" > "$T/flows.csv"
grep -q ':' "$T/flows.csv" || fail "no IPv6 flows in the generated captures"

# One row per flow, server -> client (the reverse of the project's direction), label csv-<folder>.
# Flow 1: a second row with another label (a conflict); flow 2: "Unknown"; flow 3: decided by port.
awk -F, -v OFS=, '
  NR == FNR { name[$1] = $2; next }
  FNR == 1 { print "source,pcap,src_ip,src_port,dst_ip,dst_port,l4proto,label,label_recommended,confidence"; next }
  {
    id = $1; proto = toupper($4); lab = "csv-" $19; conf = "DPI"
    if (id == 2) lab = "Unknown"
    if (id == 3) conf = "Match by port"
    print "test", name[$2], toupper($7), $8, toupper($5), $6, proto, "\"x,y\"", lab, conf
    if (id == 1) print "test", name[$2], $5, $6, $7, $8, proto, "x", "\"csv \"\"other\"\"\"", conf
  }' "$T/names" "$T/flows.csv" | sed 's/$/\r/' > "$T/labels.csv"
[ "$(wc -l < "$T/labels.csv")" -eq 42 ] || fail "labels.csv has $(wc -l < "$T/labels.csv") lines"

expect_exit 0 "$FLOWCNN" label "$P" --csv "$T/labels.csv"
expect_out "^csv rows 41, usable 39, 5-tuples 38 (1 with conflicting labels)$"
expect_out "^project flows 40, labelled 37$"
google=$(awk -F, 'NR > 1 && $19 == "Google" && $1 > 3' "$T/flows.csv" | wc -l)
expect_exit 0 "$FLOWCNN" flows "$P" --label csv-Google --count
[ "$(cat "$T/stdout")" = "$google" ] || fail "csv-Google flows: $(cat "$T/stdout"), expected $google"
expect_exit 0 "$FLOWCNN" flows "$P" --filter csv- --count
[ "$(cat "$T/stdout")" = 37 ] || fail "csv- flows: $(cat "$T/stdout")"
expect_exit 0 "$FLOWCNN" flows "$P" --label csv-Google --limit 1 --format csv
expect_out ",manual,"
# Flows 1-3 keep their folder labels.
expect_exit 0 "$FLOWCNN" flows "$P" --label 'csv "other"' --count
[ "$(cat "$T/stdout")" = 0 ] || fail "the conflicting label was written"

# Every row, whatever its confidence: flow 3 too.
expect_exit 0 "$FLOWCNN" label "$P" --csv "$T/labels.csv" --confidence-prefix '' --source rule
expect_out "^csv rows 41, usable 40, 5-tuples 39 (1 with conflicting labels)$"
expect_out "^project flows 40, labelled 38$"
expect_exit 0 "$FLOWCNN" flows "$P" --label csv-Google --limit 1 --format csv
expect_out ",rule,"

# --unlabelled-only: clear capture 1, relabel from another column (every row: "x,y", flow 1 also
# "x"); only capture 1's flows change.
expect_exit 0 "$FLOWCNN" label "$P" --capture 1 --clear
n1=$(awk -F, 'NR > 1 && $2 == 1 && $1 != 1' "$T/flows.csv" | wc -l)
expect_exit 0 "$FLOWCNN" label "$P" --csv "$T/labels.csv" --label-column label --confidence-prefix '' --unlabelled-only
expect_out "^csv rows 41, usable 41, 5-tuples 40 (1 with conflicting labels)$"
expect_out "^project flows 40, labelled $n1, $((39 - n1)) already labelled kept$"
expect_exit 0 "$FLOWCNN" flows "$P" --label x,y --count
[ "$(cat "$T/stdout")" = "$n1" ] || fail "x,y flows: $(cat "$T/stdout"), expected $n1"

# Chosen column names, no capture column (rows match every capture), lower-case protocol.
printf 'orig,oport,resp,rport,proto,app\r\n' > "$T/one.csv"
awk -F, -v OFS=, 'NR > 1 && $1 > 3 { print $5, $6, $7, $8, $4, "Zeek" }' "$T/flows.csv" >> "$T/one.csv"
expect_exit 0 "$FLOWCNN" label "$P" --csv "$T/one.csv" --capture-column '' --confidence-prefix '' \
  --label-column app --src-column orig --sport-column oport --dst-column resp --dport-column rport \
  --proto-column proto
expect_out "^project flows 40, labelled 37$"
expect_exit 0 "$FLOWCNN" flows "$P" --label Zeek --count
[ "$(cat "$T/stdout")" = 37 ] || fail "Zeek flows: $(cat "$T/stdout")"

# Errors: a missing file (1), a missing column (2), bad usage (2); nothing changes.
expect_exit 1 "$FLOWCNN" label "$P" --csv "$T/nope.csv"
expect_err "nope.csv"
expect_exit 2 "$FLOWCNN" label "$P" --csv "$T/labels.csv" --label-column app_label
expect_err "labels.csv has no column 'app_label'"
expect_exit 2 "$FLOWCNN" label "$P" --csv "$T/one.csv" --confidence-prefix ''
expect_err "no column 'label_recommended'"
expect_exit 2 "$FLOWCNN" label "$P" --csv "$T/labels.csv" --source csv
expect_err "is not one of"
expect_exit 2 "$FLOWCNN" label "$P" --csv "$T/labels.csv" --set X
expect_exit 2 "$FLOWCNN" label "$P" --csv "$T/labels.csv" --all
expect_exit 2 "$FLOWCNN" label "$P" --ids 1 --set X --label-column app
expect_exit 2 "$FLOWCNN" label "$P" --csv "$T/labels.csv" --rules "$T/labels.csv"
printf 'pcap,src_ip,src_port,dst_ip,dst_port,l4proto,label_recommended,confidence\r\nx,1.2.3.4,http,5.6.7.8,80,TCP,A,DPI\r\n' > "$T/bad.csv"
expect_exit 1 "$FLOWCNN" label "$P" --csv "$T/bad.csv"
expect_err "bad.csv line 2: column 'src_port'"
expect_exit 0 "$FLOWCNN" flows "$P" --label Zeek --count
[ "$(cat "$T/stdout")" = 37 ] || fail "a failed label changed flows"
expect_exit 0 "$FLOWCNN" label --help
expect_out "--csv FILE"
echo "label_csv: ok"
