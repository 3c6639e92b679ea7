//! Lagrange interpolation at zero
//! ([RFC 9591 §4.2](https://www.rfc-editor.org/rfc/rfc9591#section-4.2)).
//!
//! All inputs here are identifiers, which are public, so inversion need not be
//! constant time.

use alloc::vec::Vec;

use crate::ciphersuite::Scalar;
use crate::{Ciphersuite, Error, Group, Identifier};

/// The Lagrange coefficient of `x_i` for interpolating at zero over the set
/// `xs` (which must contain `x_i` and no duplicate):
/// `prod_{j != i} x_j / (x_j - x_i)`.
pub(crate) fn lagrange_coefficient_at_zero<C: Ciphersuite>(
    x_i: Identifier<C>,
    xs: impl Iterator<Item = Identifier<C>>,
) -> Result<Scalar<C>, Error<C>> {
    lagrange_coefficient_at(C::Group::zero(), x_i, xs)
}

/// The Lagrange coefficient of `x_i` for interpolating at `x` over the set
/// `xs` (which must contain `x_i` and no duplicate):
/// `prod_{j != i} (x - x_j) / (x_i - x_j)`. Share repair evaluates at the
/// lost participant's identifier, signing at zero.
pub(crate) fn lagrange_coefficient_at<C: Ciphersuite>(
    x: Scalar<C>,
    x_i: Identifier<C>,
    xs: impl Iterator<Item = Identifier<C>>,
) -> Result<Scalar<C>, Error<C>> {
    let xi = x_i.to_scalar();
    let mut numerator = C::Group::one();
    let mut denominator = C::Group::one();
    let mut found = false;
    for x_j in xs {
        if x_j == x_i {
            if found {
                return Err(Error::DuplicatedIdentifier { identifier: x_i });
            }
            found = true;
            continue;
        }
        let xj = x_j.to_scalar();
        numerator = numerator * (x - xj);
        denominator = denominator * (xi - xj);
    }
    if !found {
        return Err(Error::UnknownParticipant { culprit: x_i });
    }
    // The denominator is a product of differences of distinct identifiers,
    // hence non-zero.
    let inverse = C::Group::invert(&denominator).ok_or(Error::DuplicatedIdentifier { identifier: x_i })?;
    Ok(numerator * inverse)
}

/// Inverts every scalar with one field inversion (Montgomery's trick).
/// `None` if any is zero. Public data only: the caller's scalars are
/// identifiers and their differences.
pub(crate) fn batch_invert<C: Ciphersuite>(values: &[Scalar<C>]) -> Option<Vec<Scalar<C>>> {
    let mut prefix = Vec::with_capacity(values.len());
    let mut acc = C::Group::one();
    for v in values {
        prefix.push(acc);
        acc = acc * *v;
    }
    let mut inverse = C::Group::invert(&acc)?;
    let mut out = alloc::vec![C::Group::zero(); values.len()];
    for i in (0..values.len()).rev() {
        out[i] = inverse * prefix[i];
        inverse = inverse * values[i];
    }
    Some(out)
}

/// The Lagrange basis polynomials of the points `xs`, evaluated at `x`:
/// `L_i(x) = prod_{k != i} (x - x_k) / (x_i - x_k)`, in `O(len)` multiplications
/// given the barycentric weights `w_i = 1 / prod_{k != i} (x_i - x_k)`.
/// `x` must not be one of `xs`.
pub(crate) fn lagrange_at<C: Ciphersuite>(
    x: Scalar<C>,
    xs: &[Scalar<C>],
    weights: &[Scalar<C>],
) -> Option<Vec<Scalar<C>>> {
    let differences: Vec<_> = xs.iter().map(|xi| x - *xi).collect();
    let ell = differences.iter().fold(C::Group::one(), |acc, d| acc * *d);
    let inverses = batch_invert::<C>(&differences)?;
    Some(inverses.iter().zip(weights).map(|(inv, w)| ell * *w * *inv).collect())
}

/// The barycentric weights `w_i = 1 / prod_{k != i} (x_i - x_k)` of distinct points.
pub(crate) fn barycentric_weights<C: Ciphersuite>(xs: &[Scalar<C>]) -> Option<Vec<Scalar<C>>> {
    let products: Vec<_> = xs
        .iter()
        .enumerate()
        .map(|(i, xi)| {
            xs.iter()
                .enumerate()
                .filter(|(k, _)| *k != i)
                .fold(C::Group::one(), |acc, (_, xk)| acc * (*xi - *xk))
        })
        .collect();
    batch_invert::<C>(&products)
}
