//! The relay: an untrusted, in-memory, store-and-forward mailbox that also
//! plays the standalone DKG's coordinator.
//!
//! - A client proves it holds a host key by signing the relay's fresh
//!   challenge under the tag of [`auth_message`], which no protocol
//!   signature uses. A key may hold several connections at once.
//! - Sessions are addressed separately (by session id), so one participant
//!   directory can run several at the same time.
//! - Messages are pushed to connected clients; nobody polls.
//! - As the DKG's coordinator, the relay collects the participants' signed
//!   messages, runs the coordinator's steps (pure functions of what it
//!   received) and pushes the results: each participant its own first
//!   coordinator message (ChillDKG's is the same for all, COCKTAIL's a
//!   projection per recipient, built from the coordinator's state by the
//!   recipient's connection when it is sent, a few at a time, so that the
//!   relay never holds all `n`). It learns nothing secret; the
//!   certificate, not the relay, gives integrity.
//! - Everything is in memory with a time-to-live; per-key caps bound what
//!   one key can make it hold. Nothing is written to disk.
//! - Garbage, oversized or truncated frames close only the connection that
//!   sent them.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::{Notify, mpsc};

use crate::dkg::{Blame, BuildMessage, DkgCoordinator, FirstMessages, driver, session_id};
use crate::envelope::{Envelope, EnvelopeHeader, Receiver, Refusal};
use crate::frame::{
    DEFAULT_MAX_FRAME, Frame, FrameError, HEADER_ALLOWANCE, PRE_SESSION_MAX_FRAME, read_frame_timed, write_frame,
};
use crate::proto::{ClientMsg, RelayMsg, VERSION};
use crate::suite::{self, Suite};

/// The tag of the relay's challenge signatures.
pub const AUTH_TAG: &[u8] = b"frost/v1 relay auth";

/// The bytes a client signs to authenticate: the tag, the relay's nonce,
/// the suite and the host public key, each length-prefixed.
pub fn auth_message(nonce: &[u8], suite: Suite, key: &[u8]) -> Vec<u8> {
    let mut m = Vec::new();
    for part in [AUTH_TAG, nonce, suite.name().as_bytes(), key] {
        m.extend_from_slice(&(part.len() as u32).to_be_bytes());
        m.extend_from_slice(part);
    }
    m
}

/// The relay's limits.
#[derive(Clone, Debug)]
pub struct RelayConfig {
    /// How long a session or a stored message lives after its last activity.
    pub ttl: Duration,
    /// The cap on any frame.
    pub max_frame: usize,
    /// Connections one host key may hold at once.
    pub max_connections_per_key: usize,
    /// Sessions one connection may join.
    pub max_sessions_per_key: usize,
    /// Sessions the relay holds at once (host keys cost nothing to make,
    /// so per-key caps alone do not bound the relay's memory).
    pub max_sessions: usize,
    /// Messages stored for one key.
    pub max_mailbox_messages: usize,
    /// Bytes stored for one key.
    pub max_mailbox_bytes: usize,
    /// Time a client has to authenticate.
    pub auth_timeout: Duration,
    /// Time the rest of a frame has to arrive once it started.
    pub frame_timeout: Duration,
    /// Print the bytes received and sent so far on standard error, once a
    /// second while they change (for benchmarks).
    pub report_traffic: bool,
}

impl Default for RelayConfig {
    fn default() -> Self {
        RelayConfig {
            ttl: Duration::from_secs(3600),
            max_frame: DEFAULT_MAX_FRAME,
            max_connections_per_key: 16,
            max_sessions_per_key: 64,
            max_sessions: 10_000,
            max_mailbox_messages: 4096,
            max_mailbox_bytes: 64 << 20,
            auth_timeout: Duration::from_secs(10),
            frame_timeout: Duration::from_secs(30),
            report_traffic: false,
        }
    }
}

type KeyId = (Suite, Vec<u8>);
type SessionId = [u8; 32];

/// What a connection's writer sends next.
enum Outgoing {
    /// A frame, ready.
    Ready(Frame),
    /// The participant's first coordinator message, built by the writer
    /// when its turn comes (see [`Relay::builders`]).
    Cmsg1 { build: BuildMessage, position: usize },
}

struct Conn {
    tx: mpsc::Sender<Outgoing>,
    kill: Arc<Notify>,
    key: KeyId,
    /// Sessions joined: (session, position, resuming).
    sessions: Vec<(SessionId, usize, bool)>,
    subscriptions: HashSet<SessionId>,
    limit: usize,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Phase {
    Step1,
    Step2,
    Done,
}

struct Session {
    driver: &'static dyn crate::dkg::DkgDriver,
    threshold: u32,
    hostpubkeys: Vec<Vec<u8>>,
    phase: Phase,
    /// Connections per position: (connection, resuming).
    members: Vec<Vec<(u64, bool)>>,
    pmsgs: [Vec<Option<Vec<u8>>>; 2],
    receivers: Vec<Receiver>,
    /// `None` while a step runs outside the lock.
    coordinator: Option<Box<dyn DkgCoordinator>>,
    /// Which attempt of the session this is (a failed step 1 starts over),
    /// so that a step computed for an earlier attempt is not applied.
    epoch: u64,
    recovery: Option<Arc<Vec<u8>>>,
    /// (step, culprit, reason).
    failure: Option<(u8, Option<usize>, String)>,
    expires: Instant,
    progress_dirty: bool,
    max_frame: usize,
}

impl Session {
    fn step(&self) -> u8 {
        match self.phase {
            Phase::Step1 => 1,
            _ => 2,
        }
    }

    fn missing(&self) -> Vec<usize> {
        let idx = usize::from(self.phase != Phase::Step1);
        (0..self.hostpubkeys.len())
            .filter(|i| self.pmsgs[idx][*i].is_none())
            .collect()
    }

    fn failed_msg(&self) -> Option<Frame> {
        self.failure.as_ref().map(|(step, culprit, reason)| {
            Frame::header_only(&RelayMsg::Failed {
                step: *step,
                culprit: culprit.map(|c| c as u32),
                reason: reason.clone(),
            })
        })
    }
}

struct Stored {
    session: SessionId,
    header: EnvelopeHeader,
    payload: Arc<Vec<u8>>,
    expires: Instant,
}

#[derive(Default)]
struct Inner {
    next_conn: u64,
    next_epoch: u64,
    conns: HashMap<u64, Conn>,
    by_key: HashMap<KeyId, Vec<u64>>,
    sessions: HashMap<SessionId, Session>,
    mailboxes: HashMap<KeyId, Vec<Stored>>,
    tamper: Option<Tamper>,
}

impl Inner {
    /// Pushes a mailbox message to the recipient's connections subscribed
    /// to its session, or stores it until one subscribes.
    fn deliver(
        &mut self,
        config: &RelayConfig,
        sid: SessionId,
        to: &KeyId,
        envelope: EnvelopeHeader,
        payload: Arc<Vec<u8>>,
    ) -> Result<(), String> {
        let mut delivered = false;
        for c in self.by_key.get(to).cloned().unwrap_or_default() {
            if self.conns[&c].subscriptions.contains(&sid) {
                let frame = Frame::new(
                    &RelayMsg::Deliver {
                        envelope: envelope.clone(),
                    },
                    payload.clone(),
                );
                self.push(c, frame);
                delivered = true;
            }
        }
        if delivered {
            return Ok(());
        }
        let mailbox = self.mailboxes.entry(to.clone()).or_default();
        let bytes: usize = mailbox.iter().map(|m| m.payload.len()).sum();
        if mailbox.len() >= config.max_mailbox_messages || bytes + payload.len() > config.max_mailbox_bytes {
            return Err("the recipient's mailbox is full".into());
        }
        mailbox.push(Stored {
            session: sid,
            header: envelope,
            payload,
            expires: Instant::now() + config.ttl,
        });
        Ok(())
    }

    fn push(&self, conn: u64, frame: Frame) {
        if let Some(c) = self.conns.get(&conn) {
            if c.tx.try_send(Outgoing::Ready(frame)).is_err() {
                // A client that does not read its messages loses its
                // connection rather than the relay's memory.
                c.kill.notify_one();
            }
        }
    }

    /// Queues a first coordinator message built on demand, for the
    /// participant at `position`.
    fn push_built(&self, conn: u64, build: &BuildMessage, position: usize) {
        if let Some(c) = self.conns.get(&conn) {
            let out = Outgoing::Cmsg1 {
                build: build.clone(),
                position,
            };
            if c.tx.try_send(out).is_err() {
                c.kill.notify_one();
            }
        }
    }

    fn push_members(&self, session: &Session, frame: &Frame) {
        for conns in &session.members {
            for (c, _) in conns {
                self.push(*c, frame.clone());
            }
        }
    }

    fn fail(&mut self, sid: &SessionId, step: u8, culprit: Option<usize>, reason: String) {
        let Some(session) = self.sessions.get_mut(sid) else {
            return;
        };
        if session.failure.is_some() || session.phase == Phase::Done {
            return;
        }
        eprintln!("relay: session {}: step {step} failed: {reason}", short(sid));
        session.failure = Some((step, culprit, reason));
        let session = &self.sessions[sid];
        if let Some(frame) = session.failed_msg() {
            self.push_members(session, &frame);
        }
    }
}

/// The environment variable of the relay's tampering hook, **for tests
/// only**: `MODE:PREFIX` makes the relay misbehave on the mailbox messages
/// sent by the host key whose hex starts with `PREFIX`:
///
/// - `flip`: flips a bit of the sender's first message numbered 0;
/// - `drop`: drops that message;
/// - `reorder`: holds that message back and delivers it after the sender's
///   next message to the same recipient;
/// - `replay`: delivers every message of the sender twice.
///
/// (A signing request's envelope is numbered by its creation time, so
/// "message 0" is the first message of a signing session.) Every envelope
/// is signed end to end, so each is detected by the recipient, which names
/// the relay.
pub const TAMPER_ENV: &str = "FROST_TEST_RELAY_TAMPER";

/// What the tampering hook does ([`TAMPER_ENV`]).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum TamperMode {
    /// Flip a bit.
    Flip,
    /// Drop a message.
    Drop,
    /// Deliver a message after the next one.
    Reorder,
    /// Deliver every message twice.
    Replay,
}

/// The tampering hook's state.
#[derive(Debug)]
pub struct Tamper {
    mode: TamperMode,
    /// The sender's hex prefix.
    sender: String,
    done: bool,
    held: Option<(KeyId, EnvelopeHeader, Arc<Vec<u8>>)>,
}

impl Tamper {
    /// Parses `MODE:PREFIX`.
    pub fn parse(text: &str) -> Option<Tamper> {
        let (mode, sender) = text.split_once(':')?;
        let mode = match mode {
            "flip" => TamperMode::Flip,
            "drop" => TamperMode::Drop,
            "reorder" => TamperMode::Reorder,
            "replay" => TamperMode::Replay,
            _ => return None,
        };
        let sender = sender.to_ascii_lowercase();
        if sender.is_empty() || hex::decode(if sender.len() % 2 == 0 { &sender } else { &sender[1..] }).is_err() {
            return None;
        }
        Some(Tamper {
            mode,
            sender,
            done: false,
            held: None,
        })
    }

    /// What the relay delivers in place of one message.
    fn apply(
        &mut self,
        to: &KeyId,
        envelope: EnvelopeHeader,
        payload: Arc<Vec<u8>>,
    ) -> Vec<(EnvelopeHeader, Arc<Vec<u8>>)> {
        let first = !self.done && envelope.seq == 0;
        let what = format!(
            "message {} of {}…",
            envelope.seq,
            &envelope.sender[..envelope.sender.len().min(16)]
        );
        match self.mode {
            TamperMode::Replay => {
                eprintln!("relay: TEST HOOK: delivering {what} twice");
                vec![(envelope.clone(), payload.clone()), (envelope, payload)]
            }
            TamperMode::Flip if first => {
                self.done = true;
                eprintln!("relay: TEST HOOK: flipping a bit of {what}");
                let mut bytes = payload.to_vec();
                match bytes.last_mut() {
                    Some(b) => *b ^= 1,
                    None => bytes.push(1),
                }
                vec![(envelope, Arc::new(bytes))]
            }
            TamperMode::Drop if first => {
                self.done = true;
                eprintln!("relay: TEST HOOK: dropping {what}");
                Vec::new()
            }
            TamperMode::Reorder if first => {
                self.done = true;
                eprintln!("relay: TEST HOOK: holding {what} back");
                self.held = Some((to.clone(), envelope, payload));
                Vec::new()
            }
            TamperMode::Reorder if self.held.as_ref().is_some_and(|(held_to, _, _)| held_to == to) => {
                eprintln!("relay: TEST HOOK: delivering {what} before the held one");
                let mut out = vec![(envelope, payload)];
                if let Some((_, h, p)) = self.held.take() {
                    out.push((h, p));
                }
                out
            }
            _ => vec![(envelope, payload)],
        }
    }
}

fn short(sid: &SessionId) -> String {
    hex::encode(&sid[..6])
}

/// A relay's shared state.
pub struct Relay {
    inner: Mutex<Inner>,
    config: RelayConfig,
    /// Per-recipient first messages (COCKTAIL's projections, up to ~22 MB
    /// each at 667-of-1000) are built by the connections' writers, at most
    /// this many at a time, each held only until written: the relay never
    /// holds all `n`.
    builders: Arc<tokio::sync::Semaphore>,
    /// Bytes of frames received and sent, for [`RelayConfig::report_traffic`].
    bytes_in: AtomicU64,
    bytes_out: AtomicU64,
}

/// How many per-recipient first messages are built or written at once.
const CONCURRENT_BUILDS: usize = 2;

/// Runs the relay on `listener` until the process ends. With `tls`, every
/// connection must complete a TLS handshake first.
pub async fn serve(
    listener: TcpListener,
    tls: Option<Arc<rustls::ServerConfig>>,
    config: RelayConfig,
) -> std::io::Result<()> {
    let mut inner = Inner::default();
    if let Ok(text) = std::env::var(TAMPER_ENV) {
        match Tamper::parse(&text) {
            Some(t) => {
                eprintln!("relay: {TAMPER_ENV}={text}: this relay tampers with messages (tests only)");
                inner.tamper = Some(t);
            }
            None => eprintln!("relay: {TAMPER_ENV}={text} is not MODE:HEXPREFIX; ignored"),
        }
    }
    let relay = Arc::new(Relay {
        inner: Mutex::new(inner),
        config,
        builders: Arc::new(tokio::sync::Semaphore::new(CONCURRENT_BUILDS)),
        bytes_in: AtomicU64::new(0),
        bytes_out: AtomicU64::new(0),
    });
    tokio::spawn(ticker(relay.clone()));
    let acceptor = tls.map(tokio_rustls::TlsAcceptor::from);
    loop {
        let (tcp, peer) = match listener.accept().await {
            Ok(x) => x,
            Err(e) => {
                eprintln!("relay: accept failed: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let _ = tcp.set_nodelay(true);
        let relay = relay.clone();
        let acceptor = acceptor.clone();
        tokio::spawn(async move {
            match acceptor {
                Some(acceptor) => {
                    let timeout = relay.config.auth_timeout;
                    match tokio::time::timeout(timeout, acceptor.accept(tcp)).await {
                        Ok(Ok(stream)) => connection(relay, stream, peer).await,
                        Ok(Err(e)) => eprintln!("relay: {peer}: TLS handshake failed: {e}"),
                        Err(_) => eprintln!("relay: {peer}: TLS handshake timed out"),
                    }
                }
                None => connection(relay, tcp, peer).await,
            }
        });
    }
}

/// Progress pushes (at most one per second per session) and expiry.
async fn ticker(relay: Arc<Relay>) {
    let mut interval = tokio::time::interval(Duration::from_secs(1));
    let mut reported = (0, 0);
    for tick in 1u64.. {
        interval.tick().await;
        let traffic = (
            relay.bytes_in.load(Ordering::Relaxed),
            relay.bytes_out.load(Ordering::Relaxed),
        );
        if relay.config.report_traffic && traffic != reported {
            reported = traffic;
            eprintln!("relay: traffic: {} bytes in, {} bytes out", traffic.0, traffic.1);
        }
        let now = Instant::now();
        let mut inner = relay.inner.lock().expect("relay lock");
        let expired: Vec<SessionId> = inner
            .sessions
            .iter()
            .filter(|(_, s)| s.expires < now)
            .map(|(id, _)| *id)
            .collect();
        for sid in expired {
            inner.fail(&sid, 0, None, "the session expired at the relay".into());
            inner.sessions.remove(&sid);
        }
        for stored in inner.mailboxes.values_mut() {
            stored.retain(|m| m.expires >= now);
        }
        inner.mailboxes.retain(|_, v| !v.is_empty());
        let mut pushes = Vec::new();
        for session in inner.sessions.values_mut() {
            // A failed step 2 can still finish (a participant resuming with
            // its stored message), so its progress still counts.
            let dead = session.phase == Phase::Step1 && session.failure.is_some();
            // Changes at most once a second, and a heartbeat every five.
            let heartbeat = tick % 5 == 0;
            if !(session.progress_dirty || heartbeat) || session.phase == Phase::Done || dead {
                continue;
            }
            session.progress_dirty = false;
            let missing = session.missing();
            let total = session.hostpubkeys.len() as u32;
            let frame = Frame::header_only(&RelayMsg::Progress {
                step: session.step(),
                received: total - missing.len() as u32,
                total,
                missing: missing.iter().take(20).map(|&m| m as u32).collect(),
            });
            for conns in &session.members {
                for (c, _) in conns {
                    pushes.push((*c, frame.clone()));
                }
            }
        }
        for (c, f) in pushes {
            inner.push(c, f);
        }
    }
}

async fn connection<S: AsyncRead + AsyncWrite + Unpin + Send + 'static>(
    relay: Arc<Relay>,
    stream: S,
    peer: SocketAddr,
) {
    let (mut rd, mut wr) = tokio::io::split(stream);
    let (tx, mut rx) = mpsc::channel::<Outgoing>(4096);
    let write_timeout = relay.config.frame_timeout;
    let builders = relay.builders.clone();
    let counter = relay.clone();
    let writer = tokio::spawn(async move {
        while let Some(out) = rx.recv().await {
            let (frame, _permit) = match out {
                Outgoing::Ready(frame) => (frame, None),
                Outgoing::Cmsg1 { build, position } => {
                    // The permit is held until the message is written.
                    let Ok(permit) = builders.clone().acquire_owned().await else {
                        break;
                    };
                    match tokio::task::spawn_blocking(move || build(position)).await {
                        Ok(Some(payload)) => (Frame::new(&RelayMsg::Cmsg1, Arc::new(payload)), Some(permit)),
                        _ => break,
                    }
                }
            };
            // A client that stops reading cannot hold the relay's writer.
            match tokio::time::timeout(write_timeout, write_frame(&mut wr, &frame)).await {
                Ok(Ok(())) => {
                    let len = 8 + frame.header.len() + frame.payload.len();
                    counter.bytes_out.fetch_add(len as u64, Ordering::Relaxed);
                }
                _ => break,
            }
        }
        let _ = tokio::io::AsyncWriteExt::shutdown(&mut wr).await;
    });
    let kill = Arc::new(Notify::new());
    let conn_id = match authenticate(&relay, &mut rd, &tx, kill.clone()).await {
        Ok(id) => Some(id),
        Err(why) => {
            eprintln!("relay: {peer}: {why}");
            let _ = tx.try_send(Outgoing::Ready(Frame::header_only(&RelayMsg::Error { message: why })));
            None
        }
    };
    if let Some(id) = conn_id {
        let why = serve_conn(&relay, id, &mut rd, &kill).await;
        if let Some(why) = why {
            eprintln!("relay: {peer}: closing: {why}");
            let _ = tx.try_send(Outgoing::Ready(Frame::header_only(&RelayMsg::Error { message: why })));
        }
        disconnect(&relay, id);
    }
    drop(tx);
    let _ = writer.await;
}

async fn authenticate<R: AsyncRead + Unpin>(
    relay: &Relay,
    rd: &mut R,
    tx: &mpsc::Sender<Outgoing>,
    kill: Arc<Notify>,
) -> Result<u64, String> {
    let nonce = rand::random::<[u8; 32]>();
    let _ = tx.try_send(Outgoing::Ready(Frame::header_only(&RelayMsg::Challenge {
        version: VERSION,
        nonce: hex::encode(nonce),
    })));
    let frame = tokio::time::timeout(
        relay.config.auth_timeout,
        read_frame_timed(rd, 64 << 10, Some(relay.config.frame_timeout)),
    )
    .await
    .map_err(|_| "no authentication in time".to_string())?
    .map_err(|e| format!("before authentication: {e}"))?;
    let ClientMsg::Auth {
        version,
        suite,
        key,
        signature,
    } = frame.decode::<ClientMsg>().map_err(|e| e.to_string())?
    else {
        return Err("the first message must authenticate".into());
    };
    if version != VERSION {
        return Err(format!(
            "protocol version {version} is not supported (this relay speaks {VERSION})"
        ));
    }
    let key = hex::decode(&key).map_err(|_| "the key is not hex".to_string())?;
    let signature = hex::decode(&signature).map_err(|_| "the signature is not hex".to_string())?;
    if !suite::is_host_public_key(suite, &key)
        || !suite::verify(suite, &key, &auth_message(&nonce, suite, &key), &signature)
    {
        return Err("authentication failed: the signature does not verify under the host key".into());
    }
    let mut inner = relay.inner.lock().expect("relay lock");
    let key_id = (suite, key);
    let count = inner.by_key.get(&key_id).map_or(0, Vec::len);
    if count >= relay.config.max_connections_per_key {
        return Err(format!("this host key already holds {count} connections (the limit)"));
    }
    let id = inner.next_conn;
    inner.next_conn += 1;
    inner.by_key.entry(key_id.clone()).or_default().push(id);
    inner.conns.insert(
        id,
        Conn {
            tx: tx.clone(),
            kill,
            key: key_id,
            sessions: Vec::new(),
            subscriptions: HashSet::new(),
            limit: PRE_SESSION_MAX_FRAME.min(relay.config.max_frame),
        },
    );
    let _ = tx.try_send(Outgoing::Ready(Frame::header_only(&RelayMsg::Welcome)));
    Ok(id)
}

/// Serves an authenticated connection; returns why it was closed by the
/// relay (`None` when the client closed it).
async fn serve_conn<R: AsyncRead + Unpin>(relay: &Relay, id: u64, rd: &mut R, kill: &Notify) -> Option<String> {
    loop {
        let limit = relay.inner.lock().expect("relay lock").conns.get(&id)?.limit;
        let frame = tokio::select! {
            f = read_frame_timed(rd, limit, Some(relay.config.frame_timeout)) => f,
            _ = kill.notified() => return Some("the client does not read its messages".into()),
        };
        let frame = match frame {
            Ok(f) => f,
            Err(FrameError::Closed) => return None,
            Err(e) => return Some(e.to_string()),
        };
        let len = 8 + frame.header.len() + frame.payload.len();
        relay.bytes_in.fetch_add(len as u64, Ordering::Relaxed);
        let msg = match frame.decode::<ClientMsg>() {
            Ok(m) => m,
            Err(e) => return Some(e.to_string()),
        };
        match handle(relay, id, msg, frame.payload) {
            Ok(None) => {}
            Ok(Some(Work::Step(step))) => match tokio::task::spawn_blocking(move || step.run()).await {
                Ok((step, result)) => complete(relay, step, result),
                Err(e) => return Some(format!("the coordinator's step failed: {e}")),
            },
            Ok(Some(Work::Investigate {
                conn,
                position,
                coordinator,
                pmsgs1,
            })) => {
                let result = tokio::task::spawn_blocking(move || coordinator.investigate(&pmsgs1)).await;
                let frame = match result {
                    Ok(Ok(mut cinvs)) if position < cinvs.len() => {
                        Frame::new(&RelayMsg::Investigation, Arc::new(cinvs.swap_remove(position)))
                    }
                    Ok(Ok(_)) => Frame::header_only(&RelayMsg::Error {
                        message: "no investigation message".into(),
                    }),
                    Ok(Err(e)) => Frame::header_only(&RelayMsg::Error { message: e.message }),
                    Err(e) => Frame::header_only(&RelayMsg::Error { message: e.to_string() }),
                };
                relay.inner.lock().expect("relay lock").push(conn, frame);
            }
            Err(why) => {
                let inner = relay.inner.lock().expect("relay lock");
                inner.push(id, Frame::header_only(&RelayMsg::Error { message: why }));
            }
        }
    }
}

fn parse_session(hex_id: &str) -> Result<SessionId, String> {
    hex::decode(hex_id)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| "the session id is not 32 bytes of hex".to_string())
}

/// Work to run outside the lock.
enum Work {
    /// A coordinator step.
    Step(Step),
    /// An investigation message for the participant at `position`.
    Investigate {
        conn: u64,
        position: usize,
        coordinator: Box<dyn DkgCoordinator>,
        pmsgs1: Vec<Vec<u8>>,
    },
}

/// A coordinator step.
struct Step {
    sid: SessionId,
    epoch: u64,
    step: u8,
    coordinator: Box<dyn DkgCoordinator>,
    msgs: Vec<Vec<u8>>,
}

/// What a coordinator step yields.
enum StepOutput {
    /// Step 1: the message for each participant.
    First(FirstMessages),
    /// Finalization: the certificate and the recovery data.
    Final(Vec<u8>, Vec<u8>),
}

type StepResult = Result<StepOutput, crate::dkg::DkgError>;

impl Step {
    fn run(mut self) -> (Self, StepResult) {
        let result = if self.step == 1 {
            self.coordinator.step1(&self.msgs).map(StepOutput::First)
        } else {
            self.coordinator
                .finalize(&self.msgs)
                .map(|(c, r)| StepOutput::Final(c, r))
        };
        (self, result)
    }
}

/// Applies a coordinator step's result and pushes it to the members.
fn complete(relay: &Relay, work: Step, result: StepResult) {
    let mut inner = relay.inner.lock().expect("relay lock");
    let sid = work.sid;
    let Some(session) = inner.sessions.get_mut(&sid).filter(|s| s.epoch == work.epoch) else {
        return;
    };
    session.coordinator = Some(work.coordinator);
    if session.phase == Phase::Step1 && session.failure.is_some() {
        // Someone left during the computation: step 1 cannot finish.
        return;
    }
    match result {
        Ok(StepOutput::First(cmsgs)) => {
            session.phase = Phase::Step2;
            session.progress_dirty = true;
            let session = &inner.sessions[&sid];
            // Each participant gets its own message: ChillDKG's is one
            // buffer for all, COCKTAIL's a projection per recipient that the
            // connection's writer builds when it is its turn.
            for (position, conns) in session.members.iter().enumerate() {
                for (c, _) in conns {
                    match &cmsgs {
                        FirstMessages::Same(cmsg) => inner.push(*c, Frame::new(&RelayMsg::Cmsg1, cmsg.clone())),
                        FirstMessages::PerRecipient(build) => inner.push_built(*c, build, position),
                    }
                }
            }
        }
        Ok(StepOutput::Final(cmsg, recovery)) => {
            session.phase = Phase::Done;
            session.failure = None;
            let cmsg = Arc::new(cmsg);
            let recovery = Arc::new(recovery);
            session.recovery = Some(recovery.clone());
            eprintln!("relay: session {}: done", short(&sid));
            let session = &inner.sessions[&sid];
            for conns in &session.members {
                for (c, resume) in conns {
                    let frame = if *resume {
                        Frame::new(&RelayMsg::Recovery, recovery.clone())
                    } else {
                        Frame::new(&RelayMsg::Cmsg2, cmsg.clone())
                    };
                    inner.push(*c, frame);
                }
            }
        }
        Err(e) => {
            let culprit = match e.blame {
                Blame::Participant(i) | Blame::ParticipantOrCoordinator(i) => Some(i),
                _ => None,
            };
            inner.fail(&sid, work.step, culprit, e.message);
        }
    }
}

fn handle(relay: &Relay, id: u64, msg: ClientMsg, payload: Arc<Vec<u8>>) -> Result<Option<Work>, String> {
    let mut inner = relay.inner.lock().expect("relay lock");
    let key = inner.conns.get(&id).ok_or("unknown connection")?.key.clone();
    match msg {
        ClientMsg::Auth { .. } => Err("already authenticated".into()),
        ClientMsg::Join {
            protocol,
            threshold,
            participants,
            label,
            resume,
        } => {
            let (suite, me) = key;
            let driver =
                driver(suite, protocol).ok_or_else(|| format!("this relay has no {protocol} DKG for {suite}"))?;
            let hostpubkeys = participants
                .iter()
                .map(|k| hex::decode(k).map_err(|_| "a participant key is not hex".to_string()))
                .collect::<Result<Vec<_>, _>>()?;
            let params_hash = driver.params_hash(&hostpubkeys, threshold).map_err(|e| e.message)?;
            let position = hostpubkeys
                .iter()
                .position(|k| *k == me)
                .ok_or("your host key is not in the participant list")?;
            let sid = session_id(suite, protocol, &params_hash, &label);
            let joined = inner.conns[&id].sessions.len();
            if joined >= relay.config.max_sessions_per_key {
                return Err("this connection has joined too many sessions".into());
            }
            let now = Instant::now();
            let n = hostpubkeys.len();
            let reset = match inner.sessions.get(&sid) {
                None => true,
                // Nothing was aggregated yet: a failed step 1 starts over.
                Some(s) => s.phase == Phase::Step1 && s.failure.is_some(),
            };
            if reset && !inner.sessions.contains_key(&sid) && inner.sessions.len() >= relay.config.max_sessions {
                return Err("the relay holds too many sessions; try again later".into());
            }
            if reset {
                let max_frame = (driver.max_message_len(threshold, n) + HEADER_ALLOWANCE).min(relay.config.max_frame);
                // Connections of the failed attempt no longer belong to it.
                if let Some(old) = inner.sessions.remove(&sid) {
                    for (c, _) in old.members.into_iter().flatten() {
                        if let Some(conn) = inner.conns.get_mut(&c) {
                            conn.sessions.retain(|(s, _, _)| *s != sid);
                        }
                    }
                }
                let members = vec![Vec::new(); n];
                let epoch = inner.next_epoch;
                inner.next_epoch += 1;
                let coordinator = driver
                    .coordinator(&hostpubkeys, threshold, &sid)
                    .map_err(|e| e.message)?;
                let receivers = hostpubkeys
                    .iter()
                    .map(|k| Receiver::new(suite, sid, k.clone(), Vec::new()))
                    .collect();
                inner.sessions.insert(
                    sid,
                    Session {
                        driver,
                        threshold,
                        hostpubkeys: hostpubkeys.clone(),
                        phase: Phase::Step1,
                        members,
                        pmsgs: [vec![None; n], vec![None; n]],
                        receivers,
                        coordinator: Some(coordinator),
                        epoch,
                        recovery: None,
                        failure: None,
                        expires: now + relay.config.ttl,
                        progress_dirty: true,
                        max_frame,
                    },
                );
                eprintln!(
                    "relay: session {}: {threshold}-of-{n} {protocol} on {suite}",
                    short(&sid)
                );
            }
            let session = inner.sessions.get_mut(&sid).expect("inserted above");
            session.members[position].push((id, resume));
            session.expires = now + relay.config.ttl;
            session.progress_dirty = true;
            let max_frame = session.max_frame;
            let phase = session.phase;
            let failed = session.failed_msg();
            let recovery = session.recovery.clone();
            let conn = inner.conns.get_mut(&id).expect("connected");
            conn.sessions.push((sid, position, resume));
            conn.limit = conn.limit.max(max_frame);
            inner.push(
                id,
                Frame::header_only(&RelayMsg::Joined {
                    session: hex::encode(sid),
                    position: position as u32,
                }),
            );
            let catch_up = match (phase, resume) {
                (Phase::Done, true) => Some(Frame::new(&RelayMsg::Recovery, recovery.unwrap_or_default())),
                (Phase::Step1, true) => Some(Frame::header_only(&RelayMsg::Failed {
                    step: 2,
                    culprit: None,
                    reason: "the relay has no record of this session's step 1 (was it restarted?)".into(),
                })),
                (Phase::Step2 | Phase::Done, false) => Some(Frame::header_only(&RelayMsg::Failed {
                    step: 1,
                    culprit: None,
                    reason: "the session is already past step 1 without this participant's state \
                             (it stopped before storing its step-2 message); start a new session \
                             with another --session label"
                        .into(),
                })),
                // A resuming participant waits for the session to finish.
                (Phase::Step2, true) => None,
                _ => failed,
            };
            if let Some(frame) = catch_up {
                inner.push(id, frame);
            }
            Ok(None)
        }
        ClientMsg::Dkg { envelope } => {
            let sid = parse_session(&envelope.session)?;
            let env = Envelope::from_parts(&envelope, payload.to_vec())?;
            let position = inner.conns[&id]
                .sessions
                .iter()
                .find(|(s, _, _)| *s == sid)
                .map(|(_, p, _)| *p)
                .ok_or("join the session first")?;
            let session = inner.sessions.get_mut(&sid).ok_or("unknown session")?;
            if env.sender != key.1 || env.suite != key.0 {
                return Err("the envelope's sender is not this connection's host key".into());
            }
            let fresh = session.receivers[position].accept(&env).map_err(|r| match r {
                Refusal::BadSignature => "the envelope's signature does not verify".to_string(),
                Refusal::Misaddressed => "the envelope is addressed to another session or recipient".to_string(),
                Refusal::Gap { expected, got } => format!("envelope {got} arrived before envelope {expected}"),
                Refusal::Conflict { seq } => format!("a different envelope numbered {seq} was received before"),
            })?;
            session.expires = Instant::now() + relay.config.ttl;
            if !fresh {
                return Ok(None);
            }
            let step = env.seq + 1;
            match (step, session.phase) {
                (1, Phase::Step1) | (2, Phase::Step2) => {}
                (2, Phase::Step1) => {
                    return Err("a step-2 message before step 1 ended".into());
                }
                _ => return Err(format!("a step-{step} message after that step ended")),
            }
            let idx = (step - 1) as usize;
            session.pmsgs[idx][position] = Some(env.payload);
            session.progress_dirty = true;
            if session.pmsgs[idx].iter().any(Option::is_none) {
                return Ok(None);
            }
            let msgs: Vec<Vec<u8>> = session.pmsgs[idx].iter().flatten().cloned().collect();
            // The coordinator's step runs outside the lock (it may take
            // seconds for large sessions); other sessions carry on.
            let coordinator = session.coordinator.take().ok_or("the coordinator is busy")?;
            Ok(Some(Work::Step(Step {
                sid,
                epoch: session.epoch,
                step: step as u8,
                coordinator,
                msgs,
            })))
        }
        ClientMsg::Investigate { session } => {
            let sid = parse_session(&session)?;
            let position = inner.conns[&id]
                .sessions
                .iter()
                .find(|(s, _, _)| *s == sid)
                .map(|(_, p, _)| *p)
                .ok_or("join the session first")?;
            let session = inner.sessions.get(&sid).ok_or("unknown session")?;
            if session.phase == Phase::Step1 {
                return Err("nothing to investigate before step 1 ended".into());
            }
            let pmsgs1: Vec<Vec<u8>> = session.pmsgs[0].iter().flatten().cloned().collect();
            let coordinator = session
                .driver
                .coordinator(&session.hostpubkeys, session.threshold, &sid)
                .map_err(|e| e.message)?;
            Ok(Some(Work::Investigate {
                conn: id,
                position,
                coordinator,
                pmsgs1,
            }))
        }
        ClientMsg::Abort { session, reason } => {
            let sid = parse_session(&session)?;
            let position = inner.conns[&id]
                .sessions
                .iter()
                .find(|(s, _, _)| *s == sid)
                .map(|(_, p, _)| *p)
                .ok_or("join the session first")?;
            let step = inner.sessions.get(&sid).map_or(0, Session::step);
            let reason: String = reason.chars().take(500).collect();
            inner.fail(
                &sid,
                step,
                None,
                format!("participant {} gave up: {reason}", position + 1),
            );
            Ok(None)
        }
        ClientMsg::Send { envelope } => {
            let sid = parse_session(&envelope.session)?;
            let env = Envelope::from_parts(&envelope, Vec::new())?;
            if env.sender != key.1 || env.suite != key.0 {
                return Err("the envelope's sender is not this connection's host key".into());
            }
            let to: KeyId = (env.suite, env.recipient);
            let copies = match inner.tamper.as_mut() {
                Some(t) if envelope.sender.starts_with(&t.sender) => t.apply(&to, envelope, payload),
                _ => vec![(envelope, payload)],
            };
            for (envelope, payload) in copies {
                inner.deliver(&relay.config, sid, &to, envelope, payload)?;
            }
            Ok(None)
        }
        ClientMsg::Subscribe { session } => {
            let sid = parse_session(&session)?;
            inner.conns.get_mut(&id).expect("connected").subscriptions.insert(sid);
            let mut pending = Vec::new();
            if let Some(mailbox) = inner.mailboxes.get_mut(&key) {
                let (mine, rest): (Vec<_>, Vec<_>) = mailbox.drain(..).partition(|m| m.session == sid);
                *mailbox = rest;
                pending = mine;
            }
            for m in pending {
                inner.push(id, Frame::new(&RelayMsg::Deliver { envelope: m.header }, m.payload));
            }
            Ok(None)
        }
    }
}

fn disconnect(relay: &Relay, id: u64) {
    let mut inner = relay.inner.lock().expect("relay lock");
    let Some(conn) = inner.conns.remove(&id) else {
        return;
    };
    if let Some(list) = inner.by_key.get_mut(&conn.key) {
        list.retain(|c| *c != id);
        if list.is_empty() {
            inner.by_key.remove(&conn.key);
        }
    }
    for (sid, position, _) in conn.sessions {
        let Some(session) = inner.sessions.get_mut(&sid) else {
            continue;
        };
        session.members[position].retain(|(c, _)| *c != id);
        if !session.members[position].is_empty() || session.phase == Phase::Done {
            continue;
        }
        // In step 1 a participant's state lives only in its memory: once
        // gone, the session cannot finish. In step 2 it may come back with
        // its stored step-2 message, unless it had already sent it.
        let reason = match session.phase {
            Phase::Step1 => format!("participant {} disconnected during step 1", position + 1),
            _ if session.pmsgs[1][position].is_none() => format!(
                "participant {} disconnected before sending its step-2 message",
                position + 1
            ),
            _ => continue,
        };
        let step = session.step();
        inner.fail(&sid, step, Some(position), reason);
    }
}
