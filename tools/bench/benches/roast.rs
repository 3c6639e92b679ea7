//! The ROAST coordinator's CPU time to a signature at 67-of-100, under the
//! coordinated attack that forces the most sessions: each of the first 33
//! sessions holds 66 honest signers and one of the 33 attackers, who either
//! stays silent or sends an invalid share after the honest signers have
//! answered; the 34th session (`n - t + 1`) is all honest and signs.
//!
//! Only the coordinator is timed, from `Coordinator::new` (which validates
//! the public key package) to the signature: the signers' replies are
//! recorded once, against a live coordinator, and replayed into a fresh
//! one on every iteration (the coordinator is deterministic, so it starts
//! the same sessions again).
//! `cargo bench -p frost-bench --bench roast`.
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use frost_core::keys::{IdentifierList, KeyPackage, PublicKeyPackage};
use frost_core::roast::{Coordinator, Reply, SessionStart, Signer, Step};
use frost_core::round2::SignatureShare;
use frost_core::{Ciphersuite, Group, Identifier, Signature};
use rand::SeedableRng;
use rand::rngs::StdRng;

const T: u16 = 67;
const N: u16 = 100;
const MESSAGE: &[u8] = b"ROAST benchmark";

#[derive(Copy, Clone, Debug)]
enum Attack {
    Silent,
    InvalidShares,
}

type Replies<C> = Vec<(Identifier<C>, Reply<C>)>;

/// Dealer keys, and the replies the coordinator receives under `attack`,
/// in order.
fn record<C: Ciphersuite>(attack: Attack) -> (PublicKeyPackage<C>, Replies<C>) {
    let mut rng = StdRng::seed_from_u64(18);
    let (shares, pkp) =
        frost_core::keys::generate_with_dealer::<C, _>(N, T, IdentifierList::Default, &mut rng).expect("dealer");
    let mut signers = BTreeMap::new();
    let mut first = BTreeMap::new();
    for (id, share) in shares {
        let kp = KeyPackage::try_from(share).expect("valid share");
        let (signer, reply) = Signer::new(kp, MESSAGE, &mut rng).expect("signer");
        signers.insert(id, signer);
        first.insert(id, reply);
    }
    let ids: Vec<_> = first.keys().copied().collect();
    let (honest, attackers) = ids.split_at(usize::from(T));
    let (steady, last_honest) = honest.split_at(usize::from(T) - 1);

    let mut coordinator = Coordinator::new(&pkp, MESSAGE).expect("coordinator");
    let mut replies = Vec::new();
    let mut feed = |id: Identifier<C>, reply: Reply<C>, replies: &mut Replies<C>| {
        replies.push((id, reply.clone()));
        coordinator.receive(id, reply).expect("no failure")
    };
    let mut start: Option<SessionStart<C>> = None;
    for id in steady.iter().chain(&attackers[..1]) {
        if let Step::Start(s) = feed(*id, first[id].clone(), &mut replies) {
            start = Some(s);
        }
    }
    for (k, attacker) in attackers.iter().enumerate() {
        let session = start.take().expect("a session with this attacker");
        assert!(session.signers().any(|id| id == *attacker));
        // The next attacker (or, at the end, the last honest signer) is
        // responsive before the honest signers come back.
        let next = attackers.get(k + 1).unwrap_or(&last_honest[0]);
        assert_eq!(feed(*next, first[next].clone(), &mut replies), Step::Waiting);
        for id in steady {
            let reply = signers
                .get_mut(id)
                .expect("signer")
                .sign(&session, &mut rng)
                .expect("signs");
            if let Step::Start(s) = feed(*id, reply, &mut replies) {
                start = Some(s);
            }
        }
        if let Attack::InvalidShares = attack {
            // Fresh commitments, so that only the share check catches it.
            let honest_reply = signers
                .get_mut(attacker)
                .expect("signer")
                .sign(&session, &mut rng)
                .expect("signs");
            let bad = SignatureShare::new(C::Group::one());
            let reply = Reply::new(Some((session.id(), bad)), *honest_reply.commitments());
            assert_eq!(feed(*attacker, reply, &mut replies), Step::Waiting);
        }
    }
    let last = start.expect("the all-honest session");
    assert_eq!(last.id().to_u32(), u32::from(N - T + 1));
    let mut done = false;
    for id in last.signers().collect::<Vec<_>>() {
        let reply = signers
            .get_mut(&id)
            .expect("signer")
            .sign(&last, &mut rng)
            .expect("signs");
        done = matches!(feed(id, reply, &mut replies), Step::Signature(_));
    }
    assert!(done, "the last session signs");
    (pkp, replies)
}

/// A fresh coordinator fed every recorded reply: the signature, and how
/// many signers it marked.
fn replay<C: Ciphersuite>(pkp: &PublicKeyPackage<C>, replies: Replies<C>) -> (Signature<C>, usize) {
    let mut coordinator = Coordinator::new(pkp, MESSAGE).expect("coordinator");
    for (id, reply) in replies {
        if let Step::Signature(signature) = coordinator.receive(id, reply).expect("no failure") {
            assert_eq!(coordinator.sessions_started(), u32::from(N - T + 1));
            return (signature, coordinator.malicious().len());
        }
    }
    panic!("no signature")
}

fn bench_suite<C: Ciphersuite>(c: &mut Criterion, label: &str) {
    let mut group = c.benchmark_group(format!("roast/{label}/{T}-of-{N}"));
    group.sample_size(10);
    for attack in [Attack::Silent, Attack::InvalidShares] {
        let (pkp, replies) = record::<C>(attack);
        let (signature, marked) = replay(&pkp, replies.clone());
        pkp.verifying_key()
            .verify(MESSAGE, &signature)
            .expect("valid signature");
        let (name, expected) = match attack {
            Attack::Silent => ("33 silent", 0),
            Attack::InvalidShares => ("33 invalid shares", 33),
        };
        assert_eq!(marked, expected, "{name}");
        group.bench_function(name, |b| {
            b.iter_batched(|| replies.clone(), |r| replay(&pkp, r), BatchSize::LargeInput);
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    bench_suite::<frost_ristretto255::Ristretto255Sha512>(c, "ristretto255");
    bench_suite::<frost_secp256k1::Secp256K1Sha256>(c, "secp256k1");
}

criterion_group! {
    name = roast;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    targets = benches
}
criterion_main!(roast);
