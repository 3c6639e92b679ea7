//! Key material and key generation.
//!
//! Shares come either from a trusted [`dealer`] ([`generate_with_dealer`],
//! [`split`]) or from the distributed key generation in [`dkg`], in which no
//! party ever holds the whole key. Either way each participant ends with a
//! secret [`KeyPackage`] and everyone with the same [`PublicKeyPackage`].

pub mod chilldkg;
pub mod cocktail;
pub(crate) mod commitment;
pub mod dealer;
pub mod dkg;
mod key_package;
mod reconstruct;
pub mod refresh;
#[path = "keys/repair.rs"]
pub mod repairable;
pub mod reshare;
mod secret_share;
mod share;
pub mod standalone;

pub use crate::{SigningKey, VerifyingKey};
pub use commitment::{CoefficientCommitment, VerifiableSecretSharingCommitment};
#[cfg(feature = "internals")]
#[doc(hidden)]
pub use dealer::split_with_coefficients;
pub use dealer::{DealerOutput, IdentifierList, generate_with_dealer, split};
pub use key_package::{KeyPackage, PublicKeyPackage};
pub use reconstruct::reconstruct;
pub use secret_share::SecretShare;
pub use share::{SigningShare, VerifyingShare};

use crate::{Ciphersuite, Error};

/// Checks `2 <= min_signers <= max_signers`.
pub(crate) fn validate_num_of_signers<C: Ciphersuite>(min_signers: u16, max_signers: u16) -> Result<(), Error<C>> {
    if min_signers < 2 {
        return Err(Error::InvalidMinSigners);
    }
    if max_signers < min_signers {
        return Err(Error::InvalidMaxSigners);
    }
    Ok(())
}

/// The identifiers sorted, refusing a repeated one.
pub(crate) fn sorted_distinct<C: Ciphersuite>(
    identifiers: &[crate::Identifier<C>],
) -> Result<alloc::vec::Vec<crate::Identifier<C>>, Error<C>> {
    let mut sorted = identifiers.to_vec();
    sorted.sort();
    if let Some(pair) = sorted.windows(2).find(|w| w[0] == w[1]) {
        return Err(Error::DuplicatedIdentifier { identifier: pair[0] });
    }
    Ok(sorted)
}

/// Who is missing and who is unexpected: the identifiers of `expected`
/// (ascending) that `received` lacks, and the keys of `received` that
/// `expected` lacks, each in identifier order.
pub(crate) fn missing_and_unexpected<C: Ciphersuite, T>(
    expected: &[crate::Identifier<C>],
    received: &alloc::collections::BTreeMap<crate::Identifier<C>, T>,
) -> (
    alloc::vec::Vec<crate::Identifier<C>>,
    alloc::vec::Vec<crate::Identifier<C>>,
) {
    let missing = expected
        .iter()
        .filter(|id| !received.contains_key(id))
        .copied()
        .collect();
    let unexpected = received
        .keys()
        .filter(|id| expected.binary_search(id).is_err())
        .copied()
        .collect();
    (missing, unexpected)
}
