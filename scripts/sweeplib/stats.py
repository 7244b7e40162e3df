"""Mean and 95% confidence interval over seeds, and grouping of runs by parameters."""

import math
import statistics

# Two-sided 95% quantiles of Student's t, t(0.975, df), for df = 1..30 (any statistics table).
_T975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
         2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
         2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042)


def t975(df):
    """t(0.975, df): the table up to df = 30, then the Cornish-Fisher expansion around the normal
    quantile (Abramowitz & Stegun 26.7.5), within 0.001 of t from there on."""
    if df <= len(_T975):
        return _T975[df - 1]
    z = statistics.NormalDist().inv_cdf(0.975)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    return z + g1 / df + g2 / df**2 + g3 / df**3


def mean_ci(values):
    """(mean, half width of the 95% CI, n) of the values that are not None; (None, None, 0) if none.
    The half width is None for a single value: no interval from one seed."""
    values = [v for v in values if v is not None]
    if not values:
        return None, None, 0
    mean = statistics.fmean(values)
    if len(values) < 2:
        return mean, None, 1
    return mean, t975(len(values) - 1) * statistics.stdev(values) / math.sqrt(len(values)), len(values)


def sort_key(value):
    """Numbers in numeric order before strings in text order (a column may hold both)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value, "")
    return (1, 0, str(value))


def group(rows, names):
    """Rows grouped by their values of names: {(value, ...): [row, ...]}, keys in sorted order."""
    groups = {}
    for row in rows:
        groups.setdefault(tuple(row[name] for name in names), []).append(row)
    return dict(sorted(groups.items(), key=lambda item: [sort_key(v) for v in item[0]]))
