//! Recovering the whole signing key from `min_signers` key packages.
//!
//! This defeats the point of threshold signing; it exists for migrations and
//! emergencies, and the result must be handled with the greatest care.

use crate::interpolation::lagrange_coefficient_at_zero;
use crate::keys::KeyPackage;
use crate::{Ciphersuite, Error, Group, SigningKey};

/// Interpolates the group signing key from at least `min_signers` key
/// packages, and checks it against the group key they carry.
///
/// Fails with [`Error::TooFewSigners`], [`Error::DuplicatedIdentifier`],
/// [`Error::InconsistentPublicKeyPackage`] when the packages disagree on the
/// group key or threshold, and [`Error::InvalidReconstruction`] when the
/// result does not match the group key (a corrupted share).
pub fn reconstruct<C: Ciphersuite>(key_packages: &[KeyPackage<C>]) -> Result<SigningKey<C>, Error<C>> {
    let first = key_packages
        .first()
        .ok_or(Error::TooFewSigners { min_signers: 2, got: 0 })?;
    if key_packages
        .iter()
        .any(|kp| kp.verifying_key != first.verifying_key || kp.min_signers != first.min_signers)
    {
        return Err(Error::InconsistentPublicKeyPackage);
    }
    if key_packages.len() < usize::from(first.min_signers) {
        return Err(Error::TooFewSigners {
            min_signers: first.min_signers,
            got: key_packages.len(),
        });
    }
    let mut secret = C::Group::zero();
    for kp in key_packages {
        let lambda = lagrange_coefficient_at_zero(kp.identifier, key_packages.iter().map(|k| k.identifier))?;
        secret = secret + lambda * kp.signing_share.0;
    }
    let key = SigningKey(secret);
    if key.verifying_key() != first.verifying_key {
        return Err(Error::InvalidReconstruction);
    }
    Ok(key)
}
