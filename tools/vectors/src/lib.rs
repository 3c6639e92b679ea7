//! The cross-curve DKG test vectors: one generator, every suite.
//!
//! `cargo run -p frost-vectors` rewrites `vectors/dkg/<suite>.json` (and
//! the re-randomized FROST vectors, `vectors/rerandomized/<suite>.json`); the
//! test in this crate fails if the checked-in files differ from what the
//! generator produces, and each suite crate replays its file through
//! `frost_core::testing::dkg_vectors::check`. It also writes our
//! COCKTAIL-DKG error vectors, `vectors/cocktail-dkg/errors/<suite>.json`,
//! the ChillDKG blame vectors, `vectors/chilldkg-blame/<suite>.json`, and
//! the COCKTAIL-DKG blame vectors, `vectors/cocktail-blame/<suite>.json`.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};

/// `(file name, $generate::<Suite>())` for every suite.
macro_rules! every_suite {
    ($($generate:ident)::+) => {
        vec![
            ("ristretto255", $($generate)::+::<frost_ristretto255::Ristretto255Sha512>()),
            ("ed25519", $($generate)::+::<frost_ed25519::Ed25519Sha512>()),
            ("secp256k1", $($generate)::+::<frost_secp256k1::Secp256K1Sha256>()),
            ("secp256k1-tr", $($generate)::+::<frost_secp256k1_tr::Secp256K1Sha256TR>()),
            ("p256", $($generate)::+::<frost_p256::P256Sha256>()),
            ("ed448", $($generate)::+::<frost_ed448::Ed448Shake256>()),
        ]
    };
}

/// Each suite's DKG vector file name and its generated contents.
pub fn all() -> Vec<(&'static str, String)> {
    every_suite!(frost_core::testing::dkg_vectors::generate)
}

/// The directory the DKG vectors live in, from this crate's manifest.
pub fn directory() -> PathBuf {
    vectors_dir("dkg")
}

/// Each suite's re-randomized FROST vector file name and its generated contents.
pub fn rerandomized() -> Vec<(&'static str, String)> {
    every_suite!(frost_core::testing::rerandomized_vectors::generate)
}

/// The directory the re-randomized FROST vectors live in.
pub fn rerandomized_directory() -> PathBuf {
    vectors_dir("rerandomized")
}

/// Each suite's COCKTAIL-DKG error vector file name and its generated
/// contents (the five COCKTAIL suites; `frost-secp256k1-tr` uses the
/// secp256k1 file).
pub fn cocktail_errors() -> Vec<(&'static str, String)> {
    use frost_core::testing::cocktail::generate_error_vectors as generate;
    vec![
        ("ristretto255", generate::<frost_ristretto255::Ristretto255Sha512>()),
        ("ed25519", generate::<frost_ed25519::Ed25519Sha512>()),
        ("ed448", generate::<frost_ed448::Ed448Shake256>()),
        ("p256", generate::<frost_p256::P256Sha256>()),
        ("secp256k1", generate::<frost_secp256k1::Secp256K1Sha256>()),
    ]
}

/// The directory the COCKTAIL-DKG error vectors live in.
pub fn cocktail_errors_directory() -> PathBuf {
    vectors_dir("cocktail-dkg/errors")
}

/// The ChillDKG blame vectors (our extension): one file per secp256k1 suite.
pub fn chilldkg_blame() -> Vec<(&'static str, String)> {
    use frost_core::testing::chilldkg_blame::generate_vectors as generate;
    vec![
        ("secp256k1", generate::<frost_secp256k1::Secp256K1Sha256>()),
        ("secp256k1-tr", generate::<frost_secp256k1_tr::Secp256K1Sha256TR>()),
    ]
}

/// The directory the ChillDKG blame vectors live in.
pub fn chilldkg_blame_directory() -> PathBuf {
    vectors_dir("chilldkg-blame")
}

/// The COCKTAIL-DKG blame vectors (our extension): one file per COCKTAIL
/// suite (`frost-secp256k1-tr` uses the secp256k1 file).
pub fn cocktail_blame() -> Vec<(&'static str, String)> {
    use frost_core::testing::cocktail_blame::generate_vectors as generate;
    vec![
        ("ristretto255", generate::<frost_ristretto255::Ristretto255Sha512>()),
        ("ed25519", generate::<frost_ed25519::Ed25519Sha512>()),
        ("ed448", generate::<frost_ed448::Ed448Shake256>()),
        ("p256", generate::<frost_p256::P256Sha256>()),
        ("secp256k1", generate::<frost_secp256k1::Secp256K1Sha256>()),
    ]
}

/// The directory the COCKTAIL-DKG blame vectors live in.
pub fn cocktail_blame_directory() -> PathBuf {
    vectors_dir("cocktail-blame")
}

/// Every generated set: its directory and its files.
pub fn sets() -> [(PathBuf, Vec<(&'static str, String)>); 5] {
    [
        (directory(), all()),
        (rerandomized_directory(), rerandomized()),
        (cocktail_errors_directory(), cocktail_errors()),
        (chilldkg_blame_directory(), chilldkg_blame()),
        (cocktail_blame_directory(), cocktail_blame()),
    ]
}

fn vectors_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors").join(name)
}

/// The `cocktail-session` command: parses `--suite SUITE --t T --n N --seed
/// HEX [--payloads]` and returns the session's case as JSON, or a message
/// saying what is wrong with the arguments.
pub fn cocktail_session(args: &[String]) -> Result<String, String> {
    use frost_core::testing::cocktail::session_case;
    let mut suite = None;
    let mut t = None;
    let mut n = None;
    let mut seed = None;
    let mut payloads = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--suite" => suite = Some(value()?.clone()),
            "--t" => t = Some(value()?.parse::<u32>().map_err(|e| format!("--t: {e}"))?),
            "--n" => n = Some(value()?.parse::<u32>().map_err(|e| format!("--n: {e}"))?),
            "--seed" => seed = Some(hex::decode(value()?).map_err(|e| format!("--seed: {e}"))?),
            "--payloads" => payloads = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let (Some(suite), Some(t), Some(n), Some(seed)) = (suite, t, n, seed) else {
        return Err("usage: cocktail-session --suite SUITE --t T --n N --seed HEX [--payloads]".into());
    };
    if t == 0 || t > n || n > 65535 {
        return Err(format!("need 1 <= t <= n <= 65535, got t = {t}, n = {n}"));
    }
    let case = match suite.as_str() {
        "ristretto255" => session_case::<frost_ristretto255::Ristretto255Sha512>(&seed, t, n, payloads, true),
        "ed25519" => session_case::<frost_ed25519::Ed25519Sha512>(&seed, t, n, payloads, true),
        "ed448" => session_case::<frost_ed448::Ed448Shake256>(&seed, t, n, payloads, true),
        "p256" => session_case::<frost_p256::P256Sha256>(&seed, t, n, payloads, true),
        "secp256k1" => session_case::<frost_secp256k1::Secp256K1Sha256>(&seed, t, n, payloads, true),
        other => {
            return Err(format!(
                "unknown suite `{other}` (ristretto255, ed25519, ed448, p256, secp256k1)"
            ));
        }
    };
    serde_json::to_string_pretty(&case).map_err(|e| e.to_string())
}
