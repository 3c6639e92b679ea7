//! Replays the checked-in corpus of the `ed448_decode` differential target
//! (`fuzz/corpus/ed448_decode/*`); fails when the corpus is missing or empty.

use std::path::Path;

#[test]
fn ed448_decode_corpus_agrees_with_the_reference() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/ed448_decode");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("corpus directory {} is missing: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "corpus directory {} is empty", dir.display());
    for file in &files {
        eprintln!("ed448_decode: {}", file.display());
        frost_fuzz_targets::ed448_decode::ed448_decode(&std::fs::read(file).expect("readable corpus file"));
    }
}
