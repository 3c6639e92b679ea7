//! The DKG driver: one object-safe interface over every standalone DKG
//! (protocol × suite), so the relay and the participants drive any of them
//! the same way.
//!
//! Adding a protocol or a suite is one [`DkgDriver`] implementation (generic
//! over the suite) and one arm in [`driver`]. The drivers are thin: they
//! call the sans-IO state machines of `frost_core::keys::chilldkg` (and later
//! `keys::cocktail`) and translate their errors into a [`DkgError`] that
//! says who is to blame. They own no sockets, clocks or threads.

use std::fmt;
use std::marker::PhantomData;

use frost_core::keys::chilldkg::{self as chill, ChillDkgCiphersuite};
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
    /// Validates the parameters and returns their hash (compared out of band).
    fn params_hash(&self, hostpubkeys: &[Vec<u8>], threshold: u32) -> Result<[u8; 32], DkgError>;
    /// An upper bound on the length of any DKG message of a session with
    /// these parameters (participants' messages, the coordinator's, the
    /// recovery data).
    fn max_message_len(&self, threshold: u32, count: usize) -> usize;
    /// A participant of a new session.
    fn participant(
        &self,
        hostseckey: &[u8],
        hostpubkeys: &[Vec<u8>],
        threshold: u32,
    ) -> Result<Box<dyn DkgParticipant>, DkgError>;
    /// The coordinator of a new session.
    fn coordinator(&self, hostpubkeys: &[Vec<u8>], threshold: u32) -> Result<Box<dyn DkgCoordinator>, DkgError>;
    /// A participant's outcome from its host key and the recovery data.
    fn recover(&self, hostseckey: &[u8], recovery_data: &[u8]) -> Result<DkgOutcome, DkgError>;
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
    /// Checks the coordinator's final message (the certificate).
    fn finalize(&mut self, cmsg2: &[u8]) -> Result<DkgOutcome, DkgError>;
    /// After step 2 failed with [`Blame::NeedsInvestigation`]: names a
    /// suspect from the coordinator's investigation message for this
    /// participant.
    fn investigate(&mut self, cinv: &[u8]) -> DkgError;
}

/// The coordinator's side of a session.
pub trait DkgCoordinator: Send {
    /// Aggregates the `n` first messages (in session order).
    fn step1(&mut self, pmsgs1: &[Vec<u8>]) -> Result<Vec<u8>, DkgError>;
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
    match (suite, protocol) {
        (Suite::Secp256k1, Protocol::Chilldkg) => Some(&SECP256K1),
        (Suite::Secp256k1Tr, Protocol::Chilldkg) => Some(&SECP256K1_TR),
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

fn params<C: Ciphersuite + ChillDkgCiphersuite>(
    hostpubkeys: &[Vec<u8>],
    threshold: u32,
) -> Result<SessionParams<C>, DkgError> {
    SessionParams::<C>::new(hostpubkeys, threshold)
        .map_err(|e| DkgError::local(format!("invalid session parameters: {e}")))
}

fn host_key<C: Ciphersuite>(bytes: &[u8]) -> Result<HostSecretKey<C>, DkgError> {
    HostSecretKey::<C>::from_bytes(bytes).map_err(|e| DkgError::local(format!("invalid host secret key: {e}")))
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
    ) -> Result<Box<dyn DkgParticipant>, DkgError> {
        let params = params::<C>(hostpubkeys, threshold)?;
        let key = host_key::<C>(hostseckey)?;
        let me = key.public_key();
        if !params.hostpubkeys().contains(&me) {
            return Err(DkgError::local("this host key is not in the participant list"));
        }
        Ok(Box::new(ChillParticipant {
            key,
            params,
            state: ChillState::Start,
        }))
    }

    fn coordinator(&self, hostpubkeys: &[Vec<u8>], threshold: u32) -> Result<Box<dyn DkgCoordinator>, DkgError> {
        Ok(Box::new(ChillCoordinator {
            params: params::<C>(hostpubkeys, threshold)?,
            state: None,
        }))
    }

    fn recover(&self, hostseckey: &[u8], recovery_data: &[u8]) -> Result<DkgOutcome, DkgError> {
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
    fn step1(&mut self, pmsgs1: &[Vec<u8>]) -> Result<Vec<u8>, DkgError> {
        let (state, cmsg1) =
            chill::coordinator_step1(pmsgs1, &self.params).map_err(|e| blame(e, self.params.count(), false))?;
        self.state = Some(state);
        Ok(cmsg1)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole flow through the trait objects, in memory.
    #[test]
    fn chilldkg_through_the_driver() {
        for suite in [Suite::Secp256k1, Suite::Secp256k1Tr] {
            let d = driver(suite, Protocol::Chilldkg).unwrap();
            let keys: Vec<_> = (0..3).map(|_| crate::suite::generate_host_key(suite)).collect();
            let pubs: Vec<Vec<u8>> = keys.iter().map(|k| k.1.clone()).collect();
            let mut parts: Vec<_> = keys.iter().map(|k| d.participant(&k.0, &pubs, 2).unwrap()).collect();
            let mut coord = d.coordinator(&pubs, 2).unwrap();
            let p1: Vec<_> = parts.iter_mut().map(|p| p.step1().unwrap()).collect();
            assert!(p1.iter().all(|m| m.len() <= d.max_message_len(2, 3)));
            let c1 = coord.step1(&p1).unwrap();
            let p2: Vec<_> = parts.iter_mut().map(|p| p.step2(&c1).unwrap()).collect();
            let (c2, rec) = coord.finalize(&p2).unwrap();
            assert!(rec.len() <= d.max_message_len(2, 3));
            let outs: Vec<_> = parts.iter_mut().map(|p| p.finalize(&c2).unwrap()).collect();
            assert!(outs.iter().all(|o| o.group_key == outs[0].group_key));
            let recovered = d.recover(&keys[1].0, &rec).unwrap();
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
        let suite = Suite::Secp256k1;
        let d = driver(suite, Protocol::Chilldkg).unwrap();
        let keys: Vec<_> = (0..3).map(|_| crate::suite::generate_host_key(suite)).collect();
        let pubs: Vec<Vec<u8>> = keys.iter().map(|k| k.1.clone()).collect();
        let mut p1: Vec<_> = keys
            .iter()
            .map(|k| d.participant(&k.0, &pubs, 2).unwrap().step1().unwrap())
            .collect();
        p1[2].truncate(10);
        let err = d.coordinator(&pubs, 2).unwrap().step1(&p1).unwrap_err();
        assert_eq!(err.blame, Blame::Participant(2), "{err}");
    }

    /// A bad encrypted share cannot be blamed by its recipient alone; the
    /// coordinator's investigation message names the sender.
    #[test]
    fn an_investigation_names_the_sender_of_a_bad_share() {
        let suite = Suite::Secp256k1Tr;
        let d = driver(suite, Protocol::Chilldkg).unwrap();
        let keys: Vec<_> = (0..4).map(|_| crate::suite::generate_host_key(suite)).collect();
        let pubs: Vec<Vec<u8>> = keys.iter().map(|k| k.1.clone()).collect();
        let mut parts: Vec<_> = keys.iter().map(|k| d.participant(&k.0, &pubs, 3).unwrap()).collect();
        let mut p1: Vec<_> = parts.iter_mut().map(|p| p.step1().unwrap()).collect();
        d.corrupt_share_for_tests(&mut p1[2], 3, 0);
        let coord = d.coordinator(&pubs, 3).unwrap();
        let mut c = d.coordinator(&pubs, 3).unwrap();
        let c1 = c.step1(&p1).unwrap();
        let err = parts[0].step2(&c1).unwrap_err();
        assert_eq!(err.blame, Blame::NeedsInvestigation, "{err}");
        // The others are fine.
        assert!(parts[1].step2(&c1).is_ok());
        let cinv = coord.investigate(&p1).unwrap();
        let named = parts[0].investigate(&cinv[0]);
        assert_eq!(named.blame, Blame::ParticipantOrCoordinator(2), "{named}");
    }

    #[test]
    fn only_chilldkg_on_secp256k1_for_now() {
        for suite in Suite::ALL {
            let has = matches!(suite, Suite::Secp256k1 | Suite::Secp256k1Tr);
            assert_eq!(driver(suite, Protocol::Chilldkg).is_some(), has);
        }
    }
}
