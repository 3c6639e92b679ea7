//! FROST for Bitcoin Taproot: threshold signatures that are
//! [BIP340](https://github.com/bitcoin/bips/blob/master/bip-0340.mediawiki)
//! Schnorr signatures over secp256k1, with the
//! [BIP341](https://github.com/bitcoin/bips/blob/master/bip-0341.mediawiki)
//! key tweaks of Taproot outputs.
//!
//! The whole [`frost_core`] API with the suite `FROST-secp256k1-SHA256-TR-v1`
//! filled in, plus the [`taproot`] module for tweaked keys. The suite is not
//! part of RFC 9591; it is the one of the `frost-secp256k1-tr` 3.x crate, and
//! exchanges the same bytes with it.
//!
//! What differs from the RFC 9591 secp256k1 suite:
//! - Signatures are 64 bytes, `x(R) || z`, and verify with any BIP340
//!   verifier against the 32-byte x-only key (see [`taproot::x_only`]).
//! - The challenge is BIP340's tagged hash `BIP0340/challenge` over
//!   `x(R) || x(P) || m`.
//! - BIP340 keys and nonces have even Y. FROST cannot choose them so, so both
//!   are normalised *at use*: when the group commitment `R` has odd Y the
//!   signers negate their nonces, and when the group key `P` has odd Y every
//!   signing share, verifying share and the key itself are negated while
//!   signing, aggregating and verifying. Stored packages are never changed.
//!
//! Everything else (identifiers, key packages, DKG and signing messages and
//! their encodings) is as in RFC 9591, with the suite's own context string.
//!
//! # Which key a package holds
//!
//! Every [`keys::KeyPackage`] and [`keys::PublicKeyPackage`] this crate
//! creates, from a trusted dealer or from the DKG, holds the **internal key**
//! `P` exactly as generated (its Y may be odd). A Taproot output commits to
//! the **output key** `Q = lift_x(x(P)) + t * G` of BIP341, which
//! [`taproot::output_key`] computes. The tweak `t` is applied only at use,
//! by [`taproot::sign_with_tweak`], [`taproot::aggregate_with_tweak`] and
//! [`taproot::verify_signature_share_with_tweak`], so it can never be applied
//! twice to a stored key. The plain [`round2::sign`] and [`aggregate`] sign
//! under the internal key itself ([`taproot::Tweak::Untweaked`]).
//!
//! ```
//! use std::collections::BTreeMap;
//! use frost_secp256k1_tr as frost;
//! use frost::taproot::{self, Tweak};
//!
//! let mut rng = rand::rng();
//! let (shares, public_key_package) =
//!     frost::keys::generate_with_dealer(3, 2, frost::keys::IdentifierList::Default, &mut rng)?;
//! let key_packages: BTreeMap<_, _> = shares
//!     .into_iter()
//!     .map(|(id, share)| Ok((id, frost::keys::KeyPackage::try_from(share)?)))
//!     .collect::<Result<_, frost::Error>>()?;
//!
//! // A key-path-only Taproot output: the address commits to x(Q).
//! let output_key = taproot::output_key(public_key_package.verifying_key(), &Tweak::KeyPath)?;
//! let _x_only: [u8; 32] = taproot::x_only(&output_key);
//!
//! let signers: Vec<_> = key_packages.keys().take(2).copied().collect();
//! let mut nonces = BTreeMap::new();
//! let mut commitments = BTreeMap::new();
//! for id in &signers {
//!     let (n, c) = frost::round1::commit(key_packages[id].signing_share(), &mut rng);
//!     nonces.insert(*id, n);
//!     commitments.insert(*id, c);
//! }
//! let signing_package = frost::SigningPackage::new(commitments, b"sighash");
//! let mut shares = BTreeMap::new();
//! for id in &signers {
//!     let nonces = nonces.remove(id).expect("committed above");
//!     let share = taproot::sign_with_tweak(&signing_package, nonces, &key_packages[id], &Tweak::KeyPath)?;
//!     shares.insert(*id, share);
//! }
//! let signature =
//!     taproot::aggregate_with_tweak(&signing_package, &shares, &public_key_package, &Tweak::KeyPath)?;
//!
//! // A BIP340 signature under the output key, not under the internal key.
//! output_key.verify(b"sighash", &signature)?;
//! assert!(public_key_package.verifying_key().verify(b"sighash", &signature).is_err());
//! assert_eq!(signature.serialize().len(), 64);
//! # Ok::<(), frost::Error>(())
//! ```
//!
//! # Differences from frost-secp256k1-tr 3.0
//!
//! Messages, signatures and untweaked and tweaked signing are byte for byte
//! the same. Deliberately different:
//! - Its DKG applies the key-path tweak to the keys it outputs (`post_dkg`),
//!   so its DKG packages hold `Q` rather than `P`, and tweaking them again
//!   (`sign_with_tweak`) tweaks twice. Ours hold `P` like the dealer's. In a
//!   group mixing both implementations, our participants sign with
//!   [`taproot::Tweak::KeyPath`] where theirs call plain `sign`; packages
//!   from its DKG loaded here already hold `Q`: sign them untweaked.
//! - A merkle root is exactly 32 bytes (a BIP341 script-tree root), not any
//!   byte string.
//! - A tweak hash not below the group order is refused
//!   ([`Error::InvalidTweak`](frost_core::Error::InvalidTweak)), as BIP341
//!   says, instead of being reduced (probability about `2^-128`).
//! - Re-randomized signing ([`rerandomized`], and [`taproot::rerandomized`]
//!   with tweaks) randomizes the internal key `P` and tweaks the result.
//!   3.0 randomizes whatever key its packages hold, which after its DKG is
//!   the tweaked `Q`. Untweaked sessions on the same keys are the same bytes.
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

mod even_y;
pub mod taproot;

use alloc::borrow::Cow;
use alloc::vec::Vec;

use frost_core::keys::{KeyPackage, PublicKeyPackage};
use frost_core::{Ciphersuite, Group};
use frost_secp256k1::{hash_to_scalar, sha256};
use k256::elliptic_curve::ops::Reduce;
use k256::{FieldBytes, ProjectivePoint, Scalar};
use sha2::{Digest, Sha256};

pub use frost_core;
pub use frost_secp256k1::Secp256K1Group;

/// The suite's context string.
const CONTEXT_STRING: &str = "FROST-secp256k1-SHA256-TR-v1";

/// BIP340's tagged hash `SHA-256(SHA-256(tag) || SHA-256(tag) || parts)`.
pub(crate) fn tagged_hash(tag: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let tag_hash = Sha256::digest(tag);
    let mut h = Sha256::new();
    h.update(tag_hash);
    h.update(tag_hash);
    for part in parts {
        h.update(part);
    }
    h.finalize().into()
}

/// The x-coordinate of a point: its SEC1 compressed encoding without the
/// parity byte.
pub(crate) fn x_coordinate(point: &ProjectivePoint) -> [u8; 32] {
    let mut sec1 = [0u8; 33];
    Secp256K1Group::serialize_element(point, &mut sec1);
    let mut x = [0u8; 32];
    x.copy_from_slice(&sec1[1..]);
    x
}

/// Whether a point has odd Y (the identity counts as even).
pub(crate) fn has_odd_y(point: &ProjectivePoint) -> bool {
    let mut sec1 = [0u8; 33];
    Secp256K1Group::serialize_element(point, &mut sec1);
    sec1[0] == 0x03
}

/// FROST for Taproot over secp256k1 with SHA-256, context string
/// `FROST-secp256k1-SHA256-TR-v1`: BIP340 signatures.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Secp256K1Sha256TR;

#[allow(non_snake_case)]
impl Ciphersuite for Secp256K1Sha256TR {
    const ID: &'static str = CONTEXT_STRING;
    type Group = Secp256K1Group;

    fn H1(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(CONTEXT_STRING, b"rho", parts)
    }

    /// BIP340's challenge hash: `int(tagged_hash("BIP0340/challenge", m)) mod n`.
    fn H2(parts: &[&[u8]]) -> Scalar {
        let digest = tagged_hash(b"BIP0340/challenge", parts);
        <Scalar as Reduce<FieldBytes>>::reduce(&FieldBytes::from(digest))
    }

    fn H3(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(CONTEXT_STRING, b"nonce", parts)
    }

    fn H4(parts: &[&[u8]]) -> Vec<u8> {
        sha256(CONTEXT_STRING, b"msg", parts).to_vec()
    }

    fn H5(parts: &[&[u8]]) -> Vec<u8> {
        sha256(CONTEXT_STRING, b"com", parts).to_vec()
    }

    fn HDKG(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(CONTEXT_STRING, b"dkg", parts)
    }

    fn HID(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(CONTEXT_STRING, b"id", parts)
    }

    /// BIP340: `H2(x(R) || x(P) || m)` over x-only encodings.
    fn challenge(group_commitment: &ProjectivePoint, verifying_key: &ProjectivePoint, message: &[u8]) -> Scalar {
        Self::H2(&[&x_coordinate(group_commitment), &x_coordinate(verifying_key), message])
    }

    /// BIP340 signs with an even-Y `R`: negate the nonces when it is odd.
    fn negate_nonces(group_commitment: &ProjectivePoint) -> bool {
        has_odd_y(group_commitment)
    }

    fn pre_single_sign(signing_key: &frost_core::SigningKey<Self>) -> Cow<'_, frost_core::SigningKey<Self>> {
        even_y::signing_key(signing_key)
    }

    fn pre_sign(key_package: &KeyPackage<Self>) -> Result<Cow<'_, KeyPackage<Self>>, frost_core::Error<Self>> {
        even_y::key_package(key_package)
    }

    fn pre_aggregate(
        public_key_package: &PublicKeyPackage<Self>,
    ) -> Result<Cow<'_, PublicKeyPackage<Self>>, frost_core::Error<Self>> {
        Ok(even_y::public_key_package(public_key_package))
    }

    fn pre_verify(verifying_key: &frost_core::VerifyingKey<Self>) -> Cow<'_, frost_core::VerifyingKey<Self>> {
        even_y::verifying_key(verifying_key)
    }

    /// BIP340's 64 bytes `x(R) || z`; `R` is even-Y in every signature this
    /// crate produces, so the x-coordinate alone determines it.
    fn serialize_signature(signature: &frost_core::Signature<Self>) -> Vec<u8> {
        let mut bytes = signature.default_serialize();
        bytes.remove(0);
        bytes
    }

    /// Decodes `x(R) || z`, lifting `x(R)` to the even-Y point; refuses an
    /// `x(R)` not on the curve and a non-canonical `z`.
    fn deserialize_signature(bytes: &[u8]) -> Result<frost_core::Signature<Self>, frost_core::Error<Self>> {
        if bytes.len() < 64 {
            return Err(frost_core::DecodeError::Truncated.into());
        }
        if bytes.len() > 64 {
            return Err(frost_core::DecodeError::TrailingBytes.into());
        }
        let mut sec1 = [0u8; 65];
        sec1[0] = 0x02;
        sec1[1..].copy_from_slice(bytes);
        frost_core::Signature::default_deserialize(&sec1)
    }
}

frost_core::suite_api!(crate::Secp256K1Sha256TR, keys: {
    frost_core::__suite_chilldkg_api!(crate::Secp256K1Sha256TR);
    frost_core::__suite_cocktail_api!(crate::Secp256K1Sha256TR);
});

impl frost_core::keys::chilldkg::ChillDkgCiphersuite for Secp256K1Sha256TR {
    fn scalar_from_bytes_wrapping(bytes: &[u8; 32]) -> Scalar {
        <frost_secp256k1::Secp256K1Sha256 as frost_core::keys::chilldkg::ChillDkgCiphersuite>::scalar_from_bytes_wrapping(
            bytes,
        )
    }
}
/// The re-randomized FROST randomizer hash, tag `"randomizer"`.
impl frost_core::rerandomized::RandomizedCiphersuite for Secp256K1Sha256TR {
    fn hash_randomizer(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(CONTEXT_STRING, b"randomizer", parts)
    }
}

/// COCKTAIL-DKG through COCKTAIL's secp256k1 suite (the same bytes as
/// `frost-secp256k1`'s). The output carries **no** Taproot tweak: sign for an
/// output key with a key-path tweak (BIP 341's unspendable-script
/// commitment) or the application's own merkle root, never for the bare key,
/// which a participant could have built to hide a script path.
impl frost_core::keys::cocktail::CocktailCiphersuite for Secp256K1Sha256TR {
    const COCKTAIL_ID: &'static str = <Rfc as Cocktail>::COCKTAIL_ID;
    const HASH_LEN: usize = <Rfc as Cocktail>::HASH_LEN;
    const SAMPLE_LEN: usize = <Rfc as Cocktail>::SAMPLE_LEN;
    const H6_LENGTH_PREFIX: bool = <Rfc as Cocktail>::H6_LENGTH_PREFIX;

    fn hash(parts: &[&[u8]]) -> Vec<u8> {
        <Rfc as Cocktail>::hash(parts)
    }

    fn h6(parts: &[&[u8]]) -> frost_core::keys::cocktail::SecretBytes<Vec<u8>> {
        <Rfc as Cocktail>::h6(parts)
    }

    fn schnorr_prefix(nonce: bool) -> Vec<u8> {
        <Rfc as Cocktail>::schnorr_prefix(nonce)
    }

    fn hash_to_scalar(parts: &[&[u8]]) -> Scalar {
        <Rfc as Cocktail>::hash_to_scalar(parts)
    }

    fn scalar_from_sample(bytes: &[u8]) -> Option<Scalar> {
        <Rfc as Cocktail>::scalar_from_sample(bytes)
    }

    fn derive_scalar(parts: &[&[u8]]) -> Scalar {
        <Rfc as Cocktail>::derive_scalar(parts)
    }

    fn aead_encrypt(key: &[u8; 32], nonce: &[u8; 24], plaintext: &[u8]) -> Vec<u8> {
        <Rfc as Cocktail>::aead_encrypt(key, nonce, plaintext)
    }

    fn aead_decrypt(
        key: &[u8; 32],
        nonce: &[u8; 24],
        ciphertext: &[u8],
    ) -> Option<frost_core::keys::cocktail::SecretBytes<Vec<u8>>> {
        <Rfc as Cocktail>::aead_decrypt(key, nonce, ciphertext)
    }
}

/// The RFC 9591 secp256k1 suite, whose COCKTAIL primitives this one reuses.
type Rfc = frost_secp256k1::Secp256K1Sha256;
use frost_core::keys::cocktail::CocktailCiphersuite as Cocktail;
