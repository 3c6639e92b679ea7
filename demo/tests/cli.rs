//! Runs the built `frost-demo` binary end to end.

use std::process::{Command, Output};

/// Runs the demo with `args`.
fn demo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_frost-demo"))
        .args(args)
        .output()
        .expect("the frost-demo binary runs")
}

/// Asserts a successful session that ended with a verified signature.
fn assert_verified(args: &[&str]) {
    let output = demo(args);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{args:?} failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(
        stdout.contains("signature verified"),
        "{args:?}: no verification\n{stdout}"
    );
}

#[test]
fn two_of_three() {
    assert_verified(&["--threshold", "2", "--participants", "3"]);
}

#[test]
fn three_of_five_with_derived_identifiers() {
    assert_verified(&["--threshold", "3", "--participants", "5", "--derived-ids"]);
}

#[test]
fn threshold_one_is_refused() {
    let output = demo(&["--threshold", "1"]);
    assert!(!output.status.success());
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--threshold"));
}

#[test]
fn unknown_suite_is_refused() {
    let output = demo(&["--suite", "ed25520"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown suite"));
}

#[test]
fn every_suite_signs() {
    for suite in ["ristretto255", "ed25519", "secp256k1", "secp256k1-tr", "p256", "ed448"] {
        assert_verified(&["--threshold", "2", "--participants", "3", "--suite", suite]);
    }
}

#[test]
fn standalone_dkg_signs_on_both_secp256k1_suites() {
    for suite in ["secp256k1", "secp256k1-tr"] {
        assert_verified(&[
            "--dkg",
            "standalone",
            "--threshold",
            "3",
            "--participants",
            "5",
            "--suite",
            suite,
        ]);
    }
}

#[test]
fn standalone_dkg_is_refused_for_other_suites() {
    let output = demo(&["--dkg", "standalone", "--suite", "ristretto255"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("secp256k1 and secp256k1-tr"), "{stderr}");
}
