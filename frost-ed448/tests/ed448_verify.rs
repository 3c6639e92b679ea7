//! Group signatures are plain RFC 8032 Ed448 signatures (empty context),
//! checked by ed448-goldilocks' own verifier; and element decoding refuses
//! everything RFC 9591 §6.3 says it must.

use ed448_goldilocks::{CompressedEdwardsY, EdwardsPoint};
use frost_core::keys::{IdentifierList, KeyPackage, PublicKeyPackage};
use frost_core::testing::{dealer_keys, derived_identifiers, dkg, sign};
use frost_core::{ElementError, Group, Identifier};
use frost_ed448::{Ed448Group, Ed448Shake256};
use std::collections::BTreeMap;

type C = Ed448Shake256;

/// Signs `message` with the first `min` participants and checks the result
/// with ed448-goldilocks' `VerifyingKey::verify_raw` (Ed448, empty context).
fn sign_and_verify_as_ed448(
    key_packages: &BTreeMap<Identifier<C>, KeyPackage<C>>,
    public_key_package: &PublicKeyPackage<C>,
    min: usize,
    message: &[u8],
    seed: u64,
) {
    let signers: Vec<_> = key_packages.keys().take(min).copied().collect();
    let signature = sign(key_packages, public_key_package, &signers, message, seed).expect("FROST signs");

    let key_bytes: [u8; 57] = public_key_package
        .verifying_key()
        .serialize()
        .try_into()
        .expect("57 bytes");
    let signature_bytes: [u8; 114] = signature.serialize().try_into().expect("114 bytes");
    let key = ed448_goldilocks::VerifyingKey::from_bytes(&key_bytes).expect("a valid Ed448 key");
    let ed448_signature = ed448_goldilocks::Signature::from_bytes(&signature_bytes);
    key.verify_raw(&ed448_signature, message)
        .expect("a valid Ed448 signature");
    // And only for that message, and only with the empty context.
    assert!(key.verify_raw(&ed448_signature, b"another message").is_err());
    assert!(key.verify_ctx(&ed448_signature, b"ctx", message).is_err());
}

#[test]
fn dealer_signatures_verify_as_ed448() {
    for (seed, (max, min)) in [(3u16, 2u16), (5, 3), (10, 7)].into_iter().enumerate() {
        let seed = seed as u64;
        let (key_packages, public_key_package) = dealer_keys::<C>(max, min, IdentifierList::Default, seed);
        for (i, message) in [&b""[..], b"message", &[0xa5; 1000]].into_iter().enumerate() {
            sign_and_verify_as_ed448(
                &key_packages,
                &public_key_package,
                min.into(),
                message,
                seed * 10 + i as u64,
            );
        }
    }
}

#[test]
fn derived_identifier_signatures_verify_as_ed448() {
    let ids = derived_identifiers::<C>(5);
    let (key_packages, public_key_package) = dealer_keys::<C>(5, 3, IdentifierList::Custom(&ids), 7);
    sign_and_verify_as_ed448(&key_packages, &public_key_package, 3, b"derived", 8);
}

#[test]
fn dkg_signatures_verify_as_ed448() {
    for (seed, (n, t)) in [(3u16, 2u16), (5, 3)].into_iter().enumerate() {
        let ids: Vec<Identifier<C>> = (1..=n).map(|i| Identifier::try_from(i).expect("non-zero")).collect();
        let (key_packages, public_key_package) = dkg::run::<C>(&ids, t, 100 + seed as u64);
        sign_and_verify_as_ed448(
            &key_packages,
            &public_key_package,
            t.into(),
            b"after a DKG",
            seed as u64,
        );
    }
}

fn bytes57(hex: &str) -> [u8; 57] {
    hex::decode(hex).expect("hex").try_into().expect("57 bytes")
}

fn encode(point: &EdwardsPoint) -> [u8; 57] {
    point.to_affine().compress().to_bytes()
}

/// Decodes without any check, to build the small-order points.
fn decode_unchecked(bytes: [u8; 57]) -> EdwardsPoint {
    Option::from(CompressedEdwardsY(bytes).decompress_unchecked().map(|p| p.to_edwards())).expect("on the curve")
}

/// y = p - 1, the point (0, -1) of order 2.
const MINUS_ONE: &str = "fefffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffffffffffffffffffffffffffffffffffffffffffffffffff00";
/// y = p + 1, a non-canonical encoding of the identity.
const P_PLUS_ONE: &str = "00000000000000000000000000000000000000000000000000000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff00";

#[test]
fn decoding_refuses_bad_elements() {
    let b = EdwardsPoint::GENERATOR;
    // Sanity: a prime-order point decodes.
    assert_eq!(
        Ed448Group::deserialize_element(&encode(&b)).map(|p| p.to_bytes()),
        Ok(encode(&b))
    );

    // The small-order points: (0, -1) of order 2, (±1, 0) of order 4.
    let mut y_zero_negative = [0u8; 57];
    y_zero_negative[56] = 0x80;
    let small = [bytes57(MINUS_ONE), [0u8; 57], y_zero_negative];
    for bytes in small {
        let torsion = decode_unchecked(bytes);
        assert_ne!(torsion, EdwardsPoint::IDENTITY);
        assert_eq!(torsion.double().double(), EdwardsPoint::IDENTITY, "small order");
        assert_eq!(
            Ed448Group::deserialize_element(&bytes),
            Err(ElementError::NotInPrimeOrderSubgroup)
        );
        // Mixed order: a valid point plus a torsion point.
        assert_eq!(
            Ed448Group::deserialize_element(&encode(&(b + torsion))),
            Err(ElementError::NotInPrimeOrderSubgroup)
        );
    }

    // The identity, canonically encoded.
    let mut identity = [0u8; 57];
    identity[0] = 1;
    assert_eq!(encode(&EdwardsPoint::IDENTITY), identity);
    assert_eq!(Ed448Group::deserialize_element(&identity), Err(ElementError::Identity));

    // Non-canonical encodings of the identity, so a missing canonicity check
    // would report `Identity`: y = p + 1, x = 0 with the sign bit set, and a
    // stray low bit in the last byte (which holds only the sign).
    assert_eq!(
        Ed448Group::deserialize_element(&bytes57(P_PLUS_ONE)),
        Err(ElementError::Malformed)
    );
    let mut negative_zero = identity;
    negative_zero[56] = 0x80;
    assert_eq!(
        Ed448Group::deserialize_element(&negative_zero),
        Err(ElementError::Malformed)
    );
    let mut stray_bit = identity;
    stray_bit[56] = 0x01;
    assert_eq!(
        Ed448Group::deserialize_element(&stray_bit),
        Err(ElementError::Malformed)
    );
    // The same for a prime-order point.
    let mut stray_bit = encode(&b);
    stray_bit[56] |= 0x01;
    assert_eq!(
        Ed448Group::deserialize_element(&stray_bit),
        Err(ElementError::Malformed)
    );

    // Wrong lengths.
    assert_eq!(
        Ed448Group::deserialize_element(&encode(&b)[..56]),
        Err(ElementError::Malformed)
    );
    assert_eq!(
        Ed448Group::deserialize_element(&[encode(&b).as_slice(), &[0]].concat()),
        Err(ElementError::Malformed)
    );
}

#[test]
fn scalar_decoding_is_canonical() {
    // ℓ itself is refused, ℓ - 1 accepted; the 57th byte must be zero.
    let order = bytes57(
        "f34458ab92c27823558fc58d72c26c219036d6ae49db4ec4e923ca7cffffffffffffffffffffffffffffffffffffffffffffffffffffff3f00",
    );
    assert!(Ed448Group::deserialize_scalar(&order).is_none());
    let mut order_minus_one = order;
    order_minus_one[0] -= 1;
    assert!(Ed448Group::deserialize_scalar(&order_minus_one).is_some());
    // ed448-goldilocks 0.14.0-pre.15 alone would decode this as zero.
    let mut high = [0u8; 57];
    high[56] = 1;
    assert!(Ed448Group::deserialize_scalar(&high).is_none());
    let mut high = order_minus_one;
    high[56] = 0x80;
    assert!(Ed448Group::deserialize_scalar(&high).is_none());
    assert!(Ed448Group::deserialize_scalar(&[0u8; 56]).is_none());
}
