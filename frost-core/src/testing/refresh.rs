//! Share refresh, by a trusted dealer and by DKG: new shares sign under the
//! same key, epochs do not mix, participants can be dropped, and every
//! refused input with its culprit.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::vec::Vec;

use super::dkg::{Round1, Round2, others, received, round_one_with, round_two_with};
use super::{dealer_keys, derived_identifiers, id, rng, sign};
use crate::keys::dkg::{self, round1, round2};
use crate::keys::refresh::{self, RefreshingShare};
use crate::keys::{IdentifierList, KeyPackage, PublicKeyPackage, SecretShare, VerifiableSecretSharingCommitment};
use crate::{Ciphersuite, DecodeError, Error, Group, Identifier};

type KeyPackages<C> = BTreeMap<Identifier<C>, KeyPackage<C>>;
/// Round-2 packages keyed by sender, then recipient.
type Outgoing<C> = BTreeMap<Identifier<C>, BTreeMap<Identifier<C>, round2::Package<C>>>;

fn dealer<C: Ciphersuite>(derived: bool) -> (KeyPackages<C>, PublicKeyPackage<C>) {
    super::dealer_3_of_5::<C>(derived, 70 + u64::from(derived))
}

/// The refreshed key packages sign under the unchanged key, reconstruct to
/// the same key, and do not combine with the old ones.
fn check_refreshed<C: Ciphersuite>(
    old: &KeyPackages<C>,
    old_pkp: &PublicKeyPackage<C>,
    new: &KeyPackages<C>,
    new_pkp: &PublicKeyPackage<C>,
) {
    assert_eq!(new_pkp.verifying_key(), old_pkp.verifying_key(), "group key unchanged");
    assert_eq!(new_pkp.min_signers(), old_pkp.min_signers());
    assert_eq!(
        new_pkp.verifying_shares().keys().collect::<Vec<_>>(),
        new.keys().collect::<Vec<_>>(),
        "the new package lists exactly the refreshed participants"
    );
    new_pkp
        .validate()
        .expect("new verifying shares lie on a polynomial through the key");
    for (id, kp) in new {
        kp.check_against(new_pkp).expect("consistent");
        assert_ne!(kp.signing_share(), old[id].signing_share(), "every share changed");
        assert_ne!(new_pkp.verifying_shares()[id], old_pkp.verifying_shares()[id]);
    }
    let ids: Vec<_> = new.keys().copied().collect();
    let signers = &ids[..3];
    let sig = sign(new, new_pkp, signers, b"refreshed", 1).expect("new shares sign");
    old_pkp
        .verifying_key()
        .verify(b"refreshed", &sig)
        .expect("under the old key");
    let some: Vec<_> = signers.iter().map(|i| new[i].clone()).collect();
    assert_eq!(
        crate::keys::reconstruct(&some).expect("reconstruct").verifying_key(),
        *old_pkp.verifying_key()
    );

    // One old share among new ones: refused, under either public key package.
    let mut mixed = new.clone();
    mixed.insert(signers[0], old[&signers[0]].clone());
    assert_eq!(
        sign(&mixed, new_pkp, signers, b"mixed", 2),
        Err(Error::InvalidSignatureShare {
            culprits: alloc::vec![signers[0]]
        })
    );
    assert_eq!(
        sign(&mixed, old_pkp, signers, b"mixed", 3),
        Err(Error::InvalidSignatureShare {
            culprits: signers[1..].to_vec()
        })
    );
    // Shares of two epochs do not interpolate to the key either.
    let mixed_kps: Vec<_> = signers.iter().map(|i| mixed[i].clone()).collect();
    assert_eq!(
        crate::keys::reconstruct(&mixed_kps).map(|_| ()),
        Err(Error::InvalidReconstruction)
    );
}

/// Dealer refresh of `refreshed` (all participants, or a subset), each
/// share sent as bytes.
pub fn dealer_flow<C: Ciphersuite>(derived: bool, keep: usize) {
    let (kps, pkp) = dealer::<C>(derived);
    let ids: Vec<_> = kps.keys().copied().take(keep).collect();
    let (shares, new_pkp) = refresh::compute_refreshing_shares(&pkp, &ids, &mut rng(5)).expect("refresh");
    assert_eq!(shares.len(), keep);
    let new: KeyPackages<C> = shares
        .into_iter()
        .map(|(id, share)| {
            let share = RefreshingShare::<C>::deserialize(&share.serialize()).expect("decodes");
            (id, refresh::refresh_share(share, &kps[&id]).expect("refresh_share"))
        })
        .collect();
    check_refreshed(&kps, &pkp, &new, &new_pkp);
    if keep < kps.len() {
        let dropped = *kps.keys().last().expect("non-empty");
        assert!(!new_pkp.verifying_shares().contains_key(&dropped));
        // The dropped participant's old share is useless with new shares.
        let mut with_dropped = new.clone();
        with_dropped.insert(dropped, kps[&dropped].clone());
        assert_eq!(
            sign(&with_dropped, &new_pkp, &[ids[0], ids[1], dropped], b"dropped", 4),
            Err(Error::UnknownParticipant { culprit: dropped })
        );
    }
}

pub fn dealer_refusals<C: Ciphersuite>() {
    let (kps, pkp) = dealer::<C>(false);
    let mut r = rng(6);
    let run = |ids: &[Identifier<C>], pkp: &PublicKeyPackage<C>| {
        refresh::compute_refreshing_shares(pkp, ids, &mut rng(6)).map(|_| ())
    };
    assert_eq!(
        run(&[id(1), id(2)], &pkp),
        Err(Error::TooFewSigners { min_signers: 3, got: 2 })
    );
    assert_eq!(
        run(&[id(1), id(2), id(3), id(2)], &pkp),
        Err(Error::DuplicatedIdentifier { identifier: id(2) })
    );
    let err = run(&[id(1), id(2), id(9)], &pkp).unwrap_err();
    assert_eq!(err, Error::UnknownParticipant { culprit: id(9) });
    assert_eq!(err.culprits(), [id(9)]);
    let bytes = pkp.serialize();
    let pre3 = PublicKeyPackage::<C>::deserialize(&bytes[..bytes.len() - 2]).expect("pre-3.0 layout");
    assert_eq!(run(&[id(1), id(2), id(3)], &pre3), Err(Error::InvalidMinSigners));

    let (shares, _) = refresh::compute_refreshing_shares(&pkp, &[id(1), id(2), id(3)], &mut r).expect("refresh");
    let share = |i: u16| shares[&id(i)].clone();

    // A share with a real constant term (an ordinary dealer share) would
    // change the group key.
    let (ordinary, _) =
        crate::keys::generate_with_dealer::<C, _>(5, 3, IdentifierList::Default, &mut r).expect("dealer");
    let s = &ordinary[&id(1)];
    let non_zero = RefreshingShare::new(id(1), s.signing_share().clone(), s.commitment().clone());
    let err = refresh::refresh_share(non_zero, &kps[&id(1)]).unwrap_err();
    assert_eq!(err, Error::NonZeroRefreshConstant { culprits: Vec::new() });
    assert!(format!("{err}").contains("dealer"));

    // A refresh of another threshold.
    let (_, pkp4) = dealer_keys::<C>(5, 4, IdentifierList::Default, 8);
    let (shares4, _) =
        refresh::compute_refreshing_shares(&pkp4, &[id(1), id(2), id(3), id(4)], &mut r).expect("refresh");
    assert_eq!(
        refresh::refresh_share(shares4[&id(1)].clone(), &kps[&id(1)]),
        Err(Error::MinSignersChanged { expected: 3, got: 4 })
    );

    // Another participant's share, and a corrupted one.
    assert_eq!(
        refresh::refresh_share(share(2), &kps[&id(1)]),
        Err(Error::InvalidSecretShare { culprits: Vec::new() })
    );
    let s = share(1);
    let corrupted = RefreshingShare::new(
        id(1),
        crate::keys::SigningShare::from_scalar(s.signing_share().to_scalar() + C::Group::one()),
        s.commitment().clone(),
    );
    assert_eq!(
        refresh::refresh_share(corrupted, &kps[&id(1)]),
        Err(Error::InvalidSecretShare { culprits: Vec::new() })
    );
    refresh::refresh_share(share(1), &kps[&id(1)]).expect("the honest share is accepted");
}

/// The refreshing share's bytes are frost-core 3.x's (a secret share without
/// the constant term), decoded strictly; the share is never printed.
pub fn dealer_encoding<C: Ciphersuite>() {
    let (_, pkp) = dealer::<C>(false);
    let (shares, _) = refresh::compute_refreshing_shares(&pkp, &[id(1), id(2), id(3)], &mut rng(9)).expect("refresh");
    let share = &shares[&id(2)];
    let bytes = share.serialize();
    let (ns, ne) = (C::Group::SCALAR_LEN, C::Group::ELEMENT_LEN);
    assert_eq!(bytes.len(), 5 + 2 * ns + 1 + 2 * ne, "two of three commitments travel");
    let stripped = VerifiableSecretSharingCommitment::new(share.commitment().coefficients()[1..].to_vec());
    assert_eq!(
        bytes,
        SecretShare::new(id(2), share.signing_share().clone(), stripped).serialize(),
        "frost-core 3.x layout"
    );
    assert_eq!(RefreshingShare::<C>::deserialize(&bytes).as_ref(), Ok(share));
    assert!(share.commitment().coefficients()[0].value() == C::Group::identity());

    let refused = |bytes: &[u8], error: DecodeError| {
        assert_eq!(
            RefreshingShare::<C>::deserialize(bytes).map(|_| ()),
            Err(Error::Decode { error, culprit: None })
        );
    };
    refused(&bytes[..bytes.len() - 1], DecodeError::Truncated);
    let mut longer = bytes.clone();
    longer.push(0);
    refused(&longer, DecodeError::TrailingBytes);
    let mut wrong_suite = bytes.clone();
    wrong_suite[1] ^= 1;
    refused(&wrong_suite, DecodeError::WrongCiphersuite);
    let mut too_many = bytes.clone();
    too_many[5 + 2 * ns] = 3;
    refused(&too_many, DecodeError::Truncated);

    let text = format!("{share:?}");
    assert!(text.contains("<redacted>"), "{text}");
}

/// Everyone's refresh_dkg_part1, among `ids`, with threshold `t`, each
/// secret package through storage and each package through the wire.
fn refresh_round_one<C: Ciphersuite>(ids: &[Identifier<C>], t: u16, seed: u64) -> Round1<C> {
    round_one_with(ids, t, seed, |id, n, t, rng| {
        let (s, p) = refresh::refresh_dkg_part1(id, n, t, rng).expect("part1");
        let s = round1::SecretPackage::<C>::deserialize(&s.serialize()).expect("stored");
        let p = round1::Package::<C>::deserialize(&p.serialize()).expect("sent");
        (s, p)
    })
}

/// Everyone's refresh_dkg_part2, each round-2 secret through storage.
fn refresh_round_two<C: Ciphersuite>(
    secrets: BTreeMap<Identifier<C>, round1::SecretPackage<C>>,
    packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
) -> Round2<C> {
    round_two_with(secrets, packages, |s, received| {
        let (s2, out) = refresh::refresh_dkg_part2(s, received).expect("part2");
        let s2 = round2::SecretPackage::<C>::deserialize(&s2.serialize()).expect("stored");
        (s2, out)
    })
}

/// A whole DKG refresh among `ids`; every participant's result, and the
/// public key package they all agree on.
fn refresh_run<C: Ciphersuite>(
    old: &KeyPackages<C>,
    old_pkp: &PublicKeyPackage<C>,
    ids: &[Identifier<C>],
    seed: u64,
) -> (KeyPackages<C>, PublicKeyPackage<C>) {
    let (secrets, packages) = refresh_round_one(ids, 3, seed);
    let (secrets2, outgoing) = refresh_round_two(secrets, &packages);
    let mut new = BTreeMap::new();
    let mut pkps = Vec::new();
    for (id, s2) in &secrets2 {
        let (kp, pkp) = refresh::refresh_dkg_shares(
            s2,
            &others(&packages, *id),
            &received(&outgoing, *id),
            old_pkp,
            &old[id],
        )
        .expect("refresh_dkg_shares");
        new.insert(*id, kp);
        pkps.push(pkp);
    }
    assert!(pkps.iter().all(|p| p == &pkps[0]), "everyone has the same package");
    (new, pkps.swap_remove(0))
}

/// DKG keys refreshed by DKG, among all or `keep` of the participants.
pub fn dkg_flow<C: Ciphersuite>(derived: bool, keep: usize) {
    let ids = if derived {
        derived_identifiers::<C>(5)
    } else {
        super::numbered_identifiers::<C>(5)
    };
    let (kps, pkp) = super::dkg::run(&ids, 3, 40);
    let staying: Vec<_> = kps.keys().copied().take(keep).collect();
    let (new, new_pkp) = refresh_run(&kps, &pkp, &staying, 41);
    check_refreshed(&kps, &pkp, &new, &new_pkp);
    // A second refresh of the refreshed keys works the same way.
    let (newer, newer_pkp) = refresh_run(&new, &new_pkp, &staying, 42);
    check_refreshed(&new, &new_pkp, &newer, &newer_pkp);
}

/// Refresh packages: the commitment leaves out the constant term, and the
/// secret packages store and restore as refresh packages.
pub fn dkg_encoding<C: Ciphersuite>() {
    let (secret, package) = refresh::refresh_dkg_part1(id::<C>(1), 4, 3, &mut rng(11)).expect("part1");
    assert_eq!(package.commitment().len(), 2, "min_signers - 1 commitments");
    assert!(
        package
            .commitment()
            .coefficients()
            .iter()
            .all(|c| c.value() != C::Group::identity())
    );
    let restored = round1::SecretPackage::<C>::deserialize(&secret.serialize()).expect("restores");
    assert_eq!(restored.serialize(), secret.serialize());
    assert_eq!(restored.commitment(), package.commitment());
    // A stored key-generation package whose commitment is one short but
    // whose constant term is not zero is refused, not taken for a refresh.
    let (dkg_secret, _) = dkg::part1(id::<C>(1), 4, 3, &mut rng(12)).expect("part1");
    let mut bytes = dkg_secret.serialize().to_vec();
    let (ns, ne) = (C::Group::SCALAR_LEN, C::Group::ELEMENT_LEN);
    let commitment_at = ns + 1 + 3 * ns;
    bytes[commitment_at] = 2;
    bytes.drain(commitment_at + 1..commitment_at + 1 + ne);
    assert_eq!(
        round1::SecretPackage::<C>::deserialize(&bytes).map(|_| ()),
        Err(Error::Decode {
            error: DecodeError::InvalidValue,
            culprit: None
        })
    );
}

pub fn dkg_refusals<C: Ciphersuite>() {
    let ids = super::numbered_identifiers::<C>(4);
    let (kps, pkp) = super::dkg::run(&ids, 3, 50);
    let me = id::<C>(1);
    let cheater = id::<C>(3);

    // A participant that sends a key-generation package: a constant term
    // that would change the group key.
    let (mut secrets, mut packages) = refresh_round_one(&ids, 3, 51);
    let (_, keygen) = dkg::part1(cheater, 4, 3, &mut rng(52)).expect("part1");
    packages.insert(cheater, keygen);
    let err = refresh::refresh_dkg_part2(secrets.remove(&me).expect("me"), &others(&packages, me)).unwrap_err();
    assert_eq!(
        err,
        Error::NonZeroRefreshConstant {
            culprits: alloc::vec![cheater]
        }
    );
    assert_eq!(err.culprits(), [cheater]);

    // A threshold change, in part2 (a commitment of the wrong length,
    // naming the sender) and at the end (against the old key package). One
    // coefficient too many is indistinguishable from a constant term, and
    // refused as one.
    for (t, expected) in [
        (
            2,
            Error::IncorrectCommitmentLength {
                culprits: alloc::vec![cheater],
                expected: 2,
            },
        ),
        (
            4,
            Error::NonZeroRefreshConstant {
                culprits: alloc::vec![cheater],
            },
        ),
        (
            5,
            Error::IncorrectCommitmentLength {
                culprits: alloc::vec![cheater],
                expected: 2,
            },
        ),
    ] {
        let (mut secrets, mut packages) = refresh_round_one(&ids, 3, 53);
        let (_, other) = refresh::refresh_dkg_part1(cheater, 5, t, &mut rng(54)).expect("part1");
        packages.insert(cheater, other);
        assert_eq!(
            refresh::refresh_dkg_part2(secrets.remove(&me).expect("me"), &others(&packages, me)).map(|_| ()),
            Err(expected)
        );
    }
    let (secrets, packages) = refresh_round_one(&ids, 4, 55);
    let (secrets2, outgoing) = refresh_round_two(secrets, &packages);
    assert_eq!(
        refresh::refresh_dkg_shares(
            &secrets2[&me],
            &others(&packages, me),
            &received(&outgoing, me),
            &pkp,
            &kps[&me]
        )
        .map(|_| ()),
        Err(Error::MinSignersChanged { expected: 3, got: 4 })
    );

    // A bad proof of knowledge, and a bad round-2 share, named.
    let (mut secrets, mut packages) = refresh_round_one(&ids, 3, 56);
    let p = packages[&cheater].clone();
    let (_, other) = refresh::refresh_dkg_part1(id::<C>(2), 4, 3, &mut rng(57)).expect("part1");
    packages.insert(
        cheater,
        round1::Package::new(p.commitment().clone(), *other.proof_of_knowledge()),
    );
    assert_eq!(
        refresh::refresh_dkg_part2(secrets.remove(&me).expect("me"), &others(&packages, me)).map(|_| ()),
        Err(Error::InvalidProofOfKnowledge {
            culprits: alloc::vec![cheater]
        })
    );
    let (secrets, packages) = refresh_round_one(&ids, 3, 58);
    let (secrets2, mut outgoing) = refresh_round_two(secrets, &packages);
    let share = outgoing.get_mut(&cheater).and_then(|m| m.get_mut(&me)).expect("sent");
    *share = round2::Package::new(crate::keys::SigningShare::from_scalar(
        share.signing_share().to_scalar() + C::Group::one(),
    ));
    let finish = |kp: &KeyPackage<C>, pkp: &PublicKeyPackage<C>, outgoing: &Outgoing<C>| {
        refresh::refresh_dkg_shares(&secrets2[&me], &others(&packages, me), &received(outgoing, me), pkp, kp)
            .map(|_| ())
    };
    let err = finish(&kps[&me], &pkp, &outgoing).unwrap_err();
    assert_eq!(
        err,
        Error::InvalidSecretShare {
            culprits: alloc::vec![cheater]
        }
    );
    assert_eq!(err.culprits(), [cheater]);

    // Old key material that does not fit.
    let (_, honest_outgoing) = refresh_round_two(refresh_round_one(&ids, 3, 58).0, &packages);
    assert_eq!(
        finish(&kps[&id(2)], &pkp, &honest_outgoing),
        Err(Error::InconsistentKeyPackage),
        "another participant's old key package"
    );
    let (_, other_pkp) = super::dkg::run(&ids, 3, 59);
    assert_eq!(
        finish(&kps[&me], &other_pkp, &honest_outgoing),
        Err(Error::InconsistentKeyPackage)
    );
    // A refresh with a participant the old group does not have.
    let (_, small_pkp) = super::dkg::run(&ids[..3], 3, 60);
    let small_me = &super::dkg::run(&ids[..3], 3, 60).0[&me];
    assert_eq!(
        finish(small_me, &small_pkp, &honest_outgoing),
        Err(Error::UnknownParticipant { culprit: id(4) })
    );
    finish(&kps[&me], &pkp, &honest_outgoing).expect("honest packages accepted");

    // Secret packages of the other protocol.
    let (dkg_secret, _) = dkg::part1(me, 4, 3, &mut rng(61)).expect("part1");
    let (_, packages) = refresh_round_one(&ids, 3, 62);
    assert_eq!(
        refresh::refresh_dkg_part2(dkg_secret, &others(&packages, me)).map(|_| ()),
        Err(Error::ProtocolMismatch)
    );
    let (mut secrets, _) = refresh_round_one(&ids, 3, 62);
    assert_eq!(
        dkg::part2(secrets.remove(&me).expect("me"), &others(&packages, me)).map(|_| ()),
        Err(Error::ProtocolMismatch)
    );
}
