//! The messages between a client and the relay (the JSON headers of
//! [`crate::frame`] frames). Byte strings are lower-case hex.

use serde::{Deserialize, Serialize};

use crate::dkg::Protocol;
use crate::envelope::EnvelopeHeader;
use crate::suite::Suite;

/// The protocol version a client and the relay speak.
pub const VERSION: u32 = 1;

/// A message from a client to the relay.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMsg {
    /// Proves the client holds a host key: a signature over
    /// [`crate::relay::auth_message`] of the relay's challenge.
    Auth {
        /// Protocol version.
        version: u32,
        /// The suite of the host key.
        suite: Suite,
        /// The host public key.
        key: String,
        /// The signature.
        signature: String,
    },
    /// Joins a DKG session (creating it at the relay if needed).
    Join {
        /// The DKG protocol.
        protocol: Protocol,
        /// The threshold.
        threshold: u32,
        /// The host public keys, in session order.
        participants: Vec<String>,
        /// The session label.
        label: String,
        /// Resuming after step 2 (the client holds its step-2 message).
        resume: bool,
    },
    /// A DKG message for the coordinator; the payload is the envelope's.
    Dkg {
        /// The envelope (its payload is the frame's).
        envelope: EnvelopeHeader,
    },
    /// This participant gives up on a session (it found a fault); the relay
    /// fails the session for everyone with this reason.
    Abort {
        /// The session id.
        session: String,
        /// What the participant found.
        reason: String,
    },
    /// Asks for this participant's investigation message, after its step 2
    /// found an invalid share nobody can be blamed for yet.
    Investigate {
        /// The session id.
        session: String,
    },
    /// Stores a message in another key's mailbox; the payload is the envelope's.
    Send {
        /// The envelope (its payload is the frame's).
        envelope: EnvelopeHeader,
    },
    /// Asks for every message of a session in this key's mailbox, now and
    /// as they arrive.
    Subscribe {
        /// The session id.
        session: String,
    },
}

/// A message from the relay to a client.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RelayMsg {
    /// The first message on a connection: the challenge to sign.
    Challenge {
        /// Protocol version.
        version: u32,
        /// 32 random bytes.
        nonce: String,
    },
    /// Authentication succeeded.
    Welcome,
    /// Joined a session.
    Joined {
        /// The session id.
        session: String,
        /// The client's 0-based position.
        position: u32,
    },
    /// How far a step is.
    Progress {
        /// The step (1 or 2).
        step: u8,
        /// Messages received for this step.
        received: u32,
        /// Messages needed.
        total: u32,
        /// 0-based positions still missing (at most 20 listed).
        missing: Vec<u32>,
    },
    /// The coordinator's first message (payload).
    Cmsg1,
    /// The coordinator's final message, the certificate (payload).
    Cmsg2,
    /// The session's recovery data (payload), for a resuming client.
    Recovery,
    /// This participant's investigation message (payload).
    Investigation,
    /// The session failed.
    Failed {
        /// The step that failed.
        step: u8,
        /// The 0-based position of the participant to blame, if any.
        culprit: Option<u32>,
        /// What happened.
        reason: String,
    },
    /// A message from the mailbox (payload is the envelope's).
    Deliver {
        /// The envelope.
        envelope: EnvelopeHeader,
    },
    /// A request was refused; the connection stays open unless it says so.
    Error {
        /// What was wrong.
        message: String,
    },
}
