//! ChillDKG (the BIP's 249 vectors, sessions, recovery, corruption) for this
//! suite; the tests live once in `frost_core::testing::chilldkg`.

use frost_secp256k1_tr::Secp256K1Sha256TR as Suite;

frost_core::chilldkg_tests!(Suite);
