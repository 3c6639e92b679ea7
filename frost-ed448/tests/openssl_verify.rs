//! Group signatures verify under OpenSSL's command line as Ed448 signatures
//! (`openssl pkeyutl -verify -rawin`, RFC 8032 with an empty context), and a
//! tampered one does not. Skipped, saying so, only if `openssl` is absent.

use frost_core::Identifier;
use frost_core::keys::IdentifierList;
use frost_core::testing::cocktail::openssl_verifies;
use frost_core::testing::{dealer_keys, dkg, sign};
use frost_ed448::Ed448Shake256;

type C = Ed448Shake256;

/// The DER SubjectPublicKeyInfo prefix of an Ed448 key (RFC 8410: OID
/// 1.3.101.113, then a 57-byte BIT STRING).
const SPKI_PREFIX: [u8; 12] = [0x30, 0x43, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71, 0x03, 0x3a, 0x00];

#[test]
fn group_signatures_verify_under_openssl() {
    let sessions = [
        dealer_keys::<C>(3, 2, IdentifierList::Default, 1),
        dealer_keys::<C>(7, 5, IdentifierList::Default, 2),
        {
            let ids: Vec<Identifier<C>> = (1..=4u16).map(|i| Identifier::try_from(i).expect("non-zero")).collect();
            dkg::run::<C>(&ids, 3, 3)
        },
    ];
    for (seed, (key_packages, public_key_package)) in sessions.iter().enumerate() {
        let key = public_key_package.verifying_key().serialize();
        let signers: Vec<_> = key_packages.keys().copied().collect();
        let min = usize::from(key_packages.values().next().expect("a key package").min_signers());
        // No empty message: OpenSSL 3.0's `pkeyutl -rawin` cannot read an
        // empty file ("Could not allocate 0 bytes"), whatever the signature.
        for message in [&b"m"[..], b"message", &[0x5a; 300]] {
            let signature = sign(key_packages, public_key_package, &signers[..min], message, seed as u64)
                .expect("FROST signs")
                .serialize();
            let Some(verified) = openssl_verifies(&SPKI_PREFIX, &key, message, &signature) else {
                eprintln!("SKIPPED: no `openssl` on PATH; install OpenSSL to run this test");
                return;
            };
            assert!(verified, "OpenSSL refuses a group signature on {message:02x?}");
            let mut tampered = signature.clone();
            tampered[60] ^= 1;
            assert_eq!(
                openssl_verifies(&SPKI_PREFIX, &key, message, &tampered),
                Some(false),
                "OpenSSL accepts a tampered signature"
            );
            assert_eq!(
                openssl_verifies(&SPKI_PREFIX, &key, b"another message", &signature),
                Some(false),
                "OpenSSL accepts the signature on another message"
            );
        }
    }
}
