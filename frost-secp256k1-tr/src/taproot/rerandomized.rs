//! Re-randomized FROST for Taproot outputs: unlinkable BIP340 signatures
//! under a randomized, optionally tweaked, key.
//!
//! The randomizer `alpha` of [`frost_core::rerandomized`] offsets the
//! **internal** key, before any BIP341 tweak: the session signs for the
//! randomized internal key `P' = P + alpha * G` and, with a [`Tweak`], for
//! its output key `Q' = lift_x(x(P')) + t' * G`, where
//! `t' = hash_TapTweak(x(P') || merkle_root)` is computed from `P'`. So a
//! session's output key is an ordinary Taproot output key of the randomized
//! internal key, which a wallet can derive from `P'` alone; and with
//! [`Tweak::Untweaked`] the signatures are those of frost-secp256k1-tr 3.0's
//! `rerandomized` module.
//!
//! The seed, the [`RandomizedParams`] and every party's duties are those of
//! [`crate::rerandomized`]; every signer and the coordinator must also use
//! the same [`Tweak`].

use alloc::collections::BTreeMap;

use frost_core::keys::{KeyPackage, PublicKeyPackage, VerifyingShare};
use frost_core::rerandomized::{RandomizedParams, Randomizer};
use frost_core::round1::SigningNonces;
use frost_core::round2::SignatureShare;
use frost_core::{Identifier, Signature, SigningPackage, VerifyingKey};

use super::{Error, Tweak};
use crate::Secp256K1Sha256TR as S;

/// The key this session's BIP340 signatures verify under: the output key
/// (see [`super::output_key`]) of the randomized internal key
/// [`RandomizedParams::randomized_verifying_key`].
pub fn output_key(randomized_params: &RandomizedParams<S>, tweak: &Tweak) -> Result<VerifyingKey<S>, Error> {
    super::output_key(randomized_params.randomized_verifying_key(), tweak)
}

/// A signer's round two: recomputes the randomizer from the coordinator's
/// seed (see [`crate::rerandomized::sign_with_randomizer_seed`]) and signs
/// for [`output_key`], consuming the nonces. The key package keeps the
/// internal key.
pub fn sign_with_randomizer_seed(
    signing_package: &SigningPackage<S>,
    signer_nonces: SigningNonces<S>,
    key_package: &KeyPackage<S>,
    randomizer_seed: &[u8],
    tweak: &Tweak,
) -> Result<SignatureShare<S>, Error> {
    let params = RandomizedParams::regenerate_from_seed_and_commitments(
        key_package.verifying_key(),
        randomizer_seed,
        signing_package.signing_commitments(),
    )?;
    super::sign_with_tweak(
        signing_package,
        signer_nonces,
        &params.randomize_key_package(key_package)?,
        tweak,
    )
}

/// [`sign_with_randomizer_seed`] with an externally chosen randomizer (see
/// [`crate::rerandomized::sign_with_randomizer`]).
pub fn sign_with_randomizer(
    signing_package: &SigningPackage<S>,
    signer_nonces: SigningNonces<S>,
    key_package: &KeyPackage<S>,
    randomizer: &Randomizer<S>,
    tweak: &Tweak,
) -> Result<SignatureShare<S>, Error> {
    let params = RandomizedParams::from_randomizer(key_package.verifying_key(), randomizer.clone());
    super::sign_with_tweak(
        signing_package,
        signer_nonces,
        &params.randomize_key_package(key_package)?,
        tweak,
    )
}

/// The coordinator's last step: a BIP340 signature under [`output_key`],
/// naming every signer whose share was made under another randomizer or
/// tweak. `public_key_package` is the group's, with the internal key.
pub fn aggregate(
    signing_package: &SigningPackage<S>,
    signature_shares: &BTreeMap<Identifier<S>, SignatureShare<S>>,
    public_key_package: &PublicKeyPackage<S>,
    randomized_params: &RandomizedParams<S>,
    tweak: &Tweak,
) -> Result<Signature<S>, Error> {
    let randomized = randomized_params.randomize_public_key_package(public_key_package)?;
    super::aggregate_with_tweak(signing_package, signature_shares, &randomized, tweak)
}

/// Checks one share made with [`sign_with_randomizer_seed`];
/// `verifying_share` and `verifying_key` are the group's (internal key, not
/// randomized).
pub fn verify_signature_share(
    identifier: Identifier<S>,
    verifying_share: &VerifyingShare<S>,
    signature_share: &SignatureShare<S>,
    signing_package: &SigningPackage<S>,
    verifying_key: &VerifyingKey<S>,
    randomized_params: &RandomizedParams<S>,
    tweak: &Tweak,
) -> Result<(), Error> {
    let single = PublicKeyPackage::new(BTreeMap::from([(identifier, *verifying_share)]), *verifying_key, 2);
    let randomized = randomized_params.randomize_public_key_package(&single)?;
    let verifying_share = randomized
        .verifying_shares()
        .get(&identifier)
        .ok_or(Error::UnknownParticipant { culprit: identifier })?;
    super::verify_signature_share_with_tweak(
        identifier,
        verifying_share,
        signature_share,
        signing_package,
        randomized.verifying_key(),
        tweak,
    )
}
