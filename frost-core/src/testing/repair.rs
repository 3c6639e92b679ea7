//! Share repair: round trips over bytes, one test per refused input class
//! with its culprit, a cheating helper caught at step 3, strict encodings.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::vec::Vec;

use super::{dealer_keys, id, rng, sign};
use crate::keys::repairable::{self, Delta, Sigma};
use crate::keys::{IdentifierList, KeyPackage, PublicKeyPackage};
use crate::{Ciphersuite, DecodeError, Error, Group, Identifier, decode_map};

type KeyPackages<C> = BTreeMap<Identifier<C>, KeyPackage<C>>;
/// Deltas keyed by recipient, then sender.
type Inbox<C> = BTreeMap<Identifier<C>, BTreeMap<Identifier<C>, Delta<C>>>;

fn keys<C: Ciphersuite>(derived: bool) -> (KeyPackages<C>, PublicKeyPackage<C>) {
    super::dealer_3_of_5::<C>(derived, 90 + u64::from(derived))
}

/// Step 1 for every helper, each delta sent as bytes and decoded by its
/// recipient with `decode_map`.
fn step1<C: Ciphersuite>(
    kps: &KeyPackages<C>,
    pkp: &PublicKeyPackage<C>,
    helpers: &[Identifier<C>],
    lost: Identifier<C>,
) -> Inbox<C> {
    let mut rng = rng(7);
    let mut wire: BTreeMap<Identifier<C>, BTreeMap<Identifier<C>, Vec<u8>>> = BTreeMap::new();
    for helper in helpers {
        let deltas = repairable::repair_share_part1(helpers, lost, &kps[helper], pkp, &mut rng).expect("part1");
        assert_eq!(deltas.keys().copied().collect::<Vec<_>>(), sorted(helpers));
        for (to, delta) in deltas {
            wire.entry(to).or_default().insert(*helper, delta.serialize().to_vec());
        }
    }
    wire.into_iter()
        .map(|(to, bytes)| (to, decode_map(&bytes, Delta::deserialize).expect("deltas decode")))
        .collect()
}

/// Step 2 for every helper, each sigma decoded from bytes by the participant.
fn step2<C: Ciphersuite>(
    kps: &KeyPackages<C>,
    helpers: &[Identifier<C>],
    lost: Identifier<C>,
    inbox: &Inbox<C>,
) -> BTreeMap<Identifier<C>, Sigma<C>> {
    let bytes: BTreeMap<_, _> = helpers
        .iter()
        .map(|h| {
            let sigma = repairable::repair_share_part2(helpers, lost, &kps[h], &inbox[h]).expect("part2");
            (*h, sigma.serialize().to_vec())
        })
        .collect();
    decode_map(&bytes, Sigma::deserialize).expect("sigmas decode")
}

fn sorted<C: Ciphersuite>(ids: &[Identifier<C>]) -> Vec<Identifier<C>> {
    let mut v = ids.to_vec();
    v.sort();
    v
}

/// Lose one participant's key package, repair it with `helpers` (given in
/// an unsorted order), check it equals the lost one and signs with others.
pub fn round_trip<C: Ciphersuite>(derived: bool, helper_count: usize) {
    let (mut kps, pkp) = keys::<C>(derived);
    let all: Vec<_> = kps.keys().copied().collect();
    let lost_id = all[1];
    let lost = kps.remove(&lost_id).expect("present");
    let mut helpers: Vec<_> = kps.keys().copied().take(helper_count).collect();
    helpers.reverse();
    let inbox = step1(&kps, &pkp, &helpers, lost_id);
    let sigmas = step2(&kps, &helpers, lost_id, &inbox);
    let repaired = repairable::repair_share_part3(&helpers, lost_id, &sigmas, &pkp).expect("part3");
    assert_eq!(repaired, lost, "the repaired key package is the lost one");
    repaired.check_against(&pkp).expect("consistent");
    // It signs together with participants that did not help.
    let signers = [lost_id, all[3], all[4]];
    kps.insert(lost_id, repaired);
    let sig = sign(&kps, &pkp, &signers, b"repaired", 1).expect("aggregate");
    pkp.verifying_key().verify(b"repaired", &sig).expect("verifies");
}

/// Every malformed helper set is refused at each step that sees it.
pub fn refuses_bad_helper_sets<C: Ciphersuite>() {
    let (kps, pkp) = keys::<C>(false);
    let lost = id::<C>(2);
    let me = &kps[&id(1)];
    let mut r = rng(1);
    let part1 = |helpers: &[Identifier<C>], lost: Identifier<C>, kp: &KeyPackage<C>| {
        repairable::repair_share_part1(helpers, lost, kp, &pkp, &mut rng(1)).map(|_| ())
    };
    let part2 = |helpers: &[Identifier<C>]| repairable::repair_share_part2(helpers, lost, me, &BTreeMap::new());
    let part3 = |helpers: &[Identifier<C>]| repairable::repair_share_part3(helpers, lost, &BTreeMap::new(), &pkp);

    let too_few = [id(1), id(3)];
    let expected = Err(Error::TooFewHelpers { min_signers: 3, got: 2 });
    assert_eq!(part1(&too_few, lost, me), expected);
    assert_eq!(part2(&too_few).map(|_| ()), expected);
    assert_eq!(part3(&too_few).map(|_| ()), expected);

    let duplicated = [id(1), id(3), id(4), id(3)];
    let expected = Err(Error::DuplicatedIdentifier { identifier: id(3) });
    assert_eq!(part1(&duplicated, lost, me), expected);
    assert_eq!(part2(&duplicated).map(|_| ()), expected);
    assert_eq!(part3(&duplicated).map(|_| ()), expected);
    // Three distinct helpers plus a repeat is still refused, not deduplicated.
    assert_eq!(
        part1(&[id(1), id(3), id(4), id(1)], lost, me),
        Err(Error::DuplicatedIdentifier { identifier: id(1) })
    );

    let including_participant = [id(1), id(2), id(3)];
    let expected = Err(Error::RepairedParticipantIsHelper);
    assert_eq!(part1(&including_participant, lost, me), expected);
    assert_eq!(part2(&including_participant).map(|_| ()), expected);
    assert_eq!(part3(&including_participant).map(|_| ()), expected);

    let without_me = [id(3), id(4), id(5)];
    assert_eq!(part1(&without_me, lost, me), Err(Error::NotAHelper));
    assert_eq!(part2(&without_me).map(|_| ()), Err(Error::NotAHelper));

    let unknown_helper = [id(1), id(3), id(9)];
    let expected = Err(Error::UnknownParticipant { culprit: id(9) });
    assert_eq!(part1(&unknown_helper, lost, me), expected);
    assert_eq!(part3(&unknown_helper).map(|_| ()), expected);
    assert_eq!(Error::UnknownParticipant { culprit: id::<C>(9) }.culprits(), [id(9)]);
    let helpers = [id(1), id(3), id(4)];
    let expected = Err(Error::UnknownParticipant { culprit: id(8) });
    assert_eq!(part1(&helpers, id(8), me), expected);
    assert_eq!(
        repairable::repair_share_part3(&helpers, id(8), &BTreeMap::new(), &pkp).map(|_| ()),
        expected
    );

    // A helper whose key package is not of this group.
    let (other, _) = dealer_keys::<C>(5, 3, IdentifierList::Default, 1234);
    assert_eq!(
        part1(&helpers, lost, &other[&id(1)]),
        Err(Error::InconsistentKeyPackage)
    );
    // A public key package without min_signers (pre-3.0) cannot be repaired from.
    let bytes = pkp.serialize();
    let old = PublicKeyPackage::<C>::deserialize(&bytes[..bytes.len() - 2]).expect("pre-3.0 layout");
    assert_eq!(old.min_signers(), None);
    assert_eq!(
        repairable::repair_share_part3(&helpers, lost, &BTreeMap::new(), &old).map(|_| ()),
        Err(Error::InvalidMinSigners)
    );
    let _ = repairable::repair_share_part1(&helpers, lost, me, &pkp, &mut r).expect("valid set accepted");
}

/// Missing and extra deltas and sigmas are refused naming the senders.
pub fn refuses_missing_and_unexpected_values<C: Ciphersuite>() {
    let (kps, pkp) = keys::<C>(false);
    let lost = id::<C>(2);
    let helpers = [id(1), id(3), id(4)];
    let inbox = step1(&kps, &pkp, &helpers, lost);

    let mut fewer = inbox[&id(1)].clone();
    fewer.remove(&id(4));
    assert_eq!(
        repairable::repair_share_part2(&helpers, lost, &kps[&id(1)], &fewer),
        Err(Error::MissingRepairValue {
            culprits: alloc::vec![id(4)]
        })
    );
    let mut more = inbox[&id(1)].clone();
    more.insert(id(5), Delta(C::Group::one()));
    let err = repairable::repair_share_part2(&helpers, lost, &kps[&id(1)], &more).unwrap_err();
    assert_eq!(
        err,
        Error::UnexpectedRepairValue {
            culprits: alloc::vec![id(5)]
        }
    );
    assert_eq!(err.culprits(), [id(5)]);

    let sigmas = step2(&kps, &helpers, lost, &inbox);
    let mut fewer = sigmas.clone();
    fewer.remove(&id(3));
    let err = repairable::repair_share_part3(&helpers, lost, &fewer, &pkp).unwrap_err();
    assert_eq!(
        err,
        Error::MissingRepairValue {
            culprits: alloc::vec![id(3)]
        }
    );
    assert_eq!(err.culprits(), [id(3)]);
    let mut more = sigmas.clone();
    more.insert(id(5), Sigma(C::Group::zero()));
    assert_eq!(
        repairable::repair_share_part3(&helpers, lost, &more, &pkp),
        Err(Error::UnexpectedRepairValue {
            culprits: alloc::vec![id(5)]
        })
    );
    repairable::repair_share_part3(&helpers, lost, &sigmas, &pkp).expect("honest sigmas repair");
}

/// A helper that alters a delta or a sigma makes step 3 refuse, saying
/// that no culprit can be determined, instead of yielding a wrong share.
pub fn detects_cheating_helper<C: Ciphersuite>() {
    let (kps, pkp) = keys::<C>(false);
    let lost = id::<C>(2);
    let helpers = [id(1), id(3), id(4)];
    let check = |err: Error<C>| {
        assert_eq!(err, Error::InvalidRepairedShare);
        assert!(err.culprits().is_empty());
        assert!(format!("{err}").contains("cannot be determined"));
    };

    // Helper 3 sends helper 4 a wrong delta.
    let mut inbox = step1(&kps, &pkp, &helpers, lost);
    let delta = inbox.get_mut(&id(4)).and_then(|m| m.get_mut(&id(3))).expect("sent");
    delta.0 = delta.0 + C::Group::one();
    let sigmas = step2(&kps, &helpers, lost, &inbox);
    check(repairable::repair_share_part3(&helpers, lost, &sigmas, &pkp).unwrap_err());

    // Helper 4 sends the participant a wrong sigma.
    let inbox = step1(&kps, &pkp, &helpers, lost);
    let mut sigmas = step2(&kps, &helpers, lost, &inbox);
    let sigma = sigmas.get_mut(&id(4)).expect("sent");
    sigma.0 = sigma.0 + C::Group::one();
    check(repairable::repair_share_part3(&helpers, lost, &sigmas, &pkp).unwrap_err());

    // Helpers that disagree on the helper set (one computes its Lagrange
    // coefficient over another set) are caught the same way.
    let mut inbox = step1(&kps, &pkp, &helpers, lost);
    let wrong =
        repairable::repair_share_part1(&[id(1), id(3), id(5)], lost, &kps[&id(1)], &pkp, &mut rng(3)).expect("part1");
    for (to, delta) in wrong {
        if let Some(m) = inbox.get_mut(&to) {
            m.insert(id(1), delta);
        }
    }
    let delta_to_4 = repairable::repair_share_part1(&helpers, lost, &kps[&id(1)], &pkp, &mut rng(4))
        .expect("part1")
        .remove(&id(4))
        .expect("present");
    inbox.get_mut(&id(4)).expect("helper").insert(id(1), delta_to_4);
    let sigmas = step2(&kps, &helpers, lost, &inbox);
    check(repairable::repair_share_part3(&helpers, lost, &sigmas, &pkp).unwrap_err());
}

/// Deltas and sigmas: bare canonical scalars, decoded strictly; secret.
pub fn encodings<C: Ciphersuite>() {
    let (kps, pkp) = keys::<C>(false);
    let helpers = [id(1), id(3), id(4)];
    let deltas = repairable::repair_share_part1(&helpers, id(2), &kps[&id(1)], &pkp, &mut rng(5)).expect("part1");
    let delta = &deltas[&id(3)];
    let bytes = delta.serialize();
    assert_eq!(bytes.len(), C::Group::SCALAR_LEN, "no header, as frost-core 3.x");
    assert_eq!(Delta::<C>::deserialize(&bytes).as_ref(), Ok(delta));
    let sigma = Sigma::<C>(delta.0);
    assert_eq!(Sigma::<C>::deserialize(&sigma.serialize()).as_ref(), Ok(&sigma));

    let refused = |bytes: &[u8], error: DecodeError| {
        assert_eq!(
            Delta::<C>::deserialize(bytes).map(|_| ()),
            Err(Error::Decode { error, culprit: None })
        );
        assert_eq!(
            Sigma::<C>::deserialize(bytes).map(|_| ()),
            Err(Error::Decode { error, culprit: None })
        );
    };
    refused(&bytes[..bytes.len() - 1], DecodeError::Truncated);
    let mut longer = bytes.to_vec();
    longer.push(0);
    refused(&longer, DecodeError::TrailingBytes);
    refused(&alloc::vec![0xff; C::Group::SCALAR_LEN], DecodeError::MalformedScalar);
    refused(&[], DecodeError::Truncated);

    // A sender whose bytes are refused is named.
    let received = BTreeMap::from([(id::<C>(3), bytes.to_vec()), (id(4), longer)]);
    assert_eq!(
        decode_map(&received, Delta::deserialize).map(|_| ()),
        Err(Error::Decode {
            error: DecodeError::TrailingBytes,
            culprit: Some(id(4))
        })
    );

    // Secrets are never printed.
    let hex: alloc::string::String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    for text in [format!("{delta:?}"), format!("{sigma:?}"), format!("{deltas:?}")] {
        assert!(text.contains("<redacted>"), "{text}");
        assert!(!text.contains(&hex[..16]), "{text}");
    }
}
