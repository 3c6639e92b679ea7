//! Command-line parsing, by hand: five flags do not justify a dependency.

use std::num::IntErrorKind;

/// The help text, printed by `--help`.
pub const USAGE: &str = "\
frost-demo: a t-of-n FROST distributed key generation and signing session,
one thread per participant, talking only through channels of bytes.

Usage: frost-demo [--threshold T] [--participants N] [--suite NAME] [--derived-ids]
                  [--dkg plain|standalone]

Options:
  --threshold T      signers needed for a signature (default 3, at least 2)
  --participants N   participants in the key generation (default 5, at most 65535)
  --suite NAME       ciphersuite: ristretto255 (default), ed25519, secp256k1,
                     secp256k1-tr, p256, ed448
  --derived-ids      derive identifiers from \"participant-<i>\" instead of numbering 1..=N
  --dkg KIND         plain (default): keys::dkg over a broadcast and private channels;
                     standalone: ChillDKG through a coordinator thread, no broadcast or
                     private channel (--suite secp256k1 or secp256k1-tr, numbered ids)
  -h, --help         print this help
";

/// A ciphersuite the demo can run: one variant, and one match arm in `main`,
/// per suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suite {
    /// FROST(ristretto255, SHA-512).
    Ristretto255,
    /// FROST(Ed25519, SHA-512).
    Ed25519,
    /// FROST(secp256k1, SHA-256).
    Secp256k1,
    /// FROST for Taproot (BIP340 signatures under the untweaked key).
    Secp256k1Tr,
    /// FROST(P-256, SHA-256).
    P256,
    /// FROST(Ed448, SHAKE256).
    Ed448,
}

impl Suite {
    /// Every suite, for parsing and for the error message that lists them.
    const ALL: [Suite; 6] = [
        Suite::Ristretto255,
        Suite::Ed25519,
        Suite::Secp256k1,
        Suite::Secp256k1Tr,
        Suite::P256,
        Suite::Ed448,
    ];

    /// The name `--suite` takes.
    pub fn name(self) -> &'static str {
        match self {
            Suite::Ristretto255 => "ristretto255",
            Suite::Ed25519 => "ed25519",
            Suite::Secp256k1 => "secp256k1",
            Suite::Secp256k1Tr => "secp256k1-tr",
            Suite::P256 => "p256",
            Suite::Ed448 => "ed448",
        }
    }

    /// Looks a `--suite` value up by name.
    fn from_name(name: &str) -> Result<Self, String> {
        Suite::ALL
            .into_iter()
            .find(|suite| suite.name() == name)
            .ok_or_else(|| {
                let known: Vec<_> = Suite::ALL.iter().map(|suite| suite.name()).collect();
                format!("unknown suite {name:?}; supported: {}", known.join(", "))
            })
    }
}

/// Which distributed key generation runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dkg {
    /// `keys::dkg`, over a broadcast channel and point-to-point channels.
    Plain,
    /// ChillDKG (`keys::chilldkg`), through a coordinator, with neither.
    Standalone,
}

impl Dkg {
    /// The suites with a standalone DKG.
    pub const STANDALONE_SUITES: [Suite; 2] = [Suite::Secp256k1, Suite::Secp256k1Tr];

    fn from_name(name: &str) -> Result<Self, String> {
        match name {
            "plain" => Ok(Dkg::Plain),
            "standalone" => Ok(Dkg::Standalone),
            other => Err(format!("unknown --dkg {other:?}; supported: plain, standalone")),
        }
    }
}

/// How participants get their identifiers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdScheme {
    /// `Identifier::try_from(i)` for `i` in `1..=n`.
    Numbered,
    /// `Identifier::derive("participant-<i>")`: how an application would
    /// turn names or public keys into identifiers.
    Derived,
}

/// A validated request to run the demo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// The ciphersuite.
    pub suite: Suite,
    /// The threshold `t`: how many participants must sign.
    pub threshold: u16,
    /// The number of participants `n` in the key generation.
    pub participants: u16,
    /// How identifiers are made.
    pub ids: IdScheme,
    /// Which DKG runs.
    pub dkg: Dkg,
}

/// What the command line asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Print [`USAGE`].
    Help,
    /// Run the demo.
    Run(Options),
}

/// Parses the arguments (without the program name); the error is a message
/// for the user.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Action, String> {
    let (mut threshold, mut participants) = (3, 5);
    let mut suite = Suite::Ristretto255;
    let mut ids = IdScheme::Numbered;
    let mut dkg = Dkg::Plain;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Action::Help),
            "--threshold" => threshold = parse_count(&arg, args.next())?,
            "--participants" => participants = parse_count(&arg, args.next())?,
            "--suite" => suite = Suite::from_name(&value_of(&arg, args.next())?)?,
            "--derived-ids" => ids = IdScheme::Derived,
            "--dkg" => dkg = Dkg::from_name(&value_of(&arg, args.next())?)?,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let (threshold, participants) = check_sizes(threshold, participants)?;
    if dkg == Dkg::Standalone {
        if !Dkg::STANDALONE_SUITES.contains(&suite) {
            let names: Vec<_> = Dkg::STANDALONE_SUITES.iter().map(|s| s.name()).collect();
            return Err(format!(
                "--dkg standalone is not available for --suite {}: only {} have one (ChillDKG)",
                suite.name(),
                names.join(" and ")
            ));
        }
        if ids == IdScheme::Derived {
            return Err(
                "--dkg standalone numbers participants by their host keys' positions: drop --derived-ids".into(),
            );
        }
    }
    Ok(Action::Run(Options {
        suite,
        threshold,
        participants,
        ids,
        dkg,
    }))
}

/// Checks `2 <= t <= n <= 65535` and narrows both to `u16`, the type
/// FROST counts participants in.
pub fn check_sizes(threshold: u64, participants: u64) -> Result<(u16, u16), String> {
    let n = u16::try_from(participants).map_err(|_| {
        format!(
            "--participants {participants} is too large: at most {} participants",
            u16::MAX
        )
    })?;
    if threshold < 2 {
        // FROST with t = 1 would hand every participant the whole key.
        return Err(format!("--threshold must be at least 2, got {threshold}"));
    }
    let t = u16::try_from(threshold)
        .ok()
        .filter(|t| *t <= n)
        .ok_or_else(|| format!("--threshold {threshold} exceeds --participants {n}: a t-of-n key needs t <= n"))?;
    Ok((t, n))
}

/// The value following a flag, or an error naming the flag.
fn value_of(flag: &str, value: Option<String>) -> Result<String, String> {
    value.ok_or_else(|| format!("{flag} needs a value"))
}

/// A non-negative count following a flag; [`check_sizes`] checks its range.
fn parse_count(flag: &str, value: Option<String>) -> Result<u64, String> {
    let value = value_of(flag, value)?;
    value.parse::<u64>().map_err(|e| match e.kind() {
        IntErrorKind::PosOverflow => format!("{flag} {value} is too large: at most {}", u16::MAX),
        _ => format!("{flag} needs a whole number, got {value:?}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses a command line written as one string.
    fn parse_line(line: &str) -> Result<Action, String> {
        parse(line.split_whitespace().map(str::to_owned))
    }

    #[test]
    fn defaults_are_3_of_5_ristretto255_numbered() {
        let expected = Options {
            suite: Suite::Ristretto255,
            threshold: 3,
            participants: 5,
            ids: IdScheme::Numbered,
            dkg: Dkg::Plain,
        };
        assert_eq!(parse_line(""), Ok(Action::Run(expected)));
    }

    #[test]
    fn flags_are_read() {
        let action = parse_line("--threshold 7 --participants 10 --suite ristretto255 --derived-ids");
        let expected = Options {
            suite: Suite::Ristretto255,
            threshold: 7,
            participants: 10,
            ids: IdScheme::Derived,
            dkg: Dkg::Plain,
        };
        assert_eq!(action, Ok(Action::Run(expected)));
    }

    #[test]
    fn help_wins() {
        assert_eq!(parse_line("--threshold 2 --help"), Ok(Action::Help));
    }

    #[test]
    fn bad_input_is_refused_with_a_message() {
        for line in [
            "--threshold 1",
            "--threshold 6",
            "--participants 2",
            "--participants 65536",
            "--participants 99999999999999999999999",
            "--threshold x",
            "--threshold",
            "--suite ed25520",
            "--verbose",
            "--dkg standalone",
            "--dkg standalone --suite ed448",
            "--dkg standalone --suite secp256k1 --derived-ids",
            "--dkg broadcast",
        ] {
            assert!(parse_line(line).is_err(), "{line} was accepted");
        }
    }

    #[test]
    fn standalone_is_read_for_the_secp256k1_suites() {
        for suite in ["secp256k1", "secp256k1-tr"] {
            match parse_line(&format!("--dkg standalone --suite {suite}")) {
                Ok(Action::Run(options)) => assert_eq!(options.dkg, Dkg::Standalone),
                other => panic!("{suite}: {other:?}"),
            }
        }
        let error = parse_line("--dkg standalone --suite p256").expect_err("p256 has no ChillDKG");
        assert!(error.contains("secp256k1 and secp256k1-tr"), "{error}");
    }

    #[test]
    fn largest_group_is_accepted() {
        assert!(check_sizes(65535, 65535).is_ok());
        assert!(check_sizes(2, 2).is_ok());
    }
}
