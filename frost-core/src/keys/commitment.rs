//! Feldman commitments to a secret-sharing polynomial, and the polynomial itself.
//!
//! A dealer (or each DKG participant) draws a random polynomial `f` of degree
//! `min_signers - 1` whose constant term is the secret, hands `f(i)` to
//! participant `i`, and publishes `C_j = a_j * B` for every coefficient. Anyone
//! can then check a share against the commitment: `f(i) * B == sum C_j * i^j`
//! ([RFC 9591 Appendix C.2](https://www.rfc-editor.org/rfc/rfc9591#appendix-C.2)).

use alloc::vec::Vec;
use core::fmt;

use rand_core::CryptoRng;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::ciphersuite::{Element, Scalar, element_bytes};
use crate::keys::{VerifyingKey, VerifyingShare};
use crate::{Ciphersuite, Error, Group, Identifier};

/// The commitment `a_j * B` to one coefficient of a secret polynomial.
#[derive(Copy, Clone, PartialEq, Eq)]
pub struct CoefficientCommitment<C: Ciphersuite>(pub(crate) Element<C>);

impl<C: Ciphersuite> CoefficientCommitment<C> {
    /// Wraps a group element.
    pub fn new(element: Element<C>) -> Self {
        Self(element)
    }

    /// The commitment as a group element.
    pub fn value(&self) -> Element<C> {
        self.0
    }

    /// The canonical element encoding.
    pub fn serialize(&self) -> Vec<u8> {
        element_bytes::<C>(&self.0)
    }

    /// Decodes an element encoding, refusing the identity and invalid points.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        crate::encoding::decode_element::<C>(bytes)
            .map(Self)
            .map_err(Into::into)
    }
}

impl<C: Ciphersuite> fmt::Debug for CoefficientCommitment<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CoefficientCommitment")
            .field(&crate::encoding::Hex(&self.serialize()))
            .finish()
    }
}

/// The Feldman commitment to a whole polynomial: one [`CoefficientCommitment`]
/// per coefficient, constant term first. Its length is the threshold.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifiableSecretSharingCommitment<C: Ciphersuite>(pub(crate) Vec<CoefficientCommitment<C>>);

impl<C: Ciphersuite> VerifiableSecretSharingCommitment<C> {
    /// Wraps a list of coefficient commitments, constant term first.
    pub fn new(coefficients: Vec<CoefficientCommitment<C>>) -> Self {
        Self(coefficients)
    }

    /// The coefficient commitments, constant term first.
    pub fn coefficients(&self) -> &[CoefficientCommitment<C>] {
        &self.0
    }

    /// The number of coefficients, which is the threshold `min_signers`.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no coefficients (never true of a valid commitment).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The group key this commitment commits to: its constant term.
    pub fn verifying_key(&self) -> Option<VerifyingKey<C>> {
        self.0.first().map(|c| VerifyingKey::new(c.0))
    }

    /// The expected verifying share of participant `identifier`:
    /// `sum C_j * i^j`, evaluated on public data in variable time.
    pub fn verifying_share(&self, identifier: Identifier<C>) -> VerifyingShare<C> {
        VerifyingShare(evaluate_commitment::<C>(&self.0, identifier.to_scalar()))
    }
}

impl<C: Ciphersuite> fmt::Debug for VerifiableSecretSharingCommitment<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}

/// `sum commitments[j] * x^j` by Horner's rule, on public data.
pub(crate) fn evaluate_commitment<C: Ciphersuite>(
    commitments: &[CoefficientCommitment<C>],
    x: Scalar<C>,
) -> Element<C> {
    let mut powers = Vec::with_capacity(commitments.len());
    let mut power = C::Group::one();
    for _ in commitments {
        powers.push(power);
        power = power * x;
    }
    let elements: Vec<Element<C>> = commitments.iter().map(|c| c.0).collect();
    C::Group::vartime_multiscalar_mul(&powers, &elements)
}

/// A secret polynomial, coefficients constant term first. Zeroized on drop.
pub(crate) struct SecretPolynomial<C: Ciphersuite>(Vec<Scalar<C>>);

impl<C: Ciphersuite> SecretPolynomial<C> {
    /// A polynomial with the given constant term and `degree` random
    /// coefficients above it.
    pub(crate) fn random<R: CryptoRng + ?Sized>(secret: Scalar<C>, degree: usize, rng: &mut R) -> Self {
        let mut coefficients = Vec::with_capacity(degree + 1);
        coefficients.push(secret);
        coefficients.extend((0..degree).map(|_| C::Group::random_scalar(rng)));
        Self(coefficients)
    }

    /// A polynomial with exactly these coefficients (test vectors, storage).
    pub(crate) fn from_coefficients(coefficients: Vec<Scalar<C>>) -> Self {
        Self(coefficients)
    }

    /// `f(x)` by Horner's rule, in constant time.
    pub(crate) fn evaluate(&self, x: Scalar<C>) -> Scalar<C> {
        self.0.iter().rev().fold(C::Group::zero(), |acc, a| acc * x + *a)
    }

    /// The Feldman commitment `a_j * B` to every coefficient.
    pub(crate) fn commit(&self) -> VerifiableSecretSharingCommitment<C> {
        VerifiableSecretSharingCommitment(
            self.0
                .iter()
                .map(|a| CoefficientCommitment(C::Group::base_mul(a)))
                .collect(),
        )
    }

    /// The coefficients, constant term first.
    pub(crate) fn coefficients(&self) -> &[Scalar<C>] {
        &self.0
    }

    /// The constant term.
    pub(crate) fn constant(&self) -> Scalar<C> {
        self.0[0]
    }
}

impl<C: Ciphersuite> Drop for SecretPolynomial<C> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<C: Ciphersuite> ZeroizeOnDrop for SecretPolynomial<C> {}
