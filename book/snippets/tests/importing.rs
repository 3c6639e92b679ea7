//! Chapter "Importing the crate": the same program on two curves. The body
//! is one file, `importing/sign_once.rs`, included by two modules that
//! differ only in their `use` line.

#[path = "importing/on_ristretto255.rs"]
mod on_ristretto255;

#[path = "importing/on_ed25519.rs"]
mod on_ed25519;
