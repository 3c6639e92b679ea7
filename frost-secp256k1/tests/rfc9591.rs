//! The RFC 9591 Appendix E.5 test vector, byte for byte.

#[test]
fn rfc9591_vector() {
    frost_core::testing::vectors::check_rfc_vector::<frost_secp256k1::Secp256K1Sha256>(include_str!(
        "vectors/frost-secp256k1-sha256.json"
    ));
}
