//! Fuzz targets for issue 6 ("hostile input: nothing panics"), as plain
//! functions so that both cargo-fuzz (`fuzz/`) and `cargo test` (which
//! replays the checked-in corpus, `tests/corpus.rs`) call the same code.
//!
//! Every target takes arbitrary bytes and must never panic. The first byte
//! picks the ciphersuite (`data[0] % 6`, in [`SUITES`] order) and the rest
//! goes to a function generic over the suite, so six suites cost one target.
//! A target panics only on purpose, through an `assert!` of a property the
//! library promises:
//!
//! - decoders ([`decode`]): a value that decodes re-encodes to exactly the
//!   input bytes (strict decoding is a bijection), and a refusal names nobody;
//! - protocol steps ([`protocol`]): starting from an honest, seeded session,
//!   the input replaces or mutates one participant's message; the step either
//!   succeeds (and then its output is right), or fails naming exactly the
//!   participant whose message was altered, and it always succeeds on the
//!   unaltered message.
//!
//! The standalone DKGs' targets ([`standalone`], and COCKTAIL's blame layer
//! in [`cocktail_blame`]) pick among their own suites (ChillDKG: the two
//! secp256k1 suites; COCKTAIL: five).
#![forbid(unsafe_code)]

pub mod cocktail_blame;
pub mod decode;
pub mod ed448_decode;
pub mod fixtures;
pub mod protocol;
pub mod seeds;
pub mod standalone;

pub use fixtures::Suite;

/// The suites in the order of the first input byte (`data[0] % 6`).
pub const SUITES: [&str; 6] = ["ristretto255", "ed25519", "secp256k1", "p256", "ed448", "secp256k1-tr"];

/// Calls `$module::$name::<Suite>(rest)` with the suite chosen by the first byte.
macro_rules! by_suite {
    ($data:expr, $module:ident :: $name:ident) => {{
        let data: &[u8] = $data;
        if let Some((&suite, rest)) = data.split_first() {
            match suite % 6 {
                0 => $module::$name::<frost_ristretto255::Ristretto255Sha512>(rest),
                1 => $module::$name::<frost_ed25519::Ed25519Sha512>(rest),
                2 => $module::$name::<frost_secp256k1::Secp256K1Sha256>(rest),
                3 => $module::$name::<frost_p256::P256Sha256>(rest),
                4 => $module::$name::<frost_ed448::Ed448Shake256>(rest),
                _ => $module::$name::<frost_secp256k1_tr::Secp256K1Sha256TR>(rest),
            }
        }
    }};
}

/// Defines one `pub fn name(data: &[u8])` per target, and [`TARGETS`].
macro_rules! targets {
    ($($module:ident :: $name:ident, $doc:expr;)* ; $($plain:ident :: $pname:ident;)*) => {
        $(
            #[doc = $doc]
            #[doc = ""]
            #[doc = "The first byte picks the suite (`data[0] % 6`); must not panic on any input."]
            pub fn $name(data: &[u8]) {
                by_suite!(data, $module::$name)
            }
        )*

        /// Every target: its name (also its cargo-fuzz target and corpus
        /// directory) and its function.
        pub const TARGETS: &[Target] = &[$(Target {
            name: stringify!($name),
            run: $name,
        },)* $(Target {
            name: stringify!($pname),
            run: $plain::$pname,
        },)*];
    };
}

/// One fuzz target.
#[derive(Copy, Clone, Debug)]
pub struct Target {
    /// The target's name: its function, its cargo-fuzz target and its corpus directory.
    pub name: &'static str,
    /// The target itself.
    pub run: fn(&[u8]),
}

targets! {
    decode::decode_round1_package, "DKG `round1::Package::deserialize`: canonical round trip, then the parts.";
    decode::decode_round2_package, "DKG `round2::Package::deserialize`: canonical round trip.";
    decode::decode_signing_commitments, "`round1::SigningCommitments::deserialize`: canonical round trip.";
    decode::decode_signing_package, "`SigningPackage::deserialize`: canonical round trip.";
    decode::decode_key_package, "`KeyPackage::deserialize`: canonical round trip, consistency.";
    decode::decode_public_key_package, "`PublicKeyPackage::deserialize`: canonical round trip, then `validate`.";
    decode::decode_secret_share, "`SecretShare::deserialize`: canonical round trip, then `verify` and `KeyPackage::try_from`.";
    decode::decode_signing_nonces, "`SigningNonces::restore`: canonical round trip through `persist`.";
    decode::decode_round1_secret_package, "DKG `round1::SecretPackage::deserialize`: canonical round trip, then `part2`.";
    decode::decode_round2_secret_package, "DKG `round2::SecretPackage::deserialize`: canonical round trip, then `part3`.";
    decode::decode_misc, "The small values (second byte picks): `SignatureShare`, `Signature`, `Identifier`, shares, keys, commitments.";
    protocol::part2, "DKG `part2` with one received round-1 package replaced or mutated.";
    protocol::part3, "DKG `part3` with one received round-2 package replaced or mutated.";
    protocol::sign, "`round2::sign` by an honest signer on fuzzed signing-package bytes.";
    protocol::aggregate, "`aggregate` with one signature share, or the signing package, replaced or mutated.";
    ;
    standalone::decode_chilldkg_attachment;
    standalone::decode_chilldkg_accusation;
    standalone::decode_chilldkg_recovery;
    standalone::decode_chilldkg_certificate;
    standalone::decode_cocktail;
    standalone::chilldkg_participant_step1;
    standalone::chilldkg_coordinator_step1;
    standalone::chilldkg_participant_step2;
    standalone::chilldkg_coordinator_finalize;
    standalone::chilldkg_participant_finalize;
    standalone::chilldkg_investigate;
    standalone::chilldkg_participant_blame;
    standalone::chilldkg_check_attachments;
    standalone::chilldkg_accusation_verify;
    cocktail_blame::decode_cocktail_attachment;
    cocktail_blame::decode_cocktail_accusation;
    cocktail_blame::cocktail_check_attachments;
    cocktail_blame::cocktail_participant_blame;
    cocktail_blame::cocktail_accusation_verify;
}

/// Looks a target up by name.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// Applies edit operations to `original`: each 3-byte chunk `[lo, hi, v]`
/// of `ops` addresses offset `u16::from_le_bytes([lo, hi]) % (len + 1)`;
/// at the end it appends `v`, elsewhere it XORs `v` into the byte, or
/// deletes the byte when `v` is zero. A last, shorter chunk is appended.
///
/// Lets a target explore small changes to a real message even without a
/// seed corpus, while the "replace" modes let libFuzzer's own mutations work
/// on whole encodings.
pub fn mutate(original: &[u8], ops: &[u8]) -> Vec<u8> {
    let mut out = original.to_vec();
    for op in ops.chunks(3) {
        let &[lo, hi, v] = op else {
            out.extend_from_slice(op);
            continue;
        };
        let at = usize::from(u16::from_le_bytes([lo, hi])) % (out.len() + 1);
        if at == out.len() {
            out.push(v);
        } else if v == 0 {
            out.remove(at);
        } else {
            out[at] ^= v;
        }
    }
    out
}

/// Lowercase hex, for assertion messages.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutate_edits() {
        assert_eq!(mutate(&[1, 2, 3], &[]), [1, 2, 3]);
        assert_eq!(mutate(&[1, 2, 3], &[1, 0, 0xff]), [1, 0xfd, 3]);
        assert_eq!(mutate(&[1, 2, 3], &[1, 0, 0]), [1, 3]);
        assert_eq!(mutate(&[1, 2, 3], &[3, 0, 9]), [1, 2, 3, 9]);
        assert_eq!(mutate(&[1, 2, 3], &[7, 8]), [1, 2, 3, 7, 8]);
        assert_eq!(mutate(&[], &[5, 0, 0]), [0]);
    }

    #[test]
    fn targets_are_unique_and_survive_trivial_input() {
        for (i, t) in TARGETS.iter().enumerate() {
            assert!(TARGETS[..i].iter().all(|u| u.name != t.name), "{}", t.name);
            for data in [&[][..], &[0], &[1, 0], &[2, 1, 2], &[3; 40], &[4; 300], &[0xff; 100]] {
                (t.run)(data);
            }
        }
    }
}
