//! The code of the book in `book/`.
//!
//! Every code block of the book is included (mdBook `{{#include}}` with
//! `// ANCHOR:` markers) from the integration tests in `tests/`, one file per
//! chapter, so `cargo test -p frost-book-snippets` compiles and runs all of
//! it. This library itself is empty.
#![forbid(unsafe_code)]
