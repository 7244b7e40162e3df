"""Whether a folder holds a given run, finished: the check before the sweep counts a run done.

A folder holds the run when
  - its status.json says the program exited 0 (the sweep writes it once the program has exited),
  - its results.sqlite opens read-only and passes SQLite's PRAGMA quick_check,
  - that file's one runs row is complete (handshake-sim sets runs.complete = 1 in the transaction
    that ends the run, then renames results.sqlite.partial: scenario/recording/results-database.cc),
  - that row is of this run: its arguments are the run's flags and RngRun (the --out value is not
    compared: a run is written in DIR/runs/<key>.attempt/ and renamed, and a campaign folder may
    be moved), its rng_run the RngRun,
  - and its SHA-256 is the one the campaign recorded for the run, when it recorded one, and not one
    the campaign refused for it earlier (a folder that changed after it was recorded).

Nothing here writes: results.sqlite is opened read-only.
"""

import hashlib
import json
import os
import pathlib
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

STATUS = "status.json"
RESULTS = "results.sqlite"


@dataclass(frozen=True)
class Verdict:
    """reason: why the folder does not hold the run ("" when it does); sha256: its results.sqlite's
    digest ("" without one)."""

    reason: str
    sha256: str

    def __bool__(self) -> bool:
        return not self.reason


def read_status(folder: str) -> dict[str, Any] | None:
    """status.json of folder as a dict, or None when the run has not ended (or never started)."""
    try:
        with open(os.path.join(folder, STATUS)) as stream:
            status = json.load(stream)
    except (OSError, ValueError):
        return None
    return status if isinstance(status, dict) else None


def check(folder: str, arguments: Sequence[str], recorded: str = "", refused: str = "",
          status: dict[str, Any] | None = None) -> Verdict:
    """The Verdict on folder as the run whose program arguments (argv[1:], with an --out=...) are
    arguments; recorded: the digest the campaign recorded for the run; refused: one it refused;
    status: the status.json it is about to get (default: read it)."""
    if not os.path.isdir(folder):
        return Verdict("no folder", "")
    results = os.path.join(folder, RESULTS)
    if not os.path.isfile(results):
        return Verdict(f"no {RESULTS}", "")
    with open(results, "rb") as stream:
        sha256 = hashlib.file_digest(stream, "sha256").hexdigest()
    return Verdict(_status_problem(status or read_status(folder)) or _results_problem(results, arguments)
                   or _digest_problem(sha256, recorded, refused), sha256)


def _status_problem(status: dict[str, Any] | None) -> str:
    if status is None:
        return f"no {STATUS}"
    if status.get("exit_code") != 0:
        return f"{STATUS} says exit {status.get('exit_code')}"
    return ""


def _results_problem(results: str, arguments: Sequence[str]) -> str:
    try:
        # Read-only: a results.sqlite is the run's own file, never to be changed by the sweep.
        db = sqlite3.connect(pathlib.Path(results).absolute().as_uri() + "?mode=ro", uri=True)
        try:
            problems = [row[0] for row in db.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                return f"{RESULTS} is damaged (quick_check: {problems[0]})"
            rows = db.execute("SELECT arguments, rng_run, complete FROM runs").fetchall()
        finally:
            db.close()
    except sqlite3.DatabaseError as error:
        return f"{RESULTS} is damaged or not handshake-sim's ({error})"
    if len(rows) != 1 or rows[0][2] != 1:
        return f"{RESULTS} is incomplete (the run did not finish)"
    return _identity_problem(rows[0][0], rows[0][1], arguments)


def _identity_problem(text: str | None, rng_run: int | None, arguments: Sequence[str]) -> str:
    """Why the runs row (arguments text, rng_run) is not of the run with these arguments, or ""."""
    wanted = next((a.partition("=")[2] for a in arguments if a.startswith("--RngRun=")), None)
    if wanted is not None and str(rng_run) != wanted:
        return f"{RESULTS} is of another run (RngRun {rng_run}, not {wanted})"
    # handshake-sim records its arguments joined by spaces (CommandLineText): compared as text, so
    # that a value with a space in it compares right; the --out value is whatever it was.
    out = next((i for i, a in enumerate(arguments) if a.startswith("--out=")), None)
    if out is None:
        same = text == " ".join(arguments)
    else:
        head = " ".join([*arguments[:out], "--out="])
        tail = "".join(" " + a for a in arguments[out + 1:])
        same = text is not None and len(text) >= len(head) + len(tail) and text.startswith(head) \
            and text.endswith(tail)
    if same:
        return ""
    recorded = (text or "").split(" ")
    missing = next((a for a in arguments if a not in recorded and not a.startswith("--out=")), None)
    return f"{RESULTS} is of another run ({f'no {missing} in' if missing else 'other'} arguments)"


def _digest_problem(sha256: str, recorded: str, refused: str) -> str:
    if recorded and sha256 != recorded:
        return f"{RESULTS} changed since it was recorded (sha256 {sha256[:12]}, recorded {recorded[:12]})"
    if refused and sha256 == refused:
        return f"{RESULTS} is the one refused earlier (changed after it was recorded)"
    return ""
