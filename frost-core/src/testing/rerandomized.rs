//! Re-randomized FROST: round trips under the randomized key, and every
//! refusal, naming the signer whose share was made under the wrong
//! randomizer.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::{dealer_keys, derived_identifiers, numbered_identifiers, rng};
use crate::keys::{IdentifierList, KeyPackage, PublicKeyPackage};
use crate::rerandomized::{self, RandomizedCiphersuite, RandomizedParams, Randomizer};
use crate::round1::SigningNonces;
use crate::round2::SignatureShare;
use crate::{Ciphersuite, DecodeError, Error, Group, Identifier, SigningPackage};

type Keys<C> = (BTreeMap<Identifier<C>, KeyPackage<C>>, PublicKeyPackage<C>);

/// Round one of a session, and the coordinator's randomization of it.
pub struct Session<C: Ciphersuite> {
    pub nonces: BTreeMap<Identifier<C>, SigningNonces<C>>,
    pub package: SigningPackage<C>,
    pub params: RandomizedParams<C>,
    pub seed: Zeroizing<Vec<u8>>,
}

/// `signers` commit; the coordinator builds the package and draws the seed.
pub fn session<C: RandomizedCiphersuite>(
    (kps, pkp): &Keys<C>,
    signers: &[Identifier<C>],
    message: &[u8],
    seed: u64,
) -> Session<C> {
    let mut rng = rng(seed);
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for id in signers {
        let (n, c) = crate::round1::commit(kps[id].signing_share(), &mut rng);
        nonces.insert(*id, n);
        commitments.insert(*id, c);
    }
    let package = SigningPackage::new(commitments, message);
    let (params, seed) =
        RandomizedParams::new_from_commitments(pkp.verifying_key(), package.signing_commitments(), &mut rng)
            .expect("randomize");
    Session {
        nonces,
        package,
        params,
        seed,
    }
}

/// Every signer signs with the coordinator's seed.
pub fn honest_shares<C: RandomizedCiphersuite>(
    kps: &BTreeMap<Identifier<C>, KeyPackage<C>>,
    session: &mut Session<C>,
) -> BTreeMap<Identifier<C>, SignatureShare<C>> {
    let ids: Vec<_> = session.nonces.keys().copied().collect();
    ids.into_iter()
        .map(|id| {
            let n = session.nonces.remove(&id).expect("committed");
            let share =
                rerandomized::sign_with_randomizer_seed(&session.package, n, &kps[&id], &session.seed).expect("sign");
            (id, share)
        })
        .collect()
}

fn keys<C: Ciphersuite>(n: u16, t: u16, derived: bool, dkg: bool) -> Keys<C> {
    let ids = if derived {
        derived_identifiers::<C>(n)
    } else {
        numbered_identifiers::<C>(n)
    };
    if dkg {
        super::dkg::run::<C>(&ids, t, u64::from(n) * 31 + u64::from(t))
    } else {
        dealer_keys::<C>(n, t, IdentifierList::Custom(&ids), u64::from(n) * 37 + u64::from(t))
    }
}

/// Two sessions of the same signers on the same message: each signature
/// verifies under its own randomized key only (not the group key, not the
/// other session's), every signer recomputes the coordinator's parameters,
/// and every share verifies one by one.
pub fn round_trip<C: RandomizedCiphersuite>(n: u16, t: u16, derived: bool, dkg: bool) {
    let keys = keys::<C>(n, t, derived, dkg);
    let (kps, pkp) = &keys;
    let signers: Vec<_> = kps.keys().rev().take(usize::from(t)).copied().collect();
    let message = b"re-randomized round trip";
    let mut randomized_keys = Vec::new();
    for seed in [1u64, 2] {
        let mut s = session(&keys, &signers, message, seed);
        for kp in kps.values() {
            let mine = RandomizedParams::regenerate_from_seed_and_commitments(
                kp.verifying_key(),
                &s.seed,
                s.package.signing_commitments(),
            )
            .expect("regenerate");
            assert!(mine == s.params, "every signer derives the coordinator's parameters");
        }
        let expected_key = pkp.verifying_key().to_element() + C::Group::base_mul(&s.params.randomizer().to_scalar());
        assert!(s.params.randomized_verifying_key().to_element() == expected_key);
        let shares = honest_shares(kps, &mut s);
        for (id, share) in &shares {
            rerandomized::verify_signature_share(
                *id,
                &pkp.verifying_shares()[id],
                share,
                &s.package,
                pkp.verifying_key(),
                &s.params,
            )
            .expect("honest share verifies under the randomized key");
        }
        let signature = rerandomized::aggregate(&s.package, &shares, pkp, &s.params).expect("aggregate");
        let randomized = *s.params.randomized_verifying_key();
        randomized
            .verify(message, &signature)
            .expect("verifies under the randomized key");
        assert_eq!(
            pkp.verifying_key().verify(message, &signature),
            Err(Error::InvalidSignature),
            "not under the group key"
        );
        assert_eq!(
            randomized.verify(b"another message", &signature),
            Err(Error::InvalidSignature)
        );
        let decoded = crate::Signature::<C>::deserialize(&signature.serialize()).expect("decode");
        randomized
            .verify(message, &decoded)
            .expect("decoded signature verifies");
        randomized_keys.push((randomized, signature));
    }
    let (first, second) = (&randomized_keys[0], &randomized_keys[1]);
    assert!(first.0 != second.0, "every session has its own key");
    assert_eq!(first.0.verify(message, &second.1), Err(Error::InvalidSignature));
    assert_eq!(second.0.verify(message, &first.1), Err(Error::InvalidSignature));
}

/// The randomizer is a function of the seed and the commitment list only:
/// the same inputs give the same bytes, and changing the seed, one
/// commitment or the signer set changes it. The message does not enter.
pub fn randomizer_is_bound_to_seed_and_commitments<C: RandomizedCiphersuite>() {
    let keys = keys::<C>(5, 3, false, false);
    let signers: Vec<_> = keys.0.keys().take(3).copied().collect();
    let s = session(&keys, &signers, b"m", 5);
    let commitments = s.package.signing_commitments();
    assert_eq!(s.seed.len(), C::Group::SCALAR_LEN, "the seed has the scalar length");
    let alpha = |seed: &[u8], commitments| {
        Randomizer::<C>::regenerate_from_seed_and_commitments(seed, commitments)
            .expect("regenerate")
            .serialize()
    };
    let reference = alpha(&s.seed, commitments);
    assert_eq!(reference, s.params.randomizer().serialize());
    assert_eq!(alpha(&s.seed, commitments), reference, "deterministic");
    // The construction: hash_randomizer(seed || id || D || E || ...).
    let mut list = Vec::new();
    for (id, c) in commitments {
        list.extend_from_slice(&id.serialize());
        list.extend_from_slice(&c.hiding().serialize());
        list.extend_from_slice(&c.binding().serialize());
    }
    let direct = crate::ciphersuite::scalar_bytes::<C>(&C::hash_randomizer(&[&s.seed, &list]));
    assert_eq!(*reference, direct);
    let joined: Vec<u8> = s.seed.iter().chain(&list).copied().collect();
    assert_eq!(
        crate::ciphersuite::scalar_bytes::<C>(&C::hash_randomizer(&[&joined])),
        direct
    );

    let mut other_seed = s.seed.to_vec();
    other_seed[0] ^= 1;
    assert_ne!(alpha(&other_seed, commitments), reference, "another seed");
    let mut fewer = commitments.clone();
    fewer.pop_last();
    assert_ne!(alpha(&s.seed, &fewer), reference, "another signer set");
    let mut altered = commitments.clone();
    let (first, second) = (signers[0], signers[1]);
    let swapped = altered[&second];
    altered.insert(first, swapped);
    assert_ne!(alpha(&s.seed, &altered), reference, "another commitment");
    let other_message = SigningPackage::new(commitments.clone(), b"other message");
    assert_eq!(
        alpha(&s.seed, other_message.signing_commitments()),
        reference,
        "the message is not an input"
    );
    // A fresh seed every time.
    let again = session(&keys, &signers, b"m", 6);
    assert_ne!(*again.seed, *s.seed);
}

/// An externally chosen randomizer, as frost-rerandomized 3.0 accepts one:
/// from a scalar or its encoding, signed with `sign_with_randomizer`.
pub fn external_randomizer<C: RandomizedCiphersuite>() {
    let keys = keys::<C>(5, 3, true, false);
    let (kps, pkp) = &keys;
    let signers: Vec<_> = kps.keys().skip(1).take(3).copied().collect();
    let mut s = session(&keys, &signers, b"external", 11);
    let alpha = Randomizer::<C>::from_scalar(C::Group::random_scalar(&mut rng(12)));
    let decoded = Randomizer::<C>::deserialize(&alpha.serialize()).expect("decode");
    assert!(decoded == alpha);
    let params = RandomizedParams::from_randomizer(pkp.verifying_key(), decoded);
    let mut shares = BTreeMap::new();
    for id in &signers {
        let n = s.nonces.remove(id).expect("committed");
        let share = rerandomized::sign_with_randomizer(&s.package, n, &kps[id], &alpha).expect("sign");
        shares.insert(*id, share);
    }
    let signature = rerandomized::aggregate(&s.package, &shares, pkp, &params).expect("aggregate");
    params
        .randomized_verifying_key()
        .verify(b"external", &signature)
        .expect("verifies under the randomized key");
    assert!(params.randomized_verifying_key() != s.params.randomized_verifying_key());

    // Decoding is strict: exact length, canonical scalar.
    let bytes = alpha.serialize();
    let error = |bytes: &[u8]| {
        Randomizer::<C>::deserialize(bytes)
            .map(|_| ())
            .unwrap_err()
            .decode_error()
    };
    assert_eq!(error(&bytes[..bytes.len() - 1]), Some(DecodeError::Truncated));
    let mut long = bytes.to_vec();
    long.push(0);
    assert_eq!(error(&long), Some(DecodeError::TrailingBytes));
    assert_eq!(
        error(&alloc::vec![0xff; C::Group::SCALAR_LEN]),
        Some(DecodeError::MalformedScalar)
    );
}

/// A seed of the wrong length (missing, truncated, padded) is refused by the
/// signer before it signs.
pub fn refuses_missing_or_malformed_seed<C: RandomizedCiphersuite>() {
    let keys = keys::<C>(5, 3, false, false);
    let signers: Vec<_> = keys.0.keys().take(3).copied().collect();
    let ns = C::Group::SCALAR_LEN;
    for len in [0, 1, ns - 1, ns + 1, 2 * ns] {
        let mut s = session(&keys, &signers, b"seed", 13);
        let id = signers[0];
        let n = s.nonces.remove(&id).expect("committed");
        let seed = alloc::vec![7u8; len];
        let refusal = Error::<C>::InvalidRandomizerSeed { expected: ns, got: len };
        assert!(refusal.culprits().is_empty(), "the coordinator has no identifier");
        let expected = Err(refusal);
        assert_eq!(
            rerandomized::sign_with_randomizer_seed(&s.package, n, &keys.0[&id], &seed).map(|_| ()),
            expected,
            "seed of {len} bytes"
        );
        assert_eq!(
            RandomizedParams::regenerate_from_seed_and_commitments(
                keys.1.verifying_key(),
                &seed,
                s.package.signing_commitments()
            )
            .map(|_| ()),
            expected
        );
    }
}

/// How the misbehaving signers of [`names_signers_with_wrong_randomizer`]
/// sign instead of with the session's seed.
enum Wrong {
    /// Another seed of the right length (a stale or corrupted one).
    Seed,
    /// No seed at all: the signer signs under the group key.
    NoSeed,
    /// Another randomizer, chosen externally.
    Randomizer,
    /// The seed of another session, with that session's commitments.
    OtherSession,
}

/// Signers that sign under another randomizer are named by the
/// coordinator's `aggregate` and by `verify_signature_share`, for every way
/// of getting it wrong; the other shares verify.
pub fn names_signers_with_wrong_randomizer<C: RandomizedCiphersuite>() {
    let keys = keys::<C>(7, 4, false, false);
    let (kps, pkp) = &keys;
    let signers: Vec<_> = kps.keys().skip(1).take(5).copied().collect();
    for (round, wrong) in [Wrong::Seed, Wrong::NoSeed, Wrong::Randomizer, Wrong::OtherSession]
        .into_iter()
        .enumerate()
    {
        for culprits in [alloc::vec![signers[2]], alloc::vec![signers[0], signers[4]]] {
            let seed = 20 + round as u64;
            let mut s = session(&keys, &signers, b"wrong", seed);
            let mut shares = BTreeMap::new();
            for id in &signers {
                let n = s.nonces.remove(id).expect("committed");
                let kp = &kps[id];
                let share = if !culprits.contains(id) {
                    rerandomized::sign_with_randomizer_seed(&s.package, n, kp, &s.seed)
                } else {
                    match wrong {
                        Wrong::Seed => {
                            let mut other = s.seed.to_vec();
                            other[0] ^= 0x80;
                            rerandomized::sign_with_randomizer_seed(&s.package, n, kp, &other)
                        }
                        Wrong::NoSeed => crate::round2::sign(&s.package, n, kp),
                        Wrong::Randomizer => {
                            let alpha = Randomizer::from_scalar(C::Group::random_scalar(&mut rng(seed)));
                            rerandomized::sign_with_randomizer(&s.package, n, kp, &alpha)
                        }
                        Wrong::OtherSession => {
                            let other = session(&keys, &signers, b"wrong", seed + 100);
                            let alpha = other.params.randomizer().clone();
                            rerandomized::sign_with_randomizer(&s.package, n, kp, &alpha)
                        }
                    }
                }
                .expect("sign");
                shares.insert(*id, share);
            }
            let expected = Error::InvalidSignatureShare {
                culprits: culprits.clone(),
            };
            assert_eq!(
                rerandomized::aggregate(&s.package, &shares, pkp, &s.params).map(|_| ()),
                Err(expected.clone()),
                "round {round}"
            );
            assert_eq!(expected.culprits(), culprits);
            for (id, share) in &shares {
                let checked = rerandomized::verify_signature_share(
                    *id,
                    &pkp.verifying_shares()[id],
                    share,
                    &s.package,
                    pkp.verifying_key(),
                    &s.params,
                );
                if culprits.contains(id) {
                    assert_eq!(
                        checked,
                        Err(Error::InvalidSignatureShare {
                            culprits: alloc::vec![*id]
                        })
                    );
                } else {
                    checked.expect("honest share verifies");
                }
            }
        }
    }
}

/// Honest shares aggregated without the randomization, or with parameters
/// of another group, are not blamed on their signers.
pub fn refuses_params_of_another_group<C: RandomizedCiphersuite>() {
    let keys = keys::<C>(5, 3, false, false);
    let (kps, pkp) = &keys;
    let other_keys = dealer_keys::<C>(5, 3, IdentifierList::Default, 999);
    let signers: Vec<_> = kps.keys().take(3).copied().collect();
    let mut s = session(&keys, &signers, b"params", 30);
    let shares = honest_shares(kps, &mut s);
    let foreign = RandomizedParams::from_randomizer(other_keys.1.verifying_key(), s.params.randomizer().clone());
    assert_eq!(
        rerandomized::aggregate(&s.package, &shares, pkp, &foreign).map(|_| ()),
        Err(Error::RandomizedParamsMismatch)
    );
    let id = signers[0];
    assert_eq!(
        rerandomized::verify_signature_share(
            id,
            &pkp.verifying_shares()[&id],
            &shares[&id],
            &s.package,
            pkp.verifying_key(),
            &foreign
        ),
        Err(Error::RandomizedParamsMismatch)
    );
    assert_eq!(
        foreign.randomize_key_package(&kps[&id]).map(|_| ()),
        Err(Error::RandomizedParamsMismatch)
    );
    assert!(Error::<C>::RandomizedParamsMismatch.culprits().is_empty());
    // The right parameters still aggregate the same shares.
    rerandomized::aggregate(&s.package, &shares, pkp, &s.params).expect("aggregate");
}

/// The randomized packages are shares of the randomized key: each
/// randomized key package is consistent, agrees with the randomized public
/// key package, and the threshold is unchanged.
pub fn randomized_packages_are_consistent<C: RandomizedCiphersuite>() {
    let keys = keys::<C>(5, 3, true, true);
    let (kps, pkp) = &keys;
    let signers: Vec<_> = kps.keys().take(3).copied().collect();
    let s = session(&keys, &signers, b"packages", 40);
    let randomized_pkp = s.params.randomize_public_key_package(pkp).expect("randomize");
    assert_eq!(randomized_pkp.verifying_key(), s.params.randomized_verifying_key());
    assert_eq!(randomized_pkp.min_signers(), pkp.min_signers());
    for kp in kps.values() {
        let randomized = s.params.randomize_key_package(kp).expect("randomize");
        let rebuilt = KeyPackage::new(
            *randomized.identifier(),
            randomized.signing_share().clone(),
            *randomized.verifying_share(),
            *randomized.verifying_key(),
            randomized.min_signers(),
        )
        .expect("the randomized signing share matches its verifying share");
        assert!(rebuilt == randomized);
        randomized.check_against(&randomized_pkp).expect("agrees");
        assert_eq!(
            kp.check_against(&randomized_pkp),
            Err(Error::InconsistentKeyPackage),
            "the stored package is not the randomized one"
        );
    }
    // The randomized key is the key of the reconstructed randomized secret.
    let randomized: Vec<_> = kps
        .values()
        .take(3)
        .map(|kp| s.params.randomize_key_package(kp).expect("randomize"))
        .collect();
    let key = crate::keys::reconstruct(&randomized).expect("reconstruct");
    assert_eq!(key.verifying_key(), *s.params.randomized_verifying_key());
}

/// `Debug` prints neither the randomizer nor `alpha * B`.
pub fn secrets_redacted<C: RandomizedCiphersuite>() {
    let keys = keys::<C>(3, 2, false, false);
    let signers: Vec<_> = keys.0.keys().take(2).copied().collect();
    let s = session(&keys, &signers, b"debug", 50);
    let alpha = hex::encode(s.params.randomizer().serialize());
    let alpha_b = hex::encode(crate::ciphersuite::element_bytes::<C>(s.params.randomizer_element()));
    for text in [format!("{:?}", s.params), format!("{:?}", s.params.randomizer())] {
        assert!(!text.contains(&alpha), "{text}");
        assert!(!text.contains(&alpha_b), "{text}");
        assert!(text.contains("redacted"), "{text}");
    }
    let key = hex::encode(s.params.randomized_verifying_key().serialize());
    assert!(format!("{:?}", s.params).contains(&key), "the public key is shown");
}
