//! The suite's fast paths through the public API (fixed-base table,
//! multiscalar multiplication, scalar inversion) against its plain
//! operations (the variable-base multiplication, sums of products, the
//! scalar field's own inverse). The differential tests against
//! ed448-goldilocks are the crate's unit tests (`src/tests.rs`).

use ed448_goldilocks::EdwardsScalar;
use ed448_goldilocks::elliptic_curve::Field;
use frost_core::Group;
use frost_ed448::{Ed448Group, EdwardsPoint};

fn random_scalar() -> EdwardsScalar {
    <EdwardsScalar as Field>::random(&mut rand::rng())
}

/// Scalars that exercise the edges of the recodings: zero, small values of
/// every residue mod 4, ℓ - 1, powers of two near the top, all-ones nibbles.
fn edge_scalars() -> Vec<EdwardsScalar> {
    let mut out: Vec<EdwardsScalar> = (0..9u64).map(EdwardsScalar::from).collect();
    out.push(-EdwardsScalar::ONE);
    out.push(-EdwardsScalar::from(2u64));
    out.push(-EdwardsScalar::from(3u64));
    let mut power = EdwardsScalar::ONE;
    for bit in 0..446 {
        if bit % 37 == 0 || bit >= 440 {
            out.push(power);
        }
        power = power.double();
    }
    out.push(EdwardsScalar::from(u64::MAX));
    // 0x8888...: every radix-16 digit recentres to -8 and carries.
    let mut bytes = [0x88u8; 57];
    bytes[55] = 0x08;
    bytes[56] = 0;
    out.push(Option::from(EdwardsScalar::from_canonical_bytes(&bytes.into())).unwrap());
    out
}

#[test]
fn base_mul_matches_the_generator_times_the_scalar() {
    let scalars = edge_scalars().into_iter().chain((0..32).map(|_| random_scalar()));
    for s in scalars {
        assert_eq!(Ed448Group::base_mul(&s), EdwardsPoint::GENERATOR * s, "scalar {s:?}");
    }
}

#[test]
fn multiscalar_multiplication_matches_the_sum_of_products() {
    let edges = edge_scalars();
    // Sizes on both sides of the Straus/Pippenger switch.
    for n in [0usize, 1, 2, 3, 7, 64, 300] {
        let scalars: Vec<EdwardsScalar> = (0..n)
            .map(|i| {
                if i % 3 == 0 {
                    edges[i % edges.len()]
                } else {
                    random_scalar()
                }
            })
            .collect();
        let mut elements: Vec<EdwardsPoint> = (0..n).map(|_| EdwardsPoint::GENERATOR * random_scalar()).collect();
        if n > 2 {
            // The identity and a repeated point are public inputs too.
            elements[1] = EdwardsPoint::IDENTITY;
            elements[2] = elements[0];
        }
        let plain = scalars
            .iter()
            .zip(&elements)
            .fold(EdwardsPoint::IDENTITY, |acc, (s, p)| acc + p * s);
        assert_eq!(
            Ed448Group::vartime_multiscalar_mul(&scalars, &elements),
            plain,
            "n = {n}"
        );
    }
}

#[test]
fn short_scalars_take_the_same_path() {
    // Identifiers and batch weights are short; the quotient by four must stay
    // exact for them.
    let scalars: Vec<EdwardsScalar> = (1..=40u64).map(EdwardsScalar::from).collect();
    let elements: Vec<EdwardsPoint> = (0..40).map(|_| EdwardsPoint::GENERATOR * random_scalar()).collect();
    let plain = scalars
        .iter()
        .zip(&elements)
        .fold(EdwardsPoint::IDENTITY, |acc, (s, p)| acc + p * s);
    assert_eq!(Ed448Group::vartime_multiscalar_mul(&scalars, &elements), plain);
}

#[test]
fn inversion_matches_the_field_inverse_and_refuses_zero() {
    assert_eq!(Ed448Group::invert(&EdwardsScalar::ZERO), None);
    for s in edge_scalars()
        .into_iter()
        .skip(1)
        .chain((0..32).map(|_| random_scalar()))
    {
        let inverse = Ed448Group::invert(&s).expect("non-zero");
        assert_eq!(inverse * s, EdwardsScalar::ONE);
        assert_eq!(Some(inverse), Option::from(Field::invert(&s)));
    }
}
