//! COCKTAIL-DKG (the C2SP vectors regenerated from their seeds, sessions,
//! recovery) for this suite; the tests live once in
//! `frost_core::testing::cocktail`.

use frost_secp256k1_tr::Secp256K1Sha256TR as Suite;

frost_core::cocktail_tests!(Suite);
frost_core::cocktail_blame_tests!(Suite);

mod common;

use common::{bip340_verifies, taproot_tweak_pubkey, x_only};
use frost_core::testing::cocktail::session_packages;
use frost_core::testing::sign_with;
use frost_secp256k1_tr::taproot::{self, Tweak};

/// COCKTAIL's secp256k1 output has no Taproot tweak of its own. Signed as
/// the Taproot docs say, with a key-path tweak or the application's merkle
/// root, the signatures verify under k256's BIP340 verifier against the
/// BIP341 output key of the bare DKG key.
#[test]
fn bip340_signatures_from_cocktail_output() {
    for (t, n) in [(2u32, 3u32), (3, 5)] {
        let (key_packages, pkp) = session_packages::<Suite>(t, n);
        let signers: Vec<_> = key_packages.keys().copied().take(t as usize).collect();
        let internal = x_only(pkp.verifying_key());
        for tweak in [Tweak::KeyPath, Tweak::ScriptTree([0x42u8; 32])] {
            let message = b"spend from a COCKTAIL-DKG key";
            let sig = sign_with(
                &key_packages,
                &signers,
                message,
                9,
                |package, nonces, kp| taproot::sign_with_tweak(package, nonces, kp, &tweak),
                |package, shares| taproot::aggregate_with_tweak(package, shares, &pkp, &tweak),
            )
            .expect("sign");
            let output_key = match tweak {
                Tweak::KeyPath => taproot_tweak_pubkey(internal, &[]).2,
                Tweak::ScriptTree(root) => taproot_tweak_pubkey(internal, &root).2,
                Tweak::Untweaked => unreachable!(),
            };
            assert!(bip340_verifies(&output_key, message, &sig), "t={t} n={n} {tweak:?}");
            assert!(!bip340_verifies(&output_key, b"other", &sig));
            assert!(!bip340_verifies(&internal, message, &sig));
        }
    }
}
