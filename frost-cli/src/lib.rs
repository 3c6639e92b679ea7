//! The `frost` command's library: a relay, participants that run a
//! standalone DKG and sign (with ROAST) through it, and their state on disk.
//!
//! Networking lives only here (on tokio, rustls with the `ring` provider);
//! the protocol cores in `frost-core` stay sans-IO, and this crate drives
//! their state machines through the [`dkg::DkgDriver`] interface: ChillDKG
//! on secp256k1 and secp256k1-tr (their default), COCKTAIL-DKG on every
//! suite (the default of ed25519, ed448, p256 and ristretto255; see [`dkg`]
//! for the table and COCKTAIL's session context).
//!
//!
//! - [`relay`]: the untrusted relay, a mailbox keyed by host public key that
//!   also plays the DKG's coordinator;
//! - [`client`]: a participant's connection and its DKG run;
//! - [`sign`]: `frost sign` and `frost request`, ROAST through the relay;
//! - [`envelope`]: signed envelopes and in-order, duplicate-free reception;
//! - [`frame`], [`proto`]: the framed messages on the wire;
//! - [`state`]: the state directory, secrets sealed with Argon2id and
//!   XChaCha20-Poly1305, atomic writes;
//! - [`tls`]: the relay's certificate and the clients' pin;
//! - [`cli`]: the verbs of the `frost` binary.
//!
//! The README's "Across machines" section walks through the command;
//! `SECURITY.md` states the relay's threat model.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod cli;
pub mod client;
pub mod dkg;
pub mod envelope;
pub mod frame;
pub mod proto;
pub mod relay;
pub mod sign;
pub mod state;
pub mod suite;
pub mod tls;

/// A failed command: the exit status (1: the session or the check failed,
/// 2: bad usage) and what happened, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The exit status.
    pub exit: u8,
    /// What happened.
    pub message: String,
}

impl Failure {
    /// Bad usage (exit status 2).
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            exit: 2,
            message: message.into(),
        }
    }

    /// A failed session or check (exit status 1).
    pub fn failed(message: impl Into<String>) -> Failure {
        Failure {
            exit: 1,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}
