//! Group signatures verify under OpenSSL's command line as Ed448 signatures
//! (`openssl pkeyutl -verify -rawin`, RFC 8032 with an empty context), and a
//! tampered one does not. Skipped, saying so, only if `openssl` is absent.

use std::path::{Path, PathBuf};
use std::process::Command;

use frost_core::Identifier;
use frost_core::keys::IdentifierList;
use frost_core::testing::{dealer_keys, dkg, sign};
use frost_ed448::Ed448Shake256;

type C = Ed448Shake256;

/// The DER SubjectPublicKeyInfo prefix of an Ed448 key (RFC 8410: OID
/// 1.3.101.113, then a 57-byte BIT STRING).
const SPKI_PREFIX: [u8; 12] = [0x30, 0x43, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71, 0x03, 0x3a, 0x00];

/// A fresh directory for this test's files.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("frost-ed448-openssl-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// Whether OpenSSL accepts `signature` on `message` under `key`; `None` when
/// there is no `openssl` to ask.
fn openssl_verifies(dir: &Path, key: &[u8], message: &[u8], signature: &[u8]) -> Option<bool> {
    let key_file = dir.join("key.der");
    let message_file = dir.join("message");
    let signature_file = dir.join("signature");
    std::fs::write(&key_file, [&SPKI_PREFIX[..], key].concat()).expect("write the key");
    std::fs::write(&message_file, message).expect("write the message");
    std::fs::write(&signature_file, signature).expect("write the signature");
    let output = Command::new("openssl")
        .args(["pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-rawin", "-inkey"])
        .arg(&key_file)
        .arg("-in")
        .arg(&message_file)
        .arg("-sigfile")
        .arg(&signature_file)
        .output();
    match output {
        Ok(output) => Some(output.status.success()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => panic!("running openssl: {e}"),
    }
}

#[test]
fn group_signatures_verify_under_openssl() {
    let dir = scratch_dir("verify");
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
            let Some(verified) = openssl_verifies(&dir, &key, message, &signature) else {
                eprintln!("SKIPPED: no `openssl` on PATH; install OpenSSL to run this test");
                return;
            };
            assert!(verified, "OpenSSL refuses a group signature on {message:02x?}");
            let mut tampered = signature.clone();
            tampered[60] ^= 1;
            assert_eq!(
                openssl_verifies(&dir, &key, message, &tampered),
                Some(false),
                "OpenSSL accepts a tampered signature"
            );
            assert_eq!(
                openssl_verifies(&dir, &key, b"another message", &signature),
                Some(false),
                "OpenSSL accepts the signature on another message"
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
