#!/usr/bin/env bash
# The scale run (a benchmark, not a test): a 100-participant DKG, then a
# 67-of-100 signature with 33 signers dead, every participant its own
# `frost` process on loopback. Reports each phase's wall time, the relay's
# peak memory (VmHWM) and the bytes through the relay.
#
#   tools/scale-run.sh [N] [T] [SUITE]      (default 100 67 secp256k1-tr)
#
# Builds frost-cli in release first. Linux only (reads /proc). Uses
# FROST_TEST_ARGON2=fast: the passphrase hashing of a real deployment would
# add about a second per `frost init` and per process that opens a key.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100}
T=${2:-67}
SUITE=${3:-secp256k1-tr}

cargo build --release -q -p frost-cli
BIN="$PWD/target/release/frost"
WORK=$(mktemp -d /tmp/frost-scale.XXXXXX)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
export FROST_PASSPHRASE=scale FROST_TEST_ARGON2=fast
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { print b - a }'; }

"$BIN" relay --listen 127.0.0.1:0 --report-traffic >"$WORK/relay.out" 2>"$WORK/relay.err" &
RELAY=$!
PIDS+=("$RELAY")
for _ in $(seq 100); do grep -q listening "$WORK/relay.out" 2>/dev/null && break; sleep 0.1; done
ADDR=$(sed -n 's/^listening on //p' "$WORK/relay.out")

start=$(now)
INIT=()
for i in $(seq 0 $((N - 1))); do
    "$BIN" init --state "$WORK/p$i" --suite "$SUITE" >"$WORK/p$i.pub" 2>/dev/null &
    INIT+=($!)
done
for p in "${INIT[@]}"; do wait "$p"; done
for i in $(seq 0 $((N - 1))); do cat "$WORK/p$i.pub"; done >"$WORK/participants.txt"
t_init=$(since "$start")

start=$(now)
DKG=()
for i in $(seq 0 $((N - 1))); do
    "$BIN" dkg --state "$WORK/p$i" --relay "$ADDR" --threshold "$T" \
        --participants "$WORK/participants.txt" --timeout 600 >"$WORK/dkg$i.out" 2>"$WORK/dkg$i.err" &
    DKG+=($!)
done
for p in "${DKG[@]}"; do wait "$p"; done
t_dkg=$(since "$start")
KEY=$(sed -n 's/^group key: //p' "$WORK/dkg0.out")
[ -n "$KEY" ] || { echo "the DKG failed:"; cat "$WORK/dkg0.err"; exit 1; }

# T signers serve; the other N - T never come (dead).
start=$(now)
SIGNERS=()
for i in $(seq 0 $((T - 1))); do
    "$BIN" sign --state "$WORK/p$i" --relay "$ADDR" --yes --once >/dev/null 2>"$WORK/sign$i.err" &
    SIGNERS+=($!)
    PIDS+=($!)
done
for i in $(seq 0 $((T - 1))); do
    for _ in $(seq 600); do grep -q "serving" "$WORK/sign$i.err" 2>/dev/null && break; sleep 0.1; done
done
t_signers=$(since "$start")

printf 'a 67-of-100 signature' >"$WORK/msg"
start=$(now)
"$BIN" request --state "$WORK/p0" --relay "$ADDR" --group "$KEY" --message-file "$WORK/msg" \
    --signature-out "$WORK/sig" --timeout 600 >"$WORK/request.out" 2>"$WORK/request.err"
t_request=$(since "$start")
for p in "${SIGNERS[@]}"; do wait "$p"; done
"$BIN" verify --suite "$SUITE" --group "$KEY" --message-file "$WORK/msg" --signature "$(cat "$WORK/sig")" >/dev/null
sleep 1.5 # the relay reports its traffic once a second
hwm=$(awk '/VmHWM/ {print $2, $3}' "/proc/$RELAY/status")
traffic=$(grep "traffic:" "$WORK/relay.err" | tail -1 | sed 's/^relay: traffic: //')

echo "scale run: $N participants, $T-of-$N on $SUITE, $((N - T)) signers dead, loopback, release"
printf '  %-40s %8.2f s\n' "frost init x $N (FROST_TEST_ARGON2=fast)" "$t_init"
printf '  %-40s %8.2f s\n' "frost dkg, $N processes at once" "$t_dkg"
printf '  %-40s %8.2f s\n' "$T signers up (frost sign)" "$t_signers"
printf '  %-40s %8.2f s\n' "frost request (ROAST, to the signature)" "$t_request"
echo "  $(grep '^ROAST sessions' "$WORK/request.out")"
echo "  relay peak memory (VmHWM): $hwm"
echo "  bytes through the relay: $traffic"
echo "  the signature verifies (frost verify)"
