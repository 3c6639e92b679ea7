//! A 3-of-5 DKG (parts 1 to 3) and one signature, with frost-p256. The body, shared by every
//! suite crate, is `examples/dkg.rs` at the top of the repository.

use frost_p256 as frost;

include!("../../examples/dkg.rs");
