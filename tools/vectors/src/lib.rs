//! The cross-curve DKG test vectors: one generator, every suite.
//!
//! `cargo run -p frost-vectors` rewrites `vectors/dkg/<suite>.json` (and
//! the re-randomized FROST vectors, `vectors/rerandomized/<suite>.json`); the
//! test in this crate fails if the checked-in files differ from what the
//! generator produces, and each suite crate replays its file through
//! `frost_core::testing::dkg_vectors::check`.
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

/// Every generated set: its directory and its files.
pub fn sets() -> [(PathBuf, Vec<(&'static str, String)>); 2] {
    [(directory(), all()), (rerandomized_directory(), rerandomized())]
}

fn vectors_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors").join(name)
}
