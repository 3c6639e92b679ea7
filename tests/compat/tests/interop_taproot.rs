//! Interoperability with frost-secp256k1-tr 3.x: mixed DKG, mixed signing
//! with every tweak, JSON.

#[path = "../../../frost-secp256k1-tr/tests/common/mod.rs"]
mod common;

use std::collections::BTreeMap;

use frost_secp256k1_tr::taproot::{self, Tweak};
use frost_secp256k1_tr::{self as frost};
use frost_secp256k1_tr_3 as theirs;
use rand08::SeedableRng as _;

/// Our side of a mixed DKG: 3.0's DKG stores the key-path-tweaked key, ours
/// the internal key, so our participants sign with the key-path tweak where
/// theirs sign plainly.
mod after_their_dkg {
    use std::collections::BTreeMap;

    use frost_secp256k1_tr::taproot::{self, Tweak};
    use frost_secp256k1_tr::{self as frost};

    pub fn sign(
        package: &frost::SigningPackage,
        nonces: frost::round1::SigningNonces,
        key_package: &frost::keys::KeyPackage,
    ) -> Result<frost::round2::SignatureShare, frost::Error> {
        taproot::sign_with_tweak(package, nonces, key_package, &Tweak::KeyPath)
    }

    pub fn aggregate(
        package: &frost::SigningPackage,
        shares: &BTreeMap<frost::Identifier, frost::round2::SignatureShare>,
        public_key_package: &frost::keys::PublicKeyPackage,
    ) -> Result<frost::Signature, frost::Error> {
        taproot::aggregate_with_tweak(package, shares, public_key_package, &Tweak::KeyPath)
    }

    pub fn dkg_output_as_theirs(public_key_package: &frost::keys::PublicKeyPackage) -> frost::keys::PublicKeyPackage {
        super::common::key_path_tweaked_public(public_key_package)
    }

    pub fn verifying_key(public_key_package: &frost::keys::PublicKeyPackage) -> frost::VerifyingKey {
        taproot::output_key(public_key_package.verifying_key(), &Tweak::KeyPath).expect("output key")
    }
}

frost_core::interop_tests!(frost_secp256k1_tr, frost_secp256k1_tr_3, crate::after_their_dkg);

/// Dealer keys (which neither implementation tweaks) signed by a mixed set
/// of signers with each tweak, aggregated by both coordinators to the same
/// BIP340 signature, which both verify under the output key.
#[test]
fn mixed_signing_with_every_tweak() {
    let (our_kps, our_pkp) =
        frost_core::testing::dealer_keys::<frost::Secp256K1Sha256TR>(5, 3, frost::keys::IdentifierList::Default, 1);
    let their_pkp = theirs::keys::PublicKeyPackage::deserialize(&our_pkp.serialize()).expect("they decode ours");
    let root = [0x33u8; 32];
    for (round, tweak) in [Tweak::Untweaked, Tweak::KeyPath, Tweak::ScriptTree(root)]
        .iter()
        .enumerate()
    {
        let their_root: Option<&[u8]> = match tweak {
            Tweak::Untweaked | Tweak::KeyPath => None,
            Tweak::ScriptTree(root) => Some(root),
        };
        let message = format!("tweak {round}").into_bytes();
        let mut rng = frost_core::testing::rng(round as u64);
        let mut rng08 = rand08::rngs::StdRng::seed_from_u64(round as u64);
        // Signers 1 and 3 run our code, 2 theirs.
        let signers: Vec<frost::Identifier> = our_kps.keys().take(3).copied().collect();
        let mut our_nonces = BTreeMap::new();
        let mut their_nonces = BTreeMap::new();
        let mut commitments = BTreeMap::new();
        for (i, id) in signers.iter().enumerate() {
            if i % 2 == 0 {
                let (n, c) = frost::round1::commit(our_kps[id].signing_share(), &mut rng);
                our_nonces.insert(*id, n);
                commitments.insert(*id, c);
            } else {
                let kp = theirs::keys::KeyPackage::deserialize(&our_kps[id].serialize()).expect("decode");
                let (n, c) = theirs::round1::commit(kp.signing_share(), &mut rng08);
                let c = frost::round1::SigningCommitments::deserialize(&c.serialize().expect("serialize"))
                    .expect("we decode their commitments");
                their_nonces.insert(*id, (kp, n));
                commitments.insert(*id, c);
            }
        }
        let package = frost::SigningPackage::new(commitments, &message);
        let their_package = theirs::SigningPackage::deserialize(&package.serialize()).expect("decode");
        let mut shares = BTreeMap::new();
        for (id, n) in our_nonces {
            shares.insert(
                id,
                taproot::sign_with_tweak(&package, n, &our_kps[&id], tweak).expect("our sign"),
            );
        }
        for (id, (kp, n)) in their_nonces {
            let share = match tweak {
                Tweak::Untweaked => theirs::round2::sign(&their_package, &n, &kp),
                _ => theirs::round2::sign_with_tweak(&their_package, &n, &kp, their_root),
            }
            .expect("their sign");
            let share = frost::round2::SignatureShare::deserialize(&share.serialize()).expect("decode");
            shares.insert(id, share);
        }

        let ours = taproot::aggregate_with_tweak(&package, &shares, &our_pkp, tweak).expect("we aggregate");
        let their_shares: BTreeMap<_, _> = shares
            .iter()
            .map(|(id, s)| {
                let id = theirs::Identifier::deserialize(&id.serialize()).expect("id");
                (
                    id,
                    theirs::round2::SignatureShare::deserialize(&s.serialize()).expect("share"),
                )
            })
            .collect();
        let their_signature = match tweak {
            Tweak::Untweaked => theirs::aggregate(&their_package, &their_shares, &their_pkp),
            _ => theirs::aggregate_with_tweak(&their_package, &their_shares, &their_pkp, their_root),
        }
        .expect("they aggregate");
        assert_eq!(
            ours.serialize(),
            their_signature.serialize().expect("serialize"),
            "{tweak:?}: same bytes"
        );

        // Both verify under the output key, which both compute alike.
        let output = taproot::output_key(our_pkp.verifying_key(), tweak).expect("output key");
        output.verify(&message, &ours).expect("we verify");
        let their_key = match tweak {
            Tweak::Untweaked => *their_pkp.verifying_key(),
            _ => *theirs::keys::Tweak::tweak(their_pkp.clone(), their_root).verifying_key(),
        };
        assert_eq!(
            taproot::x_only(&output),
            their_key.serialize().expect("serialize")[1..],
            "{tweak:?}: same output key"
        );
        their_key.verify(&message, &their_signature).expect("they verify");
        assert!(common::bip340_verifies(&taproot::x_only(&output), &message, &ours));
    }
}

/// Single-signer signatures cross both ways.
#[test]
fn single_signer_both_ways() {
    for seed in 0..8u64 {
        let ours = frost::SigningKey::new(&mut frost_core::testing::rng(seed));
        let their_key = theirs::SigningKey::deserialize(&ours.serialize()).expect("decode");
        let signature = ours.sign(&mut frost_core::testing::rng(100 + seed), b"single");
        let read = theirs::Signature::deserialize(&signature.serialize()).expect("decode");
        theirs::VerifyingKey::from(&their_key)
            .verify(b"single", &read)
            .expect("they verify ours");

        let theirs_sig = their_key.sign(rand08::rngs::StdRng::seed_from_u64(seed), b"single");
        let read = frost::Signature::deserialize(&theirs_sig.serialize().expect("serialize")).expect("decode");
        ours.verifying_key().verify(b"single", &read).expect("we verify theirs");
    }
}
