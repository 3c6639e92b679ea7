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
    /// The default is a plain sum of products; suites override it with their
    /// curve crate's multiscalar multiplication.
    fn vartime_multiscalar_mul(scalars: &[Self::Scalar], elements: &[Self::Element]) -> Self::Element {
        debug_assert_eq!(scalars.len(), elements.len());
        // Estimated point operations: Straus pays the doublings once and about
        // one addition per 6 bits per term (width-5 NAF) plus 8 precomputed
        // multiples; Pippenger pays, per window of c bits, one addition per
        // term and about 2^(c+1) to combine the buckets.
        let n = scalars.len();
        let bits = 8 * Self::SCALAR_LEN;
        let straus_cost = bits + n * (bits / 6 + 8);
        let (c, pippenger_cost) = (2..=16usize)
            .map(|c| (c, bits.div_ceil(c) * (n + (1 << (c + 1))) + bits))
            .min_by_key(|(_, cost)| *cost)
            .unwrap_or((8, usize::MAX));
        if straus_cost <= pippenger_cost {
            straus::<Self>(scalars, elements)
        } else {
            pippenger_with_window::<Self>(scalars, elements, c)
        }
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

/// The little-endian bytes of a scalar.
fn le_bytes<G: Group>(scalar: &G::Scalar) -> [u8; MAX_ENCODING_LEN] {
    let mut out = [0u8; MAX_ENCODING_LEN];
    let len = G::SCALAR_LEN;
    G::serialize_scalar(scalar, &mut out[..len]);
    if G::SCALAR_BYTE_ORDER == ByteOrder::BigEndian {
        out[..len].reverse();
    }
    out
}

/// The width-5 non-adjacent form of a scalar: digits in `-15..=15`, odd or
/// zero, at most one non-zero in any 5 consecutive positions.
fn wnaf<G: Group>(scalar: &G::Scalar) -> Vec<i8> {
    const W: u32 = 5;
    let bytes = le_bytes::<G>(scalar);
    // The scalar as 64-bit limbs with one spare limb for the carries below.
    let mut limbs = [0u64; MAX_ENCODING_LEN / 8 + 1];
    for (i, b) in bytes.iter().enumerate() {
        limbs[i / 8] |= u64::from(*b) << (8 * (i % 8));
    }
    let mut digits = Vec::with_capacity(8 * G::SCALAR_LEN + 1);
    while limbs.iter().any(|l| *l != 0) {
        let mut digit = 0i8;
        if limbs[0] & 1 == 1 {
            let low = (limbs[0] & ((1 << W) - 1)) as i8;
            digit = if low >= 1 << (W - 1) { low - (1 << W) } else { low };
            // k -= digit, rippling the borrow or carry through the limbs.
            if digit > 0 {
                limbs[0] -= digit as u64;
            } else {
                let mut carry = u64::from(digit.unsigned_abs());
                for l in limbs.iter_mut() {
                    let (sum, overflow) = l.overflowing_add(carry);
                    *l = sum;
                    carry = u64::from(overflow);
                    if carry == 0 {
                        break;
                    }
                }
            }
        }
        digits.push(digit);
        // k >>= 1
        for i in 0..limbs.len() {
            let next = limbs.get(i + 1).copied().unwrap_or(0);
            limbs[i] = limbs[i] >> 1 | next << 63;
        }
    }
    digits
}

/// Straus's method with width-5 NAF digits: the doublings are shared by all
/// terms, and each term adds about one precomputed odd multiple per six bits.
/// The default multiscalar multiplication while it is estimated cheaper than
/// Pippenger (a few hundred terms). Variable time; public data only.
pub fn straus<G: Group>(scalars: &[G::Scalar], elements: &[G::Element]) -> G::Element {
    let digits: Vec<Vec<i8>> = scalars.iter().map(wnaf::<G>).collect();
    // P, 3P, 5P, ..., 15P for each point.
    let tables: Vec<[G::Element; 8]> = elements
        .iter()
        .map(|p| {
            let twice = G::double(p);
            let mut table = [*p; 8];
            for i in 1..8 {
                table[i] = table[i - 1] + twice;
            }
            table
        })
        .collect();
    let top = digits.iter().map(Vec::len).max().unwrap_or(0);
    let mut acc = G::identity();
    for i in (0..top).rev() {
        acc = G::double(&acc);
        for (d, table) in digits.iter().zip(&tables) {
            match d.get(i).copied().unwrap_or(0) {
                0 => {}
                x if x > 0 => acc = acc + table[(x / 2) as usize],
                x => acc = acc - table[(-x / 2) as usize],
            }
        }
    }
    acc
}

/// Pippenger's bucket method for `sum(scalars[i] * elements[i])`, generic
/// over any [`Group`]: the default multiscalar multiplication for suites
/// whose curve crate offers none (Ed448). Variable time; public data only.
///
/// With windows of `c` bits, each window costs one addition per term plus
/// `2^(c+1)` bucket additions, against a full scalar multiplication per term
/// for the plain sum.
pub fn pippenger<G: Group>(scalars: &[G::Scalar], elements: &[G::Element]) -> G::Element {
    // About log2(n) bits per window balances the two costs.
    let c = (usize::BITS - scalars.len().leading_zeros()).clamp(2, 16) as usize;
    pippenger_with_window::<G>(scalars, elements, c)
}

/// [`pippenger`] with windows of `c` bits (`2..=16`).
fn pippenger_with_window<G: Group>(scalars: &[G::Scalar], elements: &[G::Element], c: usize) -> G::Element {
    let c = c.clamp(2, 16);
    let n = scalars.len().min(elements.len());
    // Little-endian bytes of every scalar, so bit i is byte i / 8.
    let len = G::SCALAR_LEN;
    let mut bytes = alloc::vec![0u8; n * len];
    for (chunk, s) in bytes.chunks_exact_mut(len).zip(scalars) {
        G::serialize_scalar(s, chunk);
        if G::SCALAR_BYTE_ORDER == ByteOrder::BigEndian {
            chunk.reverse();
        }
    }
    let bit = |i: usize, b: usize| -> usize { usize::from(bytes[i * len + b / 8] >> (b % 8) & 1) };
    let top = (0..n)
        .filter_map(|i| (0..len * 8).rev().find(|b| bit(i, *b) == 1))
        .max()
        .map_or(0, |b| b + 1);
    let windows = top.div_ceil(c);
    let mut result = G::identity();
    let mut buckets = alloc::vec![G::identity(); (1 << c) - 1];
    for w in (0..windows).rev() {
        for _ in 0..c {
            result = G::double(&result);
        }
        buckets.iter_mut().for_each(|b| *b = G::identity());
        for (i, e) in elements.iter().enumerate().take(n) {
            let digit = (0..c)
                .filter(|k| w * c + k < top)
                .fold(0, |d, k| d | bit(i, w * c + k) << k);
            if digit != 0 {
                buckets[digit - 1] = buckets[digit - 1] + *e;
            }
        }
        // sum_d d * bucket[d] as a running sum of running sums.
        let mut running = G::identity();
        let mut window_sum = G::identity();
        for b in buckets.iter().rev() {
            running = running + *b;
            window_sum = window_sum + running;
        }
        result = result + window_sum;
    }
    result
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
