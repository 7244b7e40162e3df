"""One run's folder, DIR/runs/<key>/: the program runs for it, and the folder says how it ended.

Both backends go through RunProcess: the local runner (many at once) and a Slurm task (`sweep
exec`, one). Each attempt runs in a fresh folder beside the run's, DIR/runs/<key>.attempt/: the
program's own outputs (results.sqlite, summary.txt, pcap/) plus stdout.txt, stderr.txt and
status.json (exit code, wall time, times), written when the program has exited. Only an attempt
that holds the finished run (verify.check) is renamed to DIR/runs/<key>/, replacing what was there;
a failed one stays where it ran, its results.sqlite renamed results.sqlite.failed. So a failed
attempt leaves nothing that looks complete, and never touches the run's folder.
DIR/runs/<key>.lock is held by the process running the run.
"""

import ctypes
import datetime
import fcntl
import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from . import SweepError, allocator, log, verify

# How a run's program ended: status.json's content (exit_code, wall_seconds, started, finished, argv,
# and note or unfinished when there is one).
Status = dict[str, Any]

_TAIL_LINES = 20
_TAIL_CHARS = 2000
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
# Beside DIR/runs/<key>/: its attempt folder, its lock, the folder being replaced.
SIDE_SUFFIXES = (".attempt", ".lock", ".replaced")

_libc = ctypes.CDLL(None, use_errno=True)


class Busy(Exception):
    """Another process (a runner or a Slurm task) holds this run."""


def path(campaign_dir: str, key: str) -> str:
    return os.path.join(campaign_dir, "runs", key)


def attempt_path(run_dir: str) -> str:
    return run_dir + ".attempt"


def key_of(name: str) -> str:
    """The run a name under DIR/runs/ belongs to: its folder, or one beside it (SIDE_SUFFIXES)."""
    for suffix in SIDE_SUFFIXES:
        name = name.removesuffix(suffix)
    return name


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def stderr_tail(folder: str, status: Status) -> str:
    """What a failed run said: the last lines of its stderr (progress lines rewritten with \\r count
    as lines), then how it ended if that is not in them (signal, the sweep's note)."""
    try:
        with open(os.path.join(folder, "stderr.txt"), "rb") as stream:
            stream.seek(0, os.SEEK_END)
            stream.seek(max(0, stream.tell() - 4 * _TAIL_CHARS))
            text = stream.read().decode(errors="replace")
    except OSError:
        text = ""
    lines = [line for line in text.replace("\r", "\n").split("\n") if line.strip()][-_TAIL_LINES:]
    if status["exit_code"] < 0:
        lines.append(f"killed by {signal.Signals(-status['exit_code']).name}")
    if status.get("note"):
        lines.append(f"sweep: {status['note']}")
    return "\n".join(lines)[-_TAIL_CHARS:]


def _die_with_parent(parent: int) -> Callable[[], None]:
    """preexec_fn: the child gets SIGKILL if its parent dies, so that a runner killed with SIGKILL
    leaves no orphan writing into a folder the next runner is about to reuse."""

    def preexec() -> None:
        _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before prctl
            os._exit(1)

    return preexec


def _write_atomically(file_path: str, data: Status) -> None:
    partial = file_path + ".partial"
    with open(partial, "w") as stream:
        json.dump(data, stream, indent=1)
        stream.write("\n")
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(partial, file_path)


def _replace(attempt: str, run_dir: str) -> None:
    """Puts the finished attempt at run_dir, in place of whatever is there."""
    aside = run_dir + ".replaced"
    shutil.rmtree(aside, ignore_errors=True)
    if os.path.lexists(run_dir):
        os.rename(run_dir, aside)
    os.rename(attempt, run_dir)
    shutil.rmtree(aside, ignore_errors=True)


def _disarm(attempt: str) -> None:
    """A failed attempt's results.sqlite, even complete (a program that failed after writing it),
    must not look like a finished run's."""
    results = os.path.join(attempt, verify.RESULTS)
    if os.path.isfile(results):
        os.replace(results, results + ".failed")


class RunProcess:
    """The program running once for a run: start(), then finish() once it has exited. argv writes
    in run_dir (--out=RUN_DIR); the attempt writes in run_dir's attempt folder instead."""

    def __init__(self, argv: Sequence[str], run_dir: str) -> None:
        self.run_dir = run_dir
        self.attempt = attempt_path(run_dir)
        out = f"--out={run_dir}"
        if out not in argv:
            raise SweepError(f"expected {out} among the program's arguments")
        self.arguments = argv[1:]  # as verify.check compares them
        self.argv = [f"--out={self.attempt}" if arg == out else arg for arg in argv]
        self.process: subprocess.Popen[bytes] | None = None
        self.note = ""  # why the sweep ended the run early, if it did
        self.folder = self.attempt  # where the attempt's files are: there, or run_dir once finish() moved them
        self._lock: TextIO | None = None

    def start(self) -> subprocess.Popen[bytes]:
        """Claims the run (raises Busy if taken), clears any earlier attempt, starts the program."""
        os.makedirs(os.path.dirname(self.run_dir), exist_ok=True)
        self._lock = open(self.run_dir + ".lock", "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise Busy(self.run_dir)
        # A fresh folder: an earlier attempt's files must not make this one look finished.
        shutil.rmtree(self.attempt, ignore_errors=True)
        os.makedirs(self.attempt)
        self.started = now()
        self._clock = time.monotonic()
        with open(os.path.join(self.attempt, "stdout.txt"), "wb") as out, \
                open(os.path.join(self.attempt, "stderr.txt"), "wb") as err:
            try:
                # Own session: a terminal's Ctrl-C reaches the runner only, which then ends the runs.
                self.process = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                                start_new_session=True, env=allocator.environment(program=self.argv[0]),
                                                preexec_fn=_die_with_parent(os.getpid()))
            except OSError as error:
                self._release()
                raise SweepError(f"cannot start {self.argv[0]}: {error.strerror}", exit_code=1)
        return self.process

    def kill(self, sig: int, note: str = "") -> None:
        """Sends sig to the program's process group (its children too)."""
        if note:
            self.note = note
        assert self.process is not None, "kill() before start()"
        try:
            os.killpg(self.process.pid, sig)
        except ProcessLookupError:
            pass

    def finish(self, record: bool = True) -> Status:
        """Once the program has exited: returns how it ended as a dict, written to status.json
        unless record is False (the sweep was interrupted: the run stays pending). An attempt that
        holds the finished run replaces run_dir; any other stays in the attempt folder (self.folder)."""
        assert self.process is not None, "finish() before start()"
        exit_code = self.process.wait()
        wall = time.monotonic() - self._clock
        status: Status = {"exit_code": exit_code, "wall_seconds": round(wall, 3), "started": self.started,
                  "finished": now(), "argv": self.argv}
        if self.note:
            status["note"] = self.note
        self.folder = self.attempt
        if record:
            verdict = verify.check(self.attempt, self.arguments, status=status)
            if exit_code == 0 and not verdict:
                status["unfinished"] = verdict.reason  # said before the files are disarmed
            _write_atomically(os.path.join(self.attempt, verify.STATUS), status)
            if verdict:
                _replace(self.attempt, self.run_dir)
                self.folder = self.run_dir
        if self.folder == self.attempt:
            _disarm(self.attempt)
        self._release()
        return status

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing the file drops the flock


def execute(argv: Sequence[str], run_dir: str, timeout: float | None = None, refused: str = "") -> int:
    """Runs argv for run_dir to the end (a Slurm task's `sweep exec`): skips a run whose folder
    already holds it (but not one whose results.sqlite has the digest refused) or that another
    task holds; returns the exit code to pass on."""
    run = RunProcess(argv, run_dir)
    if verify.check(run_dir, run.arguments, refused=refused):
        log(f"{run_dir}: finished earlier, skipped")
        return 0
    try:
        process = run.start()
    except Busy:
        log(f"{run_dir}: being run by another task, skipped")
        return 0
    # Forward the scheduler's termination (scancel, time limit) to the program.
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: run.kill(signum, f"stopped by {signal.Signals(signum).name}"))
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        run.kill(signal.SIGKILL, f"timed out after {timeout:g} s")
    status = run.finish()
    return status["exit_code"] if status["exit_code"] >= 0 else 128 - status["exit_code"]
