//! COCKTAIL-DKG's verifiable blame (our extension; the spec has none): the
//! attachment beside `msg1`, the coordinator's check and per-recipient
//! projection of the attachments, and the participant's investigation that
//! ends in an [`Accusation`] or names the coordinator.
//!
//! The spec notes that a participant whose share does not decrypt, or does
//! not match its sender's commitment, can say so but cannot show it: the
//! ciphertexts are outside the signed transcript, and the AEAD key rests on
//! two ECDH secrets only the sender and the recipient know. Here:
//!
//! - **The attachment.** Beside `msg1`, sender `i` sends a proof of
//!   possession of its ephemeral key `E_i` (a Schnorr signature under `e_i`)
//!   and one host-key signature per recipient `j`, over the *slice* `j`
//!   receives: `j`, `C_i`, `PoP_i`, `E_i` and the ciphertext `c_ij`, bound to
//!   the session (the context, `n`, `t`, every host key) and to `i`
//!   ([`participant_step1_with_attachment`]).
//! - **The coordinator** checks every signature and proof
//!   ([`coordinator_check_attachments`], naming a bad sender) and gives
//!   recipient `j` only its own signature from each sender, with the proofs
//!   ([`coordinator_attachment_projection`]), as a message of its own: the
//!   spec's `msg2` bytes never change.
//! - **The investigation** ([`participant_blame`]) runs after
//!   [`participant_step2`](super::participant_step2) failed. A signature that
//!   does not verify over the slice `j` received is the coordinator's doing
//!   (an honest coordinator checked every signature before forwarding):
//!   [`Error::FaultyCoordinator`], so a ciphertext the coordinator altered
//!   never becomes blame on its sender. Otherwise the first sender whose
//!   signed slice is invalid in public, whose ephemeral-key proof fails, or
//!   whose share does not open to a value matching its commitment is
//!   accused. For a bad share the accusation reveals `d_j * E_i` and
//!   `d_j * P_i` (the two ECDH secrets of the AEAD key) under one DLEQ proof
//!   with bases `[G, E_i, P_i]`, after checking the proof of possession of
//!   `E_i`.
//! - **Adjudication** is [`Accusation::verify`] with the [`SessionContext`]
//!   alone: the sender's signed ciphertext is what the verifier opens, so an
//!   altered ciphertext under the sender's signature convicts the accuser.
//!
//! What an accusation reveals: `d_j * E_i` opens only this session's
//! ciphertext from `i` to `j`, but `d_j * P_i` is the static-static secret
//! between `i` and `j`, the same in every session. Once published, later
//! sessions between them rest on the ephemeral-static secret alone. An
//! accuser should rotate its host key after publishing an accusation with
//! revealed values.
//!
//! Verifiable blame holds only when every participant sent an attachment.
//!
//! Signatures are COCKTAIL's deterministic Schnorr signatures (an element and
//! a scalar in COCKTAIL's encoding: 113 bytes for Ed448), over messages that
//! start with the 33-byte `FROST-BLAME/...` prefix, which no COCKTAIL
//! transcript starts with. The DLEQ proof's nonce and challenge come from
//! the suite's wide `HashToScalar`, under a `FROST-BLAME/COCKTAIL/` domain.

use alloc::vec::Vec;
use core::marker::PhantomData;

use rand_core::CryptoRng;
use zeroize::Zeroizing;

use super::{
    Block, Cocktail, CocktailCiphersuite, ParticipantState1, Reader, SessionContext, Step1Input, el_len, key_and_nonce,
    pop_verifies, push_framed, random_nonzero_scalar, read_block, schnorr_sign, schnorr_verify, schnorr_verify_batch,
    sig_len,
};
use crate::ciphersuite::element_bytes;
use crate::keys::commitment::{CoefficientCommitment, evaluate_commitment};
use crate::keys::dkg::batch_weights;
use crate::keys::standalone::blame::{BLAME_TAG, attachment_message};
use crate::keys::standalone::engine;
use crate::keys::standalone::{BlameProfile, HostSecretKey, SessionParams, SignedItem, identifier_at, sealed};
use crate::{Ciphersuite, Element, Error, Group, Scalar};
use sha2::{Digest, Sha256};

/// COCKTAIL's blame attachment (see [`crate::keys::standalone::Attachment`]):
/// a proof of possession of the ephemeral key and `n` signatures, one per
/// recipient, sent beside `msg1`.
pub type Attachment<C> = crate::keys::standalone::Attachment<CocktailBlame<C>>;

/// A COCKTAIL accusation (see [`crate::keys::standalone::Accusation`]).
pub type Accusation<C> = crate::keys::standalone::Accusation<CocktailBlame<C>>;

/// The COCKTAIL profile of verifiable blame.
#[doc(hidden)]
pub struct CocktailBlame<C>(PhantomData<C>);

impl<C> sealed::Sealed for CocktailBlame<C> {}

fn be32(i: usize) -> [u8; 4] {
    (i as u32).to_be_bytes()
}

/// `be64(len) || FROST-BLAME/COCKTAIL/<tag>`: our domain, length-prefixed so
/// that no tag is a prefix of another's input.
fn domain(tag: &str) -> Vec<u8> {
    let mut d = Vec::with_capacity(BLAME_TAG.len() + 9 + tag.len() + 8);
    let len = BLAME_TAG.len() + "COCKTAIL/".len() + tag.len();
    d.extend_from_slice(&(len as u64).to_be_bytes());
    d.extend_from_slice(BLAME_TAG.as_bytes());
    d.extend_from_slice(b"COCKTAIL/");
    d.extend_from_slice(tag.as_bytes());
    d
}

/// The first 32 bytes of the suite's hash `H` (32 or 64 bytes) over the
/// domain of `tag` and `parts`.
fn hash32<C: CocktailCiphersuite>(tag: &str, parts: &[&[u8]]) -> [u8; 32] {
    let d = domain(tag);
    let mut all: Vec<&[u8]> = Vec::with_capacity(parts.len() + 1);
    all.push(&d);
    all.extend_from_slice(parts);
    let h = C::hash(&all);
    let mut out = [0u8; 32];
    out.copy_from_slice(&h[..32]);
    out
}

/// A signed slice, cut into its fields: the recipient's position and the
/// sender's block with the one ciphertext addressed to it.
struct Slice<'a, C: Ciphersuite> {
    recipient: usize,
    block: Block<'a, C>,
}

/// `be32(recipient) || C_i || PoP_i || E_i || be64(len) || c_ij`, strictly:
/// `None` for anything [`participant_step2`](super::participant_step2) could
/// not parse, and for trailing bytes.
fn parse_slice<'a, C: CocktailCiphersuite>(params: &SessionParams<C>, message: &'a [u8]) -> Option<Slice<'a, C>> {
    let mut r = Reader { bytes: message };
    let pos = r.take(4).ok()?;
    let recipient = u32::from_be_bytes(pos.try_into().ok()?) as usize;
    let block = read_block::<C>(&mut r, params.t as usize, 1).ok()?;
    r.bytes.is_empty().then_some(Slice { recipient, block })
}

/// The slice the sender signs for `recipient`: its position, then the
/// sender's part of `msg2` as the recipient receives it (the block and the
/// framed ciphertext).
fn slice_bytes(recipient: usize, block: &[u8], framed: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(4 + block.len() + framed.len());
    out.extend_from_slice(&be32(recipient));
    out.extend_from_slice(block);
    out.extend_from_slice(framed);
    out
}

/// Every recipient's slice of one sender's `msg1`, in session order:
/// [`slice_bytes`] with each ciphertext framed as `msg2` frames it.
fn recipient_slices<T: AsRef<[u8]>>(block: &[u8], ciphertexts: &[T]) -> Vec<Vec<u8>> {
    ciphertexts
        .iter()
        .enumerate()
        .map(|(j, ct)| {
            let mut framed = Vec::with_capacity(8 + ct.as_ref().len());
            push_framed(&mut framed, ct.as_ref());
            slice_bytes(j, block, &framed)
        })
        .collect()
}

impl<C: CocktailCiphersuite> BlameProfile for CocktailBlame<C> {
    type C = C;
    type Session = SessionContext<C>;
    const SIGNATURE_LEN: usize = C::Group::ELEMENT_LEN + C::COCKTAIL_SCALAR_LEN;

    fn params(session: &SessionContext<C>) -> &SessionParams<C> {
        &session.params
    }

    /// The suite id, the context and the parameters, hashed with `H`.
    fn session_hash(session: &SessionContext<C>) -> [u8; 32] {
        let id = C::COCKTAIL_ID.as_bytes();
        hash32::<C>(
            "session",
            &[
                &(id.len() as u64).to_be_bytes(),
                id,
                &(session.context.len() as u64).to_be_bytes(),
                &session.context,
                &session.params.encode(),
            ],
        )
    }

    /// The suite's `HashToScalar` (wide: 64 bytes reduced for the SHA-512
    /// suites and P-256, 114 for Ed448; secp256k1's order is within 2^-127 of
    /// 2^256) under our domain.
    fn hash_to_scalar(tag: &str, parts: &[&[u8]]) -> Scalar<C> {
        let d = domain(tag);
        let mut all: Vec<&[u8]> = Vec::with_capacity(parts.len() + 1);
        all.push(&d);
        all.extend_from_slice(parts);
        C::hash_to_scalar(&all)
    }

    fn aux_hash(tag: &str, parts: &[&[u8]]) -> [u8; 32] {
        hash32::<C>(tag, parts)
    }

    /// COCKTAIL's Schnorr signature, whose nonce is hashed from the key and
    /// the message: `aux` is not needed.
    fn sign(msg: &[u8], secret: &Scalar<C>, _aux: &[u8; 32]) -> Option<Vec<u8>> {
        schnorr_sign::<C>(secret, &[msg])
    }

    fn verify(msg: &[u8], public: &Element<C>, sig: &[u8]) -> bool {
        *public != C::Group::identity() && schnorr_verify::<C>(public, &element_bytes::<C>(public), &[msg], sig)
    }

    /// What [`participant_step2`](super::participant_step2) would refuse in
    /// the slice before decrypting: a wrong format, an invalid commitment
    /// point, ephemeral key or ciphertext frame, or the spec's proof of
    /// possession of the constant term failing.
    fn message_fault(session: &SessionContext<C>, _sender: usize, _recipient: usize, message: &[u8]) -> bool {
        match parse_slice::<C>(&session.params, message) {
            Some(slice) => !pop_verifies::<C>(&session.context, &slice.block),
            None => true,
        }
    }

    fn ephemeral_key(session: &SessionContext<C>, _sender: usize, message: &[u8]) -> Option<Element<C>> {
        parse_slice::<C>(&session.params, message).map(|s| s.block.ephemeral)
    }

    fn ecdh_bases(session: &SessionContext<C>, sender: usize, message: &[u8]) -> Option<Vec<Element<C>>> {
        let sender_key = session.params.hostpubkeys.get(sender)?;
        Some(alloc::vec![
            Self::ephemeral_key(session, sender, message)?,
            sender_key.element
        ])
    }

    /// Opens the ciphertext with `d_j * E_i` and `d_j * P_i` as the recipient
    /// does, and checks the share against the sender's commitment. A slice
    /// addressed to someone other than `recipient` holds nothing against
    /// the sender: it counts as valid.
    fn share_valid(
        session: &SessionContext<C>,
        sender: usize,
        recipient: usize,
        message: &[u8],
        ecdh: &[Element<C>],
    ) -> bool {
        let params = &session.params;
        let (Some(slice), [ephemeral_secret, static_secret], Some(sender_key), Some(recipient_key)) = (
            parse_slice::<C>(params, message),
            ecdh,
            params.hostpubkeys.get(sender),
            params.hostpubkeys.get(recipient),
        ) else {
            return false;
        };
        if slice.recipient != recipient {
            return true;
        }
        let mut x = Zeroizing::new(element_bytes::<C>(ephemeral_secret));
        x.extend_from_slice(&element_bytes::<C>(static_secret));
        let kn = key_and_nonce::<C>(
            &x,
            slice.block.ephemeral_bytes,
            &sender_key.bytes,
            &recipient_key.bytes,
            &session.context,
        );
        let Some(ct) = slice.block.ciphertexts.first() else {
            return false;
        };
        let Some(plaintext) = C::aead_decrypt(&kn.0, &kn.1, ct) else {
            return false;
        };
        let Some(share) = plaintext
            .get(..C::COCKTAIL_SCALAR_LEN)
            .and_then(C::cocktail_scalar_from_bytes)
        else {
            return false;
        };
        let com: Vec<CoefficientCommitment<C>> =
            slice.block.com.iter().map(|e| CoefficientCommitment::new(*e)).collect();
        C::Group::base_mul(&share) == evaluate_commitment::<C>(&com, identifier_at(recipient))
    }
}

// ---------------------------------------------------------------------------
// Step 1 with the attachment
// ---------------------------------------------------------------------------

/// Participant step 1 with the blame attachment: the same state and message
/// as [`participant_step1`](super::participant_step1) (the spec's bytes),
/// plus the [`Attachment`] to send beside the message: a proof of
/// possession of the message's ephemeral key `E_i` and one host-key
/// signature per recipient `j` over the slice `j` will receive (`j`, `C_i`,
/// `PoP_i`, `E_i`, `c_ij`), in session order. Its size is `(n + 1)`
/// signatures ([`BlameProfile::SIGNATURE_LEN`]). It needs no randomness of
/// its own: COCKTAIL's signatures are deterministic.
///
/// Send both to the coordinator. Verifiable blame works only if every
/// participant sends an attachment.
pub fn participant_step1_with_attachment<C: CocktailCiphersuite, B: AsRef<[u8]>, R: CryptoRng + ?Sized>(
    hostseckey: &HostSecretKey<C>,
    session: &SessionContext<C>,
    payloads: &[B],
    rng: &mut R,
) -> Result<(ParticipantState1<C>, Vec<u8>, Vec<u8>), Error<C>> {
    let mut draw = || random_nonzero_scalar::<C, R>(rng);
    let input = Step1Input {
        payloads: payloads.iter().map(AsRef::as_ref).collect(),
        draw: &mut draw,
    };
    let (state, msg1, secrets) = engine::participant_step1_with_secrets::<Cocktail<C>>(hostseckey, session, input)?;
    let e = &secrets.ephemeral;
    let (t, n) = (session.params.t as usize, session.params.count());
    let mut r = Reader { bytes: &msg1 };
    let block = read_block::<C>(&mut r, t, n).map_err(|_| Error::UnknownFault)?;
    let block_bytes = &msg1[..block_len::<C>(t)];
    let slices = recipient_slices(block_bytes, &block.ciphertexts);
    let slices: Vec<&[u8]> = slices.iter().map(Vec::as_slice).collect();
    let hash = CocktailBlame::<C>::session_hash(session);
    let aux = [0u8; 32];
    let attachment =
        Attachment::<C>::create(hostseckey, e, state.index, &hash, &slices, &aux).ok_or(Error::UnknownFault)?;
    Ok((state, msg1, attachment.to_bytes()))
}

/// `C_i || PoP_i || E_i`: the length of a block before its ciphertexts.
fn block_len<C: CocktailCiphersuite>(t: usize) -> usize {
    t * el_len::<C>() + sig_len::<C>() + el_len::<C>()
}

// ---------------------------------------------------------------------------
// Coordinator
// ---------------------------------------------------------------------------

fn check_count<C: Ciphersuite>(n: usize, got: usize) -> Result<(), Error<C>> {
    if got != n {
        return Err(Error::IncorrectNumberOfMessages { expected: n, got });
    }
    Ok(())
}

/// The coordinator's check of the attachments (in session order) against
/// the `msg1`s it received: each must decode with exactly `n` signatures,
/// signature `j` must verify over the slice the coordinator will forward to
/// recipient `j`, and the proof of possession must verify under the
/// message's ephemeral key. Names the first sender whose message or
/// attachment fails ([`Error::FaultyParticipant`]: the coordinator received
/// both directly). Run it before forwarding anything: a participant's
/// investigation counts a signature that fails on what it received as the
/// coordinator's fault.
pub fn coordinator_check_attachments<C: CocktailCiphersuite, B: AsRef<[u8]>, A: AsRef<[u8]>>(
    msgs1: &[B],
    attachments: &[A],
    session: &SessionContext<C>,
) -> Result<(), Error<C>> {
    let (t, n) = (session.params.t as usize, session.params.count());
    check_count::<C>(n, msgs1.len())?;
    check_count::<C>(n, attachments.len())?;
    let hash = CocktailBlame::<C>::session_hash(session);
    for (i, (msg1, attachment)) in msgs1.iter().zip(attachments).enumerate() {
        let fault = Error::FaultyParticipant {
            culprit: identifier_at(i),
        };
        let msg1 = msg1.as_ref();
        let mut r = Reader { bytes: msg1 };
        let block = read_block::<C>(&mut r, t, n).map_err(|_| fault.clone())?;
        if !r.bytes.is_empty() {
            return Err(fault);
        }
        let attachment = Attachment::<C>::from_bytes(attachment.as_ref()).map_err(|_| fault.clone())?;
        if attachment.signature_count() != n || !attachment.pop_verifies(session, i, &block.ephemeral) {
            return Err(fault);
        }
        // The n signatures are all sender i's: one batch decides, and a
        // failed batch names i as the one-by-one check would. The weights
        // hash everything the sender sent (signatures included), so it
        // cannot choose invalid signatures that cancel out.
        let block_bytes = &msg1[..block_len::<C>(t)];
        let key = &session.params.hostpubkeys[i];
        let messages: Vec<Vec<u8>> = recipient_slices(block_bytes, &block.ciphertexts)
            .iter()
            .map(|slice| attachment_message(i, &hash, &attachment.ephemeral_pop, slice))
            .collect();
        let parts: Vec<[&[u8]; 1]> = messages.iter().map(|m| [&m[..]]).collect();
        let items: Vec<SignedItem<'_, C>> = parts
            .iter()
            .zip(&attachment.signatures)
            .map(|(message, signature)| SignedItem {
                message,
                public: &key.element,
                signature,
                public_bytes: Some(&key.bytes),
            })
            .collect();
        let fingerprint: [u8; 32] = Sha256::new()
            .chain_update(BLAME_TAG.as_bytes())
            .chain_update(b"COCKTAIL attachment batch")
            .chain_update(hash)
            .chain_update((i as u32).to_be_bytes())
            .chain_update(msg1)
            .chain_update(attachment.to_bytes())
            .finalize()
            .into();
        let weights = batch_weights::<C>(&C::Group::zero(), &fingerprint, items.len());
        if key.element == C::Group::identity() || !schnorr_verify_batch::<C>(&items, &weights) {
            return Err(fault);
        }
    }
    Ok(())
}

/// The attachment message for the participant at 0-based position
/// `recipient`: from every sender, in session order, its proof of
/// possession and its signature over `recipient`'s slice (two signatures per
/// sender, each [`BlameProfile::SIGNATURE_LEN`] bytes). Send it to
/// `recipient` beside its `msg2`
/// ([`coordinator_projection`](super::coordinator_projection)). `None` if
/// `recipient` is not below `n`, if there are not `n` attachments, or if an
/// attachment does not have `n + 1` signatures' length (one that
/// [`coordinator_check_attachments`] refuses).
pub fn coordinator_attachment_projection<C: CocktailCiphersuite, A: AsRef<[u8]>>(
    attachments: &[A],
    session: &SessionContext<C>,
    recipient: usize,
) -> Option<Vec<u8>> {
    let n = session.params.count();
    let sig = CocktailBlame::<C>::SIGNATURE_LEN;
    if recipient >= n || attachments.len() != n {
        return None;
    }
    let mut out = Vec::with_capacity(2 * n * sig);
    for attachment in attachments {
        let a = attachment.as_ref();
        if a.len() != (n + 1) * sig {
            return None;
        }
        out.extend_from_slice(&a[..sig]);
        out.extend_from_slice(&a[(recipient + 1) * sig..(recipient + 2) * sig]);
    }
    Some(out)
}

// ---------------------------------------------------------------------------
// Participant
// ---------------------------------------------------------------------------

/// A participant's investigation after
/// [`participant_step2`](super::participant_step2) failed, with the `msg2`
/// it received and the attachment message the coordinator sent beside it
/// ([`coordinator_attachment_projection`]): the [`Accusation`] against the
/// first sender whose signed slice is invalid in public, whose proof of
/// possession of its ephemeral key fails, or whose share to this
/// participant does not decrypt or does not match its commitment. Publish
/// it for anyone to adjudicate with [`Accusation::verify`].
///
/// Every sender's signature is checked over the slice as received before
/// anything is revealed; the ECDH values `d_j * E_i` and `d_j * P_i` are
/// revealed only for an ephemeral key whose proof of possession verifies (a
/// sender whose proof fails is accused on its signed slice alone).
/// `d_j * P_i` is the static-static secret between the sender and this
/// participant, the same in every session: after publishing an accusation
/// that reveals it, rotate the host key.
///
/// Errors, when nobody can be accused verifiably:
/// [`Error::FaultyCoordinator`] when the attachment message or `msg2` is
/// malformed, or a signature does not verify over the slice received (the
/// coordinator altered the slice or the signature, or forwarded an
/// attachment it did not check); [`Error::UnknownFault`] when every signed
/// slice is fine; [`Error::HostKeyNotInSession`] for the caller's key.
pub fn participant_blame<C: CocktailCiphersuite>(
    hostseckey: &HostSecretKey<C>,
    session: &SessionContext<C>,
    msg2: &[u8],
    attachments: &[u8],
) -> Result<Accusation<C>, Error<C>> {
    let params = &session.params;
    let index = params
        .position(&hostseckey.public_key())
        .ok_or(Error::HostKeyNotInSession)?;
    let (t, n) = (params.t as usize, params.count());
    let sig = CocktailBlame::<C>::SIGNATURE_LEN;
    if attachments.len() != 2 * n * sig {
        return Err(Error::FaultyCoordinator);
    }
    // The senders' parts of msg2, each with its signature.
    let mut slices = Vec::with_capacity(n);
    let mut r = Reader { bytes: msg2 };
    for (i, chunk) in attachments.chunks_exact(2 * sig).enumerate() {
        let before = r.bytes;
        read_block::<C>(&mut r, t, 1).map_err(|_| Error::FaultyCoordinator)?;
        let part = &before[..before.len() - r.bytes.len()];
        let slice = slice_bytes(index, &part[..block_len::<C>(t)], &part[block_len::<C>(t)..]);
        let attachment = Attachment::<C>::from_bytes(chunk).map_err(|_| Error::FaultyCoordinator)?;
        if !attachment.signature_verifies(session, i, 0, &slice) {
            return Err(Error::FaultyCoordinator);
        }
        slices.push((slice, attachment));
    }
    if !r.bytes.is_empty() {
        return Err(Error::FaultyCoordinator);
    }
    for (i, (slice, attachment)) in slices.iter().enumerate() {
        if i == index {
            continue;
        }
        let accuse =
            |reveal: bool| Accusation::<C>::create(hostseckey, session, index, i, slice, attachment, 0, reveal);
        if CocktailBlame::<C>::message_fault(session, i, index, slice) {
            return accuse(false);
        }
        let ephemeral = CocktailBlame::<C>::ephemeral_key(session, i, slice).ok_or(Error::UnknownFault)?;
        // Reveal d_j * E_i only for a key the sender proved it holds.
        if !attachment.pop_verifies(session, i, &ephemeral) {
            return accuse(false);
        }
        let ecdh = [
            ephemeral * hostseckey.scalar,
            params.hostpubkeys[i].element * hostseckey.scalar,
        ];
        let valid = CocktailBlame::<C>::share_valid(session, i, index, slice, &ecdh);
        if !valid {
            return accuse(true);
        }
    }
    Err(Error::UnknownFault)
}

/// The verifiable-blame part of a suite crate's `keys::cocktail` module.
/// Hidden; used by [`__suite_cocktail_api`](crate::__suite_cocktail_api).
#[doc(hidden)]
#[macro_export]
macro_rules! __suite_cocktail_blame_api {
    ($suite:ty) => {
        pub use $crate::keys::cocktail::{
            Rejection, coordinator_attachment_projection, coordinator_check_attachments, participant_blame,
            participant_step1_with_attachment,
        };

        /// A blame attachment (see [`frost_core::keys::standalone::Attachment`]).
        pub type Attachment = $crate::keys::cocktail::Attachment<$suite>;
        /// An accusation (see [`frost_core::keys::standalone::Accusation`]).
        pub type Accusation = $crate::keys::cocktail::Accusation<$suite>;
        /// The verdict on an accusation (see [`frost_core::keys::standalone::Verdict`]).
        pub type Verdict = $crate::keys::standalone::Verdict<$suite>;
        /// A DLEQ proof (see [`frost_core::keys::standalone::DleqProof`]).
        pub type DleqProof = $crate::keys::standalone::DleqProof<$suite>;
    };
}
