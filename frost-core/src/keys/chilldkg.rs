//! ChillDKG: distributed key generation for FROST over secp256k1 that needs
//! no broadcast channel and no confidential channels, byte for byte with the
//! draft BIP "ChillDKG: Distributed Key Generation for FROST" (0.3.0-dev,
//! <https://github.com/BlockstreamResearch/bip-frost-dkg>).
//!
//! Available for the two secp256k1 suites (`frost-secp256k1` and
//! `frost-secp256k1-tr`, which re-export this module). The shared types
//! (host keys, [`SessionParams`], [`DkgOutput`], [`RecoveryData`],
//! [`Investigation`]) live in [`crate::keys::standalone`].
//!
//! # The flow
//!
//! Before a session, every participant has a long-term [`HostSecretKey`] and
//! has obtained *authentic* copies of everyone's [`HostPublicKey`]
//! (compare [`SessionParams::params_hash`] out of band). One untrusted
//! coordinator (possibly a participant) relays messages; it learns nothing
//! secret.
//!
//! | step | who | sends | to |
//! | --- | --- | --- | --- |
//! | [`participant_step1`] | each participant | `pmsg1` | coordinator |
//! | [`coordinator_step1`] | coordinator | `cmsg1` | every participant |
//! | [`participant_step2`] | each participant | `pmsg2` (its certificate signature) | coordinator |
//! | [`coordinator_finalize`] | coordinator | `cmsg2` (the certificate) | every participant |
//! | [`participant_finalize`] | each participant | – | – |
//!
//! `pmsg1` holds a commitment to the participant's polynomial, a proof of
//! possession of its constant term, and every participant's share encrypted
//! to that participant's host key (ECDH pads). The coordinator sums the
//! commitments and the encrypted shares ([`coordinator_step1`] is a pure
//! function: a participant that received all `pmsg1` itself can run it and
//! get the coordinator's exact bytes, so the coordinator is optional). In
//! step 2 a participant decrypts its share, checks it and every proof, and
//! signs the transcript with its host key.
//!
//! # What the certificate guarantees
//!
//! The certificate is every participant's signature over the same transcript
//! (the summed commitment, the host keys, the nonces and the encrypted
//! shares). A participant that accepts it in [`participant_finalize`] knows
//! that every honest participant computed the same threshold key and public
//! shares and holds a valid share: that is the agreement a broadcast channel
//! would have given. It does **not** mean that every participant received
//! the certificate: some may have failed or never got `cmsg2`.
//!
//! # Recovery, and why a host key must never be deleted after step 2
//!
//! The transcript plus the certificate is the [`RecoveryData`], public, a
//! few kilobytes. With it, [`participant_recover`] restores a participant's
//! whole output from its host secret key alone (a new device, a lost state,
//! a missing `cmsg2`), and [`coordinator_recover`] the public output. Once a
//! participant has sent its step-2 message, another participant may already
//! hold a valid certificate and start using the threshold key (send funds to
//! it). So even if the session looks failed, **never delete the host secret
//! key after step 2**: recovery data presented later restores the share.
//! Before using the key, collect every participant's acknowledgment
//! ([`participant_recovery_ack_sign`], [`participant_recovery_acks_verify`])
//! so that everybody is known to hold the recovery data.
//!
//! # Errors and investigations
//!
//! A participant that finds a fault returns
//! [`Error::FaultyParticipantOrCoordinator`] (the named participant, or a
//! coordinator framing it), [`Error::FaultyCoordinator`], or, for an
//! invalid encrypted share that cannot be attributed by itself,
//! [`Error::UnknownFault`] together with an [`Investigation`]. The
//! coordinator's [`coordinator_investigate`] messages then let
//! [`participant_investigate`] name a suspect. The coordinator itself
//! reports [`Error::FaultyParticipant`]. Messages of the wrong length are
//! refused with [`Error::Decode`] (`Truncated` or `TrailingBytes`), naming
//! the sender where the function knows it.
//!
//! # Using the output with FROST
//!
//! [`DkgOutput::key_package`] and [`DkgOutput::public_key_package`] give
//! packages of either secp256k1 suite with `min_signers = t` (refused for
//! `t < 2`). The threshold key already carries ChillDKG's unspendable
//! Taproot script-path commitment; a BIP341 tweak applied when signing
//! with `frost-secp256k1-tr` comes on top of it.
//!
//! **Security scope.** The BIP says its output must not be combined with
//! FROST specifications other than BIP 445 without further analysis, and
//! this crate does **not** implement BIP 445 signing: it signs with RFC 9591
//! (`frost-secp256k1`) or its Taproot variant (`frost-secp256k1-tr`). Chu,
//! Gerhart, Ruffing and Schröder (ePrint 2023/899) prove unforgeable the
//! combination of SimplPedPop (the key generation inside ChillDKG) with
//! *FROST3* signing, under AOMDL in the random oracle model, for static
//! corruptions. FROST3 derives one binding factor per signing session;
//! RFC 9591 derives one per signer. So the theorem covers the key generation
//! run here but not RFC 9591 signing on top of it: that combination has no
//! published proof we rely on. Also outside it: the concrete hashes and
//! encodings beyond the random-oracle modelling, the Taproot tweaks, using
//! one output with both suites or with other schemes, and adaptive
//! corruptions (see [`large_parameters_warning`]). `SECURITY.md` says more.
//!
//! # Example
//!
//! ```
//! # fn run<C: frost_core::keys::chilldkg::ChillDkgCiphersuite>() -> Result<(), frost_core::Error<C>> {
//! use frost_core::keys::chilldkg::*;
//! let mut rng = rand::rng();
//! let keys: Vec<HostSecretKey<C>> = (0..3).map(|_| HostSecretKey::generate(&mut rng)).collect();
//! let pubkeys: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key().to_bytes()).collect();
//! let params = SessionParams::new(&pubkeys, 2)?;
//!
//! let mut states = Vec::new();
//! let mut pmsgs1 = Vec::new();
//! for key in &keys {
//!     let (state, pmsg1) = participant_step1(key, &params, &rand::random::<[u8; 32]>())?;
//!     states.push(state);
//!     pmsgs1.push(pmsg1);
//! }
//! let (cstate, cmsg1) = coordinator_step1(&pmsgs1, &params)?;
//! let mut states2 = Vec::new();
//! let mut pmsgs2 = Vec::new();
//! for (key, state) in keys.iter().zip(states) {
//!     let (state2, pmsg2) =
//!         participant_step2(key, state, &cmsg1, &rand::random::<[u8; 32]>()).map_err(|f| f.error)?;
//!     states2.push(state2);
//!     pmsgs2.push(pmsg2);
//! }
//! let (cmsg2, coordinator_output, recovery_data) = coordinator_finalize(cstate, &pmsgs2)?;
//! for state2 in states2 {
//!     let (output, _recovery) = participant_finalize(state2, &cmsg2).map_err(|(_, e)| e)?;
//!     assert_eq!(output.threshold_public_key(), coordinator_output.threshold_public_key());
//! }
//! let (recovered, _) = participant_recover(&keys[0], &recovery_data)?;
//! assert!(recovered.secret_share().is_some());
//! # Ok(())
//! # }
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::marker::PhantomData;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::standalone::engine::{
    self, TAG_PREFIX, be32, element_with_identity, fixed32, push_elements, push_scalars, sum_elements, sum_scalars,
};
use super::standalone::{
    Cursor, Opened, PopPart, Profile, Received, ReceivedPart, SignedItem, check_len, identifier_at, sealed,
};
pub use super::standalone::{
    DkgOutput, HostPublicKey, HostSecretKey, Investigation, ParamsHash, RecoveryData, SessionParams, Step2Failure,
};
pub use super::standalone::{DleqProof, Rejection, Verdict};

mod blame;
pub use blame::{coordinator_check_attachments, participant_blame, participant_step1_with_attachment};

/// ChillDKG's blame attachment (see [`crate::keys::standalone::Attachment`]):
/// 128 bytes sent beside `pmsg1`.
pub type Attachment<C> = super::standalone::Attachment<ChillDkg<C>>;

/// A ChillDKG accusation (see [`crate::keys::standalone::Accusation`]).
pub type Accusation<C> = super::standalone::Accusation<ChillDkg<C>>;
use crate::ciphersuite::{element_bytes, is_zero, scalar_bytes};
use crate::keys::commitment::{CoefficientCommitment, evaluate_commitment_at_all};
use crate::{Ciphersuite, Element, Error, Group, Identifier, Scalar};

/// The per-suite primitives ChillDKG needs beyond [`Ciphersuite`]: the
/// secp256k1 suites implement it. Hidden; not a stable API.
///
/// Implementations must use 32-byte big-endian scalars and 33-byte SEC1
/// compressed points (the identity written as 33 zero bytes).
#[doc(hidden)]
pub trait ChillDkgCiphersuite: Ciphersuite {
    /// The 32 big-endian bytes reduced modulo the group order.
    fn scalar_from_bytes_wrapping(bytes: &[u8; 32]) -> Scalar<Self>;
}

/// The ChillDKG profile of the standalone engine.
#[doc(hidden)]
pub struct ChillDkg<C>(PhantomData<C>);

impl<C> sealed::Sealed for ChillDkg<C> {}

/// BIP340's tagged hash, `SHA256(SHA256(tag) || SHA256(tag) || msg)`.
pub(crate) fn tagged_hash(tag: &[&str], parts: &[&[u8]]) -> [u8; 32] {
    let mut th = Sha256::new();
    for t in tag {
        th.update(t.as_bytes());
    }
    let th = th.finalize();
    let mut h = Sha256::new();
    h.update(th);
    h.update(th);
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// The 32-byte x coordinate and whether Y is even, from a compressed point.
fn x_only<C: Ciphersuite>(point: &Element<C>) -> ([u8; 32], bool) {
    let bytes = element_bytes::<C>(point);
    let mut x = [0u8; 32];
    x.copy_from_slice(&bytes[1..33]);
    (x, bytes[0] == 0x02)
}

/// `s` if `keep`, else `-s`, without a branch on the scalar.
fn negate_unless<C: Ciphersuite>(s: Scalar<C>, keep: bool) -> Scalar<C> {
    let sign = C::Group::one() - C::Group::scalar_from_u64(2 * u64::from(!keep));
    s * sign
}

/// The BIP340 tag prefix: `BIP0340` for plain signatures, `BIP DKG/...`
/// for the proof of possession.
fn bip340_prefix(prefix: &str) -> String {
    if prefix.is_empty() {
        String::from("BIP0340")
    } else {
        let mut s = String::from(TAG_PREFIX);
        s.push_str(prefix);
        s
    }
}

impl<C: ChillDkgCiphersuite> Profile for ChillDkg<C> {
    type C = C;
    type Session = SessionParams<C>;
    type Step1Input<'a> = &'a [u8];
    type Step1Secrets = Step1Secrets<C>;
    type State1 = ParticipantState1<C>;
    type Step2Input<'a> = &'a [u8];
    type State2 = ParticipantState2<C>;
    type Collected<'a> = Sums<'a, C>;
    type CoordinatorState = CoordinatorState<C>;
    type CoordinatorMessages = Vec<u8>;
    type FinalizeInput<'a> = ();
    type Keep = ();
    type RecoverInput<'a> = ();

    const SIG_LEN: usize = SIG;
    const PROOFS_AFTER_DECRYPTION: bool = true;

    fn hash(tag: &str, parts: &[&[u8]]) -> [u8; 32] {
        tagged_hash(&[TAG_PREFIX, tag], parts)
    }

    fn sign(prefix: &str, msg: &[u8], secret: &Scalar<C>, aux_rand: &[u8; 32]) -> Option<Vec<u8>> {
        // BIP340 signing with a custom tag prefix.
        let prefix = bip340_prefix(prefix);
        if is_zero::<C>(secret) {
            return None;
        }
        let (px, p_even) = x_only::<C>(&C::Group::base_mul(secret));
        let d = Zeroizing::new(negate_unless::<C>(*secret, p_even));
        let d_bytes = Zeroizing::new(scalar_bytes::<C>(&d));
        let aux_hash = tagged_hash(&[&prefix, "/aux"], &[aux_rand]);
        let mut t = Zeroizing::new([0u8; 32]);
        for i in 0..32 {
            t[i] = d_bytes[i] ^ aux_hash[i];
        }
        let k0 = Zeroizing::new(C::scalar_from_bytes_wrapping(&tagged_hash(
            &[&prefix, "/nonce"],
            &[&t[..], &px, msg],
        )));
        if is_zero::<C>(&k0) {
            return None;
        }
        let (rx, r_even) = x_only::<C>(&C::Group::base_mul(&k0));
        let k = Zeroizing::new(negate_unless::<C>(*k0, r_even));
        let e = C::scalar_from_bytes_wrapping(&tagged_hash(&[&prefix, "/challenge"], &[&rx, &px, msg]));
        let s = *k + e * *d;
        let mut sig = rx.to_vec();
        sig.extend_from_slice(&scalar_bytes::<C>(&s));
        Some(sig)
    }

    fn verify(prefix: &str, msg: &[u8], public: &Element<C>, sig: &[u8]) -> bool {
        let prefix = bip340_prefix(prefix);
        if sig.len() != 64 || *public == C::Group::identity() {
            return false;
        }
        let (px, p_even) = x_only::<C>(public);
        let p = if p_even { *public } else { -*public };
        let Some(s) = C::Group::deserialize_scalar(&sig[32..]) else {
            return false;
        };
        let e = C::scalar_from_bytes_wrapping(&tagged_hash(&[&prefix, "/challenge"], &[&sig[..32], &px, msg]));
        let r = C::Group::vartime_multiscalar_mul(&[s, -e], &[C::Group::generator(), p]);
        // R must be an even-Y point with x = r; the identity encodes as zeros.
        let enc = element_bytes::<C>(&r);
        enc[0] == 0x02 && enc[1..] == sig[..32]
    }

    /// BIP340's batch verification: with `R_i = lift_x(r_i)` and `P_i` the
    /// even-Y key, `sum w_i s_i * G == sum w_i R_i + sum w_i e_i P_i`, one
    /// multiscalar multiplication of `2k + 1` points. An item that
    /// [`Profile::verify`] refuses before any arithmetic (a bad length, the
    /// identity as key, `r` not an x coordinate, `s` not below the group
    /// order) fails the batch.
    fn verify_batch(prefix: &str, items: &[SignedItem<'_, C>], weights: &[Scalar<C>]) -> bool {
        let prefix = bip340_prefix(prefix);
        let challenge_tag = [&prefix[..], "/challenge"];
        let mut scalars = Vec::with_capacity(2 * items.len() + 1);
        let mut elements = Vec::with_capacity(2 * items.len() + 1);
        let mut s_sum = C::Group::zero();
        let mut r_enc = [0u8; 33];
        r_enc[0] = 0x02;
        for (item, w) in items.iter().zip(weights) {
            let sig = item.signature;
            if sig.len() != 64 || *item.public == C::Group::identity() {
                return false;
            }
            r_enc[1..].copy_from_slice(&sig[..32]);
            let (Ok(r), Some(s)) = (
                C::Group::deserialize_element(&r_enc),
                C::Group::deserialize_scalar(&sig[32..]),
            ) else {
                return false;
            };
            let (px, p_even) = x_only::<C>(item.public);
            let mut parts: Vec<&[u8]> = Vec::with_capacity(2 + item.message.len());
            parts.push(&sig[..32]);
            parts.push(&px);
            parts.extend_from_slice(item.message);
            let e = C::scalar_from_bytes_wrapping(&tagged_hash(&challenge_tag, &parts));
            s_sum = s_sum + *w * s;
            scalars.push(-*w);
            elements.push(r);
            // w e P_even, with P_even = P or -P.
            scalars.push(negate_unless::<C>(-(*w * e), p_even));
            elements.push(*item.public);
        }
        if items.len() != weights.len() {
            return false;
        }
        scalars.push(s_sum);
        elements.push(C::Group::generator());
        C::Group::vartime_multiscalar_mul(&scalars, &elements) == C::Group::identity()
    }

    fn output_tweak(key: &Element<C>) -> Option<Scalar<C>> {
        // BIP341's recommended commitment to an unspendable script path:
        // t = hash_TapTweak(x(P)), refused (not reduced) if not below q.
        if *key == C::Group::identity() {
            return None;
        }
        let (x, _) = x_only::<C>(key);
        C::Group::deserialize_scalar(&tagged_hash(&["TapTweak"], &[&x]))
    }

    fn signed_prefix(label: &str, index: usize) -> Vec<u8> {
        // BIP340's recommendation: the domain-separation prefix padded to
        // 33 bytes, then the signer's position.
        let mut prefix = Vec::with_capacity(37);
        prefix.extend_from_slice(TAG_PREFIX.as_bytes());
        prefix.extend_from_slice(label.as_bytes());
        prefix.resize(33, 0);
        prefix.extend_from_slice(&be32(index));
        prefix
    }

    fn pop_message<'a>(
        _session: &'a SessionParams<C>,
        position: &'a [u8; 4],
        _com_bytes: &'a [u8],
        _nonce: &'a [u8],
    ) -> [&'a [u8]; 3] {
        [position, &[], &[]]
    }

    fn params(session: &SessionParams<C>) -> &SessionParams<C> {
        session
    }

    fn step1_secrets(
        hostseckey: &HostSecretKey<C>,
        params: &SessionParams<C>,
        random: &[u8],
    ) -> Result<(Zeroizing<Vec<Scalar<C>>>, Step1Secrets<C>), Error<C>> {
        let random = fixed32::<C>(random)?;
        if random == [0u8; 32] {
            return Err(Error::ZeroRandomness);
        }
        let seckey_bytes = hostseckey.to_bytes();
        let context = params.encode();
        // Everything derives from one seed that holds all the entropy, so
        // the same pads can never encrypt different shares.
        let seed = Zeroizing::new(Self::hash("encpedpop seed", &[&seckey_bytes, &random, &context]));
        let aux = Zeroizing::new(Self::hash("simplpedpop aux", &[&seed[..]]));
        let secnonce_bytes = Zeroizing::new(Self::hash("encpedpop secnonce", &[&seed[..]]));
        let secnonce = Zeroizing::new(
            C::Group::deserialize_scalar(&secnonce_bytes[..])
                .filter(|s| !is_zero::<C>(s))
                .ok_or(Error::UnknownFault)?,
        );
        // BIP 327's key generation, refusing zero.
        let pubnonce = element_bytes::<C>(&C::Group::base_mul(&secnonce));
        let mut coeffs = Zeroizing::new(Vec::with_capacity(params.t as usize));
        for j in 0..params.t as usize {
            let h = Zeroizing::new(Self::hash("vss coeffs", &[&seed[..], &be32(j)]));
            // Not below the group order only with negligible probability.
            coeffs.push(C::Group::deserialize_scalar(&h[..]).ok_or(Error::UnknownFault)?);
        }
        let secrets = Step1Secrets {
            aux,
            secnonce,
            pubnonce,
            seckey_bytes,
            context,
        };
        Ok((coeffs, secrets))
    }

    fn public_nonce(secrets: &Step1Secrets<C>) -> &[u8] {
        &secrets.pubnonce
    }

    fn pop_aux(secrets: &Step1Secrets<C>) -> [u8; 32] {
        *secrets.aux
    }

    fn encrypt_share(
        _hostseckey: &HostSecretKey<C>,
        params: &SessionParams<C>,
        index: usize,
        recipient: usize,
        secrets: &Step1Secrets<C>,
        share: &Scalar<C>,
        msg: &mut Vec<u8>,
    ) -> Result<(), Error<C>> {
        // The share to ourselves with a pad derived from our own secret key.
        let mut ctx = be32(recipient).to_vec();
        ctx.extend_from_slice(&secrets.context);
        let pad = if recipient == index {
            self_pad::<C>(&secrets.seckey_bytes, &secrets.pubnonce, &ctx)
        } else {
            let key = &params.hostpubkeys[recipient].bytes;
            ecdh_pad::<C>(&secrets.secnonce, &secrets.pubnonce, key, &ctx, true).ok_or(Error::UnknownFault)?
        };
        msg.extend_from_slice(&scalar_bytes::<C>(&(*share + pad)));
        Ok(())
    }

    fn state1(params: &SessionParams<C>, index: usize, block: &[u8], com: &[Element<C>]) -> ParticipantState1<C> {
        ParticipantState1 {
            params: params.clone(),
            index,
            com_to_secret: com[0],
            pubnonce: block[block.len() - EL..].to_vec(),
        }
    }

    fn coordinator_start<'a>(params: &SessionParams<C>) -> Sums<'a, C> {
        let n = params.count();
        Sums {
            coms_to_secrets: Vec::with_capacity(n),
            sum_nonconst: alloc::vec![C::Group::identity(); params.t as usize - 1],
            pops: Vec::with_capacity(n),
            pubnonces: Vec::with_capacity(n),
            enc_secshares: alloc::vec![C::Group::zero(); n],
        }
    }

    /// The BIP's sums, sender by sender, so that the `n * t` decoded
    /// commitments are never held at once (and each is added while still in
    /// cache). A wrong length is a decoding error naming the sender, an
    /// undecodable value the sender's fault.
    fn coordinator_absorb<'a>(
        sums: &mut Sums<'a, C>,
        params: &SessionParams<C>,
        sender: usize,
        pmsg: &'a [u8],
    ) -> Result<(), Error<C>> {
        let culprit = identifier_at::<C>(sender);
        check_len::<C>(pmsg, pmsg1_len(params.t as usize, params.count())).map_err(|e| e.with_sender(culprit))?;
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
        Ok(())
    }

    fn collected_pops<'a>(_sums: &'a Sums<'_, C>) -> Vec<PopPart<'a, C>> {
        // The BIP's coordinator checks no proof: it only sums.
        Vec::new()
    }

    fn coordinator_state(sums: Sums<'_, C>, params: &SessionParams<C>) -> Result<CoordinatorState<C>, Error<C>> {
        let (t, n) = (params.t as usize, params.count());
        let mut cmsg = Vec::with_capacity(cmsg1_len(t, n));
        push_elements::<C>(&mut cmsg, &sums.coms_to_secrets);
        push_elements::<C>(&mut cmsg, &sums.sum_nonconst);
        for pop in &sums.pops {
            cmsg.extend_from_slice(pop);
        }
        for p in &sums.pubnonces {
            cmsg.extend_from_slice(p);
        }
        push_scalars::<C>(&mut cmsg, &sums.enc_secshares);

        let mut sum_coms = Vec::with_capacity(t);
        sum_coms.push(sum_elements::<C>(&sums.coms_to_secrets));
        sum_coms.extend_from_slice(&sums.sum_nonconst);
        let output = engine::public_output::<Self>(params, &sum_coms)?;
        let eq = eq_input(params, &sum_coms, &sums.pubnonces, &sums.enc_secshares);
        Ok(CoordinatorState {
            params: params.clone(),
            eq_input: eq,
            output,
            cmsg1: cmsg,
        })
    }

    fn coordinator_messages(state: &mut CoordinatorState<C>) -> Result<Vec<u8>, Error<C>> {
        Ok(core::mem::take(&mut state.cmsg1))
    }

    fn step2_aux(aux_rand: &[u8]) -> Result<[u8; 32], Error<C>> {
        fixed32::<C>(aux_rand)
    }

    fn state1_session(state: &ParticipantState1<C>) -> (&SessionParams<C>, usize) {
        (&state.params, state.index)
    }

    /// Anything undecodable is the coordinator's fault; so is a change to
    /// the participant's own nonce (at once) or commitment (after the
    /// decryption, where the BIP checks it).
    fn parse_received<'a>(state: &ParticipantState1<C>, cmsg1: &'a [u8]) -> Result<Received<'a, C>, Error<C>> {
        let (t, n, index) = (state.params.t as usize, state.params.count(), state.index);
        check_len::<C>(cmsg1, cmsg1_len(t, n))?;
        let mut r = Cursor { bytes: cmsg1 };
        let coms_bytes = r.take::<C>(EL * n)?;
        let coms_to_secrets =
            read_elements::<C>(&mut Cursor { bytes: coms_bytes }, n).ok_or(Error::FaultyCoordinator)?;
        let sum_nonconst = read_elements::<C>(&mut r, t - 1).ok_or(Error::FaultyCoordinator)?;
        let pops = r.take::<C>(SIG * n)?;
        let pubnonces = r.take::<C>(EL * n)?;
        let enc_shares = read_scalars::<C>(&mut r, n).ok_or(Error::FaultyCoordinator)?;
        if pubnonces.chunks_exact(EL).nth(index) != Some(&state.pubnonce[..]) {
            return Err(Error::FaultyCoordinator);
        }
        let stop = (coms_to_secrets[index] != state.com_to_secret).then_some(Error::FaultyCoordinator);
        let mut sum_coms = Vec::with_capacity(t);
        sum_coms.push(sum_elements::<C>(&coms_to_secrets));
        sum_coms.extend_from_slice(&sum_nonconst);
        let parts = coms_to_secrets
            .iter()
            .zip(coms_bytes.chunks_exact(EL))
            .zip(pops.chunks_exact(SIG).zip(pubnonces.chunks_exact(EL)))
            .map(|((com, com_bytes), (pop, nonce))| ReceivedPart {
                com: alloc::vec![*com],
                com_bytes,
                pop,
                nonce,
                nonce_element: None,
                ciphertext: &[],
            })
            .collect();
        Ok(Received {
            parts,
            stop,
            sum_coms,
            enc_shares,
        })
    }

    /// Every sender's pad; a nonce that is not a valid point names its
    /// sender.
    fn decrypt(
        hostseckey: &HostSecretKey<C>,
        params: &SessionParams<C>,
        index: usize,
        received: &Received<'_, C>,
        count: usize,
    ) -> Result<Opened<C>, usize> {
        let seckey_bytes = hostseckey.to_bytes();
        let mut ctx = be32(index).to_vec();
        ctx.extend_from_slice(&params.encode());
        let own_key = &params.hostpubkeys[index].bytes;
        let mut pads = Zeroizing::new(Vec::with_capacity(count));
        for (sender, part) in received.parts.iter().take(count).enumerate() {
            pads.push(if sender == index {
                self_pad::<C>(&seckey_bytes, part.nonce, &ctx)
            } else {
                ecdh_pad::<C>(&hostseckey.scalar, own_key, part.nonce, &ctx, false).ok_or(sender)?
            });
        }
        Ok(Opened {
            values: pads,
            payloads: Vec::new(),
        })
    }

    fn secret_share(received: &Received<'_, C>, index: usize, opened: &Opened<C>) -> Scalar<C> {
        received.enc_shares[index] - sum_scalars::<C>(&opened.values)
    }

    fn check_shares(
        _received: &Received<'_, C>,
        _index: usize,
        _opened: &Opened<C>,
        _weight_secret: &Scalar<C>,
        _fingerprint: &[u8; 32],
    ) -> Result<(), usize> {
        // Only the summed share arrives; it is checked against the summed
        // commitment, and a failure starts an investigation.
        Ok(())
    }

    fn share_fault(
        index: usize,
        n: usize,
        received: &Received<'_, C>,
        mut opened: Opened<C>,
        secshare: Scalar<C>,
        pubshare: Element<C>,
    ) -> Step2Failure<C> {
        Step2Failure {
            error: Error::UnknownFault,
            investigation: Some(Investigation {
                index,
                n,
                secshare,
                pubshare,
                enc_secshare: received.enc_shares[index],
                pads: core::mem::take(&mut *opened.values),
            }),
        }
    }

    fn transcript(
        params: &SessionParams<C>,
        received: &Received<'_, C>,
        _opened: &Opened<C>,
        _aux_rand: &[u8],
    ) -> Vec<u8> {
        let pubnonces: Vec<&[u8]> = received.parts.iter().map(|p| p.nonce).collect();
        eq_input(params, &received.sum_coms, &pubnonces, &received.enc_shares)
    }

    fn state2(
        state: ParticipantState1<C>,
        _received: &Received<'_, C>,
        _opened: Opened<C>,
        transcript: Vec<u8>,
        output: DkgOutput<C>,
    ) -> ParticipantState2<C> {
        ParticipantState2 {
            params: state.params,
            eq_input: transcript,
            output,
        }
    }

    fn certificate_fault(_signer: usize) -> Error<C> {
        // The coordinator assembled the certificate from signatures it could
        // check itself.
        Error::FaultyCoordinator
    }

    fn state2_parts(state: &ParticipantState2<C>) -> (&SessionParams<C>, &[u8], &DkgOutput<C>) {
        (&state.params, &state.eq_input, &state.output)
    }

    fn state2_finish(state: ParticipantState2<C>) -> (Vec<u8>, DkgOutput<C>, ()) {
        (state.eq_input, state.output, ())
    }

    fn coordinator_session(state: &CoordinatorState<C>) -> &SessionParams<C> {
        &state.params
    }

    fn coordinator_finish(state: CoordinatorState<C>, _input: ()) -> Result<(Vec<u8>, DkgOutput<C>), Error<C>> {
        Ok((state.eq_input, state.output))
    }

    /// `t`, the summed commitment, then per participant its host key, its
    /// nonce, its encrypted share and its certificate signature, each kind
    /// in one run.
    fn decode_recovery<'a>(b: &'a [u8], _input: ()) -> Option<(SessionParams<C>, Received<'a, C>, usize)> {
        let mut r = Cursor { bytes: b };
        let tb = r.take::<C>(4).ok()?;
        let t = u32::from_be_bytes([tb[0], tb[1], tb[2], tb[3]]);
        let com_len = (t as usize).checked_mul(EL)?;
        if r.bytes.len() < com_len {
            return None;
        }
        let sum_coms = read_elements::<C>(&mut r, t as usize)?;
        if !r.bytes.len().is_multiple_of(162) {
            return None;
        }
        let n = r.bytes.len() / 162;
        let hostpubkeys: Vec<&[u8]> = r.take::<C>(EL * n).ok()?.chunks_exact(EL).collect();
        let pubnonces = r.take::<C>(EL * n).ok()?;
        let enc_shares = read_scalars::<C>(&mut r, n)?;
        let params = SessionParams::new(&hostpubkeys, t).ok()?;
        let parts = pubnonces
            .chunks_exact(EL)
            .map(|nonce| ReceivedPart {
                com: Vec::new(),
                com_bytes: &[],
                pop: &[],
                nonce,
                nonce_element: None,
                ciphertext: &[],
            })
            .collect();
        let received = Received {
            parts,
            stop: None,
            sum_coms,
            enc_shares,
        };
        Some((params, received, b.len() - SIG * n))
    }
}

/// The BIP's ECDH pad from the shared point (`secret * their_public`): the
/// step a third party repeats when an accusation reveals the shared point.
fn pad_from_shared<C: ChillDkgCiphersuite>(
    shared: &Element<C>,
    my_public: &[u8],
    their_public: &[u8],
    context: &[u8],
    sending: bool,
) -> Scalar<C> {
    let shared = Zeroizing::new(element_bytes::<C>(shared));
    let shared_hash = Zeroizing::new(<[u8; 32]>::from(Sha256::digest(&shared[..])));
    let (first, second) = if sending {
        (my_public, their_public)
    } else {
        (their_public, my_public)
    };
    let h = Zeroizing::new(<ChillDkg<C> as Profile>::hash(
        "encpedpop ecdh",
        &[&shared_hash[..], first, second, context],
    ));
    C::scalar_from_bytes_wrapping(&h)
}

/// The BIP's ECDH pad for one share from sender to recipient: `secret` is
/// the sender's nonce (sending) or the recipient's host secret key
/// (receiving); `None` when the peer's key is invalid.
fn ecdh_pad<C: ChillDkgCiphersuite>(
    secret: &Scalar<C>,
    my_public: &[u8],
    their_public: &[u8],
    context: &[u8],
    sending: bool,
) -> Option<Scalar<C>> {
    let their = C::Group::deserialize_element(their_public).ok()?;
    Some(pad_from_shared::<C>(
        &(their * *secret),
        my_public,
        their_public,
        context,
        sending,
    ))
}

/// The pad for the share a participant encrypts to itself.
fn self_pad<C: ChillDkgCiphersuite>(host_secret: &[u8], nonce: &[u8], context: &[u8]) -> Scalar<C> {
    let h = Zeroizing::new(<ChillDkg<C> as Profile>::hash(
        "encaps_multi self_pad",
        &[host_secret, nonce, context],
    ));
    C::scalar_from_bytes_wrapping(&h)
}

// ---------------------------------------------------------------------------
// Messages and states
// ---------------------------------------------------------------------------

/// Encoded sizes: a scalar, an element, a signature.
const SL: usize = 32;
const EL: usize = 33;
const SIG: usize = 64;

pub(crate) fn pmsg1_len(t: usize, n: usize) -> usize {
    EL * t + SIG + EL + SL * n
}

pub(crate) fn cmsg1_len(t: usize, n: usize) -> usize {
    162 * n + EL * (t - 1)
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

/// Step 1's secrets beside the polynomial, all derived from one seed.
#[doc(hidden)]
pub struct Step1Secrets<C: Ciphersuite> {
    aux: Zeroizing<[u8; 32]>,
    secnonce: Zeroizing<Scalar<C>>,
    pubnonce: Vec<u8>,
    seckey_bytes: Zeroizing<Vec<u8>>,
    /// The encryption context: `t` and every host key.
    context: Vec<u8>,
}

/// What the coordinator aggregates from the first messages: the senders'
/// commitments to their secrets, the sums of the other coefficients, the
/// proofs, the nonces and the summed encrypted shares.
#[doc(hidden)]
pub struct Sums<'a, C: Ciphersuite> {
    coms_to_secrets: Vec<Element<C>>,
    sum_nonconst: Vec<Element<C>>,
    pops: Vec<&'a [u8]>,
    pubnonces: Vec<&'a [u8]>,
    enc_secshares: Vec<Scalar<C>>,
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
    /// The message to every participant, until it is taken out to be sent.
    pub(crate) cmsg1: Vec<u8>,
}

impl<C: Ciphersuite> core::fmt::Debug for CoordinatorState<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CoordinatorState").finish_non_exhaustive()
    }
}

/// The investigation after [`Error::UnknownFault`]: the coordinator's
/// messages and the participant's check of them.
mod investigate {
    use super::*;

    /// A parsed participant message 1, as the investigation needs it (the
    /// proof and the nonce are only checked for length).
    struct Pmsg1<C: Ciphersuite> {
        com: Vec<Element<C>>,
        enc_shares: Vec<Scalar<C>>,
    }

    /// Parses the `n` first messages for the coordinator: a wrong count or
    /// length is the caller's error (naming the sender), an undecodable
    /// value the sender's fault.
    fn parse_pmsgs1<C: Ciphersuite, B: AsRef<[u8]>>(
        pmsgs: &[B],
        t: usize,
        n: usize,
    ) -> Result<Vec<Pmsg1<C>>, Error<C>> {
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

    /// The investigation messages, one per participant: what each sender
    /// encrypted to it and the matching public share of each sender's
    /// polynomial. Public; may be broadcast.
    pub(super) fn coordinator_investigate<C: ChillDkgCiphersuite, B: AsRef<[u8]>>(
        pmsgs1: &[B],
        params: &SessionParams<C>,
    ) -> Result<Vec<Vec<u8>>, Error<C>> {
        let t = params.t as usize;
        let n = params.count();
        let parsed = parse_pmsgs1::<C, B>(pmsgs1, t, n)?;
        let ids: Vec<Identifier<C>> = (0..n).map(identifier_at).collect();
        // partial[j][i]: sender j's commitment evaluated at participant i.
        let partial: Vec<Vec<Element<C>>> = parsed
            .iter()
            .map(|m| {
                let com: Vec<CoefficientCommitment<C>> = m.com.iter().map(|e| CoefficientCommitment::new(*e)).collect();
                evaluate_commitment_at_all::<C>(&com, &ids)
            })
            .collect();
        Ok((0..n)
            .map(|i| {
                let mut msg = Vec::with_capacity(65 * n);
                for m in &parsed {
                    msg.extend_from_slice(&scalar_bytes::<C>(&m.enc_shares[i]));
                }
                let column: Vec<Element<C>> = partial.iter().map(|p| p[i]).collect();
                push_elements::<C>(&mut msg, &column);
                msg
            })
            .collect())
    }

    /// A participant's investigation: which sender's partial share does not
    /// match its partial public share. Always ends in an error, which names
    /// the suspect where one can be named.
    pub(super) fn participant_investigate<C: ChillDkgCiphersuite>(
        investigation: Investigation<C>,
        cinv: &[u8],
    ) -> Error<C> {
        let n = investigation.n;
        if let Err(e) = check_len::<C>(cinv, 65 * n) {
            return e;
        }
        let mut r = Cursor { bytes: cinv };
        let Some(enc_partial) = read_scalars::<C>(&mut r, n) else {
            return Error::FaultyCoordinator;
        };
        let Some(partial_pubshares) = read_elements::<C>(&mut r, n) else {
            return Error::FaultyCoordinator;
        };
        let partial_secshares: Zeroizing<Vec<Scalar<C>>> = Zeroizing::new(
            enc_partial
                .iter()
                .zip(&investigation.pads)
                .map(|(e, p)| *e - *p)
                .collect(),
        );
        if sum_elements::<C>(&partial_pubshares) != investigation.pubshare {
            return Error::FaultyCoordinator;
        }
        if sum_scalars::<C>(&partial_secshares) != investigation.secshare {
            // Encryption is additively homomorphic: the encrypted partial
            // shares do not sum to the encrypted share the coordinator sent.
            return Error::FaultyCoordinator;
        }
        for (i, (s, p)) in partial_secshares.iter().zip(&partial_pubshares).enumerate() {
            if C::Group::base_mul(s) != *p {
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
        // Consistent inputs: the investigation was called without a fault.
        Error::UnknownFault
    }
}

type P<C> = ChillDkg<C>;

/// `hostpubkey_gen` of the BIP: the host public key of a secret key given as
/// bytes. A length other than 32 is an [`Error::Decode`]; zero or a value
/// not below the group order is [`Error::InvalidHostSecretKey`].
pub fn hostpubkey_gen<C: ChillDkgCiphersuite>(hostseckey: &[u8]) -> Result<HostPublicKey<C>, Error<C>> {
    Ok(HostSecretKey::<C>::from_bytes(hostseckey)?.public_key())
}

impl<C: ChillDkgCiphersuite> SessionParams<C> {
    /// `params_hash` of the BIP: a hash of `t` and every host key, to be
    /// compared out of band (its `Display` is grouped hex).
    pub fn params_hash(&self) -> ParamsHash {
        ParamsHash(engine::params_hash::<P<C>>(self))
    }
}

/// Participant step 1. `random` must be 32 fresh random bytes (all zeros is
/// refused with [`Error::ZeroRandomness`]). Send the message to the
/// coordinator; keep the state for [`participant_step2`].
pub fn participant_step1<C: ChillDkgCiphersuite>(
    hostseckey: &HostSecretKey<C>,
    params: &SessionParams<C>,
    random: &[u8],
) -> Result<(ParticipantState1<C>, Vec<u8>), Error<C>> {
    engine::participant_step1::<P<C>>(hostseckey, params, random)
}

/// Coordinator step 1: aggregates the `n` first messages (in session order)
/// into the one message sent to every participant. A pure function of its
/// inputs: without a coordinator, any participant can compute it.
pub fn coordinator_step1<C: ChillDkgCiphersuite, B: AsRef<[u8]>>(
    pmsgs1: &[B],
    params: &SessionParams<C>,
) -> Result<(CoordinatorState<C>, Vec<u8>), Error<C>> {
    engine::coordinator_step1::<P<C>, B>(pmsgs1, params)
}

/// The coordinator's first message computed from the `n` first messages,
/// for a session without a coordinator: the same bytes as
/// [`coordinator_step1`].
pub fn aggregate_pmsgs1<C: ChillDkgCiphersuite, B: AsRef<[u8]>>(
    pmsgs1: &[B],
    params: &SessionParams<C>,
) -> Result<Vec<u8>, Error<C>> {
    coordinator_step1(pmsgs1, params).map(|(_, cmsg1)| cmsg1)
}

/// Participant step 2: checks the coordinator's message and signs the
/// transcript; send the 64-byte message to the coordinator. `aux_rand`:
/// 32 bytes, fresh randomness preferred (BIP340).
///
/// **After sending the message, never delete the host secret key**, even if
/// no certificate arrives (see the [module docs](self)).
pub fn participant_step2<C: ChillDkgCiphersuite>(
    hostseckey: &HostSecretKey<C>,
    state1: ParticipantState1<C>,
    cmsg1: &[u8],
    aux_rand: &[u8],
) -> Result<(ParticipantState2<C>, Vec<u8>), Step2Failure<C>> {
    engine::participant_step2::<P<C>>(hostseckey, state1, cmsg1, aux_rand)
}

/// Coordinator finalization: assembles and checks the certificate from the
/// `n` step-2 messages. Returns the certificate (send it to every
/// participant), the coordinator's output and the recovery data.
pub fn coordinator_finalize<C: ChillDkgCiphersuite, B: AsRef<[u8]>>(
    state: CoordinatorState<C>,
    pmsgs2: &[B],
) -> Result<(Vec<u8>, DkgOutput<C>, RecoveryData), Error<C>> {
    engine::coordinator_finalize::<P<C>, B>(state, (), pmsgs2)
}

/// Participant finalization: checks the certificate. On success the session
/// succeeded for this participant: store the output and the recovery data.
/// On failure the state is returned with the error, so that a later,
/// correct certificate can still be tried (deterministic; nothing is sent).
#[allow(clippy::type_complexity, clippy::result_large_err)]
pub fn participant_finalize<C: ChillDkgCiphersuite>(
    state2: ParticipantState2<C>,
    cmsg2: &[u8],
) -> Result<(DkgOutput<C>, RecoveryData), (ParticipantState2<C>, Error<C>)> {
    engine::participant_finalize::<P<C>>(state2, cmsg2).map(|(output, recovery, ())| (output, recovery))
}

/// The coordinator's investigation messages (one per participant, in
/// session order) after a participant reported [`Error::UnknownFault`].
pub fn coordinator_investigate<C: ChillDkgCiphersuite, B: AsRef<[u8]>>(
    pmsgs1: &[B],
    params: &SessionParams<C>,
) -> Result<Vec<Vec<u8>>, Error<C>> {
    investigate::coordinator_investigate::<C, B>(pmsgs1, params)
}

/// A participant's investigation with its investigation message: returns
/// the error naming a suspect ([`Error::FaultyParticipantOrCoordinator`]) or
/// the coordinator ([`Error::FaultyCoordinator`]).
pub fn participant_investigate<C: ChillDkgCiphersuite>(investigation: Investigation<C>, cinv: &[u8]) -> Error<C> {
    investigate::participant_investigate::<C>(investigation, cinv)
}

/// Restores a participant's output and the session parameters from its host
/// secret key and the session's recovery data.
pub fn participant_recover<C: ChillDkgCiphersuite>(
    hostseckey: &HostSecretKey<C>,
    recovery_data: &RecoveryData,
) -> Result<(DkgOutput<C>, SessionParams<C>), Error<C>> {
    engine::recover::<P<C>>(Some(hostseckey), recovery_data, ())
}

/// Restores the coordinator's (public) output and the session parameters
/// from recovery data.
pub fn coordinator_recover<C: ChillDkgCiphersuite>(
    recovery_data: &RecoveryData,
) -> Result<(DkgOutput<C>, SessionParams<C>), Error<C>> {
    engine::recover::<P<C>>(None, recovery_data, ())
}

/// A recovery acknowledgment (64 bytes): this participant's signature saying
/// it holds the recovery data.
pub fn participant_recovery_ack_sign<C: ChillDkgCiphersuite>(
    hostseckey: &HostSecretKey<C>,
    recovery_data: &RecoveryData,
    params: &SessionParams<C>,
    aux_rand: &[u8],
) -> Result<Vec<u8>, Error<C>> {
    engine::recovery_ack_sign::<P<C>>(hostseckey, recovery_data, params, aux_rand, ())
}

/// Verifies every participant's acknowledgment (in session order), naming
/// the first invalid one ([`Error::InvalidRecoveryAck`]). Failure does not
/// mean the DKG failed, only that not everybody is known to hold the data.
pub fn participant_recovery_acks_verify<C: ChillDkgCiphersuite, B: AsRef<[u8]>>(
    recovery_data: &RecoveryData,
    params: &SessionParams<C>,
    acks: &[B],
) -> Result<(), Error<C>> {
    engine::recovery_acks_verify::<P<C>, B>(recovery_data, params, acks, ())
}

/// BIP340 verification of a signature under an x-only key, as ChillDKG uses
/// it; public for tests. Hidden; not a stable API.
#[doc(hidden)]
pub fn bip340_verify<C: ChillDkgCiphersuite>(msg: &[u8], public: &Element<C>, sig: &[u8]) -> bool {
    <P<C> as Profile>::verify("", msg, public, sig)
}

/// Large groups and adaptive corruptions: read before running sessions
/// with many participants. (A documentation-only module.)
///
/// The security proofs behind ChillDKG and FROST (ePrint 2023/899 among
/// them) assume *static* corruptions: the adversary chooses whom to corrupt
/// before the session. An adversary that corrupts participants
/// *adaptively*, during or after the session and based on what it has seen,
/// is outside those proofs. Crites and Stewart (ePrint 2025/1001) study FROST
/// against adaptive corruptions; the guarantees there are weaker than, and
/// do not follow from, the static ones, and the difference grows with the
/// group: the larger `n` and `t`, the less the static bound says about an
/// adaptive adversary (see the paper for its exact statements; this note
/// does not restate them). No attack on ChillDKG or FROST is known. Where
/// adaptive corruption of many participants is a realistic threat (large
/// federations, long-lived keys), prefer smaller groups, refresh shares, and
/// treat the static bound as the only proven one.
pub mod large_parameters_warning {}

/// The ChillDKG module of a secp256k1 suite crate: this module's API with the
/// suite filled in. Hidden; used by `frost-secp256k1` and
/// `frost-secp256k1-tr`.
#[doc(hidden)]
#[macro_export]
macro_rules! __suite_chilldkg_api {
    ($suite:ty) => {
        /// ChillDKG, the BIP's distributed key generation without broadcast or
        /// confidential channels (see [`frost_core::keys::chilldkg`], which
        /// teaches the flow).
        pub mod chilldkg {
            pub use $crate::keys::chilldkg::{
                ParamsHash, RecoveryData, aggregate_pmsgs1, coordinator_finalize, coordinator_investigate,
                coordinator_recover, coordinator_step1, hostpubkey_gen, large_parameters_warning, participant_finalize,
                participant_investigate, participant_recover, participant_recovery_ack_sign,
                participant_recovery_acks_verify, participant_step1, participant_step2,
            };
            pub use $crate::keys::chilldkg::{
                Rejection, coordinator_check_attachments, participant_blame, participant_step1_with_attachment,
            };

            /// A blame attachment (see [`frost_core::keys::standalone::Attachment`]).
            pub type Attachment = $crate::keys::chilldkg::Attachment<$suite>;
            /// An accusation (see [`frost_core::keys::standalone::Accusation`]).
            pub type Accusation = $crate::keys::chilldkg::Accusation<$suite>;
            /// The verdict on an accusation (see [`frost_core::keys::standalone::Verdict`]).
            pub type Verdict = $crate::keys::standalone::Verdict<$suite>;
            /// A DLEQ proof (see [`frost_core::keys::standalone::DleqProof`]).
            pub type DleqProof = $crate::keys::standalone::DleqProof<$suite>;

            /// A host secret key (see [`frost_core::keys::standalone::HostSecretKey`]).
            pub type HostSecretKey = $crate::keys::standalone::HostSecretKey<$suite>;
            /// A host public key (see [`frost_core::keys::standalone::HostPublicKey`]).
            pub type HostPublicKey = $crate::keys::standalone::HostPublicKey<$suite>;
            /// Session parameters (see [`frost_core::keys::standalone::SessionParams`]).
            pub type SessionParams = $crate::keys::standalone::SessionParams<$suite>;
            /// A session's output (see [`frost_core::keys::standalone::DkgOutput`]).
            pub type DkgOutput = $crate::keys::standalone::DkgOutput<$suite>;
            /// Investigation data (see [`frost_core::keys::standalone::Investigation`]).
            pub type Investigation = $crate::keys::standalone::Investigation<$suite>;
            /// A failed step 2 (see [`frost_core::keys::standalone::Step2Failure`]).
            pub type Step2Failure = $crate::keys::standalone::Step2Failure<$suite>;
            /// A participant's state after step 1 (see [`frost_core::keys::chilldkg::ParticipantState1`]).
            pub type ParticipantState1 = $crate::keys::chilldkg::ParticipantState1<$suite>;
            /// A participant's state after step 2 (see [`frost_core::keys::chilldkg::ParticipantState2`]).
            pub type ParticipantState2 = $crate::keys::chilldkg::ParticipantState2<$suite>;
            /// The coordinator's state (see [`frost_core::keys::chilldkg::CoordinatorState`]).
            pub type CoordinatorState = $crate::keys::chilldkg::CoordinatorState<$suite>;
        }
    };
}
