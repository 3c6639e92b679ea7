//! Chapter "A DKG without a broadcast channel".
//!
//! All participants live in one process here; each loop body is what one
//! participant does on its own machine, and the vectors stand for the
//! messages to and from the coordinator.

use std::collections::BTreeMap;

use frost_ed25519 as frost;

use frost::keys::cocktail::{
    self, Extension, HostSecretKey, SessionContext, SessionParams,
};

#[test]
fn two_of_three_with_cocktail() -> Result<(), frost::Error> {
    let mut rng = rand::rng();

    // ANCHOR: cocktail_setup
    // Long before the session: every participant has a static key pair and
    // an authentic copy of everyone's public key, in an agreed order
    // (position i is identifier i + 1).
    let static_keys: Vec<HostSecretKey> =
        (0..3).map(|_| HostSecretKey::generate(&mut rng)).collect();
    let public_keys: Vec<Vec<u8>> = static_keys
        .iter()
        .map(|k| k.public_key().to_bytes())
        .collect();
    // For the session: the keys, the threshold, and a session id that is
    // never used twice.
    let session = SessionContext::new(
        SessionParams::new(&public_keys, 2)?,
        b"treasury key, 2026-12-02",
    );
    // ANCHOR_END: cocktail_setup

    // ANCHOR: cocktail_round1
    // On each participant's machine: commit, prove, encrypt every share;
    // send msg1 to the coordinator and keep the state.
    let mut states = Vec::new();
    let mut msgs1 = Vec::new();
    for key in &static_keys {
        let (state, msg1) = cocktail::participant_step1(
            key,
            &session,
            &[] as &[&[u8]],
            &mut rng,
        )?;
        states.push(state);
        msgs1.push(msg1);
    }
    // The coordinator (untrusted; it learns nothing secret) checks every
    // msg1 and sends participant i its own msg2.
    let (coordinator, msgs2) = cocktail::coordinator_step1(&msgs1, &session)?;
    // ANCHOR_END: cocktail_round1

    // ANCHOR: cocktail_round2
    // On each participant's machine: check and decrypt, sign the transcript,
    // send the signature to the coordinator. From here on, never delete the
    // static secret key.
    let mut states2 = Vec::new();
    let mut signatures = Vec::new();
    for ((key, state), msg2) in static_keys.iter().zip(states).zip(&msgs2) {
        let (state2, signature) = cocktail::participant_step2(
            key,
            state,
            msg2,
            Extension::Bytes(b""),
        )
        .map_err(|failure| failure.error)?;
        states2.push(state2);
        signatures.push(signature);
    }
    // The coordinator checks the signatures and sends everyone the
    // certificate.
    let (certificate, coordinator_output, recovery_data) =
        cocktail::coordinator_finalize(coordinator, b"", &signatures)?;
    // ANCHOR_END: cocktail_round2

    // ANCHOR: cocktail_finalize
    // On each participant's machine: check the certificate, then keep the
    // output, the recovery data and the encrypted share bundle (all three
    // are needed to recover).
    let mut key_packages = BTreeMap::new();
    let mut bundles = Vec::new();
    for state2 in states2 {
        let (output, _recovery_data, bundle) =
            cocktail::participant_finalize(state2, &certificate)
                .map_err(|(_, e)| e)?;
        let key_package =
            output.key_package()?.expect("a participant's output");
        key_packages.insert(*key_package.identifier(), key_package);
        bundles.push(bundle);
    }
    let public_key_package = coordinator_output.public_key_package()?;
    // ANCHOR_END: cocktail_finalize

    // ANCHOR: cocktail_recover
    // A participant that lost its state: static key + recovery data + its
    // bundle give back the same output.
    let (recovered, _session) = cocktail::participant_recover(
        &static_keys[0],
        &recovery_data,
        &bundles[0],
    )?;
    assert_eq!(
        recovered.key_package()?.as_ref(),
        key_packages.values().next()
    );
    // ANCHOR_END: cocktail_recover

    // The packages sign like any others.
    let signers: Vec<_> = key_packages.keys().take(2).copied().collect();
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for id in &signers {
        let (n, c) =
            frost::round1::commit(key_packages[id].signing_share(), &mut rng);
        nonces.insert(*id, n);
        commitments.insert(*id, c);
    }
    let package = frost::SigningPackage::new(commitments, b"message");
    let mut shares = BTreeMap::new();
    for id in &signers {
        let n = nonces.remove(id).expect("committed");
        shares
            .insert(*id, frost::round2::sign(&package, n, &key_packages[id])?);
    }
    let signature = frost::aggregate(&package, &shares, &public_key_package)?;
    public_key_package
        .verifying_key()
        .verify(b"message", &signature)?;
    Ok(())
}

#[test]
fn cocktail_blame() -> Result<(), frost::Error> {
    let mut rng = rand::rng();
    let static_keys: Vec<HostSecretKey> =
        (0..3).map(|_| HostSecretKey::generate(&mut rng)).collect();
    let public_keys: Vec<Vec<u8>> = static_keys
        .iter()
        .map(|k| k.public_key().to_bytes())
        .collect();
    let session = SessionContext::new(
        SessionParams::new(&public_keys, 2)?,
        b"treasury key, 2026-12-03",
    );

    // ANCHOR: cocktail_attachments
    // Each participant: round 1 with the blame attachment. msg1 is the
    // spec's message, byte for byte; the attachment (a proof of possession
    // of the ephemeral key and one signature per recipient over the slice
    // it will receive) travels beside it to the coordinator.
    let mut states = Vec::new();
    let mut msgs1 = Vec::new();
    let mut attachments = Vec::new();
    for key in &static_keys {
        let (state, msg1, attachment) =
            cocktail::participant_step1_with_attachment(
                key,
                &session,
                &[] as &[&[u8]],
                &mut rng,
            )?;
        states.push(state);
        msgs1.push(msg1);
        attachments.push(attachment);
    }
    // ANCHOR_END: cocktail_attachments

    // Participant 3 (position 2) cheats: its ciphertext to participant 1
    // does not decrypt, and, holding its own static key, it signs what it
    // sends. (An Ed25519 msg1 of a 2-of-3 session: a 160-byte block, then
    // each ciphertext framed in 8 + 48 bytes.)
    msgs1[2][160 + 8 + 47] ^= 1;
    let cheater = frost_core::testing::cocktail_blame::Round1 {
        keys: copies(&static_keys),
        session: session.clone(),
        seed: Vec::new(),
        msgs1: msgs1.clone(),
        attachments: attachments.clone(),
    };
    attachments[2] = cheater.resign(2, &msgs1[2], None);

    // ANCHOR: cocktail_coordinator_attachments
    // The coordinator checks every attachment against its msg1 (naming a
    // sender whose attachment fails: it received it directly), then sends
    // participant i its msg2 and, as a message of its own, the signatures
    // made for i.
    cocktail::coordinator_check_attachments(&msgs1, &attachments, &session)?;
    let (_coordinator, msgs2) = cocktail::coordinator_step1(&msgs1, &session)?;
    let blame_msgs: Vec<Vec<u8>> = (0..3)
        .map(|i| {
            cocktail::coordinator_attachment_projection(
                &attachments,
                &session,
                i,
            )
            .expect("checked attachments")
        })
        .collect();
    // ANCHOR_END: cocktail_coordinator_attachments

    // ANCHOR: cocktail_blame
    // Participant 1's round 2 fails: sender 3's ciphertext does not
    // decrypt, which alone it could only report. With the attachments it
    // proves it.
    let state = states.remove(0);
    let failure = cocktail::participant_step2(
        &static_keys[0],
        state,
        &msgs2[0],
        Extension::Bytes(b""),
    )
    .expect_err("the ciphertext is bad");
    assert_eq!(
        failure.error,
        frost::Error::FaultyParticipantOrCoordinator {
            culprit: frost::Identifier::try_from(3)?
        }
    );
    let accusation = cocktail::participant_blame(
        &static_keys[0],
        &session,
        &msgs2[0],
        &blame_msgs[0],
    )?;
    // Publish the bytes. They reveal d_1 * E_3 and d_1 * P_3: the second is
    // the static-static secret between participants 1 and 3, for good.
    // Participant 1 should now rotate its static key.
    let published = accusation.to_bytes();
    // ANCHOR_END: cocktail_blame

    // ANCHOR: cocktail_adjudicate
    // Anyone who knows the session (host keys, t, context) decides, with
    // nothing else:
    let accusation = cocktail::Accusation::from_bytes(&published)?;
    match accusation.verify(&session) {
        cocktail::Verdict::SenderGuilty(culprit) => {
            // Proven: exclude it from the next session.
            assert_eq!(culprit, frost::Identifier::try_from(3)?);
        }
        cocktail::Verdict::AccuserGuilty(liar) => {
            panic!("participant {liar:?} made a false accusation");
        }
        cocktail::Verdict::Rejected(reason) => {
            panic!("not attributable: {reason}");
        }
    }
    // ANCHOR_END: cocktail_adjudicate

    // ANCHOR: cocktail_coordinator_blame
    // A coordinator that alters the ciphertext from sender 1 to participant 2
    // (the end of sender 1's part of msg2: the block and one framed
    // ciphertext) ...
    let mut altered = msgs2[1].clone();
    altered[160 + 8 + 47] ^= 1;
    // ... cannot make participant 2 accuse sender 1: sender 1's signature
    // fails on the slice received, which only the coordinator can have
    // caused (it checked every signature before forwarding).
    assert_eq!(
        cocktail::participant_blame(
            &static_keys[1],
            &session,
            &altered,
            &blame_msgs[1]
        )
        .map(|a| a.sender()),
        Err(frost::Error::FaultyCoordinator)
    );
    // ANCHOR_END: cocktail_coordinator_blame
    Ok(())
}

/// A copy of the static keys, for the cheater's helper (keys are not `Clone`).
fn copies(keys: &[HostSecretKey]) -> Vec<HostSecretKey> {
    keys.iter()
        .map(|k| HostSecretKey::from_bytes(&k.to_bytes()).expect("a valid key"))
        .collect()
}
