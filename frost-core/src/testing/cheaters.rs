//! Cheater detection: a bad signature share is traced to its signer.

use alloc::vec::Vec;

use super::{dealer_keys, signing_session};
use crate::keys::IdentifierList;
use crate::round2::SignatureShare;
use crate::{Ciphersuite, Error, Group};

/// `cheaters` of 7 signers (of 10, threshold 7) send corrupted shares;
/// aggregate names exactly them, in identifier order.
pub fn names_cheaters<C: Ciphersuite>(cheaters: usize) {
    let (kps, pkp) = dealer_keys::<C>(10, 7, IdentifierList::Default, 77);
    let signers: Vec<_> = kps.keys().skip(2).copied().collect();
    let (package, mut shares) = signing_session(&kps, &signers, b"cheat", 8);
    let mut expected: Vec<_> = signers.iter().rev().step_by(2).take(cheaters).copied().collect();
    expected.sort();
    for id in &expected {
        let share = shares.get_mut(id).expect("share");
        *share = SignatureShare::new(share.to_scalar() + C::Group::one());
    }
    let err = crate::aggregate(&package, &shares, &pkp).expect_err("cheaters are caught");
    assert_eq!(
        err,
        Error::InvalidSignatureShare {
            culprits: expected.clone()
        }
    );
    assert_eq!(err.culprits(), expected);
}

/// A coordinator checking shares as they arrive accepts the honest ones and
/// names the bad one.
pub fn verify_signature_share_one_by_one<C: Ciphersuite>() {
    let (kps, pkp) = dealer_keys::<C>(5, 3, IdentifierList::Default, 78);
    let signers: Vec<_> = kps.keys().take(3).copied().collect();
    let (package, shares) = signing_session(&kps, &signers, b"one by one", 9);
    for (id, share) in &shares {
        crate::verify_signature_share(*id, &pkp.verifying_shares()[id], share, &package, pkp.verifying_key())
            .expect("honest share verifies");
    }
    let id = signers[1];
    let bad = SignatureShare::new(shares[&id].to_scalar() + C::Group::one());
    assert_eq!(
        crate::verify_signature_share(id, &pkp.verifying_shares()[&id], &bad, &package, pkp.verifying_key()),
        Err(Error::InvalidSignatureShare {
            culprits: alloc::vec![id]
        })
    );
    // Checked against another signer's verifying share, an honest share fails too.
    let other = signers[0];
    assert_eq!(
        crate::verify_signature_share(
            id,
            &pkp.verifying_shares()[&other],
            &shares[&id],
            &package,
            pkp.verifying_key()
        ),
        Err(Error::InvalidSignatureShare {
            culprits: alloc::vec![id]
        })
    );
}
