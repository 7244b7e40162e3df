"""ctest outputs.SameAsRecorded (label "simulation"): handshake-sim runs scenarios that use every
component (SYN flood, link faults, server restarts, --drop rules, --profile and --syn-cookies; our
TCP and stock TCP; --csv) and
must write what test/outputs/recorded.sha256 holds: a SHA-256 per output file of each scenario, of
every pcap byte for byte, of every row of every results.sqlite table (runs without its program,
arguments and version columns, which name the binary, --out and the commit), and of summary.txt,
report.html and the CSVs (with the --out folder replaced by OUT and the versions by VERSION).
First recorded before the run was split into components
(issue 19), so that moving code between the scenario's parts is checked to change no output; recorded
again when the run's own parts became components, which reordered the flags (settings rows, the
summary's settings line, report.html's parameters) and changed no pcap and no other row.

A change that means to change outputs (a TCP rule, a new column) records them again:
  check-outputs.py --sim build/bin/handshake-sim --work /tmp/outputs --record
and the diff of recorded.sha256 shows which files of which scenarios changed.
"""

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys

SCENARIOS = {
    "flood": ["--clients=20", "--loss=0.05", "--syn-flood=500@1s+3s", "--attacker-rate=10Mbps",
              "--RngRun=3"],
    "faults": ["--clients=10", "--server-restart=server:0@1.5s+2s",
               "--link-down=bottleneck@1s+1s,client:4@0.5s+3s", "--RngRun=2"],
    "drops": ["--clients=8", "--drop=c2s:syn,client:3/s2c:data=1#2", "--pcap=sample:3", "--RngRun=5"],
    "all": ["--clients=12", "--syn-flood=300", "--drop=s2c:synack", "--link-down=client:2@1s+2s",
            "--server-restart=server:1@2s+1s", "--csv", "--persistent", "--requests=2", "--RngRun=4"],
    "stock": ["--clients=6", "--tcp=ns3", "--syn-flood=200@0.5s+1s", "--link-down=bottleneck@0.8s+0.5s",
              "--drop=client:1/c2s:fin", "--RngRun=6"],
    "plain": ["--clients=20", "--loss=0.05", "--RngRun=1", "--pcap=servers"],
    "rfc": ["--clients=8", "--profile=rfc", "--syn-cookies=always", "--syn-flood=100@0.2s+0.5s",
            "--loss=0.02", "--RngRun=8"],
}
# The ns-3 the digests were recorded with: another one's own behaviour differs (not comparable).
RECORDED_NS3 = "3.37"
SKIPPED = 77
RECORDED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "recorded.sha256")


def versions(out):
    """The versions a run names (runs.handshake_version, ns3_version): they change with every commit,
    so the digests see them as VERSION and NS3_VERSION."""
    db = sqlite3.connect(os.path.join(out, "results.sqlite"))
    row = db.execute("SELECT handshake_version, ns3_version FROM runs").fetchone()
    db.close()
    return row


def normalised(text, out):
    """\\p text with the --out folder as OUT and the versions as VERSION and NS3_VERSION."""
    handshake, ns3 = versions(out)
    text = text.replace(out, "OUT").replace(handshake, "VERSION")
    return text.replace(f"ns-3 {ns3}", "ns-3 NS3_VERSION").replace(f"VERSION,{ns3}", "VERSION,NS3_VERSION")


def sqlite_rows(path, out):
    db = sqlite3.connect(path)
    content = []
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
        if table == "runs":
            columns = [c for c in columns
                       if c not in ("program", "arguments", "handshake_version", "ns3_version")]
        rows = db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid").fetchall()
        content.append([table, columns, rows])
    db.close()
    return json.dumps(content).replace(out, "OUT").encode()


def digests(out):
    """{relative path: sha256} of a run's outputs under \\p out."""
    result = {}
    for root, _, names in os.walk(out):
        for name in names:
            path = os.path.join(root, name)
            relative = os.path.relpath(path, out)
            if name == ".handshake.lock":
                continue  # the lock's owner
            if name.endswith(".sqlite"):
                data = sqlite_rows(path, out)
            elif name.endswith((".txt", ".html", ".csv")):
                with open(path, encoding="utf-8") as f:
                    data = normalised(f.read(), out).encode()
            else:
                with open(path, "rb") as f:
                    data = f.read()
            result[relative] = hashlib.sha256(data).hexdigest()
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sim", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--record", action="store_true", help="write recorded.sha256 from this run")
    args = parser.parse_args()
    lines = []
    ns3_version = None
    for name, flags in SCENARIOS.items():
        out = os.path.join(os.path.abspath(args.work), name)
        shutil.rmtree(out, ignore_errors=True)
        result = subprocess.run([args.sim, f"--out={out}"] + flags, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            sys.exit(f"FAIL: {name}: handshake-sim exited {result.returncode}:\n{result.stdout}")
        ns3_version = ns3_version or versions(out)[1]
        if ns3_version != RECORDED_NS3 and not args.record:
            print(f"SKIPPED: the outputs were recorded with ns-3 {RECORDED_NS3}; this handshake-sim is built "
                  f"against ns-3 {ns3_version}, whose own parts (stock TCP, ICMP on a routing failure) "
                  "differ (README, \"Supported ns-3\")")
            return SKIPPED
        for path, digest in sorted(digests(out).items()):
            lines.append(f"{digest}  {name}/{path}\n")
    if args.record:
        with open(RECORDED, "w", encoding="utf-8") as f:
            f.writelines(lines)
        print(f"recorded {len(lines)} files in {RECORDED}")
        return 0
    with open(RECORDED, encoding="utf-8") as f:
        expected = f.readlines()
    if lines != expected:
        now, then = set(lines), set(expected)
        for line in sorted(then - now):
            print("recorded:", line, end="")
        for line in sorted(now - then):
            print("now:     ", line, end="")
        print(f"FAIL: outputs differ from {RECORDED} (see check-outputs.py's doc to record them again)")
        return 1
    print(f"same outputs as recorded: {len(lines)} files of {len(SCENARIOS)} scenarios")
    return 0


if __name__ == "__main__":
    sys.exit(main())
