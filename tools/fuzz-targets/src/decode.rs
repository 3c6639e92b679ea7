//! One target per decoder. Each asserts that a value that decodes re-encodes
//! to exactly the input (strict, canonical decoding is a bijection between
//! accepted byte strings and values), that a refusal blames nobody (a
//! standalone decoder cannot know the sender), and then exercises what can
//! be done with the decoded value.

use std::collections::BTreeMap;
use std::fmt::Debug;

use frost_core::keys::dkg::{self, round1, round2};
use frost_core::keys::{
    CoefficientCommitment, KeyPackage, PublicKeyPackage, SecretShare, SigningShare, VerifyingKey, VerifyingShare,
};
use frost_core::round1::{NonceCommitment, SigningCommitments, SigningNonces};
use frost_core::round2::SignatureShare;
use frost_core::{Error, Group, Identifier, Signature, SigningPackage};

use crate::{Suite, hex};

/// Decodes `data`; on success asserts the canonical round trip and returns
/// the value, on failure checks the error and returns `None`.
fn decode<C: Suite, T: Debug, B: AsRef<[u8]>>(
    what: &str,
    data: &[u8],
    de: impl FnOnce(&[u8]) -> Result<T, Error<C>>,
    ser: impl FnOnce(&T) -> B,
) -> Option<T> {
    match de(data) {
        Ok(value) => {
            let again = ser(&value);
            let again = again.as_ref();
            assert!(
                again == data,
                "{what} ({}): decoded bytes re-encode differently\n input:     {}\n re-encoded: {}",
                C::NAME,
                hex(data),
                hex(again),
            );
            let _ = format!("{value:?}");
            Some(value)
        }
        Err(e) => {
            refused(what, &e);
            None
        }
    }
}

/// A standalone decoder's refusal names no participant, and formats.
fn refused<C: Suite>(what: &str, e: &Error<C>) {
    assert!(
        e.culprits().is_empty(),
        "{what} ({}): a standalone decoder blamed someone: {e:?}",
        C::NAME
    );
    let _ = format!("{e} {e:?}");
}

/// A value that re-decodes from its own encoding to itself.
fn re_decodes<C: Suite, T: PartialEq + Debug, B: AsRef<[u8]>>(
    what: &str,
    value: &T,
    ser: impl FnOnce(&T) -> B,
    de: impl FnOnce(&[u8]) -> Result<T, Error<C>>,
) {
    let bytes = ser(value);
    let bytes = bytes.as_ref();
    match de(bytes) {
        Ok(back) => assert!(
            back == *value,
            "{what} ({}): {} decodes to {back:?}",
            C::NAME,
            hex(bytes)
        ),
        Err(e) => panic!("{what} ({}): own encoding {} refused: {e:?}", C::NAME, hex(bytes)),
    }
}

pub fn decode_round1_package<C: Suite>(data: &[u8]) {
    let Some(package) = decode(
        "round1::Package",
        data,
        round1::Package::<C>::deserialize,
        round1::Package::serialize,
    ) else {
        return;
    };
    for c in package.commitment().coefficients() {
        re_decodes(
            "CoefficientCommitment",
            c,
            |c| c.serialize(),
            CoefficientCommitment::deserialize,
        );
    }
    re_decodes(
        "proof of knowledge",
        package.proof_of_knowledge(),
        |s| s.serialize(),
        Signature::deserialize,
    );
    let mut map = BTreeMap::new();
    map.insert(Identifier::<C>::try_from(1u16).expect("non-zero"), package);
    let _ = round1::transcript_digest(&map);
}

pub fn decode_round2_package<C: Suite>(data: &[u8]) {
    if let Some(package) = decode(
        "round2::Package",
        data,
        round2::Package::<C>::deserialize,
        round2::Package::serialize,
    ) {
        let _ = package.signing_share().verifying_share();
    }
}

pub fn decode_signing_commitments<C: Suite>(data: &[u8]) {
    if let Some(c) = decode(
        "SigningCommitments",
        data,
        SigningCommitments::<C>::deserialize,
        SigningCommitments::serialize,
    ) {
        for n in [c.hiding(), c.binding()] {
            re_decodes(
                "NonceCommitment",
                n,
                NonceCommitment::serialize,
                NonceCommitment::deserialize,
            );
        }
    }
}

pub fn decode_signing_package<C: Suite>(data: &[u8]) {
    if let Some(package) = decode(
        "SigningPackage",
        data,
        SigningPackage::<C>::deserialize,
        SigningPackage::serialize,
    ) {
        for (id, c) in package.signing_commitments() {
            assert_eq!(package.signing_commitment(id), Some(c));
            re_decodes("Identifier", id, Identifier::serialize, Identifier::deserialize);
            re_decodes(
                "SigningCommitments",
                c,
                SigningCommitments::serialize,
                SigningCommitments::deserialize,
            );
        }
    }
}

pub fn decode_key_package<C: Suite>(data: &[u8]) {
    if let Some(kp) = decode("KeyPackage", data, KeyPackage::<C>::deserialize, KeyPackage::serialize) {
        assert!(
            kp.min_signers() >= 2,
            "KeyPackage ({}): min_signers {}",
            C::NAME,
            kp.min_signers()
        );
        assert!(
            kp.signing_share().verifying_share() == *kp.verifying_share(),
            "KeyPackage ({}): inconsistent package accepted",
            C::NAME
        );
        let f = C::fixtures();
        let _ = kp.check_against(&f.dkg.public_key_package);
        let _ = kp.check_against(&f.signing.public_key_package);
    }
}

pub fn decode_public_key_package<C: Suite>(data: &[u8]) {
    if let Some(pkp) = decode(
        "PublicKeyPackage",
        data,
        PublicKeyPackage::<C>::deserialize,
        PublicKeyPackage::serialize,
    ) {
        let f = C::fixtures();
        let _ = f.dkg.key_package.check_against(&pkp);
        // The shares, key and threshold lie on one polynomial, or not.
        if let Err(e) = pkp.validate() {
            refused("PublicKeyPackage::validate", &e);
            assert!(
                pkp != f.dkg.public_key_package && pkp != f.signing.public_key_package,
                "PublicKeyPackage::validate ({}): refused an honest package: {e:?}",
                C::NAME
            );
        }
        for s in pkp.verifying_shares().values() {
            re_decodes(
                "VerifyingShare",
                s,
                VerifyingShare::serialize,
                VerifyingShare::deserialize,
            );
        }
    }
}

pub fn decode_secret_share<C: Suite>(data: &[u8]) {
    let Some(share) = decode(
        "SecretShare",
        data,
        SecretShare::<C>::deserialize,
        SecretShare::serialize,
    ) else {
        return;
    };
    match share.verify() {
        Ok((verifying_share, _)) => {
            let kp = KeyPackage::try_from(share)
                .unwrap_or_else(|e| panic!("SecretShare ({}): verified share refused: {e:?}", C::NAME));
            assert!(*kp.verifying_share() == verifying_share);
            re_decodes(
                "KeyPackage from a share",
                &kp,
                KeyPackage::serialize,
                KeyPackage::deserialize,
            );
        }
        Err(e) => {
            refused("SecretShare::verify", &e);
            assert!(KeyPackage::try_from(share).is_err());
        }
    }
}

pub fn decode_signing_nonces<C: Suite>(data: &[u8]) {
    match SigningNonces::<C>::restore(data) {
        Ok(nonces) => {
            let commitments = *nonces.commitments();
            re_decodes(
                "SigningCommitments of restored nonces",
                &commitments,
                SigningCommitments::serialize,
                SigningCommitments::deserialize,
            );
            let _ = format!("{nonces:?}");
            let again = nonces.persist();
            assert!(
                again.as_slice() == data,
                "SigningNonces ({}): restored bytes persist differently\n input:     {}\n re-encoded: {}",
                C::NAME,
                hex(data),
                hex(&again),
            );
        }
        Err(e) => refused("SigningNonces::restore", &e),
    }
}

pub fn decode_round1_secret_package<C: Suite>(data: &[u8]) {
    let Some(secret) = decode(
        "round1::SecretPackage",
        data,
        round1::SecretPackage::<C>::deserialize,
        |p| p.serialize().to_vec(),
    ) else {
        return;
    };
    assert!(secret.min_signers() >= 2 && secret.max_signers() >= secret.min_signers());
    assert_eq!(secret.commitment().len(), usize::from(secret.min_signers()));
    // With nothing received, part2 can only refuse the count.
    let expected = usize::from(secret.max_signers()) - 1;
    assert_eq!(
        dkg::part2(secret, &BTreeMap::new()).map(|_| ()),
        Err(Error::IncorrectNumberOfPackages { expected, got: 0 })
    );
}

pub fn decode_round2_secret_package<C: Suite>(data: &[u8]) {
    let Some(secret) = decode(
        "round2::SecretPackage",
        data,
        round2::SecretPackage::<C>::deserialize,
        |p| p.serialize().to_vec(),
    ) else {
        return;
    };
    assert!(secret.min_signers() >= 2 && secret.max_signers() >= secret.min_signers());
    let expected = usize::from(secret.max_signers()) - 1;
    assert_eq!(
        dkg::part3(&secret, &BTreeMap::new(), &BTreeMap::new()).map(|_| ()),
        Err(Error::IncorrectNumberOfPackages { expected, got: 0 })
    );
}

pub fn decode_misc<C: Suite>(data: &[u8]) {
    let Some((&kind, data)) = data.split_first() else {
        return;
    };
    match kind % 8 {
        0 => {
            decode(
                "SignatureShare",
                data,
                SignatureShare::<C>::deserialize,
                SignatureShare::serialize,
            );
        }
        1 => {
            if let Some(signature) = decode("Signature", data, Signature::<C>::deserialize, Signature::serialize) {
                let key = VerifyingKey::<C>::new(C::Group::generator());
                let _ = key.verify(data, &signature);
                let _ = C::fixtures()
                    .signing
                    .public_key_package
                    .verifying_key()
                    .verify(data, &signature);
            }
        }
        2 => {
            if let Some(id) = decode("Identifier", data, Identifier::<C>::deserialize, Identifier::serialize) {
                let one = Identifier::<C>::try_from(1u16).expect("non-zero");
                assert_eq!(id.cmp(&id), std::cmp::Ordering::Equal);
                assert_eq!(id == one, id.cmp(&one).is_eq());
                assert_eq!(id.cmp(&one), one.cmp(&id).reverse());
                let _ = format!("{id} {id:?}");
            }
        }
        3 => {
            if let Some(share) = decode(
                "SigningShare",
                data,
                SigningShare::<C>::deserialize,
                SigningShare::serialize,
            ) {
                let _ = share.verifying_share();
            }
        }
        4 => {
            decode(
                "VerifyingShare",
                data,
                VerifyingShare::<C>::deserialize,
                VerifyingShare::serialize,
            );
        }
        5 => {
            decode(
                "VerifyingKey",
                data,
                VerifyingKey::<C>::deserialize,
                VerifyingKey::serialize,
            );
        }
        6 => {
            decode(
                "NonceCommitment",
                data,
                NonceCommitment::<C>::deserialize,
                NonceCommitment::serialize,
            );
        }
        _ => {
            decode(
                "CoefficientCommitment",
                data,
                CoefficientCommitment::<C>::deserialize,
                CoefficientCommitment::serialize,
            );
        }
    }
}
