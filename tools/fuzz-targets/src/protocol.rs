//! One target per protocol step, each starting from the honest fixtures of
//! [`crate::fixtures`] with one message replaced or mutated by the input.
//!
//! Input layouts (after the suite byte):
//! - `part2`, `part3`: a selector byte, whose bit 0 picks replace (0: the
//!   rest *is* the package bytes) or mutate (1: the rest is [`crate::mutate`]
//!   operations on the honest encoding), and whose other bits pick the
//!   sender (`(selector >> 1) % 3`); then the rest.
//! - `sign`: the signing package bytes.
//! - `aggregate`: a selector byte, whose bit 0 picks the message altered
//!   (0: the signing package, 1: one signature share), bit 1 replace or
//!   mutate as above, and the other bits the signer (`(selector >> 2) % 3`)
//!   whose share is altered; then the rest.

use std::collections::BTreeMap;

use frost_core::keys::dkg::{self, round1, round2};
use frost_core::round1::SigningNonces;
use frost_core::round2::SignatureShare;
use frost_core::{Error, Identifier, SigningPackage, decode_map};

use crate::{Suite, hex, mutate};

/// The altered message's bytes: the rest itself, or the honest encoding
/// mutated by the rest.
fn alter(honest: &[u8], mutating: bool, rest: &[u8]) -> Vec<u8> {
    if mutating { mutate(honest, rest) } else { rest.to_vec() }
}

/// The `index`-th key of a map, modulo its length.
fn nth_key<C: Suite, V>(map: &BTreeMap<Identifier<C>, V>, index: u8) -> Identifier<C> {
    *map.keys().nth(usize::from(index) % map.len()).expect("non-empty map")
}

/// DKG round two, with the round-1 package from one sender altered.
///
/// Either the altered bytes are refused when the round is decoded (naming
/// the sender), or part2 succeeds, or it fails naming exactly that sender;
/// it must succeed when the bytes decode to the honest package.
pub fn part2<C: Suite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = &C::fixtures().dkg;
    let sender = nth_key(&f.round1_received, selector >> 1);
    let bytes = alter(&f.round1_received_bytes[&sender], selector & 1 == 1, rest);
    let mut received = f.round1_received_bytes.clone();
    received.insert(sender, bytes.clone());
    let packages = match decode_map(&received, round1::Package::<C>::deserialize) {
        Ok(packages) => packages,
        Err(e) => {
            assert!(
                e.culprits() == [sender],
                "part2 ({}): refused bytes from {sender:?} blamed {:?}: {e}\n bytes: {}",
                C::NAME,
                e.culprits(),
                hex(&bytes)
            );
            return;
        }
    };
    let honest = packages[&sender] == f.round1_received[&sender];
    let secret = round1::SecretPackage::<C>::deserialize(&f.round1_secret).expect("fixture secret");
    match dkg::part2(secret, &packages) {
        Ok((secret2, outgoing)) => {
            // The shares sent depend only on our own secret, so they are the
            // honest ones even when a (valid) package was changed; the secret
            // kept for part3 also holds the digest of what was received.
            assert!(
                !honest || *secret2.serialize() == *f.round2_secret.serialize(),
                "part2 ({}): honest round-2 secret changed",
                C::NAME
            );
            assert!(
                outgoing == f.round2_outgoing,
                "part2 ({}): outgoing shares changed",
                C::NAME
            );
        }
        Err(e) => {
            assert!(
                !honest,
                "part2 ({}): refused the honest packages: {e:?}\n bytes: {}",
                C::NAME,
                hex(&bytes)
            );
            assert!(
                e.culprits() == [sender],
                "part2 ({}): package altered by {sender:?}, error blames {:?}: {e}\n bytes: {}",
                C::NAME,
                e.culprits(),
                hex(&bytes)
            );
        }
    }
}

/// DKG round three, with the round-2 package from one sender altered.
///
/// A share is determined by the sender's commitment, so part3 succeeds
/// exactly when the bytes decode to the honest package (and then returns
/// the honest key packages), and otherwise fails naming exactly that sender.
pub fn part3<C: Suite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = &C::fixtures().dkg;
    let sender = nth_key(&f.round2_received, selector >> 1);
    let bytes = alter(&f.round2_received_bytes[&sender], selector & 1 == 1, rest);
    let mut received = f.round2_received_bytes.clone();
    received.insert(sender, bytes.clone());
    let packages = match decode_map(&received, round2::Package::<C>::deserialize) {
        Ok(packages) => packages,
        Err(e) => {
            assert!(
                e.culprits() == [sender],
                "part3 ({}): refused bytes from {sender:?} blamed {:?}: {e}\n bytes: {}",
                C::NAME,
                e.culprits(),
                hex(&bytes)
            );
            return;
        }
    };
    let honest = packages[&sender] == f.round2_received[&sender];
    match dkg::part3(&f.round2_secret, &f.round1_received, &packages) {
        Ok((kp, pkp)) => {
            assert!(
                honest,
                "part3 ({}): accepted an altered share from {sender:?}\n bytes: {}",
                C::NAME,
                hex(&bytes)
            );
            assert!(kp == f.key_package && pkp == f.public_key_package);
        }
        Err(e) => {
            assert!(
                !honest,
                "part3 ({}): refused the honest packages: {e:?}\n bytes: {}",
                C::NAME,
                hex(&bytes)
            );
            assert!(
                matches!(e, Error::InvalidSecretShare { .. }) && e.culprits() == [sender],
                "part3 ({}): share altered by {sender:?}, got {e:?}\n bytes: {}",
                C::NAME,
                hex(&bytes)
            );
        }
    }
}

/// An honest signer (identifier 3 of the signing fixture, with its real
/// nonces) signs whatever signing package the input decodes to.
///
/// A share it returns must verify with `verify_signature_share`; the honest
/// package must be signed (with the honest share); a refusal must be one
/// `sign` documents.
pub fn sign<C: Suite>(data: &[u8]) {
    let Ok(package) = SigningPackage::<C>::deserialize(data) else {
        return;
    };
    let f = &C::fixtures().signing;
    let nonces = SigningNonces::<C>::restore(&f.nonces).expect("fixture nonces");
    let kp = &f.key_packages[&f.signer];
    let honest = package == f.package;
    match frost_core::round2::sign(&package, nonces, kp) {
        Ok(share) => {
            if let Err(e) =
                frost_core::verify_signature_share(f.signer, kp.verifying_share(), &share, &package, kp.verifying_key())
            {
                panic!(
                    "sign ({}): the share does not verify: {e:?}\n package: {}",
                    C::NAME,
                    hex(data)
                );
            }
            assert!(
                !honest || share == f.shares[&f.signer],
                "sign ({}): honest share changed",
                C::NAME
            );
        }
        Err(e) => {
            assert!(!honest, "sign ({}): refused the honest package: {e:?}", C::NAME);
            assert!(
                matches!(
                    e,
                    Error::TooFewSigners { .. }
                        | Error::MissingOwnCommitment
                        | Error::IncorrectOwnCommitment
                        | Error::IdentityCommitment { .. }
                        | Error::IdentityGroupCommitment
                ),
                "sign ({}): undocumented refusal {e:?}\n package: {}",
                C::NAME,
                hex(data)
            );
        }
    }
}

/// The coordinator aggregates the honest shares with the signing package
/// altered, or the honest package with one share altered.
///
/// Aggregation succeeds exactly when nothing was changed (a changed package
/// or share cannot give a valid signature), and then returns the honest
/// signature; an altered share is refused naming exactly its signer.
pub fn aggregate<C: Suite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = &C::fixtures().signing;
    let mutating = selector & 2 != 0;
    if selector & 1 == 0 {
        let bytes = alter(&f.package.serialize(), mutating, rest);
        let Ok(package) = SigningPackage::<C>::deserialize(&bytes) else {
            return;
        };
        let honest = package == f.package;
        match frost_core::aggregate(&package, &f.shares, &f.public_key_package) {
            Ok(signature) => {
                assert!(
                    honest,
                    "aggregate ({}): accepted an altered signing package\n package: {}",
                    C::NAME,
                    hex(&bytes)
                );
                assert!(signature == f.signature);
                assert!(
                    f.public_key_package
                        .verifying_key()
                        .verify(package.message(), &signature)
                        .is_ok()
                );
            }
            Err(e) => {
                assert!(!honest, "aggregate ({}): refused the honest session: {e:?}", C::NAME);
                if let Error::InvalidSignatureShare { culprits } = &e {
                    assert!(
                        !culprits.is_empty() && culprits.iter().all(|c| f.shares.contains_key(c)),
                        "aggregate ({}): {e:?}",
                        C::NAME
                    );
                }
            }
        }
    } else {
        let signer = nth_key(&f.shares, selector >> 2);
        let bytes = alter(&f.shares[&signer].serialize(), mutating, rest);
        let share = match SignatureShare::<C>::deserialize(&bytes) {
            Ok(share) => share,
            Err(e) => {
                assert!(e.culprits().is_empty());
                return;
            }
        };
        let honest = share == f.shares[&signer];
        let mut shares = f.shares.clone();
        shares.insert(signer, share);
        let result = frost_core::aggregate(&f.package, &shares, &f.public_key_package);
        if honest {
            assert!(
                result == Ok(f.signature),
                "aggregate ({}): honest session gave {result:?}",
                C::NAME
            );
        } else {
            assert!(
                result == Err(Error::InvalidSignatureShare { culprits: vec![signer] }),
                "aggregate ({}): share of {signer:?} altered, got {result:?}\n share: {}",
                C::NAME,
                hex(&bytes)
            );
        }
    }
}
