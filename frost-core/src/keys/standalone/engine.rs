//! The one state machine of the standalone DKGs (SimplPedPop inside
//! EncPedPop inside the certifying equality check), parameterised by a
//! [`Profile`].
//!
//! Each step checks what it received in the order the BIP does, so that the
//! first fault found (and so the blame) is the same as in the reference.

// The steps return the BIP's tuples (state, message), (message, output,
// recovery data); naming each tuple would hide that correspondence.
#![allow(clippy::type_complexity)]

use alloc::vec::Vec;

use zeroize::{Zeroize, Zeroizing};

use super::{
    Cursor, DkgOutput, HostPublicKey, HostSecretKey, Investigation, Profile, RecoveryData, SessionParams, SignedItem,
    Step2Failure, check_len, identifier_at,
};
use crate::ciphersuite::{element_bytes, is_zero, scalar_bytes};
use crate::keys::SigningShare;
use crate::keys::commitment::{CoefficientCommitment, evaluate_commitment_at_all};
use crate::keys::dkg::batch_weights;
use crate::{Ciphersuite, Element, Error, Group, Identifier, Scalar};

/// Encoded sizes: a scalar, an element, a signature.
const SL: usize = 32;
const EL: usize = 33;
const SIG: usize = 64;

/// Domain separation of the BIP's hashes and signatures.
pub(crate) const TAG_PREFIX: &str = "BIP DKG/";

type Sc<P> = Scalar<<P as Profile>::C>;
type El<P> = Element<<P as Profile>::C>;
type Err<P> = Error<<P as Profile>::C>;

/// Decodes an element where the encoding of the identity (all zeros) is
/// allowed: commitments may be the identity, so that no participant can make
/// the sum of valid commitments undecodable.
pub(crate) fn element_with_identity<C: Ciphersuite>(bytes: &[u8]) -> Option<Element<C>> {
    if bytes.iter().all(|b| *b == 0) {
        Some(C::Group::identity())
    } else {
        C::Group::deserialize_element(bytes).ok()
    }
}

fn be32(i: usize) -> [u8; 4] {
    (i as u32).to_be_bytes()
}

fn read_elements<C: Ciphersuite>(r: &mut Cursor<'_>, count: usize) -> Option<Vec<Element<C>>> {
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        out.push(element_with_identity::<C>(r.take::<C>(EL).ok()?)?);
    }
    Some(out)
}

fn read_scalars<C: Ciphersuite>(r: &mut Cursor<'_>, count: usize) -> Option<Vec<Scalar<C>>> {
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        out.push(C::Group::deserialize_scalar(r.take::<C>(SL).ok()?)?);
    }
    Some(out)
}

fn sum_scalars<C: Ciphersuite>(scalars: &[Scalar<C>]) -> Scalar<C> {
    scalars.iter().fold(C::Group::zero(), |acc, s| acc + *s)
}

fn sum_elements<C: Ciphersuite>(elements: &[Element<C>]) -> Element<C> {
    elements.iter().fold(C::Group::identity(), |acc, e| acc + *e)
}

fn push_elements<C: Ciphersuite>(out: &mut Vec<u8>, elements: &[Element<C>]) {
    let start = out.len();
    out.resize(start + elements.len() * EL, 0);
    C::Group::serialize_elements(elements, &mut out[start..]);
}

fn push_scalars<C: Ciphersuite>(out: &mut Vec<u8>, scalars: &[Scalar<C>]) {
    for s in scalars {
        out.extend_from_slice(&scalar_bytes::<C>(s));
    }
}

/// A 32-byte input (randomness), refused with a length error otherwise.
pub(crate) fn fixed32<C: Ciphersuite>(bytes: &[u8]) -> Result<[u8; 32], Error<C>> {
    check_len::<C>(bytes, 32)?;
    let mut out = [0u8; 32];
    out.copy_from_slice(bytes);
    Ok(out)
}

/// The message a certificate signature or an acknowledgment covers: the
/// domain-separation prefix padded to 33 bytes (BIP340's recommendation),
/// the signer's position, and the signed bytes.
fn prefixed_message(label: &str, index: usize, x: &[u8]) -> Vec<u8> {
    let mut msg = Vec::with_capacity(37 + x.len());
    msg.extend_from_slice(&message_prefix(label));
    msg.extend_from_slice(&be32(index));
    msg.extend_from_slice(x);
    msg
}

/// The domain-separation prefix of [`prefixed_message`], padded to 33 bytes.
fn message_prefix(label: &str) -> Vec<u8> {
    let mut prefix = Vec::with_capacity(33);
    prefix.extend_from_slice(TAG_PREFIX.as_bytes());
    prefix.extend_from_slice(label.as_bytes());
    prefix.resize(33, 0);
    prefix
}

// ---------------------------------------------------------------------------
// Batch verification
// ---------------------------------------------------------------------------

/// What a batch's weights are derived from besides the verifier's own
/// secret: a digest of everything the batch covers.
fn batch_fingerprint(label: &str, parts: &[&[u8]]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"FROST-STANDALONE-DKG-BATCH-v1");
    for part in core::iter::once(label.as_bytes()).chain(parts.iter().copied()) {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part);
    }
    h.finalize().into()
}

/// Whether all `items` verify, in one batch ([`Profile::verify_batch`]).
///
/// The weights are hashed from `own_secret` and a digest of everything the
/// batch covers (DECISIONS 3, as `keys::dkg` derives its weights): a
/// participant's secret makes them unpredictable to every other party, and
/// with no secret (the coordinator passes zero) they are still a hash of
/// all the signatures, so a signer that wants two bad signatures to cancel
/// must find a hash output that makes them cancel, about `2^-128` per try.
fn batch_verifies<P: Profile>(
    prefix: &str,
    items: &[SignedItem<'_, P::C>],
    own_secret: &Sc<P>,
    fingerprint: &[u8; 32],
) -> bool {
    let weights = batch_weights::<P::C>(own_secret, fingerprint, items.len());
    P::verify_batch(prefix, items, &weights)
}

/// The first participant other than `index`, in session order, whose
/// commitment to its secret is the identity or whose proof of possession
/// does not verify: the one the BIP's loop names. All proofs are checked in
/// one batch first; only a failed batch (or an identity) takes the loop.
fn first_invalid_pop<P: Profile>(
    index: usize,
    coms: &[El<P>],
    pops: &[&[u8]],
    own_secret: &Sc<P>,
    received: &[u8],
) -> Option<usize> {
    let identity = <P::C as Ciphersuite>::Group::identity();
    let positions: Vec<[u8; 4]> = (0..coms.len()).map(be32).collect();
    let messages: Vec<[&[u8]; 1]> = positions.iter().map(|p| [&p[..]]).collect();
    let others = || (0..coms.len()).filter(move |i| *i != index);
    if others().all(|i| coms[i] != identity) {
        let items: Vec<SignedItem<'_, P::C>> = others()
            .map(|i| SignedItem {
                message: &messages[i],
                public: &coms[i],
                signature: pops[i],
            })
            .collect();
        if batch_verifies::<P>(
            "pop message",
            &items,
            own_secret,
            &batch_fingerprint("pop", &[received]),
        ) {
            return None;
        }
    }
    others().find(|i| coms[*i] == identity || !P::verify("pop message", &positions[*i], &coms[*i], pops[*i]))
}

/// The first position whose signature over [`prefixed_message`]`(label, i,
/// x)` does not verify under host key `i`, checking all of them in one batch
/// first (see [`batch_verifies`]) and one by one only after a failure.
fn first_invalid_prefixed<P: Profile>(
    label: &str,
    keys: &[HostPublicKey<P::C>],
    sigs: &[&[u8]],
    x: &[u8],
    own_secret: &Sc<P>,
) -> Option<usize> {
    let prefix = message_prefix(label);
    let positions: Vec<[u8; 4]> = (0..keys.len()).map(be32).collect();
    let messages: Vec<[&[u8]; 3]> = positions.iter().map(|p| [&prefix[..], &p[..], x]).collect();
    let items: Vec<SignedItem<'_, P::C>> = keys
        .iter()
        .zip(sigs)
        .zip(&messages)
        .map(|((key, sig), message)| SignedItem {
            message,
            public: &key.element,
            signature: sig,
        })
        .collect();
    let mut covered: Vec<&[u8]> = Vec::with_capacity(sigs.len() + 1);
    covered.push(x);
    covered.extend_from_slice(sigs);
    if batch_verifies::<P>("", &items, own_secret, &batch_fingerprint(label, &covered)) {
        return None;
    }
    keys.iter()
        .zip(sigs)
        .enumerate()
        .position(|(i, (key, sig))| !P::verify("", &prefixed_message(label, i, x), &key.element, sig))
}

// ---------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------

/// `params_hash` of the BIP.
pub(crate) fn params_hash<P: Profile>(params: &SessionParams<P::C>) -> [u8; 32] {
    P::hash("params_hash", &[&params.encode()])
}

/// A participant's state between step 1 and step 2. Consumed by step 2.
pub struct ParticipantState1<C: Ciphersuite> {
    pub(crate) params: SessionParams<C>,
    pub(crate) index: usize,
    pub(crate) com_to_secret: Element<C>,
    pub(crate) pubnonce: Vec<u8>,
}

impl<C: Ciphersuite> core::fmt::Debug for ParticipantState1<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ParticipantState1")
            .field("participant", &identifier_at::<C>(self.index))
            .finish_non_exhaustive()
    }
}

/// A participant's state between step 2 and finalization. Holds the
/// participant's secret share (zeroized on drop).
pub struct ParticipantState2<C: Ciphersuite> {
    pub(crate) params: SessionParams<C>,
    pub(crate) eq_input: Vec<u8>,
    pub(crate) output: DkgOutput<C>,
}

impl<C: Ciphersuite> core::fmt::Debug for ParticipantState2<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ParticipantState2").finish_non_exhaustive()
    }
}

/// The coordinator's state between its step 1 and finalization.
pub struct CoordinatorState<C: Ciphersuite> {
    pub(crate) params: SessionParams<C>,
    pub(crate) eq_input: Vec<u8>,
    pub(crate) output: DkgOutput<C>,
}

impl<C: Ciphersuite> core::fmt::Debug for CoordinatorState<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CoordinatorState").finish_non_exhaustive()
    }
}

/// The encryption context: `t` and every host key.
fn enc_context<C: Ciphersuite>(params: &SessionParams<C>) -> Vec<u8> {
    params.encode()
}

/// `secret * G` encoded, refusing zero (BIP 327's key generation).
fn pubkey_plain<C: Ciphersuite>(secret: &Scalar<C>) -> Option<Vec<u8>> {
    if is_zero::<C>(secret) {
        return None;
    }
    Some(element_bytes::<C>(&C::Group::base_mul(secret)))
}

/// Participant step 1: commit to a polynomial derived from the host secret
/// key and `random`, prove possession of its constant term, and encrypt
/// every participant's share to that participant's host key.
pub(crate) fn participant_step1<P: Profile>(
    hostseckey: &HostSecretKey<P::C>,
    params: &SessionParams<P::C>,
    random: &[u8],
) -> Result<(ParticipantState1<P::C>, Vec<u8>), Err<P>> {
    let index = params
        .position(&hostseckey.public_key())
        .ok_or(Error::HostKeyNotInSession)?;
    let random = fixed32::<P::C>(random)?;
    if random == [0u8; 32] {
        return Err(Error::ZeroRandomness);
    }
    let t = params.t as usize;
    let n = params.count();
    let seckey_bytes = hostseckey.to_bytes();
    let context = enc_context(params);

    // Everything derives from one seed that holds all the entropy, so the
    // same pads can never encrypt different shares.
    let seed = Zeroizing::new(P::hash("encpedpop seed", &[&seckey_bytes, &random, &context]));
    let aux = Zeroizing::new(P::hash("simplpedpop aux", &[&seed[..]]));
    let secnonce_bytes = Zeroizing::new(P::hash("encpedpop secnonce", &[&seed[..]]));
    let secnonce = Zeroizing::new(
        <P::C as Ciphersuite>::Group::deserialize_scalar(&secnonce_bytes[..])
            .filter(|s| !is_zero::<P::C>(s))
            .ok_or(Error::UnknownFault)?,
    );
    let pubnonce = pubkey_plain::<P::C>(&secnonce).ok_or(Error::UnknownFault)?;

    // The VSS polynomial, its commitment and the shares f(1), ..., f(n).
    let mut coeffs: Zeroizing<Vec<Sc<P>>> = Zeroizing::new(Vec::with_capacity(t));
    for j in 0..t {
        let h = Zeroizing::new(P::hash("vss coeffs", &[&seed[..], &be32(j)]));
        // Not below the group order only with negligible probability.
        let c = <P::C as Ciphersuite>::Group::deserialize_scalar(&h[..]).ok_or(Error::UnknownFault)?;
        coeffs.push(c);
    }
    let shares: Zeroizing<Vec<Sc<P>>> = Zeroizing::new(
        (0..n)
            .map(|i| {
                let x = <P::C as Ciphersuite>::Group::scalar_from_u64(i as u64 + 1);
                coeffs
                    .iter()
                    .rev()
                    .fold(<P::C as Ciphersuite>::Group::zero(), |acc, a| acc * x + *a)
            })
            .collect(),
    );
    let com: Vec<El<P>> = coeffs.iter().map(<P::C as Ciphersuite>::Group::base_mul).collect();
    let pop = P::sign("pop message", &be32(index), &coeffs[0], &aux).ok_or(Error::UnknownFault)?;

    // Encrypt share i to host key i; the share to ourselves with a pad
    // derived from our own secret key.
    let mut enc_shares = Vec::with_capacity(n);
    for (i, key) in params.hostpubkeys.iter().enumerate() {
        let mut ctx = be32(i).to_vec();
        ctx.extend_from_slice(&context);
        let pad = if i == index {
            P::self_pad(&seckey_bytes, &pubnonce, &ctx)
        } else {
            P::ecdh_pad(&secnonce, &pubnonce, &key.bytes, &ctx, true).ok_or(Error::UnknownFault)?
        };
        enc_shares.push(shares[i] + pad);
    }

    let mut pmsg = Vec::with_capacity(pmsg1_len(t, n));
    push_elements::<P::C>(&mut pmsg, &com);
    pmsg.extend_from_slice(&pop);
    pmsg.extend_from_slice(&pubnonce);
    push_scalars::<P::C>(&mut pmsg, &enc_shares);
    debug_assert_eq!(pmsg.len(), pmsg1_len(t, n));
    let state = ParticipantState1 {
        params: params.clone(),
        index,
        com_to_secret: com[0],
        pubnonce,
    };
    Ok((state, pmsg))
}

pub(crate) fn pmsg1_len(t: usize, n: usize) -> usize {
    EL * t + SIG + EL + SL * n
}

pub(crate) fn cmsg1_len(t: usize, n: usize) -> usize {
    162 * n + EL * (t - 1)
}

/// A parsed participant message 1, as the investigation needs it (the
/// proof and the nonce are only checked for length).
struct Pmsg1<C: Ciphersuite> {
    com: Vec<Element<C>>,
    enc_shares: Vec<Scalar<C>>,
}

/// Parses the `n` first messages for the coordinator: a wrong count or
/// length is the caller's error (naming the sender), an undecodable value
/// the sender's fault.
fn parse_pmsgs1<C: Ciphersuite, B: AsRef<[u8]>>(pmsgs: &[B], t: usize, n: usize) -> Result<Vec<Pmsg1<C>>, Error<C>> {
    if pmsgs.len() != n {
        return Err(Error::IncorrectNumberOfMessages {
            expected: n,
            got: pmsgs.len(),
        });
    }
    let mut out = Vec::with_capacity(n);
    for (i, pmsg) in pmsgs.iter().enumerate() {
        let culprit = identifier_at::<C>(i);
        let pmsg = pmsg.as_ref();
        check_len::<C>(pmsg, pmsg1_len(t, n)).map_err(|e| e.with_sender(culprit))?;
        let fault = Error::FaultyParticipant { culprit };
        let mut r = Cursor { bytes: pmsg };
        let com = read_elements::<C>(&mut r, t).ok_or(fault.clone())?;
        r.take::<C>(SIG + EL)?;
        let enc_shares = read_scalars::<C>(&mut r, n).ok_or(fault)?;
        out.push(Pmsg1 { com, enc_shares });
    }
    Ok(out)
}

/// What the coordinator aggregates from the first messages: the senders'
/// commitments to their secrets, the sums of the other coefficients, the
/// proofs, the nonces and the summed encrypted shares.
struct Sums<'a, C: Ciphersuite> {
    coms_to_secrets: Vec<Element<C>>,
    sum_nonconst: Vec<Element<C>>,
    pops: Vec<&'a [u8]>,
    pubnonces: Vec<&'a [u8]>,
    enc_secshares: Vec<Scalar<C>>,
}

/// [`parse_pmsgs1`] and the sums in one pass, sender by sender, so that the
/// `n * t` decoded commitments are never held at once (and each is added
/// while still in cache). Refuses exactly what [`parse_pmsgs1`] refuses, in
/// the same order, so it names the same sender.
fn sum_pmsgs1<C: Ciphersuite, B: AsRef<[u8]>>(pmsgs: &[B], t: usize, n: usize) -> Result<Sums<'_, C>, Error<C>> {
    if pmsgs.len() != n {
        return Err(Error::IncorrectNumberOfMessages {
            expected: n,
            got: pmsgs.len(),
        });
    }
    let mut sums = Sums {
        coms_to_secrets: Vec::with_capacity(n),
        sum_nonconst: alloc::vec![C::Group::identity(); t - 1],
        pops: Vec::with_capacity(n),
        pubnonces: Vec::with_capacity(n),
        enc_secshares: alloc::vec![C::Group::zero(); n],
    };
    for (i, pmsg) in pmsgs.iter().enumerate() {
        let culprit = identifier_at::<C>(i);
        let pmsg = pmsg.as_ref();
        check_len::<C>(pmsg, pmsg1_len(t, n)).map_err(|e| e.with_sender(culprit))?;
        let fault = || Error::FaultyParticipant { culprit };
        let mut r = Cursor { bytes: pmsg };
        let first = element_with_identity::<C>(r.take::<C>(EL)?).ok_or_else(fault)?;
        for sum in sums.sum_nonconst.iter_mut() {
            *sum = *sum + element_with_identity::<C>(r.take::<C>(EL)?).ok_or_else(fault)?;
        }
        sums.coms_to_secrets.push(first);
        sums.pops.push(r.take::<C>(SIG)?);
        sums.pubnonces.push(r.take::<C>(EL)?);
        for sum in sums.enc_secshares.iter_mut() {
            *sum = *sum + C::Group::deserialize_scalar(r.take::<C>(SL)?).ok_or_else(fault)?;
        }
    }
    Ok(sums)
}

/// The summed commitment tweaked by the profile's output tweak, the tweak,
/// and every participant's public share (tweaked).
struct Outputs<C: Ciphersuite> {
    tweak: Scalar<C>,
    threshold_key: Element<C>,
    pubshares: Vec<Element<C>>,
}

fn outputs<P: Profile>(sum_coms: &[El<P>], n: usize) -> Result<Outputs<P::C>, Err<P>> {
    let tweak = P::output_tweak(&sum_coms[0]).ok_or(Error::UnknownFault)?;
    let tweak_point = <P::C as Ciphersuite>::Group::base_mul(&tweak);
    let mut tweaked: Vec<CoefficientCommitment<P::C>> =
        sum_coms.iter().map(|e| CoefficientCommitment::new(*e)).collect();
    tweaked[0] = CoefficientCommitment::new(sum_coms[0] + tweak_point);
    let ids: Vec<Identifier<P::C>> = (0..n).map(identifier_at).collect();
    let pubshares = evaluate_commitment_at_all::<P::C>(&tweaked, &ids);
    Ok(Outputs {
        tweak,
        threshold_key: tweaked[0].value(),
        pubshares,
    })
}

/// The transcript every participant signs: `t`, the summed commitment, the
/// host keys, the public nonces and the encrypted shares.
fn eq_input<C: Ciphersuite>(
    params: &SessionParams<C>,
    sum_coms: &[Element<C>],
    pubnonces: &[&[u8]],
    enc_secshares: &[Scalar<C>],
) -> Vec<u8> {
    let n = params.count();
    let mut x = Vec::with_capacity(4 + EL * sum_coms.len() + 162 * n);
    x.extend_from_slice(&params.t.to_be_bytes());
    push_elements::<C>(&mut x, sum_coms);
    for k in &params.hostpubkeys {
        x.extend_from_slice(&k.bytes);
    }
    for p in pubnonces {
        x.extend_from_slice(p);
    }
    push_scalars::<C>(&mut x, enc_secshares);
    x
}

/// Coordinator step 1, a pure function of the first messages: any
/// participant that runs it on the same messages gets the same bytes.
pub(crate) fn coordinator_step1<P: Profile, B: AsRef<[u8]>>(
    pmsgs1: &[B],
    params: &SessionParams<P::C>,
) -> Result<(CoordinatorState<P::C>, Vec<u8>), Err<P>> {
    let t = params.t as usize;
    let n = params.count();
    let Sums {
        coms_to_secrets,
        sum_nonconst,
        pops,
        pubnonces,
        enc_secshares,
    } = sum_pmsgs1::<P::C, B>(pmsgs1, t, n)?;

    let mut cmsg = Vec::with_capacity(cmsg1_len(t, n));
    push_elements::<P::C>(&mut cmsg, &coms_to_secrets);
    push_elements::<P::C>(&mut cmsg, &sum_nonconst);
    for pop in &pops {
        cmsg.extend_from_slice(pop);
    }
    for p in &pubnonces {
        cmsg.extend_from_slice(p);
    }
    push_scalars::<P::C>(&mut cmsg, &enc_secshares);

    let mut sum_coms = Vec::with_capacity(t);
    sum_coms.push(sum_elements::<P::C>(&coms_to_secrets));
    sum_coms.extend_from_slice(&sum_nonconst);
    let out = outputs::<P>(&sum_coms, n)?;
    let eq = eq_input(params, &sum_coms, &pubnonces, &enc_secshares);
    let state = CoordinatorState {
        params: params.clone(),
        eq_input: eq,
        output: DkgOutput {
            t: params.t,
            secret: None,
            threshold_key: out.threshold_key,
            pubshares: out.pubshares,
        },
    };
    Ok((state, cmsg))
}

/// Participant step 2: decrypt the share, check every proof of possession
/// and the share against the summed commitment, and sign the transcript.
pub(crate) fn participant_step2<P: Profile>(
    hostseckey: &HostSecretKey<P::C>,
    state1: ParticipantState1<P::C>,
    cmsg1: &[u8],
    aux_rand: &[u8],
) -> Result<(ParticipantState2<P::C>, Vec<u8>), Step2Failure<P::C>> {
    let aux_rand = fixed32::<P::C>(aux_rand)?;
    let ParticipantState1 {
        params,
        index,
        com_to_secret,
        pubnonce,
    } = state1;
    if hostseckey.public_key().bytes != params.hostpubkeys[index].bytes {
        return Err(Error::HostKeyNotInSession.into());
    }
    let t = params.t as usize;
    let n = params.count();
    check_len::<P::C>(cmsg1, cmsg1_len(t, n))?;

    // Parse; anything undecodable is the coordinator's fault.
    let mut r = Cursor { bytes: cmsg1 };
    let coms_to_secrets = read_elements::<P::C>(&mut r, n).ok_or(Error::FaultyCoordinator)?;
    let sum_nonconst = read_elements::<P::C>(&mut r, t - 1).ok_or(Error::FaultyCoordinator)?;
    let pops: Vec<&[u8]> = (0..n).map(|_| r.take::<P::C>(SIG)).collect::<Result<_, _>>()?;
    let pubnonces: Vec<&[u8]> = (0..n).map(|_| r.take::<P::C>(EL)).collect::<Result<_, _>>()?;
    let enc_secshares = read_scalars::<P::C>(&mut r, n).ok_or(Error::FaultyCoordinator)?;

    if pubnonces[index] != &pubnonce[..] {
        return Err(Error::FaultyCoordinator.into());
    }

    // Decrypt the summed share.
    let seckey_bytes = hostseckey.to_bytes();
    let mut ctx = be32(index).to_vec();
    ctx.extend_from_slice(&enc_context(&params));
    let own_key = &params.hostpubkeys[index].bytes;
    let mut pads: Vec<Sc<P>> = Vec::with_capacity(n);
    for (sender, nonce) in pubnonces.iter().enumerate() {
        let pad = if sender == index {
            P::self_pad(&seckey_bytes, nonce, &ctx)
        } else {
            match P::ecdh_pad(&hostseckey.scalar, own_key, nonce, &ctx, false) {
                Some(pad) => pad,
                None => {
                    pads.zeroize();
                    return Err(Error::FaultyParticipantOrCoordinator {
                        culprit: identifier_at(sender),
                    }
                    .into());
                }
            }
        };
        pads.push(pad);
    }
    let enc_secshare = enc_secshares[index];
    let secshare = enc_secshare - sum_scalars::<P::C>(&pads);

    // SimplPedPop's checks.
    if coms_to_secrets[index] != com_to_secret {
        return Err(Error::FaultyCoordinator.into());
    }
    if let Some(i) = first_invalid_pop::<P>(index, &coms_to_secrets, &pops, &hostseckey.scalar, cmsg1) {
        pads.zeroize();
        return Err(Error::FaultyParticipantOrCoordinator {
            culprit: identifier_at(i),
        }
        .into());
    }
    let mut sum_coms = Vec::with_capacity(t);
    sum_coms.push(sum_elements::<P::C>(&coms_to_secrets));
    sum_coms.extend_from_slice(&sum_nonconst);
    let out = outputs::<P>(&sum_coms, n)?;
    let secshare_tweaked = secshare + out.tweak;
    if <P::C as Ciphersuite>::Group::base_mul(&secshare_tweaked) != out.pubshares[index] {
        let pubshare = out.pubshares[index] - <P::C as Ciphersuite>::Group::base_mul(&out.tweak);
        return Err(Step2Failure {
            error: Error::UnknownFault,
            investigation: Some(Investigation {
                index,
                n,
                secshare,
                pubshare,
                enc_secshare,
                pads,
            }),
        });
    }
    pads.zeroize();

    let eq = eq_input(&params, &sum_coms, &pubnonces, &enc_secshares);
    let msg = prefixed_message("certeq message", index, &eq);
    let sig = P::sign("", &msg, &hostseckey.scalar, &aux_rand).ok_or(Error::UnknownFault)?;
    let state2 = ParticipantState2 {
        output: DkgOutput {
            t: params.t,
            secret: Some((index, SigningShare::from_scalar(secshare_tweaked))),
            threshold_key: out.threshold_key,
            pubshares: out.pubshares,
        },
        params,
        eq_input: eq,
    };
    Ok((state2, sig.to_vec()))
}

/// The index of the first certificate signature that does not verify (all
/// checked in one batch first; `own_secret` seeds its weights).
fn certificate_verify<P: Profile>(
    params: &SessionParams<P::C>,
    eq: &[u8],
    cert: &[u8],
    own_secret: &Sc<P>,
) -> Result<(), usize> {
    let sigs: Vec<&[u8]> = cert.chunks_exact(SIG).collect();
    match first_invalid_prefixed::<P>("certeq message", &params.hostpubkeys, &sigs, eq, own_secret) {
        Some(i) => Err(i),
        None => Ok(()),
    }
}

/// Participant finalization: check the certificate. On failure the state
/// comes back, so that a later, correct certificate can still be tried.
pub(crate) fn participant_finalize<P: Profile>(
    state2: ParticipantState2<P::C>,
    cmsg2: &[u8],
) -> Result<(DkgOutput<P::C>, RecoveryData), (ParticipantState2<P::C>, Err<P>)> {
    let n = state2.params.count();
    if let Err(e) = check_len::<P::C>(cmsg2, SIG * n) {
        return Err((state2, e));
    }
    let own_secret = Zeroizing::new(match &state2.output.secret {
        Some((_, share)) => share.to_scalar(),
        None => <P::C as Ciphersuite>::Group::zero(),
    });
    if certificate_verify::<P>(&state2.params, &state2.eq_input, cmsg2, &own_secret).is_err() {
        return Err((state2, Error::FaultyCoordinator));
    }
    let ParticipantState2 {
        eq_input, mut output, ..
    } = state2;
    let mut bytes = eq_input;
    bytes.extend_from_slice(cmsg2);
    Ok((core::mem::replace(&mut output, empty_output()), RecoveryData { bytes }))
}

/// A placeholder to move the output out of a state without cloning it.
fn empty_output<C: Ciphersuite>() -> DkgOutput<C> {
    DkgOutput {
        t: 0,
        secret: None,
        threshold_key: C::Group::identity(),
        pubshares: Vec::new(),
    }
}

/// Coordinator finalization: assemble the certificate from the `n`
/// signatures, blaming the first participant whose signature is invalid.
pub(crate) fn coordinator_finalize<P: Profile, B: AsRef<[u8]>>(
    state: CoordinatorState<P::C>,
    pmsgs2: &[B],
) -> Result<(Vec<u8>, DkgOutput<P::C>, RecoveryData), Err<P>> {
    let n = state.params.count();
    if pmsgs2.len() != n {
        return Err(Error::IncorrectNumberOfMessages {
            expected: n,
            got: pmsgs2.len(),
        });
    }
    let mut cert = Vec::with_capacity(SIG * n);
    for (i, sig) in pmsgs2.iter().enumerate() {
        check_len::<P::C>(sig.as_ref(), SIG).map_err(|e| e.with_sender(identifier_at(i)))?;
        cert.extend_from_slice(sig.as_ref());
    }
    let no_secret = <P::C as Ciphersuite>::Group::zero();
    certificate_verify::<P>(&state.params, &state.eq_input, &cert, &no_secret).map_err(|i| {
        Error::FaultyParticipant {
            culprit: identifier_at(i),
        }
    })?;
    let mut bytes = state.eq_input;
    bytes.extend_from_slice(&cert);
    Ok((cert, state.output, RecoveryData { bytes }))
}

/// The investigation messages, one per participant: what each sender
/// encrypted to it and the matching public share of each sender's
/// polynomial. Public; may be broadcast.
pub(crate) fn coordinator_investigate<P: Profile, B: AsRef<[u8]>>(
    pmsgs1: &[B],
    params: &SessionParams<P::C>,
) -> Result<Vec<Vec<u8>>, Err<P>> {
    let t = params.t as usize;
    let n = params.count();
    let parsed = parse_pmsgs1::<P::C, B>(pmsgs1, t, n)?;
    let ids: Vec<Identifier<P::C>> = (0..n).map(identifier_at).collect();
    // partial[j][i]: sender j's commitment evaluated at participant i.
    let partial: Vec<Vec<El<P>>> = parsed
        .iter()
        .map(|m| {
            let com: Vec<CoefficientCommitment<P::C>> = m.com.iter().map(|e| CoefficientCommitment::new(*e)).collect();
            evaluate_commitment_at_all::<P::C>(&com, &ids)
        })
        .collect();
    Ok((0..n)
        .map(|i| {
            let mut msg = Vec::with_capacity(65 * n);
            for m in &parsed {
                msg.extend_from_slice(&scalar_bytes::<P::C>(&m.enc_shares[i]));
            }
            let column: Vec<El<P>> = partial.iter().map(|p| p[i]).collect();
            push_elements::<P::C>(&mut msg, &column);
            msg
        })
        .collect())
}

/// A participant's investigation: which sender's partial share does not
/// match its partial public share. Always ends in an error, which names the
/// suspect where one can be named.
pub(crate) fn participant_investigate<P: Profile>(investigation: Investigation<P::C>, cinv: &[u8]) -> Err<P> {
    let n = investigation.n;
    if let Err(e) = check_len::<P::C>(cinv, 65 * n) {
        return e;
    }
    let mut r = Cursor { bytes: cinv };
    let Some(enc_partial) = read_scalars::<P::C>(&mut r, n) else {
        return Error::FaultyCoordinator;
    };
    let Some(partial_pubshares) = read_elements::<P::C>(&mut r, n) else {
        return Error::FaultyCoordinator;
    };
    let mut partial_secshares: Zeroizing<Vec<Sc<P>>> = Zeroizing::new(
        enc_partial
            .iter()
            .zip(&investigation.pads)
            .map(|(e, p)| *e - *p)
            .collect(),
    );
    if sum_elements::<P::C>(&partial_pubshares) != investigation.pubshare {
        return Error::FaultyCoordinator;
    }
    if sum_scalars::<P::C>(&partial_secshares) != investigation.secshare {
        // Encryption is additively homomorphic: the encrypted partial shares
        // do not sum to the encrypted share the coordinator sent.
        return Error::FaultyCoordinator;
    }
    for (i, (s, p)) in partial_secshares.iter().zip(&partial_pubshares).enumerate() {
        if <P::C as Ciphersuite>::Group::base_mul(s) != *p {
            return if i == investigation.index {
                // Our own share to ourselves was altered on the way back.
                Error::FaultyCoordinator
            } else {
                Error::FaultyParticipantOrCoordinator {
                    culprit: identifier_at(i),
                }
            };
        }
    }
    partial_secshares.zeroize();
    // Consistent inputs: the investigation was called without a fault.
    Error::UnknownFault
}

// ---------------------------------------------------------------------------
// Recovery
// ---------------------------------------------------------------------------

/// Decoded recovery data.
struct Recovery<C: Ciphersuite> {
    params: SessionParams<C>,
    sum_coms: Vec<Element<C>>,
    pubnonces: Vec<Vec<u8>>,
    enc_secshares: Vec<Scalar<C>>,
}

fn decode_recovery<P: Profile>(data: &RecoveryData) -> Option<Recovery<P::C>> {
    let b = &data.bytes;
    let mut r = Cursor { bytes: b };
    let tb = r.take::<P::C>(4).ok()?;
    let t = u32::from_be_bytes([tb[0], tb[1], tb[2], tb[3]]);
    let com_len = (t as usize).checked_mul(EL)?;
    if r.bytes.len() < com_len {
        return None;
    }
    let sum_coms = read_elements::<P::C>(&mut r, t as usize)?;
    if !r.bytes.len().is_multiple_of(162) {
        return None;
    }
    let n = r.bytes.len() / 162;
    let hostpubkeys: Vec<&[u8]> = (0..n).map(|_| r.take::<P::C>(EL)).collect::<Result<_, _>>().ok()?;
    let pubnonces: Vec<Vec<u8>> = (0..n)
        .map(|_| r.take::<P::C>(EL).map(<[u8]>::to_vec))
        .collect::<Result<_, _>>()
        .ok()?;
    let enc_secshares = read_scalars::<P::C>(&mut r, n)?;
    let params = SessionParams::new(&hostpubkeys, t).ok()?;
    Some(Recovery {
        params,
        sum_coms,
        pubnonces,
        enc_secshares,
    })
}

/// Recovery: the output of the participant holding `hostseckey`, or the
/// coordinator's output without one, and the session parameters.
pub(crate) fn recover<P: Profile>(
    hostseckey: Option<&HostSecretKey<P::C>>,
    data: &RecoveryData,
) -> Result<(DkgOutput<P::C>, SessionParams<P::C>), Err<P>> {
    let rec = decode_recovery::<P>(data).ok_or(Error::InvalidRecoveryData)?;
    let n = rec.params.count();
    let cert_start = data.bytes.len() - SIG * n;
    let own_secret = Zeroizing::new(hostseckey.map_or(<P::C as Ciphersuite>::Group::zero(), |k| k.scalar));
    certificate_verify::<P>(
        &rec.params,
        &data.bytes[..cert_start],
        &data.bytes[cert_start..],
        &own_secret,
    )
    .map_err(|_| Error::InvalidRecoveryData)?;
    let out = outputs::<P>(&rec.sum_coms, n)?;
    let secret = match hostseckey {
        None => None,
        Some(key) => {
            let index = rec
                .params
                .position(&key.public_key())
                .ok_or(Error::HostKeyNotInSession)?;
            let seckey_bytes = key.to_bytes();
            let mut ctx = be32(index).to_vec();
            ctx.extend_from_slice(&enc_context(&rec.params));
            let own_key = &rec.params.hostpubkeys[index].bytes;
            let mut share = rec.enc_secshares[index];
            for (sender, nonce) in rec.pubnonces.iter().enumerate() {
                let pad = if sender == index {
                    P::self_pad(&seckey_bytes, nonce, &ctx)
                } else {
                    // Certified nonces were decodable for every participant.
                    P::ecdh_pad(&key.scalar, own_key, nonce, &ctx, false).ok_or(Error::InvalidRecoveryData)?
                };
                share = share - pad;
            }
            let share = share + out.tweak;
            // Certified data: our own signature vouches that this held.
            if <P::C as Ciphersuite>::Group::base_mul(&share) != out.pubshares[index] {
                return Err(Error::InvalidRecoveryData);
            }
            Some((index, SigningShare::from_scalar(share)))
        }
    };
    let output = DkgOutput {
        t: rec.params.t,
        secret,
        threshold_key: out.threshold_key,
        pubshares: out.pubshares,
    };
    Ok((output, rec.params))
}

/// Checks that recovery data belongs to `params` (same `t` and host keys).
fn recovery_matches<P: Profile>(data: &RecoveryData, params: &SessionParams<P::C>) -> Result<(), Err<P>> {
    let rec = decode_recovery::<P>(data).ok_or(Error::InvalidRecoveryData)?;
    if rec.params != *params {
        return Err(Error::InvalidRecoveryData);
    }
    Ok(())
}

/// A recovery acknowledgment: the participant's signature over the recovery
/// data, saying it holds a copy.
pub(crate) fn recovery_ack_sign<P: Profile>(
    hostseckey: &HostSecretKey<P::C>,
    data: &RecoveryData,
    params: &SessionParams<P::C>,
    aux_rand: &[u8],
) -> Result<Vec<u8>, Err<P>> {
    let index = params
        .position(&hostseckey.public_key())
        .ok_or(Error::HostKeyNotInSession)?;
    let aux_rand = fixed32::<P::C>(aux_rand)?;
    recovery_matches::<P>(data, params)?;
    let msg = prefixed_message("recovery acknowledgment", index, &data.bytes);
    let sig = P::sign("", &msg, &hostseckey.scalar, &aux_rand).ok_or(Error::UnknownFault)?;
    Ok(sig.to_vec())
}

/// Verifies every participant's acknowledgment, naming the first invalid one.
pub(crate) fn recovery_acks_verify<P: Profile, B: AsRef<[u8]>>(
    data: &RecoveryData,
    params: &SessionParams<P::C>,
    acks: &[B],
) -> Result<(), Err<P>> {
    let n = params.count();
    if acks.len() != n {
        return Err(Error::IncorrectNumberOfMessages {
            expected: n,
            got: acks.len(),
        });
    }
    recovery_matches::<P>(data, params)?;
    if acks.iter().all(|ack| ack.as_ref().len() == SIG) {
        let sigs: Vec<&[u8]> = acks.iter().map(AsRef::as_ref).collect();
        let no_secret = <P::C as Ciphersuite>::Group::zero();
        if first_invalid_prefixed::<P>(
            "recovery acknowledgment",
            &params.hostpubkeys,
            &sigs,
            &data.bytes,
            &no_secret,
        )
        .is_none()
        {
            return Ok(());
        }
    }
    // Name the first fault in order, a length error included.
    for (i, (ack, key)) in acks.iter().zip(&params.hostpubkeys).enumerate() {
        let culprit = identifier_at(i);
        check_len::<P::C>(ack.as_ref(), SIG).map_err(|e| e.with_sender(culprit))?;
        let msg = prefixed_message("recovery acknowledgment", i, &data.bytes);
        if !P::verify("", &msg, &key.element, ack.as_ref()) {
            return Err(Error::InvalidRecoveryAck { culprit });
        }
    }
    Ok(())
}
