"""PNG plots of a metric against a parameter: mean and 95% CI over seeds, one line per value of
another parameter, one panel per combination of the remaining swept parameters."""

import importlib
import math
import os
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from . import SweepError, debian, metrics, stats
from .spec import format_value
from .stats import Row

def _matplotlib() -> Any:
    """matplotlib.pyplot with the Agg backend (no display needed)."""
    debian.import_module("matplotlib", "python3-matplotlib", "plot").use("Agg")
    return importlib.import_module("matplotlib.pyplot")


def select(rows: list[Row], clauses: Sequence[str], parameters: Sequence[str]) -> list[Row]:
    """The rows matching every --where NAME=VALUE clause (VALUE as written in the spec)."""
    for clause in clauses:
        name, sep, value = clause.partition("=")
        if not sep or name not in parameters:
            raise SweepError(f"--where {clause}: expected NAME=VALUE with NAME one of: {', '.join(parameters)}")
        rows = [row for row in rows if format_value(row[name]) == value]
    return rows


def check_request(parameters: Sequence[str], metric_names: Sequence[str], x: str, line: str | None) -> None:
    """Checks --metric, --x and --line against the campaign; SweepError naming the flag."""
    for metric in metric_names:
        if metric not in metrics.METRICS:
            raise SweepError(f"--metric {metric}: not a metric; one of: {', '.join(metrics.METRICS)}")
    for flag, name in (("--x", x), ("--line", line)):
        if name is not None and name not in parameters:
            raise SweepError(f"{flag} {name}: not a swept parameter of this campaign; one of: {', '.join(parameters)}")
    if x == line:
        raise SweepError("--line: must differ from --x")


class _Axis:
    """Where x values go on the x axis: numbers as they are, anything else at 0, 1, 2, ..."""

    def __init__(self, values: Iterable[Any]) -> None:
        self.values = sorted(values, key=stats.sort_key)
        self.numeric = all(stats.sort_key(v)[0] == 0 for v in self.values)
        self.position = {v: (v if self.numeric else i) for i, v in enumerate(self.values)}
        self.span = (max(self.position.values()) - min(self.position.values())) or 1


def _draw(axis: Any, rows: list[Row], metric: str, x_axis: _Axis, x: str, line: str | None,
          line_count: int) -> None:
    """One panel: per value of line, mean and 95% CI of metric at each x value."""
    for index, (line_key, line_rows) in enumerate(stats.group(rows, [line] if line else []).items()):
        # Lines are shifted a little sideways so that equal means do not hide each other's intervals.
        shift = (index - (line_count - 1) / 2) * 0.012 * x_axis.span
        points = []
        for (x_value,), point_rows in stats.group(line_rows, [x]).items():
            mean, half, _ = stats.mean_ci([row[metric] for row in point_rows])
            if mean is not None:
                points.append((x_axis.position[x_value] + shift, mean, half or 0.0))
        if points:
            xs, means, halves = zip(*points)
            label = f"{line}={format_value(line_key[0])}" if line else None
            axis.errorbar(xs, means, yerr=halves, marker="o", capsize=4, label=label)
    if not x_axis.numeric:
        axis.set_xticks(range(len(x_axis.values)), [format_value(v) for v in x_axis.values])
        axis.set_xlim(-0.5, len(x_axis.values) - 0.5)
    axis.grid(True, alpha=0.3)
    if line:
        axis.legend(fontsize=9)


def plot(rows: list[Row], parameters: Sequence[str], metric_names: Sequence[str], x: str, line: str | None,
         file: str, title: str, x_label: str | None = None) -> str:
    """Draws metric_names over the done runs in rows (sqlite3.Row of the results view): one row of
    panels per metric (a single metric wraps its panels three to a row)."""
    if not rows:
        raise SweepError("nothing to plot: no done runs (match --where)", exit_code=1)
    plt = _matplotlib()
    # Parameters that vary among the rows, other than x and line: one panel per combination.
    panel_names = [p for p in parameters if p not in (x, line) and len({row[p] for row in rows}) > 1]
    fixed = [p for p in parameters if p not in (x, line) and p not in panel_names]
    panels = list(stats.group(rows, panel_names).items())
    if len(metric_names) == 1:
        columns = min(3, len(panels))
        cells = [(metric_names[0], panel) for panel in panels]
    else:
        columns = len(panels)
        cells = [(metric, panel) for metric in metric_names for panel in panels]
    figure_rows = math.ceil(len(cells) / columns)
    figure, axes = plt.subplots(figure_rows, columns, figsize=(5.2 * columns, 3.9 * figure_rows),
                                squeeze=False, sharey="row")
    x_axis = _Axis({row[x] for row in rows})
    line_count = len({row[line] for row in rows}) if line else 1
    for index, (metric, (panel_key, panel_rows)) in enumerate(cells):
        axis = axes.flat[index]
        _draw(axis, panel_rows, metric, x_axis, x, line, line_count)
        axis.set_title(", ".join(f"{p}={format_value(v)}" for p, v in zip(panel_names, panel_key)), fontsize=10)
        axis.set_xlabel(x_label or x)
        if index % columns == 0:
            unit = metrics.METRICS[metric][0]
            axis.set_ylabel(f"{metric} ({unit})" if unit else metric)
    for axis in axes.flat[len(cells):]:
        axis.set_visible(False)
    seeds = sorted({len(group) for group in stats.group(rows, parameters).values()})
    about = "; ".join(f"{m}: {metrics.METRICS[m][1]}" for m in metric_names)
    subtitle = f"{about}. Mean and 95% CI over {'/'.join(map(str, seeds))} seeds"
    if fixed:
        subtitle += "; " + ", ".join(f"{p}={format_value(rows[0][p])}" for p in fixed)
    figure.suptitle(title + "\n" + textwrap.fill(subtitle, 62 * columns), fontsize=10)
    figure.tight_layout()
    os.makedirs(os.path.dirname(os.path.abspath(file)), exist_ok=True)
    figure.savefig(file, dpi=110)
    plt.close(figure)
    return file
