//! The ciphersuites the command knows, and the few per-suite operations it
//! needs outside a DKG: host keys, the relay's challenge signatures, and
//! signature verification.

use std::fmt;

use frost_core::keys::standalone::{HostPublicKey, HostSecretKey};
use frost_core::{Ciphersuite, Signature, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// A FROST ciphersuite, named as on the command line (`--suite`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Suite {
    /// FROST(Ed25519, SHA-512).
    Ed25519,
    /// FROST(Ed448, SHAKE256).
    Ed448,
    /// FROST(P-256, SHA-256).
    P256,
    /// FROST(ristretto255, SHA-512).
    Ristretto255,
    /// FROST(secp256k1, SHA-256).
    Secp256k1,
    /// FROST(secp256k1, SHA-256) for Taproot (BIP340 signatures).
    Secp256k1Tr,
}

/// Runs `$body` with `$C` the ciphersuite type of `$suite`.
macro_rules! with_suite {
    ($suite:expr, $C:ident => $body:expr) => {
        match $suite {
            $crate::suite::Suite::Ed25519 => {
                type $C = frost_ed25519::Ed25519Sha512;
                $body
            }
            $crate::suite::Suite::Ed448 => {
                type $C = frost_ed448::Ed448Shake256;
                $body
            }
            $crate::suite::Suite::P256 => {
                type $C = frost_p256::P256Sha256;
                $body
            }
            $crate::suite::Suite::Ristretto255 => {
                type $C = frost_ristretto255::Ristretto255Sha512;
                $body
            }
            $crate::suite::Suite::Secp256k1 => {
                type $C = frost_secp256k1::Secp256K1Sha256;
                $body
            }
            $crate::suite::Suite::Secp256k1Tr => {
                type $C = frost_secp256k1_tr::Secp256K1Sha256TR;
                $body
            }
        }
    };
}

impl Suite {
    /// Every suite.
    pub const ALL: [Suite; 6] = [
        Suite::Ed25519,
        Suite::Ed448,
        Suite::P256,
        Suite::Ristretto255,
        Suite::Secp256k1,
        Suite::Secp256k1Tr,
    ];

    /// The name used on the command line and in files.
    pub fn name(self) -> &'static str {
        match self {
            Suite::Ed25519 => "ed25519",
            Suite::Ed448 => "ed448",
            Suite::P256 => "p256",
            Suite::Ristretto255 => "ristretto255",
            Suite::Secp256k1 => "secp256k1",
            Suite::Secp256k1Tr => "secp256k1-tr",
        }
    }

    /// The suite named `name`.
    pub fn from_name(name: &str) -> Option<Suite> {
        Suite::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The length of an encoded group element (a host public key).
    pub fn element_len(self) -> usize {
        with_suite!(self, C => <<C as Ciphersuite>::Group as frost_core::Group>::ELEMENT_LEN)
    }

    /// The suite whose plain Schnorr signatures the relay's challenge and
    /// the envelopes use. Taproot's would be BIP340 signatures, the scheme
    /// ChillDKG's certificate uses with the same host key; the RFC 9591
    /// secp256k1 suite hashes its challenge under a different tag, so no
    /// signature made here can be a certificate signature.
    fn auth_suite(self) -> Suite {
        match self {
            Suite::Secp256k1Tr => Suite::Secp256k1,
            other => other,
        }
    }
}

impl fmt::Display for Suite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A fresh host key: the secret key's bytes and the public key's.
pub fn generate_host_key(suite: Suite) -> (Zeroizing<Vec<u8>>, Vec<u8>) {
    with_suite!(suite, C => {
        let key = HostSecretKey::<C>::generate(&mut rand::rng());
        (key.to_bytes(), key.public_key().to_bytes())
    })
}

/// The host public key of a host secret key, or `None` if the bytes are not
/// a valid host secret key of `suite`.
pub fn host_public_key(suite: Suite, secret: &[u8]) -> Option<Vec<u8>> {
    with_suite!(suite, C => HostSecretKey::<C>::from_bytes(secret).ok().map(|k| k.public_key().to_bytes()))
}

/// Whether `bytes` is a valid host public key of `suite`.
pub fn is_host_public_key(suite: Suite, bytes: &[u8]) -> bool {
    with_suite!(suite, C => HostPublicKey::<C>::from_bytes(bytes).is_ok())
}

/// A Schnorr signature with the host key over `message` (which the caller
/// prefixes with its own domain-separation tag).
pub fn sign(suite: Suite, secret: &[u8], message: &[u8]) -> Option<Vec<u8>> {
    with_suite!(suite.auth_suite(), C => {
        let key = SigningKey::<C>::deserialize(secret).ok()?;
        Some(key.sign(&mut rand::rng(), message).serialize())
    })
}

/// Verifies a [`sign`] signature under a host public key.
pub fn verify(suite: Suite, public: &[u8], message: &[u8], signature: &[u8]) -> bool {
    with_suite!(suite.auth_suite(), C => {
        let (Ok(key), Ok(sig)) = (VerifyingKey::<C>::deserialize(public), Signature::<C>::deserialize(signature)) else {
            return false;
        };
        key.verify(message, &sig).is_ok()
    })
}

/// Checks that `package` is a valid encoded public key package of `suite`
/// whose group key is `group_key`.
pub fn check_public_key_package(suite: Suite, package: &[u8], group_key: &[u8]) -> Result<(), String> {
    with_suite!(suite, C => {
        let pkp = frost_core::keys::PublicKeyPackage::<C>::deserialize(package)
            .map_err(|e| format!("not a valid {suite} public key package: {e}"))?;
        if pkp.verifying_key().serialize() != group_key {
            return Err("the public key package is for another group key".into());
        }
        Ok(())
    })
}

/// A Taproot tweak for `frost verify --tweak`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TweakArg {
    /// Verify under the key as given.
    None,
    /// BIP341 key-path-only output key.
    KeyPath,
    /// BIP341 output key committing to this script-tree merkle root.
    ScriptTree([u8; 32]),
}

/// Why [`verify_signature`] could not even check the signature.
#[derive(Debug)]
pub struct BadInput(pub String);

/// Verifies a FROST signature of `suite` over `message` under the group key
/// `group` (for Taproot also an x-only output key, 32 bytes).
/// `Ok(false)` means well-formed but invalid.
pub fn verify_signature(
    suite: Suite,
    group: &[u8],
    message: &[u8],
    signature: &[u8],
    tweak: &TweakArg,
) -> Result<bool, BadInput> {
    if suite == Suite::Secp256k1Tr {
        return verify_taproot(group, message, signature, tweak);
    }
    if *tweak != TweakArg::None {
        return Err(BadInput(format!("--tweak applies only to secp256k1-tr, not {suite}")));
    }
    with_suite!(suite, C => {
        let key = VerifyingKey::<C>::deserialize(group)
            .map_err(|e| BadInput(format!("the group key is not a valid {suite} key: {e}")))?;
        let sig = Signature::<C>::deserialize(signature)
            .map_err(|e| BadInput(format!("the signature is not a valid {suite} signature encoding: {e}")))?;
        Ok(key.verify(message, &sig).is_ok())
    })
}

fn verify_taproot(group: &[u8], message: &[u8], signature: &[u8], tweak: &TweakArg) -> Result<bool, BadInput> {
    use frost_secp256k1_tr::taproot::{self, Tweak};
    type S = frost_secp256k1_tr::Secp256K1Sha256TR;
    // An x-only key is lifted to even Y, as BIP340 verifiers do.
    let key_bytes: Vec<u8> = match group.len() {
        32 => [&[0x02][..], group].concat(),
        _ => group.to_vec(),
    };
    let key = VerifyingKey::<S>::deserialize(&key_bytes).map_err(|e| {
        BadInput(format!(
            "the group key is neither a 33-byte secp256k1 key nor a 32-byte x-only key: {e}"
        ))
    })?;
    let tweak = match tweak {
        TweakArg::None => Tweak::Untweaked,
        TweakArg::KeyPath => Tweak::KeyPath,
        TweakArg::ScriptTree(root) => Tweak::ScriptTree(*root),
    };
    let key = taproot::output_key(&key, &tweak).map_err(|e| BadInput(format!("cannot apply the tweak: {e}")))?;
    let sig = Signature::<S>::deserialize(signature)
        .map_err(|e| BadInput(format!("the signature is not a 64-byte BIP340 signature: {e}")))?;
    Ok(key.verify(message, &sig).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for suite in Suite::ALL {
            assert_eq!(Suite::from_name(suite.name()), Some(suite));
            let json = serde_json::to_string(&suite).unwrap();
            assert_eq!(json, format!("\"{}\"", suite.name()));
        }
    }

    #[test]
    fn host_key_signatures_verify_and_bind_the_message() {
        for suite in Suite::ALL {
            let (secret, public) = generate_host_key(suite);
            assert_eq!(host_public_key(suite, &secret), Some(public.clone()));
            let sig = sign(suite, &secret, b"message").unwrap();
            assert!(verify(suite, &public, b"message", &sig), "{suite}");
            assert!(!verify(suite, &public, b"messagf", &sig), "{suite}");
        }
    }
}
