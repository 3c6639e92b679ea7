//! BIP340 and BIP341 computed independently of the crate under test: the
//! tagged hashes written out with sha2, points and scalars with k256, and
//! k256's own BIP340 verifier.

#![allow(dead_code)] // Each test file uses a subset.

use frost_secp256k1_tr as frost;
use k256::elliptic_curve::PrimeField;
use k256::elliptic_curve::group::GroupEncoding;
use k256::elliptic_curve::point::AffineCoordinates;
use k256::{CompressedPoint, FieldBytes, ProjectivePoint, Scalar};
use sha2::{Digest, Sha256};

/// `SHA-256(SHA-256("TapTweak") || SHA-256("TapTweak") || data)`.
pub fn tap_tweak_hash(data: &[&[u8]]) -> [u8; 32] {
    let tag = Sha256::digest(b"TapTweak");
    let mut h = Sha256::new();
    h.update(tag);
    h.update(tag);
    for d in data {
        h.update(d);
    }
    h.finalize().into()
}

/// BIP341's `taproot_tweak_pubkey(pubkey, h)`: the tweak `t` and the
/// output key `(parity of Q, x(Q))` for an x-only internal key and the
/// tweak data `h` (empty for a key-path-only output).
pub fn taproot_tweak_pubkey(pubkey: [u8; 32], h: &[u8]) -> (Scalar, bool, [u8; 32]) {
    let t = Option::<Scalar>::from(Scalar::from_repr(FieldBytes::from(tap_tweak_hash(&[&pubkey, h])))).expect("t < n");
    let mut sec1 = [0x02u8; 33];
    sec1[1..].copy_from_slice(&pubkey);
    let p = Option::<ProjectivePoint>::from(ProjectivePoint::from_bytes(&CompressedPoint::from(sec1)))
        .expect("x on the curve");
    let q = (p + ProjectivePoint::GENERATOR * t).to_affine();
    (t, bool::from(q.y_is_odd()), q.x().into())
}

/// The x-only bytes of a key.
pub fn x_only(key: &frost::VerifyingKey) -> [u8; 32] {
    let sec1 = key.serialize();
    sec1[1..].try_into().expect("33-byte SEC1")
}

/// k256's BIP340 verifier on the serialized signature.
pub fn bip340_verifies(x_only_key: &[u8; 32], message: &[u8], signature: &frost::Signature) -> bool {
    let key = k256::schnorr::VerifyingKey::from_bytes(&FieldBytes::from(*x_only_key)).expect("x-only key");
    let bytes: [u8; 64] = signature.serialize().try_into().expect("64-byte signature");
    let signature = k256::schnorr::Signature::try_from(&bytes[..]).expect("signature");
    key.verify_raw(message, &signature).is_ok()
}

/// Whether a SEC1 encoded key has odd Y.
pub fn odd_y(key: &frost::VerifyingKey) -> bool {
    key.serialize()[0] == 0x03
}

/// The even-Y internal key's sign and the key-path tweak `t * G`, from
/// BIP341 directly.
fn key_path_adjustment(internal: &frost::VerifyingKey) -> (Scalar, Scalar) {
    let sign = if odd_y(internal) { -Scalar::ONE } else { Scalar::ONE };
    let (t, _, _) = taproot_tweak_pubkey(x_only(internal), &[]);
    (sign, t)
}

/// What frost-secp256k1-tr 3.0's DKG stores (its `post_dkg`): the
/// even-Y internal key's shares plus the key-path tweak, computed here from
/// BIP341 directly.
pub fn key_path_tweaked(
    kp: frost::keys::KeyPackage,
    pkp: frost::keys::PublicKeyPackage,
) -> (frost::keys::KeyPackage, frost::keys::PublicKeyPackage) {
    let (sign, t) = key_path_adjustment(pkp.verifying_key());
    let adjust = |p: ProjectivePoint| p * sign + ProjectivePoint::GENERATOR * t;
    let kp = frost::keys::KeyPackage::new(
        *kp.identifier(),
        frost::keys::SigningShare::from_scalar(kp.signing_share().to_scalar() * sign + t),
        frost::keys::VerifyingShare::from_element(adjust(kp.verifying_share().to_element())),
        frost::VerifyingKey::new(adjust(kp.verifying_key().to_element())),
        kp.min_signers(),
    )
    .expect("consistent");
    (kp, key_path_tweaked_public(&pkp))
}

/// The public half of [`key_path_tweaked`].
pub fn key_path_tweaked_public(pkp: &frost::keys::PublicKeyPackage) -> frost::keys::PublicKeyPackage {
    let (sign, t) = key_path_adjustment(pkp.verifying_key());
    let adjust = |p: ProjectivePoint| p * sign + ProjectivePoint::GENERATOR * t;
    let shares = pkp
        .verifying_shares()
        .iter()
        .map(|(id, s)| (*id, frost::keys::VerifyingShare::from_element(adjust(s.to_element()))))
        .collect();
    frost::keys::PublicKeyPackage::new(
        shares,
        frost::VerifyingKey::new(adjust(pkp.verifying_key().to_element())),
        pkp.min_signers().expect("threshold"),
    )
}
