//! Chapter "Unlinkable signatures".

use std::collections::BTreeMap;

use frost_ristretto255 as frost;

mod common;

use common::dealer_keys;

#[test]
fn unlinkable_session() -> Result<(), frost::Error> {
    let (key_packages, public_key_package) = dealer_keys(5, 3)?;
    let mut rng = rand::rng();
    let signers = [1, 3, 4].map(|n| frost::Identifier::try_from(n).unwrap());
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for me in signers {
        let (n, c) =
            frost::round1::commit(key_packages[&me].signing_share(), &mut rng);
        nonces.insert(me, n);
        commitments.insert(me, c);
    }
    let message = b"spend note 7";

    // ANCHOR: coordinator
    // The coordinator, after round one, as usual:
    let signing_package = frost::SigningPackage::new(commitments, message);
    // ... and then draws this session's seed. `params` stays with it.
    let (params, seed) =
        frost::rerandomized::RandomizedParams::new_from_commitments(
            public_key_package.verifying_key(),
            signing_package.signing_commitments(),
            &mut rng,
        )?;
    // Send `signing_package` and `seed` to every signer; the seed over a
    // confidential channel.
    // ANCHOR_END: coordinator

    // ANCHOR: sign
    // Round 2, on each signer's machine: the seed and the package's
    // commitments give the randomizer, and the share is made with it.
    let mut signature_shares = BTreeMap::new();
    for (me, my_nonces) in nonces {
        let share = frost::rerandomized::sign_with_randomizer_seed(
            &signing_package,
            my_nonces,
            &key_packages[&me],
            &seed,
        )?;
        signature_shares.insert(me, share);
    }
    // ANCHOR_END: sign

    // ANCHOR: aggregate
    // The coordinator aggregates with the same parameters.
    let signature = frost::rerandomized::aggregate(
        &signing_package,
        &signature_shares,
        &public_key_package,
        &params,
    )?;
    // The signature verifies under this session's randomized key only.
    let randomized_key = params.randomized_verifying_key();
    randomized_key.verify(message, &signature)?;
    assert!(
        public_key_package
            .verifying_key()
            .verify(message, &signature)
            .is_err()
    );
    // ANCHOR_END: aggregate
    Ok(())
}

#[test]
fn wrong_seed_names_the_signer() -> Result<(), frost::Error> {
    let (key_packages, public_key_package) = dealer_keys(3, 2)?;
    let mut rng = rand::rng();
    let signers = [1, 2].map(|n| frost::Identifier::try_from(n).unwrap());
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for me in signers {
        let (n, c) =
            frost::round1::commit(key_packages[&me].signing_share(), &mut rng);
        nonces.insert(me, n);
        commitments.insert(me, c);
    }
    let signing_package = frost::SigningPackage::new(commitments, b"m");
    let (params, seed) =
        frost::rerandomized::RandomizedParams::new_from_commitments(
            public_key_package.verifying_key(),
            signing_package.signing_commitments(),
            &mut rng,
        )?;
    let mut stale_seed = seed.to_vec();
    stale_seed[0] ^= 1;
    let one = frost::rerandomized::sign_with_randomizer_seed(
        &signing_package,
        nonces.remove(&signers[0]).unwrap(),
        &key_packages[&signers[0]],
        &seed,
    )?;
    let two = frost::rerandomized::sign_with_randomizer_seed(
        &signing_package,
        nonces.remove(&signers[1]).unwrap(),
        &key_packages[&signers[1]],
        &stale_seed,
    )?;
    let signature_shares =
        BTreeMap::from([(signers[0], one), (signers[1], two)]);

    // ANCHOR: wrong_seed
    match frost::rerandomized::aggregate(
        &signing_package,
        &signature_shares,
        &public_key_package,
        &params,
    ) {
        Err(frost::Error::InvalidSignatureShare { culprits }) => {
            // A share made with another seed (or none) names its signer.
            assert_eq!(culprits, [signers[1]]);
        }
        other => panic!("expected the culprit, got {other:?}"),
    }
    // A seed of the wrong length is refused by the signer itself.
    let (fresh_nonces, _) = frost::round1::commit(
        key_packages[&signers[0]].signing_share(),
        &mut rng,
    );
    let refused = frost::rerandomized::sign_with_randomizer_seed(
        &signing_package,
        fresh_nonces,
        &key_packages[&signers[0]],
        &[],
    );
    assert!(matches!(
        refused,
        Err(frost::Error::InvalidRandomizerSeed { got: 0, .. })
    ));
    // ANCHOR_END: wrong_seed
    Ok(())
}
