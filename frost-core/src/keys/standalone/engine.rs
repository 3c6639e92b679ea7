//! The one state machine of the standalone DKGs (a Pedersen DKG with proofs
//! of possession, shares encrypted to host keys, and a certificate of `n`
//! signatures over the transcript), parameterised by a [`Profile`].
//!
//! Each step does the skeleton both standards share once: the session and
//! position checks, the polynomial and its commitment, the proofs of
//! possession (checked in one batch, then one by one to name the sender),
//! the outputs, the certificate and the recovery flow. The profile frames
//! and parses the messages, encrypts and decrypts the shares, and builds the
//! transcript. Each step checks what it received in the order its standard
//! does, so that the first fault found (and so the blame) is the same as in
//! the reference.

// The steps return the standards' tuples (state, message), (message, output,
// recovery data); naming each tuple would hide that correspondence.
#![allow(clippy::type_complexity)]

use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::{
    DkgOutput, HostPublicKey, HostSecretKey, Opened, PopPart, Profile, Received, RecoveryData, SessionParams,
    SignedItem, Step2Failure, check_len, identifier_at,
};
use crate::ciphersuite::scalar_bytes;
use crate::keys::SigningShare;
use crate::keys::commitment::{CoefficientCommitment, evaluate_commitment, evaluate_commitment_at_all};
use crate::keys::dkg::batch_weights;
use crate::{Ciphersuite, Element, Error, Group, Identifier, Scalar};

pub(crate) use crate::keys::chilldkg::{ParticipantState1, pmsg1_len};

/// Domain separation of the BIP's hashes and signatures.
pub(crate) const TAG_PREFIX: &str = "BIP DKG/";

type Sc<P> = Scalar<<P as Profile>::C>;
type El<P> = Element<<P as Profile>::C>;
type Err<P> = Error<<P as Profile>::C>;
type G<P> = <<P as Profile>::C as Ciphersuite>::Group;

/// Decodes an element where the encoding of the identity (all zeros) is
/// allowed: ChillDKG's commitments may be the identity, so that no
/// participant can make the sum of valid commitments undecodable.
pub(crate) fn element_with_identity<C: Ciphersuite>(bytes: &[u8]) -> Option<Element<C>> {
    if bytes.iter().all(|b| *b == 0) {
        Some(C::Group::identity())
    } else {
        C::Group::deserialize_element(bytes).ok()
    }
}

pub(crate) fn be32(i: usize) -> [u8; 4] {
    (i as u32).to_be_bytes()
}

pub(crate) fn sum_scalars<C: Ciphersuite>(scalars: &[Scalar<C>]) -> Scalar<C> {
    scalars.iter().fold(C::Group::zero(), |acc, s| acc + *s)
}

pub(crate) fn sum_elements<C: Ciphersuite>(elements: &[Element<C>]) -> Element<C> {
    elements.iter().fold(C::Group::identity(), |acc, e| acc + *e)
}

pub(crate) fn push_elements<C: Ciphersuite>(out: &mut Vec<u8>, elements: &[Element<C>]) {
    let start = out.len();
    out.resize(start + elements.len() * C::Group::ELEMENT_LEN, 0);
    C::Group::serialize_elements(elements, &mut out[start..]);
}

pub(crate) fn push_scalars<C: Ciphersuite>(out: &mut Vec<u8>, scalars: &[Scalar<C>]) {
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

/// `msg` signed by signer `index` with [`Profile::signed_prefix`].
fn sign_prefixed<P: Profile>(label: &str, index: usize, msg: &[u8], secret: &Sc<P>, aux: &[u8; 32]) -> Option<Vec<u8>> {
    let prefix = P::signed_prefix(label, index);
    if prefix.is_empty() {
        P::sign("", msg, secret, aux)
    } else {
        P::sign("", &[&prefix[..], msg].concat(), secret, aux)
    }
}

// ---------------------------------------------------------------------------
// Batch verification
// ---------------------------------------------------------------------------

/// What a batch's weights are derived from besides the verifier's own
/// secret: a digest of everything the batch covers.
pub(crate) fn batch_fingerprint(label: &str, parts: &[&[u8]]) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(b"FROST-STANDALONE-DKG-BATCH-v1");
    for part in core::iter::once(label.as_bytes()).chain(parts.iter().copied()) {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part);
    }
    h.finalize().into()
}

/// The first item that does not verify, checking all of them in one batch
/// first ([`Profile::verify_batch`]) and one by one only after a failure.
///
/// The weights are hashed from `own_secret` and `fingerprint`, a digest of
/// everything the batch covers (DECISIONS 3, as `keys::dkg` derives its
/// weights): a participant's secret makes them unpredictable to every other
/// party, and with no secret (the coordinator passes zero) they are still a
/// hash of all the signatures, so a signer that wants two bad signatures to
/// cancel must find a hash output that makes them cancel, about `2^-128`
/// per try.
fn first_invalid<P: Profile>(
    prefix: &str,
    items: &[SignedItem<'_, P::C>],
    own_secret: &Sc<P>,
    fingerprint: &[u8; 32],
) -> Option<usize> {
    let weights = batch_weights::<P::C>(own_secret, fingerprint, items.len());
    if P::verify_batch(prefix, items, &weights) {
        return None;
    }
    items
        .iter()
        .position(|item| !P::verify(prefix, &item.message.concat(), item.public, item.signature))
}

/// The first sender other than `skip`, in session order, whose commitment
/// to its secret is the identity or whose proof of possession does not
/// verify. All proofs are checked in one batch first; only a failed batch
/// (or an identity) takes the loop.
fn first_invalid_pop<P: Profile>(
    session: &P::Session,
    parts: &[PopPart<'_, P::C>],
    skip: Option<usize>,
    own_secret: &Sc<P>,
    received: &[u8],
) -> Option<usize> {
    let identity = G::<P>::identity();
    let positions: Vec<[u8; 4]> = (0..parts.len()).map(be32).collect();
    let messages: Vec<[&[u8]; 3]> = parts
        .iter()
        .zip(&positions)
        .map(|(p, position)| P::pop_message(session, position, p.com_bytes, p.nonce))
        .collect();
    let checked: Vec<usize> = (0..parts.len()).filter(|i| Some(*i) != skip).collect();
    if let Some(i) = checked.iter().find(|i| parts[**i].key == identity) {
        // An identity fails before any proof after it is looked at.
        let before: Vec<usize> = checked.iter().copied().filter(|j| j < i).collect();
        return first_invalid_of::<P>(parts, &messages, &before, own_secret, received).or(Some(*i));
    }
    first_invalid_of::<P>(parts, &messages, &checked, own_secret, received)
}

fn first_invalid_of<P: Profile>(
    parts: &[PopPart<'_, P::C>],
    messages: &[[&[u8]; 3]],
    which: &[usize],
    own_secret: &Sc<P>,
    received: &[u8],
) -> Option<usize> {
    let items: Vec<SignedItem<'_, P::C>> = which
        .iter()
        .map(|i| SignedItem {
            message: &messages[*i],
            public: &parts[*i].key,
            signature: parts[*i].pop,
            public_bytes: parts[*i].com_bytes.get(..<P::C as Ciphersuite>::Group::ELEMENT_LEN),
        })
        .collect();
    first_invalid::<P>(
        "pop message",
        &items,
        own_secret,
        &batch_fingerprint("pop", &[received]),
    )
    .map(|k| which[k])
}

/// The first signer whose certificate signature over `transcript` does not
/// verify (all checked in one batch first; `own_secret` seeds its weights).
fn certificate_verify<P: Profile>(
    keys: &[HostPublicKey<P::C>],
    label: &str,
    transcript: &[u8],
    cert: &[u8],
    own_secret: &Sc<P>,
) -> Result<(), usize> {
    let sigs: Vec<&[u8]> = cert.chunks_exact(P::SIG_LEN).collect();
    let prefixes: Vec<Vec<u8>> = (0..keys.len()).map(|i| P::signed_prefix(label, i)).collect();
    let messages: Vec<[&[u8]; 2]> = prefixes.iter().map(|p| [&p[..], transcript]).collect();
    let items: Vec<SignedItem<'_, P::C>> = keys
        .iter()
        .zip(&sigs)
        .zip(&messages)
        .map(|((key, sig), message)| SignedItem {
            message,
            public: &key.element,
            signature: sig,
            public_bytes: Some(&key.bytes),
        })
        .collect();
    let mut covered: Vec<&[u8]> = Vec::with_capacity(sigs.len() + 1);
    covered.push(transcript);
    covered.extend_from_slice(&sigs);
    match first_invalid::<P>("", &items, own_secret, &batch_fingerprint(label, &covered)) {
        Some(i) => Err(i),
        None => Ok(()),
    }
}

/// The label of the certificate's signatures.
const CERT_LABEL: &str = "certeq message";

// ---------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------

/// The summed commitment tweaked by the profile's output tweak, the tweak,
/// and every participant's public share (tweaked).
struct Outputs<C: Ciphersuite> {
    tweak: Scalar<C>,
    threshold_key: Element<C>,
    pubshares: Vec<Element<C>>,
}

fn outputs<P: Profile>(sum_coms: &[El<P>], n: usize) -> Result<Outputs<P::C>, Err<P>> {
    let tweak = P::output_tweak(&sum_coms[0]).ok_or(Error::UnknownFault)?;
    let tweak_point = G::<P>::base_mul(&tweak);
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

impl<C: Ciphersuite> Outputs<C> {
    fn into_output(self, t: u32, secret: Option<(usize, SigningShare<C>)>) -> DkgOutput<C> {
        DkgOutput {
            t,
            secret,
            threshold_key: self.threshold_key,
            pubshares: self.pubshares,
        }
    }
}

/// The coordinator's (public) output from the summed commitment.
pub(crate) fn public_output<P: Profile>(
    params: &SessionParams<P::C>,
    sum_coms: &[El<P>],
) -> Result<DkgOutput<P::C>, Err<P>> {
    Ok(outputs::<P>(sum_coms, params.count())?.into_output(params.t, None))
}

/// `-i^k` for `k < t`, as scalars.
fn neg_powers<C: Ciphersuite>(index: usize, t: usize) -> Vec<Scalar<C>> {
    let x = C::Group::scalar_from_u64(index as u64 + 1);
    let mut p = -C::Group::one();
    (0..t)
        .map(|_| {
            let out = p;
            p = p * x;
            out
        })
        .collect()
}

/// Checks `s_j * B == sum_k i^k C_{j,k}` for every sender `j` at once
/// (random weights from `fingerprint`, a digest of what was received, and
/// the secret `weight_secret`), then one by one to name the first failing
/// sender.
pub(crate) fn verify_shares<C: Ciphersuite>(
    index: usize,
    shares: &[Scalar<C>],
    coms: &[&[Element<C>]],
    weight_secret: &Scalar<C>,
    fingerprint: &[u8; 32],
) -> Result<(), usize> {
    let t = coms.first().map_or(0, |c| c.len());
    let weights = batch_weights::<C>(weight_secret, fingerprint, shares.len());
    let lhs_scalar = Zeroizing::new(
        shares
            .iter()
            .zip(&weights)
            .fold(C::Group::zero(), |acc, (s, w)| acc + *s * *w),
    );
    // The secret side in constant time; the public side in one variable-time
    // multiscalar multiplication.
    let lhs = C::Group::base_mul(&lhs_scalar);
    let powers = neg_powers::<C>(index, t);
    let mut scalars = Vec::with_capacity(shares.len() * t);
    let mut points = Vec::with_capacity(shares.len() * t);
    for (w, com) in weights.iter().zip(coms) {
        for (p, c) in powers.iter().zip(com.iter()) {
            scalars.push(*w * *p);
            points.push(*c);
        }
    }
    if lhs + C::Group::vartime_multiscalar_mul(&scalars, &points) == C::Group::identity() {
        return Ok(());
    }
    let id = identifier_at::<C>(index);
    for (j, (s, com)) in shares.iter().zip(coms).enumerate() {
        let com: Vec<CoefficientCommitment<C>> = com.iter().map(|e| CoefficientCommitment::new(*e)).collect();
        if C::Group::base_mul(s) != evaluate_commitment::<C>(&com, id) {
            return Err(j);
        }
    }
    // Unreachable with a sound batch; name nobody rather than panic.
    Err(shares.len())
}

// ---------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------

/// `params_hash` of the BIP.
pub(crate) fn params_hash<P: Profile>(params: &SessionParams<P::C>) -> [u8; 32] {
    P::hash("params_hash", &[&params.encode()])
}

/// Participant step 1: commit to a polynomial, prove possession of its
/// constant term, and encrypt every participant's share to that
/// participant's host key.
pub(crate) fn participant_step1<P: Profile>(
    hostseckey: &HostSecretKey<P::C>,
    session: &P::Session,
    input: P::Step1Input<'_>,
) -> Result<(P::State1, Vec<u8>), Err<P>> {
    participant_step1_with_secrets::<P>(hostseckey, session, input).map(|(state, msg, _)| (state, msg))
}

/// [`participant_step1`], also returning the step's secrets beside the
/// polynomial (COCKTAIL's blame attachment proves possession of the
/// ephemeral key in them).
pub(crate) fn participant_step1_with_secrets<P: Profile>(
    hostseckey: &HostSecretKey<P::C>,
    session: &P::Session,
    input: P::Step1Input<'_>,
) -> Result<(P::State1, Vec<u8>, P::Step1Secrets), Err<P>> {
    let params = P::params(session);
    let index = params
        .position(&hostseckey.public_key())
        .ok_or(Error::HostKeyNotInSession)?;
    let (coeffs, secrets) = P::step1_secrets(hostseckey, session, input)?;
    let n = params.count();

    // The VSS commitment and the shares f(1), ..., f(n).
    let com: Vec<El<P>> = coeffs.iter().map(G::<P>::base_mul).collect();
    let mut msg = Vec::new();
    push_elements::<P::C>(&mut msg, &com);
    let nonce = P::public_nonce(&secrets);
    let position = be32(index);
    let pop = P::sign(
        "pop message",
        &P::pop_message(session, &position, &msg, nonce).concat(),
        &coeffs[0],
        &P::pop_aux(&secrets),
    )
    .ok_or(Error::UnknownFault)?;
    msg.extend_from_slice(&pop);
    msg.extend_from_slice(nonce);
    let block_len = msg.len();
    for i in 0..n {
        let x = G::<P>::scalar_from_u64(i as u64 + 1);
        let share = Zeroizing::new(coeffs.iter().rev().fold(G::<P>::zero(), |acc, a| acc * x + *a));
        P::encrypt_share(hostseckey, session, index, i, &secrets, &share, &mut msg)?;
    }
    let state = P::state1(session, index, &msg[..block_len], &com);
    Ok((state, msg, secrets))
}

/// Coordinator step 1 without its messages: every first message absorbed
/// (naming the sender of the first bad one), the proofs of possession the
/// profile's coordinator checks verified in one batch.
pub(crate) fn coordinator_collect<P: Profile, B: AsRef<[u8]>>(
    msgs1: &[B],
    session: &P::Session,
) -> Result<P::CoordinatorState, Err<P>> {
    let n = P::params(session).count();
    if msgs1.len() != n {
        return Err(Error::IncorrectNumberOfMessages {
            expected: n,
            got: msgs1.len(),
        });
    }
    let mut acc = P::coordinator_start(session);
    let mut stop = None;
    for (i, msg) in msgs1.iter().enumerate() {
        if let Err(e) = P::coordinator_absorb(&mut acc, session, i, msg.as_ref()) {
            stop = Some(e);
            break;
        }
    }
    // The sender named is the first whose message fails to parse or whose
    // proof fails, as if each were checked in turn.
    let pops = P::collected_pops(&acc);
    if !pops.is_empty() {
        let covered: Vec<&[u8]> = msgs1.iter().take(pops.len()).map(AsRef::as_ref).collect();
        let digest = batch_fingerprint("coordinator pop", &covered);
        if let Some(j) = first_invalid_pop::<P>(session, &pops, None, &G::<P>::zero(), &digest) {
            return Err(Error::FaultyParticipant {
                culprit: identifier_at(j),
            });
        }
    }
    drop(pops);
    if let Some(e) = stop {
        return Err(e);
    }
    P::coordinator_state(acc, session)
}

/// Coordinator step 1, a pure function of the first messages: any
/// participant that runs it on the same messages gets the same bytes.
pub(crate) fn coordinator_step1<P: Profile, B: AsRef<[u8]>>(
    msgs1: &[B],
    session: &P::Session,
) -> Result<(P::CoordinatorState, P::CoordinatorMessages), Err<P>> {
    let mut state = coordinator_collect::<P, B>(msgs1, session)?;
    let msgs = P::coordinator_messages(&mut state)?;
    Ok((state, msgs))
}

/// Participant step 2: check every proof of possession, decrypt the shares
/// and check them against the commitments, compute the outputs and sign the
/// transcript.
pub(crate) fn participant_step2<P: Profile>(
    hostseckey: &HostSecretKey<P::C>,
    state1: P::State1,
    msg: &[u8],
    input: P::Step2Input<'_>,
) -> Result<(P::State2, Vec<u8>), Step2Failure<P::C>> {
    let aux_rand = P::step2_aux(input)?;
    let (session, index) = P::state1_session(&state1);
    let params = P::params(session);
    if hostseckey.public_key().bytes != params.hostpubkeys[index].bytes {
        return Err(Error::HostKeyNotInSession.into());
    }
    let n = params.count();
    let fault = |j: usize| -> Step2Failure<P::C> {
        Error::FaultyParticipantOrCoordinator {
            culprit: identifier_at(j),
        }
        .into()
    };
    let mut received = P::parse_received(&state1, msg)?;
    let parsed = received.parts.len();

    // The proofs of possession of every parsed part, in one batch.
    let pops: Vec<PopPart<'_, P::C>> = received
        .parts
        .iter()
        .map(|p| PopPart {
            key: p.com[0],
            com_bytes: p.com_bytes,
            nonce: p.nonce,
            pop: p.pop,
        })
        .collect();
    let first_bad_pop = first_invalid_pop::<P>(session, &pops, Some(index), &hostseckey.scalar, msg);
    drop(pops);

    // Decrypt, up to the first bad proof where the proofs come first: the
    // first sender whose part fails to parse, to prove possession or to
    // decrypt is then the one named, as if each were checked in turn.
    let count = match first_bad_pop {
        Some(j) if !P::PROOFS_AFTER_DECRYPTION => j,
        _ => parsed,
    };
    let opened = P::decrypt(hostseckey, session, index, &received, count).map_err(fault)?;
    if !P::PROOFS_AFTER_DECRYPTION {
        if let Some(j) = first_bad_pop {
            return Err(fault(j));
        }
    }
    if let Some(e) = received.stop.take() {
        return Err(e.into());
    }
    if let Some(j) = first_bad_pop {
        return Err(fault(j));
    }
    let digest = batch_fingerprint("shares", &[msg]);
    P::check_shares(&received, index, &opened, &hostseckey.scalar, &digest)
        .map_err(|j| if j < n { fault(j) } else { Error::UnknownFault.into() })?;

    let secshare = P::secret_share(&received, index, &opened);
    let out = outputs::<P>(&received.sum_coms, n)?;
    let secshare_tweaked = secshare + out.tweak;
    if G::<P>::base_mul(&secshare_tweaked) != out.pubshares[index] {
        let pubshare = out.pubshares[index] - G::<P>::base_mul(&out.tweak);
        return Err(P::share_fault(index, n, &received, opened, secshare, pubshare));
    }
    let transcript = P::transcript(session, &received, &opened, input);
    let sig =
        sign_prefixed::<P>(CERT_LABEL, index, &transcript, &hostseckey.scalar, &aux_rand).ok_or(Error::UnknownFault)?;
    let output = out.into_output(params.t, Some((index, SigningShare::from_scalar(secshare_tweaked))));
    let state2 = P::state2(state1, &received, opened, transcript, output);
    Ok((state2, sig))
}

/// Participant finalization: check the certificate. On failure the state
/// comes back, so that a later, correct certificate can still be tried.
pub(crate) fn participant_finalize<P: Profile>(
    state2: P::State2,
    cert: &[u8],
) -> Result<(DkgOutput<P::C>, RecoveryData, P::Keep), (P::State2, Err<P>)> {
    let (session, transcript, output) = P::state2_parts(&state2);
    let params = P::params(session);
    if let Err(e) = check_len::<P::C>(cert, P::SIG_LEN * params.count()) {
        return Err((state2, e));
    }
    let own_secret = Zeroizing::new(match &output.secret {
        Some((_, share)) => share.to_scalar(),
        None => G::<P>::zero(),
    });
    if let Err(i) = certificate_verify::<P>(&params.hostpubkeys, CERT_LABEL, transcript, cert, &own_secret) {
        return Err((state2, P::certificate_fault(i)));
    }
    let (mut bytes, output, keep) = P::state2_finish(state2);
    bytes.extend_from_slice(cert);
    Ok((output, RecoveryData { bytes }, keep))
}

/// Coordinator finalization: assemble the certificate from the `n`
/// signatures, blaming the first participant whose signature is invalid.
pub(crate) fn coordinator_finalize<P: Profile, B: AsRef<[u8]>>(
    state: P::CoordinatorState,
    input: P::FinalizeInput<'_>,
    sigs: &[B],
) -> Result<(Vec<u8>, DkgOutput<P::C>, RecoveryData), Err<P>> {
    let n = P::params(P::coordinator_session(&state)).count();
    if sigs.len() != n {
        return Err(Error::IncorrectNumberOfMessages {
            expected: n,
            got: sigs.len(),
        });
    }
    let mut cert = Vec::with_capacity(P::SIG_LEN * n);
    for (i, sig) in sigs.iter().enumerate() {
        check_len::<P::C>(sig.as_ref(), P::SIG_LEN).map_err(|e| e.with_sender(identifier_at(i)))?;
        cert.extend_from_slice(sig.as_ref());
    }
    let keys = P::params(P::coordinator_session(&state)).hostpubkeys.clone();
    let (mut bytes, output) = P::coordinator_finish(state, input)?;
    certificate_verify::<P>(&keys, CERT_LABEL, &bytes, &cert, &G::<P>::zero()).map_err(|i| {
        Error::FaultyParticipant {
            culprit: identifier_at(i),
        }
    })?;
    bytes.extend_from_slice(&cert);
    Ok((cert, output, RecoveryData { bytes }))
}

// ---------------------------------------------------------------------------
// Recovery
// ---------------------------------------------------------------------------

/// Recovery: the output of the participant holding `hostseckey`, or the
/// coordinator's output without one, and the session. Anything wrong with
/// the data is [`Error::InvalidRecoveryData`].
pub(crate) fn recover<'a, P: Profile>(
    hostseckey: Option<&HostSecretKey<P::C>>,
    data: &'a RecoveryData,
    input: P::RecoverInput<'a>,
) -> Result<(DkgOutput<P::C>, P::Session), Err<P>> {
    let (session, received, cert_start) = P::decode_recovery(&data.bytes, input).ok_or(Error::InvalidRecoveryData)?;
    let params = P::params(&session);
    let n = params.count();
    let own_secret = Zeroizing::new(hostseckey.map_or(G::<P>::zero(), |k| k.scalar));
    let (transcript, cert) = data.bytes.split_at(cert_start);
    certificate_verify::<P>(&params.hostpubkeys, CERT_LABEL, transcript, cert, &own_secret)
        .map_err(|_| Error::InvalidRecoveryData)?;
    let out = outputs::<P>(&received.sum_coms, n)?;
    let secret = match hostseckey {
        None => None,
        Some(key) => {
            let index = params.position(&key.public_key()).ok_or(Error::HostKeyNotInSession)?;
            if received.stop.is_some() {
                return Err(Error::InvalidRecoveryData);
            }
            let opened = P::decrypt(key, &session, index, &received, n).map_err(|_| Error::InvalidRecoveryData)?;
            let digest = batch_fingerprint("recovered shares", &[&data.bytes]);
            P::check_shares(&received, index, &opened, &key.scalar, &digest).map_err(|_| Error::InvalidRecoveryData)?;
            let share = P::secret_share(&received, index, &opened) + out.tweak;
            // Certified data: our own signature vouches that this held.
            if G::<P>::base_mul(&share) != out.pubshares[index] {
                return Err(Error::InvalidRecoveryData);
            }
            Some((index, SigningShare::from_scalar(share)))
        }
    };
    let output = out.into_output(params.t, secret);
    Ok((output, session))
}

/// Checks that recovery data belongs to `params` (same `t` and host keys).
fn recovery_matches<'a, P: Profile>(
    data: &'a RecoveryData,
    params: &SessionParams<P::C>,
    input: P::RecoverInput<'a>,
) -> Result<(), Err<P>> {
    let (session, _, _) = P::decode_recovery(&data.bytes, input).ok_or(Error::InvalidRecoveryData)?;
    if P::params(&session) != params {
        return Err(Error::InvalidRecoveryData);
    }
    Ok(())
}

/// The label of recovery acknowledgments.
const ACK_LABEL: &str = "recovery acknowledgment";

/// A recovery acknowledgment: the participant's signature over the recovery
/// data, saying it holds a copy.
pub(crate) fn recovery_ack_sign<'a, P: Profile>(
    hostseckey: &HostSecretKey<P::C>,
    data: &'a RecoveryData,
    params: &SessionParams<P::C>,
    aux_rand: &[u8],
    input: P::RecoverInput<'a>,
) -> Result<Vec<u8>, Err<P>> {
    let index = params
        .position(&hostseckey.public_key())
        .ok_or(Error::HostKeyNotInSession)?;
    let aux_rand = fixed32::<P::C>(aux_rand)?;
    recovery_matches::<P>(data, params, input)?;
    sign_prefixed::<P>(ACK_LABEL, index, &data.bytes, &hostseckey.scalar, &aux_rand).ok_or(Error::UnknownFault)
}

/// Verifies every participant's acknowledgment, naming the first invalid one.
pub(crate) fn recovery_acks_verify<'a, P: Profile, B: AsRef<[u8]>>(
    data: &'a RecoveryData,
    params: &SessionParams<P::C>,
    acks: &[B],
    input: P::RecoverInput<'a>,
) -> Result<(), Err<P>> {
    let n = params.count();
    if acks.len() != n {
        return Err(Error::IncorrectNumberOfMessages {
            expected: n,
            got: acks.len(),
        });
    }
    recovery_matches::<P>(data, params, input)?;
    if acks.iter().all(|ack| ack.as_ref().len() == P::SIG_LEN) {
        let cert: Vec<u8> = acks.iter().flat_map(|a| a.as_ref().iter().copied()).collect();
        if certificate_verify::<P>(&params.hostpubkeys, ACK_LABEL, &data.bytes, &cert, &G::<P>::zero()).is_ok() {
            return Ok(());
        }
    }
    // Name the first fault in order, a length error included.
    for (i, (ack, key)) in acks.iter().zip(&params.hostpubkeys).enumerate() {
        let culprit = identifier_at(i);
        check_len::<P::C>(ack.as_ref(), P::SIG_LEN).map_err(|e| e.with_sender(culprit))?;
        let msg = [&P::signed_prefix(ACK_LABEL, i)[..], &data.bytes].concat();
        if !P::verify("", &msg, &key.element, ack.as_ref()) {
            return Err(Error::InvalidRecoveryAck { culprit });
        }
    }
    Ok(())
}

/// Sums every sender's commitment coefficient by coefficient.
pub(crate) fn sum_commitments<'a, C: Ciphersuite>(
    t: usize,
    coms: impl Iterator<Item = &'a [Element<C>]>,
) -> Vec<Element<C>> {
    let mut sum = alloc::vec![C::Group::identity(); t];
    for com in coms {
        for (s, c) in sum.iter_mut().zip(com) {
            *s = *s + *c;
        }
    }
    sum
}

/// What [`Opened`] holds, for the share check of a profile whose senders'
/// shares are received one by one.
pub(crate) fn check_each_share<C: Ciphersuite>(
    received: &Received<'_, C>,
    index: usize,
    opened: &Opened<C>,
    weight_secret: &Scalar<C>,
    fingerprint: &[u8; 32],
) -> Result<(), usize> {
    let coms: Vec<&[Element<C>]> = received.parts.iter().map(|p| &p.com[..]).collect();
    verify_shares::<C>(index, &opened.values, &coms, weight_secret, fingerprint)
}
