//! Key generation by a trusted dealer
//! ([RFC 9591 Appendix C](https://www.rfc-editor.org/rfc/rfc9591#appendix-C)).
//!
//! The dealer draws (or is given) the group signing key, splits it with
//! Shamir's scheme, and sends each participant its [`SecretShare`] over an
//! authenticated, confidential channel. The dealer sees the whole key: use
//! [`crate::keys::dkg`] when no single party may.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use rand_core::CryptoRng;

use crate::keys::commitment::SecretPolynomial;
use crate::keys::{PublicKeyPackage, SecretShare, SigningShare, validate_num_of_signers};
use crate::{Ciphersuite, Error, Identifier, SigningKey};

/// Which identifiers the participants get.
#[derive(Copy, Clone, Debug)]
pub enum IdentifierList<'a, C: Ciphersuite> {
    /// `1..=max_signers`.
    Default,
    /// Exactly these identifiers, one per participant, all distinct.
    Custom(&'a [Identifier<C>]),
}

impl<C: Ciphersuite> IdentifierList<'_, C> {
    /// The identifiers as a list, checked against `max_signers` and for duplicates.
    fn resolve(&self, max_signers: u16) -> Result<Vec<Identifier<C>>, Error<C>> {
        match self {
            IdentifierList::Default => (1..=max_signers).map(Identifier::try_from).collect(),
            IdentifierList::Custom(list) => {
                if list.len() != usize::from(max_signers) {
                    return Err(Error::IncorrectNumberOfIdentifiers);
                }
                crate::keys::sorted_distinct(list)?;
                Ok(list.to_vec())
            }
        }
    }
}

/// The participants' shares, keyed by identifier, and the public key package.
pub type DealerOutput<C> = (BTreeMap<Identifier<C>, SecretShare<C>>, PublicKeyPackage<C>);

/// Generates a fresh group key and splits it into `max_signers` shares of
/// which any `min_signers` can sign.
///
/// Send each [`SecretShare`] to its participant over an authenticated,
/// confidential channel; give the [`PublicKeyPackage`] to everyone.
pub fn generate_with_dealer<C: Ciphersuite, R: CryptoRng + ?Sized>(
    max_signers: u16,
    min_signers: u16,
    identifiers: IdentifierList<'_, C>,
    rng: &mut R,
) -> Result<DealerOutput<C>, Error<C>> {
    let key = SigningKey::new(rng);
    split(&key, max_signers, min_signers, identifiers, rng)
}

/// Splits an existing signing key into `max_signers` shares of which any
/// `min_signers` can sign. See [`generate_with_dealer`].
pub fn split<C: Ciphersuite, R: CryptoRng + ?Sized>(
    key: &SigningKey<C>,
    max_signers: u16,
    min_signers: u16,
    identifiers: IdentifierList<'_, C>,
    rng: &mut R,
) -> Result<DealerOutput<C>, Error<C>> {
    validate_num_of_signers::<C>(min_signers, max_signers)?;
    let identifiers = identifiers.resolve(max_signers)?;
    let polynomial = SecretPolynomial::random(key.0, usize::from(min_signers) - 1, rng);
    Ok(share_polynomial(&polynomial, &identifiers, min_signers))
}

/// Splits with a given polynomial (the RFC test vectors fix its coefficients).
#[cfg(feature = "internals")]
#[doc(hidden)]
pub fn split_with_coefficients<C: Ciphersuite>(
    key: &SigningKey<C>,
    coefficients: &[crate::ciphersuite::Scalar<C>],
    max_signers: u16,
    identifiers: IdentifierList<'_, C>,
) -> Result<DealerOutput<C>, Error<C>> {
    let min_signers = u16::try_from(coefficients.len() + 1).map_err(|_| Error::InvalidMinSigners)?;
    validate_num_of_signers::<C>(min_signers, max_signers)?;
    let identifiers = identifiers.resolve(max_signers)?;
    let mut all = alloc::vec![key.0];
    all.extend_from_slice(coefficients);
    let polynomial = SecretPolynomial::from_coefficients(all);
    Ok(share_polynomial(&polynomial, &identifiers, min_signers))
}

fn share_polynomial<C: Ciphersuite>(
    polynomial: &SecretPolynomial<C>,
    identifiers: &[Identifier<C>],
    min_signers: u16,
) -> DealerOutput<C> {
    let commitment = polynomial.commit();
    let mut shares = BTreeMap::new();
    let mut verifying_shares = BTreeMap::new();
    for id in identifiers {
        let signing_share = SigningShare(polynomial.evaluate(id.to_scalar()));
        verifying_shares.insert(*id, signing_share.verifying_share());
        shares.insert(*id, SecretShare::new(*id, signing_share, commitment.clone()));
    }
    let verifying_key = crate::VerifyingKey::new(<C::Group as crate::Group>::base_mul(&polynomial.constant()));
    (
        shares,
        PublicKeyPackage::new(verifying_shares, verifying_key, min_signers),
    )
}
