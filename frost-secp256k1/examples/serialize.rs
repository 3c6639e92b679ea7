//! Packages through bytes and JSON, and a refused trailing byte, with frost-secp256k1. The body, shared by every
//! suite crate, is `examples/serialize.rs` at the top of the repository.

use frost_secp256k1 as frost;

include!("../../examples/serialize.rs");
