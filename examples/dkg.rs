// Five participants run the three-part DKG (no trusted dealer), then three
// of them sign one message.
//
// Written once and run by every suite crate, each of which names itself
// `frost` and includes it: `cargo run --example dkg -p frost-ed25519`.
//
// Here the participants share one process. Really, round 1 needs a
// broadcast channel (everyone must see the same package from each sender;
// compare `transcript_digest` out of band) and round 2 an authenticated,
// confidential channel to each recipient.

use std::collections::BTreeMap;

use frost::keys::dkg;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = rand::rng();
    let (max_signers, min_signers) = (5u16, 3u16);
    let ids = (1..=max_signers).map(frost::Identifier::try_from).collect::<Result<Vec<_>, _>>()?;

    // Part 1: each participant commits to a random polynomial and broadcasts
    // the commitment with a proof of knowledge of its secret.
    let mut round1_secrets = BTreeMap::new();
    let mut broadcast = BTreeMap::new();
    for id in &ids {
        let (secret, package) = dkg::part1(*id, max_signers, min_signers, &mut rng)?;
        round1_secrets.insert(*id, secret);
        broadcast.insert(*id, package);
    }
    println!("round 1 transcript digest: {}", hex::encode(dkg::round1::transcript_digest(&broadcast)));
    let received_by = |me: &frost::Identifier| -> BTreeMap<_, _> {
        broadcast.iter().filter(|(id, _)| *id != me).map(|(id, p)| (*id, p.clone())).collect()
    };

    // Part 2: each checks the others' proofs and sends each one its share.
    let mut round2_secrets = BTreeMap::new();
    let mut inbox: BTreeMap<frost::Identifier, BTreeMap<_, _>> = BTreeMap::new();
    for (id, secret) in round1_secrets {
        let (secret2, outgoing) = dkg::part2(secret, &received_by(&id))?;
        round2_secrets.insert(id, secret2);
        for (recipient, package) in outgoing {
            inbox.entry(recipient).or_default().insert(id, package);
        }
    }

    // Part 3: each checks the shares it received and derives its keys.
    let mut key_packages = BTreeMap::new();
    let mut public_key_packages = Vec::new();
    for (id, secret2) in &round2_secrets {
        let (key_package, public_key_package) = dkg::part3(secret2, &received_by(id), &inbox[id])?;
        key_packages.insert(*id, key_package);
        public_key_packages.push(public_key_package);
    }
    // Everyone must end with the same public key package.
    let public_key_package = public_key_packages.pop().ok_or("no participants")?;
    if public_key_packages.iter().any(|p| p != &public_key_package) {
        return Err("the participants disagree on the public key package".into());
    }

    // Signing, as with dealer keys.
    let message = b"pay 10 coins to Bob";
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for id in &ids[..usize::from(min_signers)] {
        let (signing_nonces, signing_commitments) = frost::round1::commit(key_packages[id].signing_share(), &mut rng);
        nonces.insert(*id, signing_nonces);
        commitments.insert(*id, signing_commitments);
    }
    let signing_package = frost::SigningPackage::new(commitments, message);
    let mut shares = BTreeMap::new();
    for (id, signing_nonces) in nonces {
        shares.insert(id, frost::round2::sign(&signing_package, signing_nonces, &key_packages[&id])?);
    }
    let signature = frost::aggregate(&signing_package, &shares, &public_key_package)?;
    public_key_package.verifying_key().verify(message, &signature)?;

    println!("group key: {}", hex::encode(public_key_package.verifying_key().serialize()));
    println!("signature: {}", hex::encode(signature.serialize()));
    println!("{min_signers}-of-{max_signers} DKG, signature verified under the group key");
    Ok(())
}
