"""The command line: sweep run | status | export | plot | collect (and exec, for Slurm tasks)."""

import argparse
import os
import sqlite3
from collections.abc import Callable, Sequence
from typing import NoReturn

from .. import SOURCE_ROOT
from . import SweepError, export, flagcheck, log, plot, rundir, runner, slurm, spec as specs
from .campaign import FILE, Campaign, recorded_statuses
from .spec import Run, Spec

_SHOWN = 20  # failed runs, and runs that no longer check out, listed by status


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected an integer >= 1, got {text!r}")
    return value


class _OneLineParser(argparse.ArgumentParser):
    """Bad flags get one line that names them (and exit 2), not argparse's usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog="sweep", description="Parameter sweeps of handshake-sim over seeds (doc/sweep.rst).")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     parser_class=_OneLineParser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--out", required=True, metavar="DIR", help="the campaign folder")
        return sub

    run = command("run", "run every combination x seed of SPEC that is not done yet, once PROGRAM --check has "
                         "found their flags valid")
    run.add_argument("spec", metavar="SPEC", help="campaign spec, .toml or .json")
    run.add_argument("--jobs", type=_positive, default=os.cpu_count() or 1,
                     help="runs at once, and flag checks at once (default: all cores, %(default)s here)")
    run.add_argument("--program", help="path of the program to run instead of the spec's (same run keys)")
    run.add_argument("--skip-failed", action="store_true", help="do not run failed runs again")
    run.add_argument("--no-check", action="store_true",
                     help="do not check the flags first: by default, before launching anything, the sweep runs "
                          "PROGRAM FLAGS --check once per distinct flag set of the runs to do and stops (exit 2, "
                          "nothing run) if any is refused; for a program without --check (spec: check = false)")
    run.add_argument("--backend", choices=("local", "slurm"), default="local",
                     help="local: run here; slurm: write an array job (DIR/slurm/)")
    run.add_argument("--submit", action="store_true", help="slurm: submit the array job with sbatch")
    run.add_argument("--array-limit", type=_positive, metavar="M",
                     help="slurm: at most M tasks at once (--array=...%%M)")
    run.add_argument("--runs-per-task", type=_positive, metavar="N",
                     help="slurm: each array task runs N runs one after another (default 1; for short runs: "
                          "fewer, longer tasks; its --time must cover N runs)")
    run.add_argument("--sbatch-option", action="append", default=[], metavar="OPT",
                     help="slurm: an extra #SBATCH line, e.g. --sbatch-option=--time=00:10:00 (repeatable)")

    command("status", "count done, failed, running and pending runs; show the failed ones")

    exporter = command("export", "write the campaign as CSV")
    exporter.add_argument("--csv", action="store_true", help="CSV (the only format, and the default)")
    exporter.add_argument("--aggregate", action="store_true",
                          help="one row per combination: mean and 95%% CI half width over seeds")
    exporter.add_argument("--file", help="output file, - for stdout (default: DIR/campaign.csv or DIR/aggregate.csv)")

    plotter = command("plot", "PNG plot of a metric against a parameter, mean and 95%% CI over seeds")
    plotter.add_argument("--metric", required=True,
                         help="a metrics column, e.g. handshake_p50; several, comma-separated: one row each")
    plotter.add_argument("--x", required=True, help="swept parameter on the x axis")
    plotter.add_argument("--line", help="swept parameter with one line per value")
    plotter.add_argument("--where", action="append", default=[], metavar="NAME=VALUE",
                         help="only runs with this parameter value (repeatable)")
    plotter.add_argument("--xlabel", help="x axis label (default: the parameter's name)")
    plotter.add_argument("--file", help="PNG file (default: DIR/plots/METRIC-vs-X[-by-LINE].png)")

    command("collect", "merge finished run folders (DIR/runs/*/, e.g. from Slurm) into the campaign")

    task = commands.add_parser("exec", help="run one run in its folder (a Slurm task's command)")
    task.add_argument("--run-dir", required=True)
    task.add_argument("--timeout", type=float)
    task.add_argument("--refused-sha256", default="", help="run even if the folder's results.sqlite has this digest")
    task.add_argument("argv", nargs=argparse.REMAINDER, help="-- PROGRAM ARGS...")
    return parser


def cmd_run(args: argparse.Namespace) -> int:
    if args.backend == "local" and (args.submit or args.array_limit or args.sbatch_option or args.runs_per_task):
        raise SweepError("--submit, --array-limit, --runs-per-task and --sbatch-option go with --backend slurm")
    spec = specs.load(args.spec)
    program = specs.resolve_program(args.program or spec.program, SOURCE_ROOT)
    runs = spec.runs()
    check = spec.check and not args.no_check
    checked: set[flagcheck.FlagSet] = set()
    if check:
        # Before the campaign is created or changed: the runs not recorded done (nor failed, with
        # --skip-failed). A bad flag leaves no campaign behind.
        recorded = recorded_statuses(args.out)
        skipped = ("done", "failed") if args.skip_failed else ("done",)
        _check_flags(program, [run for run in runs if recorded.get(run.key) not in skipped], args.jobs, checked)
    campaign = Campaign(args.out, create=True)
    campaign.lock()
    if args.backend == "slurm":
        slurm.collect(campaign)  # runs an earlier array job ended are not handed out again
    todo = runner.prepare(campaign, spec, runs, retry_failed=not args.skip_failed)
    if check:  # runs to do that were done as recorded (folders that no longer check out): usually none
        _check_flags(program, todo, args.jobs, checked)
    before = _counts(campaign, runs)
    log(f'campaign "{spec.name}" in {campaign.directory}: {len(runs)} runs ({_plural(len(spec.combinations), "combination")} '
        f"x {_plural(len(spec.seeds), 'seed')}), {before['done']} done earlier"
        + (f", {before['failed']} failed skipped" if args.skip_failed and before["failed"] else "")
        + f", {len(todo)} to run")
    if args.backend == "slurm":
        return _slurm(args, spec, campaign, program, todo)
    stop_code = runner.LocalRunner(campaign, program, args.jobs, spec.timeout).run(todo)
    after = _counts(campaign, runs)
    log(f"{len(runs)} runs: {after['done']} done, {after['failed']} failed, {after['pending']} pending; "
        f"{campaign.path}")
    return stop_code or (0 if after["done"] == len(runs) else 1)


def _check_flags(program: str, runs: Sequence[Run], jobs: int, checked: set[flagcheck.FlagSet]) -> None:
    """flagcheck.check, with a line saying how many flag sets it found valid."""
    count = flagcheck.check(program, runs, jobs, checked)
    if count:
        log(f"{_plural(count, 'flag set')} checked ({os.path.basename(program)} --{specs.CHECK_FLAG}): valid")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _counts(campaign: Campaign, runs: Sequence[Run]) -> dict[str, int]:
    """The spec's runs per status."""
    statuses = campaign.statuses()
    return {state: sum(statuses[run.key] == state for run in runs) for state in ("done", "failed", "pending")}


def _slurm(args: argparse.Namespace, spec: Spec, campaign: Campaign, program: str, todo: Sequence[Run]) -> int:
    if not todo:
        log("nothing to submit: no run left to do")
        return 0
    per_task = args.runs_per_task or 1
    tasks, batch, count = slurm.write(campaign, spec.name, todo, program, spec.timeout, args.array_limit,
                                      args.sbatch_option, per_task)
    log(f"wrote {batch} (array of {_plural(count, 'task')}"
        + (f", up to {per_task} runs each" if per_task > 1 else "") + f") and {tasks}")
    if args.submit:
        job = slurm.submit(batch)
        log(f"submitted job {job}; when it has ended: scripts/sweep collect --out={args.out}")
    else:
        log(f"submit it with: sbatch {batch} (or --submit); when it has ended: scripts/sweep collect --out={args.out}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    campaign = Campaign(args.out)
    counts = campaign.counts()
    print(f'campaign "{campaign.name()}" in {campaign.directory}: {sum(counts.values())} runs')
    for state, count in counts.items():
        print(f"  {state:8} {count}")
    ended = len(campaign.ended_pending())
    if ended:
        print(f"  {ended} pending runs have ended in their folders: scripts/sweep collect --out={args.out}")
    _show("done runs whose folders no longer check out, counted pending (run the spec again to rerun them):",
          [f"{key}  {campaign.label(campaign.row(key))}: {reason}" for key, reason in campaign.unverified().items()])
    _show("failed runs (stderr_tail in the runs table has more):",
          [f"{row['key']}  {campaign.label(row)}  exit {row['exit_code']}: "
           f"{((row['stderr_tail'] or '').splitlines()[-1:] or [''])[0]}" for row in campaign.failed()])
    return 0


def _show(title: str, lines: Sequence[str]) -> None:
    """title, then the first lines, indented."""
    if lines:
        print(title)
    for line in lines[:_SHOWN]:
        print(f"  {line}")
    if len(lines) > _SHOWN:
        print(f"  ... and {len(lines) - _SHOWN} more")


def _note_unverified(campaign: Campaign) -> None:
    """export and plot leave out (as pending) the done runs whose folders no longer check out: say so."""
    if campaign.unverified():
        log(f"{len(campaign.unverified())} done runs no longer check out against their folders and count as "
            f"pending (scripts/sweep status --out={campaign.directory} says why)")


def cmd_export(args: argparse.Namespace) -> int:
    campaign = Campaign(args.out)
    _note_unverified(campaign)
    table = export.aggregate_table(campaign) if args.aggregate else export.runs_table(campaign)
    file = args.file or os.path.join(campaign.directory, "aggregate.csv" if args.aggregate else "campaign.csv")
    export.write_csv(*table, file)
    if file != "-":
        log(f"wrote {file} ({len(table[1])} rows)")
    return 0


def cmd_plot(args: argparse.Namespace) -> int:
    campaign = Campaign(args.out)
    parameters = campaign.parameters()
    metric_names = args.metric.split(",")
    plot.check_request(parameters, metric_names, args.x, args.line)
    _note_unverified(campaign)
    rows = plot.select(campaign.results(done_only=True), args.where, parameters)
    name = f"{'-and-'.join(metric_names)}-vs-{args.x}" + (f"-by-{args.line}" if args.line else "") + ".png"
    file = args.file or os.path.join(campaign.directory, "plots", name)
    plot.plot(rows, parameters, metric_names, args.x, args.line, file, campaign.name(), args.xlabel)
    log(f"wrote {file}")
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    campaign = Campaign(args.out)
    campaign.lock()
    campaign.reset_running()  # holding the lock, no runner is running them
    merged, unknown = slurm.collect(campaign)
    done = sum(state == "done" for state in merged.values())
    log(f"collected {len(merged)} runs ({done} done, {len(merged) - done} failed)")
    if unknown:
        log(f"{len(unknown)} folders under runs/ are not runs of this campaign: {', '.join(unknown[:5])}")
    return cmd_status(args)


def cmd_exec(args: argparse.Namespace) -> int:
    argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    if not argv:
        raise SweepError("exec: expected -- PROGRAM ARGS...")
    return rundir.execute(argv, args.run_dir, args.timeout, args.refused_sha256)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "run": cmd_run, "status": cmd_status, "export": cmd_export, "plot": cmd_plot, "collect": cmd_collect,
        "exec": cmd_exec}
    handler = handlers[args.command]
    try:
        return handler(args)
    except SweepError as error:
        log(str(error))
        return error.exit_code
    except sqlite3.DatabaseError as error:  # damage that campaign.sqlite's quick_check let through
        log(f"{os.path.join(getattr(args, 'out', '.'), FILE)}: {error}")
        return 2
    except KeyboardInterrupt:  # outside the runner, which handles SIGINT itself
        log("interrupted")
        return 130

