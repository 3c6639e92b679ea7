//! Strict decoding: one test per rule of DECISIONS 5, on real messages.

use alloc::collections::BTreeMap;
use alloc::vec;
use alloc::vec::Vec;

use super::{dealer_keys, id, signing_session};
use crate::keys::dkg::{round1, round2};
use crate::keys::{IdentifierList, KeyPackage, PublicKeyPackage, SecretShare};
use crate::round1::SigningCommitments;
use crate::round2::SignatureShare;
use crate::{Ciphersuite, DecodeError, Error, Group, Identifier, Signature, SigningPackage, VerifyingKey};

fn decode_error<C: Ciphersuite, T>(r: Result<T, Error<C>>) -> DecodeError {
    match r {
        Err(Error::Decode { error, culprit: None }) => error,
        Err(e) => panic!("expected a decode error, got {e:?}"),
        Ok(_) => panic!("expected a decode error, got a value"),
    }
}

/// A signing package from signers 1 and 2 with an 11-byte message.
fn package<C: Ciphersuite>() -> SigningPackage<C> {
    let (kps, _) = dealer_keys::<C>(3, 2, IdentifierList::Default, 21);
    signing_session(&kps, &[id::<C>(1), id::<C>(2)], b"hello world", 22).0
}

/// Whether some decoder accepts the bytes.
type Decodes = fn(&[u8]) -> bool;

/// Every decoder refuses every strict prefix (truncation) and any suffix.
pub fn refuses_truncated_and_trailing<C: Ciphersuite>() {
    let (kps, pkp) = dealer_keys::<C>(3, 2, IdentifierList::Default, 23);
    let kp = kps.values().next().expect("key package");
    let messages: Vec<(Vec<u8>, Decodes)> = vec![
        (package::<C>().serialize(), |b| {
            SigningPackage::<C>::deserialize(b).is_ok()
        }),
        (kp.serialize().to_vec(), |b| KeyPackage::<C>::deserialize(b).is_ok()),
        (pkp.serialize(), |b| PublicKeyPackage::<C>::deserialize(b).is_ok()),
        (
            Signature::<C>::new(C::Group::generator(), C::Group::one()).serialize(),
            |b| Signature::<C>::deserialize(b).is_ok(),
        ),
    ];
    for (bytes, decodes) in &messages {
        assert!(decodes(bytes), "the message itself decodes");
        for end in 0..bytes.len() {
            // A PublicKeyPackage without its optional tail is a valid
            // pre-3.0 package; every other prefix must be refused.
            let ok = decodes(&bytes[..end]);
            let pre30 = end + 2 == bytes.len() && PublicKeyPackage::<C>::deserialize(bytes).is_ok();
            assert!(!ok || pre30, "prefix of {end} bytes accepted");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(!decodes(&longer), "trailing byte accepted");
    }
    let bytes = package::<C>().serialize();
    assert_eq!(
        decode_error(SigningPackage::<C>::deserialize(&bytes[..bytes.len() - 1])),
        DecodeError::Truncated
    );
    let mut longer = bytes.clone();
    longer.extend_from_slice(&[1, 2, 3]);
    assert_eq!(
        decode_error(SigningPackage::<C>::deserialize(&longer)),
        DecodeError::TrailingBytes
    );
    let share = SignatureShare::<C>(C::Group::one()).serialize();
    let mut longer = share.clone();
    longer.push(0);
    assert_eq!(
        decode_error(SignatureShare::<C>::deserialize(&longer)),
        DecodeError::TrailingBytes
    );
    assert_eq!(
        decode_error(SignatureShare::<C>::deserialize(&share[1..])),
        DecodeError::Truncated
    );
}

/// Version byte and suite header.
pub fn refuses_wrong_header<C: Ciphersuite>() {
    let bytes = package::<C>().serialize();
    for version in [1u8, 0x80, 0xff] {
        let mut b = bytes.clone();
        b[0] = version;
        assert_eq!(
            decode_error(SigningPackage::<C>::deserialize(&b)),
            DecodeError::UnsupportedVersion(version)
        );
    }
    // Another suite's header: the CRC of another ID.
    let other = crate::encoding::crc32(b"FROST-OTHER-SUITE-v1").to_be_bytes();
    let mut b = bytes.clone();
    b[1..5].copy_from_slice(&other);
    assert_eq!(
        decode_error(SigningPackage::<C>::deserialize(&b)),
        DecodeError::WrongCiphersuite
    );
    // The nested commitments repeat the header, and it is checked there too.
    let mut b = bytes.clone();
    let nested = 5 + 1 + C::Group::SCALAR_LEN;
    b[nested + 1] ^= 1;
    assert_eq!(
        decode_error(SigningPackage::<C>::deserialize(&b)),
        DecodeError::WrongCiphersuite
    );
}

/// Non-minimal and overflowing varints.
pub fn refuses_non_minimal_varints<C: Ciphersuite>() {
    let bytes = package::<C>().serialize();
    // The message length (11) is the varint just before the 11 message bytes.
    let at = bytes.len() - 12;
    assert_eq!(bytes[at], 11);
    let mut b = bytes[..at].to_vec();
    b.extend_from_slice(&[0x8b, 0x00]);
    b.extend_from_slice(&bytes[at + 1..]);
    assert_eq!(
        decode_error(SigningPackage::<C>::deserialize(&b)),
        DecodeError::InvalidVarint
    );
    // min_signers = 2 as `0x82 0x00` at the end of a key package.
    let (kps, pkp) = dealer_keys::<C>(3, 2, IdentifierList::Default, 24);
    let kp = kps.values().next().expect("key package").serialize();
    let mut b = kp[..kp.len() - 1].to_vec();
    b.extend_from_slice(&[0x82, 0x00]);
    assert_eq!(
        decode_error(KeyPackage::<C>::deserialize(&b)),
        DecodeError::InvalidVarint
    );
    // A u16 that overflows: 0xff 0xff 0x7f is 2^21 - 1.
    let mut b = kp[..kp.len() - 1].to_vec();
    b.extend_from_slice(&[0xff, 0xff, 0x7f]);
    assert_eq!(
        decode_error(KeyPackage::<C>::deserialize(&b)),
        DecodeError::InvalidVarint
    );
    // min_signers of a public key package below 2.
    for bad in [0u8, 1] {
        let mut b = pkp.serialize();
        let last = b.len() - 1;
        b[last] = bad;
        assert_eq!(
            decode_error(PublicKeyPackage::<C>::deserialize(&b)),
            DecodeError::InvalidValue,
            "{bad}"
        );
    }
    // The optional min_signers of a public key package: tag must be 1.
    let p = pkp.serialize();
    let mut b = p.clone();
    let tag = b.len() - 2;
    b[tag] = 0;
    assert_eq!(
        decode_error(PublicKeyPackage::<C>::deserialize(&b)),
        DecodeError::InvalidTag
    );
}

/// Map keys must strictly increase: no duplicates, no reordering.
pub fn refuses_unordered_or_duplicate_keys<C: Ciphersuite>() {
    let bytes = package::<C>().serialize();
    let entry = C::Group::SCALAR_LEN + SigningCommitments::<C>::encoded_len();
    let first = 5 + 1;
    let (a, b) = (&bytes[first..first + entry], &bytes[first + entry..first + 2 * entry]);
    let mut swapped = bytes[..first].to_vec();
    swapped.extend_from_slice(b);
    swapped.extend_from_slice(a);
    swapped.extend_from_slice(&bytes[first + 2 * entry..]);
    assert_eq!(
        decode_error(SigningPackage::<C>::deserialize(&swapped)),
        DecodeError::UnorderedMapKeys
    );
    let mut duplicated = bytes[..first].to_vec();
    duplicated.extend_from_slice(a);
    duplicated.extend_from_slice(a);
    duplicated.extend_from_slice(&bytes[first + 2 * entry..]);
    assert_eq!(
        decode_error(SigningPackage::<C>::deserialize(&duplicated)),
        DecodeError::UnorderedMapKeys
    );
}

/// Non-canonical scalars, invalid elements, the identity, zero identifiers.
pub fn refuses_non_canonical_values<C: Ciphersuite>() {
    let ff = vec![0xffu8; C::Group::SCALAR_LEN];
    assert_eq!(
        decode_error(SignatureShare::<C>::deserialize(&ff)),
        DecodeError::MalformedScalar
    );
    assert_eq!(
        decode_error(crate::keys::SigningShare::<C>::deserialize(&ff)),
        DecodeError::MalformedScalar
    );
    assert_eq!(
        decode_error(Identifier::<C>::deserialize(&ff)),
        DecodeError::MalformedScalar
    );
    let zero = vec![0u8; C::Group::SCALAR_LEN];
    assert_eq!(
        decode_error(Identifier::<C>::deserialize(&zero)),
        DecodeError::ZeroIdentifier
    );
    let bad_element = vec![0xffu8; C::Group::ELEMENT_LEN];
    assert_eq!(
        decode_error(VerifyingKey::<C>::deserialize(&bad_element)),
        DecodeError::MalformedElement
    );
    let mut identity = vec![0u8; C::Group::ELEMENT_LEN];
    C::Group::serialize_element(&C::Group::identity(), &mut identity);
    let err = decode_error(VerifyingKey::<C>::deserialize(&identity));
    assert!(
        matches!(err, DecodeError::IdentityElement | DecodeError::MalformedElement),
        "{err:?}"
    );
    // Inside a message: the identity as a nonce commitment.
    let bytes = package::<C>().serialize();
    let hiding = 5 + 1 + C::Group::SCALAR_LEN + 5;
    let mut b = bytes.clone();
    b[hiding..hiding + C::Group::ELEMENT_LEN].copy_from_slice(&identity);
    let err = decode_error(SigningPackage::<C>::deserialize(&b));
    assert!(
        matches!(err, DecodeError::IdentityElement | DecodeError::MalformedElement),
        "{err:?}"
    );
    // A zero identifier as a map key.
    let mut b = bytes.clone();
    b[6..6 + C::Group::SCALAR_LEN].copy_from_slice(&zero);
    assert_eq!(
        decode_error(SigningPackage::<C>::deserialize(&b)),
        DecodeError::ZeroIdentifier
    );
}

/// A length prefix larger than the input is refused before any allocation
/// is sized by it (a 2^60-element commitment would abort the process).
pub fn allocation_bounded_by_input<C: Ciphersuite>() {
    let mut b = crate::header::<C>().to_vec();
    b.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]); // 2^60 - 1
    b.extend_from_slice(&[0u8; 64]);
    assert_eq!(
        decode_error(round1::Package::<C>::deserialize(&b)),
        DecodeError::Truncated
    );
    let mut b = crate::header::<C>().to_vec();
    b.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f]);
    assert_eq!(
        decode_error(SigningPackage::<C>::deserialize(&b)),
        DecodeError::Truncated
    );
    assert_eq!(
        decode_error(PublicKeyPackage::<C>::deserialize(&b)),
        DecodeError::Truncated
    );
    let mut b = crate::header::<C>().to_vec();
    b.extend_from_slice(&id::<C>(1).serialize());
    b.extend_from_slice(&vec![1u8; C::Group::SCALAR_LEN]);
    b.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f]);
    assert!(SecretShare::<C>::deserialize(&b).is_err());
}

/// Round trips of every type, and the map helper naming the sender.
pub fn round_trips_and_decode_map<C: Ciphersuite>() {
    let ids: Vec<_> = (1..=3u16).map(id::<C>).collect();
    let (secrets, packages) = super::dkg::round_one(&ids, 2, 25);
    let received: BTreeMap<_, _> = packages.iter().map(|(i, p)| (*i, p.serialize())).collect();
    assert_eq!(
        crate::decode_map(&received, round1::Package::<C>::deserialize).as_ref(),
        Ok(&packages)
    );
    let mut bad = received.clone();
    bad.get_mut(&ids[1]).expect("present")[0] = 9;
    let err = crate::decode_map(&bad, round1::Package::<C>::deserialize).expect_err("refused");
    assert_eq!(
        err,
        Error::Decode {
            error: DecodeError::UnsupportedVersion(9),
            culprit: Some(ids[1])
        }
    );
    assert_eq!(err.culprits(), [ids[1]]);
    for (i, s) in &secrets {
        let restored = round1::SecretPackage::<C>::deserialize(&s.serialize()).expect("round trip");
        assert_eq!(restored.serialize(), s.serialize(), "round-1 secret of {i:?}");
    }
    let (secrets2, outgoing) = super::dkg::round_two(secrets, &packages);
    for s in secrets2.values() {
        let restored = round2::SecretPackage::<C>::deserialize(&s.serialize()).expect("round trip");
        assert_eq!(restored.serialize(), s.serialize());
    }
    // A stored round-2 secret still completes the DKG.
    let me = ids[0];
    let restored = round2::SecretPackage::<C>::deserialize(&secrets2[&me].serialize()).expect("round trip");
    let r1 = super::dkg::others(&packages, me);
    let r2 = super::dkg::received(&outgoing, me);
    assert!(crate::keys::dkg::part3(&restored, &r1, &r2).is_ok());
    // Persisted nonces sign exactly like the originals, and tampered ones are refused.
    let (kps, pkp) = dealer_keys::<C>(3, 2, IdentifierList::Default, 26);
    let (n1, c1) = crate::round1::commit(kps[&ids[0]].signing_share(), &mut super::rng(27));
    let (n2, c2) = crate::round1::commit(kps[&ids[1]].signing_share(), &mut super::rng(28));
    let stored = n1.persist();
    let mut tampered = stored.to_vec();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    assert!(crate::round1::SigningNonces::<C>::restore(&tampered).is_err());
    let n1 = crate::round1::SigningNonces::<C>::restore(&stored).expect("restore");
    let package = SigningPackage::new(BTreeMap::from([(ids[0], c1), (ids[1], c2)]), b"restart");
    let shares = BTreeMap::from([
        (ids[0], crate::round2::sign(&package, n1, &kps[&ids[0]]).expect("sign")),
        (ids[1], crate::round2::sign(&package, n2, &kps[&ids[1]]).expect("sign")),
    ]);
    assert!(crate::aggregate(&package, &shares, &pkp).is_ok());
}

/// JSON: the frost-core 3.x shape, and refusals of unknown fields, wrong
/// headers and duplicated map keys.
pub fn json<C: Ciphersuite>() {
    let (kps, pkp) = dealer_keys::<C>(3, 2, IdentifierList::Default, 29);
    let kp = kps.values().next().expect("key package");
    let text = serde_json::to_string(kp).expect("json");
    assert!(
        text.contains(&alloc::format!("\"ciphersuite\":\"{}\"", C::ID)),
        "{text}"
    );
    assert!(text.contains("\"version\":0"), "{text}");
    assert_eq!(serde_json::from_str::<KeyPackage<C>>(&text).as_ref().ok(), Some(kp));
    let text = serde_json::to_string(&pkp).expect("json");
    assert_eq!(
        serde_json::from_str::<PublicKeyPackage<C>>(&text).ok(),
        Some(pkp.clone())
    );
    let package = package::<C>();
    let text = serde_json::to_string(&package).expect("json");
    assert_eq!(
        serde_json::from_str::<SigningPackage<C>>(&text).ok(),
        Some(package.clone())
    );
    assert!(text.contains(&hex::encode(b"hello world")), "{text}");

    let unknown = text.replacen("{", "{\"extra\":1,", 1);
    assert!(serde_json::from_str::<SigningPackage<C>>(&unknown).is_err());
    let other_suite = text.replace(C::ID, "FROST-OTHER-SUITE-v1");
    assert!(serde_json::from_str::<SigningPackage<C>>(&other_suite).is_err());
    let version = text.replace("\"version\":0", "\"version\":1");
    assert!(serde_json::from_str::<SigningPackage<C>>(&version).is_err());
    // The same identifier twice in the commitments map: rename the second key.
    let first = hex::encode(id::<C>(1).serialize());
    let second = hex::encode(id::<C>(2).serialize());
    let duplicated = text.replacen(&alloc::format!("\"{second}\":"), &alloc::format!("\"{first}\":"), 1);
    assert_ne!(duplicated, text);
    assert!(serde_json::from_str::<SigningPackage<C>>(&duplicated).is_err());
}
