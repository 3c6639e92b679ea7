//! The binary encoding of every type, pinned by frost-p256 3.0's snapshots.

#[test]
fn frost3_snapshots() {
    frost_core::testing::snapshots::check_frost3_snapshots::<frost_p256::P256Sha256>(include_str!(
        "vectors/frost3-snapshots.json"
    ));
}
