//! Times participant 1's DKG and signing steps with our implementation and
//! with frost-core 3.x, on the same inputs, in one process.
//!
//! ```text
//! cargo run --release -p frost-bench --bin compare -- --suite ristretto255 \
//!     --threshold 667 --participants 1000 [--derived-ids] \
//!     [--steps part1,decode,part2,part3,e2e,dealer,commit,sign,aggregate] [--runs K]
//! cargo run --release -p frost-bench --bin compare -- ... --memory ours|theirs
//! cargo run --release -p frost-bench --bin compare -- --standalone chilldkg \
//!     --threshold 667 --participants 1000 [--runs K]
//! ```
//!
//! `--standalone` times the DKGs without a broadcast channel (secp256k1):
//! one participant's whole run beside frost-secp256k1 3.0's plain DKG
//! participant, the coordinator's steps beside the bare decoding of the
//! `n * t` commitment points they must read, the coordinator's peak heap
//! (counted by dhat's allocator in a fresh process) and the bytes each
//! participant sends and receives.
#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::time::{Duration, Instant};

use frost_bench::standalone::{PROTOCOLS, Standalone, Transcript, load_or_session, time};
use frost_bench::{
    Inputs, Res, STEPS, SUITES, Sampler, Samples, Secp256k1, Side, State, Suite, cache_dir, format_duration,
    peak_rss_kib, round1_commitment_bytes, sample_one, sample_pair, with_standalone, with_suite,
};

const USAGE: &str = "usage: compare [--suite NAME] [--threshold T] [--participants N] [--derived-ids]
               [--steps STEP,...] [--runs K] [--memory ours|theirs|coordinator] [--standalone PROTOCOL,...]
  --suite         ristretto255 (default), ed25519, secp256k1, p256, ed448
  --threshold     t, default 67
  --participants  n, default 100
  --derived-ids   identifiers derived from \"participant-<i>\" instead of 1..=n
  --steps         default all: part1,decode,part2,part3,e2e,dealer,commit,sign,aggregate
  --runs          runs per step and side; default: about 1 s per step and side (at least 1,
                  so at most 20 for steps of 50 ms or more)
  --memory SIDE   run only decode+part2+part3 for one side (for /usr/bin/time -v); with
                  --standalone, `coordinator` prints the coordinator's peak heap alone
  --standalone P  the DKGs without a broadcast channel instead (secp256k1 only): chilldkg;
                  one participant and the coordinator, beside frost-secp256k1 3.0's plain DKG";

struct Args {
    suite: String,
    t: u16,
    n: u16,
    derived: bool,
    steps: Vec<String>,
    runs: Option<usize>,
    memory: Option<String>,
    standalone: Vec<String>,
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
        standalone: Vec::new(),
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
            "--standalone" => {
                parsed.standalone = value()?
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
            }
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
    for p in &parsed.standalone {
        if !PROTOCOLS.contains(&p.as_str()) {
            return Err(format!("unknown protocol {p:?}; protocols: {}", PROTOCOLS.join(",")));
        }
    }
    if !parsed.standalone.is_empty() && parsed.suite != "secp256k1" {
        return Err("--standalone runs on secp256k1 only: add --suite secp256k1".into());
    }
    if let Some(side) = &parsed.memory {
        let allowed: &[&str] = if parsed.standalone.is_empty() {
            &["ours", "theirs"]
        } else {
            &["coordinator"]
        };
        if !allowed.contains(&side.as_str()) {
            return Err(format!("--memory takes {} here, not {side:?}", allowed.join(" or ")));
        }
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

/// Prints a table whose first column is left-aligned and the rest right.
fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| if i == 0 { format!("{c:<w$}") } else { format!("{c:>w$}") })
            .collect::<Vec<_>>()
            .join("  ")
    };
    println!("{}", line(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>()));
    for row in rows {
        println!("{}", line(row));
    }
}

/// One row of the standalone table: a step's samples and, where it has one,
/// what it is compared with.
/// With `speedup`, the ratio is its median over ours ("30x faster");
/// without, ours over its (a step beside its floor: "1.2x the floor").
fn standalone_row(step: &str, ours: &Samples, other: Option<(&str, &Samples, bool)>) -> Vec<String> {
    let ratio = |b: Duration, a: Duration| b.as_secs_f64() / a.as_secs_f64().max(1e-12);
    let mut row = vec![
        step.to_string(),
        ours.0.len().to_string(),
        format_duration(ours.min()),
        format_duration(ours.median()),
    ];
    match other {
        Some((name, b, speedup)) => row.extend([
            name.to_string(),
            b.0.len().to_string(),
            format_duration(b.median()),
            if speedup {
                format!("{:.2}x faster", ratio(b.median(), ours.median()))
            } else {
                format!("{:.2}x its time", ratio(ours.median(), b.median()))
            },
        ]),
        None => row.extend(["".into(), "".into(), "".into(), "".into()]),
    }
    row
}

/// `--standalone`: the plain DKG participant of both implementations once,
/// then every listed protocol's rows.
fn standalone(args: &Args) -> Res<()> {
    let inputs = load::<Secp256k1>(args)?;
    let theirs = State::<<Secp256k1 as Suite>::Theirs>::bare(&inputs)?;
    let ours = State::<<Secp256k1 as Suite>::Ours>::bare(&inputs)?;
    eprintln!("measuring the plain DKG participant (frost-secp256k1 3.0, then ours)");
    let plain_theirs = sample_one(&mut theirs.sampler("e2e", 7)?, args.runs)?;
    let plain_ours = sample_one(&mut ours.sampler("e2e", 7)?, args.runs)?;
    let mut rows = vec![
        standalone_row("plain DKG participant, frost-secp256k1 3.0", &plain_theirs, None),
        standalone_row("plain DKG participant, ours (keys::dkg)", &plain_ours, None),
    ];
    let mut notes = Vec::new();
    for protocol in &args.standalone {
        with_standalone!(protocol.as_str(), P => standalone_rows::<P>(args, &plain_theirs, &mut rows, &mut notes)?,
            _ => return Err(format!("unknown protocol {protocol:?}")));
    }
    print_table(
        &[
            "step",
            "runs",
            "min",
            "median",
            "compared with",
            "runs",
            "its median",
            "ratio",
        ],
        &rows,
    );
    for note in notes {
        println!("{note}");
    }
    Ok(())
}

fn standalone_rows<P: Standalone>(
    args: &Args,
    plain_theirs: &Samples,
    rows: &mut Vec<Vec<String>>,
    notes: &mut Vec<String>,
) -> Res<()> {
    let (t, n) = (u32::from(args.t), usize::from(args.n));
    let start = Instant::now();
    let (tr, made): (Transcript, bool) = load_or_session::<P>(t, n)?;
    if made {
        eprintln!(
            "{}: ran one whole session in {} and cached it",
            P::NAME,
            format_duration(start.elapsed())
        );
    }
    let name = P::NAME;

    eprintln!("{name}: measuring the participant");
    let mut aux = 0u8;
    let mut participant: Sampler<'_> = Box::new(|| {
        aux = aux.wrapping_add(1);
        time(|| Ok(()), |()| P::participant(&tr, [aux; 32]))
    });
    let participant = sample_one(&mut participant, args.runs)?;
    rows.push(standalone_row(
        &format!("{name} participant: step1 + step2 + finalize"),
        &participant,
        Some(("3.0 plain DKG participant", plain_theirs, true)),
    ));

    eprintln!("{name}: measuring the coordinator");
    let mut floor: Sampler<'_> = Box::new(|| time(|| Ok(()), |()| P::decode_commitments(&tr)));
    let floor = sample_one(&mut floor, args.runs)?;
    let mut step1: Sampler<'_> = Box::new(|| time(|| Ok(()), |()| P::coordinator_step1(&tr)));
    let step1 = sample_one(&mut step1, args.runs)?;
    let mut finalize: Sampler<'_> = Box::new(|| {
        time(
            || Ok(P::coordinator_step1(&tr)?.0),
            |state| P::coordinator_finalize(&tr, state),
        )
    });
    let finalize = sample_one(&mut finalize, args.runs)?;
    let points = P::decode_commitments(&tr)?;
    let floor_name = format!("decode {points} points");
    rows.push(standalone_row(
        &format!("{name} coordinator step1"),
        &step1,
        Some((&floor_name, &floor, false)),
    ));
    rows.push(standalone_row(&format!("{name} coordinator finalize"), &finalize, None));
    rows.push(standalone_row(
        &format!("{name} {floor_name} (the floor)"),
        &floor,
        None,
    ));

    // Peak memory of the coordinator's two steps, measured in a fresh
    // process (`--memory coordinator`), where freed pages from the timing
    // runs above cannot hide what the steps touch.
    let peak = coordinator_peak_in_child(P::NAME, args)?;
    let held: usize = tr.pmsgs1.iter().chain(&tr.pmsgs2).map(Vec::len).sum();
    let (sent, received) = tr.participant_bytes();
    notes.push(format!(
        "{name}: coordinator peak heap during step1 + finalize: {} (heap allocated during the two steps, counted by dhat in a fresh process; inputs: n first and second messages, {} held by the caller)",
        peak.map_or_else(|| "unavailable (needs Linux /proc)".to_owned(), bytes),
        bytes(held),
    ));
    notes.push(format!(
        "{name}: each participant sends {} (pmsg1 {} + pmsg2 {}) and receives {} (cmsg1 {} + cmsg2 {})",
        bytes(sent),
        tr.pmsgs1[0].len(),
        tr.pmsgs2[0].len(),
        bytes(received),
        tr.cmsg1.len(),
        tr.cmsg2.len(),
    ));
    Ok(())
}

/// Bytes with a binary unit.
fn bytes(b: usize) -> String {
    if b >= 1 << 20 {
        format!("{:.1} MiB", b as f64 / f64::from(1 << 20))
    } else if b >= 1 << 10 {
        format!("{:.1} KiB", b as f64 / f64::from(1 << 10))
    } else {
        format!("{b} B")
    }
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

/// dhat's allocator: it forwards to the system's and, only while a
/// profiler runs, counts the bytes in use and their high-water mark.
#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

/// The coordinator's peak heap: this program is run again with `--memory
/// coordinator`, a fresh process that loads the cached session and measures
/// the two steps alone.
fn coordinator_peak_in_child(protocol: &str, args: &Args) -> Res<Option<usize>> {
    let exe = std::env::current_exe().map_err(|e| format!("locating this program: {e}"))?;
    let out = std::process::Command::new(exe)
        .args([
            "--suite",
            "secp256k1",
            "--standalone",
            protocol,
            "--memory",
            "coordinator",
        ])
        .args(["-t", &args.t.to_string(), "-n", &args.n.to_string()])
        .output()
        .map_err(|e| format!("running the memory measurement: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "the memory measurement failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let value = stdout
        .lines()
        .find_map(|l| l.strip_prefix("coordinator peak heap bytes: "))
        .ok_or("the memory measurement printed no figure")?;
    Ok(value.trim().parse().ok())
}

/// `--standalone P --memory coordinator`: load the cached session, then,
/// under a dhat heap profiler (which counts only what is allocated while it
/// runs), run the coordinator's step 1 and finalize once and print the most
/// heap bytes in use at any moment.
fn coordinator_memory<P: Standalone>(args: &Args) -> Res<()> {
    let (tr, _) = load_or_session::<P>(u32::from(args.t), usize::from(args.n))?;
    let profiler = dhat::Profiler::builder().testing().trim_backtraces(Some(1)).build();
    let (state, cmsg1) = P::coordinator_step1(&tr)?;
    drop(cmsg1);
    P::coordinator_finalize(&tr, state)?;
    let stats = dhat::HeapStats::get();
    drop(profiler);
    println!("coordinator peak heap bytes: {}", stats.max_bytes);
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
    let result = if let (Some(protocol), Some(mode)) = (args.standalone.first(), &args.memory) {
        debug_assert_eq!(mode, "coordinator");
        with_standalone!(protocol.as_str(), P => coordinator_memory::<P>(&args), _ => Err(format!("unknown protocol {protocol:?}")))
    } else if !args.standalone.is_empty() {
        standalone(&args)
    } else {
        with_suite!(args.suite.as_str(), S => match &args.memory {
        Some(side) => memory::<S>(&args, side),
        None => compare::<S>(&args),
    }, _ => Err(format!("unknown suite {:?}", args.suite)))
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
