//! ChillDKG's verifiable blame (our extension; the BIP has none): the
//! attachment beside `pmsg1`, the coordinator's check of it, and the
//! participant's investigation that ends in an [`Accusation`] or names the
//! coordinator.
//!
//! In ChillDKG the coordinator sums the encrypted shares, so a participant
//! whose share is bad cannot tell from `cmsg1` which sender (or the
//! coordinator) caused it. The investigation therefore works on the `n`
//! step-1 messages as their senders signed them (each attachment's host-key
//! signature covers the whole message): it checks every sender's share
//! alone, against that sender's own commitment, and accuses the first bad
//! one. An accusation carries the sender's *signed* ciphertext, never the
//! coordinator's sum, so a ciphertext the coordinator altered can never
//! convict the sender: the verifier opens the sender's own ciphertext, which
//! is fine. When every signed message is fine, the participant recomputes
//! `cmsg1` from them (the coordinator's step is a pure function) and, if it
//! differs from what it received, blames the coordinator
//! ([`Error::FaultyCoordinator`]). The coordinator has no key in ChillDKG, so
//! that blame convinces the participant itself but cannot be shown to a third
//! party; what a third party can check is that no honest sender is convicted.

use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::{ChillDkg, ChillDkgCiphersuite, P, pad_from_shared, tagged_hash};
use crate::keys::standalone::blame::BLAME_TAG;
use crate::keys::standalone::engine::{self, ParticipantState1, element_with_identity, fixed32, pmsg1_len};
use crate::keys::standalone::{
    Accusation, Attachment, BlameProfile, HostSecretKey, Profile, SessionParams, identifier_at,
};
use crate::{Ciphersuite, Element, Error, Group, Scalar};

const EL: usize = 33;
const SL: usize = 32;
const SIG: usize = 64;

fn be32(i: usize) -> [u8; 4] {
    (i as u32).to_be_bytes()
}

/// A step-1 message cut into its fields (lengths only; nothing decoded):
/// `t` commitments, the proof of possession, the public nonce (the
/// ephemeral key), `n` encrypted shares.
struct Pmsg1Fields<'a> {
    com: &'a [u8],
    pop: &'a [u8],
    pubnonce: &'a [u8],
    enc_shares: &'a [u8],
}

fn split_pmsg1<'a, C: Ciphersuite>(params: &SessionParams<C>, msg: &'a [u8]) -> Option<Pmsg1Fields<'a>> {
    let t = params.threshold() as usize;
    let n = params.count();
    if msg.len() != pmsg1_len(t, n) {
        return None;
    }
    let (com, rest) = msg.split_at(EL * t);
    let (pop, rest) = rest.split_at(SIG);
    let (pubnonce, enc_shares) = rest.split_at(EL);
    Some(Pmsg1Fields {
        com,
        pop,
        pubnonce,
        enc_shares,
    })
}

fn decode_commitment<C: Ciphersuite>(com: &[u8]) -> Option<Vec<Element<C>>> {
    com.chunks_exact(EL).map(element_with_identity::<C>).collect()
}

impl<C: ChillDkgCiphersuite> BlameProfile for ChillDkg<C> {
    type C = C;
    type Session = SessionParams<C>;
    const SIGNATURE_LEN: usize = SIG;

    fn params(session: &SessionParams<C>) -> &SessionParams<C> {
        session
    }

    fn session_hash(params: &SessionParams<C>) -> [u8; 32] {
        engine::params_hash::<Self>(params)
    }

    fn hash_to_scalar(tag: &str, parts: &[&[u8]]) -> Scalar<C> {
        // The secp256k1 group order is within 2^-127 of 2^256: reducing a
        // 256-bit hash is uniform up to a negligible bias, as in BIP340.
        C::scalar_from_bytes_wrapping(&tagged_hash(&[BLAME_TAG, tag], parts))
    }

    fn aux_hash(tag: &str, parts: &[&[u8]]) -> [u8; 32] {
        <Self as Profile>::hash(tag, parts)
    }

    /// BIP340 signatures, as the engine's certificate.
    fn sign(msg: &[u8], secret: &Scalar<C>, aux: &[u8; 32]) -> Option<Vec<u8>> {
        <Self as Profile>::sign("", msg, secret, aux).map(|sig| sig.to_vec())
    }

    fn verify(msg: &[u8], public: &Element<C>, sig: &[u8]) -> bool {
        <Self as Profile>::verify("", msg, public, sig)
    }

    /// What `participant_step2` and `coordinator_step1` would refuse in the
    /// sender's own message: a wrong length, an undecodable commitment,
    /// nonce or share, or the BIP's proof of possession of the constant term
    /// failing (or that term being the identity).
    fn message_fault(params: &SessionParams<C>, sender: usize, _recipient: usize, message: &[u8]) -> bool {
        let Some(fields) = split_pmsg1(params, message) else {
            return true;
        };
        let Some(com) = decode_commitment::<C>(fields.com) else {
            return true;
        };
        let Some(constant) = com.first() else {
            return true;
        };
        if *constant == C::Group::identity()
            || !<Self as Profile>::verify("pop message", &be32(sender), constant, fields.pop)
        {
            return true;
        }
        if C::Group::deserialize_element(fields.pubnonce).is_err() {
            return true;
        }
        fields
            .enc_shares
            .chunks_exact(SL)
            .any(|s| C::Group::deserialize_scalar(s).is_none())
    }

    fn ephemeral_key(params: &SessionParams<C>, _sender: usize, message: &[u8]) -> Option<Element<C>> {
        let fields = split_pmsg1(params, message)?;
        C::Group::deserialize_element(fields.pubnonce).ok()
    }

    fn ecdh_bases(params: &SessionParams<C>, sender: usize, message: &[u8]) -> Option<Vec<Element<C>>> {
        Some(alloc::vec![Self::ephemeral_key(params, sender, message)?])
    }

    fn share_valid(
        params: &SessionParams<C>,
        _sender: usize,
        recipient: usize,
        message: &[u8],
        ecdh: &[Element<C>],
    ) -> bool {
        let (Some(fields), [shared], Some(recipient_key)) =
            (split_pmsg1(params, message), ecdh, params.hostpubkeys().get(recipient))
        else {
            return false;
        };
        let Some(com) = decode_commitment::<C>(fields.com) else {
            return false;
        };
        let Some(enc_share) = fields
            .enc_shares
            .chunks_exact(SL)
            .nth(recipient)
            .and_then(C::Group::deserialize_scalar)
        else {
            return false;
        };
        let mut context = be32(recipient).to_vec();
        context.extend_from_slice(&params.encode());
        let pad = pad_from_shared::<C>(shared, &recipient_key.bytes, fields.pubnonce, &context, false);
        let share = enc_share - pad;
        // The sender's commitment evaluated at the recipient's identifier.
        let x = C::Group::scalar_from_u64(recipient as u64 + 1);
        let mut powers = Vec::with_capacity(com.len());
        let mut power = C::Group::one();
        for _ in &com {
            powers.push(power);
            power = power * x;
        }
        C::Group::base_mul(&share) == C::Group::vartime_multiscalar_mul(&powers, &com)
    }
}

/// Step 1's seed and secret nonce.
type Step1Secrets<C> = (Zeroizing<[u8; 32]>, Zeroizing<Scalar<C>>);

/// The seed and the secret nonce (the ephemeral key's secret) of
/// `participant_step1`, derived as the BIP's `encpedpop` step derives them.
fn step1_secrets<C: ChillDkgCiphersuite>(
    hostseckey: &HostSecretKey<C>,
    params: &SessionParams<C>,
    random: &[u8; 32],
) -> Option<Step1Secrets<C>> {
    let seckey_bytes = hostseckey.to_bytes();
    let seed = Zeroizing::new(<P<C> as Profile>::hash(
        "encpedpop seed",
        &[&seckey_bytes, random, &params.encode()],
    ));
    let secnonce_bytes = Zeroizing::new(<P<C> as Profile>::hash("encpedpop secnonce", &[&seed[..]]));
    let secnonce =
        C::Group::deserialize_scalar(&secnonce_bytes[..]).filter(|s| !crate::ciphersuite::is_zero::<C>(s))?;
    Some((seed, Zeroizing::new(secnonce)))
}

/// Participant step 1 with the blame attachment: the same state and
/// message as [`participant_step1`](super::participant_step1) (the standard
/// bytes), plus the [`Attachment`] (128 bytes) to send beside the message.
/// The attachment is a host-key signature over the whole message and a proof
/// of possession of the message's ephemeral key; it is derived from the same
/// `random`, so it needs no randomness of its own.
///
/// Send both to the coordinator. Verifiable blame works only if every
/// participant sends an attachment.
#[allow(clippy::type_complexity)]
pub fn participant_step1_with_attachment<C: ChillDkgCiphersuite>(
    hostseckey: &HostSecretKey<C>,
    params: &SessionParams<C>,
    random: &[u8],
) -> Result<(ParticipantState1<C>, Vec<u8>, Vec<u8>), Error<C>> {
    let (state, pmsg1) = super::participant_step1(hostseckey, params, random)?;
    let random = fixed32::<C>(random)?;
    let (seed, secnonce) = step1_secrets(hostseckey, params, &random).ok_or(Error::UnknownFault)?;
    let aux = Zeroizing::new(tagged_hash(&[BLAME_TAG, "attachment aux"], &[&seed[..]]));
    let session = <P<C> as BlameProfile>::session_hash(params);
    let attachment = Attachment::<P<C>>::create(hostseckey, &secnonce, state.index, &session, &[&pmsg1], &aux)
        .ok_or(Error::UnknownFault)?;
    Ok((state, pmsg1, attachment.to_bytes()))
}

/// The attachment at `sender`, decoded and checked against its message:
/// exactly one signature, which verifies, over this message.
fn checked_attachment<C: ChillDkgCiphersuite>(
    params: &SessionParams<C>,
    sender: usize,
    pmsg1: &[u8],
    attachment: &[u8],
) -> Option<Attachment<P<C>>> {
    let attachment = Attachment::<P<C>>::from_bytes(attachment).ok()?;
    (attachment.signature_count() == 1 && attachment.signature_verifies(params, sender, 0, pmsg1)).then_some(attachment)
}

fn check_counts<C: Ciphersuite>(n: usize, got: usize) -> Result<(), Error<C>> {
    if got != n {
        return Err(Error::IncorrectNumberOfMessages { expected: n, got });
    }
    Ok(())
}

/// The coordinator's check of the attachments (in session order) against
/// the step-1 messages it received: each must hold one host-key signature
/// over its sender's message and a valid proof of possession of that
/// message's ephemeral key. Names the first sender whose attachment fails
/// ([`Error::FaultyParticipant`]: the coordinator received it directly).
/// Run it before forwarding, so that a participant's investigation can rely
/// on every attachment.
pub fn coordinator_check_attachments<C: ChillDkgCiphersuite, B: AsRef<[u8]>, A: AsRef<[u8]>>(
    pmsgs1: &[B],
    attachments: &[A],
    params: &SessionParams<C>,
) -> Result<(), Error<C>> {
    let n = params.count();
    check_counts::<C>(n, pmsgs1.len())?;
    check_counts::<C>(n, attachments.len())?;
    for (i, (pmsg1, attachment)) in pmsgs1.iter().zip(attachments).enumerate() {
        let culprit = identifier_at(i);
        let pmsg1 = pmsg1.as_ref();
        let fault = Error::FaultyParticipant { culprit };
        let attachment = checked_attachment(params, i, pmsg1, attachment.as_ref()).ok_or(fault.clone())?;
        let ephemeral = <P<C> as BlameProfile>::ephemeral_key(params, i, pmsg1).ok_or(fault.clone())?;
        if !attachment.pop_verifies(params, i, &ephemeral) {
            return Err(fault);
        }
    }
    Ok(())
}

/// A participant's investigation with the step-1 messages and attachments
/// as the senders signed them (forwarded by the coordinator), after
/// `participant_step2` failed: the [`Accusation`] against the first sender
/// whose signed message is invalid or whose share to this participant is
/// bad, to be published for anyone to adjudicate with
/// [`Accusation::verify`].
///
/// `cmsg1` is the coordinator message this participant received. Before
/// revealing anything it checks every attachment's signature and the
/// sender's proof of possession of its ephemeral key: a sender whose proof
/// fails is accused on its signed message alone, without an ECDH value.
///
/// Errors, when nobody can be accused verifiably:
/// [`Error::FaultyParticipantOrCoordinator`] when an attachment is missing
/// or does not verify (the sender or the coordinator altered it);
/// [`Error::FaultyCoordinator`] when the coordinator altered this
/// participant's own message, or when every signed message is fine but
/// `cmsg1` is not what they sum to; [`Error::UnknownFault`] when everything
/// is consistent (there was no fault); [`Error::HostKeyNotInSession`] and
/// [`Error::IncorrectNumberOfMessages`] for the caller's input.
pub fn participant_blame<C: ChillDkgCiphersuite, B: AsRef<[u8]>, A: AsRef<[u8]>>(
    hostseckey: &HostSecretKey<C>,
    params: &SessionParams<C>,
    cmsg1: &[u8],
    pmsgs1: &[B],
    attachments: &[A],
) -> Result<Accusation<P<C>>, Error<C>> {
    let index = params
        .position(&hostseckey.public_key())
        .ok_or(Error::HostKeyNotInSession)?;
    let n = params.count();
    check_counts::<C>(n, pmsgs1.len())?;
    check_counts::<C>(n, attachments.len())?;
    let mut checked = Vec::with_capacity(n);
    for (i, (pmsg1, attachment)) in pmsgs1.iter().zip(attachments).enumerate() {
        match checked_attachment(params, i, pmsg1.as_ref(), attachment.as_ref()) {
            Some(a) => checked.push(a),
            // We signed our own message: if it fails, it was altered.
            None if i == index => return Err(Error::FaultyCoordinator),
            None => {
                return Err(Error::FaultyParticipantOrCoordinator {
                    culprit: identifier_at(i),
                });
            }
        }
    }
    for (i, (pmsg1, attachment)) in pmsgs1.iter().zip(&checked).enumerate() {
        if i == index {
            continue;
        }
        let pmsg1 = pmsg1.as_ref();
        let accuse =
            |reveal: bool| Accusation::<P<C>>::create(hostseckey, params, index, i, pmsg1, attachment, 0, reveal);
        if <P<C> as BlameProfile>::message_fault(params, i, index, pmsg1) {
            return accuse(false);
        }
        let ephemeral = <P<C> as BlameProfile>::ephemeral_key(params, i, pmsg1).ok_or(Error::UnknownFault)?;
        // Reveal d_j * E_i only for a key the sender proved it holds.
        if !attachment.pop_verifies(params, i, &ephemeral) {
            return accuse(false);
        }
        let shared = ephemeral * hostseckey.scalar;
        if !<P<C> as BlameProfile>::share_valid(params, i, index, pmsg1, &[shared]) {
            return accuse(true);
        }
    }
    match engine::coordinator_step1::<P<C>, B>(pmsgs1, params) {
        Ok((_, expected)) if expected == cmsg1 => Err(Error::UnknownFault),
        _ => Err(Error::FaultyCoordinator),
    }
}
