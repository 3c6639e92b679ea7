//! COCKTAIL-DKG: distributed key generation for the five RFC 9591 suites that
//! needs no broadcast channel and no confidential channels, byte for byte
//! with C2SP's COCKTAIL-DKG 0.2.1
//! (<https://github.com/C2SP/C2SP/blob/main/cocktail-dkg.md>) and its
//! published vectors.
//!
//! Available in every suite crate (`frost-ristretto255`, `frost-ed25519`,
//! `frost-ed448`, `frost-p256`, `frost-secp256k1`, and `frost-secp256k1-tr`
//! through COCKTAIL's secp256k1 suite), each re-exporting this module as
//! `keys::cocktail`. The shared types (host keys, [`SessionParams`],
//! [`DkgOutput`], [`RecoveryData`], [`Step2Failure`]) live in
//! [`crate::keys::standalone`], beside ChillDKG ([`crate::keys::chilldkg`]).
//!
//! # The flow
//!
//! Every participant has a long-term static key, here a [`HostSecretKey`],
//! and authentic copies of everyone's [`HostPublicKey`]. The session is
//! described by a [`SessionContext`]: the ordered host keys, the threshold
//! `t` and the spec's `context` string, which must be unique to the session
//! ([`SessionContext::new`] builds the spec's recommended one from a session
//! id). One untrusted coordinator relays the messages. COCKTAIL's rounds map
//! onto the function names of [`crate::keys::chilldkg`]:
//!
//! | COCKTAIL | function | who | sends | to |
//! | --- | --- | --- | --- | --- |
//! | round 1 | [`participant_step1`] | each participant | `msg1` | coordinator |
//! | round 2 (relay) | [`coordinator_step1`], or [`coordinator_collect`] then [`coordinator_projection`] for each `i` | coordinator | `msg2_i`, a projection per recipient | participant `i` |
//! | round 2, round 3 (sign) | [`participant_step2`] | each participant | `sig_i` over the transcript | coordinator |
//! | round 3 (certificate) | [`coordinator_finalize`] | coordinator | the `n` signatures | every participant |
//! | round 3 (verify) | [`participant_finalize`] | each participant | – | – |
//!
//! `msg1` holds the participant's VSS commitment (`t` points), its proof of
//! possession of the constant term, an ephemeral public key and one
//! ciphertext per participant (itself included), each share encrypted with
//! an AEAD under a key derived from two ECDH secrets (ephemeral-to-static and
//! static-to-static). The coordinator checks each proof of possession and
//! forwards to participant `i` everyone's commitment, proof and ephemeral key
//! with the ciphertexts addressed to `i`. In step 2 a participant checks every
//! proof, decrypts and checks its shares, computes the outputs and signs the
//! transcript `T` (the suite id, the context, `n`, `t`, the host keys, every
//! commitment, proof and ephemeral key, and the application's extension)
//! with its static key. The `n` signatures over `T` are the certificate.
//!
//! # Payloads and the extension
//!
//! [`participant_step1`] takes optional payloads, one per recipient, encrypted
//! together with the shares; [`ParticipantState2::received_payloads`] gives
//! what the others sent. The [`Extension`] is appended to the transcript:
//! bytes the application agrees on, or [`Extension::PayloadCommitment`], the
//! spec's hash of the payloads (which needs every participant to send the
//! same payload to everyone). The coordinator needs the extension's bytes to
//! check the certificate ([`coordinator_finalize`]).
//!
//! # Recovery
//!
//! Unlike ChillDKG, the transcript does not contain the ciphertexts, so
//! recovery needs three things: the host secret key, the common
//! [`RecoveryData`] (`T` and the certificate, public) and the participant's
//! own [`EncryptedShareBundle`] (the `n` ciphertexts addressed to it).
//! [`participant_finalize`] returns both; keep both, and never delete a host
//! secret key after sending the step-2 message (see
//! [`crate::keys::chilldkg`] for why). [`participant_recover`] restores the
//! output, [`coordinator_recover`] the public part from the recovery data
//! alone. The spec asks that nobody relies on the key for critical
//! operations before every participant has confirmed holding its recovery
//! material; that confirmation is the application's (this module offers no
//! acknowledgment message, the spec defines none).
//!
//! # Errors
//!
//! A participant names the sender of a bad part of its `msg2` with
//! [`Error::FaultyParticipantOrCoordinator`] (the coordinator may have altered
//! it): a malformed commitment, proof or ciphertext frame, an invalid proof of
//! possession, a ciphertext that does not decrypt (the spec notes that this
//! blame is not publicly verifiable), a plaintext without a canonical share,
//! a share that does not match its commitment, an invalid certificate
//! signature. Changes to its own part, and trailing bytes, are
//! [`Error::FaultyCoordinator`]. The coordinator names the sender of a bad
//! `msg1` or signature with [`Error::FaultyParticipant`]. The checks of step 2
//! run sender by sender (parse, proof, decryption), then the share equations
//! of all senders at once; with several faults the first sender whose part
//! fails in that order is named. (The proofs of possession are checked in
//! one batch, one multiscalar multiplication, and one by one only after the
//! batch fails, so the sender named is the same.) Recovery fails with
//! [`Error::InvalidRecoveryData`]. No check panics on received bytes.
//!
//! # Verifiable blame
//!
//! The spec's blame is not publicly verifiable. Our extension (peers that
//! speak only the spec keep working) adds a signed attachment beside `msg1`
//! ([`participant_step1_with_attachment`]), the coordinator's check and
//! per-recipient forwarding of it ([`coordinator_check_attachments`],
//! [`coordinator_attachment_projection`]), and an [`Accusation`] that anyone
//! adjudicates with the [`SessionContext`] alone ([`participant_blame`],
//! [`Accusation::verify`]). It holds only when every participant sent an
//! attachment. An accusation of a bad share reveals `d_j * E_i` and the
//! static-static secret `d_j * P_i` between sender and accuser, for good:
//! **the accuser should rotate its host key** after publishing one.
//! `SECURITY.md` says what a verdict proves.
//!
//! # States
//!
//! [`ParticipantState1`], [`ParticipantState2`] and [`CoordinatorState`] are
//! COCKTAIL's own types, consumed by the step that follows; a ChillDKG state
//! does not type-check here:
//!
//! ```compile_fail
//! use frost_core::keys::{chilldkg, cocktail};
//! fn mix<C: chilldkg::ChillDkgCiphersuite + cocktail::CocktailCiphersuite>(
//!     key: &cocktail::HostSecretKey<C>,
//!     state: chilldkg::ParticipantState1<C>,
//! ) {
//!     let _ = cocktail::participant_step2(key, state, &[], cocktail::Extension::Bytes(b""));
//! }
//! ```
//!
//! # Where these bytes follow the vectors, not the spec text
//!
//! The published vectors (C2SP/CCTV) and the spec text disagree in three
//! places; this module follows the vectors, which are what other
//! implementations check against:
//!
//! 1. Ed25519's ECDH secrets are encoded as Edwards points (RFC 8032), not as
//!    Ristretto255 elements as the spec's table says.
//! 2. Ed448's scalars (secret keys, shares, the `z` of every signature) are
//!    56 bytes on COCKTAIL's wire, not 57, so signatures are 113 bytes. The
//!    outputs convert to frost-ed448's 57-byte encoding
//!    ([`DkgOutput::key_package`]).
//! 3. SHAKE256 gives 64 bytes wherever the spec leaves the length open (the
//!    context, the extension, payload commitments, `H(T)`).
//!
//! # Choosing between ChillDKG and COCKTAIL-DKG
//!
//! On secp256k1 both exist. ChillDKG's coordinator sums the commitments and
//! the encrypted shares, so each participant receives and signs `O(n + t)`
//! bytes; COCKTAIL's coordinator forwards every commitment, so each
//! participant receives `O(n * t)` bytes (about 21 MB per participant at
//! 667-of-1000) and hashes that transcript once per certificate signature.
//! At 67-of-100 a COCKTAIL participant took about 8 times ChillDKG's time
//! in the same program (`compare --standalone chilldkg,cocktail`, the
//! README's performance section) and received 237 KiB against 24 KiB.
//! Prefer ChillDKG for Bitcoin (it also applies the Taproot unspendable
//! tweak) and for large groups; COCKTAIL-DKG where the suite is not
//! secp256k1, for interoperability with other COCKTAIL implementations, or
//! where the payloads are needed. COCKTAIL's secp256k1 output carries **no**
//! Taproot tweak: with `frost-secp256k1-tr`, sign for an output key with a
//! key-path tweak (BIP 341's unspendable-script commitment) or with the
//! application's own merkle root, never with the bare key.
//!
//! # Example
//!
//! ```
//! # fn run<C: frost_core::keys::cocktail::CocktailCiphersuite>() -> Result<(), frost_core::Error<C>> {
//! use frost_core::keys::cocktail::*;
//! let mut rng = rand::rng();
//! let keys: Vec<HostSecretKey<C>> = (0..3).map(|_| HostSecretKey::generate(&mut rng)).collect();
//! let pubkeys: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key().to_bytes()).collect();
//! let session = SessionContext::new(SessionParams::new(&pubkeys, 2)?, b"a unique session id");
//!
//! let mut states = Vec::new();
//! let mut msgs1 = Vec::new();
//! for key in &keys {
//!     let (state, msg1) = participant_step1(key, &session, &[] as &[&[u8]], &mut rng)?;
//!     states.push(state);
//!     msgs1.push(msg1);
//! }
//! let (cstate, msgs2) = coordinator_step1(&msgs1, &session)?;
//! let mut states2 = Vec::new();
//! let mut sigs = Vec::new();
//! for ((key, state), msg2) in keys.iter().zip(states).zip(&msgs2) {
//!     let (state2, sig) = participant_step2(key, state, msg2, Extension::Bytes(b"")).map_err(|f| f.error)?;
//!     states2.push(state2);
//!     sigs.push(sig);
//! }
//! let (certificate, coordinator_output, recovery_data) = coordinator_finalize(cstate, b"", &sigs)?;
//! let mut bundles = Vec::new();
//! for state2 in states2 {
//!     let (output, _recovery, bundle) = participant_finalize(state2, &certificate).map_err(|(_, e)| e)?;
//!     assert_eq!(output.threshold_public_key(), coordinator_output.threshold_public_key());
//!     bundles.push(bundle);
//! }
//! let (recovered, _) = participant_recover(&keys[0], &recovery_data, &bundles[0])?;
//! assert!(recovered.secret_share().is_some());
//! # Ok(())
//! # }
//! ```

// The steps return the spec's tuples (state, messages), (certificate,
// output, recovery data); naming each tuple would hide that correspondence.
#![allow(clippy::type_complexity)]

use alloc::vec::Vec;
use core::fmt;

use core::marker::PhantomData;

use rand_core::CryptoRng;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use super::standalone::engine;
pub use super::standalone::{DkgOutput, HostPublicKey, HostSecretKey, RecoveryData, SessionParams, Step2Failure};
use super::standalone::{
    Opened, PopPart, Profile, Received, ReceivedPart, SignedItem, check_len, identifier_at, sealed,
};
use crate::ciphersuite::{element_bytes, is_zero, scalar_bytes};
use crate::{Ciphersuite, DecodeError, Element, Error, Group, Scalar};

#[doc(hidden)]
pub use zeroize::Zeroizing as SecretBytes;

mod blame;
pub use super::standalone::{DleqProof, Rejection, Verdict};
#[doc(hidden)]
pub use blame::CocktailBlame;
pub use blame::{
    Accusation, Attachment, coordinator_attachment_projection, coordinator_check_attachments, participant_blame,
    participant_step1_with_attachment,
};

/// The largest ciphertext accepted (`MAX_CIPHERTEXT_SIZE` of the spec): 64 KiB,
/// the spec's interoperability floor. A payload may be at most this minus the
/// share and the 16-byte tag.
pub const MAX_CIPHERTEXT_SIZE: usize = 65536;

/// The AEAD tag length (both AEADs).
const TAG_LEN: usize = 16;

/// The per-suite primitives COCKTAIL-DKG needs beyond [`Ciphersuite`]; every
/// suite crate implements it. Hidden; not a stable API.
#[doc(hidden)]
pub trait CocktailCiphersuite: Ciphersuite {
    /// The `ciphersuite_id` string, e.g. `COCKTAIL(Ed25519, SHA-512)`.
    const COCKTAIL_ID: &'static str;
    /// The scalar length on COCKTAIL's wire (56 for Ed448, whose vectors
    /// differ from frost-ed448's 57).
    const COCKTAIL_SCALAR_LEN: usize = <Self::Group as Group>::SCALAR_LEN;
    /// The output length of the suite's hash `H`.
    const HASH_LEN: usize;
    /// How many random bytes one `RandomScalar()` draw takes.
    const SAMPLE_LEN: usize;
    /// Whether `H6` length-prefixes `extra` (all but secp256k1).
    const H6_LENGTH_PREFIX: bool = true;

    /// `H`: the suite's hash over the concatenation of `parts` (SHAKE256 at
    /// 64 bytes for Ed448).
    fn hash(parts: &[&[u8]]) -> Vec<u8>;
    /// `H6`'s hash, the suite's prefix (or BIP340 tag) first, over `parts`.
    fn h6(parts: &[&[u8]]) -> Zeroizing<Vec<u8>>;
    /// The bytes the Schnorr nonce (`nonce`) or challenge (`!nonce`) hash
    /// input starts with: the suite's prefix, or for secp256k1 the doubled
    /// SHA-256 of the BIP340 tag.
    fn schnorr_prefix(nonce: bool) -> Vec<u8>;
    /// `HashToScalar` over the concatenation of `parts`.
    fn hash_to_scalar(parts: &[&[u8]]) -> Scalar<Self>;
    /// A scalar from [`CocktailCiphersuite::SAMPLE_LEN`] random bytes, `None`
    /// to draw again (rejection sampling).
    fn scalar_from_sample(bytes: &[u8]) -> Option<Scalar<Self>>;
    /// The test vectors' reduction of a labelled hash to a secret key: `H`
    /// (SHAKE256 at 114 bytes for Ed448) over `parts`, reduced.
    fn derive_scalar(parts: &[&[u8]]) -> Scalar<Self>;
    /// AEAD encryption with an empty associated data.
    fn aead_encrypt(key: &[u8; 32], nonce: &[u8; 24], plaintext: &[u8]) -> Vec<u8>;
    /// AEAD decryption; `None` if the tag does not verify.
    fn aead_decrypt(key: &[u8; 32], nonce: &[u8; 24], ciphertext: &[u8]) -> Option<Zeroizing<Vec<u8>>>;
    /// A scalar in COCKTAIL's encoding.
    fn cocktail_scalar_bytes(scalar: &Scalar<Self>) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(scalar_bytes::<Self>(scalar))
    }
    /// Decodes a canonical scalar in COCKTAIL's encoding.
    fn cocktail_scalar_from_bytes(bytes: &[u8]) -> Option<Scalar<Self>> {
        Self::Group::deserialize_scalar(bytes)
    }
}

fn el_len<C: CocktailCiphersuite>() -> usize {
    C::Group::ELEMENT_LEN
}

fn sig_len<C: CocktailCiphersuite>() -> usize {
    C::Group::ELEMENT_LEN + C::COCKTAIL_SCALAR_LEN
}

fn min_ciphertext<C: CocktailCiphersuite>() -> usize {
    C::COCKTAIL_SCALAR_LEN + TAG_LEN
}

// ---------------------------------------------------------------------------
// Session context
// ---------------------------------------------------------------------------

/// The session: the [`SessionParams`] (ordered host keys, `t`) and the spec's
/// `context` string. Every participant must build the same one.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionContext<C: Ciphersuite> {
    pub(crate) params: SessionParams<C>,
    pub(crate) context: Vec<u8>,
}

impl<C: CocktailCiphersuite> SessionContext<C> {
    /// The spec's recommended context: `H("COCKTAIL-DKG-CONTEXT" ||
    /// be64(len(session_id)) || session_id || be64(len(id)) || id || le32(n)
    /// || P_1 || ... || P_n)`. `session_id` must be unique to the session
    /// (random bytes, a counter, a timestamp).
    pub fn new(params: SessionParams<C>, session_id: &[u8]) -> Self {
        let mut preimage = Vec::with_capacity(64 + session_id.len() + params.count() * C::Group::ELEMENT_LEN);
        preimage.extend_from_slice(b"COCKTAIL-DKG-CONTEXT");
        preimage.extend_from_slice(&(session_id.len() as u64).to_be_bytes());
        preimage.extend_from_slice(session_id);
        preimage.extend_from_slice(&(C::COCKTAIL_ID.len() as u64).to_be_bytes());
        preimage.extend_from_slice(C::COCKTAIL_ID.as_bytes());
        preimage.extend_from_slice(&(params.count() as u32).to_le_bytes());
        for k in &params.hostpubkeys {
            preimage.extend_from_slice(&k.bytes);
        }
        let context = C::hash(&[&preimage]);
        Self { params, context }
    }

    /// A context the application built itself. It must be unique to the
    /// session and bind the ordered host keys and the suite's id (the spec's
    /// three requirements); prefer [`SessionContext::new`].
    pub fn with_context(params: SessionParams<C>, context: &[u8]) -> Self {
        Self {
            params,
            context: context.to_vec(),
        }
    }
}

impl<C: Ciphersuite> SessionContext<C> {
    /// The session parameters.
    pub fn params(&self) -> &SessionParams<C> {
        &self.params
    }

    /// The context bytes.
    pub fn context(&self) -> &[u8] {
        &self.context
    }
}

impl<C: Ciphersuite> fmt::Debug for SessionContext<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionContext")
            .field("params", &self.params)
            .field("context_len", &self.context.len())
            .finish()
    }
}

/// The application-specific extension appended to the transcript.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Extension<'a> {
    /// These bytes (empty for none); every participant must pass the same.
    Bytes(&'a [u8]),
    /// The spec's commitment to the received payloads,
    /// [`payload_extension`] of the payload each sender sent to this
    /// participant (every sender must send the same payload to everyone).
    PayloadCommitment,
}

/// The spec's extension derived from payloads: `H(le64(n) || le64(len p_1)
/// || p_1 || ... || le64(len p_n) || p_n)`.
pub fn payload_extension<C: CocktailCiphersuite, B: AsRef<[u8]>>(payloads: &[B]) -> Vec<u8> {
    let mut lens: Vec<[u8; 8]> = Vec::with_capacity(payloads.len() + 1);
    lens.push((payloads.len() as u64).to_le_bytes());
    for p in payloads {
        lens.push((p.as_ref().len() as u64).to_le_bytes());
    }
    let mut parts: Vec<&[u8]> = Vec::with_capacity(2 * payloads.len() + 1);
    parts.push(&lens[0]);
    for (p, len) in payloads.iter().zip(&lens[1..]) {
        parts.push(len);
        parts.push(p.as_ref());
    }
    C::hash(&parts)
}

// ---------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------

/// Decodes a static secret key in COCKTAIL's scalar encoding (56 bytes for
/// Ed448): canonical and non-zero ([`Error::InvalidHostSecretKey`]; a wrong
/// length is an [`Error::Decode`]).
pub fn hostseckey_from_bytes<C: CocktailCiphersuite>(bytes: &[u8]) -> Result<HostSecretKey<C>, Error<C>> {
    check_len::<C>(bytes, C::COCKTAIL_SCALAR_LEN)?;
    let scalar = C::cocktail_scalar_from_bytes(bytes).ok_or(Error::InvalidHostSecretKey)?;
    if is_zero::<C>(&scalar) {
        return Err(Error::InvalidHostSecretKey);
    }
    Ok(HostSecretKey { scalar })
}

/// The static public key of a secret key in COCKTAIL's encoding.
pub fn hostpubkey_gen<C: CocktailCiphersuite>(hostseckey: &[u8]) -> Result<HostPublicKey<C>, Error<C>> {
    Ok(hostseckey_from_bytes::<C>(hostseckey)?.public_key())
}

/// A static secret key in COCKTAIL's encoding (for a backup).
pub fn hostseckey_to_bytes<C: CocktailCiphersuite>(key: &HostSecretKey<C>) -> Zeroizing<Vec<u8>> {
    C::cocktail_scalar_bytes(&key.scalar)
}

// ---------------------------------------------------------------------------
// Primitives
// ---------------------------------------------------------------------------

/// `RandomScalar()` with resampling of zero.
#[doc(hidden)]
pub fn random_nonzero_scalar<C: CocktailCiphersuite, R: CryptoRng + ?Sized>(rng: &mut R) -> Scalar<C> {
    let mut buf = Zeroizing::new(alloc::vec![0u8; C::SAMPLE_LEN]);
    loop {
        rng.fill_bytes(&mut buf);
        if let Some(s) = C::scalar_from_sample(&buf) {
            if !is_zero::<C>(&s) {
                return s;
            }
        }
    }
}

/// The Schnorr signature's intermediate values, for the vectors'
/// `pop_intermediate`. Hidden; not a stable API.
#[doc(hidden)]
pub struct SchnorrTrace {
    /// The nonce hash input.
    pub nonce_input: Vec<u8>,
    /// The nonce `k`.
    pub nonce: Vec<u8>,
    /// `R = k * B`.
    pub nonce_commitment: Vec<u8>,
    /// The challenge hash input.
    pub challenge_input: Vec<u8>,
    /// The challenge `c`.
    pub challenge: Vec<u8>,
    /// `R || z`.
    pub signature: Vec<u8>,
}

/// COCKTAIL's Schnorr signature under `sk` over the concatenation of `msg`;
/// `None` when the nonce is zero (negligible; the spec aborts the session).
fn schnorr_sign<C: CocktailCiphersuite>(sk: &Scalar<C>, msg: &[&[u8]]) -> Option<Vec<u8>> {
    let pk = element_bytes::<C>(&C::Group::base_mul(sk));
    let sk_bytes = C::cocktail_scalar_bytes(sk);
    let nonce_prefix = C::schnorr_prefix(true);
    let mut parts: Vec<&[u8]> = Vec::with_capacity(msg.len() + 3);
    parts.push(&nonce_prefix);
    parts.push(&sk_bytes);
    parts.extend_from_slice(msg);
    let k = Zeroizing::new(C::hash_to_scalar(&parts));
    if is_zero::<C>(&k) {
        return None;
    }
    let r = element_bytes::<C>(&C::Group::base_mul(&k));
    let challenge_prefix = C::schnorr_prefix(false);
    let mut parts: Vec<&[u8]> = Vec::with_capacity(msg.len() + 3);
    parts.push(&challenge_prefix);
    parts.push(&r);
    parts.push(&pk);
    parts.extend_from_slice(msg);
    let c = C::hash_to_scalar(&parts);
    let z = *k + c * *sk;
    let mut sig = r;
    sig.extend_from_slice(&C::cocktail_scalar_bytes(&z));
    Some(sig)
}

/// The trace of [`schnorr_sign`] on `msg`. Hidden; for the vectors tool.
#[doc(hidden)]
pub fn schnorr_trace<C: CocktailCiphersuite>(sk: &Scalar<C>, msg: &[u8]) -> SchnorrTrace {
    let pk = element_bytes::<C>(&C::Group::base_mul(sk));
    let mut nonce_input = C::schnorr_prefix(true);
    nonce_input.extend_from_slice(&C::cocktail_scalar_bytes(sk));
    nonce_input.extend_from_slice(msg);
    let k = C::hash_to_scalar(&[&nonce_input]);
    let r = element_bytes::<C>(&C::Group::base_mul(&k));
    let mut challenge_input = C::schnorr_prefix(false);
    challenge_input.extend_from_slice(&r);
    challenge_input.extend_from_slice(&pk);
    challenge_input.extend_from_slice(msg);
    let c = C::hash_to_scalar(&[&challenge_input]);
    let z = k + c * *sk;
    let mut signature = r.clone();
    signature.extend_from_slice(&C::cocktail_scalar_bytes(&z));
    SchnorrTrace {
        nonce_input,
        nonce: C::cocktail_scalar_bytes(&k).to_vec(),
        nonce_commitment: r,
        challenge_input,
        challenge: C::cocktail_scalar_bytes(&c).to_vec(),
        signature,
    }
}

/// Verifies a COCKTAIL Schnorr signature (`R || z`) under `pk`.
fn schnorr_verify<C: CocktailCiphersuite>(pk: &Element<C>, pk_bytes: &[u8], msg: &[&[u8]], sig: &[u8]) -> bool {
    if sig.len() != sig_len::<C>() {
        return false;
    }
    let (r_bytes, z_bytes) = sig.split_at(el_len::<C>());
    let Some(z) = C::cocktail_scalar_from_bytes(z_bytes) else {
        return false;
    };
    let Ok(r) = C::Group::deserialize_element(r_bytes) else {
        return false;
    };
    let prefix = C::schnorr_prefix(false);
    let mut parts: Vec<&[u8]> = Vec::with_capacity(msg.len() + 3);
    parts.push(&prefix);
    parts.push(r_bytes);
    parts.push(pk_bytes);
    parts.extend_from_slice(msg);
    let c = C::hash_to_scalar(&parts);
    C::Group::vartime_multiscalar_mul(&[z, -c], &[C::Group::generator(), *pk]) == r
}

/// Whether every item verifies as [`schnorr_verify`] would verify it alone,
/// in one variable-time multiscalar multiplication: with the 128-bit
/// `weights` the signers cannot predict, `sum w_i z_i * B - sum w_i R_i -
/// sum w_i c_i * pk_i` is the identity. `false` only says that the batch
/// failed; the engine checks one by one to name the signer.
fn schnorr_verify_batch<C: CocktailCiphersuite>(items: &[SignedItem<'_, C>], weights: &[Scalar<C>]) -> bool {
    if items.len() != weights.len() {
        return false;
    }
    let prefix = C::schnorr_prefix(false);
    let mut scalars = Vec::with_capacity(2 * items.len() + 1);
    let mut points = Vec::with_capacity(2 * items.len() + 1);
    let mut z_sum = C::Group::zero();
    for (item, w) in items.iter().zip(weights) {
        if item.signature.len() != sig_len::<C>() {
            return false;
        }
        let (r_bytes, z_bytes) = item.signature.split_at(el_len::<C>());
        let (Some(z), Ok(r)) = (
            C::cocktail_scalar_from_bytes(z_bytes),
            C::Group::deserialize_element(r_bytes),
        ) else {
            return false;
        };
        let encoded;
        let pk_bytes = match item.public_bytes {
            Some(b) => b,
            None => {
                encoded = element_bytes::<C>(item.public);
                &encoded[..]
            }
        };
        let mut parts: Vec<&[u8]> = Vec::with_capacity(3 + item.message.len());
        parts.push(&prefix);
        parts.push(r_bytes);
        parts.push(pk_bytes);
        parts.extend_from_slice(item.message);
        let c = C::hash_to_scalar(&parts);
        z_sum = z_sum + *w * z;
        scalars.push(-*w);
        points.push(r);
        scalars.push(-(*w * c));
        points.push(*item.public);
    }
    scalars.push(z_sum);
    points.push(C::Group::generator());
    C::Group::vartime_multiscalar_mul(&scalars, &points) == C::Group::identity()
}

/// The AEAD key and nonce for the share from sender `s` to recipient `r`:
/// `x` is the two encoded ECDH secrets.
fn key_and_nonce<C: CocktailCiphersuite>(
    x: &[u8],
    ephemeral: &[u8],
    sender: &[u8],
    recipient: &[u8],
    context: &[u8],
) -> Zeroizing<([u8; 32], [u8; 24])> {
    let h6 = |extra: &[u8]| {
        let len = (extra.len() as u64).to_le_bytes();
        if C::H6_LENGTH_PREFIX {
            C::h6(&[x, ephemeral, sender, recipient, &len, extra])
        } else {
            C::h6(&[x, ephemeral, sender, recipient, extra])
        }
    };
    let mut out = Zeroizing::new(([0u8; 32], [0u8; 24]));
    if C::HASH_LEN >= 56 {
        let tmp = h6(context);
        out.0.copy_from_slice(&tmp[..32]);
        out.1.copy_from_slice(&tmp[32..56]);
    } else {
        let derive_extra = |label: &[u8]| {
            let mut e = Vec::with_capacity(16 + context.len() + label.len());
            e.extend_from_slice(&(context.len() as u64).to_le_bytes());
            e.extend_from_slice(context);
            e.extend_from_slice(&(label.len() as u64).to_le_bytes());
            e.extend_from_slice(label);
            e
        };
        let key = h6(&derive_extra(b"key"));
        let nonce = h6(&derive_extra(b"nonce"));
        out.0.copy_from_slice(&key[..32]);
        out.1.copy_from_slice(&nonce[..24]);
    }
    out
}

/// `ecdh_encode(a * P) || ecdh_encode(b * Q)`.
fn ecdh_pair<C: CocktailCiphersuite>(
    ephemeral_point: &Element<C>,
    ephemeral_scalar: &Scalar<C>,
    static_point: &Element<C>,
    static_scalar: &Scalar<C>,
) -> Zeroizing<Vec<u8>> {
    let mut x = Zeroizing::new(element_bytes::<C>(&(*ephemeral_point * *ephemeral_scalar)));
    x.extend_from_slice(&Zeroizing::new(element_bytes::<C>(&(*static_point * *static_scalar))));
    x
}

/// The ciphertext `sender` (with ephemeral secret `ephemeral`) would send
/// to `recipient` for `plaintext`. Hidden; for building error vectors.
#[doc(hidden)]
pub fn encrypt_share<C: CocktailCiphersuite>(
    sender: &HostSecretKey<C>,
    ephemeral: &Scalar<C>,
    recipient: &HostPublicKey<C>,
    context: &[u8],
    plaintext: &[u8],
) -> Vec<u8> {
    let e_bytes = element_bytes::<C>(&C::Group::base_mul(ephemeral));
    let ecdh = ecdh_pair::<C>(&recipient.element, ephemeral, &recipient.element, &sender.scalar);
    let kn = key_and_nonce::<C>(&ecdh, &e_bytes, &sender.public_key().bytes, &recipient.bytes, context);
    C::aead_encrypt(&kn.0, &kn.1, plaintext)
}

// ---------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------

/// One participant's public round-1 data and the ciphertexts that came with
/// it, borrowed from a message.
struct Block<'a, C: Ciphersuite> {
    com: Vec<Element<C>>,
    com_bytes: &'a [u8],
    pop: &'a [u8],
    ephemeral: Element<C>,
    ephemeral_bytes: &'a [u8],
    ciphertexts: Vec<&'a [u8]>,
}

/// A reader that reports the first problem as a [`DecodeError`].
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Result<&'a [u8], DecodeError> {
        if self.bytes.len() < len {
            return Err(DecodeError::Truncated);
        }
        let (head, tail) = self.bytes.split_at(len);
        self.bytes = tail;
        Ok(head)
    }

    fn u64_be(&mut self) -> Result<u64, DecodeError> {
        let b = self.take(8)?;
        Ok(u64::from_be_bytes(b.try_into().map_err(|_| DecodeError::Truncated)?))
    }

    fn u64_le(&mut self) -> Result<u64, DecodeError> {
        let b = self.take(8)?;
        Ok(u64::from_le_bytes(b.try_into().map_err(|_| DecodeError::Truncated)?))
    }

    fn u32_le(&mut self) -> Result<u32, DecodeError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes(b.try_into().map_err(|_| DecodeError::Truncated)?))
    }

    /// A length-prefixed ciphertext within the spec's bounds.
    fn framed<C: CocktailCiphersuite>(&mut self) -> Result<&'a [u8], DecodeError> {
        let len = self.u64_be()?;
        if len > MAX_CIPHERTEXT_SIZE as u64 || (len as usize) < min_ciphertext::<C>() {
            return Err(DecodeError::InvalidValue);
        }
        self.take(len as usize)
    }

    /// `count` non-identity elements.
    fn elements<C: CocktailCiphersuite>(&mut self, count: usize) -> Result<(Vec<Element<C>>, &'a [u8]), DecodeError> {
        let len = count.checked_mul(el_len::<C>()).ok_or(DecodeError::InvalidValue)?;
        let bytes = self.take(len)?;
        let mut out = Vec::with_capacity(count);
        for chunk in bytes.chunks_exact(el_len::<C>()) {
            out.push(decode_point::<C>(chunk)?);
        }
        Ok((out, bytes))
    }
}

fn decode_point<C: Ciphersuite>(bytes: &[u8]) -> Result<Element<C>, DecodeError> {
    C::Group::deserialize_element(bytes).map_err(|e| match e {
        crate::ElementError::Identity => DecodeError::IdentityElement,
        _ => DecodeError::MalformedElement,
    })
}

/// `C || PoP || E` followed by `ciphertexts` framed ciphertexts.
fn read_block<'a, C: CocktailCiphersuite>(
    r: &mut Reader<'a>,
    t: usize,
    ciphertexts: usize,
) -> Result<Block<'a, C>, DecodeError> {
    let (com, com_bytes) = r.elements::<C>(t)?;
    let pop = r.take(sig_len::<C>())?;
    let (e, ephemeral_bytes) = r.elements::<C>(1)?;
    // Bounded by the bytes present: each framed ciphertext takes at least 8.
    let mut cts = Vec::with_capacity(ciphertexts.min(r.bytes.len() / 8));
    for _ in 0..ciphertexts {
        cts.push(r.framed::<C>()?);
    }
    Ok(Block {
        com,
        com_bytes,
        pop,
        ephemeral: e[0],
        ephemeral_bytes,
        ciphertexts: cts,
    })
}

/// Whether a sender's proof of possession of its constant term verifies
/// (the spec's PoP over the context, the commitment and the ephemeral key).
/// Verifiable blame checks one sender's proof alone with it.
fn pop_verifies<C: CocktailCiphersuite>(context: &[u8], block: &Block<'_, C>) -> bool {
    let pk_bytes = &block.com_bytes[..el_len::<C>()];
    schnorr_verify::<C>(
        &block.com[0],
        pk_bytes,
        &[context, block.com_bytes, block.ephemeral_bytes],
        block.pop,
    )
}

fn push_framed(out: &mut Vec<u8>, ciphertext: &[u8]) {
    out.extend_from_slice(&(ciphertext.len() as u64).to_be_bytes());
    out.extend_from_slice(ciphertext);
}

/// The public part of the transcript every participant signs, without the
/// extension: the parts the coordinator and every participant keep.
#[derive(Clone)]
struct Public<C: Ciphersuite> {
    /// Every commitment, concatenated in session order.
    coms: Vec<u8>,
    /// Every proof of possession, concatenated.
    pops: Vec<u8>,
    /// Every ephemeral key, concatenated.
    ephemerals: Vec<u8>,
    /// The sum of the commitments, coefficient by coefficient.
    sum_coms: Vec<Element<C>>,
}

impl<C: CocktailCiphersuite> Public<C> {
    fn new(t: usize, n: usize) -> Self {
        Self {
            coms: Vec::with_capacity(n * t * el_len::<C>()),
            pops: Vec::with_capacity(n * sig_len::<C>()),
            ephemerals: Vec::with_capacity(n * el_len::<C>()),
            sum_coms: alloc::vec![C::Group::identity(); t],
        }
    }

    fn push(&mut self, block: &Block<'_, C>) {
        self.coms.extend_from_slice(block.com_bytes);
        self.pops.extend_from_slice(block.pop);
        self.ephemerals.extend_from_slice(block.ephemeral_bytes);
        for (s, c) in self.sum_coms.iter_mut().zip(&block.com) {
            *s = *s + *c;
        }
    }

    /// `T`, with `extension` appended.
    fn transcript(&self, session: &SessionContext<C>, extension: &[u8]) -> Vec<u8> {
        transcript::<C>(session, &[&self.coms], &[&self.pops], &[&self.ephemerals], extension)
    }
}

/// `T`: the suite id, the context, `n`, `t`, the host keys, every
/// commitment, every proof, every ephemeral key (each given in pieces), and
/// the extension.
fn transcript<C: CocktailCiphersuite>(
    session: &SessionContext<C>,
    coms: &[&[u8]],
    pops: &[&[u8]],
    ephemerals: &[&[u8]],
    extension: &[u8],
) -> Vec<u8> {
    let params = &session.params;
    let n = params.count();
    let len = |pieces: &[&[u8]]| pieces.iter().map(|p| p.len()).sum::<usize>();
    let mut t = Vec::with_capacity(
        40 + C::COCKTAIL_ID.len()
            + session.context.len()
            + n * el_len::<C>()
            + len(coms)
            + len(pops)
            + len(ephemerals)
            + extension.len(),
    );
    t.extend_from_slice(&(C::COCKTAIL_ID.len() as u64).to_le_bytes());
    t.extend_from_slice(C::COCKTAIL_ID.as_bytes());
    t.extend_from_slice(&(session.context.len() as u64).to_le_bytes());
    t.extend_from_slice(&session.context);
    t.extend_from_slice(&(n as u32).to_le_bytes());
    t.extend_from_slice(&params.t.to_le_bytes());
    for k in &params.hostpubkeys {
        t.extend_from_slice(&k.bytes);
    }
    for piece in coms.iter().chain(pops).chain(ephemerals) {
        t.extend_from_slice(piece);
    }
    t.extend_from_slice(&(extension.len() as u64).to_le_bytes());
    t.extend_from_slice(extension);
    t
}

// ---------------------------------------------------------------------------
// States
// ---------------------------------------------------------------------------

/// A participant's state between step 1 and step 2. Consumed by step 2.
/// COCKTAIL's own type: a ChillDKG state cannot be passed here.
pub struct ParticipantState1<C: Ciphersuite> {
    session: SessionContext<C>,
    index: usize,
    /// `C_i || PoP_i || E_i` as sent, to detect a coordinator that alters it.
    own_block: Vec<u8>,
}

impl<C: Ciphersuite> fmt::Debug for ParticipantState1<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParticipantState1")
            .field("participant", &identifier_at::<C>(self.index))
            .finish_non_exhaustive()
    }
}

/// A participant's state between step 2 and finalization: the output (with
/// the secret share, zeroized on drop), the transcript, the received payloads
/// and the ciphertexts addressed to it.
pub struct ParticipantState2<C: Ciphersuite> {
    session: SessionContext<C>,
    transcript: Vec<u8>,
    output: DkgOutput<C>,
    payloads: Vec<Zeroizing<Vec<u8>>>,
    bundle: Vec<u8>,
}

impl<C: Ciphersuite> ParticipantState2<C> {
    /// The payload each participant sent to this one, in session order
    /// (empty where none was sent). Confidential: zeroized on drop.
    pub fn received_payloads(&self) -> Vec<&[u8]> {
        self.payloads.iter().map(|p| &p[..]).collect()
    }

    /// The transcript `T` this participant signed.
    pub fn transcript(&self) -> &[u8] {
        &self.transcript
    }

    /// This participant's [`EncryptedShareBundle`] (the `n` ciphertexts
    /// addressed to it), the same bytes [`participant_finalize`] returns.
    /// Known once step 2 succeeded, so it can be stored with the host key's
    /// backup before the signature is sent: with a certificate that arrives
    /// later (or never, to this participant), recovery needs it.
    pub fn encrypted_share_bundle(&self) -> EncryptedShareBundle {
        EncryptedShareBundle {
            bytes: self.bundle.clone(),
        }
    }
}

impl<C: Ciphersuite> fmt::Debug for ParticipantState2<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParticipantState2").finish_non_exhaustive()
    }
}

/// The coordinator's state between its step 1 and finalization: the public
/// part of the transcript and every sender's ciphertexts, from which
/// [`coordinator_projection`] builds any participant's `msg2`. Holds nothing
/// secret (the coordinator is untrusted); cloning it copies the `n * n`
/// ciphertexts.
#[derive(Clone)]
pub struct CoordinatorState<C: Ciphersuite> {
    session: SessionContext<C>,
    public: Public<C>,
    /// Per sender, its `n` framed ciphertexts as received.
    ciphertexts: Vec<Vec<u8>>,
    /// Per sender, where each framed ciphertext starts in `ciphertexts`,
    /// and its end (`n + 1` offsets).
    starts: Vec<Vec<usize>>,
}

impl<C: Ciphersuite> fmt::Debug for CoordinatorState<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CoordinatorState").finish_non_exhaustive()
    }
}

/// A participant's encrypted share bundle `C^rec_i`: the `n` framed
/// ciphertexts addressed to it, in session order. Needed, with the
/// [`RecoveryData`] and the host secret key, for recovery; keep it with the
/// backup. Encrypted, but sensitive: with the host secret key it reveals the
/// shares and payloads.
#[derive(Clone, PartialEq, Eq)]
pub struct EncryptedShareBundle {
    bytes: Vec<u8>,
}

impl EncryptedShareBundle {
    /// Wraps stored bytes; they are validated when used for recovery.
    pub fn from_bytes(bytes: &[u8]) -> Self {
        Self { bytes: bytes.to_vec() }
    }

    /// The bytes, in the spec's format.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.bytes.clone()
    }

    /// The bytes, borrowed.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for EncryptedShareBundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EncryptedShareBundle({} bytes)", self.bytes.len())
    }
}

// ---------------------------------------------------------------------------
// The profile
// ---------------------------------------------------------------------------

/// The COCKTAIL-DKG profile of the standalone engine.
#[doc(hidden)]
pub struct Cocktail<C>(PhantomData<C>);

impl<C> sealed::Sealed for Cocktail<C> {}

type P<C> = Cocktail<C>;

/// What step 1 takes beside the key and the session: the payloads and a
/// source of random non-zero scalars.
#[doc(hidden)]
pub struct Step1Input<'a, C: Ciphersuite> {
    payloads: Vec<&'a [u8]>,
    draw: &'a mut dyn FnMut() -> Scalar<C>,
}

/// Step 1's secrets beside the polynomial: the ephemeral key and the
/// payloads to encrypt.
#[doc(hidden)]
pub struct Step1Secrets<C: Ciphersuite> {
    ephemeral: Zeroizing<Scalar<C>>,
    ephemeral_bytes: Vec<u8>,
    payloads: Vec<Zeroizing<Vec<u8>>>,
}

/// What the coordinator keeps of the first messages while it reads them.
#[doc(hidden)]
pub struct Collected<C: Ciphersuite> {
    public: Public<C>,
    /// Every sender's commitment to its secret (its proof's key).
    constants: Vec<Element<C>>,
    ciphertexts: Vec<Vec<u8>>,
    starts: Vec<Vec<usize>>,
}

impl<C: CocktailCiphersuite> Profile for Cocktail<C> {
    type C = C;
    type Session = SessionContext<C>;
    type Step1Input<'a> = Step1Input<'a, C>;
    type Step1Secrets = Step1Secrets<C>;
    type State1 = ParticipantState1<C>;
    type Step2Input<'a> = Extension<'a>;
    type State2 = ParticipantState2<C>;
    type Collected<'a> = Collected<C>;
    type CoordinatorState = CoordinatorState<C>;
    type CoordinatorMessages = Vec<Vec<u8>>;
    type FinalizeInput<'a> = &'a [u8];
    type Keep = EncryptedShareBundle;
    type RecoverInput<'a> = Option<&'a EncryptedShareBundle>;

    const SIG_LEN: usize = <C::Group as Group>::ELEMENT_LEN + C::COCKTAIL_SCALAR_LEN;
    const PROOFS_AFTER_DECRYPTION: bool = false;

    fn hash(tag: &str, parts: &[&[u8]]) -> [u8; 32] {
        // Not in the spec: only this crate's extensions use it.
        let th = Sha256::new()
            .chain_update(b"COCKTAIL-DKG/")
            .chain_update(tag.as_bytes())
            .finalize();
        let mut h = Sha256::new().chain_update(th).chain_update(th);
        for p in parts {
            h.update(p);
        }
        h.finalize().into()
    }

    fn sign(_prefix: &str, msg: &[u8], secret: &Scalar<C>, _aux_rand: &[u8; 32]) -> Option<Vec<u8>> {
        // The spec's signatures are deterministic and carry no tag.
        schnorr_sign::<C>(secret, &[msg])
    }

    fn verify(_prefix: &str, msg: &[u8], public: &Element<C>, sig: &[u8]) -> bool {
        schnorr_verify::<C>(public, &element_bytes::<C>(public), &[msg], sig)
    }

    fn verify_batch(_prefix: &str, items: &[SignedItem<'_, C>], weights: &[Scalar<C>]) -> bool {
        schnorr_verify_batch::<C>(items, weights)
    }

    fn output_tweak(_key: &Element<C>) -> Option<Scalar<C>> {
        Some(C::Group::zero())
    }

    fn signed_prefix(_label: &str, _index: usize) -> Vec<u8> {
        Vec::new()
    }

    fn pop_message<'a>(
        session: &'a SessionContext<C>,
        _position: &'a [u8; 4],
        com_bytes: &'a [u8],
        nonce: &'a [u8],
    ) -> [&'a [u8]; 3] {
        [&session.context, com_bytes, nonce]
    }

    fn params(session: &SessionContext<C>) -> &SessionParams<C> {
        &session.params
    }

    fn step1_secrets(
        _hostseckey: &HostSecretKey<C>,
        session: &SessionContext<C>,
        input: Step1Input<'_, C>,
    ) -> Result<(Zeroizing<Vec<Scalar<C>>>, Step1Secrets<C>), Error<C>> {
        let Step1Input { payloads, draw } = input;
        let n = session.params.count();
        if !payloads.is_empty() && payloads.len() != n {
            return Err(Error::IncorrectNumberOfMessages {
                expected: n,
                got: payloads.len(),
            });
        }
        if payloads
            .iter()
            .any(|p| p.len() > MAX_CIPHERTEXT_SIZE - min_ciphertext::<C>())
        {
            return Err(DecodeError::InvalidValue.into());
        }
        let coeffs: Zeroizing<Vec<Scalar<C>>> = Zeroizing::new((0..session.params.t).map(|_| draw()).collect());
        let ephemeral = Zeroizing::new(draw());
        let ephemeral_bytes = element_bytes::<C>(&C::Group::base_mul(&ephemeral));
        let payloads = payloads.iter().map(|p| Zeroizing::new(p.to_vec())).collect();
        let secrets = Step1Secrets {
            ephemeral,
            ephemeral_bytes,
            payloads,
        };
        Ok((coeffs, secrets))
    }

    fn public_nonce(secrets: &Step1Secrets<C>) -> &[u8] {
        &secrets.ephemeral_bytes
    }

    fn pop_aux(_secrets: &Step1Secrets<C>) -> [u8; 32] {
        [0u8; 32]
    }

    fn encrypt_share(
        hostseckey: &HostSecretKey<C>,
        session: &SessionContext<C>,
        index: usize,
        recipient: usize,
        secrets: &Step1Secrets<C>,
        share: &Scalar<C>,
        msg: &mut Vec<u8>,
    ) -> Result<(), Error<C>> {
        let keys = &session.params.hostpubkeys;
        let key = &keys[recipient];
        let ecdh = ecdh_pair::<C>(&key.element, &secrets.ephemeral, &key.element, &hostseckey.scalar);
        let kn = key_and_nonce::<C>(
            &ecdh,
            &secrets.ephemeral_bytes,
            &keys[index].bytes,
            &key.bytes,
            &session.context,
        );
        let mut plaintext = C::cocktail_scalar_bytes(share);
        if let Some(p) = secrets.payloads.get(recipient) {
            plaintext.extend_from_slice(p);
        }
        push_framed(msg, &C::aead_encrypt(&kn.0, &kn.1, &plaintext));
        Ok(())
    }

    fn state1(session: &SessionContext<C>, index: usize, block: &[u8], _com: &[Element<C>]) -> ParticipantState1<C> {
        ParticipantState1 {
            session: session.clone(),
            index,
            own_block: block.to_vec(),
        }
    }

    fn coordinator_start<'a>(session: &SessionContext<C>) -> Self::Collected<'a> {
        let (t, n) = (session.params.t as usize, session.params.count());
        Collected {
            public: Public::new(t, n),
            constants: Vec::with_capacity(n),
            ciphertexts: Vec::with_capacity(n),
            starts: Vec::with_capacity(n),
        }
    }

    /// The format of a `msg1`; its proof is checked with the others'.
    fn coordinator_absorb(
        acc: &mut Collected<C>,
        session: &SessionContext<C>,
        sender: usize,
        msg: &[u8],
    ) -> Result<(), Error<C>> {
        let (t, n) = (session.params.t as usize, session.params.count());
        let fault = || Error::FaultyParticipant {
            culprit: identifier_at(sender),
        };
        let mut r = Reader { bytes: msg };
        let block = read_block::<C>(&mut r, t, n).map_err(|_| fault())?;
        if !r.bytes.is_empty() {
            return Err(fault());
        }
        acc.public.push(&block);
        acc.constants.push(block.com[0]);
        // The framed ciphertexts follow the block, back to back.
        let block_len = t * el_len::<C>() + sig_len::<C>() + el_len::<C>();
        let framed = msg.get(block_len..).ok_or_else(fault)?;
        let mut offsets = Vec::with_capacity(n + 1);
        let mut at = 0;
        for ct in &block.ciphertexts {
            offsets.push(at);
            at += 8 + ct.len();
        }
        offsets.push(at);
        acc.ciphertexts.push(framed.to_vec());
        acc.starts.push(offsets);
        Ok(())
    }

    fn collected_pops<'a>(acc: &'a Collected<C>) -> Vec<PopPart<'a, C>> {
        let public = &acc.public;
        let com_len = public.sum_coms.len() * el_len::<C>();
        acc.constants
            .iter()
            .zip(public.coms.chunks_exact(com_len))
            .zip(public.pops.chunks_exact(sig_len::<C>()))
            .zip(public.ephemerals.chunks_exact(el_len::<C>()))
            .map(|(((key, com_bytes), pop), nonce)| PopPart {
                key: *key,
                com_bytes,
                nonce,
                pop,
            })
            .collect()
    }

    fn coordinator_state(acc: Collected<C>, session: &SessionContext<C>) -> Result<CoordinatorState<C>, Error<C>> {
        Ok(CoordinatorState {
            session: session.clone(),
            public: acc.public,
            ciphertexts: acc.ciphertexts,
            starts: acc.starts,
        })
    }

    fn coordinator_messages(state: &mut CoordinatorState<C>) -> Result<Vec<Vec<u8>>, Error<C>> {
        (0..state.ciphertexts.len())
            .map(|i| coordinator_projection(state, i).ok_or(Error::UnknownFault))
            .collect()
    }

    fn step2_aux(_extension: Extension<'_>) -> Result<[u8; 32], Error<C>> {
        Ok([0u8; 32])
    }

    fn state1_session(state: &ParticipantState1<C>) -> (&SessionContext<C>, usize) {
        (&state.session, state.index)
    }

    /// Every sender's part, stopping at the first that does not parse (what
    /// follows it cannot be located). Our own part must come back as we
    /// sent it: a change there is the coordinator's doing, whatever it
    /// breaks; so are trailing bytes.
    fn parse_received<'a>(state: &ParticipantState1<C>, msg2: &'a [u8]) -> Result<Received<'a, C>, Error<C>> {
        let params = &state.session.params;
        let (t, n) = (params.t as usize, params.count());
        let mut parts = Vec::with_capacity(n);
        let mut stop = None;
        let mut r = Reader { bytes: msg2 };
        for j in 0..n {
            if j == state.index && r.bytes.get(..state.own_block.len()) != Some(&state.own_block[..]) {
                stop = Some(Error::FaultyCoordinator);
                break;
            }
            match read_block::<C>(&mut r, t, 1) {
                Ok(block) => parts.push(ReceivedPart {
                    com: block.com,
                    com_bytes: block.com_bytes,
                    pop: block.pop,
                    nonce: block.ephemeral_bytes,
                    nonce_element: Some(block.ephemeral),
                    ciphertext: block.ciphertexts[0],
                }),
                Err(_) => {
                    stop = Some(Error::FaultyParticipantOrCoordinator {
                        culprit: identifier_at(j),
                    });
                    break;
                }
            }
        }
        if stop.is_none() && !r.bytes.is_empty() {
            stop = Some(Error::FaultyCoordinator);
        }
        let sum_coms = engine::sum_commitments::<C>(t, parts.iter().map(|p| &p.com[..]));
        Ok(Received {
            parts,
            stop,
            sum_coms,
            enc_shares: Vec::new(),
        })
    }

    /// A ciphertext that does not decrypt, or whose plaintext does not
    /// start with a canonical share, names its sender (the spec notes that
    /// this blame is not publicly verifiable).
    fn decrypt(
        hostseckey: &HostSecretKey<C>,
        session: &SessionContext<C>,
        index: usize,
        received: &Received<'_, C>,
        count: usize,
    ) -> Result<Opened<C>, usize> {
        let keys = &session.params.hostpubkeys;
        let d = &hostseckey.scalar;
        let mut shares = Zeroizing::new(Vec::with_capacity(count));
        let mut payloads = Vec::with_capacity(count);
        for (j, (sender, part)) in keys.iter().zip(&received.parts).take(count).enumerate() {
            let e = part.nonce_element.ok_or(j)?;
            let ecdh = ecdh_pair::<C>(&e, d, &sender.element, d);
            let kn = key_and_nonce::<C>(&ecdh, part.nonce, &sender.bytes, &keys[index].bytes, &session.context);
            let plaintext = C::aead_decrypt(&kn.0, &kn.1, part.ciphertext).ok_or(j)?;
            if plaintext.len() < C::COCKTAIL_SCALAR_LEN {
                return Err(j);
            }
            let (share, payload) = plaintext.split_at(C::COCKTAIL_SCALAR_LEN);
            shares.push(C::cocktail_scalar_from_bytes(share).ok_or(j)?);
            payloads.push(Zeroizing::new(payload.to_vec()));
        }
        Ok(Opened {
            values: shares,
            payloads,
        })
    }

    fn secret_share(_received: &Received<'_, C>, _index: usize, opened: &Opened<C>) -> Scalar<C> {
        engine::sum_scalars::<C>(&opened.values)
    }

    fn check_shares(
        received: &Received<'_, C>,
        index: usize,
        opened: &Opened<C>,
        weight_secret: &Scalar<C>,
        fingerprint: &[u8; 32],
    ) -> Result<(), usize> {
        engine::check_each_share::<C>(received, index, opened, weight_secret, fingerprint)
    }

    fn share_fault(
        _index: usize,
        _n: usize,
        _received: &Received<'_, C>,
        _opened: Opened<C>,
        _secshare: Scalar<C>,
        _pubshare: Element<C>,
    ) -> Step2Failure<C> {
        // Defence in depth (the spec's final check): holds whenever every
        // share verified.
        Error::UnknownFault.into()
    }

    fn transcript(
        session: &SessionContext<C>,
        received: &Received<'_, C>,
        opened: &Opened<C>,
        extension: Extension<'_>,
    ) -> Vec<u8> {
        let ext = match extension {
            Extension::Bytes(b) => b.to_vec(),
            Extension::PayloadCommitment => payload_extension::<C, _>(&opened.payloads),
        };
        let coms: Vec<&[u8]> = received.parts.iter().map(|p| p.com_bytes).collect();
        let pops: Vec<&[u8]> = received.parts.iter().map(|p| p.pop).collect();
        let ephemerals: Vec<&[u8]> = received.parts.iter().map(|p| p.nonce).collect();
        transcript::<C>(session, &coms, &pops, &ephemerals, &ext)
    }

    fn state2(
        state: ParticipantState1<C>,
        received: &Received<'_, C>,
        opened: Opened<C>,
        transcript: Vec<u8>,
        output: DkgOutput<C>,
    ) -> ParticipantState2<C> {
        let mut bundle = Vec::new();
        for part in &received.parts {
            push_framed(&mut bundle, part.ciphertext);
        }
        ParticipantState2 {
            session: state.session,
            transcript,
            output,
            payloads: opened.payloads,
            bundle,
        }
    }

    fn certificate_fault(signer: usize) -> Error<C> {
        Error::FaultyParticipantOrCoordinator {
            culprit: identifier_at(signer),
        }
    }

    fn state2_parts(state: &ParticipantState2<C>) -> (&SessionContext<C>, &[u8], &DkgOutput<C>) {
        (&state.session, &state.transcript, &state.output)
    }

    fn state2_finish(state: ParticipantState2<C>) -> (Vec<u8>, DkgOutput<C>, EncryptedShareBundle) {
        let ParticipantState2 {
            transcript,
            output,
            bundle,
            mut payloads,
            ..
        } = state;
        payloads.zeroize();
        (transcript, output, EncryptedShareBundle { bytes: bundle })
    }

    fn coordinator_session(state: &CoordinatorState<C>) -> &SessionContext<C> {
        &state.session
    }

    fn coordinator_finish(state: CoordinatorState<C>, extension: &[u8]) -> Result<(Vec<u8>, DkgOutput<C>), Error<C>> {
        let output = engine::public_output::<Self>(&state.session.params, &state.public.sum_coms)?;
        Ok((state.public.transcript(&state.session, extension), output))
    }

    /// `T` (the suite id checked) and the certificate; the ciphertexts from
    /// the bundle.
    fn decode_recovery<'a>(
        data: &'a [u8],
        bundle: Option<&'a EncryptedShareBundle>,
    ) -> Option<(SessionContext<C>, Received<'a, C>, usize)> {
        let mut r = Reader { bytes: data };
        let id_len = r.u64_le().ok()?;
        if id_len != C::COCKTAIL_ID.len() as u64 || r.take(C::COCKTAIL_ID.len()).ok()? != C::COCKTAIL_ID.as_bytes() {
            return None;
        }
        let ctx_len = usize::try_from(r.u64_le().ok()?).ok()?;
        let context = r.take(ctx_len).ok()?.to_vec();
        let n = r.u32_le().ok()? as usize;
        let t = r.u32_le().ok()?;
        if t == 0 || t as usize > n || n > super::standalone::MAX_PARTICIPANTS {
            return None;
        }
        let keys: Vec<&[u8]> = r.take(n * el_len::<C>()).ok()?.chunks_exact(el_len::<C>()).collect();
        let params = SessionParams::<C>::new(&keys, t).ok()?;
        let tu = t as usize;
        // Bounded by the bytes present: refuse before allocating for n * t points.
        if r.bytes.len() < n * tu * el_len::<C>() {
            return None;
        }
        let mut coms = Vec::with_capacity(n);
        for _ in 0..n {
            coms.push(r.elements::<C>(tu).ok()?);
        }
        let pops = r.take(n * sig_len::<C>()).ok()?;
        let mut ephemerals = Vec::with_capacity(n);
        for _ in 0..n {
            let (e, bytes) = r.elements::<C>(1).ok()?;
            ephemerals.push((e[0], bytes));
        }
        let ext_len = usize::try_from(r.u64_le().ok()?).ok()?;
        r.take(ext_len).ok()?;
        if r.bytes.len() != n * sig_len::<C>() {
            return None;
        }
        let mut parts: Vec<ReceivedPart<'a, C>> = coms
            .into_iter()
            .zip(pops.chunks_exact(sig_len::<C>()).zip(ephemerals))
            .map(|((com, com_bytes), (pop, (e, nonce)))| ReceivedPart {
                com,
                com_bytes,
                pop,
                nonce,
                nonce_element: Some(e),
                ciphertext: &[],
            })
            .collect();
        let mut stop = None;
        if let Some(bundle) = bundle {
            let mut b = Reader { bytes: &bundle.bytes };
            for part in parts.iter_mut() {
                match b.framed::<C>() {
                    Ok(ct) => part.ciphertext = ct,
                    Err(_) => {
                        stop = Some(Error::InvalidRecoveryData);
                        break;
                    }
                }
            }
            if !b.bytes.is_empty() {
                stop = Some(Error::InvalidRecoveryData);
            }
        }
        let sum_coms = engine::sum_commitments::<C>(tu, parts.iter().map(|p| &p.com[..]));
        let received = Received {
            parts,
            stop,
            sum_coms,
            enc_shares: Vec::new(),
        };
        Some((
            SessionContext { params, context },
            received,
            data.len() - n * sig_len::<C>(),
        ))
    }
}

// ---------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------

/// Participant step 1 (round 1): draws the polynomial and the ephemeral key
/// from `rng`, proves possession of the constant term and encrypts every
/// participant's share (with its payload) to that participant. Send the
/// message to the coordinator; keep the state for [`participant_step2`].
///
/// `payloads` is empty (no payloads) or holds one payload per recipient in
/// session order ([`Error::IncorrectNumberOfMessages`] otherwise), each at
/// most [`MAX_CIPHERTEXT_SIZE`] minus the share and the tag
/// ([`Error::Decode`] with [`DecodeError::InvalidValue`] otherwise).
pub fn participant_step1<C: CocktailCiphersuite, B: AsRef<[u8]>, R: CryptoRng + ?Sized>(
    hostseckey: &HostSecretKey<C>,
    session: &SessionContext<C>,
    payloads: &[B],
    rng: &mut R,
) -> Result<(ParticipantState1<C>, Vec<u8>), Error<C>> {
    let mut draw = || random_nonzero_scalar::<C, R>(rng);
    let input = Step1Input {
        payloads: payloads.iter().map(AsRef::as_ref).collect(),
        draw: &mut draw,
    };
    engine::participant_step1::<P<C>>(hostseckey, session, input)
}

/// Coordinator step 1 (the relay of round 2): checks every `msg1` (format and
/// proof of possession, naming the sender with [`Error::FaultyParticipant`])
/// and returns, in session order, the message `msg2_i` for each participant:
/// everyone's commitment, proof and ephemeral key with the ciphertexts
/// addressed to `i`.
///
/// The `n` messages hold `n * n * t` points together (about 21 GB at
/// 667-of-1000); a coordinator that sends them one at a time should call
/// [`coordinator_collect`] and then [`coordinator_projection`] for each
/// recipient instead, which give the same bytes.
pub fn coordinator_step1<C: CocktailCiphersuite, B: AsRef<[u8]>>(
    msgs1: &[B],
    session: &SessionContext<C>,
) -> Result<(CoordinatorState<C>, Vec<Vec<u8>>), Error<C>> {
    engine::coordinator_step1::<P<C>, B>(msgs1, session)
}

/// Coordinator step 1 without its messages: checks every `msg1` as
/// [`coordinator_step1`] does (naming the sender of a bad one with
/// [`Error::FaultyParticipant`]; the proofs of possession in one batch) and
/// keeps what the per-recipient messages are built from, so that
/// [`coordinator_projection`] can build each one when it is sent. The state
/// holds the `n` commitments and the `n * n` ciphertexts, about the size of
/// the `n` first messages.
pub fn coordinator_collect<C: CocktailCiphersuite, B: AsRef<[u8]>>(
    msgs1: &[B],
    session: &SessionContext<C>,
) -> Result<CoordinatorState<C>, Error<C>> {
    engine::coordinator_collect::<P<C>, B>(msgs1, session)
}

/// The message `msg2_i` for the participant at 0-based position `recipient`
/// (identifier `recipient + 1`): every sender's commitment, proof and
/// ephemeral key, each followed by its ciphertext addressed to `recipient`,
/// the bytes [`coordinator_step1`] returns at that position. `None` if
/// `recipient` is not below `n`.
pub fn coordinator_projection<C: CocktailCiphersuite>(
    state: &CoordinatorState<C>,
    recipient: usize,
) -> Option<Vec<u8>> {
    let t = state.session.params.t as usize;
    let (com_len, sig, el) = (t * el_len::<C>(), sig_len::<C>(), el_len::<C>());
    let public = &state.public;
    let framed = |j: usize| -> Option<&[u8]> {
        let offsets = state.starts.get(j)?;
        state
            .ciphertexts
            .get(j)?
            .get(*offsets.get(recipient)?..*offsets.get(recipient + 1)?)
    };
    let n = state.ciphertexts.len();
    let mut m = Vec::with_capacity(n * (com_len + sig + el + framed(0)?.len()));
    for j in 0..n {
        m.extend_from_slice(public.coms.get(j * com_len..(j + 1) * com_len)?);
        m.extend_from_slice(public.pops.get(j * sig..(j + 1) * sig)?);
        m.extend_from_slice(public.ephemerals.get(j * el..(j + 1) * el)?);
        m.extend_from_slice(framed(j)?);
    }
    Some(m)
}

/// Participant step 2 (round 2 and the signature of round 3): checks every
/// sender's proof of possession, decrypts and checks the shares addressed to
/// this participant, computes the outputs and signs the transcript with the
/// `extension`. Send the signature to the coordinator.
///
/// **After sending the signature, never delete the host secret key**, even
/// if no certificate arrives (see the [module docs](self)).
pub fn participant_step2<C: CocktailCiphersuite>(
    hostseckey: &HostSecretKey<C>,
    state1: ParticipantState1<C>,
    msg2: &[u8],
    extension: Extension<'_>,
) -> Result<(ParticipantState2<C>, Vec<u8>), Step2Failure<C>> {
    engine::participant_step2::<P<C>>(hostseckey, state1, msg2, extension)
}

/// Coordinator finalization (round 3): checks the `n` signatures over the
/// transcript with `extension` (the same bytes the participants used; for
/// [`Extension::PayloadCommitment`] the application must learn them) and
/// returns the certificate (send it to every participant), the
/// coordinator's output and the recovery data.
pub fn coordinator_finalize<C: CocktailCiphersuite, B: AsRef<[u8]>>(
    state: CoordinatorState<C>,
    extension: &[u8],
    sigs: &[B],
) -> Result<(Vec<u8>, DkgOutput<C>, RecoveryData), Error<C>> {
    engine::coordinator_finalize::<P<C>, B>(state, extension, sigs)
}

/// Participant finalization (round 3): checks the certificate. On success
/// the session succeeded for this participant: store the output, the
/// recovery data and the encrypted share bundle. On failure the state comes
/// back with the error (a bad signature names its signer with
/// [`Error::FaultyParticipantOrCoordinator`]), so a later, correct
/// certificate can still be tried.
#[allow(clippy::type_complexity, clippy::result_large_err)]
pub fn participant_finalize<C: CocktailCiphersuite>(
    state2: ParticipantState2<C>,
    certificate: &[u8],
) -> Result<(DkgOutput<C>, RecoveryData, EncryptedShareBundle), (ParticipantState2<C>, Error<C>)> {
    engine::participant_finalize::<P<C>>(state2, certificate)
}

// ---------------------------------------------------------------------------
// Recovery
// ---------------------------------------------------------------------------

/// Restores a participant's output and the session from its host secret
/// key, the session's [`RecoveryData`] and its [`EncryptedShareBundle`]:
/// the suite id is checked, the certificate verified, every ciphertext
/// decrypted and every share checked against its certified commitment. Any
/// failure is [`Error::InvalidRecoveryData`] ([`Error::HostKeyNotInSession`]
/// if the key is not among the certified host keys).
pub fn participant_recover<C: CocktailCiphersuite>(
    hostseckey: &HostSecretKey<C>,
    recovery_data: &RecoveryData,
    bundle: &EncryptedShareBundle,
) -> Result<(DkgOutput<C>, SessionContext<C>), Error<C>> {
    engine::recover::<P<C>>(Some(hostseckey), recovery_data, Some(bundle))
}

/// Restores the public output (threshold key and public shares) and the
/// session from the [`RecoveryData`] alone, after checking the certificate.
pub fn coordinator_recover<C: CocktailCiphersuite>(
    recovery_data: &RecoveryData,
) -> Result<(DkgOutput<C>, SessionContext<C>), Error<C>> {
    engine::recover::<P<C>>(None, recovery_data, None)
}

/// The AEAD half of a [`CocktailCiphersuite`] impl, for a RustCrypto AEAD
/// crate `$krate` (which re-exports `aead`) and its type `$aead` with a
/// 32-byte key and a 24-byte nonce. Hidden; used by the suite crates.
#[doc(hidden)]
#[macro_export]
macro_rules! __cocktail_aead {
    ($krate:ident, $aead:ident) => {
        fn aead_encrypt(key: &[u8; 32], nonce: &[u8; 24], plaintext: &[u8]) -> Vec<u8> {
            use $krate::aead::{Aead, KeyInit};
            $krate::$aead::new(&(*key).into())
                .encrypt(&(*nonce).into(), plaintext)
                .expect("shares and payloads are far below the AEAD's length limit")
        }

        fn aead_decrypt(
            key: &[u8; 32],
            nonce: &[u8; 24],
            ciphertext: &[u8],
        ) -> Option<$crate::keys::cocktail::SecretBytes<Vec<u8>>> {
            use $krate::aead::{Aead, KeyInit};
            $krate::$aead::new(&(*key).into())
                .decrypt(&(*nonce).into(), ciphertext)
                .ok()
                .map($crate::keys::cocktail::SecretBytes::new)
        }
    };
}

/// The hash half of a [`CocktailCiphersuite`] impl for the two SHA-512
/// suites on curve25519-dalek (`$prefix`: `COCKTAIL-DKG-Ed25519-SHA512` or
/// `COCKTAIL-DKG-Ristretto255-SHA512`). The suite crate must depend on
/// `sha2` and `curve25519-dalek`. Hidden; used by the suite crates.
#[doc(hidden)]
#[macro_export]
macro_rules! __cocktail_sha512 {
    ($prefix:literal) => {
        const HASH_LEN: usize = 64;
        const SAMPLE_LEN: usize = 64;

        fn hash(parts: &[&[u8]]) -> Vec<u8> {
            use sha2::Digest;
            let mut h = sha2::Sha512::new();
            for part in parts {
                h.update(part);
            }
            h.finalize().to_vec()
        }

        fn h6(parts: &[&[u8]]) -> $crate::keys::cocktail::SecretBytes<Vec<u8>> {
            let mut all = Vec::with_capacity(parts.len() + 1);
            all.push(concat!($prefix, "-H6").as_bytes());
            all.extend_from_slice(parts);
            $crate::keys::cocktail::SecretBytes::new(Self::hash(&all))
        }

        fn schnorr_prefix(nonce: bool) -> Vec<u8> {
            let prefix = if nonce {
                concat!($prefix, "-NONCE")
            } else {
                concat!($prefix, "-H7")
            };
            prefix.as_bytes().to_vec()
        }

        fn hash_to_scalar(parts: &[&[u8]]) -> curve25519_dalek::Scalar {
            let wide: [u8; 64] = Self::hash(parts).try_into().expect("64 bytes");
            curve25519_dalek::Scalar::from_bytes_mod_order_wide(&wide)
        }

        fn scalar_from_sample(bytes: &[u8]) -> Option<curve25519_dalek::Scalar> {
            Some(curve25519_dalek::Scalar::from_bytes_mod_order_wide(
                bytes.try_into().ok()?,
            ))
        }

        fn derive_scalar(parts: &[&[u8]]) -> curve25519_dalek::Scalar {
            Self::hash_to_scalar(parts)
        }
    };
}

/// The COCKTAIL module of a suite crate: this module's API with the suite
/// filled in. Hidden; used by every suite crate.
#[doc(hidden)]
#[macro_export]
macro_rules! __suite_cocktail_api {
    ($suite:ty) => {
        /// COCKTAIL-DKG, C2SP's distributed key generation without broadcast or
        /// confidential channels (see [`frost_core::keys::cocktail`], which
        /// teaches the flow).
        pub mod cocktail {
            pub use $crate::keys::cocktail::{
                EncryptedShareBundle, Extension, MAX_CIPHERTEXT_SIZE, RecoveryData, coordinator_collect,
                coordinator_finalize, coordinator_projection, coordinator_recover, coordinator_step1, hostpubkey_gen,
                hostseckey_from_bytes, hostseckey_to_bytes, participant_finalize, participant_recover,
                participant_step1, participant_step2, payload_extension,
            };

            /// A host (static) secret key (see [`frost_core::keys::standalone::HostSecretKey`]).
            pub type HostSecretKey = $crate::keys::standalone::HostSecretKey<$suite>;
            /// A host (static) public key (see [`frost_core::keys::standalone::HostPublicKey`]).
            pub type HostPublicKey = $crate::keys::standalone::HostPublicKey<$suite>;
            /// Session parameters (see [`frost_core::keys::standalone::SessionParams`]).
            pub type SessionParams = $crate::keys::standalone::SessionParams<$suite>;
            /// The session context (see [`frost_core::keys::cocktail::SessionContext`]).
            pub type SessionContext = $crate::keys::cocktail::SessionContext<$suite>;
            /// A session's output (see [`frost_core::keys::standalone::DkgOutput`]).
            pub type DkgOutput = $crate::keys::standalone::DkgOutput<$suite>;
            /// A failed step 2 (see [`frost_core::keys::standalone::Step2Failure`]).
            pub type Step2Failure = $crate::keys::standalone::Step2Failure<$suite>;
            /// A participant's state after step 1 (see [`frost_core::keys::cocktail::ParticipantState1`]).
            pub type ParticipantState1 = $crate::keys::cocktail::ParticipantState1<$suite>;
            /// A participant's state after step 2 (see [`frost_core::keys::cocktail::ParticipantState2`]).
            pub type ParticipantState2 = $crate::keys::cocktail::ParticipantState2<$suite>;
            /// The coordinator's state (see [`frost_core::keys::cocktail::CoordinatorState`]).
            pub type CoordinatorState = $crate::keys::cocktail::CoordinatorState<$suite>;

            $crate::__suite_cocktail_blame_api!($suite);
        }
    };
}
