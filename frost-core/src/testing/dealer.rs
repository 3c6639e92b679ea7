//! Trusted-dealer key generation, identifiers, key packages, secrets hygiene.

use alloc::format;
use alloc::vec::Vec;

use zeroize::Zeroize;

use super::{dealer_keys, derived_identifiers, rng, sign};
use crate::keys::{IdentifierList, KeyPackage, SecretShare, SigningShare};
use crate::{Ciphersuite, Error, Group, Identifier, SigningKey};

/// Dealer keygen then signatures from several signer subsets, all verified
/// under the one group key.
pub fn flow<C: Ciphersuite>(max: u16, min: u16, derived: bool) {
    let ids = derived_identifiers::<C>(max);
    let list = if derived {
        IdentifierList::Custom(&ids)
    } else {
        IdentifierList::Default
    };
    let (kps, pkp) = dealer_keys::<C>(max, min, list, u64::from(max) * 31 + u64::from(min));
    assert_eq!(kps.len(), usize::from(max));
    assert_eq!(pkp.verifying_shares().len(), usize::from(max));
    assert_eq!(pkp.min_signers(), Some(min));
    for kp in kps.values() {
        kp.check_against(&pkp).expect("key package matches public key package");
        assert_eq!(kp.min_signers(), min);
    }
    let all: Vec<_> = kps.keys().copied().collect();
    let t = usize::from(min);
    let subsets = [all[..t].to_vec(), all[all.len() - t..].to_vec(), all.clone()];
    let message = b"flow message";
    for (seed, signers) in subsets.iter().enumerate() {
        let sig = sign(&kps, &pkp, signers, message, seed as u64).expect("honest signers aggregate");
        pkp.verifying_key().verify(message, &sig).expect("signature verifies");
        assert_eq!(
            pkp.verifying_key().verify(b"another message", &sig),
            Err(Error::InvalidSignature)
        );
    }
}

/// Identifier construction, ordering, and encoding.
pub fn identifiers<C: Ciphersuite>() {
    assert_eq!(Identifier::<C>::try_from(0u16), Err(Error::ZeroIdentifier));
    let mut ids: Vec<Identifier<C>> = [300u16, 2, 1, 256, 65535, 255]
        .iter()
        .map(|n| Identifier::try_from(*n).expect("non-zero"))
        .collect();
    ids.sort();
    let expected: Vec<Identifier<C>> = [1u16, 2, 255, 256, 300, 65535]
        .iter()
        .map(|n| Identifier::try_from(*n).expect("non-zero"))
        .collect();
    assert_eq!(ids, expected, "identifiers order by numeric value");
    for id in &ids {
        assert_eq!(Identifier::<C>::deserialize(&id.serialize()).as_ref(), Ok(id));
    }
    assert_eq!(format!("{:?}", ids[3]), "Identifier(256)");
    assert_eq!(format!("{}", ids[3]), "256");
    assert_eq!(ids[3].as_u16(), Some(256));
    let zero = alloc::vec![0u8; C::Group::SCALAR_LEN];
    assert!(matches!(
        Identifier::<C>::deserialize(&zero),
        Err(Error::Decode {
            error: crate::DecodeError::ZeroIdentifier,
            ..
        })
    ));
    let alice = Identifier::<C>::derive(b"alice").expect("non-zero");
    assert_eq!(
        Identifier::<C>::derive(b"alice").expect("non-zero"),
        alice,
        "derivation is deterministic"
    );
    assert_ne!(Identifier::<C>::derive(b"bob").expect("non-zero"), alice);
    assert_eq!(alice.as_u16(), None);
    assert!(format!("{alice}").starts_with("0x"));
}

/// `min_signers < 2`, `max < min`, wrong-length and duplicated identifier lists.
pub fn refuses_bad_parameters<C: Ciphersuite>() {
    let generate = |max, min, list| crate::keys::generate_with_dealer::<C, _>(max, min, list, &mut rng(1)).map(|_| ());
    assert_eq!(generate(3, 1, IdentifierList::Default), Err(Error::InvalidMinSigners));
    assert_eq!(generate(3, 0, IdentifierList::Default), Err(Error::InvalidMinSigners));
    assert_eq!(generate(2, 3, IdentifierList::Default), Err(Error::InvalidMaxSigners));
    let ids = derived_identifiers::<C>(3);
    assert_eq!(
        generate(4, 2, IdentifierList::Custom(&ids)),
        Err(Error::IncorrectNumberOfIdentifiers)
    );
    let dup = [ids[0], ids[1], ids[0]];
    assert_eq!(
        generate(3, 2, IdentifierList::Custom(&dup)),
        Err(Error::DuplicatedIdentifier { identifier: ids[0] })
    );
}

/// A share that does not match the dealer's commitment.
pub fn refuses_invalid_secret_share<C: Ciphersuite>() {
    let (shares, _) =
        crate::keys::generate_with_dealer::<C, _>(3, 2, IdentifierList::Default, &mut rng(2)).expect("dealer");
    let share = shares.values().next().expect("a share");
    let bumped = SigningShare::from_scalar(share.signing_share().to_scalar() + C::Group::one());
    let bad = SecretShare::new(*share.identifier(), bumped, share.commitment().clone());
    assert_eq!(
        bad.verify().map(|_| ()),
        Err(Error::InvalidSecretShare { culprits: Vec::new() })
    );
    assert_eq!(
        KeyPackage::try_from(bad).map(|_| ()),
        Err(Error::InvalidSecretShare { culprits: Vec::new() })
    );
    // A share for another identifier than the one it was computed for.
    let other = Identifier::try_from(99u16).expect("non-zero");
    let moved = SecretShare::new(other, share.signing_share().clone(), share.commitment().clone());
    assert_eq!(
        moved.verify().map(|_| ()),
        Err(Error::InvalidSecretShare { culprits: Vec::new() })
    );
}

/// `KeyPackage::new` with a verifying share that does not match, and a key
/// package that disagrees with the public key package.
pub fn refuses_inconsistent_key_package<C: Ciphersuite>() {
    let (kps, pkp) = dealer_keys::<C>(3, 2, IdentifierList::Default, 3);
    let mut it = kps.values();
    let a = it.next().expect("a");
    let b = it.next().expect("b");
    assert_eq!(
        KeyPackage::new(
            *a.identifier(),
            a.signing_share().clone(),
            *b.verifying_share(),
            *a.verifying_key(),
            2
        )
        .map(|_| ()),
        Err(Error::InconsistentKeyPackage)
    );
    assert_eq!(
        KeyPackage::new(
            *a.identifier(),
            a.signing_share().clone(),
            *a.verifying_share(),
            *a.verifying_key(),
            1
        )
        .map(|_| ()),
        Err(Error::InvalidMinSigners)
    );
    let (_, other_pkp) = dealer_keys::<C>(3, 2, IdentifierList::Default, 4);
    assert_eq!(a.check_against(&other_pkp), Err(Error::InconsistentKeyPackage));
    assert_eq!(a.check_against(&pkp), Ok(()));
}

/// Split a known key, reconstruct it from any `min` packages; refuse too
/// few, duplicates, and a corrupted share.
pub fn reconstruct<C: Ciphersuite>() {
    let key = SigningKey::<C>::new(&mut rng(5));
    let (shares, pkp) = crate::keys::split(&key, 5, 3, IdentifierList::Default, &mut rng(6)).expect("split");
    assert_eq!(pkp.verifying_key(), &key.verifying_key());
    let kps: Vec<KeyPackage<C>> = shares
        .into_values()
        .map(|s| KeyPackage::try_from(s).expect("valid"))
        .collect();
    assert!(crate::keys::reconstruct(&kps[..3]).expect("3 of 5") == key);
    assert!(crate::keys::reconstruct(&kps[2..]).expect("other 3 of 5") == key);
    assert!(crate::keys::reconstruct(&kps).expect("all 5") == key);
    assert_eq!(
        crate::keys::reconstruct(&kps[..2]).map(|_| ()),
        Err(Error::TooFewSigners { min_signers: 3, got: 2 })
    );
    let dup = [kps[0].clone(), kps[1].clone(), kps[0].clone()];
    assert_eq!(
        crate::keys::reconstruct(&dup).map(|_| ()),
        Err(Error::DuplicatedIdentifier {
            identifier: *kps[0].identifier()
        })
    );
    let mut corrupted = kps[..3].to_vec();
    corrupted[1].signing_share = SigningShare::from_scalar(corrupted[1].signing_share.to_scalar() + C::Group::one());
    assert_eq!(
        crate::keys::reconstruct(&corrupted).map(|_| ()),
        Err(Error::InvalidReconstruction)
    );
}

/// `Debug` never prints a secret; `zeroize` clears it.
pub fn secrets_redacted_and_zeroized<C: Ciphersuite>() {
    let (shares, _) =
        crate::keys::generate_with_dealer::<C, _>(3, 2, IdentifierList::Default, &mut rng(7)).expect("dealer");
    let share = shares.values().next().expect("a share").clone();
    let secret_hex = hex::encode(share.signing_share().serialize());
    let kp = KeyPackage::try_from(share.clone()).expect("valid");
    let (nonces, _) = crate::round1::commit(kp.signing_share(), &mut rng(8));
    let nonce_hex = hex::encode(nonces.hiding().serialize());
    let key = SigningKey::<C>::new(&mut rng(9));
    let key_hex = hex::encode(key.serialize());
    for (text, secret) in [
        (format!("{share:?}"), &secret_hex),
        (format!("{kp:?}"), &secret_hex),
        (format!("{:?}", kp.signing_share()), &secret_hex),
        (format!("{nonces:?}"), &nonce_hex),
        (format!("{key:?}"), &key_hex),
    ] {
        assert!(!text.contains(secret.as_str()), "secret printed: {text}");
        assert!(text.contains("redacted"), "no redaction marker: {text}");
    }
    let mut s = kp.signing_share().clone();
    s.zeroize();
    assert!(s.to_scalar() == C::Group::zero());
    let mut k = key.clone();
    k.zeroize();
    assert!(k.to_scalar() == C::Group::zero());
}

/// The single-signer Schnorr signature verifies like a group signature.
pub fn single_signer_schnorr<C: Ciphersuite>() {
    let key = SigningKey::<C>::new(&mut rng(10));
    let sig = key.sign(&mut rng(11), b"hello");
    key.verifying_key().verify(b"hello", &sig).expect("verifies");
    assert_eq!(key.verifying_key().verify(b"hellO", &sig), Err(Error::InvalidSignature));
    let bytes = sig.serialize();
    assert_eq!(crate::Signature::<C>::deserialize(&bytes), Ok(sig));
    // The encoding's length is the suite's (64 bytes for BIP340, whose `R`
    // is x-only): one byte fewer or more is refused.
    let shorter = &bytes[..bytes.len() - 1];
    assert!(crate::Signature::<C>::deserialize(shorter).is_err());
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(crate::Signature::<C>::deserialize(&longer).is_err());
}
