//! Chapter "Serialization format".

use std::collections::BTreeMap;

use frost_ristretto255 as frost;

mod common;

use common::dealer_keys;

/// Participant 1's nonce commitments in the ristretto255 test vector of
/// RFC 9591 (Appendix E.3).
const HIDING: &str =
    "965def4d0958398391fc06d8c2d72932608b1e6255226de4fb8d972dac15fd57";
const BINDING: &str =
    "ec5170920660820007ae9e1d363936659ef622f99879898db86e5bf1d5bf2a14";

fn rfc_commitments() -> Result<frost::round1::SigningCommitments, frost::Error>
{
    let element = |hex_str: &str| {
        frost::round1::NonceCommitment::deserialize(
            &hex::decode(hex_str).expect("valid hex"),
        )
    };
    Ok(frost::round1::SigningCommitments::new(
        element(HIDING)?,
        element(BINDING)?,
    ))
}

#[test]
fn the_vector_commitments_commit_to_the_vector_nonces()
-> Result<(), frost::Error> {
    // The RFC's nonces times the base point are its commitments: the
    // example below is a real commitment, not made-up bytes.
    for (nonce, commitment) in [
        (
            "214f2cabb86ed71427ea7ad4283b0fae26b6746c801ce824b83ceb2b99278c03",
            HIDING,
        ),
        (
            "c9b8f5e16770d15603f744f8694c44e335e8faef00dad182b8d7a34a62552f0c",
            BINDING,
        ),
    ] {
        let scalar =
            frost::SigningKey::deserialize(&hex::decode(nonce).unwrap())?;
        assert_eq!(hex::encode(scalar.verifying_key().serialize()), commitment);
    }
    Ok(())
}

#[test]
fn signing_commitments_byte_by_byte() -> Result<(), frost::Error> {
    let commitments = rfc_commitments()?;
    // ANCHOR: layout
    let bytes = commitments.serialize();
    assert_eq!(bytes.len(), 1 + 4 + 32 + 32);
    let expected = [
        // format version
        "00",
        // CRC-32 of "FROST-RISTRETTO255-SHA512-v1", big-endian
        "d76ecff5",
        // hiding nonce commitment D, a compressed ristretto255 element
        "965def4d0958398391fc06d8c2d72932608b1e6255226de4fb8d972dac15fd57",
        // binding nonce commitment E
        "ec5170920660820007ae9e1d363936659ef622f99879898db86e5bf1d5bf2a14",
    ];
    assert_eq!(hex::encode(&bytes), expected.concat());
    // ANCHOR_END: layout

    // ANCHOR: header
    // Every headed message of this suite starts with the same five bytes.
    assert_eq!(
        frost::frost_core::header::<frost::Ristretto255Sha512>(),
        [0x00, 0xd7, 0x6e, 0xcf, 0xf5]
    );
    // ANCHOR_END: header
    assert_eq!(
        frost::round1::SigningCommitments::deserialize(&bytes)?,
        commitments
    );
    Ok(())
}

#[test]
fn decoding_is_strict() -> Result<(), frost::Error> {
    let bytes = rfc_commitments()?.serialize();
    // ANCHOR: strict
    use frost::DecodeError;
    use frost::round1::SigningCommitments;

    let decode_error =
        |bytes: &[u8]| match SigningCommitments::deserialize(bytes) {
            Err(frost::Error::Decode { error, .. }) => Some(error),
            _ => None,
        };
    // One byte too many, one too few.
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(decode_error(&longer), Some(DecodeError::TrailingBytes));
    assert_eq!(decode_error(&bytes[..68]), Some(DecodeError::Truncated));
    // An unknown format version.
    let mut version = bytes.clone();
    version[0] = 1;
    assert_eq!(
        decode_error(&version),
        Some(DecodeError::UnsupportedVersion(1))
    );
    // Bytes that are not a ristretto255 element.
    let mut element = bytes.clone();
    element[5..37].fill(0xff);
    assert_eq!(decode_error(&element), Some(DecodeError::MalformedElement));
    // The same message is refused by another suite, thanks to the header.
    assert!(matches!(
        frost_ed25519::round1::SigningCommitments::deserialize(&bytes),
        Err(frost_ed25519::Error::Decode {
            error: DecodeError::WrongCiphersuite,
            ..
        })
    ));
    // ANCHOR_END: strict
    Ok(())
}

#[test]
fn a_round_of_messages_names_the_sender_of_bad_bytes()
-> Result<(), frost::Error> {
    let good = rfc_commitments()?.serialize();
    let (alice, bob) = (
        frost::Identifier::try_from(1)?,
        frost::Identifier::try_from(2)?,
    );
    // ANCHOR: decode_map
    // What the coordinator received in round 1, keyed by sender.
    let mut received: BTreeMap<frost::Identifier, Vec<u8>> = BTreeMap::new();
    received.insert(alice, good.clone());
    received.insert(bob, good[..40].to_vec()); // cut short
    let err = frost::decode_map(
        &received,
        frost::round1::SigningCommitments::deserialize,
    )
    .unwrap_err();
    assert_eq!(
        err,
        frost::Error::Decode {
            error: frost::DecodeError::Truncated,
            culprit: Some(bob),
        }
    );
    assert_eq!(err.culprits(), [bob]);
    // ANCHOR_END: decode_map

    received.insert(bob, good);
    let decoded = frost::decode_map(
        &received,
        frost::round1::SigningCommitments::deserialize,
    )?;
    assert_eq!(decoded.len(), 2);
    Ok(())
}

// ANCHOR: json_text
/// The commitments above, in JSON.
const COMMITMENTS_JSON: &str = r#"{
  "header": {
    "version": 0,
    "ciphersuite": "FROST-RISTRETTO255-SHA512-v1"
  },
  "hiding": "965def4d0958398391fc06d8c2d72932608b1e6255226de4fb8d972dac15fd57",
  "binding": "ec5170920660820007ae9e1d363936659ef622f99879898db86e5bf1d5bf2a14"
}"#;
// ANCHOR_END: json_text

#[test]
fn json_has_the_frost_core_3_shape() -> Result<(), frost::Error> {
    let commitments = rfc_commitments()?;
    // ANCHOR: json
    // With the `serde` feature of the suite crate.
    let json = serde_json::to_string_pretty(&commitments).expect("serializes");
    assert_eq!(json, COMMITMENTS_JSON);
    // Unknown fields are refused, not ignored.
    let mut extra: serde_json::Value =
        serde_json::from_str(&json).expect("valid JSON");
    extra["note"] = "hi".into();
    assert!(
        serde_json::from_value::<frost::round1::SigningCommitments>(extra)
            .is_err()
    );
    // ANCHOR_END: json
    let back: frost::round1::SigningCommitments =
        serde_json::from_str(&json).expect("round trip");
    assert_eq!(back, commitments);
    Ok(())
}

#[test]
fn nonces_survive_a_restart_once() -> Result<(), frost::Error> {
    let mut rng = rand::rng();
    let (key_packages, public_key_package) = dealer_keys(3, 2)?;
    let ids: Vec<_> = key_packages.keys().copied().collect();
    let (me, other) = (ids[0], ids[1]);
    let (other_nonces, other_commitments) =
        frost::round1::commit(key_packages[&other].signing_share(), &mut rng);

    // ANCHOR: persist
    let (nonces, commitments) =
        frost::round1::commit(key_packages[&me].signing_share(), &mut rng);
    // Before a restart: `persist` consumes the nonces, only the bytes remain.
    let stored = nonces.persist();
    // After the restart: restore them once, and delete the stored bytes
    // before signing.
    let nonces = frost::round1::SigningNonces::restore(&stored)?;
    drop(stored);
    assert_eq!(nonces.commitments(), &commitments);
    // ANCHOR_END: persist

    let signing_package = frost::SigningPackage::new(
        BTreeMap::from([(me, commitments), (other, other_commitments)]),
        b"after a restart",
    );
    let shares = BTreeMap::from([
        (
            me,
            frost::round2::sign(&signing_package, nonces, &key_packages[&me])?,
        ),
        (
            other,
            frost::round2::sign(
                &signing_package,
                other_nonces,
                &key_packages[&other],
            )?,
        ),
    ]);
    let signature =
        frost::aggregate(&signing_package, &shares, &public_key_package)?;
    public_key_package
        .verifying_key()
        .verify(b"after a restart", &signature)?;
    Ok(())
}
