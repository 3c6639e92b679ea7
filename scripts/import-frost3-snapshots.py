#!/usr/bin/env python3
"""Collect the binary-encoding snapshots that a frost-<suite> 3.0 package ships
(tests/snapshots/*.snap, insta format, one hex line each) into one JSON file
that our snapshot test reads as data.

Usage: scripts/import-frost3-snapshots.py <suite> <output.json>
  e.g. scripts/import-frost3-snapshots.py ristretto255 frost-ristretto255/tests/vectors/frost3-snapshots.json
The package must be in the cargo registry (any `cargo fetch` of the workspace
brings it, as a dev-dependency).
"""
import glob
import json
import os
import sys

suite, out = sys.argv[1], sys.argv[2]
pattern = os.path.expanduser(f"~/.cargo/registry/src/*/frost-{suite}-3.0.0/tests/snapshots/*.snap")
snaps = {}
for path in sorted(glob.glob(pattern)):
    name = os.path.basename(path)
    name = name.removeprefix("serialization_tests__check_").removesuffix("_postcard_serialization.snap")
    with open(path) as f:
        body = f.read().split("---", 2)[2]
    snaps[name] = body.strip()
if not snaps:
    sys.exit(f"no snapshots found at {pattern}")
with open(out, "w") as f:
    json.dump(snaps, f, indent=2, sort_keys=True)
    f.write("\n")
print(f"{len(snaps)} snapshots written to {out}")
