"""Checks of Linux reference runs (scripts/linux-ref, doc/fidelity.rst), run by ctest with
/usr/bin/python3: label "fidelity" on the captures stored under test/data/linux-ref/ (no root
needed), and label "emulation" on a fresh run (see run-linux-ref).

HANDSHAKE_LINUX_REF_RUNS lists the run folders to check (separated by ':'); by default every
folder of test/data/linux-ref/. Each one must hold what the harness leaves: client.pcap and
server.pcap (the two taps), drops.csv, run.txt, link.txt, summary.json, sysctl-client.txt,
sysctl-server.txt, kernel.txt. tshark decodes the captures with IPv4 and TCP checksum validation
on; nothing here shares code with the harness's own summary (scripts/lib/linux-ref-summary.py).
"""

import collections
import csv
import glob
import json
import os
import re
import subprocess
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
STORED = os.path.join(ROOT, "test", "data", "linux-ref")

FIELDS = ["frame.number", "frame.time_epoch", "ip.src", "tcp.flags", "tcp.seq_raw", "tcp.ack_raw",
          "tcp.len", "ip.id", "tcp.checksum", "ip.checksum.status", "tcp.checksum.status",
          "tcp.option_kind", "_ws.malformed", "tcp.srcport", "tcp.dstport", "tcp.payload"]
FIN, SYN, RST, ACK = 0x01, 0x02, 0x04, 0x10
# Option kinds Linux puts on its SYN and SYN-ACK (RFC 9293 MSS, RFC 7323 WS and TS, RFC 2018 SACK).
MSS, WS, SACK_PERM, TS = 2, 3, 4, 8
RULE = re.compile(r"^(c2s|s2c):(syn|synack|fin|rst|data=[0-9]+|ack=[0-9]+)#[1-9][0-9]*$")


def runs():
    listed = os.environ.get("HANDSHAKE_LINUX_REF_RUNS")
    if listed:
        return [p for p in listed.split(":") if p]
    return sorted(os.path.dirname(p) for p in glob.glob(os.path.join(STORED, "*", "summary.json")))


def decode(pcap):
    """Every IPv4 frame of pcap, dissected one by one. No TCP reassembly: under loss, tshark's
    HTTP reassembly marks a retransmission that overlaps a reassembled PDU "malformed" ("New
    fragment overlaps old data") though its bytes are the same; that sameness is checked here
    instead (test_retransmissions_repeat_the_same_bytes)."""
    command = ["tshark", "-n", "-r", pcap, "-o", "tcp.check_checksum:TRUE",
               "-o", "ip.check_checksum:TRUE", "-o", "tcp.relative_sequence_numbers:FALSE",
               "-o", "tcp.desegment_tcp_streams:FALSE",
               "-Y", "ip", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"]
    for field in FIELDS:
        command += ["-e", field]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    frames = []
    for line in out.splitlines():
        v = line.split("\t")
        frames.append({
            "frame": int(v[0]), "time": float(v[1]), "src": v[2],
            "tcp": v[3] != "", "flags": int(v[3], 16) if v[3] else 0,
            "seq": int(v[4] or 0), "ack": int(v[5] or 0), "len": int(v[6] or 0),
            "ip_id": int(v[7], 16) if v[7] else None,
            "checksum": int(v[8], 16) if v[8] else None,
            "ip_ok": v[9] == "1", "tcp_ok": v[10] == "1" or v[3] == "",
            "options": [int(k) for k in v[11].split(",") if k],
            "malformed": v[12] != "",
            "ports": (int(v[13] or 0), int(v[14] or 0)),
            "payload": bytes.fromhex(v[15].replace(":", "")),
        })
    return frames


def what(p, isn, other_isn):
    """The --drop rule's WHAT for frame p (DESIGN.md): what it is first, then what it carries."""
    if p["flags"] & SYN:
        return "synack" if p["flags"] & ACK else "syn"
    if p["flags"] & RST:
        return "rst"
    if p["len"] > 0:
        return "data=%d" % ((p["seq"] - isn) % 2**32)
    if p["flags"] & FIN:
        return "fin"
    return "ack=%d" % ((p["ack"] - other_isn) % 2**32)


def matches(what_, p, isn, other_isn):
    """Whether frame p is one the rule's WHAT names (counting aside), as tcp-segment-rule.cc has it:
    fin and rst any segment carrying the flag, data=X a payload covering X, ack=A a pure ACK."""
    syn, ack = p["flags"] & SYN, p["flags"] & ACK
    if what_ in ("syn", "synack"):
        return bool(syn) and bool(ack) == (what_ == "synack")
    if what_ == "fin":
        return bool(p["flags"] & FIN)
    if what_ == "rst":
        return bool(p["flags"] & RST)
    kind, _, value = what_.partition("=")
    if kind == "data":
        return p["len"] > 0 and (int(value) - (p["seq"] - isn)) % 2**32 < p["len"]
    return (bool(ack) and p["len"] == 0 and not p["flags"] & (SYN | FIN | RST)
            and (p["ack"] - other_isn) % 2**32 == int(value))


def facts(path):
    with open(path) as f:
        return dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)


class LinuxRefRun:
    def __init__(self, folder):
        self.folder = folder
        self.name = os.path.basename(folder)
        self.facts = facts(os.path.join(folder, "run.txt"))
        self.link = facts(os.path.join(folder, "link.txt"))
        with open(os.path.join(folder, "summary.json")) as f:
            self.summary = json.load(f)
        with open(os.path.join(folder, "drops.csv")) as f:
            self.drops = list(csv.DictReader(f))
        self.client = self.facts["client_address"]
        self.server = self.facts["server_address"]
        self.at_client = decode(os.path.join(folder, "client.pcap"))
        self.at_server = decode(os.path.join(folder, "server.pcap"))

    def isns(self):
        """{client port: {"c2s": ISN, "s2c": ISN}} from the SYNs at the client's tap and the
        SYN-ACKs at the server's (each sender's own: it may have been lost on the way)."""
        isns = {}
        for frames, src, direction, kind in ((self.at_client, self.client, "c2s", SYN),
                                             (self.at_server, self.server, "s2c", SYN | ACK)):
            for p in frames:
                if p["src"] == src and p["flags"] & (SYN | ACK) == kind:
                    port = p["ports"][0] if direction == "c2s" else p["ports"][1]
                    seen = isns.setdefault(port, {}).setdefault(direction, p["seq"])
                    # One connection per 4-tuple (the link program counts afresh on a new SYN;
                    # this check does not).
                    assert seen == p["seq"], "two connections on client port %d" % port
        return isns

    def lost_in_captures(self, direction):
        """The drops a capture pair shows in one direction, in order: (IP ID, raw seq, rule) of
        every segment the sender's tap has and the receiver's lacks, the rule's #K counted over
        the sender's segments of that connection up to this one."""
        sender, receiver, src = self.sent(direction)
        arrived = collections.Counter((p["ip_id"], p["seq"], p["checksum"])
                                      for p in receiver if p["tcp"] and p["src"] == src)
        isns = self.isns()
        other = "s2c" if direction == "c2s" else "c2s"
        history = collections.defaultdict(list)
        lost = []
        for p in sender:
            if not p["tcp"] or p["src"] != src:
                continue
            port = p["ports"][0] if direction == "c2s" else p["ports"][1]
            isn, other_isn = isns[port][direction], isns[port].get(other, 0)
            history[port].append(p)
            key = (p["ip_id"], p["seq"], p["checksum"])
            if arrived[key] > 0:
                arrived[key] -= 1
                continue
            w = what(p, isn, other_isn)
            k = sum(1 for q in history[port] if matches(w, q, isn, other_isn))
            lost.append((p["ip_id"], p["seq"], "%s:%s#%d" % (direction, w, k)))
        return lost

    def sent(self, direction):
        """(the sender's tap frames, the receiver's tap frames, sender address) of a direction."""
        if direction == "c2s":
            return self.at_client, self.at_server, self.client
        return self.at_server, self.at_client, self.server


class LinuxRefCapturesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.runs = [LinuxRefRun(folder) for folder in runs()]

    def test_there_are_runs(self):
        self.assertTrue(self.runs, "no Linux reference run found under " + STORED)

    def test_recorded_with_the_kernel_and_its_sysctls(self):
        for run in self.runs:
            with self.subTest(run=run.name):
                with open(os.path.join(run.folder, "kernel.txt")) as f:
                    self.assertEqual(f.read().strip(), run.facts["kernel"])
                for side in ("client", "server"):
                    sysctls = facts(os.path.join(run.folder, "sysctl-%s.txt" % side))
                    keys = {k.strip() for k in sysctls}
                    for key in ("net.ipv4.tcp_sack", "net.ipv4.tcp_timestamps",
                                "net.ipv4.tcp_window_scaling", "net.ipv4.tcp_congestion_control"):
                        self.assertIn(key, keys, side)

    def test_every_checksum_is_good_and_nothing_malformed(self):
        for run in self.runs:
            for side, frames in (("client", run.at_client), ("server", run.at_server)):
                with self.subTest(run=run.name, tap=side):
                    self.assertTrue(any(p["tcp"] for p in frames))
                    bad = [p["frame"] for p in frames
                           if not p["ip_ok"] or not p["tcp_ok"] or p["malformed"]]
                    self.assertEqual(bad, [], "frames with a bad checksum or malformed")

    def test_retransmissions_repeat_the_same_bytes(self):
        for run in self.runs:
            for side, frames in (("client", run.at_client), ("server", run.at_server)):
                with self.subTest(run=run.name, tap=side):
                    stream = {}
                    conflicts = []
                    for p in frames:
                        for i, byte in enumerate(p["payload"]):
                            key = (p["src"], p["ports"], (p["seq"] + i) % 2**32)
                            if stream.setdefault(key, byte) != byte:
                                conflicts.append(p["frame"])
                    self.assertEqual(sorted(set(conflicts)), [])

    def test_handshake_is_syn_synack_ack_with_linux_options(self):
        for run in self.runs:
            with self.subTest(run=run.name):
                tcp = [p for p in run.at_client if p["tcp"]]
                # Collapse retransmissions: a lost SYN or SYN-ACK shows again, as itself.
                kinds = []
                for p in tcp[:8]:
                    kind = ("SYN" if p["flags"] & (SYN | ACK) == SYN else
                            "SYN-ACK" if p["flags"] & (SYN | ACK) == SYN | ACK else
                            "ACK" if p["flags"] == ACK and p["len"] == 0 else "other")
                    if not kinds or kinds[-1] != kind:
                        kinds.append(kind)
                self.assertEqual(kinds[:3], ["SYN", "SYN-ACK", "ACK"])
                syn = tcp[0]
                synack = next(p for p in tcp if p["flags"] & (SYN | ACK) == SYN | ACK)
                ack = next(p for p in tcp if p["flags"] == ACK)
                self.assertEqual(syn["src"], run.client)
                self.assertEqual(synack["ack"], (syn["seq"] + 1) % 2**32)
                self.assertEqual(ack["ack"], (synack["seq"] + 1) % 2**32)
                for p in (syn, synack):
                    for kind in (MSS, SACK_PERM, TS, WS):
                        self.assertIn(kind, p["options"], "option kind %d" % kind)

    def test_first_fin_from_the_side_that_closes_first(self):
        for run in self.runs:
            with self.subTest(run=run.name):
                fin = next(p for p in run.at_client if p["flags"] & FIN)
                closer = run.client if run.facts["close"] == "client" else run.server
                self.assertEqual(fin["src"], closer)
                self.assertEqual(run.summary["first_fin"], run.facts["close"])
                self.assertFalse(any(p["flags"] & RST for p in run.at_client + run.at_server))

    def test_drops_are_named_by_rules_and_match_the_link_counts(self):
        for run in self.runs:
            with self.subTest(run=run.name):
                for d in run.drops:
                    self.assertRegex(d["rule"], RULE)
                    self.assertTrue(d["rule"].startswith(d["dir"] + ":"))
                for direction in ("c2s", "s2c"):
                    n = sum(1 for d in run.drops if d["dir"] == direction)
                    self.assertEqual(n, int(run.link[direction + "_lost"]))
                    self.assertEqual(n, run.summary["drops"][direction])
                self.assertEqual(run.summary["drops"]["rules"], [d["rule"] for d in run.drops])

    def test_dropped_segments_left_the_sender_and_never_reached_the_receiver(self):
        for run in self.runs:
            with self.subTest(run=run.name):
                for d in run.drops:
                    sender, receiver, src = run.sent(d["dir"])
                    key = (int(d["ip_id"]), int(d["raw_seq"]), int(d["tcp_checksum"]))

                    def same(p):
                        return p["src"] == src and (p["ip_id"], p["seq"], p["checksum"]) == key

                    self.assertEqual(sum(1 for p in sender if same(p)), 1, d)
                    self.assertEqual(sum(1 for p in receiver if same(p)), 0, d)
                # And everything else crossed: the receiver saw all but the lost ones.
                for direction in ("c2s", "s2c"):
                    sender, receiver, src = run.sent(direction)
                    lost = sum(1 for d in run.drops if d["dir"] == direction)
                    sent = sum(1 for p in sender if p["src"] == src and p["tcp"])
                    got = sum(1 for p in receiver if p["src"] == src and p["tcp"])
                    self.assertEqual(sent - lost, got, direction)

    def test_drop_log_names_what_the_captures_lost(self):
        # Recomputed from the two captures alone: the segments the sender's tap has and the
        # receiver's lacks, each with the rule (DIR, WHAT and #K) that names it. Compared as
        # sets: the log is in the order of the losses' times, and a queue drop (at the link's
        # entry) comes before the loss of a segment sent earlier but still in flight.
        for run in self.runs:
            for direction in ("c2s", "s2c"):
                with self.subTest(run=run.name, dir=direction):
                    logged = [(int(d["ip_id"]), int(d["raw_seq"]), d["rule"])
                              for d in run.drops if d["dir"] == direction]
                    self.assertEqual(sorted(logged), sorted(run.lost_in_captures(direction)))

    def test_relative_numbers_of_drops_follow_the_isns_in_the_capture(self):
        for run in self.runs:
            with self.subTest(run=run.name):
                syn = next(p for p in run.at_client if p["flags"] & (SYN | ACK) == SYN)
                synack = next(p for p in run.at_server if p["flags"] & (SYN | ACK) == SYN | ACK)
                isn = {"c2s": syn["seq"], "s2c": synack["seq"]}
                for d in run.drops:
                    other = "s2c" if d["dir"] == "c2s" else "c2s"
                    self.assertEqual(int(d["rel_seq"]), (int(d["raw_seq"]) - isn[d["dir"]]) % 2**32)
                    if d["rel_ack"]:
                        self.assertEqual(int(d["rel_ack"]),
                                         (int(d["raw_ack"]) - isn[other]) % 2**32)
                    if d["rule"].split(":")[1].startswith("data="):
                        self.assertEqual(d["rule"].split("=")[1].split("#")[0], d["rel_seq"])

    def test_completion_time_matches_the_client_capture(self):
        for run in self.runs:
            with self.subTest(run=run.name):
                s = run.summary
                self.assertEqual(s["result"], "ok")
                self.assertTrue(s["curl"]["body_ok"])
                self.assertEqual(s["curl"]["bytes"], s["parameters"]["size"])
                syn = next(p for p in run.at_client if p["flags"] & (SYN | ACK) == SYN)
                synack = next(p for p in run.at_client if p["flags"] & (SYN | ACK) == SYN | ACK)
                data = [p for p in run.at_client if p["src"] == run.server and p["len"] > 0]
                ends = [(p["seq"] - synack["seq"]) % 2**32 + p["len"] for p in data]
                last = data[ends.index(max(ends))]
                # The response's last byte is the body's: headers + size bytes in all.
                self.assertGreater(max(ends) - 1, s["parameters"]["size"])
                self.assertAlmostEqual(s["completion_s"], last["time"] - syn["time"], delta=2e-6)
                # Never faster than the path allows: SYN, SYN-ACK, GET, response (2 RTTs).
                self.assertGreater(s["completion_s"], 4 * s["parameters"]["delay_ms"] / 1000)


if __name__ == "__main__":
    unittest.main()
