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
//! (counted by this binary's global allocator) and the bytes each
//! participant sends and receives.
// Only the counting allocator below needs `unsafe` (the `GlobalAlloc` trait
// is unsafe to implement); everything else stays safe.
#![deny(unsafe_code)]

use std::process::ExitCode;
use std::time::{Duration, Instant};

use frost_bench::standalone::{PROTOCOLS, Standalone, Transcript, load_or_session, time};
use frost_bench::{
    Inputs, Res, STEPS, SUITES, Sampler, Samples, Secp256k1, Side, State, Suite, cache_dir, format_duration,
    peak_rss_kib, round1_commitment_bytes, sample_one, sample_pair, with_standalone, with_suite,
};

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

/// A global allocator that forwards to the system's and keeps the bytes in
/// use and their high-water mark, for the coordinator's peak memory.
#[allow(unsafe_code)]
mod counting {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::sync::atomic::{AtomicUsize, Ordering};

    static IN_USE: AtomicUsize = AtomicUsize::new(0);
    static PEAK: AtomicUsize = AtomicUsize::new(0);

    pub struct Counting;

    fn grew(bytes: usize) {
        let now = IN_USE.fetch_add(bytes, Ordering::Relaxed) + bytes;
        PEAK.fetch_max(now, Ordering::Relaxed);
    }

    fn shrank(bytes: usize) {
        IN_USE.fetch_sub(bytes, Ordering::Relaxed);
    }

    // SAFETY: every call is forwarded unchanged to `System`, which upholds
    // `GlobalAlloc`'s contract; the counters only observe sizes.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: the caller's guarantees on `layout` are passed on.
            let p = unsafe { System.alloc(layout) };
            if !p.is_null() {
                grew(layout.size());
            }
            p
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            // SAFETY: as for `alloc`.
            let p = unsafe { System.alloc_zeroed(layout) };
            if !p.is_null() {
                grew(layout.size());
            }
            p
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: `ptr` came from this allocator, that is from `System`,
            // with this `layout`.
            unsafe { System.dealloc(ptr, layout) };
            shrank(layout.size());
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: as for `dealloc`, and the caller's guarantees on
            // `new_size` are passed on.
            let p = unsafe { System.realloc(ptr, layout, new_size) };
            if !p.is_null() {
                grew(new_size);
                shrank(layout.size());
            }
            p
        }
    }

    /// Bytes allocated now.
    pub fn in_use() -> usize {
        IN_USE.load(Ordering::Relaxed)
    }

    /// Starts a new high-water mark at the bytes in use now.
    pub fn reset_peak() {
        PEAK.store(in_use(), Ordering::Relaxed);
    }

    /// The most bytes in use since [`reset_peak`].
    pub fn peak() -> usize {
        PEAK.load(Ordering::Relaxed)
    }
}

const USAGE: &str = "usage: compare [--suite NAME] [--threshold T] [--participants N] [--derived-ids]
               [--steps STEP,...] [--runs K] [--memory ours|theirs] [--standalone PROTOCOL,...]
  --suite         ristretto255 (default), ed25519, secp256k1, p256, ed448
  --threshold     t, default 67
  --participants  n, default 100
  --derived-ids   identifiers derived from \"participant-<i>\" instead of 1..=n
  --steps         default all: part1,decode,part2,part3,e2e,dealer,commit,sign,aggregate
  --runs          runs per step and side; default: about 1 s per step and side (at least 1,
                  so at most 20 for steps of 50 ms or more)
  --memory SIDE   run only decode+part2+part3 for one side (for /usr/bin/time -v)
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

    // Peak heap of the coordinator's two steps, above the n first and second
    // messages it holds as input.
    let before = counting::in_use();
    counting::reset_peak();
    let (state, cmsg1) = P::coordinator_step1(&tr)?;
    drop(cmsg1);
    P::coordinator_finalize(&tr, state)?;
    let peak = counting::peak().saturating_sub(before);
    let held: usize = tr.pmsgs1.iter().chain(&tr.pmsgs2).map(Vec::len).sum();
    let (sent, received) = tr.participant_bytes();
    notes.push(format!(
        "{name}: coordinator peak heap during step1 + finalize: {} (above its inputs: n first and second messages, {} held by the caller)",
        bytes(peak),
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
    let result = if !args.standalone.is_empty() {
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
