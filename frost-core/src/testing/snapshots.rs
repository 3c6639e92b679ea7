//! The binary encoding of every type, pinned against the snapshots that the
//! frost-* 3.0 packages ship (collected by `scripts/import-frost3-snapshots.py`).
//!
//! The samples are theirs: element1 = B, element2 = 2B, scalar1 = 1/3,
//! identifier 42. Some samples are deliberately inconsistent (a key package
//! whose verifying share does not match its signing share); our encoder must
//! still write their bytes, and our strict decoder must refuse them.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use serde_json::Value;

use crate::keys::commitment::SecretPolynomial;
use crate::keys::dkg::{round1, round2};
use crate::keys::{
    CoefficientCommitment, KeyPackage, PublicKeyPackage, SecretShare, SigningShare, VerifiableSecretSharingCommitment,
    VerifyingShare,
};
use crate::round1::{Nonce, NonceCommitment, SigningCommitments, SigningNonces};
use crate::round2::SignatureShare;
use crate::{Ciphersuite, DecodeError, Error, Group, Identifier, Signature, SigningPackage, VerifyingKey};

fn element1<C: Ciphersuite>() -> crate::Element<C> {
    C::Group::generator()
}

fn scalar1<C: Ciphersuite>() -> crate::Scalar<C> {
    C::Group::invert(&C::Group::scalar_from_u64(3)).expect("3 is invertible")
}

fn id42<C: Ciphersuite>() -> Identifier<C> {
    Identifier::try_from(42u16).expect("non-zero")
}

fn commitment1<C: Ciphersuite>() -> VerifiableSecretSharingCommitment<C> {
    VerifiableSecretSharingCommitment(vec![CoefficientCommitment(element1::<C>())])
}

fn signing_commitments<C: Ciphersuite>() -> SigningCommitments<C> {
    SigningCommitments::new(
        NonceCommitment(element1::<C>()),
        NonceCommitment(element1::<C>() + element1::<C>()),
    )
}

/// Every sample's encoding equals its snapshot; consistent samples decode
/// back to themselves, inconsistent ones are refused.
pub fn check_frost3_snapshots<C: Ciphersuite>(json: &str) {
    let snaps: BTreeMap<String, Value> = serde_json::from_str(json).expect("snapshot JSON");
    let snap = |name: &str| -> Vec<u8> {
        hex::decode(
            snaps
                .get(name)
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("snapshot {name}")),
        )
        .expect("hex")
    };
    let s1 = scalar1::<C>();
    let g = element1::<C>();

    let c = signing_commitments::<C>();
    assert_eq!(c.serialize(), snap("signing_commitments"));
    assert_eq!(
        SigningCommitments::<C>::deserialize(&snap("signing_commitments")),
        Ok(c)
    );

    let nonces = SigningNonces::<C>::from_nonces(Nonce(s1), Nonce(s1));
    let commitments = *nonces.commitments();
    assert_eq!(&nonces.persist()[..], &snap("signing_nonces")[..]);
    let restored = SigningNonces::<C>::restore(&snap("signing_nonces")).expect("restore");
    assert_eq!(restored.commitments(), &commitments);

    let package = SigningPackage::new(BTreeMap::from([(id42::<C>(), c)]), b"hello world");
    assert_eq!(package.serialize(), snap("signing_package"));
    assert_eq!(
        SigningPackage::<C>::deserialize(&snap("signing_package")).as_ref(),
        Ok(&package)
    );

    let share = SignatureShare::<C>(s1);
    assert_eq!(share.serialize(), snap("signature_share"));
    assert_eq!(SignatureShare::<C>::deserialize(&snap("signature_share")), Ok(share));

    let secret_share = SecretShare::new(id42::<C>(), SigningShare(s1), commitment1::<C>());
    assert_eq!(*secret_share.serialize(), snap("secret_share"));
    assert_eq!(
        SecretShare::<C>::deserialize(&snap("secret_share")).as_ref(),
        Ok(&secret_share)
    );

    // Their sample's verifying share (B) does not match its signing share (1/3).
    let key_package = KeyPackage {
        identifier: id42::<C>(),
        signing_share: SigningShare(s1),
        verifying_share: VerifyingShare(g),
        verifying_key: VerifyingKey(g),
        min_signers: 2,
    };
    assert_eq!(*key_package.serialize(), snap("key_package"));
    assert_eq!(
        KeyPackage::<C>::deserialize(&snap("key_package")).map(|_| ()),
        Err(Error::InconsistentKeyPackage)
    );

    for (name, min_signers) in [("public_key_package", None), ("public_key_package_new", Some(2))] {
        let pkp = PublicKeyPackage::<C> {
            verifying_shares: BTreeMap::from([(id42::<C>(), VerifyingShare(g))]),
            verifying_key: VerifyingKey(g),
            min_signers,
        };
        assert_eq!(pkp.serialize(), snap(name), "{name}");
        assert_eq!(
            PublicKeyPackage::<C>::deserialize(&snap(name)).as_ref(),
            Ok(&pkp),
            "{name}"
        );
    }

    let round1_package = round1::Package::new(commitment1::<C>(), Signature::new(g, s1));
    assert_eq!(round1_package.serialize(), snap("round1_package"));
    assert_eq!(
        round1::Package::<C>::deserialize(&snap("round1_package")).as_ref(),
        Ok(&round1_package)
    );

    // Their sample has two coefficients but a one-element commitment.
    let round1_secret = round1::SecretPackage::<C> {
        identifier: id42::<C>(),
        polynomial: SecretPolynomial::from_coefficients(vec![s1, s1]),
        commitment: commitment1::<C>(),
        min_signers: 2,
        max_signers: 3,
        kind: crate::keys::dkg::Kind::KeyGen,
    };
    assert_eq!(&round1_secret.serialize()[..], &snap("round1_secret_package")[..]);
    assert_eq!(
        round1::SecretPackage::<C>::deserialize(&snap("round1_secret_package")).map(|_| ()),
        Err(Error::Decode {
            error: DecodeError::InvalidValue,
            culprit: None
        })
    );

    let round2_package = round2::Package::<C>::new(SigningShare(s1));
    assert_eq!(*round2_package.serialize(), snap("round2_package"));
    assert_eq!(
        round2::Package::<C>::deserialize(&snap("round2_package")).as_ref(),
        Ok(&round2_package)
    );

    // Ours appends the digest of the round-1 packages part2 saw.
    let round2_secret = round2::SecretPackage::<C> {
        identifier: id42::<C>(),
        commitment: commitment1::<C>(),
        own_share: SigningShare(s1),
        min_signers: 2,
        max_signers: 3,
        round1_digest: [7; 32],
        kind: crate::keys::dkg::Kind::KeyGen,
    };
    let bytes = round2_secret.serialize();
    let expected = snap("round2_secret_package");
    assert_eq!(&bytes[..expected.len()], &expected[..]);
    assert_eq!(&bytes[expected.len()..], &[7u8; 32]);
}
