//! Strict decoding of secp256k1 elements and scalars, the multiscalar
//! multiplication override, and a forged signature.

use std::collections::BTreeMap;

use frost_core::{DecodeError, ElementError, Group};
use frost_secp256k1::{self as frost, Secp256K1Group as G};

/// The SEC1 compressed encoding of the generator.
const GENERATOR: &str = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
/// The group order n.
const ORDER: &str = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

fn bytes(s: &str) -> Vec<u8> {
    hex::decode(s).expect("hex")
}

fn decode(b: &[u8]) -> Result<(), ElementError> {
    G::deserialize_element(b).map(|_| ())
}

fn malformed(error: frost::Error) -> bool {
    matches!(
        error,
        frost::Error::Decode {
            error: DecodeError::MalformedScalar,
            ..
        }
    )
}

#[test]
fn generator_round_trips() {
    let mut out = [0u8; 33];
    G::serialize_element(&G::generator(), &mut out);
    assert_eq!(hex::encode(out), GENERATOR);
    assert_eq!(G::deserialize_element(&out), Ok(G::generator()));
    // Both y parities decode, to a point and its negation.
    out[0] = 0x03;
    assert_eq!(G::deserialize_element(&out), Ok(-G::generator()));
}

#[test]
fn refuses_identity() {
    let mut out = [0xaau8; 33];
    G::serialize_element(&G::identity(), &mut out);
    assert_eq!(out, [0u8; 33], "the identity serializes as 33 zero bytes");
    assert_eq!(decode(&out), Err(ElementError::Identity));
    // The 1-byte SEC1 identity encoding has the wrong length.
    assert_eq!(decode(&[0x00]), Err(ElementError::Malformed));
    // A zero tag with anything after it is nothing.
    let mut almost = [0u8; 33];
    almost[32] = 1;
    assert_eq!(decode(&almost), Err(ElementError::Malformed));
    assert!(matches!(
        frost::VerifyingKey::deserialize(&out),
        Err(frost::Error::Decode {
            error: DecodeError::IdentityElement,
            ..
        })
    ));
}

#[test]
fn refuses_x_not_on_curve() {
    // x^3 + 7 is not a square for x = 0 and x = 5: no point, either parity.
    for x in [0u8, 5] {
        for tag in [0x02, 0x03] {
            let mut b = [0u8; 33];
            b[0] = tag;
            b[32] = x;
            assert_eq!(decode(&b), Err(ElementError::Malformed), "x = {x}");
        }
    }
    // x = p + 1 is out of range, although x = 1 is on the curve.
    assert!(decode(&bytes(&format!("02{:064x}", 1))).is_ok());
    let p_plus_1 = bytes("02fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc30");
    assert_eq!(decode(&p_plus_1), Err(ElementError::Malformed));
}

#[test]
fn refuses_other_tags() {
    let good = bytes(GENERATOR);
    // 0x05 is SEC1's 33-byte "compact" form, which k256's `GroupEncoding`
    // would accept: a second encoding of the same point.
    for tag in [0x00, 0x01, 0x04, 0x05, 0x06, 0x07, 0xff] {
        let mut b = good.clone();
        b[0] = tag;
        assert_eq!(decode(&b), Err(ElementError::Malformed), "tag {tag:#04x}");
    }
    // The uncompressed form is refused: one encoding per point.
    let uncompressed = bytes(
        "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8",
    );
    assert_eq!(decode(&uncompressed), Err(ElementError::Malformed));
}

#[test]
fn refuses_wrong_lengths() {
    let good = bytes(GENERATOR);
    for len in [0, 1, 32, 34, 65] {
        let mut b = good.clone();
        b.resize(len, 0);
        assert_eq!(decode(&b), Err(ElementError::Malformed), "length {len}");
    }
}

#[test]
fn refuses_scalars_not_reduced() {
    let n = bytes(ORDER);
    let mut n_minus_1 = n.clone();
    n_minus_1[31] -= 1;
    let mut n_plus_1 = n.clone();
    n_plus_1[31] += 1;
    assert!(frost::keys::SigningShare::deserialize(&n_minus_1).is_ok());
    assert!(frost::round2::SignatureShare::deserialize(&n_minus_1).is_ok());
    for bad in [n, n_plus_1, vec![0xff; 32]] {
        assert!(malformed(frost::keys::SigningShare::deserialize(&bad).unwrap_err()));
        assert!(malformed(frost::round2::SignatureShare::deserialize(&bad).unwrap_err()));
    }
    // Wrong lengths too (the signature share says which way they are wrong).
    for bad in [vec![0; 31], vec![0; 33]] {
        assert!(frost::keys::SigningShare::deserialize(&bad).is_err());
        assert!(frost::round2::SignatureShare::deserialize(&bad).is_err());
    }
}

#[test]
fn verify_refuses_z_plus_one() {
    let mut rng = rand::rng();
    let (shares, public_key_package) =
        frost::keys::generate_with_dealer(3, 2, frost::keys::IdentifierList::Default, &mut rng).expect("dealer");
    let key_packages: BTreeMap<_, _> = shares
        .into_iter()
        .map(|(id, s)| (id, frost::keys::KeyPackage::try_from(s).expect("valid share")))
        .collect();
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for (id, kp) in key_packages.iter().take(2) {
        let (n, c) = frost::round1::commit(kp.signing_share(), &mut rng);
        nonces.insert(*id, n);
        commitments.insert(*id, c);
    }
    let package = frost::SigningPackage::new(commitments, b"message");
    let sig_shares: BTreeMap<_, _> = nonces
        .into_iter()
        .map(|(id, n)| (id, frost::round2::sign(&package, n, &key_packages[&id]).expect("sign")))
        .collect();
    let signature = frost::aggregate(&package, &sig_shares, &public_key_package).expect("aggregate");
    let key = public_key_package.verifying_key();
    key.verify(b"message", &signature).expect("valid");
    assert_eq!(signature.serialize().len(), 65);

    let forged = frost::Signature::new(*signature.R(), *signature.z() + G::one());
    assert_eq!(key.verify(b"message", &forged), Err(frost::Error::InvalidSignature));
    assert_eq!(key.verify(b"massage", &signature), Err(frost::Error::InvalidSignature));
}

#[test]
fn multiscalar_matches_sum_of_products() {
    let mut rng = rand::rng();
    for len in 0..6 {
        let scalars: Vec<_> = (0..len).map(|_| G::random_scalar(&mut rng)).collect();
        let elements: Vec<_> = (0..len).map(|_| G::base_mul(&G::random_scalar(&mut rng))).collect();
        let expected = scalars
            .iter()
            .zip(&elements)
            .fold(G::identity(), |acc, (s, e)| acc + *e * *s);
        assert_eq!(
            G::vartime_multiscalar_mul(&scalars, &elements),
            expected,
            "length {len}"
        );
    }
}
