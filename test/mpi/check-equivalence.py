"""ctest mpi.SameRunOnOneTwoFourRanks (label "mpi"): one handshake-sim scenario and RngRun on 1 rank
(one process, no MPI) and spread over 2 and 4 ranks (--ranks, both synchronisation algorithms on 2)
must give the same run: every pcap byte for byte, and for every connection and transaction the same
outcome and the same times, to the last bit of the stored double (so to the nanosecond), the same
segment, state and drop rows. The runs of several ranks are read from each rank's own records
(--out/ranks/R/results.sqlite, not merged yet: doc/mpi.rst), so the server's columns of
`connections` and the server's rows of `states`, which rank 0 does not record for another rank's
clients yet, are not compared, nor the connection of a drop rank 0 recorded (it does not know
it); the `servers` table (rank 0's own hosts) is.

Where ns-3 orders events of the same time differently on several ranks (a packet from another rank
is put in the queue when it arrives, not when it was sent: doc/mpi.rst), rows would differ: the test
prints how many rows of each table differ, and fails when any does.

check-equivalence.py --sim SIM --mpi ON|OFF --work DIR
  --mpi   whether SIM was built with MPI support (HANDSHAKE_MPI); OFF: exit 77 (ctest: skipped)
"""

import argparse
import filecmp
import glob
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
    # A dumbbell: every client's own access link crosses ranks; the lookahead is the shortest.
    "dumbbell": ["--clients=12", "--topology=dumbbell", "--servers=1", "--requests=2", "--loss=0.01",
                 "--RngRun=3", "--pcap=all", "--persistent"],
}
RANKS = [(2, "granted"), (2, "null"), (4, "granted")]

# Columns that name a connection by its number in one process's order: compared by what they point at.
CONNECTION_KEY = ("client_address", "client_port", "syn_sent")
SERVER_COLUMNS = {"server_fin_sent", "server_time_wait_entered", "server_closed", "server_state_source",
                  "server_retransmissions"}


def run(sim, flags, out, ranks=None):
    shutil.rmtree(out, ignore_errors=True)
    extra = [] if ranks is None else [f"--ranks={ranks[0]}", f"--mpi-sync={ranks[1]}"]
    result = subprocess.run([sim, f"--out={out}"] + flags + extra, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=600)
    if result.returncode != 0:
        sys.exit(f"FAIL: {sim} {' '.join(flags + extra)} exited {result.returncode}:\n{result.stdout}")
    return result.stdout


def databases(out):
    one = os.path.join(out, "results.sqlite")
    return [one] if os.path.exists(one) else sorted(glob.glob(os.path.join(out, "ranks", "*", "results.sqlite")))


def rows(db, table):
    columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    return columns, [dict(zip(columns, row)) for row in db.execute(f"SELECT * FROM {table} ORDER BY rowid")]


def records(out):
    """Every rank's rows, with connection numbers replaced by the connection's key."""
    result = {"connections": {}, "transactions": [], "segments": [], "states": [], "drops": [], "servers": []}
    paths = databases(out)
    for path in paths:
        db = sqlite3.connect(path)
        _, connections = rows(db, "connections")
        key_of = {c["id"]: tuple(c[k] for k in CONNECTION_KEY) for c in connections}
        key_of[0] = key_of[None] = None
        for c in connections:
            result["connections"][key_of[c["id"]]] = {k: v for k, v in c.items()
                                                      if k not in ("run_id", "id") and k not in SERVER_COLUMNS}
        for t in rows(db, "transactions")[1]:
            t = dict(t, connection=key_of[t.pop("connection_id")], first_connection=key_of[t.pop("first_connection_id")])
            del t["run_id"], t["id"]
            result["transactions"].append(t)
        for table in ("segments", "states", "drops"):
            for r in rows(db, table)[1]:
                if table == "states" and r["side"] == "server":
                    continue
                r = dict(r, connection=key_of.get(r.pop("connection_id")))
                del r["run_id"]
                result[table].append(r)
        if len(paths) == 1 or path.endswith(os.path.join("ranks", "0", "results.sqlite")):
            result["servers"] = [dict(r, run_id=None) for r in rows(db, "servers")[1]]
        db.close()
    # Each rank writes its rows in its own order; one process writes them in the order they
    # happened over all hosts. Compare sets in a canonical order: by connection, then as written.
    def order(r):
        return (str(r.get("connection")), str(r.get("client_address")), r.get("time") or 0,
                r.get("connect_called") or 0)
    for table in ("transactions", "segments", "states"):
        result[table].sort(key=order)
    # A loss on the core's side of a link between ranks (a dumbbell's access link, client->server)
    # is recorded by rank 0, whose recorder does not know another rank's connections (connection 0):
    # drops are compared without their connection, in time order; how many lack it is printed.
    result["unattributed drops"] = sum(1 for r in result["drops"] if r["connection"] is None)
    result["drops"] = sorted((dict(r, connection=None) for r in result["drops"]),
                             key=lambda r: (r["time"], r["direction"], r["seq"]))
    return result


def compare(name, reference, other):
    """Rows that differ per table (0 everywhere: the same run)."""
    differing = {}
    ref_conn, oth_conn = reference["connections"], other["connections"]
    differing["connections"] = sum(1 for k in set(ref_conn) | set(oth_conn) if ref_conn.get(k) != oth_conn.get(k))
    for table in ("transactions", "segments", "states", "drops", "servers"):
        a, b = reference[table], other[table]
        differing[table] = sum(1 for x, y in zip(a, b) if x != y) + abs(len(a) - len(b))
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
        reference = records(reference_out)
        counts = {t: len(v) for t, v in reference.items() if isinstance(v, (list, dict))}
        print(f"{scenario}: 1 rank: {counts}")
        for ranks in RANKS:
            out = os.path.join(args.work, f"{scenario}-{ranks[0]}-{ranks[1]}")
            output = run(args.sim, flags, out, ranks)
            lookahead = [line for line in output.splitlines() if "lookahead" in line][:1]
            differing = compare(scenario, reference, records(out))
            pcaps = same_pcaps(reference_out, out)
            print(f"{scenario}: {ranks[0]} ranks ({ranks[1]}): rows differing {differing} "
                  f"({records(out)['unattributed drops']} drops without their connection); "
                  f"pcaps {'identical' if not pcaps else pcaps}; {lookahead[0].strip() if lookahead else ''}")
            if any(differing.values()) or pcaps:
                failures.append(f"{scenario} on {ranks[0]} ranks ({ranks[1]})")
    if failures:
        print("FAIL: not the same run: " + ", ".join(failures))
        return 1
    print("OK: the same outcomes, times, segments, states, drops and pcaps on 1, 2 and 4 ranks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
