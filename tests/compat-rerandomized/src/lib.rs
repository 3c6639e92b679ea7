//! Test-only crate; the tests are in tests/.
