"""A run's results.sqlite as pandas DataFrames (doc/python.rst).

    tables = handshake.results.load("out")
    tables["connections"].groupby("outcome").size()

load() returns one DataFrame per table the file holds (scenario/recording/results-database.cc:
runs, connections, transactions, segments, states, drops, servers, server_load, syn_flood, metrics),
all rows, columns in the table's order, typed by the column's declared SQL type whether the table
has rows or not: INTEGER as pandas' nullable Int64, REAL as float64 (times in simulated seconds, NaN
where a step never happened), TEXT as object (str or None); a column without a type (metrics.value)
as pandas infers it. The file is opened read-only: it is the run's own.
"""

import os
import pathlib
import sqlite3
from collections.abc import Iterable

import pandas

RESULTS = "results.sqlite"

# Declared SQL type -> dtype, whether the table has rows or not.
_DTYPES = {"INTEGER": "Int64", "REAL": "float64"}


class Results(dict[str, pandas.DataFrame]):
    """The tables of one run's results.sqlite, name -> DataFrame (a dict); path: the file."""

    def __init__(self, path: str, tables: dict[str, pandas.DataFrame]) -> None:
        super().__init__(tables)
        self.path = path


def results_path(out_dir: str) -> str:
    """The complete results.sqlite of the run written to out_dir (or out_dir itself when it names
    the file). FileNotFoundError, saying why, when there is none: a run still under way, or one
    that failed, leaves only results.sqlite.partial or .failed (never a file that looks complete)."""
    if os.path.isfile(out_dir):
        return out_dir
    path = os.path.join(out_dir, RESULTS)
    if os.path.isfile(path):
        return path
    for suffix, why in ((".partial", "the run has not finished (or was killed)"),
                        (".failed", "the run failed (a sweep attempt)")):
        if os.path.isfile(path + suffix):
            raise FileNotFoundError(f"{path}: no such file, only {RESULTS}{suffix}: {why}")
    raise FileNotFoundError(f"{path}: no such file (not a handshake-sim --out folder?)")


def load(out_dir: str, tables: Iterable[str] | None = None) -> Results:
    """Every table of the run's results.sqlite in out_dir (a handshake-sim --out folder, a sweep
    run's folder, or the file itself) as a DataFrame, by table name; only the tables named in
    tables when given (segments and states grow with the run: a large one need not be read whole).
    FileNotFoundError without a complete file (results_path), ValueError for an SQLite file without
    handshake-sim's runs table, KeyError for a table it does not have."""
    path = results_path(out_dir)
    # Read-only: never change (or create) a run's file.
    db = sqlite3.connect(pathlib.Path(path).absolute().as_uri() + "?mode=ro", uri=True)
    try:
        names = [row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
        if "runs" not in names:
            raise ValueError(f"{path}: no runs table: not a handshake-sim results database")
        wanted = names if tables is None else list(tables)
        unknown = [name for name in wanted if name not in names]
        if unknown:
            raise KeyError(f"{path}: no table {', '.join(unknown)} (it has: {', '.join(names)})")
        return Results(path, {name: _table(db, name) for name in wanted})
    finally:
        db.close()


def _columns(db: sqlite3.Connection, name: str) -> list[tuple[str, str]]:
    """(column, declared type) of the table, in order."""
    return [(row[1], row[2].upper()) for row in db.execute(f"PRAGMA table_info({_quote(name)})")]


def _table(db: sqlite3.Connection, name: str) -> pandas.DataFrame:
    frame = pandas.read_sql_query(f"SELECT * FROM {_quote(name)}", db)
    # TEXT stays as read: object, str or None (an empty table's columns are object too).
    for column, declared in _columns(db, name):
        if declared in _DTYPES:
            frame[column] = frame[column].astype(_DTYPES[declared])
    return frame


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
