#!/usr/bin/env bash
# Minimizes each target's corpus (`cargo fuzz cmin`), then, where more than
# MAX_FILES (50) files or MAX_BYTES (200 KiB) remain, keeps the inputs a
# greedy set cover picks first: libFuzzer's set-cover merge records every
# input's coverage features, and inputs are kept one at a time, each adding
# the most features not yet covered, until a limit is reached.
# Usage: fuzz/minimize.sh [TARGET...]   (all targets with a corpus by default)
set -euo pipefail
cd "$(dirname "$0")"

MAX_FILES=${MAX_FILES:-50}
MAX_BYTES=${MAX_BYTES:-204800}
SANITIZER=${SANITIZER:-none}
read -ra FLAGS <<<"${FUZZ_FLAGS:-}"  # as in run-all.sh
export RUSTC_BOOTSTRAP=1

if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(find corpus -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort)
fi

cargo fuzz build -s "$SANITIZER" "${FLAGS[@]}"
triple=$(rustc -vV | sed -n 's/^host: //p')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for name in "${targets[@]}"; do
    dir="corpus/$name"
    before=$(find "$dir" -type f | wc -l)
    kept_features="no trim"
    cargo fuzz cmin -s "$SANITIZER" "${FLAGS[@]}" "$name" "$dir" >"$work/$name.cmin.log" 2>&1 || {
        cat "$work/$name.cmin.log" >&2
        exit 1
    }
    after=$(find "$dir" -type f | wc -l)
    bytes=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    if [ "$after" -gt "$MAX_FILES" ] || [ "$bytes" -gt "$MAX_BYTES" ]; then
        # A fresh control file: libFuzzer resumes from an existing one.
        rm -rf "$work/out" "$work/control" && mkdir "$work/out"
        # With -set_cover_merge the control file holds every input's whole
        # feature set ("FT <index> <features...>"), not only its new ones.
        "target/$triple/release/$name" -set_cover_merge=1 -merge_control_file="$work/control" \
            "$work/out" "$dir" >"$work/$name.rank.log" 2>&1
        kept_features=$(python3 - "$work/control" "$MAX_FILES" "$MAX_BYTES" <<'PY'
import os, sys

control, max_files, max_bytes = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = open(control).read().splitlines()
n = int(lines[0])
paths = lines[2 : 2 + n]
features = [set() for _ in paths]
for line in lines[2 + n :]:
    if line.startswith("FT "):
        index, *rest = line.split()[1:]
        features[int(index)] = set(rest)
# Greedy set cover: repeatedly keep the input adding the most features not
# yet covered (the smaller on a tie), within the limits.
covered, kept, used = set(), set(), 0
while len(kept) < max_files:
    best = max(
        (i for i in range(n) if i not in kept and used + os.path.getsize(paths[i]) <= max_bytes),
        key=lambda i: (len(features[i] - covered), -os.path.getsize(paths[i])),
        default=None,
    )
    if best is None or not features[best] - covered:
        break
    kept.add(best)
    covered |= features[best]
    used += os.path.getsize(paths[best])
for i, path in enumerate(paths):
    if i not in kept:
        os.remove(path)
every = set().union(*features)
print(f"{len(covered)} of {len(every)} features kept")
PY
        )
        after=$(find "$dir" -type f | wc -l)
        bytes=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    fi
    printf '%-30s %5d files before, %3d after cmin and trim, %7d bytes (%s)\n' \
        "$name" "$before" "$after" "$bytes" "$kept_features"
done
