//! Times participant 1's DKG and signing steps with our implementation and
//! with frost-core 3.x, on the same inputs, in one process.
//!
//! ```text
//! cargo run --release -p frost-bench --bin compare -- --suite ristretto255 \
//!     --threshold 667 --participants 1000 [--derived-ids] \
//!     [--steps part1,decode,part2,part3,e2e,dealer,commit,sign,aggregate] [--runs K]
//! cargo run --release -p frost-bench --bin compare -- ... --memory ours|theirs
//! ```
#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::time::{Duration, Instant};

use frost_bench::{
    Inputs, Res, STEPS, SUITES, Side, State, Suite, cache_dir, format_duration, peak_rss_kib, round1_commitment_bytes,
    sample_pair, with_suite,
};

const USAGE: &str = "usage: compare [--suite NAME] [--threshold T] [--participants N] [--derived-ids]
               [--steps STEP,...] [--runs K] [--memory ours|theirs]
  --suite         ristretto255 (default), ed25519, secp256k1, p256, ed448
  --threshold     t, default 67
  --participants  n, default 100
  --derived-ids   identifiers derived from \"participant-<i>\" instead of 1..=n
  --steps         default all: part1,decode,part2,part3,e2e,dealer,commit,sign,aggregate
  --runs          runs per step and side; default: about 1 s per step and side (at least 1,
                  so at most 20 for steps of 50 ms or more)
  --memory SIDE   run only decode+part2+part3 for one side (for /usr/bin/time -v)";

struct Args {
    suite: String,
    t: u16,
    n: u16,
    derived: bool,
    steps: Vec<String>,
    runs: Option<usize>,
    memory: Option<String>,
}

fn parse_args(args: &[String]) -> Res<Args> {
    let mut parsed = Args {
        suite: "ristretto255".into(),
        t: 67,
        n: 100,
        derived: false,
        steps: STEPS.iter().map(|s| s.to_string()).collect(),
        runs: None,
        memory: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = || -> Res<String> {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let number = |v: String| v.parse::<u64>().map_err(|e| format!("{flag} {v}: {e}"));
        match flag {
            "--suite" => parsed.suite = value()?,
            "--threshold" | "-t" => parsed.t = u16::try_from(number(value()?)?).map_err(|e| e.to_string())?,
            "--participants" | "-n" => parsed.n = u16::try_from(number(value()?)?).map_err(|e| e.to_string())?,
            "--derived-ids" => parsed.derived = true,
            "--steps" => {
                parsed.steps = value()?
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            "--runs" => parsed.runs = Some(usize::try_from(number(value()?)?).map_err(|e| e.to_string())?.max(1)),
            "--memory" => parsed.memory = Some(value()?),
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if !SUITES.contains(&parsed.suite.as_str()) {
        return Err(format!(
            "unknown suite {:?}; suites: {}",
            parsed.suite,
            SUITES.join(", ")
        ));
    }
    if parsed.t < 2 || parsed.n < parsed.t {
        return Err(format!(
            "need 2 <= threshold <= participants, got {} and {}",
            parsed.t, parsed.n
        ));
    }
    for step in &parsed.steps {
        if !STEPS.contains(&step.as_str()) {
            return Err(format!("unknown step {step:?}; steps: {}", STEPS.join(",")));
        }
    }
    if parsed.steps.is_empty() {
        return Err("--steps is empty".into());
    }
    if let Some(side) = &parsed.memory
        && side != "ours"
        && side != "theirs"
    {
        return Err(format!("--memory takes ours or theirs, not {side:?}"));
    }
    Ok(parsed)
}

fn load<S: Suite>(args: &Args) -> Res<Inputs> {
    let start = Instant::now();
    let (inputs, generated) = Inputs::load_or_generate::<S>(args.t, args.n, args.derived)?;
    let file = cache_dir().join(format!("{}.bin", Inputs::key(S::NAME, args.t, args.n, args.derived)));
    if generated {
        eprintln!(
            "generated inputs in {} and cached them in {}",
            format_duration(start.elapsed()),
            file.display()
        );
    }
    Ok(inputs)
}

fn compare<S: Suite>(args: &Args) -> Res<()> {
    let inputs = load::<S>(args)?;
    let wants = |steps: &[&str]| args.steps.iter().any(|s| steps.contains(&s.as_str()));
    let dkg = wants(&["part3"]);
    let signing = wants(&["commit", "sign", "aggregate"]);
    let start = Instant::now();
    let ours = State::<S::Ours>::new(&inputs, dkg, signing)?;
    let theirs = State::<S::Theirs>::new(&inputs, dkg, signing)?;
    eprintln!("prepared both sides in {}", format_duration(start.elapsed()));

    let header = [
        "step",
        "runs",
        "ours min",
        "ours median",
        "runs",
        "theirs min",
        "theirs median",
        "theirs/ours",
        "(of mins)",
    ];
    let mut rows = Vec::new();
    for (i, step) in args.steps.iter().enumerate() {
        let seed = 1000 + i as u64;
        eprintln!("measuring {step}");
        let mut a = ours.sampler(step, seed)?;
        let mut b = theirs.sampler(step, seed)?;
        let (a, b) = sample_pair(&mut a, &mut b, args.runs).map_err(|e| format!("{step}: {e}"))?;
        let ratio = |b: Duration, a: Duration| b.as_secs_f64() / a.as_secs_f64().max(1e-12);
        let row = [
            step.clone(),
            a.0.len().to_string(),
            format_duration(a.min()),
            format_duration(a.median()),
            b.0.len().to_string(),
            format_duration(b.min()),
            format_duration(b.median()),
            format!("{:.2}x", ratio(b.median(), a.median())),
            format!("{:.2}x", ratio(b.min(), a.min())),
        ];
        rows.push(row);
    }
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (c, w))| if i == 0 { format!("{c:<w$}") } else { format!("{c:>w$}") })
            .collect::<Vec<_>>()
            .join("  ")
    };
    println!("{}", line(&header.map(str::to_string)));
    for row in &rows {
        println!("{}", line(row));
    }
    Ok(())
}

fn memory<S: Suite>(args: &Args, side: &str) -> Res<()> {
    match side {
        "ours" => memory_side::<S, S::Ours>(args),
        _ => memory_side::<S, S::Theirs>(args),
    }
}

fn memory_side<S: Suite, D: Side>(args: &Args) -> Res<()> {
    let (inputs, generated) = Inputs::load_or_generate::<S>(args.t, args.n, args.derived)?;
    let wire: usize = inputs.round1.iter().chain(&inputs.round2).map(Vec::len).sum();
    let state = State::<D>::bare(&inputs)?;
    let mut rng = D::rng(1);
    let (secret, _) = D::part1(state.me, args.n, args.t, &mut rng)?;
    let before = peak_rss_kib();
    let start = Instant::now();
    state.end_to_end(secret)?;
    let elapsed = start.elapsed();
    let element = std::mem::size_of::<D::Element>();
    println!("side={} decode+part2+part3: {}", D::NAME, format_duration(elapsed));
    println!(
        "decoded round-1 commitments: ~{} bytes = (n-1) {} x t {} x size_of::<Element>() {}",
        round1_commitment_bytes::<D>(args.t, args.n),
        args.n - 1,
        args.t,
        element
    );
    println!("received wire bytes (round 1 + round 2, held throughout): {wire}");
    if let (Some(before), Some(after)) = (before, peak_rss_kib()) {
        println!("peak RSS (VmHWM): {after} KiB (before decode+part2+part3: {before} KiB)");
    }
    if generated {
        println!("note: the inputs were generated in this process, so its peak RSS includes that; rerun to measure");
    }
    Ok(())
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    if argv.iter().skip(1).any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let args = match parse_args(&argv[1..]) {
        Ok(args) => args,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let profile = if cfg!(debug_assertions) {
        " (DEBUG BUILD: use --release)"
    } else {
        ""
    };
    println!(
        "# cargo run --release -p frost-bench --bin compare -- {} | suite={} t={} n={} ids={}{profile}",
        argv[1..].join(" "),
        args.suite,
        args.t,
        args.n,
        if args.derived { "derived" } else { "small" },
    );
    let result = with_suite!(args.suite.as_str(), S => match &args.memory {
        Some(side) => memory::<S>(&args, side),
        None => compare::<S>(&args),
    }, _ => Err(format!("unknown suite {:?}", args.suite)));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
