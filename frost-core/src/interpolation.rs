//! Lagrange interpolation at zero
//! ([RFC 9591 §4.2](https://www.rfc-editor.org/rfc/rfc9591#section-4.2)).
//!
//! All inputs here are identifiers, which are public, so inversion need not be
//! constant time.

use crate::ciphersuite::Scalar;
use crate::{Ciphersuite, Error, Group, Identifier};

/// The Lagrange coefficient of `x_i` for interpolating at zero over the set
/// `xs` (which must contain `x_i` and no duplicate):
/// `prod_{j != i} x_j / (x_j - x_i)`.
pub(crate) fn lagrange_coefficient_at_zero<C: Ciphersuite>(
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
        numerator = numerator * xj;
        denominator = denominator * (xj - xi);
    }
    if !found {
        return Err(Error::UnknownParticipant { culprit: x_i });
    }
    // The denominator is a product of differences of distinct identifiers,
    // hence non-zero.
    let inverse = C::Group::invert(&denominator).ok_or(Error::DuplicatedIdentifier { identifier: x_i })?;
    Ok(numerator * inverse)
}
