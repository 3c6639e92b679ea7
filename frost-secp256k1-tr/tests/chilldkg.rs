//! ChillDKG (the BIP's 249 vectors, sessions, recovery, corruption) for this
//! suite; the tests live once in `frost_core::testing::chilldkg`.

use frost_secp256k1_tr::Secp256K1Sha256TR as Suite;

frost_core::chilldkg_tests!(Suite);

mod common;

use std::collections::BTreeMap;

use common::{bip340_verifies, taproot_tweak_pubkey, x_only};
use frost_core::testing::chilldkg::random_session;
use frost_secp256k1_tr::taproot::{self, Tweak};

/// Signatures from ChillDKG output verify under k256's BIP340 verifier
/// against the threshold key the BIP outputs, untweaked, and against the
/// BIP341 output key for a script tree: the suite's tweak goes on top of
/// ChillDKG's unspendable-script commitment, not instead of it.
#[test]
fn bip340_signatures_from_chilldkg_output() {
    for (t, n) in [(2u32, 3usize), (3, 4)] {
        let session = random_session::<Suite>(t, n);
        let output = &session.coordinator.0;
        let pkp = output.public_key_package().expect("t >= 2");
        let thresh_pk = output.bip_fields().1;
        assert_eq!(pkp.verifying_key().serialize(), thresh_pk);
        let key_packages: BTreeMap<_, _> = session
            .outputs
            .iter()
            .map(|(o, _)| {
                let kp = o.key_package().expect("t >= 2").expect("participant");
                (*kp.identifier(), kp)
            })
            .collect();
        let signers: Vec<_> = key_packages.keys().copied().take(t as usize).collect();
        let root = [0x42u8; 32];
        for tweak in [Tweak::Untweaked, Tweak::ScriptTree(root)] {
            let message = b"spend from a ChillDKG key";
            let mut rng = frost_core::testing::rng(9);
            let mut nonces = BTreeMap::new();
            let mut commitments = BTreeMap::new();
            for id in &signers {
                let (nn, c) = frost_secp256k1_tr::round1::commit(key_packages[id].signing_share(), &mut rng);
                nonces.insert(*id, nn);
                commitments.insert(*id, c);
            }
            let package = frost_secp256k1_tr::SigningPackage::new(commitments, message);
            let shares: BTreeMap<_, _> = signers
                .iter()
                .map(|id| {
                    let nn = nonces.remove(id).expect("committed");
                    (
                        *id,
                        taproot::sign_with_tweak(&package, nn, &key_packages[id], &tweak).expect("share"),
                    )
                })
                .collect();
            let sig = taproot::aggregate_with_tweak(&package, &shares, &pkp, &tweak).expect("aggregate");
            let x = x_only(pkp.verifying_key());
            assert_eq!(x[..], thresh_pk[1..]);
            let expected_key = match tweak {
                Tweak::Untweaked => x,
                Tweak::ScriptTree(root) => taproot_tweak_pubkey(x, &root).2,
                Tweak::KeyPath => unreachable!(),
            };
            assert!(bip340_verifies(&expected_key, message, &sig), "t={t} n={n} {tweak:?}");
            assert!(!bip340_verifies(&expected_key, b"other", &sig));
        }
    }
}
