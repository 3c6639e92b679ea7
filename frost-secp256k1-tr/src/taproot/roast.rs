//! Robust signing ([`frost_core::roast`]) under a BIP341 output key.
//!
//! The frost-core coordinator and signer sign under the key packages they
//! are given, and know nothing of tweaks. These functions hand them tweaked
//! copies (the even-Y internal key's shares plus `t`, as
//! [`sign_with_tweak`](super::sign_with_tweak) and
//! [`aggregate_with_tweak`](super::aggregate_with_tweak) use), so the
//! signature is a BIP340 signature under [`output_key`](super::output_key).
//! The stored packages are untouched. Every signer and the coordinator must
//! use the same [`Tweak`]: a signer with another one is marked malicious for
//! its invalid shares.
//!
//! ```
//! use std::collections::{BTreeMap, VecDeque};
//! use frost_secp256k1_tr as frost;
//! use frost::roast::Step;
//! use frost::taproot::{self, Tweak};
//!
//! let mut rng = rand::rng();
//! let (shares, public_key_package) =
//!     frost::keys::generate_with_dealer(5, 3, frost::keys::IdentifierList::Default, &mut rng)?;
//! let tweak = Tweak::KeyPath;
//! let sighash = [0x42u8; 32];
//!
//! let mut coordinator = taproot::roast::coordinator(&public_key_package, &sighash, &tweak)?;
//! let mut signers = BTreeMap::new();
//! let mut inbox = VecDeque::new();
//! for (id, share) in shares {
//!     let key_package = frost::keys::KeyPackage::try_from(share)?;
//!     let (signer, first_reply) = taproot::roast::signer(&key_package, &sighash, &tweak, &mut rng)?;
//!     signers.insert(id, signer);
//!     inbox.push_back((id, first_reply));
//! }
//! let signature = loop {
//!     let (sender, reply) = inbox.pop_front().expect("honest signers always answer");
//!     match coordinator.receive(sender, reply)? {
//!         Step::Start(start) => {
//!             for id in start.signers() {
//!                 let signer: &mut frost::roast::Signer = signers.get_mut(&id).expect("a signer");
//!                 inbox.push_back((id, signer.sign(&start, &mut rng)?));
//!             }
//!         }
//!         Step::Signature(signature) => break signature,
//!         Step::Waiting => {}
//!     }
//! };
//! let output_key = taproot::output_key(public_key_package.verifying_key(), &tweak)?;
//! output_key.verify(&sighash, &signature)?;
//! # Ok::<(), frost::Error>(())
//! ```

use frost_core::__private::CryptoRng;
use frost_core::keys::{KeyPackage, PublicKeyPackage};
use frost_core::roast::{Coordinator, Reply, Signer};

use super::{Error, Tweak, tweak_key_package, tweak_public_key_package};
use crate::Secp256K1Sha256TR as S;

/// A ROAST coordinator for `message` whose signature verifies under
/// [`output_key`](super::output_key)`(P, tweak)`; see
/// [`Coordinator::new`]. The package keeps the internal key.
pub fn coordinator(
    public_key_package: &PublicKeyPackage<S>,
    message: &[u8],
    tweak: &Tweak,
) -> Result<Coordinator<S>, Error> {
    let tweaked = tweak_public_key_package(public_key_package, tweak)?;
    Coordinator::<S>::new(&tweaked, message)
}

/// A ROAST signer for `message` under the key `tweak` selects, and its
/// first reply; see [`Signer::new`]. The signer holds a tweaked copy of
/// the package; the package itself keeps the internal key.
pub fn signer<R: CryptoRng + ?Sized>(
    key_package: &KeyPackage<S>,
    message: &[u8],
    tweak: &Tweak,
    rng: &mut R,
) -> Result<(Signer<S>, Reply<S>), Error> {
    let tweaked = tweak_key_package(key_package, tweak)?.into_owned();
    Signer::<S>::new(tweaked, message, rng)
}

#[cfg(test)]
mod tests {
    use alloc::collections::BTreeMap;
    use alloc::vec::Vec;

    use frost_core::testing::roast::{ADVERSARIES, Behaviour, SIMULATION_MESSAGE, check_run_with};
    use frost_core::testing::{dealer_keys, rng};
    use k256::FieldBytes;

    use super::*;
    use crate::taproot::{output_key, x_only};

    fn bip340_verifies(
        key: &frost_core::VerifyingKey<S>,
        message: &[u8],
        signature: &frost_core::Signature<S>,
    ) -> bool {
        let key = k256::schnorr::VerifyingKey::from_bytes(&FieldBytes::from(x_only(key))).expect("x-only key");
        let signature = k256::schnorr::Signature::try_from(&signature.serialize()[..]).expect("signature");
        key.verify_raw(message, &signature).is_ok()
    }

    /// Through the functions of this module: honest signers, a BIP340
    /// signature under the output key for every tweak, and for group keys
    /// of both Y parities.
    #[test]
    fn signs_under_the_output_key() {
        let mut rng = rng(1);
        let message = b"taproot roast";
        let mut parities = [false; 2];
        for seed in 0..8 {
            let (kps, pkp) = dealer_keys::<S>(4, 3, frost_core::keys::IdentifierList::Default, seed);
            parities[usize::from(crate::has_odd_y(&pkp.verifying_key().to_element()))] = true;
            for tweak in [Tweak::Untweaked, Tweak::KeyPath, Tweak::ScriptTree([7; 32])] {
                let mut coordinator = coordinator(&pkp, message, &tweak).expect("coordinator");
                let mut signers = BTreeMap::new();
                let mut inbox = Vec::new();
                for (id, kp) in &kps {
                    let (signer, reply) = signer(kp, message, &tweak, &mut rng).expect("signer");
                    signers.insert(*id, signer);
                    inbox.push((*id, reply));
                }
                let signature = loop {
                    let (sender, reply) = inbox.remove(0);
                    match coordinator.receive(sender, reply).expect("no failure") {
                        frost_core::roast::Step::Start(start) => {
                            for id in start.signers() {
                                let reply = signers.get_mut(&id).expect("signer").sign(&start, &mut rng);
                                inbox.push((id, reply.expect("signs")));
                            }
                        }
                        frost_core::roast::Step::Signature(signature) => break signature,
                        frost_core::roast::Step::Waiting => {}
                    }
                };
                let key = output_key(pkp.verifying_key(), &tweak).expect("output key");
                assert!(bip340_verifies(&key, message, &signature), "{tweak:?}");
                if tweak != Tweak::Untweaked {
                    assert!(!bip340_verifies(pkp.verifying_key(), message, &signature));
                }
            }
        }
        assert_eq!(parities, [true, true], "both parities of the group key were covered");
    }

    /// The simulation, with adversaries of every behaviour, on tweaked
    /// copies of the packages (what the functions above build).
    #[test]
    fn adversaries_under_a_tweak() {
        for (seed, tweak) in [Tweak::KeyPath, Tweak::ScriptTree([9; 32]), Tweak::Untweaked]
            .iter()
            .enumerate()
        {
            let (kps, pkp) = dealer_keys::<S>(9, 5, frost_core::keys::IdentifierList::Default, seed as u64);
            let tweaked: BTreeMap<_, _> = kps
                .iter()
                .map(|(id, kp)| (*id, tweak_key_package(kp, tweak).expect("tweak").into_owned()))
                .collect();
            let tweaked_pkp = tweak_public_key_package(&pkp, tweak).expect("tweak").into_owned();
            for run in 0..6u64 {
                let mut behaviours = alloc::vec![Behaviour::Honest; 9];
                for (k, b) in behaviours
                    .iter_mut()
                    .skip(run as usize % 3)
                    .step_by(2)
                    .take(4)
                    .enumerate()
                {
                    *b = ADVERSARIES[(k + run as usize) % ADVERSARIES.len()];
                }
                let signature = check_run_with(&tweaked, &tweaked_pkp, &behaviours, run).expect("a signature");
                let key = output_key(pkp.verifying_key(), tweak).expect("output key");
                assert!(bip340_verifies(&key, SIMULATION_MESSAGE, &signature), "{tweak:?}");
            }
        }
    }
}
