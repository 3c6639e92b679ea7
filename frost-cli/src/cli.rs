//! The verbs of the `frost` binary.
//!
//! Exit status: 0 success, 1 a failed session or check (the message says
//! which participant failed and why), 2 bad usage.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use serde_json::json;
use zeroize::Zeroizing;

use crate::Failure;
use crate::client::{DkgRun, RelayAddr, run_dkg, store_outcome};
use crate::dkg::{Protocol, driver};
use crate::relay::RelayConfig;
use crate::state::{GroupFile, HostFile, Keyring, Sealed, StateDir, host_aad, share_bundle_aad};
use crate::suite::{self, Suite, TweakArg};

/// The environment variable holding the passphrase (else it is prompted for).
pub const PASSPHRASE_ENV: &str = "FROST_PASSPHRASE";

/// FROST threshold signatures across machines: a relay, and participants
/// that run a distributed key generation through it.
#[derive(Parser, Debug)]
#[command(name = "frost", version, about, long_about = None)]
pub struct Cli {
    /// Machine-readable output: one JSON object per line on standard output.
    #[arg(long, global = true)]
    pub json: bool,
    /// The verb.
    #[command(subcommand)]
    pub command: Command,
}

/// The verbs.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a relay: an untrusted mailbox and DKG coordinator, in memory.
    Relay(RelayArgs),
    /// Create a participant's state directory and host key; prints the host
    /// public key.
    Init(InitArgs),
    /// Run a distributed key generation with the participants in FILE.
    Dkg(DkgArgs),
    /// List the groups (and unfinished sessions) of a state directory.
    Groups(StateArgs),
    /// Write a group's public key package and recovery data as JSON.
    ExportGroup(ExportArgs),
    /// Store another group's public key package (for a non-member).
    ImportGroup(ImportArgs),
    /// Restore a group from the host key and the session's recovery data.
    Recover(RecoverArgs),
    /// Verify a signature; exit status 0 when valid, 1 when not.
    Verify(VerifyArgs),
    /// Serve signing requests for this directory's groups, asking consent
    /// for each.
    Sign(SignArgs),
    /// Ask a group to sign a message (runs the ROAST coordinator); writes
    /// the signature.
    Request(RequestArgs),
}

/// `frost relay`.
#[derive(Args, Debug)]
pub struct RelayArgs {
    /// The address to listen on, HOST:PORT (port 0 picks a free port).
    #[arg(long)]
    pub listen: String,
    /// The TLS certificate (PEM); without it only a loopback address is allowed.
    #[arg(long, requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The TLS private key (PEM).
    #[arg(long, requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Seconds a session or stored message lives after its last activity.
    #[arg(long, default_value_t = 3600)]
    pub ttl: u64,
    /// The cap on any frame, in bytes.
    #[arg(long, default_value_t = crate::frame::DEFAULT_MAX_FRAME)]
    pub max_frame: usize,
    /// Connections one host key may hold at once.
    #[arg(long, default_value_t = 16)]
    pub max_connections_per_key: usize,
    /// Print the bytes received and sent so far, once a second while they
    /// change (for benchmarks).
    #[arg(long)]
    pub report_traffic: bool,
}

/// `frost sign`.
#[derive(Args, Debug)]
pub struct SignArgs {
    /// The state directory.
    #[arg(long)]
    pub state: PathBuf,
    /// The relay, HOST:PORT.
    #[arg(long)]
    pub relay: String,
    /// The relay's certificate to pin (PEM); required unless the relay is on loopback.
    #[arg(long)]
    pub relay_cert: Option<PathBuf>,
    /// Serve only this group (hex, or a unique prefix); default every group
    /// this directory is a member of.
    #[arg(long)]
    pub group: Option<String>,
    /// Approve every request without asking (for daemons and tests).
    #[arg(long)]
    pub yes: bool,
    /// Exit after one request (signed, declined or abandoned). Requests
    /// accepted together, such as those waiting at the relay when it
    /// starts, are served until the last of them is done.
    #[arg(long)]
    pub once: bool,
    /// Seconds to wait for the relay when connecting or sending.
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
}

/// `frost request`.
#[derive(Args, Debug)]
pub struct RequestArgs {
    /// The state directory: a member's, or one holding the group through
    /// `frost import-group` (with a host key from `frost init`).
    #[arg(long)]
    pub state: PathBuf,
    /// The relay, HOST:PORT.
    #[arg(long)]
    pub relay: String,
    /// The relay's certificate to pin (PEM); required unless the relay is on loopback.
    #[arg(long)]
    pub relay_cert: Option<PathBuf>,
    /// The group key (hex, or a unique prefix).
    #[arg(long)]
    pub group: String,
    /// The file holding the message to sign (its exact bytes).
    #[arg(long)]
    pub message_file: PathBuf,
    /// Where to write the signature (hex).
    #[arg(long)]
    pub signature_out: PathBuf,
    /// secp256k1-tr only: `none` (default), `key-path`, or `merkle-root HEX`
    /// (a 32-byte script-tree root).
    #[arg(long, num_args = 1..=2, value_names = ["KIND", "HEX"])]
    pub tweak: Vec<String>,
    /// Seconds to wait for the signature in all.
    #[arg(long, default_value_t = 300)]
    pub timeout: u64,
}

/// `frost init`.
#[derive(Args, Debug)]
pub struct InitArgs {
    /// The state directory to create.
    #[arg(long)]
    pub state: PathBuf,
    /// The ciphersuite.
    #[arg(long)]
    pub suite: Suite,
}

/// `frost dkg`.
#[derive(Args, Debug)]
pub struct DkgArgs {
    /// The state directory.
    #[arg(long)]
    pub state: PathBuf,
    /// The relay, HOST:PORT.
    #[arg(long)]
    pub relay: String,
    /// The relay's certificate to pin (PEM); required unless the relay is on loopback.
    #[arg(long)]
    pub relay_cert: Option<PathBuf>,
    /// The threshold t: how many participants must sign.
    #[arg(long)]
    pub threshold: u32,
    /// The file of host public keys in hex, one per line, in participant order.
    #[arg(long)]
    pub participants: PathBuf,
    /// The session label: the same participants can run several sessions.
    #[arg(long, default_value = "")]
    pub session: String,
    /// Refuse to send anything unless the params hash is this (hex).
    #[arg(long)]
    pub expect_params_hash: Option<String>,
    /// The DKG protocol: chilldkg (secp256k1 and secp256k1-tr only, their
    /// default) or cocktail (every suite, the default of ed25519, ed448,
    /// p256 and ristretto255).
    #[arg(long)]
    pub protocol: Option<Protocol>,
    /// Seconds to wait for any one step.
    #[arg(long, default_value_t = 120)]
    pub timeout: u64,
}

/// A verb that takes only the state directory.
#[derive(Args, Debug)]
pub struct StateArgs {
    /// The state directory.
    #[arg(long)]
    pub state: PathBuf,
}

/// `frost export-group`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The state directory.
    #[arg(long)]
    pub state: PathBuf,
    /// The group key (hex, or a unique prefix).
    #[arg(long)]
    pub group: String,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// `frost import-group`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The state directory (created if needed).
    #[arg(long)]
    pub state: PathBuf,
    /// A file written by `frost export-group`.
    #[arg(long)]
    pub file: PathBuf,
}

/// `frost recover`.
#[derive(Args, Debug)]
pub struct RecoverArgs {
    /// The state directory (with its host key).
    #[arg(long)]
    pub state: PathBuf,
    /// The recovery data: a `frost export-group` file, or the bytes in hex.
    #[arg(long)]
    pub recovery_data: PathBuf,
    /// The DKG protocol of the session (default: the one a `frost
    /// export-group` file names, else as for `frost dkg`).
    #[arg(long)]
    pub protocol: Option<Protocol>,
}

/// `frost verify`.
#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// The ciphersuite.
    #[arg(long)]
    pub suite: Suite,
    /// The group public key (hex); for secp256k1-tr also a 32-byte x-only key.
    #[arg(long)]
    pub group: String,
    /// The file holding the signed message (its exact bytes).
    #[arg(long)]
    pub message_file: PathBuf,
    /// The signature (hex).
    #[arg(long)]
    pub signature: String,
    /// secp256k1-tr only: `none` (default), `key-path`, or `merkle-root HEX`
    /// (a 32-byte script-tree root).
    #[arg(long, num_args = 1..=2, value_names = ["KIND", "HEX"])]
    pub tweak: Vec<String>,
}

/// Runs the command line; returns the exit status.
pub fn main() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let json = cli.json;
    match run(cli) {
        Ok(()) => 0,
        Err(f) => {
            // `frost verify` already said "invalid".
            if json && !f.message.is_empty() {
                println!("{}", json!({"error": f.message, "exit": f.exit}));
            }
            if !f.message.is_empty() {
                eprintln!("frost: {}", f.message);
            }
            f.exit
        }
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failure::failed(format!("cannot start the runtime: {e}")))
}

fn run(cli: Cli) -> Result<(), Failure> {
    let json = cli.json;
    match cli.command {
        Command::Relay(a) => relay(a, json),
        Command::Init(a) => init(a, json),
        Command::Dkg(a) => dkg(a, json),
        Command::Groups(a) => groups(a, json),
        Command::ExportGroup(a) => export_group(a, json),
        Command::ImportGroup(a) => import_group(a, json),
        Command::Recover(a) => recover(a, json),
        Command::Verify(a) => verify(a, json),
        Command::Sign(a) => sign(a),
        Command::Request(a) => request(a, json),
    }
}

fn out(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();
}

fn relay(a: RelayArgs, json: bool) -> Result<(), Failure> {
    let tls = match (&a.tls_cert, &a.tls_key) {
        (Some(c), Some(k)) => Some(crate::tls::server_config(c, k).map_err(Failure::usage)?),
        _ => None,
    };
    let config = RelayConfig {
        ttl: Duration::from_secs(a.ttl.max(1)),
        max_frame: a.max_frame.max(1 << 16),
        max_connections_per_key: a.max_connections_per_key.max(1),
        report_traffic: a.report_traffic,
        ..RelayConfig::default()
    };
    let rt = runtime()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&a.listen)
            .await
            .map_err(|e| Failure::usage(format!("cannot listen on {}: {e}", a.listen)))?;
        let addr = listener.local_addr().map_err(|e| Failure::failed(e.to_string()))?;
        if tls.is_none() && !addr.ip().is_loopback() {
            return Err(Failure::usage(
                "plain TCP is allowed only on a loopback address; pass --tls-cert and --tls-key",
            ));
        }
        if json {
            out(&json!({"listening": addr.to_string(), "tls": tls.is_some()}).to_string());
        } else {
            out(&format!("listening on {addr}"));
        }
        if tls.is_none() {
            eprintln!("frost relay: plain TCP on loopback (no TLS)");
        }
        crate::relay::serve(listener, tls, config)
            .await
            .map_err(|e| Failure::failed(e.to_string()))
    })
}

/// The passphrase, from `FROST_PASSPHRASE` or a prompt.
fn passphrase(state: &Path, confirm: bool) -> Result<Keyring, Failure> {
    if std::env::var(crate::state::FAST_ARGON2_ENV).as_deref() == Ok("fast") {
        eprintln!("frost: FROST_TEST_ARGON2=fast: new secrets get a test-only, weak passphrase hash");
    }
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        return Ok(Keyring::new(Zeroizing::new(p.into_bytes())));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Failure::usage(format!(
            "no passphrase: set {PASSPHRASE_ENV} or run on a terminal"
        )));
    }
    let prompt = format!("passphrase for {}: ", state.display());
    let p = Zeroizing::new(rpassword::prompt_password(&prompt).map_err(|e| Failure::usage(e.to_string()))?);
    if confirm {
        let again = Zeroizing::new(rpassword::prompt_password("again: ").map_err(|e| Failure::usage(e.to_string()))?);
        if *again != *p {
            return Err(Failure::usage("the passphrases differ"));
        }
    }
    Ok(Keyring::new(Zeroizing::new(p.as_bytes().to_vec())))
}

fn init(a: InitArgs, json: bool) -> Result<(), Failure> {
    let state = StateDir::new(&a.state);
    if state.has_host() {
        return Err(Failure::usage(format!(
            "{} already holds a host key; nothing was changed",
            state.root().display()
        )));
    }
    let mut keyring = passphrase(&a.state, true)?;
    let (secret, public) = suite::generate_host_key(a.suite);
    let public_hex = hex::encode(&public);
    let sealed = keyring
        .seal(&secret, &host_aad(a.suite, &public_hex), None)
        .map_err(Failure::failed)?;
    state
        .write_host(&HostFile {
            version: 1,
            suite: a.suite,
            host_public_key: public_hex.clone(),
            host_secret_key: sealed,
        })
        .map_err(|e| Failure::failed(e.to_string()))?;
    if json {
        out(&json!({"suite": a.suite, "host_public_key": public_hex}).to_string());
    } else {
        out(&public_hex);
    }
    Ok(())
}

/// Reads a participants file: hex keys, one per line; blank lines and `#`
/// comments are skipped.
pub fn read_participants(path: &Path, suite: Suite) -> Result<Vec<Vec<u8>>, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
    let mut keys = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let key = hex::decode(line)
            .ok()
            .filter(|k| suite::is_host_public_key(suite, k))
            .ok_or_else(|| {
                Failure::usage(format!(
                    "{} line {}: not a {suite} host public key in hex",
                    path.display(),
                    i + 1
                ))
            })?;
        keys.push(key);
    }
    Ok(keys)
}

fn open_host(state: &StateDir, keyring: &mut Keyring) -> Result<(HostFile, Zeroizing<Vec<u8>>), Failure> {
    state.open_host(keyring).map_err(|e| match e {
        crate::state::StateError::Missing(p) => {
            Failure::usage(format!("{} does not exist: run `frost init` first", p.display()))
        }
        other => Failure::failed(other.to_string()),
    })
}

fn protocol_driver(suite: Suite, protocol: Option<Protocol>) -> Result<&'static dyn crate::dkg::DkgDriver, Failure> {
    let protocol = protocol.unwrap_or(Protocol::default_for(suite));
    driver(suite, protocol).ok_or_else(|| {
        Failure::usage(format!(
            "this build has no {protocol} DKG for {suite} (ChillDKG runs on secp256k1 and secp256k1-tr only; \
             COCKTAIL-DKG on every suite)"
        ))
    })
}

fn dkg(a: DkgArgs, json: bool) -> Result<(), Failure> {
    let state = StateDir::new(&a.state);
    let host = state.read_host().map_err(|e| match e {
        crate::state::StateError::Missing(p) => {
            Failure::usage(format!("{} does not exist: run `frost init` first", p.display()))
        }
        other => Failure::failed(other.to_string()),
    })?;
    let suite = host.suite;
    let driver = protocol_driver(suite, a.protocol)?;
    let participants = read_participants(&a.participants, suite)?;
    if (suite, driver.protocol()) == (Suite::Secp256k1Tr, Protocol::Cocktail) {
        eprintln!(
            "frost: COCKTAIL-DKG's secp256k1-tr group key carries no Taproot tweak (ChillDKG's does): \
             sign for an output key with a key-path or script-tree tweak, never the bare key"
        );
    }
    if a.threshold < 2 || a.threshold as usize > participants.len() {
        return Err(Failure::usage(format!(
            "the threshold must be between 2 and the number of participants ({})",
            participants.len()
        )));
    }
    let params_hash = driver
        .params_hash(&participants, a.threshold)
        .map_err(|e| Failure::usage(e.message))?;
    let params_hex = hex::encode(params_hash);
    if json {
        out(&json!({"params_hash": params_hex}).to_string());
    } else {
        out(&format!("params hash: {params_hex}"));
    }
    if let Some(expected) = &a.expect_params_hash {
        let expected: String = expected.chars().filter(|c| !c.is_whitespace()).collect();
        if !expected.eq_ignore_ascii_case(&params_hex) {
            return Err(Failure::failed(format!(
                "the params hash is {params_hex}, not the expected {expected}: the participant list or the \
                 threshold differs; nothing was sent"
            )));
        }
    }
    let sid = crate::dkg::session_id(suite, driver.protocol(), &params_hash, &a.session);
    if let Some(group) = state
        .group_of_session(&hex::encode(sid))
        .map_err(|e| Failure::failed(e.to_string()))?
    {
        eprintln!("frost: this session already finished");
        // A crash after storing the group may have left the session file.
        state
            .remove_session(&hex::encode(sid))
            .map_err(|e| Failure::failed(e.to_string()))?;
        print_group(&group, json);
        return Ok(());
    }
    let mut keyring = passphrase(&a.state, false)?;
    let (host, secret) = open_host(&state, &mut keyring)?;
    let public = hex::decode(&host.host_public_key).map_err(|_| Failure::failed("corrupt host.json"))?;
    let relay = RelayAddr {
        addr: a.relay.clone(),
        cert: a.relay_cert.clone(),
    };
    let rt = runtime()?;
    let group = rt.block_on(run_dkg(DkgRun {
        state: &state,
        keyring: &mut keyring,
        secret: &secret,
        public: &public,
        relay: &relay,
        driver,
        threshold: a.threshold,
        participants,
        label: a.session.clone(),
        timeout: Duration::from_secs(a.timeout.max(1)),
        like: &host.host_secret_key,
    }))?;
    // The runtime may hold a connection; end it before printing.
    rt.shutdown_timeout(Duration::from_secs(1));
    print_group(&group, json);
    Ok(())
}

fn print_group(group: &GroupFile, json: bool) {
    if json {
        out(&json!({
            "group_key": group.group_key,
            "suite": group.suite,
            "threshold": group.threshold,
            "participants": group.participants.len(),
            "identifier": group.identifier,
            "session": group.session,
        })
        .to_string());
    } else {
        out(&format!("group key: {}", group.group_key));
    }
}

fn groups(a: StateArgs, json: bool) -> Result<(), Failure> {
    let state = StateDir::new(&a.state);
    if !state.root().exists() {
        return Err(Failure::usage(format!("{} does not exist", state.root().display())));
    }
    let groups = state.groups().map_err(|e| Failure::failed(e.to_string()))?;
    if json {
        let list: Vec<_> = groups
            .iter()
            .map(|g| {
                json!({
                    "group_key": g.group_key,
                    "suite": g.suite,
                    "threshold": g.threshold,
                    "participants": g.participants.len(),
                    "identifier": g.identifier,
                    "label": g.label,
                    "member": g.key_package.is_some(),
                })
            })
            .collect();
        let pending: Vec<_> = state
            .sessions()
            .map_err(|e| Failure::failed(e.to_string()))?
            .iter()
            .map(|p| json!({"session": p.session, "label": p.label, "threshold": p.threshold, "participants": p.participants.len()}))
            .collect();
        out(&json!({"groups": list, "unfinished_sessions": pending}).to_string());
        return Ok(());
    }
    let pending = state.sessions().map_err(|e| Failure::failed(e.to_string()))?;
    if groups.is_empty() && pending.is_empty() {
        eprintln!("frost: no groups in {}", state.root().display());
    }
    for p in &pending {
        out(&format!(
            "unfinished session {:?} ({}-of-{}, {}…): past step 2; rerun its `frost dkg` to finish it",
            p.label,
            p.threshold,
            p.participants.len(),
            &p.session[..12]
        ));
    }
    for g in &groups {
        let role = match g.identifier {
            Some(id) => format!("participant {id}"),
            None => "not a member (imported)".to_string(),
        };
        let label = match g.label.as_deref() {
            Some("") | None => String::new(),
            Some(l) => format!(" session {l:?}"),
        };
        out(&format!(
            "{} {} {}-of-{} {role}{label}",
            g.group_key,
            g.suite,
            g.threshold,
            g.participants.len()
        ));
    }
    Ok(())
}

fn find_group(state: &StateDir, prefix: &str) -> Result<GroupFile, Failure> {
    let prefix = prefix.to_ascii_lowercase();
    let matches: Vec<GroupFile> = state
        .groups()
        .map_err(|e| Failure::failed(e.to_string()))?
        .into_iter()
        .filter(|g| g.group_key.starts_with(&prefix))
        .collect();
    match matches.len() {
        1 => Ok(matches.into_iter().next().expect("one")),
        0 => Err(Failure::usage(format!(
            "no group {prefix} in {}",
            state.root().display()
        ))),
        _ => Err(Failure::usage(format!(
            "{prefix} matches several groups; give more of the key"
        ))),
    }
}

fn export_group(a: ExportArgs, json: bool) -> Result<(), Failure> {
    let state = StateDir::new(&a.state);
    let g = find_group(&state, &a.group)?;
    let export = json!({
        "format": "frost-group-v1",
        "suite": g.suite,
        "group_key": g.group_key,
        "threshold": g.threshold,
        "participants": g.participants,
        "public_key_package": g.public_key_package,
        "recovery_data": g.recovery_data,
        "protocol": g.protocol,
    });
    let text = serde_json::to_string_pretty(&export).expect("json") + "\n";
    match &a.out {
        Some(path) => {
            crate::state::write_atomic(path, text.as_bytes(), "export")
                .map_err(|e| Failure::failed(format!("{}: {e}", path.display())))?;
            if json {
                out(&json!({"written": path}).to_string());
            }
        }
        None => print!("{text}"),
    }
    Ok(())
}

#[derive(serde::Deserialize)]
struct Export {
    format: String,
    suite: Suite,
    group_key: String,
    threshold: u32,
    participants: Vec<String>,
    public_key_package: String,
    recovery_data: Option<String>,
    /// The DKG protocol (absent in older exports and for imported groups).
    #[serde(default)]
    protocol: Option<Protocol>,
}

fn read_export(path: &Path) -> Result<Export, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
    let e: Export = serde_json::from_slice(&bytes)
        .map_err(|e| Failure::usage(format!("{} is not a frost export-group file: {e}", path.display())))?;
    if e.format != "frost-group-v1" {
        return Err(Failure::usage(format!(
            "{}: unknown format {}",
            path.display(),
            e.format
        )));
    }
    Ok(e)
}

fn import_group(a: ImportArgs, json: bool) -> Result<(), Failure> {
    let e = read_export(&a.file)?;
    let pkp = hex::decode(&e.public_key_package).map_err(|_| Failure::usage("public_key_package is not hex"))?;
    let key = hex::decode(&e.group_key).map_err(|_| Failure::usage("group_key is not hex"))?;
    suite::check_public_key_package(e.suite, &pkp, &key).map_err(Failure::usage)?;
    let state = StateDir::new(&a.state);
    if let Ok(existing) = state.read_group(&e.group_key) {
        eprintln!(
            "frost: {} already holds group {}; nothing was changed",
            state.root().display(),
            existing.group_key
        );
    } else {
        state
            .write_group(&GroupFile {
                version: 1,
                suite: e.suite,
                protocol: e.protocol,
                label: None,
                session: None,
                params_hash: None,
                threshold: e.threshold,
                participants: e.participants,
                group_key: e.group_key.clone(),
                public_key_package: e.public_key_package,
                recovery_data: e.recovery_data,
                identifier: None,
                key_package: None,
                share_bundle: None,
            })
            .map_err(|e| Failure::failed(e.to_string()))?;
    }
    if json {
        out(&json!({"group_key": e.group_key}).to_string());
    } else {
        out(&format!("group key: {}", e.group_key));
    }
    Ok(())
}

fn recover(a: RecoverArgs, json: bool) -> Result<(), Failure> {
    let state = StateDir::new(&a.state);
    let text = std::fs::read_to_string(&a.recovery_data)
        .map_err(|e| Failure::usage(format!("{}: {e}", a.recovery_data.display())))?;
    // An export names its protocol; --protocol overrides it.
    let (hex_data, exported) = if text.trim_start().starts_with('{') {
        let e = read_export(&a.recovery_data)?;
        let data = e
            .recovery_data
            .ok_or_else(|| Failure::usage("the file holds no recovery data"))?;
        (data, e.protocol)
    } else {
        (text.split_whitespace().collect(), None)
    };
    let data = hex::decode(hex_data.trim()).map_err(|_| Failure::usage("the recovery data is not hex"))?;
    let mut keyring = passphrase(&a.state, false)?;
    let (host, secret) = open_host(&state, &mut keyring)?;
    let driver = protocol_driver(host.suite, a.protocol.or(exported))?;
    let (outcome, session, bundle) = if driver.recovery_needs_secret() {
        recover_with_bundle(&state, &mut keyring, driver, &secret, &data)?
    } else {
        let outcome = driver
            .recover(&secret, &data, None)
            .map_err(|e| Failure::failed(e.message))?;
        (outcome, None, None)
    };
    let params_hash = driver
        .params_hash(&outcome.hostpubkeys, outcome.threshold)
        .map_err(|e| Failure::failed(e.message))?;
    let params_hex = hex::encode(params_hash);
    let session = session
        .as_ref()
        .map(|(label, sid): &(String, String)| (driver.protocol(), label.as_str(), sid.as_str(), params_hash));
    let group = store_outcome(
        &state,
        &mut keyring,
        &host.host_secret_key,
        host.suite,
        session,
        outcome,
        bundle,
    )?;
    // A session this directory left unfinished is finished now.
    for pending in state.sessions().map_err(|e| Failure::failed(e.to_string()))? {
        if pending.params_hash == params_hex && pending.protocol == driver.protocol() {
            state
                .remove_session(&pending.session)
                .map_err(|e| Failure::failed(e.to_string()))?;
        }
    }
    print_group(&group, json);
    Ok(())
}

/// A recovered outcome, the (label, session id) of the session it came
/// from, and the sealed share bundle that opened it.
type Recovered = (crate::dkg::DkgOutcome, Option<(String, String)>, Option<Sealed>);

/// COCKTAIL-DKG recovery: the recovery data with each share bundle this
/// directory holds (of unfinished sessions and of stored groups), the
/// first that recovers.
fn recover_with_bundle(
    state: &StateDir,
    keyring: &mut Keyring,
    driver: &'static dyn crate::dkg::DkgDriver,
    secret: &[u8],
    data: &[u8],
) -> Result<Recovered, Failure> {
    let suite = driver.suite();
    let mut candidates: Vec<(String, String, Sealed)> = Vec::new();
    for p in state.sessions().map_err(|e| Failure::failed(e.to_string()))? {
        if let (true, true, Some(b)) = (p.suite == suite, p.protocol == driver.protocol(), p.share_bundle) {
            candidates.push((p.label, p.session, b));
        }
    }
    for g in state.groups().map_err(|e| Failure::failed(e.to_string()))? {
        if let (true, Some(sid), Some(b)) = (g.suite == suite, g.session, g.share_bundle) {
            candidates.push((g.label.unwrap_or_default(), sid, b));
        }
    }
    let mut last = None;
    for (label, sid, sealed) in candidates {
        let Ok(bundle) = keyring.open(&sealed, &share_bundle_aad(suite, &sid)) else {
            continue;
        };
        match driver.recover(secret, data, Some(&bundle)) {
            Ok(outcome) => return Ok((outcome, Some((label, sid)), Some(sealed))),
            Err(e) => last = Some(e.message),
        }
    }
    Err(Failure::failed(match last {
        Some(e) => e,
        None => format!(
            "COCKTAIL-DKG recovery needs this participant's encrypted share bundle, and {} holds none:              it is written there before step 2 is sent",
            state.root().display()
        ),
    }))
}

fn verify(a: VerifyArgs, json: bool) -> Result<(), Failure> {
    let group = hex::decode(a.group.trim()).map_err(|_| Failure::usage("--group is not hex"))?;
    let signature = hex::decode(a.signature.trim()).map_err(|_| Failure::usage("--signature is not hex"))?;
    let message =
        std::fs::read(&a.message_file).map_err(|e| Failure::usage(format!("{}: {e}", a.message_file.display())))?;
    let tweak = parse_tweak(&a.tweak)?;
    let valid =
        suite::verify_signature(a.suite, &group, &message, &signature, &tweak).map_err(|e| Failure::usage(e.0))?;
    if json {
        out(&json!({"valid": valid}).to_string());
    } else {
        out(if valid { "valid" } else { "invalid" });
    }
    if valid { Ok(()) } else { Err(Failure::failed("")) }
}

/// `--tweak none|key-path|merkle-root HEX` (also the older `keypath` and a
/// bare 32-byte root).
fn parse_tweak(words: &[String]) -> Result<TweakArg, Failure> {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let root = |h: &str| -> Option<TweakArg> { hex::decode(h).ok()?.try_into().ok().map(TweakArg::ScriptTree) };
    let tweak = match words[..] {
        [] | ["none"] => Some(TweakArg::None),
        ["key-path"] | ["keypath"] => Some(TweakArg::KeyPath),
        ["merkle-root", h] => root(h),
        [h] => root(h),
        _ => None,
    };
    tweak.ok_or_else(|| Failure::usage("--tweak is none, key-path, or merkle-root HEX (a 32-byte root)"))
}

/// The host key of a directory that signs envelopes, which must be of `suite`.
fn host_for(state: &StateDir, keyring: &mut Keyring, suite: Suite) -> Result<(Vec<u8>, Zeroizing<Vec<u8>>), Failure> {
    if !state.has_host() {
        return Err(Failure::usage(format!(
            "{} has no host key, which signs every message to the signers: run `frost init --suite {suite} --state {}` first",
            state.root().display(),
            state.root().display()
        )));
    }
    let (host, secret) = open_host(state, keyring)?;
    if host.suite != suite {
        return Err(Failure::usage(format!(
            "the host key of {} is a {} key; the group is {suite}: use a directory with a {suite} host key",
            state.root().display(),
            host.suite
        )));
    }
    let public = hex::decode(&host.host_public_key).map_err(|_| Failure::failed("corrupt host.json"))?;
    Ok((public, secret))
}

fn sign(a: SignArgs) -> Result<(), Failure> {
    let state = StateDir::new(&a.state);
    let host = state.read_host().map_err(|e| match e {
        crate::state::StateError::Missing(p) => {
            Failure::usage(format!("{} does not exist: run `frost init` first", p.display()))
        }
        other => Failure::failed(other.to_string()),
    })?;
    let suite = host.suite;
    let all = match &a.group {
        Some(prefix) => vec![find_group(&state, prefix)?],
        None => state.groups().map_err(|e| Failure::failed(e.to_string()))?,
    };
    let members: Vec<GroupFile> = all
        .into_iter()
        .filter(|g| g.key_package.is_some() && g.suite == suite)
        .collect();
    if members.is_empty() {
        return Err(Failure::usage(format!(
            "{} is a member of no group{}: nothing to sign for",
            state.root().display(),
            if a.group.is_some() { " of that key" } else { "" }
        )));
    }
    let mut keyring = passphrase(&a.state, false)?;
    let (public, secret) = host_for(&state, &mut keyring, suite)?;
    let mut groups = Vec::new();
    for g in &members {
        let sealed = g.key_package.as_ref().expect("filtered above");
        let key_package = keyring
            .open(sealed, &crate::state::key_package_aad(suite, &g.group_key))
            .map_err(|e| Failure::failed(e.unwrap_or_else(|| "a key package does not open: corrupt".into())))?;
        let participants = g
            .participants
            .iter()
            .map(hex::decode)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| Failure::failed("corrupt group file"))?;
        groups.push(crate::sign::SigningGroup {
            group_key: hex::decode(&g.group_key).map_err(|_| Failure::failed("corrupt group file"))?,
            participants,
            threshold: g.threshold,
            key_package,
        });
    }
    let relay = RelayAddr {
        addr: a.relay.clone(),
        cert: a.relay_cert.clone(),
    };
    let rt = runtime()?;
    let result = rt.block_on(crate::sign::serve(crate::sign::SignRun {
        secret: &secret,
        public: &public,
        relay: &relay,
        suite,
        groups,
        yes: a.yes,
        once: a.once,
        timeout: Duration::from_secs(a.timeout.max(1)),
    }));
    rt.shutdown_timeout(Duration::from_secs(1));
    result
}

fn request(a: RequestArgs, json: bool) -> Result<(), Failure> {
    let state = StateDir::new(&a.state);
    let group = find_group(&state, &a.group)?;
    let tweak = parse_tweak(&a.tweak)?;
    let message =
        std::fs::read(&a.message_file).map_err(|e| Failure::usage(format!("{}: {e}", a.message_file.display())))?;
    let decode = |h: &str| hex::decode(h).map_err(|_| Failure::failed("corrupt group file"));
    let participants = group
        .participants
        .iter()
        .map(|p| decode(p))
        .collect::<Result<Vec<_>, _>>()?;
    let mut keyring = passphrase(&a.state, false)?;
    let (public, secret) = host_for(&state, &mut keyring, group.suite)?;
    let relay = RelayAddr {
        addr: a.relay.clone(),
        cert: a.relay_cert.clone(),
    };
    let rt = runtime()?;
    let result = rt.block_on(crate::sign::request(crate::sign::RequestRun {
        secret: &secret,
        public: &public,
        relay: &relay,
        suite: group.suite,
        group_key: decode(&group.group_key)?,
        public_key_package: decode(&group.public_key_package)?,
        participants: participants.clone(),
        message,
        tweak,
        timeout: Duration::from_secs(a.timeout.max(1)),
    }));
    rt.shutdown_timeout(Duration::from_secs(1));
    let signed = result?;
    let sig_hex = hex::encode(&signed.signature);
    crate::state::write_atomic(&a.signature_out, format!("{sig_hex}\n").as_bytes(), "signature")
        .map_err(|e| Failure::failed(format!("{}: {e}", a.signature_out.display())))?;
    let name = |p: &usize| crate::client::name_participant(*p, &participants);
    let names = |ps: &[usize]| -> String {
        if ps.is_empty() {
            "none".into()
        } else {
            ps.iter().map(name).collect::<Vec<_>>().join(", ")
        }
    };
    let flagged: Vec<String> = signed
        .flagged
        .iter()
        .map(|(p, why)| format!("{} {why}", name(p)))
        .collect();
    if json {
        out(&json!({
            "signature": sig_hex,
            "written": a.signature_out,
            "key": hex::encode(&signed.key),
            "signers": signed.signers.iter().map(|p| p + 1).collect::<Vec<_>>(),
            "flagged": signed.flagged.iter().map(|(p, why)| json!({"participant": p + 1, "why": why})).collect::<Vec<_>>(),
            "declined": signed.declined.iter().map(|(p, _)| p + 1).collect::<Vec<_>>(),
            "silent": signed.silent.iter().map(|p| p + 1).collect::<Vec<_>>(),
            "relay_faults": signed.relay_faults,
            "sessions": signed.sessions,
        })
        .to_string());
        return Ok(());
    }
    out(&format!("signature written to {}", a.signature_out.display()));
    out(&format!("verifies under: {}", hex::encode(&signed.key)));
    out(&format!("signers: {}", names(&signed.signers)));
    out(&format!(
        "flagged: {}",
        if flagged.is_empty() {
            "none".to_string()
        } else {
            flagged.join("; ")
        }
    ));
    if !signed.declined.is_empty() {
        let d: Vec<usize> = signed.declined.iter().map(|(p, _)| *p).collect();
        out(&format!("declined: {}", names(&d)));
    }
    if !signed.silent.is_empty() {
        out(&format!("no answer: {}", names(&signed.silent)));
    }
    if !signed.relay_faults.is_empty() {
        out(&format!("the relay misbehaved: {}", signed.relay_faults.join("; ")));
    }
    out(&format!("ROAST sessions started: {}", signed.sessions));
    Ok(())
}
