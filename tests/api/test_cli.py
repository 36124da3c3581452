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

    if ctx["backend"] != "sqlite":
        def pg_backup():
            out = server.cli("backup", os.path.join(ctx["workdir"], "pg.dump"))
            assert out.returncode == 0 and "pg_dump" in out.stdout, out
        t.run("backup on PostgreSQL explains pg_dump", pg_backup)
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
