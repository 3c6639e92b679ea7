// ANCHOR: body
use std::collections::BTreeMap;

/// A 2-of-3 group gets its keys from a dealer, then two members sign.
fn sign_once() -> Result<frost::Signature, frost::Error> {
    let mut rng = rand::rng();
    let (shares, public_key_package) = frost::keys::generate_with_dealer(
        3,
        2,
        frost::keys::IdentifierList::Default,
        &mut rng,
    )?;
    let mut key_packages = BTreeMap::new();
    for (id, share) in shares {
        key_packages.insert(id, frost::keys::KeyPackage::try_from(share)?);
    }

    let signers: Vec<frost::Identifier> =
        key_packages.keys().take(2).copied().collect();
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for id in &signers {
        let share = key_packages[id].signing_share();
        let (signer_nonces, signer_commitments) =
            frost::round1::commit(share, &mut rng);
        nonces.insert(*id, signer_nonces);
        commitments.insert(*id, signer_commitments);
    }

    let message = b"hello, threshold world";
    let signing_package = frost::SigningPackage::new(commitments, message);
    let mut signature_shares = BTreeMap::new();
    for (id, signer_nonces) in nonces {
        let share = frost::round2::sign(
            &signing_package,
            signer_nonces,
            &key_packages[&id],
        )?;
        signature_shares.insert(id, share);
    }

    let signature = frost::aggregate(
        &signing_package,
        &signature_shares,
        &public_key_package,
    )?;
    public_key_package.verifying_key().verify(message, &signature)?;
    Ok(signature)
}
// ANCHOR_END: body
