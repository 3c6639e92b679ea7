//! P-256 encodings: which element and scalar bytes are refused, that the
//! multiscalar override agrees with plain arithmetic, and that a tampered
//! signature fails.

use std::collections::BTreeMap;

use frost_core::{DecodeError, ElementError, Group};
use frost_p256::{self as frost, P256Group};

/// SEC1 compressed generator (its y is odd, hence the 0x03 tag).
const G_COMPRESSED: &str = "036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";
/// The generator's y-coordinate, for the uncompressed form.
const G_Y: &str = "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5";
/// The group order n, big-endian.
const N: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).expect("hex")
}

/// The refusal reason for `bytes`, or `None` if they decode.
fn refusal(bytes: &[u8]) -> Option<ElementError> {
    P256Group::deserialize_element(bytes).err()
}

/// A compressed encoding with the given tag and the small x-coordinate `x`.
fn with_x(tag: u8, x: u8) -> [u8; 33] {
    let mut b = [0u8; 33];
    b[0] = tag;
    b[32] = x;
    b
}

#[test]
fn generator_encoding() {
    let mut out = [0u8; 33];
    P256Group::serialize_element(&P256Group::generator(), &mut out);
    assert_eq!(out.to_vec(), unhex(G_COMPRESSED));
    assert_eq!(P256Group::deserialize_element(&out), Ok(P256Group::generator()));
    out[0] = 0x02;
    assert_eq!(P256Group::deserialize_element(&out), Ok(-P256Group::generator()));
}

#[test]
fn identity_is_refused() {
    let mut out = [0x55u8; 33];
    P256Group::serialize_element(&P256Group::identity(), &mut out);
    assert_eq!(out, [0u8; 33]);
    assert_eq!(refusal(&out), Some(ElementError::Identity));
    assert_eq!(refusal(&[0u8]), Some(ElementError::Malformed));
    assert_eq!(refusal(&with_x(0x00, 1)), Some(ElementError::Malformed));
    let err = frost::VerifyingKey::deserialize(&out).unwrap_err();
    assert!(matches!(
        err,
        frost::Error::Decode {
            error: DecodeError::IdentityElement,
            ..
        }
    ));
}

#[test]
fn off_curve_and_out_of_range_x_are_refused() {
    // x^3 - 3x + b is a non-residue for x = 1 and x = 2.
    for x in [1, 2] {
        assert_eq!(refusal(&with_x(0x02, x)), Some(ElementError::Malformed));
        assert_eq!(refusal(&with_x(0x03, x)), Some(ElementError::Malformed));
    }
    // x = 5 is on the curve, but p + 5 is not a field element.
    assert_eq!(refusal(&with_x(0x02, 5)), None);
    let p_plus_5 = unhex("02ffffffff00000001000000000000000000000001000000000000000000000004");
    assert_eq!(refusal(&p_plus_5), Some(ElementError::Malformed));
}

#[test]
fn only_the_compressed_form_is_accepted() {
    // Tag 0x05 would be SEC1's "compact" form of the same x.
    for tag in [0x01, 0x04, 0x05, 0x80, 0xff] {
        let mut b = unhex(G_COMPRESSED);
        b[0] = tag;
        assert_eq!(refusal(&b), Some(ElementError::Malformed), "tag {tag:#04x}");
    }
    let uncompressed = unhex(&format!("04{}{G_Y}", &G_COMPRESSED[2..]));
    assert_eq!(uncompressed.len(), 65);
    assert_eq!(refusal(&uncompressed), Some(ElementError::Malformed));
    for len in [0, 32, 34, 64] {
        let mut b = unhex(G_COMPRESSED);
        b.resize(len, 0x02);
        assert_eq!(refusal(&b), Some(ElementError::Malformed), "length {len}");
    }
}

#[test]
fn scalars_at_or_above_the_order_are_refused() {
    let n = unhex(N);
    let below = {
        let mut b = n.clone();
        b[31] -= 1;
        b
    };
    frost::keys::SigningShare::deserialize(&below).expect("n - 1 is canonical");
    frost::round2::SignatureShare::deserialize(&below).expect("n - 1 is canonical");
    let above = {
        let mut b = n.clone();
        b[31] += 1;
        b
    };
    for bad in [n, above, vec![0xff; 32]] {
        for result in [
            frost::keys::SigningShare::deserialize(&bad).map(|_| ()),
            frost::round2::SignatureShare::deserialize(&bad).map(|_| ()),
        ] {
            assert!(matches!(
                result,
                Err(frost::Error::Decode {
                    error: DecodeError::MalformedScalar,
                    ..
                })
            ));
        }
    }
    for bad in [vec![1u8; 31], vec![1u8; 33]] {
        assert!(frost::keys::SigningShare::deserialize(&bad).is_err());
        assert!(frost::round2::SignatureShare::deserialize(&bad).is_err());
    }
}

#[test]
fn lincomb_agrees_with_naive_sum() {
    let mut rng = rand::rng();
    for len in [0, 1, 2, 3, 7] {
        let s: Vec<_> = (0..len).map(|_| P256Group::random_scalar(&mut rng)).collect();
        let e: Vec<_> = (0..len)
            .map(|_| P256Group::base_mul(&P256Group::random_scalar(&mut rng)))
            .collect();
        let naive = s
            .iter()
            .zip(&e)
            .map(|(s, e)| *e * *s)
            .fold(P256Group::identity(), |a, b| a + b);
        assert_eq!(P256Group::vartime_multiscalar_mul(&s, &e), naive, "{len} terms");
    }
}

#[test]
fn z_plus_one_does_not_verify() {
    let mut rng = rand::rng();
    let (shares, pkp) =
        frost::keys::generate_with_dealer(3, 2, frost::keys::IdentifierList::Default, &mut rng).expect("dealer");
    let kps: BTreeMap<_, _> = shares
        .into_iter()
        .map(|(id, share)| (id, frost::keys::KeyPackage::try_from(share).expect("share")))
        .collect();
    let signers: Vec<_> = kps.keys().skip(1).copied().collect();
    let (nonces, commitments): (BTreeMap<_, _>, BTreeMap<_, _>) = signers
        .iter()
        .map(|id| {
            let (n, c) = frost::round1::commit(kps[id].signing_share(), &mut rng);
            ((*id, n), (*id, c))
        })
        .unzip();
    let package = frost::SigningPackage::new(commitments, b"p256");
    let sig_shares: BTreeMap<_, _> = nonces
        .into_iter()
        .map(|(id, n)| (id, frost::round2::sign(&package, n, &kps[&id]).expect("sign")))
        .collect();
    let sig = frost::aggregate(&package, &sig_shares, &pkp).expect("aggregate");
    let key = pkp.verifying_key();
    assert_eq!(key.verify(b"p256", &sig), Ok(()));
    let bumped = frost::Signature::new(*sig.R(), *sig.z() + P256Group::one());
    assert_eq!(key.verify(b"p256", &bumped), Err(frost::Error::InvalidSignature));
}
