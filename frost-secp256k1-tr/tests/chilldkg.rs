//! ChillDKG (the BIP's 249 vectors, sessions, recovery, corruption) for this
//! suite; the tests live once in `frost_core::testing::chilldkg`.

use frost_secp256k1_tr::Secp256K1Sha256TR as Suite;

frost_core::chilldkg_tests!(Suite);

mod common;

use std::collections::BTreeMap;

use common::{bip340_verifies, taproot_tweak_pubkey, x_only};
use frost_core::testing::chilldkg::random_session;
use frost_core::testing::sign_with;
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
            let sig = sign_with(
                &key_packages,
                &signers,
                message,
                9,
                |package, nonces, kp| taproot::sign_with_tweak(package, nonces, kp, &tweak),
                |package, shares| taproot::aggregate_with_tweak(package, shares, &pkp, &tweak),
            )
            .expect("sign");
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
