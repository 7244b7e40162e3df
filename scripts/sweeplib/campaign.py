"""The campaign database, DIR/campaign.sqlite: every run of a campaign, its status and metrics.

Tables:
  meta     name -> value: the campaign name, the last spec (JSON), the swept parameters (JSON list)
  runs     one row per run: key, program, params (JSON of every flag), one column per swept
           parameter, rng_run, status (pending, running, done, failed), exit_code, wall_seconds,
           stderr_tail, started, finished (UTC, ISO 8601), run_dir (relative to DIR), attempts
  metrics  one row per done run: key, then metrics.METRICS
  results  a view: runs LEFT JOIN metrics

Only one process writes at a time (the runner's lock, DIR/campaign.lock), and every change of a
run is one transaction: a runner killed at any point leaves whole rows, never a done run without
its metrics.
"""

import fcntl
import json
import os
import sqlite3

from . import SweepError, metrics, rundir
from .spec import format_value

FILE = "campaign.sqlite"
STATUSES = ("done", "failed", "running", "pending")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS runs (
  key TEXT PRIMARY KEY, program TEXT NOT NULL, params TEXT NOT NULL, rng_run INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'failed')),
  exit_code INTEGER, wall_seconds REAL, stderr_tail TEXT, started TEXT, finished TEXT,
  run_dir TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS metrics (key TEXT PRIMARY KEY REFERENCES runs(key));
CREATE VIEW IF NOT EXISTS results AS SELECT * FROM runs LEFT JOIN metrics USING (key);
"""


def _quote(name):
    return '"' + name.replace('"', '""') + '"'


class Campaign:
    """DIR/campaign.sqlite, opened (and created with create=True)."""

    def __init__(self, directory, create=False):
        self.directory = os.path.abspath(directory)
        self.path = os.path.join(self.directory, FILE)
        if not create and not os.path.isfile(self.path):
            raise SweepError(f"no campaign in {directory} (no {FILE}); start one with: sweep run SPEC --out={directory}")
        os.makedirs(self.directory, exist_ok=True)
        self._lock = None
        self.db = self._open()
        if not create and not self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'runs'").fetchone():
            raise SweepError(f"no campaign in {directory} yet (a runner is starting?)")

    def _open(self):
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

    def transaction(self):
        return _Transaction(self.db)

    # ---- locking: one runner (or collect) per campaign -------------------------------------------

    def lock(self):
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
            self._add_columns("metrics", {name: metrics.sql_type(name) for name in metrics.METRICS})

    def writer_active(self):
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

    def _columns(self, table):
        return [row[1] for row in self.db.execute(f"PRAGMA table_info({table})")]

    def _add_columns(self, table, columns):
        """Adds the columns (name -> SQL type) the table does not have yet."""
        present = set(self._columns(table))
        for name, sql_type in columns.items():
            if name not in present:
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN {_quote(name)} {sql_type}")

    def name(self):
        row = self.db.execute("SELECT value FROM meta WHERE name = 'name'").fetchone()
        return row[0] if row else ""

    def parameters(self):
        """Swept parameter names, of every spec run in this campaign, in order."""
        row = self.db.execute("SELECT value FROM meta WHERE name = 'parameters'").fetchone()
        return json.loads(row[0]) if row else []

    def add(self, spec, runs):
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

    def reset_running(self):
        """Runs left 'running' by a runner that died are pending again (caller holds the lock)."""
        with self.transaction():
            self.db.execute("UPDATE runs SET status = 'pending' WHERE status = 'running'")

    def statuses(self):
        return dict(self.db.execute("SELECT key, status FROM runs"))

    def mark_running(self, key, started):
        with self.transaction():
            self.db.execute("UPDATE runs SET status = 'running', started = ?, finished = NULL, "
                            "attempts = attempts + 1 WHERE key = ?", (started, key))

    def mark_pending(self, key):
        with self.transaction():
            self.db.execute("UPDATE runs SET status = 'pending' WHERE key = ?", (key,))

    def record(self, key, status):
        """Records how a run ended (status.json, or RunProcess.finish()'s dict): done with its metrics
        when it finished, failed with its stderr tail otherwise; one transaction. Returns
        (new status, stderr tail)."""
        run_dir = rundir.path(self.directory, key)
        done = rundir.finished(run_dir, status)
        values, tail = {}, None
        if done:
            try:
                values = metrics.extract(os.path.join(run_dir, rundir.RESULTS))
            except sqlite3.Error as error:  # complete, yet not the tables handshake-sim writes
                done, tail = False, f"sweep: cannot read metrics from results.sqlite: {error}"
        if not done:
            tail = "\n".join(filter(None, (rundir.stderr_tail(run_dir, status), tail)))
        with self.transaction():
            self.db.execute(
                "UPDATE runs SET status = ?, exit_code = ?, wall_seconds = ?, stderr_tail = ?, "
                "started = ?, finished = ? WHERE key = ?",
                ("done" if done else "failed", status["exit_code"], status["wall_seconds"], tail,
                 status["started"], status["finished"], key))
            self.db.execute("DELETE FROM metrics WHERE key = ?", (key,))
            if done:
                self.db.execute(
                    f"INSERT INTO metrics (key, {', '.join(_quote(n) for n in values)}) "
                    f"VALUES (?{', ?' * len(values)})", [key] + list(values.values()))
        return ("done" if done else "failed"), tail

    def merge(self, keys, failures):
        """Records runs whose folders ended (status.json) but whose rows do not say so yet: the
        finished ones, and with failures=True the failed ones too. Returns {key: new status}."""
        merged = {}
        current = self.statuses()
        for key in keys:
            run_dir = rundir.path(self.directory, key)
            status = rundir.read_status(run_dir)
            if status is None or current.get(key) in (None, "done"):
                continue
            if failures or rundir.finished(run_dir, status):
                # Recording the same status.json again writes the same row: merging is idempotent.
                merged[key] = self.record(key, status)[0]
        return merged

    # ---- reading ----------------------------------------------------------------------------------

    def counts(self):
        """Runs per status; 'running' rows of a runner that is gone count as pending."""
        counts = dict.fromkeys(STATUSES, 0)
        counts.update(self.db.execute("SELECT status, count(*) FROM runs GROUP BY status"))
        if counts["running"] and not self.writer_active():
            counts["pending"] += counts.pop("running")
            counts["running"] = 0
        return counts

    def failed(self):
        return self.db.execute("SELECT * FROM runs WHERE status = 'failed' ORDER BY finished").fetchall()

    def results(self, done_only=False):
        """Rows of the results view (runs with their metrics), as sqlite3.Row."""
        where = " WHERE status = 'done'" if done_only else ""
        return self.db.execute(f"SELECT * FROM results{where} ORDER BY rowid").fetchall()

    def label(self, row):
        """The run's swept values and RngRun as text, as in progress lines."""
        values = " ".join(f"{p}={format_value(row[p])}" for p in self.parameters() if row[p] is not None)
        return f"{values} RngRun={row['rng_run']}".strip()


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on an exception."""

    def __init__(self, db):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback):
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        return False
