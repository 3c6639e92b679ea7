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
use crate::encoding::{Reader, Writer};
use crate::keys::{VerifyingKey, VerifyingShare};
use crate::{Ciphersuite, DecodeError, Error, Group, Identifier};

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

    /// Writes the commitment as a count, then the elements.
    pub(crate) fn write(&self, w: &mut Writer<C>) {
        w.varint(self.0.len() as u64);
        for c in &self.0 {
            w.element(&c.0);
        }
    }

    /// Reads what [`VerifiableSecretSharingCommitment::write`] writes; the
    /// count is checked against the bytes left before anything is allocated.
    pub(crate) fn read(r: &mut Reader<'_, C>) -> Result<Self, DecodeError> {
        let n = r.count(C::Group::ELEMENT_LEN)?;
        let mut commitment = Vec::with_capacity(n);
        for _ in 0..n {
            commitment.push(CoefficientCommitment(r.element()?));
        }
        Ok(Self(commitment))
    }

    /// The expected verifying share of participant `identifier`:
    /// `sum C_j * i^j`, evaluated on public data in variable time.
    pub fn verifying_share(&self, identifier: Identifier<C>) -> VerifyingShare<C> {
        VerifyingShare(evaluate_commitment::<C>(&self.0, identifier))
    }
}

impl<C: Ciphersuite> fmt::Debug for VerifiableSecretSharingCommitment<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}

/// `sum commitments[j] * x^j` for the identifier `x`, on public data, in
/// variable time.
///
/// For an identifier that fits in 16 bits (every `Identifier::try_from(u16)`)
/// this is Horner's rule, `acc = x * acc + C_j`, where each multiplication by
/// the small `x` is at most 16 doublings and as many additions: cheaper than
/// a multiscalar multiplication with full-width powers of `x`. Other
/// identifiers take the general path.
pub(crate) fn evaluate_commitment<C: Ciphersuite>(
    commitments: &[CoefficientCommitment<C>],
    x: Identifier<C>,
) -> Element<C> {
    match x.to_u64() {
        Some(small) if small < 1 << 16 => evaluate_small(commitments, small),
        _ => evaluate_general(commitments, x.to_scalar()),
    }
}

/// `sum commitments[j] * x^j` at every identifier in `xs` (ascending, as a
/// `BTreeMap`'s keys are), on public data, in variable time.
///
/// Where the identifiers form a run of consecutive small integers longer
/// than the degree `d` (numbered participants `1..=n` with `n > t`), only the
/// first `d + 1` values of the run are evaluated; the rest come from the
/// forward-difference table, `d` additions each, because the `d`-th
/// difference of a degree-`d` polynomial is constant.
pub(crate) fn evaluate_commitment_at_all<C: Ciphersuite>(
    commitments: &[CoefficientCommitment<C>],
    xs: &[Identifier<C>],
) -> Vec<Element<C>> {
    let degree = commitments.len().saturating_sub(1);
    let mut out = Vec::with_capacity(xs.len());
    let mut i = 0;
    while i < xs.len() {
        // The longest run of consecutive small identifiers starting at i.
        let mut end = i + 1;
        if let Some(start) = xs[i].to_u64().filter(|v| *v < 1 << 16) {
            while end < xs.len() && xs[end].to_u64() == Some(start + (end - i) as u64) {
                end += 1;
            }
        }
        let run = &xs[i..end];
        let start = run[0].to_u64().unwrap_or(u64::MAX);
        if degree > 0 && run.len() > degree + 1 && start <= degree as u64 + 1 {
            out.extend(newton_values(commitments, start, run.len()));
        } else if degree > 0 && run.len() > degree + 1 {
            out.extend(forward_differences(commitments, run, degree));
        } else {
            out.extend(run.iter().map(|x| evaluate_commitment(commitments, *x)));
        }
        i = end;
    }
    out
}

/// The polynomial at the `count` consecutive points `start, start + 1, ...`
/// from its forward differences at 0, computed without evaluating it.
///
/// In the Newton basis `binom(x, k)` the coefficients of a polynomial are
/// its forward differences at 0, `a_k = Δ^k f(0)`, and multiplying by `x` is
/// `x * binom(x, k) = (k + 1) * binom(x, k + 1) + k * binom(x, k)`. So
/// Horner's rule `f = C_0 + x * (C_1 + x * (...))` runs in that basis with
/// `a_m <- m * (a_m + a_{m-1})` for each multiplication by `x`: the vector
/// grows by one entry per step, so building it costs about half the point
/// operations of evaluating `f` at `degree + 1` points, each by Horner. The
/// values then come from the difference table, `degree` additions each,
/// starting at 0 (so `start` should be small).
fn newton_values<C: Ciphersuite>(
    commitments: &[CoefficientCommitment<C>],
    start: u64,
    count: usize,
) -> Vec<Element<C>> {
    let mut coefficients = commitments.iter().rev();
    let Some(top) = coefficients.next() else {
        return alloc::vec![C::Group::identity(); count];
    };
    let mut table = Vec::with_capacity(commitments.len());
    table.push(top.0);
    for c in coefficients {
        // table <- x * table + c, in the Newton basis; descending, so that
        // a_{m-1} is still the old value when a_m is computed.
        table.push(C::Group::identity());
        for m in (1..table.len()).rev() {
            table[m] = mul_small::<C>(&(table[m] + table[m - 1]), m as u64);
        }
        table[0] = c.0;
    }
    // table[k] = Δ^k f(x), starting at x = 0; ascending, so that
    // Δ^k f(x + 1) = Δ^k f(x) + Δ^{k+1} f(x) reads the old higher difference.
    let step = |table: &mut Vec<Element<C>>| {
        for k in 0..table.len() - 1 {
            table[k] = table[k] + table[k + 1];
        }
    };
    for _ in 0..start {
        step(&mut table);
    }
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        if i > 0 {
            step(&mut table);
        }
        out.push(table[0]);
    }
    out
}

/// The polynomial at consecutive points `run`, from the first `degree + 1`
/// values and the backward-difference table at the last of them.
fn forward_differences<C: Ciphersuite>(
    commitments: &[CoefficientCommitment<C>],
    run: &[Identifier<C>],
    degree: usize,
) -> Vec<Element<C>> {
    let mut out: Vec<Element<C>> = run[..=degree]
        .iter()
        .map(|x| evaluate_commitment(commitments, *x))
        .collect();
    // table[k] = k-th backward difference at the (degree + 1)-th point: the
    // last entry of each row of the difference triangle.
    let mut row = out.clone();
    let mut table = Vec::with_capacity(degree + 1);
    table.push(row[degree]);
    for k in 1..=degree {
        for i in (k..=degree).rev() {
            row[i] = row[i] - row[i - 1];
        }
        table.push(row[degree]);
    }
    // One step right: the degree-th difference is constant, and each lower
    // one gains the next higher: D_k(x + 1) = D_k(x) + D_{k+1}(x + 1).
    for _ in degree + 1..run.len() {
        for k in (0..degree).rev() {
            table[k] = table[k] + table[k + 1];
        }
        out.push(table[0]);
    }
    out
}

/// Horner's rule with a small evaluation point.
fn evaluate_small<C: Ciphersuite>(commitments: &[CoefficientCommitment<C>], x: u64) -> Element<C> {
    let mut coefficients = commitments.iter().rev();
    let Some(top) = coefficients.next() else {
        return C::Group::identity();
    };
    coefficients.fold(top.0, |acc, c| mul_small::<C>(&acc, x) + c.0)
}

/// `k * element` by double-and-add, for a small public `k`.
pub(crate) fn mul_small<C: Ciphersuite>(element: &Element<C>, k: u64) -> Element<C> {
    if k == 0 {
        return C::Group::identity();
    }
    let top = 63 - k.leading_zeros();
    let mut acc = *element;
    for bit in (0..top).rev() {
        acc = C::Group::double(&acc);
        if k >> bit & 1 == 1 {
            acc = acc + *element;
        }
    }
    acc
}

/// `sum commitments[j] * x^j` as one multiscalar multiplication.
pub(crate) fn evaluate_general<C: Ciphersuite>(commitments: &[CoefficientCommitment<C>], x: Scalar<C>) -> Element<C> {
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
