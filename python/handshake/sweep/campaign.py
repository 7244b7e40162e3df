"""The campaign database, DIR/campaign.sqlite: every run of a campaign, its status and metrics.

Tables:
  meta     name -> value: the campaign name, the last spec (JSON), the swept parameters (JSON list)
  runs     one row per run: key, program, params (JSON of every flag), one column per swept
           parameter, rng_run, status (pending, running, done, failed), exit_code, wall_seconds,
           stderr_tail, started, finished (UTC, ISO 8601), run_dir (relative to DIR), attempts,
           results_sha256 (of a done run's results.sqlite, when recorded), refused_sha256 (of
           a results.sqlite that no longer matched: it is not taken for the run again)
  metrics  one row per done run: key, then metrics.METRICS
  results  a view: runs LEFT JOIN metrics

Only one process writes at a time (the runner's lock, DIR/campaign.lock), and every change of a
run is one transaction: a runner killed at any point leaves whole rows, never a done run without
its metrics.

A run counts done only while its folder checks out (verify.check: the run's own parameters and
RngRun, complete, whole, the digest recorded): the writers (run, collect) make a done run whose
folder does not pending again (recheck), and the readers (status, export, plot) count it pending.
"""

import fcntl
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Any, Literal

from . import SweepError, log, metrics, rundir, verify
from .rundir import Status
from .spec import Run, Spec, format_value
from .stats import Row

FILE = "campaign.sqlite"
STATUSES = ("done", "failed", "running", "pending")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS runs (
  key TEXT PRIMARY KEY, program TEXT NOT NULL, params TEXT NOT NULL, rng_run INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  exit_code INTEGER, wall_seconds REAL, stderr_tail TEXT, started TEXT, finished TEXT,
  run_dir TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, results_sha256 TEXT, refused_sha256 TEXT);
CREATE TABLE IF NOT EXISTS metrics (key TEXT PRIMARY KEY REFERENCES runs(key));
CREATE VIEW IF NOT EXISTS results AS SELECT * FROM runs LEFT JOIN metrics USING (key);
"""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Campaign:
    """DIR/campaign.sqlite, opened (and created with create=True)."""

    def __init__(self, directory: str, create: bool = False) -> None:
        self.directory = os.path.abspath(directory)
        self.path = os.path.join(self.directory, FILE)
        if not create and not os.path.isfile(self.path):
            raise SweepError(f"no campaign in {directory} (no {FILE}); start one with: sweep run SPEC --out={directory}")
        os.makedirs(self.directory, exist_ok=True)
        self._lock: Any = None  # the lock file, while this process holds the writer lock
        self.db = self._open()
        self._unverified: dict[str, str] | None = None
        if not create and not self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'runs'").fetchone():
            raise SweepError(f"no campaign in {directory} yet (a runner is starting?)")

    def _open(self) -> sqlite3.Connection:
        """The database, after a quick_check: a damaged file is a SweepError (one line, exit 2)
        naming it, before any command reads or writes it."""
        try:
            # Autocommit mode: transactions are explicit (with self.transaction()).
            db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            problems = [row[0] for row in db.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as error:
            problems = [str(error)]
        if problems != ["ok"]:
            raise SweepError(f"{self.path} is damaged ({problems[0]}); move it away and run the spec "
                             f"again: a new campaign takes the run folders that check out as done")
        db.row_factory = sqlite3.Row
        return db

    def transaction(self) -> "_Transaction":
        return _Transaction(self.db)

    # ---- locking: one runner (or collect) per campaign -------------------------------------------

    def lock(self) -> None:
        """Takes the campaign's writer lock for the life of this process (SweepError if taken) and
        makes sure the tables are there."""
        self._lock = open(os.path.join(self.directory, "campaign.lock"), "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SweepError(f"another sweep is running on {self.directory}", exit_code=1)
        # Only writers (who hold the lock) create the tables, or add metrics newer than the campaign.
        with self.transaction():
            # executescript() would commit on its own; one statement at a time stays in the transaction.
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self.db.execute(statement)
            self._add_columns("runs", {"results_sha256": "TEXT", "refused_sha256": "TEXT"})  # older campaigns
            self._add_columns("metrics", {name: metrics.sql_type(name) for name in metrics.METRICS})

    def writer_active(self) -> bool:
        """True while a runner (or collect) holds the lock: its running rows are really running."""
        try:
            with open(os.path.join(self.directory, "campaign.lock"), "w") as probe:
                fcntl.flock(probe, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            pass
        return False

    # ---- schema and runs --------------------------------------------------------------------------

    def _columns(self, table: str) -> list[str]:
        return [row[1] for row in self.db.execute(f"PRAGMA table_info({table})")]

    def _add_columns(self, table: str, columns: dict[str, str]) -> None:
        """Adds the columns (name -> SQL type) the table does not have yet."""
        present = set(self._columns(table))
        for name, sql_type in columns.items():
            if name not in present:
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN {_quote(name)} {sql_type}")

    def name(self) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE name = 'name'").fetchone()
        return str(row[0]) if row else ""

    def parameters(self) -> list[str]:
        """Swept parameter names, of every spec run in this campaign, in order."""
        row = self.db.execute("SELECT value FROM meta WHERE name = 'parameters'").fetchone()
        return list(json.loads(row[0])) if row else []

    def add(self, spec: Spec, runs: Sequence[Run]) -> None:
        """Records the spec and adds its runs as pending (runs already present keep their state)."""
        known = self.parameters()
        parameters = known + [p for p in spec.parameters if p not in known]
        with self.transaction():
            # No type: a swept value is stored as the spec wrote it (integer, real or text).
            self._add_columns("runs", dict.fromkeys(spec.parameters, ""))
            for name, value in (("name", spec.name), ("spec", spec.text), ("parameters", json.dumps(parameters))):
                self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))
            columns = ", ".join(_quote(p) for p in spec.parameters)
            marks = ", ?" * len(spec.parameters)
            for run in runs:
                self.db.execute(
                    f"INSERT OR IGNORE INTO runs (key, program, params, rng_run, run_dir"
                    f"{', ' if columns else ''}{columns}) VALUES (?, ?, ?, ?, ?{marks})",
                    [run.key, spec.program, json.dumps(run.flags, sort_keys=True), run.rng_run,
                     os.path.join("runs", run.key)] + [run.swept[p] for p in spec.parameters])

    def reset_running(self) -> None:
        """Runs left 'running' by a runner that died are pending again (caller holds the lock)."""
        with self.transaction():
            self.db.execute("UPDATE runs SET status = 'pending' WHERE status = 'running'")

    def statuses(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, status FROM runs"))

    def mark_running(self, key: str, started: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE runs SET status = 'running', started = ?, finished = NULL, "
                            "attempts = attempts + 1 WHERE key = ?", (started, key))

    def mark_pending(self, key: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE runs SET status = 'pending' WHERE key = ?", (key,))

    def row(self, key: str) -> sqlite3.Row:
        row: sqlite3.Row = self.db.execute("SELECT * FROM runs WHERE key = ?", (key,)).fetchone()
        return row

    def verdict(self, row: sqlite3.Row, recorded: bool = True) -> verify.Verdict:
        """verify.check of the run's folder as the run of row; recorded=False does not compare
        the digest recorded for it (the run is being recorded)."""
        run_dir = rundir.path(self.directory, row["key"])
        arguments = Run(row["key"], json.loads(row["params"]), {}, row["rng_run"]).argv(row["program"], run_dir)[1:]
        return verify.check(run_dir, arguments, recorded=recorded and _get(row, "results_sha256") or "",
                            refused=_get(row, "refused_sha256") or "")

    def record(self, key: str, status: Status, folder: str) -> tuple[str, str | None]:
        """Records how a run ended (status.json, or RunProcess.finish()'s dict; folder: where its
        files are): done with its metrics and digest when folder is the run's folder and holds the
        finished run, failed with its stderr tail otherwise; one transaction.
        Returns (new status, stderr tail)."""
        row = self.row(key)
        verdict = self.verdict(row, recorded=False) if folder == rundir.path(self.directory, key) else None
        done, tail = bool(verdict), None
        values: dict[str, metrics.Value] = {}
        if done:
            try:
                values = metrics.extract(os.path.join(folder, verify.RESULTS))
            except sqlite3.Error as error:  # complete, yet not the tables handshake-sim writes
                done, tail = False, f"sweep: cannot read metrics from results.sqlite: {error}"
        if not done:
            reason = status.get("unfinished") or (verdict.reason if verdict is not None else "")
            if status["exit_code"] == 0 and reason and not tail:
                tail = f"sweep: exit 0 but {reason}"
            tail = "\n".join(filter(None, (rundir.stderr_tail(folder, status), tail)))
        with self.transaction():
            # A failed run keeps the digest refused for it: its folder may still hold that file.
            self.db.execute(
                "UPDATE runs SET status = ?, exit_code = ?, wall_seconds = ?, stderr_tail = ?, started = ?, "
                "finished = ?, results_sha256 = ?, refused_sha256 = CASE WHEN ? THEN NULL ELSE refused_sha256 END "
                "WHERE key = ?",
                ("done" if done else "failed", status["exit_code"], status["wall_seconds"], tail,
                 status["started"], status["finished"], verdict.sha256 if verdict and done else None, done, key))
            self.db.execute("DELETE FROM metrics WHERE key = ?", (key,))
            if done:
                self.db.execute(
                    f"INSERT INTO metrics (key, {', '.join(_quote(n) for n in values)}) "
                    f"VALUES (?{', ?' * len(values)})", [key] + list(values.values()))
        return ("done" if done else "failed"), tail

    def recheck(self, keys: Iterable[str]) -> dict[str, str]:
        """Done runs among keys whose folders no longer check out become pending, their metrics
        gone and the digest they have now refused (caller holds the lock); each is logged. A done
        run recorded without a digest (by an older sweep) that checks out gets one.
        Returns {key: reason}."""
        rows = {row["key"]: row for row in self.db.execute("SELECT * FROM runs WHERE status = 'done'")}
        rechecked = {}
        for key in keys:
            if key not in rows:
                continue
            verdict = self.verdict(rows[key])
            if verdict and rows[key]["results_sha256"]:
                continue
            with self.transaction():
                if verdict:
                    self.db.execute("UPDATE runs SET results_sha256 = ? WHERE key = ?", (verdict.sha256, key))
                    continue
                self.db.execute("UPDATE runs SET status = 'pending', results_sha256 = NULL, refused_sha256 = ? "
                                "WHERE key = ?", (verdict.sha256 or None, key))
                self.db.execute("DELETE FROM metrics WHERE key = ?", (key,))
            rechecked[key] = verdict.reason
            log(f"{self.label(rows[key])}: done earlier, but {verdict.reason}: to run again")
        return rechecked

    def merge(self, keys: Iterable[str], failures: bool) -> dict[str, str]:
        """Records runs that ended but whose rows do not say so yet: those whose folders hold the
        finished run, and with failures=True those whose attempt folders ended (failed) too.
        Returns {key: new status}."""
        merged = {}
        rows = {row["key"]: row for row in self.db.execute("SELECT * FROM runs WHERE status != 'done'")}
        for key in keys:
            if key not in rows:
                continue
            run_dir = rundir.path(self.directory, key)
            status = verify.read_status(run_dir)
            if status is not None and self.verdict(rows[key]):
                # Recording the same folder again writes the same row: merging is idempotent.
                merged[key] = self.record(key, status, run_dir)[0]
                continue
            attempt = rundir.attempt_path(run_dir)
            status = verify.read_status(attempt)
            if failures and status is not None:
                merged[key] = self.record(key, status, attempt)[0]
        return merged

    def ended_pending(self) -> list[str]:
        """Keys of pending runs that ended in their folders, not recorded yet (what merge takes)."""
        ended = []
        for row in self.db.execute("SELECT * FROM runs WHERE status = 'pending'").fetchall():
            attempt = rundir.attempt_path(rundir.path(self.directory, row["key"]))
            if verify.read_status(attempt) is not None or self.verdict(row):
                ended.append(row["key"])
        return ended

    # ---- reading ----------------------------------------------------------------------------------

    def unverified(self) -> dict[str, str]:
        """Done runs whose folders no longer check out, {key: reason}: readers count them pending
        (a writer's recheck makes them so)."""
        if self._unverified is None:
            rows = self.db.execute("SELECT * FROM runs WHERE status = 'done'").fetchall()
            self._unverified = {row["key"]: verdict.reason for row in rows if not (verdict := self.verdict(row))}
        return self._unverified

    def counts(self) -> dict[str, int]:
        """Runs per status; 'running' rows of a runner that is gone, and done rows whose folders
        no longer check out, count as pending."""
        counts = dict.fromkeys(STATUSES, 0)
        counts.update(self.db.execute("SELECT status, count(*) FROM runs GROUP BY status"))
        if counts["running"] and not self.writer_active():
            counts["pending"] += counts.pop("running")
            counts["running"] = 0
        counts["done"] -= len(self.unverified())
        counts["pending"] += len(self.unverified())
        return counts

    def failed(self) -> list[sqlite3.Row]:
        return self.db.execute("SELECT * FROM runs WHERE status = 'failed' ORDER BY finished").fetchall()

    def results(self, done_only: bool = False) -> list[Row]:
        """Rows of the results view (runs with their metrics), as dicts; a done run whose folder no
        longer checks out is pending, without metrics, the reason its stderr_tail."""
        where = " WHERE status = 'done'" if done_only else ""
        rows = [dict(row) for row in self.db.execute(f"SELECT * FROM results{where} ORDER BY rowid")]
        for row in rows:
            if row["key"] in self.unverified():
                row.update(dict.fromkeys(metrics.METRICS), status="pending",
                           stderr_tail=f"sweep: {self.unverified()[row['key']]}")
        return [row for row in rows if row["status"] == "done" or not done_only]

    def label(self, row: sqlite3.Row | Row) -> str:
        """The run's swept values and RngRun as text, as in progress lines."""
        values = " ".join(f"{p}={format_value(row[p])}" for p in self.parameters() if row[p] is not None)
        return f"{values} RngRun={row['rng_run']}".strip()


def recorded_statuses(directory: str) -> dict[str, str]:
    """{key: status} as the campaign in directory records them, read without the lock and without
    creating or changing anything: {} when there is no campaign yet. A damaged database is a
    SweepError, as for every command."""
    if not os.path.isfile(os.path.join(directory, FILE)):
        return {}
    campaign = Campaign(directory, create=True)  # the file is there: opening it creates nothing
    try:
        if not campaign.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'runs'").fetchone():
            return {}
        return campaign.statuses()
    finally:
        campaign.db.close()


def _get(row: sqlite3.Row, name: str) -> Any:
    """row[name], or None in a campaign written before that column (read without the lock)."""
    return row[name] if name in row.keys() else None


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on an exception."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> Literal[False]:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        return False
