//! Chapter "Robust signing with ROAST".

use std::collections::{BTreeMap, VecDeque};

use frost::roast::{
    Coordinator, CoordinatorMessage, Done, Reply, Signer, Step,
};
use frost_ristretto255 as frost;

mod common;

use common::dealer_keys;

/// An in-memory stand-in for authenticated channels: bytes in flight, with
/// the identifier of the signer at the other end.
#[derive(Default)]
struct Network {
    to_coordinator: VecDeque<(frost::Identifier, Vec<u8>)>,
    to_signers: VecDeque<(frost::Identifier, Vec<u8>)>,
}

#[test]
fn robust_signing() -> Result<(), frost::Error> {
    let mut rng = rand::rng();
    let (key_packages, public_key_package) = dealer_keys(5, 3)?;
    let message = b"pay 1 BTC to Carol";
    let mut net = Network::default();
    // Signer 5 sends its commitments, then never signs: it would stall a
    // plain FROST session forever.
    let silent = frost::Identifier::try_from(5)?;

    // ANCHOR: signer_start
    // Each signer, for this coordinator and this message: its helper and
    // its first reply (fresh commitments, no share yet).
    let mut signers = BTreeMap::new();
    for (id, key_package) in key_packages {
        let (signer, first_reply) =
            Signer::new(key_package, message, &mut rng)?;
        net.to_coordinator.push_back((id, first_reply.serialize()));
        signers.insert(id, signer);
    }
    // ANCHOR_END: signer_start

    // ANCHOR: coordinator
    let mut coordinator = Coordinator::new(&public_key_package, message)?;
    // ANCHOR_END: coordinator

    let signature = loop {
        // ANCHOR: coordinator_loop
        // The coordinator: one reply at a time, from an authenticated
        // sender, exact duplicates already dropped by the transport.
        if let Some((sender, bytes)) = net.to_coordinator.pop_front() {
            let reply = Reply::deserialize(&bytes)?;
            match coordinator.receive(sender, reply)? {
                Step::Start(start) => {
                    let bytes =
                        CoordinatorMessage::Start(start.clone()).serialize();
                    for signer in start.signers() {
                        net.to_signers.push_back((signer, bytes.clone()));
                    }
                }
                Step::Signature(signature) => {
                    let done =
                        CoordinatorMessage::Done(Done::new()).serialize();
                    for signer in public_key_package.verifying_shares().keys() {
                        net.to_signers.push_back((*signer, done.clone()));
                    }
                    break signature;
                }
                Step::Waiting => {}
            }
        }
        // ANCHOR_END: coordinator_loop
        // ANCHOR: signer_loop
        // Each signer: sign the sessions it is put in, answer with its share
        // and fresh commitments.
        if let Some((me, bytes)) = net.to_signers.pop_front() {
            let message = CoordinatorMessage::deserialize(&bytes)?;
            let signer = signers.get_mut(&me).expect("a signer of ours");
            if me == silent {
                continue;
            }
            if let Some(reply) = signer.receive(&message, &mut rng)? {
                net.to_coordinator.push_back((me, reply.serialize()));
            }
        }
        // ANCHOR_END: signer_loop
    };

    // ANCHOR: verify
    public_key_package
        .verifying_key()
        .verify(message, &signature)?;
    // A silent signer is not a cheater: nobody was marked.
    assert!(coordinator.malicious().is_empty());
    assert!(coordinator.sessions_started() <= 5 - 3 + 1);
    // ANCHOR_END: verify
    while let Some((me, bytes)) = net.to_signers.pop_front() {
        let message = CoordinatorMessage::deserialize(&bytes)?;
        let signer = signers.get_mut(&me).expect("a signer of ours");
        if matches!(message, CoordinatorMessage::Done(_)) {
            signer.receive(&message, &mut rng)?;
            assert!(!signer.has_pending_nonces());
        }
    }
    Ok(())
}

#[test]
fn cheaters_are_named() -> Result<(), frost::Error> {
    let mut rng = rand::rng();
    let (key_packages, public_key_package) = dealer_keys(3, 2)?;
    let message = b"cheaters";
    let mut coordinator = Coordinator::new(&public_key_package, message)?;
    let mut first = BTreeMap::new();
    for (id, key_package) in key_packages {
        first.insert(id, Signer::new(key_package, message, &mut rng)?.1);
    }
    let ids: Vec<_> = first.keys().copied().collect();
    // ANCHOR: culprits
    // A signer that answers twice is marked, and from then on ignored.
    coordinator.receive(ids[0], first[&ids[0]].clone())?;
    coordinator.receive(ids[0], first[&ids[0]].clone())?;
    for (signer, why) in coordinator.malicious() {
        println!("signer {signer} {why}"); // "signer 1 sent a reply nobody asked for"
    }
    // More than n - t marked: no t honest signers remain, and the
    // coordinator gives up, naming every one of them.
    coordinator.receive(ids[1], first[&ids[1]].clone())?;
    let err = coordinator
        .receive(ids[1], first[&ids[1]].clone())
        .expect_err("too many cheaters");
    assert_eq!(err.culprits(), [ids[0], ids[1]]);
    // ANCHOR_END: culprits
    Ok(())
}

#[test]
fn several_coordinators() -> Result<(), frost::Error> {
    let mut rng = rand::rng();
    let (key_packages, _) = dealer_keys(3, 2)?;
    let message = b"two coordinators";
    let key_package = key_packages.into_values().next().expect("a key package");
    // ANCHOR: several
    // One helper per coordinator: each holds the nonces whose commitments
    // went to that coordinator, and signs only with those.
    let (for_alice, reply_to_alice) =
        Signer::new(key_package.clone(), message, &mut rng)?;
    let (for_bob, reply_to_bob) = Signer::new(key_package, message, &mut rng)?;
    assert_ne!(reply_to_alice.commitments(), reply_to_bob.commitments());
    // ANCHOR_END: several
    drop((for_alice, for_bob));
    Ok(())
}

#[test]
fn taproot() -> Result<(), frost_secp256k1_tr::Error> {
    use frost_secp256k1_tr::taproot::{self, Tweak};
    let mut rng = rand::rng();
    let (shares, public_key_package) =
        frost_secp256k1_tr::keys::generate_with_dealer(
            3,
            2,
            frost_secp256k1_tr::keys::IdentifierList::Default,
            &mut rng,
        )?;
    let sighash = [7u8; 32];
    // ANCHOR: taproot
    let tweak = Tweak::KeyPath;
    let mut coordinator =
        taproot::roast::coordinator(&public_key_package, &sighash, &tweak)?;
    let mut signers = BTreeMap::new();
    let mut replies = VecDeque::new();
    for (id, share) in shares {
        let key_package =
            frost_secp256k1_tr::keys::KeyPackage::try_from(share)?;
        let (signer, first_reply) =
            taproot::roast::signer(&key_package, &sighash, &tweak, &mut rng)?;
        signers.insert(id, signer);
        replies.push_back((id, first_reply));
    }
    // ... then exactly as above ...
    // ANCHOR_END: taproot
    let signature = loop {
        let (sender, reply) =
            replies.pop_front().expect("honest signers answer");
        match coordinator.receive(sender, reply)? {
            frost_secp256k1_tr::roast::Step::Start(start) => {
                for id in start.signers() {
                    let signer: &mut frost_secp256k1_tr::roast::Signer =
                        signers.get_mut(&id).expect("a signer");
                    replies.push_back((id, signer.sign(&start, &mut rng)?));
                }
            }
            frost_secp256k1_tr::roast::Step::Signature(signature) => {
                break signature;
            }
            frost_secp256k1_tr::roast::Step::Waiting => {}
        }
    };
    taproot::output_key(public_key_package.verifying_key(), &tweak)?
        .verify(&sighash, &signature)?;
    Ok(())
}
