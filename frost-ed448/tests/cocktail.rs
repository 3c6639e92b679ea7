//! COCKTAIL-DKG (the C2SP vectors regenerated from their seeds, sessions,
//! recovery) for this suite; the tests live once in
//! `frost_core::testing::cocktail`.

use frost_ed448::Ed448Shake256 as Suite;

frost_core::cocktail_tests!(Suite);
frost_core::cocktail_blame_tests!(Suite);

use frost_core::testing::cocktail::{check_session, openssl_verifies};

/// The DER SubjectPublicKeyInfo prefix of an Ed448 key (RFC 8410).
const SPKI_PREFIX: [u8; 12] = [0x30, 0x43, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71, 0x03, 0x3a, 0x00];

/// FROST signatures made with COCKTAIL-DKG's output (its 56-byte shares
/// converted to frost-ed448's 57) are Ed448 signatures under OpenSSL's
/// command line (skipped, saying so, without `openssl`); tampered ones are
/// refused.
#[test]
fn cocktail_output_signs_ed448() {
    for (t, n) in [(2, 3), (3, 5)] {
        let message = b"signed with a COCKTAIL-DKG key";
        let (key, signature) = check_session::<Suite>(t, n, message).expect("t >= 2");
        let (key, signature) = (key.serialize(), signature.serialize());
        assert_eq!(signature.len(), 114);
        let Some(ok) = openssl_verifies(&SPKI_PREFIX, &key, message, &signature) else {
            eprintln!("SKIPPED: no `openssl` on PATH; install OpenSSL to run this test");
            return;
        };
        assert!(ok, "OpenSSL refuses the signature");
        let mut tampered = signature.clone();
        tampered[60] ^= 1;
        assert_eq!(openssl_verifies(&SPKI_PREFIX, &key, message, &tampered), Some(false));
        assert_eq!(
            openssl_verifies(&SPKI_PREFIX, &key, b"another message", &signature),
            Some(false)
        );
    }
}
