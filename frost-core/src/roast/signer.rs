//! The signer's side of ROAST: one pending nonce pair per coordinator.

use alloc::vec::Vec;
use core::fmt;

use rand_core::CryptoRng;

use super::message::{CoordinatorMessage, Reply, SessionId, SessionStart};
use crate::keys::KeyPackage;
use crate::round1::SigningNonces;
use crate::{Ciphersuite, Error};

/// A signer's ROAST state for **one coordinator** and one message.
///
/// It holds exactly one pending nonce pair: the one whose commitments it
/// last sent that coordinator. [`Signer::sign`] consumes it, as
/// [`crate::round2::sign`] does, and returns the share together with the
/// commitments of a fresh pair. Sessions are answered in increasing order
/// only, so no session is signed twice. Running several coordinators side by
/// side takes one `Signer` each: each has its own nonces.
///
/// Zeroized on drop (the key package and the nonces); `Debug` prints no
/// secret.
pub struct Signer<C: Ciphersuite> {
    key_package: KeyPackage<C>,
    message: Vec<u8>,
    nonces: Option<SigningNonces<C>>,
    last_session: Option<SessionId>,
}

impl<C: Ciphersuite> Signer<C> {
    /// A signer that agrees to sign `message` with `key_package`, and its
    /// first reply (fresh commitments, no share) to send the coordinator.
    ///
    /// Fails only when the suite cannot sign with the package (its
    /// [`Ciphersuite::pre_sign`] hook refuses it).
    pub fn new<R: CryptoRng + ?Sized>(
        key_package: KeyPackage<C>,
        message: &[u8],
        rng: &mut R,
    ) -> Result<(Self, Reply<C>), Error<C>> {
        C::pre_sign(&key_package)?;
        let (nonces, commitments) = crate::round1::commit(key_package.signing_share(), rng);
        let signer = Self {
            key_package,
            message: message.to_vec(),
            nonces: Some(nonces),
            last_session: None,
        };
        Ok((signer, Reply::new(None, commitments)))
    }

    /// Signs one session, consuming the pending nonces, and returns the
    /// reply: the share and fresh commitments.
    ///
    /// Refuses, keeping the pending nonces: a session it has already
    /// answered or an older one ([`Error::SessionAlreadySigned`]), another
    /// message ([`Error::WrongMessage`]), a package without its commitment
    /// ([`Error::MissingOwnCommitment`]) or with one other than its pending
    /// one ([`Error::IncorrectOwnCommitment`]), fewer than `min_signers`
    /// signers ([`Error::TooFewSigners`]). After [`Signer::finish`], or a
    /// failure inside [`crate::round2::sign`] (which only colluding signers
    /// can cause), no nonces are pending: [`Error::NoPendingNonces`].
    pub fn sign<R: CryptoRng + ?Sized>(&mut self, start: &SessionStart<C>, rng: &mut R) -> Result<Reply<C>, Error<C>> {
        if self.last_session.is_some_and(|last| start.id <= last) {
            return Err(Error::SessionAlreadySigned);
        }
        let package = &start.signing_package;
        if package.message != self.message {
            return Err(Error::WrongMessage);
        }
        let pending = self.nonces.as_ref().ok_or(Error::NoPendingNonces)?;
        match package.signing_commitment(&self.key_package.identifier) {
            None => return Err(Error::MissingOwnCommitment),
            Some(own) if own != pending.commitments() => return Err(Error::IncorrectOwnCommitment),
            Some(_) => {}
        }
        package.check(self.key_package.min_signers)?;
        let nonces = self.nonces.take().ok_or(Error::NoPendingNonces)?;
        let share = crate::round2::sign(package, nonces, &self.key_package)?;
        self.last_session = Some(start.id);
        let (nonces, commitments) = crate::round1::commit(self.key_package.signing_share(), rng);
        self.nonces = Some(nonces);
        Ok(Reply::new(Some((start.id, share)), commitments))
    }

    /// The run is over ([`super::Done`]): drops the pending nonces. Every
    /// later session start is refused.
    pub fn finish(&mut self) {
        self.nonces = None;
    }

    /// Handles either coordinator message: a session start is signed
    /// ([`Signer::sign`]), returning the reply to send; [`super::Done`]
    /// finishes ([`Signer::finish`]), returning `None`.
    pub fn receive<R: CryptoRng + ?Sized>(
        &mut self,
        message: &CoordinatorMessage<C>,
        rng: &mut R,
    ) -> Result<Option<Reply<C>>, Error<C>> {
        match message {
            CoordinatorMessage::Start(start) => self.sign(start, rng).map(Some),
            CoordinatorMessage::Done(_) => {
                self.finish();
                Ok(None)
            }
        }
    }

    /// The last session this signer answered.
    pub fn last_session(&self) -> Option<SessionId> {
        self.last_session
    }

    /// Whether a nonce pair is pending (its commitments were sent and not
    /// yet used).
    pub fn has_pending_nonces(&self) -> bool {
        self.nonces.is_some()
    }
}

impl<C: Ciphersuite> fmt::Debug for Signer<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("identifier", &self.key_package.identifier)
            .field("message", &crate::encoding::Hex(&self.message))
            .field("pending_commitments", &self.nonces.as_ref().map(|n| *n.commitments()))
            .field("last_session", &self.last_session)
            .finish_non_exhaustive()
    }
}
