//! A trusted-dealer 3-of-5 key and one signature, with frost-ed448. The body, shared by every
//! suite crate, is `examples/dealer.rs` at the top of the repository.

use frost_ed448 as frost;

include!("../../examples/dealer.rs");
