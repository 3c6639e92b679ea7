//! The frost-* 3.0 crates' own vectors, replayed byte for byte: each suite's
//! DKG vector and large-identifier signing vector, and frost-secp256k1-tr
//! 3.0's signing vector.

#[path = "../../../frost-secp256k1-tr/tests/common/mod.rs"]
mod common;

use frost_core::testing::{dkg_vectors, vectors};

macro_rules! frost3_vectors {
    ($($name:ident: $suite:ty, $dir:literal, $label:literal;)*) => {$(
        mod $name {
            /// 3.0's DKG vector, checked with the ciphersuite label the file carries.
            #[test]
            fn frost3_dkg_vector() {
                super::dkg_vectors::check_frost3_dkg_vector::<$suite>(
                    include_str!(concat!("../vectors/", $dir, "/frost3-dkg.json")),
                    $label,
                );
            }

            #[test]
            fn frost3_large_identifier_vector() {
                super::vectors::check_rfc_vector::<$suite>(include_str!(concat!(
                    "../vectors/", $dir, "/frost3-big-identifier.json"
                )));
            }
        }
    )*};
}

// frost-ristretto255 3.0 ships its DKG vector labeled "FROST(Ed25519,
// SHA-512)", but its contents are ristretto255 data: every element decodes
// as a ristretto255 point and the whole DKG replays. We check the (wrong)
// label as it is, so a corrected file is noticed.
frost3_vectors! {
    ristretto255: frost_ristretto255::Ristretto255Sha512, "ristretto255", "FROST(Ed25519, SHA-512)";
    ed25519: frost_ed25519::Ed25519Sha512, "ed25519", "FROST(Ed25519, SHA-512)";
    ed448: frost_ed448::Ed448Shake256, "ed448", "FROST(Ed448, SHAKE256)";
    p256: frost_p256::P256Sha256, "p256", "FROST(P-256, SHA-256)";
    secp256k1: frost_secp256k1::Secp256K1Sha256, "secp256k1", "FROST(secp256k1, SHA-256)";
}

mod secp256k1_tr {
    use frost_secp256k1_tr::Secp256K1Sha256TR as Suite;

    use super::{common, dkg_vectors, vectors};

    #[test]
    fn frost3_signing_vector() {
        vectors::check_rfc_vector::<Suite>(include_str!("../vectors/secp256k1-tr/frost3-vectors.json"));
    }

    #[test]
    fn frost3_large_identifier_vector() {
        vectors::check_rfc_vector::<Suite>(include_str!("../vectors/secp256k1-tr/frost3-big-identifier.json"));
    }

    /// frost-secp256k1-tr 3.0's DKG stores the key-path-tweaked key where
    /// ours stores the internal key: the file's final keys are ours tweaked.
    #[test]
    fn frost3_dkg_vector() {
        dkg_vectors::check_frost3_dkg_vector_with::<Suite>(
            include_str!("../vectors/secp256k1-tr/frost3-dkg.json"),
            "FROST(secp256k1, SHA-256)",
            common::key_path_tweaked,
        );
    }
}
