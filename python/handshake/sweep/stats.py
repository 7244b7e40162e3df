"""Mean and 95% confidence interval over seeds, and grouping of runs by parameters."""

import math
import statistics
from collections.abc import Iterable, Sequence
from typing import Any

from . import debian

# A row of the campaign's results view (or any table): column -> value.
Row = dict[str, Any]

def t975(df: int) -> float:
    """t(0.975, df), the two-sided 95% quantile of Student's t with df degrees of freedom, from
    SciPy (Debian's python3-scipy). Imported here: only export --aggregate and plot need it, and
    importing it takes about 0.4 s."""
    scipy_stats = debian.import_module("scipy.stats", "python3-scipy", "a confidence interval")
    return float(scipy_stats.t.ppf(0.975, df))


def mean_ci(values: Iterable[float | None]) -> tuple[float | None, float | None, int]:
    """(mean, half width of the 95% CI, n) of the values that are not None; (None, None, 0) if none.
    The half width is None for a single value: no interval from one seed."""
    present = [v for v in values if v is not None]
    if not present:
        return None, None, 0
    mean = statistics.fmean(present)
    if len(present) < 2:
        return mean, None, 1
    return mean, t975(len(present) - 1) * statistics.stdev(present) / math.sqrt(len(present)), len(present)


def sort_key(value: object) -> tuple[int, float, str]:
    """Numbers in numeric order before strings in text order (a column may hold both)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value, "")
    return (1, 0, str(value))


def group(rows: Iterable[Row], names: Sequence[str]) -> dict[tuple[Any, ...], list[Row]]:
    """Rows grouped by their values of names: {(value, ...): [row, ...]}, keys in sorted order."""
    groups: dict[tuple[Any, ...], list[Row]] = {}
    for row in rows:
        groups.setdefault(tuple(row[name] for name in names), []).append(row)
    return dict(sorted(groups.items(), key=lambda item: [sort_key(v) for v in item[0]]))
