//! The checked-in vectors are exactly what the generator produces.

#[test]
fn vectors_regenerate_identically() {
    for (suite, text) in frost_vectors::all() {
        let path = frost_vectors::directory().join(format!("{suite}.json"));
        let on_disk = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            on_disk == text,
            "{suite}: run `cargo run -p frost-vectors` and commit the result"
        );
    }
}

#[test]
fn rerandomized_vectors_regenerate_identically() {
    for (suite, text) in frost_vectors::rerandomized() {
        let path = frost_vectors::rerandomized_directory().join(format!("{suite}.json"));
        let on_disk = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            on_disk == text,
            "{suite}: run `cargo run -p frost-vectors` and commit the result"
        );
    }
}
