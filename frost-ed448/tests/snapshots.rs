//! The binary encoding of every type, pinned by frost-ed448 3.0's snapshots.

#[test]
fn frost3_snapshots() {
    frost_core::testing::snapshots::check_frost3_snapshots::<frost_ed448::Ed448Shake256>(include_str!(
        "vectors/frost3-snapshots.json"
    ));
}
