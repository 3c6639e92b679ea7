//! Interoperability with frost-secp256k1 3.x: mixed DKG, mixed signing, JSON.

frost_core::interop_tests!(frost_secp256k1, frost_secp256k1_3);
