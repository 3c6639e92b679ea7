//! Variable-time multiscalar multiplication, `sum(scalars[i] * points[i])`,
//! for suites whose curve crate offers none.
//!
//! Straus's method pays the doublings once for all terms; Pippenger's bucket
//! method pays about one addition per term and window. [`vartime_multiscalar_mul_in`]
//! picks the cheaper by a cost estimate. All three work on any point type with
//! addition, subtraction and doubling, so a suite can run them on a faster
//! internal representation of its points than the group element it exposes
//! (Ed448 runs them on the 4-isogenous twisted curve).
//!
//! Variable time: public data only (commitments, proofs, verifying shares,
//! signatures).

use alloc::vec::Vec;
use core::ops::{Add, Sub};

use crate::ciphersuite::{ByteOrder, Group, MAX_ENCODING_LEN};

/// `sum(scalars[i] * points[i])` by Straus's or Pippenger's method, whichever
/// is estimated cheaper for this many terms.
///
/// `points` may be any representation of the group's elements in which
/// `identity`, `+`, `-` and `double` are the group law; the scalars are
/// `G`'s. Variable time: public data only.
///
/// ```
/// # use frost_core::{Group, msm};
/// # fn check<G: Group>(s: &[G::Scalar], e: &[G::Element]) {
/// let sum = msm::vartime_multiscalar_mul_in::<G, _>(s, e, G::identity(), G::double);
/// # }
/// ```
pub fn vartime_multiscalar_mul_in<G: Group, P>(
    scalars: &[G::Scalar],
    points: &[P],
    identity: P,
    double: impl Fn(&P) -> P,
) -> P
where
    P: Copy + Add<Output = P> + Sub<Output = P>,
{
    debug_assert_eq!(scalars.len(), points.len());
    // Estimated point operations: Straus pays the doublings once and about
    // one addition per 6 bits per term (width-5 NAF) plus 8 precomputed
    // multiples; Pippenger pays, per window of c bits, one addition per
    // term and about 2^(c+1) to combine the buckets.
    let n = scalars.len();
    let bits = 8 * G::SCALAR_LEN;
    let straus_cost = bits + n * (bits / 6 + 8);
    let (c, pippenger_cost) = pippenger_window(n, bits);
    if straus_cost <= pippenger_cost {
        straus_in::<G, P>(scalars, points, identity, double)
    } else {
        pippenger_in::<G, P>(scalars, points, identity, double, c)
    }
}

/// The number of terms from which the SEC1 suites (P-256, secp256k1) use
/// [`pippenger`] instead of their curve crate's `lincomb_vartime`.
#[doc(hidden)]
pub const SEC1_PIPPENGER_FROM: usize = 1024;

/// Straus's method on the group's own elements (see [`straus_in`]).
pub fn straus<G: Group>(scalars: &[G::Scalar], elements: &[G::Element]) -> G::Element {
    straus_in::<G, _>(scalars, elements, G::identity(), G::double)
}

/// Pippenger's bucket method on the group's own elements, with the window
/// that the cost estimate of [`vartime_multiscalar_mul_in`] finds cheapest
/// for this many terms (see [`pippenger_in`]).
pub fn pippenger<G: Group>(scalars: &[G::Scalar], elements: &[G::Element]) -> G::Element {
    let (c, _) = pippenger_window(scalars.len(), 8 * G::SCALAR_LEN);
    pippenger_in::<G, _>(scalars, elements, G::identity(), G::double, c)
}

/// The window width in `2..=16` bits that minimises Pippenger's estimated
/// point operations for `n` terms of `bits`-bit scalars (one addition per
/// term and window, about `2^(c+1)` to combine each window's buckets, and
/// the doublings), with that estimate.
fn pippenger_window(n: usize, bits: usize) -> (usize, usize) {
    (2..=16usize)
        .map(|c| (c, bits.div_ceil(c) * (n + (1 << (c + 1))) + bits))
        .min_by_key(|(_, cost)| *cost)
        .unwrap_or((8, usize::MAX))
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
/// Cheaper than Pippenger up to a few hundred terms. Variable time; public
/// data only.
pub fn straus_in<G: Group, P>(scalars: &[G::Scalar], points: &[P], identity: P, double: impl Fn(&P) -> P) -> P
where
    P: Copy + Add<Output = P> + Sub<Output = P>,
{
    let digits: Vec<Vec<i8>> = scalars.iter().map(wnaf::<G>).collect();
    // P, 3P, 5P, ..., 15P for each point.
    let tables: Vec<[P; 8]> = points
        .iter()
        .map(|p| {
            let twice = double(p);
            let mut table = [*p; 8];
            for i in 1..8 {
                table[i] = table[i - 1] + twice;
            }
            table
        })
        .collect();
    let top = digits.iter().map(Vec::len).max().unwrap_or(0);
    let mut acc = identity;
    for i in (0..top).rev() {
        acc = double(&acc);
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

/// Pippenger's bucket method with windows of `c` bits (`2..=16`).
///
/// Each window costs one addition per term plus `2^(c+1)` bucket additions,
/// against a full scalar multiplication per term for the plain sum. Variable
/// time; public data only.
pub fn pippenger_in<G: Group, P>(
    scalars: &[G::Scalar],
    points: &[P],
    identity: P,
    double: impl Fn(&P) -> P,
    c: usize,
) -> P
where
    P: Copy + Add<Output = P> + Sub<Output = P>,
{
    let c = c.clamp(2, 16);
    let n = scalars.len().min(points.len());
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
    let mut result = identity;
    let mut buckets = alloc::vec![identity; (1 << c) - 1];
    for w in (0..windows).rev() {
        for _ in 0..c {
            result = double(&result);
        }
        buckets.iter_mut().for_each(|b| *b = identity);
        for (i, e) in points.iter().enumerate().take(n) {
            let digit = (0..c)
                .filter(|k| w * c + k < top)
                .fold(0, |d, k| d | bit(i, w * c + k) << k);
            if digit != 0 {
                buckets[digit - 1] = buckets[digit - 1] + *e;
            }
        }
        // sum_d d * bucket[d] as a running sum of running sums.
        let mut running = identity;
        let mut window_sum = identity;
        for b in buckets.iter().rev() {
            running = running + *b;
            window_sum = window_sum + running;
        }
        result = result + window_sum;
    }
    result
}
