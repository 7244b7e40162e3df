"""A Linux reference run (scripts/linux-ref's folder) and its replay in handshake-sim: the same
one-way delay, rate, response size and closing side, and the run's lost segments as --drop rules
on the client's access link (--loss=0: nothing else is lost)."""
import csv
import dataclasses
import json
import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass

from . import capture


class ReplayError(Exception):
    """A reference run that cannot be read, or a replay that did not run."""


@dataclass(frozen=True)
class ReferenceRun:
    name: str
    folder: str
    delay_ms: float
    loss: float
    rate: str
    size: int
    close: str
    seed: int
    rules: tuple      # the --drop rules of drops.csv, in the order the losses happened
    result: str       # the Linux run's own verdict: ok or failed

    @property
    def client_pcap(self):
        return os.path.join(self.folder, "client.pcap")

    @property
    def server_pcap(self):
        return os.path.join(self.folder, "server.pcap")


def read_reference(folder):
    summary_path = os.path.join(folder, "summary.json")
    try:
        with open(summary_path) as f:
            summary = json.load(f)
        parameters = summary["parameters"]
        with open(os.path.join(folder, "drops.csv"), newline="") as f:
            rules = tuple(row["rule"] for row in csv.DictReader(f) if row.get("rule"))
        return ReferenceRun(
            name=os.path.basename(os.path.normpath(folder)), folder=folder,
            delay_ms=float(parameters["delay_ms"]), loss=float(parameters["loss"]),
            rate=str(parameters["rate"]), size=int(parameters["size"]),
            close=str(parameters["close"]), seed=int(parameters["seed"]),
            rules=rules, result=str(summary.get("result", "")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ReplayError(f"{folder}: not a Linux reference run ({error})") from error


def reference_folders(paths):
    """Each path is a run folder (has summary.json) or a grid folder of them."""
    folders = []
    for path in paths:
        if os.path.isfile(os.path.join(path, "summary.json")):
            folders.append(path)
            continue
        if not os.path.isdir(path):
            raise ReplayError(f"{path}: no such folder")
        found = sorted(os.path.join(path, name) for name in os.listdir(path)
                       if os.path.isfile(os.path.join(path, name, "summary.json")))
        if not found:
            raise ReplayError(f"{path}: holds no Linux reference run (no */summary.json)")
        folders += found
    return folders


def path_delay_ms(run, linux_view, path):
    """The replay's one-way delay. "nominal": the run's --delay. "measured": half the handshake
    round trip Linux saw at its client, which the real-time emulation lengthens by 0.4-1.1 ms
    (doc/fidelity.rst); the nominal delay when the capture has no SYN-ACK."""
    if path == "measured" and linux_view.handshake_rtt_s:
        return round(linux_view.handshake_rtt_s * 1000 / 2, 3)
    return run.delay_ms


def sim_arguments(run, tcp, out, delay_ms=None):
    """handshake-sim's flags for the replay. The path: the client's access link carries the
    one-way delay (the run's unless delay_ms is given), its rate and the --drop rules; the
    bottleneck and the server's link are 10 Gbps with no delay (Linux's reference has one link
    between its two taps)."""
    delay_ms = run.delay_ms if delay_ms is None else delay_ms
    arguments = [
        "--clients=1", "--servers=1", "--topology=dumbbell", "--requests=1",
        f"--delay={delay_ms:g}", "--loss=0", f"--size={run.size}", "--start-window=0",
        "--bottleneck-delay=0ms", "--bottleneck-rate=10Gbps",
        "--ns3::TopologyBuilder::ServerLinkDelay=0ms",
        f"--ns3::TopologyBuilder::AccessRate={run.rate}",
        f"--tcp={tcp}", "--pcap=all", f"--out={out}", "--RngRun=1",
    ]
    # The client closes first on a kept-alive connection once it has nothing more to ask; without
    # --persistent the request says "Connection: close" and the server closes first.
    if run.close == "client":
        arguments.append("--persistent")
    if run.rules:
        arguments.append("--drop=" + ",".join(run.rules))
    return arguments


def stream_lengths(client_pcap):
    """(request bytes, response bytes) of the capture's first connection: where each direction's
    data ends, in relative sequence numbers (the SYN is byte 0)."""
    ends = {"c2s": 0, "s2c": 0}
    for frame in capture.first_connection(client_pcap):
        if frame.length:
            ends[frame.direction] = max(ends[frame.direction], frame.seq + frame.length - 1)
    return ends["c2s"], ends["s2c"]


ACK_RULE = re.compile(r"^(client:\d+/)?(c2s|s2c):ack=(\d+)(#\d+)?$")


def translate_rules(rules, linux_lengths, ours_lengths):
    """The rules with each ack=A that lies past the end of the stream it acknowledges (the whole
    request or response, or its FIN) moved by how much longer ours is than Linux's: curl's request
    and Python's response headers are not our HTTP applications' bytes, so "the server's ACK of
    the client's FIN" is ack=90 on Linux's wire and ack=119 on ours. An s2c ACK acknowledges the
    request, a c2s ACK the response. Rules inside a stream (segment starts, 1448 bytes apart on
    both) and rules without numbers stay as they are."""
    translated = []
    for rule in rules:
        match = ACK_RULE.match(rule)
        if match:
            prefix, direction, number, nth = match.groups()
            acknowledged = 0 if direction == "s2c" else 1
            ack = int(number)
            if ack > linux_lengths[acknowledged]:
                ack += ours_lengths[acknowledged] - linux_lengths[acknowledged]
            rule = f"{prefix or ''}{direction}:ack={ack}{nth or ''}"
        translated.append(rule)
    return tuple(translated)


@dataclass
class Replay:
    tcp: str
    folder: str
    request_outcome: str
    drops_replayed: int
    delay_ms: float

    @property
    def client_pcap(self):
        return os.path.join(self.folder, "pcap", "client0-access.pcap")

    @property
    def server_pcap(self):
        return os.path.join(self.folder, "pcap", "server0-link.pcap")


def _simulate(run, simulator, tcp, out, delay_ms):
    command = [simulator] + sim_arguments(run, tcp, out, delay_ms)
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ReplayError(f"{run.name}, --tcp={tcp}: handshake-sim exited {result.returncode}: "
                          f"{result.stderr.strip().splitlines()[-1:] or ''}")
    return command


def replay(run, simulator, tcp, out, delay_ms=None, linux_lengths=None):
    """Runs handshake-sim for run with tcp ("handshake" or "ns3") into out, on a path of
    delay_ms one way (the run's by default). With linux_lengths (stream_lengths of Linux's
    capture), ack=A rules past a stream's end are translated to ours' lengths, measured on a
    replay without losses first (translate_rules)."""
    delay_ms = run.delay_ms if delay_ms is None else delay_ms
    if linux_lengths and any(ACK_RULE.match(rule) for rule in run.rules):
        probe = out + ".lengths"
        _simulate(dataclasses.replace(run, rules=()), simulator, tcp, probe, delay_ms)
        ours_lengths = stream_lengths(os.path.join(probe, "pcap", "client0-access.pcap"))
        shutil.rmtree(probe, ignore_errors=True)
        run = dataclasses.replace(run, rules=translate_rules(run.rules, linux_lengths, ours_lengths))
    command = _simulate(run, simulator, tcp, out, delay_ms)
    database = os.path.join(out, "results.sqlite")
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        outcomes = [row[0] for row in connection.execute("SELECT outcome FROM transactions")]
        drops = connection.execute("SELECT COUNT(*) FROM drops").fetchone()[0]
    with open(os.path.join(out, "command.txt"), "w") as f:
        f.write(" ".join(command) + "\n")
    return Replay(tcp=tcp, folder=out, request_outcome=",".join(outcomes) or "none",
                  drops_replayed=drops, delay_ms=delay_ms)


def frames(client_pcap, server_pcap):
    return capture.first_connection(client_pcap), capture.first_connection(server_pcap)
