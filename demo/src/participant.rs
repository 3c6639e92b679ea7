//! One participant: its own thread, its own secrets, and channels as its only
//! link to the others and to the coordinator.
//!
//! Secrets (the DKG secret packages, the key package, the nonces) never leave
//! the thread; only serialized public packages, and the round-2 shares on
//! their point-to-point channels, do.

use std::collections::BTreeMap;
use std::error::Error;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};

use frost_core::keys::dkg::{self, round1, round2};
use frost_core::{Ciphersuite, Identifier, KeyPackage, SigningPackage, decode_map};

use crate::wire::{Command, Envelope, Output, Report};

/// A participant's link to main (the signing coordinator): the part of its
/// view that does not depend on how the keys were generated.
pub struct Link<C: Ciphersuite> {
    /// Who this is.
    pub identifier: Identifier<C>,
    /// Commands from main.
    pub commands: Receiver<Command>,
    /// Reports to main.
    pub reports: Sender<Report>,
}

/// A participant's view of the network, and the DKG parameters.
pub struct Participant<C: Ciphersuite> {
    /// Who this is, and its link to main.
    pub link: Link<C>,
    /// `t`.
    pub threshold: u16,
    /// `n`.
    pub participants: u16,
    /// Into the broadcaster (round one).
    pub broadcast: Sender<Envelope>,
    /// From the broadcaster: all n round-1 packages, own included.
    pub round1_inbox: Receiver<Envelope>,
    /// Every participant's round-2 inbox, by identifier: the point-to-point
    /// channels. Its keys are also the list of known participants.
    pub round2_outboxes: Arc<BTreeMap<Identifier<C>, Sender<Envelope>>>,
    /// Round-2 packages addressed to this participant only.
    pub round2_inbox: Receiver<Envelope>,
}

/// What DKG round one leaves a participant with.
struct Round1<C: Ciphersuite> {
    /// The secret for `part2`.
    secret: round1::SecretPackage<C>,
    /// The others' packages: the map `part2` and `part3` take.
    others: BTreeMap<Identifier<C>, round1::Package<C>>,
    /// The digest of all n packages, own included.
    digest: [u8; 32],
}

/// What DKG round two leaves a participant with.
struct Round2<C: Ciphersuite> {
    /// The secret for `part3`.
    secret: round2::SecretPackage<C>,
    /// The shares the others sent this participant.
    received: BTreeMap<Identifier<C>, round2::Package<C>>,
}

impl<C: Ciphersuite> Participant<C> {
    /// The thread's body. The first error is reported to main, which stops
    /// the session; nothing here panics on bad input.
    pub fn run(self) {
        let result = self.steps();
        self.link.finish(result);
    }

    /// The whole protocol, from this participant's side.
    fn steps(&self) -> Result<(), Box<dyn Error>> {
        let round1 = self.dkg_round1()?;
        self.link.send_report(Output::Round1Done)?;
        self.link.wait_for_continue()?;

        let round2 = self.dkg_round2(round1.secret, &round1.others)?;
        self.link.send_report(Output::Round2Done)?;
        self.link.wait_for_continue()?;

        let (key_package, public_key_package) = dkg::part3(&round2.secret, &round1.others, &round2.received)?;
        self.link.send_report(Output::Keys {
            public_key_package: public_key_package.serialize(),
            transcript_digest: round1.digest,
        })?;

        self.link.sign_on_request(&key_package)
    }

    /// DKG round one: `part1`, broadcast the package, receive all n.
    fn dkg_round1(&self) -> Result<Round1<C>, Box<dyn Error>> {
        let (secret, package) = dkg::part1(
            self.link.identifier,
            self.participants,
            self.threshold,
            &mut rand::rng(),
        )?;
        self.broadcast
            .send(self.envelope(package.serialize()))
            .map_err(|_| "the broadcaster has stopped")?;

        let received = self.receive(&self.round1_inbox, usize::from(self.participants))?;
        let mut all = decode_map(&received, round1::Package::deserialize)?;
        // Hash what the broadcast delivered, own package included: equal
        // digests everywhere show that everyone saw the same n packages.
        let digest = round1::transcript_digest(&all);
        match all.remove(&self.link.identifier) {
            Some(echo) if echo == package => Ok(Round1 {
                secret,
                others: all,
                digest,
            }),
            _ => Err("the broadcast did not echo this participant's own package unchanged".into()),
        }
    }

    /// DKG round two: `part2`, send each share to its recipient only,
    /// receive the n - 1 shares addressed to this participant.
    fn dkg_round2(
        &self,
        secret: round1::SecretPackage<C>,
        others: &BTreeMap<Identifier<C>, round1::Package<C>>,
    ) -> Result<Round2<C>, Box<dyn Error>> {
        let (secret, outgoing) = dkg::part2(secret, others)?;
        for (recipient, package) in outgoing {
            // A share of this participant's secret: only the recipient's
            // inbox may see it. Over a network this channel must be
            // encrypted and authenticated.
            let outbox = self
                .round2_outboxes
                .get(&recipient)
                .ok_or_else(|| format!("no channel to {recipient:?}"))?;
            outbox
                .send(self.envelope(package.serialize().to_vec()))
                .map_err(|_| format!("{recipient:?} has stopped"))?;
        }
        let received = self.receive(&self.round2_inbox, usize::from(self.participants) - 1)?;
        let received = decode_map(&received, round2::Package::deserialize)?;
        Ok(Round2 { secret, received })
    }

    /// Receives `count` envelopes from distinct known participants, keyed by
    /// sender.
    fn receive(
        &self,
        inbox: &Receiver<Envelope>,
        count: usize,
    ) -> Result<BTreeMap<Identifier<C>, Vec<u8>>, Box<dyn Error>> {
        let mut received = BTreeMap::new();
        while received.len() < count {
            let envelope = inbox
                .recv()
                .map_err(|_| "a channel closed before every package arrived")?;
            let sender = Identifier::<C>::deserialize(&envelope.sender)?;
            if !self.round2_outboxes.contains_key(&sender) {
                return Err(format!("package from unknown participant {sender:?}").into());
            }
            if received.insert(sender, envelope.payload).is_some() {
                return Err(format!("two packages from {sender:?} in one round").into());
            }
        }
        Ok(received)
    }

    /// An envelope from this participant.
    fn envelope(&self, payload: Vec<u8>) -> Envelope {
        Envelope {
            sender: self.link.identifier.serialize(),
            payload,
        }
    }
}

impl<C: Ciphersuite> Link<C> {
    /// Reports the first error to main, which stops the session; nothing
    /// here panics on bad input.
    pub fn finish(&self, result: Result<(), Box<dyn Error>>) {
        if let Err(error) = result {
            // If main has hung up too, there is nobody left to tell.
            let _ = self.reports.send(self.report(Err(error.to_string())));
        }
    }

    /// Signing, if main picks this participant: commit when asked, then sign
    /// the package main sends. A participant that is not picked sees main
    /// hang up, and stops.
    pub fn sign_on_request(&self, key_package: &KeyPackage<C>) -> Result<(), Box<dyn Error>> {
        match self.commands.recv() {
            Ok(Command::Commit) => {}
            Err(_) => return Ok(()),
            Ok(other) => return Err(format!("expected a request to commit, got {other:?}").into()),
        }
        let (nonces, commitments) = frost_core::round1::commit(key_package.signing_share(), &mut rand::rng());
        self.send_report(Output::Commitments(commitments.serialize()))?;

        let bytes = match self.commands.recv() {
            Ok(Command::Sign(bytes)) => bytes,
            Ok(other) => return Err(format!("expected a signing package, got {other:?}").into()),
            Err(_) => return Err("the coordinator hung up before sending the signing package".into()),
        };
        let signing_package = SigningPackage::<C>::deserialize(&bytes)?;
        // The nonces move into `sign`, which drops them: they cannot sign a
        // second message.
        let share = frost_core::round2::sign(&signing_package, nonces, key_package)?;
        self.send_report(Output::Share(share.serialize()))
    }

    /// Waits for main's go-ahead to start the next step.
    pub fn wait_for_continue(&self) -> Result<(), Box<dyn Error>> {
        match self.commands.recv() {
            Ok(Command::Continue) => Ok(()),
            Ok(other) => Err(format!("expected the go-ahead, got {other:?}").into()),
            Err(_) => Err("the coordinator hung up".into()),
        }
    }

    /// Sends a step's output to main.
    pub fn send_report(&self, output: Output) -> Result<(), Box<dyn Error>> {
        self.reports
            .send(self.report(Ok(output)))
            .map_err(|_| "the coordinator hung up".into())
    }

    /// A report from this participant.
    fn report(&self, outcome: Result<Output, String>) -> Report {
        Report {
            sender: self.identifier.serialize(),
            outcome,
        }
    }
}
