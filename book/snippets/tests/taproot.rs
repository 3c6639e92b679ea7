//! Chapter "Taproot".

use std::collections::BTreeMap;

use frost_secp256k1_tr as frost;

#[test]
fn key_path_spend() -> Result<(), frost::Error> {
    let mut rng = rand::rng();
    // ANCHOR: keys
    // Keys from the dealer or the DKG, exactly as for any other suite: the
    // packages hold the *internal* key P.
    let (shares, public_key_package) = frost::keys::generate_with_dealer(
        3,
        2,
        frost::keys::IdentifierList::Default,
        &mut rng,
    )?;
    let key_packages: BTreeMap<_, _> = shares
        .into_iter()
        .map(|(id, share)| Ok((id, frost::keys::KeyPackage::try_from(share)?)))
        .collect::<Result<_, frost::Error>>()?;
    // ANCHOR_END: keys

    // ANCHOR: output_key
    use frost::taproot::{self, Tweak};
    // A key-path-only output commits to Q = P + hash_TapTweak(x(P)) * G.
    let tweak = Tweak::KeyPath;
    let internal_key = public_key_package.verifying_key();
    let output_key = taproot::output_key(internal_key, &tweak)?;
    let witness_program: [u8; 32] = taproot::x_only(&output_key); // OP_1 <32 bytes>
    // ANCHOR_END: output_key
    assert_ne!(witness_program, taproot::x_only(internal_key));

    // ANCHOR: sign
    let signers: Vec<_> = key_packages.keys().take(2).copied().collect();
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for id in &signers {
        let share = key_packages[id].signing_share();
        let (my_nonces, my_commitments) =
            frost::round1::commit(share, &mut rng);
        nonces.insert(*id, my_nonces);
        commitments.insert(*id, my_commitments);
    }
    let sighash = [0x42u8; 32]; // the BIP341 signature hash of the spend
    let signing_package = frost::SigningPackage::new(commitments, &sighash);

    // Every signer and the coordinator use the same tweak.
    let mut signature_shares = BTreeMap::new();
    for id in &signers {
        let my_nonces = nonces.remove(id).expect("committed above");
        let share = taproot::sign_with_tweak(
            &signing_package,
            my_nonces,
            &key_packages[id],
            &tweak,
        )?;
        signature_shares.insert(*id, share);
    }
    let signature = taproot::aggregate_with_tweak(
        &signing_package,
        &signature_shares,
        &public_key_package,
        &tweak,
    )?;

    // 64 bytes, a BIP340 signature under x(Q): the key-path witness.
    let witness: Vec<u8> = signature.serialize();
    output_key.verify(&sighash, &signature)?;
    // ANCHOR_END: sign
    assert_eq!(witness.len(), 64);
    Ok(())
}

#[test]
fn script_tree_output() -> Result<(), frost::Error> {
    let (_, public_key_package) = frost::keys::generate_with_dealer(
        3,
        2,
        frost::keys::IdentifierList::Default,
        &mut rand::rng(),
    )?;
    // ANCHOR: script_tree
    use frost::taproot::{self, Tweak};
    let merkle_root = [0x5au8; 32]; // the root of your script tree
    let tweak = Tweak::ScriptTree(merkle_root);
    let output_key =
        taproot::output_key(public_key_package.verifying_key(), &tweak)?;
    // A script-path control block needs the internal key and Q's parity.
    let parity_odd = output_key.serialize()[0] == 0x03;
    let internal_x_only = taproot::x_only(public_key_package.verifying_key());
    // ANCHOR_END: script_tree
    let _ = (parity_odd, internal_x_only);
    Ok(())
}
