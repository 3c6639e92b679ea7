//! The DKG: flows at several sizes, and one test per refusal, each asserting
//! the error and its culprit.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::vec::Vec;

use super::{derived_identifiers, rng, sign};
use crate::keys::dkg::{self, round1, round2};
use crate::keys::{
    CoefficientCommitment, KeyPackage, PublicKeyPackage, SigningShare, VerifiableSecretSharingCommitment,
};
use crate::{Ciphersuite, Error, Group, Identifier};

pub(crate) type Round1<C> = (
    BTreeMap<Identifier<C>, round1::SecretPackage<C>>,
    BTreeMap<Identifier<C>, round1::Package<C>>,
);
pub(crate) type Round2<C> = (
    BTreeMap<Identifier<C>, round2::SecretPackage<C>>,
    BTreeMap<Identifier<C>, BTreeMap<Identifier<C>, round2::Package<C>>>,
);

fn ids<C: Ciphersuite>(n: u16, derived: bool) -> Vec<Identifier<C>> {
    if derived {
        derived_identifiers::<C>(n)
    } else {
        super::numbered_identifiers::<C>(n)
    }
}

/// Everyone's part1.
pub fn round_one<C: Ciphersuite>(ids: &[Identifier<C>], t: u16, seed: u64) -> Round1<C> {
    round_one_with(ids, t, seed, |id, n, t, rng| dkg::part1(id, n, t, rng).expect("part1"))
}

/// Everyone's round one of a DKG-shaped protocol, by `part1(identifier,
/// max_signers, min_signers, rng)` (key generation or refresh).
pub(crate) fn round_one_with<C: Ciphersuite>(
    ids: &[Identifier<C>],
    t: u16,
    seed: u64,
    part1: impl Fn(Identifier<C>, u16, u16, &mut rand::rngs::StdRng) -> (round1::SecretPackage<C>, round1::Package<C>),
) -> Round1<C> {
    let mut rng = rng(seed);
    let n = u16::try_from(ids.len()).expect("small");
    let mut secrets = BTreeMap::new();
    let mut packages = BTreeMap::new();
    for id in ids {
        let (s, p) = part1(*id, n, t, &mut rng);
        secrets.insert(*id, s);
        packages.insert(*id, p);
    }
    (secrets, packages)
}

/// The map a participant receives: everyone's packages but its own.
pub fn others<C: Ciphersuite, T: Clone>(
    all: &BTreeMap<Identifier<C>, T>,
    me: Identifier<C>,
) -> BTreeMap<Identifier<C>, T> {
    all.iter()
        .filter(|(id, _)| **id != me)
        .map(|(id, p)| (*id, p.clone()))
        .collect()
}

/// Everyone's part2; outgoing packages keyed by sender, then recipient.
pub fn round_two<C: Ciphersuite>(
    secrets: BTreeMap<Identifier<C>, round1::SecretPackage<C>>,
    packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
) -> Round2<C> {
    round_two_with(secrets, packages, |s, received| dkg::part2(s, received).expect("part2"))
}

/// Everyone's round two of a DKG-shaped protocol, by `part2(secret,
/// received round-1 packages)`.
pub(crate) fn round_two_with<C: Ciphersuite>(
    secrets: BTreeMap<Identifier<C>, round1::SecretPackage<C>>,
    packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
    part2: impl Fn(round1::SecretPackage<C>, &BTreeMap<Identifier<C>, round1::Package<C>>) -> dkg::Part2Output<C>,
) -> Round2<C> {
    let mut secrets2 = BTreeMap::new();
    let mut outgoing = BTreeMap::new();
    for (id, s) in secrets {
        let (s2, out) = part2(s, &others(packages, id));
        secrets2.insert(id, s2);
        outgoing.insert(id, out);
    }
    (secrets2, outgoing)
}

/// What `me` receives in round two.
pub fn received<C: Ciphersuite>(
    outgoing: &BTreeMap<Identifier<C>, BTreeMap<Identifier<C>, round2::Package<C>>>,
    me: Identifier<C>,
) -> BTreeMap<Identifier<C>, round2::Package<C>> {
    outgoing
        .iter()
        .filter_map(|(sender, out)| out.get(&me).map(|p| (*sender, p.clone())))
        .collect()
}

/// A whole DKG; returns every key package and the (common) public key package.
pub fn run<C: Ciphersuite>(
    ids: &[Identifier<C>],
    t: u16,
    seed: u64,
) -> (BTreeMap<Identifier<C>, KeyPackage<C>>, PublicKeyPackage<C>) {
    let (secrets, packages) = round_one(ids, t, seed);
    let (secrets2, outgoing) = round_two(secrets, &packages);
    let mut kps = BTreeMap::new();
    let mut pkps = Vec::new();
    for (id, s2) in &secrets2 {
        let (kp, pkp) = dkg::part3(s2, &others(&packages, *id), &received(&outgoing, *id)).expect("part3");
        kps.insert(*id, kp);
        pkps.push(pkp);
    }
    for pkp in &pkps {
        assert_eq!(
            pkp.serialize(),
            pkps[0].serialize(),
            "every participant has the same public key package"
        );
    }
    (kps, pkps.swap_remove(0))
}

/// A DKG of `n` with threshold `t` ends in a verified signature, and the
/// encodings of every package round-trip.
pub fn flow<C: Ciphersuite>(n: u16, t: u16, derived: bool) {
    let ids = ids::<C>(n, derived);
    let (secrets, packages) = round_one(&ids, t, u64::from(n) * 7 + u64::from(t));
    for p in packages.values() {
        assert_eq!(round1::Package::<C>::deserialize(&p.serialize()).as_ref(), Ok(p));
        assert_eq!(p.commitment().len(), usize::from(t));
    }
    let (_, outgoing) = round_two(secrets, &packages);
    for out in outgoing.values() {
        assert_eq!(out.len(), usize::from(n) - 1);
        for p in out.values() {
            assert_eq!(round2::Package::<C>::deserialize(&p.serialize()).as_ref(), Ok(p));
        }
    }
    let (kps, pkp) = run(&ids, t, u64::from(n) * 7 + u64::from(t));
    assert_eq!(pkp.min_signers(), Some(t));
    assert_eq!(pkp.verifying_shares().len(), usize::from(n));
    for kp in kps.values() {
        kp.check_against(&pkp)
            .expect("key package agrees with public key package");
        assert_eq!(KeyPackage::<C>::deserialize(&kp.serialize()).as_ref(), Ok(kp));
    }
    assert_eq!(PublicKeyPackage::<C>::deserialize(&pkp.serialize()).as_ref(), Ok(&pkp));
    let all: Vec<_> = kps.keys().copied().collect();
    let t = usize::from(t);
    for (seed, signers) in [all[..t].to_vec(), all[all.len() - t..].to_vec()].iter().enumerate() {
        let sig = sign(&kps, &pkp, signers, b"dkg flow", seed as u64).expect("aggregate");
        pkp.verifying_key().verify(b"dkg flow", &sig).expect("verifies");
    }
    // The key is really shared: t packages reconstruct a key matching it.
    let some: Vec<_> = kps.values().take(t).cloned().collect();
    let key = crate::keys::reconstruct(&some).expect("reconstruct");
    assert_eq!(&key.verifying_key(), pkp.verifying_key());
}

/// Everyone who saw the same broadcast computes the same transcript digest;
/// a changed package changes it.
pub fn transcript_digest<C: Ciphersuite>() {
    let ids = ids::<C>(4, false);
    let (_, packages) = round_one(&ids, 3, 1);
    let digest = round1::transcript_digest(&packages);
    assert_eq!(digest, round1::transcript_digest(&packages.clone()));
    let (_, other) = round_one(&ids, 3, 2);
    let mut tampered = packages.clone();
    tampered.insert(ids[2], other[&ids[2]].clone());
    assert_ne!(digest, round1::transcript_digest(&tampered));
}

pub fn refuses_bad_parameters<C: Ciphersuite>() {
    let id = Identifier::<C>::try_from(1u16).expect("non-zero");
    assert_eq!(
        dkg::part1(id, 3, 1, &mut rng(1)).map(|_| ()),
        Err(Error::InvalidMinSigners)
    );
    assert_eq!(
        dkg::part1(id, 2, 3, &mut rng(1)).map(|_| ()),
        Err(Error::InvalidMaxSigners)
    );
}

pub fn refuses_wrong_package_count<C: Ciphersuite>() {
    let ids = ids::<C>(4, false);
    let (mut secrets, packages) = round_one(&ids, 3, 3);
    let me = ids[0];
    let mut fewer = others(&packages, me);
    fewer.remove(&ids[3]);
    let s = secrets.remove(&me).expect("secret");
    assert_eq!(
        dkg::part2(s, &fewer).map(|_| ()),
        Err(Error::IncorrectNumberOfPackages { expected: 3, got: 2 })
    );
}

pub fn refuses_own_identifier<C: Ciphersuite>() {
    let ids = ids::<C>(3, false);
    let (mut secrets, packages) = round_one(&ids, 2, 4);
    let me = ids[1];
    // All three packages, the caller's own included.
    let s = secrets.remove(&me).expect("secret");
    assert_eq!(
        dkg::part2(s, &packages).map(|_| ()),
        Err(Error::OwnIdentifierInPackages)
    );
}

pub fn refuses_wrong_commitment_length<C: Ciphersuite>() {
    let ids = ids::<C>(4, false);
    let (mut secrets, mut packages) = round_one(&ids, 3, 5);
    let cheater = ids[2];
    // The cheater runs part1 with a higher threshold: a longer commitment
    // would silently raise everyone's threshold.
    let (_, longer) = dkg::part1(cheater, 4, 4, &mut rng(6)).expect("part1");
    packages.insert(cheater, longer);
    let me = ids[0];
    let s = secrets.remove(&me).expect("secret");
    let err = dkg::part2(s, &others(&packages, me)).expect_err("refused");
    assert_eq!(
        err,
        Error::IncorrectCommitmentLength {
            culprits: alloc::vec![cheater],
            expected: 3
        }
    );
    assert_eq!(err.culprits(), [cheater]);
    // A second cheater with a shorter one: both are named.
    let (_, shorter) = dkg::part1(ids[3], 4, 2, &mut rng(7)).expect("part1");
    packages.insert(ids[3], shorter);
    let s = secrets.remove(&ids[1]).expect("secret");
    assert_eq!(
        dkg::part2(s, &others(&packages, ids[1])).map(|_| ()),
        Err(Error::IncorrectCommitmentLength {
            culprits: alloc::vec![cheater, ids[3]],
            expected: 3
        })
    );
}

pub fn refuses_identity_commitment<C: Ciphersuite>() {
    let ids = ids::<C>(4, false);
    let (mut secrets, mut packages) = round_one(&ids, 2, 8);
    // Two senders whose constant term (their contribution to the group key)
    // is the identity: both named by part2.
    let cheaters = [ids[1], ids[3]];
    for cheater in &cheaters {
        let honest = packages[cheater].clone();
        let mut coefficients = honest.commitment().coefficients().to_vec();
        coefficients[0] = CoefficientCommitment::new(C::Group::identity());
        let bad = round1::Package::new(
            VerifiableSecretSharingCommitment::new(coefficients),
            *honest.proof_of_knowledge(),
        );
        packages.insert(*cheater, bad);
    }
    let s = secrets.remove(&ids[0]).expect("secret");
    assert_eq!(
        dkg::part2(s, &others(&packages, ids[0])).map(|_| ()),
        Err(Error::IdentityCommitment {
            culprits: cheaters.to_vec()
        })
    );
    // The identity anywhere in a received commitment is refused when its
    // bytes are decoded, and the sender is named by `decode_map`.
    let honest = packages[&ids[2]].clone();
    let mut coefficients = honest.commitment().coefficients().to_vec();
    coefficients[1] = CoefficientCommitment::new(C::Group::identity());
    let bad = round1::Package::new(
        VerifiableSecretSharingCommitment::new(coefficients),
        *honest.proof_of_knowledge(),
    );
    let received = BTreeMap::from([(ids[2], bad.serialize())]);
    let err = crate::decode_map(&received, round1::Package::<C>::deserialize).expect_err("refused");
    assert!(
        matches!(
            err.decode_error(),
            Some(crate::DecodeError::IdentityElement | crate::DecodeError::MalformedElement)
        ),
        "{err:?}"
    );
    assert_eq!(err.culprits(), [ids[2]]);
}

pub fn refuses_bad_proofs<C: Ciphersuite>() {
    let ids = ids::<C>(5, false);
    let (mut secrets, mut packages) = round_one(&ids, 3, 9);
    // Cheater A sends B's commitment with its own proof; cheater B replays
    // C's whole package as its own (the proof is bound to the identifier).
    let (a, b, c) = (ids[1], ids[3], ids[4]);
    let with_wrong_proof = round1::Package::new(packages[&b].commitment().clone(), *packages[&a].proof_of_knowledge());
    let replayed = packages[&c].clone();
    packages.insert(a, with_wrong_proof);
    packages.insert(b, replayed);
    let s = secrets.remove(&ids[0]).expect("secret");
    let err = dkg::part2(s, &others(&packages, ids[0])).expect_err("refused");
    assert_eq!(
        err,
        Error::InvalidProofOfKnowledge {
            culprits: alloc::vec![a, b]
        }
    );
    assert_eq!(err.culprits(), [a, b]);
}

pub fn refuses_inconsistent_share<C: Ciphersuite>() {
    let ids = ids::<C>(5, false);
    let (secrets, packages) = round_one(&ids, 3, 10);
    let (secrets2, mut outgoing) = round_two(secrets, &packages);
    let me = ids[0];
    let (x, y) = (ids[2], ids[4]);
    for cheater in [x, y] {
        let p = outgoing
            .get_mut(&cheater)
            .and_then(|out| out.get_mut(&me))
            .expect("package");
        *p = round2::Package::new(SigningShare::from_scalar(
            p.signing_share().to_scalar() + C::Group::one(),
        ));
    }
    let err = dkg::part3(&secrets2[&me], &others(&packages, me), &received(&outgoing, me)).expect_err("refused");
    assert_eq!(
        err,
        Error::InvalidSecretShare {
            culprits: alloc::vec![x, y]
        }
    );
    // The others, who got honest shares, are unaffected.
    let other = ids[1];
    assert!(
        dkg::part3(
            &secrets2[&other],
            &others(&packages, other),
            &received(&outgoing, other)
        )
        .is_ok()
    );
}

pub fn refuses_mismatched_round2_set<C: Ciphersuite>() {
    let ids = ids::<C>(4, false);
    let (secrets, packages) = round_one(&ids, 2, 11);
    let (secrets2, outgoing) = round_two(secrets, &packages);
    let me = ids[0];
    let r1 = others(&packages, me);
    let mut r2 = received(&outgoing, me);
    let silent = ids[2];
    let share = r2.remove(&silent).expect("package");
    assert_eq!(
        dkg::part3(&secrets2[&me], &r1, &r2).map(|_| ()),
        Err(Error::MissingPackage {
            culprits: alloc::vec![silent]
        })
    );
    let stranger = Identifier::try_from(99u16).expect("non-zero");
    r2.insert(stranger, share);
    assert_eq!(
        dkg::part3(&secrets2[&me], &r1, &r2).map(|_| ()),
        Err(Error::MissingPackage {
            culprits: alloc::vec![silent]
        })
    );
    let mut r2 = received(&outgoing, me);
    r2.insert(stranger, r2[&silent].clone());
    assert_eq!(
        dkg::part3(&secrets2[&me], &r1, &r2).map(|_| ()),
        Err(Error::UnexpectedPackage {
            culprits: alloc::vec![stranger]
        })
    );
    let mut own = received(&outgoing, me);
    own.insert(me, own[&silent].clone());
    assert_eq!(
        dkg::part3(&secrets2[&me], &r1, &own).map(|_| ()),
        Err(Error::UnexpectedPackage {
            culprits: alloc::vec![me]
        })
    );
}

pub fn refuses_changed_round1_packages<C: Ciphersuite>() {
    let ids = ids::<C>(3, false);
    let (secrets, packages) = round_one(&ids, 2, 12);
    let (secrets2, outgoing) = round_two(secrets, &packages);
    let me = ids[0];
    let (_, other) = round_one(&ids, 2, 13);
    let mut changed = others(&packages, me);
    changed.insert(ids[1], other[&ids[1]].clone());
    assert_eq!(
        dkg::part3(&secrets2[&me], &changed, &received(&outgoing, me)).map(|_| ()),
        Err(Error::Round1PackagesChanged)
    );
}

pub fn secrets_redacted<C: Ciphersuite>() {
    let ids = ids::<C>(3, false);
    let (secrets, packages) = round_one(&ids, 2, 14);
    let me = ids[0];
    let text = format!("{:?}", secrets[&me]);
    assert!(text.contains("redacted"), "{text}");
    let (secrets2, outgoing) = round_two(secrets, &packages);
    let share_hex = hex::encode(outgoing[&me][&ids[1]].signing_share().serialize());
    let text = format!("{:?}", outgoing[&me][&ids[1]]);
    assert!(!text.contains(&share_hex) && text.contains("redacted"), "{text}");
    let text = format!("{:?}", secrets2[&me]);
    assert!(text.contains("redacted"), "{text}");
}

/// Horner with small identifiers, forward differences over consecutive runs,
/// and the general multiscalar path all compute the same values.
pub fn evaluation_paths_agree<C: Ciphersuite>() {
    use crate::keys::commitment::{
        SecretPolynomial, evaluate_commitment, evaluate_commitment_at_all, evaluate_general,
    };
    for degree in [1usize, 2, 5] {
        let polynomial = SecretPolynomial::<C>::random(C::Group::one(), degree, &mut rng(degree as u64));
        let commitment = polynomial.commit();
        let mut xs: Vec<Identifier<C>> = (1..=20u16)
            .chain([40, 41, 42, 43, 44, 45, 46, 47, 48, 60, 255, 256, 257, 65534, 65535])
            .map(|i| Identifier::try_from(i).expect("non-zero"))
            .collect();
        xs.extend(derived_identifiers::<C>(3));
        xs.sort();
        // A run from 3 (the Newton path steps from 0), and one from 10 with
        // degree 5 (past degree + 1: the backward-difference path).
        let from = |a: u16, b: u16| -> Vec<Identifier<C>> {
            (a..=b).map(|i| Identifier::try_from(i).expect("non-zero")).collect()
        };
        let mut all = evaluate_commitment_at_all(&commitment.0, &xs);
        for run in [from(3, 17), from(10, 30)] {
            all.extend(evaluate_commitment_at_all(&commitment.0, &run));
            xs.extend(run);
        }
        for (x, value) in xs.iter().zip(&all) {
            let expected = evaluate_general(&commitment.0, x.to_scalar());
            assert!(*value == expected, "degree {degree}, {x:?}: batch path");
            assert!(
                evaluate_commitment(&commitment.0, *x) == expected,
                "degree {degree}, {x:?}: single path"
            );
            assert!(
                C::Group::base_mul(&polynomial.evaluate(x.to_scalar())) == expected,
                "degree {degree}, {x:?}: against the secret polynomial"
            );
        }
    }
}

/// Two senders' share errors that cancel leave the receiver with exactly the
/// right total share: part3 accepts, and the keys are consistent (the
/// soundness argument of part3's single check, made concrete).
pub fn accepts_cancelling_share_errors<C: Ciphersuite>() {
    let ids = ids::<C>(4, false);
    let (secrets, packages) = round_one(&ids, 3, 31);
    let (secrets2, mut outgoing) = round_two(secrets, &packages);
    let me = ids[0];
    for (sender, delta) in [(ids[1], C::Group::one()), (ids[2], -C::Group::one())] {
        let p = outgoing
            .get_mut(&sender)
            .and_then(|out| out.get_mut(&me))
            .expect("package");
        *p = round2::Package::new(SigningShare::from_scalar(p.signing_share().to_scalar() + delta));
    }
    let (kp, pkp) = dkg::part3(&secrets2[&me], &others(&packages, me), &received(&outgoing, me)).expect("accepted");
    kp.check_against(&pkp).expect("consistent");
    pkp.validate().expect("valid");
    let (honest, honest_pkp) = run(&ids, 3, 31);
    assert_eq!(pkp, honest_pkp);
    assert!(kp == honest[&me], "the same key package as without the errors");
}

/// The generic Pippenger and the suite's multiscalar multiplication agree
/// with the plain sum of products, for small and large inputs, zero scalars
/// and repeated points included, on both sides of the size from which the
/// SEC1 suites switch to Pippenger.
pub fn multiscalar_paths_agree<C: Ciphersuite>() {
    let mut rng = rng(77);
    let switch = crate::msm::SEC1_PIPPENGER_FROM;
    for n in [0usize, 1, 2, 7, 31, 32, 33, 100, switch - 1, switch] {
        let mut scalars: Vec<_> = (0..n).map(|_| C::Group::random_scalar(&mut rng)).collect();
        let mut elements: Vec<_> = (0..n)
            .map(|_| C::Group::base_mul(&C::Group::random_scalar(&mut rng)))
            .collect();
        if n > 2 {
            scalars[1] = C::Group::zero();
            scalars[2] = C::Group::one();
            elements[2] = elements[0];
            scalars[0] = -C::Group::one();
        }
        let plain = scalars
            .iter()
            .zip(&elements)
            .fold(C::Group::identity(), |acc, (s, e)| acc + *e * *s);
        assert!(
            crate::pippenger::<C::Group>(&scalars, &elements) == plain,
            "pippenger, n = {n}"
        );
        assert!(
            C::Group::vartime_multiscalar_mul(&scalars, &elements) == plain,
            "suite hook, n = {n}"
        );
        if let Some(e) = elements.first() {
            assert!(C::Group::double(e) == *e + *e, "double");
        }
        // Batch encoding writes what one-by-one encoding writes, identity included.
        let mut with_identity = elements.clone();
        with_identity.push(C::Group::identity());
        let ne = C::Group::ELEMENT_LEN;
        let mut batch = alloc::vec![0u8; with_identity.len() * ne];
        C::Group::serialize_elements(&with_identity, &mut batch);
        for (e, chunk) in with_identity.iter().zip(batch.chunks_exact(ne)) {
            assert_eq!(
                chunk,
                &crate::ciphersuite::element_bytes::<C>(e)[..],
                "batch encoding, n = {n}"
            );
        }
    }
}
