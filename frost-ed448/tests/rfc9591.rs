//! The RFC 9591 Appendix E.2 test vector (Ed448), byte for byte.

#[test]
fn rfc9591_vector() {
    frost_core::testing::vectors::check_rfc_vector::<frost_ed448::Ed448Shake256>(include_str!(
        "vectors/frost-ed448-shake256.json"
    ));
}
