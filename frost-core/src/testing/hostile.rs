//! Hostile input: stored material checked on load, failures nobody can be
//! blamed for, and property tests over corrupted packages.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use super::dkg::{others, received, round_one, round_two};
use super::{dealer_keys, numbered_identifiers, signing_session};
use crate::keys::dkg::{self, round1, round2};
use crate::keys::{IdentifierList, KeyPackage, PublicKeyPackage, VerifyingShare};
use crate::{Ciphersuite, Error, Group, Identifier};

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// `validate` accepts honest packages from a dealer and a DKG, and refuses
/// every kind of tampering.
pub fn public_key_package_validate<C: Ciphersuite>() {
    let (_, dealer) = dealer_keys::<C>(7, 4, IdentifierList::Default, 61);
    dealer.validate().expect("dealer package is consistent");
    let (_, dkg) = super::dkg::run(&numbered_identifiers::<C>(5), 3, 62);
    dkg.validate().expect("DKG package is consistent");
    let (_, at_threshold) = dealer_keys::<C>(3, 3, IdentifierList::Default, 63);
    at_threshold
        .validate()
        .expect("n == t has nothing but the key to check");

    let tamper = |f: &dyn Fn(&mut PublicKeyPackage<C>)| {
        let mut p = dealer.clone();
        f(&mut p);
        p.validate()
    };
    let g = C::Group::generator();
    let first = *dealer.verifying_shares.keys().next().expect("share");
    let last = *dealer.verifying_shares.keys().last().expect("share");
    let bad = Err(Error::InconsistentPublicKeyPackage);
    assert_eq!(
        tamper(&|p| p.verifying_key.0 = p.verifying_key.0 + g),
        bad,
        "wrong group key"
    );
    assert_eq!(
        tamper(&|p| {
            let y = p.verifying_shares[&first].0;
            p.verifying_shares.insert(first, VerifyingShare(y + g));
        }),
        bad,
        "a share in the interpolation base"
    );
    assert_eq!(
        tamper(&|p| {
            let y = p.verifying_shares[&last].0;
            p.verifying_shares.insert(last, VerifyingShare(y + g));
        }),
        bad,
        "a share outside the base"
    );
    assert_eq!(
        tamper(&|p| {
            let a = p.verifying_shares[&first];
            let b = p.verifying_shares[&last];
            p.verifying_shares.insert(first, b);
            p.verifying_shares.insert(last, a);
        }),
        bad,
        "two shares swapped"
    );
    assert_eq!(tamper(&|p| p.min_signers = Some(3)), bad, "threshold understated");
    assert_eq!(
        tamper(&|p| p.min_signers = None),
        Err(Error::InvalidMinSigners),
        "unknown threshold"
    );
    assert_eq!(
        tamper(&|p| p.min_signers = Some(8)),
        Err(Error::InvalidMinSigners),
        "more than n"
    );
    // A decoded package goes through the same check.
    let decoded = PublicKeyPackage::<C>::deserialize(&dealer.serialize()).expect("decode");
    assert_eq!(decoded.validate(), Ok(()));
}

/// Every share verifies but the signature does not: shares from fewer than
/// the real threshold, aggregated with a package that does not state it.
pub fn unattributable_failure<C: Ciphersuite>() {
    let (kps, pkp) = dealer_keys::<C>(5, 3, IdentifierList::Default, 64);
    // Signers who believe the threshold is 2.
    let lowered: BTreeMap<_, _> = kps
        .iter()
        .map(|(id, kp)| {
            let kp = KeyPackage::new(*id, kp.signing_share.clone(), kp.verifying_share, kp.verifying_key, 2);
            (*id, kp.expect("consistent"))
        })
        .collect();
    let signers: Vec<_> = lowered.keys().take(2).copied().collect();
    let (package, shares) = signing_session(&lowered, &signers, b"two of three", 65);
    let mut unstated = pkp.clone();
    unstated.min_signers = None;
    for (id, share) in &shares {
        crate::verify_signature_share(*id, &pkp.verifying_shares[id], share, &package, &pkp.verifying_key)
            .expect("each share is correct on its own");
    }
    let err = crate::aggregate(&package, &shares, &unstated).expect_err("too few signers");
    assert_eq!(err, Error::UnattributableSignatureFailure);
    assert!(err.culprits().is_empty());
    // With the threshold stated, the coordinator refuses before aggregating.
    assert_eq!(
        crate::aggregate(&package, &shares, &pkp).map(|_| ()),
        Err(Error::TooFewSigners { min_signers: 3, got: 2 })
    );
}

/// Corrupting any byte of participant X's round-1 package is refused (a
/// decode error, or part2 or part3 naming X) or, if accepted throughout,
/// every participant ends with the same consistent keys.
pub fn corrupted_round1_package<C: Ciphersuite>() {
    let ids = numbered_identifiers::<C>(4);
    let (_, packages) = round_one(&ids, 3, 66);
    let strategy = (0usize..4, 1usize..4, any::<prop::sample::Index>(), 1u8..=255);
    runner(48)
        .run(&strategy, |(sender, receiver_offset, index, mask)| {
            let (secrets, _) = round_one(&ids, 3, 66);
            let x = ids[sender];
            let y = ids[(sender + receiver_offset) % 4];
            let mut bytes = packages[&x].serialize();
            let i = index.index(bytes.len());
            bytes[i] ^= mask;
            let Ok(corrupted) = round1::Package::<C>::deserialize(&bytes) else {
                return Ok(()); // refused at the door
            };
            let mut seen = others(&packages, y);
            seen.insert(x, corrupted.clone());
            let secret = secrets
                .into_iter()
                .find(|(id, _)| *id == y)
                .map(|(_, s)| s)
                .expect("secret");
            match dkg::part2(secret, &seen) {
                Err(e) => prop_assert_eq!(e.culprits(), alloc::vec![x], "{:?}", e),
                Ok(_) => {
                    // Accepted (the proof covers only the constant term, so a
                    // changed higher coefficient passes part2). Broadcast
                    // consistently, the change is then caught in part3,
                    // naming X, or gives everyone the same valid keys.
                    let (secrets, _) = round_one(&ids, 3, 66);
                    let mut all = packages.clone();
                    all.insert(x, corrupted);
                    let (secrets2, outgoing) = round_two(secrets, &all);
                    let mut pkps = Vec::new();
                    for (id, s2) in &secrets2 {
                        match dkg::part3(s2, &others(&all, *id), &received(&outgoing, *id)) {
                            Err(e) => prop_assert_eq!(e.culprits(), alloc::vec![x], "{:?}", e),
                            Ok((kp, pkp)) => {
                                prop_assert_eq!(kp.check_against(&pkp), Ok(()));
                                pkps.push(pkp);
                            }
                        }
                    }
                    if pkps.is_empty() {
                        return Ok(());
                    }
                    prop_assert!(pkps.iter().all(|p| p == &pkps[0]));
                    prop_assert_eq!(pkps[0].validate(), Ok(()));
                }
            }
            Ok(())
        })
        .expect("property holds");
}

/// Corrupting any byte of X's round-2 package to Y is refused (a decode
/// error, or Y's part3 naming X), or leaves Y with keys consistent with the
/// common public key package.
pub fn corrupted_round2_package<C: Ciphersuite>() {
    let ids = numbered_identifiers::<C>(4);
    let (secrets, packages) = round_one(&ids, 3, 67);
    let (secrets2, outgoing) = round_two(secrets, &packages);
    let (_, reference) = super::dkg::run(&ids, 3, 67);
    let strategy = (0usize..4, 1usize..4, any::<prop::sample::Index>(), 1u8..=255);
    runner(64)
        .run(&strategy, |(sender, receiver_offset, index, mask)| {
            let x = ids[sender];
            let y = ids[(sender + receiver_offset) % 4];
            let mut bytes = outgoing[&x][&y].serialize();
            let i = index.index(bytes.len());
            bytes[i] ^= mask;
            let Ok(corrupted) = round2::Package::<C>::deserialize(&bytes) else {
                return Ok(());
            };
            let mut inbox = received(&outgoing, y);
            inbox.insert(x, corrupted);
            match dkg::part3(&secrets2[&y], &others(&packages, y), &inbox) {
                Err(e) => prop_assert_eq!(e.culprits(), alloc::vec![x], "{:?}", e),
                Ok((kp, pkp)) => {
                    prop_assert_eq!(&pkp, &reference);
                    prop_assert_eq!(kp.check_against(&pkp), Ok(()));
                }
            }
            Ok(())
        })
        .expect("property holds");
}

/// Any `t` of the `n` participants produce a signature valid under the one
/// group key.
pub fn any_signer_subset<C: Ciphersuite>() {
    let (kps, pkp) = super::dkg::run(&numbered_identifiers::<C>(6), 3, 68);
    let all: Vec<_> = kps.keys().copied().collect();
    runner(24)
        .run(&(Just(all.clone()).prop_shuffle(), any::<u64>()), |(order, seed)| {
            let mut signers = order[..3].to_vec();
            signers.sort();
            let sig = super::sign(&kps, &pkp, &signers, b"any subset", seed)
                .map_err(|e| TestCaseError::fail(alloc::format!("{e:?}")))?;
            prop_assert_eq!(pkp.verifying_key().verify(b"any subset", &sig), Ok(()));
            Ok(())
        })
        .expect("property holds");
}

/// Encode/decode round trips for every type, over random keys and sessions.
pub fn round_trips<C: Ciphersuite>() {
    runner(16)
        .run(&(any::<u64>(), 2u16..6), |(seed, t)| {
            let n = t + 1;
            let (kps, pkp) = dealer_keys::<C>(n, t, IdentifierList::Default, seed);
            prop_assert_eq!(PublicKeyPackage::<C>::deserialize(&pkp.serialize()), Ok(pkp.clone()));
            for kp in kps.values() {
                prop_assert_eq!(KeyPackage::<C>::deserialize(&kp.serialize()), Ok(kp.clone()));
                prop_assert_eq!(
                    crate::keys::SigningShare::<C>::deserialize(&kp.signing_share.serialize()),
                    Ok(kp.signing_share.clone())
                );
                prop_assert_eq!(
                    VerifyingShare::<C>::deserialize(&kp.verifying_share.serialize()),
                    Ok(kp.verifying_share)
                );
                prop_assert_eq!(
                    Identifier::<C>::deserialize(&kp.identifier.serialize()),
                    Ok(kp.identifier)
                );
            }
            let signers: Vec<_> = kps.keys().take(usize::from(t)).copied().collect();
            let (package, shares) = signing_session(&kps, &signers, &seed.to_le_bytes(), seed);
            prop_assert_eq!(
                crate::SigningPackage::<C>::deserialize(&package.serialize()),
                Ok(package.clone())
            );
            for c in package.signing_commitments().values() {
                prop_assert_eq!(
                    crate::round1::SigningCommitments::<C>::deserialize(&c.serialize()),
                    Ok(*c)
                );
            }
            for s in shares.values() {
                prop_assert_eq!(crate::round2::SignatureShare::<C>::deserialize(&s.serialize()), Ok(*s));
            }
            let sig =
                crate::aggregate(&package, &shares, &pkp).map_err(|e| TestCaseError::fail(alloc::format!("{e:?}")))?;
            prop_assert_eq!(crate::Signature::<C>::deserialize(&sig.serialize()), Ok(sig));
            prop_assert_eq!(
                crate::VerifyingKey::<C>::deserialize(&pkp.verifying_key.serialize()),
                Ok(pkp.verifying_key)
            );
            let ids: Vec<_> = kps.keys().copied().collect();
            let (_, r1) = round_one(&ids, t, seed);
            for p in r1.values() {
                prop_assert_eq!(round1::Package::<C>::deserialize(&p.serialize()), Ok(p.clone()));
            }
            Ok(())
        })
        .expect("property holds");
}
