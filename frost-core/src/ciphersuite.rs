//! The ciphersuite abstraction: a prime-order group, its scalar field, and the
//! hash functions of [RFC 9591 §6](https://www.rfc-editor.org/rfc/rfc9591#section-6).
//!
//! Everything else in this crate is generic over [`Ciphersuite`]. A suite crate
//! (such as `frost-ristretto255`) implements it once, and gets key generation,
//! signing, encoding and the test suite for free.
//!
//! Two traits split the work:
//! - [`Group`] is the arithmetic: scalars, elements, their canonical encodings,
//!   and a hook for fast variable-time multiscalar multiplication.
//! - [`Ciphersuite`] names the suite (its context string) and provides the hash
//!   functions H1 to H5 of the RFC, the DKG-proof and identifier hashes, and the
//!   hooks a suite with a different signature format (BIP340 Taproot) needs.

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt::Debug;
use core::ops::{Add, Mul, Neg, Sub};

use rand_core::CryptoRng;
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::{Error, KeyPackage, PublicKeyPackage, Signature, SigningKey, VerifyingKey};

/// The scalar type of a ciphersuite's group.
pub type Scalar<C> = <<C as Ciphersuite>::Group as Group>::Scalar;

/// The element type of a ciphersuite's group.
pub type Element<C> = <<C as Ciphersuite>::Group as Group>::Element;

/// The largest scalar or element encoding any suite may use, in bytes
/// (Ed448 needs 57). Lets us serialize into stack buffers.
pub const MAX_ENCODING_LEN: usize = 64;

/// Byte order of a suite's scalar encoding, used to order identifiers by
/// numeric value.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ByteOrder {
    /// Least significant byte first (ristretto255, Ed25519, Ed448).
    LittleEndian,
    /// Most significant byte first (P-256, secp256k1).
    BigEndian,
}

/// Why an encoded group element was refused.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ElementError {
    /// The bytes are not the canonical encoding of any group element, or have
    /// the wrong length.
    Malformed,
    /// The bytes encode the identity element, which the protocol never accepts.
    Identity,
    /// The bytes encode a point outside the prime-order subgroup.
    NotInPrimeOrderSubgroup,
}

/// A prime-order group together with its scalar field.
///
/// Implementations must make scalar arithmetic constant time (it handles
/// secrets); element decoding must refuse non-canonical encodings, the
/// identity, and points outside the prime-order subgroup.
pub trait Group: Copy + Clone + Debug + PartialEq + Eq + Send + Sync + 'static {
    /// An element of the scalar field, the integers modulo the group order.
    type Scalar: Copy
        + Clone
        + PartialEq
        + Eq
        + Send
        + Sync
        + Zeroize
        + ConstantTimeEq
        + Add<Output = Self::Scalar>
        + Sub<Output = Self::Scalar>
        + Mul<Output = Self::Scalar>
        + Neg<Output = Self::Scalar>
        + 'static;

    /// An element of the prime-order group.
    type Element: Copy
        + Clone
        + PartialEq
        + Eq
        + Send
        + Sync
        + Add<Output = Self::Element>
        + Sub<Output = Self::Element>
        + Neg<Output = Self::Element>
        + Mul<Self::Scalar, Output = Self::Element>
        + 'static;

    /// Length of a serialized scalar (`Ns` in the RFC).
    const SCALAR_LEN: usize;
    /// Length of a serialized element (`Ne` in the RFC).
    const ELEMENT_LEN: usize;
    /// Byte order of [`Group::serialize_scalar`].
    const SCALAR_BYTE_ORDER: ByteOrder;

    /// The additive identity of the scalar field.
    fn zero() -> Self::Scalar;
    /// The multiplicative identity of the scalar field.
    fn one() -> Self::Scalar;
    /// The scalar equal to a small integer.
    fn scalar_from_u64(n: u64) -> Self::Scalar;
    /// The multiplicative inverse, or `None` for zero.
    fn invert(scalar: &Self::Scalar) -> Option<Self::Scalar>;
    /// A uniformly random scalar.
    fn random_scalar<R: CryptoRng + ?Sized>(rng: &mut R) -> Self::Scalar;
    /// Writes the canonical encoding of `scalar` into `out` (exactly
    /// [`Group::SCALAR_LEN`] bytes).
    fn serialize_scalar(scalar: &Self::Scalar, out: &mut [u8]);
    /// Decodes a canonical scalar encoding; `None` for a wrong length or a
    /// value not reduced modulo the group order.
    fn deserialize_scalar(bytes: &[u8]) -> Option<Self::Scalar>;

    /// The identity element.
    fn identity() -> Self::Element;
    /// The fixed generator `B` of the RFC.
    fn generator() -> Self::Element;
    /// `scalar * B`. Override with the curve crate's precomputed tables.
    fn base_mul(scalar: &Self::Scalar) -> Self::Element {
        Self::generator() * *scalar
    }
    /// Writes the canonical encoding of `element` into `out` (exactly
    /// [`Group::ELEMENT_LEN`] bytes). The identity, which has no encoding in
    /// some groups, is written as bytes that [`Group::deserialize_element`]
    /// refuses; the protocol never sends it.
    fn serialize_element(element: &Self::Element, out: &mut [u8]);
    /// Serializes many elements into `out` (`ELEMENT_LEN` bytes each). Override
    /// when the curve crate can share the work, such as one field inversion
    /// for a whole batch of projective points.
    fn serialize_elements(elements: &[Self::Element], out: &mut [u8]) {
        for (e, chunk) in elements.iter().zip(out.chunks_exact_mut(Self::ELEMENT_LEN)) {
            Self::serialize_element(e, chunk);
        }
    }

    /// Decodes an element, refusing non-canonical encodings, the identity and
    /// points outside the prime-order subgroup.
    fn deserialize_element(bytes: &[u8]) -> Result<Self::Element, ElementError>;

    /// `2 * element`. Override with the curve crate's doubling formula, which
    /// is cheaper than a general addition.
    fn double(element: &Self::Element) -> Self::Element {
        *element + *element
    }

    /// `sum(scalars[i] * elements[i])`, in variable time.
    ///
    /// Only ever called on public data (commitments, proofs, verifying shares).
    /// The default is Straus's or Pippenger's method, whichever is estimated
    /// cheaper ([`crate::msm`]); suites override it with their curve crate's
    /// multiscalar multiplication, or run [`crate::msm`] on a faster internal
    /// representation of their points.
    fn vartime_multiscalar_mul(scalars: &[Self::Scalar], elements: &[Self::Element]) -> Self::Element {
        crate::msm::vartime_multiscalar_mul_in::<Self, _>(scalars, elements, Self::identity(), Self::double)
    }
}

/// A FROST ciphersuite ([RFC 9591 §6](https://www.rfc-editor.org/rfc/rfc9591#section-6)).
///
/// The hash functions take their input as a list of parts that are hashed as
/// if concatenated, so callers need not allocate a buffer for the preimage.
#[allow(non_snake_case)]
pub trait Ciphersuite: Copy + Clone + Debug + PartialEq + Eq + Send + Sync + 'static {
    /// The suite's context string, such as `FROST-RISTRETTO255-SHA512-v1`.
    const ID: &'static str;

    /// The prime-order group the suite works in.
    type Group: Group;

    /// H1: hash to a scalar, for binding factors (tag `"rho"`).
    fn H1(parts: &[&[u8]]) -> Scalar<Self>;
    /// H2: hash to a scalar, for the signature challenge (tag `"chal"`, or none
    /// for suites compatible with RFC 8032).
    fn H2(parts: &[&[u8]]) -> Scalar<Self>;
    /// H3: hash to a scalar, for nonce generation (tag `"nonce"`).
    fn H3(parts: &[&[u8]]) -> Scalar<Self>;
    /// H4: hash of the message to be signed (tag `"msg"`).
    fn H4(parts: &[&[u8]]) -> Vec<u8>;
    /// H5: hash of the encoded commitment list (tag `"com"`).
    fn H5(parts: &[&[u8]]) -> Vec<u8>;
    /// The DKG proof-of-knowledge challenge hash (tag `"dkg"`).
    fn HDKG(parts: &[&[u8]]) -> Scalar<Self>;
    /// The hash that derives identifiers from arbitrary bytes (tag `"id"`).
    fn HID(parts: &[&[u8]]) -> Scalar<Self>;

    /// Hook: the challenge `c = H2(ser(R) || ser(PK) || msg)`
    /// ([RFC 9591 §4.6](https://www.rfc-editor.org/rfc/rfc9591#section-4.6)).
    ///
    /// A Taproot suite replaces it with BIP340's tagged hash over x-only
    /// encodings.
    fn challenge(group_commitment: &Element<Self>, verifying_key: &Element<Self>, message: &[u8]) -> Scalar<Self> {
        let mut r = [0u8; MAX_ENCODING_LEN];
        let mut pk = [0u8; MAX_ENCODING_LEN];
        let n = <Self::Group as Group>::ELEMENT_LEN;
        <Self::Group as Group>::serialize_element(group_commitment, &mut r[..n]);
        <Self::Group as Group>::serialize_element(verifying_key, &mut pk[..n]);
        Self::H2(&[&r[..n], &pk[..n], message])
    }

    /// Hook: whether signers must negate their nonces (and the coordinator the
    /// nonce commitments) for this group commitment.
    ///
    /// The default is `false`. BIP340 requires an even-Y `R`, which a Taproot
    /// suite obtains by negating when `R` has odd Y.
    fn negate_nonces(_group_commitment: &Element<Self>) -> bool {
        false
    }

    /// Hook: the key package a signer actually signs with.
    ///
    /// The default is the package unchanged. A Taproot suite applies its
    /// even-Y normalisation here, at use, so that stored packages always hold
    /// the key exactly as generated (its BIP341 tweak is likewise applied at
    /// use, by the suite's own `*_with_tweak` functions, never stored).
    fn pre_sign(key_package: &KeyPackage<Self>) -> Result<Cow<'_, KeyPackage<Self>>, Error<Self>> {
        Ok(Cow::Borrowed(key_package))
    }

    /// Hook: the key a single signer ([`SigningKey::sign`]) signs with; the
    /// counterpart of [`Ciphersuite::pre_sign`] outside threshold signing.
    ///
    /// The default is the key unchanged. A Taproot suite negates a key whose
    /// public key has odd Y, since BIP340 verifies against the even-Y point.
    fn pre_single_sign(signing_key: &SigningKey<Self>) -> Cow<'_, SigningKey<Self>> {
        Cow::Borrowed(signing_key)
    }

    /// Hook: the public key package the coordinator aggregates and checks
    /// shares with; the counterpart of [`Ciphersuite::pre_sign`].
    fn pre_aggregate(
        public_key_package: &PublicKeyPackage<Self>,
    ) -> Result<Cow<'_, PublicKeyPackage<Self>>, Error<Self>> {
        Ok(Cow::Borrowed(public_key_package))
    }

    /// Hook: the verifying key a signature is checked against; the counterpart
    /// of [`Ciphersuite::pre_sign`] for verifiers.
    fn pre_verify(verifying_key: &VerifyingKey<Self>) -> Cow<'_, VerifyingKey<Self>> {
        Cow::Borrowed(verifying_key)
    }

    /// Hook: the signature encoding, `ser(R) || ser(z)` by default.
    fn serialize_signature(signature: &Signature<Self>) -> Vec<u8> {
        signature.default_serialize()
    }

    /// Hook: decodes a signature produced by [`Ciphersuite::serialize_signature`].
    fn deserialize_signature(bytes: &[u8]) -> Result<Signature<Self>, Error<Self>> {
        Signature::default_deserialize(bytes)
    }
}

/// Serializes a scalar into a freshly allocated vector.
pub(crate) fn scalar_bytes<C: Ciphersuite>(scalar: &Scalar<C>) -> Vec<u8> {
    let mut out = alloc::vec![0u8; C::Group::SCALAR_LEN];
    C::Group::serialize_scalar(scalar, &mut out);
    out
}

/// Serializes an element into a freshly allocated vector.
pub(crate) fn element_bytes<C: Ciphersuite>(element: &Element<C>) -> Vec<u8> {
    let mut out = alloc::vec![0u8; C::Group::ELEMENT_LEN];
    C::Group::serialize_element(element, &mut out);
    out
}

/// The scalar `low + high * 2^64`: a 128-bit batch-verification weight.
pub(crate) fn scalar_from_u128<C: Ciphersuite>(low: u64, high: u64) -> Scalar<C> {
    let two_32 = C::Group::scalar_from_u64(1 << 32);
    C::Group::scalar_from_u64(low) + C::Group::scalar_from_u64(high) * two_32 * two_32
}

/// Whether a scalar is zero, in constant time.
pub(crate) fn is_zero<C: Ciphersuite>(scalar: &Scalar<C>) -> bool {
    bool::from(scalar.ct_eq(&C::Group::zero()))
}
