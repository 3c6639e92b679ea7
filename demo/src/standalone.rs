//! `--dkg standalone`: the same participant threads, plus a coordinator
//! thread, running ChillDKG (`keys::chilldkg`, the secp256k1 suites only).
//!
//! There is no broadcaster and no point-to-point channel between
//! participants: each participant has one channel *to* the coordinator and
//! one *from* it, and nothing it sends is secret (shares travel encrypted to
//! the recipients' host keys). The coordinator is untrusted; the
//! certificate every participant checks at the end gives the agreement a
//! broadcast would have given. Main stands in for the out-of-band steps:
//! it hands every participant the list of host public keys, and compares
//! the parameter hashes they compute, as people would by reading them
//! aloud. Then it coordinates signing exactly as after the plain DKG.

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::Instant;

use frost_core::keys::chilldkg::{self, ChillDkgCiphersuite, HostSecretKey, SessionParams};
use frost_core::{Identifier, PublicKeyPackage};

use crate::network::Network;
use crate::participant::Link;
use crate::wire::{Command, Envelope, Output};

/// One participant of the standalone DKG.
struct StandaloneParticipant<C: ChillDkgCiphersuite> {
    /// Who this is, and its link to main.
    link: Link<C>,
    /// `t`.
    threshold: u16,
    /// Into the coordinator's inbox.
    to_coordinator: Sender<Envelope>,
    /// From the coordinator: `cmsg1`, then `cmsg2`.
    from_coordinator: Receiver<Vec<u8>>,
}

impl<C: ChillDkgCiphersuite> StandaloneParticipant<C> {
    fn run(self) {
        let result = self.steps();
        self.link.finish(result);
    }

    fn steps(&self) -> Result<(), Box<dyn Error>> {
        // Made once and kept for as long as the key is in use; in a real
        // deployment, backed up before the session.
        let host_key = HostSecretKey::<C>::generate(&mut rand::rng());
        self.link
            .send_report(Output::HostKey(host_key.public_key().to_bytes()))?;
        let hostpubkeys = match self.link.commands.recv() {
            Ok(Command::HostKeys(keys)) => keys,
            Ok(other) => return Err(format!("expected the host keys, got {other:?}").into()),
            Err(_) => return Err("the coordinator hung up".into()),
        };
        let params = SessionParams::<C>::new(&hostpubkeys, u32::from(self.threshold))?;
        self.link
            .send_report(Output::ParamsHash(params.params_hash().to_string()))?;
        // Main compared the hashes: go on only if they all matched.
        self.link.wait_for_continue()?;

        let (state1, pmsg1) = chilldkg::participant_step1(&host_key, &params, &rand::random::<[u8; 32]>())?;
        self.send(pmsg1)?;
        let cmsg1 = self.receive()?;
        let (state2, pmsg2) = chilldkg::participant_step2(&host_key, state1, &cmsg1, &rand::random::<[u8; 32]>())
            .map_err(|failure| failure.error)?;
        // From here on, the host key must be kept whatever happens.
        self.send(pmsg2)?;
        let cmsg2 = self.receive()?;
        let (output, recovery_data) = chilldkg::participant_finalize(state2, &cmsg2).map_err(|(_, e)| e)?;
        let key_package = output.key_package()?.ok_or("a participant's output has a share")?;
        if *key_package.identifier() != self.link.identifier {
            return Err("the session placed this participant at another position".into());
        }
        self.link.send_report(Output::StandaloneKeys {
            public_key_package: output.public_key_package()?.serialize(),
            recovery_data: recovery_data.to_bytes(),
        })?;
        self.link.sign_on_request(&key_package)
    }

    fn send(&self, payload: Vec<u8>) -> Result<(), Box<dyn Error>> {
        let envelope = Envelope {
            sender: self.link.identifier.serialize(),
            payload,
        };
        self.to_coordinator
            .send(envelope)
            .map_err(|_| "the coordinator has stopped".into())
    }

    fn receive(&self) -> Result<Vec<u8>, Box<dyn Error>> {
        self.from_coordinator
            .recv()
            .map_err(|_| "the coordinator stopped before sending its message".into())
    }
}

/// What the coordinator thread reports to main.
type CoordinatorResult = Result<(Vec<u8>, Vec<u8>), String>;

/// The coordinator's thread: collects the `n` first messages, sends the
/// aggregate to everyone, collects the `n` signatures, sends the
/// certificate to everyone, and reports its public output.
fn coordinator<C: ChillDkgCiphersuite>(
    ids: Vec<Identifier<C>>,
    host_keys: Receiver<Vec<Vec<u8>>>,
    threshold: u16,
    inbox: Receiver<Envelope>,
    outboxes: Vec<Sender<Vec<u8>>>,
    report: Sender<CoordinatorResult>,
) {
    let run = || -> Result<(Vec<u8>, Vec<u8>), Box<dyn Error>> {
        let hostpubkeys = host_keys.recv().map_err(|_| "main hung up")?;
        let params = SessionParams::<C>::new(&hostpubkeys, u32::from(threshold))?;
        let position: BTreeMap<Vec<u8>, usize> = ids.iter().enumerate().map(|(i, id)| (id.serialize(), i)).collect();
        // Messages arrive in any order; the protocol takes them in session
        // order. A second message from the same sender is refused.
        let collect = || -> Result<Vec<Vec<u8>>, Box<dyn Error>> {
            let mut messages = vec![None; ids.len()];
            for _ in 0..ids.len() {
                let envelope = inbox.recv().map_err(|_| "a participant stopped")?;
                let i = *position
                    .get(&envelope.sender)
                    .ok_or("a message from an unknown sender")?;
                if messages[i].replace(envelope.payload).is_some() {
                    return Err(format!("two messages from participant {}", i + 1).into());
                }
            }
            Ok(messages.into_iter().flatten().collect())
        };
        let send_all = |message: &[u8]| -> Result<(), Box<dyn Error>> {
            for outbox in &outboxes {
                outbox.send(message.to_vec()).map_err(|_| "a participant stopped")?;
            }
            Ok(())
        };
        let pmsgs1 = collect()?;
        let (state, cmsg1) = chilldkg::coordinator_step1(&pmsgs1, &params)?;
        send_all(&cmsg1)?;
        let pmsgs2 = collect()?;
        let (cmsg2, output, recovery_data) = chilldkg::coordinator_finalize(state, &pmsgs2)?;
        send_all(&cmsg2)?;
        Ok((output.public_key_package()?.serialize(), recovery_data.to_bytes()))
    };
    let _ = report.send(run().map_err(|e| e.to_string()));
}

/// Runs a t-of-n ChillDKG among n participant threads and a coordinator
/// thread, then has the first t sign through main, as [`crate::run`] does.
pub fn run<C: ChillDkgCiphersuite>(t: u16, n: u16) -> Result<(), Box<dyn Error>> {
    crate::cli::check_sizes(t.into(), n.into())?;
    let ids: Vec<Identifier<C>> = (1..=n).map(Identifier::try_from).collect::<Result<_, _>>()?;
    let everyone: BTreeSet<_> = ids.iter().copied().collect();
    writeln!(
        io::stdout(),
        "FROST demo: suite {}, threshold {t} of {n} participants, ChillDKG through an untrusted coordinator \
         (no broadcast channel, no private channel)",
        C::ID
    )?;

    let clock = Instant::now();
    let (reports, report_inbox) = mpsc::channel();
    let (coordinator_inbox_tx, coordinator_inbox) = mpsc::channel();
    let (coordinator_keys_tx, coordinator_keys) = mpsc::channel();
    let (coordinator_report_tx, coordinator_report) = mpsc::channel();
    let mut commands = BTreeMap::new();
    let mut outboxes = Vec::new();
    let mut threads = Vec::new();
    for (index, identifier) in ids.iter().copied().enumerate() {
        let (command, command_inbox) = mpsc::channel();
        let (outbox, from_coordinator) = mpsc::channel();
        commands.insert(identifier, command);
        outboxes.push(outbox);
        let participant = StandaloneParticipant {
            link: Link {
                identifier,
                commands: command_inbox,
                reports: reports.clone(),
            },
            threshold: t,
            to_coordinator: coordinator_inbox_tx.clone(),
            from_coordinator,
        };
        threads.push(
            thread::Builder::new()
                .name(format!("participant-{}", index + 1))
                .spawn(move || participant.run())?,
        );
    }
    let coordinator_ids = ids.clone();
    threads.push(thread::Builder::new().name("coordinator".into()).spawn(move || {
        coordinator(
            coordinator_ids,
            coordinator_keys,
            t,
            coordinator_inbox,
            outboxes,
            coordinator_report_tx,
        )
    })?);
    // Main's own senders drop here, so the channels close once every
    // participant has stopped.
    drop((reports, coordinator_inbox_tx));
    let network = Network::from_parts(commands, report_inbox, threads);

    // Out of band: collect the host public keys, hand everyone the list,
    // compare the hashes everyone computes.
    let keys = network.gather(&everyone, |out| match out {
        Output::HostKey(key) => Some(key),
        _ => None,
    })?;
    let keys: Vec<Vec<u8>> = keys.into_values().collect();
    network.tell(&everyone, || Command::HostKeys(keys.clone()))?;
    coordinator_keys_tx
        .send(keys)
        .map_err(|_| "the coordinator has stopped")?;
    let hashes = network.gather(&everyone, |out| match out {
        Output::ParamsHash(hash) => Some(hash),
        _ => None,
    })?;
    let hash = agreed(hashes, "parameter hashes")?;
    crate::print_phase("host keys + params hash comparison", clock)?;

    let clock = Instant::now();
    network.tell(&everyone, || Command::Continue)?;
    let results = network.gather(&everyone, |out| match out {
        Output::StandaloneKeys {
            public_key_package,
            recovery_data,
        } => Some((public_key_package, recovery_data)),
        _ => None,
    })?;
    let (package, recovery_data) = agreed(results, "public key packages or recovery data")?;
    let coordinator_output = coordinator_report
        .recv()
        .map_err(|_| "the coordinator stopped without reporting")?
        .map_err(|e| format!("the coordinator failed: {e}"))?;
    if coordinator_output != (package.clone(), recovery_data.clone()) {
        return Err("the coordinator's output differs from the participants'".into());
    }
    let public_key_package = PublicKeyPackage::<C>::deserialize(&package)?;
    crate::print_phase("ChillDKG (via the coordinator)", clock)?;
    let mut out = io::stdout();
    writeln!(out, "params hash: {hash}")?;
    writeln!(
        out,
        "threshold public key: {}",
        hex::encode(public_key_package.verifying_key().serialize())
    )?;
    writeln!(
        out,
        "all {n} participants and the coordinator hold the same certified transcript ({} bytes of recovery data)",
        recovery_data.len()
    )?;

    crate::sign_and_verify(&network, &ids[..usize::from(t)], n, &public_key_package)?;
    network.shutdown()
}

/// The one value every participant reported, or an error naming two that
/// differ.
fn agreed<C: ChillDkgCiphersuite, T: PartialEq>(
    values: BTreeMap<Identifier<C>, T>,
    what: &str,
) -> Result<T, Box<dyn Error>> {
    let mut values = values.into_iter();
    let (first_id, first) = values.next().ok_or("no participant finished")?;
    for (id, value) in values {
        if value != first {
            return Err(format!("{first_id:?} and {id:?} have different {what}").into());
        }
    }
    Ok(first)
}
