#!/usr/bin/env python3
"""Migrations already applied are never edited (issue 10): each file's SHA-256 must match the
committed list tests/arch/migrations.sha256. A new migration is added to the list in the same
commit (the failure prints its line); an edited one fails — write a new migration instead.
Usage: check_migrations.py [--root DIR] [--list FILE]; prints problems and "N passed, M failed".
"""
import argparse
import hashlib
import pathlib
import sys


def check(migrations: pathlib.Path, listing: pathlib.Path):
    known = {}
    for line in listing.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split()
            known[name] = digest
    problems = []
    present = set()
    for path in sorted(migrations.glob("*.sql")):
        present.add(path.name)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if path.name not in known:
            problems.append(f"{path.name} is new: add to {listing.name}: {digest}  {path.name}")
        elif known[path.name] != digest:
            problems.append(f"{path.name} was edited after it was applied somewhere: restore it and "
                            "put the change in a new migration")
    for name in sorted(set(known) - present):
        problems.append(f"{name} is listed but gone: a database that applied it cannot be upgraded")
    return problems, len(present)


def main():
    root = pathlib.Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=str(root))
    ap.add_argument("--list", default=str(root / "tests" / "arch" / "migrations.sha256"))
    args = ap.parse_args()
    problems, n = check(pathlib.Path(args.root) / "migrations", pathlib.Path(args.list))
    for p in problems:
        print(p)
    print(f"checked {n} migrations")
    print(f"{0 if problems else 1} passed, {1 if problems else 0} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
