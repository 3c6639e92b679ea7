//! Chapter "Resharing to a new group".
//!
//! All participants live in one process here; each loop body is what one
//! participant does on its own machine, and the maps stand for the network.

use std::collections::BTreeMap;

use frost_ristretto255 as frost;

use frost::keys::dkg::{round1, round2};
use frost::keys::reshare;

mod common;

use common::dealer_keys;

#[test]
fn two_of_three_becomes_three_of_five() -> Result<(), frost::Error> {
    let (old_key_packages, old_public_key_package) = dealer_keys(3, 2)?;
    let mut rng = rand::rng();
    let id = |n: u16| frost::Identifier::try_from(n);

    // ANCHOR: reshare_parameters
    // Everyone agrees on the parameters: the current public key package
    // (which every new member must have received authentically), the
    // dealers (at least the current threshold of current holders), the new
    // members and the new threshold. Members 1 and 3 deal; 1, 2 and 3 stay,
    // 4 and 5 join, and the threshold rises from 2 to 3.
    let dealers = [id(1)?, id(3)?];
    let new_members = [id(1)?, id(2)?, id(3)?, id(4)?, id(5)?];
    let parameters = reshare::Parameters::new(
        &old_public_key_package,
        &dealers,
        &new_members,
        3,
    )?;
    // ANCHOR_END: reshare_parameters

    // ANCHOR: reshare_deal
    // On each dealer's machine: one broadcast package for everyone, and one
    // sub-share per new member, sent only to that member over an
    // authenticated, confidential channel. A dealer that is also a new
    // member keeps its own sub-share.
    let mut broadcast: BTreeMap<_, Vec<u8>> = BTreeMap::new();
    let mut inbox: BTreeMap<_, BTreeMap<_, Vec<u8>>> = BTreeMap::new();
    for me in dealers {
        let (package, sub_shares) =
            reshare::deal(&parameters, &old_key_packages[&me], &mut rng)?;
        broadcast.insert(me, package.serialize());
        for (to, sub_share) in sub_shares {
            let bytes = sub_share.serialize().to_vec();
            inbox.entry(to).or_default().insert(me, bytes);
        }
    }
    // ANCHOR_END: reshare_deal

    // ANCHOR: reshare_receive
    // On each new member's machine: decode (naming the sender of any bytes
    // refused), check everything, and keep the new key package.
    let mut new_key_packages = BTreeMap::new();
    let mut digests = Vec::new();
    for me in new_members {
        let round1_packages =
            frost::decode_map(&broadcast, round1::Package::deserialize)?;
        let round2_packages =
            frost::decode_map(&inbox[&me], round2::Package::deserialize)?;
        let (key_package, new_public_key_package) = reshare::receive(
            &parameters,
            me,
            &round1_packages,
            round2_packages,
        )?;
        // Compare this digest with every other member's, out of band.
        digests.push(reshare::transcript_digest(
            &parameters,
            &round1_packages,
            &new_public_key_package,
        ));
        new_key_packages.insert(me, (key_package, new_public_key_package));
    }
    // ANCHOR_END: reshare_receive
    assert!(digests.windows(2).all(|w| w[0] == w[1]));

    // ANCHOR: reshare_same_key
    // Same group key, new threshold, five members.
    let (_, new_public_key_package) = &new_key_packages[&id(4)?];
    assert_eq!(
        new_public_key_package.verifying_key(),
        old_public_key_package.verifying_key()
    );
    assert_eq!(new_public_key_package.min_signers(), Some(3));
    assert_eq!(new_public_key_package.verifying_shares().len(), 5);
    // Now every old holder deletes its old key package and every copy:
    // until they do, any two of them can still sign.
    // ANCHOR_END: reshare_same_key
    Ok(())
}

#[test]
fn a_cheating_dealer_is_named() -> Result<(), frost::Error> {
    let (old_key_packages, old_public_key_package) = dealer_keys(5, 3)?;
    let mut rng = rand::rng();
    let id = |n: u16| frost::Identifier::try_from(n);
    let dealers = [id(1)?, id(2)?, id(3)?];
    let new_members = [id(1)?, id(2)?, id(3)?];
    let parameters = reshare::Parameters::new(
        &old_public_key_package,
        &dealers,
        &new_members,
        2,
    )?;
    let mut round1_packages = BTreeMap::new();
    let mut mine = BTreeMap::new();
    for dealer in dealers {
        let (package, mut sub_shares) =
            reshare::deal(&parameters, &old_key_packages[&dealer], &mut rng)?;
        round1_packages.insert(dealer, package);
        // Dealer 3 sends member 1 the sub-share meant for member 2.
        let meant_for = if dealer == id(3)? { id(2)? } else { id(1)? };
        mine.insert(dealer, sub_shares.remove(&meant_for).expect("dealt"));
    }
    // ANCHOR: reshare_refused
    match reshare::receive(&parameters, id(1)?, &round1_packages, mine) {
        Err(error) if !error.culprits().is_empty() => {
            // "invalid secret share from 3": refuse the reshare, and take
            // it up with dealer 3.
            assert_eq!(error.culprits(), [id(3)?]);
        }
        other => panic!("expected a refusal naming a dealer, got {other:?}"),
    }
    // ANCHOR_END: reshare_refused
    Ok(())
}
