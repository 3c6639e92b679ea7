//! Criterion benchmarks of variable-time multiscalar multiplication on the
//! SEC1 suites: the curve crate's `lincomb_vartime` (interleaved w-NAF)
//! against frost-core's Pippenger, from 64 to 131072 terms, to place the
//! switch in `frost_core::sec1_group!`'s hook.
//!
//! `cargo bench -p frost-bench --bench msm`.
#![forbid(unsafe_code)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use frost_core::{Group, msm};
use k256::elliptic_curve::ops::LinearCombination;
use rand::SeedableRng;
use rand::rngs::StdRng;

const SIZES: &[usize] = &[64, 256, 1024, 4096, 16384, 131072];

fn terms<G: Group>(n: usize) -> (Vec<G::Scalar>, Vec<G::Element>) {
    let mut rng = StdRng::seed_from_u64(n as u64);
    let scalars: Vec<G::Scalar> = (0..n).map(|_| G::random_scalar(&mut rng)).collect();
    let points = scalars.iter().map(|s| G::base_mul(&(*s + *s))).collect();
    (scalars, points)
}

fn secp256k1(c: &mut Criterion) {
    type G = frost_secp256k1::Secp256K1Group;
    let mut group = c.benchmark_group("msm/secp256k1");
    group.sample_size(10);
    for &n in SIZES {
        let (s, p) = terms::<G>(n);
        let pairs: Vec<(k256::ProjectivePoint, k256::Scalar)> = p.iter().copied().zip(s.iter().copied()).collect();
        group.bench_with_input(BenchmarkId::new("lincomb_vartime", n), &n, |b, _| {
            b.iter(|| black_box(k256::ProjectivePoint::lincomb_vartime(pairs.as_slice())))
        });
        group.bench_with_input(BenchmarkId::new("pippenger", n), &n, |b, _| {
            b.iter(|| black_box(msm::pippenger::<G>(&s, &p)))
        });
        group.bench_with_input(BenchmarkId::new("hook", n), &n, |b, _| {
            b.iter(|| black_box(G::vartime_multiscalar_mul(&s, &p)))
        });
    }
    group.finish();
}

fn p256(c: &mut Criterion) {
    type G = frost_p256::P256Group;
    let mut group = c.benchmark_group("msm/p256");
    group.sample_size(10);
    for &n in SIZES {
        let (s, p) = terms::<G>(n);
        let pairs: Vec<(p256::ProjectivePoint, p256::Scalar)> = p.iter().copied().zip(s.iter().copied()).collect();
        group.bench_with_input(BenchmarkId::new("lincomb_vartime", n), &n, |b, _| {
            b.iter(|| black_box(p256::ProjectivePoint::lincomb_vartime(pairs.as_slice())))
        });
        group.bench_with_input(BenchmarkId::new("pippenger", n), &n, |b, _| {
            b.iter(|| black_box(msm::pippenger::<G>(&s, &p)))
        });
        group.bench_with_input(BenchmarkId::new("hook", n), &n, |b, _| {
            b.iter(|| black_box(G::vartime_multiscalar_mul(&s, &p)))
        });
    }
    group.finish();
}

criterion_group!(benches, secp256k1, p256);
criterion_main!(benches);
