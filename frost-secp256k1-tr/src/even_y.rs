//! BIP340's even-Y rule for the group key, applied at use.
//!
//! BIP340 keys are x-only: a verifier lifts `x(P)` to the point with even Y.
//! When the group key `P` has odd Y, the key that verifies is `-P`, whose
//! secret is `-s`; and since Shamir shares are linear, the shares of `-s`
//! are the negated shares `-s_i`, with verifying shares `-Y_i`. These
//! functions return the packages negated in that case and borrowed
//! otherwise. They run on every use and never change what is stored.

use alloc::borrow::Cow;

use frost_core::keys::{KeyPackage, PublicKeyPackage, SigningShare, VerifyingShare};
use frost_core::{Error, SigningKey, VerifyingKey};

use crate::{Secp256K1Sha256TR as S, has_odd_y};

/// The verifying key with even Y: `P` or `-P`.
pub(crate) fn verifying_key(key: &VerifyingKey<S>) -> Cow<'_, VerifyingKey<S>> {
    if has_odd_y(&key.to_element()) {
        Cow::Owned(VerifyingKey::new(-key.to_element()))
    } else {
        Cow::Borrowed(key)
    }
}

/// A single signer's key whose public key has even Y: `s` or `-s`.
pub(crate) fn signing_key(key: &SigningKey<S>) -> Cow<'_, SigningKey<S>> {
    if has_odd_y(&key.verifying_key().to_element()) {
        // Negation keeps a non-zero scalar non-zero.
        Cow::Owned(SigningKey::from_scalar(-key.to_scalar()).expect("the negation of a non-zero key is non-zero"))
    } else {
        Cow::Borrowed(key)
    }
}

/// A signer's package for the even-Y group key: every part negated when
/// the group key has odd Y.
pub(crate) fn key_package(package: &KeyPackage<S>) -> Result<Cow<'_, KeyPackage<S>>, Error<S>> {
    if !has_odd_y(&package.verifying_key().to_element()) {
        return Ok(Cow::Borrowed(package));
    }
    let negated = KeyPackage::new(
        *package.identifier(),
        SigningShare::from_scalar(-package.signing_share().to_scalar()),
        VerifyingShare::from_element(-package.verifying_share().to_element()),
        VerifyingKey::new(-package.verifying_key().to_element()),
        package.min_signers(),
    )?;
    Ok(Cow::Owned(negated))
}

/// The coordinator's package for the even-Y group key: the key and every
/// verifying share negated when the group key has odd Y.
pub(crate) fn public_key_package(package: &PublicKeyPackage<S>) -> Cow<'_, PublicKeyPackage<S>> {
    if !has_odd_y(&package.verifying_key().to_element()) {
        return Cow::Borrowed(package);
    }
    let shares = package
        .verifying_shares()
        .iter()
        .map(|(id, share)| (*id, VerifyingShare::from_element(-share.to_element())))
        .collect();
    let key = VerifyingKey::new(-package.verifying_key().to_element());
    // A package decoded from a pre-3.0 encoding has no threshold; aggregation
    // reads an absent one as 2, the smallest we allow, so this is the same.
    Cow::Owned(PublicKeyPackage::new(shares, key, package.min_signers().unwrap_or(2)))
}
