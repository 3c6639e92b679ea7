#!/usr/bin/env python3
"""Checks the book's code includes, which mdbook itself does not.

mdbook logs a missing include file and renders nothing in its place, and
renders an empty block for an anchor that does not exist; the build still
succeeds. This script fails (exit status 1) instead, for every
{{#include ...}}, {{#rustdoc_include ...}} and {{#playground ...}} in
book/src/**/*.md:

- the included file must exist;
- an anchor must have exactly one `ANCHOR: name` line and, after it, an
  `ANCHOR_END: name` line in that file;
- a line range must lie within the file;
- the included text must not be empty (blank lines and nested anchor
  markers do not count).

It also checks that every ```rust code block holds nothing but include
directives (so that all Rust in the book is code that `cargo test` runs),
and that every local image exists.

Standard library only. Usage: python3 book/check-includes.py
"""

import re
import sys
from pathlib import Path

BOOK = Path(__file__).resolve().parent
SRC = BOOK / "src"

# The same patterns mdbook uses (mdbook-driver, links preprocessor).
LINK = re.compile(
    r"\\\{\{\#.*\}\}"  # an escaped directive: ignored
    r"|\{\{\s*\#([a-zA-Z0-9_]+)\s+([^}]+)\}\}"
)
ANCHOR_START = re.compile(r"ANCHOR:\s*([\w_-]+)")
ANCHOR_END = re.compile(r"ANCHOR_END:\s*([\w_-]+)")
FENCE = re.compile(r"^\s*(```+|~~~+)\s*([^\s`]*)")
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")

INCLUDE_KINDS = {"include", "rustdoc_include", "playground"}


def line_of(text, index):
    return text.count("\n", 0, index) + 1


def is_marker(line):
    return ANCHOR_START.search(line) or ANCHOR_END.search(line)


def anchored_lines(lines, anchor):
    """The lines between the anchor's markers, or an error message."""
    starts = [i for i, l in enumerate(lines) if (m := ANCHOR_START.search(l)) and m.group(1) == anchor]
    ends = [i for i, l in enumerate(lines) if (m := ANCHOR_END.search(l)) and m.group(1) == anchor]
    if not starts and not ends:
        return None, f"anchor '{anchor}' not found"
    if len(starts) != 1:
        return None, f"anchor '{anchor}' has {len(starts)} 'ANCHOR: {anchor}' lines, expected 1"
    if len(ends) != 1:
        return None, f"anchor '{anchor}' has {len(ends)} 'ANCHOR_END: {anchor}' lines, expected 1"
    if ends[0] < starts[0]:
        return None, f"anchor '{anchor}': ANCHOR_END comes before ANCHOR"
    return [l for l in lines[starts[0] + 1 : ends[0]] if not is_marker(l)], None


def ranged_lines(lines, spec):
    """Lines selected by mdbook's `start:end` syntax (1-based, end inclusive)."""
    parts = spec.split(":", 1)
    try:
        start = int(parts[0]) if parts[0] else 1
        end = int(parts[1]) if len(parts) > 1 and parts[1] else (len(lines) if len(parts) > 1 else start)
    except ValueError:
        return None, f"bad line range '{spec}'"
    if start < 1 or end < start or end > len(lines):
        return None, f"line range {spec} is outside the file's {len(lines)} lines"
    return lines[start - 1 : end], None


def check_directive(md, kind, argument):
    """Returns an error message for one directive, or None."""
    words = argument.split()
    if not words:
        return "no file given"
    target = words[0]
    path_part, _, selector = target.partition(":")
    path = (md.parent / path_part).resolve()
    try:
        shown = path.relative_to(BOOK.parent)
    except ValueError:
        shown = path
    if not path.is_file():
        return f"file not found: {shown}"
    lines = path.read_text(encoding="utf-8").splitlines()
    if kind == "playground" or not selector:
        selected, error = lines, None
    elif re.fullmatch(r"\d*(:\d*)?", selector):
        selected, error = ranged_lines(lines, selector)
    else:
        selected, error = anchored_lines(lines, selector)
    if error:
        return f"{error} in {shown}"
    if not any(l.strip() for l in selected):
        what = f"anchor '{selector}'" if selector else "file"
        return f"{what} of {shown} includes nothing"
    return None


def check_rust_blocks(md, text):
    """Every ```rust block must consist of include directives only."""
    errors = []
    fence = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = FENCE.match(line)
        if fence is None:
            if match:
                language = match.group(2).split(",")[0]
                fence = (match.group(1), language == "rust", number)
            continue
        if match and match.group(1).startswith(fence[0]) and not match.group(2):
            fence = None
            continue
        if fence[1] and line.strip() and not LINK.fullmatch(line.strip()):
            errors.append(
                f"{md.relative_to(BOOK.parent)}:{number}: Rust written in the book rather than "
                f"included from book/snippets (block opened on line {fence[2]})"
            )
    if fence is not None:
        errors.append(f"{md.relative_to(BOOK.parent)}:{fence[2]}: code block never closed")
    return errors


def main():
    if not SRC.is_dir():
        print(f"check-includes: {SRC} not found", file=sys.stderr)
        return 1
    errors = []
    directives = 0
    for md in sorted(SRC.rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        where = md.relative_to(BOOK.parent)
        for match in LINK.finditer(text):
            kind, argument = match.group(1), match.group(2)
            if kind not in INCLUDE_KINDS:
                continue  # an escaped directive, {{#title}}, ...
            directives += 1
            error = check_directive(md, kind, argument)
            if error:
                errors.append(f"{where}:{line_of(text, match.start())}: {{{{#{kind} {argument.strip()}}}}}: {error}")
        errors.extend(check_rust_blocks(md, text))
        for match in IMAGE.finditer(text):
            target = match.group(1)
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            if not (md.parent / target.split("#")[0]).is_file():
                errors.append(f"{where}:{line_of(text, match.start())}: image not found: {target}")
    if errors:
        print("check-includes: the book has broken includes:", file=sys.stderr)
        for error in errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    print(f"check-includes: {directives} includes OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
