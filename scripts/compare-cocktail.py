#!/usr/bin/env python3
"""Checks our COCKTAIL-DKG sessions against an independent implementation.

Usage: scripts/compare-cocktail.py ZF_CHECKOUT [--sessions T:N[:p],...] [--seeds HEX,...]

ZF_CHECKOUT is a checkout of https://github.com/ZcashFoundation/frost at its
`cocktail-dkg` branch (PR #1032), whose test helper
`frost_core::tests::cocktail_dkg::check_cocktail_dkg_test_vectors` runs its
own implementation from a vector file's seed and compares every ephemeral
key, commitment, proof of possession, ciphertext, share, verification share,
the group key, the transcript hash, every signature and the recovery block.
For every suite and seed this script prints our sessions with
`cargo run -q --release -p frost-vectors -- cocktail-session` into one file
in the official schema, writes a small test into the checkout's suite crate
(`tests/ours.rs`, reading the file named by COCKTAIL_CASES) and runs it.
`:p` after a size adds payloads. ZF's implementation refuses t = 1
(frost-core 3's InvalidMinSigners), so sizes start at t = 2.
Exits non-zero on the first disagreement.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

SUITES = {
    # ours: (ciphersuite id, ZF crate, hash expression in that crate's test)
    "ristretto255": ("COCKTAIL(Ristretto255, SHA-512)", "frost-ristretto255", "sha512"),
    "ed25519": ("COCKTAIL(Ed25519, SHA-512)", "frost-ed25519", "sha512"),
    "ed448": ("COCKTAIL(Ed448, SHAKE256)", "frost-ed448", "shake256"),
    "p256": ("COCKTAIL(P-256, SHA-256)", "frost-p256", "sha256"),
    # ZF runs COCKTAIL's secp256k1 suite through its Taproot crate.
    "secp256k1": ("COCKTAIL(secp256k1, SHA-256)", "frost-secp256k1-tr", "sha256"),
}

SUITE_TYPES = {
    "frost-ristretto255": "Ristretto255Sha512",
    "frost-ed25519": "Ed25519Sha512",
    "frost-ed448": "Ed448Shake256",
    "frost-p256": "P256Sha256",
    "frost-secp256k1-tr": "Secp256K1Sha256TR",
}

HASHES = {
    "sha512": "{ use sha2::{Digest, Sha512}; Sha512::digest(data).to_vec() }",
    "sha256": "{ use sha2::{Digest, Sha256}; Sha256::digest(data).to_vec() }",
    "shake256": "{ use sha3::{digest::{ExtendableOutput, Update, XofReader}, Shake256}; "
    "let mut h = Shake256::default(); h.update(data); let mut out = vec![0u8; 64]; "
    "h.finalize_xof().read(&mut out); out }",
}

TEST = """// Written by scripts/compare-cocktail.py of the other repository; not part of this one.
#[test]
fn ours() {{
    let json = std::fs::read_to_string(std::env::var("COCKTAIL_CASES").expect("COCKTAIL_CASES")).expect("read");
    frost_core::tests::cocktail_dkg::check_cocktail_dkg_test_vectors::<{crate}::{suite}, _>(&json, |data: &[u8]| {hash});
}}
"""

DEFAULT_SESSIONS = "2:2,2:4:p,3:4,4:9,5:5:p,6:11"
DEFAULT_SEEDS = "00" * 31 + "01," + "5eed" * 16 + "," + "deadbeef" * 4


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout")
    parser.add_argument("--sessions", default=DEFAULT_SESSIONS)
    parser.add_argument("--seeds", default=DEFAULT_SEEDS)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sessions = []
    for item in args.sessions.split(","):
        parts = item.split(":")
        sessions.append((int(parts[0]), int(parts[1]), len(parts) > 2 and parts[2] == "p"))
    seeds = args.seeds.split(",")
    subprocess.run(["cargo", "build", "-q", "--release", "-p", "frost-vectors"], cwd=root, check=True)
    tool = os.path.join(root, "target", "release", "frost-vectors")
    work = tempfile.mkdtemp(prefix="compare-cocktail-")
    checked = 0
    for suite, (cid, crate, hash_name) in SUITES.items():
        test = os.path.join(args.checkout, crate, "tests", "ours.rs")
        with open(test, "w") as f:
            f.write(TEST.format(crate=crate.replace("-", "_"), suite=SUITE_TYPES[crate], hash=HASHES[hash_name]))
        for seed in seeds:
            cases = []
            for t, n, payloads in sessions:
                cmd = [tool, "cocktail-session", "--suite", suite, "--t", str(t), "--n", str(n), "--seed", seed]
                if payloads:
                    cmd.append("--payloads")
                cases.append(json.loads(subprocess.check_output(cmd)))
            path = os.path.join(work, f"{suite}-{seed[:8]}.json")
            with open(path, "w") as f:
                json.dump({"ciphersuite": cid, "seed": seed, "vectors": cases}, f)
            run = subprocess.run(
                ["cargo", "test", "-q", "--release", "--features", "cocktail-dkg", "-p", crate, "--test", "ours"],
                cwd=args.checkout,
                env=dict(os.environ, COCKTAIL_CASES=path),
                capture_output=True,
                text=True,
            )
            if run.returncode != 0:
                print(run.stdout[-4000:], run.stderr[-4000:], sep="\n")
                print(f"DIFFERENCE: {suite}, seed {seed} ({path})")
                sys.exit(1)
            checked += len(cases)
            print(f"{suite} seed {seed[:8]}...: {len(cases)} sessions agree")
    print(f"all {checked} sessions agree")


if __name__ == "__main__":
    main()
