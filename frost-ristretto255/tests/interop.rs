//! Interoperability with frost-ristretto255 3.x: mixed DKG, mixed signing, JSON.

frost_core::interop_tests!(frost_ristretto255, frost_ristretto255_3);
