//! The RFC 9591 Appendix E.4 test vector, byte for byte.

#[test]
fn rfc9591_vector() {
    frost_core::testing::vectors::check_rfc_vector::<frost_p256::P256Sha256>(include_str!(
        "vectors/frost-p256-sha256.json"
    ));
}
