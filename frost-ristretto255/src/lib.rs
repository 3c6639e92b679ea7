//! FROST(ristretto255, SHA-512): threshold Schnorr signatures
//! ([RFC 9591 §6.2](https://www.rfc-editor.org/rfc/rfc9591#section-6.2)) over
//! the ristretto255 prime-order group, on curve25519-dalek.
//!
//! The whole [`frost_core`] API, with this suite's types filled in. To use
//! another curve, change the dependency line; the code stays the same.
//!
//! ```
//! use std::collections::BTreeMap;
//! use frost_ristretto255 as frost;
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

use curve25519_dalek::constants::RISTRETTO_BASEPOINT_POINT;
use curve25519_dalek::ristretto::{CompressedRistretto, RistrettoPoint};
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::{Identity, VartimeMultiscalarMul};
use frost_core::{ByteOrder, Ciphersuite, ElementError, Group};
use rand_core::CryptoRng;
use sha2::{Digest, Sha512};

pub use frost_core;

/// The ristretto255 group with its scalar field, on curve25519-dalek.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Ristretto255Group;

impl Group for Ristretto255Group {
    type Scalar = Scalar;
    type Element = RistrettoPoint;

    const SCALAR_LEN: usize = 32;
    const ELEMENT_LEN: usize = 32;
    const SCALAR_BYTE_ORDER: ByteOrder = ByteOrder::LittleEndian;

    fn zero() -> Scalar {
        Scalar::ZERO
    }

    fn one() -> Scalar {
        Scalar::ONE
    }

    fn scalar_from_u64(n: u64) -> Scalar {
        Scalar::from(n)
    }

    fn invert(scalar: &Scalar) -> Option<Scalar> {
        (*scalar != Scalar::ZERO).then(|| scalar.invert())
    }

    fn random_scalar<R: CryptoRng + ?Sized>(rng: &mut R) -> Scalar {
        Scalar::random(rng)
    }

    fn serialize_scalar(scalar: &Scalar, out: &mut [u8]) {
        out.copy_from_slice(scalar.as_bytes());
    }

    fn deserialize_scalar(bytes: &[u8]) -> Option<Scalar> {
        let bytes: [u8; 32] = bytes.try_into().ok()?;
        Scalar::from_canonical_bytes(bytes).into()
    }

    fn identity() -> RistrettoPoint {
        RistrettoPoint::identity()
    }

    fn generator() -> RistrettoPoint {
        RISTRETTO_BASEPOINT_POINT
    }

    fn double(element: &RistrettoPoint) -> RistrettoPoint {
        // The dedicated doubling formula; Horner's rule over small
        // identifiers (verifying shares in part3) is mostly doublings.
        group::Group::double(element)
    }

    fn base_mul(scalar: &Scalar) -> RistrettoPoint {
        RistrettoPoint::mul_base(scalar)
    }

    fn serialize_element(element: &RistrettoPoint, out: &mut [u8]) {
        out.copy_from_slice(element.compress().as_bytes());
    }

    fn deserialize_element(bytes: &[u8]) -> Result<RistrettoPoint, ElementError> {
        // Ristretto decoding accepts only canonical encodings, and every
        // ristretto255 element is in the prime-order group.
        let point = CompressedRistretto::from_slice(bytes)
            .ok()
            .and_then(|c| c.decompress())
            .ok_or(ElementError::Malformed)?;
        if point == RistrettoPoint::identity() {
            return Err(ElementError::Identity);
        }
        Ok(point)
    }

    fn vartime_multiscalar_mul(scalars: &[Scalar], elements: &[RistrettoPoint]) -> RistrettoPoint {
        RistrettoPoint::vartime_multiscalar_mul(scalars, elements)
    }
}

/// The suite's context string.
const CONTEXT_STRING: &str = "FROST-RISTRETTO255-SHA512-v1";

fn sha512(tag: &[u8], parts: &[&[u8]]) -> [u8; 64] {
    let mut h = Sha512::new();
    h.update(CONTEXT_STRING.as_bytes());
    h.update(tag);
    for part in parts {
        h.update(part);
    }
    h.finalize().into()
}

fn hash_to_scalar(tag: &[u8], parts: &[&[u8]]) -> Scalar {
    Scalar::from_bytes_mod_order_wide(&sha512(tag, parts))
}

/// FROST(ristretto255, SHA-512), context string `FROST-RISTRETTO255-SHA512-v1`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Ristretto255Sha512;

#[allow(non_snake_case)]
impl Ciphersuite for Ristretto255Sha512 {
    const ID: &'static str = CONTEXT_STRING;
    type Group = Ristretto255Group;

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
        sha512(b"msg", parts).to_vec()
    }

    fn H5(parts: &[&[u8]]) -> Vec<u8> {
        sha512(b"com", parts).to_vec()
    }

    fn HDKG(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(b"dkg", parts)
    }

    fn HID(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(b"id", parts)
    }
}

/// The re-randomized FROST randomizer hash, tag `"randomizer"`.
impl frost_core::rerandomized::RandomizedCiphersuite for Ristretto255Sha512 {
    fn hash_randomizer(parts: &[&[u8]]) -> Scalar {
        hash_to_scalar(b"randomizer", parts)
    }
}

frost_core::suite_api!(crate::Ristretto255Sha512, keys: {
    frost_core::__suite_cocktail_api!(crate::Ristretto255Sha512);
});

/// Compiles and runs the README's code as a doc test, so it cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// COCKTAIL(Ristretto255, SHA-512): SHA-512 hashes, XChaCha20-Poly1305.
impl frost_core::keys::cocktail::CocktailCiphersuite for Ristretto255Sha512 {
    const COCKTAIL_ID: &'static str = "COCKTAIL(Ristretto255, SHA-512)";
    frost_core::__cocktail_sha512!("COCKTAIL-DKG-Ristretto255-SHA512");
    frost_core::__cocktail_aead!(chacha20poly1305, XChaCha20Poly1305);
}
