#!/usr/bin/env python3
"""mdBook preprocessor: strips the indentation common to all lines of each
fenced code block.

The book's code is included from inside test functions (see book/snippets),
so it arrives indented by four or eight spaces; mdbook keeps that. This
runs after mdbook's own `links` preprocessor, which does the including (see
book.toml), and shifts each block back to the left margin.

Only blocks whose opening fence is at the start of a line are touched (a
fence indented inside a list item belongs to the list). Standard library
only; speaks mdbook's preprocessor protocol on stdin and stdout.
"""

import json
import re
import sys

FENCE = re.compile(r"(`{3,}|~{3,})")


def dedent(lines):
    indents = [len(l) - len(l.lstrip(" ")) for l in lines if l.strip()]
    cut = min(indents, default=0)
    return [l[cut:] if l.strip() else "" for l in lines]


def dedent_blocks(text):
    out = []
    fence = None
    body = []
    for line in text.split("\n"):
        if fence is None:
            out.append(line)
            opening = FENCE.match(line)
            if opening:
                fence, body = opening.group(1), []
            continue
        stripped = line.strip()
        if stripped.startswith(fence) and set(stripped) == {fence[0]}:
            out.extend(dedent(body))
            out.append(line)
            fence = None
        else:
            body.append(line)
    if fence is not None:
        out.extend(body)  # an unclosed block is left as it is
    return "\n".join(out)


def walk(items):
    for item in items:
        if isinstance(item, dict) and "Chapter" in item:
            chapter = item["Chapter"]
            chapter["content"] = dedent_blocks(chapter["content"])
            walk(chapter.get("sub_items", []))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "supports":
        return 0  # plain text processing: fine for every renderer
    _context, book = json.load(sys.stdin)
    walk(book.get("items", []))
    json.dump(book, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
