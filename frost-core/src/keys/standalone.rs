//! What the standalone DKGs share: host keys, session parameters, the
//! success certificate, recovery data and the investigation.
//!
//! A *standalone* DKG needs neither a broadcast channel nor confidential
//! channels between participants, unlike [`crate::keys::dkg`]. Every
//! participant has a long-term *host key*; shares are encrypted to the host
//! public keys, an untrusted coordinator relays and aggregates the messages,
//! and every participant signs the session transcript with its host key. The
//! `n` signatures together are the *certificate*: a participant that holds a
//! valid certificate knows that every participant saw the same transcript,
//! which is what a broadcast channel would have given. The transcript plus
//! the certificate is the *recovery data*, from which a host secret key alone
//! restores a participant's whole output.
//!
//! The profiles are [`crate::keys::chilldkg`] (the BIP "ChillDKG", for the two
//! secp256k1 suites) and [`crate::keys::cocktail`] (C2SP's COCKTAIL-DKG, every
//! suite). One engine ([`engine`](self)) runs both: it does the skeleton they
//! share once (the session and position checks, the polynomial and its
//! commitment, the proofs of possession checked in one batch and then one by
//! one to name the sender, the share checks, the outputs, the certificate,
//! the recovery flow). What differs (hashes and signatures, message framing,
//! share encryption, what the coordinator sends: ChillDKG sums the messages
//! into one, COCKTAIL forwards a projection to each participant; the
//! transcript; what recovery needs beside the recovery data) sits behind the
//! sealed, hidden [`Profile`] trait, and each profile keeps its own state
//! types.
//!
//! Verifiable blame (our extension beyond both standards: [`Attachment`],
//! [`Accusation`], [`Verdict`]) lets anyone with the session parameters
//! decide whether a sender's share was bad or its accuser lied.
//!
//! Identifiers: the participant at 0-based position `i` of the session's host
//! key list is [`Identifier`] `i + 1`, everywhere, errors included.

use alloc::vec::Vec;
use core::fmt;

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::keys::{KeyPackage, PublicKeyPackage, SigningShare, VerifyingShare};
use crate::{Ciphersuite, Element, Error, Group, Identifier, Scalar, VerifyingKey};

pub(crate) mod blame;
pub(crate) mod engine;

#[doc(hidden)]
pub use blame::BlameProfile;
pub use blame::{Accusation, Attachment, DleqProof, Rejection, Verdict};

/// The largest number of participants a session may have (the BIP allows
/// `2^32 - 1`; identifiers here are 16-bit).
pub const MAX_PARTICIPANTS: usize = 65535;

/// The identifier of the participant at 0-based position `index`.
pub(crate) fn identifier_at<C: Ciphersuite>(index: usize) -> Identifier<C> {
    // Sessions are validated to have at most 65535 participants, so every
    // position plus one is a non-zero u16.
    let n = u16::try_from(index + 1).expect("positions are bounded by MAX_PARTICIPANTS");
    Identifier::try_from(n).expect("non-zero")
}

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// What differs between standalone DKG standards. Sealed and hidden: the
/// profiles are the standards this crate implements, nothing else.
///
/// The engine's steps ([`engine`](self)) do the common skeleton once; a
/// profile supplies the primitives (signatures, hashes, the output tweak),
/// the sessions and states it runs on, its message framing and share
/// encryption, and its transcript.
// The hooks return the steps' tuples; naming each would hide them.
#[allow(clippy::type_complexity)]
#[doc(hidden)]
pub trait Profile: sealed::Sealed + Sized + 'static {
    /// The ciphersuite whose group the profile runs on.
    type C: Ciphersuite;
    /// The session a step runs in: [`SessionParams`] for ChillDKG, the
    /// parameters with the context string for COCKTAIL.
    type Session: Clone;
    /// What step 1 takes beside the host key and the session.
    type Step1Input<'a>;
    /// Step 1's secrets beside the polynomial (the encryption nonce).
    type Step1Secrets;
    /// A participant's state between step 1 and step 2.
    type State1;
    /// What step 2 takes beside the key, the state and the message.
    type Step2Input<'a>: Copy;
    /// A participant's state between step 2 and finalization.
    type State2;
    /// What the coordinator accumulates from the first messages.
    type Collected<'a>;
    /// The coordinator's state between its step 1 and finalization.
    type CoordinatorState;
    /// What the coordinator sends after its step 1.
    type CoordinatorMessages;
    /// What coordinator finalization needs beside the state and the
    /// signatures (COCKTAIL: the transcript's extension).
    type FinalizeInput<'a>;
    /// What a participant keeps beside its output and the recovery data
    /// (COCKTAIL: its encrypted share bundle).
    type Keep;
    /// What participant recovery needs beside the key and the recovery data
    /// (COCKTAIL: the encrypted share bundle).
    type RecoverInput<'a>: Copy;

    /// The length of a [`Profile::sign`] signature.
    const SIG_LEN: usize;
    /// Whether a participant checks the proofs of possession after
    /// decrypting every share (ChillDKG, as the BIP orders its checks) or
    /// sender by sender before decrypting (COCKTAIL).
    const PROOFS_AFTER_DECRYPTION: bool;

    // -- primitives

    /// The profile's 32-byte hash with domain separation `tag`, over the
    /// concatenation of `parts` (ChillDKG: the BIP's tagged hash; COCKTAIL:
    /// a tagged SHA-256 for this crate's extensions only).
    fn hash(tag: &str, parts: &[&[u8]]) -> [u8; 32];
    /// A Schnorr signature (the proof of possession, the certificate's
    /// signatures, acknowledgments) under `secret` over `msg`, domain
    /// separated by `prefix` where the standard does; [`Profile::SIG_LEN`]
    /// bytes, `None` only with negligible probability.
    fn sign(prefix: &str, msg: &[u8], secret: &Scalar<Self::C>, aux_rand: &[u8; 32]) -> Option<Vec<u8>>;
    /// Verifies a [`Profile::sign`] signature under the public key `public`.
    fn verify(prefix: &str, msg: &[u8], public: &Element<Self::C>, sig: &[u8]) -> bool;
    /// Whether every item verifies as [`Profile::verify`] would verify it
    /// alone, checked together where the profile can (one multiscalar
    /// multiplication, the equations combined with `weights`: one 128-bit
    /// weight per item that the signers cannot predict). `false` says only
    /// that the batch failed, not which item: the engine then checks them
    /// one by one to name it. The default checks them one by one.
    fn verify_batch(prefix: &str, items: &[SignedItem<'_, Self::C>], weights: &[Scalar<Self::C>]) -> bool {
        let _ = weights;
        items
            .iter()
            .all(|item| Self::verify(prefix, &item.message.concat(), item.public, item.signature))
    }
    /// The output tweak for the summed commitment's constant term (ChillDKG:
    /// an unspendable Taproot script-path commitment; COCKTAIL: zero);
    /// `None` when the key cannot be tweaked.
    fn output_tweak(key: &Element<Self::C>) -> Option<Scalar<Self::C>>;
    /// What signer `index`'s signatures over session data start with
    /// (ChillDKG: the label padded to 33 bytes and the signer's position;
    /// COCKTAIL: nothing, every signer signs the bare transcript).
    fn signed_prefix(label: &str, index: usize) -> Vec<u8>;
    /// The message of sender `index`'s proof of possession, in three parts
    /// (ChillDKG: the position alone; COCKTAIL: the context, the commitment
    /// and the ephemeral key). `position` is `index` as 4 big-endian bytes.
    fn pop_message<'a>(
        session: &'a Self::Session,
        position: &'a [u8; 4],
        com_bytes: &'a [u8],
        nonce: &'a [u8],
    ) -> [&'a [u8]; 3];

    // -- sessions

    /// The session parameters of a session.
    fn params(session: &Self::Session) -> &SessionParams<Self::C>;

    // -- step 1

    /// Checks step 1's input and draws (or derives) the `t` coefficients of
    /// the polynomial and the encryption secrets.
    fn step1_secrets(
        hostseckey: &HostSecretKey<Self::C>,
        session: &Self::Session,
        input: Self::Step1Input<'_>,
    ) -> Result<(Zeroizing<Vec<Scalar<Self::C>>>, Self::Step1Secrets), Error<Self::C>>;
    /// The encoded public nonce (ChillDKG's `pubnonce`, COCKTAIL's
    /// ephemeral key) that follows the proof of possession in the message.
    fn public_nonce(secrets: &Self::Step1Secrets) -> &[u8];
    /// The auxiliary randomness of the proof of possession.
    fn pop_aux(secrets: &Self::Step1Secrets) -> [u8; 32];
    /// Appends the share `share` for the participant at `recipient`,
    /// encrypted, to `msg`.
    fn encrypt_share(
        hostseckey: &HostSecretKey<Self::C>,
        session: &Self::Session,
        index: usize,
        recipient: usize,
        secrets: &Self::Step1Secrets,
        share: &Scalar<Self::C>,
        msg: &mut Vec<u8>,
    ) -> Result<(), Error<Self::C>>;
    /// The step-1 state: `block` is the message up to the ciphertexts
    /// (commitment, proof, nonce), `com` the commitment.
    fn state1(session: &Self::Session, index: usize, block: &[u8], com: &[Element<Self::C>]) -> Self::State1;

    // -- coordinator

    /// An empty accumulator.
    fn coordinator_start<'a>(session: &Self::Session) -> Self::Collected<'a>;
    /// Adds sender `sender`'s first message; the error names the sender.
    fn coordinator_absorb<'a>(
        acc: &mut Self::Collected<'a>,
        session: &Self::Session,
        sender: usize,
        msg: &'a [u8],
    ) -> Result<(), Error<Self::C>>;
    /// The proofs of possession the coordinator checks, one per absorbed
    /// sender (ChillDKG's coordinator checks none).
    fn collected_pops<'a>(acc: &'a Self::Collected<'_>) -> Vec<PopPart<'a, Self::C>>;
    /// The coordinator's state from everything absorbed.
    fn coordinator_state(
        acc: Self::Collected<'_>,
        session: &Self::Session,
    ) -> Result<Self::CoordinatorState, Error<Self::C>>;
    /// What the coordinator sends (taken out of its state where it is there).
    fn coordinator_messages(state: &mut Self::CoordinatorState) -> Result<Self::CoordinatorMessages, Error<Self::C>>;

    // -- step 2

    /// Step 2's input, checked; the auxiliary randomness of the signature.
    fn step2_aux(input: Self::Step2Input<'_>) -> Result<[u8; 32], Error<Self::C>>;
    /// The session and position out of a step-1 state.
    fn state1_session(state: &Self::State1) -> (&Self::Session, usize);
    /// Parses the coordinator's message to participant `index`, checking its
    /// own part against `state`.
    fn parse_received<'a>(state: &Self::State1, msg: &'a [u8]) -> Result<Received<'a, Self::C>, Error<Self::C>>;
    /// Decrypts what the first `count` senders encrypted to `index` (the
    /// senders' pads for ChillDKG, their shares for COCKTAIL), or the
    /// first sender whose ciphertext does not decrypt.
    fn decrypt(
        hostseckey: &HostSecretKey<Self::C>,
        session: &Self::Session,
        index: usize,
        received: &Received<'_, Self::C>,
        count: usize,
    ) -> Result<Opened<Self::C>, usize>;
    /// The secret share from the decrypted values, before the output tweak.
    fn secret_share(received: &Received<'_, Self::C>, index: usize, opened: &Opened<Self::C>) -> Scalar<Self::C>;
    /// Checks each sender's share against its commitment where the profile
    /// receives them (COCKTAIL), naming the first bad sender.
    fn check_shares(
        received: &Received<'_, Self::C>,
        index: usize,
        opened: &Opened<Self::C>,
        weight_secret: &Scalar<Self::C>,
        fingerprint: &[u8; 32],
    ) -> Result<(), usize>;
    /// The failure when the secret share does not match its public share
    /// (`pubshare`, before the tweak).
    fn share_fault(
        index: usize,
        n: usize,
        received: &Received<'_, Self::C>,
        opened: Opened<Self::C>,
        secshare: Scalar<Self::C>,
        pubshare: Element<Self::C>,
    ) -> Step2Failure<Self::C>;
    /// The transcript every participant signs.
    fn transcript(
        session: &Self::Session,
        received: &Received<'_, Self::C>,
        opened: &Opened<Self::C>,
        input: Self::Step2Input<'_>,
    ) -> Vec<u8>;
    /// The step-2 state.
    fn state2(
        state: Self::State1,
        received: &Received<'_, Self::C>,
        opened: Opened<Self::C>,
        transcript: Vec<u8>,
        output: DkgOutput<Self::C>,
    ) -> Self::State2;

    // -- finalization

    /// The error a participant reports for a certificate whose signature by
    /// `signer` does not verify.
    fn certificate_fault(signer: usize) -> Error<Self::C>;
    /// The session, the signed transcript and the output of a step-2 state.
    fn state2_parts(state: &Self::State2) -> (&Self::Session, &[u8], &DkgOutput<Self::C>);
    /// The transcript, the output and what the participant keeps, out of a
    /// step-2 state.
    fn state2_finish(state: Self::State2) -> (Vec<u8>, DkgOutput<Self::C>, Self::Keep);
    /// The session of a coordinator state.
    fn coordinator_session(state: &Self::CoordinatorState) -> &Self::Session;
    /// The transcript and the coordinator's output, out of its state.
    fn coordinator_finish(
        state: Self::CoordinatorState,
        input: Self::FinalizeInput<'_>,
    ) -> Result<(Vec<u8>, DkgOutput<Self::C>), Error<Self::C>>;

    // -- recovery

    /// Decodes recovery data (the certificate not yet checked): the session,
    /// what a participant received as step 2 parsed it (the ciphertexts
    /// from `input`, a problem with them in [`Received::stop`]), and where
    /// the certificate starts. `None` for undecodable data.
    fn decode_recovery<'a>(
        data: &'a [u8],
        input: Self::RecoverInput<'a>,
    ) -> Option<(Self::Session, Received<'a, Self::C>, usize)>;
}

/// One sender's proof of possession as the coordinator checks it.
#[doc(hidden)]
pub struct PopPart<'a, C: Ciphersuite> {
    /// The commitment's constant term (the proof's public key).
    pub key: Element<C>,
    /// The commitment as sent.
    pub com_bytes: &'a [u8],
    /// The public nonce as sent.
    pub nonce: &'a [u8],
    /// The proof.
    pub pop: &'a [u8],
}

/// One sender's part of what a participant received.
#[doc(hidden)]
pub struct ReceivedPart<'a, C: Ciphersuite> {
    /// The commitment (ChillDKG receives only its constant term per sender).
    pub com: Vec<Element<C>>,
    /// The commitment as sent.
    pub com_bytes: &'a [u8],
    /// The proof of possession.
    pub pop: &'a [u8],
    /// The public nonce (ChillDKG's `pubnonce`, COCKTAIL's ephemeral key).
    pub nonce: &'a [u8],
    /// The nonce decoded, where the profile decodes it when parsing.
    pub nonce_element: Option<Element<C>>,
    /// The ciphertext addressed to this participant (COCKTAIL).
    pub ciphertext: &'a [u8],
}

/// What a participant received, parsed.
#[doc(hidden)]
pub struct Received<'a, C: Ciphersuite> {
    /// Every sender that parsed, in session order.
    pub parts: Vec<ReceivedPart<'a, C>>,
    /// What else is wrong with the message (a sender that does not parse,
    /// stopping the parse; a change to the participant's own part; trailing
    /// bytes), reported after the checks of the senders before it.
    pub stop: Option<Error<C>>,
    /// The summed commitment, coefficient by coefficient.
    pub sum_coms: Vec<Element<C>>,
    /// ChillDKG: the summed encrypted shares, one per participant.
    pub enc_shares: Vec<Scalar<C>>,
}

/// What a participant decrypted: one scalar per sender and, for COCKTAIL,
/// the payloads. Zeroized on drop.
#[doc(hidden)]
pub struct Opened<C: Ciphersuite> {
    /// Per sender: ChillDKG's pad, COCKTAIL's share.
    pub values: Zeroizing<Vec<Scalar<C>>>,
    /// Per sender, the payload (COCKTAIL; empty otherwise).
    pub payloads: Vec<Zeroizing<Vec<u8>>>,
}

/// One signature for [`Profile::verify_batch`]: the message as the
/// concatenation of `message`, the public key, the signature bytes.
#[doc(hidden)]
pub struct SignedItem<'a, C: Ciphersuite> {
    /// The signed message, in parts (hashed without being copied together).
    pub message: &'a [&'a [u8]],
    /// The signer's public key.
    pub public: &'a Element<C>,
    /// The signature, as received.
    pub signature: &'a [u8],
    /// The encoding of `public`, where the caller has it (a profile whose
    /// challenge hashes it encodes `public` otherwise).
    pub public_bytes: Option<&'a [u8]>,
}

// ---------------------------------------------------------------------------
// Host keys
// ---------------------------------------------------------------------------

/// A participant's long-term host secret key.
///
/// It decrypts the participant's share and signs the certificate; with the
/// recovery data of a session it restores that session's whole output. Keep
/// it (and a backup) for as long as any key from a session is in use: **never
/// delete a host secret key after sending the step-2 message** of a session,
/// even if the session seems to have failed, since another participant may
/// deem it successful and present recovery data later.
///
/// Zeroized on drop; `Debug` prints nothing secret.
pub struct HostSecretKey<C: Ciphersuite> {
    pub(crate) scalar: Scalar<C>,
}

impl<C: Ciphersuite> HostSecretKey<C> {
    /// Decodes a host secret key: a canonical non-zero scalar
    /// ([`Error::InvalidHostSecretKey`] otherwise; a length other than the
    /// scalar length is an [`Error::Decode`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error<C>> {
        check_len::<C>(bytes, C::Group::SCALAR_LEN)?;
        let scalar = C::Group::deserialize_scalar(bytes).ok_or(Error::InvalidHostSecretKey)?;
        if crate::ciphersuite::is_zero::<C>(&scalar) {
            return Err(Error::InvalidHostSecretKey);
        }
        Ok(Self { scalar })
    }

    /// A fresh random host secret key.
    pub fn generate<R: rand_core::CryptoRng + ?Sized>(rng: &mut R) -> Self {
        loop {
            let scalar = C::Group::random_scalar(rng);
            if !crate::ciphersuite::is_zero::<C>(&scalar) {
                return Self { scalar };
            }
        }
    }

    /// The encoding of the key (for a backup).
    pub fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(crate::ciphersuite::scalar_bytes::<C>(&self.scalar))
    }

    /// The host public key (`hostpubkey_gen` of the BIP).
    pub fn public_key(&self) -> HostPublicKey<C> {
        HostPublicKey::from_element(C::Group::base_mul(&self.scalar))
    }
}

impl<C: Ciphersuite> fmt::Debug for HostSecretKey<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HostSecretKey(<redacted>)")
    }
}

impl<C: Ciphersuite> Drop for HostSecretKey<C> {
    fn drop(&mut self) {
        self.scalar.zeroize();
    }
}

impl<C: Ciphersuite> ZeroizeOnDrop for HostSecretKey<C> {}

/// A participant's long-term host public key: its identity in every session.
/// Each participant must obtain authentic copies of all the others' keys
/// (compare [`SessionParams::params_hash`] out of band).
#[derive(Clone, PartialEq, Eq)]
pub struct HostPublicKey<C: Ciphersuite> {
    pub(crate) element: Element<C>,
    pub(crate) bytes: Vec<u8>,
}

impl<C: Ciphersuite> HostPublicKey<C> {
    fn from_element(element: Element<C>) -> Self {
        let bytes = crate::ciphersuite::element_bytes::<C>(&element);
        Self { element, bytes }
    }

    /// Decodes a host public key (a valid, non-identity group element).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error<C>> {
        check_len::<C>(bytes, C::Group::ELEMENT_LEN)?;
        let element =
            C::Group::deserialize_element(bytes).map_err(|_| Error::from(crate::DecodeError::MalformedElement))?;
        Ok(Self {
            element,
            bytes: bytes.to_vec(),
        })
    }

    /// The encoding (33-byte compressed point for secp256k1).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.bytes.clone()
    }
}

impl<C: Ciphersuite> fmt::Debug for HostPublicKey<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HostPublicKey(")?;
        write_hex(f, &self.bytes)?;
        f.write_str(")")
    }
}

// ---------------------------------------------------------------------------
// Session parameters
// ---------------------------------------------------------------------------

/// The common parameters of a session: the ordered host public keys and the
/// threshold `t`. Validated once, at construction.
///
/// The order matters: position `i` is [`Identifier`] `i + 1`, and a session
/// fails if the participants and the coordinator disagree on it.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionParams<C: Ciphersuite> {
    pub(crate) hostpubkeys: Vec<HostPublicKey<C>>,
    pub(crate) t: u32,
}

impl<C: Ciphersuite> SessionParams<C> {
    /// Validates the parameters: `1 <= t <= n <= 65535`
    /// ([`Error::InvalidThresholdOrCount`]), every host key valid
    /// ([`Error::InvalidHostPublicKey`], the first invalid position), no key
    /// twice ([`Error::DuplicateHostPublicKey`], the first repeated pair), in
    /// this order, as the BIP checks.
    pub fn new<B: AsRef<[u8]>>(hostpubkeys: &[B], t: u32) -> Result<Self, Error<C>> {
        let n = hostpubkeys.len();
        if t == 0 || t as usize > n || n > MAX_PARTICIPANTS {
            return Err(Error::InvalidThresholdOrCount);
        }
        let mut keys = Vec::with_capacity(n);
        for (i, key) in hostpubkeys.iter().enumerate() {
            let key = HostPublicKey::from_bytes(key.as_ref()).map_err(|_| Error::InvalidHostPublicKey {
                culprit: identifier_at(i),
            })?;
            keys.push(key);
        }
        let mut sorted: Vec<(&[u8], usize)> = keys.iter().enumerate().map(|(i, k)| (&k.bytes[..], i)).collect();
        sorted.sort();
        // The BIP names the pair whose second member comes first.
        let mut best: Option<(usize, usize)> = None;
        for w in sorted.windows(2) {
            if w[0].0 == w[1].0 {
                // Within a run of equal keys the earliest position pairs with
                // the next one.
                let pair = (w[0].1, w[1].1);
                if best.is_none_or(|b| pair.1 < b.1) {
                    best = Some(pair);
                }
            }
        }
        if let Some((first, second)) = best {
            // The first occurrence of that key.
            let key = &keys[second].bytes;
            let first = keys.iter().position(|k| &k.bytes == key).unwrap_or(first);
            return Err(Error::DuplicateHostPublicKey {
                first: identifier_at(first),
                second: identifier_at(second),
            });
        }
        Ok(Self { hostpubkeys: keys, t })
    }

    /// The threshold `t`.
    pub fn threshold(&self) -> u32 {
        self.t
    }

    /// The number of participants `n`.
    pub fn count(&self) -> usize {
        self.hostpubkeys.len()
    }

    /// The host public keys, in session order.
    pub fn hostpubkeys(&self) -> &[HostPublicKey<C>] {
        &self.hostpubkeys
    }

    /// The 0-based position of `key`, if it is in the session.
    pub(crate) fn position(&self, key: &HostPublicKey<C>) -> Option<usize> {
        self.hostpubkeys.iter().position(|k| k.bytes == key.bytes)
    }

    /// `t` as 4 big-endian bytes followed by every host key.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + self.hostpubkeys.len() * C::Group::ELEMENT_LEN);
        out.extend_from_slice(&self.t.to_be_bytes());
        for k in &self.hostpubkeys {
            out.extend_from_slice(&k.bytes);
        }
        out
    }
}

impl<C: Ciphersuite> fmt::Debug for SessionParams<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionParams")
            .field("t", &self.t)
            .field("hostpubkeys", &self.hostpubkeys)
            .finish()
    }
}

/// A hash of the session parameters, for out-of-band comparison: if every
/// participant sees the same hash, they agree on all host keys and on `t`.
///
/// `Display` prints it as upper-case hex in groups of four characters, easy
/// to read aloud; [`ParamsHash::as_bytes`] gives the raw 32 bytes.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub struct ParamsHash(pub(crate) [u8; 32]);

impl ParamsHash {
    /// The 32 bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Display for ParamsHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, pair) in self.0.chunks(2).enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{:02X}{:02X}", pair[0], pair[1])?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------

/// The output of a session: the threshold public key, every participant's
/// public share and, for a participant, its secret share.
///
/// The keys are already tweaked as the profile specifies (ChillDKG: the
/// threshold key commits to an unspendable Taproot script path).
#[derive(Clone, PartialEq, Eq)]
pub struct DkgOutput<C: Ciphersuite> {
    pub(crate) t: u32,
    /// The participant's position and secret share; `None` for the coordinator.
    pub(crate) secret: Option<(usize, SigningShare<C>)>,
    pub(crate) threshold_key: Element<C>,
    pub(crate) pubshares: Vec<Element<C>>,
}

impl<C: Ciphersuite> DkgOutput<C> {
    /// The threshold `t`.
    pub fn threshold(&self) -> u32 {
        self.t
    }

    /// This participant's identifier and secret share; `None` for the
    /// coordinator's output.
    pub fn secret_share(&self) -> Option<(Identifier<C>, &SigningShare<C>)> {
        self.secret.as_ref().map(|(i, s)| (identifier_at(*i), s))
    }

    /// The threshold public key.
    pub fn threshold_public_key(&self) -> VerifyingKey<C> {
        VerifyingKey::new(self.threshold_key)
    }

    /// Every participant's public share, in session order (position `i` is
    /// identifier `i + 1`).
    pub fn public_shares(&self) -> Vec<VerifyingShare<C>> {
        self.pubshares
            .iter()
            .map(|e| VerifyingShare::from_element(*e))
            .collect()
    }

    /// The encoded secret share, threshold key and public shares, in the
    /// BIP's formats (`secshare`, `threshPk`, `pubshares`).
    #[allow(clippy::type_complexity)]
    pub fn bip_fields(&self) -> (Option<Zeroizing<Vec<u8>>>, Vec<u8>, Vec<Vec<u8>>) {
        (
            self.secret.as_ref().map(|(_, s)| s.serialize()),
            crate::ciphersuite::element_bytes::<C>(&self.threshold_key),
            self.pubshares
                .iter()
                .map(|e| crate::ciphersuite::element_bytes::<C>(e))
                .collect(),
        )
    }

    /// The public key package of the session, with `min_signers = t`.
    /// Refuses `t < 2` ([`Error::InvalidMinSigners`]): FROST packages need a
    /// threshold of at least two here (DECISIONS 10), though the DKG runs
    /// with `t = 1`.
    pub fn public_key_package(&self) -> Result<PublicKeyPackage<C>, Error<C>> {
        let min_signers = self.min_signers()?;
        let shares = self
            .pubshares
            .iter()
            .enumerate()
            .map(|(i, e)| (identifier_at(i), VerifyingShare::from_element(*e)))
            .collect();
        Ok(PublicKeyPackage::new(
            shares,
            VerifyingKey::new(self.threshold_key),
            min_signers,
        ))
    }

    /// This participant's key package, with `min_signers = t`; `None` for the
    /// coordinator's output. Refuses `t < 2` like
    /// [`DkgOutput::public_key_package`].
    pub fn key_package(&self) -> Result<Option<KeyPackage<C>>, Error<C>> {
        let min_signers = self.min_signers()?;
        let Some((i, share)) = &self.secret else {
            return Ok(None);
        };
        let verifying_share = VerifyingShare::from_element(self.pubshares[*i]);
        KeyPackage::new(
            identifier_at(*i),
            share.clone(),
            verifying_share,
            VerifyingKey::new(self.threshold_key),
            min_signers,
        )
        .map(Some)
    }

    fn min_signers(&self) -> Result<u16, Error<C>> {
        match u16::try_from(self.t) {
            Ok(t) if t >= 2 => Ok(t),
            _ => Err(Error::InvalidMinSigners),
        }
    }

    /// A strict encoding for storage: `t` (4 bytes, big-endian), `n` (4
    /// bytes), a tag byte (0: coordinator, 1: participant), for a participant
    /// its position (4 bytes) and secret share, then the threshold key and
    /// the `n` public shares.
    pub fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        let mut out = Vec::new();
        out.extend_from_slice(&self.t.to_be_bytes());
        out.extend_from_slice(&(self.pubshares.len() as u32).to_be_bytes());
        match &self.secret {
            None => out.push(0),
            Some((i, share)) => {
                out.push(1);
                out.extend_from_slice(&(*i as u32).to_be_bytes());
                out.extend_from_slice(&share.serialize());
            }
        }
        out.extend_from_slice(&crate::ciphersuite::element_bytes::<C>(&self.threshold_key));
        for e in &self.pubshares {
            out.extend_from_slice(&crate::ciphersuite::element_bytes::<C>(e));
        }
        Zeroizing::new(out)
    }

    /// Decodes [`DkgOutput::to_bytes`], refusing trailing or missing bytes,
    /// non-canonical values, an out-of-range position or count, and a
    /// secret share that does not match its public share.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error<C>> {
        use crate::DecodeError;
        let mut r = Cursor { bytes };
        let t = r.u32()?;
        let n = r.u32()? as usize;
        if t == 0 || t as usize > n || n > MAX_PARTICIPANTS {
            return Err(DecodeError::InvalidValue.into());
        }
        let secret = match r.take(1)?[0] {
            0 => None,
            1 => {
                let i = r.u32()? as usize;
                if i >= n {
                    return Err(DecodeError::InvalidValue.into());
                }
                let share = SigningShare::deserialize(r.take(C::Group::SCALAR_LEN)?)?;
                Some((i, share))
            }
            _ => return Err(DecodeError::InvalidTag.into()),
        };
        let threshold_key = r.element()?;
        // Bounded by the bytes present: refuse before allocating.
        if r.bytes.len() != n * C::Group::ELEMENT_LEN {
            return Err(if r.bytes.len() < n * C::Group::ELEMENT_LEN {
                DecodeError::Truncated
            } else {
                DecodeError::TrailingBytes
            }
            .into());
        }
        let mut pubshares = Vec::with_capacity(n);
        for _ in 0..n {
            pubshares.push(r.element()?);
        }
        if let Some((i, share)) = &secret {
            if share.verifying_share().to_element() != pubshares[*i] {
                return Err(DecodeError::InvalidValue.into());
            }
        }
        Ok(Self {
            t,
            secret,
            threshold_key,
            pubshares,
        })
    }
}

impl<C: Ciphersuite> fmt::Debug for DkgOutput<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DkgOutput")
            .field("t", &self.t)
            .field(
                "participant",
                &self.secret.as_ref().map(|(i, _)| identifier_at::<C>(*i)),
            )
            .field("threshold_key", &VerifyingKey::<C>::new(self.threshold_key))
            .finish_non_exhaustive()
    }
}

/// The recovery data of a successful session: the transcript every
/// participant signed plus the certificate. Public; every participant and
/// the coordinator should keep a copy. With it, a host secret key restores a
/// participant's output (`participant_recover`), and anyone the coordinator's
/// (`coordinator_recover`).
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryData {
    pub(crate) bytes: Vec<u8>,
}

impl RecoveryData {
    /// Wraps stored bytes; they are validated when used for recovery.
    pub fn from_bytes(bytes: &[u8]) -> Self {
        Self { bytes: bytes.to_vec() }
    }

    /// The bytes, in the BIP's format.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.bytes.clone()
    }

    /// The bytes, borrowed.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for RecoveryData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecoveryData({} bytes)", self.bytes.len())
    }
}

// ---------------------------------------------------------------------------
// Investigation
// ---------------------------------------------------------------------------

/// What a participant keeps after an [`Error::UnknownFault`] in step 2, to
/// find a suspect with the coordinator's investigation message
/// (`participant_investigate`).
///
/// Holds the participant's (wrong) secret share and its decryption pads:
/// zeroized on drop, not `Clone`, and `Debug` prints nothing secret.
pub struct Investigation<C: Ciphersuite> {
    pub(crate) index: usize,
    pub(crate) n: usize,
    pub(crate) secshare: Scalar<C>,
    pub(crate) pubshare: Element<C>,
    pub(crate) enc_secshare: Scalar<C>,
    pub(crate) pads: Vec<Scalar<C>>,
}

impl<C: Ciphersuite> fmt::Debug for Investigation<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Investigation")
            .field("participant", &identifier_at::<C>(self.index))
            .finish_non_exhaustive()
    }
}

impl<C: Ciphersuite> Drop for Investigation<C> {
    fn drop(&mut self) {
        self.secshare.zeroize();
        self.enc_secshare.zeroize();
        self.pads.zeroize();
    }
}

impl<C: Ciphersuite> ZeroizeOnDrop for Investigation<C> {}

/// How `participant_step2` fails: the error, and for an
/// [`Error::UnknownFault`] the data an investigation needs.
#[derive(Debug)]
pub struct Step2Failure<C: Ciphersuite> {
    /// What went wrong.
    pub error: Error<C>,
    /// For [`Error::UnknownFault`]: pass it to `participant_investigate`
    /// with the coordinator's investigation message to name a suspect.
    pub investigation: Option<Investigation<C>>,
}

impl<C: Ciphersuite> From<Error<C>> for Step2Failure<C> {
    fn from(error: Error<C>) -> Self {
        Self {
            error,
            investigation: None,
        }
    }
}

impl<C: Ciphersuite> fmt::Display for Step2Failure<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl<C: Ciphersuite> core::error::Error for Step2Failure<C> {}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A length check that reports missing or trailing bytes.
pub(crate) fn check_len<C: Ciphersuite>(bytes: &[u8], expected: usize) -> Result<(), Error<C>> {
    use core::cmp::Ordering;
    match bytes.len().cmp(&expected) {
        Ordering::Less => Err(crate::DecodeError::Truncated.into()),
        Ordering::Greater => Err(crate::DecodeError::TrailingBytes.into()),
        Ordering::Equal => Ok(()),
    }
}

fn write_hex(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    for b in bytes {
        write!(f, "{b:02x}")?;
    }
    Ok(())
}

/// A reader over a byte string for the strict decoders.
pub(crate) struct Cursor<'a> {
    pub(crate) bytes: &'a [u8],
}

impl<'a> Cursor<'a> {
    pub(crate) fn take<C: Ciphersuite>(&mut self, len: usize) -> Result<&'a [u8], Error<C>> {
        if self.bytes.len() < len {
            return Err(crate::DecodeError::Truncated.into());
        }
        let (head, tail) = self.bytes.split_at(len);
        self.bytes = tail;
        Ok(head)
    }

    fn u32<C: Ciphersuite>(&mut self) -> Result<u32, Error<C>> {
        let b = self.take::<C>(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn element<C: Ciphersuite>(&mut self) -> Result<Element<C>, Error<C>> {
        let b = self.take::<C>(C::Group::ELEMENT_LEN)?;
        engine::element_with_identity::<C>(b).ok_or(crate::DecodeError::MalformedElement.into())
    }
}
