//! frost-ed448's own edwards448 point arithmetic against ed448-goldilocks 0.9
//! (the release frost-ed448 3.0 runs on), through both public APIs, in one
//! process, on the same inputs.
//!
//! ```text
//! cargo run --release -p frost-bench --bin ed448_points [-- ROUNDS]
//! ```
//!
//! Each operation runs in batches, alternating ours and theirs; the table
//! shows the fastest batch of each side per operation, divided by the batch
//! size (the least disturbed by the other processes on the machine).
#![forbid(unsafe_code)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use ed448_goldilocks::EdwardsScalar;
use ed448_goldilocks_09::Scalar as Scalar09;
use ed448_goldilocks_09::curve::edwards::CompressedEdwardsY as Compressed09;
use frost_ed448::EdwardsPoint;

/// The fastest of `rounds` batches of `batch` calls, per call.
fn fastest(rounds: usize, batch: u32, mut f: impl FnMut()) -> Duration {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..batch {
                f();
            }
            start.elapsed() / batch
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(30);
    // The same scalar and point on both sides: s = a 446-bit value.
    let mut s_bytes = [0u8; 57];
    for (i, b) in s_bytes.iter_mut().enumerate().take(55) {
        *b = (i as u8).wrapping_mul(151).wrapping_add(7);
    }
    s_bytes[55] = 0x2f;
    let s_ours: EdwardsScalar =
        Option::from(EdwardsScalar::from_canonical_bytes(&s_bytes.into())).expect("a canonical scalar");
    let s_theirs = Scalar09::from_canonical_bytes(s_bytes).expect("a canonical scalar");
    let p_ours = EdwardsPoint::GENERATOR * s_ours;
    let q_ours = p_ours.double() + EdwardsPoint::GENERATOR;
    let p_bytes = p_ours.to_bytes();
    let q_bytes = q_ours.to_bytes();
    let p_theirs = Compressed09(p_bytes).decompress().expect("a valid point");
    let q_theirs = Compressed09(q_bytes).decompress().expect("a valid point");
    assert_eq!(p_theirs.compress().0, p_bytes, "the same point on both sides");
    assert_eq!((p_theirs * s_theirs).compress().0, (p_ours * s_ours).to_bytes());
    assert_eq!(p_theirs.add(&q_theirs).compress().0, (p_ours + q_ours).to_bytes());

    type Op<'a> = (&'a str, u32, Box<dyn FnMut() + 'a>, Box<dyn FnMut() + 'a>);
    let ops: Vec<Op> = vec![
        (
            "point addition",
            2000,
            Box::new(|| {
                black_box(black_box(p_ours) + black_box(q_ours));
            }),
            Box::new(|| {
                black_box(black_box(&p_theirs).add(black_box(&q_theirs)));
            }),
        ),
        (
            "point doubling",
            2000,
            Box::new(|| {
                black_box(black_box(p_ours).double());
            }),
            Box::new(|| {
                black_box(black_box(&p_theirs).double());
            }),
        ),
        (
            "variable-base scalar multiplication",
            20,
            Box::new(|| {
                black_box(black_box(p_ours) * black_box(s_ours));
            }),
            Box::new(|| {
                black_box(black_box(&p_theirs) * black_box(&s_theirs));
            }),
        ),
        (
            "decoding (strict, with the subgroup check)",
            20,
            Box::new(|| {
                black_box(EdwardsPoint::from_bytes(black_box(&p_bytes)).expect("valid"));
            }),
            Box::new(|| {
                let point = Compressed09(black_box(p_bytes)).decompress().expect("valid");
                black_box(point.is_torsion_free());
            }),
        ),
        (
            "encoding",
            100,
            Box::new(|| {
                black_box(black_box(q_ours).to_bytes());
            }),
            Box::new(|| {
                black_box(black_box(&q_theirs).compress());
            }),
        ),
    ];
    println!("# cargo run --release -p frost-bench --bin ed448_points -- {rounds}");
    println!("{:<44} {:>12} {:>12} {:>12}", "operation", "ours", "0.9", "0.9/ours");
    for (name, batch, mut ours, mut theirs) in ops {
        let mut best_ours = Duration::MAX;
        let mut best_theirs = Duration::MAX;
        for _ in 0..rounds {
            best_ours = best_ours.min(fastest(1, batch, &mut ours));
            best_theirs = best_theirs.min(fastest(1, batch, &mut theirs));
        }
        println!(
            "{name:<44} {:>12?} {:>12?} {:>11.2}x",
            best_ours,
            best_theirs,
            best_theirs.as_secs_f64() / best_ours.as_secs_f64()
        );
    }
}
