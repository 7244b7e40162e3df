"""One TCP connection read out of a pcap with tshark (checksums validated), its sequence and
acknowledgement numbers made relative to the two ISNs as Wireshark's are (the SYN is byte 0)."""
import subprocess
from dataclasses import dataclass

FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
FIELDS = ["frame.time_epoch", "ip.src", "tcp.srcport", "ip.dst", "tcp.dstport", "tcp.flags",
          "tcp.seq_raw", "tcp.ack_raw", "tcp.len", "tcp.option_kind", "tcp.options.sack_re"]
EOL = "0"


class CaptureError(Exception):
    """A capture that cannot be read, or holds no connection."""


@dataclass(frozen=True)
class Frame:
    time: float
    direction: str      # "c2s" or "s2c"
    flags: int
    seq: int            # relative to the sender's ISN
    ack: int            # relative to the other side's ISN (0 without ACK)
    length: int         # payload bytes
    option_kinds: tuple  # as tshark lists them, the padding after the last option (EOL) left out
    sack_right_edges: tuple = ()  # of the SACK blocks, relative to the other side's ISN

    @property
    def is_pure_ack(self):
        """ACK set; no payload, SYN, FIN or RST (the --drop rule ack=A's definition)."""
        return (self.flags & ACK and not self.flags & (SYN | FIN | RST)) and self.length == 0

    def flag_names(self):
        names = [name for bit, name in ((SYN, "SYN"), (FIN, "FIN"), (RST, "RST"), (PSH, "PSH"),
                                        (ACK, "ACK")) if self.flags & bit]
        return "|".join(names)


def _tshark_rows(pcap):
    # Absolute numbers throughout (the SACK edges too); first_connection makes them relative.
    command = ["tshark", "-n", "-r", pcap, "-o", "tcp.check_checksum:TRUE",
               "-o", "ip.check_checksum:TRUE", "-o", "tcp.relative_sequence_numbers:FALSE",
               "-Y", "tcp", "-T", "fields",
               "-E", "separator=\t", "-E", "aggregator=;"]
    for field in FIELDS:
        command += ["-e", field]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise CaptureError("tshark is not installed (Debian package tshark)") from error
    if result.returncode != 0:
        raise CaptureError(f"{pcap}: tshark failed: {result.stderr.strip()[:200]}")
    rows = []
    for line in result.stdout.splitlines():
        values = line.split("\t")
        if len(values) == len(FIELDS):
            rows.append(values)
    return rows


def first_connection(pcap):
    """The frames of the first connection in pcap (the one whose SYN comes first), in capture
    order, as Frames; the client is the SYN's sender."""
    rows = _tshark_rows(pcap)
    syn = next((r for r in rows if int(r[5], 16) & (SYN | ACK) == SYN), None)
    if syn is None:
        raise CaptureError(f"{pcap}: no SYN")
    client = (syn[1], syn[2])
    server = (syn[3], syn[4])
    client_isn = int(syn[6])
    server_isn = None
    frames = []
    for r in rows:
        source, destination = (r[1], r[2]), (r[3], r[4])
        if (source, destination) == (client, server):
            direction = "c2s"
        elif (source, destination) == (server, client):
            direction = "s2c"
        else:
            continue
        flags = int(r[5], 16)
        if direction == "s2c" and flags & SYN and server_isn is None:
            server_isn = int(r[6])
        own_isn = client_isn if direction == "c2s" else server_isn
        other_isn = server_isn if direction == "c2s" else client_isn
        if own_isn is None:
            continue  # a server segment before its SYN-ACK: not of this connection
        kinds = [k for k in r[9].split(";") if k]
        while kinds and kinds[-1] == EOL:
            kinds.pop()
        edges = tuple((int(e) - other_isn) % 2**32 for e in r[10].split(";")
                      if e and other_isn is not None)
        frames.append(Frame(
            time=float(r[0]), direction=direction, flags=flags,
            seq=(int(r[6]) - own_isn) % 2**32,
            ack=(int(r[7]) - other_isn) % 2**32 if flags & ACK and other_isn is not None else 0,
            length=int(r[8]), option_kinds=tuple(kinds), sack_right_edges=edges))
    return frames
