//! Share repair with helpers running frost-core 3.x and ours, exchanging only
//! bytes: `Delta` and `Sigma` have the same wire encoding in both, and the
//! repaired key package is the lost one whichever implementation runs step 3.

use std::collections::BTreeMap;

use ::rand08::SeedableRng as _;
use frost_ristretto255 as ours;
use frost_ristretto255_3 as theirs;

#[test]
fn mixed_helpers_repair_a_share() -> Result<(), ours::Error> {
    let mut rng = rand::rng();
    let mut rng08 = ::rand08::rngs::StdRng::seed_from_u64(3);
    let (shares, pkp) = ours::keys::generate_with_dealer(5, 3, ours::keys::IdentifierList::Default, &mut rng)?;
    let mut kps: BTreeMap<_, _> = shares
        .into_iter()
        .map(|(id, share)| Ok((id, ours::keys::KeyPackage::try_from(share)?)))
        .collect::<Result<_, ours::Error>>()?;
    let their_pkp = theirs::keys::PublicKeyPackage::deserialize(&pkp.serialize()).expect("their pkp");
    let id = |n: u16| ours::Identifier::try_from(n).expect("non-zero");
    let their_id = |n: u16| theirs::Identifier::try_from(n).expect("non-zero");

    let lost = kps.remove(&id(2)).expect("present");
    // Helpers 1 and 4 run our code, helper 3 theirs (given in another order).
    let helpers = [id(4), id(1), id(3)];
    let their_helpers = [their_id(4), their_id(1), their_id(3)];
    let is_theirs = |n: u16| n == 3;

    // Step 1: deltas as bytes, keyed by recipient then sender.
    let mut wire: BTreeMap<u16, BTreeMap<u16, Vec<u8>>> = BTreeMap::new();
    for n in [1u16, 3, 4] {
        let deltas: Vec<(u16, Vec<u8>)> = if is_theirs(n) {
            let kp = theirs::keys::KeyPackage::deserialize(&kps[&id(n)].serialize()).expect("their kp");
            theirs::keys::repairable::repair_share_part1::<theirs::Ristretto255Sha512, _>(
                &their_helpers,
                &kp,
                &mut rng08,
                their_id(2),
            )
            .expect("their part1")
            .into_iter()
            .map(|(to, d)| (to.serialize()[0].into(), d.serialize()))
            .collect()
        } else {
            ours::keys::repairable::repair_share_part1(&helpers, id(2), &kps[&id(n)], &pkp, &mut rng)?
                .into_iter()
                .map(|(to, d)| (to.as_u16().expect("small"), d.serialize().to_vec()))
                .collect()
        };
        for (to, bytes) in deltas {
            wire.entry(to).or_default().insert(n, bytes);
        }
    }

    // Step 2: sigmas as bytes.
    let mut sigmas = BTreeMap::new();
    for n in [1u16, 3, 4] {
        let bytes = if is_theirs(n) {
            let deltas: Vec<_> = wire[&n]
                .values()
                .map(|b| theirs::keys::repairable::Delta::deserialize(b).expect("their delta"))
                .collect();
            theirs::keys::repairable::repair_share_part2(&deltas).serialize()
        } else {
            let received: BTreeMap<_, _> = wire[&n].iter().map(|(from, b)| (id(*from), b.clone())).collect();
            let deltas = ours::decode_map(&received, ours::keys::repairable::Delta::deserialize)?;
            ours::keys::repairable::repair_share_part2(&helpers, id(2), &kps[&id(n)], &deltas)?
                .serialize()
                .to_vec()
        };
        sigmas.insert(n, bytes);
    }

    // Step 3, by us and by them: both recover the lost key package.
    let received: BTreeMap<_, _> = sigmas.iter().map(|(from, b)| (id(*from), b.clone())).collect();
    let our_sigmas = ours::decode_map(&received, ours::keys::repairable::Sigma::deserialize)?;
    let repaired = ours::keys::repairable::repair_share_part3(&helpers, id(2), &our_sigmas, &pkp)?;
    assert_eq!(repaired, lost);
    let their_sigmas: Vec<_> = sigmas
        .values()
        .map(|b| theirs::keys::repairable::Sigma::deserialize(b).expect("their sigma"))
        .collect();
    let theirs_repaired =
        theirs::keys::repairable::repair_share_part3(&their_sigmas, their_id(2), &their_pkp).expect("their part3");
    assert_eq!(theirs_repaired.serialize().expect("encodes"), *lost.serialize());
    Ok(())
}
