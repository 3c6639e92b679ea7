//! Faster point arithmetic through the 4-isogenous twisted curve.
//!
//! ed448-goldilocks computes on edwards448 with a unified addition formula
//! that it also uses for doubling; internally its scalar multiplication runs
//! on the twisted curve `-x² + y² = 1 - 39082x²y²` instead, whose addition
//! is cheaper and which has a real doubling formula. The crate exposes that
//! curve as [`DecafPoint`]: `DecafPoint::from(P)` is the isogeny `φ` and
//! `EdwardsPoint::from(Q)` its dual `φ̂`, with `φ̂(φ(P)) = 4P`. Both maps
//! and the group law on the twisted curve are genuine point operations (the
//! decaf quotient only affects equality and encoding, which we never use on
//! that side), so for `P` in the prime-order subgroup
//!
//! ```text
//! s·P = φ̂((s/4 mod ℓ)·φ(P))    and    s·P = φ̂(⌊s/4⌋·φ(P)) + (s mod 4)·P.
//! ```
//!
//! The first form, with a precomputed table of multiples of `φ(B)`, is the
//! constant-time fixed-base multiplication; the second keeps short scalars
//! short in the variable-time multiscalar multiplication.

use alloc::vec::Vec;

use ed448_goldilocks::elliptic_curve::group::Group as _;
use ed448_goldilocks::{DecafPoint, EdwardsPoint, EdwardsScalar};
use frost_core::msm;

use crate::Ed448Group;

/// `sum(scalars[i] * elements[i])` in variable time (public data only).
///
/// Each scalar `s` splits into `4⌊s/4⌋ + (s mod 4)`: the quotients run
/// through the generic Straus/Pippenger on the twisted curve, the remainders
/// cost at most two additions per term on edwards448.
pub(crate) fn vartime_multiscalar_mul(scalars: &[EdwardsScalar], elements: &[EdwardsPoint]) -> EdwardsPoint {
    debug_assert_eq!(scalars.len(), elements.len());
    let mut quotients = Vec::with_capacity(scalars.len());
    let mut remainder_sum = EdwardsPoint::IDENTITY;
    for (s, p) in scalars.iter().zip(elements) {
        let mut bytes = [0u8; 57];
        bytes[..56].copy_from_slice(&s.to_bytes());
        let remainder = bytes[0] & 3;
        // ⌊s/4⌋: shift the little-endian integer right by two bits. It is
        // below s < ℓ, hence canonical.
        for i in 0..56 {
            bytes[i] = bytes[i] >> 2 | bytes[i + 1] << 6;
        }
        let quotient = Option::from(EdwardsScalar::from_canonical_bytes(&bytes.into()))
            .expect("a quarter of a canonical scalar is canonical");
        quotients.push(quotient);
        for _ in 0..remainder {
            remainder_sum = remainder_sum.add(p);
        }
    }
    let twisted: Vec<DecafPoint> = elements.iter().map(DecafPoint::from).collect();
    let sum =
        msm::vartime_multiscalar_mul_in::<Ed448Group, _>(&quotients, &twisted, DecafPoint::IDENTITY, |q| q.double());
    EdwardsPoint::from(sum).add(&remainder_sum)
}

#[cfg(feature = "std")]
pub(crate) use fixed_base::base_mul;

/// Constant-time `s·B` from a table of multiples of `φ(B)`.
#[cfg(feature = "std")]
mod fixed_base {
    use std::sync::OnceLock;
    use std::vec::Vec;

    use ed448_goldilocks::elliptic_curve::Field;
    use ed448_goldilocks::elliptic_curve::group::Group as _;
    use ed448_goldilocks::elliptic_curve::zeroize::Zeroize;
    use ed448_goldilocks::subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
    use ed448_goldilocks::{DecafPoint, EdwardsPoint, EdwardsScalar};

    /// Signed radix-16 digits of a scalar below 2^448: 112 nibbles plus a
    /// carry.
    const DIGITS: usize = 113;

    /// `TABLE.rows[i][j] = (j + 1)·16^i·φ(B)`, and `1/4 mod ℓ`.
    struct Table {
        rows: Vec<[DecafPoint; 8]>,
        quarter: EdwardsScalar,
    }

    fn table() -> &'static Table {
        static TABLE: OnceLock<Table> = OnceLock::new();
        TABLE.get_or_init(|| {
            let mut rows = Vec::with_capacity(DIGITS);
            let mut base = DecafPoint::from(EdwardsPoint::GENERATOR);
            for _ in 0..DIGITS {
                let mut row = [base; 8];
                for j in 1..8 {
                    row[j] = row[j - 1] + base;
                }
                rows.push(row);
                base = row[7].double();
            }
            let quarter = Option::from(Field::invert(&EdwardsScalar::from(4u64))).expect("4 is invertible mod ℓ");
            Table { rows, quarter }
        })
    }

    /// `s·B` in constant time: 113 table lookups (each touching all eight
    /// entries of its row) and additions, no doublings.
    pub(crate) fn base_mul(scalar: &EdwardsScalar) -> EdwardsPoint {
        let table = table();
        let mut quarter = scalar * table.quarter;
        let mut bytes = quarter.to_bytes();
        let mut digits = [0i8; DIGITS];
        for (i, b) in bytes.iter().enumerate() {
            digits[2 * i] = (b & 15) as i8;
            digits[2 * i + 1] = (b >> 4) as i8;
        }
        // Recentre each digit into -8..8, carrying into the next one; the
        // value is below ℓ < 2^446, so the last digit ends at most 1.
        for i in 0..DIGITS - 1 {
            let carry = (digits[i] + 8) >> 4;
            digits[i] -= carry << 4;
            digits[i + 1] += carry;
        }
        let mut acc = DecafPoint::IDENTITY;
        for (digit, row) in digits.iter().zip(&table.rows) {
            // |digit| and its sign without branches.
            let negative = (*digit as u8) >> 7;
            let magnitude = ((*digit as i16) * (1 - 2 * i16::from(negative))) as u8;
            let mut term = DecafPoint::IDENTITY;
            for (j, entry) in row.iter().enumerate() {
                term.conditional_assign(entry, magnitude.ct_eq(&(j as u8 + 1)));
            }
            let negated = -term;
            term.conditional_assign(&negated, Choice::from(negative));
            acc += term;
        }
        digits.zeroize();
        bytes.zeroize();
        quarter.zeroize();
        EdwardsPoint::from(acc)
    }
}
