"""ctest ns3src.SameOutputsAsDebianNs3 (label "ns3src"): handshake-sim built against Debian's ns-3
(libns3-dev) and handshake-sim built against scripts/setup-ns3's ns-3 (same 3.37 source, Release,
logging and asserts compiled out) run the same scenarios with the same RngRun and must write the
same outputs: every pcap byte for byte, every row of every results.sqlite table (runs without its
program and arguments columns, which name the binary and --out; the --out folder replaced
wherever else a value holds it, as the settings table's "out" row), summary.txt and report.html
(with the --out folder replaced). Also checks that each binary loads the ns-3 it was built for.

compare-builds.py --reference SIM --sim SIM --ns3-lib DIR --work DIR
  --reference  handshake-sim of the default build (Debian's ns-3)
  --sim        handshake-sim of the HANDSHAKE_NS3 build
  --ns3-lib    where the HANDSHAKE_NS3 build's ns-3 libraries are (DIR/lib)
"""

import argparse
import filecmp
import os
import shutil
import sqlite3
import subprocess
import sys

# One scenario on our TCP and one on ns-3's stock TCP (the ns-3 code the two builds compile
# differently), with loss, random delays and drops, so that retransmissions and timers are exercised.
SCENARIOS = {
    "ours": ["--clients=30", "--servers=2", "--requests=2", "--loss=0.02", "--RngRun=7",
             "--delay=ns3::UniformRandomVariable[Min=5|Max=60]", "--pcap=all",
             "--drop=client:1/s2c:synack,client:2/c2s:fin"],
    "stock": ["--clients=30", "--servers=2", "--requests=2", "--loss=0.02", "--RngRun=7",
              "--tcp=ns3", "--pcap=all", "--persistent"],
}


def run(sim, flags, out):
    shutil.rmtree(out, ignore_errors=True)
    result = subprocess.run([sim, f"--out={out}"] + flags, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.exit(f"FAIL: {sim} {' '.join(flags)} exited {result.returncode}:\n{result.stdout}")


def tables(path, out):
    """Every table's rows, with the --out folder (the settings table keeps it) replaced by OUT."""
    db = sqlite3.connect(path)
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    rows = {}
    for name in names:
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({name})")]
        if name == "runs":
            columns = [c for c in columns if c not in ("program", "arguments")]
        rows[name] = (columns, [tuple(v.replace(out, "OUT") if isinstance(v, str) else v for v in row)
                                for row in db.execute(f"SELECT {', '.join(columns)} FROM {name}")])
    db.close()
    return rows


def text(path, out):
    with open(path, encoding="utf-8") as f:
        return f.read().replace(out, "OUT")


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"item {i}: {x!r} != {y!r}"
    return f"lengths {len(a)} != {len(b)}"


def compare(name, ref_out, sim_out):
    problems = []
    ref_files = sorted(os.path.relpath(os.path.join(d, f), ref_out)
                       for d, _, fs in os.walk(ref_out) for f in fs)
    sim_files = sorted(os.path.relpath(os.path.join(d, f), sim_out)
                       for d, _, fs in os.walk(sim_out) for f in fs)
    if ref_files != sim_files:
        problems.append(f"files differ: {sorted(set(ref_files) ^ set(sim_files))}")
    pcaps = [f for f in ref_files if f.endswith(".pcap") and f in sim_files]
    for f in pcaps:
        if not filecmp.cmp(os.path.join(ref_out, f), os.path.join(sim_out, f), shallow=False):
            problems.append(f"{f} differs")
    ref_rows = tables(os.path.join(ref_out, "results.sqlite"), ref_out)
    sim_rows = tables(os.path.join(sim_out, "results.sqlite"), sim_out)
    if sorted(ref_rows) != sorted(sim_rows):
        problems.append(f"tables differ: {sorted(ref_rows)} != {sorted(sim_rows)}")
    count = 0
    for table in sorted(set(ref_rows) & set(sim_rows)):
        count += len(ref_rows[table][1])
        if ref_rows[table] != sim_rows[table]:
            problems.append(f"table {table}: {first_difference(ref_rows[table][1], sim_rows[table][1])}")
    for f in ("summary.txt", "report.html"):
        a, b = text(os.path.join(ref_out, f), ref_out), text(os.path.join(sim_out, f), sim_out)
        if a != b:
            problems.append(f"{f}: {first_difference(a.splitlines(), b.splitlines())}")
    print(f"{name}: {len(pcaps)} pcaps, {len(ref_rows)} tables, {count} rows compared: "
          f"{'same' if not problems else 'DIFFERENT'}")
    return problems


def loaded_ns3_libraries(sim):
    ldd = subprocess.run(["ldd", sim], stdout=subprocess.PIPE, text=True, check=True).stdout
    return {line.split()[0]: line.split()[2] for line in ldd.splitlines()
            if line.strip().startswith("libns3-") and "=>" in line
            and not line.strip().startswith("libns3-handshake")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", required=True)
    parser.add_argument("--sim", required=True)
    parser.add_argument("--ns3-lib", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    for sim in (args.reference, args.sim):
        if not os.access(sim, os.X_OK):
            sys.exit(f"FAIL: {sim} not found (the default build's handshake-sim: scripts/test builds it)")

    problems = []
    # Each build must load its own ns-3: a library of Debian's in the source build (or the reverse)
    # would make the comparison meaningless.
    ns3_lib = os.path.realpath(args.ns3_lib)
    for sim, expected, other in ((args.sim, ns3_lib, None), (args.reference, None, ns3_lib)):
        libraries = loaded_ns3_libraries(sim)
        if not libraries:
            problems.append(f"{sim}: ldd lists no libns3-* library")
        for lib, path in sorted(libraries.items()):
            where = os.path.dirname(os.path.realpath(path))
            if (expected and where != expected) or (other and where == other):
                problems.append(f"{sim} loads {lib} from {where}")
    print(f"{args.sim} loads {len(loaded_ns3_libraries(args.sim))} ns-3 libraries from {ns3_lib}")

    for name, flags in SCENARIOS.items():
        ref_out = os.path.join(args.work, name, "debian")
        sim_out = os.path.join(args.work, name, "source")
        run(args.reference, flags, ref_out)
        run(args.sim, flags, sim_out)
        problems += [f"{name}: {p}" for p in compare(name, ref_out, sim_out)]
    if problems:
        print("FAIL:\n  " + "\n  ".join(problems))
        print(f"(outputs kept under {args.work})")
        sys.exit(1)
    print("same outputs with both builds")


if __name__ == "__main__":
    main()
