"""Tests of scripts/sweep (doc/sweep.rst), run by ctest (label sweep) with /usr/bin/python3.

HANDSHAKE_SIM names the built handshake-sim. The runs are tiny (2 clients, 1 request, no pcap), and
nothing waits on the wall clock: a test that must catch the runner midway holds runs back with
fake-sim's gate and polls the campaign database until the runner got there.
"""

import contextlib
import csv
import io
import json
import math
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SWEEP = os.path.join(ROOT, "scripts", "sweep")
FAKE_SIM = os.path.join(HERE, "fake-sim")
# doc/metrics.rst's teardown as SQL: first FIN of either side -> both sides in TIME_WAIT or CLOSED.
TEARDOWN_START = "min(coalesce(fin_sent, server_fin_sent), coalesce(server_fin_sent, fin_sent))"
TEARDOWN_END = ("max(coalesce(time_wait_entered, closed), "
                "coalesce(server_time_wait_entered, server_closed))")
HANDSHAKE_SIM = os.environ.get("HANDSHAKE_SIM", os.path.join(ROOT, "build", "bin", "handshake-sim"))
# Only a bound on a test that went wrong; no test relies on it to pass.
PATIENCE_SECONDS = 120

sys.path.insert(0, os.path.join(ROOT, "python"))
from handshake.sweep import allocator, cli, flagcheck, metrics, spec, stats  # noqa: E402

TINY_FLAGS = """
[flags]
clients = 2
servers = 1
requests = 1
size = 1000
pcap = "none"
"""
TINY_GRID = 'delay = [10, 50]\ntcp = ["handshake", "ns3"]\n'


def write(path, text):
    with open(path, "w") as stream:
        stream.write(text)
    return path


class SweepTestCase(unittest.TestCase):
    """A temp folder per test, and helpers to run scripts/sweep and read its campaign."""

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="sweep-test-")
        self.tmp = self._tmp.name
        self.out = os.path.join(self.tmp, "campaign")
        self.env = dict(os.environ, HANDSHAKE_SIM=HANDSHAKE_SIM, PYTHONDONTWRITEBYTECODE="1")

    def tearDown(self):
        self._tmp.cleanup()

    def spec(self, text, name="spec.toml"):
        return write(os.path.join(self.tmp, name), text)

    def tiny_spec(self, grid="", seeds="2", program="handshake-sim", more=""):
        """A spec of tiny runs (TINY_FLAGS): grid is the [grid] table's lines, more other fields."""
        return self.spec(f'program = "{program}"\nseeds = {seeds}\n{more}' + TINY_FLAGS +
                         (f"[grid]\n{grid}" if grid else ""))

    def sweep(self, *args, env=None):
        """Runs scripts/sweep; returns the CompletedProcess (text stdout and stderr)."""
        return subprocess.run([sys.executable, SWEEP, *args], capture_output=True, text=True,
                              env=env or self.env, timeout=PATIENCE_SECONDS)

    def run_spec(self, spec_path, *args, program=HANDSHAKE_SIM, jobs=2, env=None):
        return self.sweep("run", spec_path, f"--out={self.out}", f"--program={program}", f"--jobs={jobs}", *args,
                          env=env)

    def query(self, sql, *params):
        db = sqlite3.connect(os.path.join(self.out, "campaign.sqlite"), timeout=30)
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()

    def assertAllDoneOnce(self, expected):
        """Every expected (params..., rng_run) is exactly one done run with its metrics row."""
        rows = self.query("SELECT key, status FROM runs")
        self.assertEqual(len(rows), len(expected))
        self.assertEqual({status for _, status in rows}, {"done"})
        self.assertEqual(self.query("SELECT count(*) FROM metrics")[0][0], len(expected))
        self.assertEqual(self.query("SELECT count(*) FROM runs JOIN metrics USING (key)")[0][0], len(expected))


class SpecTest(SweepTestCase):
    """Bad specs: exit 2 and one line naming the field; nothing is created."""

    VALID = 'program = "handshake-sim"\nseeds = 2\n[flags]\nclients = 2\n[grid]\ndelay = [10, 50]\n'

    def assertSpecError(self, text, field, name="spec.toml"):
        # In this process (no interpreter start per case); test_entry_point covers scripts/sweep itself.
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            code = cli.main(["run", self.spec(text, name), f"--out={self.out}", "--program=/bin/true"])
        self.assertEqual(code, 2, stderr.getvalue())
        lines = stderr.getvalue().strip().splitlines()
        self.assertEqual(len(lines), 1, stderr.getvalue())
        self.assertIn(f'spec field "{field}"', lines[0])
        self.assertTrue(lines[0].startswith("sweep: "), lines[0])
        self.assertFalse(os.path.exists(self.out))

    def test_unknown_field(self):
        self.assertSpecError(self.VALID + "\n[colour]\nred = 1\n", "colour")

    def test_missing_program(self):
        self.assertSpecError(self.VALID.replace('program = "handshake-sim"\n', ""), "program")

    def test_grid_value_not_a_list(self):
        self.assertSpecError(self.VALID.replace("delay = [10, 50]", "delay = 10"), "grid.delay")

    def test_empty_grid_list(self):
        self.assertSpecError(self.VALID.replace("delay = [10, 50]", "delay = []"), "grid.delay")

    def test_empty_grid(self):
        self.assertSpecError(self.VALID.replace("delay = [10, 50]", ""), "grid")

    def test_wrong_value_type(self):
        self.assertSpecError(self.VALID.replace("delay = [10, 50]", "delay = [10, [50]]"), "grid.delay[1]")

    def test_repeated_value(self):
        self.assertSpecError(self.VALID.replace("delay = [10, 50]", "delay = [10, 10]"), "grid.delay[1]")

    def test_seeds_below_one(self):
        self.assertSpecError(self.VALID.replace("seeds = 2", "seeds = 0"), "seeds")

    def test_seeds_not_a_number(self):
        self.assertSpecError(self.VALID.replace("seeds = 2", 'seeds = "30"'), "seeds")

    def test_missing_seeds(self):
        self.assertSpecError(self.VALID.replace("seeds = 2\n", ""), "seeds")

    def test_flag_set_by_the_sweep(self):
        self.assertSpecError(self.VALID.replace("clients = 2", 'out = "x"'), "flags.out")

    def test_flag_both_fixed_and_swept(self):
        self.assertSpecError(self.VALID.replace("clients = 2", "delay = 5"), "flags.delay")

    def test_flag_value_a_table(self):
        self.assertSpecError(self.VALID.replace("clients = 2", "clients = {a = 1}"), "flags.clients")

    def test_combinations_with_other_flags(self):
        text = self.VALID + '[[combinations]]\ntcp = "ns3"\n[[combinations]]\nloss = 0.1\n'
        self.assertSpecError(text, "combinations[1]")

    def test_check_not_a_boolean(self):
        self.assertSpecError('check = "no"\n' + self.VALID, "check")

    def test_check_flag_set_by_the_sweep(self):
        # --check is what the sweep adds to check the flags: a spec may not set it, unless check = false.
        self.assertSpecError(self.VALID.replace("clients = 2", "check = true"), "flags.check")
        self.assertSpecError(self.VALID.replace("delay = [10, 50]", "check = [true, false]"), "grid.check")
        unchecked = spec.check({"program": "p", "seeds": 1, "check": False, "flags": {"check": "x"}})
        self.assertEqual((unchecked.check, unchecked.runs()[0].flag_args()), (False, ["--check=x"]))
        self.assertTrue(spec.check({"program": "p", "seeds": 1}).check)

    def test_seed_beyond_rngrun(self):
        # ns-3's RngRun is 64-bit unsigned: a larger seed would be a flag set valid for some seeds only.
        document = {"program": "handshake-sim", "seeds": [1, 2**64]}
        self.assertSpecError(json.dumps(document), "seeds[1]", name="spec.json")
        self.assertEqual(spec.check(dict(document, seeds=[2**64 - 1])).seeds, (2**64 - 1,))

    def test_json_spec(self):
        document = {"program": "handshake-sim", "seeds": 2, "grid": {"loss": "0.1"}}
        self.assertSpecError(json.dumps(document), "grid.loss", name="spec.json")

    def test_entry_point(self):
        result = self.run_spec(self.spec(self.VALID.replace("seeds = 2", "seeds = -1")), program="/bin/true")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, 'sweep: spec field "seeds": expected at least 1, got -1\n')

    def test_not_toml(self):
        result = self.run_spec(self.spec("program = \n"), program="/bin/true")
        self.assertEqual(result.returncode, 2)
        self.assertIn("not valid TOML", result.stderr)

    def test_program_not_found(self):
        result = self.sweep("run", self.spec(self.VALID.replace("handshake-sim", "no-such-program")),
                            f"--out={self.out}")
        self.assertEqual(result.returncode, 2)
        self.assertIn('program "no-such-program" not found', result.stderr)

    def test_bad_jobs(self):
        result = self.run_spec(self.spec(self.VALID), "--jobs=0", program="/bin/true")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--jobs", result.stderr)

    def test_every_bad_flag_gets_one_line_naming_it(self):
        # Issue [hardening]: wrong type, out of range, unknown name, unreadable file.
        spec_path = self.spec(self.VALID)
        out = f"--out={self.out}"
        cases = [
            (["run", spec_path, out, "--jobs=abc"], "--jobs"),
            (["run", spec_path, out, "--jobs=0"], "--jobs"),
            (["run", spec_path, out, "--array-limit=-3"], "--array-limit"),
            (["run", spec_path, out, "--backend=slurm", "--runs-per-task=0"], "--runs-per-task"),
            (["run", spec_path, out, "--runs-per-task=2"], "--runs-per-task"),
            (["run", spec_path, out, "--backend=pbs"], "--backend"),
            (["run", spec_path, out, "--no-such-flag"], "--no-such-flag"),
            (["run", spec_path], "--out"),
            (["run", os.path.join(self.tmp, "missing.toml"), out], "missing.toml"),
            (["run", self.tmp, out], self.tmp),
            (["status"], "--out"),
            (["status", out], "no campaign"),
            (["export", out, "--csv"], "no campaign"),
            (["plot", out, "--x=delay"], "--metric"),
            (["collect", out], "no campaign"),
            (["frobnicate", out], "frobnicate"),
        ]
        for argv, named in cases:
            with self.subTest(argv=argv):
                result = self.sweep(*argv)
                self.assertEqual(result.returncode, 2, result.stderr)
                lines = result.stderr.strip().splitlines()
                self.assertEqual(len(lines), 1, result.stderr)
                self.assertIn(named, lines[0])
                self.assertTrue(lines[0].startswith("sweep"), lines[0])
                self.assertFalse(os.path.exists(os.path.join(self.out, "campaign.sqlite")))

    def test_expansion_and_keys(self):
        checked = spec.check({"program": "p", "seeds": [3, 4], "flags": {"clients": 2},
                              "grid": {"delay": [10, 50], "tcp": ["handshake", "ns3"]},
                              "combinations": [{"loss": 0}, {"loss": 0.02}]})
        runs = checked.runs()
        self.assertEqual(len(runs), 2 * 2 * 2 * 2)
        self.assertEqual(len({run.key for run in runs}), len(runs))
        self.assertEqual([run.rng_run for run in runs[:8]], [3] * 8)  # seed by seed
        again = spec.check({"program": "p", "seeds": [3, 4], "flags": {"clients": 2},
                            "grid": {"tcp": ["handshake", "ns3"], "delay": [10, 50]},
                            "combinations": [{"loss": 0}, {"loss": 0.02}]})
        self.assertEqual({run.key for run in runs}, {run.key for run in again.runs()})
        argv = runs[0].argv("/bin/p", "/d")
        self.assertEqual(argv[0], "/bin/p")
        self.assertEqual(argv[-2:], ["--out=/d", "--RngRun=3"])
        self.assertIn("--clients=2", argv)


class FlagCheckTest(SweepTestCase):
    """What the sweep makes of a program's answer to --check (flagcheck.check_one), with small
    scripts for programs: handshake-sim's one line, ns-3's CommandLine (a line, then its help)."""

    NS3_HELP = ("printf 'Invalid command-line argument: %s\\nprog [Program Options]\\n\\nProgram Options:\\n"
                "    --clients:  clients [1]\\n    --check:  check\\n    --PrintHelp:  help\\n' \"$1\" >&2; exit 1")

    def program(self, body):
        path = write(os.path.join(self.tmp, "program"), f"#!/bin/bash\n{body}\n")
        os.chmod(path, 0o755)
        return path

    def answer(self, body, *flags):
        return flagcheck.check_one(flagcheck.command(self.program(body), flags, 1))

    def test_answers(self):
        cases = [
            ('echo "prog: flags ok"', (), None),
            ('echo "prog: --tcp: \'x\' is not a TCP" >&2; exit 2', ("--tcp=x",), ("prog: --tcp: 'x' is not a TCP", False)),
            ('echo "prog: warning: slow" >&2; echo "prog: --tcp: bad" >&2; exit 2', ("--tcp=x",),
             ("prog: --tcp: bad", False)),
            ('echo "prog: --check: unknown flag (see --PrintHelp)" >&2; exit 2', ("--tcp=x",),
             ("prog: --check: unknown flag (see --PrintHelp)", True)),
            (self.NS3_HELP.replace('"$1"', "--check"), ("--clients=2",),
             ("exit 1: Invalid command-line argument: --check", True)),
            (self.NS3_HELP.replace('"$1"', "--clinets"), ("--clinets=2",),
             ("exit 1: Invalid command-line argument: --clinets", False)),
            ('echo "prog: --checks: unknown flag" >&2; exit 2', ("--checks=1",), ("prog: --checks: unknown flag", False)),
            ("kill -SEGV $$", (), ("killed by SIGSEGV: nothing on stderr", False)),
        ]
        for body, flags, expected in cases:
            with self.subTest(body=body):
                self.assertEqual(self.answer(body, *flags), expected)

    def test_program_gets_the_flags_the_rngrun_and_check(self):
        self.assertIsNone(self.answer('echo "$*" > "$(dirname "$0")/argv"', "--a=1", "--b=x y"))
        with open(os.path.join(self.tmp, "argv")) as stream:
            self.assertEqual(stream.read(), "--a=1 --b=x y --RngRun=1 --check\n")


class AllocatorTest(unittest.TestCase):
    """The runs get tcmalloc in LD_PRELOAD when it is installed, unless HANDSHAKE_ALLOCATOR=glibc;
    an LD_PRELOAD of the caller's is kept."""

    def test_preload(self):
        if not os.path.exists(allocator.TCMALLOC):
            self.skipTest("libtcmalloc-minimal4 is not installed")
        self.assertEqual(allocator.environment({})["LD_PRELOAD"], allocator.TCMALLOC)
        self.assertEqual(allocator.environment({"LD_PRELOAD": "/x.so"})["LD_PRELOAD"],
                         allocator.TCMALLOC + ":/x.so")
        again = allocator.environment({"LD_PRELOAD": allocator.TCMALLOC})
        self.assertEqual(again["LD_PRELOAD"], allocator.TCMALLOC, "not twice")
        self.assertNotIn("LD_PRELOAD", allocator.environment({"HANDSHAKE_ALLOCATOR": "glibc"}))
        # AddressSanitizer aborts when another allocator comes before it: its programs get none.
        with tempfile.NamedTemporaryFile(suffix="-asan") as program:
            program.write(b"\x7fELF ... libasan.so.8 ...")
            program.flush()
            self.assertNotIn("LD_PRELOAD", allocator.environment({}, program=program.name))
        self.assertIn("LD_PRELOAD", allocator.environment({}, program=sys.executable))
        self.assertNotIn("LD_PRELOAD", allocator.environment({"ASAN_OPTIONS": "detect_leaks=1"}))


class StatsTest(unittest.TestCase):
    def test_student_t(self):
        # Any statistics table's values, to its 3 decimals.
        self.assertAlmostEqual(stats.t975(1), 12.706, places=3)
        self.assertAlmostEqual(stats.t975(2), 4.303, places=3)
        self.assertAlmostEqual(stats.t975(29), 2.045, places=3)
        self.assertAlmostEqual(stats.t975(40), 2.021, places=3)
        self.assertAlmostEqual(stats.t975(120), 1.980, places=3)

    def test_mean_ci(self):
        mean, half, n = stats.mean_ci([1.0, 2.0, 3.0, None])
        self.assertEqual((mean, n), (2.0, 3))
        self.assertAlmostEqual(half, stats.t975(2) * 1.0 / 3 ** 0.5)
        self.assertAlmostEqual(half, 4.303 * 1.0 / 3 ** 0.5, places=3)
        self.assertEqual(stats.mean_ci([5.0]), (5.0, None, 1))



class LocalSweepTest(SweepTestCase):
    """A tiny sweep runs to the end, its database has the right rows, and running it again runs nothing."""

    def test_tiny_sweep(self):
        spec_path = self.tiny_spec(TINY_GRID)
        result = self.run_spec(spec_path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("8 runs: 8 done, 0 failed, 0 pending", result.stderr)
        rows = self.query("SELECT delay, tcp, rng_run, exit_code, attempts, connections, requests_ok, "
                          "handshake_p50, run_dir FROM results ORDER BY delay, tcp, rng_run")
        expected = [(d, t, s) for d in (10, 50) for t in ("handshake", "ns3") for s in (1, 2)]
        self.assertEqual([row[:3] for row in rows], expected)
        self.assertAllDoneOnce(expected)
        for delay, tcp, rng_run, exit_code, attempts, connections, ok, handshake, run_dir in rows:
            self.assertEqual((exit_code, attempts, connections, ok), (0, 1, 2, 2))
            # One RTT: access links both ways plus the rest of the path, a few ms.
            self.assertGreater(handshake, 2 * delay)
            self.assertLess(handshake, 2 * delay + 40)
            self.assertFalse(os.path.exists(os.path.join(self.out, run_dir, "results.sqlite.partial")))
        self.assertMatchesSummary(rows[0])
        for row in rows:
            self.assertMetricsAsDefined(os.path.join(self.out, row[-1], "results.sqlite"))

        again = self.run_spec(spec_path)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("8 done earlier, 0 to run", again.stderr)
        self.assertEqual(self.query("SELECT sum(attempts), count(*) FROM runs")[0], (8, 8))

        # A runner that died after a run ended but before recording it: the next one takes the
        # finished folder as it is instead of running it again.
        db = sqlite3.connect(os.path.join(self.out, "campaign.sqlite"))
        with db:
            db.execute("UPDATE runs SET status = 'running' WHERE rng_run = 2 AND delay = 50")
            db.execute("DELETE FROM metrics WHERE key IN (SELECT key FROM runs WHERE status = 'running')")
        db.close()
        adopted = self.run_spec(spec_path)
        self.assertIn("8 done earlier, 0 to run", adopted.stderr)
        self.assertAllDoneOnce(expected)
        self.assertEqual(self.query("SELECT sum(attempts) FROM runs")[0][0], 8)

        status = self.sweep("status", f"--out={self.out}")
        self.assertEqual(status.returncode, 0)
        self.assertRegex(status.stdout, r"done +8")
        self.assertRegex(status.stdout, r"pending +0")

        exported = self.sweep("export", f"--out={self.out}", "--csv")
        self.assertEqual(exported.returncode, 0, exported.stderr)
        with open(os.path.join(self.out, "campaign.csv")) as stream:
            table = list(csv.DictReader(stream))
        self.assertEqual(len(table), 8)
        self.assertEqual({row["tcp"] for row in table}, {"handshake", "ns3"})
        aggregate = self.sweep("export", f"--out={self.out}", "--aggregate", "--file=-")
        self.assertEqual(len(list(csv.DictReader(aggregate.stdout.splitlines()))), 4)

    def assertMetricsAsDefined(self, results):
        """The run's metrics table (handshake-sim's RunMetrics) has METRICS' names, units and
        descriptions in order, and the values a query of the run's own rows gives."""
        db = sqlite3.connect(results)
        try:
            table = db.execute("SELECT name, unit, description FROM metrics ORDER BY rowid").fetchall()
            self.assertEqual(table, [(name, unit, text) for name, (unit, text) in metrics.METRICS.items()])
            expected = {"simulated_seconds": db.execute("SELECT simulated_seconds FROM runs").fetchone()[0]}
            for outcome in ("closed", "reset", "refused", "timeout", "unfinished"):
                expected[f"conn_{outcome}"] = db.execute(
                    "SELECT count(*) FROM connections WHERE outcome = ?", (outcome,)).fetchone()[0]
            expected["connections"], expected["retrans_per_conn"] = db.execute(
                "SELECT count(*), avg(retransmissions) FROM connections").fetchone()
            expected["requests"], expected["requests_ok"] = db.execute(
                "SELECT count(*), coalesce(sum(outcome = 'ok'), 0) FROM transactions").fetchone()
            expected["requests_failed"] = expected["requests"] - expected["requests_ok"]
            for name, table_name, start, end in (("handshake", "connections", "syn_sent", "established"),
                                                 ("ttfb", "transactions", "request_sent", "first_byte"),
                                                 ("completion", "transactions", "connect_called", "last_byte"),
                                                 ("teardown", "connections", TEARDOWN_START, TEARDOWN_END),
                                                 ("time_wait", "connections", "time_wait_entered", "closed"),
                                                 ("server_time_wait", "connections", "server_time_wait_entered",
                                                  "server_closed")):
                only_closed = "AND outcome = 'closed'" if name == "teardown" else ""
                values = sorted(round(row[0] * 1000.0, 6) for row in db.execute(
                    f"SELECT {end} - {start} FROM {table_name} WHERE {start} IS NOT NULL AND {end} IS NOT NULL "
                    f"{only_closed}"))
                rank = lambda q: values[min(len(values), max(1, math.ceil(q * len(values)))) - 1]  # noqa: E731
                expected[f"{name}_mean"] = round(sum(values) / len(values), 6) if values else None
                expected[f"{name}_p50"] = rank(0.5) if values else None
                expected[f"{name}_p90"] = rank(0.9) if values else None
            expected.update(zip(("fin_first_client", "fin_first_server", "time_wait_client", "time_wait_server"),
                                db.execute(
                "SELECT coalesce(sum(fin_sent IS NOT NULL AND (server_fin_sent IS NULL OR fin_sent <= server_fin_sent)), 0), "
                "coalesce(sum(server_fin_sent IS NOT NULL AND (fin_sent IS NULL OR server_fin_sent < fin_sent)), 0), "
                "count(time_wait_entered), count(server_time_wait_entered) FROM connections").fetchone()))
            expected.update(zip(("peak_half_open", "peak_server_connections", "syn_queue_drops",
                                 "syn_cookies_sent"), db.execute(
                "SELECT max(peak_half_open), max(peak_connections), sum(syn_queue_drops), sum(cookies_sent) "
                "FROM servers").fetchone()))
            expected["flood_syns_sent"] = db.execute("SELECT sum(syns_sent) FROM syn_flood").fetchone()[0]
            # The DNS lookup (--dns=on): from the transactions' dns columns; empty in a run without it.
            dns = db.execute("SELECT count(*) FROM transactions WHERE dns_start IS NOT NULL").fetchone()[0] > 0
            counts = db.execute(
                "SELECT coalesce(sum(dns_start IS NOT NULL AND dns_cached = 0), 0), coalesce(sum(dns_cached = 1), 0), "
                "coalesce(sum(outcome = 'dns-failed'), 0) FROM transactions").fetchone()
            expected.update(zip(("dns_lookups", "dns_cache_hits", "requests_dns_failed"),
                                counts if dns else (None, None, None)))
            values = sorted(round(row[0] * 1000.0, 6) for row in db.execute(
                "SELECT dns_end - dns_start FROM transactions WHERE dns_start IS NOT NULL AND dns_end IS NOT NULL "
                "AND dns_cached = 0"))
            rank = lambda q: values[min(len(values), max(1, math.ceil(q * len(values)))) - 1]  # noqa: E731
            expected["dns_mean"] = round(sum(values) / len(values), 6) if values else None
            expected["dns_p50"] = rank(0.5) if values else None
            expected["dns_p90"] = rank(0.9) if values else None
            # Counters of the resolvers and the server, in no table: only their absence is checked here.
            if not dns:
                expected["dns_queries_sent"] = expected["dns_server_answered"] = None
        finally:
            db.close()
        self.assertEqual(metrics.extract(results), {name: expected[name] for name in metrics.METRICS})

    def assertMatchesSummary(self, row):
        """handshake_p50 is what the run's summary.txt prints (to its 0.1 ms)."""
        with open(os.path.join(self.out, row[-1], "summary.txt")) as stream:
            line = next(line for line in stream if "handshake (SYN->ESTAB)" in line)
        self.assertEqual(f"{row[7]:.1f}", line.split()[2])

    def test_plot(self):
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            self.skipTest("python3-matplotlib is not installed (scripts/test installs it)")
        spec_path = self.tiny_spec(TINY_GRID + "loss = [0, 0.01]\n")
        self.assertEqual(self.run_spec(spec_path).returncode, 0)
        png = os.path.join(self.tmp, "plot.png")
        result = self.sweep("plot", f"--out={self.out}", "--metric=handshake_p50", "--x=delay", "--line=tcp",
                            f"--file={png}")
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(png, "rb") as stream:
            self.assertEqual(stream.read(8), b"\x89PNG\r\n\x1a\n")
        both = self.sweep("plot", f"--out={self.out}", "--metric=handshake_p50,completion_mean", "--x=tcp",
                          "--line=delay", "--where=loss=0.01")
        self.assertEqual(both.returncode, 0, both.stderr)
        self.assertTrue(os.path.isfile(os.path.join(
            self.out, "plots", "handshake_p50-and-completion_mean-vs-tcp-by-delay.png")))
        bad = self.sweep("plot", f"--out={self.out}", "--metric=handshake_p50", "--x=colour")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--x colour", bad.stderr)


class InterruptTest(SweepTestCase):
    """A runner killed midway leaves no half-counted run; running again completes every run once."""

    def start_gated_runner(self):
        """Starts the runner with runs of RngRun >= 2 held at the gate, and returns once the RngRun 1
        runs are done and gated runs are running: the runner is midway."""
        self.gate = os.path.join(self.tmp, "gate")
        self.env["SWEEP_TEST_GATE"] = self.gate
        self.spec_path = self.tiny_spec('tcp = ["handshake", "ns3"]\n', seeds="3", program=FAKE_SIM)
        runner = subprocess.Popen([sys.executable, SWEEP, "run", self.spec_path, f"--out={self.out}", "--jobs=2"],
                                  env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        waited = 0.0
        while not (self.done_count() == 2 and len(self.gated_pids()) == 2):  # (then both rows say running)
            self.assertIsNone(runner.poll(), "the runner ended before the test could stop it")
            self.assertLess(waited, PATIENCE_SECONDS)
            time.sleep(0.05)
            waited += 0.05
        return runner

    def done_count(self):
        if not os.path.exists(os.path.join(self.out, "campaign.sqlite")):
            return 0  # (connecting would create it)
        try:
            return self.query("SELECT count(*) FROM runs WHERE status = 'done'")[0][0]
        except sqlite3.OperationalError:  # the runner has not created its tables yet
            return 0

    def gated_pids(self):
        folder = self.gate + ".pids"
        return [int(name) for name in os.listdir(folder)] if os.path.isdir(folder) else []

    def assertNoHalfCountedRun(self):
        done = self.query("SELECT count(*) FROM runs WHERE status = 'done'")[0][0]
        self.assertEqual(self.query("SELECT count(*) FROM metrics")[0][0], done)
        self.assertEqual(self.query("SELECT count(*) FROM runs WHERE status = 'failed'")[0][0], 0)

    def finish_and_check(self):
        open(self.gate, "w").close()
        result = self.sweep("run", self.spec_path, f"--out={self.out}", "--jobs=2")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("2 done earlier, 4 to run", result.stderr)
        self.assertAllDoneOnce([(t, s) for t in ("handshake", "ns3") for s in (1, 2, 3)])
        self.assertEqual(sorted(self.query("SELECT tcp, rng_run FROM runs")),
                         [(t, s) for t in ("handshake", "ns3") for s in (1, 2, 3)])
        # The runs done before the kill were not run again.
        self.assertEqual(self.query("SELECT attempts FROM runs WHERE rng_run = 1"), [(1,), (1,)])

    def test_sigkill_then_resume(self):
        runner = self.start_gated_runner()
        runner.kill()
        runner.communicate()
        self.assertEqual(runner.returncode, -signal.SIGKILL)
        # Its children die with it (PR_SET_PDEATHSIG): dead or zombies awaiting init.
        for pid in self.gated_pids():
            waited = 0.0
            while self.alive(pid):
                self.assertLess(waited, PATIENCE_SECONDS, f"fake-sim {pid} outlived the runner")
                time.sleep(0.05)
                waited += 0.05
        self.assertNoHalfCountedRun()
        self.assertEqual(self.query("SELECT count(*) FROM runs WHERE status = 'running'")[0][0], 2)
        status = self.sweep("status", f"--out={self.out}")
        self.assertRegex(status.stdout, r"pending +4")  # no runner: its 'running' rows are pending
        self.finish_and_check()

    def test_sigterm_leaves_runs_pending(self):
        runner = self.start_gated_runner()
        runner.send_signal(signal.SIGTERM)
        _, stderr = runner.communicate(timeout=PATIENCE_SECONDS)
        self.assertEqual(runner.returncode, 128 + signal.SIGTERM, stderr)
        self.assertIn("SIGTERM", stderr)
        self.assertNoHalfCountedRun()
        self.assertEqual(self.query("SELECT status, count(*) FROM runs GROUP BY status"),
                         [("done", 2), ("pending", 4)])
        for (run_dir,) in self.query("SELECT run_dir FROM runs WHERE status = 'pending'"):
            self.assertFalse(os.path.exists(os.path.join(self.out, run_dir, "status.json")))
        self.finish_and_check()

    @staticmethod
    def alive(pid):
        try:
            with open(f"/proc/{pid}/status") as stream:
                return "\nState:\tZ" not in stream.read()
        except FileNotFoundError:
            return False


class FailureTest(SweepTestCase):
    """A failing run is recorded with its exit code and stderr tail; the others complete."""

    def test_rejected_flag_value(self):
        spec_path = self.tiny_spec('tcp = ["handshake", "bogus"]\n')
        # handshake-sim's --check refuses the value before any run (CheckTest has more).
        checked = self.run_spec(spec_path)
        self.assertEqual(checked.returncode, 2, checked.stderr)
        self.assertIn("tcp=bogus (2 runs): handshake-sim: --tcp: 'bogus' is not a TCP", checked.stderr)
        self.assertFalse(os.path.exists(self.out))
        # Without the check, the runs that the program refuses fail and the others are done.
        result = self.run_spec(spec_path, "--no-check")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("4 runs: 2 done, 2 failed, 0 pending", result.stderr)
        failed = self.query("SELECT tcp, exit_code, stderr_tail FROM runs WHERE status = 'failed'")
        self.assertEqual(len(failed), 2)
        for tcp, exit_code, tail in failed:
            self.assertEqual((tcp, exit_code), ("bogus", 2))
            self.assertIn("--tcp", tail)
        self.assertEqual(self.query("SELECT tcp FROM runs WHERE status = 'done'"), [("handshake",)] * 2)
        self.assertEqual(self.query("SELECT count(*) FROM metrics")[0][0], 2)
        status = self.sweep("status", f"--out={self.out}")
        self.assertRegex(status.stdout, r"failed +2")
        self.assertIn("'bogus' is not a TCP", status.stdout)

    def test_crash_and_exit_without_results(self):
        self.env.update(SWEEP_TEST_CRASH="2", SWEEP_TEST_EXIT0="3")
        spec_path = self.tiny_spec(seeds="3", program=FAKE_SIM)
        result = self.run_spec(spec_path, program=FAKE_SIM, jobs=1)
        self.assertEqual(result.returncode, 1, result.stderr)
        rows = dict((r[0], r[1:]) for r in self.query("SELECT rng_run, status, exit_code, stderr_tail FROM runs"))
        self.assertEqual(rows[1][:2], ("done", 0))
        self.assertEqual(rows[2][:2], ("failed", -signal.SIGSEGV))
        self.assertIn("about to crash", rows[2][2])
        self.assertIn("SIGSEGV", rows[2][2])
        self.assertEqual(rows[3][:2], ("failed", 0))
        self.assertIn("exit 0 but no results.sqlite", rows[3][2])

        skipped = self.run_spec(spec_path, "--skip-failed", program=FAKE_SIM)
        self.assertEqual(skipped.returncode, 1)
        self.assertIn("1 done earlier, 2 failed skipped, 0 to run", skipped.stderr)
        del self.env["SWEEP_TEST_CRASH"], self.env["SWEEP_TEST_EXIT0"]
        retried = self.run_spec(spec_path, program=FAKE_SIM)
        self.assertEqual(retried.returncode, 0, retried.stderr)
        self.assertAllDoneOnce([1, 2, 3])
        self.assertEqual(self.query("SELECT rng_run, attempts FROM runs ORDER BY rng_run"), [(1, 1), (2, 2), (3, 2)])


    def test_timeout(self):
        # The gate never opens: the run cannot end before its timeout, however slow the machine.
        self.env["SWEEP_TEST_GATE"] = os.path.join(self.tmp, "never")
        spec_path = self.tiny_spec(seeds="[2]", program=FAKE_SIM, more="timeout = 1\n")
        result = self.run_spec(spec_path, program=FAKE_SIM)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(self.query("SELECT status, exit_code, stderr_tail FROM runs"),
                         [("failed", -signal.SIGKILL, "killed by SIGKILL\nsweep: timed out after 1 s")])


class CheckTest(SweepTestCase):
    """Before any run, each distinct flag set of the runs to do is checked once by PROGRAM --check
    (issue 20): a refused set launches nothing and is named with the program's line. Here the
    program is fake-sim, whose --check logs its flags and answers from a run of the real one."""

    def setUp(self):
        super().setUp()
        self.log = os.path.join(self.tmp, "checks.log")
        self.env["SWEEP_TEST_CHECK_LOG"] = self.log

    def checks(self):
        """The flags of each --check so far, one string each."""
        if not os.path.exists(self.log):
            return []
        with open(self.log) as stream:
            return stream.read().splitlines()

    def fake_spec(self, grid, seeds="2", more="", flags=TINY_FLAGS):
        return self.spec(f'program = "{FAKE_SIM}"\nseeds = {seeds}\n{more}' + flags + f"[grid]\n{grid}")

    def assertNothingLaunched(self, result, refused, sets):
        """Exit 2, the last line counting the refused sets, and no campaign folder at all."""
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertTrue(result.stderr.endswith(
            f"sweep: {refused} of {sets} flag sets refused by {FAKE_SIM} --check (above); nothing was run\n"),
            result.stderr)
        self.assertFalse(os.path.exists(self.out))

    def test_typo_launches_nothing(self):
        spec_path = self.fake_spec("delay = [10, 50]\n", flags=TINY_FLAGS.replace("clients", "clinets"))
        for backend in ("local", "slurm"):
            with self.subTest(backend=backend):
                result = self.run_spec(spec_path, f"--backend={backend}", program=FAKE_SIM)
                self.assertNothingLaunched(result, 2, 2)
                for delay in (10, 50):  # each set: its values, the program's line, the command
                    self.assertIn(f"sweep: delay={delay} (2 runs): handshake-sim: --clinets: unknown flag",
                                  result.stderr)
                    self.assertIn(f"sweep:   {FAKE_SIM} --clinets=2 --delay={delay} ", result.stderr)
        self.assertEqual(len(self.checks()), 4)  # each of the 2 sets once per attempt, not per seed

    def test_one_refused_set_of_four(self):
        spec_path = self.fake_spec('delay = [10, 50]\ntcp = ["handshake", "bogus"]\n')
        result = self.run_spec(spec_path, program=FAKE_SIM)
        self.assertNothingLaunched(result, 2, 4)
        refused = [line for line in result.stderr.splitlines() if "(2 runs):" in line]
        self.assertEqual(refused, [f"sweep: delay={d} tcp=bogus (2 runs): handshake-sim: --tcp: 'bogus' is not "
                                   f"a TCP here (ns3 or handshake)" for d in (10, 50)])

    def test_valid_spec_runs_each_set_checked_once(self):
        spec_path = self.fake_spec(TINY_GRID, seeds="3")
        result = self.run_spec(spec_path, program=FAKE_SIM)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("sweep: 4 flag sets checked (fake-sim --check): valid\n", result.stderr)
        self.assertIn("12 runs: 12 done, 0 failed, 0 pending", result.stderr)
        self.assertAllDoneOnce(range(12))
        # One check per combination, whatever the seed: sets are the flags without --out and --RngRun.
        checks = self.checks()
        self.assertEqual(len(checks), 4)
        # Each with the RngRun of its set's first run to do (1), so that --check draws what a run draws.
        self.assertEqual(sorted(checks), sorted(
            f"--clients=2 --delay={d} --pcap=none --requests=1 --servers=1 --size=1000 --tcp={t} --RngRun=1"
            for d in (10, 50) for t in ("handshake", "ns3")))

        again = self.run_spec(spec_path, program=FAKE_SIM)  # nothing to do, nothing to check
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("12 done earlier, 0 to run", again.stderr)
        self.assertNotIn("checked", again.stderr)
        self.assertEqual(len(self.checks()), 4)

        # A done run whose folder no longer checks out is to do again: its set alone is checked.
        (run_dir,), = self.query("SELECT run_dir FROM runs WHERE delay = 50 AND tcp = 'ns3' AND rng_run = 2")
        os.remove(os.path.join(self.out, run_dir, "results.sqlite"))
        rerun = self.run_spec(spec_path, program=FAKE_SIM)
        self.assertEqual(rerun.returncode, 0, rerun.stderr)
        self.assertIn("11 done earlier, 1 to run", rerun.stderr)
        self.assertIn("sweep: 1 flag set checked (fake-sim --check): valid\n", rerun.stderr)
        self.assertEqual(self.checks()[4:], [
            "--clients=2 --delay=50 --pcap=none --requests=1 --servers=1 --size=1000 --tcp=ns3 --RngRun=2"])

        # A bad value added to a campaign: refused before the campaign is touched.
        before = self.query("SELECT key, status, attempts FROM runs ORDER BY key")
        bad = self.fake_spec('delay = [10, 50]\ntcp = ["handshake", "ns3", "bogus"]\n', seeds="3")
        refused = self.run_spec(bad, program=FAKE_SIM)
        self.assertEqual(refused.returncode, 2, refused.stderr)
        self.assertIn("2 of 2 flag sets refused", refused.stderr)  # the new sets only: the others are done
        self.assertEqual(self.query("SELECT key, status, attempts FROM runs ORDER BY key"), before)

    def test_checks_run_in_parallel(self):
        # Each check waits until two are running: with --jobs=2 they pass, one at a time they could not.
        self.env.update(SWEEP_TEST_CHECK_BARRIER=os.path.join(self.tmp, "barrier"), SWEEP_TEST_CHECK_PARTIES="2")
        result = self.run_spec(self.fake_spec(TINY_GRID, seeds="1"), program=FAKE_SIM, jobs=2)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(len(os.listdir(os.path.join(self.tmp, "barrier"))), 4)

    def test_program_without_check(self):
        self.env["SWEEP_TEST_NO_CHECK"] = "1"
        spec_path = self.fake_spec("delay = [10, 50]\n")
        for backend in ("local", "slurm"):
            with self.subTest(backend=backend):
                result = self.run_spec(spec_path, f"--backend={backend}", program=FAKE_SIM)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertEqual(result.stderr, f"sweep: {FAKE_SIM} does not take --check (fake-sim: --check: "
                                 "unknown flag (see --PrintHelp)), with which the sweep checks the flags before "
                                 "any run: rebuild it if it is an older handshake-sim, or run without the check "
                                 "(run --no-check, or check = false in the spec); nothing was run\n")
                self.assertFalse(os.path.exists(self.out))
        attempts = len(self.checks())
        result = self.run_spec(spec_path, "--no-check", program=FAKE_SIM)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertAllDoneOnce(range(4))
        unchecked = self.fake_spec("delay = [100]\n", more="check = false\n")
        result = self.run_spec(unchecked, program=FAKE_SIM)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.query("SELECT count(*) FROM runs WHERE status = 'done'")[0][0], 6)
        self.assertEqual(len(self.checks()), attempts)  # neither asked for --check


class VerifyTest(SweepTestCase):
    """A run counts done only while its folder holds that run, whole and as recorded (issue 23):
    its results.sqlite deleted, corrupt or changed, its folder gone, or another run's folder in its
    place, and the run is not done: status says so, and run runs it again."""

    GRID = "delay = [10, 50]\n"

    def setUp(self):
        super().setUp()
        self.spec_path = self.tiny_spec(self.GRID)
        result = self.run_spec(self.spec_path)
        self.assertEqual(result.returncode, 0, result.stderr)

    def folder(self, delay, rng_run):
        (run_dir,), = self.query("SELECT run_dir FROM runs WHERE delay = ? AND rng_run = ?", delay, rng_run)
        return os.path.join(self.out, run_dir)

    def results(self, delay, rng_run):
        return os.path.join(self.folder(delay, rng_run), "results.sqlite")

    def assertHoldsRun(self, delay, rng_run):
        """The run's folder holds that run, complete, and the campaign has its metrics."""
        db = sqlite3.connect(self.results(delay, rng_run))
        try:
            self.assertEqual(db.execute("SELECT rng_run, complete FROM runs").fetchall(), [(rng_run, 1)])
            self.assertIn(f"--delay={delay} ", db.execute("SELECT arguments FROM runs").fetchone()[0])
        finally:
            db.close()
        (key,), = self.query("SELECT key FROM runs WHERE delay = ? AND rng_run = ?", delay, rng_run)
        names = list(metrics.METRICS)
        recorded = self.query(f"SELECT {', '.join(names)} FROM metrics WHERE key = ?", key)
        self.assertEqual(recorded, [tuple(metrics.extract(self.results(delay, rng_run)).values())])

    def assertRerun(self, reason, delay=50, rng_run=2):
        """status no longer counts the run done and says why; run runs it again, and it alone."""
        status = self.sweep("status", f"--out={self.out}")
        self.assertEqual(status.returncode, 0, status.stderr)
        self.assertRegex(status.stdout, r"done +3\n")
        self.assertRegex(status.stdout, r"pending +1\n")
        self.assertIn(reason, status.stdout)
        again = self.run_spec(self.spec_path)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("3 done earlier, 1 to run", again.stderr)
        self.assertIn(reason, again.stderr)
        self.assertAllDoneOnce(range(4))
        self.assertEqual(self.query("SELECT delay, rng_run FROM runs WHERE attempts = 2"), [(delay, rng_run)])
        self.assertHoldsRun(delay, rng_run)
        status = self.sweep("status", f"--out={self.out}")
        self.assertRegex(status.stdout, r"done +4\n")

    def test_results_deleted(self):
        os.remove(self.results(50, 2))
        self.assertRerun("no results.sqlite")

    def test_results_truncated(self):
        with open(self.results(50, 2), "r+b") as stream:
            stream.truncate(os.path.getsize(self.results(50, 2)) // 2)
        self.assertRerun("results.sqlite")

    def test_results_overwritten_with_garbage(self):
        with open(self.results(50, 2), "r+b") as stream:
            stream.seek(4096)
            stream.write(os.urandom(8192))
        self.assertRerun("results.sqlite")

    def test_results_not_a_database(self):
        write(self.results(50, 2), "not a database\n" * 1000)
        self.assertRerun("results.sqlite")

    def test_folder_removed(self):
        shutil.rmtree(self.folder(50, 2))
        self.assertRerun("no folder")

    def test_results_changed_after_recording(self):
        self.change_results(50, 2)
        self.assertRerun("changed since it was recorded")

    def change_results(self, delay, rng_run):
        """Edits the run's results.sqlite in place: still whole, complete and of that run."""
        db = sqlite3.connect(self.results(delay, rng_run))
        with db:
            db.execute("UPDATE metrics SET value = 0 WHERE name = 'handshake_p50'")
        db.close()

    def test_campaign_from_before_digests(self):
        # A campaign written before runs had results_sha256 and refused_sha256: read as it is, and
        # its done runs that check out get their digest from the next runner.
        db = sqlite3.connect(os.path.join(self.out, "campaign.sqlite"))
        for column in ("results_sha256", "refused_sha256"):
            db.execute(f"ALTER TABLE runs DROP COLUMN {column}")
        db.close()
        os.remove(self.results(50, 2))
        status = self.sweep("status", f"--out={self.out}")
        self.assertEqual(status.returncode, 0, status.stderr)
        self.assertRegex(status.stdout, r"done +3\n")
        result = self.run_spec(self.spec_path)
        self.assertIn("3 done earlier, 1 to run", result.stderr)
        self.assertAllDoneOnce(range(4))
        self.assertEqual(self.query("SELECT count(DISTINCT results_sha256) FROM runs")[0][0], 4)

    def test_foreign_folder_not_adopted(self):
        # New pending runs; two of them get a done run's folder: other flags, other RngRun.
        spec_path = self.tiny_spec("delay = [10, 50, 100]\n", seeds="3")
        keys = {(run.swept["delay"], run.rng_run): run.key for run in spec.load(spec_path).runs()}
        runs = os.path.join(self.out, "runs")
        shutil.copytree(self.folder(10, 1), os.path.join(runs, keys[(100, 1)]))
        shutil.copytree(self.folder(50, 2), os.path.join(runs, keys[(50, 3)]))
        status = self.sweep("status", f"--out={self.out}")
        self.assertNotIn("have ended in their folders", status.stdout)
        result = self.run_spec(spec_path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("4 done earlier, 5 to run", result.stderr)
        self.assertAllDoneOnce(range(9))
        for delay, rng_run in ((100, 1), (50, 3)):
            self.assertHoldsRun(delay, rng_run)

    def test_foreign_folder_not_collected(self):
        self.assertEqual(self.run_spec(self.tiny_spec(self.GRID, seeds="3"), "--backend=slurm").returncode, 0)
        (key,), = self.query("SELECT key FROM runs WHERE delay = 50 AND rng_run = 3")
        shutil.copytree(self.folder(50, 2), os.path.join(self.out, "runs", key))
        collected = self.sweep("collect", f"--out={self.out}")
        self.assertEqual(collected.returncode, 0, collected.stderr)
        self.assertEqual(self.query("SELECT status FROM runs WHERE key = ?", key), [("pending",)])

    def test_failed_rerun_leaves_the_finished_folder_alone(self):
        # The folder is whole and of its run but changed since recorded: rerun, and the reruns fail.
        self.change_results(50, 2)
        before = self.snapshot(self.folder(50, 2))
        for failure in ("SWEEP_TEST_CRASH", "SWEEP_TEST_FAIL_AFTER"):
            with self.subTest(failure=failure):
                result = self.run_spec(self.spec_path, program=FAKE_SIM, env=dict(self.env, **{failure: "2"}))
                self.assertEqual(result.returncode, 1, result.stderr)
                self.assertEqual(self.query("SELECT status FROM runs WHERE delay = 50 AND rng_run = 2"),
                                 [("failed",)])
                self.assertEqual(self.snapshot(self.folder(50, 2)), before)
                # A failed run leaves nothing that looks complete: the only results.sqlite files
                # under runs/ are those of the four run folders.
                found = [os.path.dirname(os.path.join(top, name))
                         for top, _, names in os.walk(os.path.join(self.out, "runs"))
                         for name in names if name == "results.sqlite"]
                self.assertEqual(sorted(found), sorted(self.folder(d, s) for d in (10, 50) for s in (1, 2)))
        result = self.run_spec(self.spec_path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertAllDoneOnce(range(4))
        self.assertHoldsRun(50, 2)
        self.assertNotEqual(self.snapshot(self.folder(50, 2)), before)

    @staticmethod
    def snapshot(folder):
        """Every file of folder, path -> bytes."""
        files = {}
        for top, _, names in os.walk(folder):
            for name in names:
                with open(os.path.join(top, name), "rb") as stream:
                    files[os.path.relpath(os.path.join(top, name), folder)] = stream.read()
        return files

    def test_changed_results_rerun_on_slurm(self):
        self.change_results(50, 2)
        result = self.run_spec(self.spec_path, "--backend=slurm")
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(os.path.join(self.out, "slurm", "tasks.txt")) as stream:
            self.assertEqual(len(stream.read().splitlines()), 1)
        task = subprocess.run(["bash", os.path.join(self.out, "slurm", "sweep.sbatch")],
                              env=dict(self.env, SLURM_ARRAY_TASK_ID="0"), capture_output=True, text=True,
                              timeout=PATIENCE_SECONDS)
        self.assertEqual(task.returncode, 0, task.stderr)
        self.assertNotIn("skipped", task.stderr)
        collected = self.sweep("collect", f"--out={self.out}")
        self.assertEqual(collected.returncode, 0, collected.stderr)
        self.assertAllDoneOnce(range(4))
        self.assertHoldsRun(50, 2)


class CorruptCampaignTest(SweepTestCase):
    """A campaign.sqlite that is not a whole database: one line and exit 2 from every command."""

    def test_every_command_says_one_line(self):
        spec_path = self.tiny_spec(TINY_GRID)
        # A campaign without runs: its rows written by the Slurm backend, no program run.
        self.assertEqual(self.run_spec(spec_path, "--backend=slurm", program="/bin/true").returncode, 0)
        path = os.path.join(self.out, "campaign.sqlite")
        with open(path, "rb") as stream:
            whole = stream.read()
        damages = {"garbage": b"not a database\n" * 500, "truncated": whole[:len(whole) // 2],
                   "scrambled": whole[:100] + os.urandom(len(whole) - 100)}
        out = f"--out={self.out}"
        commands = [["run", spec_path, out, "--program=/bin/true"], ["status", out], ["export", out, "--csv"],
                    ["plot", out, "--metric=handshake_p50", "--x=delay"], ["collect", out]]
        for damage, data in damages.items():
            with open(path, "wb") as stream:
                stream.write(data)
            for argv in commands:
                with self.subTest(damage=damage, command=argv[0]):
                    result = self.sweep(*argv)
                    self.assertEqual(result.returncode, 2, result.stderr)
                    lines = result.stderr.strip().splitlines()
                    self.assertEqual(len(lines), 1, result.stderr)
                    self.assertTrue(lines[0].startswith("sweep: "), lines[0])
                    self.assertIn("campaign.sqlite", lines[0])
                    with open(path, "rb") as stream:
                        self.assertEqual(stream.read(), data, "the damaged file is left as it was")


class SlurmTest(SweepTestCase):
    """The Slurm backend, dry: the batch script and tasks, tasks run by hand, collect, resume."""

    def test_array_job(self):
        spec_path = self.tiny_spec(TINY_GRID)
        result = self.run_spec(spec_path, "--backend=slurm", "--array-limit=3", "--sbatch-option=--time=00:05:00")
        self.assertEqual(result.returncode, 0, result.stderr)
        batch, tasks = self.slurm_files()
        self.assertIn("#SBATCH --array=0-7%3\n", batch)
        self.assertIn("#SBATCH --time=00:05:00\n", batch)
        self.assertIn("runs_per_task=1\n", batch)
        self.assertIn("# Task i runs line i+1 of tasks.txt", batch)
        self.assertEqual(len(tasks), 8)
        keys = self.query("SELECT key FROM runs")
        self.assertEqual(len(keys), 8)
        for (key,) in keys:  # one command per run, writing in that run's folder only
            lines = [line for line in tasks if f"--out={self.out}/runs/{key} " in line]
            self.assertEqual(len(lines), 1, key)
            self.assertIn(f"exec --run-dir={self.out}/runs/{key} -- {HANDSHAKE_SIM} ", lines[0])
        self.assertEqual(self.query("SELECT DISTINCT status FROM runs"), [("pending",)])

        for task in (0, 1, 2):
            self.assertEqual(self.run_task(task).returncode, 0)
        status_file = self.task_run_dir(tasks[0]) + "/status.json"
        before = os.stat(status_file).st_mtime_ns
        again = self.run_task(0)  # resume-safe: a finished run is skipped, not run again
        self.assertIn("finished earlier, skipped", again.stderr)
        self.assertEqual(os.stat(status_file).st_mtime_ns, before)

        for _ in range(2):  # idempotent
            collected = self.sweep("collect", f"--out={self.out}")
            self.assertEqual(collected.returncode, 0, collected.stderr)
            self.assertEqual(self.query("SELECT status, count(*) FROM runs GROUP BY status"),
                             [("done", 3), ("pending", 5)])
            self.assertEqual(self.query("SELECT count(*) FROM metrics")[0][0], 3)

        result = self.run_spec(spec_path, "--backend=slurm")
        self.assertEqual(result.returncode, 0, result.stderr)
        batch, rest = self.slurm_files()
        self.assertIn("#SBATCH --array=0-4\n", batch)
        self.assertEqual(len(rest), 5)
        self.assertFalse(set(rest) & set(tasks[:3]))

        no_sbatch = dict(self.env, PATH=self.tmp)
        submitted = self.sweep("run", spec_path, f"--out={self.out}", f"--program={HANDSHAKE_SIM}",
                               "--backend=slurm", "--submit", env=no_sbatch)
        self.assertEqual(submitted.returncode, 1, submitted.stderr)
        self.assertIn("sbatch is not on PATH", submitted.stderr)

    def test_runs_per_task(self):
        # 8 runs, 3 per task: tasks of lines 1-3, 4-6, 7-8. The runs of RngRun 1 (lines 1-4) crash:
        # a failed run does not stop its task's next ones, and the task exits with its code.
        self.env["SWEEP_TEST_CRASH"] = "1"
        spec_path = self.tiny_spec(TINY_GRID, program=FAKE_SIM)
        result = self.run_spec(spec_path, "--backend=slurm", "--runs-per-task=3", program=FAKE_SIM)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("(array of 3 tasks, up to 3 runs each)", result.stderr)
        batch, tasks = self.slurm_files()
        self.assertIn("#SBATCH --array=0-2\n", batch)
        self.assertIn("runs_per_task=3\n", batch)
        self.assertEqual(len(tasks), 8)  # still one line per run
        self.assertEqual([self.run_task(task).returncode for task in (0, 1, 2)], [139, 139, 0])
        beyond = self.run_task(3)
        self.assertEqual(beyond.returncode, 1)
        self.assertIn("tasks.txt has no line 10", beyond.stderr)
        collected = self.sweep("collect", f"--out={self.out}")
        self.assertEqual(collected.returncode, 0, collected.stderr)
        self.assertEqual(self.query("SELECT rng_run, status, count(*) FROM runs GROUP BY 1, 2"),
                         [(1, "failed", 4), (2, "done", 4)])

        # Again: only the 4 failed runs, 2 tasks of them, each run once.
        del self.env["SWEEP_TEST_CRASH"]
        result = self.run_spec(spec_path, "--backend=slurm", "--runs-per-task=3", program=FAKE_SIM)
        self.assertEqual(result.returncode, 0, result.stderr)
        batch, rest = self.slurm_files()
        self.assertIn("#SBATCH --array=0-1\n", batch)
        self.assertEqual(sorted(rest), sorted(tasks[:4]))
        done = {self.task_run_dir(line): os.stat(self.task_run_dir(line) + "/status.json").st_mtime_ns
                for line in tasks[4:]}
        self.assertEqual([self.run_task(task).returncode for task in (0, 1)], [0, 0])
        self.assertEqual(self.sweep("collect", f"--out={self.out}").returncode, 0)
        self.assertAllDoneOnce(range(8))
        self.assertEqual({d: os.stat(d + "/status.json").st_mtime_ns for d in done}, done)

    def test_task_stopped_midway_then_resumed(self):
        # One task of 3 runs, stopped by SIGTERM (scancel, the time limit) while its second run is
        # held at fake-sim's gate: its first run is done, the second failed, the third never started.
        gate = os.path.join(self.tmp, "gate")
        self.env["SWEEP_TEST_GATE"] = gate
        spec_path = self.tiny_spec(seeds="3", program=FAKE_SIM)
        result = self.run_spec(spec_path, "--backend=slurm", "--runs-per-task=3", program=FAKE_SIM)
        self.assertEqual(result.returncode, 0, result.stderr)
        batch, tasks = self.slurm_files()
        self.assertIn("#SBATCH --array=0-0\n", batch)
        task = subprocess.Popen(["bash", os.path.join(self.out, "slurm", "sweep.sbatch")],
                                env=dict(self.env, SLURM_ARRAY_TASK_ID="0"), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
        waited = 0.0
        while not os.path.isdir(gate + ".pids") or not os.listdir(gate + ".pids"):
            self.assertIsNone(task.poll(), "the task ended before the test could stop it")
            self.assertLess(waited, PATIENCE_SECONDS)
            time.sleep(0.05)
            waited += 0.05
        os.killpg(task.pid, signal.SIGTERM)  # Slurm signals the task's processes
        _, stderr = task.communicate(timeout=PATIENCE_SECONDS)
        self.assertEqual(task.returncode, 128 + signal.SIGTERM, stderr)
        self.assertIn("stopped by a signal; the task's later runs stay pending", stderr)
        self.assertFalse(os.path.exists(self.task_run_dir(tasks[2]) + ".attempt"))  # never started

        collected = self.sweep("collect", f"--out={self.out}")
        self.assertEqual(collected.returncode, 0, collected.stderr)
        self.assertEqual(self.query("SELECT rng_run, status, exit_code FROM runs ORDER BY rng_run"),
                         [(1, "done", 0), (2, "failed", -signal.SIGTERM), (3, "pending", None)])
        self.assertIn("stopped by SIGTERM", self.query("SELECT stderr_tail FROM runs WHERE rng_run = 2")[0][0])

        open(gate, "w").close()
        result = self.run_spec(spec_path, "--backend=slurm", "--runs-per-task=3", program=FAKE_SIM)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("1 done earlier, 2 to run", result.stderr)
        batch, rest = self.slurm_files()
        self.assertIn("#SBATCH --array=0-0\n", batch)
        self.assertEqual(rest, tasks[1:])
        first = os.stat(self.task_run_dir(tasks[0]) + "/status.json").st_mtime_ns
        self.assertEqual(self.run_task(0).returncode, 0)
        self.assertEqual(self.sweep("collect", f"--out={self.out}").returncode, 0)
        self.assertAllDoneOnce(range(3))
        self.assertEqual(os.stat(self.task_run_dir(tasks[0]) + "/status.json").st_mtime_ns, first)

    def slurm_files(self):
        with open(os.path.join(self.out, "slurm", "sweep.sbatch")) as stream:
            batch = stream.read()
        with open(os.path.join(self.out, "slurm", "tasks.txt")) as stream:
            tasks = stream.read().splitlines()
        return batch, tasks

    def run_task(self, index):
        """What Slurm does for array task index."""
        return subprocess.run(["bash", os.path.join(self.out, "slurm", "sweep.sbatch")],
                              env=dict(self.env, SLURM_ARRAY_TASK_ID=str(index)), capture_output=True,
                              text=True, timeout=PATIENCE_SECONDS)

    @staticmethod
    def task_run_dir(line):
        return next(part for part in line.split() if part.startswith("--run-dir="))[len("--run-dir="):]


if __name__ == "__main__":
    unittest.main()
