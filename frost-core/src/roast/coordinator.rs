//! The ROAST coordinator (Ruffing et al., CCS 2022, Figure 3), sans-IO.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::vec::Vec;
use core::fmt;

use sha2::{Digest, Sha256};

use super::message::{Reply, SessionId, SessionStart};
use crate::aggregate::ShareVerifier;
use crate::keys::PublicKeyPackage;
use crate::round1::SigningCommitments;
use crate::round2::SignatureShare;
use crate::{Ciphersuite, Error, Group, Identifier, Signature, SigningPackage};

/// Why the coordinator marked a signer malicious. An honest signer, over
/// authenticated channels that drop exact duplicates, never does any of these.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Misbehaviour {
    /// Its signature share does not verify against its verifying share.
    InvalidShare,
    /// It replied while waiting for a session, having already answered: a
    /// second reply, or one nobody asked for.
    UnsolicitedReply,
    /// Its reply names a session it is not in: another session while it is
    /// in one, none while it is in one, or one on its very first reply.
    WrongSession,
    /// Its "fresh" commitments are ones it sent before.
    ReusedCommitments,
    /// One of its nonce commitments is the identity element.
    IdentityCommitment,
}

impl fmt::Display for Misbehaviour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Misbehaviour::InvalidShare => "sent an invalid signature share",
            Misbehaviour::UnsolicitedReply => "sent a reply nobody asked for",
            Misbehaviour::WrongSession => "replied for a session it is not in",
            Misbehaviour::ReusedCommitments => "reused signing commitments",
            Misbehaviour::IdentityCommitment => "sent an identity commitment",
        })
    }
}

/// What the caller does after feeding the coordinator one reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step<C: Ciphersuite> {
    /// A new session: send this message to each of
    /// [`SessionStart::signers`].
    Start(SessionStart<C>),
    /// The signature, verified under the group key. Send
    /// [`Done`](super::Done) to every signer; further replies are ignored.
    Signature(Signature<C>),
    /// Nothing to send; keep feeding replies.
    Waiting,
}

/// Where one signer is in the protocol.
#[derive(Clone)]
enum SignerState<C: Ciphersuite> {
    /// Has not sent its first reply.
    New,
    /// Responsive (in the paper's set `R`), with the fresh commitments for
    /// its next session.
    Ready(SigningCommitments<C>),
    /// In this session, which it has not answered yet.
    InSession(SessionId),
    /// Marked malicious; everything it sends is ignored.
    Malicious,
}

/// An open session: its package, what its shares are checked against, and
/// the valid shares so far.
struct Session<C: Ciphersuite> {
    package: SigningPackage<C>,
    verifier: ShareVerifier<C>,
    shares: BTreeMap<Identifier<C>, SignatureShare<C>>,
}

enum Outcome<C: Ciphersuite> {
    Running,
    Signed,
    Failed(Error<C>),
}

/// A ROAST coordinator for one message: keeps sessions open until one
/// yields the signature, at most `n - t + 1` of them whenever `t` signers
/// are honest. See the [module documentation](super).
pub struct Coordinator<C: Ciphersuite> {
    /// As given: the final aggregation applies the suite's hooks itself.
    public_key_package: PublicKeyPackage<C>,
    /// Through [`Ciphersuite::pre_aggregate`], for checking shares.
    checked_keys: PublicKeyPackage<C>,
    message: Vec<u8>,
    min_signers: usize,
    max_malicious: usize,
    signers: BTreeMap<Identifier<C>, SignerState<C>>,
    /// How many signers are [`SignerState::Ready`].
    ready: usize,
    sessions: BTreeMap<SessionId, Session<C>>,
    sessions_started: u32,
    malicious: BTreeMap<Identifier<C>, Misbehaviour>,
    /// Digests of every commitment a started session consumed, by signer:
    /// at most `t * (n - t + 1)`, since at most `n - t + 1` sessions start.
    used_commitments: BTreeSet<[u8; 32]>,
    outcome: Outcome<C>,
}

impl<C: Ciphersuite> Coordinator<C> {
    /// A coordinator for signing `message` under `public_key_package`'s
    /// key, with its threshold `t` and its `n` signers.
    ///
    /// The package is validated first ([`PublicKeyPackage::validate`]): with
    /// inconsistent verifying shares the coordinator would blame honest
    /// signers. A package without a threshold (pre-3.0) is refused with
    /// [`Error::InvalidMinSigners`].
    pub fn new(public_key_package: &PublicKeyPackage<C>, message: &[u8]) -> Result<Self, Error<C>> {
        public_key_package.validate()?;
        let checked_keys = C::pre_aggregate(public_key_package)?.into_owned();
        let n = public_key_package.verifying_shares.len();
        let min_signers = usize::from(public_key_package.min_signers.ok_or(Error::InvalidMinSigners)?);
        Ok(Self {
            public_key_package: public_key_package.clone(),
            checked_keys,
            message: message.to_vec(),
            min_signers,
            max_malicious: n - min_signers,
            signers: public_key_package
                .verifying_shares
                .keys()
                .map(|id| (*id, SignerState::New))
                .collect(),
            ready: 0,
            sessions: BTreeMap::new(),
            sessions_started: 0,
            malicious: BTreeMap::new(),
            used_commitments: BTreeSet::new(),
            outcome: Outcome::Running,
        })
    }

    /// Feeds one reply from `sender`, who must be authenticated by the
    /// transport: the coordinator believes the sender is who it says.
    ///
    /// Returns what to do next ([`Step`]). A reply that breaks the protocol
    /// marks its sender malicious ([`Coordinator::malicious`]) and yields
    /// [`Step::Waiting`]; everything a malicious signer sends afterwards is
    /// ignored. Errors:
    /// - [`Error::TooManyMaliciousSigners`] once more than `n - t` signers
    ///   are marked: fewer than `t` honest signers remain, so no session can
    ///   succeed. Names every marked signer. The coordinator has failed and
    ///   returns this error for every later reply; send every signer
    ///   [`Done`](super::Done).
    /// - [`Error::UnknownParticipant`] for a sender not in the public key
    ///   package; nothing changes, and the coordinator goes on.
    /// - [`Error::UnattributableSignatureFailure`] if the aggregate of valid
    ///   shares does not verify, which a validated package rules out.
    ///
    /// Replies after the signature are ignored ([`Step::Waiting`]).
    pub fn receive(&mut self, sender: Identifier<C>, reply: Reply<C>) -> Result<Step<C>, Error<C>> {
        match &self.outcome {
            Outcome::Running => {}
            Outcome::Signed => return Ok(Step::Waiting),
            Outcome::Failed(error) => return Err(error.clone()),
        }
        let state = self
            .signers
            .get(&sender)
            .ok_or(Error::UnknownParticipant { culprit: sender })?;
        if matches!(state, SignerState::Malicious) {
            return Ok(Step::Waiting);
        }
        match self.check(sender, state, &reply) {
            Err(misbehaviour) => self.mark(sender, misbehaviour),
            Ok(answer) => self.accept(sender, answer, reply.commitments),
        }
    }

    /// Every signer marked malicious, and why.
    pub fn malicious(&self) -> &BTreeMap<Identifier<C>, Misbehaviour> {
        &self.malicious
    }

    /// How many sessions have been started.
    pub fn sessions_started(&self) -> u32 {
        self.sessions_started
    }

    /// How many sessions are open: started, and neither complete nor
    /// abandoned because one of their signers was marked malicious.
    pub fn open_sessions(&self) -> usize {
        self.sessions.len()
    }

    /// How many commitment digests the coordinator keeps to detect reuse.
    pub fn commitment_digests(&self) -> usize {
        self.used_commitments.len()
    }

    /// The message being signed.
    pub fn message(&self) -> &[u8] {
        &self.message
    }

    /// The protocol rules, before any state changes: the session share to
    /// check (if any), or the sender's misbehaviour.
    fn check(
        &self,
        sender: Identifier<C>,
        state: &SignerState<C>,
        reply: &Reply<C>,
    ) -> Result<Option<(SessionId, SignatureShare<C>)>, Misbehaviour> {
        let answer = match (state, &reply.answer) {
            // (A malicious signer's replies never get here.)
            (SignerState::Ready(_) | SignerState::Malicious, _) => return Err(Misbehaviour::UnsolicitedReply),
            (SignerState::New, None) => None,
            (SignerState::New, Some(_)) => return Err(Misbehaviour::WrongSession),
            (SignerState::InSession(current), Some((session, share))) if session == current => Some((*session, *share)),
            (SignerState::InSession(_), _) => return Err(Misbehaviour::WrongSession),
        };
        let identity = C::Group::identity();
        if reply.commitments.hiding.0 == identity || reply.commitments.binding.0 == identity {
            return Err(Misbehaviour::IdentityCommitment);
        }
        if self.used_commitments.contains(&digest(sender, &reply.commitments)) {
            return Err(Misbehaviour::ReusedCommitments);
        }
        if let Some((session, share)) = &answer {
            // A session abandoned for another signer's misbehaviour can no
            // longer complete; its late shares need no checking.
            if let Some(open) = self.sessions.get(session) {
                let valid = self
                    .checked_keys
                    .verifying_shares
                    .get(&sender)
                    .is_some_and(|key| open.verifier.verify(&open.package, sender, key, share).is_ok());
                if !valid {
                    return Err(Misbehaviour::InvalidShare);
                }
            }
        }
        Ok(answer)
    }

    /// A valid reply: record the share, aggregate once a session has all
    /// `t`, else make the sender responsive and start a session once `t`
    /// signers are.
    fn accept(
        &mut self,
        sender: Identifier<C>,
        answer: Option<(SessionId, SignatureShare<C>)>,
        commitments: SigningCommitments<C>,
    ) -> Result<Step<C>, Error<C>> {
        if let Some((id, share)) = answer {
            let complete = self.sessions.get_mut(&id).is_some_and(|session| {
                session.shares.insert(sender, share);
                session.shares.len() == self.min_signers
            });
            if complete {
                if let Some(session) = self.sessions.remove(&id) {
                    return self.finish(session);
                }
            }
        }
        self.signers.insert(sender, SignerState::Ready(commitments));
        self.ready += 1;
        if self.ready < self.min_signers {
            return Ok(Step::Waiting);
        }
        Ok(Step::Start(self.start_session()))
    }

    /// Aggregates a complete session, and stops.
    fn finish(&mut self, session: Session<C>) -> Result<Step<C>, Error<C>> {
        let result = crate::aggregate(&session.package, &session.shares, &self.public_key_package);
        self.sessions.clear();
        match result {
            Ok(signature) => {
                self.outcome = Outcome::Signed;
                Ok(Step::Signature(signature))
            }
            Err(error) => {
                self.outcome = Outcome::Failed(error.clone());
                Err(error)
            }
        }
    }

    /// Puts every responsive signer (exactly `t`) into a new session.
    fn start_session(&mut self) -> SessionStart<C> {
        self.sessions_started += 1;
        let id = SessionId(self.sessions_started);
        let mut commitments = BTreeMap::new();
        for (signer, state) in self.signers.iter_mut() {
            if let SignerState::Ready(c) = state {
                self.used_commitments.insert(digest(*signer, c));
                commitments.insert(*signer, *c);
                *state = SignerState::InSession(id);
            }
        }
        self.ready = 0;
        let package = SigningPackage::new(commitments, &self.message);
        // Identity commitments were refused on arrival, and an identity
        // group commitment needs the commitments of all `t` signers to
        // cancel, a collusion of signers that cannot have known each other's
        // commitments; the session then simply never completes.
        if let Ok(verifier) = ShareVerifier::new(&package, &self.checked_keys.verifying_key) {
            self.sessions.insert(
                id,
                Session {
                    package: package.clone(),
                    verifier,
                    shares: BTreeMap::new(),
                },
            );
        }
        SessionStart {
            id,
            signing_package: package,
        }
    }

    /// Marks `sender` malicious; fails once more than `n - t` are.
    fn mark(&mut self, sender: Identifier<C>, misbehaviour: Misbehaviour) -> Result<Step<C>, Error<C>> {
        match self.signers.insert(sender, SignerState::Malicious) {
            // Its session cannot complete without its share.
            Some(SignerState::InSession(id)) => {
                self.sessions.remove(&id);
            }
            Some(SignerState::Ready(_)) => self.ready -= 1,
            _ => {}
        }
        self.malicious.insert(sender, misbehaviour);
        if self.malicious.len() <= self.max_malicious {
            return Ok(Step::Waiting);
        }
        let error = Error::TooManyMaliciousSigners {
            culprits: self.malicious.keys().copied().collect(),
        };
        self.sessions.clear();
        self.outcome = Outcome::Failed(error.clone());
        Err(error)
    }
}

/// A 32-byte digest of one signer's commitments, for detecting reuse.
fn digest<C: Ciphersuite>(signer: Identifier<C>, commitments: &SigningCommitments<C>) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"FROST-ROAST-commitments-v1");
    h.update(signer.serialize());
    h.update(commitments.serialize());
    h.finalize().into()
}

impl<C: Ciphersuite> fmt::Debug for Coordinator<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Coordinator")
            .field("min_signers", &self.min_signers)
            .field("signers", &self.signers.len())
            .field("sessions_started", &self.sessions_started)
            .field("open_sessions", &self.sessions.len())
            .field("malicious", &self.malicious)
            .finish_non_exhaustive()
    }
}
