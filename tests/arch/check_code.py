#!/usr/bin/env python3
"""Hidden control flow the build cannot see (issue 10): rules buried in the records hooks a module
constructor hands to its resources, and state smuggled between calls.
  - a lambda given as a hook (`.on_write =`, `.after_write =`, `.present =`, `.on_remove =`,
    `.scope =`, `.filters =`, `.sees =`) longer than 40 lines fails: name the rule and call it;
  - `thread_local` in src/modules fails: pass what a call needs as an argument.
Usage: check_code.py [--root DIR]; prints the violations and "N passed, M failed".
"""
import argparse
import pathlib
import re
import sys

HOOK = re.compile(r"\.(on_write|after_write|present|on_remove|scope|filters|sees)\s*=\s*\[")
LIMIT = 40


def lambda_lines(text: str, start: int) -> int:
    """Lines from the lambda's capture list to its closing brace (strings and chars skipped)."""
    body = text.index("{", start)
    depth, j = 0, body
    while j < len(text):
        ch = text[j]
        if ch in "\"'":
            j += 1
            while j < len(text) and text[j] != ch:
                j += 2 if text[j] == "\\" else 1
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                break
        j += 1
    return text.count("\n", start, j) + 1


def without_comments(text: str) -> str:
    """Comments blanked (newlines kept, so line numbers hold): an apostrophe in "the deal's" must
    not read as a character literal."""
    return re.sub(r"//[^\n]*|/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text,
                  flags=re.S)


def check(root: pathlib.Path):
    problems = []
    for path in sorted((root / "src" / "modules").rglob("*.[ch]pp")):
        if path.name.endswith("_test.cpp"):
            continue
        text = without_comments(path.read_text(encoding="utf-8"))
        rel = path.relative_to(root)
        for m in HOOK.finditer(text):
            n = lambda_lines(text, m.end() - 1)
            if n > LIMIT:
                line = text.count("\n", 0, m.start()) + 1
                problems.append(f"{rel}:{line}: the {m.group(1)} hook is a {n}-line lambda "
                                f"(at most {LIMIT}): name its rules as functions")
        for m in re.finditer(r"\bthread_local\b", text):
            problems.append(f"{rel}: thread_local — pass the value as an argument instead")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=str(pathlib.Path(__file__).resolve().parents[2]))
    problems = check(pathlib.Path(ap.parse_args().root))
    for p in problems:
        print(p)
    print(f"{0 if problems else 1} passed, {1 if problems else 0} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
