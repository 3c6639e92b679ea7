//! Re-randomized FROST with BIP341 tweaks: the randomizer offsets the
//! internal key, the tweak is computed from the randomized internal key,
//! and k256's BIP340 verifier accepts the signature under the output key
//! that BIP341, computed independently, gives for it.

mod common;

use std::collections::BTreeMap;

use frost_core::testing::rerandomized::{Session, session};
use frost_secp256k1_tr::taproot::{self, Tweak, rerandomized};
use frost_secp256k1_tr::{self as frost, Secp256K1Sha256TR as S};

type Keys = (
    BTreeMap<frost::Identifier, frost::keys::KeyPackage>,
    frost::keys::PublicKeyPackage,
);

fn tweaks() -> [Tweak; 3] {
    [Tweak::Untweaked, Tweak::KeyPath, Tweak::ScriptTree([0x5a; 32])]
}

/// BIP341's tweak data for a tweak: `None` for no tweak.
fn tweak_data(tweak: &Tweak) -> Option<Vec<u8>> {
    match tweak {
        Tweak::Untweaked => None,
        Tweak::KeyPath => Some(Vec::new()),
        Tweak::ScriptTree(root) => Some(root.to_vec()),
    }
}

/// Every signer signs with the seed and `tweak`.
fn sign_all(
    keys: &Keys,
    s: &mut Session<S>,
    tweak: &Tweak,
) -> BTreeMap<frost::Identifier, frost::round2::SignatureShare> {
    let ids: Vec<_> = s.nonces.keys().copied().collect();
    ids.into_iter()
        .map(|id| {
            let n = s.nonces.remove(&id).expect("committed");
            let share =
                rerandomized::sign_with_randomizer_seed(&s.package, n, &keys.0[&id], &s.seed, tweak).expect("sign");
            (id, share)
        })
        .collect()
}

#[test]
fn bip340_signatures_under_the_randomized_output_key() {
    // Several key seeds, so that both parities of P, P' and Q' occur.
    let mut parities = std::collections::BTreeSet::new();
    for key_seed in 0..6u64 {
        let keys = frost_core::testing::dealer_keys::<S>(5, 3, frost::keys::IdentifierList::Default, key_seed);
        let signers: Vec<_> = keys.0.keys().skip(1).take(3).copied().collect();
        for (round, tweak) in tweaks().iter().enumerate() {
            let message = format!("taproot {key_seed} {round}").into_bytes();
            let mut s = session(&keys, &signers, &message, key_seed * 10 + round as u64);
            let shares = sign_all(&keys, &mut s, tweak);
            for (id, share) in &shares {
                rerandomized::verify_signature_share(
                    *id,
                    &keys.1.verifying_shares()[id],
                    share,
                    &s.package,
                    keys.1.verifying_key(),
                    &s.params,
                    tweak,
                )
                .expect("share verifies");
            }
            let signature = rerandomized::aggregate(&s.package, &shares, &keys.1, &s.params, tweak).expect("aggregate");

            // BIP341 from the randomized internal key, computed independently.
            let internal = s.params.randomized_verifying_key();
            let expected_x = match tweak_data(tweak) {
                None => common::x_only(internal),
                Some(data) => common::taproot_tweak_pubkey(common::x_only(internal), &data).2,
            };
            let output = rerandomized::output_key(&s.params, tweak).expect("output key");
            assert_eq!(taproot::x_only(&output), expected_x);
            assert!(
                common::bip340_verifies(&expected_x, &message, &signature),
                "BIP340 verifies"
            );
            output.verify(&message, &signature).expect("we verify");

            // Not under the group's own (unrandomized) output key.
            let unrandomized = taproot::output_key(keys.1.verifying_key(), tweak).expect("output key");
            assert!(!common::bip340_verifies(
                &taproot::x_only(&unrandomized),
                &message,
                &signature
            ));
            parities.insert((
                common::odd_y(keys.1.verifying_key()),
                common::odd_y(internal),
                common::odd_y(&output),
            ));
        }
    }
    assert!(parities.len() >= 4, "odd and even keys covered: {parities:?}");
}

/// A signer that uses another tweak, another randomizer, or the untweaked
/// randomized key is named; the coordinator's own tweak decides.
#[test]
fn names_signers_with_another_tweak_or_randomizer() {
    let keys = frost_core::testing::dealer_keys::<S>(5, 3, frost::keys::IdentifierList::Default, 7);
    let signers: Vec<_> = keys.0.keys().take(4).copied().collect();
    let culprit = signers[1];
    for (round, wrong) in ["tweak", "randomizer", "plain"].into_iter().enumerate() {
        let mut s = session(&keys, &signers, b"culprit", 70 + round as u64);
        let tweak = Tweak::KeyPath;
        let mut shares = BTreeMap::new();
        for id in &signers {
            let n = s.nonces.remove(id).expect("committed");
            let kp = &keys.0[id];
            let share = if *id != culprit {
                rerandomized::sign_with_randomizer_seed(&s.package, n, kp, &s.seed, &tweak)
            } else {
                match wrong {
                    "tweak" => {
                        rerandomized::sign_with_randomizer_seed(&s.package, n, kp, &s.seed, &Tweak::ScriptTree([1; 32]))
                    }
                    "randomizer" => {
                        let alpha = frost::rerandomized::Randomizer::from_scalar(k256::Scalar::from(5u64));
                        rerandomized::sign_with_randomizer(&s.package, n, kp, &alpha, &tweak)
                    }
                    _ => taproot::sign_with_tweak(&s.package, n, kp, &tweak),
                }
            }
            .expect("sign");
            shares.insert(*id, share);
        }
        assert_eq!(
            rerandomized::aggregate(&s.package, &shares, &keys.1, &s.params, &tweak).map(|_| ()),
            Err(frost::Error::InvalidSignatureShare {
                culprits: vec![culprit]
            }),
            "{wrong}"
        );
    }
}

/// Untweaked, the Taproot module and the generic `rerandomized` module make
/// the same shares and signature.
#[test]
fn untweaked_is_the_generic_construction() {
    let keys = frost_core::testing::dealer_keys::<S>(3, 2, frost::keys::IdentifierList::Default, 8);
    let signers: Vec<_> = keys.0.keys().take(2).copied().collect();
    let mut a = session(&keys, &signers, b"same", 80);
    let mut b = session(&keys, &signers, b"same", 80);
    let ours = sign_all(&keys, &mut a, &Tweak::Untweaked);
    let generic = frost_core::testing::rerandomized::honest_shares(&keys.0, &mut b);
    assert_eq!(ours, generic);
    let one = rerandomized::aggregate(&a.package, &ours, &keys.1, &a.params, &Tweak::Untweaked).expect("aggregate");
    let two = frost::rerandomized::aggregate(&b.package, &generic, &keys.1, &b.params).expect("aggregate");
    assert_eq!(one.serialize(), two.serialize());
}
