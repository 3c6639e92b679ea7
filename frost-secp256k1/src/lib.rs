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

use frost_core::{ByteOrder, Ciphersuite, ElementError, Group};
use k256::elliptic_curve::consts::U48;
use k256::elliptic_curve::group::GroupEncoding;
use k256::elliptic_curve::ops::LinearCombination;
use k256::elliptic_curve::{Field, PrimeField};
use k256::hash2curve::{self, ExpandMsgXmd};
use k256::{CompressedPoint, FieldBytes, ProjectivePoint, Scalar, Secp256k1};
use rand_core::CryptoRng;
use sha2::{Digest, Sha256};

pub use frost_core;

/// The secp256k1 group with its scalar field, on `k256`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Secp256K1Group;

impl Group for Secp256K1Group {
    type Scalar = Scalar;
    type Element = ProjectivePoint;

    const SCALAR_LEN: usize = 32;
    const ELEMENT_LEN: usize = 33;
    const SCALAR_BYTE_ORDER: ByteOrder = ByteOrder::BigEndian;

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
        Field::invert(scalar).into()
    }

    fn random_scalar<R: CryptoRng + ?Sized>(rng: &mut R) -> Scalar {
        Scalar::random(rng)
    }

    fn serialize_scalar(scalar: &Scalar, out: &mut [u8]) {
        out.copy_from_slice(&scalar.to_repr());
    }

    fn deserialize_scalar(bytes: &[u8]) -> Option<Scalar> {
        // `from_repr` refuses values >= the group order: encodings are unique.
        let repr = FieldBytes::try_from(bytes).ok()?;
        Scalar::from_repr(repr).into()
    }

    fn identity() -> ProjectivePoint {
        ProjectivePoint::IDENTITY
    }

    fn generator() -> ProjectivePoint {
        ProjectivePoint::GENERATOR
    }

    fn double(element: &ProjectivePoint) -> ProjectivePoint {
        // The dedicated doubling formula; Horner's rule over small
        // identifiers (verifying shares in part3) is mostly doublings.
        element.double()
    }

    fn base_mul(scalar: &Scalar) -> ProjectivePoint {
        // Constant time, with precomputed tables when the `std` feature is on.
        ProjectivePoint::mul_by_generator(scalar)
    }

    fn serialize_element(element: &ProjectivePoint, out: &mut [u8]) {
        // SEC1 compressed form. The identity has no 33-byte encoding; k256
        // pads its 1-byte `0x00` encoding with zeros, giving 33 zero bytes,
        // which `deserialize_element` refuses.
        out.copy_from_slice(&element.to_bytes());
    }

    fn serialize_elements(elements: &[ProjectivePoint], out: &mut [u8]) {
        // One field inversion for the whole batch instead of one per point:
        // the signing package's commitment list is 2t points.
        let affine =
            <ProjectivePoint as k256::elliptic_curve::BatchNormalize<[ProjectivePoint]>>::batch_normalize(elements);
        for (point, chunk) in affine.iter().zip(out.chunks_exact_mut(33)) {
            chunk.copy_from_slice(&point.to_bytes());
        }
    }

    fn deserialize_element(bytes: &[u8]) -> Result<ProjectivePoint, ElementError> {
        let repr = CompressedPoint::try_from(bytes).map_err(|_| ElementError::Malformed)?;
        match repr[0] {
            // Only the compressed form: `GroupEncoding` would also take the
            // 33-byte SEC1 "compact" form (tag 0x05), a second encoding.
            0x02 | 0x03 => {}
            // What `serialize_element` writes for the identity.
            0x00 if repr.iter().all(|&b| b == 0) => return Err(ElementError::Identity),
            _ => return Err(ElementError::Malformed),
        }
        // Decompression checks x < p and that x is on the curve; the cofactor
        // is 1, so every curve point is in the prime-order group, and a point
        // with an x-coordinate is never the identity.
        Option::from(ProjectivePoint::from_bytes(&repr)).ok_or(ElementError::Malformed)
    }

    fn vartime_multiscalar_mul(scalars: &[Scalar], elements: &[ProjectivePoint]) -> ProjectivePoint {
        debug_assert_eq!(scalars.len(), elements.len());
        // k256's slice `lincomb_vartime`: GLV decomposition and an interleaved
        // w-NAF over all terms, much faster than a sum of products.
        let terms: Vec<(ProjectivePoint, Scalar)> = elements.iter().copied().zip(scalars.iter().copied()).collect();
        ProjectivePoint::lincomb_vartime(terms.as_slice())
    }
}

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

frost_core::suite_api!(crate::Secp256K1Sha256);
