//! ROAST: a simulation of coordinator, honest signers and adversaries over
//! a network that delivers in a seeded random order, and one test per
//! refusal.
//!
//! The simulation asserts the paper's guarantees on every run: whenever at
//! least `t` signers are honest, a valid signature after at most
//! `n - t + 1` sessions; no honest signer ever marked; every marked signer
//! marked for what it did; the commitment digests within `t * (n - t + 1)`.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use rand::{Rng, RngExt};

use super::{dealer_keys, id, rng};
use crate::keys::{IdentifierList, KeyPackage, PublicKeyPackage};
use crate::roast::{Coordinator, CoordinatorMessage, Done, Misbehaviour, Reply, SessionId, SessionStart, Signer, Step};
use crate::round1::{SigningCommitments, SigningNonces};
use crate::round2::SignatureShare;
use crate::{Ciphersuite, DecodeError, Error, Group, Identifier, Signature};

/// What a simulated signer does.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Behaviour {
    /// Follows the protocol ([`Signer`]).
    Honest,
    /// Follows the protocol, but its replies are delivered late.
    Late,
    /// Sends its first reply, then never answers a session.
    Silent,
    /// Answers sessions with a wrong share.
    InvalidShare,
    /// Answers each session twice, with different fresh commitments.
    ReplyTwice,
    /// Answers with a valid share labelled with another session.
    WrongSession,
    /// Answers with a valid share, and as "fresh" commitments the ones it
    /// just signed with.
    ReuseCommitments,
}

/// Every behaviour but `Honest`: what the up to `n - t` adversaries do.
pub const ADVERSARIES: [Behaviour; 6] = [
    Behaviour::Late,
    Behaviour::Silent,
    Behaviour::InvalidShare,
    Behaviour::ReplyTwice,
    Behaviour::WrongSession,
    Behaviour::ReuseCommitments,
];

impl Behaviour {
    /// Whether the coordinator may never mark it.
    fn honest(self) -> bool {
        matches!(self, Behaviour::Honest | Behaviour::Late)
    }

    /// Whether `m` is what this behaviour must be marked for.
    fn marked_for(self, m: Misbehaviour) -> bool {
        match self {
            Behaviour::Honest | Behaviour::Late | Behaviour::Silent => false,
            Behaviour::InvalidShare => m == Misbehaviour::InvalidShare,
            // Whichever copy arrives second is unsolicited (the signer is
            // waiting for a session) or for the wrong session (it is in a
            // new one already).
            Behaviour::ReplyTwice => matches!(m, Misbehaviour::UnsolicitedReply | Misbehaviour::WrongSession),
            Behaviour::WrongSession => m == Misbehaviour::WrongSession,
            Behaviour::ReuseCommitments => m == Misbehaviour::ReusedCommitments,
        }
    }
}

/// An adversary's state: its key and the nonces of the commitments it
/// last sent.
struct Adversary<C: Ciphersuite> {
    behaviour: Behaviour,
    key_package: KeyPackage<C>,
    nonces: Option<SigningNonces<C>>,
}

impl<C: Ciphersuite> Adversary<C> {
    fn fresh(&mut self, rng: &mut impl rand::CryptoRng) -> SigningCommitments<C> {
        let (nonces, commitments) = crate::round1::commit(self.key_package.signing_share(), rng);
        self.nonces = Some(nonces);
        commitments
    }

    /// Its replies to a session start.
    fn answer(&mut self, start: &SessionStart<C>, rng: &mut impl rand::CryptoRng) -> Vec<Reply<C>> {
        let Some(nonces) = self.nonces.take() else {
            return Vec::new();
        };
        let used = *nonces.commitments();
        // Replying twice, it may be put in a session with the commitments
        // whose nonces it no longer has; it cannot sign then.
        let Ok(share) = crate::round2::sign(start.signing_package(), nonces, &self.key_package) else {
            return Vec::new();
        };
        let id = start.id();
        match self.behaviour {
            Behaviour::Honest | Behaviour::Late => unreachable!("honest signers use Signer"),
            Behaviour::Silent => Vec::new(),
            Behaviour::InvalidShare => {
                let bad = SignatureShare::new(share.to_scalar() + C::Group::one());
                alloc::vec![Reply::new(Some((id, bad)), self.fresh(rng))]
            }
            Behaviour::ReplyTwice => {
                let first = Reply::new(Some((id, share)), self.fresh(rng));
                alloc::vec![first, Reply::new(Some((id, share)), self.fresh(rng))]
            }
            Behaviour::WrongSession => {
                let other = SessionId(id.0 + 1);
                alloc::vec![Reply::new(Some((other, share)), self.fresh(rng))]
            }
            Behaviour::ReuseCommitments => alloc::vec![Reply::new(Some((id, share)), used)],
        }
    }
}

enum Participant<C: Ciphersuite> {
    Honest(Signer<C>),
    Adversary(Adversary<C>),
}

/// A message in flight.
enum Envelope {
    /// From this signer to the coordinator.
    Up(usize, Vec<u8>),
    /// From the coordinator to this signer.
    Down(usize, Vec<u8>),
}

/// What one simulated run produced.
pub struct Run<C: Ciphersuite> {
    pub result: Result<Option<Signature<C>>, Error<C>>,
    pub sessions_started: u32,
    pub malicious: BTreeMap<Identifier<C>, Misbehaviour>,
    pub max_open_sessions: usize,
    pub max_digests: usize,
}

/// Runs ROAST for `message` with one signer per key package, behaving as
/// `behaviours` says (in identifier order), every message going through its
/// wire encoding and delivered in an order drawn from `seed`. Late signers'
/// replies are held back while other messages are in flight, three times
/// out of four. After the signature, every signer gets `Done` and what is
/// still in flight is delivered too.
pub fn simulate<C: Ciphersuite>(
    key_packages: &BTreeMap<Identifier<C>, KeyPackage<C>>,
    public_key_package: &PublicKeyPackage<C>,
    behaviours: &[Behaviour],
    message: &[u8],
    seed: u64,
) -> Run<C> {
    let mut rng = rng(seed);
    let mut coordinator = Coordinator::new(public_key_package, message).expect("valid keys");
    let ids: Vec<_> = key_packages.keys().copied().collect();
    let index: BTreeMap<_, _> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut participants = Vec::new();
    let mut in_flight = Vec::new();
    for (i, (kp, behaviour)) in key_packages.values().zip(behaviours).enumerate() {
        if behaviour.honest() {
            let (signer, reply) = Signer::new(kp.clone(), message, &mut rng).expect("signer");
            in_flight.push(Envelope::Up(i, reply.serialize()));
            participants.push(Participant::Honest(signer));
        } else {
            let mut adversary = Adversary {
                behaviour: *behaviour,
                key_package: kp.clone(),
                nonces: None,
            };
            let commitments = adversary.fresh(&mut rng);
            in_flight.push(Envelope::Up(i, Reply::new(None, commitments).serialize()));
            participants.push(Participant::Adversary(adversary));
        }
    }
    let late = |e: &Envelope| matches!(e, Envelope::Up(i, _) if behaviours[*i] == Behaviour::Late);

    let mut result = Ok(None);
    let mut finished = false;
    let mut max_open_sessions = 0;
    let mut max_digests = 0;
    while !in_flight.is_empty() {
        let mut pick = rng.random_range(0..in_flight.len());
        if late(&in_flight[pick]) && rng.random_range(0..4) != 0 {
            let prompt: Vec<_> = (0..in_flight.len()).filter(|j| !late(&in_flight[*j])).collect();
            if !prompt.is_empty() {
                pick = prompt[rng.random_range(0..prompt.len())];
            }
        }
        match in_flight.swap_remove(pick) {
            Envelope::Up(i, bytes) => {
                let reply = Reply::<C>::deserialize(&bytes).expect("our own encoding");
                let step = coordinator.receive(ids[i], reply);
                max_open_sessions = max_open_sessions.max(coordinator.open_sessions());
                max_digests = max_digests.max(coordinator.commitment_digests());
                if finished {
                    // Late replies after the outcome change nothing.
                    match (&result, step) {
                        (Ok(_), Ok(Step::Waiting)) => {}
                        (Err(e), Err(again)) if *e == again => {}
                        (_, other) => panic!("after the outcome, got {other:?}"),
                    }
                    continue;
                }
                let step = match step {
                    Ok(step) => step,
                    Err(e) => {
                        result = Err(e);
                        finished = true;
                        broadcast_done(&ids, &mut in_flight);
                        continue;
                    }
                };
                match step {
                    Step::Start(start) => {
                        assert_eq!(start.id().to_u32(), coordinator.sessions_started());
                        let bytes = CoordinatorMessage::Start(start.clone()).serialize();
                        for signer in start.signers() {
                            in_flight.push(Envelope::Down(index[&signer], bytes.clone()));
                        }
                    }
                    Step::Signature(signature) => {
                        result = Ok(Some(signature));
                        finished = true;
                        broadcast_done(&ids, &mut in_flight);
                    }
                    Step::Waiting => {}
                }
            }
            Envelope::Down(i, bytes) => {
                let message = CoordinatorMessage::<C>::deserialize(&bytes).expect("our own encoding");
                match (&mut participants[i], message) {
                    (Participant::Honest(signer), message) => match signer.receive(&message, &mut rng) {
                        Ok(Some(reply)) => in_flight.push(Envelope::Up(i, reply.serialize())),
                        Ok(None) => assert!(!signer.has_pending_nonces(), "Done drops the nonces"),
                        // A session start overtaken by Done.
                        Err(Error::NoPendingNonces) if finished => {}
                        Err(e) => panic!("honest signer {} refused: {e}", ids[i]),
                    },
                    (Participant::Adversary(adversary), CoordinatorMessage::Start(start)) => {
                        for reply in adversary.answer(&start, &mut rng) {
                            in_flight.push(Envelope::Up(i, reply.serialize()));
                        }
                    }
                    (Participant::Adversary(adversary), CoordinatorMessage::Done(_)) => adversary.nonces = None,
                }
            }
        }
    }
    Run {
        result,
        sessions_started: coordinator.sessions_started(),
        malicious: coordinator.malicious().clone(),
        max_open_sessions,
        max_digests,
    }
}

fn broadcast_done<C: Ciphersuite>(ids: &[Identifier<C>], in_flight: &mut Vec<Envelope>) {
    let done = CoordinatorMessage::Done(Done::<C>::new()).serialize();
    in_flight.extend((0..ids.len()).map(|i| Envelope::Down(i, done.clone())));
}

/// One run with `behaviours`, checked against the paper's guarantees.
pub fn check_run<C: Ciphersuite>(n: u16, t: u16, behaviours: &[Behaviour], seed: u64) {
    let (kps, pkp) = dealer_keys::<C>(n, t, IdentifierList::Default, seed ^ 0x5eed);
    check_run_with(&kps, &pkp, behaviours, seed);
}

/// [`check_run`] on given keys; returns the signature, when one was due.
pub fn check_run_with<C: Ciphersuite>(
    kps: &BTreeMap<Identifier<C>, KeyPackage<C>>,
    pkp: &PublicKeyPackage<C>,
    behaviours: &[Behaviour],
    seed: u64,
) -> Option<Signature<C>> {
    let n = kps.len();
    let t = usize::from(pkp.min_signers().expect("threshold"));
    let message = SIMULATION_MESSAGE;
    let run = simulate(kps, pkp, behaviours, message, seed);
    let context = alloc::format!("{t}-of-{n}, seed {seed}, {behaviours:?}");
    let by_id: BTreeMap<_, _> = kps.keys().copied().zip(behaviours.iter().copied()).collect();
    for (id, m) in &run.malicious {
        assert!(
            by_id[id].marked_for(*m),
            "{id} ({:?}) marked for {m:?}; {context}",
            by_id[id]
        );
    }
    let bound = n - t + 1;
    assert!(
        run.sessions_started as usize <= bound,
        "{} sessions; {context}",
        run.sessions_started
    );
    assert!(run.max_open_sessions <= bound, "{context}");
    assert!(run.max_digests <= t * bound, "{} digests; {context}", run.max_digests);
    assert!(run.max_digests <= n * bound, "{context}");
    let honest = behaviours.iter().filter(|b| b.honest()).count();
    if honest >= t {
        let signature = run
            .result
            .unwrap_or_else(|e| panic!("{e}; {context}"))
            .unwrap_or_else(|| panic!("no signature; {context}"));
        pkp.verifying_key()
            .verify(message, &signature)
            .unwrap_or_else(|e| panic!("{e}; {context}"));
        return Some(signature);
    }
    None
}

/// The message [`check_run_with`] signs.
pub const SIMULATION_MESSAGE: &[u8] = b"ROAST simulation";

/// Behaviours for `n` signers: `adversaries` of them (at positions drawn
/// from `seed`) behave as `pick` says.
fn spread(n: usize, adversaries: usize, seed: u64, mut pick: impl FnMut(usize) -> Behaviour) -> Vec<Behaviour> {
    let mut rng = rng(seed);
    let mut behaviours = alloc::vec![Behaviour::Honest; n];
    let mut positions: Vec<usize> = (0..n).collect();
    for k in 0..adversaries {
        let j = rng.random_range(0..positions.len());
        behaviours[positions.swap_remove(j)] = pick(k);
    }
    behaviours
}

/// Every `(n, t)` with `2 <= t <= n <= max_n`.
fn sizes(max_n: u16) -> impl Iterator<Item = (u16, u16)> {
    (2..=max_n).flat_map(|n| (2..=n).map(move |t| (n, t)))
}

/// `n - t` adversaries all behaving as `behaviour`, every size up to
/// 6 signers, `seeds` seeds each.
pub fn one_behaviour<C: Ciphersuite>(behaviour: Behaviour, seeds: u64) {
    for (n, t) in sizes(6) {
        let (kps, pkp) = dealer_keys::<C>(n, t, IdentifierList::Default, u64::from(n * 100 + t));
        for seed in 0..seeds {
            let behaviours = spread(usize::from(n), usize::from(n - t), seed, |_| behaviour);
            check_run_with(&kps, &pkp, &behaviours, seed);
        }
    }
}

/// Up to `n - t` adversaries with mixed behaviours, random sizes up to
/// `max_n` signers, `runs` runs.
pub fn mixed<C: Ciphersuite>(max_n: u16, runs: u64, seed: u64) {
    let mut r = rng(seed);
    for run in 0..runs {
        let n = r.random_range(2..=max_n);
        let t = r.random_range(2..=n);
        let adversaries = r.random_range(0..=usize::from(n - t));
        let behaviours = spread(usize::from(n), adversaries, r.next_u64(), |_| {
            ADVERSARIES[r.random_range(0..ADVERSARIES.len())]
        });
        check_run::<C>(n, t, &behaviours, seed * 1000 + run);
    }
}

/// 20 signers, `n - t` adversaries of every behaviour in turn.
pub fn twenty_signers<C: Ciphersuite>(t: u16, seeds: u64) {
    let (kps, pkp) = dealer_keys::<C>(20, t, IdentifierList::Default, u64::from(t));
    for seed in 0..seeds {
        let behaviours = spread(20, usize::from(20 - t), seed, |k| ADVERSARIES[k % ADVERSARIES.len()]);
        check_run_with(&kps, &pkp, &behaviours, seed);
    }
}

/// Property test: random sizes, behaviours and schedules.
pub fn random_schedules<C: Ciphersuite>(cases: u32) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (2u16..=9, any::<u64>(), proptest::collection::vec(0usize..7, 9))
        .prop_flat_map(|(n, seed, picks)| (Just(n), 2u16..=n, Just(seed), Just(picks)));
    runner
        .run(&strategy, |(n, t, seed, picks)| {
            // Behaviour 0 is honest; at most n - t adversaries.
            let mut behaviours: Vec<_> = picks[..usize::from(n)]
                .iter()
                .map(|p| if *p == 0 { Behaviour::Honest } else { ADVERSARIES[p - 1] })
                .collect();
            let mut excess = behaviours.iter().filter(|b| **b != Behaviour::Honest).count();
            for b in behaviours.iter_mut() {
                if excess > usize::from(n - t) && *b != Behaviour::Honest {
                    *b = Behaviour::Honest;
                    excess -= 1;
                }
            }
            check_run::<C>(n, t, &behaviours, seed);
            Ok(())
        })
        .expect("property holds");
}

/// Every signer honest: a signature, within the bound (signers that
/// answered the first session may start others before its last share
/// arrives).
pub fn all_honest<C: Ciphersuite>() {
    let (kps, pkp) = dealer_keys::<C>(5, 3, IdentifierList::Default, 1);
    for seed in 0..10 {
        let run = simulate(&kps, &pkp, &[Behaviour::Honest; 5], b"all honest", seed);
        assert!(run.sessions_started <= 3, "seed {seed}");
        assert!(run.malicious.is_empty());
        let signature = run.result.expect("signs").expect("a signature");
        pkp.verifying_key().verify(b"all honest", &signature).expect("verifies");
    }
}

/// More than `n - t` signers sending invalid shares: the coordinator fails
/// naming every one of them.
pub fn too_many_malicious<C: Ciphersuite>() {
    let (kps, pkp) = dealer_keys::<C>(7, 4, IdentifierList::Default, 3);
    for seed in 0..10 {
        let behaviours = spread(7, 4, seed, |_| Behaviour::InvalidShare);
        let run = simulate(&kps, &pkp, &behaviours, b"too many", seed);
        let cheaters: Vec<_> = kps
            .keys()
            .zip(&behaviours)
            .filter(|(_, b)| **b == Behaviour::InvalidShare)
            .map(|(id, _)| *id)
            .collect();
        assert_eq!(
            run.result,
            Err(Error::TooManyMaliciousSigners {
                culprits: cheaters.clone()
            })
        );
        assert!(run.malicious.values().all(|m| *m == Misbehaviour::InvalidShare));
    }
}

/// A coordinator and signers for hand-driven refusal tests: 3-of-5, and
/// every signer's first reply.
struct Bench<C: Ciphersuite> {
    pkp: PublicKeyPackage<C>,
    coordinator: Coordinator<C>,
    signers: BTreeMap<Identifier<C>, Signer<C>>,
    first: BTreeMap<Identifier<C>, Reply<C>>,
    rng: rand::rngs::StdRng,
}

const MESSAGE: &[u8] = b"refusals";

impl<C: Ciphersuite> Bench<C> {
    fn new() -> Self {
        let (kps, pkp) = dealer_keys::<C>(5, 3, IdentifierList::Default, 9);
        let mut rng = rng(10);
        let mut signers = BTreeMap::new();
        let mut first = BTreeMap::new();
        for (id, kp) in kps {
            let (signer, reply) = Signer::new(kp, MESSAGE, &mut rng).expect("signer");
            signers.insert(id, signer);
            first.insert(id, reply);
        }
        let coordinator = Coordinator::new(&pkp, MESSAGE).expect("coordinator");
        Self {
            pkp,
            coordinator,
            signers,
            first,
            rng,
        }
    }

    fn feed(&mut self, n: u16, reply: Reply<C>) -> Step<C> {
        self.coordinator.receive(id(n), reply).expect("no fatal error")
    }

    /// Signers 1, 2, 3 send their first replies: session 1 starts.
    fn session_one(&mut self) -> SessionStart<C> {
        for n in 1..=3 {
            let reply = self.first[&id(n)].clone();
            let step = self.feed(n, reply);
            if n < 3 {
                assert_eq!(step, Step::Waiting);
            } else {
                let Step::Start(start) = step else {
                    panic!("session 1 starts, got {step:?}")
                };
                assert_eq!(start.id().to_u32(), 1);
                assert_eq!(start.signers().collect::<Vec<_>>(), [id(1), id(2), id(3)]);
                return start;
            }
        }
        unreachable!()
    }

    fn sign(&mut self, n: u16, start: &SessionStart<C>) -> Reply<C> {
        self.signers
            .get_mut(&id(n))
            .expect("signer")
            .sign(start, &mut self.rng)
            .expect("honest signer signs")
    }

    fn assert_marked(&self, n: u16, m: Misbehaviour) {
        assert_eq!(*self.coordinator.malicious(), BTreeMap::from([(id(n), m)]));
    }
}

/// An invalid share marks its signer, and only it.
pub fn refuses_invalid_share<C: Ciphersuite>() {
    let mut b = Bench::<C>::new();
    let start = b.session_one();
    let reply = b.sign(2, &start);
    let bad = SignatureShare::new(reply.signature_share().expect("a share").to_scalar() + C::Group::one());
    let step = b.feed(2, Reply::new(Some((start.id(), bad)), *reply.commitments()));
    assert_eq!(step, Step::Waiting);
    b.assert_marked(2, Misbehaviour::InvalidShare);
    // Its session is abandoned; its later replies are ignored.
    assert_eq!(b.coordinator.open_sessions(), 0);
    assert_eq!(b.feed(2, b.first[&id(2)].clone()), Step::Waiting);
    b.assert_marked(2, Misbehaviour::InvalidShare);
}

/// A second reply while waiting for a session (a duplicate, or one nobody
/// asked for) marks its signer.
pub fn refuses_unsolicited_reply<C: Ciphersuite>() {
    let mut b = Bench::<C>::new();
    let first = b.first[&id(4)].clone();
    assert_eq!(b.feed(4, first.clone()), Step::Waiting);
    assert_eq!(b.feed(4, first), Step::Waiting);
    b.assert_marked(4, Misbehaviour::UnsolicitedReply);

    // A duplicate of a valid answer, signer 1 waiting for its next session.
    let mut b = Bench::<C>::new();
    let start = b.session_one();
    let reply = b.sign(1, &start);
    assert_eq!(b.feed(1, reply.clone()), Step::Waiting);
    assert_eq!(b.feed(1, reply), Step::Waiting);
    b.assert_marked(1, Misbehaviour::UnsolicitedReply);
}

/// Replies naming a session their signer is not in mark it: another
/// session, no session while in one, a session on the first reply.
pub fn refuses_wrong_session<C: Ciphersuite>() {
    let mut b = Bench::<C>::new();
    let start = b.session_one();
    let reply = b.sign(3, &start);
    let share = *reply.signature_share().expect("a share");
    b.feed(3, Reply::new(Some((SessionId(2), share)), *reply.commitments()));
    b.assert_marked(3, Misbehaviour::WrongSession);

    let mut b = Bench::<C>::new();
    let start = b.session_one();
    let reply = b.sign(3, &start);
    b.feed(3, Reply::new(None, *reply.commitments()));
    b.assert_marked(3, Misbehaviour::WrongSession);

    let mut b = Bench::<C>::new();
    let start = b.session_one();
    let reply = b.sign(1, &start);
    // Signer 5 is in no session.
    b.feed(5, Reply::new(reply.answer, *b.first[&id(5)].commitments()));
    b.assert_marked(5, Misbehaviour::WrongSession);
}

/// "Fresh" commitments that are the ones just signed with mark the signer;
/// so do identity commitments.
pub fn refuses_reused_commitments<C: Ciphersuite>() {
    let mut b = Bench::<C>::new();
    let start = b.session_one();
    let reply = b.sign(2, &start);
    let used = *b.first[&id(2)].commitments();
    b.feed(2, Reply::new(reply.answer, used));
    b.assert_marked(2, Misbehaviour::ReusedCommitments);

    let mut b = Bench::<C>::new();
    let identity = crate::round1::NonceCommitment::new(C::Group::identity());
    let good = *b.first[&id(1)].commitments();
    b.feed(1, Reply::new(None, SigningCommitments::new(*good.hiding(), identity)));
    b.assert_marked(1, Misbehaviour::IdentityCommitment);
}

/// Once more than `n - t` (here 2) signers are marked, the coordinator
/// fails naming all of them, and keeps failing; an unknown sender is an
/// error that changes nothing.
pub fn refuses_too_many_and_unknown<C: Ciphersuite>() {
    let mut b = Bench::<C>::new();
    let stranger = id::<C>(6);
    assert_eq!(
        b.coordinator.receive(stranger, b.first[&id(1)].clone()),
        Err(Error::UnknownParticipant { culprit: stranger })
    );
    for n in [5, 2] {
        let first = b.first[&id(n)].clone();
        b.feed(n, first.clone());
        assert_eq!(b.feed(n, first), Step::Waiting);
    }
    // Signer 4's first reply names a session: the third mark.
    let first = b.first[&id(4)].clone();
    let wrong = Reply::new(
        Some((SessionId(1), SignatureShare::new(C::Group::one()))),
        *first.commitments(),
    );
    let expected = Error::TooManyMaliciousSigners {
        culprits: alloc::vec![id(2), id(4), id(5)],
    };
    assert_eq!(b.coordinator.receive(id(4), wrong), Err(expected.clone()));
    assert_eq!(b.coordinator.malicious()[&id(4)], Misbehaviour::WrongSession);
    assert_eq!(expected.culprits(), [id(2), id(4), id(5)]);
    // The error is returned for every later reply.
    assert_eq!(
        b.coordinator.receive(id(1), b.first[&id(1)].clone()),
        Err(expected.clone())
    );
    assert_eq!(b.coordinator.receive(id(3), b.first[&id(3)].clone()), Err(expected));
}

/// The coordinator refuses a public key package without a threshold or
/// with inconsistent shares; after the signature it ignores replies.
pub fn coordinator_refusals_and_end<C: Ciphersuite>() {
    let b = Bench::<C>::new();
    let mut shares = b.pkp.verifying_shares().clone();
    let (first, share) = shares.iter().next().map(|(i, s)| (*i, *s)).expect("shares");
    shares.insert(
        first,
        crate::keys::VerifyingShare::from_element(share.to_element() + C::Group::generator()),
    );
    let inconsistent = PublicKeyPackage::new(shares, *b.pkp.verifying_key(), 3);
    assert_eq!(
        Coordinator::new(&inconsistent, MESSAGE).map(|_| ()),
        Err(Error::InconsistentPublicKeyPackage)
    );
    let mut bytes = b.pkp.serialize();
    bytes.truncate(bytes.len() - 2); // no min_signers: a pre-3.0 package
    let old = PublicKeyPackage::<C>::deserialize(&bytes).expect("pre-3.0 encoding");
    assert_eq!(
        Coordinator::new(&old, MESSAGE).map(|_| ()),
        Err(Error::InvalidMinSigners)
    );

    let mut b = Bench::<C>::new();
    let start = b.session_one();
    let mut last = Step::Waiting;
    for n in 1..=3 {
        let reply = b.sign(n, &start);
        last = b.feed(n, reply);
    }
    let Step::Signature(signature) = last else {
        panic!("signature expected, got {last:?}")
    };
    b.pkp.verifying_key().verify(MESSAGE, &signature).expect("verifies");
    assert_eq!(b.coordinator.open_sessions(), 0);
    assert_eq!(b.feed(4, b.first[&id(4)].clone()), Step::Waiting);
    assert!(b.coordinator.malicious().is_empty());
}

/// The signer refuses, keeping its nonces: the same session twice, an
/// older one, another message, a package without its commitment or with
/// another, too few signers; after `Done` it has no nonces.
pub fn signer_refusals<C: Ciphersuite>() {
    let mut b = Bench::<C>::new();
    let start = b.session_one();
    let signer = b.signers.get_mut(&id(1)).expect("signer");
    let mut rng = rng(11);

    let mut other = start.clone();
    other.signing_package.message = b"another message".to_vec();
    assert_eq!(signer.sign(&other, &mut rng), Err(Error::WrongMessage));

    let mut without = start.clone();
    without.signing_package.signing_commitments.remove(&id(1));
    assert_eq!(signer.sign(&without, &mut rng), Err(Error::MissingOwnCommitment));

    let mut altered = start.clone();
    let theirs = altered.signing_package.signing_commitments[&id(2)];
    altered.signing_package.signing_commitments.insert(id(1), theirs);
    assert_eq!(signer.sign(&altered, &mut rng), Err(Error::IncorrectOwnCommitment));

    let mut small = start.clone();
    small.signing_package.signing_commitments.remove(&id(3));
    assert_eq!(
        signer.sign(&small, &mut rng),
        Err(Error::TooFewSigners { min_signers: 3, got: 2 })
    );

    // The nonces survived every refusal.
    assert!(signer.has_pending_nonces());
    let reply = signer.sign(&start, &mut rng).expect("signs");
    assert_eq!(reply.session(), Some(start.id()));
    assert_eq!(signer.last_session(), Some(start.id()));
    assert_ne!(reply.commitments(), b.first[&id(1)].commitments());

    assert_eq!(signer.sign(&start, &mut rng), Err(Error::SessionAlreadySigned));
    let mut older = start.clone();
    older.id = SessionId(0);
    assert_eq!(signer.sign(&older, &mut rng), Err(Error::SessionAlreadySigned));

    // A later session with the new commitments signs; after Done, nothing does.
    let mut next = start.clone();
    next.id = SessionId(2);
    next.signing_package
        .signing_commitments
        .insert(id(1), *reply.commitments());
    signer
        .receive(&CoordinatorMessage::Done(Done::new()), &mut rng)
        .expect("done");
    assert!(!signer.has_pending_nonces());
    assert_eq!(signer.sign(&next, &mut rng), Err(Error::NoPendingNonces));
}

/// The wire messages round-trip, and decoding is strict.
pub fn encodings<C: Ciphersuite>() {
    let mut b = Bench::<C>::new();
    let start = b.session_one();
    let answer = b.sign(1, &start);
    let first = b.first[&id(1)].clone();
    for reply in [&first, &answer] {
        let bytes = reply.serialize();
        assert_eq!(Reply::<C>::deserialize(&bytes).as_ref(), Ok(reply));
        refuses_truncated_and_trailing(&bytes, Reply::<C>::deserialize);
        assert_eq!(&bytes[..5], crate::header::<C>());
        assert_eq!(bytes[5], 0x01);
    }
    // A share as the bare scalar after the session number.
    let bytes = answer.serialize();
    let n = C::Group::SCALAR_LEN;
    assert_eq!(bytes[6..8], [1, 1]);
    assert_eq!(bytes[8..8 + n], answer.signature_share().expect("share").serialize());
    let mut bad_tag = first.serialize();
    bad_tag[6] = 2;
    assert_eq!(decode_error(Reply::<C>::deserialize(&bad_tag)), DecodeError::InvalidTag);
    let mut non_minimal = bytes[..7].to_vec();
    non_minimal.extend_from_slice(&[0x81, 0x00]);
    non_minimal.extend_from_slice(&bytes[8..]);
    assert_eq!(
        decode_error(Reply::<C>::deserialize(&non_minimal)),
        DecodeError::InvalidVarint
    );

    let bytes = start.serialize();
    assert_eq!(SessionStart::<C>::deserialize(&bytes).as_ref(), Ok(&start));
    refuses_truncated_and_trailing(&bytes, SessionStart::<C>::deserialize);
    assert_eq!(bytes[5..7], [0x02, 1]);
    let package = start.signing_package().serialize();
    assert_eq!(bytes[bytes.len() - package.len()..], package[..]);

    let done = Done::<C>::new().serialize();
    assert_eq!(done[..5], crate::header::<C>());
    assert_eq!(done[5..], [0x03]);
    refuses_truncated_and_trailing(&done, Done::<C>::deserialize);

    // Each kind refuses the others' bytes.
    let reply_bytes = first.serialize();
    assert_eq!(
        decode_error(SessionStart::<C>::deserialize(&reply_bytes)),
        DecodeError::InvalidTag
    );
    assert_eq!(
        decode_error(Done::<C>::deserialize(&start.serialize())),
        DecodeError::InvalidTag
    );
    assert_eq!(decode_error(Reply::<C>::deserialize(&done)), DecodeError::InvalidTag);
    assert_eq!(
        decode_error(CoordinatorMessage::<C>::deserialize(&reply_bytes)),
        DecodeError::InvalidTag
    );
    for message in [
        CoordinatorMessage::Start(start.clone()),
        CoordinatorMessage::Done(Done::new()),
    ] {
        assert_eq!(CoordinatorMessage::<C>::deserialize(&message.serialize()), Ok(message));
    }
}

fn decode_error<T: core::fmt::Debug, C: Ciphersuite>(result: Result<T, Error<C>>) -> DecodeError {
    result.expect_err("refused").decode_error().expect("a decoding error")
}

fn refuses_truncated_and_trailing<T: core::fmt::Debug, C: Ciphersuite>(
    bytes: &[u8],
    decode: impl Fn(&[u8]) -> Result<T, Error<C>>,
) {
    for len in 0..bytes.len() {
        assert!(decode(&bytes[..len]).is_err(), "a {len}-byte prefix is refused");
    }
    let mut long = bytes.to_vec();
    long.push(0);
    assert!(decode(&long).is_err(), "trailing bytes are refused");
}

/// Expands the ROAST group of the generic suite.
#[macro_export]
macro_rules! roast_tests {
    ($suite:ty) => {
        mod roast {
            use $crate::testing::roast as t;
            use $crate::testing::roast::Behaviour as B;
            #[test]
            fn all_honest() {
                t::all_honest::<$suite>();
            }
            #[test]
            fn late_signers() {
                t::one_behaviour::<$suite>(B::Late, 4);
            }
            #[test]
            fn silent_signers() {
                t::one_behaviour::<$suite>(B::Silent, 4);
            }
            #[test]
            fn invalid_shares() {
                t::one_behaviour::<$suite>(B::InvalidShare, 4);
            }
            #[test]
            fn replies_twice() {
                t::one_behaviour::<$suite>(B::ReplyTwice, 4);
            }
            #[test]
            fn wrong_sessions() {
                t::one_behaviour::<$suite>(B::WrongSession, 4);
            }
            #[test]
            fn reused_commitments() {
                t::one_behaviour::<$suite>(B::ReuseCommitments, 4);
            }
            #[test]
            fn mixed_adversaries() {
                t::mixed::<$suite>(10, 60, 1);
            }
            #[test]
            fn twenty_signers_threshold_11() {
                t::twenty_signers::<$suite>(11, 2);
            }
            #[test]
            fn twenty_signers_threshold_2() {
                t::twenty_signers::<$suite>(2, 2);
            }
            #[test]
            fn twenty_signers_threshold_17() {
                t::twenty_signers::<$suite>(17, 2);
            }
            #[test]
            fn random_schedules() {
                t::random_schedules::<$suite>(24);
            }
            #[test]
            fn too_many_malicious() {
                t::too_many_malicious::<$suite>();
            }
            #[test]
            fn refuses_invalid_share() {
                t::refuses_invalid_share::<$suite>();
            }
            #[test]
            fn refuses_unsolicited_reply() {
                t::refuses_unsolicited_reply::<$suite>();
            }
            #[test]
            fn refuses_wrong_session() {
                t::refuses_wrong_session::<$suite>();
            }
            #[test]
            fn refuses_reused_commitments() {
                t::refuses_reused_commitments::<$suite>();
            }
            #[test]
            fn refuses_too_many_and_unknown() {
                t::refuses_too_many_and_unknown::<$suite>();
            }
            #[test]
            fn coordinator_refusals_and_end() {
                t::coordinator_refusals_and_end::<$suite>();
            }
            #[test]
            fn signer_refusals() {
                t::signer_refusals::<$suite>();
            }
            #[test]
            fn encodings() {
                t::encodings::<$suite>();
            }
        }
    };
}
