"""Tests of the Python package in python/ (doc/python.rst), run by ctest (label python) with
/usr/bin/python3.

PipInstallTest and InstalledSweepTest install the package offline into a fresh venv under a temp
folder, as doc/python.rst says (pip install --no-build-isolation --no-index, a venv with
--system-site-packages), from a copy of python/ so that the build leaves nothing in the checkout.
ResultsTest runs handshake-sim (HANDSHAKE_SIM) and loads its results.sqlite; MypyTest runs mypy on
the package with the settings in python/pyproject.toml.
"""

import csv
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
PYTHON_DIR = os.path.join(ROOT, "python")
HANDSHAKE_SIM = os.environ.get("HANDSHAKE_SIM", os.path.join(ROOT, "build", "bin", "handshake-sim"))
PATIENCE_SECONDS = 300  # a bound on a test that went wrong; pip takes a few seconds

sys.path.insert(0, PYTHON_DIR)
from handshake import results  # noqa: E402

# A tiny run: 3 clients x 2 requests, one sampled connection's segments.
SIM_FLAGS = ["--clients=3", "--servers=1", "--requests=2", "--size=2000", "--pcap=sample:1"]


def run(argv, **kwargs):
    """Runs argv; CompletedProcess with text stdout and stderr."""
    return subprocess.run(argv, capture_output=True, text=True, timeout=PATIENCE_SECONDS, **kwargs)


def run_sim(out, *flags):
    result = run([HANDSHAKE_SIM, *SIM_FLAGS, *flags, f"--out={out}"])
    if result.returncode != 0:
        raise AssertionError(f"handshake-sim exit {result.returncode}: {result.stderr[-2000:]}")
    return out


def sqlite_counts(path):
    """table -> row count, straight from SQLite."""
    db = sqlite3.connect(path)
    try:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}
    finally:
        db.close()


class Venv:
    """A fresh venv with the package installed from a copy of python/ (once per test class)."""

    def __init__(self, folder):
        self.folder = folder
        self.bin = os.path.join(folder, "venv", "bin")
        source = os.path.join(folder, "python")
        # The copy: pip builds in the source folder (build/, *.egg-info).
        shutil.copytree(PYTHON_DIR, source, ignore=shutil.ignore_patterns(
            "build", "*.egg-info", "__pycache__", ".mypy_cache"))
        self.check(["/usr/bin/python3", "-m", "venv", "--system-site-packages", os.path.join(folder, "venv")])
        # No index at all: a dependency not met by Debian's packages fails here instead of downloading.
        self.install = self.check([self.python, "-m", "pip", "install", "--no-build-isolation", "--no-index",
                                   "--disable-pip-version-check", "--no-cache-dir", source])

    @property
    def python(self):
        return os.path.join(self.bin, "python")

    @staticmethod
    def check(argv):
        result = run(argv, env=dict(os.environ, PIP_NO_INPUT="1"))
        if result.returncode != 0:
            raise AssertionError(f"{' '.join(argv)}: exit {result.returncode}\n{result.stdout}\n{result.stderr}")
        return result


class VenvTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="python-package-test-")
        cls.venv = Venv(cls._tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def env(self):
        # Outside the checkout, so that nothing is imported from python/ by accident.
        return dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PATH=f"{self.venv.bin}:{os.environ['PATH']}")

    def venv_run(self, *argv):
        return run(list(argv), env=self.env(), cwd=self._tmp.name)


class PipInstallTest(VenvTestCase):
    """The package installs offline into a fresh venv and its commands answer from there."""

    def test_installed_from_the_venv(self):
        self.assertIn("Successfully installed handshake", self.venv.install.stdout)
        result = self.venv_run(self.venv.python, "-c",
                               "import handshake, handshake.results, handshake.sweep.cli as c; "
                               "print(handshake.__file__); print(handshake.SOURCE_ROOT)")
        self.assertEqual(result.returncode, 0, result.stderr)
        where, source_root = result.stdout.splitlines()
        self.assertTrue(where.startswith(os.path.join(self.venv.folder, "venv")), where)
        self.assertEqual(source_root, "None")

    def test_commands(self):
        for argv in ([os.path.join(self.venv.bin, "handshake-sweep")], [self.venv.python, "-m", "handshake.sweep"]):
            with self.subTest(argv=argv):
                result = self.venv_run(*argv, "--help")
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn("Parameter sweeps of handshake-sim", result.stdout)
                # Same errors as scripts/sweep: one line, exit 2.
                result = self.venv_run(*argv, "status", f"--out={self.venv.folder}/none")
                self.assertEqual(result.returncode, 2)
                self.assertEqual(result.stderr.count("\n"), 1, result.stderr)
                self.assertTrue(result.stderr.startswith("sweep: no campaign in"), result.stderr)

    def test_program_looked_up_on_path_only(self):
        spec = os.path.join(self.venv.folder, "spec.toml")
        with open(spec, "w") as stream:
            stream.write('program = "handshake-sim-nowhere"\nseeds = 1\n')
        result = self.venv_run(os.path.join(self.venv.bin, "handshake-sweep"), "run", spec,
                               f"--out={self.venv.folder}/c")
        self.assertEqual(result.returncode, 2)
        self.assertIn('program "handshake-sim-nowhere" not found on PATH', result.stderr)


class InstalledSweepTest(VenvTestCase):
    """The installed handshake-sweep runs a campaign of handshake-sim, locally and as Slurm tasks,
    and the installed handshake.results reads one of its runs."""

    def spec(self, grid):
        path = os.path.join(self.venv.folder, "spec.toml")
        with open(path, "w") as stream:
            stream.write('program = "handshake-sim"\nseeds = 2\n[flags]\nclients = 2\nrequests = 1\n'
                         f'pcap = "none"\n[grid]\n{grid}\n')
        return path

    def sweep(self, *args):
        return self.venv_run(os.path.join(self.venv.bin, "handshake-sweep"), *args)

    def test_campaign(self):
        out = os.path.join(self.venv.folder, "campaign")
        result = self.sweep("run", self.spec('tcp = ["handshake", "ns3"]'), f"--out={out}",
                            f"--program={HANDSHAKE_SIM}", "--jobs=2")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("4 runs: 4 done, 0 failed, 0 pending", result.stderr)
        result = self.sweep("export", f"--out={out}", "--aggregate", "--file=-")
        self.assertEqual(result.returncode, 0, result.stderr)
        rows = list(csv.DictReader(result.stdout.splitlines()))
        self.assertEqual([(row["tcp"], row["runs"]) for row in rows], [("handshake", "2"), ("ns3", "2")])
        self.assertTrue(all(float(row["handshake_mean_ci95"]) >= 0 for row in rows))
        # matplotlib from Debian's package, seen through the venv.
        result = self.sweep("plot", f"--out={out}", "--metric=handshake_mean", "--x=tcp")
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(out, "plots", "handshake_mean-vs-tcp.png"), "rb") as stream:
            self.assertEqual(stream.read(8), b"\x89PNG\r\n\x1a\n")
        run_dir = os.path.join(out, "runs", sorted(os.listdir(os.path.join(out, "runs")))[0])
        self.assertTrue(os.path.isdir(run_dir), run_dir)  # key.lock sorts after key
        result = self.venv_run(self.venv.python, "-c",
                               "import sys, handshake.results as r; t = r.load(sys.argv[1]); "
                               "print(len(t['connections']), len(t['runs']))", run_dir)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.split(), ["2", "1"])

    def test_slurm_tasks(self):
        out = os.path.join(self.venv.folder, "slurm-campaign")
        result = self.sweep("run", self.spec("delay = [10]"), f"--out={out}", f"--program={HANDSHAKE_SIM}",
                            "--backend=slurm")
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(out, "slurm", "tasks.txt")) as stream:
            tasks = stream.read().splitlines()
        self.assertEqual(len(tasks), 2)
        # A task runs the installed package with the venv's Python: no checkout, no PATH needed.
        python, *module = shlex.split(tasks[0])[:4]
        self.assertTrue(python.startswith(self.venv.bin), python)
        self.assertEqual(module, ["-m", "handshake.sweep", "exec"])
        for task in tasks:
            result = run(["bash", "-c", task], env={"PATH": "/usr/bin:/bin"}, cwd="/")
            self.assertEqual(result.returncode, 0, result.stderr)
        result = self.sweep("collect", f"--out={out}")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("collected 2 runs (2 done, 0 failed)", result.stderr)


class ResultsTest(unittest.TestCase):
    """handshake.results.load on a real run: every table, all its rows, typed columns."""

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="python-results-test-")
        # No loss: the drops table (every lost segment) stays empty, to check an empty table's types.
        cls.out = run_sim(os.path.join(cls._tmp.name, "out"), "--loss=0")
        cls.path = os.path.join(cls.out, "results.sqlite")
        cls.tables = results.load(cls.out)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def test_every_table_with_its_rows(self):
        counts = sqlite_counts(self.path)
        self.assertEqual({name: len(frame) for name, frame in self.tables.items()}, counts)
        for name in ("runs", "connections", "transactions", "segments", "states", "drops", "servers",
                     "metrics"):
            self.assertIn(name, self.tables)
        self.assertEqual(self.tables.path, self.path)

    def test_row_counts_of_the_scenario(self):
        # 3 clients x 2 requests, one connection each (not persistent), 1 server, one run.
        self.assertEqual(len(self.tables["runs"]), 1)
        self.assertEqual(len(self.tables["transactions"]), 6)
        self.assertEqual(len(self.tables["connections"]), 6)
        self.assertEqual(len(self.tables["servers"]), 1)
        self.assertEqual(len(self.tables["drops"]), 0)
        # The run's own count of them, in its metrics table.
        metrics = self.tables["metrics"].set_index("name")["value"]
        self.assertEqual(metrics["connections"], 6)
        self.assertEqual(metrics["requests"], 6)
        # pcap=sample:1: the segments of one client's connections (2) only.
        connections = self.tables["connections"].set_index("id")
        sampled = connections.loc[self.tables["segments"]["connection_id"].unique()]
        self.assertEqual(len(sampled), 2)
        self.assertEqual(sampled["client_address"].nunique(), 1)

    def test_columns_typed_by_their_sql_type(self):
        connections = self.tables["connections"]
        self.assertEqual(str(connections["id"].dtype), "Int64")
        self.assertEqual(str(connections["syn_sent"].dtype), "float64")
        self.assertEqual(str(connections["outcome"].dtype), "object")
        self.assertEqual(set(connections["outcome"]), {"closed"})
        self.assertTrue((connections["established"] > connections["syn_sent"]).all())
        # An empty table keeps its columns and their types.
        drops = self.tables["drops"]
        self.assertEqual(list(drops.columns), ["run_id", "connection_id", "time", "direction", "rule", "flags",
                                               "seq", "ack", "length"])
        self.assertEqual(str(drops["time"].dtype), "float64")
        self.assertEqual(str(drops["connection_id"].dtype), "Int64")

    def test_file_or_folder(self):
        self.assertEqual(len(results.load(self.path)["connections"]), 6)

    def test_some_tables(self):
        tables = results.load(self.out, tables=["transactions", "runs"])
        self.assertEqual(list(tables), ["transactions", "runs"])
        self.assertEqual(len(tables["transactions"]), 6)
        with self.assertRaisesRegex(KeyError, "no table packets \\(it has: runs, settings, clients, connections"):
            results.load(self.out, tables=["runs", "packets"])

    def test_no_complete_file(self):
        folder = os.path.join(self._tmp.name, "partial")
        os.makedirs(folder)
        shutil.copy(self.path, os.path.join(folder, "results.sqlite.partial"))
        with self.assertRaisesRegex(FileNotFoundError, r"only results\.sqlite\.partial: the run has not finished"):
            results.load(folder)
        with self.assertRaisesRegex(FileNotFoundError, "not a handshake-sim --out folder"):
            results.load(self._tmp.name)
        other = os.path.join(folder, "other.sqlite")
        sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
        with self.assertRaisesRegex(ValueError, "no runs table: not a handshake-sim results database"):
            results.load(other)

    def test_read_only(self):
        before = os.stat(self.path).st_mtime_ns, sorted(os.listdir(self.out))
        results.load(self.out)
        self.assertEqual((os.stat(self.path).st_mtime_ns, sorted(os.listdir(self.out))), before)


class MypyTest(unittest.TestCase):
    """The package's type hints check out with Debian's mypy (python/pyproject.toml's settings)."""

    def test_mypy(self):
        with tempfile.TemporaryDirectory(prefix="python-mypy-") as cache:
            result = run([sys.executable, "-m", "mypy", "--cache-dir", cache], cwd=PYTHON_DIR)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("Success: no issues found", result.stdout)


if __name__ == "__main__":
    unittest.main()
