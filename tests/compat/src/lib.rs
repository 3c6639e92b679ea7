//! Compatibility tests against the frost-core 3.x family (not published).
//!
//! Every test that needs a frost-* 3.x crate lives in this crate's `tests/`,
//! so that no suite crate dev-depends on its 3.x namesake and `cargo test -p
//! frost-ristretto255` (or any other suite) names exactly one package:
//! - `interop.rs`, `interop_taproot.rs`: DKGs in which half the participants
//!   run the other implementation, mixed signing sessions aggregated by both,
//!   JSON read both ways;
//! - `snapshots.rs`: the binary encoding of every type, pinned by 3.0's
//!   snapshots;
//! - `frost3_vectors.rs`: 3.0's DKG, large-identifier and Taproot signing
//!   vectors, byte for byte;
//! - `repair.rs`: share repair with helpers of both implementations;
//! - `rerandomized.rs`: re-randomized signing against frost-rerandomized 3.0
//!   (same randomizer bytes, mixed sessions, our vectors replayed by 3.0).
//!
//! Run them with `cargo test -p frost-compat`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
