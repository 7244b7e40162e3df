"""Per-run metrics, read from a run's results.sqlite (tables: scenario/recording/results-database.cc).

handshake-sim defines and computes them (scenario/metrics/run-metrics.cc) and writes them to the
run's `metrics` table, one row per metric with its unit and description; this module only reads
them. METRICS below is the campaign database's column list: the same names, units and descriptions
in the same order (test/sweep/test_sweep.py checks them against a run's table).
"""

import pathlib
import sqlite3

# A metric's value: a count, a time or rate, or None where the run has no data for it.
Value = int | float | None

_DNS_TEXT = "DNS lookup time, query sent -> answer (lookups that sent a query; --dns=on)"
_DURATION_TEXT = {
    "handshake": "handshake time, SYN sent -> ESTABLISHED",
    "ttfb": "time to first byte, request sent -> first response byte",
    "completion": "request completion time, first attempt's connect -> last response byte",
    "teardown": "teardown time, first FIN sent by either side -> both sides in TIME_WAIT or CLOSED "
                "(connections closed normally; TIME_WAIT not included)",
    "time_wait": "time in TIME_WAIT, client side, TIME_WAIT entered -> CLOSED (empty unless the run lasts "
                 "past 2 MSL: --drain)",
    "server_time_wait": "time in TIME_WAIT, server side, TIME_WAIT entered -> CLOSED (servers that closed "
                        "first; empty unless the run lasts past 2 MSL)",
}
_CONNECTION_OUTCOMES = ("closed", "reset", "refused", "timeout", "unfinished")

# name -> (unit, description): the metrics table's columns, in order.
METRICS = {
    "connections": ("", "TCP connections the clients opened"),
    **{f"conn_{o}": ("", f"connections with outcome {o}") for o in _CONNECTION_OUTCOMES},
    "requests": ("", "HTTP requests"),
    "requests_ok": ("", "HTTP requests with outcome ok"),
    "requests_failed": ("", "HTTP requests with any other outcome"),
    # The DNS lookup before the handshake: None without --dns=on.
    "dns_lookups": ("", "requests whose DNS lookup sent a query (--dns=on)"),
    "dns_cache_hits": ("", "requests whose DNS lookup the resolver's cache answered, no packet (--dns=on)"),
    "requests_dns_failed": ("", "HTTP requests whose host name could not be resolved (--dns=on)"),
    **{f"dns_{stat}": ("ms", f"{_DNS_TEXT} ({stat})") for stat in ("mean", "p50", "p90")},
    **{f"{name}_{stat}": ("ms", f"{text} ({stat})")
       for name, text in _DURATION_TEXT.items() for stat in ("mean", "p50", "p90")},
    "fin_first_client": ("", "connections whose client sent the first FIN"),
    "fin_first_server": ("", "connections whose server sent the first FIN"),
    "time_wait_client": ("", "connections whose client entered TIME_WAIT"),
    "time_wait_server": ("", "connections whose server entered TIME_WAIT"),
    "retrans_per_conn": ("segments", "retransmitted segments per connection (mean)"),
    "simulated_seconds": ("s", "simulated time at the end of the run"),
    # The servers' TCP: None where the run's TCP keeps no such count.
    "peak_half_open": ("", "most connections in SYN_RCVD at once on a server (largest over servers)"),
    "peak_server_connections": ("", "most connections at once on a server (largest over servers)"),
    "syn_queue_drops": ("", "SYNs dropped with a full SYN queue, all servers (our TCP only)"),
    "syn_cookies_sent": ("", "SYN-ACKs carrying a SYN cookie, all servers (our TCP with cookies)"),
    "flood_syns_sent": ("", "spoofed SYNs the attacker sent (--syn-flood)"),
    "dns_queries_sent": ("", "DNS queries the clients sent, each attempt of a lookup (--dns=on)"),
    "dns_server_answered": ("", "DNS queries the server answered (--dns=on)"),
}


def sql_type(name: str) -> str:
    """The metrics table's column type: counts are integers, the rest (with a unit) real."""
    return "REAL" if METRICS[name][0] else "INTEGER"


def _open(path: str) -> sqlite3.Connection:
    # Read-only: a results.sqlite is the run's own file, never to be changed by the sweep.
    return sqlite3.connect(pathlib.Path(path).absolute().as_uri() + "?mode=ro", uri=True)


def _tables(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def extract(path: str) -> dict[str, Value]:
    """The METRICS of the complete run in results.sqlite at path, name -> value (None when no data),
    from the run's `metrics` table. sqlite3.Error when the file has no such table or misses a metric."""
    db = _open(path)
    try:
        if "metrics" not in _tables(db):
            raise sqlite3.OperationalError("no metrics table (written by a handshake-sim older than it)")
        values = dict(db.execute("SELECT name, value FROM metrics"))
    finally:
        db.close()
    missing = [name for name in METRICS if name not in values]
    if missing:
        raise sqlite3.OperationalError(f"metrics table without {', '.join(missing)}")
    return {name: values[name] for name in METRICS}
