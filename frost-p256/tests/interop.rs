//! Interoperability with frost-p256 3.x: mixed DKG, mixed signing, JSON.

frost_core::interop_tests!(frost_p256, frost_p256_3);
