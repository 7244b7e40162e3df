"""CSV tables of a campaign: one row per run, or (aggregate) one row per combination over seeds."""

import csv
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from . import metrics, stats
from .campaign import Campaign
from .stats import Row

# A CSV table: (header, rows).
Table = tuple[list[str], list[list[Any]]]


def _columns(campaign: Campaign, rows: Sequence[Row]) -> list[str]:
    """Run columns in reading order: key, swept parameters, RngRun and status first; stderr last."""
    parameters = campaign.parameters()
    first = ["key"] + parameters + ["rng_run", "status", "exit_code", "wall_seconds", "attempts",
                                     "started", "finished", "run_dir", "program", "params"]
    present = rows[0].keys() if rows else first + list(metrics.METRICS) + ["stderr_tail"]
    rest = [c for c in present if c not in first and c != "stderr_tail"]
    return first + rest + ["stderr_tail"]


def runs_table(campaign: Campaign) -> Table:
    """(header, rows): every run with its parameters, status and metrics."""
    rows = campaign.results()
    header = _columns(campaign, rows)
    return header, [[row[c] for c in header] for row in rows]


def aggregate_table(campaign: Campaign) -> Table:
    """(header, rows): per combination of swept parameters, the number of done runs and each
    metric's mean and 95% CI half width over them."""
    parameters = campaign.parameters()
    header = parameters + ["runs"] + [f"{m}_{s}" for m in metrics.METRICS for s in ("mean", "ci95")]
    table: list[list[Any]] = []
    for values, rows in stats.group(campaign.results(done_only=True), parameters).items():
        line: list[Any] = list(values) + [len(rows)]
        for metric in metrics.METRICS:
            mean, half, _ = stats.mean_ci([row[metric] for row in rows])
            line += [mean, half]
        table.append(line)
    return header, table


def write_csv(header: list[str], rows: list[list[Any]], file: str) -> None:
    """Writes the table to file ('-': stdout)."""
    stream: TextIO = sys.stdout if file == "-" else open(file, "w", newline="")
    try:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    finally:
        if stream is not sys.stdout:
            stream.close()
