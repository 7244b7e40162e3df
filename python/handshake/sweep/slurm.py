"""The Slurm backend: an array job with one task per pending run, and collect.

`sweep run SPEC --out=DIR --backend slurm` writes DIR/slurm/tasks.txt (one command line per run
still to do, in spec order) and DIR/slurm/sweep.sbatch, whose task i runs line i+1. Each line is
`sweep exec`, which runs the program in the run's own folder and skips a run already finished
there, so a job submitted twice does no run twice. `sweep collect` then merges the folders into
the campaign database.
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
          limit: int | None = None, options: Sequence[str] = ()) -> tuple[str, str]:
    """Writes tasks.txt and sweep.sbatch under DIR/slurm/ for the runs in todo; returns their paths."""
    directory = os.path.join(campaign.directory, "slurm")
    os.makedirs(os.path.join(directory, "logs"), exist_ok=True)  # sbatch does not create --output's folder
    tasks = os.path.join(directory, "tasks.txt")
    refused = dict(campaign.db.execute("SELECT key, refused_sha256 FROM runs"))
    with open(tasks, "w") as stream:
        for run in todo:
            stream.write(task_line(run, program, campaign.directory, timeout, refused.get(run.key)) + "\n")
    array = f"0-{len(todo) - 1}" + (f"%{limit}" if limit else "")
    lines = [
        "#!/bin/bash",
        f"# Written by `sweep run SPEC --out={campaign.directory} --backend slurm` (campaign {name}).",
        "# Task i runs line i+1 of tasks.txt: one run, in its own folder, skipped if already finished",
        f"# there; so submitting this again is safe. Afterwards: scripts/sweep collect --out={campaign.directory}",
        f"#SBATCH --job-name={shlex.quote('sweep-' + name)}",
        f"#SBATCH --array={array}",
        "#SBATCH --ntasks=1",
        "#SBATCH --cpus-per-task=1",
        f"#SBATCH --output={os.path.join(directory, 'logs', '%A_%a.out')}",
    ] + [f"#SBATCH {option}" for option in options] + [
        "set -euo pipefail",
        f'line=$(sed -n "$((SLURM_ARRAY_TASK_ID+1))p" {shlex.quote(tasks)})',
        'if [ -z "$line" ]; then',
        '  echo "sweep: tasks.txt has no line $((SLURM_ARRAY_TASK_ID+1))" >&2',
        "  exit 1",
        "fi",
        'eval "$line"',
    ]
    batch = os.path.join(directory, "sweep.sbatch")
    with open(batch, "w") as stream:
        stream.write("\n".join(lines) + "\n")
    return tasks, batch


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
