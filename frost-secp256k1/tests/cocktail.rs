//! COCKTAIL-DKG (the C2SP vectors regenerated from their seeds, sessions,
//! recovery) for this suite; the tests live once in
//! `frost_core::testing::cocktail`.

use frost_secp256k1::Secp256K1Sha256 as Suite;

frost_core::cocktail_tests!(Suite);
frost_core::cocktail_blame_tests!(Suite);
