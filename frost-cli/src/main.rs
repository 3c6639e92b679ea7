//! The `frost` command (see `frost --help` and the README's "Across
//! machines").
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(frost_cli::cli::main())
}
