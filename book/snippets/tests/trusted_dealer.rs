//! Chapter "Keys from a trusted dealer".

use std::collections::BTreeMap;

use frost_ristretto255 as frost;

#[test]
fn dealer_generates_and_splits_a_key() -> Result<(), frost::Error> {
    // ANCHOR: generate
    // On the dealer's machine.
    let mut rng = rand::rng();
    let max_signers = 5; // n: how many participants hold a share
    let min_signers = 3; // t: how many of them must sign
    let (shares, public_key_package) = frost::keys::generate_with_dealer(
        max_signers,
        min_signers,
        frost::keys::IdentifierList::Default, // identifiers 1 to 5
        &mut rng,
    )?;
    // Send each participant its own `SecretShare` over an authenticated,
    // confidential channel, and everyone the `PublicKeyPackage`. Then erase
    // the shares here: the dealer should not keep the key.
    // ANCHOR_END: generate

    // ANCHOR: receive
    // On each participant's machine, with the share it was sent.
    let mut key_packages = BTreeMap::new();
    for (identifier, secret_share) in shares {
        // Checks the share against the dealer's commitment to the polynomial.
        let key_package = frost::keys::KeyPackage::try_from(secret_share)?;
        // Checks that the share and the public key package agree.
        key_package.check_against(&public_key_package)?;
        key_packages.insert(identifier, key_package);
    }
    // ANCHOR_END: receive

    assert_eq!(key_packages.len(), 5);
    for key_package in key_packages.values() {
        assert_eq!(key_package.min_signers(), 3);
        assert_eq!(
            key_package.verifying_key(),
            public_key_package.verifying_key()
        );
    }
    assert_eq!(public_key_package.min_signers(), Some(3));
    Ok(())
}

#[test]
fn dealer_splits_an_existing_key() -> Result<(), frost::Error> {
    let mut rng = rand::rng();
    // ANCHOR: split
    // An existing single-party key, and identifiers derived from names.
    let key = frost::SigningKey::new(&mut rng);
    let names = ["alice@example.com", "bob@example.com", "carol@example.com"];
    let identifiers = names
        .iter()
        .map(|name| frost::Identifier::derive(name.as_bytes()))
        .collect::<Result<Vec<_>, _>>()?;
    let (shares, public_key_package) = frost::keys::split(
        &key,
        3,
        2,
        frost::keys::IdentifierList::Custom(&identifiers),
        &mut rng,
    )?;
    // The group key is the key that was split.
    assert_eq!(public_key_package.verifying_key(), &key.verifying_key());
    // ANCHOR_END: split

    let key_packages = shares
        .into_values()
        .map(frost::keys::KeyPackage::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    // ANCHOR: reconstruct
    // Any `min_signers` key packages put the whole key back together.
    let recovered = frost::keys::reconstruct(&key_packages[..2])?;
    assert_eq!(recovered.serialize(), key.serialize());
    // ANCHOR_END: reconstruct
    assert_eq!(
        frost::keys::reconstruct(&key_packages[..1]).unwrap_err(),
        frost::Error::TooFewSigners {
            min_signers: 2,
            got: 1
        }
    );
    Ok(())
}
