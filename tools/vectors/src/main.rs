//! Writes the cross-curve DKG vectors: `cargo run -p frost-vectors`.

fn main() -> std::io::Result<()> {
    let dir = frost_vectors::directory();
    std::fs::create_dir_all(&dir)?;
    for (suite, text) in frost_vectors::all() {
        let path = dir.join(format!("{suite}.json"));
        std::fs::write(&path, text)?;
        println!("wrote {}", path.display());
    }
    let dir = frost_vectors::rerandomized_directory();
    std::fs::create_dir_all(&dir)?;
    for (suite, text) in frost_vectors::rerandomized() {
        let path = dir.join(format!("{suite}.json"));
        std::fs::write(&path, text)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
