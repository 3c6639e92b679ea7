//! The DKG driver: one object-safe interface over every standalone DKG
//! (protocol × suite), so the relay and the participants drive any of them
//! the same way.
//!
//! Adding a protocol or a suite is one [`DkgDriver`] implementation (generic
//! over the suite) and one arm in [`driver`]. The drivers are thin: they
//! call the sans-IO state machines of `frost_core::keys::chilldkg` and
//! `frost_core::keys::cocktail` and translate their errors into a
//! [`DkgError`] that says who is to blame. They own no sockets, clocks or
//! threads.
//!
//! | suite | default protocol | also |
//! | --- | --- | --- |
//! | secp256k1, secp256k1-tr | ChillDKG | COCKTAIL-DKG (`--protocol cocktail`) |
//! | ed25519, ed448, p256, ristretto255 | COCKTAIL-DKG | – |
//!
//! COCKTAIL-DKG's `context` is the spec's recommended one
//! ([`SessionContext::new`](frost_core::keys::cocktail::SessionContext::new))
//! with the command's [`session_id`] as the spec's `session_id`: that id
//! hashes the suite, the protocol, the params hash (the ordered host keys
//! and `t`) and the session label, so two sessions of the same participants
//! differ exactly when their labels do. The transcript's extension is empty.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use frost_core::keys::chilldkg::{self as chill, ChillDkgCiphersuite};
use frost_core::keys::cocktail::{self as cocktail, CocktailCiphersuite, EncryptedShareBundle, SessionContext};
use frost_core::keys::standalone::{DkgOutput, HostSecretKey, RecoveryData, SessionParams};
use frost_core::{Ciphersuite, Identifier};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::suite::Suite;

/// A standalone DKG protocol.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Protocol {
    /// ChillDKG (the BIP draft), secp256k1 suites only.
    Chilldkg,
    /// COCKTAIL-DKG.
    Cocktail,
}

impl Protocol {
    /// The default protocol of a suite: ChillDKG on secp256k1, COCKTAIL
    /// elsewhere.
    pub fn default_for(suite: Suite) -> Protocol {
        match suite {
            Suite::Secp256k1 | Suite::Secp256k1Tr => Protocol::Chilldkg,
            _ => Protocol::Cocktail,
        }
    }

    /// The name used on the command line and in files.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Chilldkg => "chilldkg",
            Protocol::Cocktail => "cocktail",
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The id of a session: a hash of the suite, the protocol, the params hash
/// and the label, so that the same participants can run several sessions.
pub fn session_id(suite: Suite, protocol: Protocol, params_hash: &[u8; 32], label: &str) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [
        b"frost/v1 session".as_slice(),
        suite.name().as_bytes(),
        protocol.name().as_bytes(),
    ] {
        h.update((part.len() as u32).to_be_bytes());
        h.update(part);
    }
    h.update(params_hash);
    h.update((label.len() as u32).to_be_bytes());
    h.update(label.as_bytes());
    h.finalize().into()
}

/// Who caused a [`DkgError`]; positions are 0-based (identifier = position + 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Blame {
    /// This participant's own input or state (for example a wrong host key).
    Local,
    /// The participant at this position.
    Participant(usize),
    /// The participant at this position, or the coordinator framing it.
    ParticipantOrCoordinator(usize),
    /// The coordinator (the relay).
    Coordinator,
    /// Nobody can be named.
    Unknown,
    /// This participant's share is invalid and nobody can be named yet: the
    /// coordinator's investigation message (see
    /// [`DkgCoordinator::investigate`]) lets
    /// [`DkgParticipant::investigate`] name a suspect.
    NeedsInvestigation,
}

/// A failed DKG step: who is to blame and what went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DkgError {
    /// Who caused it.
    pub blame: Blame,
    /// What went wrong, in words.
    pub message: String,
}

impl DkgError {
    fn local(message: impl Into<String>) -> Self {
        Self {
            blame: Blame::Local,
            message: message.into(),
        }
    }
}

impl fmt::Display for DkgError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DkgError {}

/// The result of a DKG for one participant (or, without secrets, for the
/// coordinator), encoded for storage.
pub struct DkgOutcome {
    /// The threshold `t`.
    pub threshold: u32,
    /// The host public keys, in session order.
    pub hostpubkeys: Vec<Vec<u8>>,
    /// The group (threshold) public key, the suite's encoding (for Taproot
    /// the internal key).
    pub group_key: Vec<u8>,
    /// The encoded `PublicKeyPackage`.
    pub public_key_package: Vec<u8>,
    /// The participant's identifier and encoded `KeyPackage` (secret);
    /// `None` for the coordinator.
    pub key_package: Option<(u16, Zeroizing<Vec<u8>>)>,
    /// The session's recovery data.
    pub recovery_data: Vec<u8>,
}

/// One standalone DKG protocol on one suite.
pub trait DkgDriver: Send + Sync {
    /// The suite.
    fn suite(&self) -> Suite;
    /// The protocol.
    fn protocol(&self) -> Protocol;
    /// Whether [`DkgDriver::recover`] needs the participant's own recovery
    /// secret ([`DkgParticipant::recovery_secret`]) besides the recovery
    /// data.
    fn recovery_needs_secret(&self) -> bool {
        false
    }
    /// Validates the parameters and returns their hash (compared out of band).
    fn params_hash(&self, hostpubkeys: &[Vec<u8>], threshold: u32) -> Result<[u8; 32], DkgError>;
    /// An upper bound on the length of any DKG message of a session with
    /// these parameters (participants' messages, the coordinator's, the
    /// recovery data).
    fn max_message_len(&self, threshold: u32, count: usize) -> usize;
    /// A participant of a new session; `session` is its [`session_id`]
    /// (COCKTAIL binds it into its context, ChillDKG's params hash needs
    /// none).
    fn participant(
        &self,
        hostseckey: &[u8],
        hostpubkeys: &[Vec<u8>],
        threshold: u32,
        session: &[u8; 32],
    ) -> Result<Box<dyn DkgParticipant>, DkgError>;
    /// The coordinator of a new session with this [`session_id`].
    fn coordinator(
        &self,
        hostpubkeys: &[Vec<u8>],
        threshold: u32,
        session: &[u8; 32],
    ) -> Result<Box<dyn DkgCoordinator>, DkgError>;
    /// A participant's outcome from its host key, the recovery data and,
    /// where the protocol needs it (COCKTAIL's encrypted share bundle), the
    /// participant's [`DkgParticipant::recovery_secret`].
    fn recover(&self, hostseckey: &[u8], recovery_data: &[u8], secret: Option<&[u8]>) -> Result<DkgOutcome, DkgError>;
    /// Test hook: alters, in a first message, the encrypted share for the
    /// participant at position `to`. Not a stable API.
    #[doc(hidden)]
    fn corrupt_share_for_tests(&self, pmsg1: &mut [u8], threshold: u32, to: usize);
}

/// A participant's side of a session: step 1, step 2, finalize, in order.
pub trait DkgParticipant: Send {
    /// Step 1: the message for the coordinator (fresh randomness inside).
    fn step1(&mut self) -> Result<Vec<u8>, DkgError>;
    /// Step 2, given the coordinator's first message: the message for the
    /// coordinator. Store what recovery needs before sending it.
    fn step2(&mut self, cmsg1: &[u8]) -> Result<Vec<u8>, DkgError>;
    /// After a successful step 2: what this participant alone must keep, with
    /// the common recovery data, to recover (COCKTAIL's encrypted share
    /// bundle; `None` for ChillDKG, whose recovery data is enough). Store it,
    /// encrypted, before sending the step-2 message.
    fn recovery_secret(&self) -> Option<Zeroizing<Vec<u8>>> {
        None
    }
    /// Checks the coordinator's final message (the certificate).
    fn finalize(&mut self, cmsg2: &[u8]) -> Result<DkgOutcome, DkgError>;
    /// After step 2 failed with [`Blame::NeedsInvestigation`]: names a
    /// suspect from the coordinator's investigation message for this
    /// participant.
    fn investigate(&mut self, cinv: &[u8]) -> DkgError;
}

/// A builder of one participant's first coordinator message from its
/// position, for [`FirstMessages::PerRecipient`].
pub type BuildMessage = Arc<dyn Fn(usize) -> Option<Vec<u8>> + Send + Sync>;

/// The coordinator's first message for each participant.
#[derive(Clone)]
pub enum FirstMessages {
    /// The same bytes for every participant (ChillDKG's `cmsg1`).
    Same(Arc<Vec<u8>>),
    /// A message per recipient, built from the coordinator's state when it
    /// is sent (COCKTAIL's projections: all `n` at once would hold
    /// `n * n * t` points, about 21 GB at 667-of-1000). `None` for a
    /// position not below `n`.
    PerRecipient(BuildMessage),
}

impl FirstMessages {
    /// The message for the participant at 0-based `position` (built now for
    /// [`FirstMessages::PerRecipient`]).
    pub fn get(&self, position: usize) -> Option<Arc<Vec<u8>>> {
        match self {
            FirstMessages::Same(msg) => Some(msg.clone()),
            FirstMessages::PerRecipient(build) => build(position).map(Arc::new),
        }
    }
}

impl fmt::Debug for FirstMessages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FirstMessages::Same(msg) => write!(f, "FirstMessages::Same({} bytes)", msg.len()),
            FirstMessages::PerRecipient(_) => f.write_str("FirstMessages::PerRecipient(..)"),
        }
    }
}

/// The coordinator's side of a session.
pub trait DkgCoordinator: Send {
    /// Aggregates the `n` first messages (in session order) into the
    /// message for each participant: ChillDKG sends the same bytes to
    /// everyone, COCKTAIL a projection per recipient, built on demand.
    fn step1(&mut self, pmsgs1: &[Vec<u8>]) -> Result<FirstMessages, DkgError>;
    /// Assembles the certificate from the `n` second messages: returns the
    /// final message for every participant and the recovery data.
    fn finalize(&mut self, pmsgs2: &[Vec<u8>]) -> Result<(Vec<u8>, Vec<u8>), DkgError>;
    /// The investigation messages (one per participant, in session order)
    /// from the first messages.
    fn investigate(&self, pmsgs1: &[Vec<u8>]) -> Result<Vec<Vec<u8>>, DkgError>;
}

/// The driver for `protocol` on `suite`, if this build has that DKG.
pub fn driver(suite: Suite, protocol: Protocol) -> Option<&'static dyn DkgDriver> {
    static SECP256K1: ChillDkgDriver<frost_secp256k1::Secp256K1Sha256> = ChillDkgDriver::new(Suite::Secp256k1);
    static SECP256K1_TR: ChillDkgDriver<frost_secp256k1_tr::Secp256K1Sha256TR> =
        ChillDkgDriver::new(Suite::Secp256k1Tr);
    static ED25519_C: CocktailDriver<frost_ed25519::Ed25519Sha512> = CocktailDriver::new(Suite::Ed25519);
    static ED448_C: CocktailDriver<frost_ed448::Ed448Shake256> = CocktailDriver::new(Suite::Ed448);
    static P256_C: CocktailDriver<frost_p256::P256Sha256> = CocktailDriver::new(Suite::P256);
    static RISTRETTO255_C: CocktailDriver<frost_ristretto255::Ristretto255Sha512> =
        CocktailDriver::new(Suite::Ristretto255);
    static SECP256K1_C: CocktailDriver<frost_secp256k1::Secp256K1Sha256> = CocktailDriver::new(Suite::Secp256k1);
    static SECP256K1_TR_C: CocktailDriver<frost_secp256k1_tr::Secp256K1Sha256TR> =
        CocktailDriver::new(Suite::Secp256k1Tr);
    match (suite, protocol) {
        (Suite::Secp256k1, Protocol::Chilldkg) => Some(&SECP256K1),
        (Suite::Secp256k1Tr, Protocol::Chilldkg) => Some(&SECP256K1_TR),
        (Suite::Ed25519, Protocol::Cocktail) => Some(&ED25519_C),
        (Suite::Ed448, Protocol::Cocktail) => Some(&ED448_C),
        (Suite::P256, Protocol::Cocktail) => Some(&P256_C),
        (Suite::Ristretto255, Protocol::Cocktail) => Some(&RISTRETTO255_C),
        (Suite::Secp256k1, Protocol::Cocktail) => Some(&SECP256K1_C),
        (Suite::Secp256k1Tr, Protocol::Cocktail) => Some(&SECP256K1_TR_C),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// ChillDKG
// ---------------------------------------------------------------------------

/// ChillDKG on a secp256k1 suite.
pub struct ChillDkgDriver<C> {
    suite: Suite,
    _c: PhantomData<fn() -> C>,
}

impl<C> ChillDkgDriver<C> {
    const fn new(suite: Suite) -> Self {
        Self { suite, _c: PhantomData }
    }
}

/// The 0-based position of an identifier in a session of `n`.
fn position<C: Ciphersuite>(id: &Identifier<C>, n: usize) -> Option<usize> {
    let id = id.as_u16()? as usize;
    (1..=n).contains(&id).then(|| id - 1)
}

/// Translates a library error: `from_coordinator` says whether the input
/// came from the coordinator (a participant's view) or from participants.
fn blame<C: Ciphersuite>(err: frost_core::Error<C>, n: usize, from_coordinator: bool) -> DkgError {
    use frost_core::Error;
    let message = err.to_string();
    let blame = match &err {
        Error::FaultyCoordinator => Blame::Coordinator,
        Error::FaultyParticipantOrCoordinator { culprit } => match position(culprit, n) {
            Some(i) => Blame::ParticipantOrCoordinator(i),
            None => Blame::Unknown,
        },
        Error::FaultyParticipant { culprit } => match position(culprit, n) {
            Some(i) => Blame::Participant(i),
            None => Blame::Unknown,
        },
        Error::UnknownFault => Blame::Unknown,
        _ => match err.culprits().first().and_then(|c| position(c, n)) {
            Some(i) if from_coordinator => Blame::ParticipantOrCoordinator(i),
            Some(i) => Blame::Participant(i),
            None if from_coordinator => Blame::Coordinator,
            None => Blame::Unknown,
        },
    };
    DkgError { blame, message }
}

fn params<C: Ciphersuite>(hostpubkeys: &[Vec<u8>], threshold: u32) -> Result<SessionParams<C>, DkgError> {
    SessionParams::<C>::new(hostpubkeys, threshold)
        .map_err(|e| DkgError::local(format!("invalid session parameters: {e}")))
}

fn host_key<C: Ciphersuite>(bytes: &[u8]) -> Result<HostSecretKey<C>, DkgError> {
    HostSecretKey::<C>::from_bytes(bytes).map_err(|e| DkgError::local(format!("invalid host secret key: {e}")))
}

/// The host secret key, if its public key is one of the session's.
fn member_key<C: Ciphersuite>(bytes: &[u8], params: &SessionParams<C>) -> Result<HostSecretKey<C>, DkgError> {
    let key = host_key::<C>(bytes)?;
    if !params.hostpubkeys().contains(&key.public_key()) {
        return Err(DkgError::local("this host key is not in the participant list"));
    }
    Ok(key)
}

fn outcome<C: Ciphersuite>(
    output: &DkgOutput<C>,
    params: &SessionParams<C>,
    recovery: &RecoveryData,
) -> Result<DkgOutcome, DkgError> {
    let pkp = output
        .public_key_package()
        .map_err(|e| DkgError::local(format!("cannot build the public key package: {e}")))?;
    let key_package = output
        .key_package()
        .map_err(|e| DkgError::local(format!("cannot build the key package: {e}")))?
        .map(|kp| {
            let id = kp.identifier().as_u16().unwrap_or(0);
            (id, kp.serialize())
        });
    Ok(DkgOutcome {
        threshold: params.threshold(),
        hostpubkeys: params.hostpubkeys().iter().map(|k| k.to_bytes()).collect(),
        group_key: output.threshold_public_key().serialize(),
        public_key_package: pkp.serialize(),
        key_package,
        recovery_data: recovery.to_bytes(),
    })
}

impl<C: ChillDkgCiphersuite> DkgDriver for ChillDkgDriver<C> {
    fn suite(&self) -> Suite {
        self.suite
    }

    fn protocol(&self) -> Protocol {
        Protocol::Chilldkg
    }

    fn params_hash(&self, hostpubkeys: &[Vec<u8>], threshold: u32) -> Result<[u8; 32], DkgError> {
        Ok(*params::<C>(hostpubkeys, threshold)?.params_hash().as_bytes())
    }

    fn max_message_len(&self, threshold: u32, count: usize) -> usize {
        // pmsg1: 33 t + 97 + 32 n; cmsg1: 162 n + 33 (t - 1); the
        // certificate 64 n; the recovery data 4 + 33 t + 162 n.
        1024 + 256 * (count + threshold as usize)
    }

    fn participant(
        &self,
        hostseckey: &[u8],
        hostpubkeys: &[Vec<u8>],
        threshold: u32,
        _session: &[u8; 32],
    ) -> Result<Box<dyn DkgParticipant>, DkgError> {
        let params = params::<C>(hostpubkeys, threshold)?;
        let key = member_key::<C>(hostseckey, &params)?;
        Ok(Box::new(ChillParticipant {
            key,
            params,
            state: ChillState::Start,
        }))
    }

    fn coordinator(
        &self,
        hostpubkeys: &[Vec<u8>],
        threshold: u32,
        _session: &[u8; 32],
    ) -> Result<Box<dyn DkgCoordinator>, DkgError> {
        Ok(Box::new(ChillCoordinator {
            params: params::<C>(hostpubkeys, threshold)?,
            state: None,
        }))
    }

    fn recover(&self, hostseckey: &[u8], recovery_data: &[u8], _secret: Option<&[u8]>) -> Result<DkgOutcome, DkgError> {
        let key = host_key::<C>(hostseckey)?;
        let recovery = RecoveryData::from_bytes(recovery_data);
        let (output, params) = chill::participant_recover(&key, &recovery).map_err(|e| DkgError {
            blame: Blame::Coordinator,
            message: format!("the recovery data is invalid for this host key: {e}"),
        })?;
        outcome(&output, &params, &recovery)
    }

    fn corrupt_share_for_tests(&self, pmsg1: &mut [u8], threshold: u32, to: usize) {
        // pmsg1 = commitment (33 t) || pop (64) || pubnonce (33) || 32-byte shares.
        let at = 33 * threshold as usize + 64 + 33 + 32 * to + 31;
        if let Some(b) = pmsg1.get_mut(at) {
            *b ^= 1;
        }
    }
}

enum ChillState<C: Ciphersuite> {
    Start,
    Step1(chill::ParticipantState1<C>),
    Step2(chill::ParticipantState2<C>),
    Investigating(chill::Investigation<C>),
    Spent,
}

struct ChillParticipant<C: Ciphersuite> {
    key: HostSecretKey<C>,
    params: SessionParams<C>,
    state: ChillState<C>,
}

impl<C: ChillDkgCiphersuite> DkgParticipant for ChillParticipant<C> {
    fn step1(&mut self) -> Result<Vec<u8>, DkgError> {
        if !matches!(self.state, ChillState::Start) {
            return Err(DkgError::local("step 1 run twice"));
        }
        let random = Zeroizing::new(rand::random::<[u8; 32]>());
        let (state, pmsg1) = chill::participant_step1(&self.key, &self.params, &random[..])
            .map_err(|e| blame(e, self.params.count(), false))?;
        self.state = ChillState::Step1(state);
        Ok(pmsg1)
    }

    fn step2(&mut self, cmsg1: &[u8]) -> Result<Vec<u8>, DkgError> {
        let ChillState::Step1(state1) = std::mem::replace(&mut self.state, ChillState::Spent) else {
            return Err(DkgError::local("step 2 out of order"));
        };
        let aux = rand::random::<[u8; 32]>();
        let (state2, pmsg2) = match chill::participant_step2(&self.key, state1, cmsg1, &aux) {
            Ok(x) => x,
            Err(frost_core::keys::standalone::Step2Failure {
                error,
                investigation: Some(investigation),
            }) => {
                self.state = ChillState::Investigating(investigation);
                return Err(DkgError {
                    blame: Blame::NeedsInvestigation,
                    message: error.to_string(),
                });
            }
            Err(f) => return Err(blame(f.error, self.params.count(), true)),
        };
        self.state = ChillState::Step2(state2);
        Ok(pmsg2)
    }

    fn finalize(&mut self, cmsg2: &[u8]) -> Result<DkgOutcome, DkgError> {
        let ChillState::Step2(state2) = std::mem::replace(&mut self.state, ChillState::Spent) else {
            return Err(DkgError::local("finalize out of order"));
        };
        match chill::participant_finalize(state2, cmsg2) {
            Ok((output, recovery)) => outcome(&output, &self.params, &recovery),
            Err((state2, e)) => {
                // A later, correct certificate may still be tried.
                self.state = ChillState::Step2(state2);
                Err(blame(e, self.params.count(), true))
            }
        }
    }

    fn investigate(&mut self, cinv: &[u8]) -> DkgError {
        let ChillState::Investigating(investigation) = std::mem::replace(&mut self.state, ChillState::Spent) else {
            return DkgError::local("nothing to investigate");
        };
        blame(
            chill::participant_investigate(investigation, cinv),
            self.params.count(),
            true,
        )
    }
}

struct ChillCoordinator<C: Ciphersuite> {
    params: SessionParams<C>,
    state: Option<chill::CoordinatorState<C>>,
}

impl<C: ChillDkgCiphersuite> DkgCoordinator for ChillCoordinator<C> {
    fn step1(&mut self, pmsgs1: &[Vec<u8>]) -> Result<FirstMessages, DkgError> {
        let (state, cmsg1) =
            chill::coordinator_step1(pmsgs1, &self.params).map_err(|e| blame(e, self.params.count(), false))?;
        self.state = Some(state);
        Ok(FirstMessages::Same(Arc::new(cmsg1)))
    }

    fn finalize(&mut self, pmsgs2: &[Vec<u8>]) -> Result<(Vec<u8>, Vec<u8>), DkgError> {
        let state = self
            .state
            .take()
            .ok_or_else(|| DkgError::local("finalize before step 1"))?;
        let (cmsg2, _output, recovery) =
            chill::coordinator_finalize(state, pmsgs2).map_err(|e| blame(e, self.params.count(), false))?;
        Ok((cmsg2, recovery.to_bytes()))
    }

    fn investigate(&self, pmsgs1: &[Vec<u8>]) -> Result<Vec<Vec<u8>>, DkgError> {
        chill::coordinator_investigate(pmsgs1, &self.params).map_err(|e| blame(e, self.params.count(), false))
    }
}

// ---------------------------------------------------------------------------
// COCKTAIL-DKG
// ---------------------------------------------------------------------------

/// COCKTAIL-DKG on any suite.
pub struct CocktailDriver<C> {
    suite: Suite,
    _c: PhantomData<fn() -> C>,
}

impl<C> CocktailDriver<C> {
    const fn new(suite: Suite) -> Self {
        Self { suite, _c: PhantomData }
    }
}

/// COCKTAIL's wire lengths: (element, signature, framed ciphertext of a
/// share without payload).
fn cocktail_lens<C: CocktailCiphersuite>() -> (usize, usize, usize) {
    let el = <C::Group as frost_core::Group>::ELEMENT_LEN;
    let scalar = C::COCKTAIL_SCALAR_LEN;
    (el, el + scalar, 8 + scalar + 16)
}

/// The session context: the spec's recommended context over the command's
/// session id (see the [module docs](self)).
fn cocktail_session<C: CocktailCiphersuite>(
    hostpubkeys: &[Vec<u8>],
    threshold: u32,
    session: &[u8; 32],
) -> Result<SessionContext<C>, DkgError> {
    Ok(SessionContext::new(params::<C>(hostpubkeys, threshold)?, session))
}

impl<C: CocktailCiphersuite> DkgDriver for CocktailDriver<C> {
    fn suite(&self) -> Suite {
        self.suite
    }

    fn protocol(&self) -> Protocol {
        Protocol::Cocktail
    }

    fn recovery_needs_secret(&self) -> bool {
        true
    }

    fn params_hash(&self, hostpubkeys: &[Vec<u8>], threshold: u32) -> Result<[u8; 32], DkgError> {
        // COCKTAIL defines no params hash; this one plays ChillDKG's role
        // (compared out of band): SHA-256 over a tag, COCKTAIL's suite id,
        // t and the ordered host keys, each length-prefixed.
        use sha2::{Digest, Sha256};
        let params = params::<C>(hostpubkeys, threshold)?;
        let mut h = Sha256::new();
        for part in [b"frost/v1 cocktail params".as_slice(), C::COCKTAIL_ID.as_bytes()] {
            h.update((part.len() as u32).to_be_bytes());
            h.update(part);
        }
        h.update(params.threshold().to_be_bytes());
        h.update((params.count() as u32).to_be_bytes());
        for key in params.hostpubkeys() {
            h.update(key.to_bytes());
        }
        Ok(h.finalize().into())
    }

    fn max_message_len(&self, threshold: u32, count: usize) -> usize {
        // msg1: t el + sig + el + n ct; a projection msg2_i: n (t el + sig
        // + el + ct); the certificate n sig; the recovery data (the
        // transcript and the certificate): ids and lengths, n el host keys,
        // n t el commitments, 2 n sig, n el ephemeral keys. With no payloads
        // a ct is the framed share. A 667-of-1000 projection is about 21.5 MB
        // on Ed25519, 38 MB on Ed448.
        let (el, sig, ct) = cocktail_lens::<C>();
        let t = threshold as usize;
        let per_sender = t.saturating_mul(el).saturating_add(2 * sig + 2 * el + ct);
        count.saturating_mul(per_sender).saturating_add(1024)
    }

    fn participant(
        &self,
        hostseckey: &[u8],
        hostpubkeys: &[Vec<u8>],
        threshold: u32,
        session: &[u8; 32],
    ) -> Result<Box<dyn DkgParticipant>, DkgError> {
        let session = cocktail_session::<C>(hostpubkeys, threshold, session)?;
        let key = member_key::<C>(hostseckey, session.params())?;
        Ok(Box::new(CocktailParticipant {
            key,
            session,
            state: CocktailState::Start,
        }))
    }

    fn coordinator(
        &self,
        hostpubkeys: &[Vec<u8>],
        threshold: u32,
        session: &[u8; 32],
    ) -> Result<Box<dyn DkgCoordinator>, DkgError> {
        Ok(Box::new(CocktailCoordinator {
            session: cocktail_session::<C>(hostpubkeys, threshold, session)?,
            state: None,
        }))
    }

    fn recover(&self, hostseckey: &[u8], recovery_data: &[u8], secret: Option<&[u8]>) -> Result<DkgOutcome, DkgError> {
        let key = host_key::<C>(hostseckey)?;
        let bundle = secret.ok_or_else(|| {
            DkgError::local(
                "COCKTAIL-DKG recovery needs this participant's encrypted share bundle, \
                 which this directory does not hold",
            )
        })?;
        let recovery = RecoveryData::from_bytes(recovery_data);
        let (output, session) =
            cocktail::participant_recover(&key, &recovery, &EncryptedShareBundle::from_bytes(bundle)).map_err(|e| {
                DkgError {
                    blame: Blame::Coordinator,
                    message: format!("the recovery data is invalid for this host key and share bundle: {e}"),
                }
            })?;
        outcome(&output, session.params(), &recovery)
    }

    fn corrupt_share_for_tests(&self, pmsg1: &mut [u8], threshold: u32, to: usize) {
        // msg1 = commitment (t el) || pop || ephemeral key || framed ciphertexts.
        let (el, sig, _) = cocktail_lens::<C>();
        let mut at = threshold as usize * el + sig + el;
        for _ in 0..to {
            let Some(len) = pmsg1.get(at..at + 8) else { return };
            let len = u64::from_be_bytes(len.try_into().unwrap_or_default()) as usize;
            at = at.saturating_add(8 + len);
        }
        let Some(len) = pmsg1.get(at..at + 8) else { return };
        let len = u64::from_be_bytes(len.try_into().unwrap_or_default()) as usize;
        // The tag's last byte: the recipient's decryption fails.
        if let Some(b) = pmsg1.get_mut((at + 8 + len).saturating_sub(1)) {
            *b ^= 1;
        }
    }
}

enum CocktailState<C: Ciphersuite> {
    Start,
    Step1(cocktail::ParticipantState1<C>),
    Step2(cocktail::ParticipantState2<C>, Zeroizing<Vec<u8>>),
    Spent,
}

struct CocktailParticipant<C: Ciphersuite> {
    key: HostSecretKey<C>,
    session: SessionContext<C>,
    state: CocktailState<C>,
}

impl<C: CocktailCiphersuite> DkgParticipant for CocktailParticipant<C> {
    fn step1(&mut self) -> Result<Vec<u8>, DkgError> {
        if !matches!(self.state, CocktailState::Start) {
            return Err(DkgError::local("step 1 run twice"));
        }
        let n = self.session.params().count();
        let (state, msg1) = cocktail::participant_step1(&self.key, &self.session, &[] as &[&[u8]], &mut rand::rng())
            .map_err(|e| blame(e, n, false))?;
        self.state = CocktailState::Step1(state);
        Ok(msg1)
    }

    fn step2(&mut self, cmsg1: &[u8]) -> Result<Vec<u8>, DkgError> {
        let CocktailState::Step1(state1) = std::mem::replace(&mut self.state, CocktailState::Spent) else {
            return Err(DkgError::local("step 2 out of order"));
        };
        let n = self.session.params().count();
        let (state2, sig) = cocktail::participant_step2(&self.key, state1, cmsg1, cocktail::Extension::Bytes(b""))
            .map_err(|f| blame(f.error, n, true))?;
        let bundle = Zeroizing::new(state2.encrypted_share_bundle().to_bytes());
        self.state = CocktailState::Step2(state2, bundle);
        Ok(sig)
    }

    fn recovery_secret(&self) -> Option<Zeroizing<Vec<u8>>> {
        match &self.state {
            CocktailState::Step2(_, bundle) => Some(bundle.clone()),
            _ => None,
        }
    }

    fn finalize(&mut self, cmsg2: &[u8]) -> Result<DkgOutcome, DkgError> {
        let CocktailState::Step2(state2, bundle) = std::mem::replace(&mut self.state, CocktailState::Spent) else {
            return Err(DkgError::local("finalize out of order"));
        };
        let n = self.session.params().count();
        match cocktail::participant_finalize(state2, cmsg2) {
            Ok((output, recovery, _bundle)) => outcome(&output, self.session.params(), &recovery),
            Err((state2, e)) => {
                // A later, correct certificate may still be tried.
                self.state = CocktailState::Step2(state2, bundle);
                Err(blame(e, n, true))
            }
        }
    }

    fn investigate(&mut self, _cinv: &[u8]) -> DkgError {
        DkgError::local("COCKTAIL-DKG has no investigation: step 2 names the sender of a bad share")
    }
}

struct CocktailCoordinator<C: Ciphersuite> {
    session: SessionContext<C>,
    /// Shared with the projections being sent.
    state: Option<Arc<cocktail::CoordinatorState<C>>>,
}

impl<C: CocktailCiphersuite> DkgCoordinator for CocktailCoordinator<C> {
    fn step1(&mut self, pmsgs1: &[Vec<u8>]) -> Result<FirstMessages, DkgError> {
        let n = self.session.params().count();
        let state = Arc::new(cocktail::coordinator_collect(pmsgs1, &self.session).map_err(|e| blame(e, n, false))?);
        self.state = Some(state.clone());
        Ok(FirstMessages::PerRecipient(Arc::new(move |i| {
            cocktail::coordinator_projection(&state, i)
        })))
    }

    fn finalize(&mut self, pmsgs2: &[Vec<u8>]) -> Result<(Vec<u8>, Vec<u8>), DkgError> {
        let n = self.session.params().count();
        let state = self
            .state
            .take()
            .ok_or_else(|| DkgError::local("finalize before step 1"))?;
        // A projection still queued for a connection that never took it
        // shares the state; finalization then works on a copy.
        let state = Arc::try_unwrap(state).unwrap_or_else(|shared| (*shared).clone());
        let (cert, _output, recovery) =
            cocktail::coordinator_finalize(state, b"", pmsgs2).map_err(|e| blame(e, n, false))?;
        Ok((cert, recovery.to_bytes()))
    }

    fn investigate(&self, _pmsgs1: &[Vec<u8>]) -> Result<Vec<Vec<u8>>, DkgError> {
        Err(DkgError {
            blame: Blame::Unknown,
            message: "COCKTAIL-DKG has no investigation".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SID: [u8; 32] = [7; 32];

    /// A `t`-of-`n` session of `protocol` on `suite` after every
    /// participant's step 1, as the tests build it.
    struct Session {
        d: &'static dyn DkgDriver,
        keys: Vec<(Zeroizing<Vec<u8>>, Vec<u8>)>,
        pubs: Vec<Vec<u8>>,
        parts: Vec<Box<dyn DkgParticipant>>,
        p1: Vec<Vec<u8>>,
        coord: Box<dyn DkgCoordinator>,
    }

    fn session(suite: Suite, protocol: Protocol, t: u32, n: usize) -> Session {
        let d = driver(suite, protocol).unwrap();
        let keys: Vec<_> = (0..n).map(|_| crate::suite::generate_host_key(suite)).collect();
        let pubs: Vec<Vec<u8>> = keys.iter().map(|k| k.1.clone()).collect();
        let mut parts: Vec<_> = keys
            .iter()
            .map(|k| d.participant(&k.0, &pubs, t, &SID).unwrap())
            .collect();
        let p1: Vec<_> = parts.iter_mut().map(|p| p.step1().unwrap()).collect();
        let coord = d.coordinator(&pubs, t, &SID).unwrap();
        Session {
            d,
            keys,
            pubs,
            parts,
            p1,
            coord,
        }
    }

    /// The whole flow through the trait objects, in memory.
    #[test]
    fn chilldkg_through_the_driver() {
        for suite in [Suite::Secp256k1, Suite::Secp256k1Tr] {
            let Session {
                d,
                keys,
                mut parts,
                p1,
                mut coord,
                ..
            } = session(suite, Protocol::Chilldkg, 2, 3);
            assert!(p1.iter().all(|m| m.len() <= d.max_message_len(2, 3)));
            let c1 = coord.step1(&p1).unwrap().get(0).unwrap();
            let p2: Vec<_> = parts.iter_mut().map(|p| p.step2(&c1).unwrap()).collect();
            let (c2, rec) = coord.finalize(&p2).unwrap();
            assert!(rec.len() <= d.max_message_len(2, 3));
            let outs: Vec<_> = parts.iter_mut().map(|p| p.finalize(&c2).unwrap()).collect();
            assert!(outs.iter().all(|o| o.group_key == outs[0].group_key));
            let recovered = d.recover(&keys[1].0, &rec, None).unwrap();
            assert_eq!(recovered.group_key, outs[1].group_key);
            assert_eq!(
                recovered.key_package.unwrap().1,
                outs[1].key_package.as_ref().unwrap().1
            );
        }
    }

    /// A participant whose first message is garbage is named by the coordinator.
    #[test]
    fn coordinator_names_a_bad_first_message() {
        let Session { mut p1, mut coord, .. } = session(Suite::Secp256k1, Protocol::Chilldkg, 2, 3);
        p1[2].truncate(10);
        let err = coord.step1(&p1).unwrap_err();
        assert_eq!(err.blame, Blame::Participant(2), "{err}");
    }

    /// A bad encrypted share cannot be blamed by its recipient alone; the
    /// coordinator's investigation message names the sender.
    #[test]
    fn an_investigation_names_the_sender_of_a_bad_share() {
        let Session {
            d,
            pubs,
            mut parts,
            mut p1,
            coord,
            ..
        } = session(Suite::Secp256k1Tr, Protocol::Chilldkg, 3, 4);
        d.corrupt_share_for_tests(&mut p1[2], 3, 0);
        let mut c = d.coordinator(&pubs, 3, &SID).unwrap();
        let c1 = c.step1(&p1).unwrap().get(0).unwrap();
        let err = parts[0].step2(&c1).unwrap_err();
        assert_eq!(err.blame, Blame::NeedsInvestigation, "{err}");
        // The others are fine.
        assert!(parts[1].step2(&c1).is_ok());
        let cinv = coord.investigate(&p1).unwrap();
        let named = parts[0].investigate(&cinv[0]);
        assert_eq!(named.blame, Blame::ParticipantOrCoordinator(2), "{named}");
    }

    #[test]
    fn which_protocols_run_where() {
        for suite in Suite::ALL {
            let secp = matches!(suite, Suite::Secp256k1 | Suite::Secp256k1Tr);
            assert_eq!(driver(suite, Protocol::Chilldkg).is_some(), secp);
            assert!(driver(suite, Protocol::Cocktail).is_some(), "{suite}");
            assert!(driver(suite, Protocol::default_for(suite)).is_some(), "{suite}");
        }
    }

    /// COCKTAIL on every suite through the trait objects: a projection per
    /// recipient, the bundle known after step 2, recovery with it only.
    #[test]
    fn cocktail_through_the_driver() {
        for suite in Suite::ALL {
            let Session {
                d,
                keys,
                pubs,
                mut parts,
                p1,
                mut coord,
            } = session(suite, Protocol::Cocktail, 2, 3);
            let first = coord.step1(&p1).unwrap();
            assert!(matches!(first, FirstMessages::PerRecipient(_)), "{suite}");
            let c1: Vec<_> = (0..3).map(|i| first.get(i).unwrap()).collect();
            assert!(first.get(3).is_none(), "{suite}");
            assert_ne!(c1[0], c1[1], "{suite}: one projection per recipient");
            assert!(c1.iter().all(|m| m.len() <= d.max_message_len(2, 3)), "{suite}");
            let p2: Vec<_> = parts.iter_mut().zip(&c1).map(|(p, c)| p.step2(c).unwrap()).collect();
            let bundles: Vec<_> = parts.iter().map(|p| p.recovery_secret().unwrap()).collect();
            let (c2, rec) = coord.finalize(&p2).unwrap();
            assert!(rec.len() <= d.max_message_len(2, 3), "{suite}");
            let outs: Vec<_> = parts.iter_mut().map(|p| p.finalize(&c2).unwrap()).collect();
            assert!(outs.iter().all(|o| o.group_key == outs[0].group_key), "{suite}");
            let recovered = d.recover(&keys[1].0, &rec, Some(&bundles[1])).unwrap();
            assert_eq!(recovered.group_key, outs[1].group_key);
            assert_eq!(
                recovered.key_package.unwrap().1,
                outs[1].key_package.as_ref().unwrap().1,
                "{suite}"
            );
            assert!(matches!(d.recover(&keys[1].0, &rec, None), Err(e) if e.blame == Blame::Local));
            assert!(d.recover(&keys[1].0, &rec, Some(&bundles[0])).is_err(), "{suite}");
            // Another session id is another context: the messages do not mix.
            let mut other = d.participant(&keys[0].0, &pubs, 2, &[8; 32]).unwrap();
            other.step1().unwrap();
            assert!(other.step2(&c1[0]).is_err(), "{suite}");
        }
    }

    /// The largest session the issue names fits the default frame cap on
    /// every suite, and the bound covers a real projection's formula.
    #[test]
    fn cocktail_667_of_1000_fits_the_default_frame() {
        for suite in Suite::ALL {
            let d = driver(suite, Protocol::Cocktail).unwrap();
            let bound = d.max_message_len(667, 1000);
            assert!(
                bound + crate::frame::HEADER_ALLOWANCE <= crate::frame::DEFAULT_MAX_FRAME,
                "{suite}: {bound}"
            );
            // A projection: n (t el + sig + el + 8 + scalar + tag).
            let el = suite.element_len();
            let scalar = if suite == Suite::Ed448 { 56 } else { 32 };
            let projection = 1000 * (667 * el + (el + scalar) + el + 8 + scalar + 16);
            assert!(projection <= bound && bound < projection + projection / 10, "{suite}");
        }
    }

    /// A bad ciphertext is named by its recipient in step 2, with no
    /// investigation.
    #[test]
    fn cocktail_names_the_sender_of_a_bad_share() {
        let Session {
            d,
            mut parts,
            mut p1,
            mut coord,
            ..
        } = session(Suite::Ed25519, Protocol::Cocktail, 2, 3);
        d.corrupt_share_for_tests(&mut p1[2], 2, 1);
        let c1 = coord.step1(&p1).unwrap();
        assert!(parts[0].step2(&c1.get(0).unwrap()).is_ok());
        let err = parts[1].step2(&c1.get(1).unwrap()).unwrap_err();
        assert_eq!(err.blame, Blame::ParticipantOrCoordinator(2), "{err}");
    }
}
