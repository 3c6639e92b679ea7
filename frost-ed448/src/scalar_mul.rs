//! Scalar multiplication on edwards448.
//!
//! Constant time, for secrets:
//! - [`mul`], `s·P` for any point: signed radix-16 digits, 444 doublings and
//!   111 additions of an entry chosen from a table of `P, 2P, …, 8P`;
//! - [`base_mul`], `s·B`: with `std`, 112 additions of entries from a table
//!   of `(1..=8)·16^i·B` built on first use, and no doubling; without `std`,
//!   [`mul`] on `B`.
//!
//! Every table lookup reads all eight entries and keeps one by masking, and
//! negative digits are handled by a masked negation, so neither the memory
//! accessed nor the branches taken depend on the scalar.
//!
//! Variable time, for public data only:
//! - [`vartime_multiscalar_mul`], the generic Straus/Pippenger of
//!   [`frost_core::msm`] on our points: FROST only ever sums public
//!   commitments, proofs, verifying shares and signatures with it;
//! - [`is_torsion_free_vartime`], the subgroup check of decoding, whose input
//!   is bytes received from someone else.

use ed448_goldilocks::EdwardsScalar;
use frost_core::msm;
use subtle::{ConditionallyNegatable, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroize;

use crate::Ed448Group;
use crate::edwards::EdwardsPoint;
use crate::field::{Fe, MINUS_D, mul as fmul};

/// Radix-16 digits of a canonical scalar (below ℓ < 2^446): two per byte.
const DIGITS: usize = 112;

/// Signed radix-16 digits `d_i` in `-8..=8` with `s = Σ d_i·16^i`.
///
/// ℓ < 2^446, so the top nibble is at most 3 and absorbs the last carry.
fn signed_radix16(scalar: &EdwardsScalar) -> [i8; DIGITS] {
    let mut bytes = scalar.to_bytes();
    let mut digits = [0i8; DIGITS];
    for (i, b) in bytes.iter().enumerate() {
        digits[2 * i] = (b & 15) as i8;
        digits[2 * i + 1] = (b >> 4) as i8;
    }
    // Recentre each digit into -8..8, carrying into the next one.
    for i in 0..DIGITS - 1 {
        let carry = (digits[i] + 8) >> 4;
        digits[i] -= carry << 4;
        digits[i + 1] += carry;
    }
    bytes.zeroize();
    digits
}

/// `|digit|` and whether it is negative, without branches.
fn magnitude_and_sign(digit: i8) -> (u8, subtle::Choice) {
    let negative = (digit as u8) >> 7;
    let magnitude = ((digit as i16) * (1 - 2 * i16::from(negative))) as u8;
    (magnitude, subtle::Choice::from(negative))
}

/// A point with `T` multiplied by `d`, ready to be added (9M).
#[derive(Copy, Clone)]
struct Cached {
    x: Fe,
    y: Fe,
    z: Fe,
    dt: Fe,
}

impl Cached {
    const IDENTITY: Cached = Cached {
        x: Fe::ZERO,
        y: Fe::ONE,
        z: Fe::ONE,
        dt: Fe::ZERO,
    };

    fn from_point(p: &EdwardsPoint) -> Cached {
        Cached {
            x: p.x,
            y: p.y,
            z: p.z,
            dt: p.t.mul_small(MINUS_D).neg().carry(),
        }
    }

    /// `p + self`, add-2008-hwcd with `a = 1`.
    fn add_to(&self, p: &EdwardsPoint) -> EdwardsPoint {
        let a = fmul(&p.x, &self.x);
        let b = fmul(&p.y, &self.y);
        let c = fmul(&p.t, &self.dt);
        let d = fmul(&p.z, &self.z);
        let e = fmul(&p.x.add(&p.y), &self.x.add(&self.y)).sub(&a.add(&b).carry());
        let f = d.sub(&c);
        let g = d.add(&c);
        let h = b.sub(&a);
        EdwardsPoint {
            x: fmul(&e, &f),
            y: fmul(&g, &h),
            z: fmul(&f, &g),
            t: fmul(&e, &h),
        }
    }
}

impl ConditionallySelectable for Cached {
    fn conditional_select(a: &Cached, b: &Cached, choice: subtle::Choice) -> Cached {
        Cached {
            x: Fe::conditional_select(&a.x, &b.x, choice),
            y: Fe::conditional_select(&a.y, &b.y, choice),
            z: Fe::conditional_select(&a.z, &b.z, choice),
            dt: Fe::conditional_select(&a.dt, &b.dt, choice),
        }
    }
}

impl ConditionallyNegatable for Cached {
    fn conditional_negate(&mut self, choice: subtle::Choice) {
        let x = self.x.neg().carry();
        let dt = self.dt.neg().carry();
        self.x.conditional_assign(&x, choice);
        self.dt.conditional_assign(&dt, choice);
    }
}

impl Zeroize for Cached {
    fn zeroize(&mut self) {
        self.x.zeroize();
        self.y.zeroize();
        self.z.zeroize();
        self.dt.zeroize();
    }
}

/// The entry `digit·P` of a table `[P, 2P, …, 8P]`, reading every entry.
fn select<T: ConditionallySelectable + ConditionallyNegatable>(table: &[T; 8], identity: T, digit: i8) -> T {
    let (magnitude, negative) = magnitude_and_sign(digit);
    let mut term = identity;
    for (j, entry) in table.iter().enumerate() {
        term.conditional_assign(entry, magnitude.ct_eq(&(j as u8 + 1)));
    }
    term.conditional_negate(negative);
    term
}

/// `scalar·point` in constant time.
pub(crate) fn mul(point: &EdwardsPoint, scalar: &EdwardsScalar) -> EdwardsPoint {
    let once = Cached::from_point(point);
    let mut table = [once; 8];
    let mut multiple = *point;
    for entry in table.iter_mut().skip(1) {
        multiple = once.add_to(&multiple);
        *entry = Cached::from_point(&multiple);
    }
    let mut digits = signed_radix16(scalar);
    let mut term = select(&table, Cached::IDENTITY, digits[DIGITS - 1]);
    let mut acc = term.add_to(&EdwardsPoint::IDENTITY);
    for digit in digits.iter().rev().skip(1) {
        acc = acc.double_n(4);
        term = select(&table, Cached::IDENTITY, *digit);
        acc = term.add_to(&acc);
    }
    digits.zeroize();
    term.zeroize();
    table.iter_mut().for_each(Zeroize::zeroize);
    multiple.zeroize();
    acc
}

/// `scalar·B` in constant time.
pub(crate) fn base_mul(scalar: &EdwardsScalar) -> EdwardsPoint {
    #[cfg(feature = "std")]
    return fixed_base::base_mul(scalar);
    #[cfg(not(feature = "std"))]
    return mul(&EdwardsPoint::GENERATOR, scalar);
}

#[cfg(feature = "std")]
mod fixed_base {
    use std::sync::OnceLock;
    use std::vec::Vec;

    use super::*;
    use crate::edwards::AffineNiels;

    /// `TABLE[i][j] = (j + 1)·16^i·B`, affine (176 kB).
    fn table() -> &'static [[AffineNiels; 8]] {
        static TABLE: OnceLock<Vec<[AffineNiels; 8]>> = OnceLock::new();
        TABLE.get_or_init(|| {
            let mut points = Vec::with_capacity(DIGITS * 8);
            let mut base = EdwardsPoint::GENERATOR;
            for _ in 0..DIGITS {
                let mut multiple = base;
                for _ in 0..8 {
                    points.push(multiple);
                    multiple = multiple + base;
                }
                // multiple is now 9·16^i·B; the next row starts at 16^(i+1)·B.
                base = base.double_n(4);
            }
            let mut z_inv: Vec<Fe> = points.iter().map(|p| p.z).collect();
            Fe::batch_invert(&mut z_inv);
            let entries: Vec<AffineNiels> = points
                .iter()
                .zip(&z_inv)
                .map(|(p, z_inv)| {
                    let x = fmul(&p.x, z_inv);
                    let y = fmul(&p.y, z_inv);
                    let dxy = fmul(&x, &y).mul_small(MINUS_D).neg().carry();
                    AffineNiels { x, y, dxy }
                })
                .collect();
            entries
                .chunks_exact(8)
                .map(|row| core::array::from_fn(|j| row[j]))
                .collect()
        })
    }

    /// `s·B`: one table lookup (of all eight entries in its row) and one
    /// addition per digit, no doublings.
    pub(super) fn base_mul(scalar: &EdwardsScalar) -> EdwardsPoint {
        let table = table();
        let mut digits = signed_radix16(scalar);
        let mut acc = EdwardsPoint::IDENTITY;
        let mut term = AffineNiels::IDENTITY;
        for (digit, row) in digits.iter().zip(table) {
            term = select(row, AffineNiels::IDENTITY, *digit);
            acc = acc.add_affine_niels(&term);
        }
        digits.zeroize();
        term.zeroize();
        acc
    }
}

/// `sum(scalars[i]·elements[i])` in variable time (public data only).
pub(crate) fn vartime_multiscalar_mul(scalars: &[EdwardsScalar], elements: &[EdwardsPoint]) -> EdwardsPoint {
    msm::vartime_multiscalar_mul_in::<Ed448Group, EdwardsPoint>(
        scalars,
        elements,
        EdwardsPoint::IDENTITY,
        EdwardsPoint::double,
    )
}

/// Whether `ℓ·P` is the identity, in variable time (public data only).
///
/// The group of edwards448 is cyclic of order `4ℓ`, so this is exactly
/// membership in the prime-order subgroup. ℓ itself is no scalar, but
/// `ℓ·P = O` exactly when `(ℓ - 1)·P = -P`, and `ℓ - 1` is the scalar `-1`.
pub(crate) fn is_torsion_free_vartime(point: &EdwardsPoint) -> bool {
    let minus_one = -EdwardsScalar::ONE;
    let product = msm::straus_in::<Ed448Group, EdwardsPoint>(
        &[minus_one],
        core::slice::from_ref(point),
        EdwardsPoint::IDENTITY,
        EdwardsPoint::double,
    );
    product == -*point
}
