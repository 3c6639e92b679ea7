// A trusted dealer splits a fresh key 3-of-5; three participants sign one
// message; the coordinator aggregates and the signature verifies under the
// group key.
//
// This file is written once and run by every suite crate, each of which
// names itself `frost` and includes it:
// `cargo run --example dealer -p frost-ed25519`.

use std::collections::BTreeMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rng = rand::rng();
    let (max_signers, min_signers) = (5, 3);

    // The dealer sends each participant its secret share over a confidential,
    // authenticated channel, and publishes the public key package.
    let (shares, public_key_package) =
        frost::keys::generate_with_dealer(max_signers, min_signers, frost::keys::IdentifierList::Default, &mut rng)?;

    // Each participant checks its share against the dealer's commitment.
    let mut key_packages = BTreeMap::new();
    for (identifier, share) in shares {
        key_packages.insert(identifier, frost::keys::KeyPackage::try_from(share)?);
    }

    // Round one: the chosen signers commit to nonces.
    let message = b"pay 10 coins to Bob";
    let signers: Vec<_> = key_packages.keys().take(usize::from(min_signers)).copied().collect();
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for id in &signers {
        let (signing_nonces, signing_commitments) = frost::round1::commit(key_packages[id].signing_share(), &mut rng);
        nonces.insert(*id, signing_nonces);
        commitments.insert(*id, signing_commitments);
    }

    // Round two: the coordinator sends one signing package; each signer
    // consumes its nonces to produce a share.
    let signing_package = frost::SigningPackage::new(commitments, message);
    let mut shares = BTreeMap::new();
    for (id, signing_nonces) in nonces {
        shares.insert(id, frost::round2::sign(&signing_package, signing_nonces, &key_packages[&id])?);
    }

    let signature = frost::aggregate(&signing_package, &shares, &public_key_package)?;
    public_key_package.verifying_key().verify(message, &signature)?;

    println!("group key:  {}", hex::encode(public_key_package.verifying_key().serialize()));
    println!("signers:    {min_signers} of {max_signers}");
    println!("signature:  {}", hex::encode(signature.serialize()));
    println!("verified under the group key");
    Ok(())
}
