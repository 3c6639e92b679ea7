//! Batch verification: valid batches pass, and every invalid signature is
//! named by its position.

use alloc::vec::Vec;

use super::{dealer_keys, rng, sign};
use crate::batch::{Item, Verifier};
use crate::keys::IdentifierList;
use crate::{Ciphersuite, Error, Group, Signature, SigningKey, VerifyingKey};

/// Twelve signatures: six single-signer ones under three keys (keys repeat,
/// so terms are shared) and six threshold ones under one group key.
fn items<C: Ciphersuite>() -> Vec<(VerifyingKey<C>, Vec<u8>, Signature<C>)> {
    let mut out = Vec::new();
    let keys: Vec<_> = (0..3).map(|i| SigningKey::<C>::new(&mut rng(100 + i))).collect();
    for i in 0..6u64 {
        let key = &keys[i as usize % 3];
        let message = alloc::format!("single {i}").into_bytes();
        out.push((
            key.verifying_key(),
            message.clone(),
            key.sign(&mut rng(200 + i), &message),
        ));
    }
    let (kps, pkp) = dealer_keys::<C>(4, 3, IdentifierList::Default, 300);
    let signers: Vec<_> = kps.keys().take(3).copied().collect();
    for i in 0..6u64 {
        let message = alloc::format!("threshold {i}").into_bytes();
        let sig = sign(&kps, &pkp, &signers, &message, 400 + i).expect("sign");
        out.push((*pkp.verifying_key(), message, sig));
    }
    out
}

fn verify<C: Ciphersuite>(items: &[(VerifyingKey<C>, Vec<u8>, Signature<C>)]) -> Result<(), Error<C>> {
    let mut verifier = Verifier::new();
    for (key, message, sig) in items {
        verifier.queue(Item::new(*key, message, *sig));
    }
    verifier.verify(&mut rng(500))
}

pub fn valid_batches_pass<C: Ciphersuite>() {
    assert_eq!(verify::<C>(&[]), Ok(()), "empty batch");
    let all = items::<C>();
    assert_eq!(verify(&all[..1]), Ok(()));
    assert_eq!(verify(&all), Ok(()));
}

pub fn names_every_invalid_signature<C: Ciphersuite>() {
    let mut all = items::<C>();
    // A wrong message, a tampered response, and a signature moved to another key.
    all[2].1.push(b'!');
    all[7].2 = Signature::new(all[7].2.R, all[7].2.z + C::Group::one());
    all[10].0 = all[0].0;
    assert_eq!(
        verify(&all),
        Err(Error::InvalidBatchSignatures {
            indices: alloc::vec![2, 7, 10]
        })
    );
    for (i, (key, message, sig)) in all.iter().enumerate() {
        let alone = key.verify(message, sig).is_ok();
        assert_eq!(alone, ![2, 7, 10].contains(&i), "item {i} alone");
    }
}
