"""ctest mpi.SameRunOnOneTwoFourRanks (label "mpi"): one handshake-sim scenario and RngRun on 1 rank
(one process, no MPI) and spread over 2 and 4 ranks (--ranks, both synchronisation algorithms on 2)
must give the same run, laid out the same (doc/mpi.rst): the same files under --out (no ranks/
folder left), every pcap byte for byte, every row of every results.sqlite table in the same order
with the same connection numbers and times to the last bit of the stored double (so to the
nanosecond), and the same summary.txt. What may differ is only what says how the run was made: the
`runs` and `settings` rows (--ranks, --mpi-sync, the lookahead), the summary's settings line, and the
`events` metric (every rank's events are counted, null messages and remote packets included).

Where ns-3 orders events of the same time differently on several ranks (a packet from another rank
is put in the queue when it arrives, not when it was sent: doc/mpi.rst), rows would differ: the test
prints how many rows of each table differ in place and as sets, and fails when any does.

check-equivalence.py --sim SIM --mpi ON|OFF --work DIR
  --mpi   whether SIM was built with MPI support (HANDSHAKE_MPI); OFF: exit 77 (ctest: skipped)
"""

import argparse
import filecmp
import os
import shutil
import sqlite3
import subprocess
import sys

SKIPPED = 77

# A tree of four access subtrees (fan-out 10) with random delays, loss and a --drop rule, so that
# retransmissions, timers and teardowns of both sides are exercised; --pcap=all for every host.
SCENARIOS = {
    "tree": ["--clients=40", "--fanout=10", "--servers=2", "--requests=2", "--loss=0.02", "--RngRun=11",
             "--delay=ns3::UniformRandomVariable[Min=5|Max=60]", "--pcap=all",
             "--drop=client:1/s2c:synack,client:12/c2s:fin"],
    # A dumbbell: every client's own access link crosses ranks; the lookahead is the shortest. With
    # DNS: the DNS host is rank 0's, the clients' resolvers count on theirs (summed for the summary).
    "dumbbell": ["--clients=12", "--topology=dumbbell", "--servers=1", "--requests=2", "--loss=0.01",
                 "--RngRun=3", "--pcap=all", "--persistent", "--dns=on"],
}
RANKS = [(2, "granted"), (2, "null"), (4, "granted")]

# What says how the run was made, not what happened in it.
HOW_MADE_TABLES = {"runs", "settings"}
HOW_MADE_METRICS = {"events"}
HOW_MADE_SUMMARY = ("  settings:", "  built from:", "  outputs:")


def run(sim, flags, out, ranks=None):
    shutil.rmtree(out, ignore_errors=True)
    extra = [] if ranks is None else [f"--ranks={ranks[0]}", f"--mpi-sync={ranks[1]}"]
    result = subprocess.run([sim, f"--out={out}"] + flags + extra, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=600)
    if result.returncode != 0:
        sys.exit(f"FAIL: {sim} {' '.join(flags + extra)} exited {result.returncode}:\n{result.stdout}")
    return result.stdout


def files(out):
    return sorted(os.path.relpath(os.path.join(d, f), out) for d, _, fs in os.walk(out) for f in fs)


def tables(out):
    """Every table's rows in stored order, run_id left out, the how-made metrics too."""
    db = sqlite3.connect(os.path.join(out, "results.sqlite"))
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    result = {}
    for name in names:
        if name in HOW_MADE_TABLES:
            continue
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({name})")]
        rows = [dict(zip(columns, row)) for row in db.execute(f"SELECT * FROM {name} ORDER BY rowid")]
        for r in rows:
            r.pop("run_id", None)
        if name == "metrics":
            rows = [r for r in rows if r.get("name") not in HOW_MADE_METRICS]
        result[name] = rows
    db.close()
    return result


def summary(out):
    with open(os.path.join(out, "summary.txt")) as f:
        return [line for line in f.read().splitlines() if not line.startswith(HOW_MADE_SUMMARY)]


def compare(reference, other):
    """Per table: rows differing in place (and, in parentheses, as multisets: order alone)."""
    differing = {}
    for table in sorted(set(reference) | set(other)):
        a, b = reference.get(table, []), other.get(table, [])
        in_place = sum(1 for x, y in zip(a, b) if x != y) + abs(len(a) - len(b))
        if in_place:
            key = lambda r: repr(sorted(r.items()))
            as_sets = sum(1 for x, y in zip(sorted(a, key=key), sorted(b, key=key)) if x != y) + abs(len(a) - len(b))
            differing[table] = f"{in_place} ({as_sets} as sets)"
    return differing


def same_pcaps(reference, other):
    ref_dir, oth_dir = os.path.join(reference, "pcap"), os.path.join(other, "pcap")
    ref_files, oth_files = sorted(os.listdir(ref_dir)), sorted(os.listdir(oth_dir))
    if ref_files != oth_files:
        return f"different capture files: {sorted(set(ref_files) ^ set(oth_files))[:5]}"
    differing = [f for f in ref_files if not filecmp.cmp(os.path.join(ref_dir, f), os.path.join(oth_dir, f), shallow=False)]
    return f"{len(differing)} of {len(ref_files)} pcaps differ: {differing[:5]}" if differing else ""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sim", required=True)
    parser.add_argument("--mpi", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    if args.mpi.upper() not in ("ON", "1", "TRUE"):
        print("SKIPPED: handshake-sim was built without MPI (an ns-3 without its mpi module); "
              "build against scripts/setup-ns3 --mpi DIR: HANDSHAKE_NS3=DIR scripts/test -L mpi")
        return SKIPPED
    failures = []
    for scenario, flags in SCENARIOS.items():
        reference_out = os.path.join(args.work, f"{scenario}-1")
        run(args.sim, flags, reference_out)
        reference = tables(reference_out)
        counts = {t: len(v) for t, v in reference.items()}
        print(f"{scenario}: 1 rank: rows {counts}")
        for ranks in RANKS:
            out = os.path.join(args.work, f"{scenario}-{ranks[0]}-{ranks[1]}")
            output = run(args.sim, flags, out, ranks)
            lookahead = [line for line in output.splitlines() if "lookahead" in line][:1]
            problems = []
            if files(out) != files(reference_out):
                problems.append(f"other files: {sorted(set(files(out)) ^ set(files(reference_out)))[:5]}")
            differing = compare(reference, tables(out))
            if differing:
                problems.append(f"rows differing {differing}")
            pcaps = same_pcaps(reference_out, out)
            if pcaps:
                problems.append(pcaps)
            if summary(out) != summary(reference_out):
                diff = [(a, b) for a, b in zip(summary(reference_out), summary(out)) if a != b]
                problems.append(f"summary.txt differs: {diff[:2]}")
            print(f"{scenario}: {ranks[0]} ranks ({ranks[1]}): "
                  f"{'; '.join(problems) if problems else 'every table, pcap and summary line the same'}; "
                  f"{lookahead[0].strip() if lookahead else ''}")
            if problems:
                failures.append(f"{scenario} on {ranks[0]} ranks ({ranks[1]})")
    if failures:
        print("FAIL: not the same run: " + ", ".join(failures))
        return 1
    print("OK: the same results.sqlite rows, summary and pcaps on 1, 2 and 4 ranks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
