"""Per-run metrics, read from a run's results.sqlite (tables: scenario/recording/results-database.cc).

Durations are in milliseconds and use the same pairs of times as handshake-sim's summary.txt
(scenario/outputs/run-summary.cc); percentiles are nearest-rank, as there (scenario/metrics/percentiles.cc), so p50/p90 match summary.txt.
"""

import math
import pathlib
import sqlite3

# (column in results.sqlite's table, from, to): the durations summary.txt reports.
_DURATIONS = {
    "handshake": ("connections", "syn_sent", "established"),
    "ttfb": ("transactions", "request_sent", "first_byte"),
    "completion": ("transactions", "connect_called", "last_byte"),
    "teardown": ("connections", "fin_sent", "closed"),
}
_DURATION_TEXT = {
    "handshake": "handshake time, SYN sent -> ESTABLISHED",
    "ttfb": "time to first byte, request sent -> first response byte",
    "completion": "request completion time, connect -> last response byte",
    "teardown": "teardown time, FIN sent -> CLOSED",
}
_CONNECTION_OUTCOMES = ("closed", "reset", "refused", "timeout", "unfinished")

# name -> (unit, description): the metrics table's columns, in order.
METRICS = {
    "connections": ("", "TCP connections the clients opened"),
    **{f"conn_{o}": ("", f"connections with outcome {o}") for o in _CONNECTION_OUTCOMES},
    "requests": ("", "HTTP requests"),
    "requests_ok": ("", "HTTP requests with outcome ok"),
    "requests_failed": ("", "HTTP requests with any other outcome"),
    **{f"{name}_{stat}": ("ms", f"{text} ({stat})")
       for name, text in _DURATION_TEXT.items() for stat in ("mean", "p50", "p90")},
    "retrans_per_conn": ("segments", "retransmitted segments per connection (mean)"),
    "simulated_seconds": ("s", "simulated time at the end of the run"),
    # The servers' TCP (table servers; none in results written before it existed).
    "peak_half_open": ("", "most connections in SYN_RCVD at once on a server (largest over servers)"),
    "peak_server_connections": ("", "most connections at once on a server (largest over servers)"),
    "syn_queue_drops": ("", "SYNs dropped with a full SYN queue, all servers (our TCP only)"),
    "syn_cookies_sent": ("", "SYN-ACKs carrying a SYN cookie, all servers (our TCP with cookies)"),
    "flood_syns_sent": ("", "spoofed SYNs the attacker sent (--syn-flood)"),
}


def sql_type(name):
    """The metrics table's column type: counts are integers, the rest (with a unit) real."""
    return "REAL" if METRICS[name][0] else "INTEGER"


def _open(path):
    # Read-only: a results.sqlite is the run's own file, never to be changed by the sweep.
    return sqlite3.connect(pathlib.Path(path).absolute().as_uri() + "?mode=ro", uri=True)


def is_complete(path):
    """True when path is a results.sqlite whose run finished (runs.complete = 1)."""
    if not pathlib.Path(path).is_file():
        return False
    try:
        db = _open(path)
        try:
            rows = db.execute("SELECT complete FROM runs").fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return False  # not a database, or not handshake-sim's: not a finished run either way
    return len(rows) == 1 and rows[0][0] == 1


def percentile(values, q):
    """Nearest-rank percentile of sorted values (RunSummary::Compute)."""
    index = max(1, math.ceil(q * len(values)))
    return values[min(len(values), index) - 1]


def _tables(db):
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _server_metrics(db):
    """peak_half_open .. flood_syns_sent; None where the table or the count is not there."""
    tables = _tables(db)
    result = dict.fromkeys(("peak_half_open", "peak_server_connections", "syn_queue_drops",
                            "syn_cookies_sent", "flood_syns_sent"))
    if "servers" in tables:
        # sum() of a column that is NULL everywhere (stock TCP keeps no such count) is NULL.
        row = db.execute("SELECT max(peak_half_open), max(peak_connections), sum(syn_queue_drops), "
                         "sum(cookies_sent) FROM servers").fetchone()
        result.update(zip(("peak_half_open", "peak_server_connections", "syn_queue_drops",
                           "syn_cookies_sent"), row))
    if "syn_flood" in tables:
        result["flood_syns_sent"] = db.execute("SELECT sum(syns_sent) FROM syn_flood").fetchone()[0]
    return result


def extract(path):
    """The METRICS of the complete run in results.sqlite at path, name -> value (None when no data)."""
    db = _open(path)
    try:
        result = {"simulated_seconds": db.execute("SELECT simulated_seconds FROM runs").fetchone()[0]}
        outcomes = dict(db.execute("SELECT outcome, count(*) FROM connections GROUP BY outcome"))
        result["connections"] = sum(outcomes.values())
        for outcome in _CONNECTION_OUTCOMES:
            result[f"conn_{outcome}"] = outcomes.get(outcome, 0)
        requests, ok = db.execute(
            "SELECT count(*), coalesce(sum(outcome = 'ok'), 0) FROM transactions").fetchone()
        result.update(requests=requests, requests_ok=ok, requests_failed=requests - ok)
        for name, (table, start, end) in _DURATIONS.items():
            # Times are in seconds with nanosecond digits: round off the float noise of the difference.
            values = sorted(round(row[0] * 1000.0, 6) for row in db.execute(
                f"SELECT {end} - {start} FROM {table} WHERE {start} IS NOT NULL AND {end} IS NOT NULL"))
            result[f"{name}_mean"] = round(sum(values) / len(values), 6) if values else None
            result[f"{name}_p50"] = percentile(values, 0.5) if values else None
            result[f"{name}_p90"] = percentile(values, 0.9) if values else None
        retransmissions = db.execute("SELECT avg(retransmissions) FROM connections").fetchone()[0]
        result["retrans_per_conn"] = retransmissions
        result.update(_server_metrics(db))
    finally:
        db.close()
    return {name: result[name] for name in METRICS}
