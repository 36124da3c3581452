#!/usr/bin/env python3
"""Every table has one owning module, and only the owner writes it (issue 10).

Reads the owner table of docs/architecture.md ("| `table` | owner | …"), the tables the migrations
create, and the SQL each source folder holds (string literals joined as the compiler joins them):
  - a table created by a migration but missing from the owner table fails;
  - INSERT INTO / UPDATE / DELETE FROM a table, or a records Schema over it (`s.table = "…"`), from
    a folder that does not own it fails — except from the seeder (`**Seeder:** `demo``), which
    fills an empty database in bulk;
  - a table whose notes say "private" may not even be read (FROM / JOIN) by anyone else.
A folder's name: src/modules/X → X, src/platform/X → platform/X, src/app → app.
Usage: check_owners.py [--root DIR]; prints the violations and "N passed, M failed".
"""
import argparse
import pathlib
import re
import sys

ROW = re.compile(r"^\|\s*`([a-z_][a-z0-9_]*)`\s*\|\s*([a-z_/]+)\s*\|(.*)\|\s*$")
SEEDER = re.compile(r"\*\*Seeder:\*\*\s*`([a-z_/]+)`")
CREATE = re.compile(r"CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_]*)", re.I)
WRITE = re.compile(r"\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_][a-z0-9_]*)")
READ = re.compile(r"\b(?:FROM|JOIN)\s+([a-z_][a-z0-9_]*)")
SCHEMA = re.compile(r"\.table\s*=\s*\"([a-z_][a-z0-9_]*)\"")
LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"((?:\s*"(?:[^"\\\n]|\\.)*")*)')
COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)


def owner_table(doc: pathlib.Path):
    owners, private, seeders = {}, set(), set()
    for line in doc.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if m:
            owners[m.group(1)] = m.group(2)
            if "private" in m.group(3):
                private.add(m.group(1))
        for s in SEEDER.finditer(line):
            seeders.add(s.group(1))
    return owners, private, seeders


def folder_of(root: pathlib.Path, path: pathlib.Path):
    parts = path.relative_to(root / "src").parts
    if parts[0] == "modules" and len(parts) > 2:
        return parts[1]
    if parts[0] == "platform" and len(parts) > 2:
        return "platform/" + parts[1]
    if parts[0] == "app":
        return "app"
    return None


def sql_of(text: str):
    """The SQL a C++ file holds: its string literals, adjacent ones joined."""
    text = COMMENT.sub(" ", text)
    out = []
    for m in LITERAL.finditer(text):
        pieces = [m.group(1)] + re.findall(r'"((?:[^"\\\n]|\\.)*)"', m.group(2) or "")
        out.append("".join(pieces))
    return out


def check(root: pathlib.Path):
    problems = []
    owners, private, seeders = owner_table(root / "docs" / "architecture.md")
    created = set()
    for sql in sorted((root / "migrations").glob("*.sql")):
        created.update(CREATE.findall(sql.read_text(encoding="utf-8")))
    for t in sorted(created - set(owners)):
        problems.append(f"table {t} has no owner in docs/architecture.md")
    for t in sorted(set(owners) - created):
        problems.append(f"docs/architecture.md names an owner for {t}, which no migration creates")
    checked = 0
    for path in sorted((root / "src").rglob("*.[ch]pp")):
        if path.name.endswith("_test.cpp"):
            continue
        folder = folder_of(root, path)
        if folder is None:
            continue
        checked += 1
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(root)
        writes = set(SCHEMA.findall(text))
        reads = set()
        for lit in sql_of(text):
            writes.update(WRITE.findall(lit))
            reads.update(READ.findall(lit))
        for t in sorted(writes):
            if t not in owners:
                if t in created:
                    continue  # reported above as ownerless
                continue  # not a table (a word in a message)
            if owners[t] != folder and folder not in seeders:
                problems.append(f"{rel}: {folder} writes {t}, owned by {owners[t]}")
        for t in sorted(reads & private):
            if owners[t] != folder:
                problems.append(f"{rel}: {folder} reads {t}, which only {owners[t]} may read")
    return problems, checked


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=str(pathlib.Path(__file__).resolve().parents[2]))
    args = ap.parse_args()
    problems, checked = check(pathlib.Path(args.root))
    for p in problems:
        print(p)
    print(f"checked {checked} source files")
    print(f"{0 if problems else 1} passed, {1 if problems else 0} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
