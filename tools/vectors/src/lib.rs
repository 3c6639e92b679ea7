//! The cross-curve DKG test vectors: one generator, every suite.
//!
//! `cargo run -p frost-vectors` rewrites `vectors/dkg/<suite>.json` (and
//! the re-randomized FROST vectors, `vectors/rerandomized/<suite>.json`); the
//! test in this crate fails if the checked-in files differ from what the
//! generator produces, and each suite crate replays its file through
//! `frost_core::testing::dkg_vectors::check`.
#![forbid(unsafe_code)]

use frost_core::testing::dkg_vectors::generate;

/// Each suite's vector file name and its generated contents.
pub fn all() -> Vec<(&'static str, String)> {
    vec![
        ("ristretto255", generate::<frost_ristretto255::Ristretto255Sha512>()),
        ("ed25519", generate::<frost_ed25519::Ed25519Sha512>()),
        ("secp256k1", generate::<frost_secp256k1::Secp256K1Sha256>()),
        ("secp256k1-tr", generate::<frost_secp256k1_tr::Secp256K1Sha256TR>()),
        ("p256", generate::<frost_p256::P256Sha256>()),
        ("ed448", generate::<frost_ed448::Ed448Shake256>()),
    ]
}

/// The directory the vectors live in, from this crate's manifest.
pub fn directory() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors/dkg")
}

/// Each suite's re-randomized FROST vector file name and its generated contents.
pub fn rerandomized() -> Vec<(&'static str, String)> {
    use frost_core::testing::rerandomized_vectors::generate;
    vec![
        ("ristretto255", generate::<frost_ristretto255::Ristretto255Sha512>()),
        ("ed25519", generate::<frost_ed25519::Ed25519Sha512>()),
        ("secp256k1", generate::<frost_secp256k1::Secp256K1Sha256>()),
        ("secp256k1-tr", generate::<frost_secp256k1_tr::Secp256K1Sha256TR>()),
        ("p256", generate::<frost_p256::P256Sha256>()),
        ("ed448", generate::<frost_ed448::Ed448Shake256>()),
    ]
}

/// The directory the re-randomized FROST vectors live in.
pub fn rerandomized_directory() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors/rerandomized")
}
