//! What a dealer sends each participant: a share and the commitment to check it against.

use alloc::vec::Vec;
use core::fmt;
use zeroize::Zeroizing;

use crate::encoding::{Reader, Writer, decode_all};
use crate::keys::{SigningShare, VerifiableSecretSharingCommitment, VerifyingKey, VerifyingShare};
use crate::{Ciphersuite, Error, Identifier};

/// A participant's share from a trusted dealer, with the dealer's Feldman
/// commitment so the participant can check it ([`SecretShare::verify`]).
///
/// The dealer must deliver it over an authenticated, confidential channel.
/// Turn it into a [`crate::keys::KeyPackage`] with `KeyPackage::try_from`,
/// which verifies it. Zeroized on drop; `Debug` does not print the share.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretShare<C: Ciphersuite> {
    pub(crate) identifier: Identifier<C>,
    pub(crate) signing_share: SigningShare<C>,
    pub(crate) commitment: VerifiableSecretSharingCommitment<C>,
}

impl<C: Ciphersuite> SecretShare<C> {
    /// Assembles a share; nothing is checked until [`SecretShare::verify`].
    pub fn new(
        identifier: Identifier<C>,
        signing_share: SigningShare<C>,
        commitment: VerifiableSecretSharingCommitment<C>,
    ) -> Self {
        Self {
            identifier,
            signing_share,
            commitment,
        }
    }

    /// The receiving participant.
    pub fn identifier(&self) -> &Identifier<C> {
        &self.identifier
    }

    /// The secret share `f(i)`.
    pub fn signing_share(&self) -> &SigningShare<C> {
        &self.signing_share
    }

    /// The dealer's commitment to the polynomial.
    pub fn commitment(&self) -> &VerifiableSecretSharingCommitment<C> {
        &self.commitment
    }

    /// The wire encoding: header, identifier, signing share, commitment (a
    /// count, then the elements). The bytes are secret.
    pub fn serialize(&self) -> Zeroizing<Vec<u8>> {
        let mut w = Writer::<C>::new();
        w.header();
        w.identifier(&self.identifier);
        w.scalar(&self.signing_share.0);
        self.commitment.write(&mut w);
        Zeroizing::new(w.finish())
    }

    /// Decodes [`SecretShare::serialize`] output strictly (the share itself
    /// is checked by [`SecretShare::verify`]).
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        decode_all(bytes, |r: &mut Reader<'_, C>| {
            r.header()?;
            let identifier = r.identifier()?;
            let signing_share = SigningShare(r.scalar()?);
            let commitment = VerifiableSecretSharingCommitment::read(r)?;
            Ok(Self::new(identifier, signing_share, commitment))
        })
    }

    /// Checks the share against the commitment, `f(i) * B == sum C_j * i^j`,
    /// and returns the participant's verifying share and the group key.
    ///
    /// Fails with [`Error::InvalidSecretShare`] (no culprit: the dealer sent
    /// it) or [`Error::InvalidMinSigners`] for a commitment shorter than 2.
    pub fn verify(&self) -> Result<(VerifyingShare<C>, VerifyingKey<C>), Error<C>> {
        if self.commitment.len() < 2 {
            return Err(Error::InvalidMinSigners);
        }
        let expected = self.commitment.verifying_share(self.identifier);
        let actual = self.signing_share.verifying_share();
        let verifying_key = self.commitment.verifying_key().ok_or(Error::InvalidMinSigners)?;
        if actual != expected {
            return Err(Error::InvalidSecretShare { culprits: Vec::new() });
        }
        Ok((actual, verifying_key))
    }
}

impl<C: Ciphersuite> fmt::Debug for SecretShare<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretShare")
            .field("identifier", &self.identifier)
            .field("signing_share", &self.signing_share)
            .field("commitment", &self.commitment)
            .finish()
    }
}
