#!/usr/bin/env python3
"""Checks docs/openapi.yaml against the routes the server really has.

Runs `<binary> routes` (the route table as JSON) and compares it with the operations under `paths:`
in the OpenAPI file: every served route must be documented, every documented operation must be
served, and no route may lack an access policy. Python stdlib only: the YAML is read line by line,
relying on the layout of docs/openapi.yaml (two-space indents, a path per `  /…:` line under
`paths:`, its methods as `    get:` lines). Prints one line per problem, then "N passed, M failed".
"""
import argparse
import json
import os
import re
import subprocess
import sys

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PATH_LINE = re.compile(r"""^  (?P<q>["']?)(?P<path>/[^"':]*)(?P=q):\s*(#.*)?$""")
METHOD_LINE = re.compile(r"^    (?P<method>[a-z]+):\s*(#.*)?$")


def documented_operations(spec_path):
    """{"METHOD /path", …} from the paths section, plus problems with the file's layout."""
    operations, problems = set(), []
    in_paths, current = False, None
    with open(spec_path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if not line.startswith(" "):  # a top-level key
                in_paths = line.split(":")[0].strip() == "paths"
                current = None
                continue
            if not in_paths:
                continue
            m = PATH_LINE.match(line)
            if m:
                current = m.group("path")
                continue
            if line.startswith("  ") and not line.startswith("   "):
                problems.append(f"{spec_path}:{number}: unexpected line under paths: {line.strip()}")
                current = None
                continue
            m = METHOD_LINE.match(line)
            if m and current:
                method = m.group("method")
                if method in METHODS:
                    op = method.upper() + " " + current
                    if op in operations:
                        problems.append(f"{spec_path}:{number}: {op} documented twice")
                    operations.add(op)
                elif method not in ("parameters", "summary", "description", "servers"):
                    problems.append(f"{spec_path}:{number}: unknown key {method} under {current}")
    return operations, problems


def served_routes(binary):
    """[(operation, access)] from `retainer routes`; log lines around the JSON are ignored."""
    out = subprocess.run([binary, "routes"], capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError(f"{binary} routes exited {out.returncode}: {out.stderr.strip()[:500]}")
    for line in out.stdout.splitlines():
        if line.startswith("["):
            return [(r["method"].upper() + " " + r["path"], r.get("access")) for r in json.loads(line)]
    raise RuntimeError(f"{binary} routes printed no JSON route table")


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True, help="path to the retainer executable")
    parser.add_argument("--spec", default=os.path.join(root, "docs", "openapi.yaml"))
    args = parser.parse_args()

    passed, failed = 0, 0
    try:
        routes = served_routes(args.binary)
        documented, problems = documented_operations(args.spec)
    except (OSError, RuntimeError, ValueError, subprocess.SubprocessError) as e:
        print(f"FAIL: {e}")
        print("0 passed, 1 failed")
        return 1

    for problem in problems:
        print(f"FAIL: {problem}")
        failed += 1
    served = set()
    for op, access in routes:
        served.add(op)
        if access == "unset":
            print(f"FAIL: {op} has no access policy")
            failed += 1
        if op in documented:
            passed += 1
        else:
            print(f"FAIL: {op} is served but missing from {os.path.relpath(args.spec, root)}")
            failed += 1
    for op in sorted(documented - served):
        print(f"FAIL: {op} is documented but the server has no such route")
        failed += 1
    print(f"{len(served)} routes served, {len(documented)} operations documented")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
