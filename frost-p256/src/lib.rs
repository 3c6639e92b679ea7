//! FROST(P-256, SHA-256): threshold Schnorr signatures
//! ([RFC 9591 §6.4](https://www.rfc-editor.org/rfc/rfc9591#section-6.4)) over
//! the NIST P-256 curve (secp256r1), on the RustCrypto `p256` crate.
//!
//! The whole [`frost_core`] API, with this suite's types filled in. To use
//! another curve, change the dependency line; the code stays the same.
//!
//! The signatures are Schnorr signatures (65 bytes: compressed `R`, then `z`),
//! not ECDSA: verify them with this crate, not with a P-256 ECDSA verifier.
//!
//! ```
//! use std::collections::BTreeMap;
//! use frost_p256 as frost;
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
use p256::elliptic_curve::consts::U48;
use p256::hash2curve::{self, ExpandMsgXmd};
use p256::{NistP256, Scalar};
use sha2::{Digest, Sha256};

pub use frost_core;

/// The P-256 group with its scalar field, on `p256`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct P256Group;

frost_core::sec1_group!(P256Group, p256);

/// The suite's context string.
const CONTEXT_STRING: &str = "FROST-P256-SHA256-v1";

/// RFC 9380 `hash_to_field(m, 1)` into the scalar field: `expand_message_xmd`
/// with SHA-256, L = 48 bytes reduced modulo n, DST = context || tag
/// (RFC 9591 §6.4 for H1 to H3; frost-core 3.x uses the same for the DKG and
/// identifier hashes). The message is `parts` concatenated.
fn hash_to_scalar(tag: &[u8], parts: &[&[u8]]) -> Scalar {
    hash2curve::hash_to_scalar::<NistP256, ExpandMsgXmd<Sha256>, U48>(parts, &[CONTEXT_STRING.as_bytes(), tag])
        // XMD only fails for an empty or over-long DST or output; both are
        // constants here, and valid.
        .expect("constant DST and length are valid for expand_message_xmd")
}

/// SHA-256(context || tag || parts): H4 and H5 hash without reduction.
fn sha256(tag: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(CONTEXT_STRING.as_bytes());
    h.update(tag);
    for part in parts {
        h.update(part);
    }
    h.finalize().into()
}

/// FROST(P-256, SHA-256), context string `FROST-P256-SHA256-v1`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct P256Sha256;

#[allow(non_snake_case)]
impl Ciphersuite for P256Sha256 {
    const ID: &'static str = CONTEXT_STRING;
    type Group = P256Group;

    fn H1(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(b"rho", parts)
    }

    fn H2(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(b"chal", parts)
    }

    fn H3(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(b"nonce", parts)
    }

    fn H4(parts: &[&[u8]]) -> Vec<u8> {
        sha256(b"msg", parts).to_vec()
    }

    fn H5(parts: &[&[u8]]) -> Vec<u8> {
        sha256(b"com", parts).to_vec()
    }

    fn HDKG(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(b"dkg", parts)
    }

    fn HID(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(b"id", parts)
    }
}

/// The re-randomized FROST randomizer hash, tag `"randomizer"`.
impl frost_core::rerandomized::RandomizedCiphersuite for P256Sha256 {
    fn hash_randomizer(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(b"randomizer", parts)
    }
}

frost_core::suite_api!(crate::P256Sha256, keys: {
    frost_core::__suite_cocktail_api!(crate::P256Sha256);
});

/// SHA-256 over the concatenation of `parts`.
fn sha256_of(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for part in parts {
        h.update(part);
    }
    h.finalize().into()
}

/// COCKTAIL(P-256, SHA-256): SHA-256 hashes, XAES-256-GCM.
impl frost_core::keys::cocktail::CocktailCiphersuite for P256Sha256 {
    const COCKTAIL_ID: &'static str = "COCKTAIL(P-256, SHA-256)";
    const HASH_LEN: usize = 32;
    const SAMPLE_LEN: usize = 32;

    fn hash(parts: &[&[u8]]) -> Vec<u8> {
        sha256_of(parts).to_vec()
    }

    fn h6(parts: &[&[u8]]) -> frost_core::keys::cocktail::SecretBytes<Vec<u8>> {
        let mut all = Vec::with_capacity(parts.len() + 1);
        all.push(&b"COCKTAIL-DKG-P256-SHA256-H6"[..]);
        all.extend_from_slice(parts);
        frost_core::keys::cocktail::SecretBytes::new(sha256_of(&all).to_vec())
    }

    fn schnorr_prefix(nonce: bool) -> Vec<u8> {
        let prefix: &[u8] = if nonce {
            b"COCKTAIL-DKG-P256-SHA256-NONCE"
        } else {
            b"COCKTAIL-DKG-P256-SHA256-H7"
        };
        prefix.to_vec()
    }

    /// 48 bytes, `SHA-256(0x01 || m) || SHA-256(0x02 || m)[..16]`, read
    /// big-endian modulo n: the spec's P-256 `HashToScalar`.
    fn hash_to_scalar(parts: &[&[u8]]) -> Scalar {
        let mut all = Vec::with_capacity(parts.len() + 1);
        all.push(&[1u8][..]);
        all.extend_from_slice(parts);
        let first = sha256_of(&all);
        all[0] = &[2u8];
        let second = sha256_of(&all);
        let mut wide = p256::elliptic_curve::array::Array::<u8, U48>::default();
        wide[..32].copy_from_slice(&first);
        wide[32..].copy_from_slice(&second[..16]);
        <Scalar as p256::elliptic_curve::ops::Reduce<_>>::reduce(&wide)
    }

    fn scalar_from_sample(bytes: &[u8]) -> Option<Scalar> {
        <P256Group as frost_core::Group>::deserialize_scalar(bytes)
    }

    fn derive_scalar(parts: &[&[u8]]) -> Scalar {
        <Scalar as p256::elliptic_curve::ops::Reduce<p256::FieldBytes>>::reduce(&p256::FieldBytes::from(sha256_of(
            parts,
        )))
    }

    frost_core::__cocktail_aead!(xaes_256_gcm, Xaes256Gcm);
}
