//! Chapter "A DKG without a broadcast channel".

use std::collections::BTreeMap;

use frost_secp256k1_tr as frost;

use frost::keys::chilldkg::{self, HostSecretKey, SessionParams};

#[test]
fn session() -> Result<(), frost::Error> {
    let mut rng = rand::rng();
    // ANCHOR: host_keys
    // Once, long before any session: each participant makes a host key and
    // keeps it (with a backup) for as long as any key from its sessions is in
    // use. Only the public half is ever sent.
    let host_keys: Vec<HostSecretKey> =
        (0..3).map(|_| HostSecretKey::generate(&mut rng)).collect();
    let backup = host_keys[0].to_bytes(); // to store encrypted, offline
    assert_eq!(
        HostSecretKey::from_bytes(&backup)?.public_key(),
        host_keys[0].public_key()
    );
    let hostpubkeys: Vec<Vec<u8>> = host_keys
        .iter()
        .map(|k| k.public_key().to_bytes())
        .collect();
    // ANCHOR_END: host_keys

    // ANCHOR: params
    // Every participant builds the parameters from the keys it collected, in
    // the agreed order (position i is Identifier i + 1), and t = 2.
    let params = SessionParams::new(&hostpubkeys, 2)?;
    // Read this aloud, or compare it over any authenticated channel, with
    // every other participant before step 1. A difference means someone
    // holds a wrong host key: stop.
    let fingerprint = params.params_hash().to_string(); // "3F2A 91C0 ..."
    // ANCHOR_END: params
    assert_eq!(fingerprint.len(), 79);

    // ANCHOR: step1
    // Each participant: step 1, then send pmsg1 to the coordinator. The
    // 32 random bytes must be fresh for every session.
    let mut states1 = Vec::new();
    let mut pmsgs1 = Vec::new();
    for key in &host_keys {
        let random: [u8; 32] = rand::random();
        let (state1, pmsg1) =
            chilldkg::participant_step1(key, &params, &random)?;
        states1.push(state1);
        pmsgs1.push(pmsg1);
    }
    // ANCHOR_END: step1

    // ANCHOR: coordinator_step1
    // The coordinator (untrusted: it sees only public data and ciphertexts)
    // aggregates the n messages, in session order, into one, sent to all.
    let (coordinator_state, cmsg1) =
        chilldkg::coordinator_step1(&pmsgs1, &params)?;
    // ANCHOR_END: coordinator_step1

    // ANCHOR: step2
    // Each participant: step 2 decrypts its share and checks everything it
    // can; pmsg2 is its signature over the whole transcript.
    // From the moment pmsg2 is sent, never delete the host key.
    let mut states2 = Vec::new();
    let mut pmsgs2 = Vec::new();
    for (key, state1) in host_keys.iter().zip(states1) {
        let aux: [u8; 32] = rand::random();
        let (state2, pmsg2) =
            chilldkg::participant_step2(key, state1, &cmsg1, &aux)
                .map_err(|failure| failure.error)?;
        states2.push(state2);
        pmsgs2.push(pmsg2);
    }
    // ANCHOR_END: step2

    // ANCHOR: finalize
    // The coordinator assembles the certificate (the n signatures) and sends
    // it to everybody; each participant checks it.
    let (cmsg2, coordinator_output, recovery_data) =
        chilldkg::coordinator_finalize(coordinator_state, &pmsgs2)?;
    let mut outputs = Vec::new();
    for state2 in states2 {
        let (output, my_recovery_data) =
            chilldkg::participant_finalize(state2, &cmsg2)
                .map_err(|(_state2, e)| e)?;
        assert_eq!(my_recovery_data, recovery_data);
        outputs.push(output);
    }
    // Everybody, the coordinator included, has the same threshold key.
    for output in &outputs {
        assert_eq!(
            output.threshold_public_key(),
            coordinator_output.threshold_public_key()
        );
    }
    // ANCHOR_END: finalize

    // ANCHOR: acks
    // Before using the key: everybody stores the recovery data, says so with
    // an acknowledgment, and checks everybody else's.
    let acks: Vec<Vec<u8>> = host_keys
        .iter()
        .map(|key| {
            chilldkg::participant_recovery_ack_sign(
                key,
                &recovery_data,
                &params,
                &rand::random::<[u8; 32]>(),
            )
        })
        .collect::<Result<_, _>>()?;
    chilldkg::participant_recovery_acks_verify(&recovery_data, &params, &acks)?;
    // ANCHOR_END: acks

    // ANCHOR: recover
    // A lost device, a crash after step 2, a certificate that never came:
    // the host key and the (public) recovery data give the whole output back.
    let (recovered, recovered_params) =
        chilldkg::participant_recover(&host_keys[1], &recovery_data)?;
    assert_eq!(recovered, outputs[1]);
    assert_eq!(recovered_params, params);
    // ANCHOR_END: recover

    // ANCHOR: into_frost
    // Into FROST: a key package per participant, one public key package.
    let public_key_package = coordinator_output.public_key_package()?;
    let key_packages: BTreeMap<_, _> = outputs
        .iter()
        .map(|output| {
            let key_package =
                output.key_package()?.expect("a participant's output");
            Ok((*key_package.identifier(), key_package))
        })
        .collect::<Result<_, frost::Error>>()?;
    // ANCHOR_END: into_frost
    assert_eq!(key_packages.len(), 3);
    assert_eq!(public_key_package.min_signers(), Some(2));
    Ok(())
}

#[test]
fn investigation() -> Result<(), frost::Error> {
    let mut rng = rand::rng();
    let host_keys: Vec<HostSecretKey> =
        (0..3).map(|_| HostSecretKey::generate(&mut rng)).collect();
    let hostpubkeys: Vec<Vec<u8>> = host_keys
        .iter()
        .map(|k| k.public_key().to_bytes())
        .collect();
    let params = SessionParams::new(&hostpubkeys, 2)?;
    let mut states1 = Vec::new();
    let mut pmsgs1 = Vec::new();
    for key in &host_keys {
        let (state1, pmsg1) = chilldkg::participant_step1(
            key,
            &params,
            &rand::random::<[u8; 32]>(),
        )?;
        states1.push(state1);
        pmsgs1.push(pmsg1);
    }
    // Participant 3 (position 2) encrypts a wrong share to participant 1:
    // its encrypted shares follow 33 t + 97 bytes of commitment, proof and
    // nonce.
    let share_to_first = 33 * 2 + 97;
    pmsgs1[2][share_to_first + 31] ^= 1;
    let (_coordinator_state, cmsg1) =
        chilldkg::coordinator_step1(&pmsgs1, &params)?;
    let state1 = states1.remove(0);

    // ANCHOR: investigate
    match chilldkg::participant_step2(
        &host_keys[0],
        state1,
        &cmsg1,
        &rand::random::<[u8; 32]>(),
    ) {
        Ok(_) => unreachable!("the share is wrong"),
        Err(failure) => match failure.investigation {
            // Our share does not match the commitments, and nobody can tell
            // yet whose fault: ask the coordinator for the investigation
            // messages (computed from the pmsg1 it kept), one per participant.
            Some(investigation) => {
                let cinvs =
                    chilldkg::coordinator_investigate(&pmsgs1, &params)?;
                let verdict =
                    chilldkg::participant_investigate(investigation, &cinvs[0]);
                // Participant 3, or a coordinator that altered its share.
                assert_eq!(
                    verdict,
                    frost::Error::FaultyParticipantOrCoordinator {
                        culprit: frost::Identifier::try_from(3)?
                    }
                );
                assert!(verdict.blames_coordinator());
            }
            // Anything else names its suspect directly.
            None => return Err(failure.error),
        },
    }
    // ANCHOR_END: investigate
    Ok(())
}

/// A copy of the host keys, for the cheater's helper (keys are not `Clone`).
fn copies(keys: &[HostSecretKey]) -> Vec<HostSecretKey> {
    keys.iter()
        .map(|k| HostSecretKey::from_bytes(&k.to_bytes()).expect("a valid key"))
        .collect()
}

#[test]
fn blame() -> Result<(), frost::Error> {
    let mut rng = rand::rng();
    let host_keys: Vec<HostSecretKey> =
        (0..3).map(|_| HostSecretKey::generate(&mut rng)).collect();
    let hostpubkeys: Vec<Vec<u8>> = host_keys
        .iter()
        .map(|k| k.public_key().to_bytes())
        .collect();
    let params = SessionParams::new(&hostpubkeys, 2)?;

    // ANCHOR: attachments
    // Each participant: step 1 with the blame attachment. pmsg1 is the
    // standard message, byte for byte; the attachment (128 bytes: a
    // host-key signature over pmsg1 and a proof of possession of the
    // ephemeral key) travels beside it to the coordinator.
    let mut randoms = Vec::new();
    let mut states1 = Vec::new();
    let mut pmsgs1 = Vec::new();
    let mut attachments = Vec::new();
    for key in &host_keys {
        let random: [u8; 32] = rand::random();
        let (state1, pmsg1, attachment) =
            chilldkg::participant_step1_with_attachment(key, &params, &random)?;
        randoms.push(random);
        states1.push(state1);
        pmsgs1.push(pmsg1);
        attachments.push(attachment);
    }
    // ANCHOR_END: attachments

    // Participant 3 (position 2) cheats: a wrong share to participant 1,
    // and, holding its own host key, a valid signature over what it sends.
    let share_to_first = 33 * 2 + 97;
    pmsgs1[2][share_to_first + 31] ^= 1;
    let cheater = frost_core::testing::chilldkg_blame::Round1 {
        keys: copies(&host_keys),
        params: params.clone(),
        randoms,
        pmsgs1: pmsgs1.clone(),
        attachments: attachments.clone(),
    };
    attachments[2] = cheater.resign(2, &pmsgs1[2], None);

    // ANCHOR: coordinator_attachments
    // The coordinator checks each attachment against its message (it names
    // a sender whose attachment fails: it received it directly), keeps the
    // messages and attachments for an investigation, and aggregates.
    chilldkg::coordinator_check_attachments(&pmsgs1, &attachments, &params)?;
    let (_coordinator_state, cmsg1) =
        chilldkg::coordinator_step1(&pmsgs1, &params)?;
    // ANCHOR_END: coordinator_attachments

    // ANCHOR: blame
    // Participant 1's step 2 fails: its share does not match the summed
    // commitment. Instead of an investigation that can only name a
    // suspect, it asks the coordinator for the n pmsg1 and attachments and
    // looks for the sender at fault, proving it to everyone.
    let state1 = states1.remove(0);
    let aux: [u8; 32] = rand::random();
    let failure =
        chilldkg::participant_step2(&host_keys[0], state1, &cmsg1, &aux)
            .expect_err("the share is wrong");
    assert_eq!(failure.error, frost::Error::UnknownFault);
    let accusation = chilldkg::participant_blame(
        &host_keys[0],
        &params,
        &cmsg1,
        &pmsgs1,
        &attachments,
    )?;
    // Publish the bytes: they reveal one ECDH value, which opens only the
    // share participant 3 sent participant 1 in this session.
    let published = accusation.to_bytes();
    // ANCHOR_END: blame

    // ANCHOR: adjudicate
    // Anyone who knows the session parameters (every participant, an
    // auditor) decides, with nothing else:
    let accusation = chilldkg::Accusation::from_bytes(&published)?;
    match accusation.verify(&params) {
        chilldkg::Verdict::SenderGuilty(culprit) => {
            // Proven: exclude it from the next session.
            assert_eq!(culprit, frost::Identifier::try_from(3)?);
        }
        chilldkg::Verdict::AccuserGuilty(liar) => {
            // The accuser's own evidence convicts it.
            panic!("participant {liar:?} made a false accusation");
        }
        chilldkg::Verdict::Rejected(reason) => {
            // Forged, altered, or from another session: ignore it.
            panic!("not attributable: {reason}");
        }
    }
    // ANCHOR_END: adjudicate

    // ANCHOR: coordinator_blame
    // A coordinator that alters the summed share it sends participant 2
    // (cmsg1 ends with the n summed shares, 32 bytes each) ...
    let mut altered = cmsg1.clone();
    let last = altered.len() - 33;
    altered[last] ^= 1;
    // ... cannot make it accuse anybody: every signed share opens
    // correctly, and cmsg1 is not what the signed messages sum to.
    assert_eq!(
        chilldkg::participant_blame(
            &host_keys[1],
            &params,
            &altered,
            &pmsgs1,
            &attachments
        )
        .map(|a| a.sender()),
        Err(frost::Error::FaultyCoordinator)
    );
    // ANCHOR_END: coordinator_blame
    Ok(())
}
