"""handshake.sweep: parameter sweeps of handshake-sim (handshake-sweep, scripts/sweep; doc/sweep.rst).

Modules, one concern each:
  spec      read and check a campaign spec, expand it into runs
  campaign  the campaign database (DIR/campaign.sqlite)
  rundir    one run's folder: run the program for it, keep only an attempt that finished
  verify    whether a folder holds a given run, finished (the check before a run counts done)
  metrics   per-run metrics from a run's results.sqlite
  flagcheck each distinct flag set of the runs to do, checked by PROGRAM --check before any run
  runner    the local backend: all runs as subprocesses, --jobs at a time
  slurm     the Slurm backend: tasks.txt + an array job (N runs per task); collect
  stats     mean and 95% confidence interval over seeds
  plot      PNG plots (matplotlib)
  cli       the command line (also `python3 -m handshake.sweep`)
"""


import sys


def log(message: str) -> None:
    """Progress and notes go to stderr, prefixed like errors."""
    print(f"sweep: {message}", file=sys.stderr, flush=True)


class SweepError(Exception):
    """An error the user can act on: printed as one line, `sweep: MESSAGE`, with exit_code."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
