"""Campaign specs (TOML or JSON): checking and expansion into runs.

A spec names the program, fixed flags, swept flags (a grid, a list of combinations, or both) and
the seeds. Every (combination, seed) is one Run with a stable key, so that the same spec run again
finds the runs it already has.
"""

import hashlib
import itertools
import json
import os
import shutil
import tomllib
from dataclasses import dataclass
from typing import Any, NoReturn

from . import SweepError

# A flag's value in a spec, as TOML or JSON gives it.
Value = bool | int | float | str
Flags = dict[str, Value]

FIELDS = ("name", "program", "flags", "grid", "combinations", "seeds", "timeout", "check")

# The runner sets these for every run: a spec must not.
RESERVED_FLAGS = ("out", "RngRun")

# The flag that asks the program to check its flags and do nothing else (flagcheck.py): with the
# spec's check on (the default), a spec must not set it either.
CHECK_FLAG = "check"

# The largest RngRun: ns-3's RngRun is a uint64 (handshake-sim refuses --RngRun=2^64). Checked here,
# so that no seed can make a flag set that --check found valid invalid (flagcheck.py).
MAX_SEED = 2**64 - 1

# Columns of the campaign's runs table; a swept flag of the same name would clash with them.
RESERVED_COLUMNS = ("key", "program", "params", "rng_run", "status", "exit_code", "wall_seconds",
                    "stderr_tail", "started", "finished", "run_dir", "attempts", "results_sha256",
                    "refused_sha256")


def _fail(field: str, message: str) -> NoReturn:
    raise SweepError(f'spec field "{field}": {message}')


@dataclass(frozen=True)
class Run:
    """One (combination, seed): what the program is run with, and where its outputs go."""

    key: str
    flags: Flags  # every flag but --out and --RngRun: fixed and swept, name -> value
    swept: Flags  # the swept flags only, name -> value
    rng_run: int

    def flag_args(self) -> list[str]:
        """The run's flags as the program gets them, sorted: its command line but for --out and
        --RngRun (runs with the same flag_args are one flag set, checked once: flagcheck.py)."""
        return [f"--{name}={format_value(value)}" for name, value in sorted(self.flags.items())]

    def argv(self, program: str, run_dir: str) -> list[str]:
        """The program's command line for this run, writing into run_dir."""
        return [program, *self.flag_args(), f"--out={run_dir}", f"--RngRun={self.rng_run}"]

    def label(self) -> str:
        """Short text naming the run in progress lines: swept values and RngRun."""
        values = " ".join(f"{name}={format_value(value)}" for name, value in self.swept.items())
        return f"{values} RngRun={self.rng_run}".strip()


@dataclass(frozen=True)
class Spec:
    """A checked campaign spec."""

    name: str
    program: str  # as written in the spec: part of every run key
    flags: Flags
    parameters: tuple[str, ...]  # swept flag names, in spec order
    combinations: tuple[Flags, ...]  # name -> value, in run order
    seeds: tuple[int, ...]  # RngRun values
    timeout: float | None  # seconds per run
    text: str  # canonical JSON of the spec, stored in the campaign database
    check: bool = True  # run the program with --check on each flag set before the runs (flagcheck.py)

    def runs(self) -> list[Run]:
        """Every (combination, seed), seed by seed: a campaign stopped early still covers the grid."""
        return [make_run(self.program, self.flags, combination, seed)
                for seed in self.seeds for combination in self.combinations]


def format_value(value: object) -> str:
    """A flag value as handshake-sim reads it: true/false for booleans, numbers as written."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def make_run(program: str, fixed: Flags, swept: Flags, rng_run: int) -> Run:
    flags = dict(fixed)
    flags.update(swept)
    # The key hashes what decides the run's results: program (as named in the spec), flags, RngRun.
    identity = json.dumps({"program": program, "flags": flags, "rng_run": rng_run},
                          sort_keys=True, separators=(",", ":"))
    key = hashlib.sha256(identity.encode()).hexdigest()[:16]
    return Run(key, flags, dict(swept), rng_run)


def load(path: str) -> Spec:
    """Reads and checks the spec at path (.toml or .json); raises SweepError naming the bad field."""
    try:
        with open(path, "rb") as stream:
            data = stream.read()
    except OSError as error:
        raise SweepError(f"spec {path}: {error.strerror}")
    extension = os.path.splitext(path)[1].lower()
    try:
        if extension == ".toml":
            document = tomllib.loads(data.decode())
        elif extension == ".json":
            document = json.loads(data)
        else:
            raise SweepError(f"spec {path}: expected a .toml or .json file")
    except (tomllib.TOMLDecodeError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SweepError(f"spec {path}: not valid {extension[1:].upper()}: {error}")
    default_name = os.path.splitext(os.path.basename(path))[0]
    return check(document, default_name)


def check(document: Any, default_name: str = "sweep") -> Spec:
    """Checks a parsed spec document; returns a Spec."""
    if not isinstance(document, dict):
        raise SweepError("spec: expected a table (TOML) or an object (JSON) at the top level")
    for field in document:
        if field not in FIELDS:
            _fail(field, f"unknown field (expected one of: {', '.join(FIELDS)})")
    if "program" not in document:
        _fail("program", "missing (the program to run, e.g. \"handshake-sim\")")
    program = document["program"]
    if not isinstance(program, str) or not program.strip():
        _fail("program", "expected a program name or path")
    name = document.get("name", default_name)
    if not isinstance(name, str) or not name:
        _fail("name", "expected a non-empty string")

    flags = _check_flag_table(document.get("flags", {}), "flags")
    grid = _check_grid(document)
    combinations = _check_combinations(document)
    # Where each swept flag is set, so that an error names the field the user wrote.
    swept = {flag: f"grid.{flag}" for flag in grid}
    for flag in (combinations[0] if combinations else {}):
        if flag in swept:
            _fail(f"combinations[0].{flag}", "also swept in grid: sweep a flag in one place")
        swept[flag] = f"combinations[0].{flag}"
    for flag, field in swept.items():
        if flag in flags:
            _fail(f"flags.{flag}", f"also swept ({field}): a flag is either fixed or swept")
        if flag in RESERVED_COLUMNS:
            _fail(field, "this name is a column of the campaign database; cannot sweep it")

    product = [dict(zip(grid, values)) for values in itertools.product(*grid.values())]
    rows = [{**point, **combination} for combination in (combinations or [{}]) for point in product]
    seeds = _check_seeds(document.get("seeds"))
    timeout = document.get("timeout")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float))
                                or timeout <= 0):
        _fail("timeout", "expected a number of seconds > 0")
    check_flags = document.get("check", True)
    if not isinstance(check_flags, bool):
        _fail("check", "expected true (the default: check each flag set with PROGRAM --check before the "
                       "runs) or false (a program without --check)")
    where = f"flags.{CHECK_FLAG}" if CHECK_FLAG in flags else swept.get(CHECK_FLAG)
    if check_flags and where:
        _fail(where, f"--{CHECK_FLAG} is what the sweep adds to check the flags before the runs (a run "
                     f"with it writes nothing); remove it, or set check = false for a program whose "
                     f"--{CHECK_FLAG} means something else")
    text = json.dumps(document, sort_keys=True)
    return Spec(name, program, flags, tuple(swept), tuple(rows), seeds,
                float(timeout) if timeout is not None else None, text, check_flags)


def _check_value(value: Any, field: str) -> Value:
    if isinstance(value, (bool, int, float, str)):
        return value
    _fail(field, "expected a number, a string or a boolean")


def _check_name(name: str, field: str) -> None:
    if not name or name.startswith("-") or any(c in name for c in "= \t\n"):
        _fail(field, "expected a flag name without leading dashes, e.g. clients")
    if name in RESERVED_FLAGS:
        _fail(field, f"--{name} is set by the sweep for each run; remove it")


def _check_flag_table(table: Any, field: str) -> Flags:
    if not isinstance(table, dict):
        _fail(field, "expected a table of flag = value")
    for name, value in table.items():
        _check_name(name, f"{field}.{name}")
        _check_value(value, f"{field}.{name}")
    return dict(table)


def _check_grid(document: dict[str, Any]) -> dict[str, list[Value]]:
    if "grid" not in document:
        return {}
    grid = document["grid"]
    if not isinstance(grid, dict):
        _fail("grid", "expected a table of flag = [values]")
    if not grid:
        _fail("grid", "empty: sweep at least one flag, or leave grid out")
    for name, values in grid.items():
        field = f"grid.{name}"
        _check_name(name, field)
        if not isinstance(values, list):
            _fail(field, "expected a list of values")
        if not values:
            _fail(field, "empty list: give at least one value")
        _check_distinct(values, field)
    return dict(grid)


def _check_distinct(values: list[Any], field: str) -> None:
    seen = set()
    for index, value in enumerate(values):
        _check_value(value, f"{field}[{index}]")
        # Typed so that 1 and true stay distinct, as they are on the command line.
        token = (type(value).__name__, value)
        if token in seen:
            _fail(f"{field}[{index}]", f"{format_value(value)} appears twice")
        seen.add(token)


def _check_combinations(document: dict[str, Any]) -> list[Flags]:
    if "combinations" not in document:
        return []
    combinations = document["combinations"]
    if not isinstance(combinations, list) or not combinations:
        _fail("combinations", "expected a non-empty list of tables of flag = value")
    first = None
    for index, combination in enumerate(combinations):
        field = f"combinations[{index}]"
        if not isinstance(combination, dict) or not combination:
            _fail(field, "expected a non-empty table of flag = value")
        _check_flag_table(combination, field)
        if first is None:
            first = list(combination)
        elif sorted(combination) != sorted(first):
            _fail(field, f"expected the same flags as combinations[0] ({', '.join(first)})")
    tokens = [json.dumps(c, sort_keys=True) for c in combinations]
    for index, token in enumerate(tokens):
        if token in tokens[:index]:
            _fail(f"combinations[{index}]", "appears twice")
    return [dict(c) for c in combinations]


def _check_seeds(seeds: Any) -> tuple[int, ...]:
    if seeds is None:
        _fail("seeds", "missing (the number of seeds: RngRun 1..N, or a list of RngRun values)")
    if isinstance(seeds, int) and not isinstance(seeds, bool):
        if seeds < 1:
            _fail("seeds", f"expected at least 1, got {seeds}")
        return tuple(range(1, seeds + 1))
    if isinstance(seeds, list) and seeds:
        for index, seed in enumerate(seeds):
            if isinstance(seed, bool) or not isinstance(seed, int) or not 1 <= seed <= MAX_SEED:
                _fail(f"seeds[{index}]", f"expected an RngRun value, an integer from 1 to {MAX_SEED}")
        if len(set(seeds)) != len(seeds):
            _fail("seeds", "a value appears twice")
        return tuple(seeds)
    _fail("seeds", "expected an integer >= 1 or a non-empty list of RngRun values")


def resolve_program(program: str, root: str | None) -> str:
    """The executable to run: a path as given, or a name looked up in ROOT/build/bin (root: the
    project's checkout, None for an installed package) then PATH."""
    candidates: list[str | None] = [program]
    if os.sep not in program:
        candidates = [shutil.which(program)]
        if root:
            candidates.insert(0, os.path.join(root, "build", "bin", program))
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return os.path.abspath(candidate)
    where = "" if os.sep in program else (" in build/bin or PATH" if root else " on PATH")
    raise SweepError(f'program "{program}" not found{where}: build it (scripts/demo) or pass --program=PATH')
