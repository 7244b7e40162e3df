"""scripts/fidelity [RUN_OR_GRID...] --sim=PATH [--out=DIR] [--tcp=both|handshake|ns3]
[--path=measured|nominal]: replays
each Linux reference run in handshake-sim and compares (doc/fidelity.rst)."""
import argparse
import os
import sys

from . import capture, compare, replay, report, wire


def _arguments(argv):
    parser = argparse.ArgumentParser(
        prog="fidelity",
        description="Replay Linux reference runs (scripts/linux-ref) in handshake-sim with our TCP "
                    "and ns-3's stock TCP, and compare on the wire (doc/fidelity.rst).")
    parser.add_argument("runs", nargs="*", metavar="RUN_OR_GRID",
                        help="a run folder of scripts/linux-ref, or a --grid folder of them "
                             "[test/data/linux-ref]")
    parser.add_argument("--sim", required=True, help="the handshake-sim program")
    parser.add_argument("--out", default="out-fidelity", help="output folder [out-fidelity]")
    parser.add_argument("--tcp", choices=["both", "handshake", "ns3"], default="both",
                        help="which TCPs to replay with [both]")
    parser.add_argument("--path", choices=["measured", "nominal"], default="measured",
                        help="the replay's one-way delay: half the round trip Linux's handshake "
                             "took (measured) or the run's --delay (nominal) [measured]")
    parser.add_argument("--plot", action=argparse.BooleanOptionalAction, default=True,
                        help="draw fidelity.svg (python3-matplotlib) [on]")
    return parser.parse_args(argv)


def main(argv=None):
    args = _arguments(sys.argv[1:] if argv is None else argv)
    tcps = ["handshake", "ns3"] if args.tcp == "both" else [args.tcp]
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    paths = args.runs or [os.path.join(root, "test", "data", "linux-ref")]
    try:
        references = [replay.read_reference(f) for f in replay.reference_folders(paths)]
    except replay.ReplayError as error:
        print(f"fidelity: {error}", file=sys.stderr)
        return 2
    if not os.access(args.sim, os.X_OK):
        print(f"fidelity: --sim: {args.sim} is not an executable", file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    results = []
    failed = 0
    for number, run in enumerate(references, 1):
        try:
            linux = wire.view(*replay.frames(run.client_pcap, run.server_pcap))
            by_tcp = {"linux": (linux, None, None)}
            delay_ms = replay.path_delay_ms(run, linux, args.path)
            linux_lengths = replay.stream_lengths(run.client_pcap)
            for tcp in tcps:
                done = replay.replay(run, args.sim, tcp, os.path.join(args.out, run.name, tcp),
                                     delay_ms, linux_lengths)
                view = wire.view(*replay.frames(done.client_pcap, done.server_pcap))
                by_tcp[tcp] = (view, compare.compare(linux, view), done)
        except (replay.ReplayError, capture.CaptureError, OSError) as error:
            print(f"fidelity: {run.name}: {error}", file=sys.stderr)
            failed += 1
            continue
        results.append((run, by_tcp))
        summary = ", ".join(
            f"{report.TCP_LABELS[t]} {by_tcp[t][0].completion_s or 0:.3f} s" for t in ["linux"] + tcps)
        print(f"[{number}/{len(references)}] {run.name}: {summary}", flush=True)
    if not results:
        print("fidelity: no run could be compared", file=sys.stderr)
        return 1
    report.write_csv(os.path.join(args.out, "fidelity.csv"), report.csv_rows(results))
    lines = report.cell_lines(results, tcps)
    with open(os.path.join(args.out, "cells.rst"), "w") as f:
        f.write(report.rst_table(lines) + "\n")
    text = [report.text_table(lines), ""]
    for tcp, targets in report.totals(results, tcps).items():
        text.append(f"{report.TCP_LABELS[tcp]}: " + "; ".join(
            f"{name} {met}/{total}" for name, (met, total) in targets.items()))
    with open(os.path.join(args.out, "summary.txt"), "w") as f:
        f.write("\n".join(text) + "\n")
    print("\n".join(text))
    if args.plot:
        report.plot(os.path.join(args.out, "fidelity.svg"), results, tcps)
    print(f"outputs: {args.out}/fidelity.csv, summary.txt, cells.rst"
          + (", fidelity.svg" if args.plot else "") + "; each replay under <run>/<tcp>/")
    return 1 if failed else 0
