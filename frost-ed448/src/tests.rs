//! Differential tests: our field and point arithmetic against ed448-goldilocks
//! (the oracle), on random and edge inputs, small-order points included.

use alloc::vec::Vec;

use ed448_goldilocks::elliptic_curve::Field;
use ed448_goldilocks::{CompressedEdwardsY, EdwardsPoint as Reference, EdwardsScalar};
use frost_core::{ElementError, Group};
use proptest::prelude::*;

use crate::differential::{check_decoder, reference_decode};
use crate::edwards::EdwardsPoint;
use crate::{Ed448Group, scalar_mul};

fn to_reference(p: &EdwardsPoint) -> Reference {
    Option::from(CompressedEdwardsY(p.to_bytes()).decompress_unchecked())
        .map(|a: ed448_goldilocks::AffinePoint| a.to_edwards())
        .expect("our encoding is of a curve point")
}

fn from_reference(p: &Reference) -> EdwardsPoint {
    EdwardsPoint::decode_on_curve(&p.to_affine().compress().to_bytes()).expect("a curve point")
}

fn same(ours: &EdwardsPoint, reference: &Reference) -> bool {
    ours.to_bytes() == reference.to_affine().compress().to_bytes()
}

/// The four points of order dividing 4: the identity, (0, -1), (±1, 0).
fn torsion() -> [EdwardsPoint; 4] {
    let mut minus_one = [0xffu8; 57];
    minus_one[0] = 0xfe;
    minus_one[28] = 0xfe;
    minus_one[56] = 0;
    let mut negative_x = [0u8; 57];
    negative_x[56] = 0x80;
    [
        EdwardsPoint::IDENTITY,
        EdwardsPoint::decode_on_curve(&minus_one).expect("(0, -1)"),
        EdwardsPoint::decode_on_curve(&[0u8; 57]).expect("(1, 0)"),
        EdwardsPoint::decode_on_curve(&negative_x).expect("(-1, 0)"),
    ]
}

fn scalar_from_seed(seed: [u8; 64]) -> EdwardsScalar {
    let mut wide = [0u8; 114];
    wide[..64].copy_from_slice(&seed);
    EdwardsScalar::from_bytes_mod_order_wide(&ed448_goldilocks::WideEdwardsScalarBytes::from(wide))
}

/// Scalars at the edges of the radix-16 recoding and of the group order.
fn edge_scalars() -> Vec<EdwardsScalar> {
    let mut out: Vec<EdwardsScalar> = (0..17u64).map(EdwardsScalar::from).collect();
    for k in 1..4u64 {
        out.push(-EdwardsScalar::from(k));
    }
    let mut power = EdwardsScalar::ONE;
    for bit in 0..446 {
        if bit % 29 == 0 || bit >= 440 {
            out.push(power);
            out.push(-power);
        }
        power = power.double();
    }
    // Every nibble 8: each digit recentres to -8 and carries.
    let mut bytes = [0x88u8; 57];
    bytes[55] = 0x08;
    bytes[56] = 0;
    out.push(Option::from(EdwardsScalar::from_canonical_bytes(&bytes.into())).expect("canonical"));
    // Every nibble 7: no digit carries.
    let mut bytes = [0x77u8; 57];
    bytes[55] = 0x37;
    bytes[56] = 0;
    out.push(Option::from(EdwardsScalar::from_canonical_bytes(&bytes.into())).expect("canonical"));
    out
}

#[test]
fn constants_match() {
    assert!(same(&EdwardsPoint::GENERATOR, &Reference::GENERATOR));
    assert!(same(&EdwardsPoint::IDENTITY, &Reference::IDENTITY));
    let b = EdwardsPoint::GENERATOR;
    assert_eq!(crate::field::mul(&b.x, &b.y).to_bytes(), b.t.to_bytes(), "T = x·y");
    for t in torsion() {
        assert_eq!(t.double().double(), EdwardsPoint::IDENTITY);
    }
}

#[test]
fn small_order_points_are_refused_alone_and_mixed() {
    let b = EdwardsPoint::GENERATOR * EdwardsScalar::from(12345u64);
    let [identity, rest @ ..] = torsion();
    assert_eq!(
        Ed448Group::deserialize_element(&identity.to_bytes()),
        Err(ElementError::Identity)
    );
    for t in rest {
        assert_ne!(t, EdwardsPoint::IDENTITY);
        assert_eq!(
            Ed448Group::deserialize_element(&t.to_bytes()),
            Err(ElementError::NotInPrimeOrderSubgroup)
        );
        assert_eq!(
            Ed448Group::deserialize_element(&(b + t).to_bytes()),
            Err(ElementError::NotInPrimeOrderSubgroup)
        );
        check_decoder(&t.to_bytes());
        check_decoder(&(b + t).to_bytes());
    }
    assert_eq!(Ed448Group::deserialize_element(&b.to_bytes()), Ok(b));
}

/// Every class of refused encoding, each checked against the reference.
#[test]
fn decoding_edge_cases_match_the_reference() {
    let mut cases: Vec<[u8; 57]> = Vec::new();
    let p = {
        let mut p = [0xffu8; 57];
        p[28] = 0xfe;
        p[56] = 0;
        p
    };
    // y = p + k for small k (non-canonical), and p - k (canonical, maybe on
    // the curve), with either sign.
    for k in 0u8..16 {
        for sign in [0u8, 0x80] {
            let mut above = p;
            let (low, carry) = p[0].overflowing_add(k);
            above[0] = low;
            if carry {
                above[1] = above[1].wrapping_add(1);
            }
            above[56] = sign;
            cases.push(above);
            let mut below = p;
            below[0] -= k + 1;
            below[56] = sign;
            cases.push(below);
        }
    }
    // All ones, all zeros, y = 1 (identity) and y = 0, with every last byte
    // that has a stray low bit.
    let mut one = [0u8; 57];
    one[0] = 1;
    for base in [[0xffu8; 57], [0u8; 57], one] {
        for last in [0u8, 0x80, 0x01, 0x81, 0x7f, 0xff, 0x40] {
            let mut bytes = base;
            bytes[56] = last;
            cases.push(bytes);
        }
    }
    // Valid points with a stray bit, the other sign, or a flipped y bit.
    for k in 1..20u64 {
        let point = EdwardsPoint::GENERATOR * EdwardsScalar::from(k);
        let bytes = point.to_bytes();
        cases.push(bytes);
        for change in [(56, 0x01), (56, 0x80), (0, 0x01), (30, 0x10)] {
            let mut changed = bytes;
            changed[change.0] ^= change.1;
            cases.push(changed);
        }
    }
    for bytes in &cases {
        check_decoder(bytes);
    }
    // Wrong lengths.
    let b = EdwardsPoint::GENERATOR.to_bytes();
    assert_eq!(Ed448Group::deserialize_element(&b[..56]), Err(ElementError::Malformed));
    assert_eq!(
        Ed448Group::deserialize_element(&[&b[..], &[0]].concat()),
        Err(ElementError::Malformed)
    );
    assert_eq!(reference_decode(&b[..56]), Err(ElementError::Malformed));
}

#[test]
fn batch_encoding_matches_one_by_one() {
    let mut points: Vec<EdwardsPoint> = (1..40u64)
        .map(|k| EdwardsPoint::GENERATOR * EdwardsScalar::from(k * 7919))
        .collect();
    points.extend(torsion());
    let mut out = alloc::vec![0u8; 57 * points.len()];
    Ed448Group::serialize_elements(&points, &mut out);
    for (p, chunk) in points.iter().zip(out.chunks_exact(57)) {
        assert_eq!(chunk, p.to_bytes());
        assert!(same(p, &to_reference(p)));
    }
    Ed448Group::serialize_elements(&[], &mut []);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Random bytes, and random bytes with a valid last byte (about half of
    /// those are on the curve).
    #[test]
    fn decoding_random_bytes_matches_the_reference(mut bytes in proptest::collection::vec(any::<u8>(), 57), sign in any::<bool>()) {
        check_decoder(&bytes);
        bytes[56] = if sign { 0x80 } else { 0 };
        check_decoder(&bytes);
    }

    /// Encodings of random points, of prime order or mixed with torsion.
    #[test]
    fn decoding_points_matches_the_reference(seed in any::<[u8; 64]>(), t in 0usize..4) {
        let s = scalar_from_seed(seed);
        let point = EdwardsPoint::GENERATOR * s;
        check_decoder(&point.to_bytes());
        check_decoder(&(point + torsion()[t]).to_bytes());
        prop_assert_eq!(Ed448Group::deserialize_element(&point.to_bytes()).ok(), (s != EdwardsScalar::ZERO).then_some(point));
    }

    /// Addition, subtraction, negation and doubling, on any curve points.
    #[test]
    fn group_law_matches_the_reference(a in any::<[u8; 64]>(), b in any::<[u8; 64]>(), ta in 0usize..4, tb in 0usize..4) {
        let p = EdwardsPoint::GENERATOR * scalar_from_seed(a) + torsion()[ta];
        let q = EdwardsPoint::GENERATOR * scalar_from_seed(b) + torsion()[tb];
        let (rp, rq) = (to_reference(&p), to_reference(&q));
        prop_assert!(same(&(p + q), &(rp + rq)));
        prop_assert!(same(&(p - q), &(rp - rq)));
        prop_assert!(same(&(p + p), &(rp + rp)));
        prop_assert!(same(&p.double(), &rp.double()));
        let mut r32 = rp;
        for _ in 0..5 {
            r32 = r32.double();
        }
        prop_assert!(same(&p.double_n(5), &r32));
        prop_assert!(same(&-p, &-rp));
        prop_assert!(same(&(p - p), &Reference::IDENTITY));
        prop_assert_eq!(from_reference(&rp), p);
        prop_assert_eq!(p + q, q + p);
    }

    /// Constant-time variable-base and fixed-base multiplication.
    #[test]
    fn scalar_multiplication_matches_the_reference(a in any::<[u8; 64]>(), s in any::<[u8; 64]>(), t in 0usize..4) {
        let s = scalar_from_seed(s);
        let rp = Reference::GENERATOR * scalar_from_seed(a);
        let p = from_reference(&rp);
        prop_assert!(same(&(p * s), &(rp * s)));
        prop_assert!(same(&Ed448Group::base_mul(&s), &(Reference::GENERATOR * s)));
        // On a point with a torsion part T (where the reference's isogeny
        // based multiplication does not apply): s·(P + T) = s·P + (s mod 4)·T.
        let torsion_point = torsion()[t];
        let mut expected = rp * s;
        let low = s.to_bytes()[0] & 3;
        for _ in 0..low {
            expected += to_reference(&torsion_point);
        }
        prop_assert!(same(&((p + torsion_point) * s), &expected));
    }
}

#[test]
fn scalar_multiplication_edges() {
    let rp = Reference::GENERATOR * EdwardsScalar::from(987654321u64);
    let p = from_reference(&rp);
    for s in edge_scalars() {
        assert!(same(&(p * s), &(rp * s)), "scalar {s:?}");
        assert!(
            same(&Ed448Group::base_mul(&s), &(Reference::GENERATOR * s)),
            "scalar {s:?}"
        );
        assert!(same(&(EdwardsPoint::IDENTITY * s), &Reference::IDENTITY));
    }
}

#[test]
fn multiscalar_multiplication_matches_the_sum_of_products() {
    let edges = edge_scalars();
    let mut rng = rand::rng();
    // Sizes on both sides of the Straus/Pippenger switch.
    for n in [0usize, 1, 2, 3, 7, 64, 300] {
        let scalars: Vec<EdwardsScalar> = (0..n)
            .map(|i| {
                if i % 3 == 0 {
                    edges[i % edges.len()]
                } else {
                    <EdwardsScalar as Field>::random(&mut rng)
                }
            })
            .collect();
        let mut reference: Vec<Reference> = (0..n)
            .map(|_| Reference::GENERATOR * <EdwardsScalar as Field>::random(&mut rng))
            .collect();
        if n > 2 {
            // The identity and a repeated point are public inputs too.
            reference[1] = Reference::IDENTITY;
            reference[2] = reference[0];
        }
        let points: Vec<EdwardsPoint> = reference.iter().map(from_reference).collect();
        let expected = scalars
            .iter()
            .zip(&reference)
            .fold(Reference::IDENTITY, |acc, (s, p)| acc + p * s);
        assert!(
            same(&Ed448Group::vartime_multiscalar_mul(&scalars, &points), &expected),
            "n = {n}"
        );
        let plain = scalars
            .iter()
            .zip(&points)
            .fold(EdwardsPoint::IDENTITY, |acc, (s, p)| acc + p * s);
        assert_eq!(scalar_mul::vartime_multiscalar_mul(&scalars, &points), plain);
    }
}
