//! What travels on the channels, and the round-one broadcaster.
//!
//! Every protocol value travels serialized, as it would over a network. Only
//! the framing (who sent it, which step it answers) is a Rust type.

use std::sync::mpsc::{Receiver, Sender};

/// A message between participants: the sender's serialized identifier and
/// the serialized package.
#[derive(Clone, Debug)]
pub struct Envelope {
    /// `Identifier::serialize()` of the sender.
    pub sender: Vec<u8>,
    /// The serialized package.
    pub payload: Vec<u8>,
}

/// From main (the coordinator) to one participant.
#[derive(Debug)]
pub enum Command {
    /// Start the next DKG step. Main holds the participants between steps
    /// only so that it can time each step on its own.
    Continue,
    /// You are a signer: commit to fresh nonces.
    Commit,
    /// Sign this serialized `SigningPackage`.
    Sign(Vec<u8>),
    /// `--dkg standalone`: every participant's host public key, in session
    /// order (what each would collect from the others).
    HostKeys(Vec<Vec<u8>>),
}

/// From one participant to main.
#[derive(Debug)]
pub struct Report {
    /// `Identifier::serialize()` of the participant.
    pub sender: Vec<u8>,
    /// What it did, or why it stopped.
    pub outcome: Result<Output, String>,
}

/// A participant's result for one step.
#[derive(Debug)]
pub enum Output {
    /// The broadcast delivered all n round-1 packages.
    Round1Done,
    /// All n - 1 round-2 packages arrived.
    Round2Done,
    /// The DKG is over.
    Keys {
        /// `PublicKeyPackage::serialize()`: must be the same at everyone.
        public_key_package: Vec<u8>,
        /// The round-1 transcript digest: must be the same at everyone.
        transcript_digest: [u8; 32],
    },
    /// `--dkg standalone`: this participant's host public key.
    HostKey(Vec<u8>),
    /// `--dkg standalone`: the session parameters' hash, to compare.
    ParamsHash(String),
    /// `--dkg standalone`: the session is over for this participant.
    StandaloneKeys {
        /// `PublicKeyPackage::serialize()`: must be the same at everyone.
        public_key_package: Vec<u8>,
        /// The recovery data (the certified transcript): must be the same
        /// at everyone, the coordinator included.
        recovery_data: Vec<u8>,
    },
    /// `SigningCommitments::serialize()`.
    Commitments(Vec<u8>),
    /// `SignatureShare::serialize()`.
    Share(Vec<u8>),
}

/// The broadcast channel of DKG round one: forwards each envelope, unchanged,
/// to every inbox (the sender's own included, so that each participant can
/// hash all n packages), until every participant has hung up.
///
/// One relay sending the same bytes to all is what makes it a broadcast: no
/// sender can show different packages to different participants.
pub fn broadcaster(incoming: Receiver<Envelope>, inboxes: Vec<Sender<Envelope>>) {
    for envelope in incoming {
        for inbox in &inboxes {
            // An inbox is closed only when its participant has stopped, and
            // that participant has reported why to main; the rest still
            // get the message.
            let _ = inbox.send(envelope.clone());
        }
    }
}
