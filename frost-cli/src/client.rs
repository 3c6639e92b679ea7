//! A participant's connection to the relay, and the DKG it drives over it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncRead, AsyncWrite, ReadHalf, WriteHalf};
use tokio::net::TcpStream;
use zeroize::Zeroizing;

use crate::Failure;
use crate::dkg::{Blame, DkgDriver, DkgError, DkgOutcome, Protocol, session_id};
use crate::envelope::Envelope;
use crate::frame::{
    DEFAULT_MAX_FRAME, Frame, FrameError, HEADER_ALLOWANCE, PRE_SESSION_MAX_FRAME, read_frame, write_frame,
};
use crate::proto::{ClientMsg, RelayMsg, VERSION};
use crate::relay::auth_message;
use crate::state::{GroupFile, Keyring, PendingSession, Sealed, StateDir, key_package_aad, share_bundle_aad};
use crate::suite::{self, Suite};

/// A byte stream to the relay (TCP or TLS).
pub trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

/// An authenticated connection to the relay.
pub struct Connection {
    rd: ReadHalf<Box<dyn Stream>>,
    wr: WriteHalf<Box<dyn Stream>>,
    limit: usize,
    timeout: Duration,
}

/// Where the relay is and how to reach it.
#[derive(Clone, Debug)]
pub struct RelayAddr {
    /// `HOST:PORT`.
    pub addr: String,
    /// The pinned certificate (TLS); `None` for plain TCP, loopback only.
    pub cert: Option<std::path::PathBuf>,
}

fn lost(step: &str, e: impl std::fmt::Display) -> Failure {
    Failure::failed(format!(
        "lost the connection to the relay {step} ({e}); was it restarted? The session failed"
    ))
}

impl Connection {
    /// Connects (TLS with the pinned certificate, or plain TCP to a
    /// loopback address only) and authenticates with the host key.
    pub async fn open(
        relay: &RelayAddr,
        suite: Suite,
        secret: &[u8],
        public: &[u8],
        timeout: Duration,
    ) -> Result<Connection, Failure> {
        let addrs: Vec<SocketAddr> = tokio::time::timeout(timeout, tokio::net::lookup_host(&relay.addr))
            .await
            .map_err(|_| Failure::failed(format!("resolving {} timed out", relay.addr)))?
            .map_err(|e| Failure::usage(format!("cannot resolve the relay address {}: {e}", relay.addr)))?
            .collect();
        if addrs.is_empty() {
            return Err(Failure::usage(format!("{} resolves to no address", relay.addr)));
        }
        if relay.cert.is_none() && !addrs.iter().all(|a| a.ip().is_loopback()) {
            return Err(Failure::usage(format!(
                "plain TCP is allowed only to a loopback relay; pass --relay-cert FILE to reach {} over TLS",
                relay.addr
            )));
        }
        let tcp = tokio::time::timeout(timeout, TcpStream::connect(&addrs[..]))
            .await
            .map_err(|_| Failure::failed(format!("connecting to the relay at {} timed out", relay.addr)))?
            .map_err(|e| Failure::failed(format!("cannot connect to the relay at {}: {e}", relay.addr)))?;
        let _ = tcp.set_nodelay(true);
        let stream: Box<dyn Stream> = match &relay.cert {
            None => {
                eprintln!("frost: plain TCP to the loopback relay {} (no TLS)", relay.addr);
                Box::new(tcp)
            }
            Some(cert) => {
                let config = crate::tls::client_config(cert).map_err(Failure::usage)?;
                let host = relay.addr.rsplit_once(':').map_or(relay.addr.as_str(), |(h, _)| h);
                let host = host.trim_start_matches('[').trim_end_matches(']');
                let name = rustls::pki_types::ServerName::try_from(host.to_string())
                    .map_err(|_| Failure::usage(format!("{host} is not a valid server name")))?;
                let connector = tokio_rustls::TlsConnector::from(config);
                let tls = tokio::time::timeout(timeout, connector.connect(name, tcp))
                    .await
                    .map_err(|_| Failure::failed("the TLS handshake with the relay timed out"))?
                    .map_err(|e| Failure::failed(format!("TLS handshake with the relay failed: {e}")))?;
                Box::new(tls)
            }
        };
        let (rd, wr) = tokio::io::split(stream);
        let mut conn = Connection {
            rd,
            wr,
            limit: PRE_SESSION_MAX_FRAME,
            timeout,
        };
        let RelayMsg::Challenge { version, nonce } = conn.recv_msg(timeout, "while authenticating").await?.0 else {
            return Err(Failure::failed("the relay did not send a challenge"));
        };
        if version != VERSION {
            return Err(Failure::failed(format!(
                "the relay speaks protocol version {version}, not {VERSION}"
            )));
        }
        let nonce = hex::decode(nonce).map_err(|_| Failure::failed("the relay's challenge is not hex"))?;
        let signature = suite::sign(suite, secret, &auth_message(&nonce, suite, public))
            .ok_or_else(|| Failure::failed("cannot sign with the host key"))?;
        conn.send(&ClientMsg::Auth {
            version: VERSION,
            suite,
            key: hex::encode(public),
            signature: hex::encode(signature),
        })
        .await?;
        match conn.recv_msg(timeout, "while authenticating").await?.0 {
            RelayMsg::Welcome => Ok(conn),
            RelayMsg::Error { message } => Err(Failure::failed(format!("the relay refused: {message}"))),
            _ => Err(Failure::failed("the relay sent an unexpected reply to authentication")),
        }
    }

    /// Sends a message without payload.
    pub async fn send(&mut self, msg: &ClientMsg) -> Result<(), Failure> {
        self.send_frame(&Frame::header_only(msg)).await
    }

    /// Sends a frame.
    pub async fn send_frame(&mut self, frame: &Frame) -> Result<(), Failure> {
        match tokio::time::timeout(self.timeout, write_frame(&mut self.wr, frame)).await {
            Ok(result) => result.map_err(|e| lost("while sending", e)),
            Err(_) => Err(Failure::failed(format!(
                "sending to the relay timed out after {} s",
                self.timeout.as_secs()
            ))),
        }
    }

    /// Sends raw bytes (for tests of the relay's frame handling).
    #[doc(hidden)]
    pub async fn send_raw(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        use tokio::io::AsyncWriteExt;
        self.wr.write_all(bytes).await.map_err(|e| lost("while sending", e))?;
        self.wr.flush().await.map_err(|e| lost("while sending", e))
    }

    /// Sends a sealed envelope as a DKG message or a mailbox message.
    pub async fn send_envelope(&mut self, env: &Envelope, to_coordinator: bool) -> Result<(), Failure> {
        let header = if to_coordinator {
            ClientMsg::Dkg { envelope: env.header() }
        } else {
            ClientMsg::Send { envelope: env.header() }
        };
        self.send_frame(&Frame::new(&header, Arc::new(env.payload.clone())))
            .await
    }

    /// Closes the connection gracefully: ends the sending side, then reads
    /// (and drops) what the relay still sends until it closes its side, for
    /// at most `bound`. Exiting with unread data in the socket would make the
    /// kernel reset the connection, and the relay could lose the last
    /// messages sent; once the relay has seen the end of our stream, it has
    /// read everything before it.
    pub async fn close(mut self, bound: Duration) {
        use tokio::io::AsyncWriteExt;
        let _ = tokio::time::timeout(bound, self.wr.shutdown()).await;
        let _ = tokio::time::timeout(bound, async {
            while read_frame(&mut self.rd, self.limit).await.is_ok() {}
        })
        .await;
    }

    /// Receives one message within `timeout`; `what` says what we were doing.
    pub async fn recv_msg(&mut self, timeout: Duration, what: &str) -> Result<(RelayMsg, Arc<Vec<u8>>), Failure> {
        let frame = match tokio::time::timeout(timeout, read_frame(&mut self.rd, self.limit)).await {
            Err(_) => {
                return Err(Failure::failed(format!(
                    "timed out after {} s {what}",
                    timeout.as_secs()
                )));
            }
            Ok(Err(FrameError::Closed | FrameError::Truncated)) => return Err(lost(what, "closed")),
            Ok(Err(e)) => return Err(Failure::failed(format!("the relay sent a bad frame {what}: {e}"))),
            Ok(Ok(f)) => f,
        };
        let msg = frame
            .decode::<RelayMsg>()
            .map_err(|e| Failure::failed(format!("the relay sent a bad message {what}: {e}")))?;
        Ok((msg, frame.payload))
    }
}

/// What `frost dkg` runs.
pub struct DkgRun<'a> {
    /// The state directory.
    pub state: &'a StateDir,
    /// The passphrase's keys.
    pub keyring: &'a mut Keyring,
    /// The host secret key.
    pub secret: &'a [u8],
    /// The host public key.
    pub public: &'a [u8],
    /// The relay.
    pub relay: &'a RelayAddr,
    /// The DKG.
    pub driver: &'static dyn DkgDriver,
    /// The threshold.
    pub threshold: u32,
    /// The host public keys, in order.
    pub participants: Vec<Vec<u8>>,
    /// The session label.
    pub label: String,
    /// Every wait's bound.
    pub timeout: Duration,
    /// The sealed host key (its salt is reused for the key package).
    pub like: &'a crate::state::Sealed,
}

/// "participant 3 (02abcd…)".
pub fn name_participant(position: usize, keys: &[Vec<u8>]) -> String {
    match keys.get(position) {
        Some(k) => {
            let h = hex::encode(k);
            format!("participant {} ({}…)", position + 1, &h[..h.len().min(16)])
        }
        None => format!("participant {}", position + 1),
    }
}

fn describe(e: &DkgError, keys: &[Vec<u8>]) -> String {
    match &e.blame {
        Blame::Participant(i) => format!("{} is faulty: {}", name_participant(*i, keys), e.message),
        Blame::ParticipantOrCoordinator(i) => format!(
            "{} sent invalid data, or the relay altered it: {}",
            name_participant(*i, keys),
            e.message
        ),
        Blame::Coordinator => format!("the relay (as coordinator) sent invalid data: {}", e.message),
        Blame::Local => e.message.clone(),
        Blame::Unknown => format!("a fault no one can be blamed for: {}", e.message),
        Blame::NeedsInvestigation => format!("this participant's share is invalid: {}", e.message),
    }
}

/// Runs (or resumes) a DKG session; prints progress on standard error.
/// Returns the stored group.
pub async fn run_dkg(run: DkgRun<'_>) -> Result<GroupFile, Failure> {
    let driver = run.driver;
    let suite = driver.suite();
    let protocol = driver.protocol();
    let keys = &run.participants;
    let n = keys.len();
    let params_hash = driver
        .params_hash(keys, run.threshold)
        .map_err(|e| Failure::usage(describe(&e, keys)))?;
    let sid = session_id(suite, protocol, &params_hash, &run.label);
    let sid_hex = hex::encode(sid);
    let position = keys
        .iter()
        .position(|k| k == run.public)
        .ok_or_else(|| Failure::usage("this directory's host key is not in the participant list"))?;
    let pending = run
        .state
        .read_session(&sid_hex)
        .map_err(|e| Failure::failed(e.to_string()))?;

    let mut conn = Connection::open(run.relay, suite, run.secret, run.public, run.timeout).await?;
    conn.send(&ClientMsg::Join {
        protocol,
        threshold: run.threshold,
        participants: keys.iter().map(hex::encode).collect(),
        label: run.label.clone(),
        resume: pending.is_some(),
    })
    .await?;
    let mut waiter = Waiter {
        keys,
        timeout: run.timeout,
        step: 1,
        since: Instant::now(),
        missing: Vec::new(),
        missing_count: 0,
        me: position as u32,
        printed: None,
    };
    match waiter.next(&mut conn).await? {
        (RelayMsg::Joined { session, position: p }, _) if session == sid_hex && p as usize == position => {}
        (RelayMsg::Joined { .. }, _) => {
            return Err(Failure::failed("the relay joined us to another session than ours"));
        }
        _ => return Err(Failure::failed("the relay did not confirm joining the session")),
    }
    conn.limit = (driver.max_message_len(run.threshold, n) + HEADER_ALLOWANCE).min(DEFAULT_MAX_FRAME);
    let seal = |payload: Vec<u8>, seq: u64| {
        Envelope::seal(suite, sid, run.secret, run.public.to_vec(), Vec::new(), seq, payload)
            .ok_or_else(|| Failure::failed("cannot sign with the host key"))
    };

    let share_bundle: Option<Sealed>;
    let outcome = if let Some(pending) = pending {
        // Resuming after step 2: send the stored message again (the relay
        // drops an exact duplicate) and finish from the recovery data.
        eprintln!("frost: resuming session {} after step 2", &sid_hex[..12]);
        let corrupt = || Failure::failed("corrupt session file");
        let payload = hex::decode(&pending.step2_message).map_err(|_| corrupt())?;
        let signature = hex::decode(&pending.step2_signature).map_err(|_| corrupt())?;
        let env = Envelope {
            suite,
            session: sid,
            sender: run.public.to_vec(),
            recipient: Vec::new(),
            seq: 1,
            payload,
            signature,
        };
        if !env.verify() {
            return Err(corrupt());
        }
        conn.send_envelope(&env, true).await?;
        waiter.step = 2;
        let recovery = loop {
            match waiter.next(&mut conn).await? {
                (RelayMsg::Recovery, payload) => break payload,
                (RelayMsg::Cmsg2 | RelayMsg::Cmsg1, _) => continue,
                (other, _) => return Err(waiter.unexpected(other)),
            }
        };
        share_bundle = pending.share_bundle.clone();
        let bundle = match &pending.share_bundle {
            Some(sealed) => Some(
                run.keyring
                    .open(sealed, &share_bundle_aad(suite, &sid_hex))
                    .map_err(|_| Failure::failed("the session file's share bundle does not open: corrupt"))?,
            ),
            None if driver.recovery_needs_secret() => {
                return Err(Failure::failed(
                    "the session file holds no share bundle, which COCKTAIL-DKG recovery needs: corrupt",
                ));
            }
            None => None,
        };
        let outcome = compute(n, "checking the recovery data", || {
            driver.recover(run.secret, &recovery, bundle.as_deref().map(|b| &b[..]))
        })
        .map_err(|e| Failure::failed(describe(&e, keys)))?;
        if outcome.hostpubkeys != *keys || outcome.threshold != run.threshold {
            return Err(Failure::failed(
                "the relay sent recovery data of another session (different participants or threshold)",
            ));
        }
        outcome
    } else {
        let mut participant = driver
            .participant(run.secret, keys, run.threshold, &sid)
            .map_err(|e| Failure::usage(describe(&e, keys)))?;
        let mut pmsg1 = compute(n, "step 1: computing this participant's message", || {
            participant.step1()
        })
        .map_err(|e| Failure::failed(describe(&e, keys)))?;
        if let Some(to) = bad_share_hook(n) {
            driver.corrupt_share_for_tests(&mut pmsg1, run.threshold, to);
        }
        conn.send_envelope(&seal(pmsg1, 0)?, true).await?;
        let cmsg1 = match waiter.next(&mut conn).await? {
            (RelayMsg::Cmsg1, payload) => payload,
            (other, _) => return Err(waiter.unexpected(other)),
        };
        waiter.step = 2;
        waiter.since = Instant::now();
        waiter.missing.clear();
        waiter.printed = None;
        let pmsg2 = match compute(n, "step 2: checking the relay's aggregate", || {
            participant.step2(&cmsg1)
        }) {
            Ok(m) => m,
            Err(e) => {
                let e = if e.blame == Blame::NeedsInvestigation {
                    investigate(&mut conn, &mut waiter, participant.as_mut(), &sid_hex, e).await?
                } else {
                    e
                };
                let reason = describe(&e, keys);
                let _ = conn
                    .send(&ClientMsg::Abort {
                        session: sid_hex.clone(),
                        reason: reason.clone(),
                    })
                    .await;
                return Err(Failure::failed(reason));
            }
        };
        // What recovery needs, before the message that lets others finish.
        let env = seal(pmsg2, 1)?;
        share_bundle = match participant.recovery_secret() {
            Some(bundle) => Some(
                run.keyring
                    .seal(&bundle, &share_bundle_aad(suite, &sid_hex), Some(run.like))
                    .map_err(Failure::failed)?,
            ),
            None => None,
        };
        run.state
            .write_session(&PendingSession {
                version: 1,
                suite,
                protocol,
                label: run.label.clone(),
                session: sid_hex.clone(),
                params_hash: hex::encode(params_hash),
                threshold: run.threshold,
                participants: keys.iter().map(hex::encode).collect(),
                step2_message: hex::encode(&env.payload),
                step2_signature: hex::encode(&env.signature),
                share_bundle: share_bundle.clone(),
            })
            .map_err(|e| Failure::failed(e.to_string()))?;
        conn.send_envelope(&env, true).await?;
        let cmsg2 = loop {
            match waiter.next(&mut conn).await? {
                (RelayMsg::Cmsg2, payload) => break payload,
                (RelayMsg::Cmsg1, payload) if payload == cmsg1 => continue,
                (other, _) => return Err(waiter.unexpected(other)),
            }
        };
        compute(n, "checking the certificate", || participant.finalize(&cmsg2)).map_err(|e| {
            Failure::failed(format!(
                "{}; this directory keeps the session: rerun `frost dkg` or `frost recover` with recovery data",
                describe(&e, keys)
            ))
        })?
    };
    let group = store_outcome(
        run.state,
        run.keyring,
        run.like,
        suite,
        Some((protocol, run.label.as_str(), sid_hex.as_str(), params_hash)),
        outcome,
        share_bundle,
    )?;
    run.state
        .remove_session(&sid_hex)
        .map_err(|e| Failure::failed(e.to_string()))?;
    Ok(group)
}

/// Runs a DKG computation off the async threads; for large sessions (where
/// it takes a second or more) says so first, so the command never looks hung.
fn compute<T>(n: usize, what: &str, f: impl FnOnce() -> T) -> T {
    if n >= 100 {
        eprintln!("frost: {what} ({n} participants)");
    }
    tokio::task::block_in_place(f)
}

/// The environment variable that makes a participant send a bad encrypted
/// share to the participant with this (1-based) number. **Tests only.**
pub const BAD_SHARE_ENV: &str = "FROST_TEST_BAD_SHARE_TO";

fn bad_share_hook(n: usize) -> Option<usize> {
    let to: usize = std::env::var(BAD_SHARE_ENV).ok()?.parse().ok()?;
    (1..=n).contains(&to).then(|| to - 1)
}

/// Asks the relay for this participant's investigation message and names a
/// suspect with it.
async fn investigate(
    conn: &mut Connection,
    waiter: &mut Waiter<'_>,
    participant: &mut dyn crate::dkg::DkgParticipant,
    session: &str,
    original: DkgError,
) -> Result<DkgError, Failure> {
    eprintln!(
        "frost: {}; asking the relay for the investigation data",
        original.message
    );
    conn.send(&ClientMsg::Investigate {
        session: session.to_string(),
    })
    .await?;
    loop {
        match waiter.next(conn).await? {
            (RelayMsg::Investigation, cinv) => return Ok(participant.investigate(&cinv)),
            // Another participant's outcome may arrive meanwhile.
            (RelayMsg::Cmsg1 | RelayMsg::Cmsg2, _) => continue,
            (other, _) => return Err(waiter.unexpected(other)),
        }
    }
}

/// Stores a DKG outcome as a group, the key package sealed.
pub fn store_outcome(
    state: &StateDir,
    keyring: &mut Keyring,
    like: &crate::state::Sealed,
    suite: Suite,
    session: Option<(Protocol, &str, &str, [u8; 32])>,
    outcome: DkgOutcome,
    share_bundle: Option<Sealed>,
) -> Result<GroupFile, Failure> {
    let group_key = hex::encode(&outcome.group_key);
    let (identifier, key_package) = match outcome.key_package {
        Some((id, kp)) => {
            let kp: Zeroizing<Vec<u8>> = kp;
            let sealed = keyring
                .seal(&kp, &key_package_aad(suite, &group_key), Some(like))
                .map_err(Failure::failed)?;
            (Some(id), Some(sealed))
        }
        None => (None, None),
    };
    let group = GroupFile {
        version: 1,
        suite,
        protocol: session.map(|s| s.0),
        label: session.map(|s| s.1.to_string()),
        session: session.map(|s| s.2.to_string()),
        params_hash: session.map(|s| hex::encode(s.3)),
        threshold: outcome.threshold,
        participants: outcome.hostpubkeys.iter().map(hex::encode).collect(),
        group_key,
        public_key_package: hex::encode(&outcome.public_key_package),
        recovery_data: Some(hex::encode(&outcome.recovery_data)),
        identifier,
        key_package,
        share_bundle,
    };
    state.write_group(&group).map_err(|e| Failure::failed(e.to_string()))?;
    Ok(group)
}

/// Waits for the relay's messages, printing progress and turning failures
/// into words.
struct Waiter<'a> {
    keys: &'a [Vec<u8>],
    timeout: Duration,
    step: u8,
    since: Instant,
    missing: Vec<u32>,
    /// How many are missing.
    missing_count: u32,
    /// This participant's position.
    me: u32,
    /// The count last printed, and when.
    printed: Option<(u32, Instant)>,
}

impl Waiter<'_> {
    /// The missing participants other than this one, at most five named.
    fn names(&self) -> String {
        let others: Vec<u32> = self.missing.iter().copied().filter(|p| *p != self.me).collect();
        let mut names: Vec<String> = others
            .iter()
            .take(5)
            .map(|p| name_participant(*p as usize, self.keys))
            .collect();
        // The relay lists at most 20 of the missing; it counts them all.
        let count = self
            .missing_count
            .saturating_sub(u32::from(self.missing.contains(&self.me)));
        if count as usize > names.len() {
            names.push(format!("and {} more", count as usize - names.len()));
        }
        names.join(", ")
    }

    /// The next message that is not progress, within the timeout (progress
    /// does not extend it).
    async fn next(&mut self, conn: &mut Connection) -> Result<(RelayMsg, Arc<Vec<u8>>), Failure> {
        let deadline = Instant::now() + self.timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let what = format!("waiting for step {}", self.step);
            let got = conn.recv_msg(left, &what).await;
            let (msg, payload) = match got {
                Ok(x) => x,
                Err(f) if f.message.starts_with("timed out") && self.missing.iter().any(|p| *p != self.me) => {
                    return Err(Failure::failed(format!(
                        "timed out after {} s waiting for the step-{} messages of {}",
                        self.timeout.as_secs(),
                        self.step,
                        self.names()
                    )));
                }
                Err(f) => return Err(f),
            };
            match msg {
                RelayMsg::Progress {
                    step,
                    received,
                    total,
                    missing,
                } => {
                    self.missing = missing;
                    self.missing_count = total.saturating_sub(received);
                    let only_me = self.missing.iter().all(|p| *p == self.me);
                    // Phases over a second get a line when the count
                    // changes, and every ten seconds otherwise.
                    let changed = self
                        .printed
                        .is_none_or(|(r, at)| r != received || at.elapsed() >= Duration::from_secs(10));
                    if step == self.step
                        && self.since.elapsed() >= Duration::from_secs(1)
                        && received < total
                        && changed
                        && !only_me
                    {
                        self.printed = Some((received, Instant::now()));
                        eprintln!(
                            "frost: step {step}: {received} of {total} messages at the relay; waiting for {}",
                            self.names()
                        );
                    }
                }
                RelayMsg::Failed { culprit, reason, step } => {
                    let who = culprit.and_then(|c| self.keys.get(c as usize)).map(|k| {
                        let h = hex::encode(k);
                        format!("host key {}…", &h[..h.len().min(16)])
                    });
                    let step_text = if step == 0 {
                        String::new()
                    } else {
                        format!(" in step {step}")
                    };
                    let reason = match who {
                        // The relay's reason names the participant by number.
                        Some(who) => format!("{reason} ({who})"),
                        None => reason,
                    };
                    return Err(Failure::failed(format!("the session failed{step_text}: {reason}")));
                }
                RelayMsg::Error { message } => {
                    return Err(Failure::failed(format!("the relay refused: {message}")));
                }
                other => return Ok((other, payload)),
            }
        }
    }

    fn unexpected(&self, msg: RelayMsg) -> Failure {
        let what = match msg {
            RelayMsg::Cmsg1 => "another first coordinator message",
            RelayMsg::Cmsg2 => "the certificate",
            RelayMsg::Recovery => "recovery data",
            RelayMsg::Investigation => "investigation data",
            RelayMsg::Deliver { .. } => "a mailbox message",
            RelayMsg::Joined { .. } => "a second join confirmation",
            RelayMsg::Challenge { .. } | RelayMsg::Welcome => "a second greeting",
            RelayMsg::Progress { .. } | RelayMsg::Failed { .. } | RelayMsg::Error { .. } => "a message",
        };
        Failure::failed(format!(
            "the relay sent {what} out of order in step {}: a faulty relay, refused",
            self.step
        ))
    }
}
