//! FROST(secp256k1, SHA-256): threshold Schnorr signatures
//! ([RFC 9591 §6.5](https://www.rfc-editor.org/rfc/rfc9591#section-6.5)) over
//! the secp256k1 curve, on the RustCrypto `k256` crate.
//!
//! The whole [`frost_core`] API, with this suite's types filled in. To use
//! another curve, change the dependency line; the code stays the same.
//!
//! These are RFC 9591 signatures (33-byte compressed `R`, SHA-256 challenge
//! with the suite's domain separation), not BIP340 Schnorr signatures: Bitcoin
//! Taproot verifiers will not accept them.
//!
//! ```
//! use std::collections::BTreeMap;
//! use frost_secp256k1 as frost;
//!
//! let mut rng = rand::rng();
//! // A trusted dealer splits a fresh key, 2-of-3.
//! let (shares, public_key_package) =
//!     frost::keys::generate_with_dealer(3, 2, frost::keys::IdentifierList::Default, &mut rng)?;
//! let key_packages: BTreeMap<_, _> = shares
//!     .into_iter()
//!     .map(|(id, share)| Ok((id, frost::keys::KeyPackage::try_from(share)?)))
//!     .collect::<Result<_, frost::Error>>()?;
//!
//! // Round one: two signers commit.
//! let signers: Vec<_> = key_packages.keys().take(2).copied().collect();
//! let mut nonces = BTreeMap::new();
//! let mut commitments = BTreeMap::new();
//! for id in &signers {
//!     let (n, c) = frost::round1::commit(key_packages[id].signing_share(), &mut rng);
//!     nonces.insert(*id, n);
//!     commitments.insert(*id, c);
//! }
//!
//! // Round two: the coordinator sends one signing package; each signer signs.
//! let signing_package = frost::SigningPackage::new(commitments, b"message");
//! let mut shares = BTreeMap::new();
//! for id in &signers {
//!     let nonces = nonces.remove(id).expect("committed above");
//!     shares.insert(*id, frost::round2::sign(&signing_package, nonces, &key_packages[id])?);
//! }
//!
//! // The coordinator aggregates; anyone verifies with the group key.
//! let signature = frost::aggregate(&signing_package, &shares, &public_key_package)?;
//! public_key_package.verifying_key().verify(b"message", &signature)?;
//! # Ok::<(), frost::Error>(())
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;

use frost_core::Ciphersuite;
use k256::elliptic_curve::consts::U48;
use k256::hash2curve::{self, ExpandMsgXmd};
use k256::{Scalar, Secp256k1};
use sha2::{Digest, Sha256};

pub use frost_core;

/// The secp256k1 group with its scalar field, on `k256`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Secp256K1Group;

frost_core::sec1_group!(Secp256K1Group, k256);

/// The suite's context string.
const CONTEXT_STRING: &str = "FROST-secp256k1-SHA256-v1";

/// `hash_to_field(m, 1)` of RFC 9380 into the scalar field, with
/// `expand_message_xmd(SHA-256)`, L = 48 and DST = context || tag, as RFC 9591
/// §6.5 specifies for H1, H2, H3 (and frost-core 3.x for the DKG and
/// identifier hashes). The message is the concatenation of `parts`.
///
/// Public for `frost-secp256k1-tr`, which hashes the same way under its own
/// context string; hidden from the docs and not a stable API.
#[doc(hidden)]
pub fn hash_to_scalar(context: &str, tag: &[u8], parts: &[&[u8]]) -> Scalar {
    hash2curve::hash_to_scalar::<Secp256k1, ExpandMsgXmd<Sha256>, U48>(parts, &[context.as_bytes(), tag])
        // XMD fails only for an empty or oversized DST or output length; ours
        // are fixed, non-empty and small.
        .expect("fixed DST and output length are valid for expand_message_xmd")
}

/// SHA-256(context || tag || parts), for H4 and H5; public (and hidden)
/// like [`hash_to_scalar`].
#[doc(hidden)]
pub fn sha256(context: &str, tag: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(context.as_bytes());
    h.update(tag);
    for part in parts {
        h.update(part);
    }
    h.finalize().into()
}

/// FROST(secp256k1, SHA-256), context string `FROST-secp256k1-SHA256-v1`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Secp256K1Sha256;

#[allow(non_snake_case)]
impl Ciphersuite for Secp256K1Sha256 {
    const ID: &'static str = CONTEXT_STRING;
    type Group = Secp256K1Group;

    fn H1(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(CONTEXT_STRING, b"rho", parts)
    }

    fn H2(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(CONTEXT_STRING, b"chal", parts)
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
}

frost_core::suite_api!(crate::Secp256K1Sha256, keys: {
    frost_core::__suite_chilldkg_api!(crate::Secp256K1Sha256);
    frost_core::__suite_cocktail_api!(crate::Secp256K1Sha256);
});

impl frost_core::keys::chilldkg::ChillDkgCiphersuite for Secp256K1Sha256 {
    fn scalar_from_bytes_wrapping(bytes: &[u8; 32]) -> Scalar {
        <Scalar as k256::elliptic_curve::ops::Reduce<k256::FieldBytes>>::reduce(&k256::FieldBytes::from(*bytes))
    }
}
/// The re-randomized FROST randomizer hash, tag `"randomizer"`.
impl frost_core::rerandomized::RandomizedCiphersuite for Secp256K1Sha256 {
    fn hash_randomizer(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(CONTEXT_STRING, b"randomizer", parts)
    }
}

/// SHA-256 over the concatenation of `parts`.
fn sha256_of(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for part in parts {
        h.update(part);
    }
    h.finalize().into()
}

/// `SHA-256(tag) || SHA-256(tag)`, the start of a BIP340 tagged hash.
fn tag_prefix(tag: &[u8]) -> Vec<u8> {
    let t = Sha256::digest(tag);
    let mut out = t.to_vec();
    out.extend_from_slice(&t);
    out
}

/// A 32-byte big-endian value modulo n.
fn reduce32(bytes: [u8; 32]) -> Scalar {
    <Scalar as k256::elliptic_curve::ops::Reduce<k256::FieldBytes>>::reduce(&k256::FieldBytes::from(bytes))
}

/// COCKTAIL(secp256k1, SHA-256): BIP340 tagged hashes (`COCKTAIL-DKG/H6`,
/// `/NONCE`, `/H7`), XAES-256-GCM. Also `frost-secp256k1-tr`'s COCKTAIL
/// suite. No Taproot tweak is applied to the output.
impl frost_core::keys::cocktail::CocktailCiphersuite for Secp256K1Sha256 {
    const COCKTAIL_ID: &'static str = "COCKTAIL(secp256k1, SHA-256)";
    const HASH_LEN: usize = 32;
    const SAMPLE_LEN: usize = 32;
    const H6_LENGTH_PREFIX: bool = false;

    fn hash(parts: &[&[u8]]) -> Vec<u8> {
        sha256_of(parts).to_vec()
    }

    fn h6(parts: &[&[u8]]) -> frost_core::keys::cocktail::SecretBytes<Vec<u8>> {
        let prefix = tag_prefix(b"COCKTAIL-DKG/H6");
        let mut all = Vec::with_capacity(parts.len() + 1);
        all.push(&prefix[..]);
        all.extend_from_slice(parts);
        frost_core::keys::cocktail::SecretBytes::new(sha256_of(&all).to_vec())
    }

    fn schnorr_prefix(nonce: bool) -> Vec<u8> {
        tag_prefix(if nonce {
            b"COCKTAIL-DKG/NONCE"
        } else {
            b"COCKTAIL-DKG/H7"
        })
    }

    fn hash_to_scalar(parts: &[&[u8]]) -> Scalar {
        reduce32(sha256_of(parts))
    }

    fn scalar_from_sample(bytes: &[u8]) -> Option<Scalar> {
        <Secp256K1Group as frost_core::Group>::deserialize_scalar(bytes)
    }

    fn derive_scalar(parts: &[&[u8]]) -> Scalar {
        reduce32(sha256_of(parts))
    }

    frost_core::__cocktail_aead!(xaes_256_gcm, Xaes256Gcm);
}
