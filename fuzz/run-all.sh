#!/usr/bin/env bash
# Runs every fuzz target in turn, N executions each (default 1000000), and
# prints one summary line per target: executions, wall time (and libFuzzer's
# own count of seconds), exec/s, corpus size, and the library sources fuzzed
# (commit, plus a hash of uncommitted changes). Usage: fuzz/run-all.sh [N] [TARGET...]   (all targets by default)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain the
# nightly flags it passes are allowed with RUSTC_BOOTSTRAP=1, set here.
# SANITIZER=address (or another `cargo fuzz -s` value) overrides the default
# `none`: all our code is `forbid(unsafe_code)`, and AddressSanitizer makes
# the curve arithmetic about 4x slower. FUZZ_FLAGS adds flags to every
# `cargo fuzz build` and `run` (for example `--no-trace-compares`, which
# speeds the targets that replay protocol steps: their time is curve
# arithmetic, whose comparisons the fuzzer gains nothing from tracing).
set -uo pipefail
cd "$(dirname "$0")"

N=${1:-1000000}
shift $(($# > 0 ? 1 : 0))
SANITIZER=${SANITIZER:-none}
read -ra FLAGS <<<"${FUZZ_FLAGS:-}"
export RUSTC_BOOTSTRAP=1

# target:max_len. The largest honest message (Ed448) of each target fits
# with room to spare: round-1 package 292 bytes, signing package 564,
# public key package 521, secret share 291, round-1 secret 403. ChillDKG
# (2-of-3): pmsg1 259 bytes, cmsg1 551, certificate 192, recovery data 745,
# accusation about 550; a COCKTAIL msg1 (Ed448) under 1 KiB. COCKTAIL blame
# (Ed448, 2-of-3): attachment 452 bytes, accusation about 950, msg2 1092,
# attachment message 678.
ALL=(
    decode_round1_package:1024
    decode_round2_package:128
    decode_signing_commitments:256
    decode_signing_package:1024
    decode_key_package:512
    decode_public_key_package:1024
    decode_secret_share:1024
    decode_signing_nonces:512
    decode_round1_secret_package:1024
    decode_round2_secret_package:1024
    decode_misc:128
    part2:1024
    part3:256
    sign:1024
    aggregate:1024
    ed448_decode:64
    decode_chilldkg_attachment:512
    decode_chilldkg_accusation:2048
    decode_chilldkg_recovery:2048
    decode_chilldkg_certificate:512
    decode_cocktail:2048
    chilldkg_participant_step1:128
    chilldkg_coordinator_step1:1024
    chilldkg_participant_step2:2048
    chilldkg_coordinator_finalize:256
    chilldkg_participant_finalize:512
    chilldkg_investigate:1024
    chilldkg_participant_blame:1024
    chilldkg_check_attachments:1024
    chilldkg_accusation_verify:2048
    decode_cocktail_attachment:1024
    decode_cocktail_accusation:2048
    cocktail_check_attachments:1024
    cocktail_participant_blame:2048
    cocktail_accusation_verify:2048
)

selected=()
for entry in "${ALL[@]}"; do
    name=${entry%%:*}
    if [ $# -eq 0 ] || printf '%s\n' "$@" | grep -qx "$name"; then
        selected+=("$entry")
    fi
done
if [ ${#selected[@]} -eq 0 ]; then
    echo "no such target: $*" >&2
    exit 2
fi

cargo fuzz build -s "$SANITIZER" "${FLAGS[@]}" || exit 1

# Which library sources a run fuzzed: the commit, and a hash of any
# uncommitted change to the library crates (the tree may be edited while
# the targets run; each target is rebuilt before it starts).
sources() {
    local head diff
    head=$(git -C .. rev-parse --short HEAD 2>/dev/null || echo unknown)
    diff=$(git -C .. diff HEAD -- frost-core frost-ristretto255 frost-ed25519 frost-secp256k1 frost-p256 \
        frost-ed448 tools/fuzz-targets 2>/dev/null | sha256sum | cut -c1-8)
    if [ "$diff" = "$(printf '' | sha256sum | cut -c1-8)" ]; then
        echo "$head"
    else
        echo "$head+$diff"
    fi
}

logs=target/run-all-logs
mkdir -p "$logs"
summary=()
failed=0
for entry in "${selected[@]}"; do
    name=${entry%%:*}
    max_len=${entry##*:}
    mkdir -p "corpus/$name"
    log="$logs/$name.log"
    # Build first, so that the wall time is the fuzzing alone.
    cargo fuzz build -s "$SANITIZER" "${FLAGS[@]}" "$name" >"$log.build" 2>&1 || {
        cat "$log.build" >&2
        exit 1
    }
    src=$(sources)
    start=$(date +%s.%N)
    cargo fuzz run -s "$SANITIZER" "${FLAGS[@]}" "$name" -- \
        -runs="$N" -max_len="$max_len" -timeout=60 -print_final_stats=1 >"$log" 2>&1
    rc=$?
    end=$(date +%s.%N)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    fuzz_s=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    files=$(find "corpus/$name" -type f | wc -l)
    status=ok
    if [ $rc -ne 0 ]; then
        status="CRASH (exit $rc, see $log and artifacts/$name/)"
        failed=1
    fi
    line=$(awk -v n="$name" -v r="${runs:-?}" -v s="$start" -v e="$end" -v f="$files" -v st="$status" \
        -v lf="${fuzz_s:-?}" -v src="$src" \
        'BEGIN { t = e - s; printf "%-30s %10s execs %8.1f s wall (libFuzzer: %s s) %7.0f exec/s  corpus %5d files  src %s  %s", n, r, t, lf, (r ~ /^[0-9]+$/ && t > 0) ? r / t : 0, f, src, st }')
    echo "$line"
    summary+=("$line")
done

echo
echo "summary (N=$N, sanitizer=$SANITIZER, flags: ${FUZZ_FLAGS:-none}):"
printf '%s\n' "${summary[@]}"
exit $failed
