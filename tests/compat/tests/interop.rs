//! Interoperability with the frost-* 3.x crates of the RFC 9591 suites,
//! exchanging only bytes: mixed DKG, mixed signing, JSON. The Taproot suite,
//! whose 3.0 DKG output differs on purpose, is in `interop_taproot.rs`.

mod ristretto255 {
    frost_core::interop_tests!(frost_ristretto255, frost_ristretto255_3);
}

mod ed25519 {
    frost_core::interop_tests!(frost_ed25519, frost_ed25519_3);
}

mod ed448 {
    frost_core::interop_tests!(frost_ed448, frost_ed448_3);
}

mod p256 {
    frost_core::interop_tests!(frost_p256, frost_p256_3);
}

mod secp256k1 {
    frost_core::interop_tests!(frost_secp256k1, frost_secp256k1_3);
}
