//! BIP341 key tweaks: signing for a Taproot output.
//!
//! A Taproot output commits to the output key
//! `Q = lift_x(x(P)) + t * G`, where `P` is the internal key (what every
//! package of this crate holds) and
//! `t = int(tagged_hash("TapTweak", x(P) || merkle_root))`, the merkle root
//! being omitted for an output without a script tree
//! ([BIP341](https://github.com/bitcoin/bips/blob/master/bip-0341.mediawiki#constructing-and-spending-taproot-outputs)).
//! A key-path spend is a BIP340 signature under `x(Q)`.
//!
//! The threshold signers hold shares of `P`'s secret; since shares are
//! linear and Lagrange coefficients at zero sum to one, adding `t` to every
//! signing share (and `t * G` to every verifying share) gives shares of `Q`'s
//! secret. The functions here do so for one call only, on copies: the stored
//! packages keep the internal key, and a tweak cannot be applied twice.
//!
//! Every signer and the coordinator must use the same [`Tweak`]: with
//! different ones, the binding factors and the challenge differ, and the
//! coordinator reports the mismatching signers' shares as invalid.
//!
//! [`roast`] signs robustly (ROAST) under the same keys.
//!
//! Keys from COCKTAIL-DKG (`keys::cocktail`) carry **no** tweak of their
//! own, unlike ChillDKG's: a malicious participant could have made the bare
//! key commit to a hidden script path. Never publish that key as an output
//! key; sign for one with [`Tweak::KeyPath`] (BIP341's output without
//! scripts) or with the application's own [`Tweak::ScriptTree`] merkle root.

pub mod roast;

use alloc::borrow::Cow;
use alloc::collections::BTreeMap;

use frost_core::keys::{KeyPackage, PublicKeyPackage, SigningShare, VerifyingShare};
use frost_core::round1::SigningNonces;
use frost_core::round2::SignatureShare;
use frost_core::{Group, Identifier, Signature, SigningPackage, VerifyingKey};
use k256::elliptic_curve::PrimeField;
use k256::{FieldBytes, ProjectivePoint, Scalar};

use crate::{Secp256K1Group, Secp256K1Sha256TR as S, even_y, tagged_hash, x_coordinate};

pub mod rerandomized;

/// The error type of this suite.
type Error = frost_core::Error<S>;

/// Which key a signature is made under: the internal key or a BIP341
/// output key.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Tweak {
    /// No tweak: BIP340 signatures under `x(P)` itself. Not a Taproot output
    /// key; BIP341 recommends [`Tweak::KeyPath`] for outputs without scripts.
    Untweaked,
    /// An output without a script tree: `t = hash_TapTweak(x(P))`.
    KeyPath,
    /// An output committing to a script tree with this merkle root:
    /// `t = hash_TapTweak(x(P) || merkle_root)`.
    ScriptTree([u8; 32]),
}

impl Tweak {
    /// The tweak scalar `t` for the internal key `P`; `None` for
    /// [`Tweak::Untweaked`]. Refuses a hash not below the group order, as
    /// BIP341 does.
    fn scalar(&self, internal_key: &ProjectivePoint) -> Result<Option<Scalar>, Error> {
        let x = x_coordinate(internal_key);
        let digest = match self {
            Tweak::Untweaked => return Ok(None),
            Tweak::KeyPath => tagged_hash(b"TapTweak", &[&x]),
            Tweak::ScriptTree(merkle_root) => tagged_hash(b"TapTweak", &[&x, merkle_root]),
        };
        tweak_scalar(digest).map(Some)
    }
}

/// The tweak hash as a scalar; BIP341 fails on a hash not below the group
/// order rather than reducing it.
fn tweak_scalar(digest: [u8; 32]) -> Result<Scalar, Error> {
    Option::<Scalar>::from(Scalar::from_repr(FieldBytes::from(digest))).ok_or(Error::InvalidTweak)
}

/// The key BIP340 signatures made with `tweak` verify under:
/// `Q = lift_x(x(P)) + t * G` for the internal key `P`, or `lift_x(x(P))`
/// for [`Tweak::Untweaked`].
///
/// `Q` is returned as a full point: [`x_only`] gives the 32 bytes a Taproot
/// output (`OP_1 <x(Q)>`) commits to, and the first byte of
/// [`VerifyingKey::serialize`] (`0x02` even, `0x03` odd) the parity bit a
/// script-path control block needs. [`VerifyingKey::verify`] on it checks
/// BIP340 signatures.
///
/// Fails with [`Error::InvalidTweak`](frost_core::Error::InvalidTweak) when
/// BIP341 does (with negligible probability).
pub fn output_key(internal_key: &VerifyingKey<S>, tweak: &Tweak) -> Result<VerifyingKey<S>, Error> {
    let even = even_y::verifying_key(internal_key);
    Ok(match TweakedKey::new(&even, tweak)? {
        Some(tweaked) => tweaked.output_key,
        None => even.into_owned(),
    })
}

/// A tweak worked out for one internal key.
struct TweakedKey {
    /// `t`.
    t: Scalar,
    /// `t * G`, what each verifying share gains.
    t_g: ProjectivePoint,
    /// `Q = lift_x(x(P)) + t * G`.
    output_key: VerifyingKey<S>,
}

impl TweakedKey {
    /// The tweak for the even-Y internal key; `None` when untweaked.
    fn new(even_internal_key: &VerifyingKey<S>, tweak: &Tweak) -> Result<Option<Self>, Error> {
        let Some(t) = tweak.scalar(&even_internal_key.to_element())? else {
            return Ok(None);
        };
        let t_g = Secp256K1Group::base_mul(&t);
        let q = even_internal_key.to_element() + t_g;
        if q == Secp256K1Group::identity() {
            return Err(Error::InvalidTweak);
        }
        Ok(Some(Self {
            t,
            t_g,
            output_key: VerifyingKey::new(q),
        }))
    }
}

/// The 32-byte x-only encoding of a key, as BIP340 verifiers and Taproot
/// outputs take it.
pub fn x_only(key: &VerifyingKey<S>) -> [u8; 32] {
    x_coordinate(&key.to_element())
}

/// A signer's package for the output key: the even-Y internal key's shares
/// plus `t`, or the package itself when untweaked.
fn tweak_key_package<'a>(package: &'a KeyPackage<S>, tweak: &Tweak) -> Result<Cow<'a, KeyPackage<S>>, Error> {
    let even = even_y::key_package(package)?;
    let Some(TweakedKey { t, t_g, output_key }) = TweakedKey::new(even.verifying_key(), tweak)? else {
        return Ok(Cow::Borrowed(package));
    };
    let tweaked = KeyPackage::new(
        *even.identifier(),
        SigningShare::from_scalar(even.signing_share().to_scalar() + t),
        VerifyingShare::from_element(even.verifying_share().to_element() + t_g),
        output_key,
        even.min_signers(),
    )?;
    Ok(Cow::Owned(tweaked))
}

/// The coordinator's package for the output key: the even-Y internal key's
/// verifying shares plus `t * G`, or the package itself when untweaked.
fn tweak_public_key_package<'a>(
    package: &'a PublicKeyPackage<S>,
    tweak: &Tweak,
) -> Result<Cow<'a, PublicKeyPackage<S>>, Error> {
    let even = even_y::public_key_package(package);
    let Some(TweakedKey { t_g, output_key, .. }) = TweakedKey::new(even.verifying_key(), tweak)? else {
        return Ok(Cow::Borrowed(package));
    };
    let shares = even
        .verifying_shares()
        .iter()
        .map(|(id, share)| (*id, VerifyingShare::from_element(share.to_element() + t_g)))
        .collect();
    // See `even_y::public_key_package` for the absent threshold.
    Ok(Cow::Owned(PublicKeyPackage::new(
        shares,
        output_key,
        even.min_signers().unwrap_or(2),
    )))
}

/// [`round2::sign`](crate::round2::sign) for the key `tweak` selects:
/// computes this signer's share of a BIP340 signature under
/// [`output_key`]`(P, tweak)`, consuming the nonces. The key package keeps
/// the internal key.
pub fn sign_with_tweak(
    signing_package: &SigningPackage<S>,
    signer_nonces: SigningNonces<S>,
    key_package: &KeyPackage<S>,
    tweak: &Tweak,
) -> Result<SignatureShare<S>, Error> {
    let key_package = tweak_key_package(key_package, tweak)?;
    frost_core::round2::sign(signing_package, signer_nonces, &key_package)
}

/// [`aggregate`](crate::aggregate) for the key `tweak` selects: the
/// signature verifies under [`output_key`]`(P, tweak)`, and bad shares are
/// named as by `aggregate`. The signers must have used the same `tweak`.
pub fn aggregate_with_tweak(
    signing_package: &SigningPackage<S>,
    signature_shares: &BTreeMap<Identifier<S>, SignatureShare<S>>,
    public_key_package: &PublicKeyPackage<S>,
    tweak: &Tweak,
) -> Result<Signature<S>, Error> {
    let public_key_package = tweak_public_key_package(public_key_package, tweak)?;
    frost_core::aggregate(signing_package, signature_shares, &public_key_package)
}

/// [`verify_signature_share`](crate::verify_signature_share) for a share made
/// with [`sign_with_tweak`]: `verifying_share` and `verifying_key` are the
/// untweaked ones, from the public key package.
pub fn verify_signature_share_with_tweak(
    identifier: Identifier<S>,
    verifying_share: &VerifyingShare<S>,
    signature_share: &SignatureShare<S>,
    signing_package: &SigningPackage<S>,
    verifying_key: &VerifyingKey<S>,
    tweak: &Tweak,
) -> Result<(), Error> {
    let single = PublicKeyPackage::new(BTreeMap::from([(identifier, *verifying_share)]), *verifying_key, 2);
    let tweaked = tweak_public_key_package(&single, tweak)?;
    let verifying_share = tweaked
        .verifying_shares()
        .get(&identifier)
        .ok_or(Error::UnknownParticipant { culprit: identifier })?;
    frost_core::verify_signature_share(
        identifier,
        verifying_share,
        signature_share,
        signing_package,
        tweaked.verifying_key(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The secp256k1 group order n, big-endian.
    const ORDER: [u8; 32] = [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xba, 0xae,
        0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
    ];

    #[test]
    fn a_tweak_hash_not_below_the_order_is_refused() {
        assert_eq!(tweak_scalar(ORDER), Err(Error::InvalidTweak));
        assert_eq!(tweak_scalar([0xff; 32]), Err(Error::InvalidTweak));
        let mut above = ORDER;
        above[31] += 1;
        assert_eq!(tweak_scalar(above), Err(Error::InvalidTweak));
        // n - 1 is the largest hash BIP341 accepts, and means t = -1.
        let mut below = ORDER;
        below[31] -= 1;
        assert_eq!(tweak_scalar(below), Ok(-Scalar::ONE));
        assert_eq!(tweak_scalar([0; 32]), Ok(Scalar::ZERO));
    }
}
