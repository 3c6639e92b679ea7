//! Robust signing: ROAST, a coordinator that finishes while up to `n - t`
//! signers misbehave.
//!
//! Plain FROST aborts when one chosen signer goes silent or sends a bad
//! share. ROAST (Ruffing, Ronge, Jin, Schneider-Bensch and Schröder,
//! [CCS 2022, ePrint 2022/550](https://eprint.iacr.org/2022/550)), which
//! [RFC 9591 §7.1](https://www.rfc-editor.org/rfc/rfc9591#section-7.1)
//! points to for robustness, wraps FROST in a coordinator that keeps several
//! signing sessions open at once. Whenever `t` honest signers eventually
//! answer, it has a valid signature after at most `n - t + 1` sessions,
//! with no timeouts.
//!
//! # How it runs
//!
//! 1. The coordinator is made from the [`PublicKeyPackage`](crate::PublicKeyPackage)
//!    and the message ([`Coordinator::new`]). Each signer makes a [`Signer`]
//!    from its [`KeyPackage`](crate::KeyPackage) and the same message, and
//!    sends the coordinator its first [`Reply`]: fresh commitments, no share.
//! 2. The caller feeds every reply to [`Coordinator::receive`], which says
//!    what to do ([`Step`]): send a [`SessionStart`] to the signers of a new
//!    session, or stop with the [`Signature`](crate::Signature), or wait.
//!    A session starts as soon as `t` signers have answered their last
//!    session (or sent their first reply) and so hold fresh commitments.
//! 3. Each signer answers a session start with [`Signer::sign`]: its share
//!    and fresh commitments, in one [`Reply`].
//! 4. With the signature, the coordinator sends every signer [`Done`]; each
//!    drops its pending nonces ([`Signer::finish`]).
//!
//! The coordinator checks each share on arrival against the signer's
//! verifying share, and marks a signer malicious ([`Misbehaviour`]) for an
//! invalid share, an unsolicited or duplicate reply, a reply to a session
//! it is not in, or reused commitments; from then on it ignores that
//! signer. A silent signer only stalls its own session: the others return
//! with fresh commitments and join the next one. Once more than `n - t`
//! signers are marked, no `t` honest ones remain and
//! [`Coordinator::receive`] fails with
//! [`Error::TooManyMaliciousSigners`](crate::Error::TooManyMaliciousSigners),
//! naming every one of them. An honest signer is never marked.
//!
//! Memory stays bounded: a session is dropped as soon as it completes or one
//! of its signers is marked, and reuse is detected with a 32-byte digest of
//! every commitment a session consumed, at most `t * (n - t + 1)` of them.
//!
//! # What the transport must provide
//!
//! - **Authenticated channels.** The coordinator trusts who sent what: the
//!   `sender` given to [`Coordinator::receive`] must be the signer that
//!   really sent the reply, or a forger could get honest signers marked.
//!   The signer in turn must know its messages come from its coordinator.
//! - **Exact duplicates dropped.** A transport that retransmits must drop
//!   a reply it has already delivered before the coordinator sees it: the
//!   coordinator cannot tell a retransmission from a signer answering twice,
//!   and marks the second copy.
//!
//! # Trust model
//!
//! The coordinator is trusted for liveness only. It cannot forge, and it
//! cannot make a signer sign anything but the message that signer agreed
//! to: [`Signer::sign`] refuses another message, a session it already
//! answered, and a package without its pending commitment. A coordinator
//! that misbehaves can only fail to produce the signature. Several
//! coordinators can therefore run side by side (if one fails, another
//! finishes), each with its own [`Signer`] on every signer: a `Signer`
//! holds the nonces it sent to one coordinator, and never signs with them
//! for another.
//!
//! # Example
//!
//! The whole protocol in memory, for any suite (a transport would carry
//! each message's `serialize()` bytes instead). It is only compiled here,
//! for want of a suite inside this crate; the book's chapter "Robust
//! signing with ROAST" and `frost_secp256k1_tr::taproot::roast` run the
//! same flow, and every suite crate runs the generic `roast_tests!`.
//!
//! ```
//! use std::collections::{BTreeMap, VecDeque};
//! use frost_core::roast::{Coordinator, Signer, Step};
//! use frost_core::{Ciphersuite, Error, Identifier, KeyPackage, PublicKeyPackage, Signature};
//!
//! fn sign_robustly<C: Ciphersuite>(
//!     key_packages: BTreeMap<Identifier<C>, KeyPackage<C>>,
//!     public_key_package: &PublicKeyPackage<C>,
//!     message: &[u8],
//! ) -> Result<Signature<C>, Error<C>> {
//!     let mut rng = rand::rng();
//!     let mut coordinator = Coordinator::new(public_key_package, message)?;
//!     let mut signers = BTreeMap::new();
//!     let mut inbox = VecDeque::new(); // replies on their way to the coordinator
//!     for (id, key_package) in key_packages {
//!         let (signer, first_reply) = Signer::new(key_package, message, &mut rng)?;
//!         signers.insert(id, signer);
//!         inbox.push_back((id, first_reply));
//!     }
//!     while let Some((sender, reply)) = inbox.pop_front() {
//!         match coordinator.receive(sender, reply)? {
//!             Step::Start(start) => {
//!                 for id in start.signers() {
//!                     let reply = signers.get_mut(&id).expect("a signer").sign(&start, &mut rng)?;
//!                     inbox.push_back((id, reply));
//!                 }
//!             }
//!             Step::Signature(signature) => {
//!                 signers.values_mut().for_each(Signer::finish); // `Done` on the wire
//!                 return Ok(signature);
//!             }
//!             Step::Waiting => {}
//!         }
//!     }
//!     unreachable!("with every signer honest, the first session signs")
//! }
//! ```

mod coordinator;
mod message;
mod signer;

pub use coordinator::{Coordinator, Misbehaviour, Step};
pub use message::{CoordinatorMessage, Done, Reply, SessionId, SessionStart};
pub use signer::Signer;

/// The ROAST part of [`suite_api!`](crate::suite_api).
#[doc(hidden)]
#[macro_export]
macro_rules! __suite_roast_api {
    ($suite:ty) => {
        /// Robust signing with ROAST (see [`frost_core::roast`]).
        pub mod roast {
            /// The ROAST coordinator (see [`frost_core::roast::Coordinator`]).
            pub type Coordinator = $crate::roast::Coordinator<$suite>;
            /// A signer's ROAST state for one coordinator (see [`frost_core::roast::Signer`]).
            pub type Signer = $crate::roast::Signer<$suite>;
            /// What the coordinator says to do next (see [`frost_core::roast::Step`]).
            pub type Step = $crate::roast::Step<$suite>;
            /// A signer's reply (see [`frost_core::roast::Reply`]).
            pub type Reply = $crate::roast::Reply<$suite>;
            /// The start of a session (see [`frost_core::roast::SessionStart`]).
            pub type SessionStart = $crate::roast::SessionStart<$suite>;
            /// The end of the run (see [`frost_core::roast::Done`]).
            pub type Done = $crate::roast::Done<$suite>;
            /// Either message to a signer (see [`frost_core::roast::CoordinatorMessage`]).
            pub type CoordinatorMessage = $crate::roast::CoordinatorMessage<$suite>;
            pub use $crate::roast::{Misbehaviour, SessionId};
        }
    };
}
