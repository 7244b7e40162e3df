"""What [fidelity] compares, measured on the wire as Linux's reference measures it
(scripts/lib/linux-ref-summary.py): at the client's capture the handshake, the teardown and the
completion time; at each sender's own capture its data segments, pure ACKs and retransmissions."""
from dataclasses import dataclass, field

from .capture import ACK, FIN, RST, SYN

OPTION_NAMES = {"1": "NOP", "2": "MSS", "3": "WS", "4": "SACK_PERM", "5": "SACK", "8": "TS"}


def token(frame):
    """One segment as the sequences compare it: direction, flags (PSH left out: the stacks set it
    on different segments of a write), whether it carries data, and its option kinds."""
    flags = frame.flag_names().replace("PSH|", "").replace("|PSH", "")
    options = ",".join(OPTION_NAMES.get(kind, kind) for kind in frame.option_kinds)
    return f"{frame.direction} {flags}{' +data' if frame.length else ''} [{options}]"


def handshake(client_frames):
    """Tokens at the client's capture from the first SYN to the client's first ACK of the
    SYN-ACK (retransmitted SYNs and SYN-ACKs included)."""
    tokens = []
    for frame in client_frames:
        tokens.append(token(frame))
        if frame.direction == "c2s" and frame.flags & ACK and not frame.flags & SYN:
            break
    return tokens


def teardown(client_frames):
    """Tokens at the client's capture of the closing exchange: from the first segment carrying a
    FIN (either side's) on, each segment that carries a FIN or RST, or acknowledges or SACKs the
    peer's FIN. Pure ACKs of data that cross the peer's FIN on the wire are left out: a real
    host ACKs a segment when its application has read it, often after a FIN right behind that
    segment has arrived, while a simulated host reads at once (doc/fidelity.rst)."""
    start = next((i for i, f in enumerate(client_frames) if f.flags & FIN), None)
    if start is None:
        return []
    fin_end = {}  # direction -> the relative sequence number just past its FIN
    tokens = []
    for frame in client_frames[start:]:
        if frame.flags & FIN:
            fin_end.setdefault(frame.direction, frame.seq + frame.length + 1)
        peer_fin_end = fin_end.get("s2c" if frame.direction == "c2s" else "c2s")
        covers_peer_fin = peer_fin_end is not None and frame.flags & ACK and (
            frame.ack >= peer_fin_end or any(e >= peer_fin_end for e in frame.sack_right_edges))
        if frame.flags & (FIN | RST) or covers_peer_fin:
            tokens.append(token(frame))
    return tokens


def first_fin(client_frames):
    frame = next((f for f in client_frames if f.flags & FIN), None)
    return None if frame is None else ("client" if frame.direction == "c2s" else "server")


def data_segments(sender_frames, direction):
    return sum(1 for f in sender_frames if f.direction == direction and f.length > 0)


def pure_acks(sender_frames, direction):
    return sum(1 for f in sender_frames if f.direction == direction and f.is_pure_ack)


@dataclass(frozen=True)
class Retransmission:
    key: str           # what was sent again: "syn", "synack", "fin" or "data=X" (first byte)
    attempt: int       # 2 for the first retransmission of that key, 3 for the next, ...
    delay_s: float     # after the original transmission (the first that carried it)
    since_previous_s: float


def retransmissions(sender_frames, direction):
    """Every segment this sender sent again, at its own capture: a SYN or SYN-ACK seen before, a
    payload starting below the highest byte already sent (keyed by its first byte, the original
    being the first segment that covered that byte), or a FIN at a sequence number seen with a
    FIN before."""
    result = []
    sent = []       # (first byte, end, time) of every payload segment so far
    seen = {}       # key -> times it was sent
    highest = 0
    for frame in sender_frames:
        if frame.direction != direction:
            continue
        key = None
        if frame.flags & SYN:
            key = "synack" if frame.flags & ACK else "syn"
        elif frame.length > 0:
            start = frame.seq
            if start < highest:
                key = f"data={start}"
                original = next((t for s, e, t in sent if s <= start < e), None)
                seen.setdefault(key, [original] if original is not None else [])
            else:
                key = f"data={start}"
            sent.append((start, start + frame.length, frame.time))
            highest = max(highest, start + frame.length)
        elif frame.flags & FIN:
            key = f"fin@{frame.seq}"
        if key is None:
            continue
        times = seen.setdefault(key, [])
        if times:
            result.append(Retransmission(key=key.split("@")[0], attempt=len(times) + 1,
                                         delay_s=frame.time - times[0],
                                         since_previous_s=frame.time - times[-1]))
        times.append(frame.time)
    return result


def completion(client_frames):
    """(seconds from the client's first SYN to the first frame that brought it the response's
    last byte, response bytes) at the client's capture; (None, 0) without a response."""
    syn = next((f for f in client_frames if f.direction == "c2s" and f.flags & SYN), None)
    payload = [f for f in client_frames if f.direction == "s2c" and f.length > 0]
    if syn is None or not payload:
        return None, 0
    end = max(f.seq + f.length for f in payload)
    last = next(f for f in payload if f.seq + f.length >= end)
    return last.time - syn.time, end - 1


def handshake_rtt(client_frames):
    """Seconds from the client's last SYN before the first SYN-ACK to that SYN-ACK, at the
    client's capture: the path's round trip plus the server host's turnaround (which a real-time
    emulation adds, doc/fidelity.rst); None without a SYN-ACK."""
    last_syn = None
    for frame in client_frames:
        if frame.direction == "c2s" and frame.flags & SYN:
            last_syn = frame.time
        elif frame.direction == "s2c" and frame.flags & SYN and last_syn is not None:
            return frame.time - last_syn
    return None


@dataclass
class WireView:
    """Everything compared for one run of one TCP."""
    handshake: list
    teardown: list
    first_fin: str
    completion_s: float
    response_bytes: int
    handshake_rtt_s: float = None
    data_segments: dict = field(default_factory=dict)       # direction -> count
    pure_acks: dict = field(default_factory=dict)
    retransmissions: list = field(default_factory=list)     # (direction, Retransmission)


def view(client_frames, server_frames):
    completion_s, response_bytes = completion(client_frames)
    senders = {"c2s": client_frames, "s2c": server_frames}
    return WireView(
        handshake=handshake(client_frames), teardown=teardown(client_frames),
        first_fin=first_fin(client_frames), completion_s=completion_s,
        response_bytes=response_bytes, handshake_rtt_s=handshake_rtt(client_frames),
        data_segments={d: data_segments(f, d) for d, f in senders.items()},
        pure_acks={d: pure_acks(f, d) for d, f in senders.items()},
        retransmissions=[(d, r) for d, f in senders.items() for r in retransmissions(f, d)])
