//! Interoperability with frost-ed448 3.x: mixed DKG, mixed signing, JSON.

frost_core::interop_tests!(frost_ed448, frost_ed448_3);
