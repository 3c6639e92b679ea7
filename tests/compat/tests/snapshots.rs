//! The binary encoding of every type, pinned by each frost-* 3.0 crate's
//! snapshots.

use frost_core::testing::snapshots::check_frost3_snapshots;

macro_rules! snapshots {
    ($($name:ident: $suite:ty, $dir:literal;)*) => {$(
        #[test]
        fn $name() {
            check_frost3_snapshots::<$suite>(include_str!(concat!("../vectors/", $dir, "/frost3-snapshots.json")));
        }
    )*};
}

snapshots! {
    ristretto255: frost_ristretto255::Ristretto255Sha512, "ristretto255";
    ed25519: frost_ed25519::Ed25519Sha512, "ed25519";
    ed448: frost_ed448::Ed448Shake256, "ed448";
    p256: frost_p256::P256Sha256, "p256";
    secp256k1: frost_secp256k1::Secp256K1Sha256, "secp256k1";
    secp256k1_tr: frost_secp256k1_tr::Secp256K1Sha256TR, "secp256k1-tr";
}
