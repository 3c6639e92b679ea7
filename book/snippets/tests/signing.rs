//! Chapter "Signing".

use std::collections::BTreeMap;

use frost_ristretto255 as frost;

mod common;

use common::dealer_keys;

#[test]
fn three_of_five_sign_a_message() -> Result<(), frost::Error> {
    let (key_packages, public_key_package) = dealer_keys(5, 3)?;
    let mut rng = rand::rng();

    // ANCHOR: commit
    // Round 1, on each chosen signer's machine: 1, 3 and 4 of 5.
    let signers = [1, 3, 4].map(|n| frost::Identifier::try_from(n).unwrap());
    let mut nonces = BTreeMap::new(); // each signer keeps its own, secret
    let mut commitments = BTreeMap::new(); // sent to the coordinator
    for me in signers {
        let signing_share = key_packages[&me].signing_share();
        let (my_nonces, my_commitments) =
            frost::round1::commit(signing_share, &mut rng);
        nonces.insert(me, my_nonces);
        commitments.insert(me, my_commitments);
    }
    // ANCHOR_END: commit

    // ANCHOR: signing_package
    // The coordinator, with at least `min_signers` commitments in hand.
    let message = b"pay 10 coins to Bob";
    let signing_package = frost::SigningPackage::new(commitments, message);
    // The same package goes to every signer in it.
    // ANCHOR_END: signing_package

    // ANCHOR: sign
    // Round 2, on each signer's machine.
    let mut signature_shares = BTreeMap::new();
    for (me, my_nonces) in nonces {
        // `sign` takes the nonces by value: once it returns they are gone.
        let share = frost::round2::sign(
            &signing_package,
            my_nonces,
            &key_packages[&me],
        )?;
        signature_shares.insert(me, share); // sent to the coordinator
    }
    // ANCHOR_END: sign

    // ANCHOR: aggregate
    // The coordinator combines the shares into one signature.
    let signature = frost::aggregate(
        &signing_package,
        &signature_shares,
        &public_key_package,
    )?;
    // ANCHOR_END: aggregate

    // ANCHOR: verify
    // Anyone with the group's verifying key checks it like any signature.
    let verifying_key = public_key_package.verifying_key();
    verifying_key.verify(message, &signature)?;
    let signature_bytes = signature.serialize(); // R then z: 32 + 32 bytes
    let key_bytes = verifying_key.serialize(); // 32 bytes
    // ANCHOR_END: verify

    assert_eq!(signature_bytes.len(), 64);
    assert_eq!(key_bytes.len(), 32);
    assert_eq!(
        verifying_key.verify(b"pay 1000 coins to Mallory", &signature),
        Err(frost::Error::InvalidSignature)
    );
    let decoded = frost::Signature::deserialize(&signature_bytes)?;
    frost::VerifyingKey::deserialize(&key_bytes)?.verify(message, &decoded)?;
    Ok(())
}

#[test]
fn coordinator_checks_shares_as_they_arrive() -> Result<(), frost::Error> {
    let (key_packages, public_key_package) = dealer_keys(5, 3)?;
    let mut rng = rand::rng();
    let signers = [2, 4, 5].map(|n| frost::Identifier::try_from(n).unwrap());
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for me in signers {
        let (n, c) =
            frost::round1::commit(key_packages[&me].signing_share(), &mut rng);
        nonces.insert(me, n);
        commitments.insert(me, c);
    }
    let signing_package = frost::SigningPackage::new(commitments, b"early");
    for (sender, my_nonces) in nonces {
        let share = frost::round2::sign(
            &signing_package,
            my_nonces,
            &key_packages[&sender],
        )?;
        // ANCHOR: verify_share
        // A coordinator that wants to check each share as it arrives:
        frost::verify_signature_share(
            sender,
            &public_key_package.verifying_shares()[&sender],
            &share,
            &signing_package,
            public_key_package.verifying_key(),
        )?;
        // ANCHOR_END: verify_share
    }
    Ok(())
}
