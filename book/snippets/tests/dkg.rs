//! Chapter "Distributed key generation".
//!
//! All participants live in one process here; each loop body is what one
//! participant does on its own machine, and the maps stand for the network.

use std::collections::BTreeMap;

// ANCHOR: imports
use frost_ristretto255 as frost;

use frost::keys::dkg;
// ANCHOR_END: imports

#[test]
fn three_participants_any_two_can_sign() -> Result<(), frost::Error> {
    // ANCHOR: setup
    let mut rng = rand::rng();
    let max_signers = 3;
    let min_signers = 2;
    // Everyone agrees on the list of participants beforehand.
    let participants = [
        frost::Identifier::try_from(1)?,
        frost::Identifier::try_from(2)?,
        frost::Identifier::try_from(3)?,
    ];
    // ANCHOR_END: setup

    // ANCHOR: part1
    // Round 1, on each participant's machine.
    let mut round1_secrets = BTreeMap::new();
    let mut broadcast = BTreeMap::new();
    for me in participants {
        let (secret, package) =
            dkg::part1(me, max_signers, min_signers, &mut rng)?;
        round1_secrets.insert(me, secret); // kept, secret, until part2
        broadcast.insert(me, package); // sent to everyone else
    }
    // ANCHOR_END: part1

    // ANCHOR: received1
    // What participant `me` received in round 1: every package but its own.
    let received_round1 = |me: frost::Identifier| -> BTreeMap<_, _> {
        broadcast
            .iter()
            .filter(|(sender, _)| **sender != me)
            .map(|(sender, package)| (*sender, package.clone()))
            .collect()
    };
    // ANCHOR_END: received1

    // ANCHOR: digest
    // Each participant hashes all round-1 packages, its own included...
    let digests: Vec<[u8; 32]> = participants
        .iter()
        .map(|me| {
            let mut all = received_round1(*me);
            all.insert(*me, broadcast[me].clone());
            dkg::round1::transcript_digest(&all)
        })
        .collect();
    // ...and they compare the digests out of band. Any difference: abort.
    assert!(digests.iter().all(|digest| *digest == digests[0]));
    // ANCHOR_END: digest

    // ANCHOR: part2
    // Round 2, on each participant's machine.
    let mut round2_secrets = BTreeMap::new();
    // inboxes[recipient][sender]: what travels over the private channels.
    let mut inboxes: BTreeMap<_, BTreeMap<_, _>> = BTreeMap::new();
    for (me, round1_secret) in round1_secrets {
        // part2 consumes the round-1 secret: it cannot be used twice.
        let (round2_secret, outgoing) =
            dkg::part2(round1_secret, &received_round1(me))?;
        round2_secrets.insert(me, round2_secret); // kept, secret, until part3
        for (recipient, package) in outgoing {
            // Each package goes to `recipient` only, encrypted and
            // authenticated.
            inboxes.entry(recipient).or_default().insert(me, package);
        }
    }
    // ANCHOR_END: part2

    // ANCHOR: part3
    // Round 3, on each participant's machine. Nothing is sent any more.
    let mut key_packages = BTreeMap::new();
    let mut public_key_packages = BTreeMap::new();
    for (me, round2_secret) in &round2_secrets {
        let (key_package, public_key_package) =
            dkg::part3(round2_secret, &received_round1(*me), &inboxes[me])?;
        key_packages.insert(*me, key_package); // secret, kept for signing
        public_key_packages.insert(*me, public_key_package); // public
    }
    // Everyone ends with the same public key package.
    let public_key_package = public_key_packages[&participants[0]].clone();
    assert!(
        public_key_packages
            .values()
            .all(|p| *p == public_key_package)
    );
    // ANCHOR_END: part3

    // The keys work: participants 2 and 3 sign, 1 does not take part.
    let message = b"keys from a DKG";
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for id in &participants[1..] {
        let (n, c) =
            frost::round1::commit(key_packages[id].signing_share(), &mut rng);
        nonces.insert(*id, n);
        commitments.insert(*id, c);
    }
    let signing_package = frost::SigningPackage::new(commitments, message);
    let mut shares = BTreeMap::new();
    for (id, n) in nonces {
        shares.insert(
            id,
            frost::round2::sign(&signing_package, n, &key_packages[&id])?,
        );
    }
    let signature =
        frost::aggregate(&signing_package, &shares, &public_key_package)?;
    public_key_package
        .verifying_key()
        .verify(message, &signature)?;
    Ok(())
}

/// Mallory shows Alice one round-1 package and Bob another. Neither part2
/// nor part3 can notice; comparing transcript digests does.
#[test]
fn a_fake_broadcast_splits_the_group() -> Result<(), frost::Error> {
    let mut rng = rand::rng();
    let alice = frost::Identifier::try_from(1)?;
    let bob = frost::Identifier::try_from(2)?;
    let mallory = frost::Identifier::try_from(3)?;
    // ANCHOR: fake_broadcast_setup
    let (alice_secret, alice_package) = dkg::part1(alice, 3, 2, &mut rng)?;
    let (bob_secret, bob_package) = dkg::part1(bob, 3, 2, &mut rng)?;
    // Mallory runs part1 twice, and shows each victim a different package.
    let (mallory_secret_a, mallory_package_a) =
        dkg::part1(mallory, 3, 2, &mut rng)?;
    let (mallory_secret_b, mallory_package_b) =
        dkg::part1(mallory, 3, 2, &mut rng)?;
    let alice_received = BTreeMap::from([
        (bob, bob_package.clone()),
        (mallory, mallory_package_a),
    ]);
    let bob_received = BTreeMap::from([
        (alice, alice_package.clone()),
        (mallory, mallory_package_b),
    ]);
    // ANCHOR_END: fake_broadcast_setup

    // ANCHOR: fake_broadcast_digest
    let mut alice_view = alice_received.clone();
    alice_view.insert(alice, alice_package.clone());
    let mut bob_view = bob_received.clone();
    bob_view.insert(bob, bob_package.clone());
    // Read aloud over the phone, these two digests differ: abort.
    assert_ne!(
        dkg::round1::transcript_digest(&alice_view),
        dkg::round1::transcript_digest(&bob_view)
    );
    // ANCHOR_END: fake_broadcast_digest

    let (alice_secret2, alice_out) = dkg::part2(alice_secret, &alice_received)?;
    let (bob_secret2, bob_out) = dkg::part2(bob_secret, &bob_received)?;
    let honest = BTreeMap::from([(alice, alice_package), (bob, bob_package)]);
    let (_, mallory_out_a) = dkg::part2(mallory_secret_a, &honest)?;
    let (_, mallory_out_b) = dkg::part2(mallory_secret_b, &honest)?;
    let alice_inbox = BTreeMap::from([
        (bob, bob_out[&alice].clone()),
        (mallory, mallory_out_a[&alice].clone()),
    ]);
    let bob_inbox = BTreeMap::from([
        (alice, alice_out[&bob].clone()),
        (mallory, mallory_out_b[&bob].clone()),
    ]);

    // ANCHOR: fake_broadcast_result
    // Every check passes, and the two end up with different group keys.
    let (_, alice_public) =
        dkg::part3(&alice_secret2, &alice_received, &alice_inbox)?;
    let (_, bob_public) = dkg::part3(&bob_secret2, &bob_received, &bob_inbox)?;
    assert_ne!(alice_public.verifying_key(), bob_public.verifying_key());
    // ANCHOR_END: fake_broadcast_result
    Ok(())
}

#[test]
fn secrets_can_be_stored_between_rounds() -> Result<(), frost::Error> {
    let mut rng = rand::rng();
    let ids = [1, 2, 3].map(|n| frost::Identifier::try_from(n).unwrap());
    let mut secrets = BTreeMap::new();
    let mut broadcast = BTreeMap::new();
    for id in ids {
        let (secret, package) = dkg::part1(id, 3, 2, &mut rng)?;
        secrets.insert(id, secret);
        broadcast.insert(id, package);
    }
    let me = ids[0];
    let round1_secret = secrets.remove(&me).expect("part1 ran");
    let mut received = broadcast.clone();
    received.remove(&me);
    // ANCHOR: store_secrets
    // Rounds can be days apart. The secret packages can wait on disk: the
    // bytes are zeroized on drop, but the file is key material.
    let bytes = round1_secret.serialize();
    drop(round1_secret);
    let round1_secret = dkg::round1::SecretPackage::deserialize(&bytes)?;
    let (round2_secret, _outgoing) = dkg::part2(round1_secret, &received)?;
    let bytes = round2_secret.serialize();
    drop(round2_secret);
    let round2_secret = dkg::round2::SecretPackage::deserialize(&bytes)?;
    // ANCHOR_END: store_secrets
    assert_eq!(*round2_secret.serialize(), *bytes);
    Ok(())
}
