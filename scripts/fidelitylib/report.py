"""fidelity.csv (one row per run and TCP), the tables (text for the terminal, reStructuredText for
doc/fidelity.rst) and the plot (completion and retransmission delays, each TCP against Linux)."""
import csv
import importlib
import statistics

from .compare import COMPLETION_TOLERANCE

TCP_LABELS = {"linux": "Linux", "handshake": "ours", "ns3": "stock"}
CSV_FIELDS = ["run", "delay_ms", "loss", "size", "close", "seed", "linux_drops", "tcp",
              "replay_delay_ms",
              "request", "drops_replayed", "handshake_rtt_ms", "completion_s", "completion_ratio", "first_fin",
              "handshake", "teardown", "handshake_same", "teardown_same",
              "data_segments_c2s", "data_segments_s2c", "pure_acks_c2s", "pure_acks_s2c",
              "retransmissions", "linux_retransmissions_matched", "retransmissions_within_target",
              "extra_retransmissions", "retransmission_delays"]


def _delays(view):
    return " ".join(f"{d}:{r.key}#{r.attempt}={r.delay_s * 1000:.1f}ms" for d, r in view.retransmissions)


def csv_rows(results):
    """results: [(run, {tcp: (view, comparison or None, replay or None)})]."""
    rows = []
    for run, by_tcp in results:
        for tcp, (view, comparison, replay) in by_tcp.items():
            row = {"run": run.name, "delay_ms": f"{run.delay_ms:g}", "loss": f"{run.loss:g}",
                   "size": run.size, "close": run.close, "seed": run.seed,
                   "linux_drops": len(run.rules), "tcp": tcp,
                   "replay_delay_ms": f"{replay.delay_ms:g}" if replay else "",
                   "request": replay.request_outcome if replay else run.result,
                   "drops_replayed": replay.drops_replayed if replay else len(run.rules),
                   "handshake_rtt_ms": "" if view.handshake_rtt_s is None
                   else f"{view.handshake_rtt_s * 1000:.2f}",
                   "completion_s": "" if view.completion_s is None else f"{view.completion_s:.6f}",
                   "first_fin": view.first_fin or "",
                   "handshake": " / ".join(view.handshake), "teardown": " / ".join(view.teardown),
                   "data_segments_c2s": view.data_segments["c2s"],
                   "data_segments_s2c": view.data_segments["s2c"],
                   "pure_acks_c2s": view.pure_acks["c2s"], "pure_acks_s2c": view.pure_acks["s2c"],
                   "retransmissions": len(view.retransmissions),
                   "retransmission_delays": _delays(view)}
            if comparison:
                matched = sum(1 for p in comparison.pairs if p.delay_s is not None)
                row.update({
                    "completion_ratio": "" if comparison.completion_ratio is None
                    else f"{comparison.completion_ratio:.4f}",
                    "handshake_same": int(comparison.handshake_same),
                    "teardown_same": int(comparison.teardown_same),
                    "linux_retransmissions_matched": matched,
                    "retransmissions_within_target": comparison.retransmissions_ok,
                    "extra_retransmissions": comparison.extra_retransmissions})
            rows.append(row)
    return rows


def write_csv(path, rows):
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in CSV_FIELDS})


def _cell(run):
    return (run.delay_ms, run.loss, run.size, run.close)


def cell_lines(results, tcps):
    """One line per grid cell (delay, loss, size, close; seeds pooled): Linux's median
    completion, each TCP's median ratio to it, and how many runs met each target."""
    cells = {}
    for run, by_tcp in results:
        cells.setdefault(_cell(run), []).append(by_tcp)
    header = ["delay", "loss", "size", "close", "runs", "Linux s"]
    for tcp in tcps:
        label = TCP_LABELS[tcp]
        header += [f"{label} / Linux", f"{label} in 10%", f"{label} hs=", f"{label} td=",
                   f"{label} rtx ok"]
    lines = [header]
    for (delay, loss, size, close), runs in sorted(cells.items()):
        linux = [r["linux"][0].completion_s for r in runs if r["linux"][0].completion_s]
        line = [f"{delay:g} ms", f"{loss:g}", f"{size}", close, str(len(runs)),
                f"{statistics.median(linux):.3f}" if linux else "-"]
        for tcp in tcps:
            comparisons = [r[tcp][1] for r in runs if tcp in r]
            ratios = [c.completion_ratio for c in comparisons if c.completion_ratio is not None]
            pairs = [p for c in comparisons for p in c.pairs]
            line += [f"{statistics.median(ratios):.2f}" if ratios else "-",
                     f"{sum(c.completion_ok for c in comparisons)}/{len(comparisons)}",
                     f"{sum(c.handshake_same for c in comparisons)}/{len(comparisons)}",
                     f"{sum(c.teardown_same for c in comparisons)}/{len(comparisons)}",
                     f"{sum(p.ok for p in pairs)}/{len(pairs)}"]
        lines.append(line)
    return lines


def totals(results, tcps):
    """{tcp: {target: (met, out of)}} over every run."""
    result = {}
    for tcp in tcps:
        comparisons = [by_tcp[tcp][1] for _, by_tcp in results if tcp in by_tcp]
        pairs = [p for c in comparisons for p in c.pairs]
        n = len(comparisons)
        result[tcp] = {"completion within 10%": (sum(c.completion_ok for c in comparisons), n),
                       "handshake identical": (sum(c.handshake_same for c in comparisons), n),
                       "teardown identical": (sum(c.teardown_same for c in comparisons), n),
                       "retransmissions within 10% or 5 ms": (sum(p.ok for p in pairs), len(pairs))}
    return result


def text_table(lines):
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return "\n".join("  ".join(v.rjust(w) for v, w in zip(line, widths)) for line in lines)


def rst_table(lines):
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    rule = " ".join("=" * w for w in widths)
    out = [rule, " ".join(v.ljust(w) for v, w in zip(lines[0], widths)), rule]
    out += [" ".join(v.ljust(w) for v, w in zip(line, widths)) for line in lines[1:]]
    out.append(rule)
    return "\n".join(out)


def plot(path, results, tcps):
    """Two panels: completion time and retransmission delays, each TCP's against Linux's, with
    the y = x line and the 10% band."""
    matplotlib = importlib.import_module("matplotlib")
    matplotlib.use("Agg")
    plt = importlib.import_module("matplotlib.pyplot")
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 5))
    markers = {"handshake": ("o", "tab:blue"), "ns3": ("x", "tab:red")}
    bounds = []
    for tcp in tcps:
        xs, ys, rx, ry = [], [], [], []
        for run, by_tcp in results:
            linux, (view, comparison, _) = by_tcp["linux"][0], by_tcp[tcp]
            if linux.completion_s and view.completion_s:
                xs.append(linux.completion_s)
                ys.append(view.completion_s)
            for pair in comparison.pairs:
                if pair.delay_s is not None and pair.delay_s > 0 and pair.linux_delay_s > 0:
                    rx.append(pair.linux_delay_s)
                    ry.append(pair.delay_s)
        marker, colour = markers[tcp]
        left.scatter(xs, ys, marker=marker, color=colour, label=TCP_LABELS[tcp], alpha=0.7)
        right.scatter(rx, ry, marker=marker, color=colour, label=TCP_LABELS[tcp], alpha=0.7)
        bounds += xs + ys + rx + ry
    low, high = (min(bounds) / 1.5, max(bounds) * 1.5) if bounds else (0.001, 10)
    for axes, title in ((left, "completion (first SYN to last byte), s"),
                        (right, "retransmission delay after the original, s")):
        axes.plot([low, high], [low, high], color="black", linewidth=0.8)
        axes.fill_between([low, high], [low * (1 - COMPLETION_TOLERANCE), high * (1 - COMPLETION_TOLERANCE)],
                          [low * (1 + COMPLETION_TOLERANCE), high * (1 + COMPLETION_TOLERANCE)],
                          color="grey", alpha=0.2, label="Linux ±10%")
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xlim(low, high)
        axes.set_ylim(low, high)
        axes.set_xlabel("Linux")
        axes.set_ylabel("replayed in handshake-sim")
        axes.set_title(title, fontsize=10)
        axes.legend(loc="upper left")
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
