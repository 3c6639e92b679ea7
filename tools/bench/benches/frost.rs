//! Criterion benchmarks of our implementation, every suite, participant 1's
//! view: part1, decode (the n-1 round-1 packages), part2, part3, dealer,
//! commit, sign, aggregate; at 2-of-3, 7-of-10 and 67-of-100, plus 334-of-500
//! and 667-of-1000 with `FROST_BENCH_LARGE=1`.
//!
//! `FROST_BENCH_THEIRS=1` benchmarks frost-core 3.x too (groups named
//! `<suite>-frost3/...`). Inputs come from the same cache as the `compare`
//! binary (`target/frost-bench-cache/`). Filter as usual:
//! `cargo bench -p frost-bench --bench frost -- 'ristretto255/67-of-100/part3'`.
#![forbid(unsafe_code)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use frost_bench::{Ed448, Ed25519, Inputs, MESSAGE, P256, Ristretto255, Secp256k1, Side, State, Suite};

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| v == "1")
}

fn sizes() -> Vec<(u16, u16)> {
    let mut sizes = vec![(2, 3), (7, 10), (67, 100)];
    if env_flag("FROST_BENCH_LARGE") {
        sizes.extend([(334, 500), (667, 1000)]);
    }
    sizes
}

fn bench_side<D: Side>(c: &mut Criterion, label: &str, inputs: &Inputs) {
    let (t, n) = (inputs.t, inputs.n);
    let state = State::<D>::new(inputs, true, true).unwrap_or_else(|e| panic!("{label} {t}-of-{n}: {e}"));
    let signing = state.signing.as_ref().expect("signing state");
    let secret = state.round2_secret.as_ref().expect("round-2 secret");
    let me = state.me;

    let mut group = c.benchmark_group(format!("{label}/{t}-of-{n}"));
    if n >= 100 {
        group.sample_size(10);
    }
    let mut rng = D::rng(1);
    group.bench_function("part1", |b| {
        b.iter(|| D::part1(me, n, t, &mut rng).expect("part1"));
    });
    group.bench_function("decode", |b| {
        b.iter(|| state.decode_round1().expect("decode"));
    });
    group.bench_function("part2", |b| {
        b.iter_batched(
            || D::part1(me, n, t, &mut rng).expect("part1").0,
            |secret| D::part2(secret, &state.round1).expect("part2"),
            BatchSize::LargeInput,
        );
    });
    group.bench_function("part3", |b| {
        b.iter(|| D::part3(secret, &state.round1, &state.round2).expect("part3"));
    });
    group.bench_function("dealer", |b| {
        b.iter(|| D::dealer(n, t, state.derived, &mut rng).expect("dealer"));
    });
    group.bench_function("commit", |b| {
        b.iter(|| D::commit(&signing.key_package, &mut rng));
    });
    group.bench_function("sign", |b| {
        b.iter_batched(
            || D::load_nonces(&signing.nonces).expect("nonces"),
            |nonces| D::sign(&signing.package, nonces, &signing.key_package).expect("sign"),
            BatchSize::SmallInput,
        );
    });
    group.bench_function("aggregate", |b| {
        b.iter(|| {
            let signature = D::aggregate(&signing.package, &signing.shares, &signing.public).expect("aggregate");
            black_box(signature)
        });
    });
    group.finish();
    // The signing state signed MESSAGE; keep the constant in use here too.
    black_box(MESSAGE);
}

fn bench_suite<S: Suite>(c: &mut Criterion) {
    let theirs = env_flag("FROST_BENCH_THEIRS");
    for (t, n) in sizes() {
        let (inputs, _) =
            Inputs::load_or_generate::<S>(t, n, false).unwrap_or_else(|e| panic!("{} {t}-of-{n}: {e}", S::NAME));
        bench_side::<S::Ours>(c, S::NAME, &inputs);
        if theirs {
            bench_side::<S::Theirs>(c, &format!("{}-frost3", S::NAME), &inputs);
        }
    }
}

fn ristretto255(c: &mut Criterion) {
    bench_suite::<Ristretto255>(c);
}

fn ed25519(c: &mut Criterion) {
    bench_suite::<Ed25519>(c);
}

fn secp256k1(c: &mut Criterion) {
    bench_suite::<Secp256k1>(c);
}

fn p256(c: &mut Criterion) {
    bench_suite::<P256>(c);
}

fn ed448(c: &mut Criterion) {
    bench_suite::<Ed448>(c);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = ristretto255, ed25519, secp256k1, p256, ed448
}
criterion_main!(benches);
