//! The Goldilocks field, integers modulo `p = 2^448 - 2^224 - 1`.
//!
//! Addition, subtraction, multiplication, squaring, carrying and the byte
//! conversions are fiat-crypto's `p448_solinas_64`, generated from a
//! machine-checked proof (eight 56-bit limbs, Solinas reduction). On top of
//! it, by hand: inversion and the square root of a ratio, both one fixed
//! addition chain of 445 squarings (so constant time), and a multiplication
//! by a small constant.
//!
//! fiat-crypto distinguishes "tight" limbs (the output of a multiplication or
//! a carry) from "loose" ones (the output of an addition or subtraction, at
//! most three times larger), and a multiplication accepts loose inputs. We
//! keep that split in the types, [`Fe`] and [`Loose`], so that `(a + b)·c`
//! costs no carry and no bound is ever exceeded.
//!
//! Every function here is constant time.

use fiat_crypto::p448_solinas_64::{
    fiat_p448_add, fiat_p448_carry, fiat_p448_carry_mul, fiat_p448_carry_square, fiat_p448_from_bytes,
    fiat_p448_loose_field_element, fiat_p448_opp, fiat_p448_relax, fiat_p448_selectznz, fiat_p448_sub,
    fiat_p448_tight_field_element, fiat_p448_to_bytes,
};
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroize;

/// A field element with tight limbs: the result of a multiplication or carry.
#[derive(Copy, Clone)]
pub(crate) struct Fe(pub(crate) fiat_p448_tight_field_element);

/// A field element with loose limbs: the result of an addition, subtraction
/// or negation. Only a multiplication, a squaring or [`Loose::carry`] take it.
#[derive(Copy, Clone)]
pub(crate) struct Loose(fiat_p448_loose_field_element);

/// Something a multiplication accepts: either kind of element.
pub(crate) trait Operand {
    /// The element as loose limbs (tight limbs are loose too).
    fn loose(&self) -> Loose;
}

impl Operand for Fe {
    #[inline(always)]
    fn loose(&self) -> Loose {
        let mut out = fiat_p448_loose_field_element([0; 8]);
        fiat_p448_relax(&mut out, &self.0);
        Loose(out)
    }
}

impl Operand for Loose {
    #[inline(always)]
    fn loose(&self) -> Loose {
        *self
    }
}

/// `a·b`.
#[inline(always)]
pub(crate) fn mul(a: &impl Operand, b: &impl Operand) -> Fe {
    let mut out = fiat_p448_tight_field_element([0; 8]);
    fiat_p448_carry_mul(&mut out, &a.loose().0, &b.loose().0);
    Fe(out)
}

/// `a²`.
#[inline(always)]
pub(crate) fn square(a: &impl Operand) -> Fe {
    let mut out = fiat_p448_tight_field_element([0; 8]);
    fiat_p448_carry_square(&mut out, &a.loose().0);
    Fe(out)
}

#[cfg(test)]
/// The limbs of `p - 39081`, the curve constant `d` of edwards448.
const D_LIMBS: [u64; 8] = [
    0xffffffffff6756,
    0xffffffffffffff,
    0xffffffffffffff,
    0xffffffffffffff,
    0xfffffffffffffe,
    0xffffffffffffff,
    0xffffffffffffff,
    0xffffffffffffff,
];

/// `|d|` for edwards448, `d = -39081`.
pub(crate) const MINUS_D: u32 = 39081;

impl Fe {
    /// 0.
    pub(crate) const ZERO: Fe = Fe(fiat_p448_tight_field_element([0; 8]));
    /// 1.
    pub(crate) const ONE: Fe = Fe(fiat_p448_tight_field_element([1, 0, 0, 0, 0, 0, 0, 0]));
    /// The curve constant `d = -39081` of edwards448.
    #[cfg(test)]
    pub(crate) const D: Fe = Fe(fiat_p448_tight_field_element(D_LIMBS));

    /// An element from its 56-bit limbs (each below 2^56).
    pub(crate) const fn from_limbs(limbs: [u64; 8]) -> Fe {
        Fe(fiat_p448_tight_field_element(limbs))
    }

    /// `self + other`.
    #[inline(always)]
    pub(crate) fn add(&self, other: &Fe) -> Loose {
        let mut out = fiat_p448_loose_field_element([0; 8]);
        fiat_p448_add(&mut out, &self.0, &other.0);
        Loose(out)
    }

    /// `self - other`.
    #[inline(always)]
    pub(crate) fn sub(&self, other: &Fe) -> Loose {
        let mut out = fiat_p448_loose_field_element([0; 8]);
        fiat_p448_sub(&mut out, &self.0, &other.0);
        Loose(out)
    }

    /// `-self`.
    #[inline(always)]
    pub(crate) fn neg(&self) -> Loose {
        let mut out = fiat_p448_loose_field_element([0; 8]);
        fiat_p448_opp(&mut out, &self.0);
        Loose(out)
    }

    /// `self·k` for a small constant `k < 2^32`, cheaper than [`mul`].
    ///
    /// Each limb times `k` is below 2^88; one carry pass brings the limbs
    /// back below 2^56 except for what leaves the top limb, which is worth
    /// `2^448 ≡ 2^224 + 1` and so goes back into limbs 0 and 4 (below 2^33
    /// each). The result is loose (limbs below 2^57), and fiat-crypto's
    /// verified carry makes it tight.
    #[inline(always)]
    pub(crate) fn mul_small(&self, k: u32) -> Fe {
        const MASK: u128 = (1 << 56) - 1;
        let mut limbs = [0u64; 8];
        let mut carry: u128 = 0;
        for (out, limb) in limbs.iter_mut().zip(self.0.0) {
            let wide = u128::from(limb) * u128::from(k) + carry;
            *out = (wide & MASK) as u64;
            carry = wide >> 56;
        }
        // carry < 2^33: limbs 0 and 4 stay below 2^56 + 2^33.
        let carry = carry as u64;
        limbs[0] += carry;
        limbs[4] += carry;
        let mut out = fiat_p448_tight_field_element([0; 8]);
        fiat_p448_carry(&mut out, &fiat_p448_loose_field_element(limbs));
        Fe(out)
    }

    /// `self^(2^k)`.
    #[inline(always)]
    fn square_n(&self, k: u32) -> Fe {
        let mut x = *self;
        for _ in 0..k {
            x = square(&x);
        }
        x
    }

    /// `self^((p - 3) / 4) = self^(2^446 - 2^222 - 1)`.
    ///
    /// The exponent in binary is 223 ones, a zero, 222 ones: build
    /// `a^(2^k - 1)` for k = 1, 2, 3, 6, 12, 24, 48, 96, 192, 222, 223.
    fn pow_p_minus_3_over_4(&self) -> Fe {
        let a = *self;
        let t2 = mul(&square(&a), &a);
        let t3 = mul(&square(&t2), &a);
        let t6 = mul(&t3.square_n(3), &t3);
        let t12 = mul(&t6.square_n(6), &t6);
        let t24 = mul(&t12.square_n(12), &t12);
        let t48 = mul(&t24.square_n(24), &t24);
        let t96 = mul(&t48.square_n(48), &t48);
        let t192 = mul(&t96.square_n(96), &t96);
        let t216 = mul(&t192.square_n(24), &t24);
        let t222 = mul(&t216.square_n(6), &t6);
        let t223 = mul(&square(&t222), &a);
        // (2^223 - 1)·2^223 + (2^222 - 1) = 2^446 - 2^222 - 1.
        mul(&t223.square_n(223), &t222)
    }

    /// `1/self` (Fermat: `self^(p - 2)`, with `p - 2 = 4·(p - 3)/4 + 1`);
    /// zero for zero.
    pub(crate) fn invert(&self) -> Fe {
        mul(&self.pow_p_minus_3_over_4().square_n(2), self)
    }

    /// Replaces every element by its inverse with one inversion
    /// (Montgomery's trick). All must be non-zero.
    pub(crate) fn batch_invert(elements: &mut [Fe]) {
        // prefix[i] = e_0 ··· e_{i-1}.
        let mut prefix = alloc::vec::Vec::with_capacity(elements.len());
        let mut acc = Fe::ONE;
        for e in elements.iter() {
            prefix.push(acc);
            acc = mul(&acc, e);
        }
        let mut inv = acc.invert();
        for (e, before) in elements.iter_mut().zip(&prefix).rev() {
            // inv = 1/(e_0 ··· e_i), so 1/e_i = inv · e_0 ··· e_{i-1}.
            let next = mul(&inv, e);
            *e = mul(&inv, before);
            inv = next;
        }
    }

    /// A square root of `u/v` for `v ≠ 0`, and whether there is one.
    ///
    /// RFC 8032 §5.2.3: `x = u³v·(u⁵v³)^((p-3)/4)` is a root exactly when
    /// `v·x² = u` (p ≡ 3 mod 4, so no second candidate to try).
    pub(crate) fn sqrt_ratio(u: &Fe, v: &Fe) -> (Choice, Fe) {
        let u2 = square(u);
        let u3 = mul(&u2, u);
        let v2 = square(v);
        let u3v = mul(&u3, v);
        let u5v3 = mul(&mul(&u3v, &u2), &v2);
        let x = mul(&u3v, &u5v3.pow_p_minus_3_over_4());
        let check = mul(v, &square(&x));
        (check.ct_eq(u), x)
    }

    /// The canonical little-endian encoding (fully reduced).
    pub(crate) fn to_bytes(self) -> [u8; 56] {
        let mut out = [0u8; 56];
        fiat_p448_to_bytes(&mut out, &self.0);
        out
    }

    /// Decodes 56 little-endian bytes; `None` unless the value is below `p`.
    pub(crate) fn from_canonical_bytes(bytes: &[u8; 56]) -> Option<Fe> {
        let mut out = fiat_p448_tight_field_element([0; 8]);
        // Any 448-bit integer fits the limbs; fiat-crypto's to_bytes reduces
        // modulo p, so the bytes are canonical exactly when they come back.
        fiat_p448_from_bytes(&mut out, bytes);
        let fe = Fe(out);
        bool::from(fe.to_bytes().ct_eq(bytes)).then_some(fe)
    }

    /// Whether the canonical value is odd (the "sign" of RFC 8032).
    pub(crate) fn is_odd(&self) -> Choice {
        Choice::from(self.to_bytes()[0] & 1)
    }
}

impl Loose {
    /// The same element with tight limbs.
    #[inline(always)]
    pub(crate) fn carry(&self) -> Fe {
        let mut out = fiat_p448_tight_field_element([0; 8]);
        fiat_p448_carry(&mut out, &self.0);
        Fe(out)
    }
}

impl ConstantTimeEq for Fe {
    fn ct_eq(&self, other: &Fe) -> Choice {
        self.to_bytes().ct_eq(&other.to_bytes())
    }
}

impl ConditionallySelectable for Fe {
    fn conditional_select(a: &Fe, b: &Fe, choice: Choice) -> Fe {
        let mut out = [0u64; 8];
        fiat_p448_selectznz(&mut out, choice.unwrap_u8(), &a.0.0, &b.0.0);
        Fe(fiat_p448_tight_field_element(out))
    }
}

impl Zeroize for Fe {
    fn zeroize(&mut self) {
        self.0.0.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// p as little-endian bytes.
    fn p_bytes() -> [u8; 56] {
        let mut p = [0xffu8; 56];
        p[28] = 0xfe;
        p
    }

    fn random(rng: &mut impl rand_core::Rng) -> Fe {
        let mut bytes = [0u8; 56];
        rng.fill_bytes(&mut bytes);
        bytes[55] &= 0x7f;
        Fe::from_canonical_bytes(&bytes).expect("below 2^447 < p")
    }

    #[test]
    fn canonical_decoding_stops_at_p() {
        let p = p_bytes();
        assert!(Fe::from_canonical_bytes(&p).is_none());
        assert!(Fe::from_canonical_bytes(&[0xff; 56]).is_none());
        let mut p_minus_one = p;
        p_minus_one[0] = 0xfe;
        let x = Fe::from_canonical_bytes(&p_minus_one).expect("p - 1");
        assert_eq!(x.to_bytes(), Fe::ONE.neg().carry().to_bytes());
        assert_eq!(x.add(&Fe::ONE).carry().to_bytes(), [0; 56]);
    }

    #[test]
    fn inversion_and_square_roots() {
        let mut rng = rand::rng();
        assert_eq!(Fe::ZERO.invert().to_bytes(), [0; 56]);
        for _ in 0..32 {
            let a = random(&mut rng);
            let b = random(&mut rng);
            assert_eq!(mul(&a, &a.invert()).to_bytes(), Fe::ONE.to_bytes());
            // a²/b² has the roots ±a/b; a non-square ratio has none.
            let (ok, x) = Fe::sqrt_ratio(&square(&a), &square(&b));
            assert!(bool::from(ok));
            let expected = mul(&a, &b.invert());
            assert!(bool::from(x.ct_eq(&expected) | x.ct_eq(&expected.neg().carry())));
            // -1 is not a square modulo p ≡ 3 (mod 4).
            let (ok, _) = Fe::sqrt_ratio(&square(&a).neg().carry(), &square(&b));
            assert!(!bool::from(ok));
        }
    }

    #[test]
    fn small_multiplication_matches_the_full_one() {
        let mut rng = rand::rng();
        let mut inputs: alloc::vec::Vec<Fe> = (0..64).map(|_| random(&mut rng)).collect();
        inputs.push(Fe::from_limbs([(1 << 56) - 1; 8]));
        inputs.push(Fe::ONE.neg().carry());
        for a in inputs {
            for k in [0u32, 1, 2, MINUS_D, u32::MAX] {
                let mut k_bytes = [0u8; 56];
                k_bytes[..4].copy_from_slice(&k.to_le_bytes());
                let k_fe = Fe::from_canonical_bytes(&k_bytes).expect("small");
                assert_eq!(a.mul_small(k).to_bytes(), mul(&a, &k_fe).to_bytes());
            }
        }
        assert_eq!(Fe::ONE.mul_small(MINUS_D).neg().carry().to_bytes(), Fe::D.to_bytes());
    }
}
