#!/usr/bin/env bash
# bench/lifecycle-cost.sh [--binary=PATH] [HANDSHAKE-SIM FLAGS...]
# The cost of 1,000 connection lifecycles (handshake, GET of 10 kB, teardown; 1% loss, 4 servers,
# 10 Gb/s bottleneck, 1,000 clients over 1 s): user CPU (best of 3, /usr/bin/time), instructions
# (valgrind --tool=callgrind, repeatable), and the packets the clients' links carried (capinfos on
# a separate run with --pcap=all), so that costs can be compared per lifecycle and per packet.
# Extra flags go to handshake-sim, e.g. --ns3::TcpSocket::SegmentSize=536 for the packet count of
# the TCP before issue 17.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="$root/build/bin/handshake-sim"
if [[ "${1:-}" == --binary=* ]]; then
  binary="${1#--binary=}"
  shift
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
flags=(--clients=1000 --servers=4 --requests=1 --size=10000 --loss=0.01 --bottleneck-rate=10Gbps
       --start-window=1s "$@")
best=""
for i in 1 2 3; do
  /usr/bin/time -f "%U" -o "$work/time" "$binary" "${flags[@]}" --pcap=none --out="$work/o$i" >/dev/null
  user=$(cat "$work/time")
  if [ -z "$best" ] || awk "BEGIN{exit !($user < $best)}"; then best=$user; fi
done
valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$binary" "${flags[@]}" --pcap=none \
  --out="$work/cg" >/dev/null 2>"$work/cg.log"
instructions=$(sed -n 's/.*Collected : //p' "$work/cg.log")
"$binary" "${flags[@]}" --pcap=all --out="$work/p" >/dev/null
packets=0
for pcap in "$work"/p/pcap/client*-access.pcap; do
  n=$(capinfos -c -M "$pcap" | sed -n 's/^Number of packets: *//p')
  packets=$((packets + n))
done
lifecycles=$(sqlite3 "$work/o1/results.sqlite" "SELECT COUNT(*) FROM connections WHERE outcome = 'closed'")
echo "binary:         $binary"
echo "lifecycles:     $lifecycles"
echo "user CPU:       ${best} s (best of 3)"
echo "instructions:   $instructions ($((instructions / lifecycles)) per lifecycle)"
echo "client packets: $packets ($((packets / lifecycles)) per lifecycle, $((instructions / packets)) instructions per packet)"
