#!/usr/bin/env python3
"""The architecture checks of issue 10 on this tree, and each check run on a fixture tree with
deliberate violations, so a check that stopped finding them fails too.
Prints one line per case and "N passed, M failed"."""
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import check_code  # noqa: E402
import check_migrations  # noqa: E402
import check_owners  # noqa: E402

cases = []


def case(name):
    def register(fn):
        cases.append((name, fn))
        return fn
    return register


@case("this tree: every table has its owner and only the owner writes it")
def owners_here():
    problems, checked = check_owners.check(ROOT)
    assert checked > 50, checked
    assert not problems, "\n".join(problems)


@case("fixture: writes to another module's table (split literals, a records schema), a private "
      "read, a table without owner are found; the owner, the seeder and comments are not")
def owners_fixture():
    problems, _ = check_owners.check(HERE / "fixtures" / "owners")
    assert sorted(problems) == sorted([
        "table orphans has no owner in docs/architecture.md",
        "src/modules/billing/invoices.cpp: billing writes deals, owned by sales",
        "src/modules/billing/invoices.cpp: billing writes mail_outbox, owned by platform/mail",
        "src/modules/billing/invoices.cpp: billing reads settings, which only agency may read",
        "src/modules/billing/schema.cpp: billing writes deals, owned by sales",
    ]), "\n".join(problems)


@case("this tree: no hook lambda over 40 lines, no thread_local in the modules")
def code_here():
    problems = check_code.check(ROOT)
    assert not problems, "\n".join(problems)


@case("fixture: a 45-line hook lambda (a brace in a string inside) and a thread_local are found; "
      "short hooks are not")
def code_fixture():
    problems = check_code.check(HERE / "fixtures" / "code")
    assert problems == [
        "src/modules/orders/orders.cpp:9: the on_write hook is a 45-line lambda (at most 40): "
        "name its rules as functions",
        "src/modules/orders/orders.cpp: thread_local — pass the value as an argument instead",
    ], "\n".join(problems)


@case("fixture: a module that includes another module's header builds only when it names it in USES")
def modules_fixture():
    def build(uses):
        with tempfile.TemporaryDirectory() as tmp:
            src = pathlib.Path(tmp) / "src"
            shutil.copytree(HERE / "fixtures" / "cmake", src)
            configure = subprocess.run(
                ["cmake", "-S", str(src), "-B", str(pathlib.Path(tmp) / "build"), "-G", "Ninja",
                 f"-DRETAINER_CMAKE_DIR={ROOT / 'cmake'}", f"-DA_USES_B={'ON' if uses else 'OFF'}"],
                capture_output=True, text=True)
            assert configure.returncode == 0, configure.stdout + configure.stderr
            return subprocess.run(["cmake", "--build", str(pathlib.Path(tmp) / "build")],
                                  capture_output=True, text=True)
    undeclared = build(False)
    assert undeclared.returncode != 0, undeclared.stdout
    assert "modules/b/b.hpp" in undeclared.stdout + undeclared.stderr, undeclared.stdout
    declared = build(True)
    assert declared.returncode == 0, declared.stdout + declared.stderr


@case("this tree: no applied migration was edited")
def migrations_here():
    problems, n = check_migrations.check(ROOT / "migrations", HERE / "migrations.sha256")
    assert n >= 15, n
    assert not problems, "\n".join(problems)


@case("fixture: an edited, a new and a removed migration are each named")
def migrations_fixture():
    with tempfile.TemporaryDirectory() as tmp:
        dst = pathlib.Path(tmp) / "migrations"
        shutil.copytree(ROOT / "migrations", dst)
        first = sorted(dst.glob("*.sql"))
        first[1].write_text(first[1].read_text(encoding="utf-8") + "\n-- one more line\n", encoding="utf-8")
        first[2].unlink()
        (dst / "9999_next.sql").write_text("SELECT 1;\n", encoding="utf-8")
        problems, _ = check_migrations.check(dst, HERE / "migrations.sha256")
        text = "\n".join(problems)
        assert len(problems) == 3, text
        assert f"{first[1].name} was edited" in text, text
        assert f"{first[2].name} is listed but gone" in text, text
        assert "9999_next.sql is new: add to migrations.sha256: " in text, text


passed = failed = 0
for name, fn in cases:
    try:
        fn()
        print(f"ok   {name}")
        passed += 1
    except AssertionError as e:
        print(f"FAIL {name}: {e}")
        failed += 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
