//! ChillDKG (the BIP's 249 vectors, sessions, recovery, corruption) for this
//! suite; the tests live once in `frost_core::testing::chilldkg`.

use frost_secp256k1::Secp256K1Sha256 as Suite;

frost_core::chilldkg_tests!(Suite);
