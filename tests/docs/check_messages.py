#!/usr/bin/env python3
"""Every text the server can show a person has its Russian in src/modules/texts/messages.cpp.

The API suite catches what it meets at run time (the server logs an "untranslated" line); this
reads the code and catches the rest: each string literal that an error, a field problem or a
page text is made of must be part of an English key of the catalog (a literal may be a piece of
a key with `{}` where the code inserts a value). Prints one line per miss and
`N passed, M failed`.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
CATALOG = ROOT / "src/modules/texts/messages.cpp"

# Calls whose string arguments people read.
CALLS = r"(?:invalid|conflict|bad_request|forbidden|not_found|rate_limited|fail|bad|problem|tr)"
LITERAL = r'"((?:[^"\\\n]|\\.)*)"'
PATTERNS = [
    re.compile(CALLS + r"\(\s*(?:" + LITERAL + r"\s*,\s*)?" + LITERAL),       # f("field", "text")
    re.compile(r"Error\(\s*ErrorKind::\w+\s*,\s*" + LITERAL),                  # Error(kind, "text")
    re.compile(r"(?:errors|fields)\[[^\]]+\]\s*=\s*" + LITERAL),               # errors[x] = "text"
    re.compile(r"\.(?:conflict|error)\s*=\s*" + LITERAL),                     # verdict.conflict = "text"
    re.compile(r"(?<![\w.])return\s+" + LITERAL + r"\s*;"),                    # a problem function
    re.compile(r"(?<![\w.])return\s+where\s*\+\s*" + LITERAL),                 # briefs: where + ": …"
    re.compile(r"error_response\(\s*\d+\s*,\s*" + LITERAL + r"\s*,\s*" + LITERAL),
]
# Literals in those places that are not prose a person reads: codes, SQL, markup.
# A single word is a code or a media type; text without Latin letters is Russian law's own terms
# (document number prefixes, «Без НДС»), printed as they are.
NOT_PROSE = re.compile(r"^\S*$|^[A-Z_ ]+$|[<>{};]|SELECT |^\d|^[^A-Za-z]*$")
SKIP_FILES = ("_test.cpp", "/demo/", "/app/cli.cpp", "/texts/messages.cpp", "/platform/db/",
              "/platform/mail/", "/platform/pdf/", "/reports/zip.cpp", "/reports/xlsx.cpp")


def unescape(s):
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def catalog_keys():
    text = CATALOG.read_text(encoding="utf-8")
    keys = []
    # Each entry: {"english" "continued", "russian"} — adjacent literals are one string.
    for m in re.finditer(r'\{((?:\s*"(?:[^"\\\n]|\\.)*"\s*)+),\s*(?:\s*"(?:[^"\\\n]|\\.)*"\s*)+\}', text):
        parts = re.findall(LITERAL, m.group(1))
        keys.append(unescape("".join(parts)))
    return keys


def main():
    keys = catalog_keys()
    whole = {k: re.compile(".*".join(re.escape(p) for p in k.split("{}")), re.S) for k in keys}
    passed = failed = 0
    seen = set()
    for path in sorted((ROOT / "src").rglob("*.cpp")):
        rel = "/" + str(path.relative_to(ROOT))
        if any(s in rel for s in SKIP_FILES):
            continue
        source = path.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            for m in pattern.finditer(source):
                literal = unescape(m.groups()[-1])
                if NOT_PROSE.search(literal) or (literal, rel) in seen:
                    continue
                seen.add((literal, rel))
                piece = literal.strip()
                # A piece of a key (the code inserts the rest), or a whole text a key's pattern
                # matches ("must be one of: a, b" against "must be one of: {}").
                if any(piece in k or whole[k].fullmatch(literal) for k in keys):
                    passed += 1
                else:
                    failed += 1
                    line = source.count("\n", 0, m.start()) + 1
                    print(f"FAIL {rel[1:]}:{line}: no Russian for {literal!r}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
