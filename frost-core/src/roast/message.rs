//! The three ROAST wire messages and their strict encodings.
//!
//! Every message starts with the suite's 5-byte [`header`](crate::header)
//! and a kind byte, so the bytes of one message never decode as another:
//! `0x01` a [`Reply`] (signer to coordinator), `0x02` a [`SessionStart`] and
//! `0x03` a [`Done`] (coordinator to signer). Decoding refuses what every
//! decoder here refuses (trailing bytes, non-minimal varints, non-canonical
//! scalars and elements, the identity) and a kind or option tag it does not
//! know.

use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use crate::encoding::{Reader, Writer, decode_all};
use crate::round1::SigningCommitments;
use crate::round2::SignatureShare;
use crate::{Ciphersuite, DecodeError, Error, Identifier, SigningPackage};

const REPLY: u8 = 0x01;
const SESSION_START: u8 = 0x02;
const DONE: u8 = 0x03;

/// A coordinator's number for one signing session: 1 for the first session
/// it starts, then counting up. Only meaningful together with the
/// coordinator that issued it.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SessionId(pub(crate) u32);

impl SessionId {
    /// The session's number.
    pub fn to_u32(self) -> u32 {
        self.0
    }
}

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "session {}", self.0)
    }
}

fn kind<C: Ciphersuite>(r: &mut Reader<'_, C>, expected: u8) -> Result<(), DecodeError> {
    r.header()?;
    if r.fixed(1)?[0] != expected {
        return Err(DecodeError::InvalidTag);
    }
    Ok(())
}

/// What a signer sends the coordinator: its signature share for the session
/// it was last asked to sign (absent on its first reply, before any session)
/// and fresh signing commitments for its next session.
///
/// Wire encoding: header, `0x01`, an option tag (`0` for none, `1` for a
/// share), then for a share the session number (varint) and the share (bare
/// scalar), then the [`SigningCommitments`] encoding.
#[derive(Clone, PartialEq, Eq)]
pub struct Reply<C: Ciphersuite> {
    pub(crate) answer: Option<(SessionId, SignatureShare<C>)>,
    pub(crate) commitments: SigningCommitments<C>,
}

impl<C: Ciphersuite> Reply<C> {
    /// Assembles a reply: the share for a session (`None` on a signer's
    /// first reply) and fresh commitments. [`crate::roast::Signer`] makes
    /// replies; this is for signers implemented otherwise (an HSM, a
    /// hardware wallet).
    pub fn new(answer: Option<(SessionId, SignatureShare<C>)>, commitments: SigningCommitments<C>) -> Self {
        Self { answer, commitments }
    }

    /// The session this reply answers, if any.
    pub fn session(&self) -> Option<SessionId> {
        self.answer.as_ref().map(|(id, _)| *id)
    }

    /// The signature share for [`Reply::session`], if any.
    pub fn signature_share(&self) -> Option<&SignatureShare<C>> {
        self.answer.as_ref().map(|(_, share)| share)
    }

    /// The signer's fresh commitments, for its next session.
    pub fn commitments(&self) -> &SigningCommitments<C> {
        &self.commitments
    }

    /// The wire encoding (see [`Reply`]).
    pub fn serialize(&self) -> Vec<u8> {
        let mut w = Writer::<C>::new();
        w.header();
        w.fixed(&[REPLY]);
        match &self.answer {
            None => w.varint(0),
            Some((session, share)) => {
                w.varint(1);
                w.varint(u64::from(session.0));
                w.scalar(&share.0);
            }
        }
        self.commitments.write(&mut w);
        w.finish()
    }

    /// Decodes [`Reply::serialize`] output strictly.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        decode_all(bytes, |r: &mut Reader<'_, C>| {
            kind(r, REPLY)?;
            let answer = match r.varint(8)? {
                0 => None,
                1 => {
                    let session = u32::try_from(r.varint(32)?).map_err(|_| DecodeError::InvalidVarint)?;
                    Some((SessionId(session), SignatureShare(r.scalar()?)))
                }
                _ => return Err(DecodeError::InvalidTag),
            };
            Ok(Self {
                answer,
                commitments: SigningCommitments::read(r)?,
            })
        })
    }
}

impl<C: Ciphersuite> fmt::Debug for Reply<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reply")
            .field("answer", &self.answer)
            .field("commitments", &self.commitments)
            .finish()
    }
}

/// What the coordinator sends each signer of a new session: the session's
/// number and its [`SigningPackage`]. The session's signers are the
/// package's: they are not repeated on the wire, so the two cannot disagree.
///
/// Wire encoding: header, `0x02`, the session number (varint), the
/// length-prefixed [`SigningPackage`] encoding.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionStart<C: Ciphersuite> {
    pub(crate) id: SessionId,
    pub(crate) signing_package: SigningPackage<C>,
}

impl<C: Ciphersuite> SessionStart<C> {
    /// The session's number.
    pub fn id(&self) -> SessionId {
        self.id
    }

    /// The session's signers, in identifier order: send this message to
    /// each of them.
    pub fn signers(&self) -> impl ExactSizeIterator<Item = Identifier<C>> + '_ {
        self.signing_package.signing_commitments.keys().copied()
    }

    /// The package every signer of the session signs.
    pub fn signing_package(&self) -> &SigningPackage<C> {
        &self.signing_package
    }

    /// The wire encoding (see [`SessionStart`]).
    pub fn serialize(&self) -> Vec<u8> {
        let mut w = Writer::<C>::new();
        w.header();
        w.fixed(&[SESSION_START]);
        w.varint(u64::from(self.id.0));
        w.bytes(&self.signing_package.serialize());
        w.finish()
    }

    /// Decodes [`SessionStart::serialize`] output strictly.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        let mut r = Reader::<C>::new(bytes);
        kind(&mut r, SESSION_START)?;
        let id = u32::try_from(r.varint(32)?).map_err(|_| DecodeError::InvalidVarint)?;
        let package = r.bytes()?;
        r.finish()?;
        Ok(Self {
            id: SessionId(id),
            signing_package: SigningPackage::deserialize(package)?,
        })
    }
}

impl<C: Ciphersuite> fmt::Debug for SessionStart<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionStart")
            .field("id", &self.id)
            .field("signing_package", &self.signing_package)
            .finish()
    }
}

/// What the coordinator sends every signer once it has the signature (or
/// has given up): the run is over, drop your pending nonces.
///
/// Wire encoding: header, `0x03`.
#[derive(Copy, Clone, PartialEq, Eq)]
pub struct Done<C: Ciphersuite>(PhantomData<C>);

impl<C: Ciphersuite> Done<C> {
    /// The message.
    pub fn new() -> Self {
        Self(PhantomData)
    }

    /// The wire encoding (see [`Done`]).
    pub fn serialize(&self) -> Vec<u8> {
        let mut w = Writer::<C>::new();
        w.header();
        w.fixed(&[DONE]);
        w.finish()
    }

    /// Decodes [`Done::serialize`] output strictly.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        decode_all(bytes, |r: &mut Reader<'_, C>| kind(r, DONE))?;
        Ok(Self::new())
    }
}

impl<C: Ciphersuite> Default for Done<C> {
    fn default() -> Self {
        Self::new()
    }
}

impl<C: Ciphersuite> fmt::Debug for Done<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Done")
    }
}

/// Either message a coordinator sends a signer, for a transport that
/// receives both on one channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CoordinatorMessage<C: Ciphersuite> {
    /// Sign this session.
    Start(SessionStart<C>),
    /// The run is over.
    Done(Done<C>),
}

impl<C: Ciphersuite> CoordinatorMessage<C> {
    /// The wire encoding of the message inside.
    pub fn serialize(&self) -> Vec<u8> {
        match self {
            CoordinatorMessage::Start(start) => start.serialize(),
            CoordinatorMessage::Done(done) => done.serialize(),
        }
    }

    /// Decodes a [`SessionStart`] or a [`Done`], by the kind byte.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        match bytes.get(5) {
            Some(&SESSION_START) => SessionStart::deserialize(bytes).map(CoordinatorMessage::Start),
            _ => Done::deserialize(bytes).map(CoordinatorMessage::Done),
        }
    }
}
