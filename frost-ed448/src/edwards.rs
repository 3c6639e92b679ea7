//! Points of edwards448, `x² + y² = 1 + d·x²·y²` with `d = -39081`
//! ([RFC 8032 §5.2](https://www.rfc-editor.org/rfc/rfc8032#section-5.2)),
//! in extended coordinates over the [`field`](crate::field).
//!
//! `d` is not a square, so the unified addition formula is complete: it adds
//! any two points, equal or not, identity or small order, without
//! exceptions, hence without branches. Doubling has its own, cheaper formula,
//! also without exceptions. All the arithmetic here is constant time; the
//! variable-time functions are in [`crate::scalar_mul`], and decoding, which
//! only ever sees public bytes, is variable time in its validity checks.

use core::fmt;
use core::ops::{Add, Neg, Sub};

use frost_core::ElementError;
#[cfg(feature = "std")]
use subtle::ConditionallyNegatable;
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroize;

use crate::field::{Fe, Loose, MINUS_D, mul, square};

/// A point of edwards448 in extended coordinates `(X : Y : Z : T)`, with
/// `x = X/Z`, `y = Y/Z` and `x·y = T/Z`.
///
/// This is the suite's group element. Values made by this crate's decoding
/// and arithmetic on decoded values are in the prime-order subgroup; the type
/// itself can hold any point of the curve (the tests use small-order ones).
#[derive(Copy, Clone)]
pub struct EdwardsPoint {
    pub(crate) x: Fe,
    pub(crate) y: Fe,
    pub(crate) z: Fe,
    pub(crate) t: Fe,
}

/// The coordinates of the base point `B` of RFC 8032, as 56-bit limbs.
const BASE_X: [u64; 8] = [
    0x26a82bc70cc05e,
    0x80e18b00938e26,
    0xf72ab66511433b,
    0xa3d3a46412ae1a,
    0x0f1767ea6de324,
    0x36da9e14657047,
    0xed221d15a622bf,
    0x4f1970c66bed0d,
];
const BASE_Y: [u64; 8] = [
    0x08795bf230fa14,
    0x132c4ed7c8ad98,
    0x1ce67c39c4fdbd,
    0x05a0c2d73ad3ff,
    0xa3984087789c1e,
    0xc7624bea73736c,
    0x248876203756c9,
    0x693f46716eb6bc,
];

/// A point with `Z = 1` and `T` multiplied by `d`, ready to be added: the
/// entries of the fixed-base table.
#[cfg(feature = "std")]
#[derive(Copy, Clone)]
pub(crate) struct AffineNiels {
    pub(crate) x: Fe,
    pub(crate) y: Fe,
    pub(crate) dxy: Fe,
}

impl EdwardsPoint {
    /// The neutral element `(0, 1)`.
    pub const IDENTITY: EdwardsPoint = EdwardsPoint {
        x: Fe::ZERO,
        y: Fe::ONE,
        z: Fe::ONE,
        t: Fe::ZERO,
    };

    /// The base point `B` of RFC 8032 (and RFC 9591's generator).
    pub const GENERATOR: EdwardsPoint = {
        EdwardsPoint {
            x: Fe::from_limbs(BASE_X),
            y: Fe::from_limbs(BASE_Y),
            z: Fe::ONE,
            t: Fe::from_limbs(BASE_T),
        }
    };

    /// `self + self`: dbl-2008-hwcd for `a = 1` (4M + 4S).
    #[inline]
    pub fn double(&self) -> EdwardsPoint {
        let (e, f, g, h) = self.double_parts();
        EdwardsPoint {
            x: mul(&e, &f),
            y: mul(&g, &h),
            z: mul(&f, &g),
            t: mul(&e, &h),
        }
    }

    /// `2^k · self` (k ≥ 1), skipping `T` in every doubling but the last:
    /// the doubling formula does not read it.
    #[inline]
    pub(crate) fn double_n(&self, k: u32) -> EdwardsPoint {
        let mut p = *self;
        for _ in 1..k {
            let (e, f, g, h) = p.double_parts();
            p.x = mul(&e, &f);
            p.y = mul(&g, &h);
            p.z = mul(&f, &g);
        }
        p.double()
    }

    /// The intermediate values `E, F, G, H` of the doubling formula:
    /// `A = X²`, `B = Y²`, `C = 2Z²`, `E = (X + Y)² - A - B`, `G = A + B`,
    /// `F = G - C`, `H = A - B`.
    #[inline(always)]
    fn double_parts(&self) -> (Loose, Loose, Fe, Loose) {
        let a = square(&self.x);
        let b = square(&self.y);
        let c = square(&self.z);
        let c = c.add(&c).carry();
        let g = a.add(&b).carry();
        let e = square(&self.x.add(&self.y)).sub(&g);
        let f = g.sub(&c);
        let h = a.sub(&b);
        (e, f, g, h)
    }

    /// The completed sum from `A = X1·X2`, `B = Y1·Y2`, `C = d·T1·T2`,
    /// `D = Z1·Z2` and `E = X1·Y2 + Y1·X2` (add-2008-hwcd, `a = 1`).
    #[inline(always)]
    fn finish_add(a: Fe, b: Fe, c: Fe, d: Fe, e: Loose) -> EdwardsPoint {
        let f = d.sub(&c);
        let g = d.add(&c);
        let h = b.sub(&a);
        EdwardsPoint {
            x: mul(&e, &f),
            y: mul(&g, &h),
            z: mul(&f, &g),
            t: mul(&e, &h),
        }
    }

    /// `self + other` (9M and a multiplication by 39081).
    #[inline]
    fn add_point(&self, other: &EdwardsPoint) -> EdwardsPoint {
        let a = mul(&self.x, &other.x);
        let b = mul(&self.y, &other.y);
        // C = d·T1·T2 = -(39081·T1·T2).
        let c = mul(&self.t, &other.t).mul_small(MINUS_D).neg().carry();
        let d = mul(&self.z, &other.z);
        let e = mul(&self.x.add(&self.y), &other.x.add(&other.y)).sub(&a.add(&b).carry());
        Self::finish_add(a, b, c, d, e)
    }

    /// `self + other` for a table entry (8M).
    #[cfg(feature = "std")]
    #[inline]
    pub(crate) fn add_affine_niels(&self, other: &AffineNiels) -> EdwardsPoint {
        let a = mul(&self.x, &other.x);
        let b = mul(&self.y, &other.y);
        let c = mul(&self.t, &other.dxy);
        let e = mul(&self.x.add(&self.y), &other.x.add(&other.y)).sub(&a.add(&b).carry());
        Self::finish_add(a, b, c, self.z, e)
    }

    /// Constant-time equality of the projective points: `X1·Z2 = X2·Z1` and
    /// `Y1·Z2 = Y2·Z1`.
    fn ct_eq_point(&self, other: &EdwardsPoint) -> Choice {
        mul(&self.x, &other.z).ct_eq(&mul(&other.x, &self.z)) & mul(&self.y, &other.z).ct_eq(&mul(&other.y, &self.z))
    }

    /// The RFC 8032 encoding, given `1/Z`: `y` in 56 little-endian bytes,
    /// then a byte holding the parity of `x` in its top bit.
    fn encode_with_inverse(&self, z_inv: &Fe) -> [u8; 57] {
        let x = mul(&self.x, z_inv);
        let y = mul(&self.y, z_inv);
        let mut out = [0u8; 57];
        out[..56].copy_from_slice(&y.to_bytes());
        out[56] = x.is_odd().unwrap_u8() << 7;
        out
    }

    /// The RFC 8032 encoding (57 bytes; the identity is `01 00 … 00`).
    pub fn to_bytes(&self) -> [u8; 57] {
        self.encode_with_inverse(&self.z.invert())
    }

    /// Encodes many points with one inversion (Montgomery's trick), writing
    /// 57 bytes per point into `out`.
    pub(crate) fn batch_encode(points: &[EdwardsPoint], out: &mut [u8]) {
        let mut z_inv: alloc::vec::Vec<Fe> = points.iter().map(|p| p.z).collect();
        Fe::batch_invert(&mut z_inv);
        for ((p, z_inv), chunk) in points.iter().zip(&z_inv).zip(out.chunks_exact_mut(57)) {
            chunk.copy_from_slice(&p.encode_with_inverse(z_inv));
        }
    }

    /// Decodes an RFC 8032 encoding onto the curve, refusing every
    /// non-canonical one ([RFC 8032 §5.2.3]), but not yet the identity or
    /// points of small order.
    ///
    /// Variable time: encodings are public.
    ///
    /// [RFC 8032 §5.2.3]: https://www.rfc-editor.org/rfc/rfc8032#section-5.2.3
    pub(crate) fn decode_on_curve(bytes: &[u8; 57]) -> Option<EdwardsPoint> {
        // The last byte holds only the sign of x; y is the other 448 bits and
        // must be below p.
        let sign = bytes[56];
        if sign & 0x7f != 0 {
            return None;
        }
        let mut y_bytes = [0u8; 56];
        y_bytes.copy_from_slice(&bytes[..56]);
        let y = Fe::from_canonical_bytes(&y_bytes)?;
        // x² = (y² - 1) / (d·y² - 1); the denominator is never zero, since
        // 1/d is not a square.
        let y2 = square(&y);
        let u = y2.sub(&Fe::ONE).carry();
        let v = y2.mul_small(MINUS_D).add(&Fe::ONE).carry().neg().carry();
        let (is_square, mut x) = Fe::sqrt_ratio(&u, &v);
        if !bool::from(is_square) {
            return None;
        }
        let x_is_zero = bool::from(x.ct_eq(&Fe::ZERO));
        let want_odd = sign >> 7 == 1;
        // x = 0 has only the even encoding.
        if x_is_zero && want_odd {
            return None;
        }
        if bool::from(x.is_odd()) != want_odd {
            x = x.neg().carry();
        }
        Some(EdwardsPoint {
            x,
            y,
            z: Fe::ONE,
            t: mul(&x, &y),
        })
    }

    /// Decodes a group element: canonical, on the curve, not the identity,
    /// in the prime-order subgroup. Variable time: encodings are public.
    pub fn from_bytes(bytes: &[u8; 57]) -> Result<EdwardsPoint, ElementError> {
        let point = Self::decode_on_curve(bytes).ok_or(ElementError::Malformed)?;
        if point.is_identity() {
            return Err(ElementError::Identity);
        }
        if !crate::scalar_mul::is_torsion_free_vartime(&point) {
            return Err(ElementError::NotInPrimeOrderSubgroup);
        }
        Ok(point)
    }

    /// Whether this is the identity (constant time inside, public answer).
    pub fn is_identity(&self) -> bool {
        // x = 0 and y = z; (0, -1) has x = 0 too.
        bool::from(self.x.ct_eq(&Fe::ZERO) & self.y.ct_eq(&self.z))
    }
}

/// `T = x·y` of the base point, as 56-bit limbs.
const BASE_T: [u64; 8] = base_t();

/// The limbs of `x·y` for the base point, computed at compile time with
/// fiat-crypto's const multiplication.
const fn base_t() -> [u64; 8] {
    use fiat_crypto::p448_solinas_64::{
        fiat_p448_carry_mul, fiat_p448_loose_field_element, fiat_p448_tight_field_element,
    };
    let mut out = fiat_p448_tight_field_element([0; 8]);
    fiat_p448_carry_mul(
        &mut out,
        &fiat_p448_loose_field_element(BASE_X),
        &fiat_p448_loose_field_element(BASE_Y),
    );
    out.0
}

impl Add for EdwardsPoint {
    type Output = EdwardsPoint;
    fn add(self, other: EdwardsPoint) -> EdwardsPoint {
        self.add_point(&other)
    }
}

impl Add<&EdwardsPoint> for &EdwardsPoint {
    type Output = EdwardsPoint;
    fn add(self, other: &EdwardsPoint) -> EdwardsPoint {
        self.add_point(other)
    }
}

impl Neg for EdwardsPoint {
    type Output = EdwardsPoint;
    fn neg(self) -> EdwardsPoint {
        EdwardsPoint {
            x: self.x.neg().carry(),
            y: self.y,
            z: self.z,
            t: self.t.neg().carry(),
        }
    }
}

impl Sub for EdwardsPoint {
    type Output = EdwardsPoint;
    fn sub(self, other: EdwardsPoint) -> EdwardsPoint {
        self.add_point(&-other)
    }
}

impl ConstantTimeEq for EdwardsPoint {
    fn ct_eq(&self, other: &EdwardsPoint) -> Choice {
        self.ct_eq_point(other)
    }
}

impl PartialEq for EdwardsPoint {
    fn eq(&self, other: &EdwardsPoint) -> bool {
        self.ct_eq_point(other).into()
    }
}

impl Eq for EdwardsPoint {}

impl ConditionallySelectable for EdwardsPoint {
    fn conditional_select(a: &EdwardsPoint, b: &EdwardsPoint, choice: Choice) -> EdwardsPoint {
        EdwardsPoint {
            x: Fe::conditional_select(&a.x, &b.x, choice),
            y: Fe::conditional_select(&a.y, &b.y, choice),
            z: Fe::conditional_select(&a.z, &b.z, choice),
            t: Fe::conditional_select(&a.t, &b.t, choice),
        }
    }
}

impl Default for EdwardsPoint {
    fn default() -> EdwardsPoint {
        EdwardsPoint::IDENTITY
    }
}

impl Zeroize for EdwardsPoint {
    fn zeroize(&mut self) {
        self.x.zeroize();
        self.y.zeroize();
        self.z.zeroize();
        self.t.zeroize();
    }
}

/// Prints the encoding: group elements are public.
impl fmt::Debug for EdwardsPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EdwardsPoint(")?;
        for b in self.to_bytes() {
            write!(f, "{b:02x}")?;
        }
        write!(f, ")")
    }
}

#[cfg(feature = "std")]
impl AffineNiels {
    /// The identity as a table entry.
    pub(crate) const IDENTITY: AffineNiels = AffineNiels {
        x: Fe::ZERO,
        y: Fe::ONE,
        dxy: Fe::ZERO,
    };
}

#[cfg(feature = "std")]
impl ConditionallySelectable for AffineNiels {
    fn conditional_select(a: &AffineNiels, b: &AffineNiels, choice: Choice) -> AffineNiels {
        AffineNiels {
            x: Fe::conditional_select(&a.x, &b.x, choice),
            y: Fe::conditional_select(&a.y, &b.y, choice),
            dxy: Fe::conditional_select(&a.dxy, &b.dxy, choice),
        }
    }
}

#[cfg(feature = "std")]
impl ConditionallyNegatable for AffineNiels {
    fn conditional_negate(&mut self, choice: Choice) {
        let x = self.x.neg().carry();
        let dxy = self.dxy.neg().carry();
        self.x.conditional_assign(&x, choice);
        self.dxy.conditional_assign(&dxy, choice);
    }
}

#[cfg(feature = "std")]
impl Zeroize for AffineNiels {
    fn zeroize(&mut self) {
        self.x.zeroize();
        self.y.zeroize();
        self.dxy.zeroize();
    }
}
