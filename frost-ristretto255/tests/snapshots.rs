//! The binary encoding of every type, pinned by frost-ristretto255 3.0's snapshots.

#[test]
fn frost3_snapshots() {
    frost_core::testing::snapshots::check_frost3_snapshots::<frost_ristretto255::Ristretto255Sha512>(include_str!(
        "vectors/frost3-snapshots.json"
    ));
}
