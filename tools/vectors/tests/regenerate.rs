//! The checked-in vectors are exactly what the generator produces.

use std::path::Path;

fn check(dir: &Path, files: Vec<(&str, String)>) {
    for (suite, text) in files {
        let path = dir.join(format!("{suite}.json"));
        let on_disk = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            on_disk == text,
            "{suite}: run `cargo run -p frost-vectors` and commit the result"
        );
    }
}

#[test]
fn vectors_regenerate_identically() {
    check(&frost_vectors::directory(), frost_vectors::all());
}

#[test]
fn rerandomized_vectors_regenerate_identically() {
    check(&frost_vectors::rerandomized_directory(), frost_vectors::rerandomized());
}

#[test]
fn cocktail_error_vectors_regenerate_identically() {
    check(
        &frost_vectors::cocktail_errors_directory(),
        frost_vectors::cocktail_errors(),
    );
}

#[test]
fn chilldkg_blame_vectors_regenerate_identically() {
    check(
        &frost_vectors::chilldkg_blame_directory(),
        frost_vectors::chilldkg_blame(),
    );
}

#[test]
fn cocktail_blame_vectors_regenerate_identically() {
    check(
        &frost_vectors::cocktail_blame_directory(),
        frost_vectors::cocktail_blame(),
    );
}
