"""The local backend: every pending run of a spec as a subprocess, --jobs at a time.

Only this process writes the campaign database; the runs are subprocesses that write only in their
own folders. The runner waits on the children with pidfds and poll(), so it sleeps until a run ends,
a run's timeout is due, or a signal comes. SIGINT or SIGTERM ends the running programs (SIGTERM,
then SIGKILL after a grace period) and leaves their runs pending; a SIGKILL of the runner kills them
too (PR_SET_PDEATHSIG, rundir.py), and the next runner finds their rows 'running' with no writer and
runs them again.
"""

import collections
import os
import select
import signal
import subprocess
import time
from collections.abc import Sequence
from types import FrameType

from . import log, rundir
from .campaign import Campaign
from .spec import Run, Spec

_GRACE_SECONDS = 5.0


class _Active:
    """A run whose program is running."""

    def __init__(self, run: Run, process: rundir.RunProcess, popen: subprocess.Popen[bytes],
                 deadline: float | None) -> None:
        self.run = run
        self.process = process
        self.popen = popen  # process's program
        self.deadline = deadline  # monotonic time to SIGKILL it, or None


def prepare(campaign: Campaign, spec: Spec, runs: Sequence[Run], retry_failed: bool) -> list[Run]:
    """Adds the spec's runs to the campaign and returns those to run: the pending ones (and the
    failed ones with retry_failed). Done runs whose folders no longer check out are pending again;
    runs whose folders finished after a runner died are recorded."""
    campaign.add(spec, runs)
    campaign.reset_running()
    keys = [run.key for run in runs]
    campaign.recheck(keys)
    campaign.merge(keys, failures=False)
    statuses = campaign.statuses()
    wanted = ("pending", "failed") if retry_failed else ("pending",)
    return [run for run in runs if statuses[run.key] in wanted]


class LocalRunner:
    """Runs a list of runs of one campaign, jobs at a time; run() returns 128 + the signal that
    stopped it, or 0."""

    def __init__(self, campaign: Campaign, program: str, jobs: int, timeout: float | None = None) -> None:
        self.campaign = campaign
        self.program = program
        self.jobs = jobs
        self.timeout = timeout
        self.active: dict[int, _Active] = {}  # pidfd -> _Active
        self.poller = select.poll()
        self.stop_signal: int | None = None
        self.announced = False
        self.ended: collections.Counter[str] = collections.Counter()

    def run(self, todo: Sequence[Run]) -> int:
        queue = collections.deque(todo)
        self.total = len(todo)
        handlers = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            while self.active or (queue and not self.stop_signal):
                while queue and len(self.active) < self.jobs and not self.stop_signal:
                    self._start(queue.popleft())
                if self.active:
                    self._wait()
        finally:
            for sig, handler in handlers.items():
                signal.signal(sig, handler)
        return 128 + self.stop_signal if self.stop_signal else 0

    def _start(self, run: Run) -> None:
        run_dir = rundir.path(self.campaign.directory, run.key)
        process = rundir.RunProcess(run.argv(self.program, run_dir), run_dir)
        # Marked before it starts: a program that is running always has its row saying so.
        self.campaign.mark_running(run.key, rundir.now())
        try:
            popen = process.start()
        except rundir.Busy:
            self.campaign.mark_pending(run.key)
            log(f"{run.label()}: its folder is in use by another process; left pending")
            return
        deadline = time.monotonic() + self.timeout if self.timeout else None
        pidfd = os.pidfd_open(popen.pid)
        self.active[pidfd] = _Active(run, process, popen, deadline)
        self.poller.register(pidfd, select.POLLIN)
        if self.stop_signal:  # the signal came while this one was starting
            self._stop(self.active[pidfd])

    def _wait(self) -> None:
        deadlines = [a.deadline for a in self.active.values() if a.deadline is not None]
        timeout_ms = max(0, (min(deadlines) - time.monotonic()) * 1000) if deadlines else None
        ready = self.poller.poll(timeout_ms)
        if self.stop_signal and not self.announced:
            # Said here, not in the handler: printing there could re-enter a print under way.
            self.announced = True
            log(f"{signal.Signals(self.stop_signal).name}: ending {len(self.active)} running programs; "
                f"their runs stay pending")
        for pidfd, _ in ready:
            self._reap(pidfd)
        now = time.monotonic()
        for active in self.active.values():
            if active.deadline is not None and active.deadline <= now:
                note = "" if self.stop_signal else f"timed out after {self.timeout:g} s"
                active.process.kill(signal.SIGKILL, note)
                active.deadline = None

    def _reap(self, pidfd: int) -> None:
        active = self.active.pop(pidfd)
        self.poller.unregister(pidfd)
        os.close(pidfd)
        run = active.run
        # A run the stop ended is not a failure: it stays pending. One that made it to exit 0 counts.
        interrupted = bool(self.stop_signal) and active.popen.wait() != 0
        status = active.process.finish(record=not interrupted)
        if interrupted:
            self.campaign.mark_pending(run.key)
            log(f"stopped {run.label()}: left pending")
            return
        state, tail = self.campaign.record(run.key, status, active.process.folder)
        self.ended[state] += 1
        count = self.ended["done"] + self.ended["failed"]
        width = len(str(self.total))
        line = f"[{count:{width}}/{self.total}] {state:6} {run.label()}  {status['wall_seconds']:.2f} s"
        if state == "failed":
            last = tail.splitlines()[-1] if tail else ""
            line += f"  exit {status['exit_code']}: {last}"
        log(line)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.stop_signal:
            return
        self.stop_signal = signum
        for active in self.active.values():
            self._stop(active)

    def _stop(self, active: _Active) -> None:
        active.process.kill(signal.SIGTERM)
        active.deadline = time.monotonic() + _GRACE_SECONDS
