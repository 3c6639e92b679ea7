//! Criterion benchmarks of COCKTAIL-DKG on secp256k1 at 67-of-100, for one
//! participant and the coordinator: `participant_step1`,
//! `coordinator_step1`, `participant_step2`, `coordinator_finalize` and
//! `participant_finalize`.
//!
//! `cargo bench -p frost-bench --bench cocktail`. It first prints the bytes
//! participant 1 sends and receives, from
//! `frost_bench::cocktail::cocktail_session_cost`.
#![forbid(unsafe_code)]

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use frost_core::keys::cocktail::{
    Extension, HostSecretKey, SessionContext, SessionParams, coordinator_finalize, coordinator_step1,
    participant_finalize, participant_step1, participant_step2,
};
use frost_secp256k1::Secp256K1Sha256 as C;
use rand::SeedableRng;
use rand::rngs::StdRng;

const T: u32 = 67;
const N: u32 = 100;

fn cocktail(c: &mut Criterion) {
    // One whole session first, for the sizes (and one timing of each step).
    let cost = frost_bench::cocktail::cocktail_session_cost(T, N, 3).expect("session");
    eprintln!(
        "secp256k1/cocktail/{T}-of-{N}: participant 1 sends {} bytes, receives {} bytes; transcript {} bytes; \
         one run: step1 {:?}, coordinator_step1 {:?}, step2 {:?}, coordinator_finalize {:?}, finalize {:?}",
        cost.sent,
        cost.received,
        cost.transcript,
        cost.participant_step1,
        cost.coordinator_step1,
        cost.participant_step2,
        cost.coordinator_finalize,
        cost.participant_finalize
    );
    let mut rng = StdRng::seed_from_u64(7);
    let keys: Vec<HostSecretKey<C>> = (0..N).map(|_| HostSecretKey::generate(&mut rng)).collect();
    let pubkeys: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key().to_bytes()).collect();
    let session = SessionContext::new(SessionParams::new(&pubkeys, T).expect("params"), b"bench");
    let none: &[&[u8]] = &[];
    // Participant 1's round-1 state comes from a fixed seed, so it matches
    // the message in `msgs1` whenever it is made again.
    let state1 = || participant_step1(&keys[0], &session, none, &mut StdRng::seed_from_u64(1)).expect("step 1");
    // Everyone else's steps, for real: their signatures complete the
    // certificate.
    let mut states = Vec::new();
    let mut msgs1 = vec![state1().1];
    states.push(None);
    for key in &keys[1..] {
        let (s, m) = participant_step1(key, &session, none, &mut rng).expect("step 1");
        states.push(Some(s));
        msgs1.push(m);
    }
    let (_, msgs2) = coordinator_step1(&msgs1, &session).expect("coordinator step 1");
    let mut sigs = vec![Vec::new()];
    for ((key, s), msg2) in keys.iter().zip(states).zip(&msgs2).skip(1) {
        let s = s.expect("state");
        sigs.push(
            participant_step2(key, s, msg2, Extension::Bytes(b""))
                .expect("step 2")
                .1,
        );
    }
    sigs[0] = participant_step2(&keys[0], state1().0, &msgs2[0], Extension::Bytes(b""))
        .expect("step 2")
        .1;
    let (certificate, _, _) = coordinator_finalize(
        coordinator_step1(&msgs1, &session).expect("coordinator step 1").0,
        b"",
        &sigs,
    )
    .expect("finalize");

    let mut group = c.benchmark_group(format!("secp256k1/cocktail/{T}-of-{N}"));
    group.sample_size(10);
    group.bench_function("participant_step1", |b| {
        b.iter(|| participant_step1(&keys[0], &session, none, &mut rng).expect("step 1"))
    });
    group.bench_function("coordinator_step1", |b| {
        b.iter(|| coordinator_step1(black_box(&msgs1), &session).expect("coordinator step 1"))
    });
    group.bench_function("participant_step2", |b| {
        b.iter_batched(
            || state1().0,
            |s1| participant_step2(&keys[0], s1, black_box(&msgs2[0]), Extension::Bytes(b"")).expect("step 2"),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("coordinator_finalize", |b| {
        b.iter_batched(
            || coordinator_step1(&msgs1, &session).expect("coordinator step 1").0,
            |cs| coordinator_finalize(cs, b"", black_box(&sigs)).expect("finalize"),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("participant_finalize", |b| {
        b.iter_batched(
            || {
                participant_step2(&keys[0], state1().0, &msgs2[0], Extension::Bytes(b""))
                    .expect("step 2")
                    .0
            },
            |s2| {
                participant_finalize(s2, black_box(&certificate))
                    .map_err(|(_, e)| e)
                    .expect("finalize")
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, cocktail);
criterion_main!(benches);
