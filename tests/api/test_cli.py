"""The command line: usage and exit codes, migrate, user add, backup."""
import os
import sqlite3
import subprocess

from world import PASSWORD


def one_line(text):
    lines = [ln for ln in text.strip().splitlines() if ln.strip() and not ln.startswith("{")]
    return len(lines) == 1, lines


def before_server(t, server, db, ctx):
    def bad_args():
        for args in ([], ["bogus"], ["serve", "--nope", "1"], ["serve", "--listen"], ["user"], ["user", "remove"],
                     ["demo", "--clients", "many"], ["serve", "--listen", "not-an-address"]):
            out = server.cli(*args, db=False)
            assert out.returncode == 2, f"retainer {' '.join(args)}: exit {out.returncode}, want 2\n{out.stderr}"
            assert "usage:" in out.stderr, f"retainer {' '.join(args)}: no usage on stderr: {out.stderr!r}"
        out = server.cli("help", db=False)
        assert out.returncode == 0 and "usage:" in out.stdout, out
    t.run("bad arguments exit 2 with usage on stderr; help exits 0", bad_args)

    def migrate_idempotent():
        first = server.cli("migrate")
        assert first.returncode == 0, f"migrate: {first.returncode} {first.stderr}"
        assert "migrations applied:" in first.stdout, first.stdout
        n = int(first.stdout.split("migrations applied:")[1].split()[0])
        assert n >= 2, f"a fresh database must get every migration, got {n}"
        for _ in range(2):
            again = server.cli("migrate")
            assert again.returncode == 0, again.stderr
            assert "migrations applied: 0" in again.stdout, f"migrate is not idempotent: {again.stdout!r}"
        tables = {r[0] for r in db.query(
            "SELECT name FROM sqlite_master WHERE type = 'table'" if ctx["backend"] == "sqlite" else
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
        for want in ("clients", "users", "services", "time_entries", "audit_log", "schema_migrations"):
            assert want in tables, f"table {want} missing after migrate: {sorted(tables)}"
        v = db.query("SELECT COUNT(*) FROM schema_migrations")
        assert int(v[0][0]) == n, f"schema_migrations has {v}, applied {n}"
    t.run("migrate applies every migration once and is idempotent", migrate_idempotent)

    def user_add_errors():
        out = server.cli("user", "add", "--email", "x@agency.test", "--role", "wizard", stdin=PASSWORD + "\n")
        assert out.returncode == 1, f"bad role: exit {out.returncode}, want 1\n{out.stderr}"
        ok, lines = one_line(out.stderr)
        assert ok and "role" in lines[0], f"bad role must print one line naming the role: {lines}"
        out = server.cli("user", "add", "--email", "x@agency.test", "--role", "owner", stdin="short\n")
        assert out.returncode == 1, f"short password: exit {out.returncode}\n{out.stderr}"
        ok, lines = one_line(out.stderr)
        assert ok and "password" in lines[0], lines
        out = server.cli("user", "add", "--email", "x@agency.test", "--role", "owner", stdin="")
        assert out.returncode == 1, f"no password: exit {out.returncode}\n{out.stderr}"
        out = server.cli("user", "add", "--role", "owner", stdin=PASSWORD + "\n")
        assert out.returncode == 2 and "usage:" in out.stderr, out
        out = server.cli("user", "add", "--email", "c@customer.test", "--role", "client", stdin=PASSWORD + "\n")
        assert out.returncode in (1, 2) and out.returncode != 0, out
        out = server.cli("user", "add", "--email", "no-at-sign", "--role", "owner", stdin=PASSWORD + "\n")
        assert out.returncode in (1, 2), out
        n = db.query("SELECT COUNT(*) FROM users")
        assert int(n[0][0]) == 0, f"failed user add wrote users: {n}"
    t.run("user add: bad role / short password exit 1 with one line, nothing written", user_add_errors)


def with_server(t, server, db, ctx, world):
    def duplicate_user():
        out = server.cli("user", "add", "--email", "OWNER@agency.test", "--role", "owner", stdin=PASSWORD + "\n")
        assert out.returncode == 1, f"duplicate email: exit {out.returncode}\n{out.stderr}"
        ok, lines = one_line(out.stderr)
        assert ok and "already exists" in lines[0], lines
    t.run("user add with an existing email exits 1 with one line", duplicate_user)

    def user_add_while_serving():
        out = server.cli("user", "add", "--email", "cli.head@agency.test", "--role", "head", "--name", "Глава CLI",
                         stdin=PASSWORD + "\r\n")
        assert out.returncode == 0, out.stderr
        s = world.sign_in("cli.head@agency.test", name="cli-head")
        assert s.user["name"] == "Глава CLI" and s.user["role"] == "head", s.user
        out = server.cli("user", "add", "--email", "cli.client@customer.test", "--role", "client",
                         "--client-id", str(world.ids["client_own"]), stdin=PASSWORD + "\n")
        assert out.returncode == 0, out.stderr
        c = world.sign_in("cli.client@customer.test", name="cli-client")
        assert c.user["client_id"] == world.ids["client_own"], c.user
    t.run("user add against a running server; CRLF password; portal user with --client-id", user_add_while_serving)

    def backup_under_writes():
        # Issue 8, medium 7: the online backup restarted whenever the server wrote and never
        # finished at ~575 writes/s, leaving a file that was not a database.
        import threading
        import time
        stop = threading.Event()
        writes = [0]

        def writer():
            s = world.sign_in("owner@agency.test", name="backup-writer")  # a connection of its own
            cid = world.ids["client_lead"]
            while not stop.is_set():
                v = s.get(f"/api/v1/clients/{cid}").json["version"]
                if s.patch(f"/api/v1/clients/{cid}", {"note": f"запись {writes[0]}", "version": v}).status == 200:
                    writes[0] += 1
        if ctx["backend"] == "sqlite":
            # Some 20 MB of history, so a copy takes many steps (the old backup restarted on
            # every write between two of them).
            con = sqlite3.connect(db.path, timeout=30)
            try:
                con.executemany("INSERT INTO audit_log (at, user_id, entity, entity_id, action, after_json) "
                                "VALUES ('2026-01-01T00:00:00Z', NULL, 'bulk', ?, 'create', ?)",
                                [(i, "{\"note\":\"" + "ё" * 200 + "\"}") for i in range(50000)])
                con.commit()
            finally:
                con.close()
        threads = [threading.Thread(target=writer) for _ in range(3)]
        for th in threads:
            th.start()
        time.sleep(1)
        target = os.path.join(ctx["workdir"], "busy-copy." + ("db" if ctx["backend"] == "sqlite" else "dump"))
        started = time.monotonic()
        try:
            out = server.cli("backup", target, timeout=120)
        finally:
            stop.set()
            for th in threads:
                th.join()
        took = time.monotonic() - started
        assert out.returncode == 0, f"backup under writes: exit {out.returncode} {out.stderr}"
        # One pass: about a second here; the old online backup restarted on every write (23 s with
        # three writers, never done at ~575 writes/s).
        assert took < 15, f"backup took {took:.1f} s"
        assert writes[0] > 20, f"only {writes[0]} writes happened meanwhile"
        leftovers = [f for f in os.listdir(ctx["workdir"]) if ".partial-" in f]
        assert not leftovers, leftovers
        if ctx["backend"] == "sqlite":
            con = sqlite3.connect(target)
            try:
                assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            finally:
                con.close()
        else:
            with open(target, "rb") as f:
                assert f.read(5) == b"PGDMP", "not a pg_dump custom-format archive"
    t.run("backup while the server writes: finishes in one pass, a valid copy, no partial file left",
          backup_under_writes)

    if ctx["backend"] != "sqlite":
        def pg_backup_restores():
            import urllib.parse
            target = os.path.join(ctx["workdir"], "pg.dump")
            out = server.cli("backup", target)
            assert out.returncode == 0, f"backup: {out.returncode} {out.stderr}"
            again = server.cli("backup", target)
            assert again.returncode == 1 and "exists" in again.stderr, again
            # Restore into a fresh database the way docs/security.md says, and read it back.
            parts = urllib.parse.urlsplit(ctx["url"])
            restored = parts.path.lstrip("/") + "_restored"
            admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
            url = urllib.parse.urlunsplit(parts._replace(path="/" + restored))
            subprocess.run(["psql", "-X", "-q", admin, "-c", f'CREATE DATABASE "{restored}"'], check=True,
                           capture_output=True)
            try:
                r = subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", "--dbname", url, target],
                                   capture_output=True, text=True)
                assert r.returncode == 0, r.stderr
                m = subprocess.run([server.binary, "migrate", "--db", url], capture_output=True, text=True)
                assert m.returncode == 0 and "migrations applied: 0" in m.stdout, m
                for table in ("clients", "users", "services", "time_entries", "audit_log"):
                    live = db.query(f"SELECT COUNT(*) FROM {table}")[0][0]
                    copy = subprocess.run(["psql", "-X", "-tA", url, "-c", f"SELECT COUNT(*) FROM {table}"],
                                          capture_output=True, text=True, check=True).stdout.strip()
                    assert int(copy) == int(live), (table, copy, live)
            finally:
                subprocess.run(["psql", "-X", "-q", admin, "-c", f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)'],
                               capture_output=True)
        t.run("backup on PostgreSQL: a pg_dump archive that pg_restore turns into the same data", pg_backup_restores)
        return

    def backup():
        target = os.path.join(ctx["workdir"], "copy.db")
        out = server.cli("backup", target)
        assert out.returncode == 0, f"backup: {out.returncode} {out.stderr}"
        con = sqlite3.connect(target)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            copy = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                    for t in ("clients", "users", "services", "time_entries", "audit_log")}
        finally:
            con.close()
        live = {t: int(db.query(f"SELECT COUNT(*) FROM {t}")[0][0]) for t in copy}
        assert copy == live, f"backup {copy} != live {live}"
        m = subprocess.run([server.binary, "migrate", "--db", "sqlite:" + target], capture_output=True, text=True)
        assert m.returncode == 0 and "migrations applied: 0" in m.stdout, m
        out = server.cli("backup", target)
        assert out.returncode == 1, f"backup over an existing file: exit {out.returncode}"
        ok, lines = one_line(out.stderr)
        assert ok and "exists" in lines[0], lines
        out = server.cli("backup")
        assert out.returncode == 2 and "usage:" in out.stderr, out
    t.run("backup PATH writes a consistent SQLite copy; refuses to overwrite", backup)

    def backup_serves():
        """The copy is a working database: a second server starts on it and signs in."""
        import tempfile
        from harness import Server, Session
        target = os.path.join(ctx["workdir"], "copy.db")
        other = Server(server.binary, "sqlite:" + target, tempfile.mkdtemp(prefix="retainer-backup-"))
        other.start()
        try:
            s = Session(other.port)
            r = s.login("owner@agency.test", PASSWORD)
            assert r.status == 200, r
            got = s.get(f"/api/v1/clients/{world.ids['client_own']}")
            assert got.status == 200 and got.json["name"] == "Own Client", got
        finally:
            other.stop()
    t.run("the backup copy serves: a second server signs in and reads", backup_serves)
