//! `frost sign` and `frost request` as separate processes on loopback: a
//! 3-of-5 group of every suite signs through ROAST, checked by `frost
//! verify` and by independent verifiers (OpenSSL's command line for Ed25519
//! and Ed448, k256's BIP340 verifier for Taproot); silent and cheating
//! signers are routed around, a tampering relay is detected and named.
//!
//! Every child is killed when its guard drops, and every wait is bounded.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// `frost sign --yes --once` in each directory; `tweak(i, cmd)` may change
/// participant i's command.
fn spawn_signers(
    scratch: &Scratch,
    dirs: &[PathBuf],
    relay: &str,
    name: &str,
    tweak: impl Fn(usize, &mut Command),
) -> Vec<Proc> {
    dirs.iter()
        .enumerate()
        .map(|(i, dir)| {
            let mut cmd = frost();
            cmd.args(["sign", "--yes", "--once", "--relay", relay, "--state"])
                .arg(dir);
            tweak(i, &mut cmd);
            Proc::spawn(cmd, &scratch.0, &format!("{name}-sign{i}"))
        })
        .collect()
}

/// `frost request` from `dir`, started; the signature goes to `{name}.sig`.
fn spawn_request(
    scratch: &Scratch,
    dir: &Path,
    relay: &str,
    key: &str,
    message: &[u8],
    name: &str,
    extra: &[&str],
) -> Proc {
    let msg = scratch.path(&format!("{name}.msg"));
    std::fs::write(&msg, message).unwrap();
    let mut cmd = frost();
    cmd.args([
        "request",
        "--relay",
        relay,
        "--group",
        key,
        "--timeout",
        "100",
        "--state",
    ])
    .arg(dir)
    .arg("--message-file")
    .arg(&msg)
    .arg("--signature-out")
    .arg(scratch.path(&format!("{name}.sig")))
    .args(extra);
    Proc::spawn(cmd, &scratch.0, name)
}

/// The signature a request wrote (hex), or an empty string.
fn written_signature(scratch: &Scratch, name: &str) -> String {
    std::fs::read_to_string(scratch.path(&format!("{name}.sig")))
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// `frost request` from `dir`; returns the output and the signature (hex).
fn request(
    scratch: &Scratch,
    dir: &Path,
    relay: &str,
    key: &str,
    message: &[u8],
    name: &str,
    extra: &[&str],
) -> (Output, String) {
    let out = spawn_request(scratch, dir, relay, key, message, name, extra).wait();
    (out, written_signature(scratch, name))
}

/// The line of the requester's output that starts with `label: `.
fn line<'a>(out: &'a Output, label: &str) -> &'a str {
    out.stdout
        .lines()
        .find_map(|l| l.strip_prefix(label).and_then(|l| l.strip_prefix(": ")))
        .unwrap_or_else(|| panic!("no {label:?} line: {out:?}"))
}

/// OpenSSL's command line on an Ed25519 or Ed448 signature, through the
/// helper the suite crates' tests use.
fn openssl_verifies(suite: &str, key: &str, message: &[u8], signature: &str) -> bool {
    // SubjectPublicKeyInfo: the algorithm's OID (RFC 8410), then the key.
    let prefix = match suite {
        "ed25519" => "302a300506032b6570032100",
        "ed448" => "3043300506032b6571033a00",
        other => panic!("no OpenSSL check for {other}"),
    };
    let (prefix, key, signature) = (
        hex::decode(prefix).unwrap(),
        hex::decode(key).unwrap(),
        hex::decode(signature).unwrap(),
    );
    frost_core::testing::cocktail::openssl_verifies(&prefix, &key, message, &signature)
        .expect("OpenSSL could not check (.ci/run installs it)")
}

/// BIP340 and BIP341 from k256 and sha2 directly, not through the crates
/// under test.
mod bip340 {
    use k256::elliptic_curve::PrimeField;
    use k256::elliptic_curve::group::GroupEncoding;
    use k256::elliptic_curve::point::AffineCoordinates;
    use k256::{CompressedPoint, FieldBytes, ProjectivePoint, Scalar};
    use sha2::{Digest, Sha256};

    /// The key-path output key `x(lift_x(x) + hash_TapTweak(x) * G)`.
    pub fn key_path_output(x: [u8; 32]) -> [u8; 32] {
        let tag = Sha256::digest(b"TapTweak");
        let t: [u8; 32] = Sha256::new()
            .chain_update(tag)
            .chain_update(tag)
            .chain_update(x)
            .finalize()
            .into();
        let t = Option::<Scalar>::from(Scalar::from_repr(FieldBytes::from(t))).expect("t < n");
        let mut sec1 = [0x02u8; 33];
        sec1[1..].copy_from_slice(&x);
        let p = Option::<ProjectivePoint>::from(ProjectivePoint::from_bytes(&CompressedPoint::from(sec1)))
            .expect("x on the curve");
        (p + ProjectivePoint::GENERATOR * t).to_affine().x().into()
    }

    /// k256's BIP340 verifier.
    pub fn verifies(x_only: [u8; 32], message: &[u8], signature: &str) -> bool {
        let key = k256::schnorr::VerifyingKey::from_bytes(&FieldBytes::from(x_only)).expect("x-only key");
        let bytes = hex::decode(signature).unwrap();
        let Ok(signature) = k256::schnorr::Signature::try_from(&bytes[..]) else {
            return false;
        };
        key.verify_raw(message, &signature).is_ok()
    }
}

/// A 3-of-5 group of `suite`: the directories and the group key.
fn group(scratch: &Scratch, relay: &str, prefix: &str, suite: &str) -> (Vec<PathBuf>, String) {
    let (dirs, file) = init_group(scratch, prefix, suite, 5);
    let key = assert_same_group(&run_dkg(scratch, &dirs, relay, 3, &file, &[]));
    (dirs, key)
}

/// Participant 1 asks while it also serves: `frost sign` and `frost request`
/// from the same directory at once.
#[test]
fn a_3_of_5_signature_on_every_suite_checked_independently() {
    let scratch = Scratch::new("sign-suites");
    let relay = start_relay(&scratch, "relay", &[]);
    for suite in ["ed25519", "ed448", "p256", "ristretto255", "secp256k1", "secp256k1-tr"] {
        let (dirs, key) = group(&scratch, &relay.addr, suite, suite);
        let message = format!("pay 1 coin on {suite}").into_bytes();
        let signers = spawn_signers(&scratch, &dirs, &relay.addr, suite, |_, _| {});
        let (out, signature) = request(&scratch, &dirs[0], &relay.addr, &key, &message, suite, &[]);
        assert_eq!(out.code(), 0, "{out:?}");
        assert_eq!(line(&out, "flagged"), "none", "{out:?}");
        assert_eq!(line(&out, "signers").matches("participant ").count(), 3, "{out:?}");
        for s in wait_all(signers) {
            assert_eq!(s.code(), 0, "{s:?}");
            assert!(s.stderr.contains("from:    participant 1 ("), "{s:?}");
            assert!(s.stderr.contains(&format!("pay 1 coin on {suite}")), "{s:?}");
        }
        assert_eq!(
            frost_verify(&scratch, suite, &key, &message, &signature, &[]),
            0,
            "{suite}"
        );
        assert_eq!(
            frost_verify(&scratch, suite, &key, b"another", &signature, &[]),
            1,
            "{suite}"
        );
        match suite {
            "ed25519" | "ed448" => {
                assert!(openssl_verifies(suite, &key, &message, &signature), "{suite}");
                assert!(!openssl_verifies(suite, &key, b"another", &signature), "{suite}");
            }
            "secp256k1-tr" => {
                let x: [u8; 32] = hex::decode(&key[2..]).unwrap().try_into().unwrap();
                assert!(bip340::verifies(x, &message, &signature));
                assert_eq!(line(&out, "verifies under"), &key[2..]);
                // Key-path tweaked: under the BIP341 output key only.
                let signers = spawn_signers(&scratch, &dirs, &relay.addr, "tr-keypath", |_, _| {});
                let (out, tweaked) = request(
                    &scratch,
                    &dirs[0],
                    &relay.addr,
                    &key,
                    &message,
                    "tr-keypath",
                    &["--tweak", "key-path"],
                );
                assert_eq!(out.code(), 0, "{out:?}");
                for s in wait_all(signers) {
                    assert!(s.stderr.contains("tweak:   key-path"), "{s:?}");
                }
                let q = bip340::key_path_output(x);
                assert_eq!(line(&out, "verifies under"), hex::encode(q));
                assert!(bip340::verifies(q, &message, &tweaked));
                assert!(!bip340::verifies(x, &message, &tweaked));
                let tweak = ["--tweak", "key-path"];
                assert_eq!(frost_verify(&scratch, suite, &key, &message, &tweaked, &tweak), 0);
                assert_eq!(frost_verify(&scratch, suite, &key, &message, &tweaked, &[]), 1);
                let root = ["--tweak", "merkle-root", &"5a".repeat(32)];
                assert_eq!(frost_verify(&scratch, suite, &key, &message, &tweaked, &root), 1);
            }
            _ => {}
        }
    }
}

/// The names in a "participant 1 (…), participant 4 (…)" list.
fn numbers(list: &str) -> Vec<usize> {
    list.split("participant ")
        .skip(1)
        .map(|p| p.split(' ').next().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn silent_cheating_and_outside_requesters() {
    let scratch = Scratch::new("sign-faults");
    let relay = start_relay(&scratch, "relay", &[]);
    let (dirs, key) = group(&scratch, &relay.addr, "p", "ed25519");

    // n - t = 2 signers killed before they answer: ROAST needs no timeout.
    let mut signers = spawn_signers(&scratch, &dirs, &relay.addr, "killed", |_, _| {});
    for s in &signers[3..] {
        s.wait_for_stderr("serving signing requests");
    }
    for s in signers.drain(3..) {
        drop(s);
    }
    let (out, signature) = request(&scratch, &dirs[0], &relay.addr, &key, b"two are gone", "killed", &[]);
    assert_eq!(out.code(), 0, "{out:?}");
    assert_eq!(numbers(line(&out, "signers")), [1, 2, 3], "{out:?}");
    assert_eq!(numbers(line(&out, "no answer")), [4, 5], "{out:?}");
    assert_eq!(line(&out, "flagged"), "none", "{out:?}");
    assert_eq!(
        frost_verify(&scratch, "ed25519", &key, b"two are gone", &signature, &[]),
        0
    );
    wait_all(signers);
    // When 4 and 5 come back, the finished request waits in their mailbox,
    // with the requester's Done, and so does a new request that needs them
    // (only 1 is up besides): with --once they answer both, learn that the
    // first is over, and exit only when the second is done too.
    let one = spawn_signers(&scratch, &dirs[..1], &relay.addr, "one", |_, _| {});
    one[0].wait_for_stderr("serving signing requests");
    let asking = spawn_request(&scratch, &dirs[0], &relay.addr, &key, b"needs 4 and 5", "back", &[]);
    asking.wait_for_stderr("sent to the");
    let back = spawn_signers(&scratch, &dirs[3..], &relay.addr, "back", |_, _| {});
    let out = asking.wait();
    assert_eq!(out.code(), 0, "{out:?}");
    assert_eq!(numbers(line(&out, "signers")), [1, 4, 5], "{out:?}");
    let sig = written_signature(&scratch, "back");
    assert_eq!(frost_verify(&scratch, "ed25519", &key, b"needs 4 and 5", &sig, &[]), 0);
    for s in wait_all(back) {
        assert_eq!(s.code(), 0, "{s:?}");
        assert!(
            s.stderr.contains("two are gone") && s.stderr.contains("needs 4 and 5"),
            "{s:?}"
        );
        assert_eq!(s.stderr.matches(": done").count(), 2, "{s:?}");
    }
    wait_all(one);
    // 2 and 3 were away for that request: it waits for them, finished, and a
    // --once signer started now serves it and exits (what a late daemon
    // does; the next phase starts from empty mailboxes).
    for s in wait_all(spawn_signers(&scratch, &dirs[1..3], &relay.addr, "away", |_, _| {})) {
        assert_eq!(s.code(), 0, "{s:?}");
        assert!(
            s.stderr.contains("needs 4 and 5") && s.stderr.contains(": done"),
            "{s:?}"
        );
    }

    // n - t = 2 cheating signers: named, and routed around. Only 1, 2 and 4
    // are up, so the first session is theirs; the first invalid share ends
    // it (the other share of that session is not checked). 3 and 5 come
    // after the request was sent: the next session is 1, 4 and the first of
    // them to answer, where 4 is caught; the last is 1, 3 and 5.
    let cheat = |i: usize, cmd: &mut Command| {
        if i == 1 || i == 3 {
            cmd.env("FROST_TEST_BAD_SIGNATURE_SHARE", "1");
        }
    };
    let first: Vec<PathBuf> = [0, 1, 3].iter().map(|i| dirs[*i].clone()).collect();
    let mut signers = spawn_signers(&scratch, &first, &relay.addr, "cheat", |i, cmd| {
        cheat([0, 1, 3][i], cmd)
    });
    let asking = spawn_request(&scratch, &dirs[0], &relay.addr, &key, b"two cheat", "cheat", &[]);
    let deadline = std::time::Instant::now() + WAIT;
    while !asking.stderr_now().contains("ROAST goes on without it") {
        assert!(std::time::Instant::now() < deadline, "{}", asking.stderr_now());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let late: Vec<PathBuf> = [2, 4].iter().map(|i| dirs[*i].clone()).collect();
    signers.extend(spawn_signers(&scratch, &late, &relay.addr, "late", |_, _| {}));
    let out = asking.wait();
    assert_eq!(out.code(), 0, "{out:?}");
    let flagged = line(&out, "flagged");
    assert_eq!(numbers(flagged), [2, 4], "{out:?}");
    assert!(flagged.contains("sent an invalid signature share"), "{out:?}");
    assert_eq!(numbers(line(&out, "signers")), [1, 3, 5], "{out:?}");
    let sig = written_signature(&scratch, "cheat");
    assert_eq!(frost_verify(&scratch, "ed25519", &key, b"two cheat", &sig, &[]), 0);
    wait_all(signers);

    // Three cheaters of five leave no honest threshold: the request fails,
    // naming all three.
    let signers = spawn_signers(&scratch, &dirs, &relay.addr, "cheat3", |i, cmd| {
        if i >= 2 {
            cmd.env("FROST_TEST_BAD_SIGNATURE_SHARE", "1");
        }
    });
    let (out, _) = request(&scratch, &dirs[0], &relay.addr, &key, b"three cheat", "cheat3", &[]);
    assert_eq!(out.code(), 1, "{out:?}");
    for i in 3..=5 {
        assert!(out.stderr.contains(&format!("participant {i} (")), "{out:?}");
    }
    assert!(out.stderr.contains("no t honest ones remain"), "{out:?}");
    wait_all(signers);

    // A requester outside the group (its public key package imported, its
    // own host key) is marked as such in the consent text.
    let export = scratch.path("export.json");
    let mut cmd = frost();
    cmd.args(["export-group", "--group", &key, "--state"])
        .arg(&dirs[0])
        .arg("--out")
        .arg(&export);
    assert_eq!(run(cmd, &scratch.0, "export").code(), 0);
    let outsider = scratch.path("outsider");
    let mut cmd = frost();
    cmd.args(["import-group", "--state"])
        .arg(&outsider)
        .arg("--file")
        .arg(&export);
    assert_eq!(run(cmd, &scratch.0, "import").code(), 0);
    // Without a host key, nothing is sent.
    let (out, _) = request(&scratch, &outsider, &relay.addr, &key, b"from outside", "nohost", &[]);
    assert_eq!(out.code(), 2, "{out:?}");
    assert!(out.stderr.contains("run `frost init"), "{out:?}");
    let mut cmd = frost();
    cmd.args(["init", "--suite", "ed25519", "--state"]).arg(&outsider);
    assert_eq!(run(cmd, &scratch.0, "init-outsider").code(), 0);
    let signers = spawn_signers(&scratch, &dirs, &relay.addr, "outside", |_, _| {});
    let (out, signature) = request(&scratch, &outsider, &relay.addr, &key, b"from outside", "outside", &[]);
    assert_eq!(out.code(), 0, "{out:?}");
    assert_eq!(
        frost_verify(&scratch, "ed25519", &key, b"from outside", &signature, &[]),
        0
    );
    for s in wait_all(signers) {
        assert!(s.stderr.contains("NOT A MEMBER of this group"), "{s:?}");
    }

    // Without --yes, consent needs a terminal.
    let mut cmd = frost();
    cmd.args(["sign", "--relay", &relay.addr, "--state"]).arg(&dirs[0]);
    let out = run(cmd, &scratch.0, "no-terminal");
    assert_eq!(out.code(), 2, "{out:?}");
    assert!(out.stderr.contains("--yes"), "{out:?}");
}

/// A host key's hex, from its directory.
fn host_key(dir: &Path) -> String {
    let host: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("host.json")).unwrap()).unwrap();
    host["host_public_key"].as_str().unwrap().to_string()
}

#[test]
fn a_tampering_relay_is_detected_and_no_honest_signer_blamed() {
    let scratch = Scratch::new("sign-tamper");
    let relay = start_relay(&scratch, "relay", &[]);
    let (dirs, key) = group(&scratch, &relay.addr, "p", "secp256k1");
    let requester = host_key(&dirs[0]);
    let signer_5 = host_key(&dirs[4]);
    // (mode, whose messages, what the requester or a signer reports)
    let cases = [
        ("flip", &signer_5, "signature is not the sender's (from participant 5"),
        ("replay", &signer_5, "(a replay); the copy was dropped"),
        ("drop", &requester, "it dropped or reordered messages"),
        ("reorder", &requester, "it dropped or reordered messages"),
    ];
    for (mode, target, report) in cases {
        let tamper = format!("{mode}:{}", &target[..16]);
        let bad = start_relay_env(
            &scratch,
            &format!("relay-{mode}"),
            &[],
            &[("FROST_TEST_RELAY_TAMPER", &tamper)],
        );
        // The requester, participant 1, does not sign here: the hook acts
        // on every message of its host key.
        let message = format!("through a relay that does {mode}");
        let asking = spawn_request(&scratch, &dirs[0], &bad.addr, &key, message.as_bytes(), mode, &[]);
        let signers = match mode {
            // Signer 5 answers first, so the requester is still listening
            // when the altered message comes; then 2, 3 and 4 sign.
            "flip" => {
                let mut signers = spawn_signers(&scratch, &dirs[4..], &bad.addr, "flip5", |_, _| {});
                asking.wait_for_stderr(report);
                signers.extend(spawn_signers(&scratch, &dirs[1..4], &bad.addr, mode, |_, _| {}));
                signers
            }
            // Only 3, 4 and 5: every one of signer 5's replies is needed.
            "replay" => spawn_signers(&scratch, &dirs[2..], &bad.addr, mode, |_, _| {}),
            _ => spawn_signers(&scratch, &dirs[1..], &bad.addr, mode, |_, _| {}),
        };
        let out = asking.wait();
        let signature = written_signature(&scratch, mode);
        assert_eq!(out.code(), 0, "{mode}: {out:?}");
        assert_eq!(line(&out, "flagged"), "none", "{mode}: {out:?}");
        assert_eq!(
            frost_verify(&scratch, "secp256k1", &key, message.as_bytes(), &signature, &[]),
            0
        );
        let signers = wait_all(signers);
        match mode {
            // The requester sees what the relay did to signer 5's messages.
            "flip" | "replay" => {
                assert!(line(&out, "the relay misbehaved").contains(report), "{mode}: {out:?}");
            }
            // One signer sees what the relay did to the requester's messages.
            _ => {
                let told: Vec<&Output> = signers.iter().filter(|s| s.stderr.contains(report)).collect();
                assert_eq!(told.len(), 1, "{mode}: {signers:?}");
                assert_eq!(told[0].code(), 1, "{mode}: {:?}", told[0]);
                assert!(told[0].stderr.contains("the requester is not blamed"), "{:?}", told[0]);
            }
        }
    }
}

#[test]
fn two_groups_sign_at_once_on_one_relay() {
    let scratch = Scratch::new("sign-two");
    let relay = start_relay(&scratch, "relay", &[]);
    let (a, key_a) = group(&scratch, &relay.addr, "a", "p256");
    let (b, key_b) = group(&scratch, &relay.addr, "b", "p256");
    let signers_a = spawn_signers(&scratch, &a, &relay.addr, "a", |_, _| {});
    let signers_b = spawn_signers(&scratch, &b, &relay.addr, "b", |_, _| {});
    let ask = |dir: &Path, key: &str, name: &str| {
        let msg = scratch.path(&format!("{name}.msg"));
        std::fs::write(&msg, name).unwrap();
        let mut cmd = frost();
        cmd.args([
            "request",
            "--relay",
            &relay.addr,
            "--group",
            key,
            "--timeout",
            "100",
            "--state",
        ])
        .arg(dir)
        .arg("--message-file")
        .arg(&msg)
        .arg("--signature-out")
        .arg(scratch.path(&format!("{name}.sig")));
        Proc::spawn(cmd, &scratch.0, name)
    };
    let (ra, rb) = (ask(&a[2], &key_a, "for-a"), ask(&b[4], &key_b, "for-b"));
    for (out, key, name) in [(ra.wait(), &key_a, "for-a"), (rb.wait(), &key_b, "for-b")] {
        assert_eq!(out.code(), 0, "{out:?}");
        let sig = std::fs::read_to_string(scratch.path(&format!("{name}.sig"))).unwrap();
        assert_eq!(frost_verify(&scratch, "p256", key, name.as_bytes(), sig.trim(), &[]), 0);
    }
    for s in wait_all(signers_a).into_iter().chain(wait_all(signers_b)) {
        assert_eq!(s.code(), 0, "{s:?}");
    }
}
