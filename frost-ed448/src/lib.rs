//! FROST(Ed448, SHAKE256): threshold Schnorr signatures
//! ([RFC 9591 §6.3](https://www.rfc-editor.org/rfc/rfc9591#section-6.3)) over
//! edwards448.
//!
//! The group elements are this crate's own [`EdwardsPoint`]s, computed on
//! fiat-crypto's formally verified `p448_solinas_64` field; ed448-goldilocks
//! provides the scalars (and, in the tests, the reference points every
//! operation is checked against).
//!
//! Constant time: field arithmetic, point addition and doubling, and the
//! scalar multiplications `P * s` and the base-point multiplication, which
//! may see secrets (no secret-indexed memory access, no secret branch).
//! Variable time, on public data only: decoding (its input is received
//! bytes), the subgroup check inside it, and
//! [`Group::vartime_multiscalar_mul`], which FROST only applies to
//! commitments, proofs, verifying shares and signatures.
//!
//! Group signatures are plain Ed448 signatures with an empty context
//! ([RFC 8032 §5.2]): any Ed448 verifier accepts them under the group's
//! verifying key.
//!
//! The whole [`frost_core`] API, with this suite's types filled in. To use
//! another curve, change the dependency line; the code stays the same.
//!
//! [RFC 8032 §5.2]: https://www.rfc-editor.org/rfc/rfc8032#section-5.2
//!
//! ```
//! use std::collections::BTreeMap;
//! use frost_ed448 as frost;
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
//! // The 114 bytes are an ordinary Ed448 signature.
//! assert_eq!(signature.serialize().len(), 114);
//! # Ok::<(), frost::Error>(())
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

#[cfg(any(test, feature = "internals"))]
#[doc(hidden)]
pub mod differential;
mod edwards;
mod field;
mod scalar_mul;
#[cfg(test)]
mod tests;

use alloc::vec::Vec;
use core::ops::Mul;

use ed448_goldilocks::elliptic_curve::Field;
use ed448_goldilocks::elliptic_curve::bigint::U448;
use ed448_goldilocks::{EdwardsScalar, ORDER, WideEdwardsScalarBytes};
use frost_core::{ByteOrder, Ciphersuite, ElementError, Group};
use rand_core::CryptoRng;
use shake::{ExtendableOutput, Shake256, Update};

pub use edwards::EdwardsPoint;
pub use frost_core;

/// `scalar·point` in constant time (the scalar may be secret).
impl Mul<EdwardsScalar> for EdwardsPoint {
    type Output = EdwardsPoint;
    fn mul(self, scalar: EdwardsScalar) -> EdwardsPoint {
        scalar_mul::mul(&self, &scalar)
    }
}

/// `scalar·point` in constant time (the scalar may be secret).
impl Mul<&EdwardsScalar> for &EdwardsPoint {
    type Output = EdwardsPoint;
    fn mul(self, scalar: &EdwardsScalar) -> EdwardsPoint {
        scalar_mul::mul(self, scalar)
    }
}

/// The prime-order subgroup of edwards448 with its scalar field, on
/// ed448-goldilocks.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Ed448Group;

impl Group for Ed448Group {
    type Scalar = EdwardsScalar;
    type Element = EdwardsPoint;

    const SCALAR_LEN: usize = 57;
    const ELEMENT_LEN: usize = 57;
    const SCALAR_BYTE_ORDER: ByteOrder = ByteOrder::LittleEndian;

    fn zero() -> EdwardsScalar {
        EdwardsScalar::ZERO
    }

    fn one() -> EdwardsScalar {
        EdwardsScalar::ONE
    }

    fn scalar_from_u64(n: u64) -> EdwardsScalar {
        EdwardsScalar::from(n)
    }

    fn invert(scalar: &EdwardsScalar) -> Option<EdwardsScalar> {
        // Bernstein-Yang inversion (crypto-bigint's safegcd, constant time):
        // the crate's own inverse is an exponentiation, twenty times slower.
        // `None` exactly for zero, as the trait wants.
        let value = U448::from_le_slice(&scalar.to_bytes());
        let inverse: Option<U448> = value.invert_odd_mod(&ORDER).into();
        let mut bytes = [0u8; 57];
        bytes[..56].copy_from_slice(&inverse?.to_le_bytes());
        EdwardsScalar::from_canonical_bytes(&bytes.into()).into()
    }

    fn random_scalar<R: CryptoRng + ?Sized>(rng: &mut R) -> EdwardsScalar {
        // Reduces 114 random bytes: uniform up to a negligible bias. (The
        // inherent `EdwardsScalar::random` would want a sized `R`.)
        <EdwardsScalar as Field>::random(rng)
    }

    fn serialize_scalar(scalar: &EdwardsScalar, out: &mut [u8]) {
        // 56 bytes of value and a zero 57th byte, as RFC 8032 encodes `S`.
        out.copy_from_slice(&scalar.to_bytes_rfc_8032());
    }

    fn deserialize_scalar(bytes: &[u8]) -> Option<EdwardsScalar> {
        let bytes: [u8; 57] = bytes.try_into().ok()?;
        // Canonical only (< ℓ, 57th byte zero): a reduced encoding would make
        // two byte strings mean the same share or signature. The crate's
        // check lets a non-zero 57th byte through when the top bits of byte
        // 55 are clear, then ignores that byte; so we check it ourselves.
        if bytes[56] != 0 {
            return None;
        }
        EdwardsScalar::from_canonical_bytes(&bytes.into()).into()
    }

    fn identity() -> EdwardsPoint {
        EdwardsPoint::IDENTITY
    }

    fn generator() -> EdwardsPoint {
        EdwardsPoint::GENERATOR
    }

    /// With `std`, a table of multiples of the base point built on first use
    /// (176 kB); without it, the variable-base multiplication. Constant time
    /// either way.
    fn base_mul(scalar: &EdwardsScalar) -> EdwardsPoint {
        scalar_mul::base_mul(scalar)
    }

    fn double(element: &EdwardsPoint) -> EdwardsPoint {
        element.double()
    }

    fn serialize_element(element: &EdwardsPoint, out: &mut [u8]) {
        out.copy_from_slice(&element.to_bytes());
    }

    fn serialize_elements(elements: &[EdwardsPoint], out: &mut [u8]) {
        // One field inversion for the whole batch instead of one per point:
        // the signing package's commitment list is 2t points.
        EdwardsPoint::batch_encode(elements, out);
    }

    fn deserialize_element(bytes: &[u8]) -> Result<EdwardsPoint, ElementError> {
        let bytes: &[u8; 57] = bytes.try_into().map_err(|_| ElementError::Malformed)?;
        EdwardsPoint::from_bytes(bytes)
    }

    /// The generic Straus/Pippenger of [`frost_core::msm`] on our points.
    fn vartime_multiscalar_mul(scalars: &[EdwardsScalar], elements: &[EdwardsPoint]) -> EdwardsPoint {
        scalar_mul::vartime_multiscalar_mul(scalars, elements)
    }
}

/// The suite's context string.
const CONTEXT_STRING: &str = "FROST-ED448-SHAKE256-v1";

/// RFC 8032's `dom4(0, "")`: "SigEd448", phflag 0, empty context.
const DOM4_EMPTY: &[u8] = b"SigEd448\x00\x00";

/// 114 bytes of SHAKE256(`prefix || parts`), hashed piecewise to avoid a
/// buffer.
fn shake256(prefix: &[&[u8]], parts: &[&[u8]]) -> [u8; 114] {
    let mut h = Shake256::default();
    for part in prefix.iter().chain(parts) {
        h.update(part);
    }
    let mut out = [0u8; 114];
    h.finalize_xof_into(&mut out);
    out
}

/// A 114-byte digest reduced modulo ℓ; twice the scalar size makes the bias
/// negligible.
fn reduce(digest: [u8; 114]) -> EdwardsScalar {
    EdwardsScalar::from_bytes_mod_order_wide(&WideEdwardsScalarBytes::from(digest))
}

/// SHAKE256(context || tag || m) reduced to a scalar.
fn hash_to_scalar(tag: &[u8], parts: &[&[u8]]) -> EdwardsScalar {
    reduce(shake256(&[CONTEXT_STRING.as_bytes(), tag], parts))
}

/// FROST(Ed448, SHAKE256), context string `FROST-ED448-SHAKE256-v1`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Ed448Shake256;

#[allow(non_snake_case)]
impl Ciphersuite for Ed448Shake256 {
    const ID: &'static str = CONTEXT_STRING;
    type Group = Ed448Group;

    fn H1(parts: &[&[u8]]) -> EdwardsScalar {
        hash_to_scalar(b"rho", parts)
    }

    fn H2(parts: &[&[u8]]) -> EdwardsScalar {
        // RFC 8032's Ed448 challenge, SHAKE256(dom4(0, "") || R || A || M),
        // rather than our context string: group signatures must be Ed448
        // signatures.
        reduce(shake256(&[DOM4_EMPTY], parts))
    }

    fn H3(parts: &[&[u8]]) -> EdwardsScalar {
        hash_to_scalar(b"nonce", parts)
    }

    fn H4(parts: &[&[u8]]) -> Vec<u8> {
        shake256(&[CONTEXT_STRING.as_bytes(), b"msg"], parts).to_vec()
    }

    fn H5(parts: &[&[u8]]) -> Vec<u8> {
        shake256(&[CONTEXT_STRING.as_bytes(), b"com"], parts).to_vec()
    }

    fn HDKG(parts: &[&[u8]]) -> EdwardsScalar {
        hash_to_scalar(b"dkg", parts)
    }

    fn HID(parts: &[&[u8]]) -> EdwardsScalar {
        hash_to_scalar(b"id", parts)
    }
}

/// The re-randomized FROST randomizer hash, tag `"randomizer"`.
impl frost_core::rerandomized::RandomizedCiphersuite for Ed448Shake256 {
    fn hash_randomizer(parts: &[&[u8]]) -> EdwardsScalar {
        hash_to_scalar(b"randomizer", parts)
    }
}

frost_core::suite_api!(crate::Ed448Shake256, keys: {
    frost_core::__suite_cocktail_api!(crate::Ed448Shake256);
});

/// SHAKE256 over the concatenation of `parts`, `N` bytes of output.
fn shake256_of<const N: usize>(parts: &[&[u8]]) -> [u8; N] {
    let mut h = Shake256::default();
    for part in parts {
        h.update(part);
    }
    let mut out = [0u8; N];
    h.finalize_xof_into(&mut out);
    out
}

/// COCKTAIL(Ed448, SHAKE256): SHAKE256 hashes, XChaCha20-Poly1305. Follows
/// the published vectors where the spec text differs: scalars are 56 bytes
/// on COCKTAIL's wire (frost-ed448 writes 57), and `H` reads 64 bytes of
/// SHAKE256 (114 for the vectors' key derivation).
impl frost_core::keys::cocktail::CocktailCiphersuite for Ed448Shake256 {
    const COCKTAIL_ID: &'static str = "COCKTAIL(Ed448, SHAKE256)";
    const COCKTAIL_SCALAR_LEN: usize = 56;
    const HASH_LEN: usize = 64;
    const SAMPLE_LEN: usize = 114;

    fn hash(parts: &[&[u8]]) -> Vec<u8> {
        shake256_of::<64>(parts).to_vec()
    }

    fn h6(parts: &[&[u8]]) -> frost_core::keys::cocktail::SecretBytes<Vec<u8>> {
        let mut all = Vec::with_capacity(parts.len() + 1);
        all.push(&b"COCKTAIL-DKG-Ed448-SHAKE256-H6"[..]);
        all.extend_from_slice(parts);
        frost_core::keys::cocktail::SecretBytes::new(shake256_of::<56>(&all).to_vec())
    }

    fn schnorr_prefix(nonce: bool) -> Vec<u8> {
        let prefix: &[u8] = if nonce {
            b"COCKTAIL-DKG-Ed448-SHAKE256-NONCE"
        } else {
            b"COCKTAIL-DKG-Ed448-SHAKE256-H7"
        };
        prefix.to_vec()
    }

    fn hash_to_scalar(parts: &[&[u8]]) -> EdwardsScalar {
        reduce(shake256_of::<114>(parts))
    }

    fn scalar_from_sample(bytes: &[u8]) -> Option<EdwardsScalar> {
        Some(reduce(bytes.try_into().ok()?))
    }

    fn derive_scalar(parts: &[&[u8]]) -> EdwardsScalar {
        reduce(shake256_of::<114>(parts))
    }

    frost_core::__cocktail_aead!(chacha20poly1305, XChaCha20Poly1305);

    fn cocktail_scalar_bytes(scalar: &EdwardsScalar) -> frost_core::keys::cocktail::SecretBytes<Vec<u8>> {
        // RFC 8032's 57 bytes end in a zero byte; COCKTAIL drops it.
        frost_core::keys::cocktail::SecretBytes::new(scalar.to_bytes_rfc_8032()[..56].to_vec())
    }

    fn cocktail_scalar_from_bytes(bytes: &[u8]) -> Option<EdwardsScalar> {
        let bytes: [u8; 56] = bytes.try_into().ok()?;
        let mut wide = frost_core::keys::cocktail::SecretBytes::new([0u8; 57]);
        wide[..56].copy_from_slice(&bytes);
        Ed448Group::deserialize_scalar(&wide[..])
    }
}
