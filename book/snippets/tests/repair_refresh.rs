//! Chapter "Repairing and refreshing shares".
//!
//! All participants live in one process here; each loop body is what one
//! participant does on its own machine, and the maps stand for the network.

use std::collections::BTreeMap;

use frost_ristretto255 as frost;

use frost::keys::{refresh, repairable};

mod common;

use common::dealer_keys;

#[test]
fn three_helpers_repair_a_lost_share() -> Result<(), frost::Error> {
    let (mut key_packages, public_key_package) = dealer_keys(5, 3)?;
    let mut rng = rand::rng();
    // ANCHOR: repair_setup
    // Participant 2 lost its key package; 1, 3 and 4 agree to help.
    let lost = frost::Identifier::try_from(2)?;
    let helpers = [
        frost::Identifier::try_from(1)?,
        frost::Identifier::try_from(3)?,
        frost::Identifier::try_from(4)?,
    ];
    // ANCHOR_END: repair_setup
    let original = key_packages.remove(&lost).expect("present");

    // ANCHOR: repair_step1
    // Step 1, on each helper's machine: one delta per helper (itself
    // included), each sent only to that helper, as bytes.
    let mut deltas_received: BTreeMap<_, BTreeMap<_, Vec<u8>>> =
        BTreeMap::new();
    for me in helpers {
        let deltas = repairable::repair_share_part1(
            &helpers,
            lost,
            &key_packages[&me],
            &public_key_package,
            &mut rng,
        )?;
        for (to, delta) in deltas {
            let bytes = delta.serialize().to_vec();
            deltas_received.entry(to).or_default().insert(me, bytes);
        }
    }
    // ANCHOR_END: repair_step1

    // ANCHOR: repair_step2
    // Step 2, on each helper's machine: sum the deltas received into one
    // sigma, sent only to the participant being repaired.
    let mut sigmas_received = BTreeMap::new();
    for me in helpers {
        // Names the sender of any delta that does not decode.
        let deltas = frost::decode_map(
            &deltas_received[&me],
            repairable::Delta::deserialize,
        )?;
        let sigma = repairable::repair_share_part2(
            &helpers,
            lost,
            &key_packages[&me],
            &deltas,
        )?;
        sigmas_received.insert(me, sigma.serialize().to_vec());
    }
    // ANCHOR_END: repair_step2

    // ANCHOR: repair_step3
    // Step 3, on the repaired participant's machine, with the public key
    // package that any helper can send.
    let sigmas =
        frost::decode_map(&sigmas_received, repairable::Sigma::deserialize)?;
    let repaired = repairable::repair_share_part3(
        &helpers,
        lost,
        &sigmas,
        &public_key_package,
    )?;
    // ANCHOR_END: repair_step3

    assert_eq!(repaired, original);
    Ok(())
}

#[test]
fn a_wrong_sigma_is_refused() -> Result<(), frost::Error> {
    let (key_packages, public_key_package) = dealer_keys(5, 3)?;
    let lost = frost::Identifier::try_from(2)?;
    let helpers = [
        frost::Identifier::try_from(1)?,
        frost::Identifier::try_from(3)?,
        frost::Identifier::try_from(4)?,
    ];
    let mut sigmas = BTreeMap::new();
    for me in helpers {
        // Each helper sends zero deltas: wrong, but well-formed.
        let deltas = helpers
            .iter()
            .map(|h| Ok((*h, repairable::Delta::deserialize(&[0; 32])?)))
            .collect::<Result<BTreeMap<_, _>, frost::Error>>()?;
        let sigma = repairable::repair_share_part2(
            &helpers,
            lost,
            &key_packages[&me],
            &deltas,
        )?;
        sigmas.insert(me, sigma);
    }
    // ANCHOR: repair_refused
    match repairable::repair_share_part3(
        &helpers,
        lost,
        &sigmas,
        &public_key_package,
    ) {
        Err(frost::Error::InvalidRepairedShare) => {
            // Some helper sent a wrong value; the protocol cannot say which.
            // Try again with another set of helpers.
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // ANCHOR_END: repair_refused
    Ok(())
}

#[test]
fn dealer_refreshes_and_drops_a_participant() -> Result<(), frost::Error> {
    let (key_packages, public_key_package) = dealer_keys(5, 3)?;
    let mut rng = rand::rng();
    // ANCHOR: refresh_dealer
    // On the dealer's machine: refresh participants 1 to 4, dropping 5.
    let staying: Vec<_> = key_packages.keys().copied().take(4).collect();
    let (refreshing_shares, new_public_key_package) =
        refresh::compute_refreshing_shares(
            &public_key_package,
            &staying,
            &mut rng,
        )?;
    // Send each `RefreshingShare` to its participant over an authenticated,
    // confidential channel, and the new public key package to everyone.
    // ANCHOR_END: refresh_dealer

    // ANCHOR: refresh_share
    // On each participant's machine.
    let mut new_key_packages = BTreeMap::new();
    for (id, refreshing_share) in refreshing_shares {
        let old = &key_packages[&id];
        let new = refresh::refresh_share(refreshing_share, old)?;
        new.check_against(&new_public_key_package)?;
        // Store `new`, then delete `old` and every copy of it.
        new_key_packages.insert(id, new);
    }
    // ANCHOR_END: refresh_share

    // ANCHOR: refresh_same_key
    // Same group key and threshold; participant 5 is gone.
    assert_eq!(
        new_public_key_package.verifying_key(),
        public_key_package.verifying_key()
    );
    assert_eq!(new_public_key_package.min_signers(), Some(3));
    assert!(
        !new_public_key_package
            .verifying_shares()
            .contains_key(&frost::Identifier::try_from(5)?)
    );
    // ANCHOR_END: refresh_same_key
    assert_eq!(new_key_packages.len(), 4);
    Ok(())
}

#[test]
fn participants_refresh_by_dkg() -> Result<(), frost::Error> {
    let (key_packages, public_key_package) = dealer_keys(5, 3)?;
    let mut rng = rand::rng();
    // ANCHOR: refresh_dkg
    // The participants that stay (here all five) run the DKG's three rounds
    // with the refresh functions; the packages are the DKG's.
    let participants: Vec<_> = key_packages.keys().copied().collect();
    let max_signers = participants.len() as u16;
    let min_signers = 3; // the group's threshold, which cannot change

    let mut round1_secrets = BTreeMap::new();
    let mut broadcast = BTreeMap::new();
    for me in &participants {
        let (secret, package) = refresh::refresh_dkg_part1(
            *me,
            max_signers,
            min_signers,
            &mut rng,
        )?;
        round1_secrets.insert(*me, secret);
        broadcast.insert(*me, package);
    }
    let others = |me: &frost::Identifier| -> BTreeMap<_, _> {
        broadcast
            .iter()
            .filter(|(sender, _)| *sender != me)
            .map(|(sender, package)| (*sender, package.clone()))
            .collect()
    };

    let mut round2_secrets = BTreeMap::new();
    let mut outgoing = BTreeMap::new();
    for (me, secret) in round1_secrets {
        let (secret, packages) =
            refresh::refresh_dkg_part2(secret, &others(&me))?;
        round2_secrets.insert(me, secret);
        outgoing.insert(me, packages);
    }

    let mut new_key_packages = BTreeMap::new();
    for (me, secret) in &round2_secrets {
        let received: BTreeMap<_, _> = outgoing
            .iter()
            .filter_map(|(sender, out)| {
                out.get(me).map(|p| (*sender, p.clone()))
            })
            .collect();
        let (new, new_public_key_package) = refresh::refresh_dkg_shares(
            secret,
            &others(me),
            &received,
            &public_key_package,
            &key_packages[me],
        )?;
        assert_eq!(
            new_public_key_package.verifying_key(),
            public_key_package.verifying_key()
        );
        // Store `new` and the new public key package; delete the old key
        // package.
        new_key_packages.insert(*me, new);
    }
    // ANCHOR_END: refresh_dkg
    assert_eq!(new_key_packages.len(), 5);
    Ok(())
}
