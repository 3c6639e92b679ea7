#!/usr/bin/env python3
"""Compares our ChillDKG with the BIP's Python reference, byte for byte.

Usage: scripts/compare-chilldkg.py REFERENCE_CHECKOUT [--sessions T:N,...] [--seed S]

REFERENCE_CHECKOUT is a checkout of
https://github.com/BlockstreamResearch/bip-frost-dkg (its python/ directory
holds the reference; it needs no packages beyond python3). For each (t, n)
the script draws host secret keys, randomness and auxiliary randomness from a
seeded RNG, runs a whole honest session in the reference, runs the same
session with `cargo run -q --release -p frost-vectors -- chilldkg-session`,
and compares every field: host public keys, params hash, all four messages,
every participant's output and recovery data, and the coordinator's.
Exits non-zero on the first difference.
"""

import argparse
import json
import os
import random
import subprocess
import sys

DEFAULT_SESSIONS = "1:1,1:2,2:2,2:5,3:5,4:6,5:9,7:10,1:7,6:6"


def reference_session(chilldkg, t, hostseckeys, randoms, aux_rands):
    """The whole honest session in the reference, as the replay's JSON."""
    hostpubkeys = [chilldkg.hostpubkey_gen(k) for k in hostseckeys]
    params = chilldkg.SessionParams(hostpubkeys, t)
    states1, pmsgs1 = [], []
    for key, rnd in zip(hostseckeys, randoms):
        state, pmsg = chilldkg.participant_step1(key, params, rnd)
        states1.append(state)
        pmsgs1.append(pmsg)
    cstate, cmsg1 = chilldkg.coordinator_step1(pmsgs1, params)
    states2, pmsgs2 = [], []
    for key, state, aux in zip(hostseckeys, states1, aux_rands):
        state2, pmsg2 = chilldkg.participant_step2(key, state, cmsg1, aux)
        states2.append(state2)
        pmsgs2.append(pmsg2)
    cmsg2, coutput, crecovery = chilldkg.coordinator_finalize(cstate, pmsgs2)

    def out(output, recovery):
        return {
            "dkgOutput": {
                "secshare": None if output.secshare is None else output.secshare.hex().upper(),
                "threshPk": output.thresh_pk.hex().upper(),
                "pubshares": [p.hex().upper() for p in output.pubshares],
            },
            "recoveryData": recovery.hex().upper(),
        }

    outputs = [out(*chilldkg.participant_finalize(s, cmsg2)) for s in states2]
    return {
        "hostpubkeys": [k.hex().upper() for k in hostpubkeys],
        "paramsHash": chilldkg.params_hash(params).hex().upper(),
        "pmsgs1": [m.hex().upper() for m in pmsgs1],
        "cmsg1": cmsg1.hex().upper(),
        "pmsgs2": [m.hex().upper() for m in pmsgs2],
        "cmsg2": cmsg2.hex().upper(),
        "participantOutputs": outputs,
        "coordinatorOutput": out(coutput, crecovery),
    }


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        if set(a) != set(b):
            return f"{path}: keys {sorted(a)} != {sorted(b)}"
        for k in a:
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("reference", help="checkout of BlockstreamResearch/bip-frost-dkg")
    ap.add_argument("--sessions", default=DEFAULT_SESSIONS, help="comma-separated t:n pairs")
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()

    sys.path.insert(0, os.path.join(os.path.abspath(args.reference), "python"))
    from chilldkg_ref import chilldkg  # noqa: E402  (the path is only known now)

    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    rng = random.Random(args.seed)
    order = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
    for pair in args.sessions.split(","):
        t, n = (int(x) for x in pair.split(":"))
        hostseckeys = [rng.randrange(1, order).to_bytes(32, "big") for _ in range(n)]
        randoms = [rng.randbytes(32) for _ in range(n)]
        aux_rands = [rng.randbytes(32) for _ in range(n)]
        expected = reference_session(chilldkg, t, hostseckeys, randoms, aux_rands)
        request = {
            "t": t,
            "hostseckeys": [k.hex() for k in hostseckeys],
            "randoms": [r.hex() for r in randoms],
            "auxRands": [a.hex() for a in aux_rands],
        }
        run = subprocess.run(
            ["cargo", "run", "-q", "--release", "-p", "frost-vectors", "--", "chilldkg-session"],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            cwd=repo,
        )
        if run.returncode != 0:
            print(f"t={t} n={n}: frost-vectors failed:\n{run.stderr}", file=sys.stderr)
            return 1
        got = json.loads(run.stdout)
        diff = first_difference(expected, got)
        if diff:
            print(f"t={t} n={n}: DIFFERENT at {diff}", file=sys.stderr)
            return 1
        print(f"t={t} n={n}: identical ({len(run.stdout)} bytes of JSON)")
    print("all sessions identical to the reference")
    return 0


if __name__ == "__main__":
    sys.exit(main())
