"""The Slurm backend: an array job whose tasks run the pending runs, and collect.

`sweep run SPEC --out=DIR --backend slurm [--runs-per-task=N]` writes DIR/slurm/tasks.txt (one
command line per run still to do, in spec order) and DIR/slurm/sweep.sbatch, whose task i runs lines
i*N+1 to i*N+N one after another (N = 1 by default: task i runs line i+1). Each line is `sweep exec`,
which runs the program in the run's own folder and skips a run already finished there, so a job
submitted twice does no run twice. A run's outcome is its own folder's, whichever task ran it:
`sweep collect` merges the folders into the campaign database run by run, so a task that ended
midway (time limit, node failure) leaves its finished runs done, the one it was running failed or
pending, and the rest pending, for the next `sweep run` to hand out again.
"""

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence

from .. import SOURCE_ROOT
from . import SweepError, rundir
from .campaign import Campaign
from .spec import Run

# How a task runs `sweep exec`: scripts/sweep of the checkout this runs from, or the installed package.
SWEEP = [os.path.join(SOURCE_ROOT, "scripts", "sweep")] if SOURCE_ROOT else ["-m", "handshake.sweep"]


def task_line(run: Run, program: str, campaign_dir: str, timeout: float | None,
              refused: str | None = None) -> str:
    """The shell command of one task: `sweep exec` around the program's command line (refused: the
    digest of a results.sqlite in the run's folder that the campaign refused, not to be skipped)."""
    run_dir = rundir.path(campaign_dir, run.key)
    wrapper = [sys.executable, *SWEEP, "exec", f"--run-dir={run_dir}"]
    if timeout:
        wrapper.append(f"--timeout={timeout:g}")
    if refused:
        wrapper.append(f"--refused-sha256={refused}")
    return shlex.join(wrapper + ["--"] + run.argv(program, run_dir))


def write(campaign: Campaign, name: str, todo: Sequence[Run], program: str, timeout: float | None,
          limit: int | None = None, options: Sequence[str] = (), runs_per_task: int = 1) -> tuple[str, str, int]:
    """Writes tasks.txt and sweep.sbatch under DIR/slurm/ for the runs in todo, runs_per_task runs
    per array task; returns their paths and the number of array tasks."""
    directory = os.path.join(campaign.directory, "slurm")
    os.makedirs(os.path.join(directory, "logs"), exist_ok=True)  # sbatch does not create --output's folder
    tasks = os.path.join(directory, "tasks.txt")
    refused = dict(campaign.db.execute("SELECT key, refused_sha256 FROM runs"))
    with open(tasks, "w") as stream:
        for run in todo:
            stream.write(task_line(run, program, campaign.directory, timeout, refused.get(run.key)) + "\n")
    count = -(-len(todo) // runs_per_task)  # array tasks: the last one may run fewer
    array = f"0-{count - 1}" + (f"%{limit}" if limit else "")
    lines = [
        "#!/bin/bash",
        f"# Written by `sweep run SPEC --out={campaign.directory} --backend slurm"
        + (f" --runs-per-task={runs_per_task}" if runs_per_task > 1 else "") + f"` (campaign {name}).",
        ("# Task i runs line i+1 of tasks.txt: a run, in its own folder," if runs_per_task == 1 else
         f"# Task i runs lines {runs_per_task}i+1 to {runs_per_task}i+{runs_per_task} of tasks.txt one after "
         "another: each a run, in its own folder,"),
        "# skipped if already finished there; so submitting this again is safe. A failed run does not",
        "# stop the task's next ones; SIGTERM (scancel, the time limit) does. The task's exit code is that",
        f"# of its last failed run (0: none). Afterwards: scripts/sweep collect --out={campaign.directory}",
        f"#SBATCH --job-name={shlex.quote('sweep-' + name)}",
        f"#SBATCH --array={array}",
        "#SBATCH --ntasks=1",
        "#SBATCH --cpus-per-task=1",
        f"#SBATCH --output={os.path.join(directory, 'logs', '%A_%a.out')}",
    ] + [f"#SBATCH {option}" for option in options] + [
        "set -euo pipefail",
        f"runs_per_task={runs_per_task}",
        "first=$((SLURM_ARRAY_TASK_ID * runs_per_task + 1))",
        f'mapfile -t lines < <(sed -n "$first,$((first + runs_per_task - 1))p" {shlex.quote(tasks)})',
        'if [ "${#lines[@]}" -eq 0 ]; then',
        '  echo "sweep: tasks.txt has no line $first" >&2',
        "  exit 1",
        "fi",
        "stop=0",
        "trap 'stop=1' TERM INT",
        "code=0",
        'for line in "${lines[@]}"; do',
        '  if [ "$stop" -ne 0 ]; then',
        '    echo "sweep: stopped by a signal; the task\'s later runs stay pending" >&2',
        "    break",
        "  fi",
        '  eval "$line" </dev/null || code=$?',
        "done",
        'exit "$code"',
    ]
    batch = os.path.join(directory, "sweep.sbatch")
    with open(batch, "w") as stream:
        stream.write("\n".join(lines) + "\n")
    return tasks, batch, count


def submit(batch: str) -> str:
    """Submits the batch script with sbatch; returns the job id."""
    sbatch = shutil.which("sbatch")
    if not sbatch:
        raise SweepError(f"--submit: sbatch is not on PATH (not a Slurm login node?); submit {batch} "
                         f"from one with: sbatch {batch}", exit_code=1)
    result = subprocess.run([sbatch, "--parsable", batch], capture_output=True, text=True)
    if result.returncode != 0:
        raise SweepError(f"sbatch failed (exit {result.returncode}): {result.stderr.strip()}", exit_code=1)
    return result.stdout.strip().split(";")[0]


def collect(campaign: Campaign) -> tuple[dict[str, str], list[str]]:
    """Merges every ended run folder under DIR/runs/ into the campaign database (idempotent), after
    making the done runs whose folders no longer check out pending. Returns (merged: {key:
    status}, folders not in the campaign)."""
    runs_dir = os.path.join(campaign.directory, "runs")
    names = sorted(os.listdir(runs_dir)) if os.path.isdir(runs_dir) else []
    known = campaign.statuses()
    campaign.recheck(list(known))
    folders = sorted({rundir.key_of(name) for name in names})
    unknown = [folder for folder in folders if folder not in known]
    return campaign.merge([folder for folder in folders if folder in known], failures=True), unknown
