//! The generic FROST test suite, one line per group.

frost_core::dealer_tests!(frost_secp256k1_tr::Secp256K1Sha256TR);
frost_core::signing_tests!(frost_secp256k1_tr::Secp256K1Sha256TR);
frost_core::cheater_tests!(frost_secp256k1_tr::Secp256K1Sha256TR);
frost_core::dkg_tests!(frost_secp256k1_tr::Secp256K1Sha256TR);
frost_core::encoding_tests!(frost_secp256k1_tr::Secp256K1Sha256TR);
frost_core::hostile_tests!(frost_secp256k1_tr::Secp256K1Sha256TR);
frost_core::batch_tests!(frost_secp256k1_tr::Secp256K1Sha256TR);
frost_core::repair_tests!(frost_secp256k1_tr::Secp256K1Sha256TR);
frost_core::refresh_tests!(frost_secp256k1_tr::Secp256K1Sha256TR);
frost_core::rerandomized_tests!(frost_secp256k1_tr::Secp256K1Sha256TR, "secp256k1-tr");
frost_core::reshare_tests!(frost_secp256k1_tr::Secp256K1Sha256TR);
frost_core::roast_tests!(frost_secp256k1_tr::Secp256K1Sha256TR);
