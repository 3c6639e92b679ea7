//! `frost-demo`: a complete FROST session, distributed key generation then a
//! threshold signature, with every participant in its own thread.
//!
//! The participants share no memory: they talk only through
//! `std::sync::mpsc` channels that carry serialized bytes, each message
//! tagged with its sender's serialized identifier, as they would over a
//! network. The two DKG rounds need two kinds of channel:
//!
//! - Round one is a **broadcast**: each participant sends its
//!   `round1::Package` to one broadcaster, which delivers the same bytes to
//!   everyone, the sender included. Every participant then hashes all n
//!   packages with `round1::transcript_digest`; equal digests show that the
//!   broadcast was consistent.
//! - Round two is **point to point and confidential**: each
//!   `round2::Package` holds a share of its sender's secret, and goes only to
//!   its recipient's inbox. In a real deployment that channel must be
//!   encrypted and authenticated; here, threads in one process stand in for
//!   it.
//!
//! Main checks that all participants ended with byte-identical public key
//! packages and equal transcript digests, then acts as the signing
//! coordinator: the first t participants commit, sign the coordinator's
//! `SigningPackage`, and main aggregates their shares into one Schnorr
//! signature that verifies under the group key. Main also paces the DKG
//! steps, so each can be timed on its own.
//!
//! The protocol code is generic over the ciphersuite: a new suite is one
//! `cli::Suite` variant and one match arm in `main`.
//!
//! `--dkg standalone` runs ChillDKG instead (the secp256k1 suites): the same
//! participant threads plus a coordinator thread, and no broadcast or
//! private channel anywhere (see the `standalone` module).
#![forbid(unsafe_code)]

mod cli;
mod network;
mod participant;
mod standalone;
mod wire;

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Instant;

use frost_core::round1::SigningCommitments;
use frost_core::round2::SignatureShare;
use frost_core::{Ciphersuite, Identifier, PublicKeyPackage, SigningPackage, decode_map};

use crate::cli::{Action, Dkg, IdScheme, Suite};
use crate::network::Network;
use crate::wire::{Command, Output};

/// Parses the arguments, runs the chosen suite, and turns any error into a
/// message and an exit code: 2 for bad arguments, 1 for a failed session.
fn main() -> ExitCode {
    let options = match cli::parse(std::env::args().skip(1)) {
        Ok(Action::Run(options)) => options,
        Ok(Action::Help) => {
            // Nowhere to report a closed stdout but the exit code.
            return match io::stdout().write_all(cli::USAGE.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::FAILURE,
            };
        }
        Err(message) => {
            eprintln!("frost-demo: {message}\nRun `frost-demo --help` for usage.");
            return ExitCode::from(2);
        }
    };
    let (t, n, ids) = (options.threshold, options.participants, options.ids);
    let result = match (options.dkg, options.suite) {
        (Dkg::Standalone, Suite::Secp256k1) => standalone::run::<frost_secp256k1::Secp256K1Sha256>(t, n),
        (Dkg::Standalone, Suite::Secp256k1Tr) => standalone::run::<frost_secp256k1_tr::Secp256K1Sha256TR>(t, n),
        // The command line refuses the other suites with a usage error.
        (Dkg::Standalone, _) => Err("no standalone DKG for this suite".into()),
        (Dkg::Plain, suite) => run_plain(suite, t, n, ids),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("frost-demo: {} session failed: {error}", options.suite.name());
            ExitCode::FAILURE
        }
    }
}

/// The plain DKG and signing for `suite`.
fn run_plain(suite: Suite, t: u16, n: u16, ids: IdScheme) -> Result<(), Box<dyn Error>> {
    match suite {
        Suite::Ristretto255 => run::<frost_ristretto255::Ristretto255Sha512>(t, n, ids),
        Suite::Ed25519 => run::<frost_ed25519::Ed25519Sha512>(t, n, ids),
        Suite::Secp256k1 => run::<frost_secp256k1::Secp256K1Sha256>(t, n, ids),
        Suite::Secp256k1Tr => run::<frost_secp256k1_tr::Secp256K1Sha256TR>(t, n, ids),
        Suite::P256 => run::<frost_p256::P256Sha256>(t, n, ids),
        Suite::Ed448 => run::<frost_ed448::Ed448Shake256>(t, n, ids),
    }
}

/// Runs a t-of-n DKG among n participant threads, then has the first t sign
/// a message through a coordinator (this thread), and verifies the result.
pub fn run<C: Ciphersuite>(t: u16, n: u16, scheme: IdScheme) -> Result<(), Box<dyn Error>> {
    cli::check_sizes(t.into(), n.into())?;
    let ids = identifiers::<C>(n, scheme)?;
    let everyone: BTreeSet<_> = ids.iter().copied().collect();
    let id_text = match scheme {
        IdScheme::Numbered => format!("1..={n}"),
        IdScheme::Derived => "derived from \"participant-<i>\"".to_owned(),
    };
    writeln!(
        io::stdout(),
        "FROST demo: suite {}, threshold {t} of {n} participants, identifiers {id_text}",
        C::ID
    )?;

    // DKG: main only releases each step once every participant has finished
    // the previous one, so each line times one step.
    let clock = Instant::now();
    let network = Network::spawn(t, &ids)?;
    network.gather(&everyone, |out| matches!(out, Output::Round1Done).then_some(()))?;
    print_phase("DKG round 1 (part1 + broadcast)", clock)?;

    let clock = Instant::now();
    network.tell(&everyone, || Command::Continue)?;
    network.gather(&everyone, |out| matches!(out, Output::Round2Done).then_some(()))?;
    print_phase("DKG round 2 (part2 + point-to-point)", clock)?;

    let clock = Instant::now();
    network.tell(&everyone, || Command::Continue)?;
    let results = network.gather(&everyone, |out| match out {
        Output::Keys {
            public_key_package,
            transcript_digest,
        } => Some((public_key_package, transcript_digest)),
        _ => None,
    })?;
    let (public_key_package, digest) = agreed_result(results)?;
    let public_key_package = PublicKeyPackage::<C>::deserialize(&public_key_package)?;
    print_phase("DKG part3 (key packages + agreement)", clock)?;
    let mut out = io::stdout();
    let group_key = hex::encode(public_key_package.verifying_key().serialize());
    writeln!(out, "group verifying key: {group_key}")?;
    writeln!(out, "round-1 transcript digest: {}", hex::encode(digest))?;
    writeln!(
        out,
        "all {n} participants agree on the public key package and the transcript digest"
    )?;

    sign_and_verify(&network, &ids[..usize::from(t)], n, &public_key_package)?;
    network.shutdown()
}

/// The participants' identifiers, in order `1..=n`.
fn identifiers<C: Ciphersuite>(n: u16, scheme: IdScheme) -> Result<Vec<Identifier<C>>, Box<dyn Error>> {
    let ids = (1..=n)
        .map(|i| match scheme {
            IdScheme::Numbered => Identifier::try_from(i),
            IdScheme::Derived => Identifier::derive(format!("participant-{i}").as_bytes()),
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Channels are keyed by identifier: two equal ones would merge two
    // participants. Only derived identifiers could collide, by a hash
    // collision, but the check costs nothing.
    if ids.iter().collect::<BTreeSet<_>>().len() != ids.len() {
        return Err("two participants have the same identifier".into());
    }
    Ok(ids)
}

/// Checks that every participant ended the DKG with the same public key
/// package and the same round-1 transcript digest, and returns them.
fn agreed_result<C: Ciphersuite>(
    results: BTreeMap<Identifier<C>, (Vec<u8>, [u8; 32])>,
) -> Result<(Vec<u8>, [u8; 32]), Box<dyn Error>> {
    let mut results = results.into_iter();
    let (first_id, first) = results.next().ok_or("no participant finished the DKG")?;
    for (id, result) in results {
        if result.1 != first.1 {
            return Err(format!("{first_id:?} and {id:?} saw different round-1 broadcasts").into());
        }
        if result.0 != first.0 {
            return Err(format!("{first_id:?} and {id:?} computed different public key packages").into());
        }
    }
    Ok(first)
}

/// The coordinator's side of signing: collect the signers' commitments, send
/// them one signing package, aggregate their shares, verify the signature.
pub(crate) fn sign_and_verify<C: Ciphersuite>(
    network: &Network<C>,
    signer_ids: &[Identifier<C>],
    n: u16,
    public_key_package: &PublicKeyPackage<C>,
) -> Result<(), Box<dyn Error>> {
    let signers: BTreeSet<_> = signer_ids.iter().copied().collect();
    let numbers: Vec<_> = (1..=signer_ids.len()).map(|i| i.to_string()).collect();
    let message = format!(
        "FROST demo: {}-of-{n} signed by participants {}",
        signer_ids.len(),
        numbers.join(", ")
    );

    let clock = Instant::now();
    network.tell(&signers, || Command::Commit)?;
    let commitments = network.gather(&signers, |out| match out {
        Output::Commitments(bytes) => Some(bytes),
        _ => None,
    })?;
    let commitments = decode_map(&commitments, SigningCommitments::deserialize)?;
    print_phase("Signing round 1 (commit)", clock)?;

    let clock = Instant::now();
    let signing_package = SigningPackage::new(commitments, message.as_bytes());
    let package_bytes = signing_package.serialize();
    network.tell(&signers, || Command::Sign(package_bytes.clone()))?;
    let shares = network.gather(&signers, |out| match out {
        Output::Share(bytes) => Some(bytes),
        _ => None,
    })?;
    let shares = decode_map(&shares, SignatureShare::deserialize)?;
    print_phase("Signing round 2 (sign)", clock)?;

    let clock = Instant::now();
    let signature = frost_core::aggregate(&signing_package, &shares, public_key_package)?;
    public_key_package
        .verifying_key()
        .verify(message.as_bytes(), &signature)?;
    print_phase("Aggregate + verify", clock)?;

    let mut out = io::stdout();
    writeln!(out, "message: {message:?}")?;
    writeln!(out, "signature: {}", hex::encode(signature.serialize()))?;
    writeln!(out, "signature verified")?;
    Ok(())
}

/// Prints one phase and its wall time, dot-leadered so the times line up.
/// All output goes through `writeln!` rather than `println!`, so that a
/// closed stdout is an error message rather than a panic.
pub(crate) fn print_phase(label: &str, started: Instant) -> io::Result<()> {
    let ms = started.elapsed().as_secs_f64() * 1e3;
    writeln!(io::stdout(), "{:.<42} {ms:>9.1} ms", format!("{label} "))
}
