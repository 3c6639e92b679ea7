//! Criterion benchmarks of resharing, every suite: one dealer's
//! `reshare::deal` and one new member's `reshare::receive` (every check and
//! the new public key package), 67-of-100 dealers to 67-of-100.
//!
//! `cargo bench -p frost-bench --bench reshare -- 'ristretto255/67-of-100'`.
#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use frost_core::keys::dkg::{round1, round2};
use frost_core::keys::reshare::{self, Parameters};
use frost_core::keys::{IdentifierList, KeyPackage, generate_with_dealer};
use frost_core::{Ciphersuite, Identifier};
use rand::SeedableRng;
use rand::rngs::StdRng;

const T: u16 = 67;
const N: u16 = 100;

fn bench_suite<C: Ciphersuite>(c: &mut Criterion, name: &str) {
    let mut rng = StdRng::seed_from_u64(21);
    let (shares, pkp) = generate_with_dealer::<C, _>(N, T, IdentifierList::Default, &mut rng).expect("dealer");
    let kps: BTreeMap<Identifier<C>, KeyPackage<C>> = shares
        .into_iter()
        .map(|(id, s)| (id, KeyPackage::try_from(s).expect("share")))
        .collect();
    let ids: Vec<_> = kps.keys().copied().collect();
    let dealers = &ids[..usize::from(T)];
    let parameters = Parameters::new(&pkp, dealers, &ids, T).expect("parameters");
    let mut broadcasts: BTreeMap<Identifier<C>, round1::Package<C>> = BTreeMap::new();
    let mut mine: BTreeMap<Identifier<C>, round2::Package<C>> = BTreeMap::new();
    let me = ids[0];
    for dealer in dealers {
        let (package, mut sub_shares) = reshare::deal(&parameters, &kps[dealer], &mut rng).expect("deal");
        broadcasts.insert(*dealer, package);
        mine.insert(*dealer, sub_shares.remove(&me).expect("for me"));
    }
    reshare::receive(&parameters, me, &broadcasts, mine.clone()).expect("receive");

    let mut group = c.benchmark_group(format!("{name}/reshare/{T}-of-{N}-to-{T}-of-{N}"));
    group.sample_size(10);
    group.bench_function("deal", |b| {
        b.iter(|| reshare::deal(&parameters, &kps[&me], &mut rng).expect("deal"))
    });
    group.bench_function("receive", |b| {
        b.iter_batched(
            || mine.clone(),
            |sub_shares| reshare::receive(&parameters, me, black_box(&broadcasts), sub_shares).expect("receive"),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

fn ristretto255(c: &mut Criterion) {
    bench_suite::<frost_ristretto255::Ristretto255Sha512>(c, "ristretto255");
}

fn ed25519(c: &mut Criterion) {
    bench_suite::<frost_ed25519::Ed25519Sha512>(c, "ed25519");
}

fn secp256k1(c: &mut Criterion) {
    bench_suite::<frost_secp256k1::Secp256K1Sha256>(c, "secp256k1");
}

fn p256(c: &mut Criterion) {
    bench_suite::<frost_p256::P256Sha256>(c, "p256");
}

fn ed448(c: &mut Criterion) {
    bench_suite::<frost_ed448::Ed448Shake256>(c, "ed448");
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = ristretto255, ed25519, secp256k1, p256, ed448
}
criterion_main!(benches);
