//! The generic FROST test suite, one line per group.

frost_core::dealer_tests!(frost_p256::P256Sha256);
frost_core::signing_tests!(frost_p256::P256Sha256);
frost_core::cheater_tests!(frost_p256::P256Sha256);
frost_core::dkg_tests!(frost_p256::P256Sha256);
frost_core::encoding_tests!(frost_p256::P256Sha256);
frost_core::hostile_tests!(frost_p256::P256Sha256);
frost_core::batch_tests!(frost_p256::P256Sha256);
frost_core::repair_tests!(frost_p256::P256Sha256);
frost_core::refresh_tests!(frost_p256::P256Sha256);
frost_core::rerandomized_tests!(frost_p256::P256Sha256, "p256");
frost_core::reshare_tests!(frost_p256::P256Sha256);
frost_core::roast_tests!(frost_p256::P256Sha256);
