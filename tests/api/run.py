#!/usr/bin/env python3
"""Retainer API tests: black-box HTTP tests against the real binary on SQLite or PostgreSQL.

    python3 tests/api/run.py --binary build/ci/retainer --backend sqlite
    scripts/with-postgres.sh python3 tests/api/run.py --binary build/ci/retainer --backend postgresql

Builds its own fixtures (CLI + API, no `retainer demo`) in a fresh database, starts `retainer serve`
on a free port and prints one line per failure (all lines with -v); the last line is
`N passed, M failed`. Exit status 1 on any failure. With --record FILE every HTTP exchange is also
written to FILE for the contract check (tests/contract/check.mjs, docs/contract-tests.md).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import harness  # noqa: E402
from harness import Database, Runner, Server  # noqa: E402
from world import World  # noqa: E402
from smtp_sink import SmtpSink  # noqa: E402
import test_access  # noqa: E402
import test_cli  # noqa: E402
import test_crud  # noqa: E402
import test_dashboard  # noqa: E402
import test_reports  # noqa: E402
import test_sales  # noqa: E402
import test_documents  # noqa: E402
import test_document_layouts  # noqa: E402
import test_http  # noqa: E402
import test_paperwork  # noqa: E402
import test_lists  # noqa: E402
import test_i18n  # noqa: E402
import test_jobs  # noqa: E402
import test_timer  # noqa: E402
import test_scope  # noqa: E402
import test_security  # noqa: E402
import test_validation  # noqa: E402


def postgres_database(base_url):
    """Creates a fresh database on the throwaway server; returns (url, drop function)."""
    name = f"retainer_api_{os.getpid()}_{int(time.time())}"
    parts = urllib.parse.urlsplit(base_url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    out = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", admin, "-c",
                          f'CREATE DATABASE "{name}"'], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"cannot create database {name}: {out.stderr.strip()}")
    url = urllib.parse.urlunsplit(parts._replace(path="/" + name))

    def drop():
        subprocess.run(["psql", "-X", "-q", admin, "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'],
                       capture_output=True, text=True)
    return url, drop


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every passing check too")
    ap.add_argument("-k", dest="only", default="", help="run only suites whose name contains this")
    ap.add_argument("--keep", action="store_true", help="keep the temp directory (server log, db)")
    ap.add_argument("--record", metavar="FILE", default=os.environ.get("RETAINER_API_RECORD", ""),
                    help="write every HTTP exchange to FILE (JSON Lines) for tests/contract/check.mjs; "
                         "also set by RETAINER_API_RECORD")
    args = ap.parse_args()

    binary = os.path.abspath(args.binary)
    runner = Runner(verbose=args.verbose)
    started = time.time()
    workdir = tempfile.mkdtemp(prefix="retainer-api-")
    if args.record:
        harness.EXCHANGE_LOG.open(args.record)
    drop = None
    server = None
    db = None
    try:
        if not os.access(binary, os.X_OK):
            runner.fail("setup", f"no executable at {binary}")
            return finish(runner, started)
        if args.backend == "sqlite":
            url = "sqlite:" + os.path.join(workdir, "api.db")
        else:
            base = os.environ.get("RETAINER_TEST_PG")
            if not base:
                runner.fail("setup", "RETAINER_TEST_PG is not set (run under scripts/with-postgres.sh)")
                return finish(runner, started)
            url, drop = postgres_database(base)
        sink = SmtpSink()
        server = Server(binary, url, workdir, ["--smtp", f"smtp://127.0.0.1:{sink.port}",
                                               "--mail-from", "robot@agency.test"])
        db = Database(args.backend, url)
        ctx = {"backend": args.backend, "binary": binary, "workdir": workdir, "url": url, "smtp": sink}

        def suite(name, fn, *extra):
            if args.only and args.only not in name:
                return
            runner.prefix = name + ": "
            t0 = time.time()
            try:
                fn(runner, *extra)
            except Exception as e:  # noqa: BLE001
                import traceback
                runner.fail("suite aborted", f"{type(e).__name__}: {e}\n{traceback.format_exc(limit=6)}")
            print(f"--- {name} done in {time.time() - t0:.1f}s", flush=True)
            runner.prefix = ""

        # CLI checks that need no server (migrate runs first: the server then finds the schema).
        suite("cli", test_cli.before_server, server, db, ctx)
        # The server's morning reminder job must not race the tests: only `retainer remind` (which
        # ignores the hour) sends the digest here.
        server.cli("migrate")
        db.execute("UPDATE settings SET value = '24' WHERE key = 'reminder_digest_hour'")
        server.start()
        world = World(server, db)
        runner.prefix = "fixtures: "
        if not runner.run("build the fixture agency through the API", world.build):
            print(server.tail_log(), file=sys.stderr)
            return finish(runner, started)
        runner.prefix = ""
        suite("crud", test_crud.run, world)
        suite("lists", test_lists.run, world)
        suite("validation", test_validation.run, world)
        suite("access", test_access.run, world)
        suite("security", test_security.run, world)
        suite("scope", test_scope.run, world)
        suite("portal", test_scope.run_portal, world)
        suite("i18n", test_i18n.run, world)
        suite("timer", test_timer.run, world)
        suite("dashboard", test_dashboard.run, world)
        suite("accounts-today", test_dashboard.run_accounts_today, world)
        suite("reports", test_reports.run, world)
        suite("sales", test_sales.run, world)
        # Before documents: that suite ends by tripping the /d/ miss limit for 127.0.0.1.
        suite("paperwork", test_paperwork.run, world, sink)
        suite("document-layouts", test_document_layouts.run, world)
        suite("documents", test_documents.run, world)
        suite("jobs", test_jobs.run, world)
        suite("http", test_http.run, world, ctx)
        suite("cli-live", test_cli.with_server, server, db, ctx, world)
        runner.prefix = "headers: "
        runner.expect("every response carried X-Request-Id and the security headers",
                      not harness.HEADER_AUDIT.problems,
                      "; ".join(harness.HEADER_AUDIT.problems))
        runner.prefix = "shutdown: "
        rc = server.stop()
        runner.expect("SIGTERM stops the server with exit status 0", rc == 0, f"exit status {rc}")
        runner.prefix = ""
        suite("jobs-processes", test_jobs.run_processes, server, db, workdir)
        runner.prefix = "shutdown: "
        log = server.tail_log(200000)
        whole_log = server.tail_log(10**9)
        untranslated = sorted({ln for ln in whole_log.splitlines() if '"untranslated"' in ln})
        runner.expect("every text the server answered with has its Russian (modules/texts)", not untranslated,
                      "\n".join(untranslated[:40]))
        for bad in ("ERROR: AddressSanitizer", "runtime error:", '"error":'):
            runner.expect(f"server log has no {bad!r}", bad not in log,
                          next((ln for ln in log.splitlines() if bad in ln), "")[:500])
    finally:
        if args.record:
            print(f"recorded {harness.EXCHANGE_LOG.count} exchanges in {args.record}")
            harness.EXCHANGE_LOG.close()
        if server:
            server.stop()
        if db:
            db.close()
        if drop:
            drop()
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return finish(runner, started)


def finish(runner, started):
    print(f"API tests finished in {time.time() - started:.1f}s")
    print(f"{runner.passed} passed, {runner.failed} failed")
    return 1 if runner.failed else 0


if __name__ == "__main__":
    sys.exit(main())
