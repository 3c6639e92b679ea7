//! DKG round two: the secret shares sent point to point.

use alloc::vec::Vec;
use core::fmt;

use zeroize::Zeroizing;

use crate::encoding::{Reader, Writer, decode_all};
use crate::keys::{SigningShare, VerifiableSecretSharingCommitment};
use crate::{Ciphersuite, DecodeError, Error, Identifier};

/// What [`super::part2`] keeps for [`super::part3`]: this participant's own
/// commitment and its share of its own secret.
///
/// Zeroized on drop; `Debug` does not print the share.
#[derive(Clone)]
pub struct SecretPackage<C: Ciphersuite> {
    pub(crate) identifier: Identifier<C>,
    pub(crate) commitment: VerifiableSecretSharingCommitment<C>,
    pub(crate) own_share: SigningShare<C>,
    pub(crate) min_signers: u16,
    pub(crate) max_signers: u16,
    /// Digest of the round-1 packages part2 verified, so part3 can refuse a
    /// different set.
    pub(crate) round1_digest: [u8; 32],
    /// Key generation or refresh; stored implicitly, as the commitment's length.
    pub(crate) kind: super::Kind,
}

impl<C: Ciphersuite> SecretPackage<C> {
    /// This participant's identifier.
    pub fn identifier(&self) -> &Identifier<C> {
        &self.identifier
    }

    /// This participant's own commitment. In a refresh it leaves out the
    /// (identity) constant term.
    pub fn commitment(&self) -> &VerifiableSecretSharingCommitment<C> {
        &self.commitment
    }

    /// The threshold.
    pub fn min_signers(&self) -> u16 {
        self.min_signers
    }

    /// The number of participants.
    pub fn max_signers(&self) -> u16 {
        self.max_signers
    }

    /// Encodes the package for storage until [`super::part3`]: the
    /// frost-core 3.x layout (identifier, commitment, own share,
    /// `min_signers`, `max_signers`, no header) followed by the 32-byte
    /// digest of the round-1 packages that part2 verified, which part3
    /// checks. The bytes are secret and are zeroized when dropped.
    pub fn serialize(&self) -> Zeroizing<Vec<u8>> {
        let mut w = Writer::<C>::new();
        w.identifier(&self.identifier);
        self.commitment.write(&mut w);
        w.scalar(&self.own_share.0);
        w.varint(u64::from(self.min_signers));
        w.varint(u64::from(self.max_signers));
        w.fixed(&self.round1_digest);
        Zeroizing::new(w.finish())
    }

    /// Decodes [`SecretPackage::serialize`] output strictly.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        let package = decode_all(bytes, |r: &mut Reader<'_, C>| {
            let identifier = r.identifier()?;
            let commitment = VerifiableSecretSharingCommitment::read(r)?;
            let own_share = SigningShare(r.scalar()?);
            let min_signers = r.u16()?;
            let max_signers = r.u16()?;
            let mut round1_digest = [0u8; 32];
            round1_digest.copy_from_slice(r.fixed(32)?);
            let kind = super::Kind::of_stored(commitment.len(), min_signers).ok_or(DecodeError::InvalidValue)?;
            Ok(Self {
                kind,
                identifier,
                commitment,
                own_share,
                min_signers,
                max_signers,
                round1_digest,
            })
        })?;
        let full = package.kind.full_commitment(&package.commitment.0);
        let consistent = package.min_signers >= 2
            && package.max_signers >= package.min_signers
            && package.own_share.verifying_share().0
                == crate::keys::commitment::evaluate_commitment::<C>(&full, package.identifier);
        if !consistent {
            return Err(DecodeError::InvalidValue.into());
        }
        Ok(package)
    }
}

impl<C: Ciphersuite> fmt::Debug for SecretPackage<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretPackage")
            .field("identifier", &self.identifier)
            .field("commitment", &self.commitment)
            .field("own_share", &self.own_share)
            .field("min_signers", &self.min_signers)
            .field("max_signers", &self.max_signers)
            .finish()
    }
}

/// A share of the sender's secret for one recipient: `f_sender(recipient)`.
///
/// Secret: send it only to its recipient, over an authenticated and
/// confidential channel. Zeroized on drop; `Debug` does not print it.
#[derive(Clone, PartialEq, Eq)]
pub struct Package<C: Ciphersuite> {
    pub(crate) signing_share: SigningShare<C>,
}

impl<C: Ciphersuite> Package<C> {
    /// Wraps a share.
    pub fn new(signing_share: SigningShare<C>) -> Self {
        Self { signing_share }
    }

    /// The share.
    pub fn signing_share(&self) -> &SigningShare<C> {
        &self.signing_share
    }

    /// The wire encoding: header, then the share. The bytes are secret.
    pub fn serialize(&self) -> Zeroizing<Vec<u8>> {
        let mut w = Writer::<C>::new();
        w.header();
        w.scalar(&self.signing_share.0);
        Zeroizing::new(w.finish())
    }

    /// Decodes [`Package::serialize`] output strictly.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        decode_all(bytes, |r: &mut Reader<'_, C>| {
            r.header()?;
            Ok(Self::new(SigningShare(r.scalar()?)))
        })
    }
}

impl<C: Ciphersuite> fmt::Debug for Package<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Package")
            .field("signing_share", &self.signing_share)
            .finish()
    }
}
