//! The RFC 9591 Appendix E.3 test vector (ristretto255), byte for byte.

#[test]
fn rfc9591_vector() {
    frost_core::testing::vectors::check_rfc_vector::<frost_ristretto255::Ristretto255Sha512>(include_str!(
        "vectors/frost-ristretto255-sha512.json"
    ));
}
