//! Signed envelopes: end-to-end authentication for every message the DKG
//! standards do not authenticate themselves.
//!
//! An envelope is signed by the sender's host key over
//! `lp("frost/v1") || lp(suite) || session || lp(sender) || lp(recipient) ||
//! seq || lp(payload)`, where `lp(x)` is `x` prefixed with its length as 4
//! big-endian bytes, `session` the 32-byte session id and `seq` 8 big-endian
//! bytes. An empty recipient addresses the session's coordinator.
//!
//! A [`Receiver`] per (session, sender) drops exact duplicates and refuses
//! gaps, reordering and conflicting messages, naming the relay: it is the
//! only party between the sender and the receiver.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::suite::{self, Suite};

/// The domain-separation tag of envelope signatures.
pub const TAG: &[u8] = b"frost/v1";

/// An envelope's fields, as they travel in a frame header (the payload
/// travels as the frame's payload).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvelopeHeader {
    /// The suite.
    pub suite: Suite,
    /// The session id (hex, 32 bytes).
    pub session: String,
    /// The sender's host public key (hex).
    pub sender: String,
    /// The recipient's host public key (hex); empty for the coordinator.
    pub recipient: String,
    /// The sender's sequence number in this session, from 0.
    pub seq: u64,
    /// The sender's signature (hex).
    pub signature: String,
}

/// A decoded envelope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// The suite.
    pub suite: Suite,
    /// The session id.
    pub session: [u8; 32],
    /// The sender's host public key.
    pub sender: Vec<u8>,
    /// The recipient's host public key; empty for the coordinator.
    pub recipient: Vec<u8>,
    /// The sequence number.
    pub seq: u64,
    /// The payload.
    pub payload: Vec<u8>,
    /// The signature.
    pub signature: Vec<u8>,
}

fn lp(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
    out.extend_from_slice(bytes);
}

/// The bytes an envelope's signature covers.
pub fn signed_bytes(
    suite: Suite,
    session: &[u8; 32],
    sender: &[u8],
    recipient: &[u8],
    seq: u64,
    payload: &[u8],
) -> Vec<u8> {
    let mut m = Vec::with_capacity(96 + sender.len() + recipient.len() + payload.len());
    lp(&mut m, TAG);
    lp(&mut m, suite.name().as_bytes());
    m.extend_from_slice(session);
    lp(&mut m, sender);
    lp(&mut m, recipient);
    m.extend_from_slice(&seq.to_be_bytes());
    lp(&mut m, payload);
    m
}

impl Envelope {
    /// Seals `payload` with the sender's host secret key.
    pub fn seal(
        suite: Suite,
        session: [u8; 32],
        host_secret: &[u8],
        sender: Vec<u8>,
        recipient: Vec<u8>,
        seq: u64,
        payload: Vec<u8>,
    ) -> Option<Envelope> {
        let msg = signed_bytes(suite, &session, &sender, &recipient, seq, &payload);
        let signature = suite::sign(suite, host_secret, &msg)?;
        Some(Envelope {
            suite,
            session,
            sender,
            recipient,
            seq,
            payload,
            signature,
        })
    }

    /// Whether the signature is the sender's.
    pub fn verify(&self) -> bool {
        let msg = signed_bytes(
            self.suite,
            &self.session,
            &self.sender,
            &self.recipient,
            self.seq,
            &self.payload,
        );
        suite::verify(self.suite, &self.sender, &msg, &self.signature)
    }

    /// The header fields for a frame.
    pub fn header(&self) -> EnvelopeHeader {
        EnvelopeHeader {
            suite: self.suite,
            session: hex::encode(self.session),
            sender: hex::encode(&self.sender),
            recipient: hex::encode(&self.recipient),
            seq: self.seq,
            signature: hex::encode(&self.signature),
        }
    }

    /// Decodes a frame's header and payload (does not verify).
    pub fn from_parts(header: &EnvelopeHeader, payload: Vec<u8>) -> Result<Envelope, String> {
        let session: [u8; 32] = hex::decode(&header.session)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or("the session id is not 32 bytes of hex")?;
        let decode = |field: &str, what: &str| hex::decode(field).map_err(|_| format!("the {what} is not hex"));
        Ok(Envelope {
            suite: header.suite,
            session,
            sender: decode(&header.sender, "sender")?,
            recipient: decode(&header.recipient, "recipient")?,
            seq: header.seq,
            payload,
            signature: decode(&header.signature, "signature")?,
        })
    }

    fn digest(&self) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(signed_bytes(
            self.suite,
            &self.session,
            &self.sender,
            &self.recipient,
            self.seq,
            &self.payload,
        ));
        h.update(&self.signature);
        h.finalize().into()
    }
}

/// Why a [`Receiver`] refused an envelope. The relay is named: it carries
/// every message, so a gap, a reordering or a forgery is its doing (or a
/// sender's equivocation, for [`Refusal::Conflict`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The signature is not the sender's: the relay forged or altered it.
    BadSignature,
    /// For another session, recipient or suite than expected.
    Misaddressed,
    /// A sequence number beyond the next expected: the relay dropped or
    /// reordered messages.
    Gap {
        /// The next expected sequence number.
        expected: u64,
        /// The one received.
        got: u64,
    },
    /// A different message under an already received sequence number.
    Conflict {
        /// The sequence number.
        seq: u64,
    },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::BadSignature => f.write_str("the relay delivered a message whose signature is not the sender's"),
            Refusal::Misaddressed => {
                f.write_str("the relay delivered a message meant for another session or recipient")
            }
            Refusal::Gap { expected, got } => write!(
                f,
                "the relay delivered message {got} before message {expected}: it dropped or reordered messages"
            ),
            Refusal::Conflict { seq } => write!(
                f,
                "the relay delivered two different messages numbered {seq} from the same sender"
            ),
        }
    }
}

/// In-order, duplicate-free reception of one sender's envelopes in one
/// session.
#[derive(Debug)]
pub struct Receiver {
    suite: Suite,
    session: [u8; 32],
    sender: Vec<u8>,
    recipient: Vec<u8>,
    next: u64,
    seen: HashMap<u64, [u8; 32]>,
}

impl Receiver {
    /// Receives `sender`'s messages to `recipient` in `session`.
    pub fn new(suite: Suite, session: [u8; 32], sender: Vec<u8>, recipient: Vec<u8>) -> Receiver {
        Receiver {
            suite,
            session,
            sender,
            recipient,
            next: 0,
            seen: HashMap::new(),
        }
    }

    /// The next sequence number expected.
    pub fn next_seq(&self) -> u64 {
        self.next
    }

    /// Checks an envelope: `Ok(true)` for the next message, `Ok(false)` for
    /// an exact duplicate (drop it), or a refusal.
    pub fn accept(&mut self, env: &Envelope) -> Result<bool, Refusal> {
        if env.suite != self.suite
            || env.session != self.session
            || env.sender != self.sender
            || env.recipient != self.recipient
        {
            return Err(Refusal::Misaddressed);
        }
        if !env.verify() {
            return Err(Refusal::BadSignature);
        }
        let digest = env.digest();
        if let Some(seen) = self.seen.get(&env.seq) {
            return if *seen == digest {
                Ok(false)
            } else {
                Err(Refusal::Conflict { seq: env.seq })
            };
        }
        if env.seq != self.next {
            return Err(Refusal::Gap {
                expected: self.next,
                got: env.seq,
            });
        }
        self.seen.insert(env.seq, digest);
        self.next += 1;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (Zeroizing, Vec<u8>, Receiver) {
        let (secret, public) = suite::generate_host_key(Suite::Ed25519);
        let rx = Receiver::new(Suite::Ed25519, [7; 32], public.clone(), vec![1, 2]);
        (secret, public, rx)
    }
    type Zeroizing = zeroize::Zeroizing<Vec<u8>>;

    fn env(secret: &[u8], public: &[u8], seq: u64, payload: &[u8]) -> Envelope {
        Envelope::seal(
            Suite::Ed25519,
            [7; 32],
            secret,
            public.to_vec(),
            vec![1, 2],
            seq,
            payload.to_vec(),
        )
        .unwrap()
    }

    #[test]
    fn in_order_duplicates_dropped() {
        let (s, p, mut rx) = setup();
        assert_eq!(rx.accept(&env(&s, &p, 0, b"a")), Ok(true));
        let second = env(&s, &p, 1, b"b");
        assert_eq!(rx.accept(&second), Ok(true));
        assert_eq!(rx.accept(&second), Ok(false));
        assert_eq!(rx.next_seq(), 2);
    }

    #[test]
    fn gaps_conflicts_forgeries_refused() {
        let (s, p, mut rx) = setup();
        assert_eq!(
            rx.accept(&env(&s, &p, 1, b"a")),
            Err(Refusal::Gap { expected: 0, got: 1 })
        );
        assert_eq!(rx.accept(&env(&s, &p, 0, b"a")), Ok(true));
        assert_eq!(rx.accept(&env(&s, &p, 0, b"other")), Err(Refusal::Conflict { seq: 0 }));
        let mut forged = env(&s, &p, 1, b"b");
        forged.payload = b"c".to_vec();
        assert_eq!(rx.accept(&forged), Err(Refusal::BadSignature));
        let mut misaddressed = env(&s, &p, 1, b"b");
        misaddressed.session = [8; 32];
        assert_eq!(rx.accept(&misaddressed), Err(Refusal::Misaddressed));
    }

    #[test]
    fn header_round_trip() {
        let (s, p, _) = setup();
        let e = env(&s, &p, 3, b"xyz");
        let back = Envelope::from_parts(&e.header(), e.payload.clone()).unwrap();
        assert_eq!(back, e);
        assert!(back.verify());
    }
}
