//! Signing refusals: every malformed signing package or share set is refused
//! with the right error, naming the culprit when another participant caused it.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use super::{dealer_keys, id, rng, signing_session};
use crate::keys::{IdentifierList, KeyPackage, PublicKeyPackage};
use crate::round1::{NonceCommitment, SigningCommitments, SigningNonces};
use crate::{Ciphersuite, DecodeError, Error, Group, Identifier, SigningPackage};

/// Every signer's nonces and commitments.
type Round1<C> = (
    BTreeMap<Identifier<C>, SigningNonces<C>>,
    BTreeMap<Identifier<C>, SigningCommitments<C>>,
);

type Keys<C> = (BTreeMap<Identifier<C>, KeyPackage<C>>, PublicKeyPackage<C>);

fn keys<C: Ciphersuite>() -> Keys<C> {
    dealer_keys::<C>(5, 3, IdentifierList::Default, 42)
}

/// Every signer in `signers` commits; returns their nonces and commitments.
fn commit_all<C: Ciphersuite>(kps: &BTreeMap<Identifier<C>, KeyPackage<C>>, signers: &[u16]) -> Round1<C> {
    let mut rng = rng(7);
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for n in signers {
        let (nn, c) = crate::round1::commit(kps[&id::<C>(*n)].signing_share(), &mut rng);
        nonces.insert(id::<C>(*n), nn);
        commitments.insert(id::<C>(*n), c);
    }
    (nonces, commitments)
}

pub fn refuses_missing_own_commitment<C: Ciphersuite>() {
    let (kps, _) = keys::<C>();
    let (mut nonces, mut commitments) = commit_all(&kps, &[1, 2, 3, 4]);
    commitments.remove(&id::<C>(1));
    let package = SigningPackage::new(commitments, b"m");
    let n = nonces.remove(&id::<C>(1)).expect("nonces");
    assert_eq!(
        crate::round2::sign(&package, n, &kps[&id::<C>(1)]).map(|_| ()),
        Err(Error::MissingOwnCommitment)
    );
}

pub fn refuses_altered_own_commitment<C: Ciphersuite>() {
    let (kps, _) = keys::<C>();
    let (mut nonces, mut commitments) = commit_all(&kps, &[1, 2, 3]);
    // The coordinator swaps in signer 2's commitment for signer 1's.
    let other = commitments[&id::<C>(2)];
    commitments.insert(id::<C>(1), other);
    let package = SigningPackage::new(commitments, b"m");
    let n = nonces.remove(&id::<C>(1)).expect("nonces");
    assert_eq!(
        crate::round2::sign(&package, n, &kps[&id::<C>(1)]).map(|_| ()),
        Err(Error::IncorrectOwnCommitment)
    );
    // Nonces from another session do not match either.
    let (mut fresh, commitments) = commit_all(&kps, &[1, 2, 3]);
    let (stale, _) = crate::round1::commit(kps[&id::<C>(1)].signing_share(), &mut rng(99));
    fresh.remove(&id::<C>(1));
    let package = SigningPackage::new(commitments, b"m");
    assert_eq!(
        crate::round2::sign(&package, stale, &kps[&id::<C>(1)]).map(|_| ()),
        Err(Error::IncorrectOwnCommitment)
    );
}

pub fn refuses_identity_commitment<C: Ciphersuite>() {
    let (kps, pkp) = keys::<C>();
    let (mut nonces, mut commitments) = commit_all(&kps, &[1, 2, 3]);
    let identity = NonceCommitment::new(C::Group::identity());
    let honest = commitments[&id::<C>(3)];
    commitments.insert(id::<C>(3), SigningCommitments::new(*honest.hiding(), identity));
    let package = SigningPackage::new(commitments.clone(), b"m");
    let n = nonces.remove(&id::<C>(1)).expect("nonces");
    let expected = Err(Error::IdentityCommitment {
        culprits: alloc::vec![id::<C>(3)],
    });
    assert_eq!(
        crate::round2::sign(&package, n, &kps[&id::<C>(1)]).map(|_| ()),
        expected
    );
    assert_eq!(expected.clone().unwrap_err().culprits(), [id::<C>(3)]);
    commitments.insert(id::<C>(3), SigningCommitments::new(identity, *honest.binding()));
    let package = SigningPackage::new(commitments, b"m");
    let shares = BTreeMap::new();
    assert_eq!(crate::aggregate(&package, &shares, &pkp).map(|_| ()), expected);
}

pub fn refuses_too_few_signers<C: Ciphersuite>() {
    let (kps, pkp) = keys::<C>();
    let (mut nonces, commitments) = commit_all(&kps, &[1, 2]);
    let package = SigningPackage::new(commitments, b"m");
    let n = nonces.remove(&id::<C>(1)).expect("nonces");
    let expected = Err(Error::TooFewSigners { min_signers: 3, got: 2 });
    assert_eq!(
        crate::round2::sign(&package, n, &kps[&id::<C>(1)]).map(|_| ()),
        expected
    );
    assert_eq!(crate::aggregate(&package, &BTreeMap::new(), &pkp).map(|_| ()), expected);
}

pub fn refuses_missing_and_unexpected_shares<C: Ciphersuite>() {
    let (kps, pkp) = keys::<C>();
    let signers: Vec<_> = [1u16, 2, 3, 4].iter().map(|n| id::<C>(*n)).collect();
    let (package, shares) = signing_session(&kps, &signers, b"m", 3);
    let mut missing = shares.clone();
    missing.remove(&id::<C>(2));
    missing.remove(&id::<C>(4));
    assert_eq!(
        crate::aggregate(&package, &missing, &pkp).map(|_| ()),
        Err(Error::MissingSignatureShare {
            culprits: alloc::vec![id::<C>(2), id::<C>(4)]
        })
    );
    let mut extra = shares.clone();
    extra.insert(id::<C>(5), shares[&id::<C>(1)]);
    assert_eq!(
        crate::aggregate(&package, &extra, &pkp).map(|_| ()),
        Err(Error::UnexpectedSignatureShare {
            culprits: alloc::vec![id::<C>(5)]
        })
    );
    assert!(crate::aggregate(&package, &shares, &pkp).is_ok());
}

pub fn refuses_unknown_participant<C: Ciphersuite>() {
    let (kps, pkp) = keys::<C>();
    let signers: Vec<_> = [1u16, 2, 3].iter().map(|n| id::<C>(*n)).collect();
    let (package, shares) = signing_session(&kps, &signers, b"m", 4);
    let mut verifying_shares = pkp.verifying_shares().clone();
    verifying_shares.remove(&id::<C>(2));
    let partial = PublicKeyPackage::new(verifying_shares, *pkp.verifying_key(), 3);
    assert_eq!(
        crate::aggregate(&package, &shares, &partial).map(|_| ()),
        Err(Error::UnknownParticipant { culprit: id::<C>(2) })
    );
}

pub fn refuses_wrong_message_or_key<C: Ciphersuite>() {
    let (kps, pkp) = keys::<C>();
    let signers: Vec<_> = [2u16, 4, 5].iter().map(|n| id::<C>(*n)).collect();
    let (package, shares) = signing_session(&kps, &signers, b"m", 5);
    let sig = crate::aggregate(&package, &shares, &pkp).expect("aggregate");
    assert_eq!(pkp.verifying_key().verify(b"n", &sig), Err(Error::InvalidSignature));
    let (_, other) = dealer_keys::<C>(5, 3, IdentifierList::Default, 43);
    assert_eq!(other.verifying_key().verify(b"m", &sig), Err(Error::InvalidSignature));
    // Shares aggregated against another group's public key package: every
    // share fails against the other verifying shares.
    assert_eq!(
        crate::aggregate(&package, &shares, &other).map(|_| ()),
        Err(Error::InvalidSignatureShare {
            culprits: signers.clone()
        })
    );
}

pub fn encodings_round_trip_strictly<C: Ciphersuite>() {
    let (kps, pkp) = keys::<C>();
    let signers: Vec<_> = [1u16, 3, 5].iter().map(|n| id::<C>(*n)).collect();
    let (package, shares) = signing_session(&kps, &signers, b"round trip", 6);
    let bytes = package.serialize();
    assert_eq!(SigningPackage::<C>::deserialize(&bytes).as_ref(), Ok(&package));
    let mut trailing = bytes.clone();
    trailing.push(0);
    assert!(matches!(
        SigningPackage::<C>::deserialize(&trailing),
        Err(Error::Decode {
            error: DecodeError::TrailingBytes,
            culprit: None
        })
    ));
    assert!(matches!(
        SigningPackage::<C>::deserialize(&bytes[..bytes.len() - 1]),
        Err(Error::Decode {
            error: DecodeError::Truncated,
            ..
        })
    ));
    let mut version = bytes.clone();
    version[0] = 1;
    assert!(matches!(
        SigningPackage::<C>::deserialize(&version),
        Err(Error::Decode {
            error: DecodeError::UnsupportedVersion(1),
            ..
        })
    ));
    let mut suite = bytes.clone();
    suite[1] ^= 0xff;
    assert!(matches!(
        SigningPackage::<C>::deserialize(&suite),
        Err(Error::Decode {
            error: DecodeError::WrongCiphersuite,
            ..
        })
    ));
    let c = package.signing_commitments()[&signers[0]];
    assert_eq!(SigningCommitments::<C>::deserialize(&c.serialize()), Ok(c));
    for share in shares.values() {
        assert_eq!(
            crate::round2::SignatureShare::<C>::deserialize(&share.serialize()).as_ref(),
            Ok(share)
        );
    }
    let sig = crate::aggregate(&package, &shares, &pkp).expect("aggregate");
    let sig_bytes = sig.serialize();
    assert_eq!(crate::Signature::<C>::deserialize(&sig_bytes), Ok(sig));
    assert!(crate::Signature::<C>::deserialize(&sig_bytes[1..]).is_err());
    // A map of received bytes names the sender of the bad ones.
    let mut received: BTreeMap<Identifier<C>, Vec<u8>> = package
        .signing_commitments()
        .iter()
        .map(|(i, c)| (*i, c.serialize()))
        .collect();
    received.get_mut(&signers[1]).expect("present").push(7);
    assert_eq!(
        crate::decode_map(&received, SigningCommitments::<C>::deserialize).map(|_| ()),
        Err(Error::Decode {
            error: DecodeError::TrailingBytes,
            culprit: Some(signers[1])
        })
    );
}
