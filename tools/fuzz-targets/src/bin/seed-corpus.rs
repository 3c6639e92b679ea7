//! Writes the seed inputs of every target (`frost_fuzz_targets::seeds`)
//! under `fuzz/corpus/<target>/`, or under the directory given as argument.
//!
//! `cargo run -p frost-fuzz-targets --bin seed-corpus [DIR]`
#![forbid(unsafe_code)]

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let root = std::env::args_os().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus"),
        PathBuf::from,
    );
    let seeds = frost_fuzz_targets::seeds::all();
    for (target, name, input) in &seeds {
        assert!(frost_fuzz_targets::target(target).is_some(), "unknown target {target}");
        // Every seed must pass its own target.
        (frost_fuzz_targets::target(target).expect("known").run)(input);
        let dir = root.join(target);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(name), input)?;
    }
    println!("wrote {} seeds under {}", seeds.len(), root.display());
    Ok(())
}
