//! How one participant's DKG cost grows with the group size, ours against
//! frost-core 3.x: measures it into a CSV file, and draws that file as a
//! log-log SVG plot.
//!
//! ```text
//! cargo run --release -p frost-bench --bin plot -- measure > tools/bench/data/dkg-scaling.csv
//! cargo run --release -p frost-bench --bin plot -- draw tools/bench/data/dkg-scaling.csv book/src/images/dkg-scaling.svg
//! ```
//!
//! `measure` times decode + part2 + part3 (the `e2e` step of `compare`) for
//! participant 1 with identifiers 1..=n, at t = ceil(2n/3), on ristretto255
//! and secp256k1, both sides in this one process on the same inputs.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use frost_bench::{Inputs, Res, State, Suite, sample_pair, with_suite};
use plotters::prelude::*;

const USAGE: &str = "usage: plot measure [--sizes N,N,...] > FILE.csv
       plot draw FILE.csv OUT.svg";

/// The group sizes measured by default, spread evenly on a log scale.
const SIZES: [u16; 7] = [3, 10, 30, 100, 250, 500, 1000];
/// The suites on the plot.
const PLOTTED: [&str; 2] = ["ristretto255", "secp256k1"];
/// The CSV header `measure` writes and `draw` expects.
const HEADER: &str = "suite,t,n,ours_median_s,theirs_median_s,ours_runs,theirs_runs";

/// One measured point.
struct Row {
    suite: String,
    n: u16,
    ours: f64,
    theirs: f64,
}

/// The threshold plotted for `n` participants: two thirds, rounded up.
fn threshold(n: u16) -> u16 {
    (2 * u32::from(n)).div_ceil(3).max(2) as u16
}

fn measure_one<S: Suite>(t: u16, n: u16) -> Res<String> {
    let (inputs, _) = Inputs::load_or_generate::<S>(t, n, false)?;
    let ours = State::<S::Ours>::new(&inputs, false, false)?;
    let theirs = State::<S::Theirs>::new(&inputs, false, false)?;
    let (a, b) = sample_pair(&mut ours.sampler("e2e", 7)?, &mut theirs.sampler("e2e", 7)?, None)?;
    Ok(format!(
        "{},{t},{n},{:.6},{:.6},{},{}",
        S::NAME,
        a.median().as_secs_f64(),
        b.median().as_secs_f64(),
        a.0.len(),
        b.0.len()
    ))
}

fn measure(args: &[String]) -> Res<()> {
    let sizes = match args {
        [] => SIZES.to_vec(),
        [flag, list] if flag == "--sizes" => list
            .split(',')
            .map(|s| s.parse::<u16>().map_err(|e| format!("--sizes {s}: {e}")))
            .collect::<Res<Vec<_>>>()?,
        _ => return Err(USAGE.into()),
    };
    if let Some(n) = sizes.iter().find(|&&n| n < 3) {
        return Err(format!("--sizes: {n} is below 3"));
    }
    println!("{HEADER}");
    for suite in PLOTTED {
        for &n in &sizes {
            let t = threshold(n);
            eprintln!("{suite} {t}-of-{n}");
            let line = with_suite!(suite, S => measure_one::<S>(t, n), _ => Err(format!("unknown suite {suite}")))?;
            println!("{line}");
        }
    }
    Ok(())
}

fn parse(csv: &str) -> Res<Vec<Row>> {
    let mut lines = csv.lines().filter(|l| !l.trim().is_empty());
    if lines.next().map(str::trim) != Some(HEADER) {
        return Err(format!("the first line must be {HEADER:?}"));
    }
    lines
        .enumerate()
        .map(|(i, line)| {
            let bad = |what: &str| format!("line {}: {what}: {line:?}", i + 2);
            let cells: Vec<&str> = line.split(',').map(str::trim).collect();
            let [suite, _t, n, ours, theirs, _, _] = cells[..] else {
                return Err(bad("expected 7 fields"));
            };
            let seconds = |s: &str| {
                s.parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite() && *v > 0.0)
                    .ok_or_else(|| bad("a time is not a positive number"))
            };
            Ok(Row {
                suite: suite.to_string(),
                n: n.parse().map_err(|_| bad("n is not a number"))?,
                ours: seconds(ours)?,
                theirs: seconds(theirs)?,
            })
        })
        .collect()
}

/// "1 ms", "10 s", ... for a time axis tick in seconds.
fn seconds_label(s: &f64) -> String {
    let (value, unit) = match *s {
        s if s >= 1.0 => (s, "s"),
        s if s >= 1e-3 => (s * 1e3, "ms"),
        s => (s * 1e6, "µs"),
    };
    // Ticks are powers of ten, so a rounded value prints without noise.
    format!("{} {unit}", (value * 1000.0).round() / 1000.0)
}

fn draw(csv_path: &str, svg_path: &str) -> Res<()> {
    let csv = std::fs::read_to_string(csv_path).map_err(|e| format!("{csv_path}: {e}"))?;
    let rows = parse(&csv)?;
    if rows.is_empty() {
        return Err(format!("{csv_path}: no data rows"));
    }
    let max_n = rows.iter().map(|r| r.n).max().unwrap_or(3);
    let times = rows.iter().flat_map(|r| [r.ours, r.theirs]);
    let (lo, hi) = times.fold((f64::MAX, f64::MIN), |(lo, hi), t| (lo.min(t), hi.max(t)));
    // Whole decades around the data.
    let (lo, hi) = (10f64.powf(lo.log10().floor()), 10f64.powf(hi.log10().ceil()));

    let root = SVGBackend::new(svg_path, (900, 600)).into_drawing_area();
    let fail = |e: &dyn std::fmt::Display| format!("drawing {svg_path}: {e}");
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            "One participant's DKG (decode + part2 + part3), t = 2n/3",
            ("sans-serif", 24),
        )
        .margin(20)
        .x_label_area_size(55)
        .y_label_area_size(85)
        .build_cartesian_2d((2f64..f64::from(max_n) * 1.5).log_scale(), (lo..hi).log_scale())
        .map_err(|e| fail(&e))?;
    chart
        .configure_mesh()
        .x_desc("participants n (log scale)")
        .y_desc("time per participant (log scale)")
        .x_label_formatter(&|n| format!("{n:.0}"))
        .y_label_formatter(&seconds_label)
        .axis_desc_style(("sans-serif", 18))
        .label_style(("sans-serif", 15))
        .draw()
        .map_err(|e| fail(&e))?;

    let colors = [RGBColor(0x1f, 0x77, 0xb4), RGBColor(0xd6, 0x27, 0x28)];
    for (suite, color) in PLOTTED.iter().zip(colors) {
        let mut mine: Vec<&Row> = rows.iter().filter(|r| r.suite == *suite).collect();
        mine.sort_by_key(|r| r.n);
        let ours: Vec<(f64, f64)> = mine.iter().map(|r| (f64::from(r.n), r.ours)).collect();
        let theirs: Vec<(f64, f64)> = mine.iter().map(|r| (f64::from(r.n), r.theirs)).collect();
        let solid = color.stroke_width(3);
        chart
            .draw_series(LineSeries::new(ours.clone(), solid))
            .map_err(|e| fail(&e))?
            .label(format!("{suite}, this library"))
            .legend(move |(x, y)| Circle::new((x + 12, y), 5, color.filled()));
        chart
            .draw_series(ours.iter().map(|&p| Circle::new(p, 4, color.filled())))
            .map_err(|e| fail(&e))?;
        chart
            .draw_series(DashedLineSeries::new(theirs.clone(), 8, 5, color.stroke_width(2)))
            .map_err(|e| fail(&e))?
            .label(format!("{suite}, frost-core 3 (dashed)"))
            .legend(move |(x, y)| TriangleMarker::new((x + 12, y), 6, color.filled()));
        chart
            .draw_series(theirs.iter().map(|&p| TriangleMarker::new(p, 5, color.filled())))
            .map_err(|e| fail(&e))?;
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(("sans-serif", 16))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK.mix(0.4))
        .draw()
        .map_err(|e| fail(&e))?;
    root.present().map_err(|e| fail(&e))?;
    Ok(())
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let result = match argv.split_first() {
        Some((verb, rest)) if verb == "measure" => measure(rest),
        Some((verb, [csv, svg])) if verb == "draw" => draw(csv, svg),
        Some((verb, _)) if verb == "-h" || verb == "--help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(USAGE.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
