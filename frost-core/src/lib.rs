//! FROST ([RFC 9591](https://www.rfc-editor.org/rfc/rfc9591)): two-round
//! threshold Schnorr signatures, with trusted-dealer and distributed key
//! generation, generic over the [`Ciphersuite`].
//!
//! Most users want a suite crate (`frost-ristretto255`, ...), which
//! re-exports this API with the suite's types filled in. This crate is for
//! writing code generic over suites, or implementing a new one.
//!
//! The protocol, step by step:
//! 1. Keys: [`keys::generate_with_dealer`] (a trusted dealer), or the DKG in
//!    `keys::dkg`. Each participant ends with a [`keys::KeyPackage`], everyone
//!    with the same [`keys::PublicKeyPackage`].
//! 2. Round one: each signer calls [`round1::commit`] and sends its
//!    [`round1::SigningCommitments`] to the coordinator.
//! 3. The coordinator picks at least `min_signers` commitments and a message
//!    into a [`SigningPackage`], sent to every chosen signer.
//! 4. Round two: each signer calls [`round2::sign`] and returns its
//!    [`round2::SignatureShare`].
//! 5. The coordinator calls [`aggregate`], which yields a [`Signature`] that
//!    verifies under the group's [`VerifyingKey`], or names the cheaters.
//!
//! [`rerandomized`] signs under a fresh random offset of the group key in
//! every session, so that the group's signatures cannot be linked.
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod aggregate;
pub mod batch;
pub mod ciphersuite;
mod encoding;
mod error;
mod identifier;
mod interpolation;
pub mod keys;
pub mod msm;
pub mod rerandomized;
pub mod roast;
pub mod round1;
pub mod round2;
mod sec1;
#[cfg(feature = "serde")]
mod serde_support;
mod signature;
mod signing_key;
mod signing_package;
mod suite_api;
#[cfg(feature = "test-suite")]
#[doc(hidden)]
pub mod testing;
mod verifying_key;

/// Paths the [`suite_api!`] macro expands to; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use alloc::collections::BTreeMap;
    pub use alloc::vec::Vec;
    pub use rand_core::CryptoRng;
}

pub use aggregate::{aggregate, verify_signature_share};
pub use ciphersuite::{ByteOrder, Ciphersuite, Element, ElementError, Group, Scalar};
pub use encoding::{FORMAT_VERSION, decode_map, header};
pub use error::{DecodeError, Error};
pub use identifier::Identifier;
pub use msm::{pippenger, straus};
pub use signature::Signature;
pub use signing_key::SigningKey;
pub use signing_package::SigningPackage;
pub use verifying_key::VerifyingKey;

// Keep the names a reader of RFC 9591 looks for at the crate root too.
pub use keys::{KeyPackage, PublicKeyPackage};
