"""The flags of the runs, checked by the program before any run: `PROGRAM FLAGS... --check`.

handshake-sim's --check parses and validates every flag (the config file, the ns-3 attribute flags,
the clients' draws of the topology) and writes nothing: exit 0 and one line on stdout when they are
valid, exit 2 and one line on stderr (`handshake-sim: --flag: what is wrong`) when not. `sweep run`
runs it once per distinct flag set of the runs to do, --jobs at once, before it launches a run
(local backend) or writes a tasks file (Slurm backend); if any set is refused, it names each refused
set with the program's line and the command that checked it, and launches nothing (exit 2). A typo
in a spec thus costs a few lines instead of a campaign of failed runs.

A flag set is a run's command line without --out and --RngRun (Run.flag_args): the runs of one
combination share it whatever their seed. It is checked once, with the --RngRun of its first run to
do, so that the draws --check makes are those of a run of the campaign. The other seeds need no
check of their own: handshake-sim refuses, from the distribution's attributes and before drawing
anything, a random variable whose draws could leave the flag's range (RandomVariableRange,
doc/handshake.rst), so the draws of a set that passes are in range whatever the seed; --check's
per-client check of the draws is a safety net behind that (were it ever to refuse one seed's draw,
that run alone would fail, with the same line). The RngRun values themselves are checked by the
spec (1 to 2^64 - 1). --out is the sweep's own folder for each run, not a flag of the spec: left
out, and --check creates nothing.

The check runs in the sweep's current folder with stdin closed, as the runs do (a relative
--config=FILE means the same file). A program without --check (an older handshake-sim, another
program) says so by refusing --check itself: then the sweep stops with a line saying how to run
without the check (`run --no-check`, or `check = false` in the spec), and launches nothing.
"""

import re
import shlex
import signal
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from . import SweepError, log
from .spec import CHECK_FLAG, Run, format_value

# A bound on one check, which parses flags and exits: reached only by a program that ignores
# --check and runs (or hangs). The program is then killed and the set counted refused.
TIMEOUT_SECONDS = 60.0
# Refused sets listed one by one; the rest are counted.
_SHOWN = 20

FlagSet = tuple[str, ...]


def flag_sets(runs: Sequence[Run]) -> dict[FlagSet, list[Run]]:
    """The distinct flag sets of runs, each with its runs, in the runs' order."""
    sets: dict[FlagSet, list[Run]] = {}
    for run in runs:
        sets.setdefault(tuple(run.flag_args()), []).append(run)
    return sets


def command(program: str, flags: FlagSet, rng_run: int) -> list[str]:
    """The command line that checks a flag set, with one of its runs' RngRun."""
    return [program, *flags, f"--RngRun={rng_run}", f"--{CHECK_FLAG}"]


def check_one(argv: Sequence[str]) -> tuple[str, bool] | None:
    """Runs the program's --check on one flag set (argv: command()): None if valid, else (the line
    of its stderr saying what is wrong, whether it is --check itself that the program does not
    take), the line after the exit code or signal when that is not the expected exit 2."""
    try:
        result = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                                encoding="utf-8", errors="replace", timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:  # a program that ignored --check and ran?
        return f"no answer after {TIMEOUT_SECONDS:g} s: killed", True
    except OSError as error:
        return f"cannot start {argv[0]}: {error.strerror}", False
    if result.returncode == 0:
        return None
    lines = [line.strip() for line in result.stderr.replace("\r", "\n").split("\n") if line.strip()]
    # Refusing --check itself: handshake-sim's one line, or the first of ns-3's CommandLine (its help
    # follows, whose own --check line, in a program that has one, is not a refusal).
    about = [line for line in lines[:1] + lines[-1:] if _names(line, f"--{CHECK_FLAG}")]
    # Else the first line that names one of the flags (handshake-sim's one line; ns-3's first,
    # before its help), or the last line.
    names = {arg.split("=", 1)[0] for arg in argv[1:]} - {f"--{CHECK_FLAG}"}
    named = [line for line in lines if any(_names(line, name) for name in names)]
    line = (about or named or lines[-1:] or ["nothing on stderr"])[0]
    about_check = bool(about)
    if result.returncode < 0:
        return f"killed by {signal.Signals(-result.returncode).name}: {line}", about_check
    return (line if result.returncode == 2 else f"exit {result.returncode}: {line}"), about_check


def _names(line: str, flag: str) -> bool:
    """Whether line names flag (--name, not a longer name that starts with it)."""
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", line) is not None


def check(program: str, runs: Sequence[Run], jobs: int, checked: set[FlagSet]) -> int:
    """Checks each flag set of runs that is not in checked yet, jobs at once, and adds the valid
    ones to checked. Returns how many sets it checked; raises SweepError (exit 2) after logging the
    refused ones, or when the program does not take --check."""
    sets = {flags: members for flags, members in flag_sets(runs).items() if flags not in checked}
    if not sets:
        return 0
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(sets)))) as pool:
        verdicts = list(pool.map(check_one, [command(program, flags, members[0].rng_run)
                                             for flags, members in sets.items()]))
    refused = []
    for (flags, members), verdict in zip(sets.items(), verdicts):
        if verdict is None:
            checked.add(flags)
        else:
            refused.append((flags, members, verdict[0]))
            if verdict[1]:
                raise SweepError(f"{program} does not take --{CHECK_FLAG} ({verdict[0]}), with which the sweep "
                                 f"checks the flags before any run: rebuild it if it is an older handshake-sim, "
                                 f"or run without the check (run --no-check, or check = false in the spec); "
                                 f"nothing was run")
    if not refused:
        return len(sets)
    for flags, members, message in refused[:_SHOWN]:
        swept = " ".join(f"{name}={format_value(value)}" for name, value in members[0].swept.items())
        log(f"{swept or 'the flags'} ({len(members)} run{'s' if len(members) != 1 else ''}): {message}")
        log(f"  {shlex.join(command(program, flags, members[0].rng_run))}")
    if len(refused) > _SHOWN:
        log(f"... and {len(refused) - _SHOWN} more")
    raise SweepError(f"{len(refused)} of {len(sets)} flag sets refused by {program} --{CHECK_FLAG} (above); "
                     f"nothing was run")
