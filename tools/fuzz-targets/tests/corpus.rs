//! Replays the checked-in fuzz corpus (`fuzz/corpus/<target>/*`) through
//! every target, so `cargo test` catches a regression on any input the
//! fuzzers ever kept. Fails when a target's corpus is missing or empty, so
//! it cannot silently test nothing.

use std::path::Path;
use std::time::Instant;

use frost_fuzz_targets::TARGETS;

#[test]
fn corpus_replays_without_panics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    let mut total = 0;
    for target in TARGETS {
        let dir = root.join(target.name);
        let entries =
            std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("corpus directory {} is missing: {e}", dir.display()));
        let mut files: Vec<_> = entries
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "corpus directory {} is empty", dir.display());
        let start = Instant::now();
        for file in &files {
            let input = std::fs::read(file).expect("readable corpus file");
            // A panic here names the input; replay it with
            // `cargo fuzz run <target> <file>` for the whole story.
            eprintln!("{}: {}", target.name, file.display());
            (target.run)(&input);
        }
        println!("{}: {} inputs in {:.2?}", target.name, files.len(), start.elapsed());
        total += files.len();
    }
    println!("{total} corpus inputs replayed");
}

#[test]
fn seeds_pass_their_targets() {
    for (target, name, input) in frost_fuzz_targets::seeds::all() {
        let t = frost_fuzz_targets::target(target).unwrap_or_else(|| panic!("seed {name}: unknown target {target}"));
        (t.run)(&input);
    }
}
