"""PNG plots of a metric against a parameter: mean and 95% CI over seeds, one line per value of
another parameter, one panel per combination of the remaining swept parameters."""

import importlib
import math
import os
import subprocess
import textwrap

from . import SweepError, metrics, stats
from .spec import format_value

_COMMON_SH = os.path.join(os.path.dirname(__file__), "..", "lib", "common.sh")


def _matplotlib():
    """Imports matplotlib (Agg: no display needed), installing Debian's python3-matplotlib first
    when it is missing, with the same idempotent apt step as scripts/demo and scripts/test."""
    try:
        matplotlib = importlib.import_module("matplotlib")
    except ImportError:
        if os.environ.get("SWEEP_NO_INSTALL"):
            raise SweepError("plot needs matplotlib: apt-get install python3-matplotlib", exit_code=1)
        print("sweep: plot needs matplotlib: installing python3-matplotlib", flush=True)
        script = f'source "{_COMMON_SH}"; HANDSHAKE_PACKAGES=(python3-matplotlib); install_missing'
        if subprocess.run(["bash", "-c", script]).returncode != 0:
            raise SweepError("plot needs matplotlib, and installing python3-matplotlib failed", exit_code=1)
        importlib.invalidate_caches()
        matplotlib = importlib.import_module("matplotlib")
    matplotlib.use("Agg")
    return importlib.import_module("matplotlib.pyplot")


def select(rows, clauses, parameters):
    """The rows matching every --where NAME=VALUE clause (VALUE as written in the spec)."""
    for clause in clauses:
        name, sep, value = clause.partition("=")
        if not sep or name not in parameters:
            raise SweepError(f"--where {clause}: expected NAME=VALUE with NAME one of: {', '.join(parameters)}")
        rows = [row for row in rows if format_value(row[name]) == value]
    return rows


def check_request(parameters, metric, x, line):
    """Checks --metric, --x and --line against the campaign; SweepError naming the flag."""
    if metric not in metrics.METRICS:
        raise SweepError(f"--metric {metric}: not a metric; one of: {', '.join(metrics.METRICS)}")
    for flag, name in (("--x", x), ("--line", line)):
        if name is not None and name not in parameters:
            raise SweepError(f"{flag} {name}: not a swept parameter of this campaign; one of: {', '.join(parameters)}")
    if x == line:
        raise SweepError("--line: must differ from --x")


def plot(rows, parameters, metric, x, line, file, title):
    """Draws the plot of metric over the done runs in rows (sqlite3.Row of the results view)."""
    if not rows:
        raise SweepError("nothing to plot: no done runs (match --where)", exit_code=1)
    plt = _matplotlib()
    lines = [line] if line else []
    # Parameters that vary among the rows, other than x and line: one panel per combination.
    panel_names = [p for p in parameters if p not in (x, line) and len({row[p] for row in rows}) > 1]
    fixed = [p for p in parameters if p not in (x, line) and p not in panel_names]
    panels = stats.group(rows, panel_names)
    columns = min(3, len(panels))
    figure_rows = math.ceil(len(panels) / columns)
    figure, axes = plt.subplots(figure_rows, columns, figsize=(5.2 * columns, 3.9 * figure_rows),
                                squeeze=False, sharey=True)
    x_values = sorted({row[x] for row in rows}, key=stats.sort_key)
    numeric = all(stats.sort_key(v)[0] == 0 for v in x_values)
    position = {v: (v if numeric else i) for i, v in enumerate(x_values)}
    unit, description = metrics.METRICS[metric]
    # Lines are shifted a little sideways so that equal means do not hide each other's intervals.
    line_count = len({row[line] for row in rows}) if line else 1
    span = (max(position.values()) - min(position.values())) or 1
    for axis, (panel_key, panel_rows) in zip(axes.flat, panels.items()):
        for index, (line_key, line_rows) in enumerate(stats.group(panel_rows, lines).items()):
            shift = (index - (line_count - 1) / 2) * 0.012 * span
            points = []
            for (x_value,), point_rows in stats.group(line_rows, [x]).items():
                mean, half, _ = stats.mean_ci([row[metric] for row in point_rows])
                if mean is not None:
                    points.append((position[x_value] + shift, mean, half or 0.0))
            if points:
                xs, means, halves = zip(*points)
                label = f"{line}={format_value(line_key[0])}" if line else None
                axis.errorbar(xs, means, yerr=halves, marker="o", capsize=4, label=label)
        axis.set_title(", ".join(f"{p}={format_value(v)}" for p, v in zip(panel_names, panel_key)),
                       fontsize=10)
        axis.set_xlabel(x)
        if not numeric:
            axis.set_xticks(range(len(x_values)), [format_value(v) for v in x_values])
        axis.grid(True, alpha=0.3)
        if line:
            axis.legend(fontsize=9)
    for axis in axes.flat[len(panels):]:
        axis.set_visible(False)
    for axis in axes[:, 0]:
        axis.set_ylabel(f"{metric} ({unit})" if unit else metric)
    seeds = sorted({len(group) for group in stats.group(rows, [p for p in parameters]).values()})
    subtitle = f"{description}; mean and 95% CI over {'/'.join(map(str, seeds))} seeds"
    if fixed:
        subtitle += "; " + ", ".join(f"{p}={format_value(rows[0][p])}" for p in fixed)
    figure.suptitle(title + "\n" + textwrap.fill(subtitle, 62 * columns), fontsize=10)
    figure.tight_layout()
    os.makedirs(os.path.dirname(os.path.abspath(file)), exist_ok=True)
    figure.savefig(file, dpi=110)
    plt.close(figure)
    return file
