//! Packages through bytes and JSON, and a refused trailing byte, with frost-ristretto255. The body, shared by every
//! suite crate, is `examples/serialize.rs` at the top of the repository.

use frost_ristretto255 as frost;

include!("../../examples/serialize.rs");
