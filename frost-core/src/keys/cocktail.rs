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

use rand_core::CryptoRng;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

pub use super::standalone::{DkgOutput, HostPublicKey, HostSecretKey, RecoveryData, SessionParams, Step2Failure};
use super::standalone::{check_len, identifier_at};
use crate::ciphersuite::{element_bytes, is_zero, scalar_bytes};
use crate::keys::SigningShare;
use crate::keys::commitment::{CoefficientCommitment, evaluate_commitment, evaluate_commitment_at_all};
use crate::keys::dkg::batch_weights;
use crate::{Ciphersuite, DecodeError, Element, Error, Group, Identifier, Scalar};

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

/// One signature for [`schnorr_verify_batch`]: the public key (decoded and
/// encoded), the message in parts, the signature bytes.
struct SignedParts<'a, C: Ciphersuite> {
    pk: &'a Element<C>,
    pk_bytes: &'a [u8],
    msg: &'a [&'a [u8]],
    sig: &'a [u8],
}

/// Whether every item verifies as [`schnorr_verify`] would verify it alone,
/// in one variable-time multiscalar multiplication: with the 128-bit
/// `weights` the signers cannot predict, `sum w_i z_i * B - sum w_i R_i -
/// sum w_i c_i * pk_i` is the identity. `false` only says that the batch
/// failed; the caller checks one by one to name the signer.
fn schnorr_verify_batch<C: CocktailCiphersuite>(items: &[SignedParts<'_, C>], weights: &[Scalar<C>]) -> bool {
    if items.len() != weights.len() {
        return false;
    }
    let prefix = C::schnorr_prefix(false);
    let mut scalars = Vec::with_capacity(2 * items.len() + 1);
    let mut points = Vec::with_capacity(2 * items.len() + 1);
    let mut z_sum = C::Group::zero();
    let mut parts: Vec<&[u8]> = Vec::new();
    for (item, w) in items.iter().zip(weights) {
        if item.sig.len() != sig_len::<C>() {
            return false;
        }
        let (r_bytes, z_bytes) = item.sig.split_at(el_len::<C>());
        let (Some(z), Ok(r)) = (
            C::cocktail_scalar_from_bytes(z_bytes),
            C::Group::deserialize_element(r_bytes),
        ) else {
            return false;
        };
        parts.clear();
        parts.push(&prefix);
        parts.push(r_bytes);
        parts.push(item.pk_bytes);
        parts.extend_from_slice(item.msg);
        let c = C::hash_to_scalar(&parts);
        z_sum = z_sum + *w * z;
        scalars.push(-*w);
        points.push(r);
        scalars.push(-(*w * c));
        points.push(*item.pk);
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

fn push_framed(out: &mut Vec<u8>, ciphertext: &[u8]) {
    out.extend_from_slice(&(ciphertext.len() as u64).to_be_bytes());
    out.extend_from_slice(ciphertext);
}

/// The PoP message `context || C_j || E_j`, as parts.
fn pop_verifies<C: CocktailCiphersuite>(context: &[u8], block: &Block<'_, C>) -> bool {
    let pk_bytes = &block.com_bytes[..el_len::<C>()];
    schnorr_verify::<C>(
        &block.com[0],
        pk_bytes,
        &[context, block.com_bytes, block.ephemeral_bytes],
        block.pop,
    )
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
        let params = &session.params;
        let n = params.count();
        let mut t = Vec::with_capacity(
            40 + C::COCKTAIL_ID.len()
                + session.context.len()
                + n * el_len::<C>()
                + self.coms.len()
                + self.pops.len()
                + self.ephemerals.len()
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
        t.extend_from_slice(&self.coms);
        t.extend_from_slice(&self.pops);
        t.extend_from_slice(&self.ephemerals);
        t.extend_from_slice(&(extension.len() as u64).to_le_bytes());
        t.extend_from_slice(extension);
        t
    }

    /// The threshold key and every participant's public share.
    fn output(&self, t: u32, n: usize, secret: Option<(usize, SigningShare<C>)>) -> DkgOutput<C> {
        let coms: Vec<CoefficientCommitment<C>> =
            self.sum_coms.iter().map(|e| CoefficientCommitment::new(*e)).collect();
        let ids: Vec<Identifier<C>> = (0..n).map(identifier_at).collect();
        DkgOutput {
            t,
            secret,
            threshold_key: self.sum_coms[0],
            pubshares: evaluate_commitment_at_all::<C>(&coms, &ids),
        }
    }
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

/// Checks `s_j * B == sum_k i^k C_{j,k}` for every sender at once (random
/// weights from `fingerprint`, a digest of what was received, and the
/// secret `weight_secret`), then one by one to name the first failing
/// sender.
fn verify_shares<C: CocktailCiphersuite>(
    index: usize,
    shares: &[Scalar<C>],
    coms: &[Vec<Element<C>>],
    weight_secret: &Scalar<C>,
    fingerprint: &[u8; 32],
) -> Result<(), usize> {
    let t = coms.first().map_or(0, Vec::len);
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
        for (p, c) in powers.iter().zip(com) {
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
    let params = &session.params;
    let own = hostseckey.public_key();
    let index = params.position(&own).ok_or(Error::HostKeyNotInSession)?;
    let t = params.t as usize;
    let n = params.count();
    if !payloads.is_empty() && payloads.len() != n {
        return Err(Error::IncorrectNumberOfMessages {
            expected: n,
            got: payloads.len(),
        });
    }
    if payloads
        .iter()
        .any(|p| p.as_ref().len() > MAX_CIPHERTEXT_SIZE - min_ciphertext::<C>())
    {
        return Err(DecodeError::InvalidValue.into());
    }

    let mut coeffs: Zeroizing<Vec<Scalar<C>>> = Zeroizing::new(Vec::with_capacity(t));
    for _ in 0..t {
        coeffs.push(random_nonzero_scalar::<C, R>(rng));
    }
    let e = Zeroizing::new(random_nonzero_scalar::<C, R>(rng));
    let com: Vec<Element<C>> = coeffs.iter().map(C::Group::base_mul).collect();
    let mut msg = alloc::vec![0u8; t * el_len::<C>()];
    C::Group::serialize_elements(&com, &mut msg);
    let ephemeral = element_bytes::<C>(&C::Group::base_mul(&e));
    let pop = schnorr_sign::<C>(&coeffs[0], &[&session.context, &msg, &ephemeral]).ok_or(Error::UnknownFault)?;
    msg.extend_from_slice(&pop);
    msg.extend_from_slice(&ephemeral);
    let own_block = msg.clone();

    for (j, key) in params.hostpubkeys.iter().enumerate() {
        let x = C::Group::scalar_from_u64(j as u64 + 1);
        let share = Zeroizing::new(coeffs.iter().rev().fold(C::Group::zero(), |acc, a| acc * x + *a));
        let ecdh = ecdh_pair::<C>(&key.element, &e, &key.element, &hostseckey.scalar);
        let kn = key_and_nonce::<C>(&ecdh, &ephemeral, &own.bytes, &key.bytes, &session.context);
        let mut plaintext = C::cocktail_scalar_bytes(&share);
        if let Some(p) = payloads.get(j) {
            plaintext.extend_from_slice(p.as_ref());
        }
        let ct = C::aead_encrypt(&kn.0, &kn.1, &plaintext);
        push_framed(&mut msg, &ct);
    }
    Ok((
        ParticipantState1 {
            session: session.clone(),
            index,
            own_block,
        },
        msg,
    ))
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
    let state = coordinator_collect(msgs1, session)?;
    let msgs2 = (0..state.ciphertexts.len())
        .map(|i| coordinator_projection(&state, i).ok_or(Error::UnknownFault))
        .collect::<Result<_, _>>()?;
    Ok((state, msgs2))
}

/// Coordinator step 1 without its messages: checks every `msg1` as
/// [`coordinator_step1`] does (naming the sender of a bad one with
/// [`Error::FaultyParticipant`]) and keeps what the per-recipient messages
/// are built from, so that [`coordinator_projection`] can build each one
/// when it is sent. The state holds the `n` commitments and the `n * n`
/// ciphertexts, about the size of the `n` first messages.
pub fn coordinator_collect<C: CocktailCiphersuite, B: AsRef<[u8]>>(
    msgs1: &[B],
    session: &SessionContext<C>,
) -> Result<CoordinatorState<C>, Error<C>> {
    let params = &session.params;
    let t = params.t as usize;
    let n = params.count();
    if msgs1.len() != n {
        return Err(Error::IncorrectNumberOfMessages {
            expected: n,
            got: msgs1.len(),
        });
    }
    let mut public = Public::<C>::new(t, n);
    let mut ciphertexts = Vec::with_capacity(n);
    let mut starts = Vec::with_capacity(n);
    let block_len = t * el_len::<C>() + sig_len::<C>() + el_len::<C>();
    for (j, msg) in msgs1.iter().enumerate() {
        let culprit = identifier_at::<C>(j);
        let fault = Error::FaultyParticipant { culprit };
        let msg = msg.as_ref();
        let mut r = Reader { bytes: msg };
        let block = read_block::<C>(&mut r, t, n).map_err(|_| fault.clone())?;
        if !r.bytes.is_empty() || !pop_verifies::<C>(&session.context, &block) {
            return Err(fault);
        }
        public.push(&block);
        // The framed ciphertexts follow the block, back to back.
        let framed = msg.get(block_len..).ok_or(fault)?;
        let mut offsets = Vec::with_capacity(n + 1);
        let mut at = 0;
        for ct in &block.ciphertexts {
            offsets.push(at);
            at += 8 + ct.len();
        }
        offsets.push(at);
        ciphertexts.push(framed.to_vec());
        starts.push(offsets);
    }
    Ok(CoordinatorState {
        session: session.clone(),
        public,
        ciphertexts,
        starts,
    })
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
    let ParticipantState1 {
        session,
        index,
        own_block,
    } = state1;
    let params = &session.params;
    let own = &params.hostpubkeys[index];
    if hostseckey.public_key().bytes != own.bytes {
        return Err(Error::HostKeyNotInSession.into());
    }
    let t = params.t as usize;
    let n = params.count();
    let d = &hostseckey.scalar;

    let fault = |j: usize| Error::FaultyParticipantOrCoordinator {
        culprit: identifier_at(j),
    };

    // Parse every sender's part, stopping at the first that does not parse
    // (what follows it cannot be located). Our own part must come back as we
    // sent it: a change there is the coordinator's doing, whatever it breaks.
    let mut blocks = Vec::with_capacity(n);
    let mut stop: Option<(usize, Error<C>)> = None;
    let mut r = Reader { bytes: msg2 };
    for j in 0..n {
        if j == index && r.bytes.get(..own_block.len()) != Some(&own_block[..]) {
            stop = Some((j, Error::FaultyCoordinator));
            break;
        }
        match read_block::<C>(&mut r, t, 1) {
            Ok(block) => blocks.push(block),
            Err(_) => {
                stop = Some((j, fault(j)));
                break;
            }
        }
    }
    let parsed = blocks.len();

    // The proofs of possession of every parsed part, in one batch; one by
    // one only after a failure, to find the first bad one.
    let digest: [u8; 32] = Sha256::digest(msg2).into();
    let mut pop_fingerprint = Sha256::new();
    pop_fingerprint.update(b"COCKTAIL-DKG PoP batch");
    pop_fingerprint.update(digest);
    let pop_fingerprint: [u8; 32] = pop_fingerprint.finalize().into();
    let messages: Vec<[&[u8]; 3]> = blocks
        .iter()
        .map(|b| [&session.context[..], b.com_bytes, b.ephemeral_bytes])
        .collect();
    let items: Vec<SignedParts<'_, C>> = blocks
        .iter()
        .zip(&messages)
        .map(|(b, msg)| SignedParts {
            pk: &b.com[0],
            pk_bytes: &b.com_bytes[..el_len::<C>()],
            msg,
            sig: b.pop,
        })
        .collect();
    let weights = batch_weights::<C>(d, &pop_fingerprint, items.len());
    let first_bad_pop = if schnorr_verify_batch::<C>(&items, &weights) {
        parsed
    } else {
        blocks
            .iter()
            .position(|b| !pop_verifies::<C>(&session.context, b))
            .unwrap_or(parsed)
    };

    // Decrypt up to the first bad proof: the first sender whose part fails
    // to parse, to prove possession or to decrypt is the one named, as if
    // each sender's part were checked in turn.
    let mut public = Public::<C>::new(t, n);
    let mut shares: Zeroizing<Vec<Scalar<C>>> = Zeroizing::new(Vec::with_capacity(n));
    let mut payloads = Vec::with_capacity(n);
    let mut bundle = Vec::new();
    for (j, (sender, block)) in params.hostpubkeys.iter().zip(&blocks).enumerate() {
        if j == first_bad_pop {
            return Err(fault(j).into());
        }
        let ct = block.ciphertexts[0];
        let ecdh = ecdh_pair::<C>(&block.ephemeral, d, &sender.element, d);
        let kn = key_and_nonce::<C>(
            &ecdh,
            block.ephemeral_bytes,
            &sender.bytes,
            &own.bytes,
            &session.context,
        );
        let plaintext = C::aead_decrypt(&kn.0, &kn.1, ct).ok_or(fault(j))?;
        if plaintext.len() < C::COCKTAIL_SCALAR_LEN {
            return Err(fault(j).into());
        }
        let (share, payload) = plaintext.split_at(C::COCKTAIL_SCALAR_LEN);
        let share = C::cocktail_scalar_from_bytes(share).ok_or(fault(j))?;
        shares.push(share);
        payloads.push(Zeroizing::new(payload.to_vec()));
        push_framed(&mut bundle, ct);
        public.push(block);
    }
    if let Some((_, e)) = stop {
        return Err(e.into());
    }
    if !r.bytes.is_empty() {
        return Err(Error::FaultyCoordinator.into());
    }
    let coms: Vec<Vec<Element<C>>> = blocks.into_iter().map(|b| b.com).collect();
    verify_shares::<C>(index, &shares, &coms, d, &digest)
        .map_err(|j| if j < n { fault(j) } else { Error::UnknownFault })?;

    let secret = Zeroizing::new(shares.iter().fold(C::Group::zero(), |acc, s| acc + *s));
    let output = public.output(params.t, n, Some((index, SigningShare::from_scalar(*secret))));
    // Defence in depth (the spec's final check): holds whenever every share
    // verified.
    if C::Group::base_mul(&secret) != output.pubshares[index] {
        return Err(Error::UnknownFault.into());
    }
    let ext = match extension {
        Extension::Bytes(b) => b.to_vec(),
        Extension::PayloadCommitment => payload_extension::<C, _>(&payloads),
    };
    let transcript = public.transcript(&session, &ext);
    let sig = schnorr_sign::<C>(d, &[&transcript]).ok_or(Error::UnknownFault)?;
    Ok((
        ParticipantState2 {
            session,
            transcript,
            output,
            payloads,
            bundle,
        },
        sig,
    ))
}

/// The index of the first certificate signature that does not verify.
fn certificate_verify<C: CocktailCiphersuite>(
    params: &SessionParams<C>,
    transcript: &[u8],
    cert: &[u8],
) -> Result<(), usize> {
    for (j, (key, sig)) in params
        .hostpubkeys
        .iter()
        .zip(cert.chunks_exact(sig_len::<C>()))
        .enumerate()
    {
        if !schnorr_verify::<C>(&key.element, &key.bytes, &[transcript], sig) {
            return Err(j);
        }
    }
    Ok(())
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
    let params = &state.session.params;
    let n = params.count();
    if sigs.len() != n {
        return Err(Error::IncorrectNumberOfMessages {
            expected: n,
            got: sigs.len(),
        });
    }
    let mut cert = Vec::with_capacity(n * sig_len::<C>());
    for (j, sig) in sigs.iter().enumerate() {
        check_len::<C>(sig.as_ref(), sig_len::<C>()).map_err(|e| e.with_sender(identifier_at(j)))?;
        cert.extend_from_slice(sig.as_ref());
    }
    let transcript = state.public.transcript(&state.session, extension);
    certificate_verify::<C>(params, &transcript, &cert).map_err(|j| Error::FaultyParticipant {
        culprit: identifier_at(j),
    })?;
    let output = state.public.output(params.t, n, None);
    let mut bytes = transcript;
    bytes.extend_from_slice(&cert);
    Ok((cert, output, RecoveryData { bytes }))
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
    let n = state2.session.params.count();
    if let Err(e) = check_len::<C>(certificate, n * sig_len::<C>()) {
        return Err((state2, e));
    }
    if let Err(j) = certificate_verify::<C>(&state2.session.params, &state2.transcript, certificate) {
        return Err((
            state2,
            Error::FaultyParticipantOrCoordinator {
                culprit: identifier_at(j),
            },
        ));
    }
    let ParticipantState2 {
        transcript,
        output,
        bundle,
        mut payloads,
        ..
    } = state2;
    payloads.zeroize();
    let mut bytes = transcript;
    bytes.extend_from_slice(certificate);
    Ok((output, RecoveryData { bytes }, EncryptedShareBundle { bytes: bundle }))
}

// ---------------------------------------------------------------------------
// Recovery
// ---------------------------------------------------------------------------

/// Decoded, certificate-checked recovery data.
struct Recovery<C: Ciphersuite> {
    session: SessionContext<C>,
    coms: Vec<Vec<Element<C>>>,
    ephemerals: Vec<(Element<C>, Vec<u8>)>,
    public: Public<C>,
}

fn decode_recovery<C: CocktailCiphersuite>(data: &RecoveryData) -> Result<Recovery<C>, DecodeError> {
    let mut r = Reader { bytes: &data.bytes };
    let id_len = r.u64_le()?;
    if id_len != C::COCKTAIL_ID.len() as u64 || r.take(C::COCKTAIL_ID.len())? != C::COCKTAIL_ID.as_bytes() {
        return Err(DecodeError::WrongCiphersuite);
    }
    let ctx_len = usize::try_from(r.u64_le()?).map_err(|_| DecodeError::InvalidValue)?;
    let context = r.take(ctx_len)?.to_vec();
    let n = r.u32_le()? as usize;
    let t = r.u32_le()?;
    if t == 0 || t as usize > n || n > super::standalone::MAX_PARTICIPANTS {
        return Err(DecodeError::InvalidValue);
    }
    let keys = r.take(n * el_len::<C>())?;
    let keys: Vec<&[u8]> = keys.chunks_exact(el_len::<C>()).collect();
    let params = SessionParams::<C>::new(&keys, t).map_err(|_| DecodeError::InvalidValue)?;
    let tu = t as usize;
    // Bounded by the bytes present: refuse before allocating for n * t points.
    if r.bytes.len() < n * tu * el_len::<C>() {
        return Err(DecodeError::Truncated);
    }
    let mut coms = Vec::with_capacity(n);
    let mut public = Public::<C>::new(tu, n);
    let mut blocks_com = Vec::with_capacity(n);
    for _ in 0..n {
        let (com, bytes) = r.elements::<C>(tu)?;
        blocks_com.push(bytes);
        coms.push(com);
    }
    let pops = r.take(n * sig_len::<C>())?;
    let mut ephemerals = Vec::with_capacity(n);
    for _ in 0..n {
        let (e, bytes) = r.elements::<C>(1)?;
        ephemerals.push((e[0], bytes.to_vec()));
    }
    let ext_len = usize::try_from(r.u64_le()?).map_err(|_| DecodeError::InvalidValue)?;
    r.take(ext_len)?;
    if r.bytes.len() != n * sig_len::<C>() {
        return Err(if r.bytes.len() < n * sig_len::<C>() {
            DecodeError::Truncated
        } else {
            DecodeError::TrailingBytes
        });
    }
    for ((com, com_bytes), (pop, (e, e_bytes))) in coms
        .iter()
        .zip(&blocks_com)
        .zip(pops.chunks_exact(sig_len::<C>()).zip(&ephemerals))
    {
        public.push(&Block {
            com: com.clone(),
            com_bytes,
            pop,
            ephemeral: *e,
            ephemeral_bytes: e_bytes,
            ciphertexts: Vec::new(),
        });
    }
    let cert_start = data.bytes.len() - n * sig_len::<C>();
    certificate_verify::<C>(&params, &data.bytes[..cert_start], &data.bytes[cert_start..])
        .map_err(|_| DecodeError::InvalidValue)?;
    Ok(Recovery {
        session: SessionContext { params, context },
        coms,
        ephemerals,
        public,
    })
}

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
    let rec = decode_recovery::<C>(recovery_data).map_err(|_| Error::InvalidRecoveryData)?;
    let params = &rec.session.params;
    let (t, n) = (params.t, params.count());
    let own = hostseckey.public_key();
    let index = params.position(&own).ok_or(Error::HostKeyNotInSession)?;
    let d = &hostseckey.scalar;
    let mut r = Reader { bytes: &bundle.bytes };
    let mut shares: Zeroizing<Vec<Scalar<C>>> = Zeroizing::new(Vec::with_capacity(n));
    for (sender, (e, e_bytes)) in params.hostpubkeys.iter().zip(&rec.ephemerals) {
        let ct = r.framed::<C>().map_err(|_| Error::InvalidRecoveryData)?;
        let ecdh = ecdh_pair::<C>(e, d, &sender.element, d);
        let kn = key_and_nonce::<C>(&ecdh, e_bytes, &sender.bytes, &own.bytes, &rec.session.context);
        let plaintext = C::aead_decrypt(&kn.0, &kn.1, ct).ok_or(Error::InvalidRecoveryData)?;
        let share = plaintext
            .get(..C::COCKTAIL_SCALAR_LEN)
            .and_then(C::cocktail_scalar_from_bytes)
            .ok_or(Error::InvalidRecoveryData)?;
        shares.push(share);
    }
    if !r.bytes.is_empty() {
        return Err(Error::InvalidRecoveryData);
    }
    let fingerprint: [u8; 32] = Sha256::digest(&bundle.bytes).into();
    verify_shares::<C>(index, &shares, &rec.coms, d, &fingerprint).map_err(|_| Error::InvalidRecoveryData)?;
    let secret = Zeroizing::new(shares.iter().fold(C::Group::zero(), |acc, s| acc + *s));
    let output = rec
        .public
        .output(t, n, Some((index, SigningShare::from_scalar(*secret))));
    if C::Group::base_mul(&secret) != output.pubshares[index] {
        return Err(Error::InvalidRecoveryData);
    }
    Ok((output, rec.session))
}

/// Restores the public output (threshold key and public shares) and the
/// session from the [`RecoveryData`] alone, after checking the certificate.
pub fn coordinator_recover<C: CocktailCiphersuite>(
    recovery_data: &RecoveryData,
) -> Result<(DkgOutput<C>, SessionContext<C>), Error<C>> {
    let rec = decode_recovery::<C>(recovery_data).map_err(|_| Error::InvalidRecoveryData)?;
    let (t, n) = (rec.session.params.t, rec.session.params.count());
    Ok((rec.public.output(t, n, None), rec.session))
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
