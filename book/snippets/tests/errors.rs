//! Chapter "Errors and culprits".

use std::collections::BTreeMap;

use frost::keys::dkg;
use frost_ristretto255 as frost;

mod common;

use common::dealer_keys;

fn id(n: u16) -> frost::Identifier {
    frost::Identifier::try_from(n).expect("non-zero")
}

// ANCHOR: describe
/// What an application tells its operator. `directory` maps identifiers to
/// the people or machines behind them.
fn describe(
    err: &frost::Error,
    directory: &BTreeMap<frost::Identifier, &str>,
) -> String {
    let culprits = err.culprits();
    if culprits.is_empty() {
        return format!("failed: {err}");
    }
    let names: Vec<&str> = culprits
        .iter()
        .map(|id| directory.get(id).copied().unwrap_or("someone unknown"))
        .collect();
    format!("failed because of {}: {err}", names.join(" and "))
}
// ANCHOR_END: describe

#[test]
fn a_bad_dkg_share_names_its_sender() -> Result<(), frost::Error> {
    let mut rng = rand::rng();
    let (alice, bob, mallory) = (id(1), id(2), id(3));
    let directory =
        BTreeMap::from([(alice, "Alice"), (bob, "Bob"), (mallory, "Mallory")]);
    let mut round1_secrets = BTreeMap::new();
    let mut broadcast = BTreeMap::new();
    for me in [alice, bob, mallory] {
        let (secret, package) = dkg::part1(me, 3, 2, &mut rng)?;
        round1_secrets.insert(me, secret);
        broadcast.insert(me, package);
    }
    let received_round1 = |me: frost::Identifier| -> BTreeMap<_, _> {
        let mut others = broadcast.clone();
        others.remove(&me);
        others
    };
    let mut round2_secrets = BTreeMap::new();
    let mut inboxes: BTreeMap<_, BTreeMap<_, _>> = BTreeMap::new();
    for (me, secret) in round1_secrets {
        let (secret2, outgoing) = dkg::part2(secret, &received_round1(me))?;
        round2_secrets.insert(me, secret2);
        for (recipient, package) in outgoing {
            inboxes.entry(recipient).or_default().insert(me, package);
        }
    }
    // Mallory sends Alice the share she computed for Bob.
    let for_bob = inboxes[&bob][&mallory].clone();
    inboxes.get_mut(&alice).unwrap().insert(mallory, for_bob);

    // ANCHOR: dkg_culprit
    // Alice's round 3.
    let result = dkg::part3(
        &round2_secrets[&alice],
        &received_round1(alice),
        &inboxes[&alice],
    );
    let err = result.unwrap_err();
    assert_eq!(
        err,
        frost::Error::InvalidSecretShare {
            culprits: vec![mallory]
        }
    );
    assert_eq!(err.culprits(), [mallory]);
    let message = describe(&err, &directory);
    assert!(message.starts_with("failed because of Mallory: "));
    // ANCHOR_END: dkg_culprit

    // Bob's share from Mallory is fine: only Alice saw anything wrong, and
    // she cannot show the others a valid proof of it.
    let bob_result = dkg::part3(
        &round2_secrets[&bob],
        &received_round1(bob),
        &inboxes[&bob],
    );
    assert!(bob_result.is_ok());
    Ok(())
}

/// Keys and a finished signing round for signers 1, 2 and 3 of 5.
struct Session {
    public_key_package: frost::keys::PublicKeyPackage,
    signing_package: frost::SigningPackage,
    shares: BTreeMap<frost::Identifier, frost::round2::SignatureShare>,
}

fn session() -> Result<Session, frost::Error> {
    let mut rng = rand::rng();
    let (key_packages, public_key_package) = dealer_keys(5, 3)?;
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for me in [id(1), id(2), id(3)] {
        let (n, c) =
            frost::round1::commit(key_packages[&me].signing_share(), &mut rng);
        nonces.insert(me, n);
        commitments.insert(me, c);
    }
    let signing_package = frost::SigningPackage::new(commitments, b"msg");
    let mut shares = BTreeMap::new();
    for (me, n) in nonces {
        let share =
            frost::round2::sign(&signing_package, n, &key_packages[&me])?;
        shares.insert(me, share);
    }
    Ok(Session {
        public_key_package,
        signing_package,
        shares,
    })
}

#[test]
fn a_bad_signature_share_names_its_signer() -> Result<(), frost::Error> {
    let Session {
        public_key_package,
        signing_package,
        mut shares,
    } = session()?;
    let bob = id(2);
    // ANCHOR: signing_culprit
    // Bob's share arrives with one bit flipped.
    let mut bytes = shares[&bob].serialize();
    bytes[0] ^= 1;
    shares.insert(bob, frost::round2::SignatureShare::deserialize(&bytes)?);

    let err = frost::aggregate(&signing_package, &shares, &public_key_package)
        .unwrap_err();
    assert_eq!(err.culprits(), [bob]);
    assert!(matches!(err, frost::Error::InvalidSignatureShare { .. }));
    // ANCHOR_END: signing_culprit
    Ok(())
}

#[test]
fn a_silent_signer_is_named() -> Result<(), frost::Error> {
    let Session {
        public_key_package,
        signing_package,
        mut shares,
    } = session()?;
    // ANCHOR: missing_share
    // Signer 3 committed but never sent its share.
    shares.remove(&id(3));
    let err = frost::aggregate(&signing_package, &shares, &public_key_package)
        .unwrap_err();
    assert_eq!(
        err,
        frost::Error::MissingSignatureShare {
            culprits: vec![id(3)]
        }
    );
    // ANCHOR_END: missing_share
    Ok(())
}

#[test]
fn a_coordinator_cannot_swap_commitments() -> Result<(), frost::Error> {
    let mut rng = rand::rng();
    let (key_packages, _) = dealer_keys(3, 2)?;
    let (alice_nonces, _) =
        frost::round1::commit(key_packages[&id(1)].signing_share(), &mut rng);
    let (_, bob_commitments) =
        frost::round1::commit(key_packages[&id(2)].signing_share(), &mut rng);
    let (_, forged) =
        frost::round1::commit(key_packages[&id(1)].signing_share(), &mut rng);
    // ANCHOR: no_culprit
    // The coordinator puts other commitments than Alice's in her name.
    let package = frost::SigningPackage::new(
        BTreeMap::from([(id(1), forged), (id(2), bob_commitments)]),
        b"msg",
    );
    let err =
        frost::round2::sign(&package, alice_nonces, &key_packages[&id(1)])
            .unwrap_err();
    assert_eq!(err, frost::Error::IncorrectOwnCommitment);
    assert!(err.culprits().is_empty()); // the coordinator has no identifier
    // ANCHOR_END: no_culprit
    Ok(())
}
