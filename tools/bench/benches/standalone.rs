//! Criterion benchmarks of the DKGs without a broadcast channel (ChillDKG on
//! secp256k1): one participant's whole run (step 1, step 2 with decoding
//! the coordinator's message, finalize), the coordinator's step 1 and
//! finalize, and the floor under step 1 (decoding the `n * t` commitment
//! points); at 7-of-10 and 67-of-100, plus 334-of-500 and 667-of-1000 with
//! `FROST_BENCH_LARGE=1` (10 samples each: a 667-of-1000 session takes
//! minutes to set up and seconds per iteration).
//!
//! `cargo bench -p frost-bench --bench standalone -- 'chilldkg/67-of-100/'`.
//! frost-secp256k1 3.0's plain DKG participant, to compare with, is the
//! `e2e` step of `--bench frost` with `FROST_BENCH_THEIRS=1`, and the
//! `compare --standalone` binary prints both side by side.
#![forbid(unsafe_code)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use frost_bench::standalone::{ChillDkgSecp256k1, Standalone, load_or_session};

fn sizes() -> Vec<(u32, usize)> {
    let mut sizes = vec![(7, 10), (67, 100)];
    if std::env::var("FROST_BENCH_LARGE").is_ok_and(|v| v == "1") {
        sizes.extend([(334, 500), (667, 1000)]);
    }
    sizes
}

fn bench_protocol<P: Standalone>(c: &mut Criterion) {
    for (t, n) in sizes() {
        let (tr, _) = load_or_session::<P>(t, n).unwrap_or_else(|e| panic!("{} {t}-of-{n}: {e}", P::NAME));
        let mut group = c.benchmark_group(format!("{}/{t}-of-{n}", P::NAME));
        group.sample_size(10);
        let mut aux = 0u8;
        group.bench_function("participant", |b| {
            b.iter(|| {
                aux = aux.wrapping_add(1);
                P::participant(black_box(&tr), [aux; 32]).expect("participant")
            })
        });
        group.bench_function("coordinator_step1", |b| {
            b.iter(|| P::coordinator_step1(black_box(&tr)).expect("step 1"))
        });
        group.bench_function("coordinator_finalize", |b| {
            b.iter_batched(
                || P::coordinator_step1(&tr).expect("step 1").0,
                |state| P::coordinator_finalize(black_box(&tr), state).expect("finalize"),
                BatchSize::LargeInput,
            )
        });
        group.bench_function("decode_commitments", |b| {
            b.iter(|| P::decode_commitments(black_box(&tr)).expect("decode"))
        });
        group.finish();
    }
}

fn chilldkg(c: &mut Criterion) {
    bench_protocol::<ChillDkgSecp256k1>(c);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = chilldkg
}
criterion_main!(benches);
