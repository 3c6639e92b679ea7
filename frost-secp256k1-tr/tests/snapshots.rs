//! The binary encoding of every type, pinned by frost-secp256k1-tr 3.0's snapshots.

#[test]
fn frost3_snapshots() {
    frost_core::testing::snapshots::check_frost3_snapshots::<frost_secp256k1_tr::Secp256K1Sha256TR>(include_str!(
        "vectors/frost3-snapshots.json"
    ));
}
