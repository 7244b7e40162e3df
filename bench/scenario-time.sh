#!/usr/bin/env bash
# Wall time and peak memory of one handshake-sim run: bench/scenario-time.sh --clients=1000 --pcap=none
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cmake --build "$root/build" --target handshake-sim >/dev/null
out=$(mktemp -d)
/usr/bin/time -f 'wall %e s, peak RSS %M KB' "$root/build/bin/handshake-sim" --out="$out" "$@" >/dev/null
rm -rf "$out"
