//! Signing across processes: `frost sign` serves a participant's signing
//! requests, `frost request` runs the ROAST coordinator
//! ([`frost_core::roast`]) with the relay as a mailbox.
//!
//! # Addressing
//!
//! A signer listens on its group's *inbox*, a mailbox session whose id is
//! [`inbox_id`] (a hash of the suite and the group key), so it learns of
//! requests it never heard of, and may subscribe after they were sent. A
//! request is a [`Request`], sealed in an envelope by the requester's host
//! key and sent to every participant's inbox; its envelope's sequence
//! number is its creation time (Unix seconds), which a signer checks
//! against a window, so a relay cannot replay an old request forever.
//!
//! Everything else of one request travels under two mailbox sessions
//! derived from the [`request_id`] (a hash of the requester's key and the
//! request's exact bytes): the replies up to the requester, the
//! coordinator's messages down to the signers. Two directions, two session
//! ids: a directory that runs `frost sign` and `frost request` at once
//! (the same host key on both ends) never mistakes one for the other.
//!
//! # What travels
//!
//! - Up (signer to requester): a kind byte, then a [`Reply`] (`0`) or the
//!   UTF-8 reason the signer declined (`1`).
//! - Down (requester to signer): a [`CoordinatorMessage`].
//!
//! Every message is an [`Envelope`] signed by its sender's host key, checked
//! end to end by a [`Receiver`] per (session, sender): a message the relay
//! altered, dropped (when a later one arrives), reordered or forged is
//! refused and the relay named. An exact copy (a replay) is dropped before
//! the ROAST coordinator sees it, so a replay cannot get an honest signer
//! marked: the coordinator cannot tell a copy from a second answer.
//!
//! A signer whose messages the relay tampered with is no longer listened
//! to, but not marked: ROAST routes around it as around a silent signer.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use frost_core::keys::{KeyPackage, PublicKeyPackage};
use frost_core::roast::{Coordinator, CoordinatorMessage, Done, Misbehaviour, Reply, Signer, Step};
use frost_core::round2::SignatureShare;
use frost_core::{Ciphersuite, Error, Group, Identifier};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Failure;
use crate::client::{Connection, RelayAddr, name_participant};
use crate::envelope::{Envelope, Receiver};
use crate::proto::{ClientMsg, RelayMsg};
use crate::suite::{Suite, TweakArg};

/// The environment variable that makes `frost sign` send invalid signature
/// shares (its honest share plus one). **Tests only.**
pub const BAD_SIGNATURE_SHARE_ENV: &str = "FROST_TEST_BAD_SIGNATURE_SHARE";

/// The longest message `frost request` signs (it travels in every session
/// start, to every signer of the session).
pub const MAX_MESSAGE_LEN: usize = 1 << 20;

/// How old a request may be before a signer refuses it as stale (the
/// relay's default time-to-live).
pub const MAX_REQUEST_AGE: Duration = Duration::from_secs(3600);

/// How far in the future a request's creation time may lie (clock skew).
pub const MAX_CLOCK_SKEW: Duration = Duration::from_secs(300);

const REPLY: u8 = 0;
const DECLINE: u8 = 1;

/// The format name of a [`Request`].
pub const REQUEST_FORMAT: &str = "frost-sign-request-v1";

/// A signing request, as the requester sends it to every participant's
/// inbox (JSON; byte strings in hex).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// [`REQUEST_FORMAT`].
    pub format: String,
    /// The suite.
    pub suite: Suite,
    /// The group key.
    pub group_key: String,
    /// 32 random bytes: two requests for the same message differ.
    pub nonce: String,
    /// When it was made (Unix seconds); also the envelope's sequence number.
    pub created: u64,
    /// The message to sign.
    pub message: String,
    /// `none`, `key-path` or `merkle-root:HEX` (secp256k1-tr only).
    pub tweak: String,
}

fn lp(h: &mut Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u32).to_be_bytes());
    h.update(bytes);
}

fn tagged(tag: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    lp(&mut h, tag);
    for p in parts {
        lp(&mut h, p);
    }
    h.finalize().into()
}

/// The mailbox session on which a group's participants receive requests.
pub fn inbox_id(suite: Suite, group_key: &[u8]) -> [u8; 32] {
    tagged(b"frost/v1 sign inbox", &[suite.name().as_bytes(), group_key])
}

/// A request's id: bound to the requester and to every byte of the request.
pub fn request_id(requester: &[u8], request: &[u8]) -> [u8; 32] {
    tagged(b"frost/v1 sign request", &[requester, request])
}

/// The session of the replies to the requester.
pub fn up_id(request: &[u8; 32]) -> [u8; 32] {
    tagged(b"frost/v1 sign replies", &[request])
}

/// The session of the coordinator's messages to the signers.
pub fn down_id(request: &[u8; 32]) -> [u8; 32] {
    tagged(b"frost/v1 sign coordinator", &[request])
}

/// The tweak in a request's words.
pub fn tweak_name(tweak: &TweakArg) -> String {
    match tweak {
        TweakArg::None => "none".into(),
        TweakArg::KeyPath => "key-path".into(),
        TweakArg::ScriptTree(root) => format!("merkle-root:{}", hex::encode(root)),
    }
}

/// Parses [`tweak_name`]'s words.
pub fn parse_tweak(text: &str) -> Option<TweakArg> {
    match text {
        "none" => Some(TweakArg::None),
        "key-path" => Some(TweakArg::KeyPath),
        _ => {
            let root = text.strip_prefix("merkle-root:")?;
            hex::decode(root).ok()?.try_into().ok().map(TweakArg::ScriptTree)
        }
    }
}

/// Whether a request created at `created` (seconds since the epoch, from the
/// requester, so any value) is at most [`MAX_REQUEST_AGE`] old and at most
/// [`MAX_CLOCK_SKEW`] ahead of `now`. Saturating: a time near `u64::MAX`
/// is refused, not an overflow.
fn within_window(created: u64, now: u64) -> bool {
    created.saturating_add(MAX_REQUEST_AGE.as_secs()) >= now && created <= now.saturating_add(MAX_CLOCK_SKEW.as_secs())
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The per-suite operations signing needs: the ROAST coordinator and signer,
/// with Taproot's tweaks for secp256k1-tr (through
/// `frost_secp256k1_tr::taproot::roast`), and the key a signature verifies
/// under.
pub trait RoastSuite: Ciphersuite {
    /// The suite's command-line name.
    const SUITE: Suite;

    /// A coordinator for `message`.
    fn coordinator(
        pkp: &PublicKeyPackage<Self>,
        message: &[u8],
        tweak: &TweakArg,
    ) -> Result<Coordinator<Self>, String> {
        untweaked(Self::SUITE, tweak)?;
        Coordinator::new(pkp, message).map_err(|e| e.to_string())
    }

    /// A signer for `message`, and its first reply.
    fn signer(kp: KeyPackage<Self>, message: &[u8], tweak: &TweakArg) -> Result<(Signer<Self>, Reply<Self>), String> {
        untweaked(Self::SUITE, tweak)?;
        Signer::new(kp, message, &mut rand::rng()).map_err(|e| e.to_string())
    }

    /// The encoded key the signature verifies under.
    fn signing_key(pkp: &PublicKeyPackage<Self>, tweak: &TweakArg) -> Result<Vec<u8>, String> {
        untweaked(Self::SUITE, tweak)?;
        Ok(pkp.verifying_key().serialize())
    }
}

fn untweaked(suite: Suite, tweak: &TweakArg) -> Result<(), String> {
    match tweak {
        TweakArg::None => Ok(()),
        _ => Err(format!("a tweak applies only to secp256k1-tr, not {suite}")),
    }
}

impl RoastSuite for frost_ed25519::Ed25519Sha512 {
    const SUITE: Suite = Suite::Ed25519;
}
impl RoastSuite for frost_ed448::Ed448Shake256 {
    const SUITE: Suite = Suite::Ed448;
}
impl RoastSuite for frost_p256::P256Sha256 {
    const SUITE: Suite = Suite::P256;
}
impl RoastSuite for frost_ristretto255::Ristretto255Sha512 {
    const SUITE: Suite = Suite::Ristretto255;
}
impl RoastSuite for frost_secp256k1::Secp256K1Sha256 {
    const SUITE: Suite = Suite::Secp256k1;
}

fn taproot_tweak(tweak: &TweakArg) -> frost_secp256k1_tr::taproot::Tweak {
    use frost_secp256k1_tr::taproot::Tweak;
    match tweak {
        TweakArg::None => Tweak::Untweaked,
        TweakArg::KeyPath => Tweak::KeyPath,
        TweakArg::ScriptTree(root) => Tweak::ScriptTree(*root),
    }
}

impl RoastSuite for frost_secp256k1_tr::Secp256K1Sha256TR {
    const SUITE: Suite = Suite::Secp256k1Tr;

    fn coordinator(
        pkp: &PublicKeyPackage<Self>,
        message: &[u8],
        tweak: &TweakArg,
    ) -> Result<Coordinator<Self>, String> {
        frost_secp256k1_tr::taproot::roast::coordinator(pkp, message, &taproot_tweak(tweak)).map_err(|e| e.to_string())
    }

    fn signer(kp: KeyPackage<Self>, message: &[u8], tweak: &TweakArg) -> Result<(Signer<Self>, Reply<Self>), String> {
        frost_secp256k1_tr::taproot::roast::signer(&kp, message, &taproot_tweak(tweak), &mut rand::rng())
            .map_err(|e| e.to_string())
    }

    fn signing_key(pkp: &PublicKeyPackage<Self>, tweak: &TweakArg) -> Result<Vec<u8>, String> {
        let key = frost_secp256k1_tr::taproot::output_key(pkp.verifying_key(), &taproot_tweak(tweak))
            .map_err(|e| e.to_string())?;
        Ok(frost_secp256k1_tr::taproot::x_only(&key).to_vec())
    }
}

/// Runs `$body` with `$C` the [`RoastSuite`] of `$suite`.
macro_rules! with_roast_suite {
    ($suite:expr, $C:ident => $body:expr) => {
        match $suite {
            Suite::Ed25519 => {
                type $C = frost_ed25519::Ed25519Sha512;
                $body
            }
            Suite::Ed448 => {
                type $C = frost_ed448::Ed448Shake256;
                $body
            }
            Suite::P256 => {
                type $C = frost_p256::P256Sha256;
                $body
            }
            Suite::Ristretto255 => {
                type $C = frost_ristretto255::Ristretto255Sha512;
                $body
            }
            Suite::Secp256k1 => {
                type $C = frost_secp256k1::Secp256K1Sha256;
                $body
            }
            Suite::Secp256k1Tr => {
                type $C = frost_secp256k1_tr::Secp256K1Sha256TR;
                $body
            }
        }
    };
}

/// The 0-based position of an identifier (identifier = position + 1, as the
/// DKGs number participants).
fn position_of<C: Ciphersuite>(id: &Identifier<C>) -> Option<usize> {
    id.as_u16().and_then(|i| usize::from(i).checked_sub(1))
}

fn identifier_at<C: Ciphersuite>(position: usize) -> Option<Identifier<C>> {
    u16::try_from(position + 1)
        .ok()
        .and_then(|i| Identifier::try_from(i).ok())
}

fn short(bytes: &[u8]) -> String {
    let h = hex::encode(bytes);
    format!("{}…", &h[..h.len().min(16)])
}

/// What a requester sends and how to show it.
struct Shown<'a> {
    keys: &'a [Vec<u8>],
}

impl Shown<'_> {
    fn name(&self, position: usize) -> String {
        name_participant(position, self.keys)
    }

    fn names(&self, positions: &[usize]) -> String {
        if positions.is_empty() {
            return "none".into();
        }
        positions.iter().map(|p| self.name(*p)).collect::<Vec<_>>().join(", ")
    }
}

// ---------------------------------------------------------------------------
// The requester.

/// What `frost request` runs.
pub struct RequestRun<'a> {
    /// The host secret key.
    pub secret: &'a [u8],
    /// The host public key.
    pub public: &'a [u8],
    /// The relay.
    pub relay: &'a RelayAddr,
    /// The suite.
    pub suite: Suite,
    /// The group key.
    pub group_key: Vec<u8>,
    /// The encoded public key package.
    pub public_key_package: Vec<u8>,
    /// The participants' host public keys, in order.
    pub participants: Vec<Vec<u8>>,
    /// The message.
    pub message: Vec<u8>,
    /// The Taproot tweak (`None` elsewhere).
    pub tweak: TweakArg,
    /// The bound on the whole run.
    pub timeout: Duration,
}

/// The outcome of a signing request.
#[derive(Clone, Debug)]
pub struct Signed {
    /// The encoded signature.
    pub signature: Vec<u8>,
    /// The key it verifies under (for secp256k1-tr the x-only output key).
    pub key: Vec<u8>,
    /// 0-based positions of the signers whose shares made the signature.
    pub signers: Vec<usize>,
    /// Signers ROAST marked malicious (0-based), and why.
    pub flagged: Vec<(usize, String)>,
    /// Signers who declined, and their reason.
    pub declined: Vec<(usize, String)>,
    /// What the relay did wrong, in words (it is never a signer's fault).
    pub relay_faults: Vec<String>,
    /// Signers that never answered.
    pub silent: Vec<usize>,
    /// How many ROAST sessions were started.
    pub sessions: u32,
}

/// Runs a signing request to its end; prints progress on standard error.
pub async fn request(run: RequestRun<'_>) -> Result<Signed, Failure> {
    with_roast_suite!(run.suite, C => request_with::<C>(run).await)
}

struct Peer {
    receiver: Receiver,
    /// The next sequence number of our messages to it.
    out_seq: u64,
    /// Not listened to any more (the relay tampered with its messages).
    ignored: bool,
    answered: bool,
    declined: bool,
}

async fn request_with<C: RoastSuite>(run: RequestRun<'_>) -> Result<Signed, Failure> {
    let suite = run.suite;
    let keys = &run.participants;
    let shown = Shown { keys };
    let n = keys.len();
    if run.message.len() > MAX_MESSAGE_LEN {
        return Err(Failure::usage(format!(
            "the message is {} bytes; frost request signs at most {MAX_MESSAGE_LEN}",
            run.message.len()
        )));
    }
    let pkp = PublicKeyPackage::<C>::deserialize(&run.public_key_package)
        .map_err(|e| Failure::failed(format!("the stored public key package does not decode: {e}")))?;
    let mut coordinator = C::coordinator(&pkp, &run.message, &run.tweak).map_err(Failure::usage)?;
    let key = C::signing_key(&pkp, &run.tweak).map_err(Failure::usage)?;
    let threshold = usize::from(pkp.min_signers().unwrap_or(0));
    if pkp.verifying_shares().len() != n
        || (0..n).any(|p| identifier_at::<C>(p).is_none_or(|id| !pkp.verifying_shares().contains_key(&id)))
    {
        return Err(Failure::failed(
            "the group's public key package does not number its participants 1 to n: corrupt group file",
        ));
    }

    let created = now_secs();
    let request = Request {
        format: REQUEST_FORMAT.into(),
        suite,
        group_key: hex::encode(&run.group_key),
        nonce: hex::encode(rand::random::<[u8; 32]>()),
        created,
        message: hex::encode(&run.message),
        tweak: tweak_name(&run.tweak),
    };
    let request_bytes = serde_json::to_vec(&request).map_err(|e| Failure::failed(e.to_string()))?;
    let rid = request_id(run.public, &request_bytes);
    let (up, down) = (up_id(&rid), down_id(&rid));
    let inbox = inbox_id(suite, &run.group_key);
    let me = run.public.to_vec();
    let seal = |session: [u8; 32], to: &[u8], seq: u64, payload: Vec<u8>| {
        Envelope::seal(suite, session, run.secret, me.clone(), to.to_vec(), seq, payload)
            .ok_or_else(|| Failure::failed("cannot sign with the host key"))
    };

    let deadline = Instant::now() + run.timeout;
    let mut conn = Connection::open(run.relay, suite, run.secret, run.public, run.timeout).await?;
    conn.send(&ClientMsg::Subscribe {
        session: hex::encode(up),
    })
    .await?;
    for k in keys {
        conn.send_envelope(&seal(inbox, k, created, request_bytes.clone())?, false)
            .await?;
    }
    eprintln!(
        "frost: request {} sent to the {n} participants; ROAST starts a session as soon as {threshold} answer",
        &hex::encode(rid)[..12]
    );

    let mut peers: Vec<Peer> = keys
        .iter()
        .map(|k| Peer {
            receiver: Receiver::new(suite, up, k.clone(), me.clone()),
            out_seq: 0,
            ignored: false,
            answered: false,
            declined: false,
        })
        .collect();
    let mut sessions: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut relay_faults = Vec::new();
    let mut declined = Vec::new();
    let mut own_flags: BTreeMap<usize, String> = BTreeMap::new();
    let mut reported: HashSet<usize> = HashSet::new();

    let result: Result<(frost_core::Signature<C>, Vec<usize>), Failure> = loop {
        // With fewer than t signers left who might still answer, waiting
        // cannot help.
        let gone = (0..n)
            .filter(|p| {
                peers[*p].ignored
                    || peers[*p].declined
                    || identifier_at::<C>(*p).is_some_and(|id| coordinator.malicious().contains_key(&id))
            })
            .count();
        if n - gone < threshold {
            break Err(Failure::failed(format!(
                "only {} of the {n} signers can still answer, fewer than the threshold {threshold}{}{}",
                n - gone,
                if declined.is_empty() { "" } else { "; some declined" },
                if relay_faults.is_empty() {
                    ""
                } else {
                    "; the relay tampered with messages"
                },
            )));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        let got = conn.recv_msg(left, "waiting for the signers").await;
        let (msg, payload) = match got {
            Ok(x) => x,
            Err(f) if f.message.starts_with("timed out") => {
                let waiting: Vec<usize> = (0..n).filter(|p| !peers[*p].answered).collect();
                break Err(Failure::failed(format!(
                    "timed out after {} s with no signature: {} sessions started; no answer from {}",
                    run.timeout.as_secs(),
                    coordinator.sessions_started(),
                    shown.names(&waiting)
                )));
            }
            Err(f) => break Err(f),
        };
        let envelope = match msg {
            RelayMsg::Deliver { envelope } => envelope,
            RelayMsg::Error { message } => break Err(Failure::failed(format!("the relay refused: {message}"))),
            _ => continue,
        };
        let Ok(env) = Envelope::from_parts(&envelope, payload.to_vec()) else {
            relay_faults.push("the relay delivered an envelope that does not decode".to_string());
            continue;
        };
        if env.session != up {
            continue;
        }
        let Some(pos) = keys.iter().position(|k| *k == env.sender) else {
            eprintln!(
                "frost: a message from {}, not a participant of this group; ignored",
                short(&env.sender)
            );
            continue;
        };
        let peer = &mut peers[pos];
        if peer.ignored || peer.declined {
            continue;
        }
        match peer.receiver.accept(&env) {
            Ok(true) => {}
            Ok(false) => {
                let fault = format!(
                    "the relay delivered a copy of message {} from {} again (a replay); the copy was dropped",
                    env.seq,
                    shown.name(pos)
                );
                eprintln!("frost: {fault}");
                relay_faults.push(fault);
                continue;
            }
            Err(refusal) => {
                let fault = format!("{refusal} (from {})", shown.name(pos));
                eprintln!(
                    "frost: {fault}; no longer listening to {} (it is not blamed)",
                    shown.name(pos)
                );
                relay_faults.push(fault);
                peer.ignored = true;
                continue;
            }
        }
        peer.answered = true;
        let (kind, body) = match env.payload.split_first() {
            Some((k, b)) => (*k, b),
            None => (u8::MAX, &[][..]),
        };
        let reply = match kind {
            REPLY => match Reply::<C>::deserialize(body) {
                Ok(reply) => reply,
                Err(e) => {
                    eprintln!(
                        "frost: {} sent a reply that does not decode ({e}); ignored",
                        shown.name(pos)
                    );
                    own_flags.insert(pos, format!("sent a reply that does not decode: {e}"));
                    peer.ignored = true;
                    continue;
                }
            },
            DECLINE => {
                let reason: String = String::from_utf8_lossy(body).chars().take(200).collect();
                eprintln!("frost: {} declined: {reason}", shown.name(pos));
                peer.declined = true;
                declined.push((pos, reason));
                continue;
            }
            _ => {
                own_flags.insert(pos, "sent a message of an unknown kind".into());
                peer.ignored = true;
                continue;
            }
        };
        let Some(id) = identifier_at::<C>(pos) else {
            continue;
        };
        let session = reply.session();
        let step = coordinator.receive(id, reply);
        for (flagged, why) in coordinator.malicious() {
            let p = position_of(flagged).unwrap_or(usize::MAX);
            if reported.insert(p) {
                eprintln!("frost: {} {why}; ROAST goes on without it", shown.name(p));
            }
        }
        match step {
            Ok(Step::Waiting) => {}
            Ok(Step::Start(start)) => {
                let members: Vec<usize> = start.signers().filter_map(|id| position_of(&id)).collect();
                eprintln!("frost: session {} with {}", start.id().to_u32(), shown.names(&members));
                let bytes = CoordinatorMessage::Start(start.clone()).serialize();
                sessions.insert(start.id().to_u32(), members.clone());
                for p in members {
                    let seq = peers[p].out_seq;
                    peers[p].out_seq += 1;
                    conn.send_envelope(&seal(down, &keys[p], seq, bytes.clone())?, false)
                        .await?;
                }
            }
            Ok(Step::Signature(signature)) => {
                let signers = session
                    .and_then(|s| sessions.get(&s.to_u32()).cloned())
                    .unwrap_or_default();
                break Ok((signature, signers));
            }
            Err(Error::TooManyMaliciousSigners { culprits }) => {
                let names: Vec<usize> = culprits.iter().filter_map(position_of).collect();
                break Err(Failure::failed(format!(
                    "more than n - t signers misbehaved, so no t honest ones remain: {}",
                    shown.names(&names)
                )));
            }
            Err(e) => break Err(Failure::failed(format!("the ROAST coordinator failed: {e}"))),
        }
    };

    // Every signer, answered or not, learns the run is over.
    let done = CoordinatorMessage::<C>::Done(Done::new()).serialize();
    for (p, k) in keys.iter().enumerate() {
        let seq = peers[p].out_seq;
        peers[p].out_seq += 1;
        if let Ok(env) = seal(down, k, seq, done.clone()) {
            let _ = conn.send_envelope(&env, false).await;
        }
    }
    conn.close(Duration::from_secs(5)).await;
    let mut flagged: Vec<(usize, String)> = coordinator
        .malicious()
        .iter()
        .filter_map(|(id, why): (&Identifier<C>, &Misbehaviour)| position_of(id).map(|p| (p, why.to_string())))
        .collect();
    flagged.extend(own_flags);
    let (signature, signers) = match result {
        Ok(x) => x,
        Err(mut f) => {
            if !flagged.is_empty() {
                let list: Vec<String> = flagged
                    .iter()
                    .map(|(p, why)| format!("{} {why}", shown.name(*p)))
                    .collect();
                f.message.push_str(&format!("; flagged: {}", list.join("; ")));
            }
            if !relay_faults.is_empty() {
                f.message
                    .push_str(&format!("; the relay misbehaved: {}", relay_faults.join("; ")));
            }
            return Err(f);
        }
    };
    Ok(Signed {
        signature: signature.serialize(),
        key,
        signers,
        flagged,
        declined,
        relay_faults,
        silent: (0..n).filter(|p| !peers[*p].answered).collect(),
        sessions: coordinator.sessions_started(),
    })
}

// ---------------------------------------------------------------------------
// The signer.

/// A group this directory can sign for.
pub struct SigningGroup {
    /// The group key.
    pub group_key: Vec<u8>,
    /// The participants' host public keys, in order.
    pub participants: Vec<Vec<u8>>,
    /// The threshold.
    pub threshold: u32,
    /// The encoded key package (secret).
    pub key_package: zeroize::Zeroizing<Vec<u8>>,
}

/// What `frost sign` runs.
pub struct SignRun<'a> {
    /// The host secret key.
    pub secret: &'a [u8],
    /// The host public key.
    pub public: &'a [u8],
    /// The relay.
    pub relay: &'a RelayAddr,
    /// The suite.
    pub suite: Suite,
    /// The groups served.
    pub groups: Vec<SigningGroup>,
    /// Approve without asking.
    pub yes: bool,
    /// Exit after one request.
    pub once: bool,
    /// The bound on connecting and on each send.
    pub timeout: Duration,
}

/// Serves signing requests (until the process ends, or after one request
/// with `once`); prints each on standard error.
pub async fn serve(run: SignRun<'_>) -> Result<(), Failure> {
    with_roast_suite!(run.suite, C => serve_with::<C>(run).await)
}

struct Active<C: Ciphersuite> {
    group: usize,
    requester: Vec<u8>,
    up: [u8; 32],
    receiver: Receiver,
    signer: Signer<C>,
    out_seq: u64,
    label: String,
}

/// How a request ended for this signer.
enum Ended {
    Done,
    Declined,
    Abandoned(String),
}

/// The consent text for a request.
fn describe_request(group: &SigningGroup, suite: Suite, requester: &[u8], request: &Request, message: &[u8]) -> String {
    let from = match group.participants.iter().position(|k| k == requester) {
        Some(p) => name_participant(p, &group.participants),
        None => format!(
            "{} -- NOT A MEMBER of this group (a holder of its public key)",
            hex::encode(requester)
        ),
    };
    let age = now_secs().saturating_sub(request.created);
    let printable = std::str::from_utf8(message)
        .ok()
        .filter(|s| s.chars().all(|c| !c.is_control() || c == '\n' || c == '\t'));
    let text = match printable {
        Some(s) => format!("{s:?}"),
        None => "(not text)".into(),
    };
    let hex_text = if message.len() <= 256 {
        hex::encode(message)
    } else {
        format!("{}… ({} bytes in all)", hex::encode(&message[..256]), message.len())
    };
    format!(
        "signing request for group {} ({suite}, {}-of-{})\n  from:    {from}\n  made:    {age} s ago\n  tweak:   {}\n  message: {} bytes: {text}\n  hex:     {hex_text}",
        short(&group.group_key),
        group.threshold,
        group.participants.len(),
        request.tweak,
        message.len(),
    )
}

/// Asks on the terminal; `true` for yes.
async fn ask(text: String) -> bool {
    tokio::task::spawn_blocking(move || {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "{text}\nSign it? [y/N] ");
        let _ = err.flush();
        let mut line = String::new();
        if std::io::stdin().read_line(&mut line).is_err() {
            return false;
        }
        matches!(line.trim(), "y" | "Y" | "yes" | "YES" | "Yes")
    })
    .await
    .unwrap_or(false)
}

fn bad_share_hook() -> bool {
    std::env::var(BAD_SIGNATURE_SHARE_ENV).is_ok_and(|v| !v.is_empty() && v != "0")
}

/// The test hook: the reply with its share plus one (a valid encoding, an
/// invalid share).
fn corrupt<C: Ciphersuite>(reply: Reply<C>) -> Reply<C> {
    match (reply.session(), reply.signature_share()) {
        (Some(session), Some(share)) => {
            let bad = SignatureShare::<C>::new(share.to_scalar() + <C::Group as Group>::one());
            Reply::new(Some((session, bad)), *reply.commitments())
        }
        _ => reply,
    }
}

async fn serve_with<C: RoastSuite>(run: SignRun<'_>) -> Result<(), Failure> {
    let suite = run.suite;
    if !run.yes && !std::io::stdin().is_terminal() {
        return Err(Failure::usage(
            "frost sign asks for consent on a terminal: run it on one, or pass --yes to approve every request",
        ));
    }
    let mut packages = Vec::new();
    for g in &run.groups {
        let kp = KeyPackage::<C>::deserialize(&g.key_package)
            .map_err(|e| Failure::failed(format!("a stored key package does not decode: {e}")))?;
        packages.push(kp);
    }
    let inboxes: Vec<[u8; 32]> = run.groups.iter().map(|g| inbox_id(suite, &g.group_key)).collect();
    let mut conn = Connection::open(run.relay, suite, run.secret, run.public, run.timeout).await?;
    for inbox in &inboxes {
        conn.send(&ClientMsg::Subscribe {
            session: hex::encode(inbox),
        })
        .await?;
    }
    eprintln!(
        "frost: serving signing requests for {} group{}{}",
        run.groups.len(),
        if run.groups.len() == 1 { "" } else { "s" },
        if run.once { " (one request)" } else { "" }
    );
    let corrupting = bad_share_hook();
    if corrupting {
        eprintln!("frost: {BAD_SIGNATURE_SHARE_ENV}: this signer sends invalid signature shares (tests only)");
    }
    let result = serve_loop::<C>(&run, &mut conn, &packages, &inboxes, corrupting).await;
    conn.close(Duration::from_secs(5)).await;
    result
}

async fn serve_loop<C: RoastSuite>(
    run: &SignRun<'_>,
    conn: &mut Connection,
    packages: &[KeyPackage<C>],
    inboxes: &[[u8; 32]],
    corrupting: bool,
) -> Result<(), Failure> {
    let suite = run.suite;
    let me = run.public.to_vec();
    let seal = |session: [u8; 32], to: &[u8], seq: u64, payload: Vec<u8>| {
        Envelope::seal(suite, session, run.secret, me.clone(), to.to_vec(), seq, payload)
            .ok_or_else(|| Failure::failed("cannot sign with the host key"))
    };
    let mut active: HashMap<[u8; 32], Active<C>> = HashMap::new();
    let mut seen: HashSet<[u8; 32]> = HashSet::new();
    // A signer waits for requests for as long as it runs.
    let a_month = Duration::from_secs(30 * 24 * 3600);
    loop {
        let (msg, payload) = match conn.recv_msg(a_month, "waiting for signing requests").await {
            Ok(x) => x,
            Err(f) if f.message.starts_with("timed out") => continue,
            Err(f) => return Err(f),
        };
        let envelope = match msg {
            RelayMsg::Deliver { envelope } => envelope,
            RelayMsg::Error { message } => return Err(Failure::failed(format!("the relay refused: {message}"))),
            _ => continue,
        };
        let Ok(env) = Envelope::from_parts(&envelope, payload.to_vec()) else {
            eprintln!("frost: the relay delivered an envelope that does not decode; ignored");
            continue;
        };
        if env.recipient != me {
            eprintln!("frost: the relay delivered a message for another key; ignored");
            continue;
        }
        if let Some(g) = inboxes.iter().position(|i| *i == env.session) {
            // A new request.
            if !env.verify() {
                eprintln!("frost: the relay delivered a request whose signature is not its sender's; ignored");
                continue;
            }
            let group = &run.groups[g];
            let request: Request = match serde_json::from_slice(&env.payload) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!(
                        "frost: {} sent a request that does not decode ({e}); ignored",
                        short(&env.sender)
                    );
                    continue;
                }
            };
            let message = hex::decode(&request.message).ok();
            let tweak = parse_tweak(&request.tweak);
            let well_formed = request.format == REQUEST_FORMAT
                && request.suite == suite
                && hex::decode(&request.group_key).ok().as_deref() == Some(&group.group_key[..])
                && request.created == env.seq
                && hex::decode(&request.nonce).is_ok_and(|n| n.len() == 32)
                && message.as_ref().is_some_and(|m| m.len() <= MAX_MESSAGE_LEN)
                && tweak.is_some();
            let (Some(message), Some(tweak), true) = (message, tweak, well_formed) else {
                eprintln!("frost: {} sent a malformed request; ignored", short(&env.sender));
                continue;
            };
            let rid = request_id(&env.sender, &env.payload);
            if !seen.insert(rid) {
                eprintln!(
                    "frost: the relay delivered request {} again (a replay); ignored",
                    &hex::encode(rid)[..12]
                );
                continue;
            }
            let now = now_secs();
            if !within_window(request.created, now) {
                eprintln!(
                    "frost: request {} was made {} s from now, outside the {} s window: stale (a replay?) or a wrong clock; ignored",
                    &hex::encode(rid)[..12],
                    request.created as i128 - now as i128,
                    MAX_REQUEST_AGE.as_secs()
                );
                continue;
            }
            let label = hex::encode(rid)[..12].to_string();
            let text = describe_request(group, suite, &env.sender, &request, &message);
            let up = up_id(&rid);
            let approved = if run.yes {
                eprintln!("frost: request {label}: {text}\nfrost: approved (--yes)");
                true
            } else {
                ask(format!("frost: request {label}: {text}")).await
            };
            if !approved {
                eprintln!("frost: request {label}: declined");
                let mut payload = vec![DECLINE];
                payload.extend_from_slice(b"the participant declined to sign");
                conn.send_envelope(&seal(up, &env.sender, 0, payload)?, false).await?;
                if let Some(end) = finish(run, Ended::Declined) {
                    return end;
                }
                continue;
            }
            let (signer, first) = match C::signer(packages[g].clone(), &message, &tweak) {
                Ok(x) => x,
                Err(e) => {
                    eprintln!("frost: request {label}: cannot sign: {e}");
                    let mut payload = vec![DECLINE];
                    payload.extend_from_slice(format!("cannot sign: {e}").as_bytes());
                    conn.send_envelope(&seal(up, &env.sender, 0, payload)?, false).await?;
                    if let Some(end) = finish(run, Ended::Abandoned(e)) {
                        return end;
                    }
                    continue;
                }
            };
            let down = down_id(&rid);
            conn.send(&ClientMsg::Subscribe {
                session: hex::encode(down),
            })
            .await?;
            let mut payload = vec![REPLY];
            payload.extend_from_slice(&first.serialize());
            conn.send_envelope(&seal(up, &env.sender, 0, payload)?, false).await?;
            active.insert(
                down,
                Active {
                    group: g,
                    requester: env.sender.clone(),
                    up,
                    receiver: Receiver::new(suite, down, env.sender.clone(), me.clone()),
                    signer,
                    out_seq: 1,
                    label,
                },
            );
            continue;
        }
        let Some(a) = active.get_mut(&env.session) else {
            continue;
        };
        let coordinator_message = match a.receiver.accept(&env) {
            Ok(true) => CoordinatorMessage::<C>::deserialize(&env.payload),
            Ok(false) => {
                eprintln!(
                    "frost: request {}: the relay delivered a copy of message {} again (a replay); dropped",
                    a.label, env.seq
                );
                continue;
            }
            Err(refusal) => {
                let why = format!("{refusal}; this request is abandoned (the requester is not blamed)");
                eprintln!("frost: request {}: {why}", a.label);
                let label = a.label.clone();
                active.remove(&env.session);
                if let Some(end) = finish(run, Ended::Abandoned(format!("request {label}: {why}"))) {
                    return end;
                }
                continue;
            }
        };
        match coordinator_message {
            Ok(CoordinatorMessage::Start(start)) => match a.signer.sign(&start, &mut rand::rng()) {
                Ok(reply) => {
                    let reply = if corrupting { corrupt(reply) } else { reply };
                    eprintln!("frost: request {}: signed session {}", a.label, start.id().to_u32());
                    let mut payload = vec![REPLY];
                    payload.extend_from_slice(&reply.serialize());
                    let env = seal(a.up, &a.requester, a.out_seq, payload)?;
                    a.out_seq += 1;
                    conn.send_envelope(&env, false).await?;
                }
                Err(e) => eprintln!(
                    "frost: request {}: refused session {}: {e} (a faulty requester)",
                    a.label,
                    start.id().to_u32()
                ),
            },
            Ok(CoordinatorMessage::Done(_)) => {
                a.signer.finish();
                eprintln!(
                    "frost: request {} for group {}: done",
                    a.label,
                    short(&run.groups[a.group].group_key)
                );
                active.remove(&env.session);
                // With `--once`, a request that finished before this signer
                // was needed (one that waited in its mailbox with its Done)
                // must not end the run while another accepted request still
                // needs it: exit when the last of them is done.
                if !active.is_empty() {
                    continue;
                }
                if let Some(end) = finish(run, Ended::Done) {
                    return end;
                }
            }
            Err(e) => {
                eprintln!(
                    "frost: request {}: the requester sent a message that does not decode ({e}); ignored",
                    a.label
                );
            }
        }
    }
}

/// With `--once`, the exit after the first request.
fn finish(run: &SignRun<'_>, ended: Ended) -> Option<Result<(), Failure>> {
    if !run.once {
        return None;
    }
    Some(match ended {
        Ended::Done | Ended::Declined => Ok(()),
        Ended::Abandoned(why) => Err(Failure::failed(why)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_window_refuses_stale_future_and_extreme_times() {
        let now = 1_800_000_000;
        assert!(within_window(now, now));
        assert!(within_window(now - 3600, now));
        assert!(!within_window(now - 3601, now));
        assert!(within_window(now + 300, now));
        assert!(!within_window(now + 301, now));
        // From the requester: an overflow here was a panic in debug builds.
        assert!(!within_window(u64::MAX, now));
        assert!(!within_window(0, now));
    }

    #[test]
    fn tweak_names_round_trip() {
        for t in [TweakArg::None, TweakArg::KeyPath, TweakArg::ScriptTree([3; 32])] {
            assert_eq!(parse_tweak(&tweak_name(&t)), Some(t));
        }
        assert_eq!(parse_tweak("keypath"), None);
        assert_eq!(parse_tweak("merkle-root:00"), None);
    }

    #[test]
    fn session_ids_are_distinct_and_bound_to_the_request() {
        let rid = request_id(b"requester", b"request");
        assert_ne!(rid, request_id(b"requester", b"requesu"));
        assert_ne!(rid, request_id(b"requestes", b"request"));
        assert_ne!(up_id(&rid), down_id(&rid));
        assert_ne!(inbox_id(Suite::Secp256k1, b"k"), inbox_id(Suite::Secp256k1Tr, b"k"));
    }

    #[test]
    fn the_test_hook_makes_an_invalid_share() {
        use frost_core::keys::{IdentifierList, generate_with_dealer};
        type C = frost_ed25519::Ed25519Sha512;
        let (shares, pkp) = generate_with_dealer::<C, _>(3, 2, IdentifierList::Default, &mut rand::rng()).unwrap();
        let mut coordinator = Coordinator::new(&pkp, b"m").unwrap();
        let mut signers = BTreeMap::new();
        let mut replies = Vec::new();
        for (id, share) in shares {
            let (signer, reply) = Signer::new(KeyPackage::try_from(share).unwrap(), b"m", &mut rand::rng()).unwrap();
            signers.insert(id, signer);
            replies.push((id, reply));
        }
        let mut start = None;
        for (id, reply) in replies {
            if let Step::Start(s) = coordinator.receive(id, reply).unwrap() {
                start = Some(s);
            }
        }
        let start = start.expect("a session");
        let first = start.signers().next().unwrap();
        let reply = signers.get_mut(&first).unwrap().sign(&start, &mut rand::rng()).unwrap();
        assert_eq!(coordinator.receive(first, corrupt(reply)).unwrap(), Step::Waiting);
        assert_eq!(coordinator.malicious().get(&first), Some(&Misbehaviour::InvalidShare));
    }
}
