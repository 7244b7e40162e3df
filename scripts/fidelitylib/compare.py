"""The issue's targets, one TCP's replay against the Linux run: handshake and teardown sequences
identical, completion within 10%, each retransmission within 10% or 5 ms of Linux's delay."""
from dataclasses import dataclass, field

COMPLETION_TOLERANCE = 0.10
RETRANSMISSION_TOLERANCE = 0.10
RETRANSMISSION_FLOOR_S = 0.005


def within(value, reference, tolerance, floor=0.0):
    return abs(value - reference) <= max(tolerance * abs(reference), floor)


@dataclass(frozen=True)
class RetransmissionPair:
    direction: str
    key: str
    attempt: int
    linux_delay_s: float
    delay_s: float       # None: this TCP did not send that segment again

    @property
    def ok(self):
        return self.delay_s is not None and within(self.delay_s, self.linux_delay_s,
                                                   RETRANSMISSION_TOLERANCE, RETRANSMISSION_FLOOR_S)


@dataclass
class Comparison:
    handshake_same: bool
    teardown_same: bool
    completion_ratio: float          # this TCP's completion / Linux's (None without either)
    pairs: list = field(default_factory=list)   # Linux's retransmissions and this TCP's delays
    extra_retransmissions: int = 0   # this TCP's that Linux did not make

    @property
    def completion_ok(self):
        return self.completion_ratio is not None and within(self.completion_ratio, 1.0,
                                                            COMPLETION_TOLERANCE)

    @property
    def retransmissions_ok(self):
        return sum(1 for p in self.pairs if p.ok)


def compare(linux, other):
    """Comparison of other (a WireView) with linux (the reference's WireView). Retransmissions
    are paired by direction, what was sent again (SYN, SYN-ACK, FIN or the first byte of the
    payload) and the attempt number."""
    theirs = {(d, r.key, r.attempt): r for d, r in other.retransmissions}
    pairs = []
    for direction, r in linux.retransmissions:
        mine = theirs.pop((direction, r.key, r.attempt), None)
        pairs.append(RetransmissionPair(direction, r.key, r.attempt, r.delay_s,
                                        None if mine is None else mine.delay_s))
    ratio = None
    if linux.completion_s and other.completion_s is not None:
        ratio = other.completion_s / linux.completion_s
    return Comparison(handshake_same=linux.handshake == other.handshake,
                      teardown_same=linux.teardown == other.teardown,
                      completion_ratio=ratio, pairs=pairs, extra_retransmissions=len(theirs))
