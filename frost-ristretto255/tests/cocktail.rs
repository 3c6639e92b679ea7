//! COCKTAIL-DKG (the C2SP vectors regenerated from their seeds, sessions,
//! recovery) for this suite; the tests live once in
//! `frost_core::testing::cocktail`.

use frost_ristretto255::Ristretto255Sha512 as Suite;

frost_core::cocktail_tests!(Suite);
frost_core::cocktail_blame_tests!(Suite);
