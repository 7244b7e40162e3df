"""One run's folder, DIR/runs/<key>/: the program runs there, and the folder says how it ended.

Both backends go through RunProcess: the local runner (many at once) and a Slurm task (`sweep
exec`, one). The folder holds the program's own outputs (results.sqlite, summary.txt, pcap/) plus
stdout.txt, stderr.txt and status.json (exit code, wall time, times), written when the program has
exited. A run is finished when the folder holds it (verify.check); anything less (killed midway,
crashed, never started) is not, and the run is run again.
"""

import ctypes
import datetime
import fcntl
import json
import os
import signal
import subprocess
import time

from . import SweepError, log, verify

_TAIL_LINES = 20
_TAIL_CHARS = 2000
_PR_SET_PDEATHSIG = 1  # linux/prctl.h

_libc = ctypes.CDLL(None, use_errno=True)


class Busy(Exception):
    """Another process (a runner or a Slurm task) holds this run's folder."""


def path(campaign_dir, key):
    return os.path.join(campaign_dir, "runs", key)


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def stderr_tail(folder, status):
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


def _die_with_parent(parent):
    """preexec_fn: the child gets SIGKILL if its parent dies, so that a runner killed with SIGKILL
    leaves no orphan writing into a folder the next runner is about to reuse."""

    def preexec():
        _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before prctl
            os._exit(1)

    return preexec


def _write_atomically(file_path, data):
    partial = file_path + ".partial"
    with open(partial, "w") as stream:
        json.dump(data, stream, indent=1)
        stream.write("\n")
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(partial, file_path)


class RunProcess:
    """The program running once in its folder: start(), then finish() once it has exited."""

    def __init__(self, argv, run_dir):
        self.argv = argv
        self.run_dir = run_dir
        self.process = None
        self.note = ""  # why the sweep ended the run early, if it did
        self.folder = run_dir  # where the run's files are
        self._lock = None

    def start(self):
        """Claims the folder (raises Busy if taken), clears any earlier attempt, starts the program."""
        os.makedirs(self.run_dir, exist_ok=True)
        self._lock = open(os.path.join(self.run_dir, ".lock"), "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise Busy(self.run_dir)
        # An earlier attempt's files must not make this one look finished.
        for name in (verify.STATUS, verify.RESULTS, verify.RESULTS + ".partial"):
            try:
                os.remove(os.path.join(self.run_dir, name))
            except FileNotFoundError:
                pass
        self.started = now()
        self._clock = time.monotonic()
        with open(os.path.join(self.run_dir, "stdout.txt"), "wb") as out, \
                open(os.path.join(self.run_dir, "stderr.txt"), "wb") as err:
            try:
                # Own session: a terminal's Ctrl-C reaches the runner only, which then ends the runs.
                self.process = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                                start_new_session=True,
                                                preexec_fn=_die_with_parent(os.getpid()))
            except OSError as error:
                self._release()
                raise SweepError(f"cannot start {self.argv[0]}: {error.strerror}", exit_code=1)
        return self.process

    def kill(self, sig, note=""):
        """Sends sig to the program's process group (its children too)."""
        if note:
            self.note = note
        try:
            os.killpg(self.process.pid, sig)
        except ProcessLookupError:
            pass

    def finish(self, record=True):
        """Once the program has exited: returns how it ended as a dict, written to status.json
        unless record is False (the sweep was interrupted: the run stays pending)."""
        exit_code = self.process.wait()
        wall = time.monotonic() - self._clock
        status = {"exit_code": exit_code, "wall_seconds": round(wall, 3), "started": self.started,
                  "finished": now(), "argv": self.argv}
        if self.note:
            status["note"] = self.note
        if record:
            _write_atomically(os.path.join(self.run_dir, verify.STATUS), status)
        self._release()
        return status

    def _release(self):
        self._lock.close()  # closing the file drops the flock


def execute(argv, run_dir, timeout=None, refused=""):
    """Runs argv in run_dir to the end (a Slurm task's `sweep exec`): skips a run whose folder
    already holds it (but not one whose results.sqlite has the digest refused) or that another
    task holds; returns the exit code to pass on."""
    if verify.check(run_dir, argv[1:], refused=refused):
        log(f"{run_dir}: finished earlier, skipped")
        return 0
    run = RunProcess(argv, run_dir)
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
