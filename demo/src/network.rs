//! Main's side of the network: it spawns the participants and the
//! broadcaster, wires their channels, then plays the coordinator.

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};

use frost_core::{Ciphersuite, Identifier};

use crate::participant::{Link, Participant};
use crate::wire::{Command, Envelope, Output, Report, broadcaster};

/// The running participants, as main sees them: a command channel to each,
/// one report channel from all.
pub struct Network<C: Ciphersuite> {
    /// Main's channel to each participant.
    commands: BTreeMap<Identifier<C>, Sender<Command>>,
    /// Every participant's reports, in arrival order.
    reports: Receiver<Report>,
    /// The broadcaster and the participants, to join at the end.
    threads: Vec<JoinHandle<()>>,
}

impl<C: Ciphersuite> Network<C> {
    /// Starts one thread per identifier, plus the broadcaster. The
    /// participants start DKG round one at once.
    pub fn spawn(threshold: u16, ids: &[Identifier<C>]) -> Result<Self, Box<dyn Error>> {
        let participants = u16::try_from(ids.len())?;
        let (broadcast, broadcast_inbox) = mpsc::channel();
        let (reports, report_inbox) = mpsc::channel();
        let (round1_outboxes, round1_inboxes): (Vec<_>, Vec<_>) =
            ids.iter().map(|_| mpsc::channel::<Envelope>()).unzip();
        let (round2_outboxes, round2_inboxes): (Vec<_>, Vec<_>) =
            ids.iter().map(|_| mpsc::channel::<Envelope>()).unzip();
        let round2_outboxes = Arc::new(ids.iter().copied().zip(round2_outboxes).collect());

        // Only the broadcaster can write to round-1 inboxes.
        let mut threads = vec![
            thread::Builder::new()
                .name("broadcaster".into())
                .spawn(move || broadcaster(broadcast_inbox, round1_outboxes))?,
        ];
        let mut commands = BTreeMap::new();
        let inboxes = round1_inboxes.into_iter().zip(round2_inboxes);
        for (index, (identifier, (round1_inbox, round2_inbox))) in ids.iter().copied().zip(inboxes).enumerate() {
            let (command, command_inbox) = mpsc::channel();
            commands.insert(identifier, command);
            let participant = Participant {
                link: Link {
                    identifier,
                    commands: command_inbox,
                    reports: reports.clone(),
                },
                threshold,
                participants,
                broadcast: broadcast.clone(),
                round1_inbox,
                round2_outboxes: Arc::clone(&round2_outboxes),
                round2_inbox,
            };
            let thread = thread::Builder::new()
                .name(format!("participant-{}", index + 1))
                .spawn(move || participant.run())?;
            threads.push(thread);
        }
        // Main's own `broadcast` and `reports` senders drop here, so each of
        // those channels closes once every participant has stopped.
        Ok(Self {
            commands,
            reports: report_inbox,
            threads,
        })
    }

    /// A network of threads started elsewhere (the standalone DKG's
    /// participants and coordinator): main's command channel to each
    /// participant, the participants' reports, and every thread to join.
    pub fn from_parts(
        commands: BTreeMap<Identifier<C>, Sender<Command>>,
        reports: Receiver<Report>,
        threads: Vec<JoinHandle<()>>,
    ) -> Self {
        Self {
            commands,
            reports,
            threads,
        }
    }

    /// Sends a command to each of `to`.
    pub fn tell(&self, to: &BTreeSet<Identifier<C>>, command: impl Fn() -> Command) -> Result<(), Box<dyn Error>> {
        for id in to {
            let channel = self.commands.get(id).ok_or_else(|| format!("no participant {id:?}"))?;
            channel
                .send(command())
                .map_err(|_| format!("participant {id:?} has stopped"))?;
        }
        Ok(())
    }

    /// Waits for one report from each of `from`, keeping what `pick` accepts.
    /// Fails on the first participant that reports an error, reports out of
    /// step, or was not asked.
    pub fn gather<T>(
        &self,
        from: &BTreeSet<Identifier<C>>,
        pick: impl Fn(Output) -> Option<T>,
    ) -> Result<BTreeMap<Identifier<C>, T>, Box<dyn Error>> {
        let mut gathered = BTreeMap::new();
        while gathered.len() < from.len() {
            let report = self
                .reports
                .recv()
                .map_err(|_| "every participant stopped before reporting")?;
            let sender = Identifier::<C>::deserialize(&report.sender)?;
            let output = report
                .outcome
                .map_err(|error| format!("participant {sender:?} failed: {error}"))?;
            if !from.contains(&sender) || gathered.contains_key(&sender) {
                return Err(format!("unexpected report from participant {sender:?}").into());
            }
            let value = pick(output).ok_or_else(|| format!("participant {sender:?} reported out of step"))?;
            gathered.insert(sender, value);
        }
        Ok(gathered)
    }

    /// Hangs up on every participant (those not asked to sign are waiting,
    /// and take that as the signal to stop) and joins all threads.
    pub fn shutdown(self) -> Result<(), Box<dyn Error>> {
        drop(self.commands);
        for thread in self.threads {
            thread.join().map_err(|_| "a participant thread panicked")?;
        }
        Ok(())
    }
}
