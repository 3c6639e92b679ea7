//! Verifiable blame: attachments, accusations and their adjudication.
//!
//! Neither standard lets a third party check a claim that a sender's share
//! was bad: a cheating sender and a false accuser look the same. This module
//! is our extension beyond both standards. Peers that only speak the
//! standard keep working; the extra bytes travel as separate messages, so
//! the standard messages never change.
//!
//! - **Attachments.** With its step-1 message every sender also sends an
//!   [`Attachment`]: a proof of possession of its ephemeral (encryption) key
//!   and a host-key signature over the proof and its step-1 message (ChillDKG:
//!   one signature over the whole message; COCKTAIL: one per recipient, over
//!   that recipient's slice). Nothing checks it in a run that succeeds.
//! - **Accusations.** A recipient that finds a fault in a sender's signed
//!   message builds an [`Accusation`]: the sender's message, its signature
//!   and proof, and, when the fault is in the encrypted share, the ECDH
//!   values that open exactly that share together with a Chaum-Pedersen
//!   proof ([`DleqProof`]) that they were computed with the accuser's host
//!   key. The accuser signs the whole accusation with its host key. It reveals
//!   the ECDH values only after checking the sender's proof of possession of
//!   its ephemeral key: a sender that copied another's ephemeral key would
//!   otherwise make the accuser open the other sender's share.
//! - **Adjudication.** [`Accusation::verify`] needs only the session
//!   parameters and returns a [`Verdict`]: the sender is guilty, the accuser
//!   is guilty (its evidence does not hold up, and its own signature shows it
//!   made the claim), or the evidence is rejected as not attributable.
//!
//! What a verdict proves: `SenderGuilty(i)` means participant `i` signed, for
//! this session, a step-1 message or attachment that is invalid in public
//! (undecodable, a bad proof of possession) or whose share to the accuser does
//! not match `i`'s own commitment. `AccuserGuilty(j)` means participant `j`
//! signed an accusation whose evidence is false. Neither can be produced
//! against an honest party without forging its host-key signature or
//! breaking the DLEQ proof's soundness. Verifiable blame holds only when every
//! participant sent an attachment: against a sender without one, a recipient
//! can still find the fault but can only report it (as the standard does).
//!
//! Everything here is deterministic (DECISIONS 3): proof nonces and signature
//! randomness are hashed from the secret and everything the proof covers.
//!
//! Identifiers: position `i` is [`Identifier`] `i + 1`.

use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use zeroize::Zeroizing;

#[cfg(doc)]
use super::Profile;
use super::{Cursor, HostSecretKey, MAX_PARTICIPANTS, SessionParams, check_len, identifier_at};
use crate::ciphersuite::{element_bytes, is_zero, scalar_bytes};
use crate::{Ciphersuite, DecodeError, Element, Error, Group, Identifier, Scalar};

/// The domain-separation prefix of every message and hash of this module:
/// ours, outside both standards' namespaces.
pub(crate) const BLAME_TAG: &str = "FROST-BLAME/";

/// The hooks verifiable blame needs from a standalone DKG: its session, its
/// host-key signatures, its hashes, and how a sender's signed message is
/// checked and opened. Independent of the engine's [`Profile`]
/// (ChillDKG's impl delegates to it); hidden and sealed.
#[doc(hidden)]
pub trait BlameProfile: super::sealed::Sealed + Sized + 'static {
    /// The ciphersuite whose group the profile runs on.
    type C: Ciphersuite;
    /// What identifies a session (ChillDKG: the [`SessionParams`]; COCKTAIL:
    /// the parameters and the context string), all that
    /// [`Accusation::verify`] needs.
    type Session;
    /// The length of a [`BlameProfile::sign`] signature (ChillDKG: 64;
    /// COCKTAIL: an element and a scalar, 113 bytes for Ed448).
    const SIGNATURE_LEN: usize;
    /// The session parameters of `session`.
    fn params(session: &Self::Session) -> &SessionParams<Self::C>;
    /// A hash of the session that attachments and accusations are bound to.
    fn session_hash(session: &Self::Session) -> [u8; 32];
    /// A uniform scalar from a hash of `parts` under `tag` (below
    /// [`BLAME_TAG`]); used for the proof's nonce and challenge. Wide where
    /// the group order is not within a negligible distance of a power of
    /// two: the bias of the reduction must be negligible.
    fn hash_to_scalar(tag: &str, parts: &[&[u8]]) -> Scalar<Self::C>;
    /// 32 bytes hashed from `parts` under `tag`: the signatures' auxiliary
    /// randomness, derived from what they sign.
    fn aux_hash(tag: &str, parts: &[&[u8]]) -> [u8; 32];
    /// The host-key (or ephemeral-key) signature under `secret` over `msg`,
    /// [`BlameProfile::SIGNATURE_LEN`] bytes; `None` only with negligible
    /// probability.
    fn sign(msg: &[u8], secret: &Scalar<Self::C>, aux: &[u8; 32]) -> Option<Vec<u8>>;
    /// Verifies a [`BlameProfile::sign`] signature under `public`.
    fn verify(msg: &[u8], public: &Element<Self::C>, sig: &[u8]) -> bool;
    /// Whether the sender's signed `message` (what the recipient got) is
    /// invalid in public, before any secret is opened: a wrong length,
    /// an undecodable value, an invalid proof of possession.
    fn message_fault(session: &Self::Session, sender: usize, recipient: usize, message: &[u8]) -> bool;
    /// The sender's ephemeral public key, from a message without a
    /// [`BlameProfile::message_fault`].
    fn ephemeral_key(session: &Self::Session, sender: usize, message: &[u8]) -> Option<Element<Self::C>>;
    /// The bases `B` whose products `d * B` with the recipient's host secret
    /// `d` open the share (ChillDKG: the ephemeral key `E_i`; COCKTAIL: `E_i`
    /// and the sender's host key `P_i`).
    fn ecdh_bases(session: &Self::Session, sender: usize, message: &[u8]) -> Option<Vec<Element<Self::C>>>;
    /// Whether the share from `sender` to `recipient` in `message`, opened
    /// with the revealed products `ecdh` (in [`BlameProfile::ecdh_bases`]
    /// order), matches the sender's commitment.
    fn share_valid(
        session: &Self::Session,
        sender: usize,
        recipient: usize,
        message: &[u8],
        ecdh: &[Element<Self::C>],
    ) -> bool;
}

fn be32(i: usize) -> [u8; 4] {
    (i as u32).to_be_bytes()
}

/// `prefix || position || session || parts`, with the prefix
/// [`BLAME_TAG`]`label` zero-padded to 33 bytes as BIP340 recommends for
/// domain separation.
pub(crate) fn blame_message(label: &str, position: usize, session: &[u8; 32], parts: &[&[u8]]) -> Vec<u8> {
    let mut msg = Vec::with_capacity(69 + parts.iter().map(|p| p.len()).sum::<usize>());
    msg.extend_from_slice(BLAME_TAG.as_bytes());
    msg.extend_from_slice(label.as_bytes());
    debug_assert!(msg.len() <= 33);
    msg.resize(33, 0);
    msg.extend_from_slice(&be32(position));
    msg.extend_from_slice(session);
    for p in parts {
        msg.extend_from_slice(p);
    }
    msg
}

/// What the sender's proof of possession of its ephemeral key signs.
pub(crate) fn ephemeral_pop_message(sender: usize, session: &[u8; 32]) -> Vec<u8> {
    blame_message("ephemeral pop", sender, session, &[])
}

/// What the sender's host-key signature covers: its proof of possession and
/// its message (ChillDKG: the whole step-1 message).
pub(crate) fn attachment_message(sender: usize, session: &[u8; 32], pop: &[u8], message: &[u8]) -> Vec<u8> {
    blame_message("attachment", sender, session, &[pop, message])
}

// ---------------------------------------------------------------------------
// Chaum-Pedersen proof
// ---------------------------------------------------------------------------

/// A Chaum-Pedersen proof that `X_m = x * B_m` for one secret `x` and every
/// base `B_m`, the first base being the generator (so `X_0` is the prover's
/// public key): ChillDKG proves `d_j * G = P_j` and `d_j * E_i = Z`; COCKTAIL
/// adds `d_j * P_i` as a third base.
///
/// The challenge is `c = H(transcript, B, X, R)` with `R_m = k * B_m`; the
/// proof is `(c, s)` with `s = k + c * x`, and the verifier recomputes
/// `R_m = s * B_m - c * X_m`. The nonce `k` is hashed from `x` and the
/// whole statement, so proving is deterministic.
#[derive(Clone, PartialEq, Eq)]
pub struct DleqProof<C: Ciphersuite> {
    c: Scalar<C>,
    s: Scalar<C>,
}

impl<C: Ciphersuite> DleqProof<C> {
    /// The statement's bytes: the transcript (length-prefixed), the number
    /// of bases, and every base and product.
    fn statement(transcript: &[u8], bases: &[Element<C>], points: &[Element<C>]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&(transcript.len() as u64).to_be_bytes());
        out.extend_from_slice(transcript);
        out.push(bases.len() as u8);
        for (b, x) in bases.iter().zip(points) {
            out.extend_from_slice(&element_bytes::<C>(b));
            out.extend_from_slice(&element_bytes::<C>(x));
        }
        out
    }

    fn challenge<P: BlameProfile<C = C>>(statement: &[u8], commitments: &[Element<C>]) -> Scalar<C> {
        let mut rs = Vec::with_capacity(commitments.len() * C::Group::ELEMENT_LEN);
        for r in commitments {
            rs.extend_from_slice(&element_bytes::<C>(r));
        }
        P::hash_to_scalar("dleq challenge", &[statement, &rs])
    }

    /// Proves that the products `secret * bases[m]` (returned, in order)
    /// share one discrete logarithm; `bases[0]` must be the generator.
    /// `None` only with negligible probability (a zero nonce) or for a
    /// zero secret or an empty list.
    pub(crate) fn prove<P: BlameProfile<C = C>>(
        secret: &Scalar<C>,
        bases: &[Element<C>],
        transcript: &[u8],
    ) -> Option<(Vec<Element<C>>, Self)> {
        if bases.is_empty() || bases.len() > u8::MAX as usize || is_zero::<C>(secret) {
            return None;
        }
        let points: Vec<Element<C>> = bases.iter().map(|b| *b * *secret).collect();
        let statement = Self::statement(transcript, bases, &points);
        let secret_bytes = Zeroizing::new(scalar_bytes::<C>(secret));
        let k = Zeroizing::new(P::hash_to_scalar("dleq nonce", &[&secret_bytes, &statement]));
        if is_zero::<C>(&k) {
            return None;
        }
        let commitments: Vec<Element<C>> = bases.iter().map(|b| *b * *k).collect();
        let c = Self::challenge::<P>(&statement, &commitments);
        let s = *k + c * *secret;
        Some((points, Self { c, s }))
    }

    /// Whether the proof shows `points[m] = x * bases[m]` for one `x`.
    pub(crate) fn verify<P: BlameProfile<C = C>>(
        &self,
        bases: &[Element<C>],
        points: &[Element<C>],
        transcript: &[u8],
    ) -> bool {
        if bases.is_empty() || bases.len() != points.len() || bases.len() > u8::MAX as usize {
            return false;
        }
        let commitments: Vec<Element<C>> = bases
            .iter()
            .zip(points)
            .map(|(b, x)| C::Group::vartime_multiscalar_mul(&[self.s, -self.c], &[*b, *x]))
            .collect();
        let statement = Self::statement(transcript, bases, points);
        Self::challenge::<P>(&statement, &commitments) == self.c
    }

    /// The encoding: `c` then `s`, two canonical scalars.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = scalar_bytes::<C>(&self.c);
        out.extend_from_slice(&scalar_bytes::<C>(&self.s));
        out
    }

    /// Decodes [`DleqProof::to_bytes`], refusing a wrong length
    /// ([`DecodeError::Truncated`], [`DecodeError::TrailingBytes`]) and
    /// non-canonical scalars ([`DecodeError::MalformedScalar`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error<C>> {
        let sl = C::Group::SCALAR_LEN;
        check_len::<C>(bytes, 2 * sl)?;
        let c = C::Group::deserialize_scalar(&bytes[..sl]).ok_or(DecodeError::MalformedScalar)?;
        let s = C::Group::deserialize_scalar(&bytes[sl..]).ok_or(DecodeError::MalformedScalar)?;
        Ok(Self { c, s })
    }
}

impl<C: Ciphersuite> fmt::Debug for DleqProof<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DleqProof")
    }
}

// ---------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------

/// The blame attachment a sender sends beside its step-1 message: a proof
/// of possession of its ephemeral key, and host-key signatures over that
/// proof and its message (ChillDKG: one, over the whole step-1 message;
/// COCKTAIL: one per recipient, over that recipient's slice).
///
/// Public. Encoding: the proof, then the signatures, each
/// [`BlameProfile::SIGNATURE_LEN`] bytes (ChillDKG: 128 bytes in all).
pub struct Attachment<P: BlameProfile> {
    pub(crate) ephemeral_pop: Vec<u8>,
    pub(crate) signatures: Vec<Vec<u8>>,
    _profile: PhantomData<P>,
}

impl<P: BlameProfile> Attachment<P> {
    /// The attachment of the sender at `sender`: `ephemeral_secret` is the
    /// secret of its ephemeral key, and one signature is made per message in
    /// `messages`. `aux` seeds the signatures' randomness (derived from the
    /// step-1 seed: deterministic).
    pub(crate) fn create(
        host_secret: &HostSecretKey<P::C>,
        ephemeral_secret: &Scalar<P::C>,
        sender: usize,
        session: &[u8; 32],
        messages: &[&[u8]],
        aux: &[u8; 32],
    ) -> Option<Self> {
        let pop = P::sign(&ephemeral_pop_message(sender, session), ephemeral_secret, aux)?;
        let mut signatures = Vec::with_capacity(messages.len());
        for message in messages {
            let msg = attachment_message(sender, session, &pop, message);
            signatures.push(P::sign(&msg, &host_secret.scalar, aux)?);
        }
        Some(Self {
            ephemeral_pop: pop,
            signatures,
            _profile: PhantomData,
        })
    }

    /// The number of signatures it holds.
    pub fn signature_count(&self) -> usize {
        self.signatures.len()
    }

    /// Whether signature `which` is the sender's host-key signature over
    /// `message` and the proof of possession, in this session.
    pub(crate) fn signature_verifies(&self, session: &P::Session, sender: usize, which: usize, message: &[u8]) -> bool {
        let (Some(key), Some(sig)) = (P::params(session).hostpubkeys.get(sender), self.signatures.get(which)) else {
            return false;
        };
        let session = P::session_hash(session);
        P::verify(
            &attachment_message(sender, &session, &self.ephemeral_pop, message),
            &key.element,
            sig,
        )
    }

    /// Whether the proof of possession verifies under `ephemeral_key`.
    pub(crate) fn pop_verifies(&self, session: &P::Session, sender: usize, ephemeral_key: &Element<P::C>) -> bool {
        let session = P::session_hash(session);
        P::verify(
            &ephemeral_pop_message(sender, &session),
            ephemeral_key,
            &self.ephemeral_pop,
        )
    }

    /// The encoding.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.ephemeral_pop.clone();
        for s in &self.signatures {
            out.extend_from_slice(s);
        }
        out
    }

    /// Decodes [`Attachment::to_bytes`]: a proof and at least one signature,
    /// each [`BlameProfile::SIGNATURE_LEN`] bytes
    /// ([`DecodeError::Truncated`] or [`DecodeError::TrailingBytes`]
    /// otherwise). Whether the signatures verify, and whether their number
    /// fits the session, is checked where they are used.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error<P::C>> {
        let sig = P::SIGNATURE_LEN;
        if bytes.len() < 2 * sig {
            return Err(DecodeError::Truncated.into());
        }
        if !bytes.len().is_multiple_of(sig) {
            return Err(DecodeError::TrailingBytes.into());
        }
        let mut chunks = bytes.chunks_exact(sig);
        let ephemeral_pop = chunks.next().map(<[u8]>::to_vec).unwrap_or_default();
        let signatures = chunks.map(<[u8]>::to_vec).collect();
        Ok(Self {
            ephemeral_pop,
            signatures,
            _profile: PhantomData,
        })
    }
}

impl<P: BlameProfile> Clone for Attachment<P> {
    fn clone(&self) -> Self {
        Self {
            ephemeral_pop: self.ephemeral_pop.clone(),
            signatures: self.signatures.clone(),
            _profile: PhantomData,
        }
    }
}

impl<P: BlameProfile> PartialEq for Attachment<P> {
    fn eq(&self, other: &Self) -> bool {
        self.ephemeral_pop == other.ephemeral_pop && self.signatures == other.signatures
    }
}

impl<P: BlameProfile> Eq for Attachment<P> {}

impl<P: BlameProfile> fmt::Debug for Attachment<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Attachment")
            .field("signatures", &self.signatures.len())
            .finish_non_exhaustive()
    }
}

// ---------------------------------------------------------------------------
// Accusations
// ---------------------------------------------------------------------------

/// What an accusation offers beyond the sender's signed message.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Evidence<C: Ciphersuite> {
    /// The signed message is invalid in public: nothing secret is revealed.
    SignedMessage,
    /// The share is bad: the ECDH products that open it (in
    /// [`BlameProfile::ecdh_bases`] order) and the proof that the accuser's
    /// host key made them.
    Share { ecdh: Vec<Element<C>>, proof: DleqProof<C> },
}

/// The verdict on an [`Accusation`].
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Verdict<C: Ciphersuite> {
    /// The sender signed, for this session, a message that is invalid or
    /// whose share to the accuser is bad.
    SenderGuilty(Identifier<C>),
    /// The accuser signed an accusation whose evidence is false: the
    /// sender's signature, the proof or the share does not bear it out.
    AccuserGuilty(Identifier<C>),
    /// The evidence cannot be attributed to anybody.
    Rejected(Rejection),
}

/// Why an [`Accusation`] was [`Verdict::Rejected`].
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rejection {
    /// The sender or the accuser is not a participant of these session
    /// parameters (a position out of range).
    NotInSession,
    /// The accuser's signature does not verify: the accusation was forged
    /// or altered, or belongs to another session.
    AccuserSignature,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Rejection::NotInSession => "the sender or the accuser is not in the session",
            Rejection::AccuserSignature => "the accuser's signature does not verify in this session",
        })
    }
}

/// A participant's verifiable claim that a sender's step-1 message was bad.
///
/// Public once made: it holds the sender's signed message and attachment,
/// the accuser's signature and, for a bad share, the ECDH values that open
/// exactly that share (ChillDKG: one value, `d_j * E_i`, which opens only
/// this session's pad from the sender to the accuser; COCKTAIL: `d_j * E_i`
/// and the static-static secret `d_j * P_i`, after which the accuser should
/// rotate its host key). Anyone with the session adjudicates it with
/// [`Accusation::verify`].
///
/// Encoding: sender position, accuser position (4 bytes each, big-endian),
/// the message's length (4 bytes) and the message, the sender's signature
/// and its proof of possession, a tag byte (0: the signed message alone; 1:
/// a share, followed by the number of ECDH values in one byte, the values
/// and the [`DleqProof`]), and the accuser's signature.
pub struct Accusation<P: BlameProfile> {
    pub(crate) sender: usize,
    pub(crate) accuser: usize,
    pub(crate) message: Vec<u8>,
    pub(crate) signature: Vec<u8>,
    pub(crate) ephemeral_pop: Vec<u8>,
    pub(crate) evidence: Evidence<P::C>,
    pub(crate) accuser_signature: Vec<u8>,
}

impl<P: BlameProfile> Accusation<P> {
    /// The accusation by the holder of `hostseckey` (at `accuser`) against
    /// `sender`, with the sender's `message`, the signature over it
    /// (`signature` of `attachment`) and, if `reveal`, the ECDH values and
    /// their proof. The caller has checked the sender's signature and proof
    /// of possession before asking to reveal.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn create(
        hostseckey: &HostSecretKey<P::C>,
        params: &P::Session,
        accuser: usize,
        sender: usize,
        message: &[u8],
        attachment: &Attachment<P>,
        signature: usize,
        reveal: bool,
    ) -> Result<Self, Error<P::C>> {
        let signature = attachment.signatures.get(signature).ok_or(Error::UnknownFault)?.clone();
        let mut accusation = Self {
            sender,
            accuser,
            message: message.to_vec(),
            signature,
            ephemeral_pop: attachment.ephemeral_pop.clone(),
            evidence: Evidence::SignedMessage,
            accuser_signature: Vec::new(),
        };
        let session = P::session_hash(params);
        if reveal {
            let mut bases = alloc::vec![<P::C as Ciphersuite>::Group::generator()];
            bases.extend(P::ecdh_bases(params, sender, message).ok_or(Error::UnknownFault)?);
            let transcript = accusation.transcript(&session);
            let (mut points, proof) =
                DleqProof::prove::<P>(&hostseckey.scalar, &bases, &transcript).ok_or(Error::UnknownFault)?;
            points.remove(0);
            accusation.evidence = Evidence::Share { ecdh: points, proof };
        }
        accusation.sign(hostseckey, params).ok_or(Error::UnknownFault)?;
        Ok(accusation)
    }

    /// Signs the accusation as its accuser (the holder of `hostseckey`);
    /// the signature's randomness is hashed from what it signs.
    pub(crate) fn sign(&mut self, hostseckey: &HostSecretKey<P::C>, session: &P::Session) -> Option<()> {
        let msg = self.accuser_message(&P::session_hash(session));
        let aux = P::aux_hash("blame accusation aux", &[&msg]);
        self.accuser_signature = P::sign(&msg, &hostseckey.scalar, &aux)?;
        Some(())
    }

    /// The sender named by the accusation.
    pub fn sender(&self) -> Identifier<P::C> {
        identifier_at(self.sender)
    }

    /// The participant that made the accusation.
    pub fn accuser(&self) -> Identifier<P::C> {
        identifier_at(self.accuser)
    }

    /// Whether the accusation reveals ECDH values (a bad share) rather than
    /// resting on the sender's signed message alone.
    pub fn reveals_ecdh(&self) -> bool {
        matches!(self.evidence, Evidence::Share { .. })
    }

    /// The sender's signed message the accusation is about (ChillDKG: its
    /// whole step-1 message).
    pub fn message(&self) -> &[u8] {
        &self.message
    }

    /// The bytes up to the sender's proof of possession, prefixed with the
    /// session: what the DLEQ proof is bound to.
    pub(crate) fn transcript(&self, session: &[u8; 32]) -> Vec<u8> {
        let mut out = blame_message("dleq", self.accuser, session, &[]);
        self.encode_head(&mut out);
        out
    }

    /// What the accuser signs: everything but its signature.
    fn accuser_message(&self, session: &[u8; 32]) -> Vec<u8> {
        let mut body = Vec::new();
        self.encode_body(&mut body);
        blame_message("accusation", self.accuser, session, &[&body])
    }

    fn encode_head(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&be32(self.sender));
        out.extend_from_slice(&be32(self.accuser));
        out.extend_from_slice(&be32(self.message.len()));
        out.extend_from_slice(&self.message);
        out.extend_from_slice(&self.signature);
        out.extend_from_slice(&self.ephemeral_pop);
    }

    fn encode_body(&self, out: &mut Vec<u8>) {
        self.encode_head(out);
        match &self.evidence {
            Evidence::SignedMessage => out.push(0),
            Evidence::Share { ecdh, proof } => {
                out.push(1);
                out.push(ecdh.len() as u8);
                for e in ecdh {
                    out.extend_from_slice(&element_bytes::<P::C>(e));
                }
                out.extend_from_slice(&proof.to_bytes());
            }
        }
    }

    /// The encoding (see the type's documentation).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode_body(&mut out);
        out.extend_from_slice(&self.accuser_signature);
        out
    }

    /// Decodes [`Accusation::to_bytes`] strictly: positions below 65535 and
    /// different ([`DecodeError::InvalidValue`]), a tag of 0 or 1
    /// ([`DecodeError::InvalidTag`]), one to 255 ECDH values that are valid
    /// non-identity elements ([`DecodeError::MalformedElement`]), canonical
    /// proof scalars, and no missing or trailing bytes. Whether anything
    /// verifies is [`Accusation::verify`]'s question.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error<P::C>> {
        let sig = P::SIGNATURE_LEN;
        let el = <P::C as Ciphersuite>::Group::ELEMENT_LEN;
        let sl = <P::C as Ciphersuite>::Group::SCALAR_LEN;
        let mut r = Cursor { bytes };
        let u32_at = |r: &mut Cursor<'_>| -> Result<usize, Error<P::C>> {
            let b = r.take::<P::C>(4)?;
            Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
        };
        let sender = u32_at(&mut r)?;
        let accuser = u32_at(&mut r)?;
        if sender >= MAX_PARTICIPANTS || accuser >= MAX_PARTICIPANTS || sender == accuser {
            return Err(DecodeError::InvalidValue.into());
        }
        let len = u32_at(&mut r)?;
        // Bounded by the bytes present before anything is allocated.
        let message = r.take::<P::C>(len)?.to_vec();
        let signature = r.take::<P::C>(sig)?.to_vec();
        let ephemeral_pop = r.take::<P::C>(sig)?.to_vec();
        let evidence = match r.take::<P::C>(1)?[0] {
            0 => Evidence::SignedMessage,
            1 => {
                let count = r.take::<P::C>(1)?[0] as usize;
                if count == 0 {
                    return Err(DecodeError::InvalidValue.into());
                }
                let mut ecdh = Vec::with_capacity(count);
                for _ in 0..count {
                    let e = <P::C as Ciphersuite>::Group::deserialize_element(r.take::<P::C>(el)?)
                        .map_err(|_| Error::from(DecodeError::MalformedElement))?;
                    ecdh.push(e);
                }
                let proof = DleqProof::from_bytes(r.take::<P::C>(2 * sl)?)?;
                Evidence::Share { ecdh, proof }
            }
            _ => return Err(DecodeError::InvalidTag.into()),
        };
        let accuser_signature = r.take::<P::C>(sig)?.to_vec();
        if !r.bytes.is_empty() {
            return Err(DecodeError::TrailingBytes.into());
        }
        Ok(Self {
            sender,
            accuser,
            message,
            signature,
            ephemeral_pop,
            evidence,
            accuser_signature,
        })
    }

    /// Adjudicates the accusation in the session `session` (ChillDKG: its
    /// [`SessionParams`]; COCKTAIL: its `SessionContext`), with nothing
    /// else: deterministic, and the same for every verifier.
    ///
    /// In order: both positions must be in the session
    /// ([`Rejection::NotInSession`]) and the accuser's signature must verify
    /// ([`Rejection::AccuserSignature`]); from then on the accuser stands
    /// behind the evidence. If the sender's host-key signature over the
    /// message and proof does not verify, the accuser is guilty. If the
    /// signed message is invalid in public, or the proof of possession of
    /// the ephemeral key does not verify, the sender is guilty. Otherwise an
    /// accusation without ECDH values is false (accuser guilty); with them,
    /// a DLEQ proof that does not verify makes the accuser guilty, and the
    /// opened share decides: bad, the sender is guilty; good, the accuser.
    pub fn verify(&self, session: &P::Session) -> Verdict<P::C> {
        let params = P::params(session);
        let n = params.count();
        if self.sender >= n || self.accuser >= n || self.sender == self.accuser {
            return Verdict::Rejected(Rejection::NotInSession);
        }
        let hash = P::session_hash(session);
        let accuser_key = &params.hostpubkeys[self.accuser].element;
        if !P::verify(&self.accuser_message(&hash), accuser_key, &self.accuser_signature) {
            return Verdict::Rejected(Rejection::AccuserSignature);
        }
        let sender_guilty = Verdict::SenderGuilty(identifier_at(self.sender));
        let accuser_guilty = Verdict::AccuserGuilty(identifier_at(self.accuser));
        let sender_key = &params.hostpubkeys[self.sender].element;
        if !P::verify(
            &attachment_message(self.sender, &hash, &self.ephemeral_pop, &self.message),
            sender_key,
            &self.signature,
        ) {
            return accuser_guilty;
        }
        if P::message_fault(session, self.sender, self.accuser, &self.message) {
            return sender_guilty;
        }
        let Some(ephemeral) = P::ephemeral_key(session, self.sender, &self.message) else {
            return sender_guilty;
        };
        if !P::verify(
            &ephemeral_pop_message(self.sender, &hash),
            &ephemeral,
            &self.ephemeral_pop,
        ) {
            return sender_guilty;
        }
        let Evidence::Share { ecdh, proof } = &self.evidence else {
            return accuser_guilty;
        };
        let Some(extra) = P::ecdh_bases(session, self.sender, &self.message) else {
            return sender_guilty;
        };
        let mut bases = alloc::vec![<P::C as Ciphersuite>::Group::generator()];
        bases.extend(extra);
        let mut points = alloc::vec![*accuser_key];
        points.extend_from_slice(ecdh);
        if !proof.verify::<P>(&bases, &points, &self.transcript(&hash)) {
            return accuser_guilty;
        }
        if P::share_valid(session, self.sender, self.accuser, &self.message, ecdh) {
            accuser_guilty
        } else {
            sender_guilty
        }
    }
}

impl<P: BlameProfile> Clone for Accusation<P> {
    fn clone(&self) -> Self {
        Self {
            sender: self.sender,
            accuser: self.accuser,
            message: self.message.clone(),
            signature: self.signature.clone(),
            ephemeral_pop: self.ephemeral_pop.clone(),
            evidence: self.evidence.clone(),
            accuser_signature: self.accuser_signature.clone(),
        }
    }
}

impl<P: BlameProfile> PartialEq for Accusation<P> {
    fn eq(&self, other: &Self) -> bool {
        self.to_bytes() == other.to_bytes()
    }
}

impl<P: BlameProfile> Eq for Accusation<P> {}

impl<P: BlameProfile> fmt::Debug for Accusation<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Accusation")
            .field("sender", &self.sender())
            .field("accuser", &self.accuser())
            .field("reveals_ecdh", &self.reveals_ecdh())
            .finish_non_exhaustive()
    }
}
