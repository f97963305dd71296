#!/usr/bin/env bash
# flowcnn-capture: usage errors (exit 2), -D, the "not permitted" message (exit 3) as an
# unprivileged user, and, where this user may capture on lo, SIGTERM/-c captures of UDP packets
# sent to 127.0.0.1. Parts that need root (or capture rights) skip with a message.
set -euo pipefail
HELPER=$1; SRC=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
. "$SRC/tests/cli/lib.bash"

# Packets in a pcap file written on this (little-endian) machine; fails on a bad magic.
count_packets() {
  local f=$1 size off=24 n=0 caplen
  [ "$(od -An -tx1 -N4 "$f" | tr -d ' \n')" = "4d3cb2a1" ] || fail "$f is not a nanosecond pcap"
  size=$(stat -c %s "$f")
  while [ $((off + 16)) -le "$size" ]; do
    caplen=$(od -An -tu4 -j $((off + 8)) -N4 "$f" | tr -d ' ')
    off=$((off + 16 + caplen)); n=$((n + 1))
  done
  [ "$off" -eq "$size" ] || fail "$f ends inside a packet ($off of $size bytes)"
  echo "$n"
}

expect_exit 0 "$HELPER" -h
expect_out "usage: flowcnn-capture -i IFACE"
expect_exit 2 "$HELPER"
expect_err "no interface given"
expect_exit 2 "$HELPER" -i lo
expect_err "no output given"
expect_exit 2 "$HELPER" -i lo -w "$T/x.pcap" -s 0
expect_err "snapshot length from 1 to 262144"
expect_exit 2 "$HELPER" -i lo -w "$T/x.pcap" -s 300000
expect_exit 2 "$HELPER" -i lo -w "$T/x.pcap" -c ten
expect_err "positive packet count"
expect_exit 2 "$HELPER" -i lo -w "$T/x.pcap" -c 0
expect_exit 2 "$HELPER" -i
expect_err "option -i needs a value"
expect_exit 2 "$HELPER" -X
expect_err "unknown option -X"
expect_exit 2 "$HELPER" -i lo -w "$T/x.pcap" extra
expect_err "unexpected argument 'extra'"
[ ! -e "$T/x.pcap" ] || fail "a usage error created the output file"

expect_exit 0 "$HELPER" -D
expect_out "lo"

# Not permitted: run as nobody (any capabilities are lost with root's uid).
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && getent passwd nobody >/dev/null; then
  group=$(id -gn nobody)
  expect_exit 3 setpriv --reuid=nobody --regid="$group" --clear-groups "$HELPER" -i lo -w "$T/denied.pcap"
  expect_err "not permitted to capture on 'lo'"
  expect_err "sudo setcap cap_net_raw,cap_net_admin=eip "
  expect_err "flowcnn-capture"
  [ ! -e "$T/denied.pcap" ] || fail "a refused capture created the output file"
else
  echo "SKIP: the 'not permitted' check needs root (to become nobody with setpriv)"
fi

# A real capture on lo, where this user may capture there.
set +e; "$HELPER" -i lo -c 1 -w "$T/probe.pcap" -f "udp port 9" >/dev/null 2>"$T/probe.err" &
probe=$!; sleep 0.5; echo x > /dev/udp/127.0.0.1/9 2>/dev/null; sleep 0.5
kill -TERM "$probe" 2>/dev/null; wait "$probe"; rc=$?; set -e
if [ "$rc" -ne 0 ]; then
  echo "SKIP: cannot capture on lo here (exit $rc: $(head -c 200 "$T/probe.err"))"
  echo "PASS (partly skipped)"; exit 0
fi

# Until SIGTERM: five datagrams, then a clean stop (exit 0, whole file).
port=$((20000 + RANDOM % 20000))
"$HELPER" -i lo -f "udp port $port" -P -w "$T/lo.pcap" 2>"$T/lo.err" &
pid=$!
for _ in $(seq 50); do [ -s "$T/lo.pcap" ] && break; sleep 0.1; done
sleep 0.3  # the filter is set just after the file is created
for i in 1 2 3 4 5; do echo "datagram $i" > "/dev/udp/127.0.0.1/$port"; sleep 0.05; done
sleep 0.3
kill -TERM "$pid"
set +e; wait "$pid"; rc=$?; set -e
[ "$rc" -eq 0 ] || { cat "$T/lo.err" >&2; fail "SIGTERM: exit $rc, expected 0"; }
n=$(count_packets "$T/lo.pcap")
[ "$n" -ge 5 ] || fail "captured $n packets on lo, expected at least 5"
grep -q "^flowcnn-capture: $n packets captured" "$T/lo.err" || { cat "$T/lo.err" >&2; fail "no summary line for $n packets"; }
grep -q "^packets [0-9]" "$T/lo.err" || fail "-P printed no progress line"

# -c: stops by itself after exactly two packets; -w - writes the same format to stdout.
port=$((port + 1))
"$HELPER" -i lo -f "udp port $port" -c 2 -w - >"$T/c.pcap" 2>"$T/c.err" &
pid=$!
sleep 0.5
for i in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; echo "c $i" > "/dev/udp/127.0.0.1/$port"; sleep 0.1; done
set +e; wait "$pid"; rc=$?; set -e
[ "$rc" -eq 0 ] || { cat "$T/c.err" >&2; fail "-c 2: exit $rc"; }
[ "$(count_packets "$T/c.pcap")" -eq 2 ] || fail "-c 2 wrote $(count_packets "$T/c.pcap") packets"
# The point of it all: a copy with the file capabilities captures as nobody (where setcap works).
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && command -v setcap >/dev/null &&
   cp "$HELPER" "$T/capcopy" && chmod 755 "$T" && setcap cap_net_raw,cap_net_admin=eip "$T/capcopy" 2>/dev/null; then
  port=$((port + 1))
  setpriv --reuid=nobody --regid="$(id -gn nobody)" --clear-groups "$T/capcopy" -i lo -f "udp port $port" -c 1 -w - \
    >"$T/nobody.pcap" 2>"$T/nobody.err" &
  pid=$!
  sleep 0.5
  for i in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; echo "n $i" > "/dev/udp/127.0.0.1/$port"; sleep 0.1; done
  set +e; wait "$pid"; rc=$?; set -e
  [ "$rc" -eq 0 ] || { cat "$T/nobody.err" >&2; fail "setcap copy as nobody: exit $rc"; }
  [ "$(count_packets "$T/nobody.pcap")" -eq 1 ] || fail "setcap copy as nobody captured nothing"
else
  echo "SKIP: no setcap here (or no file capabilities on this file system)"
fi
echo PASS
