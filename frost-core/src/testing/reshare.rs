//! Resharing to a new threshold and a new set of members under the same
//! group key: flows that grow, shrink and enrol, each followed by signing;
//! reconstruction agreeing across epochs; and one test per refusal, each
//! asserting the error and its culprit.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::vec::Vec;

use super::{dealer_keys, derived_identifiers, id, rng, sign};
use crate::keys::dkg::{round1, round2};
use crate::keys::reshare::{self, Parameters};
use crate::keys::{IdentifierList, KeyPackage, PublicKeyPackage, SigningShare};
use crate::{Ciphersuite, Error, Group, Identifier, Signature, SigningKey};

type KeyPackages<C> = BTreeMap<Identifier<C>, KeyPackage<C>>;
/// Round-1 packages keyed by dealer.
type Broadcasts<C> = BTreeMap<Identifier<C>, round1::Package<C>>;
/// Round-2 packages keyed by dealer, then recipient.
type Outgoing<C> = BTreeMap<Identifier<C>, BTreeMap<Identifier<C>, round2::Package<C>>>;

/// Every dealer's [`reshare::deal`], each package through its encoding.
pub fn deal_all<C: Ciphersuite>(
    parameters: &Parameters<C>,
    old: &KeyPackages<C>,
    seed: u64,
) -> (Broadcasts<C>, Outgoing<C>) {
    let mut rng = rng(seed);
    let mut broadcasts = BTreeMap::new();
    let mut outgoing = BTreeMap::new();
    for dealer in parameters.dealers() {
        let (package, shares) = reshare::deal(parameters, &old[dealer], &mut rng).expect("deal");
        let package = round1::Package::<C>::deserialize(&package.serialize()).expect("round-1 package decodes");
        let shares: BTreeMap<_, _> = shares
            .into_iter()
            .map(|(to, share)| {
                let share = round2::Package::<C>::deserialize(&share.serialize()).expect("round-2 package decodes");
                (to, share)
            })
            .collect();
        broadcasts.insert(*dealer, package);
        outgoing.insert(*dealer, shares);
    }
    (broadcasts, outgoing)
}

/// What new member `to` receives: each dealer's sub-share for it.
pub fn received<C: Ciphersuite>(
    outgoing: &Outgoing<C>,
    to: Identifier<C>,
) -> BTreeMap<Identifier<C>, round2::Package<C>> {
    outgoing
        .iter()
        .map(|(dealer, shares)| (*dealer, shares[&to].clone()))
        .collect()
}

/// A whole reshare: every dealer deals, every new member receives. Asserts
/// that every new member obtains the same public key package bytes and the
/// same transcript digest, under the unchanged group key.
pub fn run<C: Ciphersuite>(
    old: &KeyPackages<C>,
    old_pkp: &PublicKeyPackage<C>,
    dealers: &[Identifier<C>],
    new_identifiers: &[Identifier<C>],
    new_min_signers: u16,
    seed: u64,
) -> (KeyPackages<C>, PublicKeyPackage<C>) {
    let parameters = Parameters::new(old_pkp, dealers, new_identifiers, new_min_signers).expect("parameters");
    let (broadcasts, outgoing) = deal_all(&parameters, old, seed);
    let mut new = BTreeMap::new();
    let mut packages = Vec::new();
    let mut digests = Vec::new();
    for member in parameters.new_identifiers() {
        let (kp, pkp) =
            reshare::receive(&parameters, *member, &broadcasts, received(&outgoing, *member)).expect("receive");
        kp.check_against(&pkp).expect("consistent");
        digests.push(reshare::transcript_digest(&parameters, &broadcasts, &pkp));
        packages.push(pkp.serialize());
        new.insert(*member, kp);
    }
    assert!(
        packages.windows(2).all(|w| w[0] == w[1]),
        "same public key package bytes"
    );
    assert!(digests.windows(2).all(|w| w[0] == w[1]), "same transcript digest");
    let pkp = PublicKeyPackage::<C>::deserialize(&packages[0]).expect("decodes");
    assert_eq!(pkp.verifying_key(), old_pkp.verifying_key(), "group key unchanged");
    assert_eq!(pkp.min_signers(), Some(new_min_signers));
    (new, pkp)
}

/// Dealer keys `old_t`-of-`old_n` numbered `1..=old_n`, reshared by the
/// first `old_t` of them to `new_identifiers` at `new_t`. For suite-specific
/// tests (Taproot's BIP340 checks).
pub fn reshared_dealer_keys<C: Ciphersuite>(
    old_n: u16,
    old_t: u16,
    new_identifiers: &[Identifier<C>],
    new_t: u16,
    seed: u64,
) -> (KeyPackages<C>, PublicKeyPackage<C>) {
    let (old, old_pkp) = dealer_keys::<C>(old_n, old_t, IdentifierList::Default, seed);
    let dealers: Vec<_> = old.keys().take(usize::from(old_t)).copied().collect();
    run(&old, &old_pkp, &dealers, new_identifiers, new_t, seed + 1)
}

/// The whole key, from the first `t` key packages.
fn secret_of<C: Ciphersuite>(kps: &KeyPackages<C>, t: u16) -> SigningKey<C> {
    let some: Vec<_> = kps.values().take(usize::from(t)).cloned().collect();
    crate::keys::reconstruct(&some).expect("reconstruct")
}

/// The new shares sign under the old key; every `t'` of them reconstruct
/// the secret any `t` old ones do; an old share under the new package is an
/// invalid signature share, naming its signer.
fn check_reshared<C: Ciphersuite>(
    old: &KeyPackages<C>,
    old_pkp: &PublicKeyPackage<C>,
    new: &KeyPackages<C>,
    new_pkp: &PublicKeyPackage<C>,
    new_t: u16,
) {
    assert_eq!(
        new_pkp.verifying_shares().keys().collect::<Vec<_>>(),
        new.keys().collect::<Vec<_>>()
    );
    new_pkp
        .validate()
        .expect("new verifying shares on one polynomial through the key");
    let ids: Vec<_> = new.keys().copied().collect();
    let t = usize::from(new_t);
    for (k, signers) in [&ids[..t], &ids[ids.len() - t..]].into_iter().enumerate() {
        let message = format!("reshared {k}");
        let sig: Signature<C> =
            sign(new, new_pkp, signers, message.as_bytes(), 10 + k as u64).expect("new shares sign");
        old_pkp
            .verifying_key()
            .verify(message.as_bytes(), &sig)
            .expect("under the old group key");
    }
    assert!(
        new.values().all(|kp| kp.min_signers() == new_t),
        "every key package at t'"
    );

    let old_t = old_pkp.min_signers().expect("set");
    let old_secret = secret_of(old, old_t);
    let old_last: Vec<_> = old.values().rev().take(usize::from(old_t)).cloned().collect();
    assert_eq!(crate::keys::reconstruct(&old_last).expect("old"), old_secret);
    // Every window of t' consecutive new shares, and the last t'.
    for start in 0..=ids.len() - t {
        let some: Vec<_> = ids[start..start + t].iter().map(|i| new[i].clone()).collect();
        assert_eq!(crate::keys::reconstruct(&some).expect("new"), old_secret);
    }
    if t > 2 {
        let fewer: Vec<_> = ids[..t - 1].iter().map(|i| new[i].clone()).collect();
        assert!(crate::keys::reconstruct(&fewer).is_err(), "fewer than t' shares");
    }

    // An old share (of a member that stayed) under the new package.
    if let Some(stayed) = ids.iter().find(|i| old.contains_key(i)) {
        let signers: Vec<_> = core::iter::once(*stayed)
            .chain(ids.iter().filter(|i| *i != stayed).take(t - 1).copied())
            .collect();
        let mut mixed = new.clone();
        let mut old_share = old[stayed].clone();
        // The old key package carries the old threshold; only its share matters.
        old_share.min_signers = new_t;
        mixed.insert(*stayed, old_share);
        assert_eq!(
            sign(&mixed, new_pkp, &signers, b"mixed", 13),
            Err(Error::InvalidSignatureShare {
                culprits: alloc::vec![*stayed]
            })
        );
    }
}

/// 2-of-3 to 3-of-5: the group grows and raises its threshold.
pub fn grow<C: Ciphersuite>() {
    let (old, old_pkp) = dealer_keys::<C>(3, 2, IdentifierList::Default, 200);
    let new_ids: Vec<_> = (1..=5).map(id::<C>).collect();
    let (new, new_pkp) = run(&old, &old_pkp, &[id(3), id(1)], &new_ids, 3, 201);
    check_reshared(&old, &old_pkp, &new, &new_pkp, 3);
}

/// 3-of-5 to 2-of-3: members 4 and 5 leave and the threshold drops; three
/// of the five deal, two of them leaving.
pub fn shrink<C: Ciphersuite>() {
    let (old, old_pkp) = dealer_keys::<C>(5, 3, IdentifierList::Default, 210);
    let new_ids: Vec<_> = (1..=3).map(id::<C>).collect();
    let (new, new_pkp) = run(&old, &old_pkp, &[id(2), id(4), id(5)], &new_ids, 2, 211);
    check_reshared(&old, &old_pkp, &new, &new_pkp, 2);
}

/// Brand-new (derived) identifiers join, with one old member staying.
pub fn enrol<C: Ciphersuite>() {
    let (old, old_pkp) = dealer_keys::<C>(3, 2, IdentifierList::Default, 220);
    let mut new_ids = derived_identifiers::<C>(3);
    new_ids.push(id(2));
    let (new, new_pkp) = run(
        &old,
        &old_pkp,
        &old.keys().copied().collect::<Vec<_>>(),
        &new_ids,
        3,
        221,
    );
    check_reshared(&old, &old_pkp, &new, &new_pkp, 3);
}

/// Reshare twice in a row: a reshared group can reshare again.
pub fn twice<C: Ciphersuite>() {
    let (old, old_pkp) = dealer_keys::<C>(3, 2, IdentifierList::Default, 230);
    let mid_ids: Vec<_> = (2..=5).map(id::<C>).collect();
    let (mid, mid_pkp) = run(&old, &old_pkp, &[id(1), id(2)], &mid_ids, 3, 231);
    let new_ids: Vec<_> = (4..=8).map(id::<C>).collect();
    let (new, new_pkp) = run(&mid, &mid_pkp, &[id(2), id(3), id(5)], &new_ids, 4, 232);
    check_reshared(&old, &old_pkp, &new, &new_pkp, 4);
}

/// `Parameters::new` and `deal` refusals.
pub fn refuses_bad_parameters<C: Ciphersuite>() {
    let (old, pkp) = dealer_keys::<C>(5, 3, IdentifierList::Default, 240);
    let new_ids: Vec<_> = (1..=4).map(id::<C>).collect();
    let params = |dealers: &[u16], new: &[Identifier<C>], t: u16| {
        let dealers: Vec<_> = dealers.iter().map(|i| id::<C>(*i)).collect();
        Parameters::new(&pkp, &dealers, new, t).map(|_| ())
    };
    assert_eq!(
        params(&[1, 2], &new_ids, 2),
        Err(Error::TooFewSigners { min_signers: 3, got: 2 })
    );
    assert_eq!(
        params(&[1, 2, 3, 2], &new_ids, 2),
        Err(Error::DuplicatedIdentifier { identifier: id(2) })
    );
    let err = params(&[1, 2, 9], &new_ids, 2).unwrap_err();
    assert_eq!(err, Error::UnknownParticipant { culprit: id(9) });
    assert_eq!(err.culprits(), [id(9)]);
    assert_eq!(params(&[1, 2, 3], &new_ids, 1), Err(Error::InvalidMinSigners));
    assert_eq!(params(&[1, 2, 3], &new_ids, 5), Err(Error::InvalidMaxSigners));
    assert_eq!(
        params(&[1, 2, 3], &[id(7), id(8), id(7)], 2),
        Err(Error::DuplicatedIdentifier { identifier: id(7) })
    );
    let bytes = pkp.serialize();
    let pre3 = PublicKeyPackage::<C>::deserialize(&bytes[..bytes.len() - 2]).expect("pre-3.0 layout");
    assert_eq!(
        Parameters::new(&pre3, &[id(1), id(2), id(3)], &new_ids, 2).map(|_| ()),
        Err(Error::InvalidMinSigners)
    );

    let parameters = Parameters::new(&pkp, &[id(1), id(2), id(3)], &new_ids, 2).expect("parameters");
    assert_eq!(
        reshare::deal(&parameters, &old[&id(4)], &mut rng(1)).map(|_| ()),
        Err(Error::NotADealer)
    );
    let (other, _) = dealer_keys::<C>(5, 3, IdentifierList::Default, 241);
    assert_eq!(
        reshare::deal(&parameters, &other[&id(1)], &mut rng(1)).map(|_| ()),
        Err(Error::InconsistentKeyPackage)
    );
}

/// A 3-of-5 group reshared by dealers 1, 2, 3 to 1..=4 at 3, the packages
/// dealt, for the refusal tests.
struct Setup<C: Ciphersuite> {
    old: KeyPackages<C>,
    parameters: Parameters<C>,
    broadcasts: Broadcasts<C>,
    outgoing: Outgoing<C>,
}

fn setup<C: Ciphersuite>(seed: u64) -> Setup<C> {
    let (old, pkp) = dealer_keys::<C>(5, 3, IdentifierList::Default, seed);
    let new_ids: Vec<_> = (1..=4).map(id::<C>).collect();
    let parameters = Parameters::new(&pkp, &[id(1), id(2), id(3)], &new_ids, 3).expect("parameters");
    let (broadcasts, outgoing) = deal_all(&parameters, &old, seed + 1);
    Setup {
        old,
        parameters,
        broadcasts,
        outgoing,
    }
}

impl<C: Ciphersuite> Setup<C> {
    /// Member 4 receives these packages.
    fn receive(&self, broadcasts: &Broadcasts<C>, shares: BTreeMap<Identifier<C>, round2::Package<C>>) -> Error<C> {
        reshare::receive(&self.parameters, id(4), broadcasts, shares).expect_err("refused")
    }

    fn shares(&self) -> BTreeMap<Identifier<C>, round2::Package<C>> {
        received(&self.outgoing, id(4))
    }

    /// Member 4 receives, with `dealer`'s packages replaced by what it
    /// deals under `other` parameters.
    fn receive_with_dealing(&self, dealer: Identifier<C>, other: &Parameters<C>) -> Error<C> {
        let (package, shares) = reshare::deal(other, &self.old[&dealer], &mut rng(2)).expect("deal");
        let mut broadcasts = self.broadcasts.clone();
        broadcasts.insert(dealer, package);
        let mut received = self.shares();
        received.insert(dealer, shares[&id(4)].clone());
        self.receive(&broadcasts, received)
    }
}

/// Missing, unexpected and foreign packages, and a caller outside the new set.
pub fn refuses_wrong_package_sets<C: Ciphersuite>() {
    let s = setup::<C>(250);
    assert_eq!(
        reshare::receive(&s.parameters, id(5), &s.broadcasts, received(&s.outgoing, id(4))).map(|_| ()),
        Err(Error::NotANewMember)
    );
    let mut fewer = s.broadcasts.clone();
    fewer.remove(&id(2));
    assert_eq!(
        s.receive(&fewer, s.shares()),
        Error::MissingPackage {
            culprits: alloc::vec![id(2)]
        }
    );
    let mut more = s.broadcasts.clone();
    more.insert(id(5), s.broadcasts[&id(1)].clone());
    let err = s.receive(&more, s.shares());
    assert_eq!(
        err,
        Error::UnexpectedPackage {
            culprits: alloc::vec![id(5)]
        }
    );
    assert_eq!(err.culprits(), [id(5)]);
    let mut fewer_shares = s.shares();
    fewer_shares.remove(&id(3));
    assert_eq!(
        s.receive(&s.broadcasts, fewer_shares),
        Error::MissingPackage {
            culprits: alloc::vec![id(3)]
        }
    );
    let mut more_shares = s.shares();
    more_shares.insert(id(4), s.shares()[&id(1)].clone());
    assert_eq!(
        s.receive(&s.broadcasts, more_shares),
        Error::UnexpectedPackage {
            culprits: alloc::vec![id(4)]
        }
    );
}

/// A dealer that dealt for another threshold.
pub fn refuses_wrong_commitment_length<C: Ciphersuite>() {
    let s = setup::<C>(260);
    let new_ids: Vec<_> = (1..=4).map(id::<C>).collect();
    let other =
        Parameters::new(s.parameters.public_key_package(), s.parameters.dealers(), &new_ids, 2).expect("parameters");
    let err = s.receive_with_dealing(id(2), &other);
    assert_eq!(
        err,
        Error::IncorrectCommitmentLength {
            culprits: alloc::vec![id(2)],
            expected: 3
        }
    );
    assert_eq!(err.culprits(), [id(2)]);
}

/// A dealer that shares something other than `lambda_i * s_i`: here its
/// share weighted for another dealer set (a valid polynomial, proof and
/// sub-shares, but the wrong constant term).
pub fn refuses_wrong_constant<C: Ciphersuite>() {
    let s = setup::<C>(270);
    let other = Parameters::new(
        s.parameters.public_key_package(),
        &[id(1), id(3), id(5)],
        s.parameters.new_identifiers(),
        3,
    )
    .expect("parameters");
    let err = s.receive_with_dealing(id(3), &other);
    assert_eq!(
        err,
        Error::InvalidReshareConstant {
            culprits: alloc::vec![id(3)]
        }
    );
    assert_eq!(err.culprits(), [id(3)]);
}

/// Constant terms that each match the package's verifying shares but do
/// not sum to its group key: the current package itself is inconsistent.
pub fn refuses_constants_off_the_group_key<C: Ciphersuite>() {
    let s = setup::<C>(280);
    let old_pkp = s.parameters.public_key_package();
    let (_, foreign) = dealer_keys::<C>(5, 3, IdentifierList::Default, 281);
    let wrong = PublicKeyPackage::new(old_pkp.verifying_shares().clone(), *foreign.verifying_key(), 3);
    let parameters =
        Parameters::new(&wrong, s.parameters.dealers(), s.parameters.new_identifiers(), 3).expect("parameters");
    assert_eq!(
        reshare::receive(&parameters, id(4), &s.broadcasts, s.shares()).map(|_| ()),
        Err(Error::InconsistentPublicKeyPackage)
    );
}

/// Proofs of knowledge swapped between two dealers: both named.
pub fn refuses_bad_proofs<C: Ciphersuite>() {
    let s = setup::<C>(290);
    let mut broadcasts = s.broadcasts.clone();
    let (p1, p3) = (&s.broadcasts[&id(1)], &s.broadcasts[&id(3)]);
    broadcasts.insert(
        id(1),
        round1::Package::new(p1.commitment().clone(), *p3.proof_of_knowledge()),
    );
    broadcasts.insert(
        id(3),
        round1::Package::new(p3.commitment().clone(), *p1.proof_of_knowledge()),
    );
    let err = s.receive(&broadcasts, s.shares());
    assert_eq!(
        err,
        Error::InvalidProofOfKnowledge {
            culprits: alloc::vec![id(1), id(3)]
        }
    );
    assert_eq!(err.culprits(), [id(1), id(3)]);

    // A correct proof of knowledge of the same constant term, made in the
    // DKG's context, does not pass here: the reshare challenge is
    // domain-separated.
    let lambda = s.parameters.lambda(&id(1)).expect("dealer");
    let secret = lambda * s.old[&id(1)].signing_share.0;
    let nonce = SigningShare::<C>(C::Group::random_scalar(&mut rng(4)));
    let dkg_proof = crate::keys::dkg::prove_knowledge(
        crate::keys::dkg::KEYGEN_CONTEXT,
        id(1),
        &secret,
        p1.commitment(),
        &nonce,
    );
    let mut broadcasts = s.broadcasts.clone();
    broadcasts.insert(id(1), round1::Package::new(p1.commitment().clone(), dkg_proof));
    assert_eq!(
        s.receive(&broadcasts, s.shares()),
        Error::InvalidProofOfKnowledge {
            culprits: alloc::vec![id(1)]
        }
    );
}

/// Sub-shares that do not match their dealer's commitment: both named.
pub fn refuses_bad_sub_shares<C: Ciphersuite>() {
    let s = setup::<C>(300);
    let mut shares = s.shares();
    shares.insert(id(2), s.outgoing[&id(2)][&id(1)].clone());
    shares.insert(id(3), round2::Package::new(SigningShare(C::Group::one())));
    let err = s.receive(&s.broadcasts, shares);
    assert_eq!(
        err,
        Error::InvalidSecretShare {
            culprits: alloc::vec![id(2), id(3)]
        }
    );
    assert_eq!(err.culprits(), [id(2), id(3)]);
}

/// The digest changes with any broadcast, with the parameters, and with the
/// new public key package.
pub fn transcript_digest_binds<C: Ciphersuite>() {
    let s = setup::<C>(310);
    let (_, pkp) = reshare::receive(&s.parameters, id(4), &s.broadcasts, s.shares()).expect("receive");
    let digest = reshare::transcript_digest(&s.parameters, &s.broadcasts, &pkp);
    assert_eq!(digest, reshare::transcript_digest(&s.parameters, &s.broadcasts, &pkp));
    let mut other_broadcasts = s.broadcasts.clone();
    let again = deal_all(&s.parameters, &s.old, 999).0;
    other_broadcasts.insert(id(2), again[&id(2)].clone());
    assert_ne!(
        digest,
        reshare::transcript_digest(&s.parameters, &other_broadcasts, &pkp)
    );
    let fewer_members = Parameters::new(
        s.parameters.public_key_package(),
        s.parameters.dealers(),
        &[id(1), id(2), id(4)],
        3,
    )
    .expect("parameters");
    assert_ne!(digest, reshare::transcript_digest(&fewer_members, &s.broadcasts, &pkp));
    let old_pkp = s.parameters.public_key_package().clone();
    assert_ne!(
        digest,
        reshare::transcript_digest(&s.parameters, &s.broadcasts, &old_pkp)
    );
}

/// `Debug` of the dealt sub-shares and of the new key package never prints
/// a secret.
pub fn secrets_redacted<C: Ciphersuite>() {
    let s = setup::<C>(320);
    let shares = s.shares();
    let (kp, _) = reshare::receive(&s.parameters, id(4), &s.broadcasts, shares.clone()).expect("receive");
    let secret = hex(&kp.signing_share().serialize());
    assert!(!format!("{kp:?}").contains(&secret));
    for share in shares.values() {
        let bytes = hex(&share.signing_share().serialize());
        assert!(!format!("{share:?}").contains(&bytes));
    }
    assert!(!format!("{:?}", s.parameters).is_empty());
}

fn hex(bytes: &[u8]) -> alloc::string::String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
