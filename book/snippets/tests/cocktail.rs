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
